//! The archive: which plan is in force, what came before, what became of
//! each promise.

mod common;

use common::{kent, sel, visible_text};

fn text_of(page: &str) -> String {
    visible_text(kent().page(page).root_element())
}

#[test]
fn the_archive_lists_strategies_in_the_order_they_followed_one_another() {
    let doc = kent().page("archive/index.html");
    let titles: Vec<String> = doc
        .select(&sel(".archive-list__item h2"))
        .map(|h| h.text().collect())
        .collect();
    let pos = |t: &str| {
        titles
            .iter()
            .position(|x| x == t)
            .unwrap_or_else(|| panic!("{t} not in the archive: {titles:?}"))
    };
    assert!(pos("Next Four Years") < pos("Towards 2010"));
    assert!(pos("Towards 2010") < pos("Bold Steps for Kent"));
    assert!(pos("Bold Steps for Kent") < pos("Delivering Bold Steps"));
    assert!(
        pos("Delivering Bold Steps")
            < pos("Facing the Challenge: Closing down Bold Steps for Kent")
    );
    assert!(
        pos("Facing the Challenge: Closing down Bold Steps for Kent")
            < pos("Framing Kent\u{2019}s Future")
    );
    // The timeline is an image with a text alternative, and the list says the same.
    let svg = doc
        .select(&sel("figure svg[role=img]"))
        .next()
        .expect("a timeline");
    let desc: String = svg.select(&sel("desc")).next().unwrap().text().collect();
    assert!(desc.contains("Towards 2010: 2006 to 2010"), "{desc}");
}

#[test]
fn every_page_of_a_strategy_no_longer_in_force_says_so_and_the_current_one_says_it_is_current() {
    let site = kent();
    let ended = [
        "bold-steps-for-kent/",
        "delivering-bold-steps/",
        "towards-2010/",
        "next-four-years/",
    ];
    let mut checked = 0;
    for path in site.pages.keys() {
        let doc = site.page(path);
        let notice = doc.select(&sel(".notice--withdrawn")).next();
        if ended.iter().any(|e| path.starts_with(e)) {
            let notice = notice.unwrap_or_else(|| panic!("{path}: no notice"));
            let text = visible_text(notice);
            assert!(text.contains("no longer in force"), "{path}: {text}");
            checked += 1;
        } else if path.starts_with("framing-kents-future/") {
            assert!(notice.is_none(), "{path}: a notice on the current strategy");
            assert!(
                doc.select(&sel(".notice--current")).next().is_some(),
                "{path}: does not say it is current"
            );
        }
    }
    assert!(checked > 40, "only {checked} pages checked");
    let bsk = text_of("bold-steps-for-kent/index.html");
    assert!(
        bsk.contains("Closed early on 15 May 2014") || bsk.contains("closed early on 15 May 2014"),
        "{bsk}"
    );
    assert!(bsk.contains("Replaced by: Facing the Challenge"), "{bsk}");
}

#[test]
fn lineage_links_run_both_ways() {
    let pairs = [
        (
            "towards-2010",
            "Replaced by",
            "Bold Steps for Kent",
            "bold-steps-for-kent",
            "Replaces",
            "Towards 2010",
        ),
        (
            "delivering-bold-steps",
            "Delivers",
            "Bold Steps for Kent",
            "bold-steps-for-kent",
            "Delivered through",
            "Delivering Bold Steps",
        ),
        (
            "bold-steps-for-kent",
            "Reviewed in",
            "Facing the Challenge: Closing down Bold Steps for Kent",
            "closing-down-bold-steps",
            "Reviews",
            "Bold Steps for Kent",
        ),
        (
            "next-four-years",
            "Replaced by",
            "Towards 2010",
            "towards-2010",
            "Replaces",
            "Next Four Years",
        ),
    ];
    let relation = |slug: &str, label: &str| -> Vec<String> {
        let doc = kent().page(&format!("{slug}/index.html"));
        doc.select(&sel(".summary-list__row"))
            .filter(|row| {
                row.select(&sel("dt"))
                    .next()
                    .is_some_and(|dt| dt.text().collect::<String>() == label)
            })
            .flat_map(|row| {
                row.select(&sel("dd a"))
                    .map(|a| a.text().collect::<String>())
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    for (a, rel, b_title, b, back, a_title) in pairs {
        assert!(
            relation(a, rel).contains(&b_title.to_string()),
            "{a}: {rel} {b_title} missing"
        );
        assert!(
            relation(b, back).contains(&a_title.to_string()),
            "{b}: {back} {a_title} missing"
        );
    }
}

#[test]
fn every_bold_steps_commitment_says_what_became_of_it() {
    let site = kent();
    let mut commitments = 0;
    for (path, _) in site
        .pages
        .iter()
        .filter(|(p, _)| p.starts_with("bold-steps-for-kent/priorities/theme-"))
    {
        let doc = site.page(path);
        for li in doc.select(&sel("ul.commitments > li")) {
            let outcome = li.select(&sel(".outcome .tag")).next();
            let label = outcome
                .map(|t| t.text().collect::<String>())
                .unwrap_or_default();
            assert!(
                [
                    "Delivered",
                    "Partly delivered",
                    "Not realised",
                    "Overtaken by events",
                    "No outcome published"
                ]
                .contains(&label.as_str()),
                "{path}#{}: no outcome",
                li.value().id().unwrap_or("?")
            );
            if label != "No outcome published" {
                let source = li
                    .select(&sel(".outcome a"))
                    .next()
                    .unwrap_or_else(|| panic!("{path}: an outcome without its citation"));
                assert!(
                    source
                        .value()
                        .attr("href")
                        .unwrap()
                        .contains("/closing-down-bold-steps/")
                );
            }
            commitments += 1;
        }
    }
    assert_eq!(commitments, 49);
    // The summary counts every commitment once.
    let doc = site.page("bold-steps-for-kent/outcomes/index.html");
    let total: String = doc
        .select(&sel("tfoot td"))
        .next_back()
        .unwrap()
        .text()
        .collect();
    assert_eq!(total, "49");
}

#[test]
fn a_renamed_document_leaves_a_redirect_at_its_old_address() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["content", "themes"] {
        common::copy_dir(&common::root().join(sub), &dir.path().join(sub));
    }
    let meta = dir
        .path()
        .join("content/strategies/towards-2010/strategy.yaml");
    let text = std::fs::read_to_string(&meta).unwrap();
    std::fs::write(
        &meta,
        format!("{text}\nformer_slugs: [towards-2010-plan]\n"),
    )
    .unwrap();
    let mut p = planpress::Project::new(dir.path());
    p.out = dir.path().join("public");
    planpress::build(&p).unwrap();
    let old =
        std::fs::read_to_string(dir.path().join("public/towards-2010-plan/index.html")).unwrap();
    assert!(
        old.contains("<meta http-equiv=\"refresh\" content=\"0; url=/strategies/towards-2010/\">"),
        "{old}"
    );
    assert!(old.contains("<a href=\"/strategies/towards-2010/\">"));
}
