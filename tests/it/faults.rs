//! Faults around a build: interrupted builds, links out of the project,
//! and command-line values held to the rules of the files they override.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{fixture_copy, kent_copy, planpress, stderr};

/// Folders beside `public/` that a build left: staging or old copies.
fn leftovers(root: &Path) -> Vec<String> {
    std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect()
}

/// Starts a full build (with exports, the slow part) and sends `signal`
/// as soon as its staging folder exists; gives its exit code.
fn interrupted(root: &Path, signal: &str) -> Option<i32> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_planpress"))
        .args(["build", "--root"])
        .arg(root)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let staging = root.join(format!(".public.new-{}", child.id()));
    let started = Instant::now();
    while !staging.exists() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build ended before it could be interrupted"
        );
        assert!(started.elapsed() < Duration::from_secs(60));
        std::thread::sleep(Duration::from_millis(1));
    }
    let pid = child.id().to_string();
    let sent = Command::new("kill").args([signal, &pid]).status().unwrap();
    assert!(sent.success());
    child.wait().unwrap().code()
}

#[test]
fn an_interrupted_build_removes_its_staging_folder_and_keeps_the_last_site() {
    let dir = kent_copy();
    let root = dir.path();
    let o = planpress(root, &["build", "--no-exports"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = std::fs::read(root.join("public/index.html")).unwrap();
    for (signal, code) in [("-INT", 130), ("-TERM", 143)] {
        assert_eq!(interrupted(root, signal), Some(code), "{signal}");
        assert_eq!(leftovers(root), Vec::<String>::new(), "after {signal}");
        assert_eq!(
            std::fs::read(root.join("public/index.html")).unwrap(),
            before
        );
    }
    // SIGKILL cannot be caught: the next build clears what it left.
    assert_eq!(interrupted(root, "-KILL"), None);
    assert_eq!(leftovers(root).len(), 1, "a killed build leaves its folder");
    let o = planpress(root, &["build", "--no-exports"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(leftovers(root), Vec::<String>::new());
}

#[test]
fn a_site_address_on_the_command_line_is_held_to_the_rule_of_site_yaml() {
    let dir = fixture_copy();
    for bad in [
        "javascript:alert(1)",
        "https://example.org/no-slash",
        "//example.org/",
    ] {
        let o = planpress(dir.path(), &["build", "--no-exports", "--base-url", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(
            stderr(&o).contains("full web address ending in `/`"),
            "{}",
            stderr(&o)
        );
    }
    assert!(!dir.path().join("public").exists());
    let o = planpress(
        dir.path(),
        &[
            "build",
            "--no-exports",
            "--base-url",
            "https://example.org/x/",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn export_never_writes_into_the_project_its_sources_or_home() {
    let dir = fixture_copy();
    let root = dir.path();
    let home = tempfile::tempdir().unwrap();
    let run = |out: &Path| {
        Command::new(env!("CARGO_BIN_EXE_planpress"))
            .args(["export", "--format", "txt", "--root"])
            .arg(root)
            .arg("--out")
            .arg(out)
            .env("HOME", home.path())
            .output()
            .unwrap()
    };
    let content_before = crate::common::files(&root.join("content")).len();
    for out in [
        root.to_path_buf(),
        root.join("content"),
        root.join("themes/default"),
        home.path().to_path_buf(),
        "/".into(),
    ] {
        let o = run(&out);
        assert_eq!(o.status.code(), Some(2), "{}", out.display());
        assert!(stderr(&o).contains("refusing to write"), "{}", stderr(&o));
    }
    assert_eq!(
        crate::common::files(&root.join("content")).len(),
        content_before
    );
    assert_eq!(std::fs::read_dir(home.path()).unwrap().count(), 0);
    let elsewhere = tempfile::tempdir().unwrap();
    let o = run(&elsewhere.path().join("formats"));
    assert!(o.status.success(), "{}", stderr(&o));
}
