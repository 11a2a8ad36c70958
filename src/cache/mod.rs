//! The build cache: what each document was made from and what it made, kept
//! beside the export programs' cache (`.planpress-cache/build/`, or where
//! `--cache DIR` says), so that `planpress build` after an edit renders and
//! writes again only the documents the edit can show on.
//!
//! The preview's rule decides what an edit reaches ([`crate::rebuild`]): a
//! document's pages show what is within [`REACH`] links of it, and what
//! every page shares (the settings, `site.yaml` and the other files of
//! `content/` outside the documents, the theme, the list of documents, the
//! site's view). A document's key is a digest of all of that and of the
//! files of every document within reach ([`key`]); its entry keeps the key,
//! the files it made with their stamps in the output folder, and what the
//! site-wide pages need of it ([`entry`]).
//!
//! A document whose key is the entry's, and whose files in the output folder
//! are still the ones the entry names, is not rendered: its files are linked
//! from the build being replaced into the new one. Every other is made as
//! in a build from scratch, so the site is that build's, byte for byte.
//! The site-wide pages are always made. An entry made by another build of
//! planpress, for another project, or damaged, is counted, to be told in a
//! one-line notice, and never used.

pub mod entry;
pub mod key;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::document::views::ExportLink;
use crate::model::Content;
use crate::render::DocumentSummary;
use crate::render::changes::Log;
use crate::resolve::Resolved;
use crate::write::{Sink, WriteError};
use entry::{Entry, Made, Stamp};
use key::{Digest, Hasher};

/// How far an edit can show, as the preview has it.
pub use crate::rebuild::REACH;

/// Entries not used because they could not be trusted, by why.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Notices {
    /// Cut short, altered, or not an entry at all.
    pub damaged: usize,
    /// Made by another build of planpress.
    pub other_build: usize,
    /// Made for another project writing to the same output folder.
    pub other_site: usize,
}

/// Where a build's cache is: the cache folder, the project, the output.
pub struct Place {
    /// `CACHE/build/OUTPUT`: one folder an output folder, named by a hash
    /// of its full path, so that builds to two folders keep both.
    dir: PathBuf,
    root: String,
}

impl Place {
    /// The place in `cache` for the build of `root` into `out`; `out`'s
    /// parent folder must exist (the build has begun).
    pub fn new(cache: &Path, root: &Path, out: &Path) -> Place {
        let out = full(out);
        let name = format!(
            "{:016x}",
            crate::support::hash::fnv1a(out.to_string_lossy().as_bytes())
        );
        Place {
            dir: cache.join("build").join(name),
            root: full(root).to_string_lossy().into_owned(),
        }
    }
}

/// The path with its links resolved, so that one folder has one name; the
/// last part is kept as it is (the output folder may not exist yet).
fn full(p: &Path) -> PathBuf {
    let p = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    match (p.parent(), p.file_name()) {
        (Some(parent), Some(name)) => std::fs::canonicalize(parent)
            .unwrap_or_else(|_| parent.to_path_buf())
            .join(name),
        _ => p,
    }
}

/// What every document's pages depend on beside the documents themselves.
pub struct Shared<'a> {
    pub root: &'a Path,
    pub content: &'a Content,
    pub resolved: &'a Resolved,
    pub log: &'a Log,
    /// The project's settings and the site's view (what every page shows
    /// of the site), written out by the caller; with exports, the formats
    /// made and the versions of their programs.
    pub settings: String,
    /// The site's theme folder.
    pub theme: PathBuf,
}

/// The build cache of one build: the keys of its documents, the entries
/// the last build left, and what this build made, to keep for the next.
pub struct Cache {
    place: Place,
    slugs: Vec<String>,
    keys: Vec<Digest>,
    /// By document: an entry with this build's key, if there is one.
    found: Vec<Option<Entry>>,
    notices: Notices,
    /// Documents made by this build, to record.
    fresh: Mutex<Vec<(usize, Vec<String>, Made)>>,
    out: PathBuf,
}

impl Cache {
    /// Reads the entries in `place` for the documents of `shared`, about
    /// to be built into `out`.
    pub fn open(place: Place, shared: &Shared, out: &Path) -> Cache {
        let keys = keys(shared);
        let slugs: Vec<String> = shared
            .content
            .strategies
            .iter()
            .map(|s| s.slug.clone())
            .collect();
        let read: Vec<Found> = slugs
            .par_iter()
            .zip(&keys)
            .map(|(slug, key)| read(&place, &place.dir.join(slug), *key))
            .collect();
        let mut notices = Notices::default();
        let mut found = Vec::with_capacity(read.len());
        for r in read {
            match r {
                Found::Usable(e) => found.push(Some(e)),
                Found::Missing => found.push(None),
                Found::Untrusted(count) => {
                    count(&mut notices);
                    found.push(None);
                }
            }
        }
        Cache {
            place,
            slugs,
            keys,
            found,
            notices,
            fresh: Mutex::default(),
            out: out.to_path_buf(),
        }
    }

    pub fn notices(&self) -> Notices {
        self.notices
    }

    /// Document `i`'s files, taken into `sink` from the build being
    /// replaced, and what it made; `None` if it must be made.
    pub fn reuse(
        &self,
        i: usize,
        sink: &dyn Sink,
    ) -> Result<Option<(DocumentSummary, Vec<ExportLink>)>, WriteError> {
        let Some(entry) = &self.found[i] else {
            return Ok(None);
        };
        let intact = entry
            .made
            .files
            .iter()
            .all(|(path, stamp)| Stamp::of(&self.out.join(path)) == Some(*stamp));
        if !intact {
            return Ok(None);
        }
        for (path, _) in &entry.made.files {
            // Gone since it was looked at: made again, over what was kept.
            if !sink.keep(path)? {
                return Ok(None);
            }
        }
        Ok(Some((entry.made.summary.clone(), entry.made.links.clone())))
    }

    /// Makes document `i` with `make`, into `sink` through a recorder, and
    /// keeps what it made for the next build.
    pub fn make<E>(
        &self,
        i: usize,
        sink: &dyn Sink,
        make: impl FnOnce(&dyn Sink) -> Result<(DocumentSummary, Vec<ExportLink>), E>,
    ) -> Result<(DocumentSummary, Vec<ExportLink>), E> {
        let recorder = Recorder {
            inner: sink,
            paths: Mutex::default(),
        };
        let (summary, links) = make(&recorder)?;
        let paths = recorder.paths.into_inner().expect("no thread panicked");
        let made = Made {
            files: Vec::new(),
            summary: summary.clone(),
            links: links.clone(),
        };
        self.fresh
            .lock()
            .expect("no thread panicked")
            .push((i, paths, made));
        Ok((summary, links))
    }

    /// How many documents were taken from the cache.
    pub fn reused(&self, documents: usize) -> usize {
        documents - self.fresh.lock().expect("no thread panicked").len()
    }

    /// Writes the entries of the documents this build made, with the stamps
    /// their files have in the output folder now that it is in place, and
    /// removes those of documents the site no longer has. A cache that
    /// cannot be written costs time next build, never this one.
    pub fn save(self) {
        let fresh = self.fresh.into_inner().expect("no thread panicked");
        if std::fs::create_dir_all(&self.place.dir).is_err() {
            return;
        }
        fresh.into_par_iter().for_each(|(i, paths, mut made)| {
            let path = self.place.dir.join(&self.slugs[i]);
            let stamped: Option<Vec<(String, Stamp)>> = paths
                .into_iter()
                .map(|p| Stamp::of(&self.out.join(&p)).map(|s| (p, s)))
                .collect();
            let Some(files) = stamped else {
                let _ = std::fs::remove_file(&path);
                return;
            };
            made.files = files;
            let entry = Entry {
                build: key::BUILD.to_string(),
                root: self.place.root.clone(),
                key: self.keys[i],
                made,
            };
            let _ = write_atomically(&path, &entry.to_bytes());
        });
        let known: BTreeSet<&str> = self.slugs.iter().map(String::as_str).collect();
        if let Ok(listed) = std::fs::read_dir(&self.place.dir) {
            for e in listed.flatten() {
                let name = e.file_name();
                if !known.contains(name.to_string_lossy().as_ref()) {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
    }
}

/// What reading a document's entry found.
enum Found {
    Usable(Entry),
    /// No entry, or one made from other inputs (an edit): nothing to tell.
    Missing,
    /// An entry not to trust: how to count it.
    Untrusted(fn(&mut Notices)),
}

fn read(place: &Place, path: &Path, key: Digest) -> Found {
    let Ok(bytes) = std::fs::read(path) else {
        return Found::Missing;
    };
    match Entry::from_bytes(&bytes) {
        None => Found::Untrusted(|n| n.damaged += 1),
        Some(e) if e.build != key::BUILD => Found::Untrusted(|n| n.other_build += 1),
        Some(e) if e.root != place.root => Found::Untrusted(|n| n.other_site += 1),
        Some(e) if e.key == key => Found::Usable(e),
        Some(_) => Found::Missing,
    }
}

/// Writes beside `path` and renames, so that a reader never sees half an
/// entry.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let unique = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&unique, bytes)?;
    std::fs::rename(&unique, path)
}

/// Passes files on, noting their paths: what a document made.
struct Recorder<'a> {
    inner: &'a dyn Sink,
    paths: Mutex<Vec<String>>,
}

impl Recorder<'_> {
    fn note(&self, path: &str) {
        self.paths
            .lock()
            .expect("no thread panicked")
            .push(path.to_string());
    }
}

impl Sink for Recorder<'_> {
    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), WriteError> {
        self.note(path);
        self.inner.put(path, bytes)
    }

    fn put_with(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), WriteError> {
        self.note(path);
        self.inner.put_with(path, write)
    }

    fn keep(&self, path: &str) -> Result<bool, WriteError> {
        self.note(path);
        self.inner.keep(path)
    }
}

/// Each document's key: what every page shares, what the log says of its
/// measures, and the files of each document within [`REACH`] of it.
fn keys(shared: &Shared) -> Vec<Digest> {
    let content = shared.content;
    let strategies = shared.root.join("content/strategies");
    let own: Vec<Digest> = content
        .strategies
        .par_iter()
        .map(|s| key::tree(&strategies.join(&s.slug), None))
        .collect();
    let site = site_key(shared, &strategies);
    let links = links(shared.resolved, content.strategies.len());
    (0..own.len())
        .into_par_iter()
        .map(|i| {
            let slug = &content.strategies[i].slug;
            let mut h = Hasher::new();
            h.field(&site.0).field(&log_part(shared.log, slug));
            let mut near: Vec<(&str, Digest)> = within_reach(&links, i)
                .into_iter()
                .map(|j| (content.strategies[j].slug.as_str(), own[j]))
                .collect();
            near.sort();
            for (slug, digest) in near {
                h.field(slug.as_bytes()).field(&digest.0);
            }
            h.finish()
        })
        .collect()
}

/// What every page depends on: this build of planpress, the settings, the
/// files of `content/` outside the documents, the theme's, and the list of
/// documents in their order.
fn site_key(shared: &Shared, strategies: &Path) -> Digest {
    let mut h = Hasher::new();
    h.field(key::BUILD.as_bytes())
        .field(shared.settings.as_bytes())
        .field(&key::tree(&shared.root.join("content"), Some(strategies)).0)
        .field(&key::tree(&shared.theme, None).0);
    for s in &shared.content.strategies {
        h.field(s.slug.as_bytes());
    }
    h.finish()
}

/// What the change log says of a document's measures (the measures' pages
/// say when each last changed).
fn log_part(log: &Log, slug: &str) -> Vec<u8> {
    let mut part = Vec::new();
    for e in &log.entries {
        for m in e.changes.measures.iter().filter(|m| m.document == slug) {
            let said = serde_json::to_vec(&(&e.date, e.number, m)).expect("a change serialises");
            part.extend_from_slice(&(said.len() as u64).to_le_bytes());
            part.extend_from_slice(&said);
        }
    }
    part
}

/// Each document's neighbours, in either direction.
fn links(resolved: &Resolved, n: usize) -> Vec<BTreeSet<usize>> {
    let mut links = vec![BTreeSet::new(); n];
    for (i, refs) in resolved.references.iter().enumerate() {
        for r in refs.iter().filter(|r| r.0 != i && r.0 < n) {
            links[i].insert(r.0);
            links[r.0].insert(i);
        }
    }
    links
}

/// Document `i` and those within [`REACH`] links of it.
fn within_reach(links: &[BTreeSet<usize>], i: usize) -> BTreeSet<usize> {
    let mut found = BTreeSet::from([i]);
    let mut frontier = vec![i];
    for _ in 0..REACH {
        let mut next = Vec::new();
        for &j in &frontier {
            next.extend(links[j].iter().copied().filter(|k| found.insert(*k)));
        }
        frontier = next;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reach_is_two_links_either_way() {
        // 0 - 1 - 2 - 3, and 4 alone.
        let links = vec![
            BTreeSet::from([1]),
            BTreeSet::from([0, 2]),
            BTreeSet::from([1, 3]),
            BTreeSet::from([2]),
            BTreeSet::new(),
        ];
        assert_eq!(within_reach(&links, 0), BTreeSet::from([0, 1, 2]));
        assert_eq!(within_reach(&links, 3), BTreeSet::from([1, 2, 3]));
        assert_eq!(within_reach(&links, 4), BTreeSet::from([4]));
    }
}
