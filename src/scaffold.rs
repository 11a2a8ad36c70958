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

/// Copies `themes/default/skeleton/` to `content/strategies/<slug>/`.
pub fn new_strategy(root: &Path, slug: &str) -> Result<PathBuf, ScaffoldError> {
    if !is_slug(slug) {
        return Err(ScaffoldError::BadSlug(slug.to_string()));
    }
    let dir = root.join("content/strategies").join(slug);
    if dir.exists() {
        return Err(ScaffoldError::Exists(dir));
    }
    copy_dir(&root.join("themes/default/skeleton"), &dir)?;
    Ok(dir)
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
