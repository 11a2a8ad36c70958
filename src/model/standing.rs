//! How a measure stands, by a published rule: its latest figure against the
//! target for the period the figure belongs to and the floor standard
//! (GREEN, AMBER, RED), and its direction of travel by a least-squares
//! regression over its last figures. The rule's words are the theme's
//! (`performance-rules.html`); its numbers are here and in `site.yaml`.

use serde::Deserialize;

use super::{Better, Measure, Observation, Target};

/// The fewest figures a direction of travel is worked out from.
pub const MIN_TREND_FIGURES: usize = 3;

/// `performance:` in `site.yaml`: the site's own thresholds. Without it, the
/// rule is the one councils commonly publish: GREEN when the target is
/// achieved, AMBER when the floor standard is but the target is not, RED
/// when the floor standard is not.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// A figure that misses its target by at most this percentage of it is
    /// AMBER, where the measure gives no floor standard or tolerance.
    pub amber_within: Option<f64>,
    /// The direction of travel is worked out over at most this many of the
    /// latest figures.
    #[serde(default = "default_trend_figures")]
    pub trend_figures: usize,
}

fn default_trend_figures() -> usize {
    6
}

impl Default for Rule {
    fn default() -> Self {
        Rule {
            amber_within: None,
            trend_figures: default_trend_figures(),
        }
    }
}

/// How a measure stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// The target is achieved.
    Green,
    /// The floor standard is achieved, the target is not.
    Amber,
    /// The floor standard is not achieved.
    Red,
    /// Its targets are all for periods after the latest figure's.
    NotYetDue,
    /// A context indicator within its expected range, or outside it.
    InRange,
    OutOfRange,
    NoTarget,
    NoFigures,
    NotCalculable(Reason),
}

/// Why a status cannot be worked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Its only figures are for periods the source does not state.
    PeriodNotStated,
}

impl Reason {
    pub fn key(self) -> &'static str {
        match self {
            Reason::PeriodNotStated => "period-not-stated",
        }
    }
}

impl Standing {
    /// Its name in open data, CSS classes and the theme's words.
    pub fn key(self) -> &'static str {
        match self {
            Standing::Green => "green",
            Standing::Amber => "amber",
            Standing::Red => "red",
            Standing::NotYetDue => "not-yet-due",
            Standing::InRange => "in-range",
            Standing::OutOfRange => "out-of-range",
            Standing::NoTarget => "no-target",
            Standing::NoFigures => "no-figures",
            Standing::NotCalculable(_) => "not-calculable",
        }
    }

    /// Every status, for the lists of names open data and the theme keep.
    pub const ALL: [Standing; 9] = [
        Standing::Green,
        Standing::Amber,
        Standing::Red,
        Standing::NotYetDue,
        Standing::InRange,
        Standing::OutOfRange,
        Standing::NoTarget,
        Standing::NoFigures,
        Standing::NotCalculable(Reason::PeriodNotStated),
    ];
}

/// A status with what it was worked out from.
#[derive(Debug, Clone, Copy)]
pub struct Assessment<'a> {
    pub standing: Standing,
    /// The figure judged: the latest whose period is stated.
    pub figure: Option<&'a Observation>,
    /// The target it was judged against; for [`Standing::NotYetDue`], the
    /// next one due.
    pub target: Option<&'a Target>,
    /// The floor standard it was judged against, if any.
    pub floor: Option<f64>,
}

/// Which way the figures are going.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Improving,
    Worsening,
    NoClearTrend,
    /// For a measure that is neither better higher nor lower.
    Rising,
    Falling,
}

impl Direction {
    pub fn key(self) -> &'static str {
        match self {
            Direction::Improving => "improving",
            Direction::Worsening => "worsening",
            Direction::NoClearTrend => "no-clear-trend",
            Direction::Rising => "rising",
            Direction::Falling => "falling",
        }
    }

    pub const ALL: [Direction; 5] = [
        Direction::Improving,
        Direction::Worsening,
        Direction::NoClearTrend,
        Direction::Rising,
        Direction::Falling,
    ];
}

/// A direction of travel with the regression it comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Trend {
    pub direction: Direction,
    /// How many figures it is worked out from.
    pub figures: usize,
    /// The fitted change a year, in the measure's unit.
    pub slope_per_year: f64,
    /// The slope over its standard error, and the value it must pass.
    pub t: f64,
    pub critical: f64,
}

/// Two-sided 5% critical values of Student's t, by degrees of freedom
/// (1 to 30); beyond, the normal distribution's 1.96.
const T_CRITICAL_5PC: [f64; 30] = [
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
    2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
    2.052, 2.048, 2.045, 2.042,
];

fn t_critical(df: usize) -> f64 {
    T_CRITICAL_5PC
        .get(df.wrapping_sub(1))
        .copied()
        .unwrap_or(1.96)
}

/// A day as a year and its fraction, the regression's x.
fn in_years(d: jiff::civil::Date) -> f64 {
    f64::from(d.year()) + f64::from(d.day_of_year() - 1) / f64::from(d.days_in_year())
}

/// The least-squares slope of `points` and its t statistic (infinite when
/// the points lie on a sloping line, 0 when on a flat one).
pub fn regression(points: &[(f64, f64)]) -> (f64, f64) {
    let n = points.len() as f64;
    let (mx, my) = (
        points.iter().map(|p| p.0).sum::<f64>() / n,
        points.iter().map(|p| p.1).sum::<f64>() / n,
    );
    let sxx: f64 = points.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let sxy: f64 = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    if sxx == 0.0 {
        return (0.0, 0.0);
    }
    let slope = sxy / sxx;
    let sse: f64 = points
        .iter()
        .map(|p| (p.1 - my - slope * (p.0 - mx)).powi(2))
        .sum();
    let se = (sse / (n - 2.0) / sxx).sqrt();
    // Rounding leaves a little error on a perfect line.
    let t = if se <= 1e-12 * slope.abs().max(1.0) {
        if slope == 0.0 { 0.0 } else { f64::INFINITY }
    } else {
        slope / se
    };
    (slope, t)
}

impl Measure {
    /// Whether it has anything to be assessed against: a target, a
    /// trajectory or, for a context indicator, an expected range.
    fn has_target(&self) -> bool {
        match self.meta.better {
            Better::Neither => self.meta.expected.is_some(),
            _ => self.targets().next().is_some(),
        }
    }

    /// Its status by `rule`, and what it was worked out from.
    pub fn assess(&self, rule: &Rule) -> Assessment<'_> {
        let mut a = Assessment {
            standing: Standing::NoFigures,
            figure: self.latest(),
            target: None,
            floor: None,
        };
        let Some(figure) = a.figure else {
            // Figures whose period is not stated cannot be set against a
            // target's period; with nothing to set them against, there is
            // simply no target.
            if !self.observations.is_empty() {
                a.standing = if self.has_target() {
                    Standing::NotCalculable(Reason::PeriodNotStated)
                } else {
                    Standing::NoTarget
                };
            }
            return a;
        };
        let v = figure.value;
        if self.meta.better == Better::Neither {
            a.standing = match &self.meta.expected {
                Some(e) if (e.low.value..=e.high).contains(&v) => Standing::InRange,
                Some(_) => Standing::OutOfRange,
                None => Standing::NoTarget,
            };
            return a;
        }
        let Some((target, due)) = self.target_for(figure) else {
            a.standing = Standing::NoTarget;
            return a;
        };
        a.target = Some(target);
        if !due {
            a.standing = Standing::NotYetDue;
            return a;
        }
        a.floor = self.floor_for(target, rule);
        let achieves = |level: f64| match self.meta.better {
            Better::Lower => v <= level,
            _ => v >= level,
        };
        a.standing = if achieves(target.value) {
            Standing::Green
        } else if a.floor.is_some_and(achieves) {
            Standing::Amber
        } else {
            Standing::Red
        };
        a
    }

    /// The target a figure is judged against, and whether it is due: the
    /// target for a period the figure's period ends in; else the latest
    /// target whose period has ended; else a target for no period in
    /// particular; else the next target, not yet due.
    pub fn target_for(&self, figure: &Observation) -> Option<(&Target, bool)> {
        let (_, end) = self.span(figure.period)?;
        let spans = |t: &Target| t.period.as_ref().and_then(|p| self.span(p.value));
        let dated = || self.targets().filter_map(|t| spans(t).map(|s| (t, s)));
        let covering = dated().find(|(_, (first, last))| (*first..=*last).contains(&end));
        let past = dated()
            .filter(|(_, (_, last))| *last < end)
            .max_by_key(|(_, (_, last))| *last);
        let undated = self.targets().find(|t| t.period.is_none());
        covering
            .or(past)
            .map(|(t, _)| (t, true))
            .or(undated.map(|t| (t, true)))
            .or_else(|| {
                dated()
                    .min_by_key(|(_, (first, _))| *first)
                    .map(|(t, _)| (t, false))
            })
    }

    /// The floor standard for a target: its own, the measure's, the target
    /// less the tolerance, or the site's `amber_within`.
    fn floor_for(&self, target: &Target, rule: &Rule) -> Option<f64> {
        let sign = if self.meta.better == Better::Lower {
            1.0
        } else {
            -1.0
        };
        target
            .floor
            .or(self.meta.floor.as_ref().map(|f| f.value.value))
            .or(self
                .meta
                .tolerance
                .as_ref()
                .map(|t| target.value + sign * t.value.value))
            .or(rule
                .amber_within
                .map(|pc| target.value + sign * target.value.abs() * pc / 100.0))
    }

    /// Its direction of travel over its last figures, where it has enough.
    pub fn trend(&self, rule: &Rule) -> Option<Trend> {
        let mut points: Vec<(f64, f64)> = self
            .observations
            .iter()
            .filter_map(|o| {
                self.span(o.period)
                    .map(|(_, last)| (in_years(last), o.value))
            })
            .collect();
        points.sort_by(|a, b| a.0.total_cmp(&b.0));
        let take = rule.trend_figures.max(MIN_TREND_FIGURES);
        let points = &points[points.len().saturating_sub(take)..];
        if points.len() < MIN_TREND_FIGURES {
            return None;
        }
        let (slope, t) = regression(points);
        let critical = t_critical(points.len() - 2);
        let direction = match (t.abs() > critical, slope > 0.0, self.meta.better) {
            (false, ..) => Direction::NoClearTrend,
            (true, true, Better::Higher) | (true, false, Better::Lower) => Direction::Improving,
            (true, _, Better::Higher | Better::Lower) => Direction::Worsening,
            (true, true, Better::Neither) => Direction::Rising,
            (true, false, Better::Neither) => Direction::Falling,
        };
        Some(Trend {
            direction,
            figures: points.len(),
            slope_per_year: slope,
            t,
            critical,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spanned(v: &str) -> serde_saphyr::Spanned<String> {
        let nowhere = serde_saphyr::Location::UNKNOWN;
        serde_saphyr::Spanned::new(v.to_string(), nowhere, nowhere)
    }
    use crate::model::{MeasureMeta, SourceFile};

    /// A measure from its `.yaml` and its figures as (period, value).
    fn measure(yaml: &str, figures: &[(&str, f64)]) -> Measure {
        let file = SourceFile {
            path: "m.yaml".into(),
            text: yaml.into(),
        };
        let meta: MeasureMeta = serde_saphyr::from_str(yaml).unwrap();
        Measure {
            id: "m".into(),
            unit: crate::model::Unit::built_in(&meta.unit.value),
            calendar: Default::default(),
            meta,
            meta_file: file.clone(),
            observations: figures
                .iter()
                .enumerate()
                .map(|(i, (p, v))| Observation {
                    period: p.parse().unwrap(),
                    value: *v,
                    source: crate::model::Citation::Paragraph {
                        document: spanned("d"),
                        anchor: spanned("a"),
                    },
                    note: Some("n".into()),
                    line: i + 2,
                })
                .collect(),
            csv_file: file,
        }
    }

    fn status(yaml: &str, figures: &[(&str, f64)]) -> Standing {
        measure(yaml, figures).assess(&Rule::default()).standing
    }

    const HIGHER: &str = "title: t\nunit: percent\nbetter: higher\n";
    const LOWER: &str = "title: t\nunit: percent\nbetter: lower\n";

    #[test]
    fn the_latest_figure_is_judged_against_its_target_and_floor() {
        let with = |extra: &str| format!("{HIGHER}target: {{ value: 70 }}\n{extra}");
        // Written in any order, the latest figure is 2013's.
        let figures = [("2013", 75.1), ("2010", 60.0)];
        assert_eq!(status(&with(""), &figures), Standing::Green);
        assert_eq!(status(&with(""), &[("2013", 65.0)]), Standing::Red);
        let floor = with("floor: { value: 60 }");
        assert_eq!(status(&floor, &[("2013", 65.0)]), Standing::Amber);
        assert_eq!(status(&floor, &[("2013", 60.0)]), Standing::Amber);
        assert_eq!(status(&floor, &[("2013", 59.9)]), Standing::Red);
        // A tolerance of 5 puts the floor at 65 (higher is better) or 75.
        let tolerance = with("tolerance: { value: 5 }");
        assert_eq!(status(&tolerance, &[("2013", 66.0)]), Standing::Amber);
        assert_eq!(status(&tolerance, &[("2013", 64.0)]), Standing::Red);
        let lower = format!("{LOWER}target: {{ value: 70 }}\ntolerance: {{ value: 5 }}\n");
        assert_eq!(status(&lower, &[("2013", 74.0)]), Standing::Amber);
        assert_eq!(status(&lower, &[("2013", 69.0)]), Standing::Green);
        assert_eq!(status(&lower, &[("2013", 76.0)]), Standing::Red);
        // A site's `amber_within: 10` makes 63 (within 10% of 70) AMBER.
        let rule = Rule {
            amber_within: Some(10.0),
            ..Rule::default()
        };
        let m = measure(&with(""), &[("2013", 63.0)]);
        assert_eq!(m.assess(&rule).standing, Standing::Amber);
        assert_eq!(m.assess(&rule).floor, Some(63.0));
        let m = measure(&with(""), &[("2013", 62.9)]);
        assert_eq!(m.assess(&rule).standing, Standing::Red);
    }

    #[test]
    fn no_target_no_figures_and_periods_not_stated_say_so() {
        assert_eq!(status(HIGHER, &[("2013", 1.0)]), Standing::NoTarget);
        let target = format!("{HIGHER}target: {{ value: 70 }}\n");
        assert_eq!(status(&target, &[]), Standing::NoFigures);
        assert_eq!(
            status(&target, &[("not stated", 80.0)]),
            Standing::NotCalculable(Reason::PeriodNotStated)
        );
        // Without a target there is nothing to set an unstated period against.
        assert_eq!(status(HIGHER, &[("not stated", 80.0)]), Standing::NoTarget);
        // A figure of a stated period is judged; one not stated is left aside.
        assert_eq!(
            status(&target, &[("not stated", 10.0), ("2012", 80.0)]),
            Standing::Green
        );
    }

    #[test]
    fn a_target_whose_period_has_not_come_is_not_yet_due() {
        // £269m over the three financial years to 2013/14 (to 31 March
        // 2014), against £340m by 2015 (from 1 January 2015): not yet due.
        let savings = "title: t\nunit: gbp-million\nbetter: higher\ntarget: { value: 340, period: \"2015\" }\n";
        let m = measure(savings, &[("3 years to 2013/14", 269.0)]);
        let a = m.assess(&Rule::default());
        assert_eq!(a.standing, Standing::NotYetDue);
        assert_eq!(a.target.map(|t| t.value), Some(340.0));
        // The same figure for 2015 is judged.
        assert_eq!(status(savings, &[("2015", 269.0)]), Standing::Red);
        // A target's period that has ended still stands.
        assert_eq!(status(savings, &[("2016", 341.0)]), Standing::Green);
    }

    #[test]
    fn a_trajectory_gives_each_figure_the_target_for_its_period() {
        let yaml = format!(
            "{HIGHER}targets:\n  - {{ value: 42, period: \"2020/21\" }}\n  - {{ value: 45, period: \"2021/22\" }}\n  - {{ value: 48, period: \"2022/23\" }}\nfloor: {{ value: 40 }}\n"
        );
        let judged = |figures: &[(&str, f64)]| {
            let m = measure(&yaml, figures);
            let a = m.assess(&Rule::default());
            (a.standing, a.target.map(|t| t.value))
        };
        // Q4 2021/22 (January to March 2022) is in 2021/22: target 45.
        assert_eq!(
            judged(&[("Q4 2021/22", 46.0)]),
            (Standing::Green, Some(45.0))
        );
        // Q1 2022/23 (April to June 2022) is in 2022/23: target 48.
        assert_eq!(
            judged(&[("Q1 2022/23", 47.0)]),
            (Standing::Amber, Some(48.0))
        );
        // Before the first target's year: not yet due, the first is next.
        assert_eq!(
            judged(&[("2019/20", 30.0)]),
            (Standing::NotYetDue, Some(42.0))
        );
        // After the last: the last stands.
        assert_eq!(judged(&[("2024", 39.0)]), (Standing::Red, Some(48.0)));
    }

    #[test]
    fn a_context_indicator_is_judged_against_its_expected_range() {
        let yaml =
            "title: t\nunit: count\nbetter: neither\nexpected: { low: 80000, high: 90000 }\n";
        assert_eq!(status(yaml, &[("2021", 86000.0)]), Standing::InRange);
        assert_eq!(status(yaml, &[("2021", 90000.0)]), Standing::InRange);
        assert_eq!(status(yaml, &[("2021", 91000.0)]), Standing::OutOfRange);
        let bare = "title: t\nunit: count\nbetter: neither\n";
        assert_eq!(status(bare, &[("2021", 1.0)]), Standing::NoTarget);
    }

    #[test]
    fn the_regression_gives_the_slope_and_its_t() {
        // 41, 43, 44, 46, 47 at 0..4: mean x 2, mean y 44.2; Sxy 15, Sxx 10,
        // slope 1.5; residuals -0.2 0.3 -0.2 0.3 -0.2, SSE 0.3, s² 0.1,
        // se √(0.1/10) = 0.1, t = 15.
        let points: Vec<(f64, f64)> = [41.0, 43.0, 44.0, 46.0, 47.0]
            .iter()
            .enumerate()
            .map(|(i, v)| (i as f64, *v))
            .collect();
        let (slope, t) = regression(&points);
        assert!(
            (slope - 1.5).abs() < 1e-9 && (t - 15.0).abs() < 1e-9,
            "{slope} {t}"
        );
        assert_eq!(
            regression(&[(0.0, 1.0), (1.0, 1.0), (2.0, 1.0)]),
            (0.0, 0.0)
        );
        assert_eq!(
            regression(&[(0.0, 1.0), (1.0, 2.0), (2.0, 3.0)]).1,
            f64::INFINITY
        );
    }

    #[test]
    fn the_direction_of_travel_needs_enough_figures_and_a_significant_slope() {
        let rising = [("2019", 10.0), ("2020", 12.0), ("2021", 14.1)];
        let trend = |yaml: &str, figures: &[(&str, f64)]| {
            measure(yaml, figures)
                .trend(&Rule::default())
                .map(|t| t.direction)
        };
        assert_eq!(trend(HIGHER, &rising), Some(Direction::Improving));
        assert_eq!(trend(LOWER, &rising), Some(Direction::Worsening));
        let neither = "title: t\nunit: count\nbetter: neither\n";
        assert_eq!(trend(neither, &rising), Some(Direction::Rising));
        assert_eq!(trend(HIGHER, &rising[..2]), None);
        // 30, 28, 31, 32: slope 0.9, t ≈ 1.31 < 4.303 (2 degrees of freedom).
        let noisy = [
            ("2018", 30.0),
            ("2019", 28.0),
            ("2020", 31.0),
            ("2021", 32.0),
        ];
        assert_eq!(trend(LOWER, &noisy), Some(Direction::NoClearTrend));
        // Only the last `trend_figures` count: the fall before them does not.
        let rule = Rule {
            trend_figures: 3,
            ..Rule::default()
        };
        let m = measure(
            HIGHER,
            &[
                ("2016", 90.0),
                ("2017", 50.0),
                ("2018", 10.0),
                ("2019", 12.0),
                ("2020", 14.05),
                ("2021", 16.0),
            ],
        );
        assert_eq!(
            m.trend(&rule).map(|t| (t.direction, t.figures)),
            Some((Direction::Improving, 3))
        );
    }
}
