//! The built-in theme, and a site's theme folder overriding it file by file.

use std::fs;
use std::path::Path;

use crate::common::{self, files, planpress, stderr};

/// A copy of the fixture's content with no `themes/` folder.
fn bare_fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&common::fixture_content(), &dir.path().join("content"));
    dir
}

/// Every file of the site built in `root/public`, by path.
fn output(root: &Path) -> Vec<(String, Vec<u8>)> {
    let out = root.join("public");
    let mut all: Vec<_> = files(&out)
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(&out).unwrap().to_string_lossy().into_owned();
            (rel, fs::read(&p).unwrap())
        })
        .collect();
    all.sort();
    all
}

fn build(root: &Path) {
    let o = planpress(root, &["build", "--no-exports", "--as-of", "2026-06-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_site_without_a_theme_builds_with_the_built_in_one_as_with_a_copy_of_it() {
    let bare = bare_fixture();
    let copy = common::fixture_copy();
    build(bare.path());
    build(copy.path());
    let (a, b) = (output(bare.path()), output(copy.path()));
    assert_eq!(a.len(), b.len());
    for ((pa, ba), (pb, bb)) in a.iter().zip(&b) {
        assert_eq!(pa, pb);
        assert!(ba == bb, "{pa} differs with the built-in theme");
    }
}

#[test]
fn a_site_s_theme_overrides_the_built_in_one_file_by_file() {
    let p = bare_fixture();
    let theme = p.path().join("themes/default");
    fs::create_dir_all(theme.join("templates")).unwrap();
    fs::create_dir_all(theme.join("static")).unwrap();
    let base = String::from_utf8(
        planpress::theme::builtin::file("templates/base.html")
            .unwrap()
            .to_vec(),
    )
    .unwrap();
    let skip = "{{ t(\"layout.skip-link\") }}";
    assert!(base.contains(skip));
    fs::write(
        theme.join("templates/base.html"),
        base.replace(skip, "Skip to the council's content"),
    )
    .unwrap();
    fs::write(theme.join("static/planpress.css"), "body { color: #000 }\n").unwrap();
    fs::write(theme.join("static/logo.svg"), "<svg/>\n").unwrap();
    build(p.path());
    let site = output(p.path());
    let home = String::from_utf8(
        site.iter()
            .find(|(p, _)| p == "index.html")
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    assert!(
        home.contains("Skip to the council&#39;s content")
            || home.contains("Skip to the council's content")
    );
    let css: Vec<_> = site
        .iter()
        .filter(|(p, _)| p.starts_with("static/planpress.") && p.ends_with(".css"))
        .collect();
    assert_eq!(css.len(), 1);
    assert_eq!(css[0].1, b"body { color: #000 }\n");
    // Every other file is the built-in theme's: the search script, and the
    // templates of every other page (the home page's own template).
    let js = site
        .iter()
        .find(|(p, _)| p.starts_with("static/search."))
        .unwrap();
    assert_eq!(
        js.1,
        planpress::theme::builtin::file("static/search.js").unwrap()
    );
    assert!(site.iter().any(|(p, _)| p.starts_with("static/logo.")));
    assert!(
        home.contains("class=\"document-list\""),
        "the built-in home template is used"
    );

    let check = planpress(p.path(), &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let said = String::from_utf8_lossy(&check.stdout);
    assert!(said.contains("templates/base.html (changed)"), "{said}");
    assert!(said.contains("static/planpress.css (changed)"), "{said}");
    assert!(
        said.contains("static/logo.svg (not in the built-in theme)"),
        "{said}"
    );
    assert!(!said.contains("templates/home.html"), "{said}");
}

#[test]
fn a_template_error_names_the_overriding_file_and_line() {
    let p = bare_fixture();
    let templates = p.path().join("themes/default/templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(
        templates.join("404.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n{{ no_such_value.x }}\n{% endblock %}\n",
    )
    .unwrap();
    let o = planpress(p.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("themes/default/templates/404.html:3"), "{err}");
}

#[test]
fn new_strategy_works_in_a_site_without_a_theme() {
    let p = bare_fixture();
    let o = planpress(p.path(), &["new", "strategy", "town-plan-2027"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let dir = p.path().join("content/strategies/town-plan-2027");
    assert!(dir.join("strategy.yaml").is_file());
    assert!(dir.join("sections/01-introduction.md").is_file());
    let names: Vec<_> = fs::read_dir(p.path().join("content/strategies"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.starts_with('.')), "{names:?}");
}

#[test]
fn an_ejected_theme_builds_the_same_site_byte_for_byte() {
    let bare = bare_fixture();
    build(bare.path());
    let ejected = bare_fixture();
    let o = planpress(ejected.path(), &["theme", "eject"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let theme = ejected.path().join("themes/default");
    assert_eq!(
        fs::read(theme.join("templates/base.html")).unwrap(),
        planpress::theme::builtin::file("templates/base.html").unwrap()
    );
    build(ejected.path());
    assert!(output(bare.path()) == output(ejected.path()));
    // Ejected again, nothing differs; a changed file is not written over
    // unless told.
    let again = planpress(ejected.path(), &["theme", "eject"]);
    assert!(again.status.success(), "{}", stderr(&again));
    fs::write(theme.join("static/print.css"), "/* the council's */\n").unwrap();
    let refused = planpress(ejected.path(), &["theme", "eject"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("print.css"),
        "{}",
        stderr(&refused)
    );
    assert!(stderr(&refused).contains("--force"), "{}", stderr(&refused));
    assert_eq!(
        fs::read_to_string(theme.join("static/print.css")).unwrap(),
        "/* the council's */\n"
    );
    let forced = planpress(ejected.path(), &["theme", "eject", "--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert_ne!(
        fs::read_to_string(theme.join("static/print.css")).unwrap(),
        "/* the council's */\n"
    );
}

/// Every file under `dir` as text, by path; binary files left out.
fn texts(dir: &Path) -> Vec<(String, String)> {
    files(dir)
        .into_iter()
        .filter_map(|p| {
            Some((
                p.display().to_string(),
                String::from_utf8(fs::read(&p).ok()?).ok()?,
            ))
        })
        .collect()
}

#[test]
fn init_makes_a_site_that_checks_clean_builds_and_names_no_other_council() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let init = std::process::Command::new(env!("CARGO_BIN_EXE_planpress"))
        .args(["init"])
        .arg(&site)
        .args([
            "--organisation",
            "Borough of Example: North",
            "--language",
            "cy",
        ])
        .output()
        .unwrap();
    assert!(init.status.success(), "{}", stderr(&init));
    assert!(!site.join("themes").exists(), "init writes no theme");
    let yaml = fs::read_to_string(site.join("content/site.yaml")).unwrap();
    assert!(
        yaml.contains("organisation: \"Borough of Example: North\"\n"),
        "{yaml}"
    );
    assert!(yaml.contains("language: cy\n"), "{yaml}");
    assert!(
        site.join("content/README.md").is_file(),
        "the content guide"
    );

    let check = planpress(&site, &["check", "--strict"]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(!stderr(&check).contains("warning"), "{}", stderr(&check));
    let build = planpress(&site, &["build", "--strict"]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(site.join("public/example-strategy/index.html").is_file());

    let new = planpress(&site, &["new", "strategy", "town-plan-2027"]);
    assert!(new.status.success(), "{}", stderr(&new));
    let meta =
        fs::read_to_string(site.join("content/strategies/town-plan-2027/strategy.yaml")).unwrap();
    assert!(
        meta.contains("publisher: \"Borough of Example: North\"\n"),
        "{meta}"
    );
    // The skeleton's placeholders, left as written, are warnings.
    let check = planpress(&site, &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(
        stderr(&check).contains("strategy.yaml:3:1: warning: the title is still the skeleton's"),
        "{}",
        stderr(&check)
    );
    assert_eq!(
        planpress(&site, &["check", "--strict"]).status.code(),
        Some(1)
    );

    for (path, text) in texts(&site) {
        assert!(!text.contains("Kent"), "{path} mentions Kent");
    }

    let again = std::process::Command::new(env!("CARGO_BIN_EXE_planpress"))
        .args(["init"])
        .arg(&site)
        .args(["--organisation", "Another Council"])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("is not empty"),
        "{}",
        stderr(&again)
    );
}

/// The guide a new site gets is the repository's content guide with its own
/// examples: the same sections, in the same order.
#[test]
fn a_new_site_s_content_guide_has_every_section_of_the_content_guide() {
    let headings = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with("## ") || l.starts_with("### "))
            .map(str::to_string)
            .collect()
    };
    let repo = fs::read_to_string(common::root().join("content/README.md")).unwrap();
    let starter = String::from_utf8(
        planpress::theme::builtin::file("starter/content/README.md")
            .unwrap()
            .to_vec(),
    )
    .unwrap();
    assert_eq!(
        headings(&repo),
        headings(&starter),
        "a section added to content/README.md goes into themes/default/starter/content/README.md too, with neutral examples"
    );
}

#[test]
fn a_site_s_logo_colours_website_and_feedback_address_come_from_site_yaml() {
    let p = bare_fixture();
    let stat = p.path().join("themes/default/static");
    fs::create_dir_all(&stat).unwrap();
    fs::write(
        stat.join("crest.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"/>\n",
    )
    .unwrap();
    let yaml = p.path().join("content/site.yaml");
    let mut text = fs::read_to_string(&yaml).unwrap();
    text.push_str(
        "branding:\n  logo: { file: crest.svg, alt: Example Borough Council }\n  colour: \"#1d70b8\"\n  focus_colour: \"#d4351c\"\nwebsite: https://www.example.org/\nfeedback: plans@example.org\n",
    );
    fs::write(&yaml, text).unwrap();
    // A template of the site's own asks for a static file by name.
    let templates = p.path().join("themes/default/templates");
    fs::create_dir_all(&templates).unwrap();
    let not_found = String::from_utf8(
        planpress::theme::builtin::file("templates/404.html")
            .unwrap()
            .to_vec(),
    )
    .unwrap();
    fs::write(
        templates.join("404.html"),
        not_found.replace(
            "{% block content %}",
            "{% block content %}<p data-crest=\"{{ asset('crest.svg') }}\"></p>",
        ),
    )
    .unwrap();
    build(p.path());
    let site = output(p.path());
    let file = |prefix: &str| {
        site.iter()
            .find(|(path, _)| path.starts_with(prefix))
            .unwrap_or_else(|| panic!("no {prefix}"))
    };
    let crest = &file("static/crest.").0;
    let brand = file("static/brand.");
    let css = String::from_utf8(brand.1.clone()).unwrap();
    assert!(css.contains("--brand: #1d70b8;"), "{css}");
    assert!(css.contains("outline: 3px solid #d4351c;"), "{css}");
    let home = String::from_utf8(file("index.html").1.clone()).unwrap();
    assert!(
        home.contains(&format!(
            "<img src=\"/plans/{crest}\" alt=\"Example Borough Council: the council's website\">"
        )),
        "{home}"
    );
    assert!(home.contains(&format!("href=\"/plans/{}\"", brand.0)));
    assert!(home.contains("<a href=\"https://www.example.org/\">Example Borough Council</a>"));
    assert!(home.contains("<a href=\"mailto:plans@example.org\">plans@example.org</a>"));
    let page = String::from_utf8(file("404.html").1.clone()).unwrap();
    assert!(
        page.contains(&format!("data-crest=\"/plans/{crest}\"")),
        "{page}"
    );

    // A name the theme does not have is a template error.
    fs::write(
        templates.join("404.html"),
        not_found.replace(
            "{% block content %}",
            "{% block content %}{{ asset('seal.png') }}",
        ),
    )
    .unwrap();
    let o = planpress(p.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("the theme has no static file `seal.png`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_site_without_branding_gets_no_branding_stylesheet() {
    let site = common::fixture();
    assert!(!site.files.keys().any(|p| p.starts_with("static/brand.")));
    assert!(!site.html("index.html").contains("site-header__logo"));
}

#[test]
fn a_document_says_where_its_original_is_and_how_the_site_s_text_was_made() {
    let p = bare_fixture();
    let yaml = p.path().join("content/site.yaml");
    let text: String = fs::read_to_string(&yaml)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("transcription:"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(
        &yaml,
        text + "transcription: \"Typed from the printed copy.\"\n",
    )
    .unwrap();
    common::edit(
        p.path(),
        "content/strategies/corporate-plan-2020/strategy.yaml",
        "held: true\n",
        "held: true\noriginal: { url: https://www.example.org/corporate-plan.pdf, format: PDF, date: \"2020-04\" }\nseeds: [corporate-plan.txt]\n",
    );
    build(p.path());
    let site = output(p.path());
    let page = site
        .iter()
        .find(|(path, _)| path == "corporate-plan-2020/index.html")
        .map(|(_, b)| String::from_utf8(b.clone()).unwrap())
        .unwrap();
    assert!(page.contains("Typed from the printed copy."), "{page}");
    assert!(page.contains(
        "The original is published at <a href=\"https://www.example.org/corporate-plan.pdf\">https://www.example.org/corporate-plan.pdf</a> (PDF, <time datetime=\"2020-04\">April 2020</time>)."
    ), "{page}");
    for (path, bytes) in &site {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("corporate-plan.txt"),
            "{path} names a seed file"
        );
    }
}

#[test]
fn no_page_of_the_kent_site_names_a_seed_file() {
    for (path, html) in &common::kent().pages {
        assert!(!html.contains("seeds/"), "{path} names a file of seeds/");
    }
}
