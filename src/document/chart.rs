//! Accessible SVG charts of a measure's figures, drawn with plotters.
//!
//! plotters writes plain SVG with no role, title or description, fixed pixel
//! sizes and its own colours. The result is post-processed so that:
//! - the root has `role="img"`, `aria-labelledby`, `<title>` and `<desc>`;
//! - it scales (`viewBox`, no fixed width or height);
//! - every mark is drawn in `currentColor`, so the chart follows the page's
//!   text colour, forced-colours (high contrast) mode and print. Series differ
//!   by line style and marker shape, never by colour.

use plotters::coord::ranged1d::SegmentValue;
use plotters::coord::ranged1d::SegmentedCoord;
use plotters::coord::types::{RangedCoordf64, RangedCoordu32};
use plotters::coord::{CoordTranslate, Shift};
use plotters::drawing::DrawingAreaErrorKind;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use serde::Serialize;

use crate::model::{MAX_COMPARATORS, Measure, Observation, Unit, number};
use crate::support::{dates, escape};
use crate::theme::locale::Locale;

const WIDTH: u32 = 720;
const HEIGHT: u32 = 400;
/// Drawn in this colour, then turned into `currentColor`.
const INK: RGBColor = RGBColor(11, 12, 12);
/// plotters divides font sizes by 1.24; this gives 16 px text.
const FONT: f64 = 16.0 * 1.24;

/// A chart: what it shows, in words, and its accessible SVG. Pages,
/// ebooks and large print embed it as it is.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    pub id: String,
    pub title: String,
    pub description: String,
    pub svg: String,
}

/// How each comparator is drawn, in turn: the dashes of its line (dash,
/// gap) and its marker. The measure's own line is solid with filled
/// circles, its target dashed (10, 8) with no marker.
const COMPARATOR_STYLES: [(u32, u32, Marker); MAX_COMPARATORS] = [
    (2, 6, Marker::Square),
    (16, 6, Marker::Triangle),
    (4, 12, Marker::Cross),
];

#[derive(Clone, Copy)]
enum Marker {
    Circle,
    Square,
    Triangle,
    Cross,
}

/// A series a chart draws beside the measure's own: a name, and a value
/// (or none) for each of the measure's figures.
struct Beside {
    name: String,
    values: Vec<Option<f64>>,
}

/// A chart of the measure's figures over time, `own` naming them in the
/// legend; its target as a dashed reference line (a trajectory's target
/// for each figure's period); its comparators as further series, told
/// apart by line style and marker, with a legend. `None` when there are
/// fewer than two figures of stated periods: one figure is shown as a
/// number with its period, never as a chart of one bar.
pub fn measure_chart(m: &Measure, own: &str, locale: &Locale) -> Option<Chart> {
    let mut obs: Vec<_> = m
        .observations
        .iter()
        .filter(|o| o.period.is_stated())
        .collect();
    obs.sort_by_key(|o| o.period.sort_key());
    if obs.len() < 2 {
        return None;
    }
    let id = format!("chart-{}", m.id);
    let line = target_line(m, &obs);
    let beside: Vec<Beside> = m
        .meta
        .comparators
        .iter()
        .take(MAX_COMPARATORS)
        .map(|c| Beside {
            name: c.name.value.clone(),
            values: obs.iter().map(|o| c.at(o.period)).collect(),
        })
        .collect();
    let description = describe(m, &obs, line.is_some(), &beside, locale);
    let labels: Vec<String> = obs.iter().map(|o| dates::short(o.period, locale)).collect();
    let values: Vec<f64> = obs.iter().map(|o| o.value).collect();
    let series = Series {
        labels: &labels,
        values: &values,
        own,
        beside: &beside,
    };
    let height = if beside.is_empty() {
        HEIGHT
    } else {
        HEIGHT + LEGEND
    };
    let svg = draw(&series, line.as_ref(), m.meta.unit, height, locale).ok()?;
    let title = m.meta.title.clone();
    Some(Chart {
        svg: accessible(&svg, &id, &title, &description, height),
        id,
        title,
        description,
    })
}

/// One target is a flat line; a trajectory, each figure's own target.
fn target_line(m: &Measure, obs: &[&Observation]) -> Option<Line> {
    match m.targets().count() {
        0 => None,
        1 => m.targets().next().map(|t| Line::Flat(t.value)),
        _ => Some(Line::Trajectory(
            obs.iter()
                .map(|o| m.target_for(o).map(|(t, _)| t.value))
                .collect(),
        )),
    }
}

/// What the chart shows, in words: the first and last figures, the
/// targets and each comparator's figures.
fn describe(
    m: &Measure,
    obs: &[&Observation],
    drawn: bool,
    beside: &[Beside],
    locale: &Locale,
) -> String {
    let unit = m.meta.unit;
    let period = |w| dates::period(w, locale);
    let (first, last) = (obs[0], obs[obs.len() - 1]);
    let mut description = locale.text(
        "chart.description",
        &[
            ("first", &unit.display(first.value, locale)),
            ("first_period", &period(first.period)),
            ("last", &unit.display(last.value, locale)),
            ("last_period", &period(last.period)),
            ("count", &obs.len()),
        ],
    );
    for t in m.targets() {
        let value = unit.display(t.value, locale);
        let mut target = match &t.period {
            Some(p) => locale.text(
                "chart.target-for",
                &[("period", &period(p.value)), ("value", &value)],
            ),
            None => locale.text("chart.target", &[("value", &value)]),
        };
        if drawn {
            target = locale.text("chart.dashed", &[("target", &target)]);
        }
        description.push_str(&format!(" {target}."));
    }
    for b in beside {
        let shown: Vec<String> = obs
            .iter()
            .zip(&b.values)
            .filter_map(|(o, v)| {
                v.map(|v| {
                    locale.text(
                        "chart.figure-in",
                        &[
                            ("value", &unit.display(v, locale)),
                            ("period", &period(o.period)),
                        ],
                    )
                })
            })
            .collect();
        description.push_str(&format!(" {}: {}.", b.name, shown.join(", ")));
    }
    description
}

/// The height of the legend below a chart with comparators.
const LEGEND: u32 = 50;

/// What a chart draws: the measure's figures, labelled, and those beside them.
struct Series<'a> {
    labels: &'a [String],
    values: &'a [f64],
    own: &'a str,
    beside: &'a [Beside],
}

/// A target's reference line.
enum Line {
    Flat(f64),
    Trajectory(Vec<Option<f64>>),
}

/// The plotting area of a measure's chart: a segment a figure, across.
type Plot<'a, 'b> =
    ChartContext<'a, SVGBackend<'b>, Cartesian2d<SegmentedCoord<RangedCoordu32>, RangedCoordf64>>;
type Drawn = Result<(), Box<dyn std::error::Error>>;

fn draw(
    series: &Series,
    target: Option<&Line>,
    unit: Unit,
    height: u32,
    locale: &Locale,
) -> Result<String, Box<dyn std::error::Error>> {
    let labels = series.labels;
    let mut svg = String::new();
    {
        let whole = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let (root, legend) = whole.split_vertically(HEIGHT);
        let y_max = nice_ceiling(highest(series, target) * 1.1).max(1.0);
        // A segmented range 0..=last has one segment a figure.
        let last = (labels.len() as u32).saturating_sub(1);
        let mut chart = ChartBuilder::on(&root)
            .margin(20)
            .x_label_area_size(50)
            .y_label_area_size(90)
            .build_cartesian_2d((0..last).into_segmented(), 0.0..y_max)?;
        let text = ("sans-serif", FONT).into_font().color(&INK);
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(INK.mix(0.3))
            .axis_style(INK.stroke_width(2))
            .label_style(text.clone())
            .axis_desc_style(text.clone())
            .y_desc(unit.axis(locale))
            .y_labels(6)
            .y_label_formatter(&|v| number(*v))
            .x_label_formatter(&|x| match x {
                SegmentValue::CenterOf(i) => labels.get(*i as usize).cloned().unwrap_or_default(),
                _ => String::new(),
            })
            .draw()?;
        draw_comparators(&mut chart, series.beside)?;
        draw_own(&mut chart, series.values, unit, locale)?;
        if let Some(target) = target {
            draw_target(&mut chart, target, unit, locale)?;
        }
        if !series.beside.is_empty() {
            draw_legend(&legend, series)?;
        }
        whole.present()?;
    }
    Ok(svg)
}

/// The top of what a chart draws: figures, targets and comparators.
fn highest(series: &Series, target: Option<&Line>) -> f64 {
    let targets: Vec<f64> = match target {
        Some(Line::Flat(t)) => vec![*t],
        Some(Line::Trajectory(ts)) => ts.iter().flatten().copied().collect(),
        None => Vec::new(),
    };
    let compared = series.beside.iter().flat_map(|b| b.values.iter().flatten());
    series
        .values
        .iter()
        .chain(&targets)
        .chain(compared)
        .copied()
        .fold(0.0_f64, f64::max)
}

/// The centre of the segment of the `i`th figure.
fn at(i: usize) -> SegmentValue<u32> {
    SegmentValue::CenterOf(i as u32)
}

/// Each comparator as a dashed or dotted line with its own marker.
fn draw_comparators(chart: &mut Plot, beside: &[Beside]) -> Drawn {
    for (b, (dash, gap, marker)) in beside.iter().zip(COMPARATOR_STYLES) {
        let points: Vec<(SegmentValue<u32>, f64)> = b
            .values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| (at(i), v)))
            .collect();
        chart.draw_series(DashedLineSeries::new(
            points.clone(),
            dash,
            gap,
            INK.stroke_width(2),
        ))?;
        for p in points {
            draw_mark(chart.plotting_area(), marker, p, INK.stroke_width(2))?;
        }
    }
    Ok(())
}

/// The measure's own figures: a solid line, filled circles, each labelled.
fn draw_own(chart: &mut Plot, values: &[f64], unit: Unit, locale: &Locale) -> Drawn {
    let points: Vec<(SegmentValue<u32>, f64)> = values
        .iter()
        .enumerate()
        .map(|(i, v)| (at(i), *v))
        .collect();
    chart.draw_series(LineSeries::new(points.clone(), INK.stroke_width(3)))?;
    chart.draw_series(
        points
            .iter()
            .map(|p| Circle::new(p.clone(), 6, INK.filled())),
    )?;
    chart.draw_series(points.iter().map(|(x, v)| {
        Text::new(
            unit.display(*v, locale),
            (x.clone(), *v),
            ("sans-serif", FONT)
                .into_font()
                .color(&INK)
                .pos(Pos::new(HPos::Center, VPos::Bottom)),
        )
    }))?;
    Ok(())
}

/// The target as a dashed line, labelled at its start.
fn draw_target(chart: &mut Plot, target: &Line, unit: Unit, locale: &Locale) -> Drawn {
    let line: Vec<(SegmentValue<u32>, f64)> = match target {
        Line::Flat(t) => vec![(SegmentValue::Exact(0), *t), (SegmentValue::Last, *t)],
        Line::Trajectory(ts) => ts
            .iter()
            .enumerate()
            .filter_map(|(i, t)| t.map(|t| (at(i), t)))
            .collect(),
    };
    let Some((x, t)) = line.first().cloned() else {
        return Ok(());
    };
    chart.draw_series(DashedLineSeries::new(line, 10, 8, INK.stroke_width(2)))?;
    chart.draw_series(std::iter::once(Text::new(
        locale.text("chart.target-line", &[("value", &unit.display(t, locale))]),
        (x, t),
        ("sans-serif", FONT)
            .into_font()
            .color(&INK)
            .pos(Pos::new(HPos::Left, VPos::Bottom)),
    )))?;
    Ok(())
}

/// A marker of the given shape at `p`, in `style`.
fn draw_mark<DB: DrawingBackend, CT: CoordTranslate>(
    area: &DrawingArea<DB, CT>,
    marker: Marker,
    p: CT::From,
    style: ShapeStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    match marker {
        Marker::Circle => area.draw(&Circle::new(p, 6, style.filled())),
        Marker::Square => {
            area.draw(&(EmptyElement::at(p) + Rectangle::new([(-6, -6), (6, 6)], style)))
        }
        Marker::Triangle => area.draw(&TriangleMarker::new(p, 8, style)),
        Marker::Cross => area.draw(&Cross::new(p, 6, style)),
    }
}

/// Below the chart, a line and a marker of each series with its name.
fn draw_legend<DB: DrawingBackend>(
    legend: &DrawingArea<DB, Shift>,
    series: &Series,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let font = ("sans-serif", FONT).into_font().color(&INK);
    let y = (LEGEND / 2) as i32;
    let mut x = 110;
    let own = (0, 0, Marker::Circle);
    let entries = std::iter::once((series.own, own)).chain(
        series
            .beside
            .iter()
            .map(|b| b.name.as_str())
            .zip(COMPARATOR_STYLES),
    );
    for (name, (dash, gap, marker)) in entries {
        let line = vec![(x, y), (x + 56, y)];
        if dash == 0 {
            legend.draw(&PathElement::new(line, INK.stroke_width(3)))?;
        } else {
            legend.draw(&DashedPathElement::new(
                line,
                dash,
                gap,
                INK.stroke_width(2),
            ))?;
        }
        draw_mark(legend, marker, (x + 28, y), INK.stroke_width(2))?;
        legend.draw(&Text::new(
            name.to_string(),
            (x + 66, y),
            font.clone().pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
        // About 9 px a character at 16 px.
        x += 96 + 9 * name.chars().count() as i32;
    }
    Ok(())
}

/// One bar of the archive timeline: a document and the years it covered.
pub struct Span {
    pub label: String,
    pub start: f64,
    pub end: f64,
}

/// The strategies one after another, as horizontal bars on a line of years.
pub fn timeline(spans: &[Span], description: &str, locale: &Locale) -> Option<Chart> {
    let first = spans
        .iter()
        .map(|s| s.start)
        .fold(f64::INFINITY, f64::min)
        .floor();
    let last = spans
        .iter()
        .map(|s| s.end)
        .fold(f64::NEG_INFINITY, f64::max)
        .ceil();
    if spans.is_empty() || !first.is_finite() {
        return None;
    }
    let height = 80 + 50 * spans.len() as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let rows = spans.len() as f64;
        let mut chart = ChartBuilder::on(&root)
            .margin(20)
            .x_label_area_size(40)
            .build_cartesian_2d(first..last + 1.0, 0.0..rows)
            .ok()?;
        let text = ("sans-serif", FONT).into_font().color(&INK);
        chart
            .configure_mesh()
            .disable_y_mesh()
            .disable_y_axis()
            .light_line_style(TRANSPARENT)
            .bold_line_style(INK.mix(0.3))
            .axis_style(INK.stroke_width(2))
            .label_style(text.clone())
            .x_labels(((last - first) as usize / 2).max(2))
            .x_label_formatter(&|y| format!("{y:.0}"))
            .draw()
            .ok()?;
        for (i, span) in spans.iter().enumerate() {
            let top = rows - i as f64 - 0.15;
            let bottom = rows - i as f64 - 0.55;
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(span.start, bottom), (span.end, top)],
                    INK.stroke_width(2),
                )))
                .ok()?;
            chart
                .draw_series(std::iter::once(Text::new(
                    span.label.clone(),
                    (span.start, top + 0.05),
                    text.clone().pos(Pos::new(HPos::Left, VPos::Bottom)),
                )))
                .ok()?;
        }
        root.present().ok()?;
    }
    let id = "chart-archive-timeline".to_string();
    let title = locale.word("chart.timeline").to_string();
    Some(Chart {
        svg: accessible(&svg, &id, &title, description, height),
        id,
        title,
        description: description.to_string(),
    })
}

/// The smallest of 1, 2, 2.5 or 5 × 10ⁿ at or above `v`.
fn nice_ceiling(v: f64) -> f64 {
    if v <= 0.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|s| s * magnitude)
        .find(|c| *c >= v)
        .unwrap_or(v)
}

/// Adds role, title and description; makes it scale; draws in currentColor.
fn accessible(svg: &str, id: &str, title: &str, desc: &str, height: u32) -> String {
    let body_start = svg.find('>').map_or(0, |i| i + 1);
    let body = &svg[body_start..];
    let body = body
        .replace("#0B0C0C", "currentColor")
        .replace("#0b0c0c", "currentColor")
        .replace("fill=\"#FFFFFF\"", "fill=\"none\"");
    let body = trim_text_nodes(&body);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" class=\"chart__svg\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>{}",
        escape::html(title),
        escape::html(desc),
        body.trim_start()
    )
}

/// plotters leaves line breaks around the words of each `<text>`.
fn trim_text_nodes(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(start) = rest.find("<text") {
        let Some(open_end) = rest[start..].find('>').map(|i| start + i + 1) else {
            break;
        };
        let Some(close) = rest[open_end..].find("</text>").map(|i| open_end + i) else {
            break;
        };
        out.push_str(&rest[..open_end]);
        out.push_str(rest[open_end..close].trim());
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Citation, MeasureMeta, Observation, SourceFile, Spanned};
    use crate::theme::locale::english;

    /// A measure of `yaml` with its figures as (period, value).
    fn measure(yaml: &str, figures: &[(&str, f64)]) -> Measure {
        let file = SourceFile {
            path: "m.yaml".into(),
            text: yaml.into(),
        };
        let nowhere = serde_saphyr::Location::UNKNOWN;
        let slug = |v: &str| Spanned::new(v.to_string(), nowhere, nowhere);
        Measure {
            id: "m".into(),
            meta: serde_saphyr::from_str::<MeasureMeta>(yaml).unwrap(),
            meta_file: file.clone(),
            observations: figures
                .iter()
                .map(|(p, v)| Observation {
                    period: p.parse().unwrap(),
                    value: *v,
                    source: Citation::Paragraph {
                        document: slug("d"),
                        anchor: slug("a"),
                    },
                    note: None,
                    line: 2,
                })
                .collect(),
            csv_file: file,
        }
    }

    #[test]
    fn comparators_are_further_series_with_a_legend_below_the_chart() {
        let yaml = "title: t\nunit: percent\nbetter: higher\n";
        let figures = [("2020", 40.0), ("2021", 42.0)];
        let alone = measure_chart(&measure(yaml, &figures), "Council", &english()).unwrap();
        assert!(
            alone
                .svg
                .contains(&format!("viewBox=\"0 0 {WIDTH} {HEIGHT}\""))
        );
        assert!(
            !alone.svg.contains("Council"),
            "no legend without comparators"
        );
        let compared = format!(
            "{yaml}comparators:\n  - name: England\n    source: {{ document: d, anchor: a }}\n    figures:\n      - {{ period: \"2021\", value: 45 }}\n"
        );
        let chart = measure_chart(&measure(&compared, &figures), "Council", &english()).unwrap();
        let height = HEIGHT + LEGEND;
        assert!(
            chart
                .svg
                .contains(&format!("viewBox=\"0 0 {WIDTH} {height}\""))
        );
        assert!(chart.svg.contains(">Council<") && chart.svg.contains(">England<"));
        assert!(
            chart.description.ends_with(" England: 45% in 2021."),
            "{}",
            chart.description
        );
    }

    #[test]
    fn ceilings_are_round_numbers() {
        assert_eq!(nice_ceiling(83.0), 100.0);
        assert_eq!(nice_ceiling(22.0), 25.0);
        assert_eq!(nice_ceiling(410.0), 500.0);
    }
}
