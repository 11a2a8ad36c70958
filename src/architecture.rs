//! The stages only flow forward: checked by reading the source, so that a
//! new `use` that reaches back fails the tests.
//!
//! Each top-level module is a shared module, a stage, or a driver:
//! - shared modules (diagnostics, the content's types, small helpers, the
//!   theme's template set-up) import no stage;
//! - a stage imports shared modules and the stages before it; the two
//!   renderers (the site's pages and the other formats) import neither each
//!   other nor anything but `write`'s output types after them, and `write`
//!   imports no stage;
//! - drivers (the pipeline, the preview, the commands) may use every stage.

use std::collections::BTreeSet;
use std::path::Path;

const SHARED: [&str; 4] = ["diagnostic", "model", "support", "theme"];
/// In order; modules of the same rank are siblings.
const STAGES: [(&str, u8); 7] = [
    ("load", 1),
    ("validate", 2),
    ("resolve", 3),
    ("document", 4),
    ("render", 5),
    ("export", 5),
    ("write", 6),
];
const DRIVERS: [&str; 8] = [
    "pipeline",
    "cache",
    "rebuild",
    "serve",
    "scaffold",
    "import",
    "main",
    "architecture",
];

/// The top-level modules a module's files name as `crate::…`, outside
/// comments.
fn imports(files: &[std::path::PathBuf]) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(file).expect("a source file");
        for line in text.lines() {
            let code = line.split("//").next().unwrap_or_default();
            for (at, _) in code.match_indices("crate::") {
                let rest = &code[at + "crate::".len()..];
                if let Some(group) = rest.strip_prefix('{') {
                    let group = group.split('}').next().unwrap_or_default();
                    found.extend(group.split(',').map(|m| head(m.trim()).to_string()));
                } else {
                    found.insert(head(rest).to_string());
                }
            }
        }
    }
    found.retain(|m| !m.is_empty() && m.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
    found
}

fn head(path: &str) -> &str {
    let end = path
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(path.len());
    &path[..end]
}

fn sources(src: &Path, module: &str) -> Vec<std::path::PathBuf> {
    let dir = src.join(module);
    if dir.is_dir() {
        let mut out = Vec::new();
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).expect("a folder") {
                let p = e.expect("an entry").path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(p);
                }
            }
        }
        out
    } else {
        vec![src.join(format!("{module}.rs"))]
    }
}

fn rank(module: &str) -> Option<u8> {
    STAGES.iter().find(|(m, _)| *m == module).map(|(_, r)| *r)
}

/// Why `module` may not import `other`, if it may not.
fn refusal(module: &str, other: &str) -> Option<String> {
    if SHARED.contains(&other) {
        return None;
    }
    let Some(to) = rank(other) else {
        return Some(format!("`{module}` imports the driver `{other}`"));
    };
    if SHARED.contains(&module) {
        return Some(format!(
            "the shared module `{module}` imports the stage `{other}`"
        ));
    }
    let from = rank(module)?;
    let renderer = from == 5;
    match to {
        _ if module == "write" => Some(format!("`write` imports the stage `{other}`")),
        _ if to < from => None,
        6 if renderer => None,
        _ if to == from => Some(format!("`{module}` imports its sibling `{other}`")),
        _ => Some(format!("`{module}` imports the later stage `{other}`")),
    }
}

#[test]
fn every_stage_imports_only_what_comes_before_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut modules: Vec<String> = std::fs::read_dir(&src)
        .expect("src")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.is_dir() || p.extension().is_some_and(|x| x == "rs"))
        .map(|p| p.file_stem().expect("a name").to_string_lossy().to_string())
        .filter(|m| m != "lib")
        .collect();
    modules.sort();
    let mut wrong = Vec::new();
    for module in &modules {
        let known = SHARED.contains(&module.as_str())
            || rank(module).is_some()
            || DRIVERS.contains(&module.as_str());
        assert!(
            known,
            "`{module}` is in no list of architecture.rs: say what it is"
        );
        if DRIVERS.contains(&module.as_str()) {
            continue;
        }
        for other in imports(&sources(&src, module)) {
            if other != *module {
                wrong.extend(refusal(module, &other));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_rule_refuses_what_reaches_back() {
    assert!(refusal("resolve", "render").is_some());
    assert!(refusal("export", "render").is_some());
    assert!(refusal("write", "render").is_some());
    assert!(refusal("model", "load").is_some());
    assert!(refusal("render", "write").is_none());
    assert!(refusal("document", "resolve").is_none());
    assert!(refusal("render", "theme").is_none());
}
