//! The preview's rebuilds: after every kind of edit, the site it serves is
//! byte for byte the site a build from scratch makes, though only the
//! documents an edit can show on were rendered again.

mod common;

use std::fs;
use std::path::Path;

use planpress::Project;
use planpress::rebuild::Build;
use planpress::write::Output;

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

/// Replaces the first `from` in a project file, which must contain it.
fn edit(root: &Path, file: &str, from: &str, to: &str) -> Vec<String> {
    let path = root.join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no `{from}`");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
    vec![file.to_string()]
}

#[test]
fn every_kind_of_edit_to_the_kent_site_rebuilds_to_what_a_fresh_build_makes() {
    let dir = common::project_copy();
    let root = dir.path();
    let project = preview_project(root);
    let (mut build, mut output, first) = Build::new(&project).unwrap();
    assert_eq!(first.documents, first.of);
    assert_same(&output, &from_scratch(&project), "the first build");
    let docs = first.of;

    let s = "content/strategies";
    // What is edited, and the edit (which returns the files it changed).
    type Edit<'a> = (&'a str, Box<dyn Fn() -> Vec<String> + 'a>);
    let edits: Vec<Edit> = vec![
        (
            "a record's title, named by its successor's lineage",
            Box::new(|| {
                edit(
                    root,
                    &format!("{s}/towards-2010/strategy.yaml"),
                    "title: Towards 2010",
                    "title: Towards 2010 (edited)",
                )
            }),
        ),
        (
            "a figure that another document's pages report",
            Box::new(|| {
                edit(
                    root,
                    &format!(
                        "{s}/closing-down-bold-steps/measures/affordable-housing-completions.csv"
                    ),
                    "2012/13,1250,",
                    "2012/13,1251,",
                )
            }),
        ),
        (
            "the text of a section whose paragraphs are cited",
            Box::new(|| {
                edit(
                    root,
                    &format!("{s}/closing-down-bold-steps/sections/02-introduction.md"),
                    "\n\n",
                    "\n\nAn added paragraph.\n\n",
                )
            }),
        ),
        (
            "the title of a section whose paragraphs another document cites",
            Box::new(|| {
                edit(
                    root,
                    &format!(
                        "{s}/closing-down-bold-steps/sections/03-bold-steps-for-kent-themes.md"
                    ),
                    "title: \"2. Bold Steps for Kent themes\"",
                    "title: \"2. The themes\"",
                )
            }),
        ),
        (
            "a plan the site's contact details cite",
            Box::new(|| {
                edit(
                    root,
                    &format!("{s}/delivering-bold-steps/plan.yaml"),
                    "title: To Help the Kent Economy to Grow",
                    "title: To Help the Kent Economy Grow",
                )
            }),
        ),
        (
            "a new section file",
            Box::new(|| {
                let file = format!("{s}/framing-kents-future/sections/99-added.md");
                fs::write(root.join(&file), "---\ntitle: Added\n---\n\nA new page.\n").unwrap();
                vec![file]
            }),
        ),
        (
            "a section file removed",
            Box::new(|| {
                let file = format!("{s}/framing-kents-future/sections/99-added.md");
                fs::remove_file(root.join(&file)).unwrap();
                vec![file]
            }),
        ),
        (
            "a template (the preview must not keep the old one)",
            Box::new(|| {
                edit(
                    root,
                    "themes/default/templates/base.html",
                    "Skip to main content",
                    "Skip to the main content",
                )
            }),
        ),
        (
            "site.yaml",
            Box::new(|| {
                edit(
                    root,
                    "content/site.yaml",
                    "reviewed: \"2026-11-22\"",
                    "reviewed: \"2026-11-21\"",
                )
            }),
        ),
    ];
    let mut partial = 0;
    for (what, apply) in &edits {
        let changed = apply();
        let done = build
            .update(&changed, &mut output)
            .unwrap_or_else(|e| panic!("after {what}: {e:?}"));
        assert_same(&output, &from_scratch(&project), what);
        if done.documents < docs {
            partial += 1;
        }
    }
    assert!(partial >= 3, "only {partial} edits were rebuilt in part");
}

#[test]
fn a_broken_edit_keeps_the_last_good_site_and_its_fix_recovers() {
    let dir = common::project_copy();
    let root = dir.path();
    let project = preview_project(root);
    let (mut build, mut output, _) = Build::new(&project).unwrap();
    let good = output.clone();
    let file = "content/strategies/towards-2010/strategy.yaml";
    let changed = edit(root, file, "kind: strategy", "kind: [strategy");
    assert!(build.update(&changed, &mut output).is_err());
    assert!(output == good, "a failed rebuild leaves the site as it was");

    // Another document's edit does not hide the first one's error.
    let other = edit(
        root,
        "content/strategies/next-four-years/strategy.yaml",
        "held: false",
        "held: false\n",
    );
    let err = build.update(&other, &mut output).unwrap_err();
    assert!(format!("{err:?}").contains("towards-2010"), "{err:?}");

    let fixed = edit(root, file, "kind: [strategy", "kind: strategy");
    build.update(&fixed, &mut output).unwrap();
    assert_same(&output, &from_scratch(&project), "the fix");

    // An anchor another document cites, removed: the citation is an error.
    let section =
        "content/strategies/closing-down-bold-steps/sections/03-bold-steps-for-kent-themes.md";
    let removed = edit(root, section, "{#para-2-2-6} ", "");
    let err = build.update(&removed, &mut output).unwrap_err();
    assert!(
        format!("{err:?}").contains("has no anchor `para-2-2-6`"),
        "{err:?}"
    );
    let sentence = "(6) As part of the commitment to put more power";
    let restored = edit(
        root,
        section,
        sentence,
        &format!("{{#para-2-2-6}} {sentence}"),
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
    common::copy_dir(&common::root().join("themes"), &root.join("themes"));
    fs::create_dir_all(root.join("content/strategies")).unwrap();
    fs::write(
        root.join("content/site.yaml"),
        "name: Plans\norganisation: A council\nlanguage: en-GB\nbase_url: https://example.org/plans/\n\
         contact:\n  phone: \"01234 567890\"\naccessibility:\n  reviewed: \"2026-11-22\"\n",
    )
    .unwrap();
    let n = 8;
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
    let project = preview_project(root);
    let (mut build, mut output, _) = Build::new(&project).unwrap_or_else(|e| panic!("{e:?}"));
    let changed = edit(
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
