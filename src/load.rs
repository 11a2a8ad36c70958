//! Stage 1: read `content/` into the content model.
//!
//! Every file is read and parsed even when an earlier one failed, so that an
//! editor sees all the problems of a build at once.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde_saphyr::Error as YamlError;

use crate::diagnostic::{Problem, Problems, closest};
use crate::model::{
    Content, Measure, MeasureMeta, Observation, Plan, Section, SectionHeader, SourceFile, Strategy,
    StrategyMeta, Topic, When,
};

/// Reads the content folder under `root`. Paths in problems are relative to `root`.
pub fn load(root: &Path) -> Result<Content, Problems> {
    let mut problems = Problems::default();
    let site_file = read_source(root, Path::new("content/site.yaml"), &mut problems);
    let site = site_file
        .as_ref()
        .and_then(|f| parse_yaml(f, 0, &mut problems));

    let strategies_dir = root.join("content/strategies");
    let mut strategies = Vec::new();
    match sorted_entries(&strategies_dir) {
        Ok(dirs) => {
            for dir in dirs.into_iter().filter(|d| d.is_dir()) {
                if let Some(s) = load_strategy(root, &dir, &mut problems) {
                    strategies.push(s);
                }
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

    let topics_path = Path::new("content/topics.yaml");
    let (topics, topics_file) = if root.join(topics_path).exists() {
        let file = read_source(root, topics_path, &mut problems);
        let topics: Option<Vec<Topic>> =
            file.as_ref().and_then(|f| parse_yaml(f, 0, &mut problems));
        (topics.unwrap_or_default(), file)
    } else {
        (Vec::new(), None)
    };

    problems.sort();
    match (site, site_file) {
        (Some(site), Some(site_file)) if problems.errors() == 0 => Ok(Content {
            site,
            site_file,
            strategies,
            topics,
            topics_file,
        }),
        _ => Err(problems),
    }
}

fn load_strategy(root: &Path, dir: &Path, problems: &mut Problems) -> Option<Strategy> {
    let slug = dir.file_name()?.to_string_lossy().into_owned();
    let rel = dir.strip_prefix(root).unwrap_or(dir).to_path_buf();
    if !is_slug(&slug) {
        problems.push(
            Problem::file(&rel, format!("the folder name `{slug}` is not a slug")).help(
                "use only lower-case letters, digits and hyphens, e.g. `bold-steps-for-kent`",
            ),
        );
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

    let measures = load_measures(root, &dir.join("measures"), problems);

    Some(Strategy {
        slug,
        meta: meta?,
        meta_file,
        plan,
        plan_file,
        sections,
        measures,
    })
}

/// `measures/ID.yaml` with its figures in `measures/ID.csv`.
fn load_measures(root: &Path, dir: &Path, problems: &mut Problems) -> Vec<Measure> {
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
                if let Some(meta) = meta {
                    measures.push(Measure {
                        id,
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
fn read_observations(file: &SourceFile, problems: &mut Problems) -> Vec<Observation> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(file.text.as_bytes());
    let expected = ["period", "value", "source", "note"];
    match reader.headers() {
        Ok(h) if h.iter().eq(expected.iter().copied()) => {}
        Ok(h) => {
            problems.push(
                Problem::at(
                    file,
                    1,
                    1,
                    format!("the header is `{}`", h.iter().collect::<Vec<_>>().join(",")),
                )
                .help("the first line must be `period,value,source,note`"),
            );
            return Vec::new();
        }
        Err(e) => {
            problems.push(
                Problem::at(file, 1, 1, format!("the file is not CSV: {e}"))
                    .help("save it as comma-separated text"),
            );
            return Vec::new();
        }
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                problems.push(
                    Problem::at(file, line, 1, format!("this row cannot be read: {e}"))
                        .help("each row has four fields, `period,value,source,note`; quote a note that holds a comma"),
                );
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        let column_of = |field: usize| {
            let text = file.text.lines().nth(line.saturating_sub(1)).unwrap_or("");
            text.split(',')
                .take(field)
                .map(|f| f.chars().count() + 1)
                .sum::<usize>()
                + 1
        };
        let period = match record[0].parse::<When>() {
            Ok(p) => Some(p),
            Err(e) => {
                problems.push(
                    Problem::at(file, line, column_of(0), e.to_string())
                        .help("write the period as 2010, 2014-03, 2013-10-31 or 2012/13"),
                );
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
        let source = match record[2].split_once('#') {
            Some((d, a)) if is_slug(d) && is_slug(a) => Some((d.to_string(), a.to_string())),
            _ => {
                problems.push(
                    Problem::at(file, line, column_of(2), format!("`{}` is not a source", &record[2]))
                        .help("name the paragraph that publishes the figure, as `document#anchor`, e.g. `closing-down-bold-steps#para-2-3-1`"),
                );
                None
            }
        };
        if let (Some(period), Some(value), Some((document, anchor))) = (period, value, source) {
            let note = Some(record[3].to_string()).filter(|n| !n.is_empty());
            rows.push(Observation {
                period,
                value,
                document,
                anchor,
                note,
                line,
            });
        }
    }
    rows
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
    let text = file.text.clone();
    let Some(rest) = text.strip_prefix("---\n") else {
        problems.push(
            Problem::at(&file, 1, 1, "the section has no header")
                .help("start the file with `---`, a line `title: ...`, and `---`"),
        );
        return None;
    };
    let Some(end) = rest
        .find("\n---\n")
        .or_else(|| rest.strip_suffix("\n---").map(|r| r.len()))
    else {
        problems.push(
            Problem::at(&file, 1, 1, "the section header is not closed")
                .help("end the header with a line holding only `---`"),
        );
        return None;
    };
    let header_text = &rest[..end + 1];
    let header_lines = header_text.lines().count();
    let header_file = SourceFile {
        path: file.path.clone(),
        text: Arc::from(header_text),
    };
    let header: SectionHeader = parse_yaml_offset(&header_file, &file, 1, problems)?;
    let body_start = (4 + end + 5).min(text.len());
    let body = text[body_start..].to_string();
    let body_line = header_lines + 3;
    let anchors = scan_anchors(&body, body_line);
    Some(Section {
        slug: slug.to_string(),
        title: header.title,
        plan_follows: header.plan,
        body,
        body_line,
        anchors,
        file,
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

fn read_source(root: &Path, rel: &Path, problems: &mut Problems) -> Option<SourceFile> {
    let bytes = match fs::read(root.join(rel)) {
        Ok(b) => b,
        Err(e) => {
            problems.push(Problem::file(rel, format!("cannot read the file: {e}")).help(
                "check that the file exists and can be read; `planpress new strategy SLUG` writes a skeleton",
            ));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => Some(SourceFile {
            path: rel.to_path_buf(),
            text: Arc::from(text.replace("\r\n", "\n")),
        }),
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let column = valid.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
            let mut p = Problem::file(
                rel,
                format!("the file is not UTF-8 text (at line {line}, column {column})"),
            )
            .help("save the file as UTF-8 in your editor (\"Save with encoding\" → UTF-8)");
            p.line = line;
            p.column = column;
            problems.push(p);
            None
        }
    }
}

fn parse_yaml<T: DeserializeOwned>(
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
    match serde_saphyr::from_str::<T>(&part.text) {
        Ok(v) => Some(v),
        Err(e) => {
            problems.push(yaml_problem(&e, file, line_offset));
            None
        }
    }
}

fn yaml_problem(e: &YamlError, file: &SourceFile, line_offset: usize) -> Problem {
    let (line, column) = e.location().map_or((1, 1), |l| {
        (l.line() as usize + line_offset, l.column() as usize)
    });
    let inner = e.without_snippet();
    let message = strip_location(&inner.to_string());
    let help = match inner {
        YamlError::SerdeUnknownField {
            field, expected, ..
        } => Some(match closest(field, expected.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("the keys allowed here are: {}", expected.join(", ")),
        }),
        YamlError::SerdeUnknownVariant {
            variant, expected, ..
        } => Some(match closest(variant, expected.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("write one of: {}", expected.join(", ")),
        }),
        YamlError::SerdeMissingField { field, .. } => {
            Some(format!("add `{field}:` here (content/README.md says what it holds)"))
        }
        _ => Some(
            "check the YAML near this line: indentation, a missing `:`, or text with `: ` that needs quotes"
                .to_string(),
        ),
    };
    let mut p = Problem::at(file, line, column, message);
    p.help = help;
    p
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

/// Swap files, backups and vim's write probe are not content.
pub fn is_editor_litter(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name == "4913"
}

/// `[a-z0-9-]`, not empty, no leading or trailing hyphen.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
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
}
