//! "What changed": builds of a fixture copy, one after another into the same
//! folder, each `--as-of` a given day; the change log each publishes (its
//! page, its data, the feed, the measures' pages) against what was edited.

use std::collections::BTreeMap;
use std::path::Path;

use scraper::Html;

use crate::common::{edit, files, fixture_copy, planpress, sel, squash, stderr, texts};

type Files = BTreeMap<String, Vec<u8>>;

/// `planpress build --as-of DAY` into `ROOT/public`; every file it holds after.
fn build(root: &Path, day: &str) -> Files {
    let o = planpress(root, &["build", "--no-exports", "--as-of", day]);
    assert!(o.status.success(), "{}", stderr(&o));
    built(root)
}

fn text<'a>(site: &'a Files, path: &str) -> &'a str {
    std::str::from_utf8(&site[path]).unwrap()
}

fn page(site: &Files, path: &str) -> Html {
    Html::parse_document(text(site, path))
}

/// The text of each element `selector` picks in `el`, spaces squashed.
fn texts_of(el: scraper::ElementRef, selector: &str) -> Vec<String> {
    el.select(&sel(selector))
        .map(|e| squash(&e.text().collect::<String>()))
        .collect()
}

fn log(site: &Files) -> serde_json::Value {
    serde_json::from_str(text(site, "data/changes.json")).unwrap()
}

/// The feed's entries as (id, updated, title, summary), and its own date.
fn feed(site: &Files) -> (Vec<[String; 4]>, String) {
    let doc = roxmltree::Document::parse(text(site, "feed.xml")).unwrap();
    let child = |n: roxmltree::Node, name: &str| {
        n.children()
            .find(|c| c.has_tag_name(name))
            .and_then(|c| c.text())
            .unwrap_or_default()
            .to_string()
    };
    let entries = doc
        .root_element()
        .children()
        .filter(|c| c.has_tag_name("entry"))
        .map(|e| ["id", "updated", "title", "summary"].map(|f| child(e, f)))
        .collect();
    (entries, child(doc.root_element(), "updated"))
}

const HOMES: &str = "content/strategies/plan-review-2020/measures/homes-completed.csv";
const PARKS: &str = "content/strategies/plan-review-2020/measures/parks-satisfaction.csv";
const HOMES_PAGE: &str = "plan-review-2020/measures/homes-completed/index.html";
const BINS_PAGE: &str = "plan-review-2020/measures/missed-collections/index.html";

#[test]
fn a_build_into_an_empty_folder_has_no_entry() {
    let dir = fixture_copy();
    let site = build(dir.path(), "2026-01-10");
    assert_eq!(log(&site), serde_json::json!({ "entries": [] }));
    let doc = page(&site, "changes/index.html");
    assert_eq!(
        texts(&doc, "main p").last().map(|t| squash(t)).as_deref(),
        Some("No update of this site has changed its plans or figures yet.")
    );
    assert!(doc.select(&sel("main h2")).next().is_none());
    let (entries, _) = feed(&site);
    assert!(
        entries.iter().all(|[id, ..]| !id.contains("/changes/")),
        "{entries:?}"
    );
    assert!(!text(&site, HOMES_PAGE).contains("last updated"));
    // Linked from every page's footer.
    let footer = texts(&page(&site, "index.html"), "footer a");
    assert!(footer.contains(&"What changed".to_string()), "{footer:?}");
}

/// Two builds with figures added, revised and removed between them; then
/// a third with nothing changed; then a fourth that is dated before the
/// log's newest entry, which is refused.
#[test]
fn the_change_log_lists_what_changed_between_builds_and_nothing_else() {
    let dir = fixture_copy();
    let root = dir.path();
    build(root, "2026-01-10");
    edit(root, HOMES, "2019/20,210,", "2019/20,215,");
    edit(
        root,
        HOMES,
        "2019/20,215,plan-review-2020#para-2-1,\n",
        "2019/20,215,plan-review-2020#para-2-1,\n2020/21,230,plan-review-2020#para-2-1,\n",
    );
    edit(root, PARKS, "2017,71,plan-review-2020#para-2-4,\n", "");
    let second = build(root, "2026-02-03");

    // The data: one entry, dated, with exactly those differences.
    let data = log(&second);
    let schema: serde_json::Value =
        serde_json::from_str(text(&second, "data/changes.schema.json")).unwrap();
    assert!(jsonschema::validator_for(&schema).unwrap().is_valid(&data));
    assert_eq!(
        data,
        serde_json::json!({ "entries": [{
            "changes": {
                "commitments": [],
                "documents": [],
                "measures": [
                    { "change": { "added": [{ "period": "2020/21", "value": 230.0 }], "kind": "figures", "removed": [],
                                  "revised": [{ "from": 210.0, "period": "2019/20", "to": 215.0 }] },
                      "document": "plan-review-2020", "id": "homes-completed", "title": "New homes completed", "unit": "count" },
                    { "change": { "added": [], "kind": "figures", "removed": [{ "period": "2017", "value": 71.0 }], "revised": [] },
                      "document": "plan-review-2020", "id": "parks-satisfaction", "title": "Residents satisfied with parks", "unit": "percent" }
                ]
            },
            "date": "2026-02-03",
            "number": 1
        }] })
    );

    // The page: the entry, its measures linked to their pages, old → new
    // figures in their units.
    let doc = page(&second, "changes/index.html");
    let entry = doc.select(&sel("#change-1")).next().expect("the entry");
    assert_eq!(
        squash(
            &entry
                .select(&sel("h2"))
                .next()
                .unwrap()
                .text()
                .collect::<String>()
        ),
        "Update of 3 February 2026"
    );
    assert_eq!(
        entry
            .select(&sel("h2 time"))
            .next()
            .unwrap()
            .attr("datetime"),
        Some("2026-02-03")
    );
    let headings: Vec<String> = entry
        .select(&sel("h3"))
        .map(|h| h.text().collect())
        .collect();
    assert_eq!(headings, ["Measures and figures"]);
    let measures: Vec<(String, String)> = entry
        .select(&sel("h3 + ul > li > a"))
        .map(|a| (a.text().collect(), a.attr("href").unwrap().to_string()))
        .collect();
    assert_eq!(
        measures,
        [
            (
                "New homes completed".to_string(),
                "/plans/plan-review-2020/measures/homes-completed/".to_string()
            ),
            (
                "Residents satisfied with parks".to_string(),
                "/plans/plan-review-2020/measures/parks-satisfaction/".to_string()
            ),
        ]
    );
    let figures: Vec<String> = entry
        .select(&sel("ul li ul > li"))
        .map(|li| squash(&li.text().collect::<String>()))
        .collect();
    assert_eq!(
        figures,
        [
            "New figure for 2020/21: 230",
            "Figure for 2019/20 revised: 210 →, changed to 215",
            "Figure for 2017 withdrawn: it was 71%",
        ]
    );

    // The feed: the entry, and the feed's date is its newest entry's.
    let (entries, updated) = feed(&second);
    let [id, day, title, summary] = entries
        .iter()
        .find(|[id, ..]| id.ends_with("/plans/changes/#change-1"))
        .unwrap_or_else(|| panic!("{entries:?}"));
    assert_eq!(
        (day.as_str(), title.as_str()),
        ("2026-02-03T00:00:00Z", "What changed on 3 February 2026")
    );
    assert_eq!(id, &entries[0][0], "the newest entry comes first");
    assert_eq!(updated, "2026-02-03T00:00:00Z");
    assert_eq!(
        squash(summary),
        "New homes completed: 1 new figure, 1 revised. \
         Residents satisfied with parks: 1 withdrawn. The change log lists every change."
    );

    // Each measure's page says when its figures last changed, if they did.
    let homes = page(&second, HOMES_PAGE);
    let updated: Vec<String> = homes
        .select(&sel(".summary-list__row"))
        .filter(|row| texts_of(*row, "dt") == ["Figures last updated"])
        .flat_map(|row| texts_of(row, "dd"))
        .collect();
    assert_eq!(updated, ["3 February 2026 (what changed)"]);
    let link = homes.select(&sel("a[href$='#change-1']")).next();
    assert_eq!(link.unwrap().attr("href"), Some("/plans/changes/#change-1"));
    assert!(!text(&second, BINS_PAGE).contains("last updated"));

    // Built again with nothing changed, a later day: the same site.
    let third = build(root, "2026-03-01");
    assert_eq!(
        third.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    let differ: Vec<&String> = third.keys().filter(|k| third[*k] != second[*k]).collect();
    assert!(differ.is_empty(), "an unchanged rebuild changed {differ:?}");

    // A change dated before the log's newest entry is refused, and the
    // site stays as it was.
    edit(root, HOMES, "2020/21,230,", "2020/21,231,");
    let o = planpress(root, &["build", "--no-exports", "--as-of", "2026-01-31"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("--as-of 2026-02-03"), "{}", stderr(&o));
    assert_eq!(log(&built(root)), data);
}

/// The files of `ROOT/public` as they are.
fn built(root: &Path) -> Files {
    let out = root.join("public");
    files(&out)
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(&p).unwrap())
        })
        .collect()
}

/// Documents and commitments: a state changed, what became of a
/// commitment changed; the entries accumulate, newest first, and a
/// measure's page keeps the date of the last entry that touched it.
#[test]
fn a_change_of_state_and_of_outcome_is_a_new_entry_above_the_last() {
    let dir = fixture_copy();
    let root = dir.path();
    build(root, "2026-01-10");
    edit(root, HOMES, "2019/20,210,", "2019/20,211,");
    build(root, "2026-02-03");
    edit(
        root,
        "content/strategies/borough-plan-2016/plan.yaml",
        "status: partly-delivered",
        "status: delivered",
    );
    edit(
        root,
        "content/strategies/plan-review-2020/strategy.yaml",
        "state: published",
        "state: superseded",
    );
    let site = build(root, "2026-02-03");
    let data = log(&site);
    let numbers: Vec<&serde_json::Value> = data["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["number"])
        .collect();
    assert_eq!(numbers, [2, 1]);
    let newest = &data["entries"][0]["changes"];
    assert_eq!(newest["measures"], serde_json::json!([]));
    assert_eq!(
        newest["documents"],
        serde_json::json!([{ "change": { "from": "published", "kind": "status", "to": "superseded" },
                              "slug": "plan-review-2020", "title": "Review of the Borough Plan 2016" }])
    );
    assert_eq!(
        newest["commitments"],
        serde_json::json!([{ "document": "borough-plan-2016", "id": "theme-homes-1", "priority": "theme-homes",
                              "title": "We will build 800 new homes by 2020.",
                              "fields": [{ "field": "outcome/status", "from": "partly-delivered", "to": "delivered" }] }])
    );
    let doc = page(&site, "changes/index.html");
    let ids: Vec<&str> = doc
        .select(&sel("main li[id]"))
        .map(|li| li.attr("id").unwrap())
        .collect();
    assert_eq!(ids, ["change-2", "change-1"]);
    let entry = doc.select(&sel("#change-2")).next().unwrap();
    let lines: Vec<String> = entry
        .select(&sel("h3 + ul > li"))
        .map(|li| squash(&li.text().collect::<String>()))
        .collect();
    assert_eq!(
        lines,
        [
            "Review of the Borough Plan 2016: status Published →, changed to Superseded",
            "We will build 800 new homes by 2020. (Borough Plan 2016): what became of it, \
             Partly delivered →, changed to Delivered",
        ]
    );
    let commitment = entry.select(&sel("a[href*='theme-homes']")).next().unwrap();
    assert_eq!(
        commitment.attr("href"),
        Some("/plans/borough-plan-2016/priorities/theme-homes/#theme-homes-1")
    );
    // The figures last changed in the first entry.
    let homes = page(&site, HOMES_PAGE);
    let link = homes.select(&sel("a[href$='#change-1']")).next();
    assert!(link.is_some(), "{}", text(&site, HOMES_PAGE));
}

/// `check` and the preview build in memory: they compare with nothing and
/// show no log, even beside a build whose figures differ.
#[test]
fn a_build_in_memory_adds_no_entry() {
    let dir = fixture_copy();
    let root = dir.path();
    build(root, "2026-01-10");
    edit(root, HOMES, "2019/20,210,", "2019/20,215,");
    let mut project = planpress::Project::new(root);
    project.exports = false;
    project.as_of = "2026-02-03".parse().unwrap();
    let (_, output) = planpress::generate(&project).unwrap();
    let data: serde_json::Value = serde_json::from_slice(&output["data/changes.json"]).unwrap();
    assert_eq!(data, serde_json::json!({ "entries": [] }));
}
