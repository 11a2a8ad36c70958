//! Council prose in Markdown, parsed once with the one parser set-up
//! ([`crate::support::markdown::options`]), for every renderer: the site writes it as HTML,
//! the exports read the same events into their blocks.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
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

    /// The first sentence of its first paragraph, as plain text: what a
    /// list shows of a passage. `None` for prose that opens with no
    /// paragraph.
    pub fn first_sentence(&self) -> Option<String> {
        let mut text = String::new();
        let mut started = false;
        for event in &self.events {
            match event {
                Event::Start(Tag::Paragraph) => started = true,
                Event::End(TagEnd::Paragraph) if started => break,
                Event::Text(t) | Event::Code(t) if started => text.push_str(t),
                Event::SoftBreak | Event::HardBreak if started => text.push(' '),
                _ => {}
            }
        }
        // A paragraph's anchor (`{#para-1}`) is markup, not its words.
        let text = markdown::leading_anchor(&text).map_or(text.as_str(), |(_, rest)| rest);
        let sentence = first_sentence(text.trim());
        (!sentence.is_empty()).then(|| sentence.to_string())
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

/// Up to the first full stop, question or exclamation mark that ends a
/// sentence: one followed by a space and a capital, or by nothing. A stop
/// after a short abbreviation ("e.g.", "St.") does not end one.
fn first_sentence(text: &str) -> &str {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (n, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '?' | '!') {
            continue;
        }
        let end = i + c.len_utf8();
        let next = chars.get(n + 1).map(|&(_, c)| c);
        let after = chars.get(n + 2).map(|&(_, c)| c);
        let ends = match (next, after) {
            (None, _) => true,
            (Some(' '), Some(a)) => a.is_uppercase() || !a.is_alphanumeric(),
            _ => false,
        };
        let word = text[..i].rsplit(' ').next().unwrap_or_default();
        if ends && !(c == '.' && abbreviation(word)) {
            return &text[..end];
        }
    }
    text
}

/// A word a full stop follows without ending the sentence: letters in
/// groups of one or two between stops ("e.g", "i.e"), or a short
/// capitalised word without vowels ("St", "Mr", "Dr").
fn abbreviation(word: &str) -> bool {
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    let grouped = word.contains('.')
        && word
            .split('.')
            .all(|g| (1..=2).contains(&g.chars().count()) && g.chars().all(char::is_alphabetic));
    let mut chars = word.chars();
    let titled = chars.next().is_some_and(char::is_uppercase)
        && word.chars().count() <= 3
        && chars.all(|c| c.is_lowercase() && !"aeiouy".contains(c));
    grouped || titled
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
    fn the_first_sentence_is_the_passage_s_own_words_up_to_its_first_stop() {
        let first = |md: &str| Prose::parse(md, &english()).first_sentence();
        assert_eq!(
            first("{#para-1} We will *grow* jobs. Then more.\n\nAnother.").as_deref(),
            Some("We will grow jobs.")
        );
        // Abbreviations and decimals do not end a sentence.
        assert_eq!(
            first("Links (e.g. Eurostar and St. Pancras) cost £1.5m. Next.").as_deref(),
            Some("Links (e.g. Eurostar and St. Pancras) cost £1.5m.")
        );
        assert_eq!(first("No stop at all").as_deref(), Some("No stop at all"));
        assert_eq!(first("## Only a heading").as_deref(), None);
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
