//! The words of the interface: every word a reader sees that is not
//! content, from the theme's `locales/LANGUAGE.yaml` (loaded by
//! `crate::load::locale`). Rust holds keys (`state.closed`), never words;
//! templates ask for them with `t("key", name=value)`.

use std::collections::BTreeMap;
use std::fmt::Display;
use std::path::PathBuf;

/// The locale every key must be in: the one the default theme is written in.
pub const REFERENCE: &str = "en-GB";

/// The words of one language, by key, with where they were read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Locale {
    /// The locale's name, the file's stem: `en-GB`, `cy`.
    name: String,
    /// The file, as a message names it.
    file: PathBuf,
    words: BTreeMap<String, String>,
}

impl Locale {
    pub fn new(name: &str, file: PathBuf, words: BTreeMap<String, String>) -> Locale {
        Locale {
            name: name.to_string(),
            file,
            words,
        }
    }

    /// The built-in `en-GB` locale, for the Rust unit tests of the stages
    /// that need words.
    pub fn builtin_reference() -> Locale {
        let bytes = super::builtin::file(&format!("locales/{REFERENCE}.yaml"))
            .expect("the built-in theme has the reference locale");
        let text = std::str::from_utf8(bytes).expect("the built-in locale is UTF-8");
        let words = flatten(text).expect("the built-in locale is valid");
        Locale::new(REFERENCE, PathBuf::from(REFERENCE), words)
    }

    /// `en-GB`, `cy`: the language the words are in, as a BCP 47 tag.
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn file(&self) -> &std::path::Path {
        &self.file
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.words.keys().map(String::as_str)
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.words.get(key).map(String::as_str)
    }

    /// The words for `key`. Every key Rust asks for is in the reference
    /// locale (a test reads the sources for them), and a locale that lacks
    /// one of the reference's keys does not load: a missing key here is a
    /// bug of planpress, not of a theme.
    pub fn word(&self, key: &str) -> &str {
        self.get(key).unwrap_or_else(|| {
            panic!(
                "{}: no key `{key}` (planpress asks for it; add it to every locale)",
                self.file.display()
            )
        })
    }

    /// The words for `key` with each `{name}` replaced by its value.
    pub fn text(&self, key: &str, args: &[(&str, &dyn Display)]) -> String {
        fill(self.word(key), |name| {
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        })
    }
}

/// The built-in reference locale, shared: the unit tests' words.
#[cfg(test)]
pub fn english() -> std::sync::Arc<Locale> {
    std::sync::Arc::new(Locale::builtin_reference())
}

/// `words` with each `{name}` replaced by `value(name)`; a placeholder with
/// no value is left as it is written, so that it shows.
pub fn fill(words: &str, mut value: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(words.len());
    let mut rest = words;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((name, close)) if is_name(name) => {
                match value(name) {
                    Some(v) => out.push_str(&v),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholders of `words`: `{title}` → `title`.
pub fn placeholders(words: &str) -> Vec<&str> {
    words
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
        .filter(|name| is_name(name))
        .collect()
}

fn is_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// A locale file's text as its keys: nested maps joined with `.`
/// (`state: {closed: Closed}` is `state.closed`), every value text.
pub fn flatten(text: &str) -> Result<BTreeMap<String, String>, String> {
    let tree: BTreeMap<String, Node> = serde_saphyr::from_str(text).map_err(|e| e.to_string())?;
    Ok(Node::flatten(tree))
}

/// A value of a locale file: words, or a group of keys.
#[derive(serde::Deserialize)]
#[serde(untagged)]
pub enum Node {
    Words(String),
    Group(BTreeMap<String, Node>),
}

impl Node {
    /// A locale file's tree as its keys and words.
    pub fn flatten(tree: BTreeMap<String, Node>) -> BTreeMap<String, String> {
        let mut words = BTreeMap::new();
        for (key, node) in tree {
            node.flatten_into(key, &mut words);
        }
        words
    }

    fn flatten_into(self, key: String, words: &mut BTreeMap<String, String>) {
        match self {
            Node::Words(w) => {
                words.insert(key, w);
            }
            Node::Group(group) => {
                for (k, node) in group {
                    node.flatten_into(format!("{key}.{k}"), words);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_others_left() {
        let filled = fill("{title} was {state} on {date} {not a name}", |n| {
            (n != "date").then(|| n.to_uppercase())
        });
        assert_eq!(filled, "TITLE was STATE on {date} {not a name}");
        assert_eq!(placeholders("{a} and {b_2} {C}"), ["a", "b_2"]);
    }

    #[test]
    fn nested_keys_are_joined_with_dots() {
        let words = flatten("a:\n  b: one\n  c:\n    d: two\ne: three\n").unwrap();
        let keys: Vec<_> = words.keys().map(String::as_str).collect();
        assert_eq!(keys, ["a.b", "a.c.d", "e"]);
        assert!(flatten("a: [1, 2]\n").is_err());
    }
}
