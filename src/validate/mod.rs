//! Stage 2: every check of the content, and its wording. Each document is
//! checked on its own (slugs, unique ids, dates that make sense, nothing
//! left empty by mistake), the site-wide files on their own, and the links
//! between documents with the index of their anchors ([`links`]).

mod branding;
mod document;
mod lineage;
mod links;
mod markdown;
mod measure;
mod plan;
mod progress;
mod records;
mod site;
mod skeleton;
mod synonyms;

use crate::diagnostic::{Level, Problem, Problems};
use crate::model::{Content, SourceFile, Spanned, Strategy};

pub use branding::theme_files;
pub use links::links;

/// The checks of the site-wide files and of each document on its own.
pub fn validate(content: &Content) -> Problems {
    let mut problems = validate_site(content);
    for strategy in &content.strategies {
        problems.extend(validate_document(strategy));
    }
    problems.sort();
    problems
}

/// The checks of `site.yaml`, `topics.yaml` and `records.yaml` alone.
pub fn validate_site(content: &Content) -> Problems {
    let mut problems = Problems::default();
    site::check_site(content, &mut problems);
    site::check_topics(content, &mut problems);
    records::check_records(content, &mut problems);
    synonyms::check_synonyms(content, &mut problems);
    problems.sort();
    problems
}

/// The checks of one document alone, for a preview that re-reads only it.
pub fn validate_document(strategy: &Strategy) -> Problems {
    let mut problems = Problems::default();
    document::check_strategy(strategy, &mut problems);
    problems.sort();
    problems
}

/// The problems of a `--strict` build: its warnings counted as errors.
pub fn strict(mut problems: Problems) -> Problems {
    for p in &mut problems.0 {
        p.level = Level::Error;
        let help = p.help.take().map_or(String::new(), |h| format!("{h}; "));
        p.help = Some(format!("{help}`--strict` counts warnings as errors"));
    }
    problems
}

/// A problem at the place a spanned value was written.
fn at<T>(file: &SourceFile, value: &Spanned<T>, message: impl Into<String>) -> Problem {
    let loc = value.referenced;
    Problem::at(file, loc.line() as usize, loc.column() as usize, message)
}

/// The first line of `file` whose text (indentation aside) starts with `key`, or 1.
fn line_of(file: &SourceFile, key: &str) -> usize {
    file.text
        .lines()
        .position(|l| l.trim_start().starts_with(key))
        .map_or(1, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_counts_warnings_as_errors_and_says_so() {
        let file = SourceFile {
            path: "content/a.yaml".into(),
            text: "a: 1\n".into(),
        };
        let problems = Problems(vec![
            Problem::at(&file, 1, 1, "w").help("fix it").warning(),
            Problem::at(&file, 1, 1, "bare").warning(),
        ]);
        let strict = strict(problems);
        assert_eq!(strict.errors(), 2);
        let helps: Vec<_> = strict.0.iter().map(|p| p.help.as_deref()).collect();
        assert_eq!(
            helps,
            [
                Some("fix it; `--strict` counts warnings as errors"),
                Some("`--strict` counts warnings as errors"),
            ]
        );
    }
}
