//! Rows of statuses into each document's `progress.csv`
//! (`item,status,date,source,note`): a row already there for the same
//! item, status and date is not added again.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::cells;
use super::table::{Column, Row};
use super::{Change, NewFile, Refused, Scope, problem};
use crate::diagnostic::{Problem, Problems};
use crate::model::SourceFile;
use crate::support::suggest::did_you_mean;

/// The header of `progress.csv`.
pub const HEADER: [&str; 5] = ["item", "status", "date", "source", "note"];

/// The statuses a commitment, action or milestone can be reported in.
pub const STATUSES: [&str; 6] = [
    "not-started",
    "on-track",
    "at-risk",
    "off-track",
    "completed",
    "not-being-pursued",
];

/// The `progress.csv` of every document the workbook touches, as they
/// will be.
pub struct Statuses<'c> {
    scope: &'c Scope<'c>,
    root: &'c Path,
    /// By document index; `None` for a file that cannot be read.
    files: BTreeMap<usize, Option<ProgressFile>>,
}

struct ProgressFile {
    path: PathBuf,
    rows: Vec<[String; 5]>,
    /// (item, status, date) of each row.
    held: HashSet<[String; 3]>,
    changed: bool,
}

impl<'c> Statuses<'c> {
    pub fn new(scope: &'c Scope<'c>, root: &'c Path) -> Self {
        Statuses {
            scope,
            root,
            files: BTreeMap::new(),
        }
    }

    /// Reads one row; its problems are added to `problems`, what it
    /// changes to `changes`. Returns whether the file holds it already.
    pub fn row(&mut self, row: &Row, problems: &mut Problems, changes: &mut Vec<Change>) -> bool {
        let Some((document, fields)) = self.status(row, problems) else {
            return false;
        };
        let file = self.files.entry(document).or_insert_with(|| {
            let slug = &self.scope.content.strategies[document].slug;
            let path = PathBuf::from("content/strategies")
                .join(slug)
                .join("progress.csv");
            ProgressFile::read(self.root, path, problems)
        });
        let Some(file) = file else {
            return false;
        };
        let key = [fields[0].clone(), fields[1].clone(), fields[2].clone()];
        if !file.held.insert(key) {
            return true;
        }
        changes.push(Change::Status {
            item: fields[0].clone(),
            status: fields[1].clone(),
            date: fields[2].clone(),
        });
        file.rows.push(fields);
        file.changed = true;
        false
    }

    /// The row's document and its fields, if every cell is good.
    fn status(&self, row: &Row, problems: &mut Problems) -> Option<(usize, [String; 5])> {
        let (cell, at) = row.get(Column::Id)?;
        let item = match cells::text(cell) {
            Some(id) => self
                .scope
                .item(&id, &at)
                .map_err(|p| problems.push(*p))
                .ok(),
            None => {
                problems.push(
                    problem(&at, "the row names no commitment, action or milestone").help(
                        "write the `id` it has in `plan.yaml`, e.g. `priority-1-milestone-1`",
                    ),
                );
                None
            }
        };
        let (cell, at) = row.get(Column::Status)?;
        let status = status(cells::text(cell).as_deref(), &at)
            .map_err(|p| problems.push(*p))
            .ok();
        let (cell, at) = row.get(Column::Date)?;
        let date = cells::day(cell, &at).map_err(|p| problems.push(*p)).ok();
        let source = self.scope.source(row, problems);
        let note = self.scope.note(row, problems);
        if status == Some("not-being-pursued") && note.as_deref() == Some("") {
            let (_, at) = row.get(Column::Note).or_else(|| row.get(Column::Status))?;
            problems.push(
                problem(&at, "a commitment not being pursued needs its reason in the note")
                    .help("write in `note` why it is not being pursued, in the words of the report that says so"),
            );
            return None;
        }
        let (document, id) = item?;
        Some((
            document,
            [id, status?.to_string(), date?.to_string(), source?, note?],
        ))
    }

    /// The `progress.csv` files that change, rows sorted by item then date.
    pub fn files(&self) -> Vec<NewFile> {
        self.files
            .values()
            .flatten()
            .filter(|f| f.changed)
            .map(|f| {
                let mut rows = f.rows.clone();
                rows.sort_by(|a, b| (&a[0], &a[2]).cmp(&(&b[0], &b[2])));
                NewFile {
                    path: f.path.clone(),
                    text: super::csv_text(HEADER, rows),
                }
            })
            .collect()
    }
}

/// A status as written ("On track") as its name (`on-track`).
fn status(text: Option<&str>, at: &super::workbook::At) -> Result<&'static str, Refused> {
    let help = || format!("write one of {}", STATUSES.join(", "));
    let Some(text) = text else {
        return Err(Box::new(problem(at, "the status is missing").help(help())));
    };
    let name = text
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    STATUSES
        .iter()
        .copied()
        .find(|s| *s == name)
        .ok_or_else(|| {
            let near =
                did_you_mean(&name, STATUSES).map_or_else(help, |d| format!("{d} ({})", help()));
            Box::new(problem(at, format!("\"{text}\" is not a status")).help(near))
        })
}

impl ProgressFile {
    /// The document's `progress.csv` as it is, or an empty one; `None`
    /// (and a problem) if it cannot be read as one.
    fn read(root: &Path, path: PathBuf, problems: &mut Problems) -> Option<ProgressFile> {
        let mut file = ProgressFile {
            path,
            rows: Vec::new(),
            held: HashSet::new(),
            changed: false,
        };
        let text = match std::fs::read_to_string(root.join(&file.path)) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Some(file),
            Err(e) => {
                problems.push(
                    Problem::file(&file.path, format!("cannot read the file: {e}"))
                        .help("check that it is UTF-8 text that can be read"),
                );
                return None;
            }
        };
        let source = SourceFile {
            path: file.path.clone(),
            text: Arc::from(text.as_str()),
        };
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .flexible(true)
            .from_reader(text.as_bytes());
        if !reader.headers().is_ok_and(|h| h.iter().eq(HEADER)) {
            problems.push(
                Problem::at(&source, 1, 1, "this is not the header of a progress file")
                    .help(format!("the first line must be `{}`", HEADER.join(","))),
            );
            return None;
        }
        for record in reader.records() {
            match record {
                Ok(r) if r.len() == HEADER.len() => {
                    let fields: [String; 5] = std::array::from_fn(|i| r[i].to_string());
                    file.held
                        .insert([fields[0].clone(), fields[1].clone(), fields[2].clone()]);
                    file.rows.push(fields);
                }
                other => {
                    let line = match &other {
                        Ok(r) => r.position().map_or(0, |p| p.line() as usize),
                        Err(e) => e.position().map_or(0, |p| p.line() as usize),
                    };
                    problems.push(
                        Problem::at(
                            &source,
                            line,
                            1,
                            "this row does not have the five fields of a status",
                        )
                        .help(format!(
                            "write `{}`; quote a note that holds a comma",
                            HEADER.join(",")
                        )),
                    );
                    return None;
                }
            }
        }
        Some(file)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::import::workbook::At;

    #[test]
    fn statuses_are_named_forgiving_case_and_spaces() {
        let at = At {
            sheet: Arc::from("Statuses"),
            row: 1,
            column: 1,
        };
        assert_eq!(status(Some("On track"), &at).ok(), Some("on-track"));
        assert_eq!(
            status(Some(" NOT being_pursued "), &at).ok(),
            Some("not-being-pursued")
        );
        assert_eq!(status(Some("completed"), &at).ok(), Some("completed"));
        let wrong = status(Some("on trak"), &at).unwrap_err();
        assert_eq!(wrong.position(), "Statuses!B2");
        assert_eq!(wrong.message, "\"on trak\" is not a status");
        assert!(wrong.help.unwrap().starts_with("did you mean `on-track`?"));
        assert!(status(None, &at).is_err());
    }
}
