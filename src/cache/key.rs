//! What a document's pages are made from, as one digest: the build of
//! planpress, the settings and files every page depends on, and the files of
//! the document and of every document within reach of it along links.
//!
//! SipHash-1-3 with 128 bits (the `siphasher` crate, already among the
//! dependencies of the tree): its output is fixed by its specification, so
//! a digest means the same to every build, and 128 bits make two inputs
//! with one digest a chance not worth counting. FNV-1a (`support::hash`),
//! which names the export cache's files, has 64 and reads a byte at a time.

use std::path::Path;

use siphasher::sip128::{Hasher128, SipHasher13};

use crate::support::is_editor_litter;

/// This build of planpress: its version and a hash of everything it was
/// built from (build.rs). A cache another build made is not used.
pub const BUILD: &str = concat!(env!("CARGO_PKG_VERSION"), "+", env!("PLANPRESS_BUILD_ID"));

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Digest(pub [u8; 16]);

/// Fields hashed in turn, each with its length, so that no field can pass
/// for the end of the one before.
pub struct Hasher(SipHasher13);

impl Hasher {
    pub fn new() -> Hasher {
        // Fixed keys: the digest is a name, the same in every build.
        Hasher(SipHasher13::new_with_keys(
            0x706c_616e_7072_6573,
            0x7320_6361_6368_6531,
        ))
    }

    pub fn field(&mut self, bytes: &[u8]) -> &mut Hasher {
        self.bytes(&(bytes.len() as u64).to_le_bytes());
        self.bytes(bytes)
    }

    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Hasher {
        std::hash::Hasher::write(&mut self.0, bytes);
        self
    }

    pub fn finish(&self) -> Digest {
        Digest(self.0.finish128().as_bytes())
    }
}

impl Default for Hasher {
    fn default() -> Self {
        Hasher::new()
    }
}

/// The files below `dir` (none if it is missing), by path relative to it,
/// with their bytes, leaving out `skip` and editors' litter, as loading does.
pub fn tree(dir: &Path, skip: Option<&Path>) -> Digest {
    let mut files = Vec::new();
    walk(dir, skip, &mut files);
    files.sort();
    let mut h = Hasher::new();
    for path in &files {
        let name = path.strip_prefix(dir).unwrap_or(path);
        h.field(name.to_string_lossy().as_bytes());
        // A file that cannot be read gives a digest no build had: the
        // documents it belongs to are made again (and loading says why).
        match std::fs::read(path) {
            Ok(bytes) => h.field(&bytes),
            Err(_) => h.field(b"\xff unreadable"),
        };
    }
    h.finish()
}

fn walk(dir: &Path, skip: Option<&Path>, files: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if Some(path.as_path()) == skip || is_editor_litter(&path) {
            continue;
        }
        if path.is_dir() {
            walk(&path, skip, files);
        } else {
            files.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tree_digest_names_its_files_and_their_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("a/skip")).unwrap();
        std::fs::write(d.join("a/one"), "1").unwrap();
        let first = tree(d, None);
        std::fs::write(d.join("a/.one.swp"), "litter").unwrap();
        std::fs::write(d.join("a/skip/x"), "skipped").unwrap();
        assert_eq!(tree(d, Some(&d.join("a/skip"))), first);
        assert_ne!(tree(d, None), first);
        std::fs::remove_dir_all(d.join("a/skip")).unwrap();
        std::fs::rename(d.join("a/one"), d.join("a/two")).unwrap();
        assert_ne!(tree(d, None), first, "a renamed file");
        std::fs::rename(d.join("a/two"), d.join("a/one")).unwrap();
        std::fs::write(d.join("a/one"), "2").unwrap();
        assert_ne!(tree(d, None), first, "other bytes");
    }

    #[test]
    fn fields_cannot_run_into_each_other() {
        let ab = Hasher::new().field(b"ab").field(b"").finish();
        let a_b = Hasher::new().field(b"a").field(b"b").finish();
        assert_ne!(ab, a_b);
    }
}
