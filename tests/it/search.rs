//! The site's search: its index (term shards, further chunks, a fragment a
//! page, meta.json) read as the search script reads it, on the fixture and
//! on Kent; and the search run in headless Chromium on the Kent site under
//! its sub-path and Content-Security-Policy (`tests/a11y/search.mjs`).

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use serde_json::Value;

use crate::common::{self, Built};

fn json(site: &Built, path: &str) -> Value {
    serde_json::from_str(site.text(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every word of the index → its entry (`n`, `c`, `p`), from every shard.
fn words(site: &Built) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for path in site.files.keys().filter(|p| p.starts_with("search/s/")) {
        let Value::Object(shard) = json(site, path) else {
            panic!("{path} is not an object");
        };
        for (word, entry) in shard {
            out.insert(word, entry);
        }
    }
    out
}

/// A word's postings, `(weight, rank, page)`, best first.
fn postings(site: &Built, word: &str) -> Vec<(u64, u64, String)> {
    let entry = &words(site)[word];
    let mut all: Vec<&Value> = entry["p"].as_array().unwrap().iter().collect();
    let more: Vec<Value> = (0..entry["c"].as_u64().unwrap())
        .map(|c| json(site, &format!("search/more/{word}.{c}.json")))
        .collect();
    all.extend(more.iter().flat_map(|m| m.as_array().unwrap()));
    all.iter()
        .map(|p| {
            (
                p[0].as_u64().unwrap(),
                p[1].as_u64().unwrap(),
                p[2].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn fragment(site: &Built, page: &str) -> Value {
    json(site, &format!("search/p/{page}.json"))
}

#[test]
fn every_word_is_in_the_shard_of_its_first_two_letters_with_its_best_pages_first() {
    let site = common::fixture();
    let meta = json(site, "search/meta.json");
    let mut pages = BTreeSet::new();
    for path in site.files.keys().filter(|p| p.starts_with("search/s/")) {
        let key = path
            .trim_start_matches("search/s/")
            .trim_end_matches(".json");
        let Value::Object(shard) = json(site, path) else {
            panic!("{path}");
        };
        for word in shard.keys() {
            let head: String = word.chars().take(2).collect();
            if head
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            {
                assert_eq!(head, key, "{word} is in {path}");
            }
            let p = postings(site, word);
            assert_eq!(p.len() as u64, shard[word]["n"].as_u64().unwrap(), "{word}");
            assert!(
                p.windows(2)
                    .all(|w| (w[1].0, std::cmp::Reverse(w[1].1))
                        <= (w[0].0, std::cmp::Reverse(w[0].1))),
                "{word}: best first, then by rank: {p:?}"
            );
            pages.extend(p.into_iter().map(|(_, _, page)| page));
        }
    }
    // Every page a word leads to has its fragment, and the meta counts them.
    assert_eq!(pages.len() as u64, meta["pages"].as_u64().unwrap());
    for page in &pages {
        let f = fragment(site, page);
        let url = f["u"].as_str().unwrap();
        let file = format!("{}index.html", url.strip_prefix(&site.base_path).unwrap());
        assert!(site.pages.contains_key(&file), "{page}: {url}");
    }
    let fragments = site
        .files
        .keys()
        .filter(|p| p.starts_with("search/p/"))
        .count();
    assert_eq!(fragments, pages.len(), "a fragment for each page searched");
    assert!(
        !site.files.contains_key("search/index.json"),
        "one big index no more"
    );
}

#[test]
fn a_word_weighs_most_in_a_title_and_a_topic_counts_as_one() {
    let site = common::fixture();
    // `clean` is in the title of one priority, and in others' text only.
    let clean = postings(site, "clean");
    let best = fragment(site, &clean[0].2);
    assert!(best["t"].as_str().unwrap().contains("Clean"), "{best}");
    for (w, _, page) in &clean[1..] {
        let f = fragment(site, page);
        if !f["t"].as_str().unwrap().to_lowercase().contains("clean") {
            assert!(*w < clean[0].0 / 2, "{page}: {w} against {}", clean[0].0);
        }
    }
    // The topic "Homes and housing" covers the corporate plan's priority 1,
    // whose title does not say "housing": it is found by it as by a title.
    let housing = postings(site, "housing");
    let priority = housing
        .iter()
        .find(|(_, _, p)| {
            fragment(site, p)["u"]
                .as_str()
                .unwrap()
                .ends_with("corporate-plan-2020/priorities/priority-1/")
        })
        .expect("the priority the topic covers is found by the topic's words");
    assert!(priority.0 >= 10, "{priority:?}");
}

#[test]
fn documents_in_force_rank_first_then_newest_then_the_site_s_own_pages() {
    let site = common::fixture();
    let mut by_rank: BTreeMap<u64, BTreeSet<String>> = BTreeMap::new();
    let mut weights: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
    for (word, _) in words(site) {
        for (w, r, page) in postings(site, &word) {
            let f = fragment(site, &page);
            by_rank
                .entry(r)
                .or_default()
                .insert(f["s"].as_str().unwrap().to_string());
            weights.entry(page).or_default().insert(word.clone(), w);
        }
    }
    // Rank 0 is the corporate plan, current; the site's pages come last.
    assert_eq!(by_rank[&0], BTreeSet::from(["current".to_string()]));
    let last = by_rank.keys().max().unwrap();
    assert_eq!(by_rank[last], BTreeSet::from([String::new()]));
    assert!(by_rank.values().any(|s| s.contains("superseded")));
    // A page of the plan in force weighs half as much again: its title
    // word, once in its text, (10 + 1) × 3/2.
    let current = fragment(site, "2/1");
    assert_eq!(
        (&current["s"], &current["t"]),
        (&Value::from("current"), &Value::from("Introduction"))
    );
    assert_eq!(weights["2/1"]["introduction"], 16);
}

#[test]
fn the_synonyms_are_published_as_phrases_for_the_script() {
    let meta = json(common::fixture(), "search/meta.json");
    assert_eq!(
        meta["synonyms"],
        serde_json::json!([["bins", ["collections"]], ["swimming", ["leisure centres"]]])
    );
    let kent = json(common::kent(), "search/meta.json");
    let synonyms = kent["synonyms"].as_array().unwrap();
    assert!(synonyms.contains(&serde_json::json!([
        "potholes",
        ["pothole", "highways maintenance", "highway maintenance"]
    ])));
    assert!(synonyms.contains(&serde_json::json!([
        "looked after children",
        ["children in care"]
    ])));
}

/// Kent's transport priority of Framing Kent's Future, the newest plan
/// that covers transport (topics.yaml), leads the word's postings.
#[test]
fn on_kent_transport_leads_to_framing_kents_future_s_infrastructure_priority() {
    let site = common::kent();
    let top: Vec<String> = postings(site, "transport")
        .iter()
        .take(3)
        .map(|(_, _, p)| fragment(site, p)["u"].as_str().unwrap().to_string())
        .collect();
    assert!(
        top.contains(&"/strategies/framing-kents-future/priorities/priority-2/".to_string()),
        "{top:?}"
    );
    // Every word the synonyms lead to is on some page of the site.
    let all = words(site);
    for s in json(site, "search/meta.json")["synonyms"]
        .as_array()
        .unwrap()
    {
        for phrase in s[1].as_array().unwrap() {
            for word in phrase.as_str().unwrap().split(' ') {
                assert!(all.contains_key(word), "{s}: no page has `{word}`");
            }
        }
    }
}

/// `node search.mjs SITE BASE QUERY…`: its report.
fn browse(site: &Built, queries: &[&str]) -> Value {
    let out = Command::new("node")
        .arg("search.mjs")
        .arg(site.out())
        .arg(&site.base_path)
        .args(queries)
        .current_dir(common::root().join("tests/a11y"))
        .output()
        .expect("cannot run node");
    assert!(
        out.status.success(),
        "search.mjs failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn urls(q: &Value) -> Vec<&str> {
    q["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["url"].as_str().unwrap())
        .collect()
}

#[test]
fn on_kent_the_search_finds_ranks_marks_and_helps_in_a_browser() {
    if !crate::accessibility::ready() {
        return;
    }
    let site = common::kent();
    let report = browse(site, &["transport", "potholes", "xqzzvb", "childen"]);
    let q = &report["queries"];
    for query in q.as_array().unwrap() {
        // No script error and nothing the Content-Security-Policy refused
        // (a missing shard is a 404 the script expects).
        let problems: Vec<&Value> = query["problems"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| !p.as_str().unwrap().contains("404"))
            .collect();
        assert!(problems.is_empty(), "{}: {problems:?}", query["query"]);
        assert!(
            query["bytes"].as_u64().unwrap() < 300_000,
            "{}: {} bytes",
            query["query"],
            query["bytes"]
        );
    }
    let transport = &q[0];
    let top = urls(transport);
    assert!(
        top[..3].contains(&"/strategies/framing-kents-future/priorities/priority-2/"),
        "{top:?}"
    );
    let first = &transport["results"][0];
    assert_eq!(first["status"], "Status: Superseded", "{first}");
    assert!(
        first["about"]
            .as_str()
            .unwrap()
            .contains("Framing Kent’s Future")
    );
    for r in transport["results"].as_array().unwrap() {
        let marked = r["marked"].as_array().unwrap();
        assert!(
            marked
                .iter()
                .any(|m| m.as_str().unwrap().eq_ignore_ascii_case("transport")),
            "{r}"
        );
        // The passage is text and <mark> elements only.
        let markup = r["markup"].as_str().unwrap();
        let tags = markup.replace("<mark>", "").replace("</mark>", "");
        assert!(!tags.contains('<'), "{markup}");
    }
    // `potholes` finds pages, and through the synonyms the plan's highways
    // maintenance, which never says "pothole".
    let potholes = &q[1];
    assert!(!urls(potholes).is_empty());
    let found = &potholes["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["url"] == "/strategies/framing-kents-future/priorities/priority-2/")
        .expect("the synonym finds the highways priority")["marked"];
    assert!(
        found.as_array().unwrap().iter().any(|m| m == "highways"),
        "{found}"
    );
    // No result: the help, with Topics, the A to Z and close words.
    let none = &q[2];
    assert!(urls(none).is_empty());
    assert_eq!(none["help"], true);
    assert_eq!(none["status"], "No pages match “xqzzvb”.");
    let links = none["helpLinks"].as_array().unwrap();
    assert!(
        links.contains(&Value::from("/strategies/topics/")),
        "{links:?}"
    );
    assert!(
        links.contains(&Value::from("/strategies/a-z/")),
        "{links:?}"
    );
    let misspelt = &q[3];
    assert_eq!(misspelt["help"], true);
    assert!(
        misspelt["related"]
            .as_array()
            .unwrap()
            .contains(&Value::from("children")),
        "{misspelt}"
    );
    // Without JavaScript the page points to the A to Z, and hides the form.
    let plain = &report["noScript"];
    assert_eq!(plain["fallback"], true);
    assert_eq!(plain["form"], false);
    assert_eq!(
        plain["fallbackLinks"],
        serde_json::json!(["/strategies/a-z/"])
    );
}
