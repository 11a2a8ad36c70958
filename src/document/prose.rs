//! Council prose in Markdown, parsed once with the one parser set-up
//! ([`crate::support::markdown::options`]), for every renderer: the site writes it as HTML,
//! the exports read the same events into their blocks.

use pulldown_cmark::{Event, Parser};
use serde::{Serialize, Serializer};

use crate::document::markdown::{self, Rendered};
use crate::theme::locale::Locale;

/// A piece of Markdown, parsed. Templates see it as its HTML.
#[derive(Debug, Clone)]
pub struct Prose {
    events: Vec<Event<'static>>,
    /// The source's length, to size the HTML.
    len: usize,
    /// Shown inside other markup (an action, a statement): its HTML has no
    /// paragraph wrapper.
    inline: bool,
    /// What a table's scrolling region is called, in the site's language.
    table_label: String,
}

impl Prose {
    /// Prose that stands as blocks of its own; `locale` names its tables'
    /// regions (`prose.table`).
    pub fn parse(source: &str, locale: &Locale) -> Prose {
        Prose {
            events: Parser::new_ext(source, crate::support::markdown::options())
                .map(Event::into_static)
                .collect(),
            len: source.len(),
            inline: false,
            table_label: locale.word("prose.table").to_string(),
        }
    }

    /// A short piece shown inside other markup.
    pub fn inline(source: &str, locale: &Locale) -> Prose {
        Prose {
            inline: true,
            ..Prose::parse(source, locale)
        }
    }

    pub fn events(&self) -> &[Event<'static>] {
        &self.events
    }

    /// Its HTML and headings, as the site publishes them.
    pub fn rendered(&self) -> Rendered {
        markdown::render_events(&self.events, self.len, &self.table_label)
    }

    pub fn html(&self) -> String {
        let html = self.rendered().html;
        if !self.inline {
            return html;
        }
        let trimmed = html.trim_end();
        match trimmed
            .strip_prefix("<p>")
            .and_then(|t| t.strip_suffix("</p>"))
        {
            Some(inner) if !inner.contains("<p>") => inner.to_string(),
            _ => html,
        }
    }
}

impl Serialize for Prose {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.html())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::locale::english;

    #[test]
    fn inline_prose_drops_the_paragraph() {
        assert_eq!(
            Prose::inline("*Towards 2010*", &english()).html(),
            "<em>Towards 2010</em>"
        );
        assert_eq!(
            Prose::parse("*a*", &english()).html(),
            "<p><em>a</em></p>\n"
        );
    }

    #[test]
    fn prose_is_the_html_of_its_source() {
        let md = "## A {#a}\n\n{#para-1} Text with [a link](https://example.org/).\n";
        assert_eq!(
            Prose::parse(md, &english()).html(),
            markdown::render(md, "Table").html
        );
        assert_eq!(
            Prose::parse(md, &english()).rendered().headings[0]
                .id
                .as_deref(),
            Some("a")
        );
    }
}
