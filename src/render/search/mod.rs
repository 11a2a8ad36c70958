//! The site's search index, made from the rendered pages so that it holds
//! exactly what readers see, in small files that the search page's script
//! (`search.js`) fetches only as a query needs them:
//!
//! - `search/meta.json`: the number of pages and the site's synonyms;
//! - `search/s/KEY.json`: a shard of the words that begin with `KEY` (their
//!   first two characters): for each word, the number of pages that have it
//!   and its best postings, `[weight, rank, page]`, best first;
//! - `search/more/WORD.N.json`: the further postings of a word on many
//!   pages, in the same order, in chunks;
//! - `search/p/PAGE.json`: a page's title, address, document, status and
//!   text, fetched only for the results shown, for their passages.
//!
//! A word's weight on a page counts its title (most), its headings and its
//! text, and is raised for a document in force. The topics a page is
//! among (`topics.yaml`: a priority or commitment each covers) count as its
//! title: the editors have said the page is about them. The rank orders pages of
//! equal weight: documents in force first, then newest first (the home
//! page's order), then the site's own pages.

mod extract;
mod shards;

use std::collections::HashMap;

use serde::Serialize;

use crate::document::views::{Urls, anchor_path};
use crate::model::{Citation, Content, State};
use crate::resolve::Resolved;
use crate::support::words::words;

pub use shards::write;

/// The search's folder, relative to the site root.
pub const DIR: &str = "search/";

/// Whose a page is, for its status and its place in the ranking.
pub struct Owner {
    /// Its fragments' folder under `search/p/`: the document's number, or
    /// `s` for the site's own pages.
    pub key: String,
    /// Its place in the order of equal results (see the module's comment).
    pub rank: u32,
    /// Its document's state; `None` for the site's own pages.
    pub state: Option<State>,
}

/// What the index keeps of a page until every page is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indexed {
    /// Its fragment, `KEY/N` under `search/p/`.
    pub page: String,
    pub rank: u32,
    /// Each of its words once, with its weight: the word's bytes, a zero
    /// byte, the weight's byte. Packed: a large site's pages hold millions.
    terms: Vec<u8>,
}

impl Indexed {
    /// A page's entry as [`Indexed::packed`] gave its words: how the build
    /// cache keeps it.
    pub fn from_packed(page: String, rank: u32, terms: Vec<u8>) -> Indexed {
        Indexed { page, rank, terms }
    }

    /// Its words and weights, packed as it holds them.
    pub fn packed(&self) -> &[u8] {
        &self.terms
    }

    /// Each word of the page with its weight.
    pub fn terms(&self) -> impl Iterator<Item = (&str, u8)> {
        let mut rest = self.terms.as_slice();
        std::iter::from_fn(move || {
            let zero = rest.iter().position(|&b| b == 0)?;
            let word = std::str::from_utf8(&rest[..zero]).expect("words are UTF-8");
            let weight = rest[zero + 1];
            rest = &rest[zero + 2..];
            Some((word, weight))
        })
    }
}

/// A page's fragment: what a result shows.
#[derive(Serialize)]
struct Fragment<'a> {
    /// Title, address, document, its state (`state.KEY` of the locale), text.
    t: &'a str,
    u: String,
    d: &'a str,
    s: &'a str,
    x: Vec<&'a str>,
}

/// The most text of a page a fragment holds, for passages: results show
/// one passage, which a long page's first 24 KB nearly always hold.
const FRAGMENT_TEXT: usize = 24 * 1024;

/// Whether a page at `path` (relative to the site root) belongs in the
/// index: not the error page, the search page, exports, nor the A to Z,
/// which lists every title and leads on to each of them.
pub fn indexed(path: &str) -> bool {
    path.ends_with(".html")
        && path != "404.html"
        && !path.starts_with("search/")
        && !path.starts_with("exports/")
        && !path.starts_with("a-z/")
}

/// The topics each page is among, by its path: the titles and ids of the
/// topics that cover a place on it, as words.
pub fn subjects(content: &Content, resolved: &Resolved) -> HashMap<String, String> {
    let mut out: HashMap<String, String> = HashMap::new();
    for topic in &content.topics {
        for c in &topic.covers {
            let Citation::Paragraph { document, anchor } = c else {
                continue;
            };
            let Some(place) = anchor_path(
                resolved,
                &content.strategies,
                &document.value,
                &anchor.value,
            ) else {
                continue;
            };
            let page = place.split('#').next().unwrap_or_default();
            let said = out.entry(page.to_string()).or_default();
            said.push_str(&format!(" {} {}", topic.title, topic.id.value));
        }
    }
    out
}

/// The `n`th page of `owner`, at `path`, among the topics `subjects`: its
/// fragment's path and bytes, and what the index keeps of it. `None` for a
/// page with no main content or that only redirects.
pub fn page(
    path: &str,
    html: &str,
    urls: &Urls,
    owner: (&Owner, usize),
    subjects: &str,
) -> Option<(String, Vec<u8>, Indexed)> {
    let (owner, n) = owner;
    if html.contains("http-equiv=\"refresh\"") {
        return None;
    }
    let page = extract::extract(html)?;
    let terms = weights(&page, subjects, owner.state == Some(State::Current));
    let mut size = 0;
    let fragment = Fragment {
        t: &page.title,
        u: urls.to(path.strip_suffix("index.html").unwrap_or(path)),
        d: &page.document,
        s: owner.state.map_or("", State::key),
        x: page
            .blocks
            .iter()
            .take_while(|b| {
                size += b.len();
                size <= FRAGMENT_TEXT
            })
            .map(String::as_str)
            .collect(),
    };
    let key = format!("{}/{n}", owner.key);
    let bytes = serde_json::to_vec(&fragment).expect("a fragment serialises");
    let indexed = Indexed {
        page: key.clone(),
        rank: owner.rank,
        terms,
    };
    Some((format!("{DIR}p/{key}.json"), bytes, indexed))
}

/// How much a word in a page's title, in a heading (up to three), and each
/// time in its text (up to eight) adds to its weight there.
const TITLE: u32 = 10;
const HEADING: u32 = 4;
const MAX_HEADINGS: u32 = 3;
const MAX_TIMES: u32 = 8;

/// Each word of `page` once, in order, with its weight, packed (see
/// [`Indexed`]); the words of `subjects` weigh as its title's. Raised by
/// half for a document in force.
fn weights(page: &extract::Extracted, subjects: &str, in_force: bool) -> Vec<u8> {
    #[derive(Default)]
    struct Seen {
        title: bool,
        headings: u32,
        times: u32,
    }
    let mut seen: std::collections::HashMap<String, Seen> = std::collections::HashMap::new();
    for w in words(&page.title).chain(words(subjects)) {
        seen.entry(w).or_default().title = true;
    }
    for h in &page.headings {
        let distinct: std::collections::HashSet<String> = words(h).collect();
        for w in distinct {
            seen.entry(w).or_default().headings += 1;
        }
    }
    for w in page.blocks.iter().flat_map(|b| words(b)) {
        seen.entry(w).or_default().times += 1;
    }
    let mut terms: Vec<(String, Seen)> = seen.into_iter().collect();
    terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut packed = Vec::new();
    for (word, s) in terms {
        let weight = TITLE * u32::from(s.title)
            + HEADING * s.headings.min(MAX_HEADINGS)
            + s.times.min(MAX_TIMES);
        let weight = if in_force { weight * 3 / 2 } else { weight };
        packed.extend_from_slice(word.as_bytes());
        packed.push(0);
        packed.push(u8::try_from(weight.max(1)).unwrap_or(u8::MAX));
    }
    packed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owner(state: Option<State>) -> Owner {
        Owner {
            key: "4".into(),
            rank: 2,
            state,
        }
    }

    const PAGE: &str = r#"<html><main id="m"><p class="caption">Bold Steps</p><h1>Priority 1: Jobs &amp; skills</h1><h2>Skills for young people</h2><p>Apprenticeships for <em>young</em>
           people &lt;16: skills, skills.</p></main></html>"#;

    #[test]
    fn a_word_weighs_most_in_the_title_then_in_headings_then_in_the_text() {
        let urls = Urls::new("https://x.org/s/");
        let (path, fragment, indexed) = page(
            "doc/index.html",
            PAGE,
            &urls,
            (&owner(Some(State::Closed)), 7),
            "",
        )
        .unwrap();
        assert_eq!(path, "search/p/4/7.json");
        assert_eq!(indexed.page, "4/7");
        assert_eq!(indexed.rank, 2);
        let terms: std::collections::BTreeMap<&str, u8> = indexed.terms().collect();
        // title + one heading + four times in the text (title and heading included)
        assert_eq!(terms["skills"], 10 + 4 + 4);
        assert_eq!(terms["young"], 4 + 2);
        assert_eq!(terms["apprenticeships"], 1);
        assert!(!terms.contains_key("bold"), "the caption is the document's");
        let json: serde_json::Value = serde_json::from_slice(&fragment).unwrap();
        assert_eq!(json["t"], "Priority 1: Jobs & skills");
        assert_eq!(json["d"], "Bold Steps");
        assert_eq!(json["u"], "/s/doc/");
        assert_eq!(json["s"], "closed");
        assert_eq!(
            json["x"][2],
            "Apprenticeships for young people <16: skills, skills."
        );
    }

    #[test]
    fn the_topics_a_page_is_among_weigh_as_its_title() {
        let urls = Urls::new("https://x.org/");
        let (_, _, i) = page(
            "d/index.html",
            PAGE,
            &urls,
            (&owner(None), 0),
            " Roads transport",
        )
        .unwrap();
        let terms: std::collections::BTreeMap<&str, u8> = i.terms().collect();
        assert_eq!(terms["transport"], 10);
        assert_eq!(terms["roads"], 10);
    }

    #[test]
    fn a_document_in_force_weighs_half_as_much_again() {
        let urls = Urls::new("https://x.org/");
        let weight = |state| {
            let (_, _, i) = page("d/index.html", PAGE, &urls, (&owner(state), 0), "").unwrap();
            i.terms().find(|(w, _)| *w == "skills").unwrap().1
        };
        assert_eq!(weight(Some(State::Current)), 27);
        assert_eq!(weight(Some(State::Superseded)), 18);
        assert_eq!(weight(None), 18);
    }

    #[test]
    fn the_error_page_search_exports_and_a_to_z_are_not_indexed() {
        assert!(indexed("doc/index.html"));
        for path in [
            "404.html",
            "search/index.html",
            "exports/x.html",
            "a-z/index.html",
            "feed.xml",
        ] {
            assert!(!indexed(path), "{path}");
        }
        let redirect =
            r#"<meta http-equiv="refresh" content="0; url=/x/"><main><h1>Moved</h1></main>"#;
        let urls = Urls::new("https://x.org/");
        assert!(page("old/index.html", redirect, &urls, (&owner(None), 0), "").is_none());
    }
}
