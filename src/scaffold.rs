//! `planpress new strategy SLUG`: a commented skeleton for editors. The
//! skeleton files live in the theme folder's `skeleton/`, not in Rust.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::load::is_slug;

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
}

/// Copies `themes/default/skeleton/` to `content/strategies/<slug>/`, with
/// the site's organisation as the publisher.
pub fn new_strategy(root: &Path, slug: &str) -> Result<PathBuf, ScaffoldError> {
    if !is_slug(slug) {
        return Err(ScaffoldError::BadSlug(slug.to_string()));
    }
    let dir = root.join("content/strategies").join(slug);
    if dir.exists() {
        return Err(ScaffoldError::Exists(dir));
    }
    copy_dir(&root.join("themes/default/skeleton"), &dir)?;
    if let Some(organisation) = organisation(root) {
        let meta = dir.join("strategy.yaml");
        let text = fs::read_to_string(&meta).map_err(|e| ScaffoldError::Io(meta.clone(), e))?;
        let line = text
            .lines()
            .find(|l| l.starts_with("publisher:"))
            .unwrap_or_default();
        let filled = text.replacen(line, &format!("publisher: {organisation}"), 1);
        fs::write(&meta, filled).map_err(|e| ScaffoldError::Io(meta.clone(), e))?;
    }
    Ok(dir)
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

fn copy_dir(from: &Path, to: &Path) -> Result<(), ScaffoldError> {
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |e| ScaffoldError::Io(p, e)
    };
    fs::create_dir_all(to).map_err(io(to))?;
    for entry in fs::read_dir(from).map_err(io(from))? {
        let entry = entry.map_err(io(from))?;
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target).map_err(io(&target))?;
        }
    }
    Ok(())
}
