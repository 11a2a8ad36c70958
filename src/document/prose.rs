//! Council prose in Markdown, parsed once with the one parser set-up
//! ([`crate::support::markdown::options`]), for every renderer: the site writes it as HTML,
//! the exports read the same events into their blocks.

use pulldown_cmark::{Event, Parser};
use serde::{Serialize, Serializer};

use crate::document::markdown::{self, Rendered};

/// A piece of Markdown, parsed. Templates see it as its HTML.
#[derive(Debug, Clone)]
pub struct Prose {
    events: Vec<Event<'static>>,
    /// The source's length, to size the HTML.
    len: usize,
    /// Shown inside other markup (an action, a statement): its HTML has no
    /// paragraph wrapper.
    inline: bool,
}

impl Prose {
    /// Prose that stands as blocks of its own.
    pub fn parse(source: &str) -> Prose {
        Prose {
            events: Parser::new_ext(source, crate::support::markdown::options())
                .map(Event::into_static)
                .collect(),
            len: source.len(),
            inline: false,
        }
    }

    /// A short piece shown inside other markup.
    pub fn inline(source: &str) -> Prose {
        Prose {
            inline: true,
            ..Prose::parse(source)
        }
    }

    pub fn events(&self) -> &[Event<'static>] {
        &self.events
    }

    /// Its HTML and headings, as the site publishes them.
    pub fn rendered(&self) -> Rendered {
        markdown::render_events(&self.events, self.len)
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

    #[test]
    fn inline_prose_drops_the_paragraph() {
        assert_eq!(
            Prose::inline("*Towards 2010*").html(),
            "<em>Towards 2010</em>"
        );
        assert_eq!(Prose::parse("*a*").html(), "<p><em>a</em></p>\n");
    }

    #[test]
    fn prose_is_the_html_of_its_source() {
        let md = "## A {#a}\n\n{#para-1} Text with [a link](https://example.org/).\n";
        assert_eq!(Prose::parse(md).html(), markdown::render(md).html);
        assert_eq!(
            Prose::parse(md).rendered().headings[0].id.as_deref(),
            Some("a")
        );
    }
}
