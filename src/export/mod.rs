//! Alternative formats of every document, made with the site from the same
//! content: EPUB 3, plain text, large print, Braille (BRF) and audio.
//!
//! Each document is walked once, in the site's reading order, into a
//! [`Book`]; every format is written from it, so they all say the same
//! things in the same order. Braille and audio need system programs
//! (liblouis, espeak-ng, lame): when one is missing its export is skipped
//! and reported, and the build goes on.

mod archive;
pub mod audio;
pub mod blocks;
pub mod book;
pub mod braille;
mod edition;
pub mod epub;
pub mod large_print;
pub mod linear;
pub mod progress;
pub mod templates;
pub mod text;
pub mod tool_cache;
mod tools;

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use rayon::prelude::*;

use crate::document::Document;
use crate::document::views::ExportLink;
use crate::document::views::Urls;
use crate::model::Content;
use crate::theme::Theme;
use crate::theme::locale::Locale;

pub use book::Book;
pub use edition::{Edition, Workshop};
use templates::{TemplateError, Templates};
pub use tools::{Tool, ToolError, Tools};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Epub,
    LargePrint,
    Text,
    Braille,
    Audio,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Epub,
        Format::LargePrint,
        Format::Text,
        Format::Braille,
        Format::Audio,
    ];

    /// As typed after `--format`.
    pub fn key(self) -> &'static str {
        match self {
            Format::Epub => "epub",
            Format::LargePrint => "large-print",
            Format::Text => "txt",
            Format::Braille => "brf",
            Format::Audio => "audio",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Format::Epub => "EPUB 3 ebook",
            Format::LargePrint => "Large print",
            Format::Text => "Plain text",
            Format::Braille => "Braille",
            Format::Audio => "Audio",
        }
    }

    /// The system programs it needs.
    pub fn tools(self, tools: &Tools) -> Vec<&Tool> {
        match self {
            Format::Braille => vec![&tools.lou_translate],
            Format::Audio => vec![&tools.espeak_ng, &tools.lame],
            _ => vec![],
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a format: use epub, txt, large-print, brf or audio")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Self, UnknownFormat> {
        Format::ALL
            .into_iter()
            .find(|f| f.key() == s)
            .ok_or_else(|| UnknownFormat(s.to_string()))
    }
}

/// What to export, and how.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// The theme: its `export/` holds the templates.
    pub theme: Theme,
    pub formats: Vec<Format>,
    /// Only this document.
    pub document: Option<String>,
    /// The documents that get audio; `None`: those `site.yaml` names.
    pub audio_for: Option<Vec<String>>,
    /// Show a progress bar.
    pub progress: bool,
    pub tools: Tools,
    /// The words of the exports, in the site's language.
    pub locale: Arc<Locale>,
}

impl ExportOptions {
    /// Every format, for every document, progress shown on a terminal.
    pub fn new(theme: Theme, locale: &Arc<Locale>) -> Self {
        ExportOptions {
            theme,
            locale: Arc::clone(locale),
            formats: Format::ALL.to_vec(),
            document: None,
            audio_for: None,
            progress: progress::wanted(),
            tools: Tools::default(),
        }
    }
}

/// A file of a document in another format, and how the site lists it.
#[derive(Debug, Clone)]
pub struct ExportFile {
    pub link: ExportLink,
    pub bytes: Vec<u8>,
}

/// A format not made because a program it needs is not installed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub format: Format,
    pub tool: Tool,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "notice: {} exports skipped: `{}` is not installed (Debian package {})",
            self.format.label().to_lowercase(),
            self.tool.program,
            self.tool.package
        )
    }
}

#[derive(Debug, Default)]
pub struct Exported {
    /// In document order, then by format.
    pub files: Vec<ExportFile>,
    pub skipped: Vec<Skipped>,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("there is no document `{0}`")]
    UnknownDocument(String),
    #[error(
        "`{document}` is not held on this site, so it has no {format} edition: only txt and audio"
    )]
    NotHeld { document: String, format: Format },
    #[error(transparent)]
    Template(#[from] TemplateError),
    #[error("making {document}'s {format} export: {source}")]
    Tool {
        document: String,
        format: Format,
        #[source]
        source: ToolError,
    },
    #[error("writing {path}: {source}")]
    Zip {
        path: String,
        #[source]
        source: zip::result::ZipError,
    },
}

/// Makes the chosen formats of each document, from its model, as the
/// build goes: a document's files are made when its model is, so that no
/// more than the documents being worked on are held at once.
pub struct Exporter<'a> {
    source: book::Source<'a>,
    formats: Vec<Format>,
    skipped: Vec<Skipped>,
    /// The documents that get audio.
    audio_for: Vec<String>,
    templates: Templates,
    tools: &'a Tools,
    bar: indicatif::ProgressBar,
}

impl<'a> Exporter<'a> {
    /// What `opts` asks of `documents` (indices into the content's), with
    /// the formats whose programs are missing set aside; `urls` are the
    /// site's addresses the models are made with.
    pub fn new(
        content: &'a Content,
        urls: &'a Urls,
        opts: &'a ExportOptions,
        documents: &[usize],
    ) -> Exporter<'a> {
        let audio_for: Vec<String> = match &opts.audio_for {
            Some(list) => list.clone(),
            None => content
                .site
                .exports
                .audio
                .iter()
                .map(|s| s.value.clone())
                .collect(),
        };
        let mut exporter = Exporter {
            source: book::Source {
                content,
                urls,
                locale: &opts.locale,
            },
            formats: Vec::new(),
            skipped: Vec::new(),
            audio_for,
            templates: Templates::new(&opts.theme, &opts.locale),
            tools: &opts.tools,
            bar: indicatif::ProgressBar::hidden(),
        };
        let mut steps = 0;
        for &f in &opts.formats {
            let wanted = documents
                .iter()
                .filter(|&&i| exporter.applies(i, f))
                .count();
            if wanted == 0 {
                continue;
            }
            match f.tools(&opts.tools).into_iter().find(|t| !t.installed()) {
                Some(missing) => exporter.skipped.push(Skipped {
                    format: f,
                    tool: missing.clone(),
                }),
                None => {
                    exporter.formats.push(f);
                    steps += wanted;
                }
            }
        }
        exporter.bar = progress::bar(opts.progress, steps as u64);
        exporter
    }

    /// Whether document `i` has format `f`: text for all, audio where
    /// chosen, the rest for the documents the site holds in full.
    fn applies(&self, i: usize, f: Format) -> bool {
        let s = &self.source.content.strategies[i];
        match f {
            Format::Audio => self.audio_for.contains(&s.slug),
            Format::Text => true,
            _ => s.meta.held,
        }
    }

    /// Formats not made because a program they need is not installed.
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }

    /// The bar of its progress (hidden unless the options show it).
    pub fn bar(&self) -> &indicatif::ProgressBar {
        &self.bar
    }

    /// The formats made, each with the programs it needs.
    pub fn made(&self) -> Vec<(Format, Vec<&Tool>)> {
        self.formats
            .iter()
            .map(|&f| (f, f.tools(self.tools)))
            .collect()
    }

    /// A document's files in every chosen format that applies to it: the
    /// formats in their order, audio parts last. The pieces of every
    /// format are made in parallel.
    pub fn document(&self, doc: &Document) -> Result<Vec<ExportFile>, ExportError> {
        let formats: Vec<Format> = self
            .formats
            .iter()
            .copied()
            .filter(|&f| self.applies(doc.index.0, f))
            .collect();
        if formats.is_empty() {
            return Ok(Vec::new());
        }
        let book = book::book(&self.source, doc);
        let workshop = Workshop {
            templates: &self.templates,
            tools: self.tools,
            language: &self.source.content.site.language,
            locale: self.source.locale,
        };
        let made: Vec<Result<Vec<ExportFile>, ExportError>> = formats
            .par_iter()
            .map(|&format| {
                self.bar
                    .set_message(format!("{} {}", book.slug, format.key()));
                let edition = format.edition();
                let pieces: Result<Vec<Vec<u8>>, ExportError> = (0..edition.pieces(&book))
                    .into_par_iter()
                    .map(|n| edition.piece(&book, n, &workshop))
                    .collect();
                let files = edition.files(&book, &workshop, pieces?);
                self.bar.inc(1);
                files
            })
            .collect();
        let mut files = Vec::new();
        for f in made {
            files.extend(f?);
        }
        files.sort_by_key(|f| rank(&f.link.path));
        Ok(files)
    }

    /// Clears the progress bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// Makes the chosen formats of the chosen documents alone (`planpress
/// export`); `model` gives a document's model by its index.
pub fn exports(
    content: &Content,
    urls: &Urls,
    opts: &ExportOptions,
    model: impl Fn(usize) -> Document + Sync,
) -> Result<Exported, ExportError> {
    let docs = &content.strategies;
    let chosen: Vec<usize> = match &opts.document {
        Some(slug) => vec![
            docs.iter()
                .position(|s| &s.slug == slug)
                .ok_or_else(|| ExportError::UnknownDocument(slug.clone()))?,
        ],
        None => (0..docs.len()).collect(),
    };
    let exporter = Exporter::new(content, urls, opts, &chosen);
    if let Some(slug) = &opts.document
        && let Some(&f) = opts
            .formats
            .iter()
            .find(|f| !exporter.applies(chosen[0], **f))
        && opts.formats.len() == 1
    {
        return Err(ExportError::NotHeld {
            document: slug.clone(),
            format: f,
        });
    }
    let made: Vec<Result<Vec<ExportFile>, ExportError>> = chosen
        .par_iter()
        .map(|&i| exporter.document(&model(i)))
        .collect();
    exporter.finish();
    let mut files = Vec::new();
    for f in made {
        files.extend(f?);
    }
    Ok(Exported {
        files,
        skipped: exporter.skipped,
    })
}

/// Where a document's exports go, in the site.
pub fn folder(slug: &str) -> String {
    format!("exports/{slug}")
}

fn path(book: &Book, f: Format) -> String {
    let slug = &book.slug;
    let dir = folder(slug);
    match f {
        Format::Epub => format!("{dir}/{slug}.epub"),
        Format::LargePrint => format!("{dir}/{slug}-large-print.html"),
        Format::Text => format!("{dir}/{slug}.txt"),
        Format::Braille => format!("{dir}/{slug}.brf"),
        Format::Audio => format!("{dir}/{slug}-audio.zip"),
    }
}

/// How the site lists a format's file: `format.KEY` of the locale.
fn label(f: Format, locale: &Locale) -> String {
    let key = match f {
        Format::Epub => "format.epub",
        Format::LargePrint => "format.large-print",
        Format::Text => "format.text",
        Format::Braille => "format.braille",
        Format::Audio => "format.audio",
    };
    locale.word(key).to_string()
}

/// The order of a document's files: by format, then audio parts in order.
fn rank(path: &str) -> (usize, String) {
    let n = [
        ".epub",
        "-large-print.html",
        ".txt",
        ".brf",
        "-audio.zip",
        ".mp3",
    ]
    .iter()
    .position(|end| path.ends_with(end))
    .unwrap_or(usize::MAX);
    (n, path.to_string())
}

fn file(
    book: &Book,
    language: &str,
    format: Format,
    path: &str,
    label: String,
    bytes: Vec<u8>,
) -> ExportFile {
    ExportFile {
        link: ExportLink {
            document: book.slug.clone(),
            kind: format.key().to_string(),
            format: label,
            path: path.to_string(),
            size: bytes.len() as u64,
            language: language.to_string(),
        },
        bytes,
    }
}

/// Each part's MP3, and all of them with a playlist in one zip archive.
fn audio_files(
    book: &Book,
    w: &edition::Workshop,
    tracks: Vec<(usize, Vec<u8>)>,
) -> Result<Vec<ExportFile>, ExportError> {
    let language = w.language;
    let dir = folder(&book.slug);
    let names: Vec<String> = tracks
        .iter()
        .map(|(p, _)| format!("{}.mp3", audio::file_stem(book, *p)))
        .collect();
    let playlist = audio::playlist(book, &names);
    let playlist_name = format!("{}.m3u8", book.slug);
    let mut entries = vec![archive::Entry {
        name: &playlist_name,
        bytes: playlist.as_bytes(),
        deflate: true,
    }];
    entries.extend(
        names
            .iter()
            .zip(&tracks)
            .map(|(name, (_, bytes))| archive::Entry {
                name,
                bytes,
                deflate: false,
            }),
    );
    let zip_path = path(book, Format::Audio);
    let zipped = archive::zip(&entries, book.modified).map_err(|source| ExportError::Zip {
        path: zip_path.clone(),
        source,
    })?;
    let mut out = vec![file(
        book,
        language,
        Format::Audio,
        &zip_path,
        label(Format::Audio, w.locale),
        zipped,
    )];
    let total = book.parts.len();
    for (name, (p, bytes)) in names.iter().zip(tracks) {
        let part = &book.parts[p];
        out.push(file(
            book,
            language,
            Format::Audio,
            &format!("{dir}/audio/{name}"),
            w.locale.text(
                "format.audio-part",
                &[
                    ("number", &part.number),
                    ("total", &total),
                    ("title", &part.title),
                ],
            ),
            bytes,
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_from_their_keys() {
        for f in Format::ALL {
            assert_eq!(f.key().parse::<Format>(), Ok(f));
        }
        assert!("pdf".parse::<Format>().is_err());
    }

    #[test]
    fn files_sort_by_format_then_audio_parts() {
        let mut paths = vec![
            "exports/a/audio/a-02-x.mp3",
            "exports/a/a.txt",
            "exports/a/a-audio.zip",
            "exports/a/a.epub",
            "exports/a/audio/a-01-x.mp3",
        ];
        paths.sort_by_key(|p| rank(p));
        assert_eq!(
            paths,
            [
                "exports/a/a.epub",
                "exports/a/a.txt",
                "exports/a/a-audio.zip",
                "exports/a/audio/a-01-x.mp3",
                "exports/a/audio/a-02-x.mp3"
            ]
        );
    }

    #[test]
    fn a_skipped_format_says_what_to_install() {
        let s = Skipped {
            format: Format::Braille,
            tool: Tool::new("lou_translate", "liblouis-bin"),
        };
        assert_eq!(
            s.to_string(),
            "notice: braille exports skipped: `lou_translate` is not installed (Debian package liblouis-bin)"
        );
    }
}
