//! The archive: which plan is in force, what came before, what became of
//! each promise, and the old addresses of a renamed document.

use std::collections::BTreeMap;

use planpress::model::State;

use crate::common::{Built, fixture, kent, page_text, sel, squash, texts, visible_text};

#[test]
fn the_archive_lists_strategies_in_the_order_they_followed_one_another() {
    let doc = fixture().page("archive/index.html");
    assert_eq!(
        texts(&doc, ".archive-list__item h2"),
        [
            "Community Charter",
            "Borough Plan 2016",
            "Borough Plan Delivery Programme",
            "Review of the Borough Plan 2016",
            "Example Borough Corporate Plan"
        ]
    );
    // The timeline is an image with a text alternative, and the list says the same.
    let svg = doc
        .select(&sel("figure svg[role=img]"))
        .next()
        .expect("a timeline");
    let desc: String = svg.select(&sel("desc")).next().unwrap().text().collect();
    for period in [
        "Community Charter: 2012 to 2016",
        "Borough Plan 2016: May 2016 to March 2020",
    ] {
        assert!(desc.contains(period), "{desc}");
    }
}

/// Every page of a document no longer in force says so, and the current
/// document's pages say that it is current. Returns the pages checked.
fn ended_and_current_documents_say_so(site: &Built) -> usize {
    let mut checked = 0;
    for s in &site.content.strategies {
        let state = s.meta.status.state;
        let prefix = format!("{}/", s.slug);
        for path in site.pages.keys().filter(|p| p.starts_with(&prefix)) {
            let doc = site.page(path);
            let notice = doc.select(&sel(".notice--withdrawn")).next();
            if state.ended() {
                let notice = notice.unwrap_or_else(|| panic!("{path}: no notice"));
                let text = visible_text(notice);
                assert!(text.contains("no longer in force"), "{path}: {text}");
            } else {
                assert!(
                    notice.is_none(),
                    "{path}: an ended notice on a document in force"
                );
            }
            let current = doc.select(&sel(".notice--current")).next().is_some();
            assert_eq!(current, state == State::Current, "{path}: current or not");
            checked += 1;
        }
    }
    checked
}

#[test]
fn every_page_of_an_ended_document_says_so_and_the_current_one_says_it_is_current() {
    assert!(ended_and_current_documents_say_so(fixture()) > 15);
    let text = squash(&page_text(fixture(), "borough-plan-2016/index.html"));
    assert!(
        text.contains("superseded on 27 February 2020 by Full Council"),
        "{text}"
    );
    assert!(
        text.contains("Replaced by: Example Borough Corporate Plan"),
        "{text}"
    );
}

#[test]
fn every_page_of_an_ended_kent_document_says_so() {
    assert!(ended_and_current_documents_say_so(kent()) > 40);
}

/// A document's lineage as its page lists it: label → titles linked.
pub fn lineage(site: &Built, slug: &str) -> BTreeMap<String, Vec<String>> {
    let doc = site.page(&format!("{slug}/index.html"));
    doc.select(&sel(".summary-list__row"))
        .filter_map(|row| {
            let dt: String = row.select(&sel("dt")).next()?.text().collect();
            let links: Vec<String> = row
                .select(&sel("dd a:not(.tag)"))
                .map(|a| a.text().collect())
                .collect();
            (!links.is_empty()).then_some((dt, links))
        })
        .collect()
}

/// Each link of the lineage, both ways, as the content gives them.
fn lineage_links_run_both_ways_in(site: &Built) -> usize {
    let title = |slug: &str| {
        let s = site.content.strategies.iter().find(|s| s.slug == slug);
        s.unwrap().meta.title.clone()
    };
    let mut pairs = Vec::new();
    for s in &site.content.strategies {
        let m = &s.meta;
        for r in &m.replaces {
            pairs.push((&s.slug, "Replaces", r.value.clone(), "Replaced by"));
        }
        if let Some(d) = &m.delivers {
            pairs.push((&s.slug, "Delivers", d.value.clone(), "Delivered through"));
        }
        for r in &m.reviewed_in {
            pairs.push((&s.slug, "Reviewed in", r.value.clone(), "Reviews"));
        }
    }
    for (a, rel, b, back) in &pairs {
        let has = |slug: &str, label: &str, other: &str| {
            lineage(site, slug)
                .get(label)
                .is_some_and(|t| t.contains(&title(other)))
        };
        assert!(has(a, rel, b), "{a}: {rel} {b} missing");
        assert!(has(b, back, a), "{b}: {back} {a} missing");
    }
    pairs.len()
}

#[test]
fn lineage_links_run_both_ways() {
    assert_eq!(lineage_links_run_both_ways_in(fixture()), 4);
    assert_eq!(
        lineage(fixture(), "borough-plan-2016"),
        BTreeMap::from([
            ("Replaces".into(), vec!["Community Charter".into()]),
            (
                "Replaced by".into(),
                vec!["Example Borough Corporate Plan".into()]
            ),
            (
                "Delivered through".into(),
                vec!["Borough Plan Delivery Programme".into()]
            ),
            (
                "Reviewed in".into(),
                vec!["Review of the Borough Plan 2016".into()]
            ),
        ])
    );
}

#[test]
fn kent_lineage_links_run_both_ways() {
    assert!(lineage_links_run_both_ways_in(kent()) >= 6);
}

/// Every commitment on a plan's priority pages, with its outcome label and
/// the address its outcome cites: the last entry of its history.
fn commitment_outcomes(site: &Built, slug: &str) -> Vec<(String, Option<String>)> {
    let prefix = format!("{slug}/priorities/");
    let mut out = Vec::new();
    for path in site.pages.keys().filter(|p| p.starts_with(&prefix)) {
        let doc = site.page(path);
        for li in doc.select(&sel("ul.commitments > li")) {
            let label = li
                .select(&sel(".history__entries > li:last-child .tag"))
                .next()
                .map(|t| t.text().collect::<String>())
                .unwrap_or_else(|| panic!("{path}#{}: no outcome", li.value().id().unwrap_or("?")));
            let source = li
                .select(&sel(".history__entries > li:last-child a:not(.tag)"))
                .next()
                .map(|a| a.value().attr("href").unwrap().to_string());
            out.push((label, source));
        }
    }
    out
}

/// Every commitment of a plan that records outcomes says what became of
/// it, with the report it cites; the summary counts each once.
fn every_commitment_says_what_became_of_it(site: &Built, slug: &str, report: &str) -> usize {
    let outcomes = commitment_outcomes(site, slug);
    for (label, source) in &outcomes {
        assert!(
            [
                "Delivered",
                "Partly delivered",
                "Not realised",
                "Overtaken by events",
                "No outcome published"
            ]
            .contains(&label.as_str()),
            "{slug}: outcome {label}"
        );
        if label != "No outcome published" {
            let source = source.as_deref().expect("an outcome without its citation");
            assert!(source.contains(&format!("/{report}/")), "{source}");
        }
    }
    let doc = site.page(&format!("{slug}/outcomes/index.html"));
    let total: String = doc
        .select(&sel("tfoot td"))
        .next_back()
        .unwrap()
        .text()
        .collect();
    assert_eq!(total, outcomes.len().to_string());
    outcomes.len()
}

#[test]
fn every_commitment_says_what_became_of_it_and_the_summary_counts_each_once() {
    let site = fixture();
    let n = every_commitment_says_what_became_of_it(site, "borough-plan-2016", "plan-review-2020");
    assert_eq!(n, 5);
    let labels: Vec<String> = commitment_outcomes(site, "borough-plan-2016")
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    assert_eq!(
        labels,
        [
            "Partly delivered",
            "Overtaken by events",
            "Delivered",
            "Not realised",
            "No outcome published"
        ]
    );
    // The summary: a row a theme, a column an outcome, and the totals.
    let doc = site.page("borough-plan-2016/outcomes/index.html");
    let rows: Vec<Vec<String>> = doc
        .select(&sel("table tr"))
        .skip(1)
        .map(|tr| {
            tr.select(&sel("td"))
                .map(|td| td.text().collect())
                .collect()
        })
        .collect();
    assert_eq!(
        rows,
        [
            ["0", "1", "0", "1", "0", "2"],
            ["1", "0", "1", "0", "1", "3"],
            ["1", "1", "1", "1", "1", "5"]
        ]
    );
    // A plan in force records no outcomes: its commitments show none.
    let current = site.page("corporate-plan-2020/priorities/priority-2/index.html");
    assert!(current.select(&sel("section.commitment")).next().is_some());
    assert!(current.select(&sel(".outcome__label")).next().is_none());
    assert!(
        !site
            .files
            .contains_key("corporate-plan-2020/outcomes/index.html")
    );
}

#[test]
fn every_bold_steps_commitment_says_what_became_of_it() {
    let n = every_commitment_says_what_became_of_it(
        kent(),
        "bold-steps-for-kent",
        "closing-down-bold-steps",
    );
    assert_eq!(n, 49, "the commitments of Bold Steps for Kent");
}

#[test]
fn a_renamed_document_leaves_a_redirect_at_each_old_address() {
    let site = fixture();
    let old = site.html("borough-plan/index.html");
    assert!(
        old.contains("<meta http-equiv=\"refresh\" content=\"0; url=/plans/borough-plan-2016/\">"),
        "{old}"
    );
    assert!(old.contains("<a href=\"/plans/borough-plan-2016/\">"));
    // Every page of the document has one.
    let new: Vec<&String> = site
        .pages
        .keys()
        .filter(|p| p.starts_with("borough-plan-2016/"))
        .collect();
    for page in &new {
        let old = page.replacen("borough-plan-2016/", "borough-plan/", 1);
        let target = format!("/plans/{}", page.trim_end_matches("index.html"));
        assert!(
            site.html(&old).contains(&format!("url={target}\"")),
            "{old} does not lead to {target}"
        );
    }
    assert!(new.len() >= 6);
}
