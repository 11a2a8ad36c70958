//! What the change log compares of the open data: each document's title
//! and state, its measures and their figures, and the status fields of its
//! commitments. It is read from the previous build's `data/plans.json` and
//! made from this build's records as that file publishes them, so that
//! both sides are read alike; the rest of each record is skipped.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Deserialize;
use serde_json::{Map, Value};

use super::log::Figure;
use crate::document::views::Urls;
use crate::model::Content;
use crate::render::publish;
use crate::resolve::Resolved;

#[derive(Debug, Default, Deserialize)]
pub struct Snapshot {
    pub documents: Vec<Document>,
}

#[derive(Debug, Deserialize)]
pub struct Document {
    pub slug: String,
    pub title: String,
    pub status: Status,
    #[serde(default)]
    pub measures: Vec<Measure>,
    #[serde(default)]
    pub priorities: Vec<Priority>,
}

#[derive(Debug, Deserialize)]
pub struct Status {
    pub state: String,
}

#[derive(Debug, Deserialize)]
pub struct Measure {
    pub id: String,
    pub title: String,
    pub unit: String,
    #[serde(default)]
    pub observations: Vec<Figure>,
}

#[derive(Debug, Deserialize)]
pub struct Priority {
    pub id: String,
    #[serde(default)]
    pub commitments: Vec<Commitment>,
}

/// A commitment's id and name, and its status fields by their paths.
#[derive(Debug, Deserialize)]
#[serde(try_from = "Map<String, Value>")]
pub struct Commitment {
    pub id: String,
    pub title: Option<String>,
    pub statuses: BTreeMap<String, String>,
}

impl TryFrom<Map<String, Value>> for Commitment {
    type Error = String;

    fn try_from(fields: Map<String, Value>) -> Result<Self, String> {
        let text = |key: &str| {
            fields
                .get(key)
                .and_then(Value::as_str)
                .map(|t| t.trim().to_string())
        };
        let mut statuses = BTreeMap::new();
        status_fields(&fields, "", &mut statuses);
        Ok(Commitment {
            id: text("id").ok_or("a commitment has no `id`")?,
            title: text("title").or_else(|| text("text")),
            statuses,
        })
    }
}

/// Every field of a record that says where something stands, whatever the
/// record holds: named `status` or `state`, or ending `_status` or
/// `_state`, with a value that is not null, at any depth of its objects
/// (not in lists, whose items have no name to be followed by). Each is
/// found by its path, `outcome/status`, so a status the open data gains
/// later is compared with no change here.
fn status_fields(fields: &Map<String, Value>, path: &str, found: &mut BTreeMap<String, String>) {
    for (key, value) in fields {
        let here = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}/{key}")
        };
        let is_status = ["status", "state"].contains(&key.as_str())
            || key.ends_with("_status")
            || key.ends_with("_state");
        match value {
            Value::Object(inner) => status_fields(inner, &here, found),
            Value::Null | Value::Array(_) => {}
            Value::String(s) if is_status => {
                found.insert(here, s.clone());
            }
            other if is_status => {
                found.insert(here, other.to_string());
            }
            _ => {}
        }
    }
}

impl Snapshot {
    /// This build's, from the records its open data publishes.
    pub fn of(content: &Content, resolved: &Resolved, urls: &Urls) -> Snapshot {
        let documents = (0..content.strategies.len())
            .into_par_iter()
            .map(|i| {
                let record = publish::document_record(content, resolved, urls, i);
                Document::deserialize(record).expect("the open data holds what is compared")
            })
            .collect();
        Snapshot { documents }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::locale::english;
    use serde_json::json;

    #[test]
    fn a_commitment_s_status_fields_are_found_at_any_depth() {
        let c: Commitment = serde_json::from_value(json!({
            "id": "c-1",
            "text": "We will build a bridge",
            "status": "on-track",
            "outcome": { "quote": "Built", "status": "delivered", "source": { "anchor": "a", "document": "d", "url": null } },
            "review": { "rag_status": "green", "score": 3, "state": null },
            "actions": [{ "status": "done" }],
        }))
        .unwrap();
        assert_eq!(c.title.as_deref(), Some("We will build a bridge"));
        let found: Vec<(&str, &str)> = c
            .statuses
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("outcome/status", "delivered"),
                ("review/rag_status", "green"),
                ("status", "on-track")
            ]
        );
    }

    /// This build's snapshot reads the open data's records: every document,
    /// measure, figure and commitment of the fixture is in it.
    #[test]
    fn the_snapshot_holds_every_document_measure_figure_and_commitment() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
        let content = crate::load::load(&root).unwrap_or_else(|p| panic!("{:?}", p.0));
        let anchors = crate::model::anchors::anchor_index(&content.strategies);
        let resolved = crate::resolve::resolve(&content, anchors, english());
        let urls = Urls::new(&content.site.base_url);
        let snapshot = Snapshot::of(&content, &resolved, &urls);
        assert_eq!(snapshot.documents.len(), content.strategies.len());
        for (d, s) in snapshot.documents.iter().zip(&content.strategies) {
            assert_eq!(d.slug, s.slug);
            assert_eq!(d.status.state, s.meta.status.state.key());
            let figures: usize = d.measures.iter().map(|m| m.observations.len()).sum();
            let published: usize = s.measures.iter().map(|m| m.observations.len()).sum();
            assert_eq!(figures, published);
            let commitments = d
                .priorities
                .iter()
                .map(|p| p.commitments.len())
                .sum::<usize>();
            let planned = s.plan.as_ref().map_or(0, |p| {
                p.priorities.iter().map(|p| p.commitments.len()).sum()
            });
            assert_eq!(commitments, planned);
        }
        assert!(
            snapshot.documents.iter().any(|d| !d.measures.is_empty()),
            "the fixture publishes figures"
        );
    }
}
