//! Shared by the integration tests: the real Kent site, built once.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use scraper::{ElementRef, Html, Node, Selector};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub struct Built {
    pub dir: tempfile::TempDir,
    /// Page path relative to the output (e.g. `delivering-bold-steps/index.html`) → HTML.
    pub pages: BTreeMap<String, String>,
    pub base_path: String,
}

impl Built {
    pub fn out(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    pub fn page(&self, path: &str) -> Html {
        Html::parse_document(
            self.pages
                .get(path)
                .unwrap_or_else(|| panic!("no page {path}")),
        )
    }
}

/// The Kent site, built from `content/` into a temporary folder.
pub fn kent() -> &'static Built {
    static SITE: OnceLock<Built> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let mut project = planpress::Project::new(root());
        project.out = dir.path().join("public");
        planpress::build(&project)
            .unwrap_or_else(|e| panic!("the Kent site does not build: {e:?}"));
        let mut pages = BTreeMap::new();
        collect(&project.out, &project.out, &mut pages);
        Built {
            dir,
            pages,
            base_path: "/strategies/".to_string(),
        }
    })
}

fn collect(base: &Path, dir: &Path, pages: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(base, &path, pages);
        } else if path.extension().is_some_and(|e| e == "html") {
            let rel = path
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            pages.insert(rel, std::fs::read_to_string(&path).unwrap());
        }
    }
}

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

/// Lower-case words, for comparing texts whatever their punctuation and spacing.
pub fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace(['\u{2019}', '\u{2018}'], "'")
        .split(|c: char| !(c.is_alphanumeric() || c == '£' || c == '%'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A copy of the Kent project (content and theme) in a temporary folder, to change.
pub fn project_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["content", "themes"] {
        copy_dir(&root().join(sub), &dir.path().join(sub));
    }
    dir
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
