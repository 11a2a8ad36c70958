//! What changed: each build compares its open data with the previous
//! build's (`data/plans.json` of the folder it replaces) and adds what
//! differs, dated with the build's as-of day, to the change log it carries
//! over (`data/changes.json`). A build with nothing changed adds nothing, so
//! an unchanged rebuild publishes the same files.
//!
//! [`compare`] finds the differences; [`log`] is the published log; [`view`]
//! is what the change log's page, the feed and the measures' pages show.

mod compare;
mod log;
mod snapshot;
mod view;

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use crate::diagnostic::{Problem, Problems};
use crate::document::views::Urls;
use crate::model::Content;
use crate::resolve::Resolved;

use compare::compare;
use log::Day;
use snapshot::Snapshot;

pub use log::Log;
pub use view::{EntryView, LastUpdated, Site, entries};

/// The change log's page, its data and the data's schema, relative to the
/// site root.
pub const PAGE: &str = "changes/";
pub const CHANGES_JSON: &str = "data/changes.json";
pub const CHANGES_SCHEMA: &str = "data/changes.schema.json";

/// What the build being replaced published: its open data, if it has any,
/// and its change log. The preview and `check` build in memory with none.
#[derive(Debug, Default)]
pub struct Previous {
    pub data: Option<Snapshot>,
    pub log: Log,
}

impl Previous {
    /// Reads what the planpress build in `out` published, before the new
    /// build takes its place; a file it lacks is taken as empty.
    pub fn read(out: &Path) -> Result<Previous, Problems> {
        let data = read_json(out, crate::render::pages::DATA_JSON)?;
        let log = read_json(out, CHANGES_JSON)?.unwrap_or_default();
        Ok(Previous { data, log })
    }
}

fn read_json<T: serde::de::DeserializeOwned>(
    out: &Path,
    file: &str,
) -> Result<Option<T>, Problems> {
    let path = out.join(file);
    let Ok(opened) = File::open(&path) else {
        return Ok(None);
    };
    serde_json::from_reader(BufReader::new(opened))
        .map(Some)
        .map_err(|e| {
            let mut problem = Problem::file(
                &path,
                format!("the previous build's `{file}` cannot be read: {e}"),
            )
            .help(format!(
                "the change log is carried over from the build in {} and this build's figures are \
                 compared with its `{}`: put back the file as the last build published it, or remove it \
                 (without `{}` nothing is compared; without `{CHANGES_JSON}` the log starts again)",
                out.display(),
                crate::render::pages::DATA_JSON,
                crate::render::pages::DATA_JSON,
            ));
            problem.line = e.line();
            problem.column = e.column();
            Problems(vec![problem])
        })
}

/// The change log of this build: the previous one, with what changed since
/// the previous build's open data added as its newest entry, dated `day`.
pub fn updated_log(
    previous: Previous,
    content: &Content,
    resolved: &Resolved,
    urls: &Urls,
    day: jiff::civil::Date,
    out: &Path,
) -> Result<Log, Problems> {
    let Some(old) = previous.data else {
        return Ok(previous.log);
    };
    let changes = compare(
        &old,
        &Snapshot::of(content, resolved, urls),
        content.site.financial_year_starts,
    );
    previous.log.with(changes, Day(day)).map_err(|e| {
        let problem = Problem::file(&out.join(CHANGES_JSON), e.to_string()).help(format!(
            "the log lists updates newest first: build with `--as-of {}` or a later day",
            e.newest
        ));
        Problems(vec![problem])
    })
}

/// The JSON Schema of the change log (`data/changes.schema.json`).
pub fn changes_schema() -> Vec<u8> {
    crate::render::publish::schema_of::<Log>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn validator() -> jsonschema::Validator {
        let schema: Value = serde_json::from_slice(&changes_schema()).unwrap();
        jsonschema::validator_for(&schema).unwrap()
    }

    /// A log with every kind of record in it.
    fn every_kind() -> Value {
        serde_json::json!({ "entries": [{
            "changes": {
                "commitments": [{ "document": "d", "fields": [{ "field": "outcome/status", "from": null, "to": "delivered" }], "id": "c", "priority": "p", "title": null }],
                "documents": [
                    { "change": { "kind": "added" }, "slug": "d", "title": "D" },
                    { "change": { "from": "current", "kind": "status", "to": "closed" }, "slug": "e", "title": "E" }
                ],
                "measures": [
                    { "change": { "added": [{ "period": "2020", "value": 1.0 }], "kind": "figures", "removed": [],
                                  "revised": [{ "from": 1.0, "period": "2012/13", "to": 2.0 }] },
                      "document": "d", "id": "m", "title": "M", "unit": "count" },
                    { "change": { "figures": [], "kind": "removed" }, "document": "d", "id": "n", "title": "N", "unit": "count" }
                ]
            },
            "date": "2026-12-01",
            "number": 1
        }] })
    }

    #[test]
    fn the_log_validates_against_the_schema_generated_from_its_types() {
        let log: Log = serde_json::from_value(every_kind()).unwrap();
        let written: Value = serde_json::from_slice(&log.to_json()).unwrap();
        assert_eq!(
            written,
            every_kind(),
            "the log reads and writes every field"
        );
        let errors: Vec<String> = validator()
            .iter_errors(&written)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        let mut wrong = written.clone();
        wrong["entries"][0]["date"] = "3 December 2026".into();
        assert!(!validator().is_valid(&wrong), "a date in words passes");
    }

    /// Every record is closed, as the open data's are.
    #[test]
    fn a_field_the_schema_does_not_name_fails_validation() {
        let validator = validator();
        let places = [
            "",
            "/entries/0",
            "/entries/0/changes",
            "/entries/0/changes/commitments/0",
            "/entries/0/changes/commitments/0/fields/0",
            "/entries/0/changes/documents/0",
            "/entries/0/changes/documents/0/change",
            "/entries/0/changes/documents/1/change",
            "/entries/0/changes/measures/0",
            "/entries/0/changes/measures/0/change",
            "/entries/0/changes/measures/0/change/added/0",
            "/entries/0/changes/measures/0/change/revised/0",
            "/entries/0/changes/measures/1/change",
        ];
        for place in places {
            let mut broken = every_kind();
            let record = broken.pointer_mut(place).unwrap().as_object_mut().unwrap();
            record.insert("unlisted".into(), Value::Null);
            assert!(
                !validator.is_valid(&broken),
                "a field added at {place} passes"
            );
        }
    }

    #[test]
    fn a_previous_build_s_unreadable_log_is_an_error_saying_where() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("data")).unwrap();
        std::fs::write(dir.path().join(CHANGES_JSON), "{\n  \"entries\": [}\n").unwrap();
        let problems = Previous::read(dir.path()).unwrap_err();
        let p = &problems.0[0];
        assert_eq!(
            p.position(),
            format!("{}:2:15", dir.path().join(CHANGES_JSON).display())
        );
        assert!(
            p.help.as_deref().unwrap().contains("put back the file"),
            "{p:?}"
        );
    }

    #[test]
    fn a_folder_with_no_previous_build_has_no_data_and_an_empty_log() {
        let dir = tempfile::tempdir().unwrap();
        let previous = Previous::read(dir.path()).unwrap();
        assert!(previous.data.is_none());
        assert_eq!(previous.log, Log::default());
    }
}
