//! Snapshots of the fixture site (`tests/it/snapshots/`): the `<main>` of
//! every page as written, and each document's plain-text export. A change
//! to the engine or the theme that alters what a reader gets shows here as
//! a diff to review; `cargo insta review` (or `INSTA_UPDATE=always`) takes
//! an intended one. In CI (`CI=true`) a mismatch fails.

use crate::common::fixture;

/// `<main …>…</main>` of a page, as the build wrote it.
fn main_element(html: &str) -> &str {
    let start = html.find("<main").expect("a <main> element");
    let end = html.rfind("</main>").expect("a </main>") + "</main>".len();
    &html[start..end]
}

/// A snapshot name for a page: `corporate-plan-2020/priorities/index.html`
/// → `corporate-plan-2020__priorities`.
fn name(page: &str) -> String {
    let trimmed = page.trim_end_matches("index.html").trim_end_matches('/');
    if trimmed.is_empty() {
        "home".to_string()
    } else {
        trimmed.replace('/', "__")
    }
}

#[test]
fn every_page_main_element_is_as_snapshotted() {
    let pages: Vec<(&String, &String)> = fixture()
        .pages
        .iter()
        .filter(|(p, _)| !p.starts_with("exports/"))
        .collect();
    assert!(pages.len() > 40);
    for (page, html) in pages {
        insta::assert_snapshot!(format!("main__{}", name(page)), main_element(html));
    }
}

#[test]
fn every_text_export_is_as_snapshotted() {
    let site = fixture();
    for s in &site.content.strategies {
        let slug = &s.slug;
        let text = site.text(&format!("exports/{slug}/{slug}.txt"));
        insta::assert_snapshot!(format!("txt__{slug}"), text);
    }
}
