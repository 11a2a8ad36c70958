//! What the Kent site says: its real titles, order, relations and counts, as
//! a check of the transcription of `content/`. The engine's behaviour is
//! tested on the fixture; these tests change only when Kent's history does.

use planpress::model::Unit;

use crate::archive::lineage;
use crate::common::{Built, kent, page_text, root, sel, texts};
use crate::publishing::{document, pages_with_word};

/// The position of each title in `titles`.
fn in_order(titles: &[String], order: &[&str]) {
    let pos = |t: &str| {
        titles
            .iter()
            .position(|x| x == t)
            .unwrap_or_else(|| panic!("{t} not in {titles:?}"))
    };
    for pair in order.windows(2) {
        assert!(
            pos(pair[0]) < pos(pair[1]),
            "{} before {}",
            pair[0],
            pair[1]
        );
    }
}

#[test]
fn the_home_page_lists_the_kent_strategies_newest_first() {
    let titles = texts(&kent().page("index.html"), ".document-card h3");
    assert_eq!(titles[0], "Reforming Kent 2025-2028");
    in_order(
        &titles,
        &[
            "Framing Kent\u{2019}s Future",
            "Setting the Course",
            "Increasing Opportunities, Improving Outcomes",
            "Bold Steps for Kent",
            "Towards 2010",
            "Next Four Years",
        ],
    );
}

#[test]
fn the_archive_lists_the_kent_strategies_in_the_order_they_followed_one_another() {
    let doc = kent().page("archive/index.html");
    in_order(
        &texts(&doc, ".archive-list__item h2"),
        &[
            "Next Four Years",
            "Towards 2010",
            "Bold Steps for Kent",
            "Delivering Bold Steps",
            "Facing the Challenge: Closing down Bold Steps for Kent",
            "Increasing Opportunities, Improving Outcomes",
            "Setting the Course",
            "Framing Kent\u{2019}s Future",
            "Reforming Kent 2025-2028",
        ],
    );
    let desc = texts(&doc, "figure svg[role=img] desc").join("");
    assert!(desc.contains("Towards 2010: 2006 to 2010"), "{desc}");
}

#[test]
fn the_kent_lineage_is_as_the_council_published_it() {
    let pairs = [
        ("towards-2010", "Replaced by", "Bold Steps for Kent"),
        ("bold-steps-for-kent", "Replaces", "Towards 2010"),
        ("delivering-bold-steps", "Delivers", "Bold Steps for Kent"),
        (
            "bold-steps-for-kent",
            "Delivered through",
            "Delivering Bold Steps",
        ),
        (
            "bold-steps-for-kent",
            "Reviewed in",
            "Facing the Challenge: Closing down Bold Steps for Kent",
        ),
        ("closing-down-bold-steps", "Reviews", "Bold Steps for Kent"),
        ("next-four-years", "Replaced by", "Towards 2010"),
        ("towards-2010", "Replaces", "Next Four Years"),
    ];
    for (slug, label, title) in pairs {
        let links = lineage(kent(), slug);
        assert!(
            links
                .get(label)
                .is_some_and(|t| t.iter().any(|x| x == title)),
            "{slug}: {label} {title} missing from {links:?}"
        );
    }
    let bsk = page_text(kent(), "bold-steps-for-kent/index.html");
    assert!(bsk.contains("losed early on 15 May 2014"), "{bsk}");
    assert!(bsk.contains("Replaced by: Facing the Challenge"), "{bsk}");
}

#[test]
fn delivering_bold_steps_has_sixteen_priorities_under_three_ambitions() {
    let doc = kent().page("delivering-bold-steps/priorities/index.html");
    let groups: Vec<(String, usize)> = doc
        .select(&sel("section.ambition"))
        .map(|s| {
            let h = s.select(&sel("h2")).next().unwrap().text().collect();
            (h, s.select(&sel("li")).count())
        })
        .collect();
    assert_eq!(groups.len(), 3);
    assert_eq!(groups.iter().map(|g| g.1).sum::<usize>(), 16);
    assert!(groups.iter().any(|(h, _)| h == "To Tackle Disadvantage"));
    let data: serde_json::Value = serde_json::from_str(kent().text("data/plans.json")).unwrap();
    let dbs = document(&data, "delivering-bold-steps");
    assert_eq!(dbs["priorities"].as_array().unwrap().len(), 16);
    let bsk = document(&data, "bold-steps-for-kent");
    assert_eq!(bsk["lineage"]["replaces"][0], "towards-2010");
}

/// The ways a figure can be printed: `1250`, `1,250`, and `24p` for £0.24.
fn printed_forms(value: f64, unit: &Unit) -> Vec<String> {
    let mut forms = vec![value.to_string(), planpress::model::number(value)];
    if unit.key() == "gbp" && value < 1.0 {
        forms.push(format!("{}p", (value * 100.0).round()));
    }
    if value >= 1e6 {
        forms.push(format!("{} million", value / 1e6));
    }
    forms
}

/// The text of the seeds a document is transcribed from.
fn seed_text(site: &Built, slug: &str) -> String {
    let s = site.content.strategies.iter().find(|s| s.slug == slug);
    let seeds = &s.unwrap_or_else(|| panic!("no document {slug}")).meta.seeds;
    let read = |f: &String| std::fs::read_to_string(root().join("seeds").join(f)).unwrap();
    seeds.iter().map(read).collect()
}

/// Every figure is printed in the seed of the document it cites: a check of
/// the transcription, which a correction to the seed's value keeps passing.
#[test]
fn every_kent_figure_is_printed_in_the_document_it_cites() {
    let site = kent();
    let seed = |slug: &str| seed_text(site, slug);
    let english = planpress::theme::locale::Locale::builtin_reference();
    let mut checked = 0;
    for m in site.content.strategies.iter().flat_map(|s| &s.measures) {
        for o in &m.observations {
            let Some(document) = o.source.document() else {
                continue;
            };
            let text = seed(&document.value);
            let forms = printed_forms(o.value, &m.unit);
            assert!(
                forms.iter().any(|f| text.contains(f.as_str())),
                "{} ({}): {} is not in the seed of {}",
                m.id,
                planpress::support::dates::period(o.period, m.calendar, &english),
                o.value,
                document.value
            );
            checked += 1;
        }
    }
    assert!(checked >= 80, "only {checked} figures");
}

/// Every target, baseline, floor standard and expected range of a Kent
/// measure is cited, and its number is printed in the seed of the document
/// it cites: a target is one the documents state, never one made up.
#[test]
fn every_kent_target_is_cited_and_printed_in_the_document_it_cites() {
    let site = kent();
    let seed = |slug: &str| seed_text(site, slug);
    let mut checked = 0;
    for m in site.content.strategies.iter().flat_map(|s| &s.measures) {
        let meta = &m.meta;
        let levels = m
            .targets()
            .map(|t| ("target", t.value, t.source.as_ref()))
            .chain(
                meta.baseline
                    .iter()
                    .map(|b| ("baseline", b.value, b.source.as_ref())),
            )
            .chain(
                meta.floor
                    .iter()
                    .map(|f| ("floor", f.value.value, f.source.as_ref())),
            )
            .chain(meta.expected.iter().flat_map(|e| {
                [
                    ("range", e.low.value, e.source.as_ref()),
                    ("range", e.high, e.source.as_ref()),
                ]
            }));
        for (what, value, source) in levels {
            let source = source.unwrap_or_else(|| panic!("{}: a {what} with no source", m.id));
            let Some(document) = source.document() else {
                continue;
            };
            let forms = printed_forms(value, &m.unit);
            let text = seed(&document.value);
            assert!(
                forms.iter().any(|f| text.contains(f.as_str())),
                "{}: the {what} {value} is not in the seed of {}",
                m.id,
                document.value
            );
            checked += 1;
        }
    }
    assert!(checked >= 11, "only {checked} targets");
}

#[test]
fn the_feed_announces_that_bold_steps_closed_early() {
    let xml = kent().text("feed.xml");
    assert!(
        xml.contains("<title>Closed early: Bold Steps for Kent</title>"),
        "{xml}"
    );
}

/// Plans known only from their approval, and the one never adopted, are in
/// the feed too, each date with the preposition its precision takes.
#[test]
fn the_feed_has_the_plans_known_from_their_approval() {
    let xml = kent().text("feed.xml");
    for line in [
        "<title>Approved: Framing Kent’s Future</title>",
        "approved the strategy Framing Kent’s Future in May 2022.",
        "approved the strategy Reforming Kent 2025-2028 on 6 November 2025.",
        "<title>Not adopted: 5 Year Plan 2020-25</title>",
        "Bold Steps for Kent was marked closed early on 15 May 2014",
    ] {
        assert!(xml.contains(line), "the feed lacks {line:?}");
    }
    assert!(
        !xml.contains(" on May 2022") && !xml.contains(" in 15 May"),
        "{xml}"
    );
}

#[test]
fn bold_steps_for_kent_carries_its_metadata() {
    let doc = kent().page("bold-steps-for-kent/index.html");
    let canonical = doc
        .select(&sel("link[rel=canonical]"))
        .next()
        .and_then(|l| l.value().attr("href"));
    assert_eq!(
        canonical,
        Some("https://www.kent.gov.uk/strategies/bold-steps-for-kent/")
    );
    let ld: String = texts(&doc, "script[type='application/ld+json']").join("");
    let ld: serde_json::Value = serde_json::from_str(&ld).unwrap();
    assert_eq!(ld["name"], "Bold Steps for Kent");
    assert_eq!(ld["isBasedOn"][0]["name"], "Towards 2010");
    assert!(ld["temporalCoverage"].as_str().unwrap().starts_with("2010"));
    assert!(ld["hasPart"].as_array().unwrap().len() >= 5);
}

#[test]
fn a_search_for_eurokent_finds_priority_8() {
    assert_eq!(
        pages_with_word(kent(), "eurokent"),
        ["/strategies/delivering-bold-steps/priorities/priority-8/"]
    );
}

#[test]
fn delivering_bold_steps_and_the_formats_page_offer_its_formats_and_the_phone_line() {
    let page = kent().html("delivering-bold-steps/index.html");
    for end in [".epub", ".txt", "-large-print.html"] {
        assert!(
            page.contains(&format!(
                "exports/delivering-bold-steps/delivering-bold-steps{end}"
            )),
            "{end}"
        );
    }
    let formats = kent().html("alternative-formats/index.html");
    assert!(formats.contains("delivering-bold-steps.epub"));
    assert!(formats.contains("01622 694027"));
    let statement = page_text(kent(), "accessibility/index.html");
    assert!(statement.contains("01622 694027") && statement.contains("22 November 2026"));
}

/// The public record as it was read, copied in: each entry a `### ` heading
/// with the addresses it was read at and the facts and figures read there.
fn record_entries() -> Vec<String> {
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/kent-public-records.md")).unwrap();
    text.split("\n### ").skip(1).map(str::to_string).collect()
}

/// Every published record the site cites is one the public record lists,
/// and every figure cited to a record is stated in that record's entry: a
/// check of the transcription, as the seed check is for held documents.
#[test]
fn every_kent_record_and_figure_cited_to_one_is_in_the_public_record() {
    let site = kent();
    let entries = record_entries();
    let entry = |address: &str| -> Vec<&String> {
        entries.iter().filter(|e| e.contains(address)).collect()
    };
    for r in &site.content.records {
        assert!(
            !entry(&r.address.value).is_empty(),
            "{} is not in the public record",
            r.address.value
        );
    }
    let mut checked = 0;
    for m in site.content.strategies.iter().flat_map(|s| &s.measures) {
        for o in &m.observations {
            let Some(address) = o.source.record() else {
                continue;
            };
            // Numbers as the entry prints them: "4360", "5,376", "£216.4m", "99%",
            // and small ones in words: "five of six targets".
            let words = [
                "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
            ];
            let stated = entry(&address.value).iter().any(|e| {
                let in_words = e
                    .split(|c: char| !c.is_alphabetic())
                    .filter_map(|w| words.iter().position(|n| w.eq_ignore_ascii_case(n)))
                    .any(|i| (i + 1) as f64 == o.value);
                in_words
                    || e.split(|c: char| !c.is_ascii_digit() && c != '.' && c != ',')
                        .filter_map(|w| {
                            w.trim_end_matches(['.', ','])
                                .replace(',', "")
                                .parse::<f64>()
                                .ok()
                        })
                        .any(|n| n == o.value)
            });
            assert!(
                stated,
                "{} ({}): {} is not stated at {}",
                m.id, o.period, o.value, address.value
            );
            checked += 1;
        }
    }
    assert!(checked >= 50, "only {checked} figures cited to records");
}

/// Residents asking which strategy is in force get today's answer, and
/// every page of the one it replaced says so, with the date and the source.
#[test]
fn reforming_kent_is_in_force_and_framing_kents_future_superseded_on_every_page() {
    let site = kent();
    let home = site.page("index.html");
    let in_force = texts(&home, ".in-force h3 a");
    assert!(
        in_force.iter().any(|t| t == "Reforming Kent 2025-2028"),
        "{in_force:?}"
    );
    let mut pages = 0;
    let paths = site
        .pages
        .keys()
        .filter(|p| p.starts_with("framing-kents-future/"));
    for path in paths {
        let page = site.page(path);
        let notice = texts(&page, ".notice--withdrawn");
        let notice = notice.join(" ");
        assert!(
            notice.contains("superseded on 6 November 2025") && notice.contains("Weald Radio"),
            "{path}: {notice}"
        );
        pages += 1;
    }
    assert!(pages >= 10, "{pages}");
}

/// The site's wording around the record's facts is its own: no phrase the
/// public record quotes (six words or more) appears on any page, except the
/// titles of records, plans and aims, which are facts given as published.
#[test]
fn no_phrase_the_public_record_quotes_is_on_the_site() {
    let site = kent();
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/kent-public-records.md")).unwrap();
    let normal = |s: &str| -> String {
        s.replace(['‘', '’'], "'")
            .replace(['“', '”'], "\"")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let mut titles: Vec<String> = site
        .content
        .records
        .iter()
        .map(|r| normal(&r.title))
        .collect();
    for s in &site.content.strategies {
        titles.push(normal(&s.meta.title));
        titles.extend(s.meta.subtitle.iter().map(|t| normal(t)));
        titles.extend(s.meta.also_titled.iter().map(|t| normal(&t.title)));
        titles.extend(s.meta.aims.iter().map(|a| normal(&a.title)));
    }
    // What the held documents say is the council's own text, on the site by right.
    let seeds: String = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| normal(&std::fs::read_to_string(e.unwrap().path()).unwrap_or_default()))
        .collect();
    let mut phrases = Vec::new();
    for (open, close) in [('“', '”'), ('"', '"')] {
        let mut rest = text.as_str();
        while let Some(i) = rest.find(open) {
            let after = &rest[i + open.len_utf8()..];
            let Some(j) = after.find(close) else { break };
            // A quotation's own words, between the record's "[sic]" and "…".
            let quoted = &after[..j];
            let mut fragments = Vec::new();
            let mut depth = 0;
            let mut current = String::new();
            for c in quoted.chars() {
                match c {
                    '[' => depth += 1,
                    ']' => depth -= 1,
                    '…' if depth == 0 => fragments.push(std::mem::take(&mut current)),
                    _ if depth == 0 => current.push(c),
                    _ => {}
                }
            }
            fragments.push(current);
            for f in fragments {
                for sentence in f.split(". ") {
                    let phrase = normal(sentence.trim_matches(['.', ',', ' ']));
                    if phrase.split(' ').count() >= 6
                        && !seeds.contains(&phrase)
                        && !titles
                            .iter()
                            .any(|t| t.contains(&phrase) || phrase.contains(t.as_str()))
                    {
                        phrases.push(phrase);
                    }
                }
            }
            rest = &after[j + close.len_utf8()..];
        }
    }
    assert!(phrases.len() > 50, "only {} phrases", phrases.len());
    for path in site.pages.keys() {
        let page = normal(&page_text(site, path));
        for p in &phrases {
            assert!(
                !page.contains(p.as_str()),
                "{path} quotes the public record: \"{p}\""
            );
        }
    }
}

/// What the public record says of the plans the site does not hold is on
/// their pages, each fact with its record: the 5 Year Plan's consultation,
/// its three titles and that it was never adopted; the plans of which no
/// later record was found; where the council publishes its performance
/// reports; whose definition of GREEN, AMBER and RED the rules follow.
#[test]
fn kent_plans_known_from_records_show_their_facts_with_their_records() {
    let site = kent();
    let rows = |path: &str| -> Vec<String> {
        texts(&site.page(path), ".summary-list__row")
            .into_iter()
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    };
    let plan = rows("five-year-plan-2020-2025/index.html");
    let row = |label: &str| {
        plan.iter()
            .filter(|r| r.starts_with(label))
            .cloned()
            .collect::<Vec<_>>()
    };
    assert!(
        row("Status")[0].starts_with("StatusNot adopted since March 2020"),
        "{plan:?}"
    );
    assert!(
        row("Public consultation")[0].contains("6 January 2020 to 17 February 2020"),
        "{plan:?}"
    );
    let titles = row("Also titled");
    assert_eq!(titles.len(), 3, "{titles:?}");
    assert!(titles.iter().all(
        |t| t.contains("Kent County Council; the council’s own record")
            || t.contains("published by another site")
    ));
    let notice = texts(
        &site.page("five-year-plan-2020-2025/index.html"),
        ".notice--not-adopted",
    )
    .join(" ");
    assert!(
        notice.contains("was proposed and never adopted"),
        "{notice}"
    );

    for slug in ["strategic-commissioning-plan", "facing-the-challenge"] {
        assert!(
            site.html(&format!("{slug}/index.html"))
                .contains("No published record later than the sources below was found"),
            "{slug}"
        );
    }
    let reports = texts(
        &site.page("reforming-kent-2025-2028/index.html"),
        ".reports-at a",
    );
    assert_eq!(reports, ["Council performance"]);
    let rules = site.html("performance-rules/index.html");
    assert!(rules.contains("https://docslib.org/doc/502732/kent-county-council-quarterly-performance-report-quarter-1-2020"));
}

/// The counts the public record gives for each quarter, read from its
/// coverage table ("35; 22 G, 10 A, 3 R; DoT 9 / 20 / 9"), as `(measure,
/// quarter, value)`: the measures are those every plan's Quarterly
/// Performance Report figures use.
fn recorded_quarter_counts() -> Vec<(&'static str, String, f64)> {
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/kent-public-records.md")).unwrap();
    let number = |s: &str| s.trim().parse::<f64>().ok();
    let mut counts = Vec::new();
    for row in text.lines().filter(|l| l.starts_with("| Q")) {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let (quarter, printed) = (cells[1].to_string(), cells[3]);
        for part in printed.split(';').map(str::trim) {
            // The total: a number alone, or before "KPIs" or "stated".
            let mut words = part.split_whitespace();
            let (first, next) = (words.next().unwrap_or(""), words.next());
            if let (Some(n), None | Some("KPIs" | "stated")) = (number(first), next) {
                counts.push(("qpr-1-kpis", quarter.clone(), n));
            }
            for (rating, measure) in [
                (" G", "qpr-2-green"),
                (" A", "qpr-3-amber"),
                (" R", "qpr-4-red"),
            ] {
                for item in part.split(',') {
                    if let Some(n) = item.trim().strip_suffix(rating).and_then(number) {
                        counts.push((measure, quarter.clone(), n));
                    }
                }
            }
            if let Some(dot) = part.strip_prefix("DoT ") {
                let measures = ["qpr-5-improving", "qpr-6-stable", "qpr-7-worsening"];
                for (measure, n) in measures.into_iter().zip(dot.split('/')) {
                    counts.push((measure, quarter.clone(), number(n).unwrap()));
                }
            }
        }
    }
    counts
}

/// "How is the council doing?": every count the public record gives for a
/// quarter is on the site, once, under one plan.
#[test]
fn every_quarter_the_public_record_counts_is_on_the_site() {
    let site = kent();
    let counts = recorded_quarter_counts();
    assert!(counts.len() >= 40, "the coverage table gave {counts:?}");
    for (measure, quarter, value) in &counts {
        let found: Vec<&str> = site
            .content
            .strategies
            .iter()
            .filter(|s| {
                s.measures.iter().any(|m| {
                    m.id == *measure
                        && m.observations
                            .iter()
                            .any(|o| o.period.to_string() == *quarter && o.value == *value)
                })
            })
            .map(|s| s.slug.as_str())
            .collect();
        assert_eq!(
            found.len(),
            1,
            "{measure} {quarter} = {value}: found in {found:?}"
        );
    }
}
