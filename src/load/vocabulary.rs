//! `content/vocabulary.yaml`, the site's own units and kinds, and the
//! lookup of the unit a measure names and the kind a document names.

use std::path::Path;

use super::{parse_yaml, read_source};
use crate::diagnostic::{Problem, Problems};
use crate::model::{Kind, SourceFile, Spanned, Unit, Vocabulary, VocabularyFile};
use crate::support::suggest::did_you_mean;

const FILE: &str = "content/vocabulary.yaml";

/// The built-in vocabulary with the site's, if it has a file of its own.
pub fn load(root: &Path, problems: &mut Problems) -> (Vocabulary, Option<SourceFile>) {
    if !root.join(FILE).exists() {
        return (Vocabulary::built_in(), None);
    }
    let Some(file) = read_source(root, Path::new(FILE), problems) else {
        return (Vocabulary::built_in(), None);
    };
    let written: VocabularyFile = parse_yaml(&file, 0, problems).unwrap_or_default();
    match Vocabulary::with(&written) {
        Ok(vocabulary) => (vocabulary, Some(file)),
        Err(wordless) => {
            for w in wordless {
                let example = match w.missing {
                    "value" => "`value: \"{n} tonnes\"`, `{n}` standing for the figure",
                    _ => "`name: Tonnes`",
                };
                problems.push(
                    Problem::at(
                        &file,
                        w.line,
                        1,
                        format!("`{}` of `{}` has no `{}`", w.key, w.list, w.missing),
                    )
                    .help(format!(
                        "the theme has no words for it: give them in the site's language, e.g. {example}"
                    )),
                );
            }
            (Vocabulary::built_in(), Some(file))
        }
    }
}

/// The unit a measure's `unit:` names.
pub fn unit(
    vocabulary: &Vocabulary,
    key: &Spanned<String>,
    file: &SourceFile,
    problems: &mut Problems,
) -> Option<Unit> {
    let keys = || vocabulary.units().map(Unit::key).collect();
    look_up(
        vocabulary.unit(&key.value),
        keys,
        key,
        file,
        "unit",
        problems,
    )
}

/// The kind a document's `kind:` names.
pub fn kind(
    vocabulary: &Vocabulary,
    key: &Spanned<String>,
    file: &SourceFile,
    problems: &mut Problems,
) -> Option<Kind> {
    let keys = || vocabulary.kinds().map(Kind::key).collect();
    look_up(
        vocabulary.kind(&key.value),
        keys,
        key,
        file,
        "kind",
        problems,
    )
}

/// What `key` names, as `found`; if nothing, a problem naming `keys`.
fn look_up<'v, T: Clone>(
    found: Option<&T>,
    keys: impl FnOnce() -> Vec<&'v str>,
    key: &Spanned<String>,
    file: &SourceFile,
    what: &str,
    problems: &mut Problems,
) -> Option<T> {
    if found.is_none() {
        problems.push(unknown(key, file, what, &keys()));
    }
    found.cloned()
}

fn unknown(key: &Spanned<String>, file: &SourceFile, what: &str, keys: &[&str]) -> Problem {
    let at = &key.referenced;
    let near = did_you_mean(&key.value, keys.iter().copied())
        .map(|d| format!("{d} "))
        .unwrap_or_default();
    Problem::at(
        file,
        at.line() as usize,
        at.column() as usize,
        format!("there is no {what} `{}`", key.value),
    )
    .help(format!(
        "{near}the {what}s are {}; a site adds its own in {FILE}",
        keys.join(", ")
    ))
}
