//! How a plan in force is going: each commitment's and milestone's history
//! of statuses, which milestones are overdue as of the build's day, and
//! the counts a plan's pages lead with.

use serde::Serialize;

use super::Inputs;
use super::views::{DateView, SourceLink, cite_parts};
use crate::model::{Commitment, PartialDate, Progress, ProgressEntry, State, Strategy};

/// One status a report gave.
#[derive(Clone, Serialize)]
pub struct ProgressView {
    /// The status's key (`on-track` …): the theme words it.
    pub status: &'static str,
    pub date: DateView,
    pub source: SourceLink,
    pub note: Option<String>,
}

/// Where a commitment or milestone stands: its history, oldest first.
#[derive(Clone, Default, Serialize)]
pub struct Standing {
    pub history: Vec<ProgressView>,
    /// The latest status's key, if any.
    pub status: Option<&'static str>,
    /// Due before the build's day and neither completed nor dropped.
    pub overdue: bool,
}

/// How many of a plan's commitments stand where, as of a day.
#[derive(Clone, Serialize)]
pub struct ProgressSummary {
    pub as_of: DateView,
    /// `(status key, commitments)` for every status, in the list's order.
    pub commitments: Vec<(&'static str, usize)>,
    /// Commitments with no status reported.
    pub unreported: usize,
    pub total: usize,
    /// Milestones past their due date, neither completed nor dropped.
    pub overdue_milestones: usize,
}

/// Whether the document's progress is followed at all: only a plan in
/// force whose reports are recorded can be behind.
pub(super) fn tracked(s: &Strategy) -> bool {
    s.meta.status.state == State::Current && s.progress.is_some()
}

/// The standing of item `id` of `s`, due by `due` if it has a due date.
pub fn standing(inputs: &Inputs, s: &Strategy, id: &str, due: Option<PartialDate>) -> Standing {
    let Some(log) = &s.progress else {
        return Standing::default();
    };
    let entries: Vec<&ProgressEntry> = log.of(id).collect();
    let latest = entries.last().map(|e| e.status);
    let settled = matches!(
        latest,
        Some(Progress::Completed | Progress::NotBeingPursued)
    );
    let overdue = tracked(s) && !settled && due.is_some_and(|d| d.last_day() < inputs.as_of);
    Standing {
        history: entries.iter().map(|e| view(inputs, e)).collect(),
        status: latest.map(Progress::key),
        overdue,
    }
}

fn view(inputs: &Inputs, e: &ProgressEntry) -> ProgressView {
    ProgressView {
        status: e.status.key(),
        date: DateView::new(e.date, &inputs.resolved.locale),
        source: cite_parts(
            inputs.resolved,
            inputs.urls,
            inputs.docs(),
            &e.document,
            &e.anchor,
        ),
        note: e.note.clone(),
    }
}

/// The counts of a tracked plan, none for any other document.
pub fn summary(inputs: &Inputs, s: &Strategy) -> Option<ProgressSummary> {
    if !tracked(s) {
        return None;
    }
    let priorities = s.plan.iter().flat_map(|p| &p.priorities);
    let (commitments, unreported) = by_status(s, priorities.clone().flat_map(|p| &p.commitments));
    let overdue_milestones = priorities
        .flat_map(|p| &p.milestones)
        .filter(|m| standing(inputs, s, &m.id.value, m.due).overdue)
        .count();
    Some(ProgressSummary {
        as_of: DateView::new(PartialDate::from(inputs.as_of), &inputs.resolved.locale),
        total: commitments.iter().map(|(_, n)| n).sum::<usize>() + unreported,
        commitments,
        unreported,
        overdue_milestones,
    })
}

/// The latest status reported of each of `commitments` of `s`, counted:
/// `(status key, commitments)` for every status in the list's order, and
/// how many have none. Only the latest status counts: no history views are
/// made.
pub fn by_status<'a>(
    s: &Strategy,
    commitments: impl IntoIterator<Item = &'a Commitment>,
) -> (Vec<(&'static str, usize)>, usize) {
    let latest: Vec<Option<Progress>> = commitments
        .into_iter()
        .map(|c| {
            s.progress
                .as_ref()?
                .of(&c.id.value)
                .last()
                .map(|e| e.status)
        })
        .collect();
    let counts = Progress::ALL
        .iter()
        .map(|p| (p.key(), latest.iter().filter(|s| **s == Some(*p)).count()))
        .collect();
    (counts, latest.iter().filter(|s| s.is_none()).count())
}
