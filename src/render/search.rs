//! The search index: every page's title, document and words, built from the
//! rendered pages so that it holds exactly what readers see.

use serde::Serialize;

use super::Output;
use super::views::Urls;

/// Where the index is published, relative to the site root.
pub const INDEX: &str = "search/index.json";

#[derive(Serialize)]
struct Entry {
    title: String,
    url: String,
    document: String,
    snippet: String,
    /// Each word of the page once, lower case.
    words: Vec<String>,
}

pub fn index(output: &Output, urls: &Urls) -> Vec<u8> {
    let mut entries = Vec::new();
    for (path, bytes) in output {
        if !path.ends_with(".html")
            || path == "404.html"
            || path.starts_with("search/")
            || path.starts_with("exports/")
        {
            continue;
        }
        let Ok(html) = std::str::from_utf8(bytes) else {
            continue;
        };
        if html.contains("http-equiv=\"refresh\"") {
            continue;
        }
        let Some(main) = between(html, "<main", "</main>") else {
            continue;
        };
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
        let mut words: Vec<String> = body
            .to_lowercase()
            .split(|c: char| !(c.is_alphanumeric() || c == '£' || c == '%'))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        words.sort();
        words.dedup();
        let url = urls.to(path.strip_suffix("index.html").unwrap_or(path));
        entries.push(Entry {
            title,
            url,
            document,
            snippet,
            words,
        });
    }
    serde_json::to_vec(&entries).expect("the index serialises")
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

/// Visible text of a piece of our own markup: tags dropped, entities decoded,
/// white space folded.
fn text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let decoded = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_indexed_by_what_readers_see() {
        let mut output = Output::new();
        output.insert(
            "doc/index.html".into(),
            br#"<html><main id="m"><p class="caption">Bold Steps</p><h1>Priority 1: Jobs &amp; skills</h1><p>Apprenticeships for <em>young</em> people.</p></main></html>"#.to_vec(),
        );
        output.insert(
            "404.html".into(),
            b"<main><h1>Not found</h1></main>".to_vec(),
        );
        let json: serde_json::Value =
            serde_json::from_slice(&index(&output, &Urls::new("https://x.org/s/"))).unwrap();
        let e = &json[0];
        assert_eq!(json.as_array().unwrap().len(), 1);
        assert_eq!(e["title"], "Priority 1: Jobs & skills");
        assert_eq!(e["document"], "Bold Steps");
        assert_eq!(e["url"], "/s/doc/");
        assert!(
            e["words"]
                .as_array()
                .unwrap()
                .iter()
                .any(|w| w == "apprenticeships")
        );
        assert_eq!(e["snippet"], "Apprenticeships for young people.");
    }
}
