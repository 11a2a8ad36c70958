//! Stage 4: the model of each document, once, for every renderer.
//!
//! After [`crate::resolve`], each document is walked once in reading order
//! into a [`Document`]: its parts (overview, sections, the plan, outcomes,
//! performance) and its measures, each holding what a reader is shown of
//! it, with every address worked out and its Markdown parsed. The site's
//! pages ([`crate::render`]) and every alternative format
//! ([`crate::export`]) are made from this one model, so they list the same
//! things in the same order.

pub mod archive;
pub mod chart;
pub mod dashboard;
pub mod landing;
pub mod layout;
pub mod markdown;
pub mod performance;
mod plan;
pub mod progress;
pub mod prose;
pub mod views;

use serde::Serialize;

use crate::model::{Content, Strategy};
use crate::resolve::{DocumentId, Resolved};
use archive::OutcomesView;
use dashboard::DashboardView;
use layout::paths;
use markdown::Rendered;
use performance::{MeasureSummary, MeasureView};
pub use plan::{
    AmbitionGroup, CommitmentView, KeyMeasureView, MilestoneView, PerformanceGroup, PriorityView,
};
use progress::ProgressSummary;
use prose::Prose;
use views::{DocView, Urls, doc_view};

/// What every document's model is made from.
#[derive(Clone, Copy)]
pub struct Inputs<'a> {
    pub content: &'a Content,
    pub resolved: &'a Resolved,
    /// Addresses as the site links them; exports make them absolute.
    pub urls: &'a Urls,
    /// The day the build is as of: what is overdue is overdue by then.
    pub as_of: jiff::civil::Date,
}

impl<'a> Inputs<'a> {
    fn docs(&self) -> &'a [Strategy] {
        &self.content.strategies
    }
}

/// One document as every renderer presents it.
pub struct Document {
    pub index: DocumentId,
    pub slug: String,
    /// Its facts, status, lineage and statements. The links to its other
    /// formats are the site's to add: they are made from this model.
    pub view: DocView,
    /// In reading order, the overview first.
    pub parts: Vec<Part>,
    /// Every measure it publishes, in full: the site gives each a page of
    /// its own, outside the reading order.
    pub measures: Vec<MeasureView>,
    /// How the measures that report on it stand, at a glance: a page of
    /// its own beside the performance part, when it has measures.
    pub dashboard: Option<DashboardView>,
    /// For a plan in force whose progress is recorded: where its
    /// commitments stand.
    pub progress: Option<ProgressSummary>,
}

/// One part of a document: a page of the site, a chapter of an ebook, a
/// track of audio.
pub struct Part {
    /// Unique in the document: `overview`, a section's slug, `priorities`,
    /// a priority's id, `outcomes`, `performance`.
    pub slug: String,
    /// Its page, relative to the site root.
    pub path: String,
    pub title: String,
    pub body: Body,
}

/// What a part holds.
pub enum Body {
    /// The document's facts ([`Document::view`]) and its plan at a glance.
    Overview(Option<landing::Landing>),
    Section {
        prose: Prose,
        /// Its HTML and headings as the site shows them, written once: the
        /// headings are found while the HTML is written.
        rendered: Rendered,
    },
    /// The plan's priorities, grouped by ambition.
    Priorities(PlanIndex),
    Priority(Box<PriorityPart>),
    /// What became of the commitments, when the plan records it.
    Outcomes(OutcomesView),
    Performance(PerformanceView),
}

/// The list of a plan's priorities.
#[derive(Serialize)]
pub struct PlanIndex {
    pub groups: Vec<AmbitionGroup>,
    /// What the plan calls its priorities: "Priorities", "Themes".
    pub plural: String,
    /// Whether the plan names ambitions: priorities of none are then "other".
    pub has_ambitions: bool,
}

/// A priority of a plan, and the plan's wording around every priority.
pub struct PriorityPart {
    pub priority: PriorityView,
    /// The plan's own heading for each priority's aim.
    pub aim_heading: Option<String>,
    /// The plan's own words before each commitment's actions.
    pub actions_intro: Option<String>,
}

/// How a document's measures stand.
#[derive(Serialize)]
pub struct PerformanceView {
    /// Each priority with measures, what they are and the figures reported.
    pub groups: Vec<PerformanceGroup>,
    /// The figures this document publishes.
    pub published: Vec<MeasureSummary>,
}

/// The model of document `i`: sections up to the one the plan follows, the
/// plan, the other sections, then what became of the commitments and how
/// its measures stand.
pub fn document(inputs: &Inputs, i: usize) -> Document {
    let docs = inputs.docs();
    let s = &docs[i];
    let urls = inputs.urls;
    let mut parts = vec![Part {
        slug: "overview".to_string(),
        path: paths::strategy(&s.slug),
        title: s.meta.title.clone(),
        body: Body::Overview(landing::landing(inputs, s)),
    }];
    let plan_at = s.plan_position();
    for (n, section) in s.sections.iter().enumerate() {
        if n == plan_at {
            parts.extend(plan::parts(inputs, s));
        }
        let prose = Prose::parse(section.body(), &inputs.resolved.locale);
        parts.push(Part {
            slug: section.slug.clone(),
            path: paths::section(&s.slug, &section.slug),
            title: section.title.clone(),
            body: Body::Section {
                rendered: prose.rendered(),
                prose,
            },
        });
    }
    if plan_at >= s.sections.len() {
        parts.extend(plan::parts(inputs, s));
    }
    if let Some(view) = s
        .plan
        .as_ref()
        .and_then(|plan| archive::outcomes(s, plan, docs, inputs.resolved, urls))
    {
        parts.push(Part {
            slug: "outcomes".to_string(),
            path: paths::outcomes(&s.slug),
            title: inputs.resolved.locale.word("page.outcomes").to_string(),
            body: Body::Outcomes(view),
        });
    }
    if let Some(view) = plan::performance(inputs, s, &parts) {
        parts.push(Part {
            slug: "performance".to_string(),
            path: paths::performance(&s.slug),
            title: inputs.resolved.locale.word("page.performance").to_string(),
            body: Body::Performance(view),
        });
    }
    Document {
        index: DocumentId(i),
        slug: s.slug.clone(),
        view: doc_view(
            DocumentId(i),
            docs,
            inputs.resolved,
            urls,
            &[],
            &inputs.resolved.locale,
        ),
        parts,
        measures: s
            .measures
            .iter()
            .map(|m| {
                performance::measure_view(
                    (s, m),
                    &inputs.content.site.organisation,
                    &inputs.content.site.performance,
                    docs,
                    inputs.resolved,
                    urls,
                )
            })
            .collect(),
        dashboard: dashboard::plan(inputs, s),
        progress: progress::summary(inputs, s),
    }
}
