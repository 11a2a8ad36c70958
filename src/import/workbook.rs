//! Reading a workbook (XLSX, XLS, ODS) or a CSV file into sheets of cells,
//! each cell with its position in spreadsheet terms (`KPIs!C12`).

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use calamine::{Data, DataType, ExcelDateTime, ExcelDateTimeType, Reader, StyleRange};

use crate::model::PartialDate;

/// One sheet: its name and its cells, row by row from `A1`.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: Arc<str>,
    pub rows: Vec<Vec<Cell>>,
}

/// A cell's value as the import reads it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A number; `percent` when the cell is formatted as a percentage, so
    /// that it holds 0.45 where it shows 45%.
    Number {
        value: f64,
        percent: bool,
    },
    /// A cell formatted as a date, to the precision its format shows
    /// (`Mar-14` is a month).
    Date(PartialDate),
    /// A boolean, an error such as `#DIV/0!` or a duration, as shown.
    Other(String),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// Where a cell is: its sheet, row and column (0-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At {
    pub sheet: Arc<str>,
    pub row: usize,
    pub column: usize,
}

impl At {
    /// `C12`, without the sheet.
    pub fn cell(&self) -> String {
        format!("{}{}", column_name(self.column), self.row + 1)
    }
}

impl fmt::Display for At {
    /// `KPIs!C12`; a sheet name with spaces or punctuation is quoted, as
    /// spreadsheets write it: `'Key measures'!C12`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plain = self
            .sheet
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.');
        if plain {
            write!(f, "{}!{}", self.sheet, self.cell())
        } else {
            write!(f, "'{}'!{}", self.sheet.replace('\'', "''"), self.cell())
        }
    }
}

/// `A`, `B` … `Z`, `AA` …: a column's name from its index.
pub fn column_name(mut index: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).expect("ASCII letters")
}

/// Why a file could not be read as sheets.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("planpress reads .xlsx, .xlsm, .xls, .ods and .csv files, not `{0}`")]
    Kind(String),
    #[error("cannot read the workbook: {0}")]
    Workbook(#[from] calamine::Error),
    #[error("cannot read the file: {0}")]
    Io(#[from] std::io::Error),
    #[error("the CSV file is not UTF-8 text")]
    NotUtf8,
    #[error("cannot read the CSV file: {0}")]
    Csv(#[from] csv::Error),
}

/// Every sheet of the file at `path`, in the workbook's order; a CSV
/// file is one sheet named after the file.
pub fn read(path: &Path) -> Result<Vec<Sheet>, ReadError> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "csv" => read_csv(path),
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => read_workbook(path),
        _ => Err(ReadError::Kind(
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        )),
    }
}

fn read_workbook(path: &Path) -> Result<Vec<Sheet>, ReadError> {
    let mut book = calamine::open_workbook_auto(path)?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name)?;
        // Number formats say which numbers are percentages and which
        // dates are months; only XLSX gives them (the others, none).
        let styles = book.worksheet_style(&name).unwrap_or_default();
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows = vec![Vec::new(); top as usize];
        for (r, row) in range.rows().enumerate() {
            let mut cells = vec![Cell::Empty; left as usize];
            for (c, data) in row.iter().enumerate() {
                let at = (top + r as u32, left + c as u32);
                cells.push(cell(data, format_code(&styles, at)));
            }
            rows.push(cells);
        }
        sheets.push(Sheet {
            name: Arc::from(name.as_str()),
            rows,
        });
    }
    Ok(sheets)
}

fn format_code(styles: &StyleRange, at: (u32, u32)) -> Option<&str> {
    styles
        .get(at)?
        .number_format
        .as_ref()
        .map(|f| f.format_code.as_str())
}

/// A calamine cell, with the number format it shows in, if known.
fn cell(data: &Data, format: Option<&str>) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(_) | Data::Float(_) => Cell::Number {
            value: data.as_f64().unwrap_or_default(),
            percent: format.is_some_and(is_percent_format),
        },
        Data::DateTime(d) => match serial_date(d) {
            Some(date) if format.is_some_and(|f| !shows_day(f)) => {
                Cell::Date(PartialDate { day: None, ..date })
            }
            Some(date) => Cell::Date(date),
            None => Cell::Other(d.as_f64().to_string()),
        },
        // ODS writes dates as `2013-10-31` or `2013-10-31T00:00:00`.
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(|d| d.parse().ok())
            .map_or_else(|| Cell::Text(s.clone()), Cell::Date),
        Data::Bool(b) => Cell::Other(if *b { "TRUE" } else { "FALSE" }.to_string()),
        Data::Error(e) => Cell::Other(e.to_string()),
        Data::DurationIso(s) => Cell::Other(s.clone()),
    }
}

/// The day of an Excel serial date (days since 1899-12-30, or 1904-01-01
/// in a workbook of the 1904 system), if it is one Excel can show.
fn serial_date(d: &ExcelDateTime) -> Option<PartialDate> {
    if !(1.0..2_958_466.0).contains(&d.as_f64()) {
        return None;
    }
    let (year, month, day, ..) = d.to_ymd_hms_milli();
    Some(PartialDate {
        year: year as i16,
        month: Some(month as i8),
        day: Some(day as i8),
    })
}

/// The day of a plain number read as an Excel serial date (the 1900
/// system, Excel's default).
pub fn serial_day(value: f64) -> Option<PartialDate> {
    serial_date(&ExcelDateTime::new(
        value,
        ExcelDateTimeType::DateTime,
        false,
    ))
}

/// The parts of a number format outside quotes, escapes and `[…]`.
fn format_tokens(code: &str) -> impl Iterator<Item = char> + '_ {
    let mut quoted = false;
    let mut escaped = false;
    let mut bracket = false;
    code.chars().filter(move |&c| {
        if escaped {
            escaped = false;
            return false;
        }
        match c {
            '"' => quoted = !quoted,
            '\\' if !quoted => escaped = true,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            _ => return !quoted && !bracket,
        }
        false
    })
}

fn is_percent_format(code: &str) -> bool {
    format_tokens(code).any(|c| c == '%')
}

/// Whether a date format shows the day (`d`), as `dd/mm/yyyy` does and
/// `mmm-yy` does not.
fn shows_day(code: &str) -> bool {
    format_tokens(code).any(|c| c.eq_ignore_ascii_case(&'d'))
}

/// A CSV file as one sheet of text cells.
fn read_csv(path: &Path) -> Result<Vec<Sheet>, ReadError> {
    let bytes = std::fs::read(path)?;
    let text = String::from_utf8(bytes).map_err(|_| ReadError::NotUtf8)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record?;
        // The reader passes over blank lines, which a spreadsheet shows as
        // empty rows: a record's position is at the first of those before it.
        let start = record.position().map_or(0, |p| p.byte() as usize);
        let blank = text
            .get(start..)
            .unwrap_or_default()
            .lines()
            .take_while(|l| l.trim().is_empty())
            .count();
        rows.extend(std::iter::repeat_n(Vec::new(), blank));
        rows.push(
            record
                .iter()
                .map(|f| {
                    if f.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(f.to_string())
                    }
                })
                .collect(),
        );
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(vec![Sheet {
        name: Arc::from(name.as_str()),
        rows,
    }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_spreadsheets_name_them() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }

    #[test]
    fn positions_quote_sheet_names_that_need_it() {
        let at = |sheet: &str| At {
            sheet: Arc::from(sheet),
            row: 11,
            column: 2,
        };
        assert_eq!(at("KPIs").to_string(), "KPIs!C12");
        assert_eq!(at("Key measures").to_string(), "'Key measures'!C12");
        assert_eq!(at("figures.csv").to_string(), "figures.csv!C12");
        assert_eq!(at("Bob's").to_string(), "'Bob''s'!C12");
    }

    #[test]
    fn number_formats_tell_percentages_and_months() {
        assert!(is_percent_format("0%"));
        assert!(is_percent_format("0.0%"));
        assert!(!is_percent_format("0.00"));
        assert!(!is_percent_format("0\" %\""));
        assert!(shows_day("dd/mm/yyyy"));
        assert!(shows_day("[$-809]d mmmm yyyy"));
        assert!(!shows_day("mmm-yy"));
        assert!(!shows_day("[Red]mmm yyyy"));
    }

    #[test]
    fn serial_numbers_are_days_since_1899() {
        let day = serial_day(41729.0).unwrap();
        assert_eq!(day.to_string(), "2014-03-31");
        assert_eq!(serial_day(45943.541).unwrap().to_string(), "2025-10-13");
        assert!(serial_day(-3.0).is_none());
        assert!(serial_day(1e9).is_none());
    }
}
