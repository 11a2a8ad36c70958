//! Rows of figures into the measures' `ID.csv` files: a new period is
//! added, a period already there with another value is altered, and one
//! with the same value left as it is.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::cells;
use super::table::{Column, Row};
use super::workbook::At;
use super::{Change, NewFile, Scope, problem};
use crate::diagnostic::Problems;
use crate::model::{Calendar, Measure, When, limits};

/// The figures of every measure the workbook touches, as they will be.
pub struct Figures<'c> {
    scope: &'c Scope<'c>,
    /// By (document, measure) index.
    files: BTreeMap<(usize, usize), MeasureFile>,
    /// Measures whose target was already found to differ.
    targets_reported: HashSet<(usize, usize)>,
}

/// One measure's CSV file: its rows, and the periods the workbook gave.
struct MeasureFile {
    rows: Vec<CsvRow>,
    /// The measure's calendar, which orders the rows.
    calendar: Calendar,
    given: HashMap<String, (At, f64)>,
    changed: bool,
}

/// A row of `period,value,source,note`, its fields as written.
struct CsvRow {
    period: When,
    fields: [String; 4],
}

/// A figure row whose cells are all good.
struct Figure {
    measure: (usize, usize),
    period: When,
    value: f64,
    source: String,
    note: String,
    at: At,
}

impl<'c> Figures<'c> {
    pub fn new(scope: &'c Scope<'c>) -> Self {
        Figures {
            scope,
            files: BTreeMap::new(),
            targets_reported: HashSet::new(),
        }
    }

    /// Reads one row; its problems are added to `problems`, what it
    /// changes to `changes`. Returns whether it left a figure unchanged.
    pub fn row(&mut self, row: &Row, problems: &mut Problems, changes: &mut Vec<Change>) -> bool {
        match self.figure(row, problems) {
            Some(f) => self.merge(f, problems, changes),
            None => false,
        }
    }

    fn measure(&self, (d, m): (usize, usize)) -> &'c Measure {
        &self.scope.content.strategies[d].measures[m]
    }

    fn figure(&mut self, row: &Row, problems: &mut Problems) -> Option<Figure> {
        let (cell, at) = row.get(Column::Measure)?;
        let measure = match cells::text(cell) {
            Some(name) => self
                .scope
                .measure(&name, &at)
                .map_err(|p| problems.push(*p))
                .ok(),
            None => {
                problems.push(problem(&at, "the row names no measure").help(
                    "write the measure's id (the name of its `measures/ID.yaml` file) or its title",
                ));
                None
            }
        };
        let (cell, at) = row.get(Column::Period)?;
        let period = cells::period(cell, &at).map_err(|p| problems.push(*p)).ok();
        let (cell, value_at) = row.get(Column::Value)?;
        let value =
            measure.and_then(|m| cells::figure(cell, &value_at, &self.measure(m).unit, problems));
        let source = self.scope.source(row, problems);
        let note = self.scope.note(row, problems);
        if let Some(m) = measure {
            self.target(m, row, problems);
        }
        Some(Figure {
            measure: measure?,
            period: period?,
            value: value?,
            source: source?,
            note: note?,
            at: value_at,
        })
    }

    /// A `target` that is not the measure's is for the editor to change
    /// in its `.yaml`: reported once a measure.
    fn target(&mut self, m: (usize, usize), row: &Row, problems: &mut Problems) {
        let Some((cell, at)) = row.get(Column::Target) else {
            return;
        };
        if cell.is_empty() || self.targets_reported.contains(&m) {
            return;
        }
        let measure = self.measure(m);
        let Some(value) = cells::figure(cell, &at, &measure.unit, problems) else {
            return;
        };
        let yaml = measure.meta_file.path.display();
        let differs = match &measure.meta.target {
            Some(t) if t.value == value => return,
            Some(t) => problem(&at, format!("the target of `{}` is {} here, {} in {yaml}", measure.id, value, t.value))
                .help(format!("if the target has changed, change `value:` under `target:` in {yaml} (the import does not change it), citing where the new target was set")),
            None => problem(&at, format!("`{}` has no target in {yaml}; the sheet gives {value}", measure.id))
                .help(format!("add `target:` to {yaml}, with its `value`, `period` and `source` (the import does not add it)")),
        };
        self.targets_reported.insert(m);
        problems.push(differs);
    }

    fn merge(&mut self, f: Figure, problems: &mut Problems, changes: &mut Vec<Change>) -> bool {
        let measure = self.measure(f.measure);
        let file = self
            .files
            .entry(f.measure)
            .or_insert_with(|| MeasureFile::of(measure));
        let key = f.period.to_string();
        if let Some((first, value)) = file.given.get(&key) {
            if *value != f.value {
                problems.push(
                    problem(
                        &f.at,
                        format!(
                            "a second figure for {key} of `{}`: {} here, {} at {first}",
                            measure.id, f.value, value
                        ),
                    )
                    .help("keep one figure a period: delete the row that is wrong"),
                );
            }
            return false;
        }
        file.given.insert(key.clone(), (f.at.clone(), f.value));
        let value = f.value.to_string();
        let fields = [key.clone(), value.clone(), f.source, f.note];
        let full = file.rows.len() >= limits::FIGURES_PER_MEASURE;
        match file.rows.iter_mut().find(|r| r.period == f.period) {
            Some(row) if row.fields[1].parse::<f64>().ok() == Some(f.value) => return true,
            Some(row) => {
                changes.push(Change::Altered {
                    measure: measure.id.clone(),
                    period: key,
                    old: std::mem::replace(&mut row.fields, fields)[1].clone(),
                    new: value,
                });
            }
            None if full => {
                problems.push(
                    problem(
                        &f.at,
                        format!(
                            "`{}` would hold more than {} figures, the most one measure may have",
                            measure.id,
                            limits::FIGURES_PER_MEASURE
                        ),
                    )
                    .help("split a long series into measures, or keep only the periods published"),
                );
                return false;
            }
            None => {
                file.rows.push(CsvRow {
                    period: f.period,
                    fields,
                });
                changes.push(Change::Added {
                    measure: measure.id.clone(),
                    period: key,
                    value,
                });
            }
        }
        file.changed = true;
        false
    }

    /// The CSV files that change, rows in period order.
    pub fn files(&self) -> Vec<NewFile> {
        self.files
            .iter()
            .filter(|(_, f)| f.changed)
            .map(|(&m, f)| NewFile {
                path: self.measure(m).csv_file.path.clone(),
                text: f.text(),
            })
            .collect()
    }
}

impl MeasureFile {
    /// The rows of the measure's CSV file as loaded (the content has been
    /// read without errors, so each row is whole and its period good).
    fn of(measure: &Measure) -> Self {
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(measure.csv_file.text.as_bytes());
        let rows = reader
            .records()
            .filter_map(Result::ok)
            .filter_map(|r| {
                Some(CsvRow {
                    period: r.get(0)?.parse().ok()?,
                    fields: [0, 1, 2, 3].map(|i| r.get(i).unwrap_or_default().to_string()),
                })
            })
            .collect();
        MeasureFile {
            rows,
            calendar: measure.calendar,
            given: HashMap::new(),
            changed: false,
        }
    }

    fn text(&self) -> String {
        let mut rows: Vec<&CsvRow> = self.rows.iter().collect();
        rows.sort_by_key(|r| r.period.sort_key(self.calendar));
        super::csv_text(
            ["period", "value", "source", "note"],
            rows.iter().map(|r| r.fields.clone()),
        )
    }
}
