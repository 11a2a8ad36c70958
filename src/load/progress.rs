//! A document's `progress.csv`: each status a report gave a commitment or
//! milestone, a row a change, `item,status,date,source,note`.

use crate::diagnostic::{Problem, Problems, csv_column};
use crate::model::{PartialDate, Progress, ProgressEntry, SourceFile};

use super::{is_slug, record_line};

const HEADER: [&str; 5] = ["item", "status", "date", "source", "note"];

/// The rows of `file`; a row with a problem is reported and left out.
pub fn read_progress(file: &SourceFile, problems: &mut Problems) -> Vec<ProgressEntry> {
    let records = super::table::records(
        file,
        &HEADER,
        (
            "rows, the most one document's progress may have",
            "keep the changes of status the reports give; a row for every week is more than a reader can follow",
        ),
        problems,
    );
    let mut entries = Vec::new();
    for record in records {
        match record {
            Ok(r) => entries.extend(entry(file, &r, problems)),
            Err(e) => {
                let line = e.position().map_or(0, |p| record_line(file, p));
                problems.push(
                    Problem::at(file, line, 1, format!("this row cannot be read: {e}"))
                        .help("each row has five fields, `item,status,date,source,note`; quote a note that holds a comma"),
                );
            }
        }
    }
    entries
}

fn entry(
    file: &SourceFile,
    r: &csv::StringRecord,
    problems: &mut Problems,
) -> Option<ProgressEntry> {
    let line = r.position().map_or(0, |p| record_line(file, p));
    let at = |field: usize, message: String, help: &str| {
        Problem::at(file, line, csv_column(file, line, field), message).help(help)
    };
    let mut ok = true;
    let mut fail = |p: Problem| {
        problems.push(p);
        ok = false;
    };
    let item = &r[0];
    if !is_slug(item) {
        fail(at(
            0,
            format!("`{item}` is not an id"),
            "write the `id` of a commitment or milestone of this document's plan.yaml",
        ));
    }
    let status = r[1].parse::<Progress>();
    if status.is_err() {
        let keys: Vec<&str> = Progress::ALL.iter().map(|p| p.key()).collect();
        fail(at(
            1,
            format!("`{}` is not a status", &r[1]),
            &format!("write one of: {}", keys.join(", ")),
        ));
    }
    let date = r[2].parse::<PartialDate>();
    if let Err(e) = &date {
        fail(at(
            2,
            e.to_string(),
            "write the date of the report as YYYY-MM-DD, or YYYY-MM",
        ));
    }
    let source = r[3]
        .split_once('#')
        .filter(|(d, a)| is_slug(d) && is_slug(a));
    if source.is_none() {
        fail(at(
            3,
            format!("`{}` is not a source", &r[3]),
            "name the paragraph that reports the status, as `document#anchor`",
        ));
    }
    let note = Some(r[4].to_string()).filter(|n| !n.is_empty());
    if status == Ok(Progress::NotBeingPursued) && note.is_none() {
        fail(at(
            4,
            "a commitment not being pursued needs its reason".to_string(),
            "write the reason the report gives in the `note`",
        ));
    }
    let (Ok(status), Ok(date), Some((document, anchor)), true) = (status, date, source, ok) else {
        return None;
    };
    Some(ProgressEntry {
        item: item.to_string(),
        status,
        date,
        document: document.to_string(),
        anchor: anchor.to_string(),
        note,
        line,
    })
}
