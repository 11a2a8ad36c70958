//! Performance measures and their published figures.

use serde::Deserialize;

use super::{Citation, SourceFile, When, YearKind};

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
    /// Whether its `2012/13` years are financial or academic, as the source
    /// says; unsaid, they are counted as financial years.
    pub year: Option<YearKind>,
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
    /// A count of what happened, or a context figure: neither way is an
    /// improvement, so it has no target.
    Neither,
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
            Better::Neither => return Standing::NoTarget,
        };
        if met {
            Standing::TargetMet
        } else {
            Standing::TargetNotMet
        }
    }

    /// Which its `2012/13` years are: financial unless it says academic.
    pub fn year_kind(&self) -> YearKind {
        self.meta.year.unwrap_or_default()
    }

    pub fn latest(&self) -> Option<&Observation> {
        self.observations
            .iter()
            .filter(|o| o.period.is_stated())
            .max_by_key(|o| o.period.sort_key())
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
                year: None,
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
