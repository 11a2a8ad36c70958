//! Watching `content/` and `themes/` for changes.
//!
//! Folders are watched recursively rather than files one by one: editors
//! save by writing a new file and renaming it over the old one, after which
//! a watch on the old file would see nothing more.

use std::path::{Path, PathBuf};
use std::time::Duration;

use notify::event::ModifyKind;
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::ServeError;
use crate::Project;

/// How long to wait for a burst of saves to settle before rebuilding.
const SETTLE: Duration = Duration::from_millis(10);

/// Calls `on_change` with the changed paths (relative to the project) after
/// each burst of changes. The watch lasts as long as the returned value.
pub fn watch(
    project: &Project,
    mut on_change: impl FnMut(Vec<String>) + Send + 'static,
) -> Result<Debouncer<notify::RecommendedWatcher, RecommendedCache>, ServeError> {
    let root = project.root.clone();
    let out = project.out.clone();
    let mut debouncer = new_debouncer(SETTLE, None, move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        let mut changed: Vec<String> = events
            .iter()
            .filter(|e| changes_content(&e.kind))
            .flat_map(|e| e.paths.iter())
            .filter(|p| relevant(p, &out))
            .map(|p| p.strip_prefix(&root).unwrap_or(p).display().to_string())
            .collect();
        changed.sort();
        changed.dedup();
        if !changed.is_empty() {
            on_change(changed);
        }
    })
    .map_err(|e| ServeError::Watch(project.root.clone(), e))?;
    for dir in [project.root.join("content"), project.theme_dir()] {
        debouncer
            .watch(&dir, RecursiveMode::Recursive)
            .map_err(|e| ServeError::Watch(dir.clone(), e))?;
    }
    Ok(debouncer)
}

/// Reading a file (as every build does) is not a change, nor is a new
/// access time.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// Editor litter and the output folder do not count as changes.
fn relevant(path: &Path, out: &PathBuf) -> bool {
    !path.starts_with(out) && !crate::load::is_editor_litter(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_is_not_a_change() {
        use notify::event::{AccessKind, CreateKind, DataChange, MetadataKind, RenameMode};
        assert!(!changes_content(&EventKind::Access(AccessKind::Any)));
        assert!(!changes_content(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
        assert!(changes_content(&EventKind::Modify(ModifyKind::Data(
            DataChange::Any
        ))));
        assert!(changes_content(&EventKind::Modify(ModifyKind::Name(
            RenameMode::To
        ))));
        assert!(changes_content(&EventKind::Create(CreateKind::File)));
    }

    #[test]
    fn editor_litter_is_not_a_change() {
        let out = PathBuf::from("/p/public");
        assert!(relevant(Path::new("/p/content/site.yaml"), &out));
        assert!(!relevant(Path::new("/p/content/.site.yaml.swp"), &out));
        assert!(!relevant(Path::new("/p/content/4913"), &out));
        assert!(!relevant(Path::new("/p/content/site.yaml~"), &out));
        assert!(!relevant(Path::new("/p/public/index.html"), &out));
    }
}
