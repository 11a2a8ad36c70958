//! What planpress writes into a project for its editors: a new strategy's
//! commented skeleton (`planpress new strategy SLUG`), from the theme's
//! `skeleton/` (the site's own, else the built-in theme's), not Rust; a new
//! site ([`init`]); the built-in theme written out ([`eject`]).

pub mod eject;
pub mod init;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::load::is_slug;
use crate::theme::Theme;

#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error(
        "`{0}` is not a slug: use lower-case letters, digits and hyphens, e.g. `council-strategy-2026`"
    )]
    BadSlug(String),
    #[error("{0} already exists; choose another slug or edit it")]
    Exists(PathBuf),
    #[error("cannot write {0}: {1}")]
    Io(PathBuf, io::Error),
    #[error("cannot read the theme's skeleton file {0}: {1}")]
    Theme(PathBuf, io::Error),
    #[error(
        "these files are there already and differ from the built-in theme's: {}; move them away, or add --force to write over them",
        .0.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
    )]
    WouldOverwrite(Vec<PathBuf>),
    #[error("{0} is not empty; give a new or empty folder for the new site")]
    NotEmpty(PathBuf),
}

/// Writes the theme's `skeleton/` to `content/strategies/<slug>/`, with the
/// site's organisation as the publisher. The folder is made beside its
/// place and renamed into it when complete, so a failure leaves none.
pub fn new_strategy(root: &Path, theme: &Theme, slug: &str) -> Result<PathBuf, ScaffoldError> {
    if !is_slug(slug) {
        return Err(ScaffoldError::BadSlug(slug.to_string()));
    }
    let strategies = root.join("content/strategies");
    let dir = strategies.join(slug);
    if dir.exists() {
        return Err(ScaffoldError::Exists(dir));
    }
    // A name starting with `.` is not content: a build ignores it if a
    // crash leaves it behind.
    let staging = strategies.join(format!(".{slug}.new"));
    let made = write_skeleton(root, theme, &staging)
        .and_then(|()| fs::rename(&staging, &dir).map_err(|e| ScaffoldError::Io(dir.clone(), e)));
    if made.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    made.map(|()| dir)
}

fn write_skeleton(root: &Path, theme: &Theme, to: &Path) -> Result<(), ScaffoldError> {
    if to.exists() {
        fs::remove_dir_all(to).map_err(|e| ScaffoldError::Io(to.to_path_buf(), e))?;
    }
    let organisation = organisation(root);
    for name in theme.paths("skeleton") {
        let path = format!("skeleton/{name}");
        let file = theme
            .file(&path)
            .map_err(|e| ScaffoldError::Theme(theme.describe(&path), e))?;
        let Some(file) = file else { continue };
        let mut bytes = file.bytes.into_owned();
        if let (true, Some(organisation)) = (name == "strategy.yaml", &organisation) {
            bytes = with_publisher(&String::from_utf8_lossy(&bytes), organisation).into_bytes();
        }
        let target = to.join(&name);
        let parent = target.parent().unwrap_or(to);
        fs::create_dir_all(parent)
            .and_then(|()| fs::write(&target, bytes))
            .map_err(|e| ScaffoldError::Io(target.clone(), e))?;
    }
    Ok(())
}

/// The skeleton's `publisher:` line, naming `organisation`.
fn with_publisher(text: &str, organisation: &str) -> String {
    let line = text
        .lines()
        .find(|l| l.starts_with("publisher:"))
        .unwrap_or_default();
    if line.is_empty() {
        return text.to_string();
    }
    text.replacen(line, &format!("publisher: {organisation}"), 1)
}

/// `organisation` of the site's `site.yaml`, read as a build reads it.
fn organisation(root: &Path) -> Option<String> {
    let rel = Path::new("content/site.yaml");
    let file = crate::load::source_text(rel, fs::read(root.join(rel)).ok()?).ok()?;
    let site: crate::model::Site =
        crate::load::parse_yaml(&file, 0, &mut crate::diagnostic::Problems::default())?;
    // Written as YAML text: quoted, so a `:` or `#` in the name stays the name.
    serde_json::to_string(&site.organisation).ok()
}
