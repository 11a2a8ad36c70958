//! Helpers every stage shares: escaping text for markup, how Markdown is read, which link targets
//! may be published, dates in words and for feeds, a stable hash, "did you mean", and the words of a text as search reads them.
//!
//! Nothing here knows about a stage (`load`, `validate`, `resolve`,
//! `render`, `export`, `write`, `serve`): each stage calls these, so that
//! one rule is written once.

pub mod colour;
pub mod dates;
pub mod escape;
pub mod hash;
pub mod markdown;
pub mod scheme;
pub mod suggest;
pub mod words;

use std::path::Path;

/// Swap files, backups and vim's write probe are not content.
pub fn is_editor_litter(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name == "4913"
}
