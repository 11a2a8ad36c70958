//! Every format behind one trait: what a format makes of a document's book.

use super::templates::Templates;
use super::tools::{ToolError, Tools};
use super::{ExportError, ExportFile, Format, audio, braille, epub, large_print, text};
use crate::export::book::Book;
use crate::theme::locale::Locale;

/// What every format is made with.
pub struct Workshop<'a> {
    pub templates: &'a Templates,
    pub tools: &'a Tools,
    /// BCP 47, from `site.yaml`.
    pub language: &'a str,
    /// The words of the exports.
    pub locale: &'a Locale,
}

/// One alternative format. A book is made into pieces, independently and
/// in parallel (one file, or for audio a track a part), then into files.
pub trait Edition: Sync {
    fn format(&self) -> Format;

    /// How many pieces a book takes.
    fn pieces(&self, _book: &Book) -> usize {
        1
    }

    fn piece(&self, book: &Book, n: usize, w: &Workshop) -> Result<Vec<u8>, ExportError>;

    /// The files its pieces make, in order.
    fn files(
        &self,
        book: &Book,
        w: &Workshop,
        mut pieces: Vec<Vec<u8>>,
    ) -> Result<Vec<ExportFile>, ExportError> {
        let format = self.format();
        let bytes = pieces.pop().unwrap_or_default();
        Ok(vec![super::file(
            book,
            w.language,
            format,
            &super::path(book, format),
            super::label(format, w.locale),
            bytes,
        )])
    }
}

impl Format {
    /// How this format is made.
    pub fn edition(self) -> &'static dyn Edition {
        match self {
            Format::Epub => &Epub,
            Format::LargePrint => &LargePrint,
            Format::Text => &Text,
            Format::Braille => &Braille,
            Format::Audio => &Audio,
        }
    }
}

fn tool_error(book: &Book, format: Format) -> impl FnOnce(ToolError) -> ExportError {
    move |source| ExportError::Tool {
        document: book.slug.clone(),
        format,
        source,
    }
}

struct Epub;
struct LargePrint;
struct Text;
struct Braille;
struct Audio;

impl Edition for Epub {
    fn format(&self) -> Format {
        Format::Epub
    }
    fn piece(&self, book: &Book, _: usize, w: &Workshop) -> Result<Vec<u8>, ExportError> {
        epub::epub(book, w.templates)
    }
}

impl Edition for LargePrint {
    fn format(&self) -> Format {
        Format::LargePrint
    }
    fn piece(&self, book: &Book, _: usize, w: &Workshop) -> Result<Vec<u8>, ExportError> {
        Ok(large_print::large_print(book, w.templates)?)
    }
}

impl Edition for Text {
    fn format(&self) -> Format {
        Format::Text
    }
    fn piece(&self, book: &Book, _: usize, _: &Workshop) -> Result<Vec<u8>, ExportError> {
        Ok(text::text(book).into_bytes())
    }
}

impl Edition for Braille {
    fn format(&self) -> Format {
        Format::Braille
    }
    fn piece(&self, book: &Book, _: usize, w: &Workshop) -> Result<Vec<u8>, ExportError> {
        braille::brf(book, w.tools).map_err(tool_error(book, Format::Braille))
    }
}

/// A track a part; the tracks, with a playlist, in one archive too.
impl Edition for Audio {
    fn format(&self) -> Format {
        Format::Audio
    }
    fn pieces(&self, book: &Book) -> usize {
        book.parts.len()
    }
    fn piece(&self, book: &Book, n: usize, w: &Workshop) -> Result<Vec<u8>, ExportError> {
        audio::track(book, n, w.tools).map_err(tool_error(book, Format::Audio))
    }
    fn files(
        &self,
        book: &Book,
        w: &Workshop,
        pieces: Vec<Vec<u8>>,
    ) -> Result<Vec<ExportFile>, ExportError> {
        super::audio_files(book, w, pieces.into_iter().enumerate().collect())
    }
}
