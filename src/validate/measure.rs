//! The checks of one measure: its figures fit its unit, one figure a
//! period, and something to show.

use std::collections::HashMap;

use super::{at, line_of};
use crate::diagnostic::{Problem, Problems, csv_column};
use crate::model::{
    Better, Comparator, MAX_COMPARATORS, Measure, Period, Spanned, When, limits, number,
};
use crate::support::dates;

/// A figure as a message quotes it: in full, or, past the limit, as
/// `1e308` rather than three hundred digits.
fn shown(v: f64) -> String {
    if v.abs() > limits::FIGURE_MAGNITUDE {
        format!("{v:e}")
    } else {
        number(v)
    }
}

pub(super) fn check_measure(m: &Measure, plan_period: Option<&Period>, problems: &mut Problems) {
    let unit = &m.unit;
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
    check_levels(m, problems);
    check_polarity(m, problems);
    check_comparators(m, problems);
    if let Some(p) = plan_period {
        check_after_the_plan(m, p, problems);
    }
    if m.observations.is_empty() && m.targets().next().is_none() {
        problems.push(
            Problem::file(&m.meta_file.path, "this measure has no figures and no target")
                .help("add its figures to the `.csv` beside it, one a line, with the paragraph that publishes each")
                .warning(),
        );
    }
}

/// The line of a target: its period's, or its `value:` line's.
fn target_line(m: &Measure, period: Option<&Spanned<When>>) -> usize {
    period.map_or_else(
        || line_of(&m.meta_file, "value:"),
        |p| p.referenced.line() as usize,
    )
}

/// Baseline, targets, floor, tolerance and range fit the unit, and each
/// floor is on the right side of its target.
fn check_levels(m: &Measure, problems: &mut Problems) {
    let meta = &m.meta;
    let unit = &m.unit;
    let file = &m.meta_file;
    if meta.target.is_some() && !meta.targets.is_empty() {
        problems.push(
            Problem::at(file, line_of(file, "targets:"), 1, "this measure has both `target` and `targets`")
                .help("write one target as `target:`, or several, each with its period, as a list under `targets:`"),
        );
    }
    let mut fits = |what: &str, v: f64, line: usize| {
        if let Some(why) = unit.rejects(v) {
            problems.push(
                Problem::at(
                    file,
                    line,
                    1,
                    format!("the {what} does not fit the unit: {why}"),
                )
                .help(format!("check the {what} or the unit")),
            );
        }
    };
    if let Some(b) = &meta.baseline {
        fits("baseline", b.value, b.period.referenced.line() as usize);
    }
    for t in m.targets() {
        fits("target", t.value, target_line(m, t.period.as_ref()));
    }
    if let Some(f) = &meta.floor {
        fits(
            "floor standard",
            f.value.value,
            f.value.referenced.line() as usize,
        );
    }
    if let Some(e) = &meta.expected {
        let line = e.low.referenced.line() as usize;
        fits("expected range", e.low.value, line);
        fits("expected range", e.high, line);
        if e.low.value > e.high {
            problems.push(
                at(
                    file,
                    &e.low,
                    format!(
                        "the expected range runs from {} down to {}",
                        number(e.low.value),
                        number(e.high)
                    ),
                )
                .help("write the lower end as `low` and the higher as `high`"),
            );
        }
    }
    if let Some(t) = &meta.tolerance
        && t.value.value < 0.0
    {
        problems.push(
            at(file, &t.value, "a tolerance cannot be negative")
                .help("write how far from each target a figure may be and still reach the floor standard, as a number 0 or more"),
        );
    }
    for t in m.targets() {
        let floor = t.floor.or(meta.floor.as_ref().map(|f| f.value.value));
        let Some(floor) = floor else { continue };
        let wrong = match meta.better {
            Better::Higher => floor > t.value,
            Better::Lower => floor < t.value,
            Better::Neither => false,
        };
        if wrong {
            let (side, better) = match meta.better {
                Better::Lower => ("below", "lower"),
                _ => ("above", "higher"),
            };
            let line = match (&t.floor, &meta.floor) {
                (None, Some(f)) => f.value.referenced.line() as usize,
                _ => target_line(m, t.period.as_ref()),
            };
            problems.push(
                Problem::at(
                    file,
                    line,
                    1,
                    format!(
                        "the floor standard, {}, is {side} the target, {}, of a measure where {better} is better",
                        unit.format(floor),
                        unit.format(t.value)
                    ),
                )
                .help(format!("a floor standard is the least a figure must reach, short of the target: check the two values, or `better: {}`", meta.better.key())),
            );
        }
    }
    let periods = meta
        .baseline
        .iter()
        .map(|b| &b.period)
        .chain(m.targets().filter_map(|t| t.period.as_ref()));
    for p in periods.filter(|p| !p.value.is_stated()) {
        problems.push(
            at(file, p, "a target or baseline needs the period it is for")
                .help("write the period as the source gives it, e.g. 2014/15 or 2015-03; leave a target's `period` out if the source gives none"),
        );
    }
}

/// A measure where neither higher nor lower is better has an expected range,
/// not targets; one with a direction has targets, not a range.
fn check_polarity(m: &Measure, problems: &mut Problems) {
    let meta = &m.meta;
    let file = &m.meta_file;
    let neither = meta.better == Better::Neither;
    if neither && (m.targets().next().is_some() || meta.floor.is_some() || meta.tolerance.is_some())
    {
        let key = ["target", "targets", "floor", "tolerance"]
            .into_iter()
            .find(|k| file.text.lines().any(|l| l.starts_with(&format!("{k}:"))))
            .unwrap_or("target");
        problems.push(
            Problem::at(file, line_of(file, &format!("{key}:")), 1, format!("a measure with `better: neither` has no `{key}`"))
                .help("give a context indicator the range its figures are expected in, as `expected: { low: ..., high: ... }`; or say which way is better with `better: higher` or `better: lower`"),
        );
    }
    if let Some(e) = &meta.expected
        && !neither
    {
        problems.push(
            at(file, &e.low, "an expected range is for a measure with `better: neither`")
                .help("judge this measure by a target and a floor standard; or, if it describes the context, write `better: neither`"),
        );
    }
}

/// No target is for a period that starts after the plan has ended. A plan
/// that ends before it starts is reported on its own, not at each target.
fn check_after_the_plan(m: &Measure, plan: &Period, problems: &mut Problems) {
    if plan.end.value < plan.start.value {
        return;
    }
    let end = plan.end.value.last_day();
    for t in m.targets() {
        let Some(p) = &t.period else { continue };
        let Some((first, _)) = m.span(p.value) else {
            continue;
        };
        if first > end {
            // Messages to editors are in English, as planpress's own are.
            let english = crate::theme::locale::Locale::builtin_reference();
            problems.push(
                at(
                    &m.meta_file,
                    p,
                    format!(
                        "this target is for {}, after the plan ends ({})",
                        dates::period(p.value, m.calendar, &english),
                        dates::long(plan.end.value, &english)
                    ),
                )
                .help("check the target's period, or the plan's `period: { end: ... }` in its strategy.yaml"),
            );
        }
    }
}

/// Each comparator has a name of its own and figures that fit the unit,
/// one a period, each for a period the measure has a figure for, so that
/// the chart and the table set them side by side.
fn check_comparators(m: &Measure, problems: &mut Problems) {
    let file = &m.meta_file;
    let own: Vec<When> = m.observations.iter().map(|o| o.period).collect();
    let mut names: HashMap<&str, usize> = HashMap::new();
    if let Some(extra) = m.meta.comparators.get(MAX_COMPARATORS) {
        problems.push(
            at(file, &extra.name, format!("this measure has more than {MAX_COMPARATORS} comparators"))
                .help(format!("a chart tells at most {MAX_COMPARATORS} series apart by line and marker besides the measure's own: keep those the source reports it with, e.g. England and the nearest neighbours' average")),
        );
    }
    for c in &m.meta.comparators {
        let name = c.name.value.trim();
        if name.is_empty() {
            problems.push(
                at(file, &c.name, "this comparator has no name")
                    .help("name the series as readers know it, e.g. `name: England`"),
            );
        }
        if let Some(first) = names.insert(name, c.name.referenced.line() as usize) {
            problems.push(
                at(file, &c.name, format!("two comparators are named `{name}`"))
                    .help(format!("the other is on line {first}; give each series its own name, or join their figures")),
            );
        }
        if c.figures.is_empty() {
            problems.push(
                at(file, &c.name, format!("the comparator `{name}` has no figures"))
                    .help("list its figures under `figures:`, as `- { period: \"2023/24\", value: 61.5 }`, or remove it"),
            );
        }
        check_comparator_figures(m, c, &own, problems);
    }
}

/// A comparator's figures: in the unit, for stated periods of the measure's
/// own figures, one a period.
fn check_comparator_figures(m: &Measure, c: &Comparator, own: &[When], problems: &mut Problems) {
    let file = &m.meta_file;
    let mut seen: HashMap<When, usize> = HashMap::new();
    for f in &c.figures {
        let line = f.period.referenced.line() as usize;
        if let Some(why) = m.unit.rejects(f.value.value) {
            problems.push(
                at(
                    file,
                    &f.value,
                    format!(
                        "{} does not fit the unit of this measure: {why}",
                        shown(f.value.value)
                    ),
                )
                .help("check the comparator's figure, or the measure's `unit`"),
            );
        }
        let period = f.period.value;
        if !period.is_stated() {
            problems.push(
                at(
                    file,
                    &f.period,
                    "a comparator's figure needs the period it is for",
                )
                .help("write the period as the source gives it, e.g. 2023/24 or Q2 2024/25"),
            );
            continue;
        }
        if let Some(first) = seen.insert(period, line) {
            problems.push(
                at(
                    file,
                    &f.period,
                    format!("{period} has two figures of `{}`", c.name.value),
                )
                .help(format!(
                    "the other is on line {first}; keep one figure a period"
                )),
            );
        } else if !own.contains(&period) {
            problems.push(
                at(file, &f.period, format!("the measure has no figure of its own for {period}"))
                    .help(format!("a comparator's figures are set beside the measure's, period by period: give its figures for the periods of {}, or leave this one out", m.csv_file.path.display())),
            );
        }
    }
}
