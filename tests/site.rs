//! What a reader gets from the built Kent site: pages, headings, links.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{kent, sel, visible_text, words};
use scraper::Html;

#[test]
fn every_page_has_a_title_one_h1_and_the_landmarks() {
    let site = kent();
    assert!(site.pages.len() >= 60, "only {} pages", site.pages.len());
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
        assert_eq!(
            doc.select(&sel("html[lang=en-GB]")).count(),
            1,
            "{path}: no lang"
        );
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
    }
}

#[test]
fn heading_levels_never_skip() {
    for (path, html) in &kent().pages {
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
fn every_internal_link_and_anchor_resolves() {
    let site = kent();
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
                site.out().join(&target_page).exists(),
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
    assert!(checked > 1000, "only {checked} links checked");
}

/// Seed 001's priorities, as (number, bullet items) in the order printed.
fn seed_priorities() -> Vec<(u32, Vec<String>)> {
    let seed =
        std::fs::read_to_string(common::root().join("seeds/001_e957172e9e929445.txt")).unwrap();
    let start = seed.find("Priority 1:").unwrap();
    let end = seed.find("This document is available").unwrap();
    let mut blocks: Vec<(u32, Vec<String>)> = Vec::new();
    let mut item: Option<String> = None;
    for line in seed[start..end].lines() {
        if let Some(rest) = line.strip_prefix("Priority ") {
            let n: u32 = rest.split(':').next().unwrap().parse().unwrap();
            blocks.push((n, Vec::new()));
            item = None;
            continue;
        }
        let trimmed = line.trim();
        let is_bullet = line.starts_with("- ")
            || line.starts_with(" Regular")
            || line.starts_with(" Evaluation");
        if is_bullet {
            if let Some(done) = item.take() {
                blocks.last_mut().unwrap().1.push(done);
            }
            item = Some(trimmed.trim_start_matches("- ").to_string());
        } else if trimmed.is_empty() || trimmed.ends_with(':') {
            if let Some(done) = item.take() {
                blocks.last_mut().unwrap().1.push(done);
            }
        } else if let Some(open) = item.as_mut() {
            // A bullet the extraction broke over lines.
            open.push(' ');
            open.push_str(trimmed);
        }
    }
    if let Some(done) = item {
        blocks.last_mut().unwrap().1.push(done);
    }
    blocks
}

#[test]
fn each_delivering_bold_steps_priority_lists_the_milestones_and_measures_of_the_seed() {
    let site = kent();
    let blocks = seed_priorities();
    assert_eq!(blocks.len(), 16);
    let lists = |n: u32| -> Vec<String> {
        let doc = site.page(&format!(
            "delivering-bold-steps/priorities/priority-{n}/index.html"
        ));
        doc.select(&sel("ul.milestones > li, ul.measures > li"))
            .map(|li| {
                // The item as published, without the due date the site adds.
                let all = words(&visible_text(li)).join(" ");
                match li.select(&sel(".due")).next() {
                    Some(due) => all
                        .strip_suffix(&words(&visible_text(due)).join(" "))
                        .unwrap()
                        .trim()
                        .to_string(),
                    None => all,
                }
            })
            .collect()
    };
    let all: Vec<(u32, String)> = (1..=16)
        .flat_map(|n| lists(n).into_iter().map(move |t| (n, t)))
        .collect();
    let mut total = 0;
    for (n, items) in &blocks {
        for item in items {
            // 001 misreads "Eurokent" (seed 000 and seeds/README.md).
            let wanted = words(item).join(" ").replace("furokent", "eurokent");
            let found: Vec<u32> = all
                .iter()
                .filter(|(_, t)| *t == wanted)
                .map(|(p, _)| *p)
                .collect();
            // Seed 001 prints priority 9's lists under priority 10's heading;
            // seed 000 shows where they belong.
            let expected = if *n == 10 && !found.contains(&10) {
                9
            } else {
                *n
            };
            assert_eq!(
                found,
                vec![expected],
                "priority {n}: `{item}` is not on its page"
            );
            total += 1;
        }
    }
    assert_eq!(
        total,
        all.len(),
        "the pages list items the seed does not have"
    );
    assert!(total >= 100, "only {total} milestones and measures");
}

#[test]
fn priorities_are_grouped_by_the_ambition_they_serve() {
    let doc = kent().page("delivering-bold-steps/priorities/index.html");
    let groups: Vec<(String, usize)> = doc
        .select(&sel("section.ambition"))
        .map(|s| {
            let h = s
                .select(&sel("h2"))
                .next()
                .unwrap()
                .text()
                .collect::<String>();
            (h, s.select(&sel("li")).count())
        })
        .collect();
    assert_eq!(groups.len(), 3);
    assert_eq!(groups.iter().map(|g| g.1).sum::<usize>(), 16);
    assert!(groups.iter().any(|(h, _)| h == "To Tackle Disadvantage"));
}

#[test]
fn document_pages_have_breadcrumbs_contents_and_previous_next() {
    let site = kent();
    let doc = site.page("delivering-bold-steps/priorities/priority-1/index.html");
    let crumbs: Vec<String> = doc
        .select(&sel("nav.breadcrumbs a"))
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(crumbs, ["Home", "Delivering Bold Steps", "Priorities"]);
    assert_eq!(doc.select(&sel("nav.contents li")).count(), 6);
    let prev = doc.select(&sel("a[rel=prev]")).next().unwrap();
    assert_eq!(
        prev.value().attr("href"),
        Some("/strategies/delivering-bold-steps/priorities/")
    );
    let next = doc.select(&sel("a[rel=next]")).next().unwrap();
    assert_eq!(
        next.value().attr("href"),
        Some("/strategies/delivering-bold-steps/priorities/priority-2/")
    );
}

#[test]
fn home_page_puts_the_current_strategy_first_then_the_archive() {
    let doc = kent().page("index.html");
    let titles: Vec<String> = doc
        .select(&sel(".document-card h3"))
        .map(|h| h.text().collect())
        .collect();
    assert_eq!(titles[0], "Framing Kent\u{2019}s Future");
    assert!(titles.contains(&"Towards 2010".to_string()));
    let pos = |t: &str| titles.iter().position(|x| x == t).unwrap();
    assert!(pos("Bold Steps for Kent") < pos("Towards 2010"));
    assert!(pos("Towards 2010") < pos("Next Four Years"));
}

#[test]
fn accessibility_statement_and_alternative_formats_give_the_council_phone_line() {
    let site = kent();
    for page in ["accessibility/index.html", "alternative-formats/index.html"] {
        let text = visible_text(site.page(page).root_element());
        assert!(text.contains("01622 694027"), "{page} lacks the phone line");
    }
    let statement = visible_text(site.page("accessibility/index.html").root_element());
    for part in [
        "Compliance status",
        "Enforcement procedure",
        "Preparation of this accessibility statement",
        "22 November 2026",
    ] {
        assert!(
            statement.contains(part),
            "accessibility statement lacks {part}"
        );
    }
}

#[test]
fn the_same_content_builds_byte_identical_sites() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for dir in [&a, &b] {
        let mut p = planpress::Project::new(common::root());
        p.out = dir.path().join("public");
        planpress::build(&p).unwrap();
    }
    let read = |d: &tempfile::TempDir| {
        let mut files = BTreeMap::new();
        for entry in common::files(&d.path().join("public")) {
            files.insert(
                entry.strip_prefix(d.path()).unwrap().to_path_buf(),
                std::fs::read(&entry).unwrap(),
            );
        }
        files
    };
    assert_eq!(read(&a), read(&b));
}
