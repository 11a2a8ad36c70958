//! Stage 5: put the site on disk without ever losing the last good one.
//!
//! The new site is written to a fresh folder beside the output and swapped in
//! only when complete ([`swap`]), in one atomic step where the system allows. A folder is only ever replaced if planpress made it
//! (it carries a marker file), so a mistyped `--out` cannot delete someone's
//! files.

pub mod offline;
mod swap;

pub use swap::{Swapped, remove_staging_on_interrupt};

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A finished site held in memory: file path (relative, `/`-separated) → contents.
pub type Output = BTreeMap<String, Vec<u8>>;

/// Written in every output folder; its presence means planpress may replace it.
pub const MARKER: &str = ".planpress-output";

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("refusing to write the site to {0}: {1}")]
    Refused(PathBuf, &'static str),
    #[error("{0} exists and was not made by planpress, so it will not be replaced")]
    NotOurs(PathBuf),
    #[error("cannot write {0}: {1}")]
    Io(PathBuf, io::Error),
    /// A bug, not a content mistake: validation refuses such paths first.
    #[error("refusing to write `{0}`: it is not a path inside the site")]
    Escapes(String),
}

/// Refuses an output folder whose replacement would destroy something else.
pub fn check_destination(out: &Path, root: &Path) -> Result<(), WriteError> {
    let full = absolute(out);
    let root = absolute(root);
    let home = std::env::var_os("HOME").map(|h| absolute(Path::new(&h)));
    let refuse = |why| Err(WriteError::Refused(out.to_path_buf(), why));
    if full.parent().is_none() {
        return refuse("it is the root of the file system");
    }
    if home.as_deref() == Some(full.as_path()) {
        return refuse("it is the home folder");
    }
    if full == root || root.starts_with(&full) {
        return refuse("it is the project folder or holds it");
    }
    for source in ["content", "themes", "seeds", "src"] {
        let s = root.join(source);
        if full.starts_with(&s) || s.starts_with(&full) {
            return refuse("it is, or is inside, the project's sources");
        }
    }
    Ok(())
}

/// Where the files of a build go as they are made: a staging folder for
/// `build`, memory for the preview and `check`.
pub trait Sink: Sync {
    /// Takes the file at `path` (relative, `/`-separated).
    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), WriteError>;

    /// Takes a file that `write` produces piece by piece. A large file (the
    /// open data, the search index) goes to disk as it is made, rather than
    /// whole into memory first.
    fn put_with(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
    ) -> Result<(), WriteError> {
        let mut bytes = Vec::new();
        write(&mut bytes).map_err(|e| WriteError::Io(PathBuf::from(path), e))?;
        self.put(path, bytes)
    }

    /// Takes the file at `path` as the build being replaced wrote it, which
    /// the caller knows to be what this build would make (the build cache
    /// says so). `false`: this sink has no previous build to take it from,
    /// and the file must be made.
    fn keep(&self, _path: &str) -> Result<bool, WriteError> {
        Ok(false)
    }
}

impl Sink for Mutex<Output> {
    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), WriteError> {
        self.lock()
            .expect("no thread panics while holding the output")
            .insert(path.to_string(), bytes);
        Ok(())
    }
}

/// Passes files on, counting them.
pub struct Counted<'a> {
    inner: &'a dyn Sink,
    count: AtomicUsize,
}

impl<'a> Counted<'a> {
    pub fn new(inner: &'a dyn Sink) -> Self {
        Counted {
            inner,
            count: AtomicUsize::new(0),
        }
    }

    pub fn count(&self) -> usize {
        self.count.load(Ordering::Relaxed)
    }
}

impl Sink for Counted<'_> {
    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), WriteError> {
        self.count.fetch_add(1, Ordering::Relaxed);
        self.inner.put(path, bytes)
    }

    fn put_with(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
    ) -> Result<(), WriteError> {
        self.count.fetch_add(1, Ordering::Relaxed);
        self.inner.put_with(path, write)
    }

    fn keep(&self, path: &str) -> Result<bool, WriteError> {
        let kept = self.inner.keep(path)?;
        self.count.fetch_add(usize::from(kept), Ordering::Relaxed);
        Ok(kept)
    }
}

/// A build being written beside the output folder. Files are written as
/// they are rendered, so a build never holds the whole site in memory;
/// [`Staging::commit`] swaps the folder in. Dropped without a commit, it
/// removes itself and the last good build stays as it was.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    old: PathBuf,
    committed: bool,
    /// Folders made so far, so that each is made once, not once a file.
    made: Mutex<std::collections::HashSet<PathBuf>>,
}

impl Staging {
    pub fn begin(out: &Path) -> Result<Staging, WriteError> {
        let out = absolute(out);
        if out.exists() && !out.join(MARKER).exists() && !is_empty_dir(&out) {
            return Err(WriteError::NotOurs(out));
        }
        let parent = out.parent().unwrap_or(Path::new(".")).to_path_buf();
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        fs::create_dir_all(&parent).map_err(io(&parent))?;
        swap::clear_leftovers(&out).map_err(io(&parent))?;
        let pid = std::process::id();
        let dir = parent.join(format!(".{name}.new-{pid}"));
        let old = parent.join(format!(".{name}.old-{pid}"));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(io(&dir))?;
        }
        fs::create_dir_all(&dir).map_err(io(&dir))?;
        in_progress().push(dir.clone());
        Ok(Staging {
            out,
            dir,
            old,
            committed: false,
            made: Mutex::default(),
        })
    }

    /// Puts the finished build in place of the previous one, and says how.
    pub fn commit(mut self) -> Result<Swapped, WriteError> {
        fs::write(self.dir.join(MARKER), b"planpress build output\n").map_err(io(&self.dir))?;
        // An interruption now waits until the swap is done.
        let mut in_progress = in_progress();
        let swapped = swap::swap(&self.dir, &self.out, &self.old).map_err(io(&self.out))?;
        self.committed = true;
        in_progress.retain(|d| d != &self.dir);
        drop(in_progress);
        // What is left beside the output is the previous build.
        let previous = match swapped {
            Swapped::Exchanged => &self.dir,
            Swapped::Renamed => &self.old,
        };
        if previous.exists() {
            fs::remove_dir_all(previous).map_err(io(previous))?;
        }
        Ok(swapped)
    }
}

impl Sink for Staging {
    /// A file whose bytes are the same as in the previous build is linked,
    /// not written, so it keeps its modification time and a deployment that
    /// compares times (rsync, a CDN upload) sends only what changed.
    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), WriteError> {
        let target = self.target(path)?;
        let previous = self.out.join(path);
        let unchanged = fs::metadata(&previous)
            .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
            && fs::read(&previous).is_ok_and(|old| old == bytes);
        if unchanged && fs::hard_link(&previous, &target).is_ok() {
            return Ok(());
        }
        use std::io::Write;
        create(&target)
            .and_then(|mut f| f.write_all(&bytes))
            .map_err(io(&target))
    }

    /// Streamed files are the large ones that change with any edit; they
    /// are always written.
    fn put_with(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
    ) -> Result<(), WriteError> {
        use std::io::Write;
        let target = self.target(path)?;
        let mut file = io::BufWriter::new(create(&target).map_err(io(&target))?);
        write(&mut file).map_err(io(&target))?;
        file.flush().map_err(io(&target))
    }

    /// Links the previous build's file, or copies it where links cannot be
    /// made; `false` if it has none.
    fn keep(&self, path: &str) -> Result<bool, WriteError> {
        let target = self.target(path)?;
        let previous = self.out.join(path);
        match fs::hard_link(&previous, &target) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            // Copying onto a link would write into the previous build.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(io(&target)(e)),
            Err(_) => {
                fs::copy(&previous, &target).map_err(io(&target))?;
                Ok(true)
            }
        }
    }
}

/// Makes `dir` and the folders above it up to `root`, never `root` itself:
/// once an interruption has removed a staging folder, a thread still
/// writing into it fails rather than making it again.
fn create_below(root: &Path, dir: &Path) -> io::Result<()> {
    let Ok(rest) = dir.strip_prefix(root) else {
        return fs::create_dir_all(dir);
    };
    let mut at = root.to_path_buf();
    for part in rest.components() {
        at.push(part);
        match fs::create_dir(&at) {
            Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

impl Staging {
    fn target(&self, path: &str) -> Result<PathBuf, WriteError> {
        if !is_inside(path) {
            return Err(WriteError::Escapes(path.to_string()));
        }
        let target = self.dir.join(path);
        if let Some(dir) = target.parent() {
            let new = !self
                .made
                .lock()
                .expect("no thread panics holding it")
                .contains(dir);
            if new {
                create_below(&self.dir, dir).map_err(io(dir))?;
                self.made
                    .lock()
                    .expect("no thread panics holding it")
                    .insert(dir.to_path_buf());
            }
        }
        Ok(target)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let mut in_progress = in_progress();
            let _ = fs::remove_dir_all(&self.dir);
            in_progress.retain(|d| d != &self.dir);
        }
    }
}

/// A new file at `target`. A file there already may be a link to the
/// previous build's (kept, or unchanged): it is unlinked, never written
/// through, so the last good build stays whole.
fn create(target: &Path) -> io::Result<fs::File> {
    let new = || {
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(target)
    };
    match new() {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            fs::remove_file(target)?;
            new()
        }
        made => made,
    }
}

fn in_progress() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    swap::IN_PROGRESS.lock().unwrap_or_else(|e| e.into_inner())
}

fn io(p: &Path) -> impl FnOnce(io::Error) -> WriteError + use<> {
    let p = p.to_path_buf();
    move |e| WriteError::Io(p, e)
}

/// Whether a site path names a file below the site's folder: no root, no
/// `..`, no `.`, nothing empty, whatever the content said.
fn is_inside(path: &str) -> bool {
    !path.is_empty()
        && path
            .split('/')
            .all(|part| !matches!(part, "" | "." | "..") && !part.contains('\\'))
}

fn is_empty_dir(p: &Path) -> bool {
    fs::read_dir(p).is_ok_and(|mut d| d.next().is_none())
}

fn absolute(p: &Path) -> PathBuf {
    let p = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    // Resolve `..` and symlinks where the path exists, so comparisons hold.
    fs::canonicalize(&p).unwrap_or(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(out: &Path, text: &str) -> Result<(), WriteError> {
        let staging = Staging::begin(out)?;
        staging.put("index.html", text.as_bytes().to_vec())?;
        staging.put("a/b/index.html", b"b".to_vec())?;
        staging.commit().map(|_| ())
    }

    #[test]
    fn replaces_a_previous_build_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&out, "one").unwrap();
        write(&out, "two").unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("public")]);
    }

    #[test]
    fn unchanged_files_keep_their_identity_and_changed_ones_are_new() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&out, "one").unwrap();
        let inode = |p: &str| fs::metadata(out.join(p)).unwrap().ino();
        let (same, changed) = (inode("a/b/index.html"), inode("index.html"));
        write(&out, "two").unwrap();
        assert_eq!(
            inode("a/b/index.html"),
            same,
            "unchanged bytes: the same file"
        );
        assert_ne!(inode("index.html"), changed);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
    }

    #[test]
    fn a_kept_file_is_the_previous_one_and_a_file_put_over_it_leaves_that_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&out, "one").unwrap();
        let staging = Staging::begin(&out).unwrap();
        assert!(staging.keep("index.html").unwrap());
        assert!(!staging.keep("missing.html").unwrap());
        staging.put("index.html", b"two".to_vec()).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
        staging.commit().unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        let memory = Mutex::new(Output::new());
        assert!(!memory.keep("index.html").unwrap(), "memory keeps nothing");
    }

    #[test]
    fn an_abandoned_build_leaves_the_last_good_one() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&out, "good").unwrap();
        {
            let staging = Staging::begin(&out).unwrap();
            staging.put("index.html", b"half".to_vec()).unwrap();
        }
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "good");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no staging folder left"
        );
    }

    #[test]
    fn never_replaces_a_folder_it_did_not_make() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("docs");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("precious.txt"), "keep").unwrap();
        assert!(matches!(write(&out, "x"), Err(WriteError::NotOurs(_))));
        assert_eq!(
            fs::read_to_string(out.join("precious.txt")).unwrap(),
            "keep"
        );
    }

    #[test]
    fn a_reader_never_finds_the_output_missing_while_builds_replace_it() {
        use std::sync::atomic::AtomicBool;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&out, "first").unwrap();
        let done = AtomicBool::new(false);
        let missing = std::thread::scope(|s| {
            let reader = s.spawn(|| {
                let mut missing = 0;
                while !done.load(Ordering::Relaxed) {
                    missing += usize::from(!out.join("index.html").exists());
                }
                missing
            });
            for i in 0..200 {
                write(&out, &i.to_string()).unwrap();
            }
            done.store(true, Ordering::Relaxed);
            reader.join().unwrap()
        });
        if cfg!(target_os = "linux") {
            assert_eq!(missing, 0, "the site was missing {missing} times");
        }
    }

    #[test]
    fn never_writes_outside_the_staging_folder() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::begin(&dir.path().join("site/public")).unwrap();
        for bad in [
            "../x/index.html",
            "/etc/x",
            "./index.html",
            "a//b",
            "a\\..\\b",
            "",
        ] {
            assert!(
                matches!(staging.put(bad, b"x".to_vec()), Err(WriteError::Escapes(_))),
                "{bad:?} was written"
            );
        }
        assert!(!dir.path().join("site/x").exists());
    }

    #[test]
    fn refuses_the_project_and_its_sources() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content")).unwrap();
        assert!(check_destination(root, root).is_err());
        assert!(check_destination(&root.join("content"), root).is_err());
        assert!(check_destination(&root.join("content/x"), root).is_err());
        assert!(check_destination(Path::new("/"), root).is_err());
        assert!(check_destination(&root.join("public"), root).is_ok());
    }
}
