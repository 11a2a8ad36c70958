//! The checks of a document's plan (`plan.yaml`): every priority and
//! commitment has words, outcomes say where they are published, the
//! ambitions priorities serve exist, and the plan is listed once.

use std::iter;

use super::at;
use super::document::Ids;
use crate::diagnostic::{Problem, Problems};
use crate::model::anchors::paragraph_anchors;
use crate::model::{OutcomeStatus, Plan, Priority, SourceFile, Spanned, Strategy};
use crate::support::suggest::did_you_mean;

pub(super) fn check_plan(
    s: &Strategy,
    plan: &Plan,
    file: &SourceFile,
    ids: &mut Ids,
    problems: &mut Problems,
) {
    for p in &plan.priorities {
        check_priority(p, file, problems);
    }
    for id in plan_ids(plan) {
        let (line, column) = (id.referenced.line(), id.referenced.column());
        ids.claim(&id.value, file, line as usize, column as usize, problems);
    }
    // An action's id is written inside its `{ … }`: found by its text.
    let actions = plan
        .priorities
        .iter()
        .flat_map(|p| &p.commitments)
        .flat_map(|c| &c.actions);
    for id in actions.filter_map(|a| a.id.as_deref()) {
        let (line, column) = place_of_id(file, id);
        ids.claim(id, file, line, column, problems);
    }
    let intros = plan
        .priorities
        .iter()
        .flat_map(|p| p.intro.iter().chain(&p.aim));
    for id in intros.flat_map(|t| paragraph_anchors(t)) {
        let (line, column) = place_of(file, &format!("{{#{id}}}"));
        ids.claim(id, file, line, column, problems);
    }
    if let Some(section) = s.sections.iter().filter(|s| s.plan_follows).nth(1) {
        let line = section
            .file
            .text
            .lines()
            .position(|l| l.starts_with("plan:"))
            .map_or(2, |i| i + 1);
        problems.push(
            Problem::at(&section.file, line, 1, "a second section says `plan: true`")
                .help("the priorities are listed once: keep `plan: true` on one section"),
        );
    }
    for p in &plan.priorities {
        check_ambition(plan, p, file, problems);
        check_also_serves(plan, p, file, problems);
    }
}

/// The other priorities a cross-cutting commitment serves are the plan's.
fn check_also_serves(plan: &Plan, p: &Priority, file: &SourceFile, problems: &mut Problems) {
    let others = || {
        plan.priorities
            .iter()
            .map(|x| x.id.value.as_str())
            .filter(|x| *x != p.id.value)
    };
    for other in p.commitments.iter().flat_map(|c| &c.also_serves) {
        if !others().any(|x| x == other.value) {
            let help = did_you_mean(&other.value, others())
                .unwrap_or_else(|| "name another priority of this plan by its `id`".to_string());
            problems.push(
                at(
                    file,
                    other,
                    format!("`{}` is not another priority of this plan", other.value),
                )
                .help(help),
            );
        }
    }
}

/// The line and column of `id: ID` in the file (of the id), or its first line.
fn place_of_id(file: &SourceFile, id: &str) -> (usize, usize) {
    let (line, column) = place_of(file, &format!("id: {id}"));
    (line, column + 4)
}

/// The line and column where `text` is first written, or the first line.
fn place_of(file: &SourceFile, text: &str) -> (usize, usize) {
    file.text
        .lines()
        .enumerate()
        .find_map(|(i, l)| l.find(text).map(|c| (i + 1, l[..c].chars().count() + 1)))
        .unwrap_or((1, 1))
}

/// Every id of the plan, in the order written: ambitions, then each
/// priority with its milestones, measures and commitments.
fn plan_ids(plan: &Plan) -> impl Iterator<Item = &Spanned<String>> {
    let priorities = plan.priorities.iter().flat_map(|p| {
        iter::once(&p.id)
            .chain(p.milestones.iter().map(|m| &m.id))
            .chain(p.measures.iter().map(|m| &m.id))
            .chain(p.commitments.iter().map(|c| &c.id))
    });
    plan.ambitions.iter().map(|a| &a.id).chain(priorities)
}

fn check_priority(p: &Priority, file: &SourceFile, problems: &mut Problems) {
    if p.title.trim().is_empty() {
        problems.push(
            at(file, &p.id, "this priority has an empty title")
                .help("write its title as published"),
        );
    }
    for c in &p.commitments {
        if c.title.is_none() && c.text.is_none() && c.actions.is_empty() {
            problems.push(
                at(file, &c.id, "this commitment has no words")
                    .help("give it a `title`, `text` or `actions`"),
            );
        }
        if let Some(o) = &c.outcome
            && o.status != OutcomeStatus::NoOutcomePublished
            && o.source.is_none()
        {
            problems.push(
                    at(file, &c.id, format!("the outcome `{}` of this commitment has no source", o.status.key()))
                        .help("add `source: { document: ..., anchor: ... }` naming the paragraph that says so, or use `no-outcome-published`"),
                );
        }
    }
}

/// The ambition a priority serves is one of the plan's.
fn check_ambition(plan: &Plan, p: &Priority, file: &SourceFile, problems: &mut Problems) {
    let Some(a) = &p.ambition else { return };
    let ambitions = || plan.ambitions.iter().map(|x| x.id.value.as_str());
    if !ambitions().any(|x| x == a.value) {
        let help = did_you_mean(&a.value, ambitions())
            .unwrap_or_else(|| "add it under `ambitions:` or remove `ambition:`".to_string());
        problems.push(
            at(
                file,
                a,
                format!("there is no ambition `{}` in this plan", a.value),
            )
            .help(help),
        );
    }
}
