//! Dashboards of how measures stand: one for a plan (the measures that
//! report on it, by priority) and one for the site (every measure, by the
//! document that publishes it). Each counts its measures by status, with
//! how the counts stood before each measure's latest figure, and gives a
//! row a measure with a small trend of its figures.
//!
//! The statuses are the model's, worked out by the site's rule
//! ([`status_of`]); each row shows its measure's status as every list of
//! measures does ([`performance::summary`]), and the theme words it.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::document::Inputs;
use crate::document::layout::{paths, plan_label, priority_heading};
use crate::document::performance::{self, MeasureSummary};
use crate::model::anchors::AnchorKey;
use crate::model::{Measure, Rule, Standing, Strategy};
use crate::resolve::{DocumentId, MeasureRef};
use crate::support::dates;

/// How a measure stands, as of its figures, by the site's rule.
fn status_of(m: &Measure, rule: &Rule) -> Standing {
    m.assess(rule).standing
}

/// How the measure stood at its previous figure, before its latest was
/// published; a measure with one figure or none is not compared, and
/// stands as it does now.
fn previous_status(m: &Measure, rule: &Rule) -> Standing {
    if m.observations.len() < 2 {
        return status_of(m, rule);
    }
    let mut before = m.clone();
    if let Some(latest) = m.latest() {
        let key = latest.period.sort_key(m.calendar);
        before
            .observations
            .retain(|o| o.period.sort_key(m.calendar) != key);
    }
    status_of(&before, rule)
}

/// A dashboard: its counts, and its measures in groups.
#[derive(Debug, Clone, Serialize)]
pub struct DashboardView {
    /// The measures counted, each once though it may be in several groups.
    pub total: usize,
    /// Each status that some measure has or had, in the model's order.
    pub counts: Vec<StatusCount>,
    /// Whether some measure has a figure before its latest: only then do
    /// the counts say how they changed since each one's previous figure.
    pub compared: bool,
    pub groups: Vec<DashboardGroup>,
}

/// How many measures have a status, and had it at their previous figures.
#[derive(Debug, Clone, Serialize)]
pub struct StatusCount {
    pub status: &'static str,
    pub count: usize,
    pub before: usize,
    /// `count - before`.
    pub change: i64,
}

/// A priority of a plan, or a document of the site, with its measures.
#[derive(Debug, Clone, Serialize)]
pub struct DashboardGroup {
    /// None for the figures a plan's document publishes on no priority.
    pub title: Option<String>,
    pub url: Option<String>,
    pub rows: Vec<DashboardRow>,
}

/// One measure: how it stands, its latest figure, its target, its trend.
#[derive(Debug, Clone, Serialize)]
pub struct DashboardRow {
    pub title: String,
    /// How it stands and its latest figure, as every list of measures
    /// shows them; none for a key measure of the plan that no measure
    /// reports figures for.
    pub measure: Option<MeasureSummary>,
    /// Two figures or more: a line from the first to the latest.
    pub trend: Option<Trend>,
}

/// A value with the period it belongs to, as readers read them.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    pub value: String,
    pub period: String,
}

/// A measure's figures in time order as a small line chart: `points` are
/// SVG coordinates in a box `WIDTH` by `HEIGHT`, evenly spaced, the highest
/// figure at the top. The first and last are for its text alternative.
#[derive(Debug, Clone, Serialize)]
pub struct Trend {
    pub points: String,
    pub width: u32,
    pub height: u32,
    pub figures: usize,
    pub first: Figure,
    pub last: Figure,
}

const WIDTH: u32 = 96;
const HEIGHT: u32 = 24;

/// Who is in a dashboard: a measure, or a key measure of a plan that no
/// measure reports figures for (by its id).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Counted {
    Measure(usize, usize),
    KeyMeasure(String),
}

/// Collects the groups and counts each measure once.
struct Builder<'a> {
    inputs: &'a Inputs<'a>,
    seen: BTreeSet<Counted>,
    now: Vec<Standing>,
    before: Vec<Standing>,
    compared: bool,
    groups: Vec<DashboardGroup>,
}

impl<'a> Builder<'a> {
    fn new(inputs: &'a Inputs<'a>) -> Self {
        Builder {
            inputs,
            seen: BTreeSet::new(),
            now: Vec::new(),
            before: Vec::new(),
            compared: false,
            groups: Vec::new(),
        }
    }

    fn rule(&self) -> &'a Rule {
        &self.inputs.content.site.performance
    }

    fn count(&mut self, who: Counted, now: Standing, before: Standing) {
        if self.seen.insert(who) {
            self.now.push(now);
            self.before.push(before);
        }
    }

    fn measure_row(&mut self, r: MeasureRef) -> DashboardRow {
        let s = r.document.of(&self.inputs.content.strategies);
        let m = &s.measures[r.measure];
        self.compared |= m.observations.len() > 1;
        self.count(
            Counted::Measure(r.document.0, r.measure),
            status_of(m, self.rule()),
            previous_status(m, self.rule()),
        );
        row(self.inputs, s, m)
    }

    fn key_measure_row(&mut self, id: &str, title: &str) -> DashboardRow {
        let none = Standing::NoFigures;
        self.count(Counted::KeyMeasure(id.to_string()), none, none);
        DashboardRow {
            title: title.to_string(),
            measure: None,
            trend: None,
        }
    }

    fn group(&mut self, title: Option<String>, url: Option<String>, rows: Vec<DashboardRow>) {
        if !rows.is_empty() {
            self.groups.push(DashboardGroup { title, url, rows });
        }
    }

    fn finish(self) -> Option<DashboardView> {
        if self.groups.is_empty() {
            return None;
        }
        let tally = |of: &[Standing], s: Standing| of.iter().filter(|&&x| x == s).count();
        let counts = Standing::ALL
            .iter()
            .map(|&s| {
                let (count, before) = (tally(&self.now, s), tally(&self.before, s));
                StatusCount {
                    status: s.key(),
                    count,
                    before,
                    change: count as i64 - before as i64,
                }
            })
            .filter(|c| c.count > 0 || c.before > 0)
            .collect();
        Some(DashboardView {
            total: self.now.len(),
            counts,
            compared: self.compared,
            groups: self.groups,
        })
    }
}

/// The dashboard of `s`'s plan: for each priority, its key measures (with
/// the measures that report figures for them) and the measures that report
/// on it or its commitments; then the figures `s` publishes on none of
/// them. None when `s` has no plan, or its plan no measure.
pub fn plan(inputs: &Inputs, s: &Strategy) -> Option<DashboardView> {
    let plan = s.plan.as_ref()?;
    let mut b = Builder::new(inputs);
    let reporting = |anchor: &str| -> Vec<MeasureRef> {
        inputs
            .resolved
            .measures_for
            .get(&AnchorKey::new(&s.slug, anchor))
            .cloned()
            .unwrap_or_default()
    };
    let label = plan_label(plan, &inputs.resolved.locale);
    for p in &plan.priorities {
        let mut rows = Vec::new();
        let mut listed = BTreeSet::new();
        for k in &p.measures {
            let refs = reporting(&k.id.value);
            if refs.is_empty() {
                rows.push(b.key_measure_row(&k.id.value, &k.title));
            }
            for r in refs {
                if listed.insert((r.document.0, r.measure)) {
                    rows.push(b.measure_row(r));
                }
            }
        }
        let anchors = std::iter::once(&p.id.value).chain(p.commitments.iter().map(|c| &c.id.value));
        for r in anchors.flat_map(|a| reporting(a)) {
            if listed.insert((r.document.0, r.measure)) {
                rows.push(b.measure_row(r));
            }
        }
        let url = inputs.urls.to(&paths::priority(&s.slug, &p.id.value));
        b.group(Some(priority_heading(&label.singular, p)), Some(url), rows);
    }
    let own = inputs.resolved.documents[&s.slug];
    let unlisted: Vec<usize> = (0..s.measures.len())
        .filter(|&i| !b.seen.contains(&Counted::Measure(own.0, i)))
        .collect();
    let rest = unlisted
        .into_iter()
        .map(|i| {
            b.measure_row(MeasureRef {
                document: own,
                measure: i,
            })
        })
        .collect();
    b.group(None, None, rest);
    b.finish()
}

/// The site's dashboard: every measure, under the document that publishes
/// it, in the order of the content.
pub fn site(inputs: &Inputs) -> Option<DashboardView> {
    let mut b = Builder::new(inputs);
    for (d, s) in inputs.content.strategies.iter().enumerate() {
        let rows = (0..s.measures.len())
            .map(|i| {
                b.measure_row(MeasureRef {
                    document: DocumentId(d),
                    measure: i,
                })
            })
            .collect();
        let url = inputs.urls.to(&paths::strategy(&s.slug));
        b.group(Some(s.meta.title.clone()), Some(url), rows);
    }
    b.finish()
}

fn row(inputs: &Inputs, s: &Strategy, m: &Measure) -> DashboardRow {
    let rule = &inputs.content.site.performance;
    let unit = &m.unit;
    let figure = |o: &crate::model::Observation| Figure {
        value: unit.display(o.value, &inputs.resolved.locale),
        period: dates::period(o.period, m.calendar, &inputs.resolved.locale),
    };
    DashboardRow {
        title: m.meta.title.clone(),
        measure: Some(performance::summary(
            s,
            m,
            rule,
            inputs.urls,
            &inputs.resolved.locale,
        )),
        trend: trend(m).map(|(points, figures, first, last)| Trend {
            points,
            width: WIDTH,
            height: HEIGHT,
            figures,
            first: figure(first),
            last: figure(last),
        }),
    }
}

/// The polyline of `m`'s figures in time order, if it has two or more.
fn trend(
    m: &Measure,
) -> Option<(
    String,
    usize,
    &crate::model::Observation,
    &crate::model::Observation,
)> {
    let obs = m.in_time_order();
    let (first, last) = (*obs.first()?, *obs.last()?);
    if obs.len() < 2 {
        return None;
    }
    let (low, high) = obs
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), o| {
            (l.min(o.value), h.max(o.value))
        });
    let span = if high > low { high - low } else { 1.0 };
    // A pixel of margin so that the line's width is not cut at the edges.
    let (w, h) = (f64::from(WIDTH) - 2.0, f64::from(HEIGHT) - 2.0);
    let step = w / (obs.len() - 1) as f64;
    let points = obs
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let y = if high > low {
                (high - o.value) / span * h
            } else {
                h / 2.0
            };
            format!("{:.1},{:.1}", 1.0 + i as f64 * step, 1.0 + y)
        })
        .collect::<Vec<_>>()
        .join(" ");
    Some((points, obs.len(), first, last))
}
