//! Views of measures and their figures: a page per measure, and how each
//! priority's measures stand.

use serde::Serialize;

use crate::document::chart::{self, Chart};
use crate::document::layout::paths;
use crate::document::prose::Prose;
use crate::document::views::{SourceLink, Urls, cite};
use crate::model::anchors::AnchorKey;
use crate::model::{Measure, RollingEnd, Strategy, When};
use crate::resolve::Resolved;
use crate::support::dates;

/// A measure in a list: its name, where it is, how it stands.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureSummary {
    pub title: String,
    pub url: String,
    pub standing: &'static str,
    pub standing_label: &'static str,
    pub latest: Option<String>,
    pub target: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub period: String,
    pub period_long: String,
    pub value: String,
    pub source: SourceLink,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TargetView {
    pub value: String,
    pub period: Option<String>,
    pub source: Option<SourceLink>,
}

/// Everything a measure's page shows.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureView {
    pub id: String,
    pub title: String,
    pub unit: &'static str,
    pub better: &'static str,
    pub description_html: Option<Prose>,
    pub lead: Option<String>,
    /// `financial` or `academic`, as the measure says, when a figure or
    /// target is a `2012/13` year: the page says which.
    pub year: Option<&'static str>,
    pub summary: MeasureSummary,
    pub target: Option<TargetView>,
    pub rows: Vec<Row>,
    pub chart: Option<Chart>,
    pub csv_url: String,
    pub belongs_to: Vec<SourceLink>,
}

pub fn summary(doc: &Strategy, m: &Measure, urls: &Urls) -> MeasureSummary {
    let standing = m.standing();
    let unit = m.meta.unit;
    MeasureSummary {
        title: m.meta.title.clone(),
        url: urls.to(&paths::measure(&doc.slug, &m.id)),
        standing: standing.key(),
        standing_label: standing.label(),
        latest: m
            .latest()
            .map(|o| format!("{} ({})", unit.format(o.value), dates::period(o.period))),
        target: m.meta.target.as_ref().map(|t| unit.format(t.value)),
    }
}

pub fn measure_view(
    doc: &Strategy,
    m: &Measure,
    docs: &[Strategy],
    resolved: &Resolved,
    urls: &Urls,
) -> MeasureView {
    let unit = m.meta.unit;
    let mut obs: Vec<_> = m.observations.iter().collect();
    obs.sort_by_key(|o| o.period.sort_key());
    MeasureView {
        id: m.id.clone(),
        title: m.meta.title.clone(),
        unit: unit.axis(),
        better: match m.meta.better {
            crate::model::Better::Higher => "Higher is better",
            crate::model::Better::Lower => "Lower is better",
            crate::model::Better::Neither => "Neither higher nor lower is better",
        },
        description_html: m.meta.description.as_deref().map(Prose::parse),
        lead: m.meta.lead.clone(),
        year: m.meta.year.filter(|_| has_year_spans(m)).map(|y| y.key()),
        summary: summary(doc, m, urls),
        target: m.meta.target.as_ref().map(|t| TargetView {
            value: unit.format(t.value),
            period: t.period.map(dates::period),
            source: t.source.as_ref().map(|c| cite(resolved, urls, docs, c)),
        }),
        rows: obs
            .iter()
            .map(|o| Row {
                period: o.period.to_string(),
                period_long: dates::period(o.period),
                value: unit.format(o.value),
                source: cite(resolved, urls, docs, &o.source),
                note: o.note.clone(),
            })
            .collect(),
        chart: chart::measure_chart(m),
        csv_url: urls.to(&paths::measure_csv(&doc.slug, &m.id)),
        belongs_to: m
            .meta
            .belongs_to
            .iter()
            .map(|c| cite(resolved, urls, docs, c))
            .collect(),
    }
}

/// Whether any of its periods is a `2012/13` year, or runs to one.
fn has_year_spans(m: &Measure) -> bool {
    let spans = |w: When| match w {
        When::YearSpan(_) => true,
        When::Rolling(r) => matches!(r.end, RollingEnd::YearSpan(_)),
        _ => false,
    };
    m.observations.iter().any(|o| spans(o.period))
        || m.meta
            .target
            .as_ref()
            .and_then(|t| t.period)
            .is_some_and(spans)
}

/// The measures that report on an anchor of a document (a priority, a
/// commitment, a key measure).
pub fn reporting_on(
    doc: &str,
    anchor: &str,
    docs: &[Strategy],
    resolved: &Resolved,
    urls: &Urls,
) -> Vec<MeasureSummary> {
    resolved
        .measures_for
        .get(&AnchorKey::new(doc, anchor))
        .map(|found| {
            found
                .iter()
                .map(|r| {
                    let d = r.document.of(docs);
                    summary(d, &d.measures[r.measure], urls)
                })
                .collect()
        })
        .unwrap_or_default()
}
