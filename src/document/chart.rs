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
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use serde::Serialize;

use crate::model::{Measure, Unit, number};
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

/// A chart of the measure's figures over time, with its target as a dashed
/// reference line when it has one target. `None` when there are fewer than
/// two figures of stated periods: one figure is shown as a number with its
/// period, never as a chart of one bar.
pub fn measure_chart(m: &Measure, locale: &Locale) -> Option<Chart> {
    let mut obs: Vec<_> = m
        .observations
        .iter()
        .filter(|o| o.period.is_stated())
        .collect();
    obs.sort_by_key(|o| o.period.sort_key());
    let (first, last) = (obs.first()?, obs.last()?);
    if obs.len() < 2 {
        return None;
    }
    let unit = m.meta.unit;
    let id = format!("chart-{}", m.id);
    let mut description = locale.text(
        "chart.description",
        &[
            ("first", &unit.format(first.value)),
            ("first_period", &dates::period(first.period, locale)),
            ("last", &unit.format(last.value)),
            ("last_period", &dates::period(last.period, locale)),
            ("count", &obs.len()),
        ],
    );
    let targets: Vec<_> = m.targets().collect();
    let line = match targets.as_slice() {
        [t] => Some(t),
        _ => None,
    };
    for t in &targets {
        let value = unit.format(t.value);
        let mut target = match &t.period {
            Some(p) => locale.text(
                "chart.target-for",
                &[
                    ("period", &dates::period(p.value, locale)),
                    ("value", &value),
                ],
            ),
            None => locale.text("chart.target", &[("value", &value)]),
        };
        if line.is_some() {
            target = locale.text("chart.dashed", &[("target", &target)]);
        }
        description.push_str(&format!(" {target}."));
    }
    let labels: Vec<String> = obs.iter().map(|o| dates::short(o.period, locale)).collect();
    let values: Vec<f64> = obs.iter().map(|o| o.value).collect();
    let svg = draw(&labels, &values, line.map(|t| t.value), unit, locale).ok()?;
    let title = m.meta.title.clone();
    Some(Chart {
        svg: accessible(&svg, &id, &title, &description, HEIGHT),
        id,
        title,
        description,
    })
}

fn draw(
    labels: &[String],
    values: &[f64],
    target: Option<f64>,
    unit: Unit,
    locale: &Locale,
) -> Result<String, Box<dyn std::error::Error>> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        let top = values.iter().copied().chain(target).fold(0.0_f64, f64::max);
        let y_max = nice_ceiling(top * 1.1).max(1.0);
        // A segmented range 0..=last has one segment a figure.
        let n = labels.len() as u32;
        let last = n.saturating_sub(1);
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
        let points: Vec<(SegmentValue<u32>, f64)> = values
            .iter()
            .enumerate()
            .map(|(i, v)| (SegmentValue::CenterOf(i as u32), *v))
            .collect();
        chart.draw_series(LineSeries::new(points.clone(), INK.stroke_width(3)))?;
        chart.draw_series(
            points
                .iter()
                .map(|p| Circle::new(p.clone(), 6, INK.filled())),
        )?;
        chart.draw_series(points.iter().map(|(x, v)| {
            Text::new(
                unit.format(*v),
                (x.clone(), *v),
                ("sans-serif", FONT)
                    .into_font()
                    .color(&INK)
                    .pos(Pos::new(HPos::Center, VPos::Bottom)),
            )
        }))?;
        if let Some(t) = target {
            let line = vec![(SegmentValue::Exact(0), t), (SegmentValue::Last, t)];
            chart.draw_series(DashedLineSeries::new(line, 10, 8, INK.stroke_width(2)))?;
            chart.draw_series(std::iter::once(Text::new(
                locale.text("chart.target-line", &[("value", &unit.format(t))]),
                (SegmentValue::Exact(0), t),
                ("sans-serif", FONT)
                    .into_font()
                    .color(&INK)
                    .pos(Pos::new(HPos::Left, VPos::Bottom)),
            )))?;
        }
        root.present()?;
    }
    Ok(svg)
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

    #[test]
    fn ceilings_are_round_numbers() {
        assert_eq!(nice_ceiling(83.0), 100.0);
        assert_eq!(nice_ceiling(22.0), 25.0);
        assert_eq!(nice_ceiling(410.0), 500.0);
    }
}
