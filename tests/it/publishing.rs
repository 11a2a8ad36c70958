//! Publishing on static hosting under a sub-path: links, assets, anchors,
//! the sitemap, the feed, the metadata, the search index and the open data.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use scraper::Html;

use crate::common::{self, Built, fixture, kent, sel, tool};

const SUB_PATH: &str = "/about-the-council/plans-and-policies/";

/// A plain static server (Python's) over a folder, stopped when dropped.
struct Server(Child, u16);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(root: &std::path::Path) -> Server {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new("python3")
        .args([
            "-m",
            "http.server",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
            "--directory",
        ])
        .arg(root)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("python3 serves the site");
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the server did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Server(child, port)
}

/// GET over HTTP/1.0: (status, body).
fn get(port: u16, path: &str) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&response[..split]);
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, response[split + 4..].to_vec())
}

#[test]
fn served_under_a_sub_path_no_link_asset_or_anchor_is_broken() {
    if !tool("python3", "serving the site under a sub-path") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut p = planpress::Project::new(&fixture().root);
    p.out = dir.path().join(SUB_PATH.trim_matches('/'));
    p.base_url = Some(format!("http://127.0.0.1:8000{SUB_PATH}"));
    planpress::build(&p).unwrap();
    let server = serve(dir.path());
    let mut queue = VecDeque::from([SUB_PATH.to_string()]);
    let mut seen = BTreeSet::new();
    let mut ids: HashMap<String, BTreeSet<String>> = HashMap::new();
    let mut fragments: Vec<(String, String, String)> = Vec::new();
    while let Some(path) = queue.pop_front() {
        if !seen.insert(path.clone()) {
            continue;
        }
        let (status, body) = get(server.1, &path);
        assert_eq!(status, 200, "{path} is broken");
        if !(path.ends_with('/') || path.ends_with(".html")) {
            continue;
        }
        let doc = Html::parse_document(&String::from_utf8_lossy(&body));
        ids.insert(
            path.clone(),
            doc.select(&sel("[id]"))
                .map(|e| e.value().id().unwrap().to_string())
                .collect(),
        );
        for el in doc.select(&sel("a[href], link[href], img[src], script[src]")) {
            let href = el.value().attr("href").or(el.value().attr("src")).unwrap();
            let elsewhere = ["http", "mailto:", "tel:", "data:"];
            if elsewhere.iter().any(|s| href.starts_with(s)) {
                continue;
            }
            let (target, fragment) = href
                .split_once('#')
                .map_or((href, None), |(t, f)| (t, Some(f)));
            let target = if target.is_empty() {
                path.clone()
            } else {
                target.to_string()
            };
            assert!(
                target.starts_with(SUB_PATH),
                "{path}: {href} leaves the sub-path"
            );
            if let Some(f) = fragment {
                fragments.push((path.clone(), target.clone(), f.to_string()));
            }
            queue.push_back(target);
        }
    }
    for (from, page, fragment) in fragments {
        let known = ids
            .get(&page)
            .unwrap_or_else(|| panic!("{from}: #{fragment} on {page}, which is not a page"));
        assert!(
            known.contains(&fragment),
            "{from}: no #{fragment} on {page}"
        );
    }
    assert!(seen.len() > 60, "only {} addresses reached", seen.len());
    // Unknown addresses get the 404 page from hosts that use it; the file is there.
    assert_eq!(get(server.1, &format!("{SUB_PATH}404.html")).0, 200);
}

/// The sitemap lists exactly the pages that exist: not the 404 page, the
/// exports or the redirects.
fn the_sitemap_lists_exactly_the_pages_that_exist_in(site: &Built) {
    let xml = site.text("sitemap.xml");
    let doc = roxmltree::Document::parse(xml).unwrap();
    let listed: BTreeSet<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| {
            n.text()
                .unwrap()
                .strip_prefix(&site.content.site.base_url)
                .unwrap()
                .to_string()
        })
        .collect();
    let pages: BTreeSet<String> = site
        .pages
        .iter()
        .filter(|(p, html)| {
            *p != "404.html"
                && !p.starts_with("exports/")
                && !html.contains("http-equiv=\"refresh\"")
        })
        .map(|(p, _)| p.strip_suffix("index.html").unwrap_or(p).to_string())
        .collect();
    assert_eq!(listed, pages);
}

#[test]
fn the_sitemap_lists_exactly_the_pages_that_exist() {
    the_sitemap_lists_exactly_the_pages_that_exist_in(fixture());
    the_sitemap_lists_exactly_the_pages_that_exist_in(kent());
}

fn json(site: &Built, path: &str) -> serde_json::Value {
    serde_json::from_str(site.text(path)).unwrap()
}

/// The open data, checked against its schema; the data.
fn the_open_data_validates_against_its_schema_in(site: &Built) -> serde_json::Value {
    let schema = json(site, "data/plans.schema.json");
    let data = json(site, "data/plans.json");
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&data)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .take(10)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The schema is not a formality: a wrong value is caught.
    let mut broken = data.clone();
    broken["documents"][0]["status"]["state"] = "abolished".into();
    assert!(!validator.is_valid(&broken));
    data
}

pub fn document<'a>(data: &'a serde_json::Value, slug: &str) -> &'a serde_json::Value {
    data["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["slug"] == slug)
        .unwrap_or_else(|| panic!("no {slug} in the open data"))
}

#[test]
fn the_open_data_validates_against_its_schema() {
    let data = the_open_data_validates_against_its_schema_in(fixture());
    assert_eq!(data["documents"].as_array().unwrap().len(), 5);
    let plan = document(&data, "corporate-plan-2020");
    assert_eq!(plan["priorities"].as_array().unwrap().len(), 3);
    let older = document(&data, "borough-plan-2016");
    assert_eq!(older["lineage"]["replaces"][0], "community-charter-2012");
    assert_eq!(older["status"]["state"], "superseded");
}

#[test]
fn the_kent_open_data_validates_against_its_schema() {
    the_open_data_validates_against_its_schema_in(kent());
}

/// The feed is Atom with what a reader needs; its entries' titles.
fn the_feed_is_valid_atom_in(site: &Built) -> Vec<String> {
    let doc = roxmltree::Document::parse(site.text("feed.xml")).unwrap();
    let feed = doc.root_element();
    let atom = "http://www.w3.org/2005/Atom";
    assert_eq!(feed.tag_name().namespace(), Some(atom));
    assert_eq!(feed.tag_name().name(), "feed");
    let child = |n: roxmltree::Node, name: &str| {
        n.children()
            .filter(|c| c.has_tag_name((atom, name)))
            .count()
    };
    for required in ["id", "title", "updated", "author"] {
        assert_eq!(child(feed, required), 1, "feed lacks {required}");
    }
    let rfc3339 = |t: &str| t.len() == 20 && t.ends_with('Z') && t.as_bytes()[10] == b'T';
    let mut ids = BTreeSet::new();
    let mut titles = Vec::new();
    for e in feed.children().filter(|c| c.has_tag_name((atom, "entry"))) {
        for required in ["id", "title", "updated", "link"] {
            assert_eq!(child(e, required), 1, "entry lacks {required}");
        }
        let get = |name: &str| {
            e.children()
                .find(|c| c.has_tag_name((atom, name)))
                .unwrap()
                .text()
                .unwrap_or_default()
                .to_string()
        };
        assert!(rfc3339(&get("updated")), "{}", get("updated"));
        assert!(ids.insert(get("id")), "duplicate id {}", get("id"));
        titles.push(get("title"));
    }
    titles
}

#[test]
fn the_feed_is_valid_atom() {
    let titles = the_feed_is_valid_atom_in(fixture());
    assert!(titles.len() >= 4, "{titles:?}");
    for t in [
        "Published: Example Borough Corporate Plan",
        "Superseded: Borough Plan 2016",
    ] {
        assert!(titles.contains(&t.to_string()), "{titles:?}");
    }
}

#[test]
fn the_kent_feed_is_valid_atom() {
    assert!(the_feed_is_valid_atom_in(kent()).len() >= 5);
}

#[test]
fn pages_carry_canonical_open_graph_and_schema_org_metadata() {
    let doc = fixture().page("borough-plan-2016/index.html");
    let meta = |q: &str| {
        doc.select(&sel(q))
            .next()
            .and_then(|m| m.value().attr("content").or(m.value().attr("href")))
            .map(str::to_string)
    };
    assert_eq!(
        meta("link[rel=canonical]").as_deref(),
        Some("https://plans.example.org/plans/borough-plan-2016/")
    );
    assert_eq!(
        meta("meta[property='og:title']").as_deref(),
        Some("Borough Plan 2016")
    );
    let ld: String = doc
        .select(&sel("script[type='application/ld+json']"))
        .next()
        .unwrap()
        .text()
        .collect();
    let ld: serde_json::Value = serde_json::from_str(&ld).unwrap();
    assert_eq!(ld["name"], "Borough Plan 2016");
    assert_eq!(ld["isBasedOn"][0]["name"], "Community Charter");
    assert_eq!(
        ld["temporalCoverage"]
            .as_str()
            .map(|t| t.starts_with("2016")),
        Some(true)
    );
    // Its sections.
    assert_eq!(ld["hasPart"][0]["name"], "Foreword");
    assert_eq!(ld["hasPart"].as_array().unwrap().len(), 1, "{ld}");
}

#[test]
fn assets_carry_a_content_hash() {
    for site in [fixture(), kent()] {
        let css = Html::parse_document(site.html("index.html"))
            .select(&sel("link[rel=stylesheet]"))
            .map(|l| l.value().attr("href").unwrap().to_string())
            .collect::<Vec<_>>();
        assert_eq!(css.len(), 2);
        for href in css {
            let name = href.rsplit('/').next().unwrap();
            let parts: Vec<&str> = name.split('.').collect();
            assert!(
                parts.len() == 3
                    && parts[1].len() == 8
                    && parts[1].bytes().all(|b| b.is_ascii_hexdigit()),
                "{href}"
            );
            let file = href.strip_prefix(&site.base_path).unwrap();
            assert!(site.files.contains_key(file), "{href} is not in the site");
        }
    }
}

/// The search index holds every page a reader searches, once; its entries.
fn the_search_index_holds_every_page(site: &Built) {
    let fragments = site
        .files
        .keys()
        .filter(|p| p.starts_with("search/p/"))
        .count();
    let pages = site
        .pages
        .iter()
        .filter(|(p, html)| {
            *p != "404.html"
                && !p.starts_with("search/")
                && !p.starts_with("exports/")
                && !p.starts_with("a-z/")
                && !html.contains("http-equiv=\"refresh\"")
        })
        .count();
    assert_eq!(fragments, pages, "a fragment of the index for each page");
    assert_eq!(json(site, "search/meta.json")["pages"], pages);
}

/// The addresses of the pages the search index finds `word` on (in its
/// shard, `search/s/` and the word's first two letters), in order.
pub fn pages_with_word(site: &Built, word: &str) -> Vec<String> {
    let key: String = word.chars().take(2).collect();
    let shard = json(site, &format!("search/s/{key}.json"));
    let entry = &shard[word];
    let mut postings: Vec<serde_json::Value> = entry["p"].as_array().cloned().unwrap_or_default();
    for c in 0..entry["c"].as_u64().unwrap_or(0) {
        let more = json(site, &format!("search/more/{word}.{c}.json"));
        postings.extend(more.as_array().unwrap().iter().cloned());
    }
    let mut urls: Vec<String> = postings
        .iter()
        .map(|p| {
            let page = p[2].as_str().unwrap();
            json(site, &format!("search/p/{page}.json"))["u"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    urls.sort();
    urls
}

#[test]
fn the_search_index_holds_every_page_and_what_it_says() {
    let site = fixture();
    the_search_index_holds_every_page(site);
    assert_eq!(
        pages_with_word(site, "riverside"),
        ["/plans/corporate-plan-2020/priorities/priority-3/"]
    );
    // Without JavaScript the search page points to the A to Z index.
    let search = site.page("search/index.html");
    let fallback = search
        .select(&sel("#search-fallback a"))
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .to_string();
    assert_eq!(fallback, "/plans/a-z/");
    assert!(
        search
            .select(&sel("form[role=search][hidden] label[for=search-input]"))
            .next()
            .is_some()
    );
}

#[test]
fn the_kent_search_index_holds_every_page() {
    the_search_index_holds_every_page(kent());
}

#[test]
fn an_offline_copy_links_file_to_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = planpress::Project::new(&fixture().root);
    p.out = dir.path().join("copy");
    p.offline = true;
    p.exports = false;
    planpress::build(&p).unwrap();
    let mut checked = 0;
    for entry in common::files(&p.out) {
        if entry.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(&entry).unwrap();
        let doc = Html::parse_document(&html);
        for el in doc.select(&sel("a[href], link[rel=stylesheet], script[src]")) {
            let href = el.value().attr("href").or(el.value().attr("src")).unwrap();
            if href.starts_with("http")
                || href.starts_with('#')
                || href.starts_with("mailto:")
                || href.starts_with("tel:")
            {
                continue;
            }
            assert!(
                !href.starts_with('/'),
                "{}: {href} needs a server",
                entry.display()
            );
            let file = entry
                .parent()
                .unwrap()
                .join(href.split('#').next().unwrap());
            assert!(file.is_file(), "{}: {href} is not a file", entry.display());
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} links");
}
