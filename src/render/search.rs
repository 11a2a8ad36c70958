//! The search index: every page's title, document and words, built from the
//! rendered pages so that it holds exactly what readers see.

use serde::Serialize;

use crate::document::views::Urls;
use crate::support::escape;

/// Where the index is published, relative to the site root.
pub const INDEX: &str = "search/index.json";

#[derive(Serialize)]
struct Entry<'a> {
    title: String,
    url: String,
    document: String,
    snippet: String,
    /// Each word of the page once, lower case.
    words: Vec<&'a str>,
}

/// Whether a page at `path` (relative to the site root) belongs in the index.
pub fn indexed(path: &str) -> bool {
    path.ends_with(".html")
        && path != "404.html"
        && !path.starts_with("search/")
        && !path.starts_with("exports/")
}

/// The index entry of one rendered page, as JSON: `None` for a page with no
/// main content or that only redirects.
pub fn entry(path: &str, html: &str, urls: &Urls) -> Option<Vec<u8>> {
    if html.contains("http-equiv=\"refresh\"") {
        return None;
    }
    let main = between(html, "<main", "</main>")?;
    let title = between(main, "<h1", "</h1>").map(text).unwrap_or_default();
    let document = between(main, "<p class=\"caption\">", "</p>")
        .map(text)
        .unwrap_or_default();
    let body = text(main);
    let after_title = body
        .find(&title)
        .map_or(body.as_str(), |i| &body[i + title.len()..])
        .trim();
    let snippet: String = after_title.chars().take(160).collect();
    // The same as `to_lowercase` for plain ASCII, which most pages are, and faster.
    let lower = if body.is_ascii() {
        body.to_ascii_lowercase()
    } else {
        body.to_lowercase()
    };
    // Each word once: a set first, so that only distinct words are sorted.
    let distinct: std::collections::HashSet<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '£' || c == '%'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut words: Vec<&str> = distinct.into_iter().collect();
    words.sort_unstable();
    let url = urls.to(path.strip_suffix("index.html").unwrap_or(path));
    let entry = Entry {
        title,
        url,
        document,
        snippet,
        words,
    };
    Some(serde_json::to_vec(&entry).expect("an entry serialises"))
}

/// Writes the index: the entries of `(path, entry)`, in path order. It is
/// written entry by entry, never joined in memory.
pub fn write_index(entries: &[(&str, &[u8])], out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut order: Vec<&(&str, &[u8])> = entries.iter().collect();
    order.sort_unstable_by(|a, b| a.0.cmp(b.0));
    out.write_all(b"[")?;
    for (n, (_, entry)) in order.into_iter().enumerate() {
        if n > 0 {
            out.write_all(b",")?;
        }
        out.write_all(entry)?;
    }
    out.write_all(b"]")
}

/// The text between the end of the tag opened by `open` and `close`.
fn between<'a>(html: &'a str, open: &str, close: &str) -> Option<&'a str> {
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

/// Visible text of a piece of our own markup: tags dropped, entities
/// decoded, white space folded to single spaces, in one pass.
fn text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    // A space is owed between words; written only before the next word.
    let mut space = false;
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        let mut step = c.len_utf8();
        match c {
            '<' => {
                in_tag = true;
                space = true;
            }
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            c if c.is_whitespace() => space = true,
            c => {
                let (decoded, len) = match c {
                    '&' => escape::entity_at(rest).unwrap_or((c, 1)),
                    c => (c, step),
                };
                step = len;
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(decoded);
            }
        }
        rest = &rest[step..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_indexed_by_what_readers_see() {
        let urls = Urls::new("https://x.org/s/");
        let page = r#"<html><main id="m"><p class="caption">Bold Steps</p><h1>Priority 1: Jobs &amp; skills</h1><p>Apprenticeships for <em>young</em>
           people &lt;16.</p></main></html>"#;
        let entries = [
            (
                "z/index.html".to_string(),
                entry("z/index.html", "<main><h1>Z</h1></main>", &urls).unwrap(),
            ),
            (
                "doc/index.html".to_string(),
                entry("doc/index.html", page, &urls).unwrap(),
            ),
        ];
        let entries: Vec<(&str, &[u8])> = entries
            .iter()
            .map(|(p, e)| (p.as_str(), e.as_slice()))
            .collect();
        let mut written = Vec::new();
        write_index(&entries, &mut written).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&written).unwrap();
        let e = &json[0];
        assert_eq!(json.as_array().unwrap().len(), 2);
        assert_eq!(e["title"], "Priority 1: Jobs & skills");
        assert_eq!(e["document"], "Bold Steps");
        assert_eq!(e["url"], "/s/doc/");
        assert_eq!(json[1]["url"], "/s/z/", "entries are in path order");
        let words: Vec<&str> = e["words"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_str().unwrap())
            .collect();
        assert!(words.contains(&"apprenticeships"));
        assert!(
            words.windows(2).all(|w| w[0] < w[1]),
            "each word once, sorted"
        );
        assert_eq!(e["snippet"], "Apprenticeships for young people <16.");
    }

    #[test]
    fn the_error_page_search_and_exports_are_not_indexed() {
        assert!(indexed("doc/index.html"));
        for path in [
            "404.html",
            "search/index.html",
            "exports/x.html",
            "feed.xml",
        ] {
            assert!(!indexed(path), "{path}");
        }
        let redirect =
            r#"<meta http-equiv="refresh" content="0; url=/x/"><main><h1>Moved</h1></main>"#;
        assert!(entry("old/index.html", redirect, &Urls::new("https://x.org/")).is_none());
    }
}
