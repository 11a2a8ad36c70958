//! Below a chart with comparators: a line and a marker of each series with
//! its name, side by side while they fit across and on a line each when not,
//! a long name wrapped.

use plotters::coord::Shift;
use plotters::drawing::DrawingAreaErrorKind;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::size::{self, FONT, LINE, Size};
use super::{Beside, COMPARATOR_STYLES, INK, Marker, draw_mark};

/// The sample of a series' line, then its name.
const SAMPLE: i32 = 56;
const NAME_AT: i32 = SAMPLE + 10;
/// Between one entry and the next beside it.
const SPACE: i32 = 30;

/// One series: how it is drawn, its name's lines, and where it starts.
struct Entry {
    style: (u32, u32, Marker),
    lines: Vec<String>,
    x: i32,
    y: i32,
}

/// The legend of a chart: none without comparators.
pub(super) struct Legend {
    entries: Vec<Entry>,
    pub height: u32,
}

impl Legend {
    pub fn of(own: &str, beside: &[Beside], at: Size) -> Legend {
        if beside.is_empty() {
            return Legend {
                entries: Vec::new(),
                height: 0,
            };
        }
        let margin = at.margin as i32;
        let right = at.width as i32 - margin;
        let named = std::iter::once((own, (0, 0, Marker::Circle))).chain(
            beside
                .iter()
                .map(|b| b.name.as_str())
                .zip(COMPARATOR_STYLES),
        );
        let mut entries = Vec::new();
        let (mut x, mut y, mut tallest) = (margin, 10, 1);
        for (name, style) in named {
            let fits = |x: i32| x + NAME_AT + size::width(name).ceil() as i32 <= right;
            if x > margin && !fits(x) {
                (x, y, tallest) = (margin, y + tallest * LINE + 10, 1);
            }
            let lines = size::wrap(name, f64::from(right - x - NAME_AT));
            let wide = lines.iter().map(|l| size::width(l)).fold(0.0, f64::max);
            tallest = tallest.max(lines.len() as i32);
            entries.push(Entry { style, lines, x, y });
            x += NAME_AT + wide.ceil() as i32 + SPACE;
        }
        Legend {
            entries,
            height: (y + tallest * LINE + 10) as u32,
        }
    }

    pub fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        let font = ("sans-serif", FONT).into_font().color(&INK);
        for Entry {
            style: (dash, gap, marker),
            lines,
            x,
            y,
        } in &self.entries
        {
            let (x, middle) = (*x, *y + LINE / 2);
            let line = vec![(x, middle), (x + SAMPLE, middle)];
            if *dash == 0 {
                area.draw(&PathElement::new(line, INK.stroke_width(3)))?;
            } else {
                area.draw(&DashedPathElement::new(
                    line,
                    *dash,
                    *gap,
                    INK.stroke_width(2),
                ))?;
            }
            draw_mark(area, *marker, (x + SAMPLE / 2, middle), INK.stroke_width(2))?;
            for (i, text) in lines.iter().enumerate() {
                area.draw(&Text::new(
                    text.clone(),
                    (x + NAME_AT, middle + i as i32 * LINE),
                    font.clone().pos(Pos::new(HPos::Left, VPos::Center)),
                ))?;
            }
        }
        Ok(())
    }
}
