//! The performance framework on the performance fixture
//! (`tests/fixtures/performance/`, added to a copy of the minimal fixture):
//! periods as councils write them, in time order and labelled in words.

use std::sync::OnceLock;

use crate::common::{Built, build_copy, copy_dir, fixture_content, root, texts};

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

fn page(name: &str) -> scraper::Html {
    site().page(&format!("corporate-plan-2020/measures/{name}/index.html"))
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
    // The download keeps the periods as written, in the same order.
    let csv = site().text("corporate-plan-2020/measures/recycling-rate.csv");
    let periods: Vec<&str> = csv
        .lines()
        .skip(1)
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
