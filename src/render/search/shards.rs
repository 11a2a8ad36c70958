//! The index's files from every page's words: the term shards, the further
//! chunks of words on many pages, and `meta.json` (see the module above).
//!
//! One pass over the pages gathers each word's postings; each word's are
//! sorted once; then the words, in order, are written a shard at a time.
//! Nothing is joined across pages beyond the postings themselves, so the
//! work and memory grow with the number of words written, not faster.

use std::collections::HashMap;
use std::io::Write as _;

use rayon::prelude::*;
use serde::Serialize;

use super::{DIR, Indexed};
use crate::model::Synonym;
use crate::support::words::phrase;
use crate::write::{Sink, WriteError};

/// How many postings of each word a shard holds: a query of one word on a
/// site of any size needs no more to show its best results.
pub const FIRST: usize = 200;
/// How many postings each further chunk of a word holds.
pub const CHUNK: usize = 1000;

/// A word's postings: its weight on a page, and the page's number in the
/// list of pages.
type Postings = Vec<(u8, u32)>;

#[derive(Serialize)]
struct Meta {
    pages: usize,
    first: usize,
    chunk: usize,
    /// Each search phrase with the phrases it leads to, as written.
    synonyms: Vec<(String, Vec<String>)>,
}

/// Writes the index of `pages` and the site's `synonyms` into `sink`.
pub fn write(pages: &[&Indexed], synonyms: &[Synonym], sink: &dyn Sink) -> Result<(), WriteError> {
    let mut postings: HashMap<&str, Postings> = HashMap::new();
    for (i, page) in pages.iter().enumerate() {
        let i = u32::try_from(i).expect("fewer than 4 billion pages");
        for (word, weight) in page.terms() {
            postings.entry(word).or_default().push((weight, i));
        }
    }
    let mut words: Vec<(&str, Postings)> = postings.into_iter().collect();
    words.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
    // Best first; of equal weight, by rank, then in the pages' order.
    words.par_iter_mut().for_each(|(_, p)| {
        p.sort_unstable_by_key(|&(w, i)| (std::cmp::Reverse(w), pages[i as usize].rank, i));
    });
    // Words with the same first two characters are neighbours in order.
    let mut start = 0;
    while start < words.len() {
        let key = shard_key(words[start].0);
        let end = start
            + words[start..]
                .iter()
                .take_while(|(w, _)| shard_key(w) == key)
                .count();
        write_shard(key, &words[start..end], pages, sink)?;
        start = end;
    }
    let meta = Meta {
        pages: pages.len(),
        first: FIRST,
        chunk: CHUNK,
        synonyms: synonyms
            .iter()
            .map(|s| {
                let also = s.also.iter().map(|a| phrase(&a.value)).collect();
                (phrase(&s.search.value), also)
            })
            .collect(),
    };
    let bytes = serde_json::to_vec(&meta).expect("the search's meta serialises");
    sink.put(&format!("{DIR}meta.json"), bytes)
}

/// The shard a word is in: its first two characters.
pub fn shard_key(word: &str) -> &str {
    let end = word.char_indices().nth(2).map_or(word.len(), |(i, _)| i);
    &word[..end]
}

/// A word as a file name: ASCII letters and digits as they are, any other
/// character as `_HEX_` (its code point). `search.js` names files alike.
pub fn file_name(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else {
            out.push_str(&format!("_{:x}_", u32::from(c)));
        }
    }
    out
}

/// One shard, `search/s/KEY.json`, and the further chunks of its words.
fn write_shard(
    key: &str,
    words: &[(&str, Postings)],
    pages: &[&Indexed],
    sink: &dyn Sink,
) -> Result<(), WriteError> {
    let mut shard = Vec::new();
    shard.push(b'{');
    for (n, (word, postings)) in words.iter().enumerate() {
        let chunks = postings.len().saturating_sub(FIRST).div_ceil(CHUNK);
        if n > 0 {
            shard.push(b',');
        }
        let word_json = serde_json::to_string(word).expect("a word serialises");
        let _ = write!(
            shard,
            "{word_json}:{{\"n\":{},\"c\":{chunks},\"p\":",
            postings.len()
        );
        write_postings(&mut shard, &postings[..postings.len().min(FIRST)], pages);
        shard.push(b'}');
        for c in 0..chunks {
            let from = FIRST + c * CHUNK;
            let to = (from + CHUNK).min(postings.len());
            let mut chunk = Vec::new();
            write_postings(&mut chunk, &postings[from..to], pages);
            sink.put(&format!("{DIR}more/{}.{c}.json", file_name(word)), chunk)?;
        }
    }
    shard.push(b'}');
    sink.put(&format!("{DIR}s/{}.json", file_name(key)), shard)
}

/// `[[weight, rank, "page"], …]`.
fn write_postings(out: &mut Vec<u8>, postings: &[(u8, u32)], pages: &[&Indexed]) {
    out.push(b'[');
    for (n, &(weight, i)) in postings.iter().enumerate() {
        let page = pages[i as usize];
        if n > 0 {
            out.push(b',');
        }
        // A page's key is digits, a letter and `/`: nothing to escape.
        let _ = write!(out, "[{weight},{},\"{}\"]", page.rank, page.page);
    }
    out.push(b']');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_sharded_by_its_first_two_characters_and_named_safely() {
        assert_eq!(shard_key("transport"), "tr");
        assert_eq!(shard_key("a"), "a");
        assert_eq!(shard_key("ŵyr"), "ŵy");
        assert_eq!(file_name("tr"), "tr");
        assert_eq!(file_name("£5"), "_a3_5");
        assert_eq!(file_name("ŵy"), "_175_y");
        assert_eq!(file_name("50%"), "50_25_");
    }
}
