//! The preview's rebuilds: after every kind of edit, the site it serves is
//! byte for byte the site a build from scratch makes, though only the
//! documents an edit can show on were rendered again.

use std::fs;
use std::path::Path;

use planpress::Project;
use planpress::rebuild::Build;
use planpress::write::Output;

use crate::common::{copy_dir, edit, fixture_copy, kent_copy, root};

fn preview_project(root: &Path) -> Project {
    let mut project = Project::new(root);
    project.exports = false;
    project
}

fn from_scratch(project: &Project) -> Output {
    planpress::generate(project)
        .unwrap_or_else(|e| panic!("the edited content does not build: {e:?}"))
        .1
}

fn assert_same(rebuilt: &Output, fresh: &Output, after: &str) {
    let differing: Vec<&String> = fresh
        .keys()
        .chain(rebuilt.keys())
        .filter(|k| rebuilt.get(*k) != fresh.get(*k))
        .collect();
    assert!(
        differing.is_empty(),
        "after {after}, the rebuilt site differs from a fresh build in {} files, e.g. {:?}",
        differing.len(),
        &differing[..differing.len().min(5)]
    );
}

/// What is edited, and the edit, which returns the files it changed.
pub type Edit<'a> = (&'a str, Box<dyn Fn() -> Vec<String> + 'a>);

/// Replaces the first `from` in a project file; the file changed.
fn change(root: &Path, file: &str, from: &str, to: &str) -> Vec<String> {
    edit(root, file, from, to);
    vec![file.to_string()]
}

/// Applies each edit in turn, checking the rebuilt site against a fresh
/// build after each; the number of edits rebuilt in part.
fn rebuilds_match_fresh_builds(root: &Path, edits: &[Edit]) -> usize {
    let project = preview_project(root);
    let (mut build, mut output, first) = Build::new(&project).unwrap();
    assert_eq!(first.documents, first.of);
    assert_same(&output, &from_scratch(&project), "the first build");
    let mut partial = 0;
    for (what, apply) in edits {
        let changed = apply();
        let done = build
            .update(&changed, &mut output)
            .unwrap_or_else(|e| panic!("after {what}: {e:?}"));
        assert_same(&output, &from_scratch(&project), what);
        if done.documents < first.of {
            partial += 1;
        }
    }
    partial
}

const S: &str = "content/strategies";

#[test]
fn every_kind_of_edit_rebuilds_to_what_a_fresh_build_makes() {
    let dir = fixture_copy();
    // Every document of the fixture is within two links of every other, so
    // each edit renders them all again; the Kent site's edits below, and
    // the chain at the end, show that the preview renders only what it must.
    rebuilds_match_fresh_builds(dir.path(), &every_kind_of_edit(dir.path()));
}

/// Every kind of edit, to the fixture project at `root`, in an order in
/// which each leaves it sound: the build cache is tested with them too.
pub fn every_kind_of_edit(root: &Path) -> Vec<Edit<'_>> {
    vec![
        (
            "a record's title, named by its successor's lineage",
            Box::new(move || {
                change(
                    root,
                    &format!("{S}/community-charter-2012/strategy.yaml"),
                    "title: Community Charter",
                    "title: Community Charter (edited)",
                )
            }),
        ),
        (
            "a figure that another document's pages report",
            Box::new(move || {
                change(
                    root,
                    &format!("{S}/plan-review-2020/measures/homes-completed.csv"),
                    "2019/20,210,",
                    "2019/20,190,",
                )
            }),
        ),
        (
            "the text of a section whose paragraphs are cited",
            Box::new(move || {
                change(
                    root,
                    &format!("{S}/plan-review-2020/sections/02-what-we-achieved.md"),
                    "\n\n",
                    "\n\nAn added paragraph.\n\n",
                )
            }),
        ),
        (
            "the title of a section whose paragraphs another document cites",
            Box::new(move || {
                change(
                    root,
                    &format!("{S}/plan-review-2020/sections/02-what-we-achieved.md"),
                    "title: \"2. What we achieved\"",
                    "title: \"2. Achievements\"",
                )
            }),
        ),
        (
            "a plan whose priorities another document's outcomes cite",
            Box::new(move || {
                change(
                    root,
                    &format!("{S}/corporate-plan-2020/plan.yaml"),
                    "title: More homes people can afford",
                    "title: Homes people can afford",
                )
            }),
        ),
        (
            "the section the site's contact details cite",
            Box::new(move || {
                change(
                    root,
                    &format!("{S}/corporate-plan-2020/sections/03-other-formats.md"),
                    "Please call",
                    "Please telephone",
                )
            }),
        ),
        (
            "a new section file",
            Box::new(move || {
                let file = format!("{S}/corporate-plan-2020/sections/99-added.md");
                fs::write(root.join(&file), "---\ntitle: Added\n---\n\nA new page.\n").unwrap();
                vec![file]
            }),
        ),
        (
            "a section file removed",
            Box::new(move || {
                let file = format!("{S}/corporate-plan-2020/sections/99-added.md");
                fs::remove_file(root.join(&file)).unwrap();
                vec![file]
            }),
        ),
        (
            "a template (the preview must not keep the old one)",
            Box::new(move || {
                change(
                    root,
                    "themes/default/templates/base.html",
                    "{{ t(\"layout.skip-link\") }}",
                    "Skip to the main content",
                )
            }),
        ),
        (
            "a locale file (the preview must not keep the old words)",
            Box::new(move || {
                change(
                    root,
                    "themes/default/locales/en-GB.yaml",
                    "heading: Support links",
                    "heading: Links for support",
                )
            }),
        ),
        (
            "site.yaml",
            Box::new(move || {
                change(
                    root,
                    "content/site.yaml",
                    "reviewed: \"2026-03-14\"",
                    "reviewed: \"2026-03-15\"",
                )
            }),
        ),
    ]
}

/// Replaces line `n` (from 1) of a project file with what `f` makes of it.
fn change_line(root: &Path, file: &str, n: usize, f: impl Fn(&str) -> String) -> Vec<String> {
    let path = root.join(file);
    let text = fs::read_to_string(&path).unwrap();
    let lines: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| if i + 1 == n { f(l) } else { l.to_string() })
        .collect();
    fs::write(&path, lines.join("\n") + "\n").unwrap();
    vec![file.to_string()]
}

/// Edits on the real site, whose documents cite one another most: each is
/// rebuilt in part. The edits do not depend on what the files say, so that
/// a correction to the Kent content leaves this test as it is.
#[test]
fn edits_to_the_kent_site_rebuild_to_what_a_fresh_build_makes() {
    let dir = kent_copy();
    assert_eq!(
        rebuilds_match_fresh_builds(dir.path(), &kent_edits(dir.path())),
        2
    );
}

/// Two edits to the Kent project at `root`, each reaching only some of its
/// documents.
pub fn kent_edits(root: &Path) -> Vec<Edit<'_>> {
    let report = format!("{S}/closing-down-bold-steps");
    let csv = format!("{report}/measures/affordable-housing-completions.csv");
    let section = format!("{report}/sections/03-bold-steps-for-kent-themes.md");
    vec![
        (
            "a figure that another document's pages report",
            Box::new(move || {
                change_line(root, &csv, 2, |row| {
                    let mut cells: Vec<String> = row.split(',').map(str::to_string).collect();
                    cells[1] = format!("{}1", cells[1]);
                    cells.join(",")
                })
            }),
        ),
        (
            "the title of a section whose paragraphs another document cites",
            Box::new(move || change_line(root, &section, 2, |_| "title: The themes".to_string())),
        ),
    ]
}

#[test]
fn a_broken_edit_keeps_the_last_good_site_and_its_fix_recovers() {
    let dir = fixture_copy();
    let root = dir.path();
    let project = preview_project(root);
    let (mut build, mut output, _) = Build::new(&project).unwrap();
    let good = output.clone();
    let file = "content/strategies/community-charter-2012/strategy.yaml";
    let changed = change(root, file, "kind: strategy", "kind: [strategy");
    assert!(build.update(&changed, &mut output).is_err());
    assert!(output == good, "a failed rebuild leaves the site as it was");

    // Another document's edit does not hide the first one's error.
    let other = change(
        root,
        "content/strategies/delivery-programme-2017/strategy.yaml",
        "held: false",
        "held: false\n",
    );
    let err = build.update(&other, &mut output).unwrap_err();
    assert!(
        format!("{err:?}").contains("community-charter-2012"),
        "{err:?}"
    );

    let fixed = change(root, file, "kind: [strategy", "kind: strategy");
    build.update(&fixed, &mut output).unwrap();
    assert_same(&output, &from_scratch(&project), "the fix");

    // An anchor another document cites, removed: the citation is an error.
    let section = "content/strategies/plan-review-2020/sections/02-what-we-achieved.md";
    let removed = change(root, section, "{#para-2-4} ", "");
    let err = build.update(&removed, &mut output).unwrap_err();
    assert!(
        format!("{err:?}").contains("has no anchor `para-2-4`"),
        "{err:?}"
    );
    let sentence = "2.4 In the residents' survey";
    let restored = change(
        root,
        section,
        sentence,
        &format!("{{#para-2-4}} {sentence}"),
    );
    build.update(&restored, &mut output).unwrap();
    assert_same(&output, &from_scratch(&project), "the anchor put back");
}

/// A chain of documents, each replacing the one before and citing it: an
/// edit at one end is rendered again two links away, and no further.
#[test]
fn an_edit_is_rendered_again_only_where_it_can_show() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let n = 8;
    chain(root, n);
    let project = preview_project(root);
    let (mut build, mut output, _) = Build::new(&project).unwrap_or_else(|e| panic!("{e:?}"));
    let changed = change(
        root,
        "content/strategies/plan-0/strategy.yaml",
        "title: Plan 0",
        "title: Plan zero",
    );
    let done = build.update(&changed, &mut output).unwrap();
    assert_eq!(
        (done.documents, done.of),
        (3, n),
        "plan-0 and the two after it"
    );
    assert_same(
        &output,
        &from_scratch(&project),
        "an edit at the end of the chain",
    );
}

/// A project at `root` of `n` plans, `plan-0` to `plan-N`, each replacing
/// the one before and citing it.
pub fn chain(root: &Path, n: usize) {
    copy_dir(&self::root().join("themes"), &root.join("themes"));
    fs::create_dir_all(root.join("content/strategies")).unwrap();
    fs::write(
        root.join("content/site.yaml"),
        "name: Plans\norganisation: A council\nlanguage: en-GB\nbase_url: https://example.org/plans/\n\
         contact:\n  phone: \"01234 567890\"\naccessibility:\n  reviewed: \"2026-11-22\"\n  nation: england\n  compliance: partial\n",
    )
    .unwrap();
    for i in 0..n {
        let folder = root.join(format!("content/strategies/plan-{i}"));
        fs::create_dir_all(folder.join("sections")).unwrap();
        let mut meta = format!(
            "title: Plan {i}\nkind: strategy\npublisher: A council\npublished: \"{}\"\nstatus:\n  state: {}\n",
            2000 + i,
            if i + 1 == n { "current" } else { "superseded" }
        );
        if i > 0 {
            meta.push_str(&format!("replaces: [plan-{}]\n", i - 1));
        }
        if i + 1 < n {
            meta.push_str(&format!("superseded_by: plan-{}\n", i + 1));
        }
        fs::write(folder.join("strategy.yaml"), meta).unwrap();
        fs::write(
            folder.join("sections/01-about.md"),
            format!("---\ntitle: About plan {i}\n---\n\nWhat plan {i} is for. {{#purpose}}\n"),
        )
        .unwrap();
    }
}
