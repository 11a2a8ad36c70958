//! The theme: templates, export templates, static files and the skeleton.
//! The default theme is compiled into the binary ([`builtin`]); a site's
//! `themes/NAME/` overrides it file by file, so a council that changes
//! `templates/base.html` and `static/planpress.css` keeps every other file
//! from the binary.

pub mod builtin;
pub mod locale;
mod templates;

use std::borrow::Cow;
use std::io;
use std::path::{Path, PathBuf};

pub use templates::{add_words, configured, environment, escape_html, problem};

/// The name of the built-in theme, and of a site's folder that overrides it
/// unless the project names another.
pub const BUILT_IN: &str = "default";

/// One site's theme: its own folder (which may be absent) over the built-in.
#[derive(Debug, Clone)]
pub struct Theme {
    name: String,
    /// `themes/NAME/` of the site.
    dir: PathBuf,
}

/// Where a theme file comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The site's own file: its path on disk.
    Site(PathBuf),
    BuiltIn,
}

/// A theme file's bytes and where they came from.
#[derive(Debug, Clone)]
pub struct File {
    pub bytes: Cow<'static, [u8]>,
    pub origin: Origin,
}

/// A file of the site's theme folder, and whether it differs from the
/// built-in file of that path (an upgrade's changes to such a file do not
/// reach the site: review them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    /// Its path in the theme: `templates/base.html`.
    pub path: String,
    pub kind: Overrides,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overrides {
    /// A built-in file, with other bytes.
    Changed,
    /// A built-in file, byte for byte.
    Same,
    /// A file the built-in theme does not have.
    Added,
}

impl Theme {
    /// The theme `name` of the project at `root`: `root/themes/NAME/` over
    /// the built-in.
    pub fn new(root: &Path, name: &str) -> Theme {
        Theme {
            name: name.to_string(),
            dir: root.join("themes").join(name),
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The site's theme folder, which may not exist.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The theme file at `path` (`templates/base.html`): the site's own if it
    /// has one, else the built-in; `None` if neither has it.
    pub fn file(&self, path: &str) -> io::Result<Option<File>> {
        let Some(own) = self.site_path(path) else {
            return Ok(None);
        };
        match std::fs::read(&own) {
            Ok(bytes) => Ok(Some(File {
                bytes: Cow::Owned(bytes),
                origin: Origin::Site(own),
            })),
            Err(e) if e.kind() == io::ErrorKind::NotFound || own.is_dir() => {
                Ok(builtin::file(path).map(|bytes| File {
                    bytes: Cow::Borrowed(bytes),
                    origin: Origin::BuiltIn,
                }))
            }
            Err(e) => Err(e),
        }
    }

    /// Where the file at `path` is read from, as a message names it:
    /// `themes/NAME/templates/base.html` (the site's, relative to the
    /// project) or `built-in theme default: templates/base.html`.
    pub fn describe(&self, path: &str) -> PathBuf {
        match self.site_path(path) {
            Some(own) if own.is_file() => Path::new("themes").join(&self.name).join(path),
            _ => PathBuf::from(format!("built-in theme {BUILT_IN}: {path}")),
        }
    }

    /// The paths (relative to `folder`) of every file under `folder`
    /// (`static`) of the site's theme or the built-in, sorted, each once.
    pub fn paths(&self, folder: &str) -> Vec<String> {
        let prefix = format!("{folder}/");
        let mut paths: Vec<String> = builtin::paths()
            .filter_map(|p| p.strip_prefix(&prefix))
            .map(str::to_string)
            .collect();
        paths.extend(
            self.own_files(folder)
                .into_iter()
                .filter_map(|p| p.strip_prefix(&prefix).map(str::to_string)),
        );
        paths.sort();
        paths.dedup();
        paths
    }

    /// The page templates (`templates/*.html`, by name) that run a script,
    /// for the accessibility statement to name truthfully. A `<script>`
    /// holding data, such as JSON-LD, runs nothing and does not count. A
    /// template that cannot be read is left to the renderer to report.
    pub fn scripted_templates(&self) -> Vec<String> {
        self.paths("templates")
            .into_iter()
            .filter(|name| name.ends_with(".html"))
            .filter(|name| {
                matches!(self.file(&format!("templates/{name}")),
                    Ok(Some(f)) if runs_script(&String::from_utf8_lossy(&f.bytes)))
            })
            .collect()
    }

    /// Every file of the site's theme folder, as it stands to the built-in.
    pub fn overrides(&self) -> Vec<Override> {
        self.own_files("")
            .into_iter()
            .map(|path| {
                let kind = match builtin::file(&path) {
                    None => Overrides::Added,
                    Some(built_in) => match std::fs::read(self.dir.join(&path)) {
                        Ok(own) if own == built_in => Overrides::Same,
                        _ => Overrides::Changed,
                    },
                };
                Override { path, kind }
            })
            .collect()
    }

    /// The site's file for `path`, if `path` is a plain relative path
    /// (no `..`, not absolute): a template name cannot reach outside.
    fn site_path(&self, path: &str) -> Option<PathBuf> {
        let plain = Path::new(path)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        (plain && !path.is_empty()).then(|| self.dir.join(path))
    }

    /// The site's files under `folder` of its theme (`""`: all), editors'
    /// litter left out, as `/`-separated paths relative to the theme
    /// folder, sorted; none if the folder does not exist.
    fn own_files(&self, folder: &str) -> Vec<String> {
        let mut found = Vec::new();
        let mut stack = vec![self.dir.join(folder)];
        while let Some(d) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&d) else {
                continue;
            };
            for path in entries.filter_map(Result::ok).map(|e| e.path()) {
                if crate::support::is_editor_litter(&path) {
                    continue;
                }
                if path.is_dir() {
                    stack.push(path);
                } else if let Ok(rel) = path.strip_prefix(&self.dir) {
                    found.push(rel.to_string_lossy().replace('\\', "/"));
                }
            }
        }
        found.sort();
        found
    }
}

/// Whether HTML (or a template of it) has a `<script>` element that runs:
/// one without a `type`, or of a JavaScript type, not a data block.
fn runs_script(html: &str) -> bool {
    html.match_indices("<script").any(|(at, _)| {
        let tag = &html[at..];
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        match tag.find("type=") {
            None => true,
            Some(t) => {
                let kind = tag[t + 5..].trim_start_matches(['"', '\'']);
                kind.starts_with("module") || kind.contains("javascript")
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::runs_script;

    #[test]
    fn a_script_runs_unless_it_holds_data() {
        assert!(runs_script(r#"<p>x</p><script src="/search.js"></script>"#));
        assert!(runs_script("<script>alert(1)</script>"));
        assert!(runs_script(r#"<script type="module" src="a.js"></script>"#));
        assert!(runs_script(r#"<script type="text/javascript">x</script>"#));
        assert!(!runs_script(
            r#"<script type="application/ld+json">{}</script>"#
        ));
        assert!(!runs_script("<p>No scripts: <noscript>here</noscript></p>"));
    }
}
