//! The vocabularies councils differ on are data: a site adds a unit or a
//! document kind in `content/vocabulary.yaml`, in its own words, and every
//! page, chart, table and data file uses them.

use crate::common::{Built, build_copy, copy_dir, edit, fixture_content, kent, page_text};

const VOCABULARY: &str = "\
units:
  per-1000:
    name: Rate per 1,000 households
    value: \"{n} per 1,000\"
    minimum: 0
    decimals: 1
kinds:
  corporate-plan:
    name: Corporate plan
";

/// The fixture with a unit and a kind of its own, in use.
fn site() -> Built {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&fixture_content(), &content);
    std::fs::write(content.join("vocabulary.yaml"), VOCABULARY).unwrap();
    let root = dir.path();
    let measure = "content/strategies/plan-review-2020/measures/missed-collections";
    edit(
        root,
        &format!("{measure}.yaml"),
        "unit: rate-per-100000",
        "unit: per-1000",
    );
    edit(root, &format!("{measure}.csv"), "2016,52,", "2016,5.25,");
    edit(
        root,
        "content/strategies/corporate-plan-2020/strategy.yaml",
        "kind: strategy",
        "kind: corporate-plan",
    );
    build_copy(&content)
}

#[test]
fn a_site_s_own_unit_and_kind_are_used_in_its_words_everywhere() {
    let site = site();
    let page = "plan-review-2020/measures/missed-collections/index.html";
    let text = page_text(&site, page);
    // The figure with the unit's decimals and pattern, the target too.
    assert!(text.contains("5.3 per 1,000"), "{text}");
    assert!(text.contains("20 per 1,000"), "{text}");
    assert!(text.contains("Rate per 1,000 households"), "{text}");
    // The chart's axis is titled with the unit's name.
    let html = site.html(page);
    let svg = &html[html.find("<svg").expect("a chart")..];
    assert!(svg.contains("Rate per 1,000 households"));

    let landing = page_text(&site, "corporate-plan-2020/index.html");
    assert!(landing.contains("Corporate plan"), "{landing}");

    let data: serde_json::Value = serde_json::from_str(site.text("data/plans.json")).unwrap();
    let doc = data["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["slug"] == "corporate-plan-2020")
        .unwrap();
    assert_eq!(doc["kind"], "corporate-plan");
    let term = |list: &str, key: &str| {
        data[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["key"] == key)
            .map(|t| t["name"].as_str().unwrap().to_string())
    };
    assert_eq!(
        term("kinds", "corporate-plan").as_deref(),
        Some("Corporate plan")
    );
    assert_eq!(
        term("units", "per-1000").as_deref(),
        Some("Rate per 1,000 households")
    );
    // The built-in ones are still listed, in the locale's words.
    assert!(term("units", "percent").is_some());
    let figures = site.text("data/figures.csv");
    assert!(figures.contains(",per-1000,"), "{figures}");
}

/// `financial_year_starts` moves every financial year and its quarters.
#[test]
fn the_financial_year_starts_in_the_month_site_yaml_gives() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&fixture_content(), &content);
    let root = dir.path();
    let site_yaml = std::fs::read_to_string(content.join("site.yaml")).unwrap();
    std::fs::write(
        content.join("site.yaml"),
        format!("{site_yaml}financial_year_starts: 7\n"),
    )
    .unwrap();
    let csv = "content/strategies/plan-review-2020/measures/missed-collections.csv";
    edit(root, csv, "2019,21,", "Q1 2019/20,21,");
    let site = build_copy(&content);
    let text = page_text(
        &site,
        "plan-review-2020/measures/missed-collections/index.html",
    );
    assert!(
        text.contains("Q1 2019/20 (July to September 2019)"),
        "{text}"
    );
}

/// On Kent's site, with the built-in vocabulary alone, the open data names
/// each document's kind and each measure's unit by a key it lists, with the
/// name a reader sees on the pages.
#[test]
fn kent_s_open_data_lists_every_kind_and_unit_its_documents_use() {
    let site = kent();
    let data: serde_json::Value = serde_json::from_str(site.text("data/plans.json")).unwrap();
    let named = |list: &str, key: &str| {
        data[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["key"] == key)
            .and_then(|t| t["name"].as_str().map(str::to_string))
            .unwrap_or_else(|| panic!("`{key}` is not among the {list}"))
    };
    let mut units = 0;
    for doc in data["documents"].as_array().unwrap() {
        let slug = doc["slug"].as_str().unwrap();
        let kind = named("kinds", doc["kind"].as_str().unwrap());
        let landing = page_text(site, &format!("{slug}/index.html"));
        assert!(
            landing.contains(&kind),
            "{slug}: its page does not say `{kind}`"
        );
        for m in doc["measures"].as_array().unwrap() {
            let unit = named("units", m["unit"].as_str().unwrap());
            let id = m["id"].as_str().unwrap();
            let page = page_text(site, &format!("{slug}/measures/{id}/index.html"));
            assert!(
                page.contains(&unit),
                "{slug}/{id}: its page does not say `{unit}`"
            );
            units += 1;
        }
    }
    assert!(units > 40, "only {units} measures were checked");
}
