//! Putting a finished build in place of the last one, and clearing away
//! what interrupted builds left beside it.
//!
//! A build writes into `.NAME.new-PID` beside the output `NAME`. Where the
//! system can exchange two folders in one step (Linux's `renameat2` with
//! `RENAME_EXCHANGE`, macOS's `renameatx_np` with `RENAME_SWAP`), the output
//! is never missing, not even for a moment, to a web server reading it.
//! Elsewhere the output is renamed to `.NAME.old-PID` and the new build
//! into its place: between the two renames the output is briefly absent.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::MARKER;

/// How the new build took the place of the old.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Swapped {
    /// In one atomic step: the output was never missing.
    Exchanged,
    /// By two renames, or there was no output before.
    Renamed,
}

/// Puts `new` at `out`; the previous `out`, if any, is left at `new` (when
/// exchanged) or `old` (when renamed), for the caller to remove.
pub fn swap(new: &Path, out: &Path, old: &Path) -> io::Result<Swapped> {
    if !out.exists() {
        fs::rename(new, out)?;
        return Ok(Swapped::Renamed);
    }
    if exchange(new, out).is_ok() {
        return Ok(Swapped::Exchanged);
    }
    fs::rename(out, old)?;
    if let Err(e) = fs::rename(new, out) {
        let _ = fs::rename(old, out);
        return Err(e);
    }
    Ok(Swapped::Renamed)
}

#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// Removes the staging and old folders that builds of `out` which are no
/// longer running left beside it (killed, or the machine stopped). If such
/// a build was stopped between its two renames, its old folder is the last
/// good site and is put back.
pub fn clear_leftovers(out: &Path) -> io::Result<()> {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return Ok(());
    };
    let name = name.to_string_lossy();
    let Ok(entries) = fs::read_dir(parent) else {
        return Ok(());
    };
    let mine = std::process::id();
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some((kind, pid)) = leftover(&file, &name) else {
            continue;
        };
        if pid == mine || running(pid) {
            continue;
        }
        let path = entry.path();
        if kind == "old" && !out.exists() && path.join(MARKER).exists() {
            fs::rename(&path, out)?;
        } else {
            fs::remove_dir_all(&path)?;
        }
    }
    Ok(())
}

/// `.NAME.new-PID` or `.NAME.old-PID`: which, and the PID.
fn leftover<'a>(file: &'a str, name: &str) -> Option<(&'a str, u32)> {
    let rest = file
        .strip_prefix('.')?
        .strip_prefix(name)?
        .strip_prefix('.')?;
    let (kind, pid) = rest.split_once('-')?;
    matches!(kind, "new" | "old")
        .then(|| pid.parse().ok().map(|pid| (kind, pid)))
        .flatten()
}

#[cfg(unix)]
fn running(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return false;
    };
    // Permission denied still means the process exists.
    !matches!(
        rustix::process::test_kill_process(pid),
        Err(rustix::io::Errno::SRCH)
    )
}

/// Without a way to ask, every build is taken to be running.
#[cfg(not(unix))]
fn running(_: u32) -> bool {
    true
}

/// The staging folders of builds in progress in this process, removed if
/// it is interrupted. Held while a build is swapped in, so that an
/// interruption waits for the swap to finish.
pub(super) static IN_PROGRESS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// From now on, SIGINT, SIGTERM or SIGHUP removes the staging folders of
/// builds in progress before the process ends (with 128 + the signal, as a
/// shell reports it). SIGKILL cannot be caught: the next build clears what
/// it leaves ([`clear_leftovers`]).
#[cfg(unix)]
pub fn remove_staging_on_interrupt() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let staging = IN_PROGRESS.lock().unwrap_or_else(|e| e.into_inner());
            for dir in staging.iter() {
                let _ = fs::remove_dir_all(dir);
            }
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

#[cfg(not(unix))]
pub fn remove_staging_on_interrupt() -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftovers_are_recognised_by_name() {
        assert_eq!(leftover(".public.new-42", "public"), Some(("new", 42)));
        assert_eq!(leftover(".public.old-7", "public"), Some(("old", 7)));
        assert_eq!(leftover(".public.new-x", "public"), None);
        assert_eq!(leftover(".publicx.new-1", "public"), None);
        assert_eq!(leftover("public", "public"), None);
    }

    #[test]
    fn the_output_is_exchanged_in_one_step() {
        let dir = tempfile::tempdir().unwrap();
        let (new, out, old) = (
            dir.path().join("n"),
            dir.path().join("o"),
            dir.path().join("x"),
        );
        fs::create_dir(&new).unwrap();
        fs::write(new.join("f"), "new").unwrap();
        assert_eq!(
            swap(&new, &out, &old).unwrap(),
            Swapped::Renamed,
            "no output yet"
        );
        fs::create_dir(&new).unwrap();
        fs::write(new.join("f"), "newer").unwrap();
        let how = swap(&new, &out, &old).unwrap();
        if cfg!(target_os = "linux") {
            assert_eq!(how, Swapped::Exchanged);
            assert_eq!(fs::read_to_string(new.join("f")).unwrap(), "new");
        }
        assert_eq!(fs::read_to_string(out.join("f")).unwrap(), "newer");
    }

    /// A build that no longer runs: a child that has exited.
    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }

    #[test]
    fn a_dead_build_s_folders_are_cleared_and_a_missing_output_restored() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let pid = dead_pid();
        let staging = dir.path().join(format!(".public.new-{pid}"));
        let old = dir.path().join(format!(".public.old-{pid}"));
        let live = dir
            .path()
            .join(format!(".public.new-{}", std::process::id()));
        for d in [&staging, &old, &live] {
            fs::create_dir(d).unwrap();
        }
        fs::write(old.join(MARKER), "").unwrap();
        fs::write(old.join("index.html"), "last good").unwrap();
        clear_leftovers(&out).unwrap();
        assert!(!staging.exists());
        assert_eq!(
            fs::read_to_string(out.join("index.html")).unwrap(),
            "last good"
        );
        assert!(live.exists(), "this process's own folder is left to it");
    }
}
