//! The checks every piece of Markdown passes before any renderer walks it:
//! its nesting is bounded ([`limits::MARKDOWN_NESTING`]), so that `check`
//! refuses what would exhaust the site's, the exports' or the templates'
//! depth, and names the file and line.

use crate::diagnostic::{Problem, Problems};
use crate::model::limits;
use crate::model::{Plan, SourceFile, Strategy};
use crate::support::markdown::nesting;

/// Every Markdown text of a document: its sections, its plan's prose, what
/// other documents say of it and its measures' descriptions.
pub(super) fn check_document(s: &Strategy, problems: &mut Problems) {
    for section in &s.sections {
        let body = section.body();
        check(&section.file, section.body_line, body, problems);
    }
    for statement in &s.meta.statements {
        check_field(&s.meta_file, &statement.text, problems);
    }
    if let (Some(plan), Some(file)) = (&s.plan, &s.plan_file) {
        for text in plan_texts(plan) {
            check_field(file, text, problems);
        }
    }
    for m in &s.measures {
        if let Some(d) = &m.meta.description {
            check_field(&m.meta_file, d, problems);
        }
    }
}

fn plan_texts(plan: &Plan) -> impl Iterator<Item = &String> {
    let ambitions = plan.ambitions.iter().filter_map(|a| a.summary.as_ref());
    let priorities = plan.priorities.iter().flat_map(|p| {
        let commitments = p
            .commitments
            .iter()
            .flat_map(|c| c.text.iter().chain(c.actions.iter().map(|a| &a.text)));
        p.intro.iter().chain(&p.aim).chain(commitments)
    });
    ambitions.chain(priorities)
}

/// A text written as a YAML value: its line is where its first line is.
fn check_field(file: &SourceFile, text: &str, problems: &mut Problems) {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let line = file
        .text
        .lines()
        .position(|l| !first.is_empty() && l.contains(first.trim()))
        .map_or(1, |i| i + 1);
    check(file, line, text, problems);
}

/// `text` starts on line `first_line` of `file`.
fn check(file: &SourceFile, first_line: usize, text: &str, problems: &mut Problems) {
    let (depth, at) = nesting(text);
    if depth <= limits::MARKDOWN_NESTING {
        return;
    }
    let line = first_line + text[..at].matches('\n').count();
    problems.push(
        Problem::at(
            file,
            line,
            1,
            format!(
                "the Markdown here is nested {depth} levels deep; planpress allows at most {}",
                limits::MARKDOWN_NESTING
            ),
        )
        .help("quotes (`>`), lists and emphasis inside each other count as levels: write the text with fewer"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile {
            path: "content/x.md".into(),
            text: text.into(),
        }
    }

    #[test]
    fn nesting_past_the_limit_is_an_error_at_its_line() {
        let deep = format!(
            "intro\n\n{} too deep\n",
            ">".repeat(limits::MARKDOWN_NESTING + 1)
        );
        let f = file(&format!("---\ntitle: x\n---\n{deep}"));
        let mut problems = Problems::default();
        check(&f, 4, &deep, &mut problems);
        assert_eq!(problems.0.len(), 1);
        assert_eq!(problems.0[0].line, 6);
        assert!(problems.0[0].message.contains("at most 16"));
        let fine = ">".repeat(limits::MARKDOWN_NESTING);
        let mut none = Problems::default();
        check(&f, 4, &fine, &mut none);
        assert!(none.0.is_empty());
    }
}
