//! What a document's first page answers before anything else: what its plan
//! sets out to do and how far it got. Each priority is given with a line
//! of the plan's own words and its counts; the home page shows the same
//! lines for the plans in force.

use serde::Serialize;

use super::Inputs;
use super::layout::{paths, plan_label, priority_heading};
use super::performance::{self, MeasureSummary};
use super::prose::Prose;
use crate::model::{OutcomeStatus, Priority, Progress, State, Strategy};

/// A document at a glance: its headline figures and its plan.
#[derive(Debug, Clone, Serialize)]
pub struct Landing {
    /// The figures its editors chose to lead with (`headline:`).
    pub headline: Vec<MeasureSummary>,
    /// What the plan calls its priorities: "Priorities", "Themes".
    pub plural: String,
    /// The page that lists them all, grouped as the plan groups them.
    pub url: String,
    pub priorities: Vec<PrioritySummary>,
    /// Whether a priority has a status count: only a plan in force whose
    /// reports are recorded has them.
    pub tracked: bool,
    /// What became of every commitment, for a plan whose outcomes are
    /// recorded: `(outcome key, commitments)`, those with any.
    pub outcomes: Vec<Count>,
    /// The page that gives every outcome, when there are any.
    pub outcomes_url: Option<String>,
}

/// A priority in a line: its name, the first sentence of its own
/// introduction or aim, and what it holds.
#[derive(Debug, Clone, Serialize)]
pub struct PrioritySummary {
    pub title: String,
    pub url: String,
    /// The plan's own first sentence about it, as written: never a
    /// summary the site makes up.
    pub summary: Option<String>,
    pub commitments: usize,
    pub milestones: usize,
    pub measures: usize,
    /// Its commitments by latest reported status, those with any, in the
    /// order of the statuses; then those with none.
    pub progress: Vec<Count>,
    pub unreported: usize,
    /// Its commitments by outcome, those with any.
    pub outcomes: Vec<Count>,
}

/// How many things have a status, by the status's key.
#[derive(Debug, Clone, Serialize)]
pub struct Count {
    pub key: &'static str,
    pub count: usize,
}

/// `s` at a glance; `None` when it has no plan and no headline figures.
pub fn landing(inputs: &Inputs, s: &Strategy) -> Option<Landing> {
    let locale = &inputs.resolved.locale;
    let headline: Vec<MeasureSummary> = s
        .meta
        .headline
        .iter()
        .filter_map(|id| s.measures.iter().find(|m| m.id == id.value))
        .map(|m| performance::summary(s, m, &inputs.content.site.performance, inputs.urls, locale))
        .collect();
    let Some(plan) = &s.plan else {
        return (!headline.is_empty()).then(|| Landing {
            headline,
            plural: String::new(),
            url: String::new(),
            priorities: Vec::new(),
            tracked: false,
            outcomes: Vec::new(),
            outcomes_url: None,
        });
    };
    let label = plan_label(plan, locale);
    let tracked = s.meta.status.state == State::Current && s.progress.is_some();
    let recorded = plan
        .priorities
        .iter()
        .flat_map(|p| &p.commitments)
        .any(|c| c.outcome.is_some());
    let outcomes_of = |priorities: &[Priority]| {
        if recorded {
            outcomes(priorities)
        } else {
            Vec::new()
        }
    };
    let priorities: Vec<PrioritySummary> = plan
        .priorities
        .iter()
        .map(|p| PrioritySummary {
            title: priority_heading(&label.singular, p),
            url: inputs.urls.to(&paths::priority(&s.slug, &p.id.value)),
            summary: p
                .intro
                .as_deref()
                .or(p.aim.as_deref())
                .and_then(|text| Prose::parse(text, locale).first_sentence()),
            commitments: p.commitments.len(),
            milestones: p.milestones.len(),
            measures: p.measures.len(),
            progress: if tracked { progress(s, p) } else { Vec::new() },
            unreported: if tracked { unreported(s, p) } else { 0 },
            outcomes: outcomes_of(std::slice::from_ref(p)),
        })
        .collect();
    let outcomes = outcomes_of(&plan.priorities);
    Some(Landing {
        headline,
        plural: label.plural,
        url: inputs.urls.to(&paths::priorities(&s.slug)),
        priorities,
        tracked,
        outcomes_url: (!outcomes.is_empty()).then(|| inputs.urls.to(&paths::outcomes(&s.slug))),
        outcomes,
    })
}

/// The latest status of each commitment of `p` a report gave, counted.
fn progress(s: &Strategy, p: &Priority) -> Vec<Count> {
    let Some(log) = &s.progress else {
        return Vec::new();
    };
    let latest: Vec<Progress> = p
        .commitments
        .iter()
        .filter_map(|c| log.of(&c.id.value).last().map(|e| e.status))
        .collect();
    Progress::ALL
        .iter()
        .map(|st| Count {
            key: st.key(),
            count: latest.iter().filter(|x| *x == st).count(),
        })
        .filter(|c| c.count > 0)
        .collect()
}

fn unreported(s: &Strategy, p: &Priority) -> usize {
    let Some(log) = &s.progress else {
        return 0;
    };
    p.commitments
        .iter()
        .filter(|c| log.of(&c.id.value).next().is_none())
        .count()
}

/// The commitments of `priorities` by outcome, a commitment with none
/// counted as having no outcome published.
fn outcomes(priorities: &[Priority]) -> Vec<Count> {
    let all = || priorities.iter().flat_map(|p| &p.commitments);
    OutcomeStatus::ALL
        .iter()
        .map(|st| Count {
            key: st.key(),
            count: all()
                .filter(|c| {
                    c.outcome
                        .as_ref()
                        .map_or(OutcomeStatus::NoOutcomePublished, |o| o.status)
                        == *st
                })
                .count(),
        })
        .filter(|c| c.count > 0)
        .collect()
}
