//! The archive's timeline: the strategies one after another, each a bar
//! across the years it covered with its title above it.
//!
//! Drawn on the drawing's own pixels rather than plotters' chart axes, so
//! that each title can be wrapped and moved left to stay inside the
//! drawing: a title starts above its bar unless it would run past the
//! right edge, and a title wider than the drawing takes several lines.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::size::{self, FONT, LINE, Size};
use super::{INK, Span};

/// Below the bars: the axis and its years.
const AXIS: i32 = 40;
const BAR: i32 = 20;
const GAP: i32 = 12;

/// Years from `first` to `last`, a tick every `step`.
struct Years {
    first: f64,
    last: f64,
    step: i32,
}

impl Years {
    fn of(spans: &[Span], room: f64) -> Option<Years> {
        let first = spans.iter().map(|s| s.start).fold(f64::INFINITY, f64::min);
        let last = spans
            .iter()
            .map(|s| s.end)
            .fold(f64::NEG_INFINITY, f64::max);
        if !first.is_finite() || !last.is_finite() {
            return None;
        }
        let (first, last) = (first.floor(), last.ceil().max(first.floor() + 1.0));
        // Each year's label with room either side of it.
        let label = size::width("2000") * 1.8;
        let step = [1, 2, 5, 10, 20, 50, 100]
            .into_iter()
            .find(|s| (last - first) / f64::from(*s) * label <= room)
            .unwrap_or(100);
        Some(Years { first, last, step })
    }
}

/// A title's lines and where they start, above its bar.
struct Row {
    lines: Vec<String>,
    x: i32,
    start: i32,
    end: i32,
}

/// The SVG of the timeline at `at`, and its height.
pub fn draw(spans: &[Span], at: Size) -> Option<(String, u32)> {
    let margin = at.margin as i32;
    let (left, right) = (margin, at.width as i32 - margin);
    let room = f64::from(right - left);
    let years = Years::of(spans, room)?;
    let px = |y: f64| left + ((y - years.first) / (years.last - years.first) * room).round() as i32;
    let rows: Vec<Row> = spans
        .iter()
        .map(|s| {
            let lines = size::wrap(&s.label, room);
            let widest = lines.iter().map(|l| size::width(l)).fold(0.0, f64::max);
            let (start, end) = (px(s.start), px(s.end));
            Row {
                x: start.min(right - widest.ceil() as i32).max(left),
                lines,
                start,
                end,
            }
        })
        .collect();
    let body: i32 = rows
        .iter()
        .map(|r| r.lines.len() as i32 * LINE + BAR + GAP)
        .sum();
    let height = (margin * 2 + body + AXIS) as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (at.width, height)).into_drawing_area();
        let axis_y = margin + body;
        draw_years(&root, &years, &px, (margin, axis_y)).ok()?;
        let font = ("sans-serif", FONT).into_font().color(&INK);
        let mut y = margin;
        for row in &rows {
            for line in &row.lines {
                y += LINE;
                let pos = Pos::new(HPos::Left, VPos::Bottom);
                root.draw(&Text::new(
                    line.clone(),
                    (row.x, y - 2),
                    font.clone().pos(pos),
                ))
                .ok()?;
            }
            root.draw(&Rectangle::new(
                [(row.start, y), (row.end, y + BAR)],
                INK.stroke_width(2),
            ))
            .ok()?;
            y += BAR + GAP;
        }
        root.present().ok()?;
    }
    Some((svg, height))
}

/// The axis along the bottom, a faint line up from each year it labels.
fn draw_years<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    years: &Years,
    px: &dyn Fn(f64) -> i32,
    (top, axis_y): (i32, i32),
) -> Result<(), plotters::drawing::DrawingAreaErrorKind<DB::ErrorType>> {
    let font = ("sans-serif", FONT).into_font().color(&INK);
    let first = years.first as i32;
    let mut year = first + (years.step - first.rem_euclid(years.step)) % years.step;
    while f64::from(year) <= years.last {
        let x = px(f64::from(year));
        root.draw(&PathElement::new(
            vec![(x, top), (x, axis_y)],
            INK.mix(0.3).stroke_width(1),
        ))?;
        let label = year.to_string();
        let half = (size::width(&label) / 2.0).ceil() as i32;
        if x - half >= 0 && x + half <= root.dim_in_pixel().0 as i32 {
            let pos = Pos::new(HPos::Center, VPos::Top);
            root.draw(&Text::new(label, (x, axis_y + 8), font.clone().pos(pos)))?;
        }
        year += years.step;
    }
    root.draw(&PathElement::new(
        vec![(px(years.first), axis_y), (px(years.last), axis_y)],
        INK.stroke_width(2),
    ))
}
