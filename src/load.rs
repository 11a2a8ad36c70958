//! Stage 1: read `content/` into the content model.
//!
//! Every file is read and parsed even when an earlier one failed, so that an
//! editor sees all the problems of a build at once.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde_saphyr::{Error as YamlError, Location};

use crate::diagnostic::{Problem, Problems, csv_column};
use crate::model::{
    Calendar, Citation, Content, Measure, MeasureMeta, Observation, PeriodError, Plan, ProgressLog,
    Section, SectionHeader, Site, SourceFile, Spanned, Strategy, StrategyMeta, Vocabulary, When,
    limits,
};
use crate::support::is_editor_litter;
use crate::support::suggest::did_you_mean;

pub mod locale;
mod progress;
mod source;
mod table;
mod vocabulary;

use source::read_source;
pub use source::source_text;

/// Reads the content folder under `root`. Paths in problems are relative to `root`.
pub fn load(root: &Path) -> Result<Content, Problems> {
    let mut problems = Problems::default();
    if !root.join("content/site.yaml").exists() {
        problems.push(
            Problem::file(Path::new("content/site.yaml"), format!("there is no content/site.yaml in {}", root.display()))
                .help("run planpress in the project folder, or give it with `--root DIR` (the folder holding content/site.yaml)"),
        );
        return Err(problems);
    }
    let site_file = read_source(root, Path::new("content/site.yaml"), &mut problems);
    let site = site_file
        .as_ref()
        .and_then(|f| parse_yaml(f, 0, &mut problems));

    let (vocabulary, vocabulary_file) = vocabulary::load(root, &mut problems);
    let terms = Terms {
        vocabulary: &vocabulary,
        calendar: site
            .as_ref()
            .map(|s: &Site| s.financial_year_starts)
            .unwrap_or_default(),
    };
    let strategies_dir = root.join("content/strategies");
    let mut strategies = Vec::new();
    match sorted_entries(&strategies_dir) {
        Ok(dirs) => {
            // Documents are read and parsed in parallel, kept in folder order.
            let loaded: Vec<(Option<Strategy>, Problems)> = dirs
                .par_iter()
                .filter(|d| d.is_dir())
                .map(|dir| {
                    let mut found = Problems::default();
                    (load_strategy(root, dir, terms, &mut found), found)
                })
                .collect();
            for (strategy, found) in loaded {
                problems.extend(found);
                strategies.extend(strategy);
            }
        }
        Err(e) => problems.push(
            Problem::file(
                Path::new("content/strategies"),
                format!("cannot read the folder: {e}"),
            )
            .help("create `content/strategies/` with one folder per document"),
        ),
    }

    let (topics, topics_file) = optional_list(root, "content/topics.yaml", &mut problems);
    let (records, records_file) = optional_list(root, "content/records.yaml", &mut problems);
    let (synonyms, synonyms_file) = optional_list(root, "content/synonyms.yaml", &mut problems);

    problems.sort();
    match (site, site_file) {
        (Some(site), Some(site_file)) if problems.errors() == 0 => Ok(Content {
            site,
            site_file,
            strategies,
            topics,
            topics_file,
            records,
            records_file,
            synonyms,
            synonyms_file,
            vocabulary,
            vocabulary_file,
        }),
        _ => Err(problems),
    }
}

/// A site-wide list that a site may leave out (`topics.yaml`, `records.yaml`,
/// `synonyms.yaml`).
fn optional_list<T: DeserializeOwned>(
    root: &Path,
    path: &str,
    problems: &mut Problems,
) -> (Vec<T>, Option<SourceFile>) {
    let path = Path::new(path);
    if !root.join(path).exists() {
        return (Vec::new(), None);
    }
    let file = read_source(root, path, problems);
    let list: Option<Vec<T>> = file.as_ref().and_then(|f| parse_yaml(f, 0, problems));
    (list.unwrap_or_default(), file)
}

/// What reading a document needs of the site's settings: its units and
/// kinds, and when its financial year starts.
#[derive(Clone, Copy)]
pub struct Terms<'a> {
    pub vocabulary: &'a Vocabulary,
    pub calendar: Calendar,
}

impl<'a> Terms<'a> {
    pub fn of(content: &'a Content) -> Terms<'a> {
        Terms {
            vocabulary: &content.vocabulary,
            calendar: content.site.financial_year_starts,
        }
    }
}

/// Reads one document's folder, `dir` (under `root`).
pub fn load_strategy(
    root: &Path,
    dir: &Path,
    terms: Terms,
    problems: &mut Problems,
) -> Option<Strategy> {
    let slug = dir.file_name()?.to_string_lossy().into_owned();
    let rel = dir.strip_prefix(root).unwrap_or(dir).to_path_buf();
    if !is_slug(&slug) {
        problems.push(
            Problem::file(&rel, format!("the folder name `{slug}` is not a slug")).help(
                "use only lower-case letters, digits and hyphens, e.g. `corporate-plan-2024`",
            ),
        );
    }
    if !root.join(&rel).join("strategy.yaml").exists() {
        problems.push(
            Problem::file(
                &rel.join("strategy.yaml"),
                format!("the document folder `{slug}` has no strategy.yaml"),
            )
            .help("add strategy.yaml saying what the document is (`planpress new strategy SLUG` writes one), or remove the folder"),
        );
        return None;
    }
    let meta_file = read_source(root, &rel.join("strategy.yaml"), problems)?;
    let meta: Option<StrategyMeta> = parse_yaml(&meta_file, 0, problems);

    let plan_path = rel.join("plan.yaml");
    let (plan, plan_file) = if root.join(&plan_path).exists() {
        let file = read_source(root, &plan_path, problems);
        let plan: Option<Plan> = file.as_ref().and_then(|f| parse_yaml(f, 0, problems));
        (plan, file)
    } else {
        (None, None)
    };

    let mut sections = Vec::new();
    let sections_dir = dir.join("sections");
    if sections_dir.is_dir() {
        for path in sorted_entries(&sections_dir).unwrap_or_default() {
            let rel_path = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            if path.extension().is_some_and(|e| e == "md") {
                if let Some(s) = load_section(root, &rel_path, problems) {
                    sections.push(s);
                }
            } else if !is_editor_litter(&path) {
                problems.push(
                    Problem::file(&rel_path, "this file is not a Markdown section")
                        .help(
                            "sections are `NN-name.md` files; move other files out of `sections/`",
                        )
                        .warning(),
                );
            }
        }
    }

    let measures = load_measures(root, &dir.join("measures"), terms, problems);
    let progress_path = rel.join("progress.csv");
    let progress = if root.join(&progress_path).exists() {
        read_source(root, &progress_path, problems).map(|file| ProgressLog {
            entries: progress::read_progress(&file, problems),
            file,
        })
    } else {
        None
    };

    let meta = meta?;
    let kind = vocabulary::kind(terms.vocabulary, &meta.kind, &meta_file, problems)?;
    Some(Strategy {
        slug,
        kind,
        meta,
        meta_file,
        plan,
        plan_file,
        sections,
        measures,
        progress,
    })
}

/// `measures/ID.yaml` with its figures in `measures/ID.csv`.
fn load_measures(root: &Path, dir: &Path, terms: Terms, problems: &mut Problems) -> Vec<Measure> {
    let mut measures = Vec::new();
    if !dir.is_dir() {
        return measures;
    }
    let entries = sorted_entries(dir).unwrap_or_default();
    for path in &entries {
        let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
        match path.extension().and_then(|e| e.to_str()) {
            Some("yaml") => {
                let id = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if !is_slug(&id) {
                    problems.push(
                        Problem::file(&rel, format!("`{id}` (from the file name) is not a slug"))
                            .help("name measure files with lower-case letters, digits and hyphens"),
                    );
                    continue;
                }
                let Some(meta_file) = read_source(root, &rel, problems) else {
                    continue;
                };
                let meta: Option<MeasureMeta> = parse_yaml(&meta_file, 0, problems);
                let csv_rel = rel.with_extension("csv");
                let (observations, csv_file) = if root.join(&csv_rel).exists() {
                    match read_source(root, &csv_rel, problems) {
                        Some(f) => (read_observations(&f, problems), f),
                        None => continue,
                    }
                } else {
                    (
                        Vec::new(),
                        SourceFile {
                            path: csv_rel,
                            text: Arc::from(""),
                        },
                    )
                };
                let unit = meta.as_ref().and_then(|m| {
                    vocabulary::unit(terms.vocabulary, &m.unit, &meta_file, problems)
                });
                if let (Some(meta), Some(unit)) = (meta, unit) {
                    measures.push(Measure {
                        id,
                        unit,
                        calendar: terms.calendar,
                        meta,
                        meta_file,
                        observations,
                        csv_file,
                    });
                }
            }
            Some("csv") => {
                if !path.with_extension("yaml").exists() {
                    problems.push(Problem::file(&rel, "these figures have no measure").help(
                        "add a `.yaml` file of the same name saying what the figures measure",
                    ));
                }
            }
            _ if is_editor_litter(path) => {}
            _ => problems.push(
                Problem::file(&rel, "this file is not a measure")
                    .help("`measures/` holds `ID.yaml` and `ID.csv` files only")
                    .warning(),
            ),
        }
    }
    measures
}

/// Rows of `period,value,source,note`.
pub fn read_observations(file: &SourceFile, problems: &mut Problems) -> Vec<Observation> {
    let records = table::records(
        file,
        &["period", "value", "source", "note"],
        (
            "figures, the most one measure may have",
            "a measure's file holds the figures its charts and tables show; split a long series into measures, or keep only the periods published",
        ),
        problems,
    );
    let mut rows = Vec::new();
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| record_line(file, p));
                problems.push(
                    Problem::at(file, line, 1, format!("this row cannot be read: {e}"))
                        .help("each row has four fields, `period,value,source,note`; quote a note that holds a comma"),
                );
                continue;
            }
        };
        let line = record.position().map_or(0, |p| record_line(file, p));
        let column_of = |field: usize| csv_column(file, line, field);
        let period = match record[0].parse::<When>() {
            Ok(p) => Some(p),
            Err(e) => {
                problems.push(Problem::at(file, line, column_of(0), e.to_string()).help(e.help()));
                None
            }
        };
        let value = match record[1].parse::<f64>() {
            Ok(v) if v.is_finite() => Some(v),
            _ => {
                problems.push(
                    Problem::at(file, line, column_of(1), format!("`{}` is not a number", &record[1]))
                        .help("write the figure as a plain number, without %, £, m or commas: 74, 269, 2560"),
                );
                None
            }
        };
        let source = figure_source(&record[2]);
        if source.is_none() {
            problems.push(
                Problem::at(file, line, column_of(2), format!("`{}` is not a source", &record[2]))
                    .help("name the paragraph that publishes the figure, as `document#anchor`, or the address of a published record listed in content/records.yaml"),
            );
        }
        if let (Some(period), Some(value), Some(source)) = (period, value, source) {
            let note = Some(record[3].to_string()).filter(|n| !n.is_empty());
            rows.push(Observation {
                period,
                value,
                source,
                note,
                line,
            });
        }
    }
    rows
}

/// The line a CSV record is written on. The reader's own line number
/// counts blank lines before the record as its start, so it is found from
/// the record's first byte, past any blank lines.
/// A figure's source as a CSV gives it: `document#anchor`, or a record's
/// web address. Positions are the row's, kept by the observation.
fn figure_source(field: &str) -> Option<Citation> {
    let spanned = |v: &str| Spanned::new(v.to_string(), Location::UNKNOWN, Location::UNKNOWN);
    if field.starts_with("https://") || field.starts_with("http://") {
        return Some(Citation::Record {
            address: spanned(field),
        });
    }
    match field.split_once('#') {
        Some((d, a)) if is_slug(d) && is_slug(a) => Some(Citation::Paragraph {
            document: spanned(d),
            anchor: spanned(a),
        }),
        _ => None,
    }
}

fn record_line(file: &SourceFile, at: &csv::Position) -> usize {
    let start = (at.byte() as usize).min(file.text.len());
    let first = file.text[..start].matches('\n').count();
    let blank = file.text[start..]
        .lines()
        .take_while(|l| l.trim().is_empty())
        .count();
    first + blank + 1
}

fn load_section(root: &Path, rel: &Path, problems: &mut Problems) -> Option<Section> {
    let file = read_source(root, rel, problems)?;
    let stem = rel.file_stem()?.to_string_lossy().into_owned();
    let slug = match stem.split_once('-') {
        Some((n, rest)) if n.bytes().all(|b| b.is_ascii_digit()) && !n.is_empty() => rest,
        _ => {
            problems.push(
                Problem::file(
                    rel,
                    format!("the file name `{stem}.md` does not start with its number"),
                )
                .help("name sections `NN-name.md`, e.g. `01-foreword.md`, so their order is clear"),
            );
            return None;
        }
    };
    if !is_slug(slug) {
        problems.push(
            Problem::file(rel, format!("`{slug}` (from the file name) is not a slug"))
                .help("use only lower-case letters, digits and hyphens after the number"),
        );
    }
    let parsed = parse_section(&file, problems)?;
    Some(Section {
        slug: slug.to_string(),
        title: parsed.header.title,
        plan_follows: parsed.header.plan,
        body_start: file.text.len() - parsed.body.len(),
        body_line: parsed.body_line,
        anchors: parsed.anchors,
        file,
    })
}

/// A section file's header, parsed, and its Markdown body.
#[derive(Debug, Clone)]
pub struct ParsedSection {
    pub header: SectionHeader,
    pub body: String,
    /// Line of the file where `body` starts.
    pub body_line: usize,
    /// `{#anchor}` markers of the body, with their lines.
    pub anchors: Vec<(String, usize)>,
}

/// Splits a section file into its `---` header and its body, and parses the
/// header. Problems are reported at their line of `file`.
pub fn parse_section(file: &SourceFile, problems: &mut Problems) -> Option<ParsedSection> {
    let text = &file.text;
    let Some(rest) = text.strip_prefix("---\n") else {
        problems.push(
            Problem::at(file, 1, 1, "the section has no header")
                .help("start the file with a line `---`, then `title: ...`, then `---`"),
        );
        return None;
    };
    // The header ends at the first line holding only `---`.
    let end = if rest.starts_with("---\n") || rest == "---" {
        Some(0)
    } else {
        rest.find("\n---\n")
            .map(|i| i + 1)
            .or_else(|| rest.strip_suffix("\n---").map(|r| r.len() + 1))
    };
    let Some(end) = end else {
        problems.push(
            Problem::at(file, 1, 1, "the section header is not closed")
                .help("end the header with a line holding only `---`"),
        );
        return None;
    };
    let header_text = &rest[..end];
    let header_lines = header_text.lines().count();
    let header_file = SourceFile {
        path: file.path.clone(),
        text: Arc::from(header_text),
    };
    let header: SectionHeader = if header_text.trim().is_empty() {
        problems.push(
            Problem::at(file, 2, 1, "the section header is empty")
                .help("write the section's title between the `---` lines: `title: ...`"),
        );
        return None;
    } else {
        parse_yaml_offset(&header_file, file, 1, problems)?
    };
    let body_start = (4 + end + 4).min(text.len());
    let body = text[body_start..].to_string();
    let body_line = header_lines + 3;
    let anchors = scan_anchors(&body, body_line);
    Some(ParsedSection {
        header,
        body,
        body_line,
        anchors,
    })
}

/// Finds `{#anchor}` markers and the lines they stand on.
fn scan_anchors(body: &str, first_line: usize) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    for (i, line) in body.lines().enumerate() {
        let mut rest = line;
        while let Some(start) = rest.find("{#") {
            let after = &rest[start + 2..];
            match after.find('}') {
                Some(end) => {
                    found.push((after[..end].to_string(), first_line + i));
                    rest = &after[end + 1..];
                }
                None => break,
            }
        }
    }
    found
}

/// Parses a whole file as YAML into `T`; a problem names the line and the fix.
pub fn parse_yaml<T: DeserializeOwned>(
    file: &SourceFile,
    line_offset: usize,
    problems: &mut Problems,
) -> Option<T> {
    parse_yaml_offset(file, file, line_offset, problems)
}

/// Parses `part` (a piece of `file` starting `line_offset` lines in) as YAML.
fn parse_yaml_offset<T: DeserializeOwned>(
    part: &SourceFile,
    file: &SourceFile,
    line_offset: usize,
    problems: &mut Problems,
) -> Option<T> {
    // A `---` line after the first starts a second document; say so before
    // the first document's keys are found wanting.
    let mut seen_content = false;
    for (i, l) in part.text.lines().enumerate() {
        let t = l.trim_end();
        if t == "---" || t.starts_with("--- ") {
            if seen_content {
                problems.push(
                    Problem::at(file, i + 1 + line_offset, 1, "the file holds more than one YAML document")
                        .help("a line holding only `---` starts a new document: remove it, and keep one document a file"),
                );
                return None;
            }
        } else if !t.trim_start().is_empty() && !t.trim_start().starts_with('#') {
            seen_content = true;
        }
    }
    match serde_saphyr::from_str_with_options::<T>(&part.text, yaml_options()) {
        Ok(v) => Some(v),
        Err(e) => {
            problems.push(yaml_problem(&e, file, line_offset));
            None
        }
    }
}

/// The reader's limits: nesting bounded by [`limits::YAML_NESTING`], the
/// rest (aliases, sizes) as serde-saphyr sets them.
fn yaml_options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = limits::YAML_NESTING;
    budget.flow_nesting_limit = limits::YAML_NESTING;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options
}

/// The words of [`PeriodError`]'s messages, by which a YAML error is known
/// to be about a period.
const PERIOD_MESSAGES: [&str; 6] = [
    "is not a period",
    "a year like 2012/13",
    "could be read two ways",
    "no quarter",
    "quarter of a financial or of a calendar year",
    "is not a rolling period",
];

fn yaml_problem(e: &YamlError, file: &SourceFile, line_offset: usize) -> Problem {
    let (line, column) = e.location().map_or((1, 1), |l| {
        (l.line() as usize + line_offset, l.column() as usize)
    });
    let inner = original(e);
    let mut message = strip_location(&inner.to_string());
    let check = "check the YAML near this line: indentation, a missing `:`, or text with `: ` that needs quotes";
    let value = || scalar_at(file, line, column);
    let help = match inner {
        YamlError::SerdeUnknownField {
            field, expected, ..
        } => did_you_mean(field, expected.iter().copied())
            .unwrap_or_else(|| format!("the keys allowed here are: {}", expected.join(", "))),
        YamlError::SerdeUnknownVariant {
            variant, expected, ..
        } => did_you_mean(variant, expected.iter().copied())
            .unwrap_or_else(|| format!("write one of: {}", expected.join(", "))),
        YamlError::SerdeMissingField { field, .. } if column <= 1 => {
            // A key of the file's top level: the file as a whole lacks it.
            message = format!("missing field `{field}`: the file has no `{field}:`");
            let p = Problem::at(file, 1 + line_offset, 1, message)
                .help(format!("add `{field}:` (content/README.md says what it holds)"));
            return p;
        }
        YamlError::SerdeMissingField { field, .. } => {
            message = format!("missing field `{field}`: this part of the file has no `{field}:`");
            format!("add `{field}:` (content/README.md says what it holds)")
        }
        YamlError::DuplicateMappingKey { key, .. } => {
            message = match key {
                Some(k) => format!("the key `{k}` is written twice"),
                None => "a key is written twice".to_string(),
            };
            "keep one of them: the second would silently replace the first".to_string()
        }
        YamlError::MultipleDocuments { .. } => {
            message = "the file holds more than one YAML document".to_string();
            "a line holding only `---` starts a new document: remove it, and keep one document a file"
                .to_string()
        }
        YamlError::Eof { .. } if file.text.trim().is_empty() => {
            message = "the file is empty".to_string();
            "write its keys (content/README.md lists them), or delete the file".to_string()
        }
        YamlError::Budget { breach: serde_saphyr::budget::BudgetBreach::Depth { .. }, .. } => too_deep(&mut message),
        _ if message.contains("recursion limit exceeded") => too_deep(&mut message),
        YamlError::NullIntoString { .. } => {
            message = "a value is needed here, but none is written".to_string();
            "write the value after the `:`, or delete the line if the key is optional (content/README.md says which are)".to_string()
        }
        YamlError::ExternallyTaggedEnumExpectedScalarOrMapping { .. } => {
            message = format!("one word is expected here, not `{}`", value());
            "write one of the words this key takes, without `[ ]` or `{ }` (content/README.md lists them), e.g. `unit: percent`".to_string()
        }
        YamlError::Budget { .. } => {
            message = "the file is too large or too deeply nested to read (it may repeat YAML aliases `*name` many times)".to_string();
            "write the values out in full instead of with `&anchor` and `*alias`, and nest lists less deeply".to_string()
        }
        YamlError::InvalidScalar { ty, .. } => {
            let (what, fix) = match *ty {
                "boolean" => ("true or false", "write `true` or `false`"),
                t if t.contains("float") || t.contains("int") || t.starts_with('i') || t.starts_with('u') || t.starts_with('f') => {
                    ("a number", "write a plain number, without %, £ or commas: 70, 2.5")
                }
                _ => ("what this key takes", "see content/README.md for what this key takes"),
            };
            message = format!("`{}` is not {what}", value());
            fix.to_string()
        }
        YamlError::Unexpected { expected, .. } => {
            let (what, fix) = if expected.contains("sequence") {
                ("a list", "write a list: `[a, b]`, or one `- item` a line")
            } else if expected.contains("mapping") {
                ("`key: value` lines", "write `key: value` lines here, indented under the key")
            } else if expected.contains("scalar") {
                ("a single value", "write a single value here: text, a number or a date, not a list or mapping")
            } else {
                ("something else", check)
            };
            message = format!("{what} expected here, not `{}`", value());
            fix.to_string()
        }
        YamlError::Message { msg, .. } if msg.contains("is not a date") || msg.contains("is not a real date") => {
            "write dates as \"YYYY-MM-DD\", \"YYYY-MM\" or \"YYYY\", in quotes: \"2011-07\"; a target's period may also be a financial year, \"2012/13\"".to_string()
        }
        YamlError::Message { msg, .. } if PERIOD_MESSAGES.iter().any(|m| msg.contains(m)) => {
            // A target's or baseline's period: the period parser says how to write it.
            value().parse::<When>().err().map_or_else(|| PeriodError::Shape(String::new()).help(), |e| e.help())
        }
        YamlError::Message { msg, .. } if msg.contains("is not a month of the year") => {
            "`financial_year_starts` is the number of the month the financial year starts in: 4 for April, 1 for January".to_string()
        }
        YamlError::Message { msg, .. } if msg.contains("a number as published") => {
            "write the number as the document prints it, in quotes: `number: \"1\"` or `number: \"9a\"`".to_string()
        }
        _ if message.contains("tabs disallowed") => {
            "indent with spaces, not tabs".to_string()
        }
        _ if message.contains("mapping values are not allowed") => {
            message = "a `: ` inside a value".to_string();
            "put text holding `: ` in quotes, e.g. `title: \"Priority 1: Growth\"`".to_string()
        }
        _ if message.contains("simple key expected ':'") => {
            message = "a line that is not `key: value`: the `:` is missing".to_string();
            "write `key: value`, with `: ` after the key".to_string()
        }
        _ if message.contains("unclosed quote") || message.contains("quoted scalar") => {
            "close the quote: a value that starts with `\"` ends with `\"` on the same line".to_string()
        }
        _ if message.contains("flow mapping") => {
            "close the `{ ... }` with `}`, and separate its entries with commas".to_string()
        }
        _ if message.contains("flow sequence") => {
            "close the `[ ... ]` with `]`, and separate its entries with commas".to_string()
        }
        // The reader's own words for the rest name Rust types; an editor
        // is told what is wrong in theirs.
        _ if ["deserializ", "Option<", "enum", "struct", "tagged"].iter().any(|w| message.contains(w)) => {
            message = format!("`{}` is not what this key takes", value());
            format!("see content/README.md for what this key takes; {check}")
        }
        _ => check.to_string(),
    };
    Problem::at(file, line, column, message).help(help)
}

/// Nesting past [`limits::YAML_NESTING`], however the reader found it.
fn too_deep(message: &mut String) -> String {
    *message = format!(
        "the values here are nested more than {} levels deep, the most planpress reads",
        limits::YAML_NESTING
    );
    "nest lists and `key: value` blocks less deeply: no content file needs so many levels"
        .to_string()
}

/// The error under serde-saphyr's wrappers (snippets, alias positions).
fn original(mut e: &YamlError) -> &YamlError {
    loop {
        match e {
            YamlError::WithSnippet { error, .. } | YamlError::AliasError { error, .. } => e = error,
            other => return other,
        }
    }
}

/// The value written at a position, for messages: to the end of the line or
/// of a `{ ... }` entry.
fn scalar_at(file: &SourceFile, line: usize, column: usize) -> String {
    let text = file.text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let rest: String = text.chars().skip(column.saturating_sub(1)).collect();
    let end = rest.find([',', '}', '#']).unwrap_or(rest.len());
    let v = rest[..end].trim();
    let v = v.trim_matches(|c| c == '"' || c == '\'');
    let mut short: String = v.chars().take(40).collect();
    if v.chars().count() > 40 {
        short.push('…');
    }
    short
}

/// serde-saphyr appends "at line L column C"; the position is shown separately.
fn strip_location(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message);
    match first.rfind(" at line ") {
        Some(i) => first[..i].to_string(),
        None => first.to_string(),
    }
}

fn sorted_entries(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    entries.sort();
    Ok(entries)
}

/// `[a-z0-9-]`, not empty, no leading or trailing hyphen.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Projects made on the fly for the tests of later stages.
#[cfg(test)]
pub(crate) mod testing {
    use crate::model::Content;

    /// A project of documents known only by what others say (`held: false`,
    /// no sections), each `(slug, extra strategy.yaml lines)`, with `site`
    /// added to a `site.yaml` that has what it must, loaded.
    pub(crate) fn held_elsewhere(site: &str, docs: &[(&str, &str)]) -> Content {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/strategies")).unwrap();
        std::fs::write(
            root.join("content/site.yaml"),
            format!("name: S\norganisation: O\nlanguage: en-GB\nbase_url: https://example.org/\ncontact:\n  phone: \"1\"\naccessibility:\n  reviewed: \"2026\"\n  nation: england\n  compliance: partial\n{site}"),
        )
        .unwrap();
        for (slug, extra) in docs {
            let d = root.join("content/strategies").join(slug);
            std::fs::create_dir_all(&d).unwrap();
            std::fs::write(
                d.join("strategy.yaml"),
                format!("title: {slug}\nkind: strategy\nheld: false\nstatus:\n  state: published\n{extra}"),
            )
            .unwrap();
        }
        super::load(root).unwrap_or_else(|p| panic!("{:?}", p.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("bold-steps-for-kent"));
        assert!(is_slug("para-2-3-5"));
        assert!(!is_slug("Bold-Steps"));
        assert!(!is_slug("a_b"));
        assert!(!is_slug("-a"));
        assert!(!is_slug(""));
    }

    #[test]
    fn anchors_are_found_with_their_lines() {
        let body = "\n{#para-1-1} 1.1 Text\n\n## 2.2 Heading {#para-2-2}\n";
        assert_eq!(
            scan_anchors(body, 4),
            vec![("para-1-1".to_string(), 5), ("para-2-2".to_string(), 7)]
        );
    }

    fn file(text: &str) -> SourceFile {
        SourceFile {
            path: "content/x.yaml".into(),
            text: Arc::from(text),
        }
    }

    /// The problems of parsing `text` as `T`, as `position: message | help`.
    fn yaml_problems<T: DeserializeOwned>(text: &str) -> Vec<String> {
        let mut problems = Problems::default();
        let parsed: Option<T> = parse_yaml(&file(text), 0, &mut problems);
        assert_eq!(parsed.is_none(), problems.errors() > 0);
        problems
            .0
            .iter()
            .map(|p| {
                format!(
                    "{}: {} | {}",
                    p.position(),
                    p.message,
                    p.help.as_deref().unwrap_or("")
                )
            })
            .collect()
    }

    #[test]
    fn a_byte_order_mark_and_windows_line_endings_are_read_through() {
        let f = source_text(
            Path::new("a.csv"),
            "\u{feff}period,value\r\n2010,1\r\n".into(),
        )
        .unwrap();
        assert_eq!(&*f.text, "period,value\n2010,1\n");
    }

    #[test]
    fn bytes_that_are_not_utf8_are_shown_where_they_are() {
        let p =
            source_text(Path::new("a.yaml"), b"title: ok\nkind: caf\xe9\n".to_vec()).unwrap_err();
        assert_eq!(p.position(), "a.yaml:2:10");
        assert_eq!(p.message, "the file is not UTF-8 text");
        assert!(p.help.unwrap().contains("UTF-8"));
    }

    #[test]
    fn yaml_mistakes_are_explained_in_editors_words() {
        use crate::model::{SectionHeader, StrategyMeta};
        let found = yaml_problems::<SectionHeader>("title: a\ntitle: b\n");
        assert_eq!(
            found,
            [
                "content/x.yaml:2:1: the key `title` is written twice | keep one of them: the second would silently replace the first"
            ]
        );
        let found = yaml_problems::<SectionHeader>("title: a\n---\ntitle: b\n");
        assert!(
            found[0].starts_with("content/x.yaml:2:1: the file holds more than one YAML document"),
            "{found:?}"
        );
        let found = yaml_problems::<SectionHeader>("title: a\nplan: perhaps\n");
        assert_eq!(
            found,
            ["content/x.yaml:2:7: `perhaps` is not true or false | write `true` or `false`"]
        );
        let found = yaml_problems::<SectionHeader>("");
        assert!(found[0].contains("the file is empty"), "{found:?}");
        let found = yaml_problems::<SectionHeader>("plan: true\n");
        assert!(
            found[0].starts_with("content/x.yaml:1:1: missing field `title`"),
            "{found:?}"
        );
        let found = yaml_problems::<SectionHeader>("title: Priority 1: Growth\n");
        assert!(
            found[0].contains("put text holding `: ` in quotes"),
            "{found:?}"
        );
        let found = yaml_problems::<StrategyMeta>(
            "title: t\nkind: strategy\nstatus: { state: current }\npublished: \"2011-7\"\n",
        );
        assert!(
            found[0].contains("`2011-7` is not a date") && found[0].contains("\"YYYY-MM-DD\""),
            "{found:?}"
        );
    }

    #[test]
    fn section_headers_are_split_from_their_bodies() {
        let f = |t: &str| SourceFile {
            path: "s.md".into(),
            text: Arc::from(t),
        };
        let mut problems = Problems::default();
        let s = parse_section(&f("---\ntitle: A\n---\n\n{#p-1} Text\n"), &mut problems).unwrap();
        assert_eq!(
            (s.header.title.as_str(), s.body.as_str(), s.body_line),
            ("A", "\n{#p-1} Text\n", 4)
        );
        assert_eq!(s.anchors, vec![("p-1".to_string(), 5)]);
        let s = parse_section(&f("---\ntitle: A\n---"), &mut problems).unwrap();
        assert_eq!(s.body, "");
        assert_eq!(problems.errors(), 0);
        for (text, why) in [
            ("title: A\n", "the section has no header"),
            ("---\ntitle: A\n", "the section header is not closed"),
            ("---\n---\nText\n", "the section header is empty"),
        ] {
            let mut problems = Problems::default();
            assert!(parse_section(&f(text), &mut problems).is_none());
            assert_eq!(problems.0[0].message, why);
        }
    }
}
