//! The dashboards, a plan's and the site's: their counts are the data's,
//! their sentences say them, and their tables work without scripts.

use std::collections::BTreeMap;

use scraper::Html;

use crate::common::{Built, fixture, kent, sel, squash, texts};

/// Each status (its key, as the tags' classes name it) and how many
/// measures of the page's tables have it, each measure once though it is
/// listed under several groups.
fn tallied(page: &Html) -> BTreeMap<String, usize> {
    let mut seen = BTreeMap::new();
    for row in page.select(&sel(".dashboard__table tbody tr")) {
        let who = row.select(&sel("th")).next().unwrap().html();
        let tag = row.select(&sel(".tag")).next().unwrap();
        let status = tag
            .value()
            .classes()
            .find_map(|c| c.strip_prefix("tag--"))
            .unwrap()
            .to_string();
        assert!(
            !tag.text().collect::<String>().trim().is_empty(),
            "a status in colour alone"
        );
        seen.insert(who, status);
    }
    let mut counts = BTreeMap::new();
    for status in seen.into_values() {
        *counts.entry(status).or_default() += 1;
    }
    counts
}

/// Each measure's status in `data/plans.json`, counted.
fn statuses_in_open_data(site: &Built) -> BTreeMap<String, usize> {
    let data: serde_json::Value = serde_json::from_str(site.text("data/plans.json")).unwrap();
    let mut counts = BTreeMap::new();
    for doc in data["documents"].as_array().unwrap() {
        for m in doc["measures"].as_array().unwrap() {
            *counts
                .entry(m["status"]["name"].as_str().unwrap().to_string())
                .or_default() += 1;
        }
    }
    counts
}

fn sentences(page: &Html) -> String {
    squash(&texts(page, ".dashboard__summary, .dashboard__change").join(" "))
}

fn the_site_dashboard_counts_what_the_open_data_holds_in(site: &Built) -> BTreeMap<String, usize> {
    let page = site.page("dashboard/index.html");
    let counts = tallied(&page);
    assert_eq!(counts, statuses_in_open_data(site));
    let total: usize = counts.values().sum();
    assert!(
        sentences(&page).starts_with(&format!("{total} measures are published on this site: "))
    );
    counts
}

#[test]
fn the_site_dashboard_counts_what_the_open_data_holds() {
    let site = fixture();
    the_site_dashboard_counts_what_the_open_data_holds_in(site);
    // By hand: homes completed 210 against 200 for 2019/20 (higher is
    // better), GREEN, having been 120 in 2016/17, before its target was due;
    // missed collections 21 against 20 for 2019 (lower is better, no floor
    // standard), RED, having been 52 in 2016, not yet due; parks
    // satisfaction and temporary accommodation, no target; leisure centre
    // visits, no figures.
    assert_eq!(
        sentences(&site.page("dashboard/index.html")),
        "5 measures are published on this site: 1 is rated green (its target met), 1 is rated red \
         (its floor standard not met), 2 have no target and 1 has no figures published. Against \
         each measure's previous figure, where it has one, 1 more is rated green (its target met), \
         1 more is rated red (its floor standard not met) and 2 fewer have targets not yet due."
    );
}

#[test]
fn the_kent_site_dashboard_counts_what_the_open_data_holds() {
    let counts = the_site_dashboard_counts_what_the_open_data_holds_in(kent());
    assert!(counts.values().sum::<usize>() >= 80, "{counts:?}");
}

#[test]
fn a_plans_dashboard_counts_the_measures_that_report_on_it_by_priority() {
    let site = fixture();
    let page = site.page("borough-plan-2016/dashboard/index.html");
    assert_eq!(
        sentences(&page),
        // Homes completed: 210 against 200 for 2019/20, GREEN; before it, 120 in
        // 2016/17, whose target was not yet due. Missed collections: 21 against
        // 20 for 2019 with no floor standard, RED; before it, 52 in 2016, not yet due.
        "2 measures report on this plan: 1 is rated green (its target met) and 1 is rated red \
         (its floor standard not met). Against each measure's previous figure, where it has one, \
         1 more is rated green (its target met), 1 more is rated red (its floor standard not met) \
         and 2 fewer have targets not yet due."
    );
    assert_eq!(
        texts(&page, ".document-body h2"),
        ["Homes for local people", "Cleaner streets"]
    );
    // Priority 1 names homes completed and temporary accommodation, which
    // report on it; priority 3 parks satisfaction; the leisure centre
    // visits, a measure of the plan's own, has no figures.
    let corporate = site.page("corporate-plan-2020/dashboard/index.html");
    let counts = tallied(&corporate);
    let expected: BTreeMap<String, usize> = [("green", 1), ("no-target", 2), ("no-figures", 1)]
        .map(|(k, n)| (k.to_string(), n))
        .into();
    assert_eq!(counts, expected);
    assert!(sentences(&corporate).starts_with(
        "4 measures report on this plan: 1 is rated green (its target met), 2 have no target and 1 has no figures published."
    ));
    // Only plans have one; the performance page links to it.
    assert!(
        !site
            .pages
            .contains_key("plan-review-2020/dashboard/index.html")
    );
    let performance = site.html("borough-plan-2016/performance/index.html");
    assert!(performance.contains("href=\"/plans/borough-plan-2016/dashboard/\""));
}

/// Every row: the measure as a row header, its status in words, its latest
/// figure with its period, its target; a trend chart with a text
/// alternative for two figures or more, the number alone for one.
#[test]
fn each_row_says_how_its_measure_stands_without_scripts_or_colour() {
    let site = fixture();
    let page = site.page("corporate-plan-2020/dashboard/index.html");
    let rows: Vec<Vec<String>> = page
        .select(&sel(".dashboard__table tbody tr"))
        .map(|tr| {
            tr.select(&sel("th, td"))
                .map(|c| squash(&c.text().collect::<String>()))
                .collect()
        })
        .collect();
    assert!(rows.contains(&vec![
        "Households in temporary accommodation".to_string(),
        "No target".to_string(),
        "300 (2019)".to_string(),
        "None set".to_string(),
        "One figure".to_string(),
    ]));
    assert!(rows.iter().any(|r| r[..4]
        == [
            "New homes completed",
            "GREEN: target achieved",
            "210 (2019/20)",
            "200 for 2019/20"
        ]));
    let charts: Vec<String> = page
        .select(&sel(".dashboard__table img.sparkline"))
        .map(|img| img.value().attr("alt").unwrap().to_string())
        .collect();
    assert!(
        charts.contains(&"2 figures, from 120 (2016/17) to 210 (2019/20)".to_string()),
        "{charts:?}"
    );
    for th in page.select(&sel(".dashboard__table thead th")) {
        assert_eq!(th.value().attr("scope"), Some("col"));
    }
    assert!(
        !site
            .html("corporate-plan-2020/dashboard/index.html")
            .contains("<script")
    );
}
