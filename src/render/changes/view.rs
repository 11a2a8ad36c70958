//! The change log as the templates show it: each entry's changes with the
//! site's links and formatting (figures in their units, periods and states
//! in words); and, for each measure's page, when its figures last changed.

use std::collections::BTreeMap;

use serde::Serialize;

use super::PAGE;
use super::log::{
    CommitmentChange, DocumentChange, DocumentEvent, Entry, FieldChange, Figure, Log,
    MeasureChange, MeasureEvent, Revision,
};
use crate::document::layout::paths;
use crate::document::views::{DateView, Urls, anchor_path};
use crate::model::{Content, OutcomeStatus, State, Unit, When, number};
use crate::resolve::Resolved;
use crate::support::dates;
use crate::theme::locale::Locale;

/// One entry of the log: an update of the site, and what it changed.
#[derive(Debug, Serialize)]
pub struct EntryView {
    /// Its anchor on the change log's page, `change-3`.
    pub anchor: String,
    pub number: u32,
    /// YYYY-MM-DD, for `<time datetime>`.
    pub date: String,
    /// In words: "3 December 2026".
    pub date_long: String,
    /// Where the entry is on the change log's page.
    pub url: String,
    pub documents: Vec<DocumentView>,
    pub measures: Vec<MeasureView>,
    pub commitments: Vec<CommitmentView>,
    /// Where the entry's date falls, for the feed's order.
    #[serde(skip)]
    pub day: crate::model::PartialDate,
}

#[derive(Debug, Serialize)]
pub struct DocumentView {
    pub title: String,
    /// None when the site no longer has it.
    pub url: Option<String>,
    /// `added`, `removed` or `status`.
    pub change: &'static str,
    /// The states before and after, in words, for a change of status.
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct MeasureView {
    pub title: String,
    pub url: Option<String>,
    /// The title of the document that publishes it.
    pub document: String,
    /// `added`, `removed` or `figures`.
    pub change: &'static str,
    /// A measure added or removed: all its figures.
    pub figures: Vec<FigureView>,
    pub added: Vec<FigureView>,
    pub removed: Vec<FigureView>,
    pub revised: Vec<RevisionView>,
}

#[derive(Debug, Serialize)]
pub struct FigureView {
    /// In words: "March 2014", "2012/13".
    pub period: String,
    /// In its unit: "74%", "£269m".
    pub value: String,
}

#[derive(Debug, Serialize)]
pub struct RevisionView {
    pub period: String,
    pub from: String,
    pub to: String,
}

#[derive(Debug, Serialize)]
pub struct CommitmentView {
    pub title: Option<String>,
    pub url: Option<String>,
    pub document: String,
    pub fields: Vec<FieldView>,
}

/// A status field of a commitment: its path (`outcome/status`) and its
/// values before and after, in words where the site has words for them.
#[derive(Debug, Serialize)]
pub struct FieldView {
    pub field: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// When a measure's figures last changed, for its page.
#[derive(Debug, Serialize)]
pub struct UpdatedView {
    pub date: String,
    pub date_long: String,
    /// The entry of the change log.
    pub url: String,
    /// When the next figures are due, for a measure published at a set
    /// frequency: that long after the last update.
    pub next_due: Option<crate::document::views::DateView>,
}

/// What the views are made with: the site as this build publishes it.
#[derive(Clone, Copy)]
pub struct Site<'a> {
    pub content: &'a Content,
    pub resolved: &'a Resolved,
    pub urls: &'a Urls,
}

/// Every entry of the log, newest first.
pub fn entries(log: &Log, site: Site) -> Vec<EntryView> {
    log.entries.iter().map(|e| entry(e, site)).collect()
}

fn anchor(number: u32) -> String {
    format!("change-{number}")
}

fn entry(e: &Entry, site: Site) -> EntryView {
    let day = e.date.date();
    EntryView {
        anchor: anchor(e.number),
        number: e.number,
        date: e.date.0.to_string(),
        date_long: dates::long(day, &site.resolved.locale),
        url: format!("{}#{}", site.urls.to(PAGE), anchor(e.number)),
        documents: e
            .changes
            .documents
            .iter()
            .map(|d| document(d, site))
            .collect(),
        measures: e
            .changes
            .measures
            .iter()
            .map(|m| measure(m, site))
            .collect(),
        commitments: e
            .changes
            .commitments
            .iter()
            .map(|c| commitment(c, site))
            .collect(),
        day,
    }
}

impl Site<'_> {
    /// The document of that slug this build publishes.
    fn document(&self, slug: &str) -> Option<&crate::model::Strategy> {
        let id = self.resolved.documents.get(slug)?;
        Some(id.of(&self.content.strategies))
    }

    /// Its title now, or its slug if the site no longer has it.
    fn title_of(&self, slug: &str) -> String {
        self.document(slug)
            .map_or_else(|| slug.to_string(), |s| s.meta.title.clone())
    }
}

fn document(d: &DocumentChange, site: Site) -> DocumentView {
    let url = site
        .document(&d.slug)
        .map(|s| site.urls.to(&paths::strategy(&s.slug)));
    let locale = &*site.resolved.locale;
    let state = |key: &str| {
        named::<State>(key).map_or_else(|| key.to_string(), |s| s.label(locale).to_string())
    };
    let (change, from, to) = match &d.change {
        DocumentEvent::Added => ("added", None, None),
        DocumentEvent::Removed => ("removed", None, None),
        DocumentEvent::Status { from, to } => ("status", Some(state(from)), Some(state(to))),
    };
    DocumentView {
        title: d.title.clone(),
        url,
        change,
        from,
        to,
    }
}

fn measure(m: &MeasureChange, site: Site) -> MeasureView {
    let exists = site
        .document(&m.document)
        .is_some_and(|s| s.measures.iter().any(|ms| ms.id == m.id));
    let unit = site.content.vocabulary.unit(&m.unit);
    let figure = |f: &Figure| FigureView {
        period: period(&f.period, site),
        value: value(unit, f.value, &site.resolved.locale),
    };
    let figures = |list: &[Figure]| list.iter().map(figure).collect();
    let mut view = MeasureView {
        title: m.title.clone(),
        url: exists.then(|| site.urls.to(&paths::measure(&m.document, &m.id))),
        document: site.title_of(&m.document),
        change: "figures",
        figures: Vec::new(),
        added: Vec::new(),
        removed: Vec::new(),
        revised: Vec::new(),
    };
    match &m.change {
        MeasureEvent::Added { figures: all } => {
            view.change = "added";
            view.figures = figures(all);
        }
        MeasureEvent::Removed { figures: all } => {
            view.change = "removed";
            view.figures = figures(all);
        }
        MeasureEvent::Figures {
            added,
            removed,
            revised,
        } => {
            view.added = figures(added);
            view.removed = figures(removed);
            view.revised = revised
                .iter()
                .map(|r: &Revision| RevisionView {
                    period: period(&r.period, site),
                    from: value(unit, r.from, &site.resolved.locale),
                    to: value(unit, r.to, &site.resolved.locale),
                })
                .collect();
        }
    }
    view
}

fn commitment(c: &CommitmentChange, site: Site) -> CommitmentView {
    let status = |v: &Option<String>| {
        v.as_deref().map(|key| {
            named::<OutcomeStatus>(key).map_or_else(
                || key.to_string(),
                |s| s.label(&site.resolved.locale).to_string(),
            )
        })
    };
    CommitmentView {
        title: c.title.clone(),
        url: anchor_path(site.resolved, &site.content.strategies, &c.document, &c.id)
            .map(|p| site.urls.to(&p)),
        document: site.title_of(&c.document),
        fields: c
            .fields
            .iter()
            .map(|f: &FieldChange| FieldView {
                field: f.field.clone(),
                from: status(&f.from),
                to: status(&f.to),
            })
            .collect(),
    }
}

/// A value of one of the model's closed lists, from its name in the data.
fn named<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(key.to_string())).ok()
}

fn value(unit: Option<&Unit>, v: f64, locale: &Locale) -> String {
    unit.map_or_else(|| number(v), |u| u.display(v, locale))
}

fn period(text: &str, site: Site) -> String {
    let calendar = site.content.site.financial_year_starts;
    text.parse::<When>().map_or_else(
        |_| text.to_string(),
        |w| dates::period(w, calendar, &site.resolved.locale),
    )
}

/// When each measure's figures last changed: the newest entry of the log
/// that names the measure, by document slug and measure id.
#[derive(Debug, Default)]
pub struct LastUpdated(BTreeMap<String, BTreeMap<String, (super::log::Day, u32)>>);

impl LastUpdated {
    pub fn of(log: &Log) -> LastUpdated {
        let mut found = LastUpdated::default();
        // Newest first: the first entry found for a measure is its last update.
        for e in &log.entries {
            for m in &e.changes.measures {
                found
                    .0
                    .entry(m.document.clone())
                    .or_default()
                    .entry(m.id.clone())
                    .or_insert((e.date, e.number));
            }
        }
        found
    }

    pub fn view(
        &self,
        document: &str,
        measure: &str,
        frequency: Option<crate::model::Frequency>,
        urls: &Urls,
        locale: &Locale,
    ) -> Option<UpdatedView> {
        let &(day, number) = self.0.get(document)?.get(measure)?;
        let next = frequency.map(|f| day.0.saturating_add(jiff::Span::new().months(f.months())));
        Some(UpdatedView {
            date: day.0.to_string(),
            date_long: dates::long(day.date(), locale),
            url: format!("{}#{}", urls.to(PAGE), anchor(number)),
            next_due: next.map(|d| DateView::new(crate::model::PartialDate::from(d), locale)),
        })
    }
}
