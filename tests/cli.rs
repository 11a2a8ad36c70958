//! The `planpress` command as editors use it: exit codes, messages, and the
//! last good build kept safe.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn planpress(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planpress"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn check_passes_on_the_kent_content() {
    let o = planpress(&common::root(), &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("no errors"));
}

#[test]
fn build_prints_a_one_line_summary() {
    let p = common::project_copy();
    let o = planpress(p.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(out.lines().count(), 1);
    assert!(
        out.starts_with("built ") && out.contains(" pages") && out.contains(" ms"),
        "{out}"
    );
}

#[test]
fn a_yaml_mistake_names_file_line_and_fix_and_keeps_the_last_build() {
    let p = common::project_copy();
    assert!(planpress(p.path(), &["build"]).status.success());
    let before = std::fs::read(p.path().join("public/index.html")).unwrap();

    let meta = p
        .path()
        .join("content/strategies/towards-2010/strategy.yaml");
    let text = std::fs::read_to_string(&meta).unwrap();
    std::fs::write(&meta, text.replacen("kind: strategy", "kind strategy", 1)).unwrap();
    let o = planpress(p.path(), &["build"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("content/strategies/towards-2010/strategy.yaml:"),
        "{err}"
    );
    assert!(err.contains("previous site is untouched"), "{err}");
    assert_eq!(
        std::fs::read(p.path().join("public/index.html")).unwrap(),
        before
    );
}

#[test]
fn an_unknown_key_suggests_the_right_one() {
    let p = common::project_copy();
    let meta = p
        .path()
        .join("content/strategies/towards-2010/strategy.yaml");
    let text = std::fs::read_to_string(&meta).unwrap();
    std::fs::write(&meta, text.replacen("superseded_by:", "supersede_by:", 1)).unwrap();
    let o = planpress(p.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("unknown field `supersede_by`"), "{err}");
    assert!(err.contains("did you mean `superseded_by`?"), "{err}");
}

#[test]
fn a_dangling_reference_is_reported_with_its_line() {
    let p = common::project_copy();
    let meta = p
        .path()
        .join("content/strategies/towards-2010/strategy.yaml");
    let text = std::fs::read_to_string(&meta).unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("superseded_by:"))
        .unwrap()
        + 1;
    std::fs::write(
        &meta,
        text.replacen(
            "superseded_by: bold-steps-for-kent",
            "superseded_by: bold-steps-for-kentt",
            1,
        ),
    )
    .unwrap();
    let o = planpress(p.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "content/strategies/towards-2010/strategy.yaml:{line}:"
        )),
        "{err}"
    );
    assert!(
        err.contains("there is no document `bold-steps-for-kentt`"),
        "{err}"
    );
    assert!(err.contains("did you mean `bold-steps-for-kent`?"), "{err}");
}

#[test]
fn all_errors_of_a_build_are_reported_together() {
    let p = common::project_copy();
    let a = p
        .path()
        .join("content/strategies/towards-2010/strategy.yaml");
    let b = p
        .path()
        .join("content/strategies/next-four-years/strategy.yaml");
    for f in [&a, &b] {
        let t = std::fs::read_to_string(f).unwrap();
        std::fs::write(f, t.replacen("kind:", "knd:", 1)).unwrap();
    }
    let err = stderr(&planpress(p.path(), &["check"]));
    assert!(
        err.contains("towards-2010/strategy.yaml") && err.contains("next-four-years/strategy.yaml"),
        "{err}"
    );
}

#[test]
fn refuses_to_write_over_the_content() {
    let p = common::project_copy();
    let content = p.path().join("content");
    let o = Command::new(env!("CARGO_BIN_EXE_planpress"))
        .args(["build", "--root"])
        .arg(p.path())
        .arg("--out")
        .arg(&content)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("refusing to write the site"),
        "{}",
        stderr(&o)
    );
    assert!(content.join("site.yaml").exists());
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
    let p = common::project_copy();
    let o = Command::new(env!("CARGO_BIN_EXE_planpress"))
        .args(["new", "strategy", "council-strategy-2026", "--root"])
        .arg(p.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        p.path()
            .join("content/strategies/council-strategy-2026/strategy.yaml")
            .exists()
    );
    let check = planpress(p.path(), &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let bad = Command::new(env!("CARGO_BIN_EXE_planpress"))
        .args(["new", "strategy", "Bad Slug", "--root"])
        .arg(p.path())
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn a_sub_path_base_url_roots_every_link_there() {
    let p = common::project_copy();
    let o = Command::new(env!("CARGO_BIN_EXE_planpress"))
        .args([
            "build",
            "--base-url",
            "https://www.kent.gov.uk/about-the-council/strategies-and-policies/",
            "--root",
        ])
        .arg(p.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let home = std::fs::read_to_string(p.path().join("public/index.html")).unwrap();
    assert!(home.contains("href=\"/about-the-council/strategies-and-policies/static/planpress."));
    assert!(
        home.contains("href=\"/about-the-council/strategies-and-policies/framing-kents-future/\"")
    );
}
