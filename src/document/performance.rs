//! Views of measures and their figures: a page per measure, and how each
//! priority's measures stand.

use serde::Serialize;

use crate::document::chart::{self, Chart};
use crate::document::layout::paths;
use crate::document::prose::Prose;
use crate::document::views::{SourceLink, Urls, cite};
use crate::model::anchors::AnchorKey;
use crate::model::{
    Assessment, Citation, MIN_TREND_FIGURES, Measure, RollingEnd, Rule, Standing, State, Strategy,
    When, number,
};
use crate::resolve::Resolved;
use crate::support::dates;
use crate::theme::locale::Locale;

/// A measure in a list: its name, where it is, how it stands.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureSummary {
    pub title: String,
    pub url: String,
    /// The status's key: the theme puts it in words.
    pub standing: &'static str,
    /// The status in words, for the exports.
    pub standing_label: String,
    /// Why it is not calculable, as a key.
    pub reason: Option<&'static str>,
    /// The figure judged, with its period: "74% (March 2014)".
    pub latest: Option<String>,
    /// Its document is no longer in force: the figure is the last
    /// published, never the "latest".
    pub last_published: bool,
    /// The target it was judged against (or, not yet due, the next), with
    /// its period.
    pub target: Option<String>,
    pub floor: Option<String>,
    /// The direction of travel's key, where there are enough figures.
    pub direction: Option<&'static str>,
    /// The page that says how statuses and directions are worked out.
    pub rules_url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub period: String,
    pub period_long: String,
    pub value: String,
    pub source: SourceLink,
    pub note: Option<String>,
    /// The target this figure is judged against, as the chart draws it.
    pub target: Option<RowTarget>,
    /// Each comparator's figure for the period, in the order of
    /// [`MeasureView::comparators`]; none where it has none.
    pub compared: Vec<Option<String>>,
}

/// A figure's target: its value, and whether it was due by the figure's period.
#[derive(Debug, Clone, Serialize)]
pub struct RowTarget {
    pub value: String,
    pub due: bool,
}

/// A series the figures are compared with, and where its figures come from.
#[derive(Debug, Clone, Serialize)]
pub struct ComparatorView {
    pub name: String,
    pub source: SourceLink,
}

/// A target, a baseline, a floor standard or a tolerance: a value, maybe
/// for a period, maybe cited.
#[derive(Debug, Clone, Serialize)]
pub struct TargetView {
    pub value: String,
    pub period: Option<String>,
    pub floor: Option<String>,
    pub source: Option<SourceLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RangeView {
    pub low: String,
    pub high: String,
    pub source: Option<SourceLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OwnerView {
    pub officer: Option<String>,
    pub directorate: Option<String>,
    pub portfolio: Option<String>,
}

/// Why a direction of travel is not worked out: too few figures.
#[derive(Debug, Clone, Serialize)]
pub struct TooFew {
    pub figures: usize,
    pub needed: usize,
}

/// A direction of travel and the regression behind it.
#[derive(Debug, Clone, Serialize)]
pub struct TrendView {
    pub direction: &'static str,
    pub figures: usize,
    /// The fitted change a year, in the measure's unit.
    pub slope: String,
    pub t: String,
    pub critical: String,
}

/// Everything a measure's page shows.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureView {
    pub id: String,
    pub title: String,
    pub unit: String,
    pub better: String,
    /// `higher`, `lower` or `neither`.
    pub polarity: &'static str,
    pub description_html: Option<Prose>,
    pub definition_html: Option<Prose>,
    pub lead: Option<String>,
    pub owner: Option<OwnerView>,
    /// `financial` or `academic`, as the measure says, when a figure or
    /// target is a `2012/13` year: the page says which.
    pub year: Option<&'static str>,
    pub summary: MeasureSummary,
    pub baseline: Option<TargetView>,
    pub targets: Vec<TargetView>,
    /// The measure's floor standard, or its tolerance (`tolerance` true).
    pub floor: Option<TargetView>,
    pub tolerance: bool,
    pub expected: Option<RangeView>,
    pub trend: Option<TrendView>,
    /// With too few figures for a direction of travel: how many it has
    /// of stated periods, and how many the rule needs.
    pub too_few: Option<TooFew>,
    pub rows: Vec<Row>,
    /// The series set beside its figures (England, the region…).
    pub comparators: Vec<ComparatorView>,
    pub chart: Option<Chart>,
    pub csv_url: String,
    pub belongs_to: Vec<SourceLink>,
}

/// The status in words (`standing.KEY`; red with no floor standard is
/// `standing.red-no-floor`), for the exports and the dashboards.
fn standing_label(a: &Assessment, locale: &Locale) -> String {
    let key = match a.standing {
        Standing::Red if a.floor.is_none() => "red-no-floor",
        s => s.key(),
    };
    locale.word(&format!("standing.{key}")).to_string()
}

pub fn summary(
    doc: &Strategy,
    m: &Measure,
    rule: &Rule,
    urls: &Urls,
    locale: &Locale,
) -> MeasureSummary {
    let a = m.assess(rule);
    let period = |w: When| dates::period(w, m.calendar, locale);
    let unit = &m.unit;
    MeasureSummary {
        title: m.meta.title.clone(),
        url: urls.to(&paths::measure(&doc.slug, &m.id)),
        standing: a.standing.key(),
        standing_label: standing_label(&a, locale),
        reason: match a.standing {
            Standing::NotCalculable(r) => Some(r.key()),
            _ => None,
        },
        latest: a
            .figure
            .map(|o| format!("{} ({})", unit.display(o.value, locale), period(o.period))),
        last_published: doc.meta.status.state != State::Current,
        // The target judged against; with no figure to judge, the first set.
        target: a
            .target
            .or_else(|| m.targets().next())
            .map(|t| match &t.period {
                Some(p) => locale.text(
                    "measure.value-for",
                    &[
                        ("value", &unit.display(t.value, locale)),
                        ("period", &period(p.value)),
                    ],
                ),
                None => unit.display(t.value, locale),
            }),
        floor: a.floor.map(|f| unit.display(f, locale)),
        direction: m.trend(rule).map(|t| t.direction.key()),
        rules_url: urls.to(paths::PERFORMANCE_RULES),
    }
}

/// The view of measure `m` of `doc`, whose own figures the chart's legend
/// calls `own` (the organisation's name).
pub fn measure_view(
    (doc, m): (&Strategy, &Measure),
    own: &str,
    rule: &Rule,
    docs: &[Strategy],
    resolved: &Resolved,
    urls: &Urls,
) -> MeasureView {
    let unit = &m.unit;
    let cite_opt = |c: &Option<Citation>| c.as_ref().map(|c| cite(resolved, urls, docs, c));
    let obs = m.in_time_order();
    let meta = &m.meta;
    let threshold = meta.floor.as_ref().or(meta.tolerance.as_ref());
    let locale = &*resolved.locale;
    let period = |w: When| dates::period(w, m.calendar, locale);
    MeasureView {
        id: m.id.clone(),
        title: meta.title.clone(),
        unit: unit.axis(locale).to_string(),
        better: locale
            .word(&format!("better.{}", meta.better.key()))
            .to_string(),
        polarity: meta.better.key(),
        description_html: meta.description.as_deref().map(|d| Prose::parse(d, locale)),
        definition_html: meta.definition.as_deref().map(|d| Prose::parse(d, locale)),
        lead: meta.lead.clone(),
        owner: meta.owner.as_ref().map(|o| OwnerView {
            officer: o.officer.clone(),
            directorate: o.directorate.clone(),
            portfolio: o.portfolio.clone(),
        }),
        year: meta.year.filter(|_| has_year_spans(m)).map(|y| y.key()),
        summary: summary(doc, m, rule, urls, locale),
        baseline: meta.baseline.as_ref().map(|b| TargetView {
            value: unit.display(b.value, locale),
            period: Some(period(b.period.value)),
            floor: None,
            source: cite_opt(&b.source),
        }),
        targets: m
            .targets()
            .map(|t| TargetView {
                value: unit.display(t.value, locale),
                period: t.period.as_ref().map(|p| period(p.value)),
                floor: t.floor.map(|f| unit.display(f, locale)),
                source: cite_opt(&t.source),
            })
            .collect(),
        floor: threshold.map(|f| TargetView {
            value: unit.display(f.value.value, locale),
            period: None,
            floor: None,
            source: cite_opt(&f.source),
        }),
        tolerance: meta.floor.is_none() && meta.tolerance.is_some(),
        expected: meta.expected.as_ref().map(|e| RangeView {
            low: unit.display(e.low.value, locale),
            high: unit.display(e.high, locale),
            source: cite_opt(&e.source),
        }),
        trend: m.trend(rule).map(|t| TrendView {
            direction: t.direction.key(),
            figures: t.figures,
            slope: unit.display(t.slope_per_year, locale),
            t: if t.t.is_finite() {
                number(t.t)
            } else {
                "∞".to_string()
            },
            critical: number(t.critical),
        }),
        too_few: too_few(m, rule),
        rows: obs
            .iter()
            .map(|o| Row {
                period: o.period.to_string(),
                period_long: period(o.period),
                value: unit.display(o.value, locale),
                source: cite(resolved, urls, docs, &o.source),
                note: o.note.clone(),
                target: m.target_for(o).map(|(t, due)| RowTarget {
                    value: unit.display(t.value, locale),
                    due,
                }),
                compared: meta
                    .comparators
                    .iter()
                    .map(|c| c.at(o.period).map(|v| unit.display(v, locale)))
                    .collect(),
            })
            .collect(),
        comparators: meta
            .comparators
            .iter()
            .map(|c| ComparatorView {
                name: c.name.value.clone(),
                source: cite(resolved, urls, docs, &c.source),
            })
            .collect(),
        chart: chart::measure_chart(m, own, locale),
        csv_url: urls.to(&paths::measure_csv(&doc.slug, &m.id)),
        belongs_to: meta
            .belongs_to
            .iter()
            .map(|c| cite(resolved, urls, docs, c))
            .collect(),
    }
}

/// Its figures of stated periods, when there are some but too few for a
/// direction of travel.
fn too_few(m: &Measure, rule: &Rule) -> Option<TooFew> {
    let figures = m
        .observations
        .iter()
        .filter(|o| o.period.is_stated())
        .count();
    (figures > 0 && m.trend(rule).is_none()).then_some(TooFew {
        figures,
        needed: MIN_TREND_FIGURES,
    })
}

/// Whether any of its periods is a `2012/13` year, or runs to one.
fn has_year_spans(m: &Measure) -> bool {
    let spans = |w: When| match w {
        When::YearSpan(_) => true,
        When::Rolling(r) => matches!(r.end, RollingEnd::YearSpan(_)),
        _ => false,
    };
    m.observations.iter().any(|o| spans(o.period))
        || m.targets()
            .any(|t| t.period.as_ref().is_some_and(|p| spans(p.value)))
        || m.meta
            .baseline
            .as_ref()
            .is_some_and(|b| spans(b.period.value))
}

/// The measures that report on an anchor of a document (a priority, a
/// commitment, a key measure).
pub fn reporting_on(
    doc: &str,
    anchor: &str,
    rule: &Rule,
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
                    summary(d, &d.measures[r.measure], rule, urls, &resolved.locale)
                })
                .collect()
        })
        .unwrap_or_default()
}
