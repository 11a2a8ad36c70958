//! A cell's value as what its column holds: a period, a day, a figure in
//! a measure's unit, a source, a line of text. Each refusal says where
//! the cell is, what is wrong and how to write it.

use std::path::Path;

use super::workbook::{At, Cell, serial_day};
use super::{Refused, problem};
use crate::diagnostic::Problems;
use crate::load::{is_slug, source_text};
use crate::model::{PartialDate, Unit, When};

/// A period's help, as the content guide writes the forms.
const PERIODS: &str = "write the period as a year (2010), a month (2014-03), a day (2013-10-31), a financial or academic year (2012/13), a quarter (Q2 2024/25 of a financial year, 2024 Q3 of a calendar year), a rolling period (12 months to 2024-03) or not stated; a date cell is read as its day";

/// The cell's text, spacing tidied (line breaks in a cell become spaces);
/// `None` if it is empty. A number is written as it is stored.
pub fn text(cell: &Cell) -> Option<String> {
    let raw = match cell {
        Cell::Empty => return None,
        Cell::Text(t) => t.clone(),
        Cell::Number { value, .. } => value.to_string(),
        Cell::Date(d) => d.to_string(),
        Cell::Other(t) => t.clone(),
    };
    let tidy = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(tidy).filter(|t| !t.is_empty())
}

/// Text that content may hold: no invisible control characters, no
/// direction change left open, no word too long (the rules content files
/// are read by).
pub fn checked(text: String, at: &At) -> Result<String, Refused> {
    match source_text(Path::new(""), text.into_bytes()) {
        Ok(file) => Ok(file.text.to_string()),
        Err(p) => {
            let mut found = problem(at, p.message.clone());
            found.help = p.help.clone();
            Err(Box::new(found))
        }
    }
}

/// When a figure applies. A number from 1000 to 9999 is a year; another
/// number is an Excel serial date, read as its day.
pub fn period(cell: &Cell, at: &At) -> Result<When, Refused> {
    match cell {
        Cell::Date(d) => Ok(When::Date(*d)),
        Cell::Number { value, .. } if value.fract() == 0.0 && (1000.0..=9999.0).contains(value) => {
            Ok(When::Date(PartialDate {
                year: *value as i16,
                month: None,
                day: None,
            }))
        }
        Cell::Number { value, .. } => serial_day(*value)
            .map(When::Date)
            .ok_or_else(|| Box::new(problem(at, format!("{value} is not a period")).help(PERIODS))),
        Cell::Empty => Err(Box::new(problem(at, "the period is missing").help(PERIODS))),
        _ => {
            let t = text(cell).unwrap_or_default();
            t.parse().map_err(|e: crate::model::PeriodError| {
                let help = match e {
                    crate::model::PeriodError::Shape(_) => PERIODS.to_string(),
                    _ => e.help(),
                };
                Box::new(problem(at, e.to_string()).help(help))
            })
        }
    }
}

/// A status's day: `YYYY-MM-DD`, or a date cell.
pub fn day(cell: &Cell, at: &At) -> Result<PartialDate, Refused> {
    const HELP: &str = "write the day the status was reported as YYYY-MM-DD, e.g. 2021-06-30, or make the cell a date";
    let date = match cell {
        Cell::Date(d) => Ok(*d),
        Cell::Number { value, .. } => serial_day(*value)
            .ok_or_else(|| Box::new(problem(at, format!("{value} is not a date")))),
        Cell::Empty => Err(Box::new(problem(at, "the date is missing"))),
        _ => text(cell)
            .unwrap_or_default()
            .parse::<PartialDate>()
            .map_err(|e| Box::new(problem(at, e.to_string()))),
    }
    .map_err(|p| p.help(HELP))?;
    if date.day.is_none() {
        return Err(Box::new(
            problem(
                at,
                format!("{date} is not a day: a status is dated to the day"),
            )
            .help(HELP),
        ));
    }
    Ok(date)
}

/// A figure in `unit`: a number cell, or text such as `1,250` or, for a
/// percentage, `45%`. A cell formatted as a percentage holds 0.45 where
/// it shows 45%, and is read as it shows.
pub fn figure(cell: &Cell, at: &At, unit: &Unit, problems: &mut Problems) -> Option<f64> {
    let value = match cell {
        Cell::Number {
            value,
            percent: true,
        } => percentage(
            at,
            unit,
            hundredfold(*value),
            &format!("{}%", hundredfold(*value)),
        ),
        Cell::Number { value, .. } => Ok(*value),
        Cell::Empty => Err(Box::new(
            problem(at, "the figure is missing")
                .help("write the figure, or delete the row if none was published"),
        )),
        Cell::Date(_) => Err(Box::new(
            problem(at, "this is a date, not a figure").help("format the cell as a number"),
        )),
        _ => written(cell, at, unit),
    };
    let shown_as_percent = matches!(cell, Cell::Number { percent: true, .. })
        || text(cell).is_some_and(|t| t.ends_with('%'));
    if let Ok(v) = value {
        // 0.45 where 45% was meant: a percentage cell's value copied as a number.
        if unit.is_percentage() && v > 0.0 && v < 1.0 && !shown_as_percent {
            problems.push(
                problem(at, format!("{v} is read as {v}%"))
                    .help(format!(
                        "if the figure is {}%, write {}",
                        hundredfold(v),
                        hundredfold(v)
                    ))
                    .warning(),
            );
        }
    }
    let value = value.map_err(|p| problems.push(*p)).ok()?;
    match unit.rejects(value) {
        Some(why) => {
            problems.push(
                problem(
                    at,
                    format!("{value} does not fit the unit of this measure: {why}"),
                )
                .help("check the figure, and the measure named on its row"),
            );
            None
        }
        None => Some(value),
    }
}

/// A figure written as text: `1,250`, `75.1`, `45%`.
fn written(cell: &Cell, at: &At, unit: &Unit) -> Result<f64, Refused> {
    let t = text(cell).unwrap_or_default();
    let not_a_number = || {
        problem(at, format!("\"{t}\" is not a number"))
            .help("write the figure as a number: 74, 75.1, 2,560 (and 45% for a percentage); leave out £, m and words")
    };
    let (digits, percent) = match t.strip_suffix('%') {
        Some(d) => (d.trim_end(), true),
        None => (t.as_str(), false),
    };
    let value = plain_number(digits).ok_or_else(not_a_number)?;
    if percent {
        percentage(at, unit, value, &t)
    } else {
        Ok(value)
    }
}

/// A percentage is a figure only of a measure in per cent.
fn percentage(at: &At, unit: &Unit, value: f64, shown: &str) -> Result<f64, Refused> {
    if unit.is_percentage() {
        Ok(value)
    } else {
        Err(Box::new(problem(at, format!("\"{shown}\" is a percentage, but the unit of this measure is `{}`", unit.key()))
            .help("write the figure in the measure's unit, as a number; or check that the row names the right measure")))
    }
}

/// `v` × 100 as written in decimal: 0.451 → 45.1, not 45.099999….
fn hundredfold(v: f64) -> f64 {
    format!("{v}e2").parse().unwrap_or(v * 100.0)
}

/// `1250`, `1,250`, `-3.5`: digits with commas only between thousands.
fn plain_number(text: &str) -> Option<f64> {
    let (sign, rest) = text.strip_prefix('-').map_or(("", text), |r| ("-", r));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    let groups: Vec<&str> = int.split(',').collect();
    let grouped = groups.len() == 1
        || (matches!(groups[0].len(), 1..=3) && groups[1..].iter().all(|g| g.len() == 3));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !grouped || !groups.iter().all(|g| digits(g)) || frac.is_some_and(|f| !digits(f)) {
        return None;
    }
    let number = format!(
        "{sign}{}{}",
        groups.concat(),
        frac.map_or(String::new(), |f| format!(".{f}"))
    );
    number.parse().ok().filter(|v: &f64| v.is_finite())
}

/// `document#anchor`, as written (whether they exist is checked with the
/// content).
pub fn source(text: &str, at: &At) -> Result<(String, String), Refused> {
    match text.split_once('#') {
        Some((d, a)) if is_slug(d) && is_slug(a) => Ok((d.to_string(), a.to_string())),
        _ => Err(Box::new(problem(at, format!("\"{text}\" is not a source")).help(
            "name the paragraph that publishes it as `document#anchor`, e.g. `annual-report-2021#para-2-1`",
        ))),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn at() -> At {
        At {
            sheet: Arc::from("KPIs"),
            row: 11,
            column: 2,
        }
    }

    fn text_cell(t: &str) -> Cell {
        Cell::Text(t.to_string())
    }

    fn read(cell: Cell, unit: &Unit) -> Result<f64, String> {
        let mut problems = Problems::default();
        figure(&cell, &at(), unit, &mut problems).ok_or_else(|| {
            let p = &problems.0[0];
            format!("{}: {}", p.position(), p.message)
        })
    }

    #[test]
    fn figures_are_read_as_they_are_written() {
        assert_eq!(
            read(text_cell("1,250"), &Unit::built_in("count")),
            Ok(1250.0)
        );
        assert_eq!(
            read(text_cell(" 75.1 "), &Unit::built_in("percent")),
            Ok(75.1)
        );
        assert_eq!(read(text_cell("45%"), &Unit::built_in("percent")), Ok(45.0));
        assert_eq!(
            read(text_cell("45.5 %"), &Unit::built_in("percent")),
            Ok(45.5)
        );
        assert_eq!(
            read(
                Cell::Number {
                    value: 0.451,
                    percent: true
                },
                &Unit::built_in("percent")
            ),
            Ok(45.1)
        );
        assert_eq!(
            read(
                Cell::Number {
                    value: 269.0,
                    percent: false
                },
                &Unit::built_in("gbp-million")
            ),
            Ok(269.0)
        );
        assert_eq!(
            read(text_cell("-3.5"), &Unit::built_in("gbp-million")),
            Ok(-3.5)
        );
    }

    #[test]
    fn figures_that_are_not_numbers_of_the_unit_are_refused() {
        assert_eq!(
            read(text_cell("45%"), &Unit::built_in("count")),
            Err(
                "KPIs!C12: \"45%\" is a percentage, but the unit of this measure is `count`".into()
            )
        );
        assert_eq!(
            read(text_cell("£269m"), &Unit::built_in("gbp-million")),
            Err("KPIs!C12: \"£269m\" is not a number".into())
        );
        assert!(
            read(text_cell("1,25"), &Unit::built_in("count")).is_err(),
            "a decimal comma is not a thousands separator"
        );
        assert!(read(text_cell("12,5000"), &Unit::built_in("count")).is_err());
        assert!(read(text_cell("n/a"), &Unit::built_in("count")).is_err());
        assert!(read(Cell::Other("#DIV/0!".into()), &Unit::built_in("count")).is_err());
        assert!(
            read(text_cell("120%"), &Unit::built_in("percent"))
                .unwrap_err()
                .contains("between 0 and 100")
        );
        assert!(
            read(Cell::Empty, &Unit::built_in("count"))
                .unwrap_err()
                .contains("missing")
        );
    }

    #[test]
    fn a_fraction_on_a_percentage_is_read_as_written_with_a_warning() {
        let mut problems = Problems::default();
        let v = figure(
            &Cell::Number {
                value: 0.45,
                percent: false,
            },
            &at(),
            &Unit::built_in("percent"),
            &mut problems,
        );
        assert_eq!(v, Some(0.45));
        assert_eq!(problems.errors(), 0);
        assert_eq!(
            problems.0[0].help.as_deref(),
            Some("if the figure is 45%, write 45")
        );
    }

    #[test]
    fn periods_from_text_years_and_serial_dates() {
        let p = |c: Cell| {
            period(&c, &at())
                .map(|w| w.to_string())
                .map_err(|p| p.message)
        };
        assert_eq!(p(text_cell("2012/13")), Ok("2012/13".into()));
        assert_eq!(p(text_cell("2014-03")), Ok("2014-03".into()));
        assert_eq!(
            p(Cell::Number {
                value: 2010.0,
                percent: false
            }),
            Ok("2010".into())
        );
        assert_eq!(
            p(Cell::Number {
                value: 41729.0,
                percent: false
            }),
            Ok("2014-03-31".into())
        );
        assert!(p(text_cell("31/03/2014")).is_err());
        assert!(p(text_cell("2012/14")).is_err());
    }

    #[test]
    fn status_days_must_be_whole_dates() {
        let d = |c: Cell| day(&c, &at()).map(|d| d.to_string()).map_err(|p| p.message);
        assert_eq!(d(text_cell("2021-06-30")), Ok("2021-06-30".into()));
        assert_eq!(
            d(Cell::Number {
                value: 44377.0,
                percent: false
            }),
            Ok("2021-06-30".into())
        );
        assert!(d(text_cell("2021-06")).unwrap_err().contains("not a day"));
        assert!(d(text_cell("2021-02-30")).is_err());
    }

    #[test]
    fn text_is_tidied_and_held_to_the_content_rules() {
        assert_eq!(text(&text_cell("  two\nlines ")), Some("two lines".into()));
        assert_eq!(text(&text_cell("   ")), None);
        assert!(checked("a\u{7}b".into(), &at()).is_err());
        assert!(checked("as at March".into(), &at()).is_ok());
        assert_eq!(
            source("report#para-1", &at()).ok(),
            Some(("report".into(), "para-1".into()))
        );
        assert!(source("Report#para 1", &at()).is_err());
    }
}
