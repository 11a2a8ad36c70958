//! Every figure and every measure as a spreadsheet (`data/figures.xlsx`):
//! a sheet for each table, with the same header and rows as its CSV, and a
//! sheet saying what they are, under which licence, and what each column
//! holds (from the tables' CSV on the Web metadata).

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use serde::Deserialize;
use serde_json::Value as Json;

use super::figures::{About, Cell, Table};

/// The workbook, relative to the site root.
pub const FIGURES_XLSX: &str = "data/figures.xlsx";

/// The workbook's own words, from the theme (`templates/workbook.json`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkbookWords {
    /// The names of the sheets.
    pub figures_sheet: String,
    pub measures_sheet: String,
    pub about_sheet: String,
    pub publisher: String,
    pub licence: String,
    /// Said in place of a licence when the site states none.
    pub no_licence: String,
    /// The headings of each list of columns.
    pub column: String,
    pub meaning: String,
}

/// The workbook of the `tables`, each with its metadata. Its bytes depend
/// only on them: the creation date is fixed (1980-01-01, the earliest a zip
/// file, which a workbook is, can record) rather than the clock's.
pub fn workbook(tables: &[(&Table, Json)], words: &WorkbookWords) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let first = tables.first().map(|(_, m)| m).unwrap_or(&Json::Null);
    book.set_properties(
        &DocProperties::new()
            .set_title(text(first, "dc:title"))
            .set_author(text(first, "dc:publisher"))
            .set_creation_datetime(&ExcelDateTime::from_ymd(1980, 1, 1)?),
    );
    for (table, _) in tables {
        let name = match table.about {
            About::Measures => &words.measures_sheet,
            _ => &words.figures_sheet,
        };
        table_sheet(book.add_worksheet(), table, name)?;
    }
    about_sheet(book.add_worksheet(), tables, words)?;
    book.save_to_buffer()
}

fn table_sheet(sheet: &mut Worksheet, table: &Table, name: &str) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    sheet.set_name(name)?;
    for (c, column) in (0u16..).zip(table.columns) {
        sheet.write_string_with_format(0, c, column.name, &bold)?;
        sheet.set_column_width(c, width(column.name))?;
    }
    for (r, row) in (1u32..).zip(&table.rows) {
        for (c, cell) in (0u16..).zip(row) {
            match cell {
                Cell::Text(t) => sheet.write_string(r, c, t)?,
                Cell::Number(n) => sheet.write_number(r, c, *n)?,
                Cell::Empty => sheet,
            };
        }
    }
    let last_row = u32::try_from(table.rows.len()).unwrap_or(u32::MAX);
    let last_column = u16::try_from(table.columns.len().saturating_sub(1)).unwrap_or(0);
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, last_row, last_column)?;
    Ok(())
}

/// Who publishes the tables and under which licence, then for each table
/// what it is and what each of its columns holds.
fn about_sheet(
    sheet: &mut Worksheet,
    tables: &[(&Table, Json)],
    words: &WorkbookWords,
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    sheet.set_name(&words.about_sheet)?;
    sheet.set_column_width(0, 24)?;
    sheet.set_column_width(1, 100)?;
    let first = tables.first().map(|(_, m)| m).unwrap_or(&Json::Null);
    sheet.write_string_with_format(0, 0, &words.publisher, &bold)?;
    sheet.write_string(0, 1, text(first, "dc:publisher"))?;
    sheet.write_string_with_format(1, 0, &words.licence, &bold)?;
    match first.get("dc:license") {
        Some(licence) => {
            sheet.write_string(1, 1, text(licence, "dc:title"))?;
            sheet.write_string(2, 1, text(licence, "@id"))?;
        }
        None => {
            sheet.write_string(1, 1, &words.no_licence)?;
        }
    }
    let mut r = 4u32;
    for (_, metadata) in tables {
        sheet.write_string_with_format(r, 0, text(metadata, "dc:title"), &bold)?;
        sheet.write_string(r + 1, 0, text(metadata, "dc:description"))?;
        sheet.write_string_with_format(r + 2, 0, &words.column, &bold)?;
        sheet.write_string_with_format(r + 2, 1, &words.meaning, &bold)?;
        r += 3;
        let columns = metadata
            .pointer("/tableSchema/columns")
            .and_then(Json::as_array)
            .into_iter()
            .flatten();
        for column in columns {
            sheet.write_string(r, 0, text(column, "name"))?;
            sheet.write_string(r, 1, text(column, "dc:description"))?;
            r += 1;
        }
        r += 1;
    }
    Ok(())
}

/// A text property of the metadata, or nothing.
fn text<'a>(value: &'a Json, key: &str) -> &'a str {
    value.get(key).and_then(Json::as_str).unwrap_or_default()
}

/// A column wide enough for its name and for most values under it.
fn width(name: &str) -> f64 {
    match name {
        "measure" | "source" | "note" | "page" | "csv" => 48.0,
        _ => (name.len() as f64 + 2.0).max(12.0),
    }
}
