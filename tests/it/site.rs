//! What a reader gets from every built page: title, headings, landmarks,
//! links; and the order and navigation the engine gives a site.

use std::collections::{BTreeMap, BTreeSet};

use scraper::Html;

use crate::common::{Built, build_copy, fixture, fixture_content, kent, page_text, sel, texts};

fn every_page_has_a_title_one_h1_and_the_landmarks(site: &Built) {
    let lang = format!("html[lang={}]", site.content.site.language);
    for (path, html) in &site.pages {
        let doc = Html::parse_document(html);
        let title = doc
            .select(&sel("head > title"))
            .next()
            .map(|t| t.text().collect::<String>());
        assert!(
            title.is_some_and(|t| !t.trim().is_empty()),
            "{path}: no title"
        );
        assert_eq!(
            doc.select(&sel("h1")).count(),
            1,
            "{path}: not exactly one h1"
        );
        assert_eq!(
            doc.select(&sel("main#main-content")).count(),
            1,
            "{path}: no main landmark"
        );
        assert_eq!(doc.select(&sel(&lang)).count(), 1, "{path}: no lang");
        // In the main content the h1 comes first and no level is skipped
        // after it (an h4 may follow an h2 only through an h3).
        let levels: Vec<u8> = doc
            .select(&sel("main h1, main h2, main h3, main h4, main h5, main h6"))
            .map(|h| h.value().name()[1..].parse().unwrap())
            .collect();
        assert_eq!(
            levels.first(),
            Some(&1),
            "{path}: a heading before the h1: {levels:?}"
        );
        for pair in levels.windows(2) {
            assert!(
                pair[1] <= pair[0] + 1,
                "{path}: headings skip a level: {levels:?}"
            );
        }
        let first_link = doc.select(&sel("body a")).next().unwrap();
        assert_eq!(
            first_link.value().attr("href"),
            Some("#main-content"),
            "{path}: skip link is not first"
        );
        // Pages work without JavaScript: the only scripts are schema.org
        // data, which never runs, and the search page's enhancement, from a file.
        for script in doc.select(&sel("script")) {
            let v = script.value();
            let data = v.attr("type") == Some("application/ld+json");
            let search = *path == "search/index.html"
                && v.attr("src").is_some_and(|s| s.contains("/static/search."));
            assert!(data || search, "{path}: has a script");
        }
        // Site pages (not an export's or a redirect) have the search box.
        if !path.starts_with("exports/") && !html.contains("http-equiv=\"refresh\"") {
            search_box_and_printed_address(site, path, &doc);
        }
    }
}

/// A search box in the header, leading to the search page; and the page's
/// own address, which a printout shows.
fn search_box_and_printed_address(site: &Built, path: &str, doc: &Html) {
    let search = format!("{}search/", site.base_path);
    let form = doc
        .select(&sel("header form[role=search]"))
        .next()
        .unwrap_or_else(|| panic!("{path}: no search box in the header"));
    assert_eq!(form.value().attr("action"), Some(search.as_str()), "{path}");
    assert_eq!(form.select(&sel("input[name=q]")).count(), 1, "{path}");
    let canonical = doc
        .select(&sel("link[rel=canonical]"))
        .next()
        .and_then(|l| l.value().attr("href"))
        .unwrap();
    let address = doc.select(&sel(".print-address")).next();
    assert!(
        address.is_some_and(|p| p.text().collect::<String>().contains(canonical)),
        "{path}: no printed address"
    );
}

#[test]
fn every_page_has_a_title_one_h1_and_the_landmarks_kent() {
    let site = kent();
    assert!(site.pages.len() >= 60, "only {} pages", site.pages.len());
    every_page_has_a_title_one_h1_and_the_landmarks(site);
}

#[test]
fn every_page_has_a_title_one_h1_and_the_landmarks_fixture() {
    let site = fixture();
    assert!(site.pages.len() >= 40, "only {} pages", site.pages.len());
    every_page_has_a_title_one_h1_and_the_landmarks(site);
}

fn heading_levels_never_skip(site: &Built) {
    for (path, html) in &site.pages {
        let doc = Html::parse_document(html);
        let mut last = 1;
        for h in doc.select(&sel("main h1, main h2, main h3, main h4, main h5, main h6")) {
            let level: u32 = h.value().name()[1..].parse().unwrap();
            assert!(
                level <= last + 1,
                "{path}: h{level} after h{last}: {}",
                h.text().collect::<String>()
            );
            last = level;
        }
    }
}

#[test]
fn heading_levels_never_skip_kent() {
    heading_levels_never_skip(kent());
}

#[test]
fn heading_levels_never_skip_fixture() {
    heading_levels_never_skip(fixture());
}

/// Checks every link and anchor between pages; the number checked.
fn every_internal_link_and_anchor_resolves(site: &Built) -> usize {
    let ids: BTreeMap<&str, BTreeSet<String>> = site
        .pages
        .iter()
        .map(|(p, html)| {
            let doc = Html::parse_document(html);
            (
                p.as_str(),
                doc.select(&sel("[id]"))
                    .map(|e| e.value().id().unwrap().to_string())
                    .collect(),
            )
        })
        .collect();
    let mut checked = 0;
    for (path, html) in &site.pages {
        let doc = Html::parse_document(html);
        for a in doc.select(&sel("a[href], link[href]")) {
            let href = a.value().attr("href").unwrap();
            if href.starts_with("http") || href.starts_with("mailto:") || href.starts_with("tel:") {
                continue;
            }
            let (target, fragment) = href
                .split_once('#')
                .map_or((href, None), |(t, f)| (t, Some(f)));
            let target_page = if target.is_empty() {
                path.clone()
            } else {
                let rel = target
                    .strip_prefix(&site.base_path)
                    .unwrap_or_else(|| panic!("{path}: {href} is outside the site"));
                if rel.is_empty() || rel.ends_with('/') {
                    format!("{rel}index.html")
                } else {
                    rel.to_string()
                }
            };
            assert!(
                site.files.contains_key(&target_page),
                "{path}: broken link {href}"
            );
            if let Some(f) = fragment {
                let known = ids
                    .get(target_page.as_str())
                    .unwrap_or_else(|| panic!("{path}: {href} has an anchor on a non-page"));
                assert!(known.contains(f), "{path}: no anchor #{f} on {target_page}");
            }
            checked += 1;
        }
    }
    checked
}

#[test]
fn every_internal_link_and_anchor_resolves_kent() {
    let checked = every_internal_link_and_anchor_resolves(kent());
    assert!(checked > 1000, "only {checked} links checked");
}

#[test]
fn every_internal_link_and_anchor_resolves_fixture() {
    let checked = every_internal_link_and_anchor_resolves(fixture());
    assert!(checked > 500, "only {checked} links checked");
}

#[test]
fn priorities_are_grouped_by_the_ambition_they_serve() {
    let doc = fixture().page("corporate-plan-2020/priorities/index.html");
    let groups: Vec<(String, Vec<String>)> = doc
        .select(&sel("section.ambition"))
        .map(|s| {
            let h = s
                .select(&sel("h2"))
                .next()
                .unwrap()
                .text()
                .collect::<String>();
            let items = s
                .select(&sel("li a"))
                .map(|a| a.value().attr("href").unwrap().to_string())
                .collect();
            (h, items)
        })
        .collect();
    let p = |n: u32| format!("/plans/corporate-plan-2020/priorities/priority-{n}/");
    assert_eq!(
        groups,
        [
            ("Thriving places".to_string(), vec![p(1), p(2)]),
            ("Healthy lives".to_string(), vec![p(3)]),
        ]
    );
}

#[test]
fn document_pages_have_breadcrumbs_contents_and_previous_next() {
    let doc = fixture().page("corporate-plan-2020/priorities/priority-1/index.html");
    assert_eq!(
        texts(&doc, "nav.breadcrumbs a"),
        ["Home", "Example Borough Corporate Plan", "Priorities"]
    );
    // The document's pages in reading order: the priorities after the
    // section marked `plan: true`, the performance page last.
    assert_eq!(
        texts(&doc, "nav.contents li"),
        [
            "Introduction",
            "How we will know we are on track",
            "Priorities",
            "Other formats",
            "Performance"
        ]
    );
    let href = |rel: &str| {
        doc.select(&sel(&format!("a[rel={rel}]")))
            .next()
            .and_then(|a| a.value().attr("href"))
            .map(str::to_string)
    };
    assert_eq!(
        href("prev").as_deref(),
        Some("/plans/corporate-plan-2020/priorities/")
    );
    assert_eq!(
        href("next").as_deref(),
        Some("/plans/corporate-plan-2020/priorities/priority-2/")
    );
    // The first page has no previous, the last no next.
    let site = fixture();
    let first = site.page("corporate-plan-2020/index.html");
    assert!(first.select(&sel("a[rel=prev]")).next().is_none());
    let last = site.page("corporate-plan-2020/performance/index.html");
    assert!(last.select(&sel("a[rel=next]")).next().is_none());
}

/// The document cards of the home page, in order.
fn home_cards(site: &Built) -> Vec<String> {
    texts(&site.page("index.html"), ".document-card h3")
}

#[test]
fn home_page_puts_the_current_strategy_first_then_the_archive_newest_first() {
    assert_eq!(
        home_cards(fixture()),
        [
            "Example Borough Corporate Plan",
            "Review of the Borough Plan 2016",
            "Borough Plan Delivery Programme",
            "Borough Plan 2016",
            "Community Charter"
        ]
    );
}

#[test]
fn the_current_strategy_comes_first_on_the_kent_home_page() {
    let site = kent();
    let current: Vec<&str> = site
        .content
        .strategies
        .iter()
        .filter(|s| s.meta.status.state == planpress::model::State::Current)
        .map(|s| s.meta.title.as_str())
        .collect();
    assert_eq!(current.len(), 1);
    assert_eq!(home_cards(site)[0], current[0]);
}

/// The statement and the formats page give the contact line of site.yaml.
fn the_contact_line_is_on_the_statement_and_the_formats_page(site: &Built) {
    let phone = &site.content.site.contact.phone;
    for page in ["accessibility/index.html", "alternative-formats/index.html"] {
        assert!(
            page_text(site, page).contains(phone.as_str()),
            "{page} lacks the phone line {phone}"
        );
    }
}

#[test]
fn the_accessibility_statement_has_its_parts_the_contact_line_and_the_review_date() {
    let site = fixture();
    the_contact_line_is_on_the_statement_and_the_formats_page(site);
    let statement = page_text(site, "accessibility/index.html");
    for part in [
        "Compliance status",
        "Enforcement procedure",
        "Preparation of this accessibility statement",
        "14 March 2026",
    ] {
        assert!(
            statement.contains(part),
            "accessibility statement lacks {part}"
        );
    }
}

#[test]
fn the_kent_contact_line_is_on_the_statement_and_the_formats_page() {
    the_contact_line_is_on_the_statement_and_the_formats_page(kent());
}

/// Also covers the exports: every file, byte for byte.
#[test]
fn the_same_content_builds_byte_identical_sites() {
    let again = build_copy(&fixture_content());
    let first = fixture();
    assert_eq!(
        first.files.keys().collect::<Vec<_>>(),
        again.files.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first.files {
        assert!(
            again.files[path] == *bytes,
            "{path} differs between two builds"
        );
    }
}
