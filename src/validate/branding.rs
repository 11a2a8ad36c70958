//! `branding:` of `site.yaml`: colours a reader can tell apart (WCAG 2.2 AA:
//! 4.5:1 for text, 3:1 for a focus indicator against the page) and a logo
//! with a text alternative. The colours the theme puts them beside are its
//! page (white) and text (`#0b0c0c`), as `planpress.css` sets them.

use crate::diagnostic::{Problem, Problems};
use crate::model::{Branding, Content, SourceFile};
use crate::support::colour::{Colour, contrast, ratio_text};
use crate::theme::Theme;

/// The built-in theme's page background and text colours.
const PAGE: Colour = Colour::WHITE;
/// The header's background and text, without `branding:`.
const HEADER: Colour = Colour::rgb(0x0b, 0x0c, 0x0c);
const TEXT_MINIMUM: f64 = 4.5;
const FOCUS_MINIMUM: f64 = 3.0;

pub(super) fn check_branding(branding: &Branding, file: &SourceFile, problems: &mut Problems) {
    let mut colour = |key: &str, value: &Option<String>| -> Option<Colour> {
        let text = value.as_ref()?;
        let parsed = Colour::parse(text);
        if parsed.is_none() {
            problems.push(
                Problem::at(
                    file,
                    line_of(file, key),
                    1,
                    format!("`{text}` is not a colour"),
                )
                .help(format!(
                    "write `{key}` as `#` and six hex digits, e.g. `#1d70b8`"
                )),
            );
        }
        parsed
    };
    let brand = colour("colour:", &branding.colour);
    let text = colour("text_colour:", &branding.text_colour);
    let focus = colour("focus_colour:", &branding.focus_colour);
    if brand.is_some() || text.is_some() {
        let (brand, text) = (brand.unwrap_or(HEADER), text.unwrap_or(Colour::WHITE));
        let ratio = contrast(brand, text);
        if ratio < TEXT_MINIMUM {
            let key = if branding.colour.is_some() {
                "colour:"
            } else {
                "text_colour:"
            };
            problems.push(
                Problem::at(
                    file,
                    line_of(file, key),
                    1,
                    format!(
                        "the header's text ({}) on the brand colour ({}) has a contrast of {}; text needs at least 4.5:1",
                        text.hex(),
                        brand.hex(),
                        ratio_text(ratio)
                    ),
                )
                .help("choose a darker brand colour, or set `text_colour` to one that stands out on it"),
            );
        }
    }
    if let Some(focus) = focus {
        let ratio = contrast(focus, PAGE);
        if ratio < FOCUS_MINIMUM {
            problems.push(
                Problem::at(
                    file,
                    line_of(file, "focus_colour:"),
                    1,
                    format!(
                        "the focus colour ({}) against the page ({}) has a contrast of {}; a focus indicator needs at least 3:1",
                        focus.hex(),
                        PAGE.hex(),
                        ratio_text(ratio)
                    ),
                )
                .help("choose a darker focus colour, or leave `focus_colour` out to keep the theme's yellow and black indicator"),
            );
        }
    }
    if let Some(logo) = &branding.logo {
        let lower = logo.file.to_ascii_lowercase();
        if !(lower.ends_with(".svg") || lower.ends_with(".png")) {
            problems.push(
                Problem::at(file, line_of(file, "file:"), 1, format!("the logo `{}` is not an SVG or PNG file", logo.file))
                    .help("give the logo as an `.svg` (best: it stays sharp at every size) or `.png` file in the theme's `static/` folder"),
            );
        }
        if logo.alt.trim().is_empty() {
            problems.push(
                Problem::at(file, line_of(file, "alt:"), 1, "the logo has no text alternative")
                    .help("write in `alt` what the logo says, usually the council's name, for readers who cannot see it"),
            );
        }
    }
}

/// The files of the theme `site.yaml` names are there: the logo.
pub fn theme_files(content: &Content, theme: &Theme) -> Problems {
    let mut problems = Problems::default();
    let Some(logo) = &content.site.branding.logo else {
        return problems;
    };
    let path = format!("static/{}", logo.file);
    if !matches!(theme.file(&path), Ok(Some(_))) {
        let file = &content.site_file;
        let line = file
            .text
            .lines()
            .position(|l| l.contains(&logo.file))
            .map_or(1, |i| i + 1);
        problems.push(
            Problem::at(
                file,
                line,
                1,
                format!("the theme has no file `{path}` for the logo"),
            )
            .help(format!(
                "put the logo in themes/{}/static/, or correct its name",
                theme.name()
            )),
        );
    }
    problems
}

/// The line of `key` (`colour:`) under `branding:`: the first line after
/// it that holds the key as a word (not `text_colour:` for `colour:`).
fn line_of(file: &SourceFile, key: &str) -> usize {
    let start = super::site::top_line(file, "branding:");
    let holds = |line: &str| {
        line.match_indices(key).any(|(at, _)| {
            !line[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
    };
    file.text
        .lines()
        .enumerate()
        .skip(start)
        .find(|(_, l)| holds(l))
        .map_or(start, |(i, _)| i + 1)
}
