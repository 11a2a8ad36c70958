//! The site and the exports are made from one model of each document, so
//! they must list the same things: for every part of every document with a
//! plain-text edition, the figures, milestones and commitments its page
//! lists are those its part of the text lists, in the same order.

use std::collections::BTreeMap;

use scraper::{ElementRef, Html};

use crate::common::{Built, fixture, kent, sel};

/// A part of a text edition: its title and its lines.
struct TextPart {
    title: String,
    lines: Vec<String>,
}

/// Splits a text edition at its parts' titles (underlined with `=`).
fn text_parts(text: &str) -> Vec<TextPart> {
    let lines: Vec<&str> = text.lines().collect();
    let mut parts: Vec<TextPart> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let underlined = |mark: char| underlines(lines[i], lines.get(i + 1), mark);
        if underlined('=') {
            parts.push(TextPart {
                title: lines[i].to_string(),
                lines: Vec::new(),
            });
            i += 2;
            continue;
        }
        if let Some(p) = parts.last_mut() {
            p.lines.push(lines[i].to_string());
        }
        i += 1;
    }
    parts
}

fn underlines(line: &str, next: Option<&&str>, mark: char) -> bool {
    next.is_some_and(|n| {
        !line.is_empty()
            && n.chars().count() == line.chars().count()
            && n.chars().all(|c| c == mark)
    })
}

/// The headings of a part's text with the mark that underlines them.
fn headings(part: &TextPart, mark: char) -> Vec<String> {
    part.lines
        .windows(2)
        .filter(|w| underlines(&w[0], Some(&w[1].as_str()), mark))
        .map(|w| w[0].clone())
        .collect()
}

/// The list items (top level) under the heading `title` of a part.
fn items_under(part: &TextPart, title: &str) -> Vec<String> {
    let Some(at) = part
        .lines
        .windows(2)
        .position(|w| w[0] == title && underlines(&w[0], Some(&w[1].as_str()), '-'))
    else {
        return Vec::new();
    };
    part.lines[at + 2..]
        .iter()
        .skip_while(|l| l.is_empty())
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.strip_prefix("- ").map(str::to_string))
        .collect()
}

/// A measure as a list item of the text: `Title: Status. Latest: …`.
fn text_figures(part: &TextPart) -> Vec<String> {
    const STANDINGS: [&str; 10] = [
        "GREEN: target achieved",
        "AMBER: floor standard achieved, target not",
        "RED: floor standard not achieved",
        "RED: target not achieved",
        "Target not yet due",
        "Within the expected range",
        "Outside the expected range",
        "No target",
        "No figures published",
        "Not calculable: the period of its figures is not stated",
    ];
    part.lines
        .iter()
        .filter_map(|l| l.trim_start().strip_prefix("- "))
        .filter_map(|item| {
            STANDINGS.iter().find_map(|s| {
                let (title, rest) = item.rsplit_once(&format!(": {s}"))?;
                (rest.starts_with('.') || rest.starts_with(';')).then(|| title.to_string())
            })
        })
        .collect()
}

fn text_of(el: ElementRef) -> String {
    el.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of an element before its first child element.
fn own_text(el: ElementRef) -> String {
    el.children()
        .map_while(|c| c.value().as_text().map(|t| t.to_string()))
        .collect::<String>()
        .trim()
        .to_string()
}

/// A site page's measures in lists: each `<li>` that starts with a link to a
/// measure and says how it stands.
fn page_figures(page: &Html) -> Vec<String> {
    page.select(&sel("main li"))
        // The headline figures a first page leads with repeat its performance page's.
        .filter(|li| {
            !li.parent()
                .and_then(ElementRef::wrap)
                .is_some_and(|ul| ul.value().classes().any(|c| c == "headline-figures"))
        })
        .filter(|li| {
            let children: Vec<ElementRef> = li.children().filter_map(ElementRef::wrap).collect();
            let first_is_measure = children.first().is_some_and(|a| {
                a.value().name() == "a"
                    && a.value()
                        .attr("href")
                        .is_some_and(|h| h.contains("/measures/"))
            });
            let has_standing = children
                .iter()
                .any(|c| c.value().classes().any(|k| k == "tag"));
            first_is_measure && has_standing
        })
        .map(|li| text_of(li.select(&sel("a")).next().expect("a link")))
        .collect()
}

/// A document's pages in reading order, from its overview by "Next" links.
fn reading_order(site: &Built, slug: &str) -> Vec<(String, String, Html)> {
    let mut out = Vec::new();
    let mut path = format!("{slug}/index.html");
    loop {
        let page = site.page(&path);
        let title = text_of(page.select(&sel("main h1")).next().expect("an h1"));
        let next = page
            .select(&sel("a[rel=next]"))
            .next()
            .and_then(|a| a.value().attr("href"))
            .map(|h| {
                format!(
                    "{}index.html",
                    h.strip_prefix(&site.base_path).expect("on the site")
                )
            });
        out.push((path.clone(), title, page));
        match next {
            Some(n) => path = n,
            None => return out,
        }
    }
}

/// What one part lists, on the site and in the text.
#[derive(Debug, PartialEq, Default)]
struct Listed {
    figures: Vec<String>,
    milestones: Vec<String>,
    commitments: Vec<String>,
}

fn listed_on_page(page: &Html) -> Listed {
    let titled: Vec<String> = page
        .select(&sel("main section.commitment > .commitment__statement"))
        .map(text_of)
        .collect();
    let untitled = page.select(&sel("main ul.commitments > li")).count();
    Listed {
        figures: page_figures(page),
        milestones: page
            .select(&sel("main ul.milestones > li"))
            .map(own_text)
            .collect(),
        commitments: if titled.is_empty() {
            (0..untitled)
                .map(|n| format!("commitment {}", n + 1))
                .collect()
        } else {
            titled
        },
    }
}

/// How a page of a document presents its part, where the text edition
/// presents it differently.
struct Shape {
    /// Commitments with titles of their own, as headings.
    titled_commitments: bool,
    /// The performance page, with how many priorities it groups measures by.
    performance: Option<usize>,
}

fn listed_in_text(part: &TextPart, shape: &Shape) -> Listed {
    let mut figures = text_figures(part);
    if let Some(groups) = shape.performance {
        // The site lists each figure the document publishes; the text gives
        // each its own heading, with its facts and every figure, below the
        // priorities' headings if there are any.
        let mark = if groups > 0 { '~' } else { '-' };
        figures.extend(
            headings(part, mark)
                .into_iter()
                .filter(|h| h != "Figures published in this document"),
        );
        figures.retain(|f| !f.is_empty());
    }
    let milestones = items_under(part, "Milestones")
        .into_iter()
        .map(|m| match m.rfind(" (due ") {
            Some(at) if m.ends_with(')') => m[..at].to_string(),
            _ => m,
        })
        .collect();
    let commitments = if shape.titled_commitments {
        let others = [
            "Aim",
            "Milestones",
            "Key performance measures",
            "Figures reported",
        ];
        headings(part, '-')
            .into_iter()
            .filter(|h| !others.contains(&h.as_str()))
            .collect()
    } else {
        (0..items_under(part, "Commitments").len())
            .map(|n| format!("commitment {}", n + 1))
            .collect()
    };
    Listed {
        figures,
        milestones,
        commitments,
    }
}

/// The template that made a page, as it says on its `<html>` element.
fn template(page: &Html) -> String {
    page.root_element()
        .value()
        .attr("data-template")
        .expect("every page names its template")
        .to_string()
}

#[test]
fn kent_text_editions_list_what_the_pages_list() {
    let compared = compare(kent());
    // Kent's plans list figures, milestones and commitments: the
    // comparison compared something.
    assert!(
        compared.iter().all(|&n| n > 0),
        "nothing was compared: {compared:?}"
    );
}

#[test]
fn fixture_text_editions_list_what_the_pages_list() {
    let compared = compare(fixture());
    assert!(
        compared.iter().all(|&n| n > 0),
        "nothing was compared: {compared:?}"
    );
}

/// Compares every document of `site` that has a text edition, part by
/// part; returns how many figures, milestones and commitments it compared.
fn compare(site: &Built) -> [usize; 3] {
    let out = site.out();
    let mut compared = BTreeMap::new();
    for entry in std::fs::read_dir(out.join("exports")).unwrap() {
        let slug = entry.unwrap().file_name().to_string_lossy().to_string();
        let Ok(text) = std::fs::read_to_string(out.join(format!("exports/{slug}/{slug}.txt")))
        else {
            continue;
        };
        let parts = text_parts(&text);
        let pages = reading_order(site, &slug);
        let titles: Vec<&str> = pages.iter().map(|(_, t, _)| t.as_str()).collect();
        let text_titles: Vec<&str> = parts.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(
            text_titles, titles,
            "{slug}: the parts of the text and the pages"
        );
        for ((_, title, page), part) in pages.iter().zip(&parts) {
            let on_page = listed_on_page(page);
            let shape = Shape {
                titled_commitments: page
                    .select(&sel("main section.commitment"))
                    .next()
                    .is_some(),
                performance: (template(page) == "performance.html")
                    .then(|| page.select(&sel("main h2 > a")).count()),
            };
            let in_text = listed_in_text(part, &shape);
            if shape.performance.is_some() {
                let mut a = on_page.figures.clone();
                let mut b = in_text.figures.clone();
                a.sort();
                b.sort();
                assert_eq!(a, b, "{slug}, {title}: figures");
            } else {
                assert_eq!(in_text.figures, on_page.figures, "{slug}, {title}: figures");
            }
            assert_eq!(
                in_text.milestones, on_page.milestones,
                "{slug}, {title}: milestones"
            );
            assert_eq!(
                in_text.commitments, on_page.commitments,
                "{slug}, {title}: commitments"
            );
            let counts = compared.entry(slug.clone()).or_insert([0usize; 3]);
            counts[0] += on_page.figures.len();
            counts[1] += on_page.milestones.len();
            counts[2] += on_page.commitments.len();
        }
    }
    compared
        .values()
        .fold([0; 3], |t, c| [t[0] + c[0], t[1] + c[1], t[2] + c[2]])
}
