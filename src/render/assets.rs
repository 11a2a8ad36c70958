//! The theme's static files, published under names that carry a hash of
//! their contents (`planpress.3f2a9c1b.css`), so hosting can cache them for a
//! year and a changed file is fetched again at once.

use std::collections::BTreeMap;

use crate::diagnostic::{Problem, Problems};
use crate::theme::Theme;

/// Static files by their name in the theme (`planpress.css`, `img/x.png`),
/// with the path they are published at and their bytes; and the page
/// templates that run a script, found once with them (the preview keeps
/// both until the theme changes).
#[derive(Debug, Default)]
pub struct Assets {
    pub files: BTreeMap<String, (String, Vec<u8>)>,
    pub scripted: Vec<String>,
}

impl Assets {
    /// The theme's `static/` files: the site's own, else the built-in.
    pub fn load(theme: &Theme, problems: &mut Problems) -> Assets {
        let mut assets = Assets {
            scripted: theme.scripted_templates(),
            ..Assets::default()
        };
        for name in theme.paths("static") {
            let path = format!("static/{name}");
            match theme.file(&path) {
                Ok(Some(file)) => {
                    let published = format!("static/{}", hashed_name(&name, &file.bytes));
                    assets
                        .files
                        .insert(name, (published, file.bytes.into_owned()));
                }
                Ok(None) => {}
                Err(e) => problems.push(Problem::file(
                    &theme.describe(&path),
                    format!("cannot read the theme file: {e}"),
                )),
            }
        }
        assets
    }

    /// A file made from the site's settings (the branding stylesheet),
    /// published as the theme's own are.
    pub fn add(&mut self, name: &str, bytes: Vec<u8>) {
        let published = format!("static/{}", hashed_name(name, &bytes));
        self.files.insert(name.to_string(), (published, bytes));
    }

    /// Where a theme file is published, relative to the site root.
    pub fn path(&self, name: &str) -> String {
        self.files
            .get(name)
            .map_or_else(|| format!("static/{name}"), |(p, _)| p.clone())
    }
}

/// `planpress.css` → `planpress.<8 hex digits>.css`.
fn hashed_name(name: &str, bytes: &[u8]) -> String {
    let hash = format!("{:016x}", crate::support::hash::fnv1a(bytes));
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{}.{ext}", &hash[..8]),
        None => format!("{name}.{}", &hash[..8]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_change_with_contents_only() {
        assert_eq!(hashed_name("a.css", b"x"), hashed_name("a.css", b"x"));
        assert_ne!(hashed_name("a.css", b"x"), hashed_name("a.css", b"y"));
        assert!(hashed_name("planpress.css", b"x").starts_with("planpress."));
        assert!(hashed_name("planpress.css", b"x").ends_with(".css"));
    }
}
