//! Placeholders of `planpress new strategy`'s skeleton left as they were:
//! warnings, so that a new document cannot be published with "Title of the
//! document as published" by mistake. The placeholders are the built-in
//! skeleton's lines of prose (four words or more, keys and comments left
//! out), so a change to the skeleton needs no change here.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use crate::diagnostic::{Problem, Problems};
use crate::model::{SourceFile, Strategy};
use crate::theme::builtin;

/// Warns at each line of the document's files that is still a placeholder.
pub(super) fn check_placeholders(s: &Strategy, problems: &mut Problems) {
    let files = [Some(&s.meta_file), s.plan_file.as_ref()]
        .into_iter()
        .flatten()
        .chain(s.sections.iter().map(|x| &x.file));
    for file in files {
        check_file(file, problems);
    }
}

fn check_file(file: &SourceFile, problems: &mut Problems) {
    let yaml = file.path.extension().is_some_and(|e| e == "yaml");
    for (i, line) in file.text.lines().enumerate() {
        let (key, prose) = prose(line, yaml);
        if prose.is_empty() || !placeholders().contains(prose) {
            continue;
        }
        let message = match key {
            Some(key) => format!("the {key} is still the skeleton's"),
            None => "this text is still the skeleton's".to_string(),
        };
        problems.push(
            Problem::at(file, i + 1, 1, message)
                .help("write the document's own words, as published, in place of the placeholder")
                .warning(),
        );
    }
}

/// The built-in skeleton's lines of prose.
fn placeholders() -> &'static BTreeSet<String> {
    static SET: OnceLock<BTreeSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        builtin::paths()
            .filter(|p| p.starts_with("skeleton/"))
            .filter_map(|p| Some((p.ends_with(".yaml"), builtin::file(p)?)))
            .flat_map(|(yaml, bytes)| {
                String::from_utf8_lossy(bytes)
                    .lines()
                    .map(|l| prose(l, yaml).1.to_string())
                    .filter(|l| l.split_whitespace().count() >= 4)
                    .collect::<Vec<_>>()
            })
            .collect()
    })
}

/// A line's key (in YAML, `title` of `  - title: …`) and its words, without
/// a YAML comment; a YAML line that is all comment has none.
fn prose(line: &str, yaml: bool) -> (Option<&str>, &str) {
    let mut text = line.trim().trim_start_matches("- ");
    if !yaml {
        return (None, text);
    }
    if text.starts_with('#') {
        return (None, "");
    }
    if let Some(at) = text.find(" #") {
        text = &text[..at];
    }
    match text.split_once(": ") {
        Some((key, value)) if !key.contains(' ') => (Some(key), value.trim()),
        _ => (None, text.trim()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_skeleton_s_prose_is_a_placeholder_and_its_keys_are_not() {
        assert!(placeholders().contains("Title of the document as published"));
        assert!(placeholders().contains("The first priority, as published"));
        assert!(!placeholders().contains("Introduction"));
        assert!(!placeholders().contains("draft"));
        assert_eq!(
            prose("  - title: The first ambition, as published  # note", true),
            (Some("title"), "The first ambition, as published")
        );
    }
}
