//! What readers see first: a document's first page answers what it is,
//! whether it is in force and how it is going; the home page leads with the
//! plans in force; every status and label links to what it means.

use scraper::ElementRef;

use crate::common::{Built, fixture, kent, sel, words};

fn text(e: ElementRef) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The ids of the elements of `main`, in order, as `tag#id`, so that tests
/// can say what comes before what.
fn order(site: &Built, page: &str, ids: &[&str]) -> Vec<usize> {
    let html = site.html(page);
    ids.iter()
        .map(|id| {
            html.find(&format!("id=\"{id}\""))
                .unwrap_or_else(|| panic!("{page} has no element #{id}"))
        })
        .collect()
}

#[test]
fn a_plan_s_first_page_puts_its_status_contents_and_priorities_before_its_other_facts() {
    for site in [kent(), fixture()] {
        for s in site.held().filter(|s| s.plan.is_some()) {
            let page = format!("{}/index.html", s.slug);
            let at = order(
                site,
                &page,
                &["contents-title", "landing-priorities", "about"],
            );
            assert!(
                at.windows(2).all(|w| w[0] < w[1]),
                "{page}: the contents and the priorities come before the rest of its facts"
            );
            let doc = site.page(&page);
            let listed: Vec<String> = doc
                .select(&sel(".priority-summaries__title"))
                .map(|a| a.value().attr("href").unwrap().to_string())
                .collect();
            let plan = s.plan.as_ref().unwrap();
            assert_eq!(
                listed.len(),
                plan.priorities.len(),
                "{page}: every priority is listed"
            );
            for (href, p) in listed.iter().zip(&plan.priorities) {
                assert!(
                    href.ends_with(&format!("/{}/", p.id.value)),
                    "{page}: {href} is {}",
                    p.id.value
                );
            }
        }
    }
}

#[test]
fn a_priority_s_line_is_the_first_sentence_of_the_plan_s_own_words() {
    let doc = fixture().page("corporate-plan-2020/index.html");
    let lines: Vec<String> = doc
        .select(&sel(".priority-summaries > li"))
        .map(text)
        .collect();
    // Priority 1's introduction, its first sentence; priority 3 has only an
    // aim; priority 2 has neither, and gets no line of words.
    assert!(
        lines[0].contains("Too few homes are built in the borough for the people who need them."),
        "{}",
        lines[0]
    );
    assert!(
        !lines[0].contains("1,200 new homes"),
        "the aim is not the line when there is an introduction"
    );
    assert!(
        lines[2].contains("More residents satisfied with the borough's parks and leisure centres."),
        "{}",
        lines[2]
    );
    assert_eq!(
        doc.select(&sel(
            ".priority-summaries > li:nth-child(2) .priority-summaries__summary"
        ))
        .count(),
        0
    );
    // What each holds, counted from the plan: 2 milestones and 2 key measures.
    assert!(
        lines[0].contains("2 milestones, 2 key measures"),
        "{}",
        lines[0]
    );
    assert!(lines[1].contains("1 commitment"), "{}", lines[1]);
}

/// On Kent's plans, each priority's line is the opening of its own
/// introduction or aim, word for word, and a whole sentence of it.
#[test]
fn each_kent_priority_s_line_opens_its_own_introduction_or_aim() {
    let site = kent();
    let mut lines = 0;
    for s in site.held().filter(|s| s.plan.is_some()) {
        let doc = site.page(&format!("{}/index.html", s.slug));
        let items: Vec<ElementRef> = doc.select(&sel(".priority-summaries > li")).collect();
        for (li, p) in items.iter().zip(&s.plan.as_ref().unwrap().priorities) {
            let Some(line) = li
                .select(&sel(".priority-summaries__summary"))
                .next()
                .map(text)
            else {
                assert!(
                    p.intro.is_none() && p.aim.is_none(),
                    "{}: {} has words but no line",
                    s.slug,
                    p.id.value
                );
                continue;
            };
            let own = words(p.intro.as_deref().or(p.aim.as_deref()).unwrap());
            let said = words(&line);
            assert!(
                own.starts_with(&said),
                "{}: {}: `{line}` does not open its text",
                s.slug,
                p.id.value
            );
            assert!(
                line.ends_with(['.', '?', '!']) || said.len() == own.len(),
                "{}: `{line}` is not a whole sentence",
                s.slug
            );
            lines += 1;
        }
    }
    assert!(
        lines >= 20,
        "only {lines} priorities of Kent's plans have a line"
    );
}

#[test]
fn a_closed_plan_s_first_page_counts_what_became_of_its_commitments_as_its_outcomes_page_does() {
    let site = kent();
    for s in site.held().filter(|s| s.meta.status.state.ended()) {
        let outcomes = format!("{}/outcomes/index.html", s.slug);
        if !site.pages.contains_key(&outcomes) {
            continue;
        }
        let table = site.page(&outcomes);
        let statuses: Vec<String> = table.select(&sel("thead th")).skip(1).map(text).collect();
        let totals: Vec<String> = table.select(&sel("tfoot td")).map(text).collect();
        let landing = site.page(&format!("{}/index.html", s.slug));
        let said = landing
            .select(&sel(".landing-progress p"))
            .map(text)
            .next()
            .unwrap_or_else(|| panic!("{} has no outcome counts", s.slug));
        // The last column is every commitment's.
        for (status, n) in statuses.iter().zip(&totals).take(statuses.len() - 1) {
            if n != "0" {
                assert!(
                    said.contains(&format!("{status}: {n}")),
                    "{}: `{status}: {n}` in {said}",
                    s.slug
                );
            }
        }
        assert!(
            said.contains(&format!(" {} ", totals.last().unwrap())),
            "{}: the total in {said}",
            s.slug
        );
    }
}

#[test]
fn the_home_page_leads_with_the_plans_in_force_and_their_headline_figures() {
    let site = fixture();
    let home = site.page("index.html");
    let first = home
        .select(&sel("main h2 + .in-force h3 a"))
        .next()
        .expect("a plan in force after the first heading");
    assert_eq!(text(first), "Example Borough Corporate Plan");
    let figures: Vec<String> = home
        .select(&sel(
            ".in-force .headline-figures a[href$='/leisure-centre-visits/']",
        ))
        .map(text)
        .collect();
    assert_eq!(
        figures.len(),
        1,
        "the headline measure is linked: {figures:?}"
    );
    // Its priorities, linked, as its own page lists them.
    assert_eq!(
        home.select(&sel(".in-force .priority-summaries__title"))
            .count(),
        3
    );
    // Kent's plan in force is not held: its aims and its headline figures lead.
    let kent_home = kent().page("index.html");
    let in_force = kent_home
        .select(&sel(".in-force"))
        .next()
        .expect("Kent's plan in force");
    assert_eq!(in_force.select(&sel(".headline-figures li")).count(), 4);
    assert!(
        in_force.select(&sel("h4")).count() >= 2,
        "its aims and how it is going"
    );
}

#[test]
fn every_status_and_label_tag_links_to_where_the_glossary_explains_it() {
    for site in [kent(), fixture()] {
        let glossary_path = "glossary/index.html";
        let glossary = site.page(glossary_path);
        let ids: std::collections::BTreeSet<String> = glossary
            .select(&sel("[id]"))
            .map(|e| e.value().attr("id").unwrap().to_string())
            .collect();
        let mut links = 0;
        for (path, html) in &site.pages {
            if path.starts_with("exports/") {
                continue;
            }
            let doc = scraper::Html::parse_document(html);
            for a in doc.select(&sel("main a[href*='glossary/#']")) {
                let href = a.value().attr("href").unwrap();
                let anchor = href.rsplit('#').next().unwrap();
                assert!(
                    ids.contains(anchor),
                    "{path}: {href} ({}) is not explained on the glossary page",
                    text(a)
                );
                links += 1;
            }
            // A tag for a label the glossary explains must link to it.
            for tag in doc.select(&sel("main strong.tag")) {
                let class = tag.value().attr("class").unwrap();
                let explained = ["state-", "outcome-", "progress-"].iter().any(|kind| {
                    class
                        .split(' ')
                        .filter_map(|c| c.strip_prefix("tag--"))
                        .any(|key| ids.contains(&format!("{kind}{key}")))
                });
                assert!(
                    path == glossary_path || !explained,
                    "{path}: tag `{}` ({class}) does not link to what it means",
                    text(tag)
                );
            }
        }
        assert!(links > 20, "{links} links to the glossary");
    }
}

#[test]
fn no_heading_of_a_priority_page_is_a_whole_commitment() {
    let site = kent();
    for s in site.held() {
        let Some(plan) = &s.plan else { continue };
        for p in &plan.priorities {
            let page = format!("{}/priorities/{}/index.html", s.slug, p.id.value);
            let doc = site.page(&page);
            for h in doc.select(&sel("main h2, main h3")) {
                let words = text(h).split(' ').count();
                assert!(
                    words <= 15,
                    "{page}: a heading of {words} words: {}",
                    text(h)
                );
            }
            // The commitment's statement is on the page in full, under its heading.
            for c in p.commitments.iter().filter(|c| c.title.is_some()) {
                let statement = doc
                    .select(&sel(&format!("[id='{}']", c.id.value)))
                    .next()
                    .unwrap_or_else(|| panic!("{page}: no #{}", c.id.value));
                assert!(
                    text(statement).starts_with(&c.title.as_deref().unwrap()[..20]),
                    "{page}: {}",
                    text(statement)
                );
            }
        }
    }
}
