//! The change log as it is published, `data/changes.json`, and read back by
//! the next build: typed records, whose JSON Schema
//! (`data/changes.schema.json`) is generated from the same types.
//!
//! The fields of each record are in alphabetical order: the order of the
//! keys in the published file.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// # What changed
///
/// What each update of the site changed in the plans and figures it
/// publishes, found by comparing its open data (`plans.json`) with the
/// previous update's: newest first.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields, extend("$id" = "changes.schema.json"))]
pub struct Log {
    pub entries: Vec<Entry>,
}

/// What one update changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Entry {
    pub changes: Changes,
    /// The day the update was built as of.
    pub date: Day,
    /// Its place in the log, counting from 1 for the oldest: it names the
    /// entry on the change log's page and in the feed.
    pub number: u32,
}

/// The differences between two builds' open data.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Changes {
    /// Commitments whose status (what became of them) changed.
    pub commitments: Vec<CommitmentChange>,
    /// Documents added, removed, or whose state changed.
    pub documents: Vec<DocumentChange>,
    /// Measures added or removed, or whose figures changed.
    pub measures: Vec<MeasureChange>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.commitments.is_empty() && self.documents.is_empty() && self.measures.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DocumentChange {
    pub change: DocumentEvent,
    pub slug: String,
    pub title: String,
}

/// What happened to a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[schemars(deny_unknown_fields)]
pub enum DocumentEvent {
    Added,
    Removed,
    /// Its state changed (current to superseded, say).
    Status {
        from: String,
        to: String,
    },
}

/// A measure, by its document's slug and its id, and what changed of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct MeasureChange {
    pub change: MeasureEvent,
    pub document: String,
    pub id: String,
    pub title: String,
    /// What its figures count, as the open data names it.
    pub unit: String,
}

/// What happened to a measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[schemars(deny_unknown_fields)]
pub enum MeasureEvent {
    /// A new measure, with its figures.
    Added { figures: Vec<Figure> },
    /// A measure no longer published, with the figures it had.
    Removed { figures: Vec<Figure> },
    /// Figures of a measure published before and still.
    Figures {
        added: Vec<Figure>,
        removed: Vec<Figure>,
        revised: Vec<Revision>,
    },
}

/// A figure: its period (a date, or a year such as 2012/13) and value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Figure {
    pub period: String,
    pub value: f64,
}

/// A figure published again for the same period with another value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Revision {
    pub from: f64,
    pub period: String,
    pub to: f64,
}

/// A commitment, by its document's slug, its priority's id and its own,
/// and the status fields that changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct CommitmentChange {
    pub document: String,
    pub fields: Vec<FieldChange>,
    pub id: String,
    pub priority: String,
    /// Its title, or its text when it has no title.
    pub title: Option<String>,
}

/// A status field of a commitment, by its path in the commitment's record
/// of the open data (`outcome/status`); null where it had or has none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct FieldChange {
    pub field: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// A day, written YYYY-MM-DD.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, JsonSchema)]
pub struct Day(
    #[schemars(with = "String", regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub  jiff::civil::Date,
);

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse()
            .map(Day)
            .map_err(|_| serde::de::Error::custom(format!("`{text}` is not a day (YYYY-MM-DD)")))
    }
}

impl Day {
    /// As the site's dates are: a date known to the day.
    pub fn date(self) -> crate::model::PartialDate {
        crate::model::PartialDate {
            year: self.0.year(),
            month: Some(self.0.month()),
            day: Some(self.0.day()),
        }
    }
}

/// This build's changes could not be added to the log.
#[derive(Debug, thiserror::Error)]
#[error("the change log's newest entry is dated {newest}, after this build's day, {day}")]
pub struct Backdated {
    pub newest: jiff::civil::Date,
    pub day: jiff::civil::Date,
}

impl Log {
    /// The log with `changes` added as its newest entry, dated `day`; the
    /// same log when nothing changed, so that an unchanged rebuild
    /// publishes the same files.
    pub fn with(mut self, changes: Changes, day: Day) -> Result<Log, Backdated> {
        if changes.is_empty() {
            return Ok(self);
        }
        let newest = self.entries.iter().map(|e| e.date).max();
        if let Some(newest) = newest.filter(|&n| n > day) {
            return Err(Backdated {
                newest: newest.0,
                day: day.0,
            });
        }
        let number = self.entries.iter().map(|e| e.number).max().unwrap_or(0) + 1;
        self.entries.insert(
            0,
            Entry {
                changes,
                date: day,
                number,
            },
        );
        Ok(self)
    }

    /// As published: pretty JSON, ending in a new line.
    pub fn to_json(&self) -> Vec<u8> {
        let mut text = serde_json::to_vec_pretty(self).expect("the log is JSON");
        text.push(b'\n');
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Day {
        Day(text.parse().unwrap())
    }

    fn some_change(title: &str) -> Changes {
        Changes {
            documents: vec![DocumentChange {
                change: DocumentEvent::Added,
                slug: "a".into(),
                title: title.into(),
            }],
            ..Changes::default()
        }
    }

    #[test]
    fn entries_are_numbered_and_added_newest_first() {
        let log = Log::default()
            .with(some_change("one"), day("2026-01-02"))
            .unwrap()
            .with(some_change("two"), day("2026-01-02"))
            .unwrap()
            .with(some_change("three"), day("2026-02-01"))
            .unwrap();
        let numbers: Vec<(u32, String)> = log
            .entries
            .iter()
            .map(|e| (e.number, e.date.0.to_string()))
            .collect();
        assert_eq!(
            numbers,
            [
                (3, "2026-02-01".to_string()),
                (2, "2026-01-02".to_string()),
                (1, "2026-01-02".to_string())
            ]
        );
    }

    #[test]
    fn no_change_adds_no_entry() {
        let log = Log::default()
            .with(some_change("one"), day("2026-01-02"))
            .unwrap();
        let again = log.clone().with(Changes::default(), day("2026-03-01"));
        assert_eq!(again.unwrap(), log);
    }

    #[test]
    fn an_entry_dated_before_the_newest_is_refused() {
        let log = Log::default()
            .with(some_change("one"), day("2026-01-02"))
            .unwrap();
        let e = log.with(some_change("two"), day("2026-01-01")).unwrap_err();
        assert_eq!(e.newest.to_string(), "2026-01-02");
    }

    #[test]
    fn the_log_reads_back_as_it_was_written() {
        let log = Log::default()
            .with(
                Changes {
                    measures: vec![MeasureChange {
                        change: MeasureEvent::Figures {
                            added: vec![],
                            removed: vec![],
                            revised: vec![Revision {
                                from: 0.1 + 0.2,
                                period: "2012/13".into(),
                                to: 1e-7,
                            }],
                        },
                        document: "a".into(),
                        id: "m".into(),
                        title: "M".into(),
                        unit: "percent".into(),
                    }],
                    ..some_change("one")
                },
                day("2026-01-02"),
            )
            .unwrap();
        let text = log.to_json();
        let read: Log = serde_json::from_slice(&text).unwrap();
        assert_eq!(read, log);
        assert_eq!(read.to_json(), text);
    }
}
