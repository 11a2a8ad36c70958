//! What the content's CSV files share: a fixed header, and at most
//! [`limits::FIGURES_PER_MEASURE`] rows, each at the line it is written on.

use crate::diagnostic::{Problem, Problems};
use crate::model::{SourceFile, limits};

use super::record_line;

/// The records of `file` after its header, which must be `header`; none,
/// and the problem reported, when it is not. Past the most rows allowed,
/// the first row beyond is reported (`rows` says what they are, `help` how
/// to keep within it) and the rest are not read.
pub(super) fn records(
    file: &SourceFile,
    header: &[&str],
    (rows, help): (&str, &str),
    problems: &mut Problems,
) -> Vec<Result<csv::StringRecord, csv::Error>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(file.text.as_bytes());
    let problem = match reader.headers() {
        Ok(h) if h.iter().eq(header.iter().copied()) => None,
        Ok(h) => Some(
            Problem::at(
                file,
                1,
                1,
                format!("the header is `{}`", h.iter().collect::<Vec<_>>().join(",")),
            )
            .help(format!("the first line must be `{}`", header.join(","))),
        ),
        Err(e) => Some(
            Problem::at(file, 1, 1, format!("the file is not CSV: {e}"))
                .help("save it as comma-separated text"),
        ),
    };
    if let Some(p) = problem {
        problems.push(p);
        return Vec::new();
    }
    let mut out = Vec::new();
    for (n, record) in reader.into_records().enumerate() {
        if n == limits::FIGURES_PER_MEASURE {
            let line = record
                .as_ref()
                .ok()
                .and_then(|r| r.position())
                .map_or(0, |p| record_line(file, p));
            problems.push(
                Problem::at(
                    file,
                    line,
                    1,
                    format!(
                        "the file holds more than {} {rows}",
                        limits::FIGURES_PER_MEASURE
                    ),
                )
                .help(help),
            );
            break;
        }
        out.push(record);
    }
    out
}
