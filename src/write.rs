//! Stage 5: put the site on disk without ever losing the last good one.
//!
//! The new site is written to a fresh folder beside the output and swapped in
//! only when complete. A folder is only ever replaced if planpress made it
//! (it carries a marker file), so a mistyped `--out` cannot delete someone's
//! files.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::render::Output;

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

/// Writes `output` as the folder `out`, replacing a previous build atomically.
pub fn write(out: &Path, output: &Output) -> Result<(), WriteError> {
    let out = absolute(out);
    if out.exists() && !out.join(MARKER).exists() && !is_empty_dir(&out) {
        return Err(WriteError::NotOurs(out));
    }
    let parent = out.parent().unwrap_or(Path::new("."));
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |e| WriteError::Io(p, e)
    };
    fs::create_dir_all(parent).map_err(io(parent))?;
    let pid = std::process::id();
    let staging = parent.join(format!(".{name}.new-{pid}"));
    let old = parent.join(format!(".{name}.old-{pid}"));
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(io(&staging))?;
    }
    let result = (|| {
        fs::create_dir_all(&staging).map_err(io(&staging))?;
        for (rel, bytes) in output {
            let path = staging.join(rel);
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir).map_err(io(dir))?;
            }
            fs::write(&path, bytes).map_err(io(&path))?;
        }
        fs::write(staging.join(MARKER), b"planpress build output\n").map_err(io(&staging))?;
        if out.exists() {
            fs::rename(&out, &old).map_err(io(&out))?;
        }
        fs::rename(&staging, &out).map_err(io(&out))
    })();
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
        if old.exists() && !out.exists() {
            let _ = fs::rename(&old, &out);
        }
        return result;
    }
    if old.exists() {
        fs::remove_dir_all(&old).map_err(io(&old))?;
    }
    Ok(())
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

    fn output(text: &str) -> Output {
        let mut o = Output::new();
        o.insert("index.html".into(), text.as_bytes().to_vec());
        o.insert("a/b/index.html".into(), b"b".to_vec());
        o
    }

    #[test]
    fn replaces_a_previous_build_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&out, &output("one")).unwrap();
        write(&out, &output("two")).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("public")]);
    }

    #[test]
    fn never_replaces_a_folder_it_did_not_make() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("docs");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("precious.txt"), "keep").unwrap();
        assert!(matches!(
            write(&out, &output("x")),
            Err(WriteError::NotOurs(_))
        ));
        assert_eq!(
            fs::read_to_string(out.join("precious.txt")).unwrap(),
            "keep"
        );
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
