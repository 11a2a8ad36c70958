//! Colours as `site.yaml` writes them (`#1d70b8`, `#fff`) and the contrast
//! between two of them, by WCAG 2.2's relative luminance formula.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour {
    pub red: u8,
    pub green: u8,
    pub blue: u8,
}

impl Colour {
    pub const WHITE: Colour = Colour::rgb(0xff, 0xff, 0xff);

    pub const fn rgb(red: u8, green: u8, blue: u8) -> Colour {
        Colour { red, green, blue }
    }

    /// `#rrggbb` or `#rgb`, in either case.
    pub fn parse(text: &str) -> Option<Colour> {
        let hex = text.strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize, width: usize| u8::from_str_radix(&hex[i..i + width], 16).ok();
        match hex.len() {
            6 => Some(Colour::rgb(digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
            3 => {
                let short = |i| digit(i, 1).map(|d| d * 17);
                Some(Colour::rgb(short(0)?, short(1)?, short(2)?))
            }
            _ => None,
        }
    }

    /// WCAG's relative luminance: 0 for black, 1 for white.
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.red) + 0.7152 * channel(self.green) + 0.0722 * channel(self.blue)
    }

    /// `#rrggbb`, as the stylesheet is given it.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.red, self.green, self.blue)
    }
}

/// The contrast ratio of two colours, from 1 (none) to 21 (black on white).
pub fn contrast(a: Colour, b: Colour) -> f64 {
    let (x, y) = (a.luminance(), b.luminance());
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// A ratio as a reader is told it: rounded down to two decimals (so that a
/// ratio just under the minimum never reads as the minimum), `4.48:1`.
pub fn ratio_text(ratio: f64) -> String {
    format!("{:.2}:1", (ratio * 100.0).floor() / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ratio(a: &str, b: &str) -> String {
        ratio_text(contrast(
            Colour::parse(a).unwrap(),
            Colour::parse(b).unwrap(),
        ))
    }

    #[test]
    fn known_pairs() {
        assert_eq!(ratio("#000000", "#ffffff"), "21.00:1");
        assert_eq!(ratio("#fff", "#FFFFFF"), "1.00:1");
        // WebAIM's contrast checker gives the next four as 4.48, 4.54, 5.17
        // and 1.35, rounded to the nearest; these are rounded down.
        assert_eq!(ratio("#777777", "#ffffff"), "4.47:1");
        assert_eq!(ratio("#767676", "#ffffff"), "4.54:1");
        assert_eq!(ratio("#1d70b8", "#ffffff"), "5.16:1");
        assert_eq!(ratio("#ffdd00", "#ffffff"), "1.34:1");
        assert_eq!(ratio("#ffdd00", "#0b0c0c"), "14.54:1");
    }

    #[test]
    fn only_hex_colours_are_read() {
        assert_eq!(Colour::parse("#abc"), Some(Colour::rgb(0xaa, 0xbb, 0xcc)));
        assert_eq!(
            Colour::parse("#1D70B8").map(Colour::hex),
            Some("#1d70b8".into())
        );
        for bad in ["1d70b8", "#1d70b", "#ggg", "blue", "#", "#+1d70b"] {
            assert_eq!(Colour::parse(bad), None, "{bad}");
        }
    }
}
