//! The periods figures and targets belong to, as councils write them: a
//! year, month or day; a financial or academic year (`2012/13`); a quarter of
//! a financial year (`Q2 2024/25`) or of a calendar year (`2024 Q3`); a
//! rolling period (`12 months to 2024-03`, `3 years to 2013/14`); or a period
//! the source does not state (`not stated`).

use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;
use serde::{Deserialize, Deserializer};

use super::{DateError, PartialDate};

/// When a figure or a target applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum When {
    Date(PartialDate),
    /// A financial or academic year, by the year it starts in: the measure
    /// says which ([`YearKind`]).
    YearSpan(i16),
    Quarter(Quarter),
    Rolling(Rolling),
    /// The source gives the figure without saying what period it covers.
    NotStated,
}

/// Which year a `2012/13` is: a financial year runs from the month the
/// site's [`Calendar`] says (April unless it says otherwise), an academic
/// year from September.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum YearKind {
    #[default]
    Financial,
    Academic,
}

/// The month the site's financial year starts in: `financial_year_starts`
/// of `site.yaml`, 1 (January) to 12 (December); April unless given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(try_from = "i64")]
pub struct Calendar {
    financial: i8,
}

impl Default for Calendar {
    fn default() -> Calendar {
        Calendar { financial: 4 }
    }
}

impl TryFrom<i64> for Calendar {
    type Error = String;

    fn try_from(month: i64) -> Result<Calendar, String> {
        i8::try_from(month)
            .ok()
            .filter(|m| (1..=12).contains(m))
            .map(|financial| Calendar { financial })
            .ok_or_else(|| {
                format!("{month} is not a month of the year, 1 (January) to 12 (December)")
            })
    }
}

impl YearKind {
    fn first_month(self, calendar: Calendar) -> i8 {
        match self {
            YearKind::Financial => calendar.financial,
            YearKind::Academic => 9,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            YearKind::Financial => "financial",
            YearKind::Academic => "academic",
        }
    }
}

/// A quarter: of a financial year (`Q2 2024/25`, July to September 2024) or
/// of a calendar year (`2024 Q3`, July to September 2024).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Quarter {
    /// The calendar year, or the year the financial year starts in.
    pub year: i16,
    /// 1 to 4.
    pub number: i8,
    pub financial: bool,
}

impl Quarter {
    /// Its first month, as (year, month): a financial year's quarters count
    /// from the month the financial year starts.
    pub fn first_month(self, calendar: Calendar) -> (i16, i8) {
        self.month(calendar, 0)
    }

    /// Its last month, as (year, month).
    pub fn last_month(self, calendar: Calendar) -> (i16, i8) {
        self.month(calendar, 2)
    }

    fn month(self, calendar: Calendar, within: i8) -> (i16, i8) {
        let offset = if self.financial {
            calendar.financial - 1
        } else {
            0
        };
        let m = offset + 3 * (self.number - 1) + within;
        (self.year + i16::from(m / 12), m % 12 + 1)
    }
}

/// So many months or years up to the end of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rolling {
    pub length: u16,
    pub years: bool,
    /// A month for months; a year or a financial or academic year for years.
    pub end: RollingEnd,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RollingEnd {
    Month(PartialDate),
    Year(i16),
    YearSpan(i16),
}

/// What is wrong with a period as written, and how to write it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error("`{0}` is not a period")]
    Shape(String),
    #[error(transparent)]
    Date(#[from] DateError),
    #[error("`{text}` could be read two ways: the month {month} or the year {span}")]
    Ambiguous {
        text: String,
        month: String,
        span: String,
    },
    #[error("`{0}`: a year like 2012/13 runs into the next year")]
    Span(String),
    #[error("`{text}`: there is no quarter {number}; a year has quarters Q1 to Q4")]
    NoQuarter { text: String, number: String },
    #[error("`{0}` does not say whether it is a quarter of a financial or of a calendar year")]
    QuarterYear(String),
    #[error("`{text}` is not a rolling period: {why}")]
    Rolling { text: String, why: &'static str },
}

/// The forms a period may take, for every message about one.
pub const FORMS: &str = "write the period as 2010, 2014-03, 2013-10-31, 2012/13, Q2 2024/25 (a financial year's quarter), 2024 Q3 (a calendar year's), 12 months to 2024-03, 3 years to 2013/14, or not stated";

impl PeriodError {
    /// How to write it instead.
    pub fn help(&self) -> String {
        match self {
            PeriodError::Ambiguous { month, span, .. } => format!(
                "write `{span}` for the financial or academic year, or `{month}` for the month"
            ),
            PeriodError::QuarterYear(_) => {
                "write `Q2 2024/25` for a quarter of a financial year, or `2024 Q2` for a quarter of a calendar year".to_string()
            }
            PeriodError::NoQuarter { .. } => "number the quarter Q1, Q2, Q3 or Q4".to_string(),
            PeriodError::Span(_) => "write a financial or academic year as 2012/13".to_string(),
            _ => FORMS.to_string(),
        }
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month `2011-12` that is also the way some write the year 2011/12.
fn ambiguous(d: PartialDate) -> bool {
    matches!((d.month, d.day), (Some(m), None) if i16::from(m) == (d.year + 1) % 100)
}

/// A month written in words, `December 2011`: the way to write a month that
/// `YYYY-MM` would leave ambiguous.
fn month_in_words(s: &str) -> Option<PartialDate> {
    let (name, year) = s.split_once(' ')?;
    let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(name))?;
    let year = four_digits(year)?;
    Some(PartialDate {
        year,
        month: Some(month as i8 + 1),
        day: None,
    })
}

fn four_digits(s: &str) -> Option<i16> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// `2012/13`, by its first year.
fn year_span(s: &str) -> Option<Result<i16, PeriodError>> {
    let (a, b) = s.split_once('/')?;
    let start = four_digits(a)?;
    let ok = b.len() == 2
        && b.bytes().all(|c| c.is_ascii_digit())
        && b.parse::<i16>().ok() == Some((start + 1) % 100);
    Some(if ok {
        Ok(start)
    } else {
        Err(PeriodError::Span(s.to_string()))
    })
}

fn quarter(s: &str) -> Option<Result<Quarter, PeriodError>> {
    let (a, b) = s.split_once(' ')?;
    let (q, year, financial) = match (a.strip_prefix(['Q', 'q']), b.strip_prefix(['Q', 'q'])) {
        (Some(q), None) => (q, b, true),
        (None, Some(q)) => (q, a, false),
        _ => return None,
    };
    if q.len() != 1 || !q.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let bad_number = || PeriodError::NoQuarter {
        text: s.to_string(),
        number: q.to_string(),
    };
    let number: i8 = q.parse().map_err(|_| bad_number()).ok()?;
    let year = if financial {
        match year_span(year) {
            Some(r) => r,
            None if four_digits(year).is_some() => Err(PeriodError::QuarterYear(s.to_string())),
            None => return None,
        }
    } else {
        match (four_digits(year), year_span(year)) {
            (Some(y), _) => Ok(y),
            (None, Some(_)) => Err(PeriodError::QuarterYear(s.to_string())),
            (None, None) => return None,
        }
    };
    Some(year.and_then(|year| {
        if (1..=4).contains(&number) {
            Ok(Quarter {
                year,
                number,
                financial,
            })
        } else {
            Err(bad_number())
        }
    }))
}

/// `12 months to 2024-03`, `3 years to 2013/14`, `3 years to 2014`.
fn rolling(s: &str) -> Option<Result<Rolling, PeriodError>> {
    let mut words = s.splitn(4, ' ');
    let (n, unit, to, end) = (words.next()?, words.next()?, words.next()?, words.next()?);
    if to != "to" {
        return None;
    }
    let years = match unit {
        "months" | "month" => false,
        "years" | "year" => true,
        _ => return None,
    };
    let fail = |why| {
        Some(Err(PeriodError::Rolling {
            text: s.to_string(),
            why,
        }))
    };
    let Some(length) = n.parse::<u16>().ok().filter(|n| (1..=1200).contains(n)) else {
        return fail("its length is a whole number of months or years, 1 or more");
    };
    let end = if years {
        match (four_digits(end), year_span(end)) {
            (Some(y), _) => RollingEnd::Year(y),
            (None, Some(Ok(y))) => RollingEnd::YearSpan(y),
            _ => return fail("years run to a year, 2014, or to a year like 2013/14"),
        }
    } else {
        match month_in_words(end).map(Ok).unwrap_or_else(|| end.parse()) {
            Ok(
                d @ PartialDate {
                    month: Some(_),
                    day: None,
                    ..
                },
            ) => RollingEnd::Month(d),
            _ => return fail("months run to a month, written 2024-03"),
        }
    };
    Some(Ok(Rolling { length, years, end }))
}

impl FromStr for When {
    type Err = PeriodError;

    fn from_str(s: &str) -> Result<Self, PeriodError> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("not stated") {
            return Ok(When::NotStated);
        }
        if let Some(r) = rolling(s) {
            return r.map(When::Rolling);
        }
        if let Some(q) = quarter(s) {
            return q.map(When::Quarter);
        }
        if let Some(y) = year_span(s) {
            return y.map(When::YearSpan);
        }
        if let Some(d) = month_in_words(s) {
            return Ok(When::Date(d));
        }
        let d: PartialDate = s.parse().map_err(|e| match e {
            DateError::Shape(_) => PeriodError::Shape(s.to_string()),
            e => PeriodError::Date(e),
        })?;
        if ambiguous(d) {
            return Err(PeriodError::Ambiguous {
                text: s.to_string(),
                month: month_words(d),
                span: When::YearSpan(d.year).to_string(),
            });
        }
        Ok(When::Date(d))
    }
}

/// `December 2011`.
fn month_words(d: PartialDate) -> String {
    let name = MONTHS[d.month.unwrap_or(1) as usize - 1];
    format!("{}{} {}", name[..1].to_uppercase(), &name[1..], d.year)
}

/// As written in content, in the figures' CSV and in open data: it reads
/// back as the same period.
impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            When::Date(d) if ambiguous(*d) => f.write_str(&month_words(*d)),
            When::Date(d) => d.fmt(f),
            When::YearSpan(y) => write!(f, "{y}/{:02}", (y + 1) % 100),
            When::Quarter(q) if q.financial => {
                write!(f, "Q{} {}", q.number, When::YearSpan(q.year))
            }
            When::Quarter(q) => write!(f, "{} Q{}", q.year, q.number),
            When::Rolling(r) => {
                let unit = match (r.years, r.length) {
                    (true, 1) => "year",
                    (true, _) => "years",
                    (false, 1) => "month",
                    (false, _) => "months",
                };
                write!(f, "{} {unit} to {}", r.length, r.end.period())
            }
            When::NotStated => f.write_str("not stated"),
        }
    }
}

impl RollingEnd {
    /// The period it runs to.
    pub fn period(self) -> When {
        match self {
            RollingEnd::Month(d) => When::Date(d),
            RollingEnd::Year(y) => When::Date(PartialDate {
                year: y,
                month: None,
                day: None,
            }),
            RollingEnd::YearSpan(y) => When::YearSpan(y),
        }
    }
}

fn first_of(year: i16, month: i8) -> Date {
    Date::new(year, month, 1).unwrap_or(Date::MIN)
}

fn last_before(d: Date) -> Date {
    d.yesterday().unwrap_or(Date::MIN)
}

fn months_later(d: Date, months: i64) -> Date {
    d.checked_add(jiff::Span::new().months(months))
        .unwrap_or(Date::MAX)
}

impl When {
    /// Its first and last days; `None` when the period is not stated.
    pub fn span(self, calendar: Calendar, kind: YearKind) -> Option<(Date, Date)> {
        let from_month = |year: i16, month: i8, months: i64| {
            let first = first_of(year, month);
            (first, last_before(months_later(first, months)))
        };
        Some(match self {
            When::Date(d) => match (d.month, d.day) {
                (Some(_), Some(_)) => (d.last_day(), d.last_day()),
                (Some(m), None) => from_month(d.year, m, 1),
                _ => from_month(d.year, 1, 12),
            },
            When::YearSpan(y) => from_month(y, kind.first_month(calendar), 12),
            When::Quarter(q) => {
                let (y, m) = q.first_month(calendar);
                from_month(y, m, 3)
            }
            When::Rolling(r) => {
                let (_, last) = r.end.period().span(calendar, kind)?;
                let months = i64::from(r.length) * if r.years { 12 } else { 1 };
                let next = last.tomorrow().unwrap_or(Date::MAX);
                (months_later(next, -months), last)
            }
            When::NotStated => return None,
        })
    }

    /// Orders periods in time: by their last day, then the longer first. A
    /// `2012/13` year is taken as a financial year; a period not stated
    /// comes after every other.
    pub fn sort_key(self, calendar: Calendar) -> (Date, Date) {
        self.span(calendar, YearKind::Financial)
            .map_or((Date::MAX, Date::MAX), |(first, last)| (last, first))
    }

    pub fn is_stated(self) -> bool {
        self != When::NotStated
    }
}

impl<'de> Deserialize<'de> for When {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        super::date::text_or_year(de)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn when(s: &str) -> When {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn span(s: &str, kind: YearKind) -> (String, String) {
        span_in(Calendar::default(), s, kind)
    }

    fn span_in(calendar: Calendar, s: &str, kind: YearKind) -> (String, String) {
        let (a, b) = when(s).span(calendar, kind).unwrap();
        (a.to_string(), b.to_string())
    }

    fn days(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn every_form_reads_back_as_written() {
        for s in [
            "2010",
            "2014-03",
            "2013-10-31",
            "2012/13",
            "1999/00",
            "Q2 2024/25",
            "2024 Q3",
            "12 months to 2024-03",
            "1 month to 2024-03",
            "3 years to 2013/14",
            "4 years to 2015",
            "not stated",
            "December 2011",
        ] {
            assert_eq!(when(s).to_string(), s);
        }
        assert_eq!(when("March 2014").to_string(), "2014-03");
        assert_eq!(when("q1 2020/21").to_string(), "Q1 2020/21");
    }

    #[test]
    fn each_period_covers_its_days() {
        let fy = YearKind::Financial;
        assert_eq!(span("2012/13", fy), days("2012-04-01", "2013-03-31"));
        assert_eq!(
            span("2012/13", YearKind::Academic),
            days("2012-09-01", "2013-08-31")
        );
        assert_eq!(span("Q1 2024/25", fy), days("2024-04-01", "2024-06-30"));
        assert_eq!(span("Q4 2024/25", fy), days("2025-01-01", "2025-03-31"));
        assert_eq!(span("2024 Q1", fy), days("2024-01-01", "2024-03-31"));
        assert_eq!(span("2024 Q4", fy), days("2024-10-01", "2024-12-31"));
        assert_eq!(
            span("12 months to 2024-03", fy),
            days("2023-04-01", "2024-03-31")
        );
        assert_eq!(
            span("3 years to 2013/14", fy),
            days("2011-04-01", "2014-03-31")
        );
        assert_eq!(span("2024-02", fy), days("2024-02-01", "2024-02-29"));
        assert_eq!(span("2023", fy), days("2023-01-01", "2023-12-31"));
        assert_eq!(when("not stated").span(Calendar::default(), fy), None);
    }

    #[test]
    fn a_financial_year_and_its_quarters_start_in_the_month_the_site_says() {
        let july = Calendar::try_from(7).unwrap();
        let fy = YearKind::Financial;
        assert_eq!(
            span_in(july, "2012/13", fy),
            days("2012-07-01", "2013-06-30")
        );
        assert_eq!(
            span_in(july, "Q1 2024/25", fy),
            days("2024-07-01", "2024-09-30")
        );
        assert_eq!(
            span_in(july, "Q3 2024/25", fy),
            days("2025-01-01", "2025-03-31")
        );
        // A calendar year's quarters and an academic year are as they were.
        assert_eq!(
            span_in(july, "2024 Q3", fy),
            days("2024-07-01", "2024-09-30")
        );
        assert_eq!(
            span_in(july, "2012/13", YearKind::Academic),
            days("2012-09-01", "2013-08-31")
        );
        // A quarter may run into the next calendar year.
        let november = Calendar::try_from(11).unwrap();
        let q1 = "Q1 2024/25".parse::<When>().unwrap();
        let When::Quarter(q) = q1 else { panic!() };
        assert_eq!(q.first_month(november), (2024, 11));
        assert_eq!(q.last_month(november), (2025, 1));
        assert!(
            Calendar::try_from(13)
                .unwrap_err()
                .contains("1 (January) to 12 (December)")
        );
        assert!(Calendar::try_from(0).is_err());
    }

    #[test]
    fn quarters_order_within_and_across_years() {
        let mut periods: Vec<When> = ["Q4 2023/24", "2024 Q1", "Q1 2024/25", "2023/24", "2024"]
            .iter()
            .map(|s| when(s))
            .collect();
        periods.sort_by_key(|p| p.sort_key(Calendar::default()));
        let written: Vec<String> = periods.iter().map(When::to_string).collect();
        // Q4 2023/24 and 2024 Q1 are both January to March 2024; the
        // financial year ends with them and is the longer, so comes first.
        assert_eq!(
            written,
            ["2023/24", "Q4 2023/24", "2024 Q1", "Q1 2024/25", "2024"]
        );
        let key = |s: &str| when(s).sort_key(Calendar::default());
        assert!(key("not stated") > key("2099"));
    }

    #[test]
    fn a_hyphenated_year_that_could_be_a_month_is_refused_with_both_readings() {
        let e = "2011-12".parse::<When>().unwrap_err();
        assert!(matches!(e, PeriodError::Ambiguous { .. }));
        assert!(e.to_string().contains("December 2011") && e.to_string().contains("2011/12"));
        assert!(e.help().contains("`2011/12`") && e.help().contains("`December 2011`"));
        assert!("2000-01".parse::<When>().is_err());
        // Not ambiguous: no year is written 2013-10, and a day is a day.
        assert!("2013-10".parse::<When>().is_ok());
        assert!("2011-12-01".parse::<When>().is_ok());
        assert!("12 months to 2011-12".parse::<When>().is_ok());
    }

    #[test]
    fn mistakes_are_named() {
        let err = |s: &str| s.parse::<When>().unwrap_err();
        assert!(matches!(err("Q5 2024/25"), PeriodError::NoQuarter { .. }));
        assert!(matches!(err("Q0 2024/25"), PeriodError::NoQuarter { .. }));
        assert!(matches!(err("Q2 2024"), PeriodError::QuarterYear(_)));
        assert!(matches!(err("2024/25 Q2"), PeriodError::QuarterYear(_)));
        assert!(matches!(err("2012/14"), PeriodError::Span(_)));
        assert!(matches!(err("Q2 2024/26"), PeriodError::Span(_)));
        assert!(matches!(
            err("0 months to 2024-03"),
            PeriodError::Rolling { .. }
        ));
        assert!(matches!(
            err("12 months to 2024"),
            PeriodError::Rolling { .. }
        ));
        assert!(matches!(
            err("3 years to 2014-03"),
            PeriodError::Rolling { .. }
        ));
        assert!(matches!(err("2014-13"), PeriodError::Date(_)));
        assert!(matches!(err("Autumn 2013"), PeriodError::Shape(_)));
        assert!(matches!(err("15/05/2014"), PeriodError::Shape(_)));
    }
}
