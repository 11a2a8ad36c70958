//! The build cache: `planpress build` after an edit takes the files of the
//! documents the edit cannot reach from the build it replaces, and makes
//! the site a build without the cache makes, byte for byte, whatever the
//! edit and whatever state the cache is in.
//!
//! Each build with the cache is compared with a build with `--no-cache`
//! into a copy of the same previous site: the change log compares a build
//! with the one it replaces, so both must replace the same one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use planpress::cache::entry::Entry;

use crate::common::{copy_dir, files, fixture_copy, kent_copy, planpress, stderr, tool};
use crate::rebuild::{chain, every_kind_of_edit, kent_edits};

type Site = BTreeMap<String, Vec<u8>>;

/// A build: the site's files, what it said, and its notices.
struct Built {
    site: Site,
    said: String,
    notices: String,
}

impl Built {
    /// How many documents the build cache gave, of how many.
    fn reused(&self) -> (usize, usize) {
        let (_, after) = self
            .said
            .split_once("; ")
            .unwrap_or_else(|| panic!("no count of documents: {}", self.said));
        let mut numbers = after
            .split_whitespace()
            .filter_map(|w| w.parse::<usize>().ok());
        (numbers.next().unwrap(), numbers.next().unwrap())
    }
}

fn build(root: &Path, out: &Path, args: &[&str]) -> Built {
    let run = planpress(
        root,
        &[&["build", "--out", out.to_str().unwrap()], args].concat(),
    );
    assert!(run.status.success(), "{}", stderr(&run));
    Built {
        site: read(out),
        said: String::from_utf8_lossy(&run.stdout).into_owned(),
        notices: stderr(&run),
    }
}

fn read(out: &Path) -> Site {
    files(out)
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(out).unwrap().to_string_lossy().into_owned();
            (rel, std::fs::read(&p).unwrap())
        })
        .collect()
}

/// The project at `root`, built into `root/site` with its cache in
/// `root/cache`, and compared with a build without the cache.
struct Project<'a> {
    root: &'a Path,
    args: Vec<&'a str>,
}

impl<'a> Project<'a> {
    fn new(root: &'a Path, args: &[&'a str]) -> Project<'a> {
        Project {
            root,
            args: args.to_vec(),
        }
    }

    fn out(&self) -> PathBuf {
        self.root.join("site")
    }

    fn cache(&self) -> PathBuf {
        self.root.join("cache")
    }

    /// Builds with the cache, checking the site against a build without
    /// it, made in place of a copy of the same previous site.
    fn build(&self, after: &str) -> Built {
        let cold = self.root.join("cold");
        if cold.exists() {
            std::fs::remove_dir_all(&cold).unwrap();
        }
        if self.out().exists() {
            copy_dir(&self.out(), &cold);
        }
        let fresh = build(
            self.root,
            &cold,
            &[&self.args[..], &["--no-cache"]].concat(),
        );
        let cache = self.cache();
        let cache_arg = ["--cache", cache.to_str().unwrap()];
        let built = build(
            self.root,
            &self.out(),
            &[&self.args[..], &cache_arg].concat(),
        );
        assert_same(&built.site, &fresh.site, after);
        built
    }
}

fn assert_same(built: &Site, fresh: &Site, after: &str) {
    let differing: Vec<&String> = fresh
        .keys()
        .chain(built.keys())
        .filter(|k| built.get(*k) != fresh.get(*k))
        .collect();
    assert!(
        differing.is_empty(),
        "after {after}, the build with the cache differs from one without in {} files, e.g. {:?}",
        differing.len(),
        &differing[..differing.len().min(5)]
    );
}

/// The build cache's entries, one a document.
fn entries(cache: &Path) -> Vec<PathBuf> {
    let mut found = files(&cache.join("build"));
    found.sort();
    found
}

#[test]
fn every_kind_of_edit_builds_the_site_a_build_without_the_cache_makes() {
    let dir = fixture_copy();
    let project = Project::new(dir.path(), &["--no-exports"]);
    let first = project.build("the first build");
    let documents = first.reused().1;
    assert_eq!(first.reused(), (0, documents));
    let again = project.build("a build with nothing changed");
    assert_eq!(again.reused(), (documents, documents), "{}", again.said);
    assert!(again.notices.is_empty(), "{}", again.notices);
    for (what, apply) in every_kind_of_edit(dir.path()) {
        apply();
        let built = project.build(what);
        assert!(built.notices.is_empty(), "after {what}: {}", built.notices);
    }
}

#[test]
fn edits_to_the_kent_site_build_again_only_the_documents_they_reach() {
    let dir = kent_copy();
    let project = Project::new(dir.path(), &["--no-exports"]);
    project.build("the first build");
    for (what, apply) in kent_edits(dir.path()) {
        apply();
        let (reused, of) = project.build(what).reused();
        assert!(
            reused > 0 && reused < of,
            "after {what}, {reused} of {of} documents came from the cache"
        );
    }
}

/// Pages, figures and exports alike: an edit at one end of a chain of
/// plans makes that plan and the two after it again, and no more.
#[test]
fn an_edit_makes_again_only_the_documents_within_two_links() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    chain(root, 8);
    let project = Project::new(root, &[]);
    let first = project.build("the first build");
    assert!(
        first.site.keys().any(|p| p.starts_with("exports/plan-7/")),
        "the plans have exports"
    );
    crate::common::edit(
        root,
        "content/strategies/plan-0/strategy.yaml",
        "title: Plan 0",
        "title: Plan zero",
    );
    assert_eq!(project.build("an edit to plan-0").reused(), (5, 8));
    let again = project.build("nothing changed");
    assert_eq!(again.reused(), (8, 8));
}

#[test]
fn exports_are_taken_from_the_cache_with_the_pages_that_list_them() {
    if !tool("lou_translate", "the Braille kept by the build cache") {
        return;
    }
    let dir = fixture_copy();
    let project = Project::new(dir.path(), &[]);
    let first = project.build("the first build");
    assert!(first.site.keys().any(|p| p.ends_with(".brf")));
    let again = project.build("nothing changed");
    assert_eq!(again.reused().0, again.reused().1);
}

/// The files of every damaged entry, and how.
fn damage(entries: &[PathBuf], how: impl Fn(Vec<u8>) -> Vec<u8>) {
    for e in entries {
        let bytes = std::fs::read(e).unwrap();
        std::fs::write(e, how(bytes)).unwrap();
    }
}

#[test]
fn a_truncated_or_foreign_entry_is_ignored_with_a_notice() {
    let dir = fixture_copy();
    let project = Project::new(dir.path(), &["--no-exports"]);
    project.build("the first build");
    let all = entries(&project.cache());
    let (one, rest) = all.split_first().unwrap();

    damage(std::slice::from_ref(one), |b| b[..b.len() / 2].to_vec());
    let built = project.build("an entry cut short");
    assert!(
        built
            .notices
            .contains("notice: 1 entries of the build cache were damaged"),
        "{}",
        built.notices
    );
    assert_eq!(built.notices.lines().count(), 1, "{}", built.notices);
    let (reused, of) = built.reused();
    assert_eq!(reused + 1, of);
    let mended = project.build("the entry made again");
    assert!(mended.notices.is_empty(), "{}", mended.notices);
    assert_eq!(mended.reused().0, of);

    damage(rest, |_| b"GIF89a".to_vec());
    let built = project.build("entries that are not entries");
    assert!(
        built.notices.contains(&format!(
            "notice: {} entries of the build cache were damaged",
            rest.len()
        )),
        "{}",
        built.notices
    );

    // Made by an older build of planpress: whole, and with its checksum.
    damage(&all, |b| {
        let mut entry = Entry::from_bytes(&b).expect("a whole entry");
        entry.build = "0.0.1+0123456789abcdef".to_string();
        entry.to_bytes()
    });
    let built = project.build("a cache made by an older build");
    assert!(
        built.notices.contains(&format!(
            "notice: {} entries of the build cache were made by another build of planpress",
            all.len()
        )),
        "{}",
        built.notices
    );
    assert_eq!(built.reused().0, 0);
}

/// Another project built into the same folder with the same cache: its
/// entries are told apart and not used, though its documents have the same
/// names.
#[test]
fn a_cache_from_another_site_is_ignored_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (fixture_copy(), fixture_copy());
    let out = dir.path().join("site");
    let cache = dir.path().join("cache");
    let args = ["--no-exports", "--cache", cache.to_str().unwrap()];
    build(first.path(), &out, &args);
    crate::common::edit(
        second.path(),
        "content/strategies/corporate-plan-2020/sections/01-introduction.md",
        "It follows the Borough Plan of 2016.",
        "It follows the Borough Plan of 2016, as amended.",
    );
    let cold = dir.path().join("cold");
    copy_dir(&out, &cold);
    let fresh = build(second.path(), &cold, &["--no-exports", "--no-cache"]);
    let built = build(second.path(), &out, &args);
    assert_same(&built.site, &fresh.site, "another site's build");
    assert!(
        built.notices.contains("were made for another site"),
        "{}",
        built.notices
    );
    assert_eq!(built.reused().0, 0);
}

/// A file of the site changed by hand since the build that made it: the
/// next build makes its document again, and the file is the build's again.
#[test]
fn a_file_changed_in_the_output_is_made_again() {
    let dir = fixture_copy();
    let project = Project::new(dir.path(), &["--no-exports"]);
    let first = project.build("the first build");
    let page = "corporate-plan-2020/index.html".to_string();
    assert!(first.site.contains_key(&page));
    let path = project.out().join(&page);
    std::fs::write(&path, "changed by hand").unwrap();
    let built = project.build("a page changed by hand");
    assert_eq!(built.reused().0 + 1, built.reused().1);
    assert_eq!(built.site[&page], first.site[&page]);
}

#[test]
fn no_cache_keeps_no_build_cache_and_each_output_folder_has_its_own() {
    let dir = fixture_copy();
    let root = dir.path();
    let cache = root.join("cache");
    let cache_arg = ["--no-exports", "--cache", cache.to_str().unwrap()];
    build(root, &root.join("a"), &["--no-exports", "--no-cache"]);
    assert!(!cache.exists(), "--no-cache wrote a cache");
    build(root, &root.join("a"), &cache_arg);
    let other = build(root, &root.join("b"), &cache_arg);
    assert_eq!(other.reused().0, 0, "another folder's files were taken");
    assert!(other.notices.is_empty(), "{}", other.notices);
    let again = build(root, &root.join("a"), &cache_arg);
    assert_eq!(again.reused().0, again.reused().1);
}

/// `planpress build` with its stderr a terminal (through `script`), with
/// `CI` set to `ci`: what the terminal showed.
fn on_a_terminal(root: &Path, ci: &str) -> String {
    let command = format!(
        "{} build --no-exports --no-cache --root {} --out {}",
        env!("CARGO_BIN_EXE_planpress"),
        root.display(),
        root.join("site").display()
    );
    let run = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("CI", ci)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    String::from_utf8_lossy(&run.stdout).into_owned()
}

#[test]
fn a_build_shows_its_progress_on_a_terminal_only() {
    if !tool("script", "progress on a terminal") {
        return;
    }
    let dir = fixture_copy();
    let shown = on_a_terminal(dir.path(), "false");
    assert!(shown.contains("documents ("), "{shown}");
    assert!(shown.contains(" left)"), "no time left: {shown}");
    let in_ci = on_a_terminal(dir.path(), "true");
    assert!(!in_ci.contains("documents ("), "{in_ci}");
    assert!(in_ci.contains("built "), "{in_ci}");
    // Not a terminal: nothing but the notices.
    let piped = build(dir.path(), &dir.path().join("piped"), &["--no-exports"]);
    assert!(!piped.notices.contains("documents ("), "{}", piped.notices);
}
