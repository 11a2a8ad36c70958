//! `planpress import`: a performance team's workbook (XLSX or ODS) or CSV
//! file into the content files an editor would otherwise type: figures
//! into the measures' `ID.csv`, statuses of commitments and milestones
//! into the documents' `progress.csv`.
//!
//! Every sheet is read and every problem reported, each at its sheet and
//! cell; nothing is written unless there are none, and the content as it
//! would be is checked as `planpress check` checks it before anything is.

mod cells;
mod figures;
mod statuses;
mod table;
mod workbook;

use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::diagnostic::{Level, Problem, Problems};
use crate::model::anchors::{AnchorKey, AnchorMap, anchor_index};
use crate::model::{Content, Strategy, limits};
use crate::support::suggest::did_you_mean;
use crate::{BuildError, Project, load, pipeline, validate};

use table::{Column, Kind, Row, Table};
use workbook::At;

/// What the command line chose.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only this document's measures and plan are looked in.
    pub document: Option<String>,
    /// `document#anchor` for the rows that name no source.
    pub source: Option<String>,
}

/// Why an import stopped before writing anything.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The command line is wrong: no such file, document or anchor.
    #[error("{0}")]
    Usage(String),
    /// The content has errors already: they are fixed first.
    #[error("the content has {} error(s); fix them first (`planpress check` lists them)", .0.errors())]
    Content(Problems),
    /// The workbook's problems, every one of them.
    #[error("the workbook has {} error(s); nothing was imported", .0.errors())]
    Workbook(Problems),
}

/// A change the import makes to the content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Added {
        measure: String,
        period: String,
        value: String,
    },
    /// A published figure replaced by another: said loudly.
    Altered {
        measure: String,
        period: String,
        old: String,
        new: String,
    },
    Status {
        item: String,
        status: String,
        date: String,
    },
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::Added {
                measure,
                period,
                value,
            } => write!(f, "added: {measure} {period}: {value}"),
            Change::Altered {
                measure,
                period,
                old,
                new,
            } => write!(f, "altered: {measure} {period}: {old} → {new}"),
            Change::Status { item, status, date } => {
                write!(f, "status added: {item} {date}: {status}")
            }
        }
    }
}

/// A content file as the import leaves it.
#[derive(Debug, Clone)]
pub struct NewFile {
    /// Relative to the project root, as shown to editors.
    pub path: PathBuf,
    pub text: String,
}

/// What an import would do, found without writing anything.
#[derive(Debug)]
pub struct Import {
    pub changes: Vec<Change>,
    /// Rows already in the content as they are.
    pub unchanged: usize,
    pub files: Vec<NewFile>,
    pub warnings: Problems,
}

impl Import {
    pub fn count(&self, kind: fn(&Change) -> bool) -> usize {
        self.changes.iter().filter(|c| kind(c)).count()
    }

    /// Writes each file, atomically: to a temporary file beside it, then
    /// renamed over it, so that an interrupted import leaves each file
    /// whole, as it was or as it is meant to be.
    pub fn write(&self, root: &Path) -> io::Result<()> {
        for file in &self.files {
            write_atomically(&root.join(&file.path), &file.text)?;
        }
        Ok(())
    }
}

/// Reads the workbook at `file` against the content of the project at
/// `root`, and works out what importing it changes.
pub fn prepare(root: &Path, file: &Path, options: &Options) -> Result<Import, ImportError> {
    let prepared = pipeline::prepare(&Project::new(root)).map_err(|e| match e {
        BuildError::Content(p) => ImportError::Content(p),
        other => ImportError::Usage(other.to_string()),
    })?;
    let content = prepared.content;
    let scope = Scope::new(&content, options)?;
    let sheets = read(file)?;
    let mut problems = Problems::default();
    let mut changes = Vec::new();
    let mut unchanged = 0;
    let mut rows = 0;
    let mut figures = figures::Figures::new(&scope);
    let mut statuses = statuses::Statuses::new(&scope, root);
    for sheet in &sheets {
        let Some(table) = Table::of(sheet, &mut problems) else {
            continue;
        };
        for row in table.rows() {
            rows += 1;
            let held = match table.kind {
                Kind::Figures => figures.row(&row, &mut problems, &mut changes),
                Kind::Statuses => statuses.row(&row, &mut problems, &mut changes),
            };
            unchanged += usize::from(held);
        }
    }
    if rows == 0 && problems.errors() == 0 {
        problems.push(
            Problem::file(file, "there are no rows of figures or statuses here").help(
                "put a header row, then one figure or status a row: see \"Updating figures from a spreadsheet\" in content/README.md",
            ),
        );
    }
    let mut files = figures.files();
    files.extend(statuses.files());
    if problems.errors() == 0 {
        problems.extend(recheck(&content, &files));
    }
    if problems.errors() > 0 {
        return Err(ImportError::Workbook(problems));
    }
    Ok(Import {
        changes,
        unchanged,
        files,
        warnings: problems,
    })
}

fn read(file: &Path) -> Result<Vec<workbook::Sheet>, ImportError> {
    if !file.is_file() {
        return Err(ImportError::Usage(format!(
            "there is no file {}",
            file.display()
        )));
    }
    workbook::read(file).map_err(|e| match e {
        workbook::ReadError::Kind(_) => ImportError::Usage(e.to_string()),
        e => {
            let help = match e {
                workbook::ReadError::NotUtf8 => "save it as \"CSV UTF-8\"",
                _ => "save it again from the spreadsheet as .xlsx, .ods or CSV UTF-8",
            };
            ImportError::Workbook(Problems(vec![
                Problem::file(file, e.to_string()).help(help),
            ]))
        }
    })
}

/// The errors `planpress check` would find in the content with `files`
/// written: none, when the rows were checked as they were read; this is
/// the guarantee that the import never leaves content that does not build.
fn recheck(content: &Content, files: &[NewFile]) -> Problems {
    let mut problems = Problems::default();
    let mut after = content.clone();
    for file in files {
        if file.text.len() as u64 > limits::FILE_BYTES {
            problems.push(
                Problem::file(
                    &file.path,
                    format!(
                        "the file would be over {} bytes, the most a content file may hold",
                        limits::FILE_BYTES
                    ),
                )
                .help("import fewer figures, or shorter notes"),
            );
            continue;
        }
        let text = match load::source_text(&file.path, file.text.clone().into_bytes()) {
            Ok(text) => text,
            Err(p) => {
                problems.push(*p);
                continue;
            }
        };
        let measure = after
            .strategies
            .iter_mut()
            .flat_map(|s| &mut s.measures)
            .find(|m| m.csv_file.path == file.path);
        if let Some(m) = measure {
            m.observations = load::read_observations(&text, &mut problems);
            m.csv_file = text;
        }
    }
    problems.extend(validate::validate(&after));
    problems.extend(validate::links(&after, &anchor_index(&after.strategies)));
    problems.0.retain(|p| p.level == Level::Error);
    problems
}

/// Where rows may point: the content (or one document of it), its
/// anchors, and the source given for rows that name none.
pub struct Scope<'c> {
    content: &'c Content,
    only: Option<usize>,
    source: Option<String>,
    anchors: AnchorMap,
}

impl<'c> Scope<'c> {
    fn new(content: &'c Content, options: &Options) -> Result<Self, ImportError> {
        let slugs = || content.strategies.iter().map(|s| s.slug.as_str());
        let only = match &options.document {
            Some(slug) => Some(slugs().position(|s| s == slug).ok_or_else(|| {
                let near = did_you_mean(slug, slugs()).map_or(String::new(), |d| format!(": {d}"));
                ImportError::Usage(format!(
                    "--document {slug}: there is no document `{slug}`{near}"
                ))
            })?),
            None => None,
        };
        let scope = Scope {
            content,
            only,
            source: options.source.clone(),
            anchors: anchor_index(&content.strategies),
        };
        if let Some(source) = &scope.source {
            let at = |message: String| ImportError::Usage(format!("--source {source}: {message}"));
            let (d, a) = source
                .split_once('#')
                .filter(|(d, a)| load::is_slug(d) && load::is_slug(a))
                .ok_or_else(|| at("write it as `document#anchor`".to_string()))?;
            if let Some((message, help)) = scope.unknown_anchor(d, a) {
                return Err(at(format!("{message}: {help}")));
            }
        }
        Ok(scope)
    }

    fn documents(&self) -> impl Iterator<Item = (usize, &'c Strategy)> + '_ {
        self.content
            .strategies
            .iter()
            .enumerate()
            .filter(|(d, _)| self.only.is_none_or(|o| o == *d))
    }

    /// `in `slug``, when one document was chosen.
    fn within(&self) -> String {
        self.only.map_or(String::new(), |d| {
            format!(" in `{}`", self.content.strategies[d].slug)
        })
    }

    /// The measure a row names by its id or its title: (document, measure).
    fn measure(&self, name: &str, at: &At) -> Result<(usize, usize), Refused> {
        let measures = || {
            self.documents()
                .flat_map(|(d, s)| s.measures.iter().enumerate().map(move |(m, x)| ((d, m), x)))
        };
        let mut found: Vec<(usize, usize)> = measures()
            .filter(|(_, m)| m.id == name)
            .map(|(k, _)| k)
            .collect();
        if found.is_empty() {
            let title = tidy(name);
            found = measures()
                .filter(|(_, m)| tidy(&m.meta.title) == title)
                .map(|(k, _)| k)
                .collect();
        }
        match found[..] {
            [one] => Ok(one),
            [] => {
                let names: Vec<&str> = measures()
                    .flat_map(|(_, m)| [m.id.as_str(), m.meta.title.as_str()])
                    .collect();
                let help = did_you_mean(name, names).unwrap_or_else(|| {
                    "name a measure by its id (the name of its file in `measures/`, without `.yaml`) or by its title".to_string()
                });
                Err(Box::new(
                    problem(at, format!("there is no measure `{name}`{}", self.within()))
                        .help(help),
                ))
            }
            _ => Err(Box::new(self.ambiguous(
                at,
                name,
                "a measure",
                found.iter().map(|(d, _)| *d),
            ))),
        }
    }

    /// The document whose plan has the commitment, action or milestone
    /// `id`, and the id.
    fn item(&self, id: &str, at: &At) -> Result<(usize, String), Refused> {
        let ids = || {
            self.documents().flat_map(|(d, s)| {
                s.plan
                    .iter()
                    .flat_map(|p| &p.priorities)
                    .flat_map(move |p| {
                        let actions = p.commitments.iter().flat_map(|c| &c.actions);
                        p.commitments
                            .iter()
                            .map(|c| c.id.value.as_str())
                            .chain(p.milestones.iter().map(|m| m.id.value.as_str()))
                            .chain(actions.filter_map(|a| a.id.as_deref()))
                            .map(move |i| (d, i))
                    })
            })
        };
        let found: Vec<usize> = ids().filter(|(_, i)| *i == id).map(|(d, _)| d).collect();
        match found[..] {
            [one] => Ok((one, id.to_string())),
            [] => {
                let help = did_you_mean(id, ids().map(|(_, i)| i)).unwrap_or_else(|| {
                    "write the `id` of a commitment, action or milestone as `plan.yaml` has it"
                        .to_string()
                });
                Err(Box::new(
                    problem(
                        at,
                        format!(
                            "there is no commitment, action or milestone `{id}`{}",
                            self.within()
                        ),
                    )
                    .help(help),
                ))
            }
            _ => Err(Box::new(self.ambiguous(at, id, "an id", found.into_iter()))),
        }
    }

    fn ambiguous(
        &self,
        at: &At,
        name: &str,
        what: &str,
        docs: impl Iterator<Item = usize>,
    ) -> Problem {
        let mut slugs: Vec<String> = docs
            .map(|d| format!("`{}`", self.content.strategies[d].slug))
            .collect();
        slugs.dedup();
        let first = slugs[0].trim_matches('`').to_string();
        problem(
            at,
            format!(
                "`{name}` is {what} of more than one document: {}",
                slugs.join(" and ")
            ),
        )
        .help(format!(
            "choose the document with `--document`, e.g. `--document {first}`"
        ))
    }

    /// Why `document#anchor` names no place, if it names none: what is
    /// wrong and how to fix it.
    fn unknown_anchor(&self, document: &str, anchor: &str) -> Option<(String, String)> {
        if self.anchors.contains_key(&AnchorKey::new(document, anchor)) {
            return None;
        }
        if self.content.strategies.iter().any(|s| s.slug == document) {
            let anchors = self
                .anchors
                .keys()
                .filter(|k| k.document == document)
                .map(|k| k.anchor.as_str());
            let help = did_you_mean(anchor, anchors).unwrap_or_else(|| {
                format!("add `{{#{anchor}}}` to the paragraph of `{document}` that publishes it")
            });
            Some((format!("`{document}` has no anchor `{anchor}`"), help))
        } else {
            let slugs = self.content.strategies.iter().map(|s| s.slug.as_str());
            let help = did_you_mean(document, slugs)
                .unwrap_or_else(|| "name a folder under `content/strategies/`".to_string());
            Some((format!("there is no document `{document}`"), help))
        }
    }

    /// The row's source, `document#anchor` of a place that exists, or
    /// `--source` if it names none.
    fn source(&self, row: &Row, problems: &mut Problems) -> Option<String> {
        let cell = row.get(Column::Source);
        let written = cell.as_ref().and_then(|(c, _)| cells::text(c));
        let at = cell.map_or_else(|| row.at(), |(_, at)| at);
        let Some(text) = written else {
            if self.source.is_none() {
                problems.push(problem(&at, "the row has no source").help(
                    "add a `source` column giving, for each row, the paragraph that publishes it as `document#anchor`, or give one for all the rows with `--source document#anchor`",
                ));
            }
            return self.source.clone();
        };
        let (d, a) = cells::source(&text, &at)
            .map_err(|p| problems.push(*p))
            .ok()?;
        match self.unknown_anchor(&d, &a) {
            Some((message, help)) => {
                problems.push(problem(&at, message).help(help));
                None
            }
            None => Some(text),
        }
    }

    /// The row's note, empty if it has none.
    fn note(&self, row: &Row, problems: &mut Problems) -> Option<String> {
        let Some((cell, at)) = row.get(Column::Note) else {
            return Some(String::new());
        };
        match cells::text(cell) {
            Some(text) => cells::checked(text, &at)
                .map_err(|p| problems.push(*p))
                .ok(),
            None => Some(String::new()),
        }
    }
}

/// A title as compared: lower case, spacing tidied.
fn tidy(title: &str) -> String {
    title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A cell or name refused, with why: boxed, as a problem is large.
type Refused = Box<Problem>;

/// A problem at a cell: its position is `Sheet!C12`, shown where a
/// content problem shows `file:line:column`.
fn problem(at: &At, message: impl Into<String>) -> Problem {
    Problem::file(Path::new(&at.to_string()), message)
}

/// A CSV file's text: its header, then its rows.
fn csv_text<const N: usize>(
    header: [&str; N],
    rows: impl IntoIterator<Item = [String; N]>,
) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let written = writer
        .write_record(header)
        .and_then(|()| rows.into_iter().try_for_each(|r| writer.write_record(&r)));
    written.expect("a CSV row is written to memory");
    let bytes = writer.into_inner().expect("memory takes every byte");
    String::from_utf8(bytes).expect("rows of UTF-8 text")
}

fn write_atomically(path: &Path, text: &str) -> io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // A dot file: if it is ever left behind, the content reader passes it over.
    let temporary = path.with_file_name(format!(".{name}.import-{}", std::process::id()));
    let written = std::fs::File::create(&temporary).and_then(|mut f| {
        f.write_all(text.as_bytes())?;
        f.sync_all()
    });
    match written.and_then(|()| std::fs::rename(&temporary, path)) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = std::fs::remove_file(&temporary);
            Err(io::Error::new(
                e.kind(),
                format!("cannot write {}: {e}", path.display()),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_text_quotes_what_needs_it() {
        let text = csv_text(
            ["period", "value", "source", "note"],
            [[
                "2010".to_string(),
                "1".into(),
                "d#a".into(),
                "one, two".into(),
            ]],
        );
        assert_eq!(text, "period,value,source,note\n2010,1,d#a,\"one, two\"\n");
    }

    #[test]
    fn changes_are_said_as_the_summary_says_them() {
        let altered = Change::Altered {
            measure: "m".into(),
            period: "2012/13".into(),
            old: "74".into(),
            new: "75".into(),
        };
        assert_eq!(altered.to_string(), "altered: m 2012/13: 74 → 75");
        let at = At {
            sheet: std::sync::Arc::from("KPIs"),
            row: 11,
            column: 2,
        };
        assert_eq!(problem(&at, "x").position(), "KPIs!C12");
    }

    /// The last guard: figures that slipped past the checks of their
    /// cells would still be caught before anything is written.
    #[test]
    fn the_content_as_it_would_be_is_checked_as_check_does() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
        let content = load::load(&root).unwrap();
        let path =
            PathBuf::from("content/strategies/plan-review-2020/measures/homes-completed.csv");
        let good = NewFile {
            path: path.clone(),
            text: "period,value,source,note\n2019/20,210,plan-review-2020#para-2-1,\n".into(),
        };
        assert_eq!(recheck(&content, &[good]).0.len(), 0);
        let bad = NewFile {
            path,
            text: "period,value,source,note\n2019/20,210,plan-review-2020#para-9,\n2019/20,2.5,plan-review-2020#para-2-1,\n".into(),
        };
        let found: Vec<String> = recheck(&content, &[bad])
            .0
            .iter()
            .map(|p| format!("{}: {}", p.position(), p.message))
            .collect();
        assert_eq!(
            found,
            [
                "content/strategies/plan-review-2020/measures/homes-completed.csv:3:1: 2019/20 has two figures",
                "content/strategies/plan-review-2020/measures/homes-completed.csv:3:9: 2.5 does not fit the unit of this measure: a figure in `count` is a whole number, 0 or more",
                "content/strategies/plan-review-2020/measures/homes-completed.csv:2:13: `plan-review-2020` has no anchor `para-9`",
            ]
        );
    }

    #[test]
    fn titles_are_compared_forgiving_case_and_spacing() {
        assert_eq!(tidy("  New   homes Completed "), "new homes completed");
    }
}
