//! The bad-input corpus (`tests/bad_inputs/*.yaml`), run against copies of
//! the real Kent project.
//!
//! Each case file names the files to break, the command to run, and what an
//! editor must be told: the exit code, each problem's `file:line:column`, the
//! words of its message and of its help. After a failed build the previous
//! `public/` must be byte-for-byte what it was. Every case starts from a
//! copy of the Kent build the other tests share (`common::kent`), and builds
//! without exports (`--no-exports`): the formats have tests of their own.
//!
//! `PLANPRESS_CASE=name` runs only the cases whose name holds `name`;
//! `PLANPRESS_SHOW=1` prints what planpress said for each case.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Instant;

use rayon::prelude::*;
use serde::Deserialize;

use crate::common::{kent, root};

/// One bad input and what planpress must say about it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// What is wrong, in words.
    about: String,
    /// The command, without `--root` (added). `{root}` is the project copy.
    #[serde(default = "build")]
    run: Vec<String>,
    /// Extra environment for the command; `{root}` is expanded.
    #[serde(default)]
    env: BTreeMap<String, String>,
    #[serde(default)]
    change: Vec<Change>,
    expect: Expect,
}

fn build() -> Vec<String> {
    vec!["build".to_string()]
}

/// One edit of the project copy. `file` is relative to the project root.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Change {
    file: String,
    /// Replace the first occurrence of this text (which must be there) …
    replace: Option<String>,
    /// … with this.
    with: Option<String>,
    /// Write the file with this text (creating folders).
    write: Option<String>,
    /// Add this text at the end of the file …
    append: Option<String>,
    /// … this many times (once by default).
    times: Option<usize>,
    /// Make the file a symbolic link to this path (`{root}` is the copy,
    /// `{kent}` the project it was copied from, outside it).
    link: Option<String>,
    /// Raw bytes: inserted after the text `after`, or written as the whole file.
    bytes: Option<Vec<u8>>,
    after: Option<String>,
    /// Remove the file or folder.
    #[serde(default)]
    delete: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    exit: i32,
    /// Problems reported as `error:`, each of them required.
    #[serde(default)]
    errors: Vec<Reported>,
    #[serde(default)]
    warnings: Vec<Reported>,
    /// The number of errors the closing line gives.
    count: Option<usize>,
    /// Other words the command must print on stderr.
    #[serde(default)]
    stderr: Vec<String>,
    /// Words it must not print (a file's text it must not quote).
    #[serde(default)]
    stderr_lacks: Vec<String>,
    /// Files after the run (relative to the project root).
    #[serde(default)]
    files: Vec<FileCheck>,
    /// `unchanged` (the default when the command fails) or `rebuilt`.
    public: Option<PublicState>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Reported {
    /// `file:line:column`, `file:line` or `file` as printed.
    at: String,
    /// Instead of a line number in `at`: the first line of the (changed)
    /// file that holds this text.
    line_of: Option<String>,
    /// With `line_of`: which line holding the text (1, the first, by default).
    occurrence: Option<usize>,
    /// With `line_of`: the column.
    column: Option<usize>,
    #[serde(default)]
    message: Vec<String>,
    #[serde(default)]
    help: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileCheck {
    file: String,
    #[serde(default)]
    contains: Vec<String>,
    #[serde(default)]
    lacks: Vec<String>,
    /// The file must not exist.
    #[serde(default)]
    absent: bool,
}

#[derive(Debug, Deserialize, PartialEq, Clone, Copy)]
#[serde(rename_all = "kebab-case")]
enum PublicState {
    Unchanged,
    Rebuilt,
}

type Tree = BTreeMap<PathBuf, Vec<u8>>;

/// The Kent project with a good build in `public/`.
struct Base {
    dir: &'static Path,
    public: Tree,
}

fn base() -> &'static Base {
    static BASE: OnceLock<Base> = OnceLock::new();
    BASE.get_or_init(|| {
        let site = kent();
        let public: Tree = site
            .files
            .iter()
            .map(|(k, v)| (PathBuf::from(k), v.clone()))
            .collect();
        assert!(public.contains_key(Path::new(".planpress-output")));
        Base {
            dir: &site.root,
            public,
        }
    })
}

fn planpress(root: &Path, args: &[String], env: &BTreeMap<String, String>) -> std::process::Output {
    let expand = |s: &str| s.replace("{root}", &root.display().to_string());
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_planpress"));
    cmd.args(args.iter().map(|a| expand(a)));
    if args.first().is_some_and(|a| a == "build") {
        cmd.arg("--no-exports");
    }
    cmd.arg("--root").arg(root).current_dir(root);
    for (k, v) in env {
        cmd.env(k, expand(v));
    }
    cmd.output().unwrap()
}

/// `from` recreated at `to` with hard links to its files.
fn link(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let t = to.join(p.file_name().unwrap());
        if p.is_dir() {
            link(&p, &t)
        } else {
            fs::hard_link(&p, &t).unwrap();
        }
    }
}

/// Whether every file under `b` is the very file (not a copy) under `a`.
#[cfg(unix)]
fn same_files(a: &Path, b: &Path, files: &Tree) -> bool {
    use std::os::unix::fs::MetadataExt;
    files.keys().all(
        |rel| match (fs::metadata(a.join(rel)), fs::metadata(b.join(rel))) {
            (Ok(x), Ok(y)) => x.ino() == y.ino() && x.dev() == y.dev(),
            _ => false,
        },
    )
}

#[cfg(not(unix))]
fn same_files(_: &Path, _: &Path, _: &Tree) -> bool {
    true
}

/// Every file under `dir`, relative path → bytes.
fn tree(dir: &Path) -> Tree {
    fn walk(base: &Path, dir: &Path, out: &mut Tree) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.insert(
                    p.strip_prefix(base).unwrap().to_path_buf(),
                    fs::read(&p).unwrap(),
                );
            }
        }
    }
    let mut out = Tree::new();
    walk(dir, dir, &mut out);
    out
}

fn cases() -> Vec<(String, Case)> {
    let dir = root().join("tests/bad_inputs");
    let filter = std::env::var("PLANPRESS_CASE").unwrap_or_default();
    let mut cases: Vec<(String, Case)> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            let text = fs::read_to_string(&p).unwrap();
            let case: Case = serde_saphyr::from_str(&text)
                .unwrap_or_else(|e| panic!("tests/bad_inputs/{name}.yaml: {e}"));
            (name, case)
        })
        .filter(|(name, _)| name.contains(&filter))
        .collect();
    cases.sort_by(|a, b| a.0.cmp(&b.0));
    cases
}

/// One problem as printed: its position, level, message and the rest of
/// its block (snippet and help).
#[derive(Debug)]
struct Printed {
    position: String,
    level: String,
    message: String,
    snippet: bool,
    help: String,
}

fn parse_stderr(stderr: &str) -> Vec<Printed> {
    let mut out: Vec<Printed> = Vec::new();
    let mut in_help = false;
    for line in stderr.lines() {
        let header = (!line.starts_with(' ') && !line.starts_with("error: the build stopped"))
            .then(|| {
                ["error", "warning"].iter().find_map(|level| {
                    let marker = format!(": {level}: ");
                    line.find(&marker).map(|i| Printed {
                        position: line[..i].to_string(),
                        level: level.to_string(),
                        message: line[i + marker.len()..].to_string(),
                        snippet: false,
                        help: String::new(),
                    })
                })
            })
            .flatten();
        if let Some(p) = header {
            out.push(p);
            in_help = false;
            continue;
        }
        let Some(last) = out.last_mut() else { continue };
        let trimmed = line.trim();
        if let Some(help) = trimmed.strip_prefix("help: ") {
            last.help = help.to_string();
            in_help = true;
        } else if in_help && !trimmed.is_empty() {
            last.help.push(' ');
            last.help.push_str(trimmed);
        } else if trimmed.starts_with("╭─[") {
            last.snippet = true;
        } else if trimmed.is_empty() {
            in_help = false;
        }
    }
    out
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The position a case expects, with `line_of` looked up in the changed file.
fn expected_position(root: &Path, r: &Reported) -> Result<String, String> {
    let Some(text) = &r.line_of else {
        return Ok(r.at.clone());
    };
    let content = fs::read(root.join(&r.at)).map_err(|e| format!("{}: {e}", r.at))?;
    let content = String::from_utf8_lossy(&content);
    let line = content
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(text.as_str()))
        .nth(r.occurrence.unwrap_or(1).saturating_sub(1))
        .ok_or_else(|| format!("`{text}` is not in {}", r.at))?
        .0
        + 1;
    Ok(match r.column {
        Some(c) => format!("{}:{line}:{c}", r.at),
        None => format!("{}:{line}", r.at),
    })
}

fn position_matches(printed: &str, expected: &str) -> bool {
    printed == expected
        || (expected.matches(':').count() == 1 && printed.starts_with(&format!("{expected}:")))
}

fn apply(root: &Path, change: &Change) -> Result<(), String> {
    let path = root.join(&change.file);
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).unwrap();
    }
    if change.delete {
        return if path.is_dir() {
            fs::remove_dir_all(&path)
        } else {
            fs::remove_file(&path)
        }
        .map_err(|e| format!("delete {}: {e}", change.file));
    }
    if let Some(target) = &change.link {
        let target = target
            .replace("{root}", &root.display().to_string())
            .replace("{kent}", &base().dir.display().to_string());
        if path.is_dir() {
            fs::remove_dir_all(&path).unwrap();
        } else {
            let _ = fs::remove_file(&path);
        }
        std::os::unix::fs::symlink(target, &path)
            .map_err(|e| format!("link {}: {e}", change.file))?;
        return Ok(());
    }
    if let Some(text) = &change.write {
        let _ = fs::remove_file(&path);
        fs::write(&path, text).unwrap();
        return Ok(());
    }
    let mut bytes = fs::read(&path).map_err(|e| format!("{}: {e}", change.file))?;
    if let Some(old) = &change.replace {
        let new = change.with.as_deref().unwrap_or("");
        let text = String::from_utf8(bytes).map_err(|_| format!("{} is not text", change.file))?;
        if !text.contains(old.as_str()) {
            return Err(format!("`{old}` is not in {}", change.file));
        }
        bytes = text.replacen(old.as_str(), new, 1).into_bytes();
    }
    if let Some(text) = &change.append {
        for _ in 0..change.times.unwrap_or(1) {
            bytes.extend_from_slice(text.as_bytes());
        }
    }
    if let Some(raw) = &change.bytes {
        match &change.after {
            Some(after) => {
                let at = bytes
                    .windows(after.len())
                    .position(|w| w == after.as_bytes())
                    .ok_or_else(|| format!("`{after}` is not in {}", change.file))?
                    + after.len();
                bytes.splice(at..at, raw.iter().copied());
            }
            None => bytes = raw.clone(),
        }
    }
    // A new file, not a write into the old one, which is a link to the base.
    fs::remove_file(&path).unwrap();
    fs::write(&path, bytes).unwrap();
    Ok(())
}

/// Runs one case; `Err` lists everything that did not hold.
fn run(name: &str, case: &Case) -> Result<(), String> {
    let base = base();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // The copy is made of hard links to the base project (copying is slow
    // here): a change replaces a file, never writes into it. The last build
    // is checked against the bytes read into memory when it was made, so a
    // build that wrote into one of its files would still be caught.
    for sub in ["content", "themes", "public"] {
        link(&base.dir.join(sub), &root.join(sub));
    }
    for change in &case.change {
        apply(root, change)?;
    }
    let o = planpress(root, &case.run, &case.env);
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
    if std::env::var_os("PLANPRESS_SHOW").is_some() {
        eprintln!("==== {name}: exit {:?}\n{stdout}{stderr}", o.status.code());
    }
    let mut failures = Vec::new();
    let expect = &case.expect;
    if o.status.code() != Some(expect.exit) {
        failures.push(format!(
            "exit code {:?}, expected {}",
            o.status.code(),
            expect.exit
        ));
    }
    let printed = parse_stderr(&stderr);
    for (level, wanted) in [("error", &expect.errors), ("warning", &expect.warnings)] {
        for r in wanted {
            let position = match expected_position(root, r) {
                Ok(p) => p,
                Err(e) => {
                    failures.push(e);
                    continue;
                }
            };
            let found = printed.iter().find(|p| {
                p.level == level
                    && position_matches(&p.position, &position)
                    && r.message.iter().all(|w| p.message.contains(w.as_str()))
                    && r.help.iter().all(|w| squash(&p.help).contains(w.as_str()))
            });
            match found {
                None => failures.push(format!(
                    "no {level} at {position} with message {:?} and help {:?}",
                    r.message, r.help
                )),
                Some(p) => {
                    if p.help.is_empty() {
                        failures.push(format!("the {level} at {position} has no help"));
                    }
                    // A problem with a line shows the line.
                    if position.matches(':').count() >= 1 && !p.snippet {
                        failures.push(format!("the {level} at {position} has no snippet"));
                    }
                }
            }
        }
    }
    if expect.exit == 1 && expect.errors.is_empty() && expect.stderr.is_empty() {
        failures.push("a failing case must name its errors".to_string());
    }
    if let Some(n) = expect.count {
        let line = format!("the build stopped: {n} error(s)");
        if !stderr.contains(&line) {
            failures.push(format!("stderr lacks `{line}`"));
        }
        let errors = printed.iter().filter(|p| p.level == "error").count();
        if errors != n {
            failures.push(format!("{errors} errors printed, expected {n}"));
        }
    }
    for words in &expect.stderr {
        if !squash(&stderr).contains(&squash(words)) {
            failures.push(format!("stderr lacks `{words}`"));
        }
    }
    for words in &expect.stderr_lacks {
        if stderr.contains(words.as_str()) {
            failures.push(format!("stderr holds `{words}`"));
        }
    }
    if expect.exit != 0 && !printed.is_empty() {
        // Every problem printed is well formed: a position and help.
        for p in &printed {
            if p.position.is_empty() || p.position.starts_with('/') {
                failures.push(format!("`{}` is not a project path", p.position));
            }
            if p.help.is_empty() {
                failures.push(format!("{}: {} has no help", p.position, p.message));
            }
        }
    }
    for f in &expect.files {
        let path = root.join(&f.file);
        if f.absent {
            if path.exists() {
                failures.push(format!("{} exists", f.file));
            }
            continue;
        }
        match fs::read(&path) {
            Err(e) => failures.push(format!("{}: {e}", f.file)),
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                for w in &f.contains {
                    if !text.contains(w.as_str()) {
                        failures.push(format!("{} lacks `{w}`", f.file));
                    }
                }
                for w in &f.lacks {
                    if text.contains(w.as_str()) {
                        failures.push(format!("{} holds `{w}`", f.file));
                    }
                }
            }
        }
    }
    let state = expect.public.unwrap_or(if expect.exit == 0 {
        PublicState::Rebuilt
    } else {
        PublicState::Unchanged
    });
    let after = tree(&root.join("public"));
    match state {
        PublicState::Unchanged
            if !same_files(&base.dir.join("public"), &root.join("public"), &after) =>
        {
            failures
                .push("public/ was rewritten: its files are not the previous build's".to_string());
        }
        PublicState::Unchanged if after != base.public => {
            let changed: Vec<_> = base
                .public
                .keys()
                .chain(after.keys())
                .filter(|k| base.public.get(*k) != after.get(*k))
                .take(5)
                .collect();
            failures.push(format!("public/ changed: {changed:?}"));
        }
        PublicState::Rebuilt if !after.contains_key(Path::new(".planpress-output")) => {
            failures.push("public/ is not a planpress build".to_string());
        }
        _ => {}
    }
    // Nothing is left beside the output: no staging or old copies.
    for e in fs::read_dir(root).unwrap() {
        let n = e.unwrap().file_name().to_string_lossy().into_owned();
        if n.starts_with('.') && (n.contains(".new-") || n.contains(".old-")) {
            failures.push(format!("{n} was left beside the output"));
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{name} ({}):\n  - {}\n  planpress said (exit {:?}):\n{}",
            case.about,
            failures.join("\n  - "),
            o.status.code(),
            stderr
                .lines()
                .map(|l| format!("    {l}"))
                .collect::<Vec<_>>()
                .join("\n")
        ))
    }
}

#[test]
fn every_bad_input_is_reported_where_it_is_and_keeps_the_last_build() {
    let started = Instant::now();
    let cases = cases();
    assert!(!cases.is_empty(), "no cases match PLANPRESS_CASE");
    base();
    // Each case is a separate process; four at a time keep two cores busy.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(4)
        .build()
        .unwrap();
    let failures: Vec<String> = pool.install(|| {
        cases
            .par_iter()
            .filter_map(|(name, case)| run(name, case).err())
            .collect()
    });
    eprintln!(
        "{} cases in {:.1} s",
        cases.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

#[test]
fn the_corpus_covers_at_least_150_cases() {
    let cases = cases();
    if std::env::var_os("PLANPRESS_CASE").is_some() {
        return;
    }
    assert!(cases.len() >= 150, "only {} cases", cases.len());
    let failing = cases.iter().filter(|(_, c)| c.expect.exit != 0).count();
    assert!(failing >= 120, "only {failing} failing cases");
    for (name, case) in &cases {
        assert!(!case.about.trim().is_empty(), "{name} has no `about`");
        assert!(
            name.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{name}: name cases with a slug"
        );
    }
}

/// Several mistakes in different files and stages are all reported by one
/// run, each with its own position, not only the first.
#[test]
fn all_errors_of_a_build_are_reported_together() {
    let cases = cases();
    let Some((name, case)) = cases.iter().find(|(n, _)| n == "many-errors-at-once") else {
        return;
    };
    assert!(
        case.expect.errors.len() >= 4,
        "{name} should hold several errors"
    );
    assert_eq!(case.expect.count, Some(case.expect.errors.len()));
    let files: std::collections::BTreeSet<&str> = case
        .expect
        .errors
        .iter()
        .map(|e| e.at.split(':').next().unwrap())
        .collect();
    assert!(files.len() >= 3, "{name} should span several files");
    run(name, case).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn the_stderr_parser_reads_positions_messages_and_help() {
    let text = "content/a.yaml:2:1: error: simple key expected ':'\n   ╭─[content/a.yaml:2:1]\n 2 │ kind strategy\n   ╰────\n  help: check the YAML near this line:\n        indentation\n\nerror: the build stopped: 1 error(s); the previous site is untouched\n";
    let p = parse_stderr(text);
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].position, "content/a.yaml:2:1");
    assert_eq!(p[0].message, "simple key expected ':'");
    assert!(p[0].snippet);
    assert_eq!(p[0].help, "check the YAML near this line: indentation");
    assert!(position_matches("content/a.yaml:2:1", "content/a.yaml:2"));
    assert!(!position_matches("content/a.yaml:2:1", "content/a.yaml:3"));
}

/// The guide for editors states each limit with the number planpress
/// enforces, so the two cannot drift apart.
#[test]
fn the_content_guide_states_every_limit() {
    use planpress::model::{limits, number};
    let guide = fs::read_to_string(root().join("content/README.md")).unwrap();
    let stated = [
        number(limits::FILE_BYTES as f64),
        format!("{} levels", limits::YAML_NESTING),
        format!("{} levels", limits::MARKDOWN_NESTING),
        format!("{} characters", limits::WORD_CHARS),
        format!("| {} |", number(limits::FIGURES_PER_MEASURE as f64)),
        number(limits::FIGURE_MAGNITUDE),
    ];
    for s in stated {
        assert!(guide.contains(&s), "content/README.md does not state `{s}`");
    }
}
