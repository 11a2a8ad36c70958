//! `planpress theme eject [DIR]`: the built-in theme written out, for a
//! council to edit. Each file written there then overrides the built-in one.

use std::fs;
use std::path::{Path, PathBuf};

use super::ScaffoldError;
use crate::theme::builtin;

/// Writes every file of the built-in theme under `dir`. Without `force`,
/// nothing is written if any of them is there already with other bytes
/// (every such file is named); returns the files written.
pub fn eject(dir: &Path, force: bool) -> Result<Vec<PathBuf>, ScaffoldError> {
    let files: Vec<(PathBuf, &[u8])> = builtin::paths()
        .filter_map(|p| Some((dir.join(p), builtin::file(p)?)))
        .collect();
    if !force {
        let taken: Vec<PathBuf> = files
            .iter()
            .filter(|(path, bytes)| path.exists() && fs::read(path).ok().as_deref() != Some(bytes))
            .map(|(path, _)| path.clone())
            .collect();
        if !taken.is_empty() {
            return Err(ScaffoldError::WouldOverwrite(taken));
        }
    }
    let mut written = Vec::new();
    for (path, bytes) in files {
        let parent = path.parent().unwrap_or(dir);
        fs::create_dir_all(parent)
            .and_then(|()| fs::write(&path, bytes))
            .map_err(|e| ScaffoldError::Io(path.clone(), e))?;
        written.push(path);
    }
    Ok(written)
}
