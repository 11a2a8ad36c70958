//! Facts and figures cited to published records the site does not hold:
//! listed once in `records.yaml`, named on pages with whose word they are,
//! and carried into the downloads with their addresses.

use crate::common::{edit, fixture_copy, planpress, sel};

const ADDRESS: &str = "https://news.example.org/borough-votes-2016";

const RECORDS: &str = r#"- address: "https://news.example.org/borough-votes-2016"
  title: "Borough plan approved"
  publisher: Example News
  date: "2016-03-10"
  origin: other
"#;

/// The fixture with a record cited for a document's approval and for one figure.
fn with_a_record() -> tempfile::TempDir {
    let dir = fixture_copy();
    let root = dir.path();
    std::fs::write(root.join("content/records.yaml"), RECORDS).unwrap();
    edit(
        root,
        "content/strategies/community-charter-2012/strategy.yaml",
        "status:\n",
        &format!(
            "approved:\n  date: \"2012-02\"\n  by: Full Council\n  vote: {{ for: 30, against: 2 }}\n  source: {{ record: \"{ADDRESS}\" }}\naims:\n  - {{ title: \"A greener borough\", source: {{ record: \"{ADDRESS}\" }} }}\nstatus:\n"
        ),
    );
    edit(
        root,
        "content/strategies/plan-review-2020/measures/homes-completed.csv",
        "2016/17,120,plan-review-2020#para-2-1,",
        &format!("2016/17,120,{ADDRESS},"),
    );
    dir
}

#[test]
fn a_record_is_named_with_its_publisher_date_and_whose_word_it_is() {
    let dir = with_a_record();
    let out = planpress(dir.path(), &["build", "--no-exports"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let public = dir.path().join("public");
    let read = |p: &str| std::fs::read_to_string(public.join(p)).unwrap();

    let page = scraper::Html::parse_document(&read("community-charter-2012/index.html"));
    let approved = page
        .select(&sel(".summary-list__row"))
        .map(|r| r.text().collect::<String>())
        .find(|t| t.starts_with("Approved"))
        .expect("an approval row");
    assert!(approved.contains("by 30 votes to 2"), "{approved}");
    assert!(
        approved
            .contains("Borough plan approved (Example News, 10 March 2016; another organisation"),
        "{approved}"
    );
    let link = page.select(&sel(&format!("a[href=\"{ADDRESS}\"]"))).count();
    assert_eq!(
        link, 2,
        "the approval's and the aim's sources link to the record"
    );
    let aims: Vec<String> = page
        .select(&sel("#aims + ul li"))
        .map(|l| l.text().collect())
        .collect();
    assert!(
        aims.iter().any(|a| a.starts_with("A greener borough")),
        "{aims:?}"
    );

    let csv = read("plan-review-2020/measures/homes-completed.csv");
    assert!(csv.contains(&format!("2016/17,120,{ADDRESS},")), "{csv}");
    let data: serde_json::Value = serde_json::from_str(&read("data/plans.json")).unwrap();
    let text = data.to_string();
    assert!(
        text.contains(&format!(r#"{{"origin":"other","publisher":"Example News","title":"Borough plan approved","url":"{ADDRESS}"}}"#)),
        "the open data names the record"
    );
}

#[test]
fn a_cited_record_must_be_listed_and_a_listed_one_cited() {
    let dir = with_a_record();
    let root = dir.path();
    edit(
        root,
        "content/records.yaml",
        "borough-votes-2016",
        "borough-votes-2017",
    );
    let out = planpress(root, &["check", "--strict"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    // Three citations name the old address; the new one is cited nowhere.
    assert_eq!(
        err.matches("is not listed in content/records.yaml").count(),
        3,
        "{err}"
    );
    assert_eq!(err.matches("is cited nowhere").count(), 1, "{err}");
    assert!(err.contains("did you mean"), "{err}");
}
