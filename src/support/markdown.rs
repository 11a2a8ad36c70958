//! How every stage reads Markdown: one parser set-up, and how deep a text
//! nests, which the checks bound before any renderer walks it.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The one parser set-up for every piece of Markdown the site publishes.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The deepest nesting of quotes, lists and inline spans in `source`, and
/// the byte offset of the element that first reaches it. A list and its
/// items count as one level, paragraphs and headings as none: the depth is
/// what a reader would call nesting.
pub fn nesting(source: &str) -> (usize, usize) {
    let (mut depth, mut deepest, mut at) = (0usize, 0usize, 0usize);
    for (event, range) in Parser::new_ext(source, options()).into_offset_iter() {
        match event {
            Event::Start(tag) if opens_a_level(&tag) => {
                depth += 1;
                if depth > deepest {
                    (deepest, at) = (depth, range.start);
                }
            }
            Event::End(end) if closes_a_level(end) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    (deepest, at)
}

/// The longest run of characters without white space, and its byte offset.
pub fn longest_word(source: &str) -> (usize, usize) {
    let mut best = (0, 0);
    let mut start = None;
    let mut count = 0;
    for (i, c) in source.char_indices() {
        if c.is_whitespace() {
            start = None;
            count = 0;
            continue;
        }
        let s = *start.get_or_insert(i);
        count += 1;
        if count > best.0 {
            best = (count, s);
        }
    }
    best
}

fn opens_a_level(tag: &Tag) -> bool {
    closes_a_level(tag.to_end())
}

fn closes_a_level(end: TagEnd) -> bool {
    !matches!(
        end,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_counts_quotes_lists_and_spans_not_paragraphs() {
        assert_eq!(nesting("Plain text.\n\n# Heading\n").0, 0);
        assert_eq!(nesting("> quoted").0, 1);
        assert_eq!(nesting("> > > three").0, 3);
        assert_eq!(nesting("- a\n  - b\n    - *c*").0, 4);
        let (depth, at) = nesting("a\n\n> b\n> > c");
        assert_eq!((depth, at), (2, 9));
        assert_eq!(nesting(&">".repeat(10_000)).0, 10_000);
    }

    #[test]
    fn the_longest_word_is_found_with_where_it_starts() {
        assert_eq!(longest_word("a bb ccc"), (3, 5));
        assert_eq!(longest_word(""), (0, 0));
        assert_eq!(longest_word("é€ x"), (2, 0));
    }
}
