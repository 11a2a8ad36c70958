//! The large-print edition: one HTML page, its stylesheet inside it so that
//! the downloaded file keeps it, set at 18 pt or larger with 1.5 line
//! spacing, left-aligned, for the screen and for A4 paper. Charts are drawn
//! full width with their text enlarged, each followed by its table.

use super::book::Book;
use super::templates::{TemplateError, Templates};

pub const STYLESHEET: &str = "large-print.css";

pub fn large_print(book: &Book, templates: &Templates) -> Result<Vec<u8>, TemplateError> {
    let css = templates.file(STYLESHEET)?;
    let stylesheet = String::from_utf8_lossy(&css);
    let html = templates.render(
        "large-print.html",
        minijinja::context! { book => minijinja::value::Serde(book), stylesheet => stylesheet },
    )?;
    Ok(html.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::book::sample;
    use crate::theme::locale::english;

    #[test]
    fn the_page_carries_its_stylesheet_and_one_h1() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let theme = crate::theme::Theme::new(root, crate::theme::BUILT_IN);
        let book = sample(vec![
            ("Book", "Facts."),
            ("Introduction", "## Aims\n\nText."),
        ]);
        let html =
            String::from_utf8(large_print(&book, &Templates::new(&theme, &english())).unwrap())
                .unwrap();
        assert!(html.contains("<html lang=\"en-GB\">"));
        assert!(html.contains("font-size: 18pt"));
        assert_eq!(html.matches("<h1").count(), 1);
        // Part titles are level 2 and their headings level 3.
        assert!(html.contains(">Introduction</h2>"));
        assert!(html.contains(">Aims</h3>"));
    }
}
