//! The two widths a chart is drawn at, and how much room its words take.
//!
//! An SVG scales as a whole: its 16-unit text shrinks with the drawing. A
//! chart 720 units wide read on a phone 290 CSS px across would have text
//! of 6 px, so each chart is drawn twice, 720 units wide for screens wider
//! than 40em and 320 wide for phones (the theme shows one by media query):
//! at 320 units in a column of 240 px or more its text is 12 px or larger.
//!
//! plotters places text where it is told and cannot measure it without a
//! font file, so the room a label needs is estimated from the advance
//! widths of DejaVu Sans, the widest common `sans-serif` font; narrower
//! fonts (Arial, Helvetica) only leave more room.

/// The size of every word in a chart, in its own units.
pub const TEXT: f64 = 16.0;
/// plotters divides font sizes by 1.24; this gives `TEXT`-unit text.
pub const FONT: f64 = TEXT * 1.24;
/// From one line of text to the next.
pub const LINE: i32 = 20;

/// A width a chart is drawn at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub width: u32,
    /// Around the drawing.
    pub margin: u32,
    /// A measure's chart, without its legend.
    pub height: u32,
    /// Added to the ids inside the drawing: both drawings are in one page.
    pub suffix: &'static str,
    /// The theme's class that shows it at its widths.
    pub class: &'static str,
}

pub const WIDE: Size = Size {
    width: 720,
    margin: 20,
    height: 400,
    suffix: "",
    class: "chart__svg chart__svg--wide",
};

pub const NARROW: Size = Size {
    width: 320,
    margin: 10,
    height: 320,
    suffix: "-narrow",
    class: "chart__svg chart__svg--narrow",
};

/// The width of one character in ems, about DejaVu Sans's.
fn em(c: char) -> f64 {
    match c {
        'i' | 'j' | 'l' | '\'' | '’' | '.' | ',' | ':' | ';' | '!' | '|' => 0.32,
        ' ' | '/' | '(' | ')' | '-' | 'f' | 't' => 0.4,
        'r' => 0.42,
        '0'..='9' | '£' | '$' => 0.64,
        'm' | 'w' | 'M' | 'W' | '%' | '@' | '—' => 1.0,
        'A'..='Z' => 0.76,
        _ => 0.62,
    }
}

/// The width `text` takes at the chart's text size.
pub fn width(text: &str) -> f64 {
    text.chars().map(em).sum::<f64>() * TEXT
}

/// `text` in lines of at most `room` wide, broken at spaces; a word wider
/// than `room` has a line of its own.
pub fn wrap(text: &str, room: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if width(&format!("{line} {word}")) <= room => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_stays_12_css_px_or_more_on_a_phone() {
        // 320 CSS px less the page's 15 px margins is 290 px across; a
        // column as narrow as 240 px still gives 12 px.
        assert!(TEXT * 240.0 / f64::from(NARROW.width) >= 12.0);
        // The wide drawing is shown from 40em (640 px, a column of 610).
        assert!(TEXT * 610.0 / f64::from(WIDE.width) >= 12.0);
    }

    #[test]
    fn words_wrap_at_spaces_within_the_room() {
        let lines = wrap("Increasing Opportunities, Improving Outcomes", 200.0);
        assert_eq!(
            lines,
            ["Increasing", "Opportunities,", "Improving Outcomes"]
        );
        assert!(lines.iter().all(|l| width(l) <= 200.0 || !l.contains(' ')));
        assert_eq!(wrap("Next Four Years", 400.0), ["Next Four Years"]);
    }
}
