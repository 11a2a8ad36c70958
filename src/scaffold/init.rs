//! `planpress init [DIR] --organisation NAME`: a new site that checks clean
//! and builds with the binary alone. Its files are the built-in theme's
//! `starter/` (site.yaml, a plainly labelled example strategy, the content
//! guide), with the organisation, language and dates filled in; no theme is
//! written (the site uses the built-in one until it overrides a file).

use std::fs;
use std::path::{Path, PathBuf};

use super::ScaffoldError;
use crate::theme::builtin;

/// The languages a new site can be started in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    EnGb,
    Cy,
}

impl Language {
    pub fn tag(self) -> &'static str {
        match self {
            Language::EnGb => "en-GB",
            Language::Cy => "cy",
        }
    }
}

/// What the new site is filled in with.
#[derive(Debug, Clone)]
pub struct Options {
    pub organisation: String,
    pub language: Language,
    /// The day it is made: the accessibility statement's review date and
    /// the example's year.
    pub today: jiff::civil::Date,
}

/// Writes a new site into `dir`, which must be empty or absent; returns the
/// files written. If a file cannot be written, those written are removed.
pub fn init(dir: &Path, options: &Options) -> Result<Vec<PathBuf>, ScaffoldError> {
    if let Ok(mut entries) = fs::read_dir(dir)
        && entries.next().is_some()
    {
        return Err(ScaffoldError::NotEmpty(dir.to_path_buf()));
    }
    let mut written = Vec::new();
    let made = write_starter(dir, options, &mut written);
    if made.is_err() {
        for path in &written {
            let _ = fs::remove_file(path);
        }
    }
    made.map(|()| written)
}

fn write_starter(
    dir: &Path,
    options: &Options,
    written: &mut Vec<PathBuf>,
) -> Result<(), ScaffoldError> {
    for path in builtin::paths() {
        let (Some(rel), Some(bytes)) = (path.strip_prefix("starter/"), builtin::file(path)) else {
            continue;
        };
        let text = fill(&String::from_utf8_lossy(bytes), options);
        let target = dir.join(rel);
        fs::create_dir_all(target.parent().unwrap_or(dir))
            .and_then(|()| fs::write(&target, text))
            .map_err(|e| ScaffoldError::Io(target.clone(), e))?;
        written.push(target);
    }
    Ok(())
}

/// The starter's `{organisation}`, `{name}`, `{language}`, `{today}`,
/// `{year}`, `{last_year}` and `{end_year}` filled in; names are written as quoted YAML,
/// so that a `:` or `#` in them stays part of the name.
fn fill(text: &str, options: &Options) -> String {
    let quoted = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let year = options.today.year();
    text.replace("{organisation}", &quoted(&options.organisation))
        .replace(
            "{name}",
            &quoted(&format!("{} plans", options.organisation)),
        )
        .replace("{language}", options.language.tag())
        .replace("{today}", &options.today.to_string())
        .replace("{year}", &year.to_string())
        .replace("{last_year}", &(year - 1).to_string())
        .replace("{end_year}", &(year + 4).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_quoted_yaml() {
        let options = Options {
            organisation: "Borough of Example: North # East".to_string(),
            language: Language::Cy,
            today: jiff::civil::date(2027, 3, 1),
        };
        assert_eq!(
            fill(
                "o: {organisation}\nl: {language}\np: {year}-{end_year} {today}",
                &options
            ),
            "o: \"Borough of Example: North # East\"\nl: cy\np: 2027-2031 2027-03-01"
        );
    }
}
