//! The archive of strategies, what became of their commitments, topics
//! followed across strategies, and redirects from old addresses.

use serde::Serialize;

use crate::document::chart::{self, Span};
use crate::document::layout::{paths, plan_label, priority_heading};
use crate::document::prose::Prose;
use crate::document::views::{DocView, ExportLink, SourceLink, Urls, cite, doc_view};
use crate::model::{Commitment, Content, OutcomeStatus, PartialDate, Plan, Strategy};
use crate::resolve::{DocumentId, Resolved};
use crate::support::dates;

#[derive(Debug, Serialize)]
pub struct ArchiveView {
    pub documents: Vec<DocView>,
    pub timeline: Option<chart::Chart>,
}

/// Oldest first: the order in which a reader follows the lineage.
pub fn archive(
    content: &Content,
    resolved: &Resolved,
    urls: &Urls,
    exports: &[ExportLink],
) -> ArchiveView {
    let docs = &content.strategies;
    let locale = &*resolved.locale;
    let mut order: Vec<DocumentId> = (0..docs.len()).map(DocumentId).collect();
    // Undated documents come last, not first.
    let when = |s: &Strategy| {
        let date = s
            .meta
            .period
            .as_ref()
            .map(|p| p.start.value)
            .or(s.meta.published)
            .or(s.meta.status.date);
        (date.is_none(), date)
    };
    order.sort_by(|&a, &b| {
        let (a, b) = (a.of(docs), b.of(docs));
        when(a).cmp(&when(b)).then(a.slug.cmp(&b.slug))
    });
    let documents: Vec<DocView> = order
        .iter()
        .map(|&i| doc_view(i, docs, resolved, urls, exports, &resolved.locale))
        .collect();

    let year =
        |d: PartialDate| f64::from(d.year) + d.month.map_or(0.0, |m| f64::from(m - 1) / 12.0);
    let spans: Vec<Span> = order
        .iter()
        .filter_map(|&i| {
            let s = i.of(docs);
            let p = s.meta.period.as_ref()?;
            Some(Span {
                label: s.meta.title.clone(),
                start: year(p.start.value),
                end: year(p.end.value).max(year(p.start.value) + 0.5),
            })
        })
        .collect();
    let description = order
        .iter()
        .filter_map(|&i| {
            let s = i.of(docs);
            let p = s.meta.period.as_ref()?;
            Some(locale.text(
                "archive.timeline-span",
                &[
                    ("title", &s.meta.title),
                    ("start", &dates::long(p.start.value, locale)),
                    ("end", &dates::long(p.end.value, locale)),
                    ("state", &s.meta.status.state.label(locale).to_lowercase()),
                ],
            ))
        })
        .collect::<Vec<_>>()
        .join("; ");
    let timeline = chart::timeline(&spans, &format!("{description}."), locale);
    ArchiveView {
        documents,
        timeline,
    }
}

#[derive(Debug, Serialize)]
pub struct OutcomeView {
    pub key: &'static str,
    pub label: String,
    pub quote: Option<String>,
    pub source: Option<SourceLink>,
}

#[derive(Debug, Serialize)]
pub struct CommitmentOutcome {
    pub id: String,
    pub text: String,
    pub url: String,
    pub outcome: OutcomeView,
    pub taken_forward_by: Vec<SourceLink>,
}

#[derive(Debug, Serialize)]
pub struct ThemeOutcomes {
    pub title: String,
    pub url: String,
    /// Counts in the order of `OutcomeStatus::ALL`.
    pub counts: Vec<usize>,
    pub total: usize,
    pub commitments: Vec<CommitmentOutcome>,
}

#[derive(Debug, Serialize)]
pub struct OutcomesView {
    pub statuses: Vec<String>,
    pub themes: Vec<ThemeOutcomes>,
    pub totals: Vec<usize>,
    pub total: usize,
}

pub fn outcome_view(
    o: Option<&crate::model::Outcome>,
    docs: &[Strategy],
    resolved: &Resolved,
    urls: &Urls,
) -> OutcomeView {
    let status = o.map_or(OutcomeStatus::NoOutcomePublished, |o| o.status);
    OutcomeView {
        key: status.key(),
        label: status.label(&resolved.locale).to_string(),
        quote: o.and_then(|o| o.quote.clone()),
        source: o
            .and_then(|o| o.source.as_ref())
            .map(|c| cite(resolved, urls, docs, c)),
    }
}

/// What became of each commitment of a plan, counted by theme. `None` when
/// no commitment of the plan records an outcome.
pub fn outcomes(
    s: &Strategy,
    plan: &Plan,
    docs: &[Strategy],
    resolved: &Resolved,
    urls: &Urls,
) -> Option<OutcomesView> {
    let commitments = || plan.priorities.iter().flat_map(|p| &p.commitments);
    if !commitments().any(|c| c.outcome.is_some()) {
        return None;
    }
    let label = plan_label(plan, &resolved.locale);
    let mut totals = vec![0; OutcomeStatus::ALL.len()];
    let themes: Vec<ThemeOutcomes> = plan
        .priorities
        .iter()
        .filter(|p| !p.commitments.is_empty())
        .map(|p| {
            let counts = outcome_counts(&p.commitments);
            for (total, n) in totals.iter_mut().zip(&counts) {
                *total += n;
            }
            let page = urls.to(&paths::priority(&s.slug, &p.id.value));
            let commitments = p
                .commitments
                .iter()
                .map(|c| CommitmentOutcome {
                    id: c.id.value.clone(),
                    text: Prose::inline(
                        c.title.as_deref().or(c.text.as_deref()).unwrap_or_default(),
                        &resolved.locale,
                    )
                    .html(),
                    url: format!("{page}#{}", c.id.value),
                    outcome: outcome_view(c.outcome.as_ref(), docs, resolved, urls),
                    taken_forward_by: c
                        .taken_forward_by
                        .iter()
                        .map(|t| cite(resolved, urls, docs, t))
                        .collect(),
                })
                .collect::<Vec<_>>();
            ThemeOutcomes {
                title: priority_heading(&label.singular, p),
                url: page,
                total: commitments.len(),
                counts,
                commitments,
            }
        })
        .collect();
    Some(OutcomesView {
        statuses: OutcomeStatus::ALL
            .iter()
            .map(|s| s.label(&resolved.locale).to_string())
            .collect(),
        total: totals.iter().sum(),
        totals,
        themes,
    })
}

/// How many of `commitments` have each outcome, in the order of
/// `OutcomeStatus::ALL`; one without an outcome has none published.
pub fn outcome_counts<'a>(commitments: impl IntoIterator<Item = &'a Commitment>) -> Vec<usize> {
    let mut counts = vec![0; OutcomeStatus::ALL.len()];
    for c in commitments {
        let status = c
            .outcome
            .as_ref()
            .map_or(OutcomeStatus::NoOutcomePublished, |o| o.status);
        if let Some(i) = OutcomeStatus::ALL.iter().position(|x| *x == status) {
            counts[i] += 1;
        }
    }
    counts
}

#[derive(Debug, Serialize)]
pub struct TopicView {
    pub id: String,
    pub title: String,
    pub covers: Vec<SourceLink>,
}

pub fn topics(content: &Content, resolved: &Resolved, urls: &Urls) -> Vec<TopicView> {
    content
        .topics
        .iter()
        .map(|t| TopicView {
            id: t.id.value.clone(),
            title: t.title.clone(),
            covers: t
                .covers
                .iter()
                .map(|c| cite(resolved, urls, &content.strategies, c))
                .collect(),
        })
        .collect()
}

/// The old address of a page of a document published under a former slug.
pub fn former_paths(s: &Strategy, path: &str) -> Vec<String> {
    let Some(rest) = path.strip_prefix(&paths::strategy(&s.slug)) else {
        return Vec::new();
    };
    s.meta
        .former_slugs
        .iter()
        .map(|old| format!("{}{rest}", paths::strategy(&old.value)))
        .collect()
}
