//! A document's plan as its parts: the list of priorities, a part for each
//! priority, and how the plan's measures stand.

use std::collections::BTreeSet;

use serde::Serialize;

use super::archive::{self, OutcomeView};
use super::layout::{paths, plan_label, priority_heading};
use super::performance::{self, MeasureSummary};
use super::progress::{Standing, standing};
use super::prose::Prose;
use super::views::{DateView, Link, SourceLink, cite};
use super::{Body, Inputs, Part, PerformanceView, PlanIndex, PriorityPart};
use crate::model::{Commitment, Plan, Priority, Strategy};

#[derive(Serialize)]
pub struct MilestoneView {
    pub id: String,
    pub text: String,
    pub due: Option<DateView>,
    pub standing: Standing,
}

/// A key performance measure a plan names, with any figures reported for it.
#[derive(Clone, Serialize)]
pub struct KeyMeasureView {
    pub id: String,
    pub title: String,
    pub reported_in: Vec<MeasureSummary>,
}

/// An action of a commitment, with the number and anchor the plan gives it.
#[derive(Serialize)]
pub struct ActionView {
    pub id: Option<String>,
    pub number: Option<String>,
    pub html: Prose,
    pub standing: Standing,
}

#[derive(Serialize)]
pub struct CommitmentView {
    pub id: String,
    pub title: Option<String>,
    pub html: Option<Prose>,
    pub actions: Vec<ActionView>,
    /// Whether the plan numbers the actions itself ("1.1"), rather than
    /// the list numbering them.
    pub numbered: bool,
    pub lead: Option<String>,
    /// Only for plans whose commitments record outcomes: the verdict,
    /// after the history of its statuses.
    pub outcome: Option<OutcomeView>,
    pub standing: Standing,
    pub taken_forward_by: Vec<SourceLink>,
}

#[derive(Serialize)]
pub struct PriorityView {
    pub id: String,
    pub url: String,
    pub heading: String,
    pub number: Option<String>,
    pub title: String,
    pub ambition: Option<Link>,
    pub ambition_label: Option<String>,
    pub lead: Option<String>,
    pub intro_html: Option<Prose>,
    pub aim_html: Option<Prose>,
    pub milestones: Vec<MilestoneView>,
    pub measures: Vec<KeyMeasureView>,
    /// Commitments of other priorities that serve this one too.
    pub cross_cutting: Vec<Link>,
    /// Figures reported on the priority or its commitments directly.
    pub figures: Vec<MeasureSummary>,
    pub commitments: Vec<CommitmentView>,
}

#[derive(Serialize)]
pub struct AmbitionGroup {
    pub id: Option<String>,
    pub title: Option<String>,
    pub summary_html: Option<Prose>,
    pub priorities: Vec<Link>,
}

/// A priority's measures, as the performance part lists them.
#[derive(Serialize)]
pub struct PerformanceGroup {
    pub title: String,
    pub url: String,
    pub measures: Vec<KeyMeasureView>,
    pub figures: Vec<MeasureSummary>,
}

/// The plan's parts: its list of priorities, then one part a priority.
pub fn parts(inputs: &Inputs, s: &Strategy) -> Vec<Part> {
    let Some(plan) = &s.plan else {
        return Vec::new();
    };
    let label = plan_label(plan, &inputs.resolved.locale);
    let mut parts = vec![Part {
        slug: "priorities".to_string(),
        path: paths::priorities(&s.slug),
        title: label.plural.clone(),
        body: Body::Priorities(index(inputs, s, plan)),
    }];
    for p in &plan.priorities {
        parts.push(Part {
            slug: p.id.value.clone(),
            path: paths::priority(&s.slug, &p.id.value),
            title: priority_heading(&label.singular, p),
            body: Body::Priority(Box::new(PriorityPart {
                priority: priority(inputs, s, plan, p),
                aim_heading: plan.aim_heading.clone(),
                actions_intro: plan.actions_intro.clone(),
            })),
        });
    }
    parts
}

fn priority_link(inputs: &Inputs, s: &Strategy, label: &str, p: &Priority) -> Link {
    Link {
        title: priority_heading(label, p),
        url: inputs.urls.to(&paths::priority(&s.slug, &p.id.value)),
    }
}

/// The priorities by ambition, then those of none.
fn index(inputs: &Inputs, s: &Strategy, plan: &Plan) -> PlanIndex {
    let label = plan_label(plan, &inputs.resolved.locale);
    let link = |p: &Priority| priority_link(inputs, s, &label.singular, p);
    let mut groups: Vec<AmbitionGroup> = plan
        .ambitions
        .iter()
        .map(|a| AmbitionGroup {
            id: Some(a.id.value.clone()),
            title: Some(a.title.clone()),
            summary_html: a
                .summary
                .as_deref()
                .map(|s| Prose::parse(s, &inputs.resolved.locale)),
            priorities: plan
                .priorities
                .iter()
                .filter(|p| p.ambition.as_ref().is_some_and(|x| x.value == a.id.value))
                .map(link)
                .collect(),
        })
        .collect();
    let ungrouped: Vec<Link> = plan
        .priorities
        .iter()
        .filter(|p| p.ambition.is_none())
        .map(link)
        .collect();
    if !ungrouped.is_empty() {
        groups.push(AmbitionGroup {
            id: None,
            title: None,
            summary_html: None,
            priorities: ungrouped,
        });
    }
    PlanIndex {
        groups,
        plural: label.plural,
        has_ambitions: !plan.ambitions.is_empty(),
    }
}

fn priority(inputs: &Inputs, s: &Strategy, plan: &Plan, p: &Priority) -> PriorityView {
    let urls = inputs.urls;
    let label = plan_label(plan, &inputs.resolved.locale);
    let records_outcomes = plan.records_outcomes();
    PriorityView {
        id: p.id.value.clone(),
        url: urls.to(&paths::priority(&s.slug, &p.id.value)),
        heading: priority_heading(&label.singular, p),
        number: p.number.clone(),
        title: p.title.clone(),
        ambition: p.ambition.as_ref().and_then(|a| {
            plan.ambitions
                .iter()
                .find(|x| x.id.value == a.value)
                .map(|x| Link {
                    title: x.title.clone(),
                    url: format!("{}#{}", urls.to(&paths::priorities(&s.slug)), x.id.value),
                })
        }),
        ambition_label: p.ambition_label.clone(),
        lead: p.lead.clone(),
        intro_html: p
            .intro
            .as_deref()
            .map(|s| Prose::parse(s, &inputs.resolved.locale)),
        aim_html: p
            .aim
            .as_deref()
            .map(|s| Prose::parse(s, &inputs.resolved.locale)),
        milestones: p
            .milestones
            .iter()
            .map(|m| MilestoneView {
                id: m.id.value.clone(),
                text: m.text.clone(),
                due: m.due.map(|d| DateView::new(d, &inputs.resolved.locale)),
                standing: standing(inputs, s, &m.id.value, m.due),
            })
            .collect(),
        measures: key_measures(inputs, s, p),
        cross_cutting: cross_cutting(inputs, s, plan, p),
        figures: direct_figures(inputs, s, p),
        commitments: p
            .commitments
            .iter()
            .map(|c| commitment(inputs, s, c, records_outcomes))
            .collect(),
    }
}

fn commitment(
    inputs: &Inputs,
    s: &Strategy,
    c: &Commitment,
    records_outcomes: bool,
) -> CommitmentView {
    let (docs, resolved, urls) = (inputs.docs(), inputs.resolved, inputs.urls);
    CommitmentView {
        id: c.id.value.clone(),
        title: c.title.clone(),
        html: c
            .text
            .as_deref()
            .map(|s| Prose::parse(s, &inputs.resolved.locale)),
        actions: c
            .actions
            .iter()
            .map(|a| ActionView {
                id: a.id.clone(),
                number: a.number.clone(),
                html: Prose::inline(&a.text, &inputs.resolved.locale),
                standing: a
                    .id
                    .as_deref()
                    .map(|id| standing(inputs, s, id, None))
                    .unwrap_or_default(),
            })
            .collect(),
        numbered: c.actions.iter().any(|a| a.number.is_some()),
        lead: c.lead.clone(),
        outcome: records_outcomes
            .then(|| archive::outcome_view(c.outcome.as_ref(), docs, resolved, urls)),
        standing: standing(inputs, s, &c.id.value, None),
        taken_forward_by: c
            .taken_forward_by
            .iter()
            .map(|t| cite(resolved, urls, docs, t))
            .collect(),
    }
}

/// The commitments of other priorities that name `p` among those they
/// also serve, each linked where it is written.
fn cross_cutting(inputs: &Inputs, s: &Strategy, plan: &Plan, p: &Priority) -> Vec<Link> {
    plan.priorities
        .iter()
        .flat_map(|home| home.commitments.iter().map(move |c| (home, c)))
        .filter(|(_, c)| c.also_serves.iter().any(|x| x.value == p.id.value))
        .map(|(home, c)| Link {
            title: c
                .title
                .clone()
                .or_else(|| {
                    c.text
                        .as_deref()
                        .and_then(|t| t.lines().next())
                        .map(str::to_string)
                })
                .unwrap_or_else(|| c.id.value.clone()),
            url: format!(
                "{}#{}",
                inputs.urls.to(&paths::priority(&s.slug, &home.id.value)),
                c.id.value
            ),
        })
        .collect()
}

fn reporting_on(inputs: &Inputs, s: &Strategy, anchor: &str) -> Vec<MeasureSummary> {
    performance::reporting_on(
        &s.slug,
        anchor,
        &inputs.content.site.performance,
        inputs.docs(),
        inputs.resolved,
        inputs.urls,
    )
}

fn key_measures(inputs: &Inputs, s: &Strategy, p: &Priority) -> Vec<KeyMeasureView> {
    p.measures
        .iter()
        .map(|m| KeyMeasureView {
            id: m.id.value.clone(),
            title: m.title.clone(),
            reported_in: reporting_on(inputs, s, &m.id.value),
        })
        .collect()
}

/// Figures reported on a priority itself or on one of its commitments.
/// Each measure once, though it may report on several of them.
fn direct_figures(inputs: &Inputs, s: &Strategy, p: &Priority) -> Vec<MeasureSummary> {
    let mut seen = BTreeSet::new();
    std::iter::once(&p.id.value)
        .chain(p.commitments.iter().map(|c| &c.id.value))
        .flat_map(|id| reporting_on(inputs, s, id))
        .filter(|m| seen.insert(m.url.clone()))
        .collect()
}

/// How each priority's measures stand, as its part (`parts`, the
/// document's parts so far) lists them, and the figures the document
/// publishes; none when there is neither.
pub fn performance(inputs: &Inputs, s: &Strategy, parts: &[Part]) -> Option<PerformanceView> {
    let groups: Vec<PerformanceGroup> = parts
        .iter()
        .filter_map(|part| match &part.body {
            Body::Priority(p) => Some((part, &p.priority)),
            _ => None,
        })
        .filter(|(_, p)| !p.measures.is_empty() || !p.figures.is_empty())
        .map(|(part, p)| PerformanceGroup {
            title: part.title.clone(),
            url: p.url.clone(),
            measures: p.measures.clone(),
            figures: p.figures.clone(),
        })
        .collect();
    let published: Vec<MeasureSummary> = s
        .measures
        .iter()
        .map(|m| {
            let rule = &inputs.content.site.performance;
            performance::summary(s, m, rule, inputs.urls, &inputs.resolved.locale)
        })
        .collect();
    (!groups.is_empty() || !published.is_empty()).then_some(PerformanceView { groups, published })
}
