//! Shared by every test module: the two sites, built once per run, copies of
//! their projects to change, the `planpress` command, one rule for skipping,
//! and helpers to read pages.
//!
//! The Kent site (`content/`) is the subject of the content, fidelity and
//! accessibility tests; the engine's behaviour is asserted on the invented
//! council of `tests/fixtures/minimal/`, so that a transcription fix to
//! Kent's content breaks no engine test.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Mutex, OnceLock};

use planpress::model::Content;
use scraper::{ElementRef, Html, Node, Selector};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The content folder of the fixture project.
pub fn fixture_content() -> PathBuf {
    root().join("tests/fixtures/minimal/content")
}

/// One site, built with every export into `root/public`; `root` holds a
/// copy of its `content/` and `themes/`.
pub struct Built {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
    /// Every file of the site, path relative to the output → bytes.
    pub files: BTreeMap<String, Vec<u8>>,
    /// The HTML files among them (exports' large print included) → text.
    pub pages: BTreeMap<String, String>,
    /// The path of `base_url`, e.g. `/strategies/`.
    pub base_path: String,
    pub content: Content,
}

impl Built {
    pub fn out(&self) -> PathBuf {
        self.root.join("public")
    }

    pub fn page(&self, path: &str) -> Html {
        Html::parse_document(self.html(path))
    }

    pub fn html(&self, path: &str) -> &str {
        self.pages
            .get(path)
            .unwrap_or_else(|| panic!("no page {path}"))
    }

    /// A file of the site as text.
    pub fn text(&self, path: &str) -> &str {
        let bytes = self
            .files
            .get(path)
            .unwrap_or_else(|| panic!("no file {path}"));
        std::str::from_utf8(bytes).unwrap_or_else(|_| panic!("{path} is not UTF-8"))
    }

    /// The files under `exports/`.
    pub fn exports(&self) -> impl Iterator<Item = (&String, &Vec<u8>)> {
        self.files.iter().filter(|(k, _)| k.starts_with("exports/"))
    }

    /// The documents whose full text the site holds.
    pub fn held(&self) -> impl Iterator<Item = &planpress::model::Strategy> {
        self.content.strategies.iter().filter(|s| s.meta.held)
    }
}

/// The Kent site, built once per run.
pub fn kent() -> &'static Built {
    static SITE: OnceLock<Built> = OnceLock::new();
    SITE.get_or_init(|| build_copy(&root().join("content")))
}

/// The fixture site, built once per run.
pub fn fixture() -> &'static Built {
    static SITE: OnceLock<Built> = OnceLock::new();
    SITE.get_or_init(|| build_copy(&fixture_content()))
}

/// Copies `content` (and the theme) to a new project and builds it there
/// with every export. An export whose program is missing is a skip.
pub fn build_copy(content: &Path) -> Built {
    let dir = project_from(content);
    let root = dir.path().to_path_buf();
    let project = planpress::Project::new(&root);
    let site = planpress::build(&project)
        .unwrap_or_else(|e| panic!("{} does not build: {e:?}", content.display()));
    for s in &site.skipped {
        skip(&s.tool.program, &s.to_string());
    }
    let out = root.join("public");
    let mut files = BTreeMap::new();
    for path in self::files(&out) {
        let rel = path
            .strip_prefix(&out)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        files.insert(rel, std::fs::read(&path).unwrap());
    }
    let pages = files
        .iter()
        .filter(|(k, _)| k.ends_with(".html"))
        .map(|(k, v)| (k.clone(), String::from_utf8(v.clone()).unwrap()))
        .collect();
    let content = planpress::load::load(&root).expect("the content loads");
    let base_path = content
        .site
        .base_url
        .splitn(4, '/')
        .nth(3)
        .map_or("/".to_string(), |p| format!("/{p}"));
    Built {
        _dir: dir,
        root,
        files,
        pages,
        base_path,
        content,
    }
}

/// A new project folder holding a copy of `content` and of the theme.
pub fn project_from(content: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(content, &dir.path().join("content"));
    copy_dir(&root().join("themes"), &dir.path().join("themes"));
    dir
}

/// A copy of the Kent project (content and theme), to change.
pub fn kent_copy() -> tempfile::TempDir {
    project_from(&root().join("content"))
}

/// A copy of the fixture project (content and theme), to change.
pub fn fixture_copy() -> tempfile::TempDir {
    project_from(&fixture_content())
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let t = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &t)
        } else {
            std::fs::copy(&p, &t).unwrap();
        }
    }
}

/// Every file below `dir`.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files(&p))
        } else {
            out.push(p)
        }
    }
    out
}

/// Replaces the first `from` in a project file, which must contain it.
pub fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no `{from}`");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// `planpress ARGS --root ROOT`.
pub fn planpress(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planpress"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

// ---------------------------------------------------------------- skipping

/// Whether this run is CI (`CI=true`), where nothing may be skipped.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// `what` cannot be checked here, because `why`. Outside CI this prints one
/// line per `what` for the whole run (to the terminal, past the test
/// harness's capture); in CI it is a failure.
pub fn skip(what: &str, why: &str) {
    assert!(!in_ci(), "{what} is needed in CI (CI=true): {why}");
    static SKIPPED: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());
    if SKIPPED.lock().unwrap().insert(what.to_string()) {
        let _ = writeln!(std::io::stderr(), "skipped: {what}: {why}");
    }
}

/// Whether `program` runs here; when it does not, what it is `needed` for
/// is skipped (a failure in CI).
pub fn tool(program: &str, needed: &str) -> bool {
    static FOUND: Mutex<BTreeMap<String, bool>> = Mutex::new(BTreeMap::new());
    let found = *FOUND
        .lock()
        .unwrap()
        .entry(program.to_string())
        .or_insert_with(|| runs(program));
    if !found {
        skip(
            program,
            &format!("not installed, so {needed} is not checked"),
        );
    }
    found
}

fn runs(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

// ---------------------------------------------------------------- reading pages

pub fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// The council's text a reader gets from an element, in reading order, with
/// the numbers of numbered lists as a reader sees them; the site's own
/// annotations (marked `class="annotation"`) are left out.
pub fn visible_text(el: ElementRef) -> String {
    let mut out = String::new();
    walk(el, &mut out);
    out
}

fn walk(el: ElementRef, out: &mut String) {
    let name = el.value().name();
    if matches!(name, "script" | "style" | "head") {
        return;
    }
    if el.value().classes().any(|c| c == "annotation") {
        // The site's own notes (due dates, statuses) beside the council's words.
        return;
    }
    let mut item = 0;
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                let child_el = ElementRef::wrap(child).unwrap();
                if name == "ol" && e.name() == "li" {
                    item += 1;
                    out.push_str(&format!(" {item}. "));
                }
                walk(child_el, out);
                out.push(' ');
            }
            _ => {}
        }
    }
}

/// The visible text of a whole page.
pub fn page_text(site: &Built, page: &str) -> String {
    visible_text(site.page(page).root_element())
}

/// Lower-case words, for comparing texts whatever their punctuation and spacing.
pub fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace(['\u{2019}', '\u{2018}'], "'")
        .split(|c: char| !(c.is_alphanumeric() || c == '£' || c == '%'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Runs of whitespace as one space.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of each element `selector` picks on a page.
pub fn texts(doc: &Html, selector: &str) -> Vec<String> {
    doc.select(&sel(selector))
        .map(|e| e.text().collect())
        .collect()
}
