//! Performance measures and their published figures.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer};

use super::{Citation, DateError, PartialDate, SourceFile};

/// A quantity a plan is judged by, with every figure published for it.
#[derive(Debug, Clone)]
pub struct Measure {
    pub id: String,
    pub meta: MeasureMeta,
    pub meta_file: SourceFile,
    pub observations: Vec<Observation>,
    pub csv_file: SourceFile,
}

/// `measures/<id>.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureMeta {
    pub title: String,
    pub unit: Unit,
    pub better: Better,
    pub description: Option<String>,
    /// Who is responsible for it, as the plan names them.
    pub lead: Option<String>,
    /// How often its figures are published: the next update is then due
    /// that long after the last.
    pub frequency: Option<Frequency>,
    #[serde(default)]
    pub belongs_to: Vec<Citation>,
    pub target: Option<Target>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub value: f64,
    pub period: Option<When>,
    pub source: Option<Citation>,
}

/// One published figure: a row of `measures/<id>.csv`.
#[derive(Debug, Clone)]
pub struct Observation {
    pub period: When,
    pub value: f64,
    /// What publishes it: `document#anchor`, or a record's address.
    pub source: Citation,
    pub note: Option<String>,
    /// Line of the CSV file, for error messages.
    pub line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    Percent,
    Count,
    GbpMillion,
    Gbp,
    #[serde(rename = "rate-per-100000")]
    RatePer100000,
    Days,
    Ratio,
}

impl Unit {
    /// Its name in content files and open data.
    pub fn key(self) -> &'static str {
        match self {
            Unit::Percent => "percent",
            Unit::Count => "count",
            Unit::GbpMillion => "gbp-million",
            Unit::Gbp => "gbp",
            Unit::RatePer100000 => "rate-per-100000",
            Unit::Days => "days",
            Unit::Ratio => "ratio",
        }
    }

    /// A value as a reader expects it written: "74%", "£269m", "2,560".
    pub fn format(self, v: f64) -> String {
        let n = number(v);
        match self {
            Unit::Percent => format!("{n}%"),
            Unit::GbpMillion => format!("£{n}m"),
            Unit::Gbp => format!("£{n}"),
            Unit::Days => format!("{n} days"),
            Unit::Count | Unit::RatePer100000 | Unit::Ratio => n,
        }
    }

    /// The axis title of a chart.
    pub fn axis(self) -> &'static str {
        match self {
            Unit::Percent => "Per cent",
            Unit::Count => "Number",
            Unit::GbpMillion => "£ million",
            Unit::Gbp => "£",
            Unit::RatePer100000 => "Rate per 100,000",
            Unit::Days => "Days",
            Unit::Ratio => "Ratio",
        }
    }

    /// Values that cannot be in this unit, as a reason.
    pub fn rejects(self, v: f64) -> Option<String> {
        if v.abs() > super::limits::FIGURE_MAGNITUDE {
            return Some(format!(
                "a figure is at most {} either side of 0",
                number(super::limits::FIGURE_MAGNITUDE)
            ));
        }
        let why = match self {
            Unit::Percent if !(0.0..=100.0).contains(&v) => {
                Some("a percentage is between 0 and 100")
            }
            Unit::Count if v < 0.0 || v.fract() != 0.0 => {
                Some("a count is a whole number, 0 or more")
            }
            Unit::Days | Unit::RatePer100000 if v < 0.0 => Some("this unit cannot be negative"),
            _ => None,
        };
        why.map(str::to_string)
    }
}

/// Thousands separated, at most the decimals given.
pub fn number(v: f64) -> String {
    let text = if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{}", (v * 1000.0).round() / 1000.0)
    };
    let (int, frac) = text
        .split_once('.')
        .map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// How often a measure's figures are published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Frequency {
    Monthly,
    Quarterly,
    Annual,
}

impl Frequency {
    pub fn months(self) -> i8 {
        match self {
            Frequency::Monthly => 1,
            Frequency::Quarterly => 3,
            Frequency::Annual => 12,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Better {
    Higher,
    Lower,
}

/// When a figure applies: a date at some precision, or a financial or
/// academic year written `2012/13`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Date(PartialDate),
    YearSpan(i16),
}

impl When {
    /// Orders periods in time; a `2012/13` year sorts from its April.
    pub fn sort_key(self) -> (i16, i8, i8) {
        match self {
            When::Date(d) => (d.year, d.month.unwrap_or(0), d.day.unwrap_or(0)),
            When::YearSpan(y) => (y, 4, 0),
        }
    }
}

impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            When::Date(d) => d.fmt(f),
            When::YearSpan(y) => write!(f, "{y}/{:02}", (y + 1) % 100),
        }
    }
}

impl FromStr for When {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, DateError> {
        if let Some((a, b)) = s.split_once('/') {
            let start: i16 = a.parse().map_err(|_| DateError::Shape(s.to_string()))?;
            let end: i16 = b.parse().map_err(|_| DateError::Shape(s.to_string()))?;
            if a.len() != 4 || b.len() != 2 || end != (start + 1) % 100 {
                return Err(DateError::Impossible(
                    s.to_string(),
                    "a year like 2012/13 runs into the next year".to_string(),
                ));
            }
            return Ok(When::YearSpan(start));
        }
        s.parse().map(When::Date)
    }
}

impl<'de> Deserialize<'de> for When {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        super::date::text_or_year(de)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// How a measure stands against its target, worked out from the figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    TargetMet,
    TargetNotMet,
    NoTarget,
    NoFigures,
}

impl Standing {
    pub fn label(self) -> &'static str {
        match self {
            Standing::TargetMet => "Target met",
            Standing::TargetNotMet => "Target not met",
            Standing::NoTarget => "No target",
            Standing::NoFigures => "No figures published",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Standing::TargetMet => "met",
            Standing::TargetNotMet => "not-met",
            Standing::NoTarget => "no-target",
            Standing::NoFigures => "no-figures",
        }
    }
}

impl Measure {
    /// The latest figure against the target, in the direction that is better.
    pub fn standing(&self) -> Standing {
        let Some(latest) = self.latest() else {
            return Standing::NoFigures;
        };
        let Some(target) = &self.meta.target else {
            return Standing::NoTarget;
        };
        let met = match self.meta.better {
            Better::Higher => latest.value >= target.value,
            Better::Lower => latest.value <= target.value,
        };
        if met {
            Standing::TargetMet
        } else {
            Standing::TargetNotMet
        }
    }

    pub fn latest(&self) -> Option<&Observation> {
        self.observations.iter().max_by_key(|o| o.period.sort_key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spanned(v: &str) -> serde_saphyr::Spanned<String> {
        let nowhere = serde_saphyr::Location::UNKNOWN;
        serde_saphyr::Spanned::new(v.to_string(), nowhere, nowhere)
    }

    fn measure(better: Better, target: Option<f64>, values: &[(&str, f64)]) -> Measure {
        let file = SourceFile {
            path: "m.yaml".into(),
            text: "".into(),
        };
        Measure {
            id: "m".into(),
            meta: MeasureMeta {
                title: "m".into(),
                unit: Unit::Percent,
                better,
                description: None,
                lead: None,
                frequency: None,
                belongs_to: vec![],
                target: target.map(|value| Target {
                    value,
                    period: None,
                    source: None,
                }),
            },
            meta_file: file.clone(),
            observations: values
                .iter()
                .enumerate()
                .map(|(i, (p, v))| Observation {
                    period: p.parse().unwrap(),
                    value: *v,
                    source: Citation::Paragraph {
                        document: spanned("d"),
                        anchor: spanned("a"),
                    },
                    note: None,
                    line: i + 2,
                })
                .collect(),
            csv_file: file,
        }
    }

    #[test]
    fn standing_follows_the_latest_figure_and_the_better_direction() {
        assert_eq!(
            measure(
                Better::Higher,
                Some(70.0),
                &[("2010", 60.0), ("2013", 75.1)]
            )
            .standing(),
            Standing::TargetMet
        );
        assert_eq!(
            measure(
                Better::Higher,
                Some(70.0),
                &[("2013", 75.1), ("2010", 60.0)]
            )
            .standing(),
            Standing::TargetMet
        );
        assert_eq!(
            measure(
                Better::Higher,
                Some(80.0),
                &[("2010", 60.0), ("2013", 75.1)]
            )
            .standing(),
            Standing::TargetNotMet
        );
        assert_eq!(
            measure(Better::Lower, Some(80.0), &[("2009", 87.4), ("2012", 75.7)]).standing(),
            Standing::TargetMet
        );
        assert_eq!(
            measure(Better::Lower, None, &[("2009", 87.4)]).standing(),
            Standing::NoTarget
        );
        assert_eq!(
            measure(Better::Lower, Some(1.0), &[]).standing(),
            Standing::NoFigures
        );
    }

    #[test]
    fn periods_parse_and_order() {
        let fy: When = "2012/13".parse().unwrap();
        assert_eq!(fy.to_string(), "2012/13");
        assert!("2012/14".parse::<When>().is_err());
        let y2012: When = "2012".parse().unwrap();
        let m2013: When = "2013-03".parse().unwrap();
        assert!(y2012.sort_key() < fy.sort_key() && fy.sort_key() < m2013.sort_key());
        assert_eq!("1999/00".parse::<When>().unwrap().to_string(), "1999/00");
    }

    #[test]
    fn values_are_written_as_readers_expect() {
        assert_eq!(Unit::Percent.format(74.0), "74%");
        assert_eq!(Unit::GbpMillion.format(269.0), "£269m");
        assert_eq!(Unit::Count.format(2560.0), "2,560");
        assert_eq!(Unit::RatePer100000.format(87.4), "87.4");
        assert_eq!(number(1234567.5), "1,234,567.5");
    }

    #[test]
    fn units_reject_impossible_values() {
        assert!(Unit::Percent.rejects(120.0).is_some());
        assert!(Unit::Count.rejects(2.5).is_some());
        assert!(Unit::GbpMillion.rejects(-3.0).is_none());
    }
}
