//! The export programs' cache: a build that reuses what liblouis, espeak-ng
//! and lame made before is the build made afresh, byte for byte, whatever
//! state the cache is in.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{edit, files, fixture_copy, planpress, stderr, tool};

/// Builds the project at `root` into `root/OUT` (`out`), with `args`.
fn built(root: &Path, out: &str, args: &[&str]) -> (BTreeMap<String, Vec<u8>>, String) {
    let dir = root.join(out);
    let dir_arg = dir.to_str().unwrap();
    let run = planpress(root, &[&["build", "--out", dir_arg], args].concat());
    assert!(run.status.success(), "{}", stderr(&run));
    let out = run;
    let site = files(&dir)
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(&dir).unwrap().to_string_lossy().into_owned();
            (rel, std::fs::read(&p).unwrap())
        })
        .collect();
    (site, stderr(&out))
}

fn entries(cache: &Path) -> Vec<std::path::PathBuf> {
    let mut entries = files(&cache.join("tools"));
    entries.sort();
    entries
}

#[test]
fn a_build_from_the_cache_is_the_build_made_afresh() {
    if !tool("lou_translate", "the cache of Braille") || !tool("espeak-ng", "the cache of audio") {
        return;
    }
    let project = fixture_copy();
    let root = project.path();
    let cache = root.join(".planpress-cache");
    let (fresh, _) = built(root, "fresh", &["--no-cache"]);
    assert!(!cache.exists(), "--no-cache wrote a cache");
    let (first, _) = built(root, "first", &[]);
    let made = entries(&cache);
    assert!(made.len() >= 2, "Braille and audio are cached: {made:?}");
    let (again, notices) = built(root, "again", &[]);
    assert!(
        fresh == first && first == again,
        "the cache changed the site"
    );
    assert!(!notices.contains("damaged"), "{notices}");
    assert_eq!(entries(&cache), made, "an unchanged build made new entries");

    // Damaged on disk: every entry cut short, one replaced by other bytes.
    for (i, entry) in made.iter().enumerate() {
        let bytes = std::fs::read(entry).unwrap();
        let damaged = if i == 0 {
            b"GIF89a".to_vec()
        } else {
            bytes[..bytes.len() / 2].to_vec()
        };
        std::fs::write(entry, damaged).unwrap();
    }
    let (mended, notices) = built(root, "mended", &[]);
    assert!(mended == fresh, "a damaged cache changed the site");
    assert!(
        notices.contains(&format!(
            "notice: {} damaged entries of the export cache",
            made.len()
        )),
        "{notices}"
    );
    let (_, notices) = built(root, "after", &[]);
    assert!(
        !notices.contains("damaged"),
        "the damaged entries were not mended: {notices}"
    );
}

/// Another site's cache, or one from before an edit, gives what the edited
/// site would be made afresh: a document whose text changed is made again.
#[test]
fn a_cache_from_another_site_is_never_trusted_for_what_changed() {
    if !tool("lou_translate", "the cache of Braille") {
        return;
    }
    let first = fixture_copy();
    let cache = first.path().join("shared-cache");
    let cache_arg = cache.to_str().unwrap();
    let (original, _) = built(first.path(), "public", &["--cache", cache_arg]);
    let before = entries(&cache).len();
    let other = fixture_copy();
    edit(
        other.path(),
        "content/strategies/corporate-plan-2020/sections/01-introduction.md",
        "It follows the Borough Plan of 2016.",
        "It follows the Borough Plan of 2016, as amended.",
    );
    let (from_cache, _) = built(other.path(), "public", &["--cache", cache_arg]);
    let (fresh, _) = built(other.path(), "fresh", &["--no-cache"]);
    assert!(from_cache == fresh, "another site's cache changed the site");
    assert!(
        entries(&cache).len() > before,
        "the edited document was not made again"
    );
    let braille = "exports/corporate-plan-2020/corporate-plan-2020.brf";
    assert_ne!(
        original[braille], fresh[braille],
        "the edit did not reach the Braille"
    );
}
