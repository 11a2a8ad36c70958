//! What the search reads of a rendered page: its title, the document it
//! belongs to, its headings and its text in blocks (paragraphs, list items,
//! table rows …), without what every page of a document repeats (the
//! status notice, the contents and the pagination).

use crate::support::escape;

/// The searchable parts of one page.
#[derive(Debug, Default, PartialEq)]
pub struct Extracted {
    pub title: String,
    /// The title of the document the page belongs to (its caption).
    pub document: String,
    /// The page's own headings, below its title.
    pub headings: Vec<String>,
    /// Its visible text, a block (paragraph, item, row) each, title first.
    pub blocks: Vec<String>,
}

/// Left out of the text: navigation and the notice every page of a
/// document repeats, and the caption (the document's title).
const REPEATED: [(&str, &str); 3] = [
    ("<nav", "</nav>"),
    ("<div class=\"notice", "</div>"),
    ("<p class=\"caption\">", "</p>"),
];

/// Tags that start a new block of text.
const BLOCKS: [&str; 18] = [
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "dt",
    "dd",
    "caption",
    "figcaption",
    "blockquote",
    "div",
    "section",
    "table",
    "br",
];

/// The parts of a page of our own markup; `None` without a `<main>`.
pub fn extract(html: &str) -> Option<Extracted> {
    let main = between(html, "<main", "</main>")?;
    let document = between(main, "<p class=\"caption\">", "</p>")
        .map(text)
        .unwrap_or_default();
    let own = REPEATED
        .iter()
        .fold(main.to_string(), |html, (open, close)| {
            without(&html, open, close)
        });
    let title = between(&own, "<h1", "</h1>").map(text).unwrap_or_default();
    Some(Extracted {
        title,
        document,
        headings: headings(&own),
        blocks: blocks(&own),
    })
}

/// The text of every `<h2>` to `<h6>` of `html`, in order.
fn headings(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<h") {
        rest = &rest[at + 2..];
        let Some(level) = rest.chars().next().filter(|c| ('2'..='6').contains(c)) else {
            continue;
        };
        let close = format!("</h{level}>");
        if let (Some(start), Some(end)) = (rest.find('>'), rest.find(&close))
            && start < end
        {
            found.push(text(&rest[start + 1..end]));
            rest = &rest[end..];
        }
    }
    found.retain(|h| !h.is_empty());
    found
}

/// `html` without each stretch from `open` to the `close` after it.
fn without(html: &str, open: &str, close: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(open) {
        out.push_str(&rest[..start]);
        match rest[start..].find(close) {
            Some(end) => rest = &rest[start + end + close.len()..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text between the end of the tag opened by `open` and `close`.
pub fn between<'a>(html: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = html.find(open)?;
    let after = &html[start..];
    let content_start = if open.ends_with('>') {
        open.len()
    } else {
        after.find('>')? + 1
    };
    let end = after.find(close)?;
    after.get(content_start..end)
}

/// Visible text of a piece of our own markup, on one line.
pub fn text(html: &str) -> String {
    blocks(html).join(" ")
}

/// Visible text of a piece of our own markup, a block each: tags dropped,
/// entities decoded, white space folded to single spaces, in one pass.
pub fn blocks(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    // A space is owed between words; written only before the next word.
    let mut space = false;
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            if starts_block(&rest[..end]) && !line.is_empty() {
                out.push(std::mem::take(&mut line));
            }
            space = true;
            rest = &rest[end..];
            continue;
        }
        let mut step = c.len_utf8();
        if c.is_whitespace() {
            space = true;
        } else {
            let decoded = match c {
                '&' => escape::entity_at(rest).map_or(c, |(d, len)| {
                    step = len;
                    d
                }),
                c => c,
            };
            if space && !line.is_empty() {
                line.push(' ');
            }
            space = false;
            line.push(decoded);
        }
        rest = &rest[step..];
    }
    if !line.is_empty() {
        out.push(line);
    }
    out
}

/// Whether `tag` (`<p class="x">`, `</li>`) opens or closes a block.
fn starts_block(tag: &str) -> bool {
    let name = tag
        .trim_start_matches('<')
        .trim_start_matches('/')
        .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .next()
        .unwrap_or_default();
    BLOCKS.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_read_as_its_title_headings_and_blocks_without_what_repeats() {
        let page = r#"<html><nav>Skip</nav><main id="m"><div class="notice notice--withdrawn" role="note"><p>No longer in force</p></div>
<p class="caption">Bold Steps</p><h1>Priority 1: Jobs &amp; skills</h1>
<h2 id="a">Young <em>people</em></h2><p>Apprenticeships for <em>young</em>
   people &lt;16.</p><ul><li>One</li><li>Two</li></ul><table><tr><td>A</td><td>1</td></tr></table>
<nav class="contents"><h2>Contents</h2><a>Other page</a></nav></main></html>"#;
        let e = extract(page).unwrap();
        assert_eq!(e.title, "Priority 1: Jobs & skills");
        assert_eq!(e.document, "Bold Steps");
        assert_eq!(e.headings, ["Young people"]);
        assert_eq!(
            e.blocks,
            [
                "Priority 1: Jobs & skills",
                "Young people",
                "Apprenticeships for young people <16.",
                "One",
                "Two",
                "A 1"
            ]
        );
        assert_eq!(extract("<p>no main</p>"), None);
    }
}
