//! The accessibility gate: every page of the Kent site checked in headless
//! Chromium (axe-core, reflow at 320 CSS px, 200% zoom, keyboard, charts) and
//! by the Nu Html Checker, with `tests/a11y/check.mjs`; and the same check
//! shown to fail on a fixture with known problems.
//!
//! Needs Node.js 20+, npm, Java and Chromium (`/usr/bin/chromium`, or the
//! `CHROMIUM` environment variable). `.ci/run` installs them. Without them the
//! browser tests are skipped (`common::skip`), which in CI is a failure.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::common::{self, tool};

/// Longest a run of check.mjs may take before the test gives up on it: a
/// guard against a hung browser, well above a real run (the Kent site's 166
/// pages took 267 s on 2 cores at a load average of 16).
const RUN_LIMIT: Duration = Duration::from_secs(1200);

fn a11y_dir() -> PathBuf {
    common::root().join("tests").join("a11y")
}

fn chromium() -> PathBuf {
    std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

/// The exact versions `package.json` pins, by package name.
fn pinned_versions() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(a11y_dir().join("package.json")).unwrap();
    let deps = &text[text
        .find("\"dependencies\"")
        .expect("package.json has dependencies")..];
    let deps = &deps[deps.find('{').unwrap() + 1..deps.find('}').unwrap()];
    deps.split(',')
        .filter_map(|pair| {
            let mut parts = pair
                .split(':')
                .map(|s| s.trim().trim_matches('"').to_string());
            Some((parts.next()?, parts.next()?))
        })
        .filter(|(name, _)| !name.is_empty())
        .collect()
}

/// Whether `node_modules` holds exactly the versions `package.json` pins.
fn installed() -> bool {
    pinned_versions().iter().all(|(name, version)| {
        std::fs::read_to_string(
            a11y_dir()
                .join("node_modules")
                .join(name)
                .join("package.json"),
        )
        .is_ok_and(|text| text.contains(&format!("\"version\": \"{version}\"")))
    }) && a11y_dir()
        .join("node_modules/vnu-jar/build/dist/vnu.jar")
        .is_file()
        && a11y_dir()
            .join("node_modules/axe-core/axe.min.js")
            .is_file()
}

/// `npm ci --ignore-scripts` in tests/a11y, once, under a lock so that two
/// `cargo test` runs in one checkout do not install at the same time.
fn install() -> Result<(), String> {
    if installed() {
        return Ok(());
    }
    let lock = a11y_dir().join(".npm-ci.lock");
    let start = Instant::now();
    loop {
        match std::fs::create_dir(&lock) {
            Ok(()) => break,
            Err(_) if start.elapsed() > Duration::from_secs(300) => {
                // A run that died mid-install leaves its lock behind.
                let _ = std::fs::remove_dir(&lock);
            }
            Err(_) => std::thread::sleep(Duration::from_millis(500)),
        }
    }
    let result = if installed() {
        Ok(())
    } else {
        eprintln!("accessibility: installing tests/a11y/node_modules (npm ci --ignore-scripts)");
        match Command::new("npm")
            .args([
                "ci",
                "--ignore-scripts",
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
            ])
            .current_dir(a11y_dir())
            .output()
        {
            Ok(o) if o.status.success() && installed() => Ok(()),
            Ok(o) => Err(format!(
                "npm ci --ignore-scripts failed in tests/a11y:\n{}{}",
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            )),
            Err(e) => Err(format!("cannot run npm: {e}")),
        }
    };
    let _ = std::fs::remove_dir(&lock);
    result
}

/// Whether the browser tests can run here: each program they need is
/// installed (else a skip), and the npm packages are, which this installs.
/// A failed installation is a failure.
pub(crate) fn ready() -> bool {
    static INSTALLED: OnceLock<Result<(), String>> = OnceLock::new();
    let chromium = chromium().display().to_string();
    let needed = ["node", "npm", "java", chromium.as_str()];
    // Every program is looked at, so that each missing one is named.
    let missing = needed
        .iter()
        .filter(|p| !tool(p, "the accessibility gate"))
        .count();
    if missing > 0 {
        return false;
    }
    match INSTALLED.get_or_init(install) {
        Ok(()) => true,
        Err(e) => panic!("the accessibility gate cannot run: {e}. .ci/run installs what it needs."),
    }
}

/// `node check.mjs SITE BASE`, with a time limit.
fn check(site: &Path, base: &str) -> Output {
    let mut child = Command::new("node")
        .arg("check.mjs")
        .arg(site)
        .arg(base)
        .current_dir(a11y_dir())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot run node");
    // Read both pipes on their own threads so that a long report cannot block.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut v).ok();
        v
    });
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut v).ok();
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > RUN_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "check.mjs on {} took longer than {:?}",
                site.display(),
                RUN_LIMIT
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    Output {
        status,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

fn summary(stdout: &str) -> &str {
    stdout
        .lines()
        .rev()
        .find(|l| l.starts_with("a11y: ") && l.contains(" pages, "))
        .unwrap_or("(no summary line)")
}

/// The report as page → rules that failed there.
fn failures(stdout: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut page = None;
    for line in stdout.lines() {
        if let Some(p) = line.strip_prefix("FAIL ") {
            page = Some(p.trim().to_string());
        } else if line.is_empty() || !line.starts_with(' ') {
            page = None;
        } else if let (Some(p), Some(rest)) = (&page, line.trim_start().strip_prefix('['))
            && let Some(rule) = rest
                .split_once("] ")
                .and_then(|(_, r)| r.split_once(':'))
                .map(|(r, _)| r.to_string())
        {
            out.entry(p.clone()).or_default().insert(rule);
        }
    }
    out
}

#[test]
fn every_kent_page_passes_the_accessibility_gate() {
    if !ready() {
        return;
    }
    let site = common::kent();
    let start = Instant::now();
    let o = check(&site.out(), &site.base_path);
    let stdout = String::from_utf8_lossy(&o.stdout);
    let stderr = String::from_utf8_lossy(&o.stderr);
    println!("{stdout}{stderr}");
    eprintln!(
        "accessibility: Kent site: {} ({:.1} s)",
        summary(&stdout),
        start.elapsed().as_secs_f64()
    );
    assert!(
        o.status.success(),
        "the Kent site fails the accessibility gate (exit {:?}); the report above names \
         each page, rule and element:\n{stdout}{stderr}",
        o.status.code()
    );
    let line = summary(&stdout);
    let pages = site.pages.len();
    assert!(
        line.starts_with(&format!(
            "a11y: {pages} pages, 0 axe violations, 0 Nu errors, 0 reflow failures, 0 zoom failures, 0 print failures, 0 keyboard failures, 0 chart failures, 0 table failures, 0 heading failures"
        )),
        "unexpected summary: {line}"
    );
    // The keyboard walk covered every template the pages name (each page
    // says which made it: `every_page_names_the_template_that_made_it`).
    let templates = templates(site);
    assert!(templates.len() >= 15, "only {templates:?}");
    for template in &templates {
        assert!(
            stdout.contains(&format!("\n  {template}: ")),
            "the keyboard walk did not cover the {template} template:\n{stdout}"
        );
    }
}

/// The template a page names on its `<html>` element (`data-template`).
fn template_of(html: &str) -> Option<String> {
    let doc = scraper::Html::parse_document(html);
    let root = doc.root_element();
    root.value().attr("data-template").map(str::to_string)
}

/// Every template the site's pages name.
fn templates(site: &common::Built) -> BTreeSet<String> {
    site.pages.values().filter_map(|h| template_of(h)).collect()
}

/// No browser needed: the gate picks the page of each template to walk by
/// this attribute, so every page of the site has it, naming a template of
/// the theme; exports are not pages of the site and have none.
#[test]
fn every_page_names_the_template_that_made_it() {
    let theme = common::root().join("themes/default/templates");
    for site in [common::fixture(), common::kent()] {
        for (path, html) in &site.pages {
            let template = template_of(html);
            if path.starts_with("exports/") {
                assert_eq!(template, None, "{path}");
                continue;
            }
            let template = template.unwrap_or_else(|| panic!("{path}: no data-template"));
            assert!(theme.join(&template).is_file(), "{path}: {template}");
        }
    }
    let named = |page: &str| template_of(common::fixture().html(page));
    for (page, template) in [
        ("index.html", "home.html"),
        ("a-z/index.html", "a-z.html"),
        ("corporate-plan-2020/index.html", "strategy.html"),
        (
            "corporate-plan-2020/introduction/index.html",
            "section.html",
        ),
        (
            "corporate-plan-2020/priorities/index.html",
            "priorities.html",
        ),
        (
            "corporate-plan-2020/priorities/priority-1/index.html",
            "priority.html",
        ),
        ("borough-plan-2016/outcomes/index.html", "outcomes.html"),
        ("borough-plan/index.html", "redirect.html"),
        ("404.html", "404.html"),
    ] {
        assert_eq!(named(page).as_deref(), Some(template), "{page}");
    }
    // The fixture uses every page template of the theme: every HTML
    // template that is not a layout or macros for others.
    let sources: Vec<(String, String)> = std::fs::read_dir(&theme)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    let used_by_others = |name: &str| {
        sources
            .iter()
            .any(|(_, text)| text.contains(&format!("\"{name}\"")))
    };
    let pages: BTreeSet<String> = sources
        .iter()
        .map(|(name, _)| name.clone())
        .filter(|name| !used_by_others(name))
        .collect();
    assert_eq!(templates(common::fixture()), pages);
}

#[test]
fn a_seeded_violation_fails_the_gate() {
    if !ready() {
        return;
    }
    let fixture = a11y_dir().join("fixtures").join("site");
    let o = check(&fixture, "/");
    let stdout = String::from_utf8_lossy(&o.stdout);
    let stderr = String::from_utf8_lossy(&o.stderr);
    println!("{stdout}{stderr}");
    assert_eq!(
        o.status.code(),
        Some(1),
        "the gate should fail on the fixture with exit 1 (not pass, not break):\n{stdout}{stderr}"
    );
    let found = failures(&stdout);
    let expect: &[(&str, &[&str])] = &[
        (
            "/",
            &[
                "image-alt",
                "color-contrast",
                "reflow-320",
                "nu-html",
                "focus-visible",
                "svg-role-img",
                "svg-title",
                "svg-desc",
                "svg-data-table",
            ],
        ),
        (
            "/about/",
            &[
                "skip-link",
                "zoom-200-clipped",
                "keyboard-order",
                "tabindex",
                "svg-text-contrast",
            ],
        ),
        (
            "/phone/",
            &[
                "svg-name-caption",
                "svg-name-repeated",
                "chart-text-size",
                "chart-text-outside",
                "heading-before-h1",
                "table-scroll-region",
                "table-scroll-name",
                "table-scroll-focus",
                "table-scroll-cue",
                "table-caption-cut",
                "scrollable-region-focusable",
            ],
        ),
    ];
    for (page, rules) in expect {
        for rule in *rules {
            assert!(
                found.get(*page).is_some_and(|r| r.contains(*rule)),
                "the gate did not name rule {rule} on page {page}; it found {found:?}:\n{stdout}"
            );
        }
    }
    // No false alarms: the well-formed chart on /about/ (its table straight
    // after its figure) fails only on its pale labels, and the correct
    // redirect page /old/ (checked itself, not the page it sends you to) passes.
    let about = &found["/about/"];
    for rule in [
        "svg-role-img",
        "svg-title",
        "svg-desc",
        "svg-name",
        "svg-name-caption",
        "svg-name-repeated",
        "chart-text-size",
        "chart-text-outside",
        "svg-data-table",
    ] {
        assert!(
            !about.contains(rule),
            "a false alarm: {rule} on /about/:\n{stdout}"
        );
    }
    // On /phone/, the table in a named, focusable region that says it
    // scrolls, with a caption that wraps, raises nothing: each table rule
    // names the bare table's box alone.
    for rule in [
        "table-scroll-region",
        "table-scroll-name",
        "table-scroll-focus",
        "table-scroll-cue",
        "table-caption-cut",
    ] {
        let said = stdout.matches(&format!("[table] {rule}: ")).count();
        assert_eq!(said, 1, "{rule} on more than the bare table:\n{stdout}");
    }
    assert!(
        !found.contains_key("/old/"),
        "a false alarm on the correct redirect page /old/: {:?}\n{stdout}",
        found.get("/old/")
    );
    assert!(
        stdout.contains("\n  redirect.html: /old/ (2 tab stops"),
        "the redirect page was not checked as itself:\n{stdout}"
    );
    // The Nu Html Checker's error names the problem and where it is.
    assert!(
        stdout.contains("Stray end tag “span”") && stdout.contains("index.html line 27"),
        "the Nu error is not reported with its place:\n{stdout}"
    );
    // Elements are named: the image, the faint paragraph, the wide banner.
    for element in ["<img src=", "p class=\"faint\"", "div.banner"] {
        assert!(
            stdout.contains(element),
            "the report does not name {element}:\n{stdout}"
        );
    }
    let line = summary(&stdout);
    assert!(
        line.starts_with("a11y: 4 pages, ") && !line.contains(" 0 axe violations"),
        "unexpected summary: {line}"
    );
}

/// The statement says what the gate checks, with the versions it pins, so
/// that it stays true when a version changes; its dates come from site.yaml.
/// No browser needed.
#[test]
fn the_statement_names_the_checks_and_the_tool_versions() {
    let site = common::kent();
    let page = site.page("accessibility/index.html");
    let main = page.select(&common::sel("main")).next().unwrap();
    let text = common::visible_text(main)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let versions = pinned_versions();
    for (name, what) in [
        ("axe-core", "axe-core"),
        ("vnu-jar", "Nu Html Checker"),
        ("playwright-core", "Playwright"),
    ] {
        let version = &versions[name];
        assert!(
            text.contains(&format!("{what} {version}")),
            "the accessibility statement does not name {what} {version} (the version \
             tests/a11y/package.json pins): {text}"
        );
    }
    for phrase in [
        "Chromium",
        "WCAG 2.0, 2.1 and 2.2",
        "320 CSS pixels",
        "200% zoom",
        "skip link",
        "Tab key",
        "visible focus indicator",
        "table of its data",
        "12 CSS pixels",
        "say that it scrolls sideways",
        "main heading",
    ] {
        assert!(
            text.contains(phrase),
            "the accessibility statement does not mention “{phrase}”: {text}"
        );
    }
    // The review date is site.yaml's, not the clock's.
    let yaml = std::fs::read_to_string(common::root().join("content/site.yaml")).unwrap();
    let reviewed = yaml
        .lines()
        .find_map(|l| l.trim().strip_prefix("reviewed:"))
        .expect("site.yaml has accessibility.reviewed")
        .trim()
        .trim_matches('"')
        .to_string();
    let html = &site.pages["accessibility/index.html"];
    assert!(
        html.contains(&format!("datetime=\"{reviewed}\"")),
        "the statement does not carry the review date {reviewed} from site.yaml"
    );
}
