//! The theme's words: every locale has every key, every key the templates
//! and Rust ask for exists, a site in Welsh shows no English interface
//! text, and a locale that is missing a key or a language the theme lacks
//! is a clear error.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;

use scraper::{Html, Node};

use crate::common::{self, Built, root};

fn locale(name: &str) -> BTreeMap<String, String> {
    let path = root().join(format!("themes/default/locales/{name}.yaml"));
    let text = std::fs::read_to_string(&path).unwrap();
    planpress::theme::locale::flatten(&text).unwrap_or_else(|e| panic!("{name}.yaml: {e}"))
}

#[test]
fn every_locale_has_every_key_of_every_other() {
    let (english, welsh) = (locale("en-GB"), locale("cy"));
    let missing = |from: &BTreeMap<String, String>, to: &BTreeMap<String, String>| {
        from.keys()
            .filter(|k| !to.contains_key(*k))
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(
        missing(&english, &welsh),
        Vec::<String>::new(),
        "keys of en-GB not in cy"
    );
    assert_eq!(
        missing(&welsh, &english),
        Vec::<String>::new(),
        "keys of cy not in en-GB"
    );
    for (key, words) in &welsh {
        let ours = planpress::theme::locale::placeholders(words);
        let theirs = planpress::theme::locale::placeholders(&english[key]);
        for name in ours {
            assert!(
                theirs.contains(&name),
                "cy `{key}` has `{{{name}}}`, en-GB's has not"
            );
        }
    }
}

/// The quoted keys of each `t(…)` of the theme's templates: `t("a.b")`,
/// `t("a" if x else "b")`, and `t("prefix." ~ key)` (as `prefix.`).
fn template_keys(text: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for (at, _) in text.match_indices("t(\"") {
        if text[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let call = &text[at + 2..];
        let end = call.find(')').unwrap_or(call.len());
        let call = &call[..end];
        // Quoted literals, each with what comes before it: a value given
        // to a placeholder (`version="1.65.1"`) is not a key.
        let mut rest = call;
        while let Some(open) = rest.find('"') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('"') else { break };
            let literal = &after[..close];
            let given = rest[..open].trim_end().ends_with('=');
            if !given && literal.contains('.') && !literal.contains(' ') {
                keys.push(literal.to_string());
            }
            rest = &after[close + 1..];
        }
    }
    keys
}

/// The string literals of Rust's sources shaped as keys of a group of the
/// reference locale: `"date.month.january"`.
fn rust_keys(dir: &Path, groups: &BTreeSet<&str>, found: &mut Vec<(String, String)>) {
    for path in common::files(dir) {
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for literal in text.split('"').skip(1).step_by(2) {
            let shaped = literal.split('.').count() > 1
                && literal.split('.').all(|p| {
                    !p.is_empty()
                        && p.bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                });
            let file_name = [
                ".html", ".yaml", ".xml", ".csv", ".json", ".txt", ".md", ".css", ".js", ".svg",
                ".xhtml", ".opf",
            ]
            .iter()
            .any(|x| literal.ends_with(x));
            let group = literal.split('.').next().unwrap_or_default();
            if shaped && !file_name && groups.contains(group) {
                found.push((path.display().to_string(), literal.to_string()));
            }
        }
    }
}

#[test]
fn every_key_the_templates_and_rust_ask_for_is_in_the_reference_locale() {
    let english = locale("en-GB");
    let theme = root().join("themes/default");
    let mut asked = 0;
    for folder in ["templates", "export"] {
        for path in common::files(&theme.join(folder)) {
            let text = std::fs::read_to_string(&path).unwrap();
            for key in template_keys(&text) {
                asked += 1;
                let known = if key.ends_with('.') {
                    english.keys().any(|k| k.starts_with(&key))
                } else {
                    english.contains_key(&key)
                };
                assert!(
                    known,
                    "{}: t(\"{key}\") is not a key of en-GB.yaml",
                    path.display()
                );
            }
        }
    }
    assert!(asked > 100, "only {asked} keys found in the templates");
    let groups: BTreeSet<&str> = english
        .keys()
        .map(|k| k.split('.').next().unwrap())
        .collect();
    let mut found = Vec::new();
    rust_keys(&root().join("src"), &groups, &mut found);
    assert!(found.len() > 20, "only {} keys found in src/", found.len());
    for (file, key) in found {
        assert!(
            english.contains_key(&key),
            "{file}: `{key}` is not a key of en-GB.yaml"
        );
    }
}

/// The Welsh fixture, built once with every export.
fn welsh() -> &'static Built {
    static SITE: OnceLock<Built> = OnceLock::new();
    SITE.get_or_init(|| common::build_copy(&root().join("tests/fixtures/cymraeg/content")))
}

/// The pieces of en-GB's words that a reader could see, where cy's words
/// differ: each value cut at its placeholders, pieces with a word of four
/// letters or more.
fn english_pieces() -> Vec<(String, String)> {
    let (english, welsh) = (locale("en-GB"), locale("cy"));
    let mut pieces = Vec::new();
    for (key, words) in &english {
        if welsh.get(key) == Some(words) || key.starts_with("braille.") || key.starts_with("audio.")
        {
            continue;
        }
        let text = planpress::theme::locale::fill(words, |_| Some("\u{0}".to_string()));
        for piece in text.split('\u{0}') {
            let piece = piece.trim_matches(|c: char| !c.is_alphanumeric());
            if piece
                .split(|c: char| !c.is_alphabetic())
                .any(|w| w.chars().count() >= 4)
            {
                pieces.push((key.clone(), piece.to_string()));
            }
        }
    }
    pieces
}

/// What a reader of a page is given: its text, and the words of its
/// attributes (alternative text, labels, titles, descriptions).
fn readable(markup: &str) -> String {
    let doc = Html::parse_document(markup);
    let mut out = String::new();
    for node in doc.tree.root().descendants() {
        match node.value() {
            Node::Text(t) => {
                let in_script = node
                    .parent()
                    .and_then(|p| p.value().as_element())
                    .is_some_and(|e| matches!(e.name(), "script" | "style"));
                if !in_script {
                    out.push_str(t);
                    out.push('\n');
                }
            }
            Node::Element(e) => {
                // The search script shows its form's `data-` words.
                let shown = ["alt", "aria-label", "title", "content", "placeholder"];
                for (name, v) in e.attrs() {
                    if shown.contains(&name)
                        || (name.starts_with("data-") && name != "data-template")
                    {
                        out.push_str(v);
                        out.push('\n');
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether `piece` is in `text` as words, not inside a longer word nor an
/// address or name (`alternative-formats/`, `#status-current`).
fn has_words(text: &str, piece: &str) -> bool {
    let joins = |c: char| c.is_alphanumeric() || matches!(c, '-' | '/' | '_' | '#');
    text.match_indices(piece).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + piece.len()..].chars().next();
        !before.is_some_and(joins) && !after.is_some_and(joins)
    })
}

/// Every file of the Welsh site a reader reads, as text: pages, the feed,
/// the text export, the large print and each EPUB's documents.
fn readable_files(site: &Built) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (path, bytes) in &site.files {
        let text = || String::from_utf8_lossy(bytes).into_owned();
        if path.ends_with(".html") || path.ends_with(".xml") {
            out.push((path.clone(), readable(&text())));
        } else if path.ends_with(".txt") {
            out.push((path.clone(), text()));
        } else if path.ends_with(".epub") {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            for i in 0..zip.len() {
                let mut file = zip.by_index(i).unwrap();
                let name = file.name().to_string();
                if name.ends_with(".xhtml") || name.ends_with(".opf") {
                    let mut s = String::new();
                    std::io::Read::read_to_string(&mut file, &mut s).unwrap();
                    out.push((format!("{path}!{name}"), readable(&s)));
                }
            }
        }
    }
    out
}

#[test]
fn a_site_in_welsh_shows_no_english_interface_text() {
    let site = welsh();
    let files = readable_files(site);
    assert!(
        files
            .iter()
            .any(|(p, _)| p.ends_with(".epub!EPUB/nav.xhtml") || p.contains(".epub!"))
    );
    assert!(
        files.iter().any(|(p, _)| p.ends_with(".txt")),
        "no text export"
    );
    let pieces = english_pieces();
    assert!(
        pieces.len() > 100,
        "only {} pieces of English",
        pieces.len()
    );
    let mut leaks = Vec::new();
    for (path, text) in &files {
        for (key, piece) in &pieces {
            if has_words(text, piece) {
                leaks.push(format!("{path}: “{piece}” (en-GB `{key}`)"));
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "English in the Welsh site:\n{}",
        leaks.join("\n")
    );
}

#[test]
fn a_welsh_site_says_so_and_uses_welsh_dates() {
    let site = welsh();
    let home = site.html("index.html");
    assert!(home.contains("<html lang=\"cy\""));
    assert!(home.contains("Neidio i’r prif gynnwys"));
    let strategy = site.html("cynllun-corfforaethol-2024/index.html");
    assert!(
        strategy.contains("22 Chwefror 2024"),
        "the approval date in Welsh"
    );
    // A figure is written by its locale's pattern: days in Welsh.
    let measure = common::page_text(
        site,
        "cynllun-corfforaethol-2024/measures/amser-atgyweirio/index.html",
    );
    assert!(measure.contains("12 diwrnod"), "{measure}");
    assert!(!measure.contains("12 days"), "{measure}");
}

#[test]
fn a_locale_missing_a_key_is_an_error_naming_the_key_and_the_file() {
    let dir = common::fixture_copy();
    let root = dir.path();
    let path = root.join("themes/default/locales/en-GB.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replace("  skip-link: Skip to main content\n", "");
    std::fs::write(&path, &text).unwrap();
    // A site's file overrides the built-in one key by key: only a language
    // the built-in theme lacks must have every key.
    let fr = root.join("themes/default/locales/fr.yaml");
    std::fs::write(&fr, &text).unwrap();
    common::edit(root, "content/site.yaml", "language: en-GB", "language: fr");
    let out = common::planpress(root, &["check"]);
    let err = common::stderr(&out);
    assert!(!out.status.success());
    assert!(err.contains("themes/default/locales/fr.yaml"), "{err}");
    assert!(err.contains("no key `layout.skip-link`"), "{err}");
}

#[test]
fn a_site_overrides_single_words_of_its_locale() {
    let dir = common::fixture_copy();
    let root = dir.path();
    std::fs::write(
        root.join("themes/default/locales/en-GB.yaml"),
        "layout:\n  skip-link: Skip to the plan\n",
    )
    .unwrap();
    let out = common::planpress(root, &["build"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let home = std::fs::read_to_string(root.join("public/index.html")).unwrap();
    assert!(home.contains(">Skip to the plan</a>"));
    assert!(
        home.contains(">Accessibility statement</a>"),
        "the other words are the built-in ones"
    );
}

#[test]
fn an_unknown_language_is_an_error_listing_the_shipped_ones() {
    let dir = common::fixture_copy();
    let root = dir.path();
    common::edit(root, "content/site.yaml", "language: en-GB", "language: gd");
    let out = common::planpress(root, &["check"]);
    let err = common::stderr(&out);
    assert!(!out.status.success());
    assert!(err.contains("content/site.yaml"), "{err}");
    assert!(
        err.contains("no words for the language `gd`: it has cy, en-GB"),
        "{err}"
    );
}

/// Braille in the Welsh table (`braille.table` of cy.yaml), and the
/// exports' words and the voice for the audio from the Welsh locale.
#[test]
fn a_welsh_site_s_braille_uses_the_welsh_table() {
    if !common::tool("lou_translate", "the Welsh Braille") {
        return;
    }
    let site = welsh();
    let slug = "cynllun-bwrdeistref-2019";
    let brf = site.text(&format!("exports/{slug}/{slug}.brf"));
    let title = "Cynllun y Fwrdeistref 2019";
    let translate = |table: &str| {
        let mut child = std::process::Command::new("lou_translate")
            .args(["-f", table])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(title.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        String::from_utf8(out.stdout).unwrap().trim().to_uppercase()
    };
    let (welsh, english) = (translate("cy-cy-g2.ctb"), translate("en-ueb-g2.ctb"));
    assert_ne!(welsh, english, "the two tables write the title alike");
    assert!(
        brf.contains(&welsh),
        "the title is not in Welsh Braille: {welsh}"
    );
    let text = site.text(&format!("exports/{slug}/{slug}.txt"));
    assert!(
        text.contains("Cynnwys\n-------"),
        "the text edition's contents heading is Welsh"
    );
}
