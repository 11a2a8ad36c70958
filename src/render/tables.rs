//! The figures as files: each measure's CSV and the tidy CSV of every
//! figure, each with its CSV on the Web metadata (`X.csv-metadata.json`, the
//! name W3C's convention looks for beside `X.csv`), and the workbook.

use minijinja::value::Serde;
use minijinja::{Value, context};
use serde_json::Value as Json;

use super::{RenderError, Renderer};
use crate::diagnostic::{Problem, Problems};
use crate::model::Strategy;
use crate::render::publish::{self, Figures, Table, WorkbookWords};
use crate::theme::Theme;
use crate::write::Sink;

/// The theme's template of every table's metadata, and of the workbook's words.
const METADATA: &str = "csv-metadata.json";
const WORKBOOK: &str = "workbook.json";

impl Renderer<'_> {
    fn figures(&self) -> Figures<'_> {
        Figures {
            content: self.cx.content,
            resolved: self.cx.resolved,
            urls: self.urls,
        }
    }

    /// The CSV and metadata of each measure of `s` that has figures.
    pub(super) fn measure_tables(&self, s: &Strategy, sink: &dyn Sink) -> Result<(), RenderError> {
        for table in self.figures().of_document(s) {
            self.table(&table, sink)?;
        }
        Ok(())
    }

    /// The tidy CSV of every figure and the CSV of every measure, their
    /// metadata, and the workbook of both.
    pub(super) fn figure_tables(&self, sink: &dyn Sink) -> Result<(), RenderError> {
        let figures = self.figures().tidy();
        let measures = self.figures().measures();
        let described = [
            (&figures, self.table(&figures, sink)?),
            (&measures, self.table(&measures, sink)?),
        ];
        let words: WorkbookWords =
            serde_json::from_value(self.json_template(WORKBOOK, context! {})?)
                .map_err(|e| self.not_json(WORKBOOK, &e))?;
        let book = publish::workbook(&described, &words).map_err(|e| {
            theme_problem(
                self.theme,
                WORKBOOK,
                format!("the workbook cannot be made: {e}"),
            )
        })?;
        Ok(sink.put(publish::FIGURES_XLSX, book)?)
    }

    /// Writes `table` as CSV with its metadata; returns the metadata.
    fn table(&self, table: &Table, sink: &dyn Sink) -> Result<Json, RenderError> {
        let file = table.path.rsplit('/').next().unwrap_or(&table.path);
        let view = context! {
            url => file,
            about => Serde(&table.about),
            columns => Serde(table.column_views(&self.cx.content.vocabulary)),
            primary_key => Serde(table.primary_key),
        };
        let metadata = self.json_template(
            METADATA,
            context! {
                site => self.cx.site_value(),
                licence => Serde(&self.cx.content.site.licence),
                table => view,
            },
        )?;
        sink.put(&table.path, table.csv())?;
        let mut bytes = serde_json::to_vec_pretty(&metadata).expect("JSON read back is JSON");
        bytes.push(b'\n');
        sink.put(&format!("{}-metadata.json", table.path), bytes)?;
        Ok(metadata)
    }

    /// A JSON template of the theme, rendered and read back, so that a
    /// mistake in it fails the build rather than publishing broken JSON.
    fn json_template(&self, name: &str, context: Value) -> Result<Json, RenderError> {
        let text = self
            .env
            .get_template(name)
            .and_then(|t| t.render(context))
            .map_err(|e| {
                RenderError::Theme(Problems(vec![crate::theme::problem(self.theme, &e)]))
            })?;
        serde_json::from_str(&text).map_err(|e| self.not_json(name, &e))
    }

    fn not_json(&self, name: &str, e: &serde_json::Error) -> RenderError {
        theme_problem(
            self.theme,
            name,
            format!("template error: `{name}` does not give the JSON expected: {e}"),
        )
    }
}

fn theme_problem(theme: &Theme, name: &str, message: String) -> RenderError {
    let path = theme.describe(&format!("templates/{name}"));
    RenderError::Theme(Problems(vec![Problem::file(&path, message).help(
        "fix the template; `planpress theme eject` writes out the built-in one to compare",
    )]))
}
