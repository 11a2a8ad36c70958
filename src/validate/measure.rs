//! The checks of one measure: its figures fit its unit, one figure a
//! period, and something to show.

use std::collections::HashMap;

use crate::diagnostic::{Problem, Problems, csv_column};
use crate::model::{Measure, limits, number};

/// A figure as a message quotes it: in full, or, past the limit, as
/// `1e308` rather than three hundred digits.
fn shown(v: f64) -> String {
    if v.abs() > limits::FIGURE_MAGNITUDE {
        format!("{v:e}")
    } else {
        number(v)
    }
}

pub(super) fn check_measure(m: &Measure, problems: &mut Problems) {
    let unit = m.meta.unit;
    let mut seen: HashMap<String, usize> = HashMap::new();
    for o in &m.observations {
        if let Some(why) = unit.rejects(o.value) {
            problems.push(
                Problem::at(
                    &m.csv_file,
                    o.line,
                    csv_column(&m.csv_file, o.line, 1),
                    format!(
                        "{} does not fit the unit of this measure: {why}",
                        shown(o.value)
                    ),
                )
                .help(format!(
                    "check the figure, or the `unit` in {}",
                    m.meta_file.path.display()
                )),
            );
        }
        if !o.period.is_stated() {
            if o.note.is_none() {
                problems.push(
                    Problem::at(&m.csv_file, o.line, 1, "a figure whose period is not stated has no note")
                        .help("quote in the note the words the source gives the figure with, e.g. `since 2010-11`, so that readers know what it covers"),
                );
            }
            continue;
        }
        if let Some(first) = seen.insert(o.period.to_string(), o.line) {
            problems.push(
                Problem::at(
                    &m.csv_file,
                    o.line,
                    1,
                    format!("{} has two figures", o.period),
                )
                .help(format!(
                    "the other is on line {first}; keep one figure a period"
                )),
            );
        }
    }
    if let Some(t) = &m.meta.target
        && let Some(why) = unit.rejects(t.value)
    {
        let line = m
            .meta_file
            .text
            .lines()
            .position(|l| l.trim_start().starts_with("value:"))
            .map_or(1, |i| i + 1);
        problems.push(
            Problem::at(
                &m.meta_file,
                line,
                1,
                format!("the target does not fit the unit: {why}"),
            )
            .help("check the target or the unit"),
        );
    }
    if m.meta.target.is_some() && m.meta.better == crate::model::Better::Neither {
        let line = m
            .meta_file
            .text
            .lines()
            .position(|l| l.starts_with("target:"))
            .map_or(1, |i| i + 1);
        problems.push(
            Problem::at(&m.meta_file, line, 1, "a measure where neither higher nor lower is better has a target")
                .help("say which way is better (`better: higher` or `better: lower`), or remove the target"),
        );
    }
    if m.observations.is_empty() && m.meta.target.is_none() {
        problems.push(
            Problem::file(&m.meta_file.path, "this measure has no figures and no target")
                .help("add its figures to the `.csv` beside it, one a line, with the paragraph that publishes each")
                .warning(),
        );
    }
}
