//! The differences between two builds' open data: documents added, removed
//! or changed in state; measures added or removed; figures added, revised
//! (same measure and period, another value) or removed; commitments whose
//! status fields changed. Everything is in a stable order: documents by
//! slug, measures and commitments by document and id, figures by period.

use std::collections::{BTreeMap, BTreeSet};

use super::log::{
    Changes, CommitmentChange, DocumentChange, DocumentEvent, FieldChange, Figure, MeasureChange,
    MeasureEvent, Revision,
};
use super::snapshot::{Commitment, Measure, Snapshot};
use crate::model::{Calendar, When};

/// What changed from `old` to `new`; `calendar` orders figures' periods.
pub fn compare(old: &Snapshot, new: &Snapshot, calendar: Calendar) -> Changes {
    Changes {
        commitments: commitments(old, new),
        documents: documents(old, new),
        measures: measures(old, new, calendar),
    }
}

/// Each key of either map, with what each side holds for it.
fn paired<'a, K: Ord + Clone, V>(
    old: &'a BTreeMap<K, V>,
    new: &'a BTreeMap<K, V>,
) -> impl Iterator<Item = (K, Option<&'a V>, Option<&'a V>)> {
    let keys: BTreeSet<&K> = old.keys().chain(new.keys()).collect();
    keys.into_iter()
        .map(|k| (k.clone(), old.get(k), new.get(k)))
}

fn documents(old: &Snapshot, new: &Snapshot) -> Vec<DocumentChange> {
    let by_slug = |s: &Snapshot| -> BTreeMap<String, (String, String)> {
        s.documents
            .iter()
            .map(|d| (d.slug.clone(), (d.title.clone(), d.status.state.clone())))
            .collect()
    };
    let (old, new) = (by_slug(old), by_slug(new));
    paired(&old, &new)
        .filter_map(|(slug, was, is)| {
            let (title, change) = match (was, is) {
                (None, Some((title, _))) => (title, DocumentEvent::Added),
                (Some((title, _)), None) => (title, DocumentEvent::Removed),
                (Some((_, from)), Some((title, to))) if from != to => (
                    title,
                    DocumentEvent::Status {
                        from: from.clone(),
                        to: to.clone(),
                    },
                ),
                _ => return None,
            };
            Some(DocumentChange {
                change,
                slug,
                title: title.clone(),
            })
        })
        .collect()
}

fn measures(old: &Snapshot, new: &Snapshot, calendar: Calendar) -> Vec<MeasureChange> {
    fn by_key(s: &Snapshot) -> BTreeMap<(String, String), &Measure> {
        s.documents
            .iter()
            .flat_map(|d| {
                d.measures
                    .iter()
                    .map(move |m| ((d.slug.clone(), m.id.clone()), m))
            })
            .collect()
    }
    let (before, after) = (by_key(old), by_key(new));
    paired(&before, &after)
        .filter_map(|((document, id), was, is)| {
            let (measure, change) = match (was, is) {
                (None, Some(m)) => (
                    m,
                    MeasureEvent::Added {
                        figures: in_order(m.observations.clone(), calendar),
                    },
                ),
                (Some(m), None) => (
                    m,
                    MeasureEvent::Removed {
                        figures: in_order(m.observations.clone(), calendar),
                    },
                ),
                (Some(was), Some(is)) => (is, figures(was, is, calendar)?),
                (None, None) => return None,
            };
            Some(MeasureChange {
                change,
                document,
                id,
                title: measure.title.clone(),
                unit: measure.unit.clone(),
            })
        })
        .collect()
}

/// What changed in the figures of a measure both builds publish, if anything.
fn figures(was: &Measure, is: &Measure, calendar: Calendar) -> Option<MeasureEvent> {
    let by_period = |m: &Measure| -> BTreeMap<String, f64> {
        m.observations
            .iter()
            .map(|f| (f.period.clone(), f.value))
            .collect()
    };
    let (before, after) = (by_period(was), by_period(is));
    let (mut added, mut removed, mut revised) = (Vec::new(), Vec::new(), Vec::new());
    for (period, from, to) in paired(&before, &after) {
        match (from, to) {
            (None, Some(&value)) => added.push(Figure { period, value }),
            (Some(&value), None) => removed.push(Figure { period, value }),
            (Some(&from), Some(&to)) if from != to => revised.push(Revision { from, period, to }),
            _ => {}
        }
    }
    if added.is_empty() && removed.is_empty() && revised.is_empty() {
        return None;
    }
    revised.sort_by(|a, b| period_order(&a.period, &b.period, calendar));
    Some(MeasureEvent::Figures {
        added: in_order(added, calendar),
        removed: in_order(removed, calendar),
        revised,
    })
}

fn in_order(mut figures: Vec<Figure>, calendar: Calendar) -> Vec<Figure> {
    figures.sort_by(|a, b| period_order(&a.period, &b.period, calendar));
    figures
}

/// Periods in time (a `2012/13` year as a financial year), then as written.
fn period_order(a: &str, b: &str, calendar: Calendar) -> std::cmp::Ordering {
    let key = |p: &str| p.parse::<When>().map(|w| w.sort_key(calendar)).ok();
    key(a).cmp(&key(b)).then_with(|| a.cmp(b))
}

fn commitments(old: &Snapshot, new: &Snapshot) -> Vec<CommitmentChange> {
    /// Each commitment, by document and id, with its priority's id.
    fn by_key(s: &Snapshot) -> BTreeMap<(String, String), (String, &Commitment)> {
        s.documents
            .iter()
            .flat_map(|d| {
                d.priorities.iter().flat_map(move |p| {
                    p.commitments
                        .iter()
                        .map(move |c| ((d.slug.clone(), c.id.clone()), (p.id.clone(), c)))
                })
            })
            .collect()
    }
    let (before, after) = (by_key(old), by_key(new));
    paired(&before, &after)
        .filter_map(|((document, id), was, is)| {
            let ((_, was), (priority, is)) = (was?, is?);
            let fields: Vec<FieldChange> = paired(&was.statuses, &is.statuses)
                .filter(|(_, from, to)| from != to)
                .map(|(field, from, to)| FieldChange {
                    field,
                    from: from.cloned(),
                    to: to.cloned(),
                })
                .collect();
            (!fields.is_empty()).then(|| CommitmentChange {
                document,
                fields,
                id,
                priority: priority.clone(),
                title: is.title.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    /// A snapshot read as a previous build's `plans.json` is.
    fn snapshot(documents: Value) -> Snapshot {
        serde_json::from_value(json!({ "documents": documents, "site": "ignored" })).unwrap()
    }

    fn plan(state: &str, figures: Value, outcome: Value) -> Value {
        json!([{
            "slug": "plan", "title": "The plan", "status": { "state": state, "date": null },
            "measures": [{ "id": "visits", "title": "Visits", "unit": "count", "observations": figures }],
            "priorities": [{ "id": "p-1", "commitments": [
                { "id": "c-1", "title": "Open a pool", "text": null, "outcome": outcome, "actions": [] }
            ] }],
        }])
    }

    fn figure(period: &str, value: f64) -> Value {
        json!({ "period": period, "value": value, "note": null, "source": { "anchor": "a", "document": "plan", "url": null } })
    }

    #[test]
    fn the_same_data_has_no_changes() {
        let data = plan("current", json!([figure("2020", 1.0)]), Value::Null);
        assert!(
            compare(
                &snapshot(data.clone()),
                &snapshot(data),
                Calendar::default()
            )
            .is_empty()
        );
    }

    #[test]
    fn figures_added_revised_and_removed_are_each_found() {
        let old = snapshot(plan(
            "current",
            json!([
                figure("2019/20", 5.0),
                figure("2020/21", 6.0),
                figure("2021/22", 7.0)
            ]),
            Value::Null,
        ));
        let new = snapshot(plan(
            "current",
            json!([
                figure("2022/23", 9.0),
                figure("2020/21", 6.5),
                figure("2021/22", 7.0)
            ]),
            Value::Null,
        ));
        let changes = compare(&old, &new, Calendar::default());
        assert!(changes.documents.is_empty() && changes.commitments.is_empty());
        let [m] = changes.measures.as_slice() else {
            panic!("{changes:?}")
        };
        assert_eq!(
            (m.document.as_str(), m.id.as_str(), m.unit.as_str()),
            ("plan", "visits", "count")
        );
        let fig = |p: &str, v: f64| Figure {
            period: p.into(),
            value: v,
        };
        assert_eq!(
            m.change,
            MeasureEvent::Figures {
                added: vec![fig("2022/23", 9.0)],
                removed: vec![fig("2019/20", 5.0)],
                revised: vec![Revision {
                    from: 6.0,
                    period: "2020/21".into(),
                    to: 6.5
                }],
            }
        );
    }

    #[test]
    fn measures_added_and_removed_carry_their_figures_in_time_order() {
        let with = |id: &str| {
            json!([{ "slug": "plan", "title": "The plan", "status": { "state": "current" },
                "measures": [{ "id": id, "title": id, "unit": "percent",
                    "observations": [figure("2014-03", 2.0), figure("2012/13", 1.0)] }] }])
        };
        let changes = compare(
            &snapshot(with("old")),
            &snapshot(with("new")),
            Calendar::default(),
        );
        let kinds: Vec<(&str, &MeasureEvent)> = changes
            .measures
            .iter()
            .map(|m| (m.id.as_str(), &m.change))
            .collect();
        let figures = vec![
            Figure {
                period: "2012/13".into(),
                value: 1.0,
            },
            Figure {
                period: "2014-03".into(),
                value: 2.0,
            },
        ];
        assert_eq!(
            kinds,
            [
                (
                    "new",
                    &MeasureEvent::Added {
                        figures: figures.clone()
                    }
                ),
                ("old", &MeasureEvent::Removed { figures }),
            ]
        );
    }

    #[test]
    fn documents_added_removed_and_superseded_are_found() {
        let doc = |slug: &str, state: &str| json!({ "slug": slug, "title": slug.to_uppercase(), "status": { "state": state } });
        let old = snapshot(json!([doc("kept", "current"), doc("gone", "closed")]));
        let new = snapshot(json!([doc("kept", "superseded"), doc("fresh", "draft")]));
        let found: Vec<(String, String, DocumentEvent)> = compare(&old, &new, Calendar::default())
            .documents
            .into_iter()
            .map(|d| (d.slug, d.title, d.change))
            .collect();
        assert_eq!(
            found,
            [
                ("fresh".into(), "FRESH".into(), DocumentEvent::Added),
                ("gone".into(), "GONE".into(), DocumentEvent::Removed),
                (
                    "kept".into(),
                    "KEPT".into(),
                    DocumentEvent::Status {
                        from: "current".into(),
                        to: "superseded".into()
                    }
                ),
            ]
        );
    }

    #[test]
    fn a_commitment_s_outcome_and_any_other_status_field_are_compared() {
        let old = snapshot(plan("current", json!([]), Value::Null));
        let outcome = json!({ "quote": null, "source": null, "status": "delivered" });
        let mut new_data = plan("current", json!([]), outcome);
        // A status field the open data does not have today.
        new_data[0]["priorities"][0]["commitments"][0]["progress_status"] = json!("on-track");
        let changes = compare(&old, &snapshot(new_data), Calendar::default());
        let [c] = changes.commitments.as_slice() else {
            panic!("{changes:?}")
        };
        assert_eq!(
            (
                c.document.as_str(),
                c.priority.as_str(),
                c.id.as_str(),
                c.title.as_deref()
            ),
            ("plan", "p-1", "c-1", Some("Open a pool"))
        );
        assert_eq!(
            c.fields,
            [
                FieldChange {
                    field: "outcome/status".into(),
                    from: None,
                    to: Some("delivered".into())
                },
                FieldChange {
                    field: "progress_status".into(),
                    from: None,
                    to: Some("on-track".into())
                },
            ]
        );
    }

    #[test]
    fn a_commitment_s_other_words_are_not_a_change() {
        let outcome =
            |quote: &str| json!({ "quote": quote, "source": null, "status": "delivered" });
        let old = snapshot(plan("current", json!([]), outcome("Built")));
        let new = snapshot(plan("current", json!([]), outcome("Built in 2012")));
        assert!(compare(&old, &new, Calendar::default()).is_empty());
    }
}
