//! The default theme, compiled into the binary by `build.rs`: every file of
//! `themes/default/` by its path in the theme.

/// `(path in the theme, bytes)`, sorted by path.
static FILES: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/builtin_theme.rs"));

/// The built-in theme's file at `path` (`templates/base.html`).
pub fn file(path: &str) -> Option<&'static [u8]> {
    FILES
        .binary_search_by(|(p, _)| p.cmp(&path))
        .ok()
        .map(|i| FILES[i].1)
}

/// The paths of the built-in theme's files, sorted.
pub fn paths() -> impl Iterator<Item = &'static str> {
    FILES.iter().map(|(p, _)| *p)
}

#[cfg(test)]
mod tests {
    #[test]
    fn holds_every_part_of_the_theme() {
        for path in [
            "templates/base.html",
            "export/package.opf",
            "static/planpress.css",
            "skeleton/strategy.yaml",
        ] {
            assert!(super::file(path).is_some(), "{path} is not built in");
        }
        assert!(super::paths().is_sorted());
    }
}
