//! Figures and charts: every chart is described, matches its table and CSV,
//! and every status follows from the figures.

use std::collections::BTreeSet;

use crate::common::{Built, fixture, kent, sel, texts, visible_text};

/// Digits and the decimal point of a figure as shown ("£269m" → 269).
fn number(text: &str) -> f64 {
    let digits: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == '-')
        .collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("`{text}` is not a figure"))
}

fn measure_pages(site: &Built) -> Vec<&String> {
    site.pages
        .keys()
        .filter(|p| p.contains("/measures/"))
        .collect()
}

/// The CSV of a measure's page: none when the measure has no figures.
fn csv_of<'a>(site: &'a Built, page: &str) -> &'a str {
    let path = page.replace("/index.html", ".csv");
    match site.files.get(&path) {
        Some(_) => site.text(&path),
        None => "",
    }
}

fn csv_values(site: &Built, page: &str) -> Vec<f64> {
    csv::Reader::from_reader(csv_of(site, page).as_bytes())
        .records()
        .map(|r| r.unwrap()[1].parse().unwrap())
        .collect()
}

/// Every figure's row of the CSV names the paragraph that published it,
/// or the address of the published record it is read in.
fn every_figure_cites_its_paragraph(site: &Built) {
    for path in measure_pages(site) {
        for row in csv_of(site, path).lines().skip(1) {
            let source = row.split(',').nth(2).unwrap();
            assert!(
                source.contains('#')
                    || source.starts_with("https://")
                    || source.starts_with("http://"),
                "{path}: a figure without its source: {row}"
            );
        }
    }
}

#[test]
fn figures_are_published_as_csv_with_their_citations() {
    let site = fixture();
    assert_eq!(measure_pages(site).len(), 5);
    assert_eq!(
        site.text("plan-review-2020/measures/parks-satisfaction.csv"),
        "period,value,source,note\n\
         2017,71,https://plans.example.org/plans/plan-review-2020/what-we-achieved/#para-2-4,\n\
         2019,68.5,https://plans.example.org/plans/plan-review-2020/what-we-achieved/#para-2-4,residents' survey\n"
    );
    // A measure with no figures has no file, and its page no link to one.
    let empty = "corporate-plan-2020/measures/leisure-centre-visits";
    assert!(!site.files.contains_key(&format!("{empty}.csv")));
    assert!(!site.html(&format!("{empty}/index.html")).contains(".csv"));
    every_figure_cites_its_paragraph(site);
}

#[test]
fn every_kent_figure_cites_its_paragraph() {
    let site = kent();
    assert!(
        measure_pages(site).len() >= 40,
        "only {} measures",
        measure_pages(site).len()
    );
    every_figure_cites_its_paragraph(site);
}

/// Checks every chart of the site; the number of charts.
fn every_chart_has_role_title_description_and_scales_in(site: &Built) -> usize {
    let mut charts = 0;
    for path in site.pages.keys() {
        let doc = site.page(path);
        for svg in doc.select(&sel("main svg")) {
            let v = svg.value();
            assert_eq!(v.attr("role"), Some("img"), "{path}");
            assert!(
                v.attr("viewBox").is_some() && v.attr("width").is_none(),
                "{path}: the chart does not scale"
            );
            let title: String = svg
                .select(&sel("title"))
                .next()
                .expect("title")
                .text()
                .collect();
            let desc: String = svg
                .select(&sel("desc"))
                .next()
                .expect("desc")
                .text()
                .collect();
            assert!(
                !title.trim().is_empty() && desc.chars().any(|c| c.is_ascii_digit()),
                "{path}: {title} / {desc}"
            );
            // Named by its figure's caption alone, described by its own
            // <desc>: one name, heard once.
            let caption = v.attr("aria-labelledby").unwrap();
            assert_eq!(
                doc.select(&sel(&format!("figure > figcaption#{caption}")))
                    .count(),
                1,
                "{path}: {caption} is not the figure's caption"
            );
            let described = v.attr("aria-describedby").unwrap();
            assert!(
                svg.children()
                    .filter_map(scraper::ElementRef::wrap)
                    .any(|c| c.value().name() == "desc" && c.value().id() == Some(described)),
                "{path}: {described} is not the chart's <desc>"
            );
            let said: String = doc
                .select(&sel(&format!("#{caption}")))
                .flat_map(|c| c.text())
                .collect();
            assert!(
                !said.contains(desc.trim()),
                "{path}: the caption repeats the description"
            );
            assert!(
                svg.select(&sel("text")).count() > 3,
                "{path}: the chart's words are not text"
            );
            charts += 1;
        }
    }
    charts
}

#[test]
fn every_chart_has_role_title_description_and_scales() {
    // The three measures with two figures or more, on their pages (drawn
    // for phones and for wider screens) and in the large print (wide), and
    // the archive's timeline (both). A measure with one figure shows it as
    // a number, not a chart of one bar.
    assert_eq!(
        every_chart_has_role_title_description_and_scales_in(fixture()),
        3 * 2 + 3 + 2
    );
}

#[test]
fn every_kent_chart_has_role_title_description_and_scales() {
    let charts = every_chart_has_role_title_description_and_scales_in(kent());
    // Most of Kent's measures have a single figure, shown as a number.
    assert!(charts >= 12, "only {charts} charts");
}

fn each_table_holds_the_same_figures_as_its_csv_and_its_chart_in(site: &Built) {
    for path in measure_pages(site) {
        let doc = site.page(path);
        let table: Vec<f64> = doc
            .select(&sel("table.data-table tbody tr td:nth-child(2)"))
            .map(|td| number(&td.text().collect::<String>()))
            .collect();
        let from_csv = csv_values(site, path);
        assert_eq!(table, from_csv, "{path}: the table and the CSV differ");
        match doc.select(&sel("figure.chart svg")).next() {
            Some(svg) => {
                assert!(
                    !from_csv.is_empty()
                        || doc
                            .select(&sel(".summary-list"))
                            .next()
                            .is_some_and(|s| visible_text(s).contains("Target"))
                );
                let desc: String = svg.select(&sel("desc")).next().unwrap().text().collect();
                if let (Some(first), Some(last)) = (table.first(), table.last()) {
                    let words = desc.replace(',', "");
                    for v in [first, last] {
                        let shown = if v.fract() == 0.0 {
                            format!("{v:.0}")
                        } else {
                            v.to_string()
                        };
                        assert!(
                            words.contains(&shown),
                            "{path}: the description `{desc}` lacks {shown}"
                        );
                    }
                }
            }
            None => assert!(
                table.len() <= 1,
                "{path}: {} figures but no chart",
                table.len()
            ),
        }
    }
}

#[test]
fn each_table_holds_the_same_figures_as_its_csv_and_its_chart() {
    let site = fixture();
    each_table_holds_the_same_figures_as_its_csv_and_its_chart_in(site);
    let doc = site.page("plan-review-2020/measures/missed-collections/index.html");
    let desc = texts(&doc, "figure.chart svg desc").join("");
    assert!(
        desc.contains("52 in 2016 to 21 in 2019, 2 figures in all")
            && desc.contains("Target for 2019: 20"),
        "{desc}"
    );
}

#[test]
fn each_kent_table_holds_the_same_figures_as_its_csv_and_its_chart() {
    each_table_holds_the_same_figures_as_its_csv_and_its_chart_in(kent());
}

/// Every measure's status follows from its latest figure and its target
/// (none of these measures has a floor standard, so a missed target is
/// RED); a target for a later period than the latest figure's is not yet
/// due. The statuses that occur.
fn statuses_follow_from_the_figures_and_targets_in(site: &Built) -> BTreeSet<&'static str> {
    let mut seen = BTreeSet::new();
    for path in measure_pages(site) {
        let doc = site.page(path);
        let summary = visible_text(doc.select(&sel(".summary-list")).next().unwrap());
        let status = texts(&doc, ".summary-list .tag").remove(0);
        let target = doc
            .select(&sel(".summary-list__row"))
            .find(|r| texts_of(r, "dt") == "Target")
            .map(|r| {
                let dd = r.select(&sel("dd")).next().unwrap();
                number(dd.text().next().unwrap().split(" for ").next().unwrap())
            });
        let latest = csv_values(site, path).last().copied();
        let higher = summary.contains("Higher is better");
        let expected = match (latest, target) {
            (None, _) => "No figures published",
            (Some(_), None) => "No target",
            _ if status == "Target not yet due" => {
                // The target's period (after "for") is later: checked on
                // the savings figure below and in tests/it/performance.rs.
                assert!(summary.contains(" for "), "{path}: {summary}");
                "Target not yet due"
            }
            (Some(v), Some(t)) if (higher && v >= t) || (!higher && v <= t) => {
                "GREEN: target achieved"
            }
            _ => "RED: target not achieved",
        };
        assert_eq!(status, expected, "{path}");
        // The status links to the rule that gave it.
        let rule = doc
            .select(&sel(".summary-list__row dd a"))
            .find(|a| a.text().collect::<String>() == "how this is worked out")
            .and_then(|a| a.value().attr("href"))
            .unwrap_or_else(|| panic!("{path}: no link to the rule"));
        assert!(rule.contains("performance-rules/#"), "{path}: {rule}");
        seen.insert(expected);
    }
    seen
}

fn texts_of(el: &scraper::ElementRef, selector: &str) -> String {
    el.select(&sel(selector))
        .next()
        .map(|e| e.text().collect())
        .unwrap_or_default()
}

#[test]
fn statuses_follow_from_the_figures_and_targets() {
    let seen = statuses_follow_from_the_figures_and_targets_in(fixture());
    assert_eq!(
        seen,
        BTreeSet::from([
            "No figures published",
            "No target",
            "GREEN: target achieved",
            "RED: target not achieved"
        ])
    );
    let status = |m: &str| {
        let doc = fixture().page(&format!("plan-review-2020/measures/{m}/index.html"));
        texts(&doc, ".summary-list .tag").remove(0)
    };
    // 210 against 200, higher better; 21 against 20, lower better.
    assert_eq!(status("homes-completed"), "GREEN: target achieved");
    assert_eq!(status("missed-collections"), "RED: target not achieved");
}

#[test]
fn kent_statuses_follow_from_the_figures_and_targets() {
    let seen = statuses_follow_from_the_figures_and_targets_in(kent());
    assert!(seen.len() >= 3, "only {seen:?} statuses occur");
    // £269m over the three financial years to 2013/14, against £340m due by
    // 2015: too early to judge, and the report's figures are the last
    // published, not the latest.
    let doc = kent().page("closing-down-bold-steps/measures/savings-delivered/index.html");
    assert_eq!(
        texts(&doc, ".summary-list .tag").remove(0),
        "Target not yet due"
    );
    let rows = texts(&doc, ".summary-list dt").join("|");
    assert!(
        rows.contains("Last published figure") && !rows.contains("Latest"),
        "{rows}"
    );
    // Its table sets the figure beside the target, not yet due.
    assert_eq!(
        texts(&doc, "table.data-table tbody td")[..2],
        ["£269m", "£340m (not yet due)"]
    );
    // "In the 2012-13 school year we achieved our aim of creating an extra
    // 22 forms of entry in Primary Schools": 22 ≥ 22 for 2012/13 → GREEN.
    let doc =
        kent().page("closing-down-bold-steps/measures/primary-forms-of-entry-created/index.html");
    assert_eq!(
        texts(&doc, ".summary-list .tag").remove(0),
        "GREEN: target achieved"
    );
}

/// On every priority page, a key measure either links its figures or says
/// none were published, never zero.
fn key_measures_without_figures_say_so(site: &Built) {
    for path in site.pages.keys().filter(|p| p.contains("/priorities/")) {
        let page = site.page(path);
        for li in page.select(&sel("ul.measures > li")) {
            let text: String = li.text().collect();
            assert!(
                text.contains("No figures published")
                    || li.select(&sel(".reported a")).next().is_some(),
                "{path}: {text}"
            );
        }
    }
}

#[test]
fn key_measures_without_figures_say_so_never_zero() {
    let site = fixture();
    key_measures_without_figures_say_so(site);
    let doc = site.page("corporate-plan-2020/performance/index.html");
    assert_eq!(doc.select(&sel(".tag--no-figures")).count(), 2);
    let p1 = site.page("corporate-plan-2020/priorities/priority-1/index.html");
    assert_eq!(
        p1.select(&sel("ul.measures > li .reported li > a:first-child"))
            .count(),
        2,
        "both key measures of priority 1 link the figures reported on them"
    );
}

#[test]
fn kent_key_measures_without_figures_say_so_never_zero() {
    let site = kent();
    key_measures_without_figures_say_so(site);
    let doc = site.page("delivering-bold-steps/performance/index.html");
    let none = doc.select(&sel(".tag--no-figures")).count();
    assert!(none > 10, "only {none} measures shown as having no figures");
}

fn a_measure_is_listed_once_on_a_priority_page_in(site: &Built) {
    for path in site.pages.keys().filter(|p| p.contains("/priorities/")) {
        let doc = site.page(path);
        let links: Vec<String> = doc
            .select(&sel("ul.figures > li > a:first-child"))
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect();
        let unique: BTreeSet<_> = links.iter().collect();
        assert_eq!(
            links.len(),
            unique.len(),
            "{path}: a measure is listed twice"
        );
    }
}

#[test]
fn a_measure_is_listed_once_on_a_priority_page() {
    a_measure_is_listed_once_on_a_priority_page_in(fixture());
    a_measure_is_listed_once_on_a_priority_page_in(kent());
}
