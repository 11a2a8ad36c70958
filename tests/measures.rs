//! Figures and charts: every chart is described, matches its table and CSV,
//! and every status follows from the figures.

mod common;

use common::{kent, sel, visible_text};

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

fn measure_pages() -> Vec<&'static String> {
    kent()
        .pages
        .keys()
        .filter(|p| p.contains("/measures/"))
        .collect()
}

#[test]
fn the_close_down_report_figures_are_published_with_their_citations() {
    let site = kent();
    let csv = |doc: &str, id: &str| {
        std::fs::read_to_string(site.out().join(format!("{doc}/measures/{id}.csv"))).unwrap()
    };
    let schools = csv("closing-down-bold-steps", "schools-good-or-better");
    assert!(
        schools.contains("2010,59.2,closing-down-bold-steps#para-2-3-")
            && schools.contains("2014-03,74,"),
        "{schools}"
    );
    let mortality = csv("closing-down-bold-steps", "avoidable-mortality");
    assert!(
        mortality.contains("2009,87.4,") && mortality.contains("2012,75.7,"),
        "{mortality}"
    );
    assert!(
        measure_pages().len() >= 40,
        "only {} measures",
        measure_pages().len()
    );
    for path in measure_pages() {
        let csv_path = site.out().join(path.replace("/index.html", ".csv"));
        let text = std::fs::read_to_string(&csv_path).unwrap();
        for row in text.lines().skip(1) {
            let source = row.split(',').nth(2).unwrap();
            assert!(
                source.contains('#'),
                "{path}: a figure without its paragraph: {row}"
            );
        }
    }
}

#[test]
fn every_chart_has_role_title_description_and_scales() {
    let site = kent();
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
            let labelled = v.attr("aria-labelledby").unwrap();
            for id in labelled.split(' ') {
                assert_eq!(
                    doc.select(&sel(&format!("svg #{id}"))).count(),
                    1,
                    "{path}: {id} missing"
                );
            }
            assert!(
                svg.select(&sel("text")).count() > 3,
                "{path}: the chart's words are not text"
            );
            charts += 1;
        }
    }
    assert!(charts >= 20, "only {charts} charts");
}

#[test]
fn each_table_holds_the_same_figures_as_its_csv_and_its_chart() {
    let site = kent();
    for path in measure_pages() {
        let doc = site.page(path);
        let table: Vec<f64> = doc
            .select(&sel("table.data-table tbody tr td:nth-child(2)"))
            .map(|td| number(&td.text().collect::<String>()))
            .collect();
        let csv_path = site.out().join(path.replace("/index.html", ".csv"));
        let mut reader = csv::Reader::from_path(&csv_path).unwrap();
        let from_csv: Vec<f64> = reader
            .records()
            .map(|r| r.unwrap()[1].parse().unwrap())
            .collect();
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
                table.is_empty(),
                "{path}: {} figures but no chart",
                table.len()
            ),
        }
    }
}

#[test]
fn statuses_follow_from_the_figures_and_targets() {
    let site = kent();
    let mut seen = std::collections::BTreeSet::new();
    for path in measure_pages() {
        let doc = site.page(path);
        let summary = visible_text(doc.select(&sel(".summary-list")).next().unwrap());
        let status: String = doc
            .select(&sel(".summary-list .tag"))
            .next()
            .unwrap()
            .text()
            .collect();
        let target = doc
            .select(&sel(".summary-list__row"))
            .find(|r| {
                r.select(&sel("dt"))
                    .next()
                    .is_some_and(|d| d.text().collect::<String>() == "Target")
            })
            .map(|r| {
                number(
                    r.select(&sel("dd"))
                        .next()
                        .unwrap()
                        .text()
                        .next()
                        .unwrap()
                        .split(" for ")
                        .next()
                        .unwrap(),
                )
            });
        let csv_path = site.out().join(path.replace("/index.html", ".csv"));
        let mut reader = csv::Reader::from_path(&csv_path).unwrap();
        let latest: Option<f64> = reader
            .records()
            .map(|r| r.unwrap()[1].parse().unwrap())
            .last();
        let higher = summary.contains("Higher is better");
        let expected = match (latest, target) {
            (None, _) => "No figures published",
            (Some(_), None) => "No target",
            (Some(v), Some(t)) if (higher && v >= t) || (!higher && v <= t) => "Target met",
            _ => "Target not met",
        };
        assert_eq!(status, expected, "{path}");
        seen.insert(expected);
    }
    assert!(seen.len() >= 3, "only {seen:?} statuses occur");
}

#[test]
fn key_measures_without_figures_say_so_never_zero() {
    let site = kent();
    let doc = site.page("delivering-bold-steps/performance/index.html");
    let none = doc.select(&sel(".tag--no-figures")).count();
    assert!(none > 10, "only {none} measures shown as having no figures");
    for (path, _) in site
        .pages
        .iter()
        .filter(|(p, _)| p.starts_with("delivering-bold-steps/priorities/priority-"))
    {
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
fn a_measure_is_listed_once_on_a_priority_page() {
    let site = kent();
    for (path, _) in site
        .pages
        .iter()
        .filter(|(p, _)| p.contains("/priorities/"))
    {
        let doc = site.page(path);
        let links: Vec<String> = doc
            .select(&sel("ul.figures > li > a"))
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect();
        let unique: std::collections::BTreeSet<_> = links.iter().collect();
        assert_eq!(
            links.len(),
            unique.len(),
            "{path}: a measure is listed twice"
        );
    }
}
