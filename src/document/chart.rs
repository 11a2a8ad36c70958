//! Accessible SVG charts of a measure's figures, drawn with plotters.
//!
//! plotters writes plain SVG with no role, title or description, fixed pixel
//! sizes and its own colours. The result is post-processed so that:
//! - the root has `role="img"`, is named by its figure's caption (the
//!   element `{id}-caption`, which pages and exports give) and described by
//!   its `<desc>`: the data in words, never how they are drawn;
//! - it scales (`viewBox`, no fixed width or height);
//! - every mark is drawn in `currentColor`, so the chart follows the page's
//!   text colour, forced-colours (high contrast) mode and print. Series differ
//!   by line style and marker shape, never by colour.
//!
//! Each chart is drawn at two widths ([`size`]): a phone's text would
//! otherwise be a third of the size it is drawn at.

mod legend;
mod size;
mod timeline;

use plotters::coord::CoordTranslate;
use plotters::coord::ranged1d::SegmentValue;
use plotters::coord::ranged1d::SegmentedCoord;
use plotters::coord::types::{RangedCoordf64, RangedCoordu32};
use plotters::drawing::DrawingAreaErrorKind;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use serde::Serialize;

use crate::model::{MAX_COMPARATORS, Measure, Observation, Unit, number};
use crate::support::{dates, escape};
use crate::theme::locale::Locale;
use size::{FONT, NARROW, Size, TEXT, WIDE};

/// Drawn in this colour, then turned into `currentColor`.
const INK: RGBColor = RGBColor(11, 12, 12);

/// A chart: what it shows, in words, and its accessible SVG at two widths.
/// Pages show `narrow` on phones and `svg` on wider screens; ebooks and
/// large print embed `svg` as it is.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    pub id: String,
    pub title: String,
    pub description: String,
    pub svg: String,
    pub narrow: String,
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
    let mut obs = m.in_time_order();
    obs.retain(|o| o.period.is_stated());
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
    let description = describe(m, &obs, &beside, locale);
    let labels: Vec<String> = obs.iter().map(|o| dates::short(o.period, locale)).collect();
    let values: Vec<f64> = obs.iter().map(|o| o.value).collect();
    let series = Series {
        labels: &labels,
        values: &values,
        own,
        beside: &beside,
    };
    let title = m.meta.title.clone();
    let drawn = |at: Size| {
        let (svg, height) = draw(&series, line.as_ref(), &m.unit, at, locale).ok()?;
        Some(accessible(&svg, &id, &title, &description, at, height))
    };
    Some(Chart {
        svg: drawn(WIDE)?,
        narrow: drawn(NARROW)?,
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
/// targets and each comparator's figures. The data alone: how a series is
/// drawn (a dashed line, a marker) is not something it says.
fn describe(m: &Measure, obs: &[&Observation], beside: &[Beside], locale: &Locale) -> String {
    let unit = &m.unit;
    let period = |w| dates::period(w, m.calendar, locale);
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
        let target = match &t.period {
            Some(p) => locale.text(
                "chart.target-for",
                &[("period", &period(p.value)), ("value", &value)],
            ),
            None => locale.text("chart.target", &[("value", &value)]),
        };
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

/// Where a measure's chart puts its words so that none is cut or overlaps
/// its neighbour: room for the y axis's longest label, room on the right
/// for the last figure's label, and which figures are labelled (every
/// `step`th, counted back from the latest, which always is).
struct Frame {
    y_area: u32,
    right: u32,
    step: usize,
}

impl Frame {
    fn of(series: &Series, y_max: f64, unit: &Unit, at: Size, locale: &Locale) -> Frame {
        let n = series.labels.len().max(1) as f64;
        // The longest tick label, beside the axis's rotated title.
        let y_area = (size::width(&number(y_max)) + TEXT + 30.0).ceil() as u32;
        let widest = series
            .labels
            .iter()
            .map(|l| size::width(l))
            .chain(
                series
                    .values
                    .iter()
                    .map(|v| size::width(&unit.display(*v, locale))),
            )
            .fold(0.0, f64::max);
        let across = |right: u32| f64::from(at.width - at.margin - right - y_area) / n;
        // The last label is centred on the last segment: half of it may
        // reach past the segment into the right margin.
        let mut right = at.margin;
        for _ in 0..2 {
            let over = widest / 2.0 - across(right) / 2.0 + 4.0;
            right = at.margin.max(over.ceil() as u32);
        }
        let step = ((widest + 6.0) / across(right)).ceil().max(1.0) as usize;
        Frame {
            y_area,
            right,
            step,
        }
    }

    /// Whether the `i`th of `n` figures is labelled.
    fn labels(&self, i: usize, n: usize) -> bool {
        (n - 1 - i).is_multiple_of(self.step)
    }
}

fn draw(
    series: &Series,
    target: Option<&Line>,
    unit: &Unit,
    at: Size,
    locale: &Locale,
) -> Result<(String, u32), Box<dyn std::error::Error>> {
    let labels = series.labels;
    let legend = legend::Legend::of(series.own, series.beside, at);
    let height = at.height + legend.height;
    let y_max = nice_ceiling(highest(series, target) * 1.1).max(1.0);
    let frame = Frame::of(series, y_max, unit, at, locale);
    let n = labels.len();
    let mut svg = String::new();
    {
        let whole = SVGBackend::with_string(&mut svg, (at.width, height)).into_drawing_area();
        let (root, below) = whole.split_vertically(at.height);
        // A segmented range 0..=last has one segment a figure.
        let last = (n as u32).saturating_sub(1);
        let mut chart = ChartBuilder::on(&root)
            .margin(at.margin)
            .margin_right(frame.right)
            .x_label_area_size(50)
            .y_label_area_size(frame.y_area)
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
            .y_labels(if at == NARROW { 4 } else { 6 })
            .y_label_formatter(&|v| number(*v))
            .x_labels(n)
            .x_label_formatter(&|x| match x {
                SegmentValue::CenterOf(i) if frame.labels(*i as usize, n) => {
                    labels.get(*i as usize).cloned().unwrap_or_default()
                }
                _ => String::new(),
            })
            .draw()?;
        draw_comparators(&mut chart, series.beside)?;
        draw_own(&mut chart, series.values, &frame, unit, locale)?;
        if let Some(target) = target {
            draw_target(&mut chart, target, unit, locale)?;
        }
        legend.draw(&below)?;
        whole.present()?;
    }
    Ok((svg, height))
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

/// The measure's own figures: a solid line, filled circles, the figures
/// the frame labels with their values.
fn draw_own(
    chart: &mut Plot,
    values: &[f64],
    frame: &Frame,
    unit: &Unit,
    locale: &Locale,
) -> Drawn {
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
    let n = values.len();
    chart.draw_series(
        points
            .iter()
            .enumerate()
            .filter(|(i, _)| frame.labels(*i, n))
            .map(|(_, (x, v))| {
                Text::new(
                    unit.display(*v, locale),
                    (x.clone(), *v),
                    ("sans-serif", FONT)
                        .into_font()
                        .color(&INK)
                        .pos(Pos::new(HPos::Center, VPos::Bottom)),
                )
            }),
    )?;
    Ok(())
}

/// The target as a dashed line, labelled at its start.
fn draw_target(chart: &mut Plot, target: &Line, unit: &Unit, locale: &Locale) -> Drawn {
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

/// One bar of the archive timeline: a document and the years it covered.
pub struct Span {
    pub label: String,
    pub start: f64,
    pub end: f64,
}

/// The strategies one after another, as horizontal bars on a line of years.
pub fn timeline(spans: &[Span], description: &str, locale: &Locale) -> Option<Chart> {
    if spans.is_empty() {
        return None;
    }
    let id = "chart-archive-timeline".to_string();
    let title = locale.word("chart.timeline").to_string();
    let drawn = |at: Size| {
        let (svg, height) = timeline::draw(spans, at)?;
        Some(accessible(&svg, &id, &title, description, at, height))
    };
    Some(Chart {
        svg: drawn(WIDE)?,
        narrow: drawn(NARROW)?,
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

/// Adds role, name, title and description; makes it scale; draws in
/// currentColor. The name is the figure's caption, so that a screen reader
/// hears the chart's title once; its `<title>` (the same words) is for a
/// pointer's tooltip.
fn accessible(svg: &str, id: &str, title: &str, desc: &str, at: Size, height: u32) -> String {
    let body_start = svg.find('>').map_or(0, |i| i + 1);
    let body = &svg[body_start..];
    let body = body
        .replace("#0B0C0C", "currentColor")
        .replace("#0b0c0c", "currentColor")
        .replace("fill=\"#FFFFFF\"", "fill=\"none\"");
    let body = trim_text_nodes(&body);
    let own = format!("{id}{}", at.suffix);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {height}\" role=\"img\" aria-labelledby=\"{id}-caption\" aria-describedby=\"{own}-desc\" class=\"{}\"><title id=\"{own}-title\">{}</title><desc id=\"{own}-desc\">{}</desc>{}",
        at.width,
        at.class,
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
        let meta = serde_saphyr::from_str::<MeasureMeta>(yaml).unwrap();
        Measure {
            id: "m".into(),
            unit: Unit::built_in(&meta.unit.value),
            calendar: Default::default(),
            meta,
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

    const YAML: &str = "title: t\nunit: percent\nbetter: higher\n";

    fn chart(yaml: &str, figures: &[(&str, f64)]) -> Chart {
        measure_chart(&measure(yaml, figures), "Council", &english()).unwrap()
    }

    /// The words of each `<text>` of `svg`.
    fn words(svg: &str) -> Vec<&str> {
        svg.split("<text")
            .skip(1)
            .filter_map(|t| t.split_once('>').and_then(|(_, r)| r.split_once("</text>")))
            .map(|(w, _)| w)
            .filter(|w| !w.is_empty())
            .collect()
    }

    /// Each text of `svg` that is not rotated is estimated to lie within
    /// `width`, by its anchor.
    fn inside(svg: &str, width: f64) {
        for text in svg.split("<text").skip(1) {
            let (open, rest) = text.split_once('>').unwrap();
            if open.contains("rotate(") {
                continue;
            }
            let w = size::width(rest.split("</text>").next().unwrap());
            let at = open.find(" x=\"").unwrap() + 4;
            let x: f64 = open[at..].split('"').next().unwrap().parse().unwrap();
            let start = if open.contains("text-anchor=\"middle\"") {
                x - w / 2.0
            } else if open.contains("text-anchor=\"end\"") {
                x - w
            } else {
                x
            };
            assert!(
                start >= 0.0 && start + w <= width,
                "{text} in {width}: {svg}"
            );
        }
    }

    /// A comparator with one figure, for 2021.
    fn comparator(name: &str) -> String {
        format!(
            "  - name: {name}\n    source: {{ document: d, anchor: a }}\n    figures:\n      - {{ period: \"2021\", value: 45 }}\n"
        )
    }

    #[test]
    fn comparators_are_further_series_with_a_legend_below_the_chart() {
        let figures = [("2020", 40.0), ("2021", 42.0)];
        let alone = chart(YAML, &figures);
        assert!(alone.svg.contains("viewBox=\"0 0 720 400\""));
        assert!(alone.narrow.contains("viewBox=\"0 0 320 320\""));
        assert!(
            !alone.svg.contains("Council"),
            "no legend without comparators"
        );
        let compared = format!("{YAML}comparators:\n{}", comparator("England"));
        let one = chart(&compared, &figures);
        // A row of legend below the chart, on a phone too.
        assert!(one.svg.contains("viewBox=\"0 0 720 440\""), "{}", one.svg);
        assert!(
            one.narrow.contains("viewBox=\"0 0 320 360\""),
            "{}",
            one.narrow
        );
        for svg in [&one.svg, &one.narrow] {
            assert!(svg.contains(">Council<") && svg.contains(">England<"));
        }
        assert!(
            one.description.ends_with(" England: 45% in 2021."),
            "{}",
            one.description
        );
        // A long name goes on a row of its own, wrapped on a phone, and
        // every name stays inside the drawing.
        let long = "The average of the nearest statistical neighbours of the council";
        let two = chart(&format!("{compared}{}", comparator(long)), &figures);
        assert!(two.svg.contains("viewBox=\"0 0 720 470\""), "{}", two.svg);
        assert!(words(&two.svg).contains(&long));
        assert!(!words(&two.narrow).contains(&long), "wrapped on a phone");
        inside(&two.svg, 720.0);
        inside(&two.narrow, 320.0);
    }

    #[test]
    fn the_chart_is_named_by_its_caption_and_described_by_its_data() {
        let yaml = format!("{YAML}target: {{ value: 90 }}\n");
        let c = chart(&yaml, &[("2020", 84.0), ("2021", 86.0)]);
        assert_eq!(
            c.description,
            "84% in 2020 to 86% in 2021, 2 figures in all. Target: 90%."
        );
        for (svg, own) in [(&c.svg, "chart-m"), (&c.narrow, "chart-m-narrow")] {
            let named = format!(
                "role=\"img\" aria-labelledby=\"chart-m-caption\" aria-describedby=\"{own}-desc\""
            );
            assert!(svg.contains(&named), "{svg}");
            let desc = format!("<desc id=\"{own}-desc\">{}</desc>", c.description);
            assert!(svg.contains(&desc), "{svg}");
        }
    }

    #[test]
    fn a_phone_s_chart_labels_fewer_figures_back_from_the_latest() {
        let four = [("2019", 1.0), ("2020", 2.0), ("2021", 3.0), ("2022", 4.0)];
        let years = chart(YAML, &four);
        for y in ["2019", "2020", "2021", "2022"] {
            assert!(words(&years.svg).contains(&y) && words(&years.narrow).contains(&y));
        }
        let quarters: Vec<(String, f64)> = (0..8)
            .map(|q| {
                let year = 2021 + q / 4;
                let period = format!("Q{} {year}/{}", q % 4 + 1, (year + 1) % 100);
                (period, 40.0 + f64::from(q))
            })
            .collect();
        let quarters: Vec<(&str, f64)> = quarters.iter().map(|(p, v)| (p.as_str(), *v)).collect();
        let c = chart(YAML, &quarters);
        let labelled = |svg: &str| -> Vec<String> {
            words(svg)
                .into_iter()
                .filter(|w| w.starts_with('Q'))
                .map(str::to_string)
                .collect()
        };
        // Eight quarters' labels fit across neither; fewer on a phone, and
        // the latest figure always labelled with its value.
        let (wide, narrow) = (labelled(&c.svg), labelled(&c.narrow));
        assert!(
            wide.len() < 8 && narrow.len() < wide.len(),
            "{wide:?} {narrow:?}"
        );
        for (svg, labels) in [(&c.svg, &wide), (&c.narrow, &narrow)] {
            assert_eq!(labels.last().map(String::as_str), Some("Q4 2022/23"));
            assert!(words(svg).contains(&"47%"));
        }
        inside(&c.svg, 720.0);
        inside(&c.narrow, 320.0);
    }

    #[test]
    fn the_y_axis_has_room_for_its_longest_label() {
        let yaml = "title: t\nunit: count\nbetter: higher\n";
        let c = chart(yaml, &[("2020", 900_000.0), ("2021", 950_000.0)]);
        let series = Series {
            labels: &["2020".into(), "2021".into()],
            values: &[900_000.0, 950_000.0],
            own: "Council",
            beside: &[],
        };
        let frame = Frame::of(
            &series,
            1_000_000.0,
            &Unit::built_in("count"),
            NARROW,
            &english(),
        );
        assert!(f64::from(frame.y_area) >= size::width("1,000,000") + TEXT);
        assert!(words(&c.narrow).contains(&"1,000,000"));
    }

    #[test]
    fn a_timeline_title_never_runs_past_the_edge() {
        let span = |label: &str, start, end| Span {
            label: label.into(),
            start,
            end,
        };
        let long = "A title long enough to run past the end of the drawing";
        let spans = [span("First", 2002.0, 2006.0), span(long, 2025.0, 2028.0)];
        let c = timeline(&spans, "d.", &english()).unwrap();
        inside(&c.svg, 720.0);
        inside(&c.narrow, 320.0);
        assert!(words(&c.svg).contains(&long));
        assert!(!words(&c.narrow).contains(&long), "wrapped on a phone");
    }

    #[test]
    fn ceilings_are_round_numbers() {
        assert_eq!(nice_ceiling(83.0), 100.0);
        assert_eq!(nice_ceiling(22.0), 25.0);
        assert_eq!(nice_ceiling(410.0), 500.0);
    }
}
