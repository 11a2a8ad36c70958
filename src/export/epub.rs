//! The EPUB 3 edition: one XHTML file a part, a navigation document with
//! the contents and a page list (a page a part), charts as SVG with their
//! descriptions and data tables, and EPUB Accessibility 1.1 metadata.
//! The markup is in the theme's `export/` templates.

use minijinja::context;
use minijinja::value::Serde;
use serde::Serialize;

use crate::support::dates;

use super::ExportError;
use super::archive::{self, Entry};
use super::blocks::Block;
use super::book::{Book, PartKind};
use super::templates::Templates;

#[derive(Serialize)]
struct Item {
    id: String,
    href: String,
    media_type: &'static str,
    properties: Option<&'static str>,
}

#[derive(Serialize)]
struct TocEntry {
    href: String,
    title: String,
    children: Vec<TocEntry>,
}

#[derive(Serialize)]
struct PartView<'a> {
    #[serde(flatten)]
    part: &'a super::book::Part,
    href: String,
    /// `epub:type` and ARIA role of its section.
    epub_type: &'static str,
    role: Option<&'static str>,
}

fn href(id: &str) -> String {
    format!("{id}.xhtml")
}

pub fn epub(book: &Book, templates: &Templates) -> Result<Vec<u8>, ExportError> {
    let parts: Vec<PartView> = book
        .parts
        .iter()
        .map(|p| {
            let (epub_type, role) = match p.kind {
                PartKind::Overview => ("titlepage", None),
                PartKind::Outcomes | PartKind::Performance => ("appendix", Some("doc-appendix")),
                _ => ("chapter", Some("doc-chapter")),
            };
            PartView {
                part: p,
                href: href(&p.id),
                epub_type,
                role,
            }
        })
        .collect();
    let toc: Vec<TocEntry> = parts
        .iter()
        .map(|p| TocEntry {
            href: p.href.clone(),
            title: p.part.title.clone(),
            children: p
                .part
                .blocks
                .iter()
                .filter_map(|b| match b {
                    Block::Heading { level: 2, id, text } => Some(TocEntry {
                        href: format!("{}#{id}", p.href),
                        title: text.text.clone(),
                        children: vec![],
                    }),
                    _ => None,
                })
                .collect(),
        })
        .collect();
    let mut items = vec![
        Item {
            id: "nav".into(),
            href: "nav.xhtml".into(),
            media_type: "application/xhtml+xml",
            properties: Some("nav"),
        },
        Item {
            id: "css".into(),
            href: "style.css".into(),
            media_type: "text/css",
            properties: None,
        },
    ];
    items.extend(book.parts.iter().map(|p| Item {
        id: p.id.clone(),
        href: href(&p.id),
        media_type: "application/xhtml+xml",
        properties: p.has_charts().then_some("svg"),
    }));
    // The title page, the contents, then the parts.
    let mut spine: Vec<&str> = book.parts.iter().map(|p| p.id.as_str()).collect();
    spine.insert(1.min(spine.len()), "nav");
    let start = parts
        .iter()
        .find(|p| p.part.kind != PartKind::Overview)
        .unwrap_or(&parts[0])
        .href
        .clone();

    let charts = book.has_charts();
    let context = context! {
        book => Serde(book),
        modified => dates::rfc3339(book.modified),
        items => Serde(&items),
        spine => Serde(&spine),
        toc => Serde(&toc),
        parts => Serde(&parts),
        start => start,
        charts => charts,
    };
    let container = templates.render("container.xml", context.clone())?;
    let package = templates.render("package.opf", context.clone())?;
    let nav = templates.render("nav.xhtml", context)?;
    let css = templates.file("epub.css")?;
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("META-INF/container.xml".into(), container.into_bytes()),
        ("EPUB/package.opf".into(), package.into_bytes()),
        ("EPUB/nav.xhtml".into(), nav.into_bytes()),
        ("EPUB/style.css".into(), css),
    ];
    for p in &parts {
        let page = templates.render(
            "part.xhtml",
            context! { book => Serde(book), part => Serde(p) },
        )?;
        files.push((format!("EPUB/{}", p.href), page.into_bytes()));
    }
    let mut entries = vec![Entry {
        name: "mimetype",
        bytes: b"application/epub+zip",
        deflate: false,
    }];
    entries.extend(files.iter().map(|(name, bytes)| Entry {
        name,
        bytes,
        deflate: true,
    }));
    archive::zip(&entries, book.modified).map_err(|source| ExportError::Zip {
        path: format!("{}.epub", book.slug),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::book::sample;
    use crate::theme::locale::english;

    fn theme() -> crate::theme::Theme {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        crate::theme::Theme::new(root, crate::theme::BUILT_IN)
    }

    #[test]
    fn an_epub_has_its_package_navigation_and_a_file_a_part() {
        let book = sample(vec![
            ("Book", "Facts."),
            ("Introduction", "## Aims\n\nText."),
        ]);
        let bytes = epub(&book, &Templates::new(&theme(), &english())).unwrap();
        assert!(bytes.starts_with(b"PK\x03\x04"));
        assert_eq!(&bytes[30..58], b"mimetypeapplication/epub+zip");
        let has = |name: &str| bytes.windows(name.len()).any(|w| w == name.as_bytes());
        for name in [
            "META-INF/container.xml",
            "EPUB/package.opf",
            "EPUB/nav.xhtml",
            "EPUB/style.css",
            "EPUB/p01-s.xhtml",
            "EPUB/p02-s.xhtml",
        ] {
            assert!(has(name), "{name}");
        }
        assert_eq!(
            bytes,
            epub(&book, &Templates::new(&theme(), &english())).unwrap()
        );
    }
}
