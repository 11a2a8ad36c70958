//! The `planpress` command as editors use it: exit codes, messages, and the
//! last good build kept safe.

use std::process::Command;

use crate::common::{edit, fixture_copy, kent, planpress, root, stderr};

#[test]
fn check_passes_on_the_kent_content() {
    let o = planpress(&root(), &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    // As many pages as the build made (the large print exports are not pages).
    let pages = kent()
        .pages
        .keys()
        .filter(|p| !p.starts_with("exports/"))
        .count();
    assert_eq!(
        out.trim(),
        format!("no errors: {pages} pages would be built")
    );
}

#[test]
fn build_prints_a_one_line_summary() {
    let p = fixture_copy();
    let o = planpress(p.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(out.lines().count(), 1);
    assert!(
        out.starts_with("built ") && out.contains(" pages") && out.contains(" ms"),
        "{out}"
    );
}

const PLAN: &str = "content/strategies/corporate-plan-2020/strategy.yaml";
const OLDER: &str = "content/strategies/borough-plan-2016/strategy.yaml";

#[test]
fn a_yaml_mistake_names_file_line_and_fix_and_keeps_the_last_build() {
    let p = fixture_copy();
    assert!(
        planpress(p.path(), &["build", "--no-exports"])
            .status
            .success()
    );
    let before = std::fs::read(p.path().join("public/index.html")).unwrap();
    edit(p.path(), PLAN, "kind: strategy", "kind strategy");
    let o = planpress(p.path(), &["build", "--no-exports"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains(&format!("{PLAN}:3:")), "{err}");
    assert!(err.contains("previous site is untouched"), "{err}");
    assert_eq!(
        std::fs::read(p.path().join("public/index.html")).unwrap(),
        before
    );
}

#[test]
fn an_unknown_key_suggests_the_right_one() {
    let p = fixture_copy();
    edit(p.path(), OLDER, "superseded_by:", "supersede_by:");
    let o = planpress(p.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("unknown field `supersede_by`"), "{err}");
    assert!(err.contains("did you mean `superseded_by`?"), "{err}");
}

#[test]
fn a_dangling_reference_is_reported_with_its_line() {
    let p = fixture_copy();
    edit(
        p.path(),
        OLDER,
        "superseded_by: corporate-plan-2020",
        "superseded_by: corporate-plan-2021",
    );
    let o = planpress(p.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains(&format!("{OLDER}:14:")), "{err}");
    assert!(
        err.contains("there is no document `corporate-plan-2021`"),
        "{err}"
    );
    assert!(err.contains("did you mean `corporate-plan-2020`?"), "{err}");
}

#[test]
fn all_errors_of_a_build_are_reported_together() {
    let p = fixture_copy();
    for file in [PLAN, OLDER] {
        edit(p.path(), file, "kind:", "knd:");
    }
    let o = planpress(p.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains(PLAN) && err.contains(OLDER), "{err}");
    assert!(err.contains("the build stopped: 2 error(s)"), "{err}");
}

#[test]
fn refuses_to_write_over_the_content() {
    let p = fixture_copy();
    let content = p.path().join("content");
    let o = planpress(p.path(), &["build", "--out", content.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("refusing to write the site"),
        "{}",
        stderr(&o)
    );
    assert!(content.join("site.yaml").exists());
    assert!(!content.join("index.html").exists());
}

#[test]
fn usage_errors_exit_2() {
    let o = Command::new(env!("CARGO_BIN_EXE_planpress"))
        .arg("biuld")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_new_strategy_skeleton_checks_cleanly() {
    let p = fixture_copy();
    let o = planpress(p.path(), &["new", "strategy", "council-strategy-2026"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        p.path()
            .join("content/strategies/council-strategy-2026/strategy.yaml")
            .exists()
    );
    let meta = std::fs::read_to_string(
        p.path()
            .join("content/strategies/council-strategy-2026/strategy.yaml"),
    )
    .unwrap();
    assert!(
        meta.contains("publisher: \"Example Borough Council\"\n"),
        "the publisher is the site's organisation: {meta}"
    );
    let check = planpress(p.path(), &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let bad = planpress(p.path(), &["new", "strategy", "Bad Slug"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn a_sub_path_base_url_roots_every_link_there() {
    let p = fixture_copy();
    let o = planpress(
        p.path(),
        &[
            "build",
            "--no-exports",
            "--base-url",
            "https://www.example.org/about-the-council/plans/",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let home = std::fs::read_to_string(p.path().join("public/index.html")).unwrap();
    assert!(home.contains("href=\"/about-the-council/plans/static/planpress."));
    assert!(home.contains("href=\"/about-the-council/plans/corporate-plan-2020/\""));
    assert!(
        !home.contains("href=\"/plans/"),
        "a link to the old base path"
    );
}
