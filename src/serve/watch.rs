//! Watching `content/` and `themes/` for changes.
//!
//! Folders are watched recursively rather than files one by one: editors
//! save by writing a new file and renaming it over the old one, after which
//! a watch on the old file would see nothing more. A folder's watch ends
//! with the folder, so the project root is watched too, not recursively:
//! when `content/` or `themes/` comes back (a branch switch, `rsync
//! --delete`), it is watched again.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::event::ModifyKind;
use notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, DebouncedEvent, Debouncer, RecommendedCache, new_debouncer,
};

use super::ServeError;
use crate::Project;

/// How long to wait for a burst of saves to settle before rebuilding.
const SETTLE: Duration = Duration::from_millis(10);

type Watcher = Debouncer<RecommendedWatcher, RecommendedCache>;

/// What the watching thread is told: the debouncer's events, or to stop.
enum Message {
    Events(DebounceEventResult),
    Stop,
}

/// The watch lasts as long as this value.
pub struct Watch {
    stop: mpsc::Sender<Message>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.stop.send(Message::Stop);
    }
}

/// Calls `on_change` with the changed paths (relative to the project) after
/// each burst of changes, on a thread of its own, which also watches again
/// the folders that come back.
pub fn watch(
    project: &Project,
    mut on_change: impl FnMut(Vec<String>) + Send + 'static,
) -> Result<Watch, ServeError> {
    let folders = Folders::of(project);
    let (tx, rx) = mpsc::channel();
    let events = tx.clone();
    let mut watcher = new_debouncer(SETTLE, None, move |result| {
        let _ = events.send(Message::Events(result));
    })
    .map_err(|e| ServeError::Watch(folders.root.clone(), e))?;
    watcher
        .watch(&folders.root, RecursiveMode::NonRecursive)
        .map_err(|e| ServeError::Watch(folders.root.clone(), e))?;
    // One missing now is watched when it appears.
    for dir in folders.watched().into_iter().filter(|d| d.is_dir()) {
        watcher
            .watch(dir, RecursiveMode::Recursive)
            .map_err(|e| ServeError::Watch(dir.to_path_buf(), e))?;
    }
    std::thread::Builder::new()
        .name("planpress watch".into())
        .spawn(move || {
            while let Ok(Message::Events(result)) = rx.recv() {
                let Ok(events) = result else { continue };
                let changed = folders.changed(&events);
                folders.rewatch(&mut watcher, &changed);
                if !changed.is_empty() {
                    on_change(folders.relative(&changed));
                }
            }
        })?;
    Ok(Watch { stop: tx })
}

/// The project's folders, as the watch sees them.
struct Folders {
    root: PathBuf,
    out: PathBuf,
    content: PathBuf,
    themes: PathBuf,
    theme: PathBuf,
}

impl Folders {
    fn of(project: &Project) -> Folders {
        Folders {
            root: project.root.clone(),
            out: project.out.clone(),
            content: project.root.join("content"),
            themes: project.root.join("themes"),
            theme: project.theme().dir().to_path_buf(),
        }
    }

    /// The folders watched recursively (the root's other files and
    /// folders are not the site's).
    fn watched(&self) -> [&Path; 2] {
        [&self.content, &self.themes]
    }

    /// The paths of `events` that can change the site, sorted, each once.
    fn changed(&self, events: &[DebouncedEvent]) -> Vec<PathBuf> {
        let mut changed: Vec<PathBuf> = events
            .iter()
            .filter(|e| changes_content(&e.kind))
            .flat_map(|e| e.paths.iter())
            .filter(|p| self.relevant(p))
            .cloned()
            .collect();
        changed.sort();
        changed.dedup();
        changed
    }

    /// A watched folder that changed as a whole and is there is watched
    /// again: it may be a new folder of that name, which no watch follows.
    /// (Watching a folder already watched changes nothing.)
    fn rewatch(&self, watcher: &mut Watcher, changed: &[PathBuf]) {
        for dir in self.watched() {
            if changed.iter().any(|p| p == dir)
                && dir.is_dir()
                && let Err(e) = watcher.watch(dir, RecursiveMode::Recursive)
            {
                eprintln!(
                    "cannot watch {} again: {e}; restart planpress serve to see its changes",
                    dir.display()
                );
            }
        }
    }

    fn relative(&self, paths: &[PathBuf]) -> Vec<String> {
        paths
            .iter()
            .map(|p| {
                p.strip_prefix(&self.root)
                    .unwrap_or(p)
                    .display()
                    .to_string()
            })
            .collect()
    }

    /// Only content/ and the theme (and `themes/` itself, which holds it)
    /// make the site; editor litter and the output folder do not count.
    fn relevant(&self, path: &Path) -> bool {
        let site =
            path.starts_with(&self.content) || path.starts_with(&self.theme) || path == self.themes;
        site && !path.starts_with(&self.out) && !crate::support::is_editor_litter(path)
    }
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
        let mut project = Project::new("/p");
        project.out = PathBuf::from("/p/content/public");
        let f = Folders::of(&project);
        assert!(f.relevant(Path::new("/p/content/site.yaml")));
        assert!(!f.relevant(Path::new("/p/content/.site.yaml.swp")));
        assert!(!f.relevant(Path::new("/p/content/4913")));
        assert!(!f.relevant(Path::new("/p/content/site.yaml~")));
        assert!(!f.relevant(Path::new("/p/content/public/index.html")));
    }

    #[test]
    fn only_the_site_s_folders_count_and_themselves_too() {
        let f = Folders::of(&Project::new("/p"));
        assert!(f.relevant(Path::new("/p/content")));
        assert!(f.relevant(Path::new("/p/themes")));
        assert!(f.relevant(Path::new("/p/themes/default")));
        assert!(f.relevant(Path::new("/p/themes/default/templates/page.html")));
        assert!(!f.relevant(Path::new("/p/themes/other/templates/page.html")));
        assert!(!f.relevant(Path::new("/p/README.md")));
        assert!(!f.relevant(Path::new("/p")));
    }
}
