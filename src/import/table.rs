//! A sheet as a table: which kind of rows it holds, told from its header
//! row, and its rows with the cells of each column the import reads.

use std::collections::BTreeMap;

use super::problem;
use super::workbook::{At, Cell, Sheet, column_name};
use crate::diagnostic::Problems;

/// The columns the import reads, by their headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Column {
    Measure,
    Period,
    Value,
    Target,
    Id,
    Status,
    Date,
    Source,
    Note,
}

impl Column {
    fn header(self) -> &'static str {
        match self {
            Column::Measure => "measure",
            Column::Period => "period",
            Column::Value => "value",
            Column::Target => "target",
            Column::Id => "id",
            Column::Status => "status",
            Column::Date => "date",
            Column::Source => "source",
            Column::Note => "note",
        }
    }
}

/// What a sheet's rows are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One figure of a measure a row.
    Figures,
    /// One status of a commitment or milestone a row.
    Statuses,
}

impl Kind {
    fn required(self) -> &'static [Column] {
        match self {
            Kind::Figures => &[Column::Measure, Column::Period, Column::Value],
            Kind::Statuses => &[Column::Id, Column::Status, Column::Date],
        }
    }

    fn optional(self) -> &'static [Column] {
        match self {
            Kind::Figures => &[Column::Source, Column::Note, Column::Target],
            Kind::Statuses => &[Column::Source, Column::Note],
        }
    }

    /// `measure, period, value (and source, note, target)`.
    fn headers(self) -> String {
        let names = |cols: &[Column]| {
            cols.iter()
                .map(|c| c.header())
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!(
            "{} (and, if you have them, {})",
            names(self.required()),
            names(self.optional())
        )
    }
}

/// A sheet whose header row says what its rows are.
pub struct Table<'a> {
    pub kind: Kind,
    sheet: &'a Sheet,
    header_row: usize,
    columns: BTreeMap<Column, usize>,
}

/// One row of a table, with the cells of the columns it has.
pub struct Row<'a> {
    table: &'a Table<'a>,
    index: usize,
}

impl Row<'_> {
    /// The cell of `column` and where it is; `None` if the table has no
    /// such column.
    pub fn get(&self, column: Column) -> Option<(&Cell, At)> {
        let c = *self.table.columns.get(&column)?;
        let cell = self.table.sheet.rows[self.index]
            .get(c)
            .unwrap_or(&Cell::Empty);
        Some((cell, self.table.at(self.index, c)))
    }

    /// Where the row starts, for problems of the row as a whole.
    pub fn at(&self) -> At {
        self.table.at(self.index, 0)
    }
}

impl<'a> Table<'a> {
    /// The table of a sheet, from its first row that is not empty; `None`
    /// for an empty sheet, or when the headers fit no kind (a problem).
    pub fn of(sheet: &'a Sheet, problems: &mut Problems) -> Option<Table<'a>> {
        let header_row = sheet
            .rows
            .iter()
            .position(|r| r.iter().any(|c| !c.is_empty()))?;
        let headers: Vec<(usize, String)> = sheet.rows[header_row]
            .iter()
            .enumerate()
            .filter_map(|(c, cell)| Some((c, header_text(cell)?)))
            .collect();
        let at = |c: usize| At {
            sheet: sheet.name.clone(),
            row: header_row,
            column: c,
        };
        let kind = kind_of(&headers).or_else(|| {
            let found: Vec<&str> = headers.iter().map(|(_, h)| h.as_str()).collect();
            problems.push(
                problem(&at(0), format!("the headers of this sheet ({}) are not those of figures or of statuses", found.join(", ")))
                    .help(format!(
                        "give the first row the headers of the rows below it: for figures, {}; for the statuses of commitments and milestones, {}",
                        Kind::Figures.headers(),
                        Kind::Statuses.headers()
                    )),
            );
            None
        })?;
        let mut columns = BTreeMap::new();
        for (c, text) in &headers {
            let wanted = kind
                .required()
                .iter()
                .chain(kind.optional())
                .find(|col| normalised(col.header()) == normalised(text));
            match wanted {
                Some(col) => {
                    if let Some(&first) = columns.get(col) {
                        problems.push(
                            problem(&at(*c), format!("a second `{}` column", col.header())).help(
                                format!(
                                    "column {} is `{}` already: keep one of them",
                                    column_name(first),
                                    col.header()
                                ),
                            ),
                        );
                    } else {
                        columns.insert(*col, *c);
                    }
                }
                None => problems.push(
                    problem(&at(*c), format!("the column `{text}` is not imported"))
                        .help(format!(
                            "the import reads {}; rename the header if it is one of those",
                            kind.headers()
                        ))
                        .warning(),
                ),
            }
        }
        let table = Table {
            kind,
            sheet,
            header_row,
            columns,
        };
        table.unnamed_columns(problems);
        Some(table)
    }

    fn at(&self, row: usize, column: usize) -> At {
        At {
            sheet: self.sheet.name.clone(),
            row,
            column,
        }
    }

    /// The rows under the header, but those with nothing in the columns
    /// read.
    pub fn rows(&'a self) -> impl Iterator<Item = Row<'a>> + 'a {
        (self.header_row + 1..self.sheet.rows.len())
            .map(move |index| Row { table: self, index })
            .filter(|row| {
                self.columns
                    .keys()
                    .any(|c| row.get(*c).is_some_and(|(cell, _)| !cell.is_empty()))
            })
    }

    /// A column with no header above its figures: a merged header cell
    /// names only its first column, leaving the others unnamed.
    fn unnamed_columns(&self, problems: &mut Problems) {
        let header = &self.sheet.rows[self.header_row];
        let width = self.sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
        for c in 0..width {
            if header.get(c).is_some_and(|h| !h.is_empty()) {
                continue;
            }
            let filled = (self.header_row + 1..self.sheet.rows.len())
                .find(|&r| self.sheet.rows[r].get(c).is_some_and(|x| !x.is_empty()));
            if let Some(r) = filled {
                let merged = (0..c)
                    .rev()
                    .find(|&n| header.get(n).is_some_and(|h| !h.is_empty()))
                    .map_or(String::new(), |n| {
                        format!(
                            " ({} here, if it is merged across)",
                            self.at(self.header_row, n).cell()
                        )
                    });
                problems.push(
                    problem(
                        &self.at(self.header_row, c),
                        format!("this column has no header, but {} holds a value", self.at(r, c).cell()),
                    )
                    .help(format!(
                        "a merged header cell names only its first column{merged}: unmerge it and give each column its own header, from {}",
                        self.kind.headers()
                    )),
                );
            }
        }
    }
}

/// A header cell's text, if it has any.
fn header_text(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Text(t) if !t.trim().is_empty() => Some(t.trim().to_string()),
        Cell::Number { value, .. } => Some(value.to_string()),
        Cell::Date(d) => Some(d.to_string()),
        Cell::Other(t) => Some(t.clone()),
        _ => None,
    }
}

/// A header as compared: lower case, without spaces, `_` or `-`.
fn normalised(header: &str) -> String {
    header
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The kind whose required headers are all there; `None` if neither's
/// are, or both's.
fn kind_of(headers: &[(usize, String)]) -> Option<Kind> {
    let has = |kind: Kind| {
        kind.required().iter().all(|col| {
            headers
                .iter()
                .any(|(_, h)| normalised(h) == normalised(col.header()))
        })
    };
    match (has(Kind::Figures), has(Kind::Statuses)) {
        (true, false) => Some(Kind::Figures),
        (false, true) => Some(Kind::Statuses),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet {
            name: Arc::from("KPIs"),
            rows: rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|t| {
                            if t.is_empty() {
                                Cell::Empty
                            } else {
                                Cell::Text(t.to_string())
                            }
                        })
                        .collect()
                })
                .collect(),
        }
    }

    fn messages(p: &Problems) -> Vec<String> {
        p.0.iter()
            .map(|p| format!("{}: {}", p.position(), p.message))
            .collect()
    }

    #[test]
    fn headers_are_matched_forgiving_case_spacing_and_dashes() {
        assert_eq!(normalised(" Measure_ID "), "measureid");
        assert_eq!(normalised("Per-iod"), "period");
        let s = sheet(&[
            &["", "", ""],
            &["MEASURE", "Period ", "val ue"],
            &["a", "2010", "1"],
        ]);
        let mut problems = Problems::default();
        let t = Table::of(&s, &mut problems).unwrap();
        assert_eq!(t.kind, Kind::Figures);
        assert!(problems.0.is_empty(), "{:?}", messages(&problems));
        let row = t.rows().next().unwrap();
        assert_eq!(row.get(Column::Value).unwrap().1.to_string(), "KPIs!C3");
        assert!(row.get(Column::Note).is_none());
    }

    #[test]
    fn a_sheet_of_neither_kind_is_reported_with_both_kinds_headers() {
        let s = sheet(&[&["Quarter", "Figure"]]);
        let mut problems = Problems::default();
        assert!(Table::of(&s, &mut problems).is_none());
        let m = &problems.0[0];
        assert_eq!(m.position(), "KPIs!A1");
        assert!(m.message.contains("Quarter, Figure"), "{}", m.message);
        let help = m.help.as_deref().unwrap();
        assert!(help.contains("measure, period, value") && help.contains("id, status, date"));
    }

    #[test]
    fn an_unnamed_column_holding_values_is_reported_at_its_header() {
        let s = sheet(&[
            &["measure", "period", "value", ""],
            &["a", "2010", "1", "x"],
            &["", "", "", ""],
        ]);
        let mut problems = Problems::default();
        let t = Table::of(&s, &mut problems).unwrap();
        assert_eq!(
            messages(&problems),
            ["KPIs!D1: this column has no header, but D2 holds a value"]
        );
        assert_eq!(t.rows().count(), 1, "the empty row is passed over");
    }

    #[test]
    fn other_columns_are_warned_of_and_duplicates_are_errors() {
        let s = sheet(&[&["id", "status", "date", "owner", "Status"]]);
        let mut problems = Problems::default();
        Table::of(&s, &mut problems).unwrap();
        assert_eq!(
            messages(&problems),
            [
                "KPIs!D1: the column `owner` is not imported",
                "KPIs!E1: a second `status` column"
            ]
        );
        assert_eq!(problems.errors(), 1);
    }
}
