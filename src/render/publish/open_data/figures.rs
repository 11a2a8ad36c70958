//! The figures as tables: one tidy table of every figure of the site
//! (`data/figures.csv`, a row a figure), one of every measure
//! (`data/measures.csv`, those without figures too) and each measure's own
//! figures, with the columns their CSV on the Web metadata describes. The
//! CSV files, the metadata and the workbook are all written from these
//! tables.

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{Value as Json, json};

use super::vocabulary::{Better, Standing};
use super::{PERIOD_PATTERN, SLUG_PATTERN};
use crate::document::layout::paths;
use crate::document::views::{Urls, anchor_path};
use crate::model::{self, Content, Strategy, Vocabulary};
use crate::resolve::Resolved;
use crate::support::escape::spreadsheet_text;

/// Every figure of the site, as one table.
pub const FIGURES_CSV: &str = "data/figures.csv";
/// Every measure of the site, as one table.
pub const MEASURES_CSV: &str = "data/measures.csv";

/// What a column holds, as CSV on the Web names its datatype.
#[derive(Clone, Copy)]
enum Kind {
    /// A document's slug or an id within it.
    Slug,
    Text,
    /// A period as the content writes it: `2019`, `2019-03`, `2012/13`,
    /// `Q2 2024/25`, `12 months to 2024-03`, `not stated`.
    Period,
    Number,
    /// A full web address.
    Address,
    /// One name of a closed list of the open data's vocabulary.
    Name(fn() -> Vec<String>),
    /// The key of one of the site's units.
    Unit,
}

impl Kind {
    fn datatype(self, vocabulary: &Vocabulary) -> Json {
        match self {
            Kind::Slug => json!({ "base": "string", "format": SLUG_PATTERN }),
            Kind::Text => json!("string"),
            Kind::Period => json!({ "base": "string", "format": PERIOD_PATTERN }),
            Kind::Number => json!("number"),
            Kind::Address => json!("anyURI"),
            Kind::Name(names) => one_of(&names()),
            Kind::Unit => one_of(&vocabulary.units().map(|u| u.key()).collect::<Vec<_>>()),
        }
    }
}

/// A string that is one of `names`.
fn one_of(names: &[impl AsRef<str>]) -> Json {
    let names: Vec<&str> = names.iter().map(AsRef::as_ref).collect();
    json!({ "base": "string", "format": format!("^({})$", names.join("|")) })
}

/// A column of a table: its name (the CSV's header), what it holds, and
/// whether every row has a value in it.
#[derive(Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    kind: Kind,
    pub required: bool,
}

const fn column(name: &'static str, kind: Kind, required: bool) -> Column {
    Column {
        name,
        kind,
        required,
    }
}

/// The tidy table's columns, in order. Their descriptions are the theme's
/// (`templates/csv-metadata.json`).
const FIGURES: [Column; 13] = [
    column("document", Kind::Slug, true),
    column("measure_id", Kind::Slug, true),
    column("measure", Kind::Text, true),
    column("unit", Kind::Unit, true),
    column("better", Kind::Name(names::<Better>), true),
    column("period", Kind::Period, true),
    column("value", Kind::Number, true),
    column("target", Kind::Number, false),
    column("target_period", Kind::Period, false),
    column("status", Kind::Name(names::<Standing>), false),
    column("source", Kind::Address, true),
    column("note", Kind::Text, false),
    column("comparator", Kind::Text, false),
];

/// The table of measures' columns, in order.
const MEASURES: [Column; 13] = [
    column("document", Kind::Slug, true),
    column("measure_id", Kind::Slug, true),
    column("measure", Kind::Text, true),
    column("unit", Kind::Unit, true),
    column("better", Kind::Name(names::<Better>), true),
    column("target", Kind::Number, false),
    column("target_period", Kind::Period, false),
    column("status", Kind::Name(names::<Standing>), true),
    column("figures", Kind::Number, true),
    column("latest_period", Kind::Period, false),
    column("latest_value", Kind::Number, false),
    column("page", Kind::Address, true),
    column("csv", Kind::Address, false),
];

/// A measure's own table: its figures, the rest being the measure's.
const MEASURE: [Column; 4] = [
    column("period", Kind::Period, true),
    column("value", Kind::Number, true),
    column("source", Kind::Address, true),
    column("note", Kind::Text, false),
];

/// The own table of a measure with comparators: their figures follow its own.
const COMPARED: [Column; 5] = [
    MEASURE[0],
    MEASURE[1],
    MEASURE[2],
    MEASURE[3],
    column("comparator", Kind::Text, false),
];

/// The names a closed list of the vocabulary publishes, from its schema.
fn names<T: JsonSchema>() -> Vec<String> {
    let schema = schemars::schema_for!(T);
    // A list whose values are documented comes as `oneOf`, one `const` (or
    // `enum`) a value; one without, as a bare `enum`.
    let listed = |s: &Json| -> Vec<String> {
        let values = s
            .get("enum")
            .and_then(Json::as_array)
            .cloned()
            .unwrap_or_default();
        values
            .iter()
            .chain(s.get("const"))
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    };
    let one_of = schema.get("oneOf").and_then(Json::as_array);
    match one_of {
        Some(variants) => variants.iter().flat_map(listed).collect(),
        None => listed(schema.as_value()),
    }
}

/// One value of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

impl Cell {
    /// As a CSV field: numbers as written in the content (`68.5`, `2560`),
    /// text that a spreadsheet would run as a formula quoted as text.
    fn csv(&self) -> String {
        match self {
            Cell::Text(t) => spreadsheet_text(t).into_owned(),
            Cell::Number(n) => n.to_string(),
            Cell::Empty => String::new(),
        }
    }
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// A value of the vocabulary by its published name.
fn key(value: impl Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(Json::String(s)) => s,
        _ => unreachable!("the vocabulary's values are names"),
    }
}

fn name(value: impl Serialize) -> Cell {
    Cell::Text(key(value))
}

/// A table of figures, with where it is published.
pub struct Table {
    /// Relative to the site root.
    pub path: String,
    pub columns: &'static [Column],
    pub rows: Vec<Vec<Cell>>,
    pub about: About,
    /// The columns that tell one row from another.
    pub primary_key: &'static [&'static str],
}

/// What a table holds, for its metadata's words.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum About {
    /// Every figure of the site.
    Figures,
    /// Every measure of the site.
    Measures,
    /// One measure's figures.
    Measure(MeasureAbout),
}

/// What a measure's table is about, for its metadata.
#[derive(Serialize)]
pub struct MeasureAbout {
    pub title: String,
    pub document: String,
    /// By its open-data name.
    pub unit: String,
}

impl Table {
    /// The table as CSV: a header of the columns' names, then a line a row.
    pub fn csv(&self) -> Vec<u8> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let memory = "writing CSV to memory cannot fail";
        w.write_record(self.columns.iter().map(|c| c.name))
            .expect(memory);
        for row in &self.rows {
            w.write_record(row.iter().map(Cell::csv)).expect(memory);
        }
        w.into_inner().expect(memory)
    }

    /// The columns as the metadata template is given them; a unit is one
    /// of `vocabulary`'s.
    pub fn column_views(&self, vocabulary: &Vocabulary) -> Vec<Json> {
        self.columns
            .iter()
            .map(|c| json!({ "name": c.name, "datatype": c.kind.datatype(vocabulary), "required": c.required }))
            .collect()
    }
}

/// The figures of the site, made from the content.
#[derive(Clone, Copy)]
pub struct Figures<'a> {
    pub content: &'a Content,
    pub resolved: &'a Resolved,
    pub urls: &'a Urls,
}

impl<'a> Figures<'a> {
    fn rule(self) -> &'a model::Rule {
        &self.content.site.performance
    }

    /// Every figure of every measure, by document, measure and period.
    pub fn tidy(self) -> Table {
        let rows = self
            .content
            .strategies
            .iter()
            .flat_map(|s| s.measures.iter().map(move |m| (s, m)))
            .flat_map(|(s, m)| {
                // The measure's status, the same on each of its rows.
                let status = name(Standing::from(m.assess(self.rule()).standing));
                let own = m
                    .in_time_order()
                    .into_iter()
                    .map(move |o| self.tidy_row(s, m, o, status.clone()));
                // A comparator's figures are judged against nothing.
                own.chain(self.compared(m).map(move |row| {
                    let [period, value, source, _, comparator] = row;
                    let figure = [period, value, source, Cell::Empty];
                    self.figures_row(
                        s,
                        m,
                        figure,
                        [Cell::Empty, Cell::Empty, Cell::Empty],
                        comparator,
                    )
                }))
            })
            .collect();
        Table {
            path: FIGURES_CSV.to_string(),
            columns: &FIGURES,
            rows,
            about: About::Figures,
            primary_key: &["document", "measure_id", "comparator", "period"],
        }
    }

    /// Every measure, by document, in the order of the content.
    pub fn measures(self) -> Table {
        let rows = self
            .content
            .strategies
            .iter()
            .flat_map(|s| s.measures.iter().map(move |m| self.measure_row(s, m)))
            .collect();
        Table {
            path: MEASURES_CSV.to_string(),
            columns: &MEASURES,
            rows,
            about: About::Measures,
            primary_key: &["document", "measure_id"],
        }
    }

    /// The table of each measure of `s` that has figures: a measure with
    /// none has no file.
    pub fn of_document(self, s: &Strategy) -> Vec<Table> {
        s.measures
            .iter()
            .filter(|m| !m.observations.is_empty())
            .map(|m| {
                let compared = !m.meta.comparators.is_empty();
                let own = m.in_time_order().into_iter().map(|o| {
                    let mut row = self.figure_cells(o).to_vec();
                    if compared {
                        row.push(Cell::Empty);
                    }
                    row
                });
                Table {
                    path: paths::measure_csv(&s.slug, &m.id),
                    columns: if compared {
                        &COMPARED[..]
                    } else {
                        &MEASURE[..]
                    },
                    rows: own.chain(self.compared(m).map(Vec::from)).collect(),
                    about: About::Measure(MeasureAbout {
                        title: m.meta.title.clone(),
                        document: s.meta.title.clone(),
                        unit: m.unit.key().to_string(),
                    }),
                    primary_key: if compared {
                        &["comparator", "period"][..]
                    } else {
                        &["period"]
                    },
                }
            })
            .collect()
    }

    /// The figures of `m`'s comparators, each comparator's by period, in
    /// the order of [`COMPARED`]: period, value, source, no note, and the
    /// comparator's name.
    fn compared(self, m: &'a model::Measure) -> impl Iterator<Item = [Cell; 5]> + 'a {
        m.meta.comparators.iter().flat_map(move |c| {
            let source = self.address(&c.source);
            let mut figures: Vec<_> = c.figures.iter().collect();
            figures.sort_by_key(|f| f.period.value.sort_key(m.calendar));
            figures.into_iter().map(move |f| {
                [
                    text(f.period.value.to_string()),
                    Cell::Number(f.value.value),
                    source.clone(),
                    Cell::Empty,
                    text(&c.name.value),
                ]
            })
        })
    }

    /// The cells that say which measure a row of the tidy table is of.
    fn measure_cells(self, s: &Strategy, m: &model::Measure) -> [Cell; 5] {
        [
            text(&s.slug),
            text(&m.id),
            text(&m.meta.title),
            text(m.unit.key()),
            name(Better::from(m.meta.better)),
        ]
    }

    /// A row of the tidy table: figure `o` of measure `m` of `s`, in the
    /// order of [`FIGURES`].
    fn tidy_row(
        self,
        s: &Strategy,
        m: &model::Measure,
        o: &model::Observation,
        status: Cell,
    ) -> Vec<Cell> {
        let target = target_of(m, o);
        let judged = [
            target.map_or(Cell::Empty, |t| Cell::Number(t.value)),
            target
                .and_then(|t| t.period.as_ref())
                .map_or(Cell::Empty, |p| text(p.value.to_string())),
            status,
        ];
        self.figures_row(s, m, self.figure_cells(o), judged, Cell::Empty)
    }

    /// A row of the tidy table in the order of [`FIGURES`]: the measure's
    /// cells, then `figure` (period, value, source, note) with what it is
    /// `judged` by (target, its period, status), and the comparator's name.
    fn figures_row(
        self,
        s: &Strategy,
        m: &model::Measure,
        figure: [Cell; 4],
        judged: [Cell; 3],
        comparator: Cell,
    ) -> Vec<Cell> {
        let [document, id, title, unit, better] = self.measure_cells(s, m);
        let [period, value, source, note] = figure;
        let [target, target_period, status] = judged;
        vec![
            document,
            id,
            title,
            unit,
            better,
            period,
            value,
            target,
            target_period,
            status,
            source,
            note,
            comparator,
        ]
    }

    /// A row of the table of measures, in the order of [`MEASURES`].
    fn measure_row(self, s: &Strategy, m: &model::Measure) -> Vec<Cell> {
        let meta = &m.meta;
        let assessment = m.assess(self.rule());
        // The target the latest figure is judged against; with no figure, its first.
        let target = assessment.target.or_else(|| m.targets().next());
        let latest = m.latest();
        let address = |path: String| text(self.urls.absolute(&path));
        vec![
            text(&s.slug),
            text(&m.id),
            text(&meta.title),
            text(m.unit.key()),
            name(Better::from(meta.better)),
            target.map_or(Cell::Empty, |t| Cell::Number(t.value)),
            target
                .and_then(|t| t.period.as_ref())
                .map_or(Cell::Empty, |p| text(p.value.to_string())),
            name(Standing::from(assessment.standing)),
            Cell::Number(m.observations.len() as f64),
            latest.map_or(Cell::Empty, |o| text(o.period.to_string())),
            latest.map_or(Cell::Empty, |o| Cell::Number(o.value)),
            address(paths::measure(&s.slug, &m.id)),
            if m.observations.is_empty() {
                Cell::Empty
            } else {
                address(paths::measure_csv(&s.slug, &m.id))
            },
        ]
    }

    /// A figure's period, value, source address and note.
    fn figure_cells(self, o: &model::Observation) -> [Cell; 4] {
        let source = self.address(&o.source);
        [
            text(o.period.to_string()),
            Cell::Number(o.value),
            source,
            o.note.as_deref().map_or(Cell::Empty, text),
        ]
    }

    /// A source's full web address.
    fn address(self, c: &model::Citation) -> Cell {
        let source = match c {
            model::Citation::Paragraph { document, anchor } => anchor_path(
                self.resolved,
                &self.content.strategies,
                &document.value,
                &anchor.value,
            )
            .map(|p| self.urls.absolute(&p)),
            // A record's address is a full web address (checked on loading).
            model::Citation::Record { address } => Some(address.value.clone()),
        };
        source.map_or(Cell::Empty, text)
    }
}

/// The target figure `o` is judged against: the trajectory's for its period.
fn target_of<'m>(m: &'m model::Measure, o: &model::Observation) -> Option<&'m model::Target> {
    m.target_for(o).map(|(t, _)| t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_lists_are_named_as_the_open_data_names_them() {
        let mut standing = names::<Standing>();
        standing.sort();
        let mut expected = [
            "green",
            "amber",
            "red",
            "not-yet-due",
            "in-range",
            "out-of-range",
            "no-target",
            "no-figures",
            "not-calculable",
        ];
        expected.sort();
        assert_eq!(standing, expected);
    }

    #[test]
    fn cells_are_written_for_spreadsheets() {
        assert_eq!(Cell::Number(2560.0).csv(), "2560");
        assert_eq!(Cell::Number(68.5).csv(), "68.5");
        assert_eq!(text("=1+1").csv(), "'=1+1");
        assert_eq!(Cell::Empty.csv(), "");
    }
}
