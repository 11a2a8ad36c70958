//! The checks of one document on its own: its details, its sections, and
//! that every id in it can be cited (unique, and a slug).

use std::collections::HashMap;

use super::{at, line_of, measure, plan};
use crate::diagnostic::{Problem, Problems};
use crate::load::is_slug;
use crate::model::RESERVED;
use crate::model::{SourceFile, Spanned, State, Strategy};

pub(super) fn check_strategy(s: &Strategy, problems: &mut Problems) {
    check_address(s, problems);
    check_meta(s, problems);
    // Every anchor in a document can be cited, so each must be unique in it.
    let mut ids = Ids::default();
    check_sections(s, &mut ids, problems);
    for m in &s.measures {
        ids.claim(&m.id, &m.meta_file, 1, 1, problems);
        measure::check_measure(m, s.meta.period.as_ref(), problems);
    }
    if let (Some(p), Some(file)) = (&s.plan, &s.plan_file) {
        plan::check_plan(s, p, file, &mut ids, problems);
    }
    if let Some(log) = &s.progress {
        super::progress::check_progress(s, log, problems);
    }
    super::markdown::check_document(s, problems);
    super::skeleton::check_placeholders(s, problems);
}

/// The document's folder name is not the address of a site-wide page.
fn check_address(s: &Strategy, problems: &mut Problems) {
    if RESERVED.contains(&s.slug.as_str()) {
        problems.push(
            Problem::file(
                s.meta_file.path.parent().unwrap_or(&s.meta_file.path),
                format!("`{}` is the address of a site page", s.slug),
            )
            .help(format!(
                "rename the folder: these names are taken: {}",
                RESERVED.join(", ")
            )),
        );
    }
}

/// The checks of `strategy.yaml`.
fn check_meta(s: &Strategy, problems: &mut Problems) {
    let meta = &s.meta;
    let file = &s.meta_file;
    if let Some(period) = &meta.period
        && period.end.value < period.start.value
    {
        problems.push(
            at(
                file,
                &period.end,
                format!(
                    "the period ends ({}) before it starts ({})",
                    period.end.value, period.start.value
                ),
            )
            .help("check the years: `end` is the last year the plan covers"),
        );
    }
    if meta.status.state == State::Superseded && meta.superseded_by.is_none() {
        problems.push(
            Problem::at(file, line_of(file, "state:"), 1, "the document is superseded but does not say by what")
                .help("add `superseded_by: SLUG` naming the document that replaced it, if the sources say")
                .warning(),
        );
    }
    if let Some(original) = &meta.original
        && !crate::support::scheme::is_web_address(&original.url)
    {
        problems.push(
            Problem::at(file, line_of(file, "original:"), 1, format!("`{}` is not a web address", original.url))
                .help("write the full address the council publishes the document at, e.g. `https://www.example.gov.uk/plan.pdf`"),
        );
    }
    for slug in meta
        .replaces
        .iter()
        .chain(&meta.reviewed_in)
        .chain(&meta.reports_on)
        .chain(&meta.superseded_by)
        .chain(&meta.delivers)
        .chain(&meta.former_slugs)
    {
        check_slug(file, slug, problems);
    }
    for id in &meta.headline {
        if !s.measures.iter().any(|m| m.id == id.value) {
            let known: Vec<&str> = s.measures.iter().map(|m| m.id.as_str()).collect();
            problems.push(
                at(file, id, format!("`headline` names `{}`, which is not a measure of this document", id.value)).help(
                    if known.is_empty() {
                        "add the measure's file to this document's `measures/` folder, or remove it from `headline`".to_string()
                    } else {
                        format!("name a file of this document's `measures/` folder, without `.yaml`: {}", known.join(", "))
                    },
                ),
            );
        }
    }
    for seed in &meta.seeds {
        if !is_file_name(seed) {
            problems.push(
                Problem::at(file, line_of(file, "seeds:"), 1, format!("`{seed}` is not the name of a file in `seeds/`"))
                    .help("name the file as it is in the project's `seeds/` folder, without a folder: `001_report.txt`"),
            );
        }
    }
    if !meta.held && (!s.sections.is_empty() || s.plan.is_some()) {
        problems.push(
            Problem::at(
                file,
                1,
                1,
                "the document is marked `held: false` but has sections or a plan",
            )
            .help("remove `held: false` if the site publishes its text"),
        );
    }
    if meta.held && s.sections.is_empty() && s.plan.is_none() {
        problems.push(
            Problem::at(file, 1, 1, "the document has no sections and no plan")
                .help("add `sections/01-name.md`, or mark it `held: false` with the `statements` other documents make of it")
                .warning(),
        );
    }
}

/// A file's name alone: no folder, no `..`, not hidden.
fn is_file_name(name: &str) -> bool {
    !name.starts_with('.')
        && !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

fn check_slug(file: &SourceFile, slug: &Spanned<String>, problems: &mut Problems) {
    if !is_slug(&slug.value) {
        problems.push(
            at(file, slug, format!("`{}` is not a slug", slug.value))
                .help("slugs use only lower-case letters, digits and hyphens: the name of a folder under `content/strategies/`"),
        );
    }
}

fn check_sections(s: &Strategy, ids: &mut Ids, problems: &mut Problems) {
    let mut section_slugs: HashMap<&str, &str> = HashMap::new();
    for section in &s.sections {
        if let Some(first) = section_slugs.insert(&section.slug, &section.title) {
            problems.push(
                Problem::file(
                    &section.file.path,
                    format!("two sections are named `{}`", section.slug),
                )
                .help(format!("the other is \"{first}\"; rename one of the files")),
            );
        }
        if section.slug == "priorities" {
            problems.push(
                Problem::file(
                    &section.file.path,
                    "a section cannot be called `priorities`",
                )
                .help("that address holds the list of priorities; rename the file"),
            );
        }
        if section.title.trim().is_empty() {
            problems.push(
                Problem::at(&section.file, 2, 1, "the section title is empty")
                    .help("write its heading as `title: ...`"),
            );
        }
        if section.body().trim().is_empty() {
            problems.push(
                Problem::at(
                    &section.file,
                    section.body_line,
                    1,
                    "the section has no text",
                )
                .help("add the section's text under the header, or remove the file")
                .warning(),
            );
        }
        for (anchor, line) in &section.anchors {
            ids.claim(anchor, &section.file, *line, 1, problems);
        }
    }
}

/// The ids of one document claimed so far, each with where it was first used.
#[derive(Default)]
pub(super) struct Ids(HashMap<String, String>);

impl Ids {
    /// Claims `id`, written at `line` and `column` of `file`: it must be a
    /// slug, and not already used in the document.
    pub(super) fn claim(
        &mut self,
        id: &str,
        file: &SourceFile,
        line: usize,
        column: usize,
        problems: &mut Problems,
    ) {
        if !is_slug(id) {
            problems.push(
                Problem::at(file, line, column, format!("`{id}` is not a valid id"))
                    .help("ids use only lower-case letters, digits and hyphens, e.g. `priority-1`"),
            );
        } else if let Some(first) = self.0.get(id) {
            problems.push(
                Problem::at(
                    file,
                    line,
                    column,
                    format!("the id `{id}` is used twice in this document"),
                )
                .help(format!(
                    "it is first used at {first}; give one of them another id"
                )),
            );
        } else {
            self.0
                .insert(id.to_string(), format!("{}:{line}", file.path.display()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::testing::held_elsewhere;

    fn described(problems: &Problems) -> Vec<String> {
        problems
            .0
            .iter()
            .map(|p| format!("{}: {}", p.position(), p.message))
            .collect()
    }

    #[test]
    fn a_document_cannot_take_the_address_of_a_site_page() {
        let content = held_elsewhere("", &[("archive", ""), ("archives", "")]);
        let found: Vec<_> = content
            .strategies
            .iter()
            .map(|s| described(&crate::validate::validate_document(s)))
            .collect();
        assert_eq!(
            found,
            [
                vec!["content/strategies/archive: `archive` is the address of a site page"],
                vec![],
            ]
        );
    }

    #[test]
    fn an_id_is_claimed_once_and_must_be_a_slug() {
        let file = SourceFile {
            path: "content/strategies/a/plan.yaml".into(),
            text: "a\nb\nc\n".into(),
        };
        let mut ids = Ids::default();
        let mut problems = Problems::default();
        ids.claim("priority-1", &file, 1, 3, &mut problems);
        ids.claim("priority-1", &file, 2, 5, &mut problems);
        ids.claim("Priority_2", &file, 3, 1, &mut problems);
        assert_eq!(
            described(&problems),
            [
                "content/strategies/a/plan.yaml:2:5: the id `priority-1` is used twice in this document",
                "content/strategies/a/plan.yaml:3:1: `Priority_2` is not a valid id",
            ]
        );
        assert_eq!(
            problems.0[0].help.as_deref(),
            Some(
                "it is first used at content/strategies/a/plan.yaml:1; give one of them another id"
            )
        );
    }
}
