//! Performance measures and their published figures.

use serde::Deserialize;

use super::{Calendar, Citation, SourceFile, Spanned, Unit, When, YearKind};

/// A quantity a plan is judged by, with every figure published for it.
#[derive(Debug, Clone)]
pub struct Measure {
    pub id: String,
    pub meta: MeasureMeta,
    /// What its figures are counted in, as `meta.unit` names it.
    pub unit: Unit,
    /// When the site's financial year starts.
    pub calendar: Calendar,
    pub meta_file: SourceFile,
    pub observations: Vec<Observation>,
    pub csv_file: SourceFile,
}

/// `measures/<id>.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureMeta {
    pub title: String,
    /// The key of its unit: built in, or of `content/vocabulary.yaml`.
    pub unit: Spanned<String>,
    pub better: Better,
    pub description: Option<String>,
    /// How the figure is worked out, in the source's words.
    pub definition: Option<String>,
    /// Who is responsible for it, as the plan names them.
    pub lead: Option<String>,
    /// Who answers for it: an officer, a directorate, a portfolio.
    pub owner: Option<Owner>,
    /// How often its figures are published: the next update is then due
    /// that long after the last.
    pub frequency: Option<Frequency>,
    /// Whether its `2012/13` years are financial or academic, as the source
    /// says; unsaid, they are counted as financial years.
    pub year: Option<YearKind>,
    #[serde(default)]
    pub belongs_to: Vec<Citation>,
    /// Where it started from.
    pub baseline: Option<Baseline>,
    /// One target; `targets` gives several, a trajectory.
    pub target: Option<Target>,
    #[serde(default)]
    pub targets: Vec<Target>,
    /// The floor standard: the level below which (for a measure where
    /// higher is better) a figure that misses its target is RED, not AMBER.
    pub floor: Option<Threshold>,
    /// Or the floor as a distance from each target, in the measure's unit.
    pub tolerance: Option<Threshold>,
    /// For a measure that is neither better higher nor lower: the range its
    /// figures are expected in.
    pub expected: Option<Expected>,
    /// Series to set the figures beside: England, the region, nearest
    /// neighbours. They never change the measure's status.
    #[serde(default)]
    pub comparators: Vec<Comparator>,
}

/// The most comparators a measure has: its chart tells that many apart,
/// besides its own figures, by line style and marker.
pub const MAX_COMPARATORS: usize = 3;

/// A series the measure's figures are compared with, from its own source.
/// Its figures are written in the measure's YAML, under the source that
/// publishes them all, for periods of the measure's own figures.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comparator {
    /// What it is, as readers know it: "England", "South East".
    pub name: Spanned<String>,
    pub source: Citation,
    pub figures: Vec<ComparatorFigure>,
}

impl Comparator {
    /// Its figure for `period`, if it has one.
    pub fn at(&self, period: When) -> Option<f64> {
        self.figures
            .iter()
            .find(|f| f.period.value == period)
            .map(|f| f.value.value)
    }
}

/// One figure of a comparator.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComparatorFigure {
    pub period: Spanned<When>,
    pub value: Spanned<f64>,
}

/// Who answers for a measure; any of the three.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Owner {
    pub officer: Option<String>,
    pub directorate: Option<String>,
    pub portfolio: Option<String>,
}

/// A measure's starting point.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub value: f64,
    pub period: Spanned<When>,
    pub source: Option<Citation>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub value: f64,
    /// The period it is for; without one, it applies to every figure.
    pub period: Option<Spanned<When>>,
    pub source: Option<Citation>,
    /// This target's own floor standard, where it has one.
    pub floor: Option<f64>,
}

/// A floor standard or a tolerance.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    pub value: Spanned<f64>,
    pub source: Option<Citation>,
}

/// The range a context indicator's figures are expected in.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    pub low: Spanned<f64>,
    pub high: f64,
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

/// The most decimals a figure shows unless its unit says otherwise.
pub const DECIMALS: u8 = 3;

/// Thousands separated, at most [`DECIMALS`] decimals.
pub fn number(v: f64) -> String {
    number_to(v, DECIMALS)
}

/// Thousands separated, at most `decimals` decimals.
pub fn number_to(v: f64, decimals: u8) -> String {
    let scale = 10f64.powi(i32::from(decimals));
    // `+ 0.0` turns a -0 that rounding leaves into 0.
    let v = (v * scale).round() / scale + 0.0;
    let text = if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
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

/// Which way is an improvement; `neither` for a context or activity
/// indicator, judged against an expected range instead of a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Better {
    Higher,
    Lower,
    Neither,
}

impl Better {
    pub fn key(self) -> &'static str {
        match self {
            Better::Higher => "higher",
            Better::Lower => "lower",
            Better::Neither => "neither",
        }
    }
}

impl Measure {
    /// Which its `2012/13` years are: financial unless it says academic.
    fn year_kind(&self) -> YearKind {
        self.meta.year.unwrap_or_default()
    }

    /// The first and last days of one of its periods, its `2012/13` years
    /// read as it says and its financial years as the site's start.
    pub fn span(&self, period: When) -> Option<(jiff::civil::Date, jiff::civil::Date)> {
        period.span(self.calendar, self.year_kind())
    }

    /// Its figures in time order, a period not stated last.
    pub fn in_time_order(&self) -> Vec<&Observation> {
        let mut obs: Vec<_> = self.observations.iter().collect();
        obs.sort_by_key(|o| o.period.sort_key(self.calendar));
        obs
    }

    /// Its targets: the one of `target`, or the trajectory of `targets`.
    pub fn targets(&self) -> impl Iterator<Item = &Target> {
        self.meta.target.iter().chain(&self.meta.targets)
    }

    /// Every citation of its YAML file: what it reports on, its baseline,
    /// targets, floor, tolerance, range and comparators.
    pub fn citations(&self) -> impl Iterator<Item = &Citation> {
        let m = &self.meta;
        m.belongs_to
            .iter()
            .chain(m.baseline.iter().filter_map(|b| b.source.as_ref()))
            .chain(self.targets().filter_map(|t| t.source.as_ref()))
            .chain(
                m.floor
                    .iter()
                    .chain(&m.tolerance)
                    .filter_map(|f| f.source.as_ref()),
            )
            .chain(m.expected.iter().filter_map(|e| e.source.as_ref()))
            .chain(m.comparators.iter().map(|c| &c.source))
    }

    /// The latest figure whose period is stated.
    pub fn latest(&self) -> Option<&Observation> {
        self.observations
            .iter()
            .filter(|o| o.period.is_stated())
            .max_by_key(|o| o.period.sort_key(self.calendar))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_written_as_readers_expect() {
        assert_eq!(number(1234567.5), "1,234,567.5");
        assert_eq!(number(0.12345), "0.123");
        assert_eq!(number_to(74.46, 1), "74.5");
        assert_eq!(number_to(74.46, 0), "74");
        assert_eq!(number_to(-0.4, 0), "0");
    }
}
