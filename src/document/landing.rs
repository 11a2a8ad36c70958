//! What a document's first page answers before anything else: what its plan
//! sets out to do and how far it got. Each priority is given with a line
//! of the plan's own words and its counts; the home page shows the same
//! lines for the plans in force.

use serde::Serialize;

use super::Inputs;
use super::layout::{paths, plan_label, priority_heading};
use super::performance::{self, MeasureSummary};
use super::prose::Prose;
use super::{archive, progress};
use crate::model::{Commitment, OutcomeStatus, Priority, Strategy};

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
    let tracked = progress::tracked(s);
    let recorded = plan
        .priorities
        .iter()
        .flat_map(|p| &p.commitments)
        .any(|c| c.outcome.is_some());
    let priorities: Vec<PrioritySummary> = plan
        .priorities
        .iter()
        .map(|p| PrioritySummary::of(inputs, s, &label.singular, p, (tracked, recorded)))
        .collect();
    let outcomes = if recorded {
        outcomes(plan.priorities.iter().flat_map(|p| &p.commitments))
    } else {
        Vec::new()
    };
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

impl PrioritySummary {
    /// Priority `p` of `s`, which the plan calls `label`: with its
    /// commitments by status when the plan is `tracked`, and by outcome
    /// when the plan's outcomes are `recorded`.
    fn of(
        inputs: &Inputs,
        s: &Strategy,
        label: &str,
        p: &Priority,
        (tracked, recorded): (bool, bool),
    ) -> PrioritySummary {
        let (progress, unreported) = if tracked {
            progress::by_status(s, &p.commitments)
        } else {
            (Vec::new(), 0)
        };
        PrioritySummary {
            title: priority_heading(label, p),
            url: inputs.urls.to(&paths::priority(&s.slug, &p.id.value)),
            summary: p
                .intro
                .as_deref()
                .or(p.aim.as_deref())
                .and_then(|text| Prose::parse(text, &inputs.resolved.locale).first_sentence()),
            commitments: p.commitments.len(),
            milestones: p.milestones.len(),
            measures: p.measures.len(),
            progress: nonzero(progress),
            unreported,
            outcomes: if recorded {
                outcomes(&p.commitments)
            } else {
                Vec::new()
            },
        }
    }
}

/// The counts of `(key, count)` that are not zero.
fn nonzero(counts: impl IntoIterator<Item = (&'static str, usize)>) -> Vec<Count> {
    counts
        .into_iter()
        .filter(|&(_, count)| count > 0)
        .map(|(key, count)| Count { key, count })
        .collect()
}

/// `commitments` by outcome, a commitment with none counted as having no
/// outcome published.
fn outcomes<'a>(commitments: impl IntoIterator<Item = &'a Commitment>) -> Vec<Count> {
    let counts = archive::outcome_counts(commitments);
    nonzero(OutcomeStatus::ALL.iter().map(|st| st.key()).zip(counts))
}
