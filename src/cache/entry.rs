//! One document's entry of the build cache, as it is kept on disk: who made
//! it (this build of planpress, for which project), what the document was
//! made from (its key) and what it made: its files, each with the identity
//! the output folder gave it, its export links and what the site-wide pages
//! need of it (search entries, sitemap addresses).
//!
//! An entry is a run of fields, each its length (8 bytes, little-endian)
//! then its bytes, after a line naming the format and before a checksum of
//! everything ahead of it: a cut, extended or altered entry is found out.

use std::path::Path;

use super::key::{Digest, Hasher};
use crate::document::views::ExportLink;
use crate::render::DocumentSummary;
use crate::render::search::Indexed;

/// The first bytes of every entry: its format, and the version of it.
const MAGIC: &[u8] = b"planpress build cache 2\n";

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The build of planpress that made it ([`super::key::BUILD`]).
    pub build: String,
    /// The project it was made for.
    pub root: String,
    /// What the document was made from.
    pub key: Digest,
    pub made: Made,
}

/// What a document made.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Made {
    /// Its files (pages, figures, exports), each with its stamp in the
    /// output folder once written.
    pub files: Vec<(String, Stamp)>,
    pub summary: DocumentSummary,
    pub links: Vec<ExportLink>,
}

/// What identifies a file of the output folder as the one a build wrote:
/// its length, time of last change and inode. A file written since (in
/// place or replaced) has another; each build links the files it does not
/// change from the previous one, which keeps theirs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: u128,
    inode: u64,
}

impl Stamp {
    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::symlink_metadata(path).ok()?;
        if !meta.is_file() {
            return None;
        }
        let modified = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos();
        Some(Stamp {
            len: meta.len(),
            modified,
            inode: inode(&meta),
        })
    }
}

#[cfg(unix)]
fn inode(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(meta)
}

#[cfg(not(unix))]
fn inode(_: &std::fs::Metadata) -> u64 {
    0
}

impl Entry {
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Writer(MAGIC.to_vec());
        out.field(self.build.as_bytes());
        out.field(self.root.as_bytes());
        out.field(&self.key.0);
        let made = &self.made;
        out.number(made.files.len() as u64);
        for (path, stamp) in &made.files {
            out.field(path.as_bytes());
            out.number(stamp.len);
            out.field(&stamp.modified.to_le_bytes());
            out.number(stamp.inode);
        }
        let summary = &made.summary;
        out.number(summary.pages as u64);
        out.number(summary.search.len() as u64);
        for entry in &summary.search {
            out.field(entry.page.as_bytes());
            out.number(u64::from(entry.rank));
            out.field(entry.packed());
        }
        out.strings(&summary.listed);
        out.number(made.links.len() as u64);
        for l in &made.links {
            out.strings(&[&l.document, &l.kind, &l.format, &l.path, &l.language]);
            out.number(l.size);
        }
        let mut bytes = out.0;
        let sum = checksum(&bytes);
        bytes.extend_from_slice(&sum.0);
        bytes
    }

    /// The entry `bytes` hold, or `None` if they are not a whole, undamaged
    /// entry of this format.
    pub fn from_bytes(bytes: &[u8]) -> Option<Entry> {
        let (body, sum) = bytes.split_last_chunk::<16>()?;
        if checksum(body).0 != *sum {
            return None;
        }
        let mut r = Reader(body.strip_prefix(MAGIC)?);
        let build = r.string()?;
        let root = r.string()?;
        let key = Digest(r.field()?.try_into().ok()?);
        let mut files = Vec::new();
        for _ in 0..r.number()? {
            let path = r.string()?;
            let len = r.number()?;
            let modified = u128::from_le_bytes(r.field()?.try_into().ok()?);
            let inode = r.number()?;
            files.push((
                path,
                Stamp {
                    len,
                    modified,
                    inode,
                },
            ));
        }
        let pages = usize::try_from(r.number()?).ok()?;
        let mut search = Vec::new();
        for _ in 0..r.number()? {
            let page = r.string()?;
            let rank = u32::try_from(r.number()?).ok()?;
            search.push(Indexed::from_packed(page, rank, r.field()?.to_vec()));
        }
        let listed = r.strings()?;
        let mut links = Vec::new();
        for _ in 0..r.number()? {
            let [document, kind, format, path, language]: [String; 5] =
                r.strings()?.try_into().ok()?;
            links.push(ExportLink {
                document,
                kind,
                format,
                path,
                size: r.number()?,
                language,
            });
        }
        if !r.0.is_empty() {
            return None;
        }
        Some(Entry {
            build,
            root,
            key,
            made: Made {
                files,
                summary: DocumentSummary {
                    pages,
                    search,
                    listed,
                },
                links,
            },
        })
    }
}

fn checksum(bytes: &[u8]) -> Digest {
    let mut h = Hasher::new();
    h.bytes(bytes);
    h.finish()
}

struct Writer(Vec<u8>);

impl Writer {
    fn number(&mut self, n: u64) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }

    fn field(&mut self, bytes: &[u8]) {
        self.number(bytes.len() as u64);
        self.0.extend_from_slice(bytes);
    }

    /// A list of strings: their number, then each.
    fn strings<S: AsRef<str>>(&mut self, list: &[S]) {
        self.number(list.len() as u64);
        for s in list {
            self.field(s.as_ref().as_bytes());
        }
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn number(&mut self) -> Option<u64> {
        let (n, rest) = self.0.split_first_chunk::<8>()?;
        self.0 = rest;
        Some(u64::from_le_bytes(*n))
    }

    fn field(&mut self) -> Option<&'a [u8]> {
        let len = usize::try_from(self.number()?).ok()?;
        if len > self.0.len() {
            return None;
        }
        let (field, rest) = self.0.split_at(len);
        self.0 = rest;
        Some(field)
    }

    fn string(&mut self) -> Option<String> {
        String::from_utf8(self.field()?.to_vec()).ok()
    }

    fn strings(&mut self) -> Option<Vec<String>> {
        let n = self.number()?;
        // No more strings than there are bytes left: a damaged count does
        // not reserve memory for billions.
        if n > self.0.len() as u64 {
            return None;
        }
        (0..n).map(|_| self.string()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> Entry {
        Entry {
            build: "0.1.0+test".into(),
            root: "/site".into(),
            key: Digest([7; 16]),
            made: Made {
                files: vec![(
                    "a/index.html".into(),
                    Stamp {
                        len: 3,
                        modified: 5,
                        inode: 9,
                    },
                )],
                summary: DocumentSummary {
                    pages: 1,
                    search: vec![Indexed::from_packed(
                        "0/1".into(),
                        3,
                        b"word\0\x05".to_vec(),
                    )],
                    listed: vec!["https://example.org/a/".into()],
                },
                links: vec![ExportLink {
                    document: "a".into(),
                    kind: "text".into(),
                    format: "Plain text".into(),
                    path: "exports/a/a.txt".into(),
                    size: 12,
                    language: "en-GB".into(),
                }],
            },
        }
    }

    #[test]
    fn an_entry_reads_back_as_it_was_written() {
        let e = entry();
        assert_eq!(Entry::from_bytes(&e.to_bytes()), Some(e));
    }

    #[test]
    fn a_cut_altered_or_extended_entry_is_not_read() {
        let bytes = entry().to_bytes();
        for n in 0..bytes.len() {
            assert_eq!(Entry::from_bytes(&bytes[..n]), None, "cut to {n} bytes");
        }
        let mut altered = bytes.clone();
        altered[MAGIC.len() + 3] ^= 1;
        assert_eq!(Entry::from_bytes(&altered), None);
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(Entry::from_bytes(&longer), None);
    }
}
