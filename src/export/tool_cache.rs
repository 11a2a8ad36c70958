//! What the export programs made before, kept on disk so that a build whose
//! Braille or audio input has not changed does not run liblouis, espeak-ng
//! and lame again: they are most of a full build's time.
//!
//! An entry is found by a hash of its key (each program's name, its
//! `--version` output and arguments, then the input) but trusted only when
//! the key stored in it is the same, byte for byte, and its checksum holds.
//! So a cache made by an older build, by another site or damaged on disk is
//! never wrong: what does not match is made again, and a damaged entry is
//! counted so that the build can say it ignored it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::tools::Tool;
use crate::support::hash::fnv1a;

/// The first bytes of every entry: its format, and the version of it.
const MAGIC: &[u8] = b"planpress tool cache 1\n";

/// A program, with the arguments it is run with, as part of a key.
pub struct Step<'a> {
    pub tool: &'a Tool,
    pub args: &'a [&'a str],
}

#[derive(Debug)]
pub struct ToolCache {
    dir: PathBuf,
    /// Each program's `--version` output, asked once a build.
    versions: Mutex<HashMap<String, Vec<u8>>>,
    damaged: AtomicUsize,
}

impl ToolCache {
    /// A cache in `dir` (made when first written to).
    pub fn new(dir: &Path) -> ToolCache {
        ToolCache {
            dir: dir.join("tools"),
            versions: Mutex::default(),
            damaged: AtomicUsize::new(0),
        }
    }

    /// How many entries were found damaged and made again.
    pub fn damaged(&self) -> usize {
        self.damaged.load(Ordering::Relaxed)
    }

    /// What `steps`, each piped into the next, write for `input`: from the
    /// cache if it holds it, else from `run`, kept for next time.
    pub fn output(
        &self,
        steps: &[Step],
        input: &[u8],
        run: impl FnOnce() -> Result<Vec<u8>, super::tools::ToolError>,
    ) -> Result<Vec<u8>, super::tools::ToolError> {
        let key = self.key(steps, input);
        let path = self.dir.join(format!("{:016x}", fnv1a(&key)));
        if let Ok(bytes) = std::fs::read(&path) {
            match read_entry(&bytes) {
                Some((stored, output)) if stored == key => return Ok(output.to_vec()),
                // Another key with the same hash: a miss, replaced below.
                Some(_) => {}
                None => {
                    self.damaged.fetch_add(1, Ordering::Relaxed);
                }
            }
        }
        let output = run()?;
        // A cache that cannot be written costs time next build, never this one.
        let _ = self.write(&path, &key, &output);
        Ok(output)
    }

    fn key(&self, steps: &[Step], input: &[u8]) -> Vec<u8> {
        let mut key = Vec::new();
        for step in steps {
            push_field(&mut key, step.tool.program.as_bytes());
            push_field(&mut key, &self.version(step.tool));
            // The number of arguments, so that no argument can pass for
            // the start of the next step.
            key.extend_from_slice(&(step.args.len() as u64).to_le_bytes());
            for arg in step.args {
                push_field(&mut key, arg.as_bytes());
            }
        }
        push_field(&mut key, input);
        key
    }

    fn version(&self, tool: &Tool) -> Vec<u8> {
        let mut versions = self.versions.lock().expect("no thread panics holding it");
        versions
            .entry(tool.program.clone())
            .or_insert_with(|| tool.version())
            .clone()
    }

    /// Writes the entry beside its place and renames it there, so that a
    /// reader never sees half an entry.
    fn write(&self, path: &Path, key: &[u8], output: &[u8]) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let mut entry = MAGIC.to_vec();
        push_field(&mut entry, key);
        push_field(&mut entry, output);
        let sum = fnv1a(&entry);
        entry.extend_from_slice(&sum.to_le_bytes());
        let unique = format!(
            "{}.{}.{:?}.tmp",
            path.display(),
            std::process::id(),
            std::thread::current().id()
        );
        std::fs::write(&unique, entry)?;
        std::fs::rename(&unique, path)
    }
}

/// A field: its length (8 bytes, little-endian), then its bytes.
fn push_field(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    out.extend_from_slice(bytes);
}

fn take_field(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let (len, rest) = bytes.split_first_chunk::<8>()?;
    let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
    (len <= rest.len()).then(|| rest.split_at(len))
}

/// An entry's key and output, or `None` if it is not a whole, undamaged
/// entry of this format.
fn read_entry(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let (body, sum) = bytes.split_last_chunk::<8>()?;
    if fnv1a(body) != u64::from_le_bytes(*sum) {
        return None;
    }
    let rest = body.strip_prefix(MAGIC)?;
    let (key, rest) = take_field(rest)?;
    let (output, rest) = take_field(rest)?;
    rest.is_empty().then_some((key, output))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// A program that counts its runs in a file and writes its input back.
    fn counting_tool(dir: &Path) -> Tool {
        let script = dir.join("echo-count");
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\n[ \"$1\" = --version ] && {{ echo counting 1; exit 0; }}\necho run >> {}\ncat\n",
                dir.join("runs").display()
            ),
        )
        .unwrap();
        let mut perms = std::fs::metadata(&script).unwrap().permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
        std::fs::set_permissions(&script, perms).unwrap();
        Tool::new(script.to_str().unwrap(), "none")
    }

    fn runs(dir: &Path) -> usize {
        std::fs::read_to_string(dir.join("runs"))
            .map(|s| s.lines().count())
            .unwrap_or(0)
    }

    fn made(cache: &ToolCache, tool: &Tool, args: &[&str], input: &[u8]) -> Vec<u8> {
        let step = Step { tool, args };
        cache
            .output(&[step], input, || tool.run(args, input))
            .unwrap()
    }

    #[test]
    fn the_same_input_is_made_once_and_another_is_made_again() {
        let dir = tempfile::tempdir().unwrap();
        let tool = counting_tool(dir.path());
        let cache = ToolCache::new(&dir.path().join("cache"));
        assert_eq!(made(&cache, &tool, &["-a"], b"hello"), b"hello");
        assert_eq!(made(&cache, &tool, &["-a"], b"hello"), b"hello");
        assert_eq!(runs(dir.path()), 1);
        // A new build, reading the cache the first left.
        let again = ToolCache::new(&dir.path().join("cache"));
        assert_eq!(made(&again, &tool, &["-a"], b"hello"), b"hello");
        assert_eq!(runs(dir.path()), 1);
        assert_eq!(made(&again, &tool, &["-a"], b"world"), b"world");
        assert_eq!(made(&again, &tool, &["-b"], b"hello"), b"hello");
        assert_eq!(runs(dir.path()), 3);
        assert_eq!(again.damaged(), 0);
    }

    #[test]
    fn a_damaged_or_foreign_entry_is_made_again_and_counted() {
        let dir = tempfile::tempdir().unwrap();
        let tool = counting_tool(dir.path());
        let cache_dir = dir.path().join("cache");
        made(&ToolCache::new(&cache_dir), &tool, &[], b"hello");
        let entry = std::fs::read_dir(cache_dir.join("tools"))
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let whole = std::fs::read(&entry).unwrap();
        for damage in [
            whole[..whole.len() - 3].to_vec(),
            b"not a cache entry".to_vec(),
            Vec::new(),
        ] {
            std::fs::write(&entry, &damage).unwrap();
            let cache = ToolCache::new(&cache_dir);
            assert_eq!(made(&cache, &tool, &[], b"hello"), b"hello");
            assert_eq!(cache.damaged(), 1);
        }
        assert_eq!(runs(dir.path()), 4);
        // The last run mended the entry.
        let cache = ToolCache::new(&cache_dir);
        made(&cache, &tool, &[], b"hello");
        assert_eq!((runs(dir.path()), cache.damaged()), (4, 0));
    }

    #[test]
    fn an_entry_whose_key_differs_is_not_trusted() {
        // An entry stored under the name of another key: as if two keys
        // shared a hash, or the program's version had changed.
        let dir = tempfile::tempdir().unwrap();
        let tool = counting_tool(dir.path());
        let cache_dir = dir.path().join("cache");
        let cache = ToolCache::new(&cache_dir);
        made(&cache, &tool, &[], b"one");
        made(&cache, &tool, &[], b"two");
        let names: Vec<PathBuf> = std::fs::read_dir(cache_dir.join("tools"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        let (a, b) = (&names[0], &names[1]);
        std::fs::copy(a, b).unwrap();
        let cache = ToolCache::new(&cache_dir);
        assert_eq!(made(&cache, &tool, &[], b"one"), b"one");
        assert_eq!(made(&cache, &tool, &[], b"two"), b"two");
        assert_eq!(runs(dir.path()), 3);
    }
}
