//! The figures as open data for spreadsheet users: the tidy CSV of every
//! figure validates against its CSV on the Web metadata, its rows are those
//! of the measures' CSVs and of `data/plans.json`, the workbook holds the
//! same rows, and the licence the site states is in every file.

use std::collections::BTreeSet;

use calamine::{Data, Reader, Xlsx};
use serde_json::{Value, json};

use crate::common::{Built, build_copy, fixture, fixture_copy, kent, texts};

const TIDY: &str = "data/figures.csv";
const MEASURES: &str = "data/measures.csv";
const WORKBOOK: &str = "data/figures.xlsx";

fn json_file(site: &Built, path: &str) -> Value {
    serde_json::from_str(site.text(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A CSV's header and rows, as text, the spreadsheet quoting of text that
/// looks like a formula taken off.
fn read_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(unquote).collect())
        .collect();
    (header, rows)
}

fn unquote(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_string(),
        _ => cell.to_string(),
    }
}

/// Checks every row of the CSV at `csv_path` against the CSVW metadata
/// beside it: the table it names, the header (each column's `titles`),
/// each cell against its column's datatype and `required`, and the primary
/// key's uniqueness. Returns the rows.
fn validate_against_metadata(site: &Built, csv_path: &str) -> Vec<Vec<String>> {
    let metadata = json_file(site, &format!("{csv_path}-metadata.json"));
    assert_eq!(metadata["@context"][0], "http://www.w3.org/ns/csvw");
    let file = csv_path.rsplit('/').next().unwrap();
    assert_eq!(
        metadata["url"], file,
        "{csv_path}: the metadata names another table"
    );
    assert_eq!(metadata["dialect"]["header"], true);
    let columns = metadata["tableSchema"]["columns"].as_array().unwrap();
    let (header, rows) = read_csv(site.text(csv_path));
    let titles: Vec<&str> = columns
        .iter()
        .map(|c| c["titles"].as_str().unwrap())
        .collect();
    assert_eq!(
        header, titles,
        "{csv_path}: the header is not the columns' titles"
    );
    let names: Vec<&str> = columns
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    for (n, row) in rows.iter().enumerate() {
        assert_eq!(
            row.len(),
            columns.len(),
            "{csv_path}: row {n} has another number of cells"
        );
        for (cell, column) in row.iter().zip(columns) {
            let at = format!("{csv_path}, row {}, column {}", n + 2, column["name"]);
            assert!(
                column["dc:description"]
                    .as_str()
                    .is_some_and(|d| !d.is_empty()),
                "{at}: no description"
            );
            if cell.is_empty() {
                assert_eq!(column["required"], false, "{at}: a required cell is empty");
                continue;
            }
            let datatype = &column["datatype"];
            let base_type = datatype.get("base").unwrap_or(datatype).as_str().unwrap();
            match base_type {
                "number" => assert!(
                    cell.parse::<f64>().is_ok(),
                    "{at}: `{cell}` is not a number"
                ),
                // A paragraph of the site, or a published record elsewhere.
                "anyURI" => assert!(
                    cell.starts_with("https://") || cell.starts_with("http://"),
                    "{at}: `{cell}` is not a full web address"
                ),
                "string" => {}
                other => panic!("{at}: a datatype the test does not know: {other}"),
            }
            if let Some(format) = datatype.get("format") {
                let schema = json!({ "type": "string", "pattern": format });
                let check = jsonschema::validator_for(&schema).unwrap();
                assert!(
                    check.is_valid(&json!(cell)),
                    "{at}: `{cell}` does not match {format}"
                );
            }
        }
    }
    let key: Vec<usize> = metadata["tableSchema"]["primaryKey"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| names.iter().position(|n| k == n).unwrap())
        .collect();
    let keys: BTreeSet<Vec<&String>> = rows
        .iter()
        .map(|r| key.iter().map(|&i| &r[i]).collect())
        .collect();
    assert_eq!(
        keys.len(),
        rows.len(),
        "{csv_path}: two rows share a primary key"
    );
    rows
}

/// A number of the open data as the CSV writes it.
fn number(v: &Value) -> String {
    let n = v.as_f64().unwrap();
    if n.fract() == 0.0 {
        format!("{n:.0}")
    } else {
        n.to_string()
    }
}

fn or_empty(v: &Value) -> String {
    v.as_str().map(String::from).unwrap_or_default()
}

/// The tidy rows `data/plans.json` implies, a measure at a time, in its
/// documents' and measures' order, each measure's figures by period (the
/// order of its CSV); and the CSV files of the measures with figures.
fn rows_from_open_data(site: &Built) -> (Vec<Vec<String>>, BTreeSet<String>) {
    let data = json_file(site, "data/plans.json");
    let (mut rows, mut files) = (Vec::new(), BTreeSet::new());
    for doc in data["documents"].as_array().unwrap() {
        for m in doc["measures"].as_array().unwrap() {
            let figures = m["observations"].as_array().unwrap();
            if figures.is_empty() {
                continue;
            }
            let csv = m["csv"].as_str().unwrap();
            files.insert(
                csv.strip_prefix(site.content.site.base_url.as_str())
                    .unwrap()
                    .to_string(),
            );
            let measure = site
                .content
                .strategies
                .iter()
                .find(|s| s.slug == doc["slug"])
                .and_then(|s| s.measures.iter().find(|ms| ms.id == m["id"]))
                .unwrap();
            for o in figures {
                let (target, target_period) = target_of_figure(measure, &o["period"]);
                rows.push(vec![
                    or_empty(&doc["slug"]),
                    or_empty(&m["id"]),
                    or_empty(&m["title"]),
                    or_empty(&m["unit"]),
                    or_empty(&m["better"]),
                    or_empty(&o["period"]),
                    number(&o["value"]),
                    target,
                    target_period,
                    or_empty(&m["status"]["name"]),
                    or_empty(&o["source"]["url"]),
                    or_empty(&o["note"]),
                    String::new(),
                ]);
            }
            // Each comparator's figures: no target or status of their own.
            for c in m["comparators"].as_array().unwrap() {
                for f in c["figures"].as_array().unwrap() {
                    let mut row: Vec<String> = [
                        &doc["slug"],
                        &m["id"],
                        &m["title"],
                        &m["unit"],
                        &m["better"],
                        &f["period"],
                    ]
                    .into_iter()
                    .map(or_empty)
                    .collect();
                    row.extend([
                        number(&f["value"]),
                        String::new(),
                        String::new(),
                        String::new(),
                    ]);
                    row.extend([
                        or_empty(&c["source"]["url"]),
                        String::new(),
                        or_empty(&c["name"]),
                    ]);
                    rows.push(row);
                }
            }
        }
    }
    (rows, files)
}

pub fn the_tidy_csv_is_the_measures_csvs_and_the_open_data_in(site: &Built) -> usize {
    let tidy = validate_against_metadata(site, TIDY);
    let (expected, files) = rows_from_open_data(site);
    // The open data lists figures in the order they are written; each CSV
    // by period. The same rows, a measure at a time, in the same order.
    let sort = |mut rows: Vec<Vec<String>>| {
        rows.sort();
        rows
    };
    assert_eq!(
        sort(tidy.clone()),
        sort(expected),
        "the tidy CSV and data/plans.json differ"
    );
    let published: BTreeSet<String> = site
        .files
        .keys()
        .filter(|k| k.contains("/measures/") && k.ends_with(".csv"))
        .cloned()
        .collect();
    assert_eq!(
        published, files,
        "a CSV for each measure with figures, and no other"
    );
    let mut from_measures = Vec::new();
    for file in &published {
        let (doc, id) = file.split_once("/measures/").unwrap();
        let id = id.trim_end_matches(".csv");
        for mut row in validate_against_metadata(site, file) {
            // A measure without comparators has no `comparator` column.
            row.resize(5, String::new());
            from_measures.push((doc.to_string(), id.to_string(), row));
        }
    }
    let mut from_tidy: Vec<_> = tidy
        .iter()
        .map(|r| {
            (
                r[0].clone(),
                r[1].clone(),
                vec![
                    r[5].clone(),
                    r[6].clone(),
                    r[10].clone(),
                    r[11].clone(),
                    r[12].clone(),
                ],
            )
        })
        .collect();
    from_tidy.sort();
    from_measures.sort();
    assert_eq!(
        from_tidy, from_measures,
        "the tidy CSV and the measures' CSVs differ"
    );
    tidy.len()
}

#[test]
fn the_tidy_csv_is_the_measures_csvs_and_the_open_data() {
    let site = fixture();
    assert_eq!(
        the_tidy_csv_is_the_measures_csvs_and_the_open_data_in(site),
        7
    );
    // Worked by hand from the fixture: a source as a full address.
    assert!(site.text(TIDY).contains(
        "plan-review-2020,parks-satisfaction,Residents satisfied with parks,percent,higher,2019,68.5,,,no-target,\
         https://plans.example.org/plans/plan-review-2020/what-we-achieved/#para-2-4,residents' survey,\n"
    ));
}

#[test]
fn the_kent_tidy_csv_is_the_measures_csvs_and_the_open_data() {
    assert!(the_tidy_csv_is_the_measures_csvs_and_the_open_data_in(kent()) >= 80);
}

/// The table of measures: one row for each measure of `data/plans.json`,
/// with its figures counted and its latest, and the addresses of its page
/// and, when it has figures, its CSV.
fn the_measures_csv_is_the_open_datas_measures_in(site: &Built) -> usize {
    let rows = validate_against_metadata(site, MEASURES);
    let (_, tidy) = read_csv(site.text(TIDY));
    let data = json_file(site, "data/plans.json");
    let base = site.content.site.base_url.as_str();
    let mut expected = Vec::new();
    for doc in data["documents"].as_array().unwrap() {
        for m in doc["measures"].as_array().unwrap() {
            let figures = m["observations"].as_array().unwrap();
            // The latest: the last of the measure's own rows in the tidy
            // CSV, which lists each measure's figures by period (and its
            // comparators' after them), of a period stated (a figure whose
            // period is not stated is no one's latest).
            let latest = tidy.iter().rfind(|r| {
                r[0] == doc["slug"] && r[1] == m["id"] && r[12].is_empty() && r[5] != "not stated"
            });
            // The target the latest figure is judged against, with its
            // period; with no figure, the first.
            let judged = &m["status"]["target"];
            let targets = m["targets"].as_array().unwrap();
            let (target, target_period) = targets
                .iter()
                .find(|t| t["value"] == *judged)
                .or(targets.first().filter(|_| judged.is_null()))
                .map_or((String::new(), String::new()), |t| {
                    (number(&t["value"]), or_empty(&t["period"]))
                });
            let slug = or_empty(&doc["slug"]);
            let id = or_empty(&m["id"]);
            expected.push(vec![
                slug.clone(),
                id.clone(),
                or_empty(&m["title"]),
                or_empty(&m["unit"]),
                or_empty(&m["better"]),
                target,
                target_period,
                or_empty(&m["status"]["name"]),
                figures.len().to_string(),
                latest.map(|r| r[5].clone()).unwrap_or_default(),
                latest.map(|r| r[6].clone()).unwrap_or_default(),
                format!("{base}{slug}/measures/{id}/"),
                or_empty(&m["csv"]),
            ]);
        }
    }
    assert_eq!(
        rows, expected,
        "the measures' CSV and data/plans.json differ"
    );
    rows.len()
}

#[test]
fn the_measures_csv_is_the_open_datas_measures() {
    let site = fixture();
    assert_eq!(the_measures_csv_is_the_open_datas_measures_in(site), 5);
    // By hand: a measure with no figures has a row, with none counted and no CSV.
    assert!(site.text(MEASURES).contains(
        "corporate-plan-2020,leisure-centre-visits,Visits to the borough's leisure centres,count,higher,\
         500000,2023/24,no-figures,0,,,https://plans.example.org/plans/corporate-plan-2020/measures/leisure-centre-visits/,\n"
    ));
}

#[test]
fn the_kent_measures_csv_is_the_open_datas_measures() {
    assert!(the_measures_csv_is_the_open_datas_measures_in(kent()) >= 80);
}

/// The workbook's sheets: each as rows of text, numbers as the CSV writes them.
fn sheets(bytes: &[u8]) -> Vec<(String, Vec<Vec<String>>)> {
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let rows = range
                .rows()
                .map(|row| {
                    row.iter()
                        .map(|c| match c {
                            Data::Empty => String::new(),
                            Data::String(s) => s.clone(),
                            Data::Float(f) => number(&json!(f)),
                            Data::Int(i) => i.to_string(),
                            other => panic!("an unexpected cell {other:?}"),
                        })
                        .collect()
                })
                .collect();
            (name, rows)
        })
        .collect()
}

/// The workbook's first sheets are the tidy CSV and the CSV of measures,
/// header and rows.
fn the_workbook_holds_the_tidy_rows_in(site: &Built) -> Vec<(String, Vec<Vec<String>>)> {
    let book = sheets(&site.files[WORKBOOK]);
    for (n, csv) in [TIDY, MEASURES].into_iter().enumerate() {
        let (header, rows) = read_csv(site.text(csv));
        let (_, sheet) = &book[n];
        assert_eq!(sheet[0], header);
        assert_eq!(sheet[1..], rows[..], "the workbook's rows are not {csv}'s");
    }
    book
}

#[test]
fn the_workbook_holds_the_tidy_rows_and_what_each_column_holds() {
    let site = fixture();
    let book = the_workbook_holds_the_tidy_rows_in(site);
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Figures", "Measures", "About these figures"]);
    let about = &book[2].1;
    let said: Vec<&str> = about.iter().flatten().map(String::as_str).collect();
    assert!(
        said.contains(&"No licence is stated for these figures."),
        "{said:?}"
    );
    let columns = [TIDY, MEASURES].map(|csv| json_file(site, &format!("{csv}-metadata.json")));
    for column in columns
        .iter()
        .flat_map(|m| m["tableSchema"]["columns"].as_array().unwrap())
    {
        let row = [
            or_empty(&column["name"]),
            or_empty(&column["dc:description"]),
        ];
        assert!(
            about.iter().any(|r| r[..2] == row),
            "the about sheet lacks {row:?}"
        );
    }
}

#[test]
fn the_kent_workbook_holds_the_tidy_rows() {
    the_workbook_holds_the_tidy_rows_in(kent());
}

/// The workbook's creation date is fixed: a build a second later makes
/// the same bytes.
#[test]
fn the_workbook_is_the_same_from_one_build_to_the_next() {
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let again = build_copy(&crate::common::fixture_content());
    assert!(again.files[WORKBOOK] == fixture().files[WORKBOOK]);
}

#[test]
fn without_a_licence_the_data_page_says_none_is_stated() {
    let site = fixture();
    let page = texts(&site.page("data/index.html"), "main").join(" ");
    assert!(
        page.contains("No licence is stated for this data"),
        "{page}"
    );
    assert!(json_file(site, "data/plans.json")["licence"].is_null());
    assert!(
        json_file(site, "data/figures.csv-metadata.json")
            .get("dc:license")
            .is_none()
    );
}

#[test]
fn the_licence_the_site_states_is_on_the_data_page_and_in_every_file() {
    let dir = fixture_copy();
    let url = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/";
    let name = "Open Government Licence v3.0";
    let site_yaml = dir.path().join("content/site.yaml");
    let mut text = std::fs::read_to_string(&site_yaml).unwrap();
    text.push_str(&format!("licence: {{ name: {name}, url: \"{url}\" }}\n"));
    std::fs::write(&site_yaml, text).unwrap();
    let site = build_copy(&dir.path().join("content"));
    let page = site.page("data/index.html");
    let link = page
        .select(&crate::common::sel("main a[rel=license]"))
        .next()
        .unwrap();
    assert_eq!(link.value().attr("href"), Some(url));
    assert_eq!(link.text().collect::<String>(), name);
    assert_eq!(
        json_file(&site, "data/plans.json")["licence"],
        json!({ "name": name, "url": url })
    );
    for file in site
        .files
        .keys()
        .filter(|k| k.ends_with(".csv-metadata.json"))
    {
        let licence = &json_file(&site, file)["dc:license"];
        assert_eq!(licence, &json!({ "@id": url, "dc:title": name }), "{file}");
    }
    let book = sheets(&site.files[WORKBOOK]);
    let said: Vec<&str> = book[2].1.iter().flatten().map(String::as_str).collect();
    assert!(said.contains(&name) && said.contains(&url), "{said:?}");
}

/// The target a figure of `m` is judged against, with its period, as the
/// content model works it out: its only one, or in a trajectory the one for
/// the figure's own period (`tests/it/performance.rs` checks the rule).
fn target_of_figure(m: &planpress::model::Measure, period: &Value) -> (String, String) {
    let o = m
        .observations
        .iter()
        .find(|o| o.period.to_string() == or_empty(period))
        .unwrap();
    m.target_for(o)
        .map_or((String::new(), String::new()), |(t, _)| {
            (
                number(&json!(t.value)),
                t.period
                    .as_ref()
                    .map_or(String::new(), |p| p.value.to_string()),
            )
        })
}
