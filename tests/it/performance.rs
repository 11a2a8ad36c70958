//! The performance framework on the performance fixture
//! (`tests/fixtures/performance/`, added to a copy of the minimal fixture):
//! periods as councils write them, in time order and labelled in words;
//! and statuses and directions of travel that equal a hand calculation.
//!
//! The site states its rule (the default): GREEN when a figure reaches the
//! target for its own period, AMBER when it reaches the floor standard (or
//! the target less the tolerance) but not the target, RED otherwise. The
//! direction of travel is a least-squares line through the last figures
//! (at most 6, at least N = 3), each at the last day of its period; it is
//! a trend when |slope / standard error| exceeds the two-sided 5% value of
//! Student's t with N − 2 degrees of freedom (12.706 for 1, 4.303 for 2,
//! 3.182 for 3). By hand, quarters are taken as evenly spaced, a quarter of
//! a year apart; the site, counting days, gets slopes and t within 1% of
//! those worked here.

use std::sync::OnceLock;

use scraper::Html;

use crate::common::{Built, build_copy, copy_dir, fixture_content, root, sel, texts};

/// The minimal fixture with the performance fixture's measures added.
fn site() -> &'static Built {
    static SITE: OnceLock<Built> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&fixture_content(), dir.path());
        copy_dir(
            &root().join("tests/fixtures/performance/corporate-plan-2020"),
            &dir.path().join("strategies/corporate-plan-2020"),
        );
        build_copy(dir.path())
    })
}

fn page(name: &str) -> Html {
    site().page(&format!("corporate-plan-2020/measures/{name}/index.html"))
}

/// The text of a row of a measure's summary list, by its term.
fn fact(page: &Html, term: &str) -> String {
    page.select(&sel(".summary-list__row"))
        .find(|row| {
            row.select(&sel("dt"))
                .any(|dt| dt.text().collect::<String>() == term)
        })
        .map(|row| {
            row.select(&sel("dd"))
                .flat_map(|dd| dd.text())
                .collect::<String>()
        })
        .unwrap_or_else(|| panic!("no `{term}` row"))
}

/// A measure's status, as its page writes it.
fn status(name: &str) -> String {
    texts(&page(name), ".summary-list .tag").remove(0)
}

/// The cells of a measure's table, a row a figure: period, figure, and the
/// columns after them up to the source.
fn table(name: &str) -> Vec<Vec<String>> {
    let page = page(name);
    page.select(&sel("table.data-table tbody tr"))
        .map(|tr| {
            let cells: Vec<String> = tr
                .select(&sel("th, td"))
                .map(|c| c.text().collect())
                .collect();
            let source = cells.len() - 2;
            cells[..source].to_vec()
        })
        .collect()
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

#[test]
fn a_trajectory_judges_each_figure_against_the_target_for_its_own_period() {
    // Household waste recycled, higher is better, targets 45% for 2021/22,
    // 48% for 2022/23 and 50% for 2023/24, floor standard 40%. The latest
    // figure, Q1 2022/23 (April to June 2022), is in 2022/23: 47 < 48 but
    // 47 ≥ 40 → AMBER.
    assert_eq!(
        status("recycling-rate"),
        "AMBER: floor standard achieved, target not"
    );
    // Complaints answered on time, higher is better, targets 90% for
    // 2022/23 and 92% for 2023/24, tolerance 5 (floor 92 − 5 = 87). Q1
    // 2023/24: 93 ≥ 92 → GREEN; the four figures of 2022/23 had 90 to reach.
    assert_eq!(status("complaints-answered"), "GREEN: target achieved");
    assert_eq!(
        table("complaints-answered")
            .iter()
            .map(|r| r[2].as_str())
            .collect::<Vec<_>>(),
        ["90%", "90%", "90%", "90%", "92%"]
    );
    // Days to process a claim, lower is better, target 18 days for 2023/24,
    // floor standard 22. Q3 2023/24: 23.2 > 22 → RED, floor not achieved.
    assert_eq!(
        status("claims-processing"),
        "RED: floor standard not achieved"
    );
    // The rule that gave each status is one click away.
    let link = page("recycling-rate")
        .select(&sel(".summary-list a[href$='#amber']"))
        .count();
    assert_eq!(link, 1);
}

#[test]
fn a_target_whose_period_has_not_come_is_not_yet_due() {
    // New homes: one target, 400 for 2023/24 (from 1 April 2023); the latest
    // figure, Q2 2022/23, ended on 30 September 2022 → not yet due. Two
    // figures are fewer than the N = 3 a direction needs: not calculable.
    assert_eq!(status("new-homes"), "Target not yet due");
    assert_eq!(
        table("new-homes"),
        [
            row(&["Q1 2022/23 (April to June 2022)", "80", "400 (not yet due)"]),
            row(&[
                "Q2 2022/23 (July to September 2022)",
                "95",
                "400 (not yet due)"
            ]),
        ]
    );
    let direction = fact(&page("new-homes"), "Direction of travel");
    assert!(
        direction.starts_with("Not calculable: too few figures (2 published, 3 needed"),
        "{direction}"
    );
}

#[test]
fn a_measure_without_a_target_says_so() {
    // Bins missed: no target, no expected range → no target.
    assert_eq!(status("missed-bins"), "No target");
}

#[test]
fn a_context_indicator_is_judged_against_its_expected_range() {
    // Housing register applications, neither higher nor lower is better,
    // expected 1,200 to 1,500: Q4 2022/23's 1,450 is within it.
    assert_eq!(status("housing-applications"), "Within the expected range");
    // Museum visitors, expected 80,000 to 90,000: Q4 2022/23's 91,000 is above it.
    assert_eq!(status("museum-visitors"), "Outside the expected range");
}

/// The direction of travel a measure's page states, its first words.
fn direction(name: &str) -> String {
    fact(&page(name), "Direction of travel")
}

#[test]
fn directions_of_travel_are_the_regressions_worked_by_hand() {
    // Recycling, N = 5: 41, 43, 44, 46, 47 at quarters x = 0..4. Mean x 2,
    // mean y 44.2; Sxx = 10, Sxy = 15, slope 1.5 a quarter = 6 a year.
    // Residuals −0.2, 0.3, −0.2, 0.3, −0.2: SSE 0.3, s² = 0.3 / 3 = 0.1,
    // se = √(0.1 / 10) = 0.1, t = 15 > 3.182 → improving.
    let d = direction("recycling-rate");
    assert!(
        d.starts_with("Improving, over its last 5 figures: a change of 6.003% a year, t = 14.989 against 3.182"),
        "{d}"
    );
    // Complaints, N = 5: 97, 96.5, 95, 94.5, 93. Mean y 95.2; Sxy = −10,
    // slope −1 a quarter = −4 a year; residuals −0.2, 0.3, −0.2, 0.3, −0.2,
    // se = 0.1, t = −10, |t| > 3.182; falling where higher is better →
    // worsening.
    let d = direction("complaints-answered");
    assert!(
        d.starts_with("Worsening, over its last 5 figures: a change of -4.002% a year, t = -9.997"),
        "{d}"
    );
    // Claims, N = 3: 21, 22, 23.2 days. Mean y 22.067; Sxx = 2, Sxy = 2.2,
    // slope 1.1 a quarter = 4.4 a year; residuals 0.033, −0.067, 0.033,
    // SSE 0.00667, s² = 0.00667 / 1, se = √(0.00667 / 2) = 0.0577,
    // t = 19.05 > 12.706; rising where lower is better → worsening.
    let d = direction("claims-processing");
    assert!(d.starts_with("Worsening, over its last 3 figures: a change of 4.364 days a year, t = 19.053 against 12.706"), "{d}");
    // Bins missed, N = 4: 30, 28, 31, 32. Mean y 30.25; Sxx = 5, Sxy = 4.5,
    // slope 0.9 a quarter; residuals 1.1, −1.8, 0.3, 0.4, SSE 4.7,
    // s² = 2.35, se = √(2.35 / 5) = 0.686, t = 1.31 < 4.303 → no clear trend.
    let d = direction("missed-bins");
    assert!(
        d.starts_with("No clear trend, over its last 4 figures"),
        "{d}"
    );
    assert!(d.contains("t = 1.319 against 4.303"), "{d}");
    // Housing applications, N = 4: 1,300, 1,340, 1,410, 1,450. Mean y 1,375;
    // Sxx = 5, Sxy = 260, slope 52 a quarter = 208 a year; residuals 3,
    // −9, 9, −3, SSE 180, s² = 90, se = √(90 / 5) = 4.24, t = 12.3 > 4.303;
    // neither polarity → rising.
    let d = direction("housing-applications");
    assert!(
        d.starts_with("Rising, over its last 4 figures: a change of 207.705 a year, t = 12.485"),
        "{d}"
    );
    // Museum visitors, N = 4: 88,000, 86,000, 89,000, 91,000. Mean y
    // 88,500; Sxy = 6,000, slope 1,200 a quarter; residuals 1,300, −1,900,
    // −100, 700, SSE 5,800,000, s² = 2,900,000, se = √(2,900,000 / 5) =
    // 762, t = 1.58 < 4.303 → no clear trend.
    let d = direction("museum-visitors");
    assert!(
        d.starts_with("No clear trend, over its last 4 figures"),
        "{d}"
    );
}

#[test]
fn the_tidy_csv_gives_each_measure_the_status_worked_by_hand() {
    let csv = site().text("data/figures.csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let mut statuses = std::collections::BTreeMap::new();
    for r in reader.records() {
        let r = r.unwrap();
        if r[0] == *"corporate-plan-2020" && r[12].is_empty() {
            statuses.insert(r[1].to_string(), r[9].to_string());
        }
    }
    let expected = [
        ("claims-processing", "red"),
        ("complaints-answered", "green"),
        ("housing-applications", "in-range"),
        ("missed-bins", "no-target"),
        ("museum-visitors", "out-of-range"),
        ("new-homes", "not-yet-due"),
        ("recycling-rate", "amber"),
    ];
    assert_eq!(
        statuses,
        expected
            .iter()
            .map(|(m, s)| (m.to_string(), s.to_string()))
            .collect()
    );
    // And it is the measures' CSVs and data/plans.json, comparators included.
    assert_eq!(
        crate::figures::the_tidy_csv_is_the_measures_csvs_and_the_open_data_in(site()),
        // The minimal fixture's 7; recycling 5, bins 4, complaints 5, claims
        // 3, homes 2, housing 4, museum 4; recycling's comparators 5 + 3.
        7 + 5 + 4 + 5 + 3 + 2 + 4 + 4 + (5 + 3)
    );
}

#[test]
fn comparators_are_shown_beside_the_figures_with_their_sources() {
    let page = page("recycling-rate");
    // On the page, each with its source.
    let compared = fact(&page, "Compared with");
    assert!(
        compared.contains("England (figures from Example Borough Corporate Plan, How we will know we are on track, paragraph 3)")
            && compared.contains("Similar councils (figures from"),
        "{compared}"
    );
    // In the table, after the target each figure is judged against; a
    // comparator with no figure for a period leaves its cell empty.
    assert_eq!(
        texts(&page, "table.data-table thead th"),
        [
            "Period",
            "Figure",
            "Target",
            "England",
            "Similar councils",
            "Source",
            "Note"
        ]
    );
    assert_eq!(
        table("recycling-rate"),
        [
            row(&["Q1 2021/22 (April to June 2021)", "41%", "45%", "44%", ""]),
            row(&[
                "Q2 2021/22 (July to September 2021)",
                "43%",
                "45%",
                "44.5%",
                ""
            ]),
            row(&[
                "Q3 2021/22 (October to December 2021)",
                "44%",
                "45%",
                "44%",
                "49%"
            ]),
            row(&[
                "Q4 2021/22 (January to March 2022)",
                "46%",
                "45%",
                "45%",
                "50%"
            ]),
            row(&[
                "Q1 2022/23 (April to June 2022)",
                "47%",
                "48%",
                "45.5%",
                "51%"
            ]),
        ]
    );
    // In the chart: a legend naming each series, and the description.
    let svg = texts(&page, "figure.chart svg text").join("|");
    for name in ["Example Borough Council", "England", "Similar councils"] {
        assert!(svg.contains(name), "{svg}");
    }
    let desc = texts(&page, "figure.chart svg desc").join("");
    assert!(
        desc.contains("Similar councils: 49% in Q3 2021/22 (October to December 2021), 50%"),
        "{desc}"
    );
    // Their lines are dashed and dotted, their markers squares and
    // triangles: never told apart by colour.
    let html = site().html("corporate-plan-2020/measures/recycling-rate/index.html");
    assert!(
        !html[html.find("<svg").unwrap()..].contains("stroke=\"#"),
        "a series has a colour of its own"
    );
    // Similar councils' 51% would reach the target of 48%: comparators
    // never change the status, which stays the measure's own AMBER.
    assert_eq!(
        status("recycling-rate"),
        "AMBER: floor standard achieved, target not"
    );
    // In the measure's own CSV, after its figures.
    let csv = site().text("corporate-plan-2020/measures/recycling-rate.csv");
    assert!(
        csv.starts_with("period,value,source,note,comparator\nQ1 2021/22,41,"),
        "{csv}"
    );
    assert!(
        csv.ends_with("Q1 2022/23,51,https://plans.example.org/plans/corporate-plan-2020/how-we-will-know/#para-3,,Similar councils\n"),
        "{csv}"
    );
}

#[test]
fn quarters_are_in_time_order_and_say_their_months() {
    // Written out of order in the CSV; a financial year's Q1 is April to June.
    assert_eq!(
        texts(&page("recycling-rate"), "table.data-table tbody th"),
        [
            "Q1 2021/22 (April to June 2021)",
            "Q2 2021/22 (July to September 2021)",
            "Q3 2021/22 (October to December 2021)",
            "Q4 2021/22 (January to March 2022)",
            "Q1 2022/23 (April to June 2022)",
        ]
    );
    assert_eq!(
        texts(&page("missed-bins"), "table.data-table tbody th"),
        [
            "2021 Q1 (January to March 2021)",
            "2021 Q2 (April to June 2021)",
            "2021 Q3 (July to September 2021)",
            "2021 Q4 (October to December 2021)",
        ]
    );
    // The download keeps the periods as written, in the same order (its
    // own figures, with no comparator's name in the last column).
    let csv = site().text("corporate-plan-2020/measures/recycling-rate.csv");
    let periods: Vec<&str> = csv
        .lines()
        .skip(1)
        .filter(|l| l.ends_with(','))
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(
        periods,
        [
            "Q1 2021/22",
            "Q2 2021/22",
            "Q3 2021/22",
            "Q4 2021/22",
            "Q1 2022/23"
        ]
    );
    // The chart labels each point with its quarter.
    let svg = texts(&page("recycling-rate"), "figure.chart svg text").join("|");
    assert!(
        svg.contains("Q4 2021/22") && svg.contains("Q1 2022/23"),
        "{svg}"
    );
}

/// Every measure of the fixture that has a chart: its caption is its title
/// alone, which names both drawings; its description states the figures,
/// the targets and the comparators' figures, never how they are drawn; and
/// its table has a column for the target and for each comparator it draws.
#[test]
fn a_chart_s_description_and_table_give_every_series_it_draws() {
    let mut charted = 0;
    for name in [
        "recycling-rate",
        "complaints-answered",
        "claims-processing",
        "new-homes",
        "missed-bins",
        "housing-applications",
        "museum-visitors",
    ] {
        let page = page(name);
        let Some(figure) = page.select(&sel("figure.chart")).next() else {
            continue;
        };
        charted += 1;
        let caption: String = texts(&page, "figure.chart > figcaption").join("");
        assert_eq!(caption, texts(&page, "h1").join(""), "{name}");
        let svgs: Vec<_> = figure.select(&sel("svg")).collect();
        assert_eq!(
            svgs.len(),
            2,
            "{name}: a drawing for phones and one for wider screens"
        );
        let descs = texts(&page, "figure.chart svg > desc");
        assert!(descs.iter().all(|d| d == &descs[0]), "{descs:?}");
        for word in ["dashed", "line", "marker", "outlined", "bar"] {
            assert!(!descs[0].contains(word), "{name}: `{word}` in {}", descs[0]);
        }
        let heads = texts(&page, "table.data-table thead th");
        let drawn = texts(&page, "figure.chart svg text");
        if drawn.iter().any(|t| t.starts_with("Target ")) {
            assert!(heads.contains(&"Target".to_string()), "{name}: {heads:?}");
            assert!(descs[0].contains("Target"), "{name}: {}", descs[0]);
        }
        for c in texts(&page, ".summary-list .plain-list li") {
            let Some((comparator, _)) = c.split_once(" (figures from") else {
                continue;
            };
            assert!(
                drawn.iter().any(|t| t == comparator),
                "{name}: {comparator}"
            );
            assert!(heads.iter().any(|h| h == comparator), "{name}: {heads:?}");
            assert!(
                descs[0].contains(&format!(" {comparator}: ")),
                "{}",
                descs[0]
            );
        }
    }
    assert_eq!(charted, 7);
    // Worked by hand for the household waste recycled: the first and last
    // figures, each target of the trajectory, each comparator's figures.
    let desc = texts(&page("recycling-rate"), "figure.chart svg > desc").remove(0);
    assert_eq!(
        desc,
        "41% in Q1 2021/22 (April to June 2021) to 47% in Q1 2022/23 (April to June 2022), \
         5 figures in all. Target for 2021/22: 45%. Target for 2022/23: 48%. Target for \
         2023/24: 50%. England: 44% in Q1 2021/22 (April to June 2021), 44.5% in Q2 2021/22 \
         (July to September 2021), 44% in Q3 2021/22 (October to December 2021), 45% in Q4 \
         2021/22 (January to March 2022), 45.5% in Q1 2022/23 (April to June 2022). Similar \
         councils: 49% in Q3 2021/22 (October to December 2021), 50% in Q4 2021/22 (January \
         to March 2022), 51% in Q1 2022/23 (April to June 2022)."
    );
}
