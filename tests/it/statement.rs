//! The accessibility statement's facts that the build knows: the pages that
//! run a script, the formats offered, the ways to ask for another format and
//! who enforces the regulations.

use std::collections::BTreeSet;

use crate::common::{Built, fixture, fixture_copy, kent, page_text, planpress, sel};

const STATEMENT: &str = "accessibility/index.html";

/// The addresses of the built pages whose HTML runs a script (JSON-LD is
/// data, and runs nothing).
fn pages_running_a_script(
    pages: impl Iterator<Item = (String, String)>,
    base: &str,
) -> BTreeSet<String> {
    pages
        .filter(|(_, html)| {
            html.match_indices("<script")
                .any(|(at, _)| !html[at..].starts_with(r#"<script type="application/ld+json""#))
        })
        .map(|(file, _)| format!("{base}{}", file.trim_end_matches("index.html")))
        .collect()
}

/// The links of the statement's JavaScript section.
fn scripted_links(html: &str) -> BTreeSet<String> {
    let page = scraper::Html::parse_document(html);
    let heading = page
        .select(&sel("main h2"))
        .find(|h| h.text().collect::<String>() == "JavaScript");
    let Some(heading) = heading else {
        return BTreeSet::new();
    };
    let paragraph = heading
        .next_siblings()
        .find_map(scraper::ElementRef::wrap)
        .expect("a paragraph follows the heading");
    paragraph
        .select(&sel("a"))
        .filter(|a| !a.text().collect::<String>().contains("A to Z"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect()
}

fn check_scripts_named(site: &Built) {
    let pages = site.pages.iter().map(|(k, v)| (k.clone(), v.clone()));
    let running = pages_running_a_script(pages, &site.base_path);
    assert!(!running.is_empty(), "the search page runs a script");
    assert_eq!(scripted_links(site.html(STATEMENT)), running);
    assert!(!page_text(site, STATEMENT).contains("it has none"));
}

#[test]
fn the_statement_names_the_pages_that_run_a_script() {
    check_scripts_named(fixture());
    check_scripts_named(kent());
}

/// A council's template that adds a script is named; a theme with no script
/// at all says the site has none.
#[test]
fn the_statement_follows_the_scripts_of_the_sites_own_templates() {
    let project = fixture_copy();
    let root = project.path();
    let templates = root.join("themes/default/templates");
    let archive = std::fs::read_to_string(templates.join("archive.html")).unwrap();
    let with_script = archive.replace(
        "{% endblock %}",
        "<script src=\"https://stats.example.org/count.js\"></script>\n{% endblock %}",
    );
    assert_ne!(archive, with_script);
    std::fs::write(templates.join("archive.html"), with_script).unwrap();
    let out = planpress(root, &["build", "--no-exports"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = |file: &str| std::fs::read_to_string(root.join("public").join(file)).unwrap();
    let links = scripted_links(&read(STATEMENT));
    assert_eq!(
        links,
        BTreeSet::from(["/plans/archive/".to_string(), "/plans/search/".to_string()])
    );

    std::fs::write(templates.join("archive.html"), archive).unwrap();
    let search = std::fs::read_to_string(templates.join("search.html")).unwrap();
    let without: String = search
        .lines()
        .filter(|l| !l.contains("<script"))
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(templates.join("search.html"), without).unwrap();
    let out = planpress(root, &["build", "--no-exports"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let statement = read(STATEMENT);
    assert!(scripted_links(&statement).is_empty());
    assert!(statement.contains("use the website without JavaScript: it has none"));
}

/// The formats the statement names are those the build made, each once.
#[test]
fn the_statement_names_the_formats_the_build_made() {
    let site = fixture();
    let made: BTreeSet<&str> = site
        .exports()
        .map(|(path, _)| match path.rsplit('.').next().unwrap() {
            "epub" => "EPUB 3 ebook",
            "html" => "Large print",
            "txt" => "Plain text",
            "brf" => "Braille",
            _ => "Audio",
        })
        .collect();
    let text = page_text(site, STATEMENT);
    let listed = text
        .split("published in these formats: ")
        .nth(1)
        .and_then(|t| t.split(". ").next())
        .expect("the statement lists the formats");
    // Each format's label as the formats page gives it, by how it begins.
    let labels = [
        ("EPUB 3 ebook", "EPUB 3 ebook"),
        ("Large print", "Large print ("),
        ("Plain text", "Plain text ("),
        ("Braille", "Braille-ready file"),
        ("Audio", "Audio: every part"),
    ];
    for (format, label) in labels {
        assert_eq!(
            listed.matches(label).count(),
            usize::from(made.contains(format)),
            "{format} in {listed:?}, made: {made:?}"
        );
    }
    assert!(made.len() >= 3, "the fixture makes its formats: {made:?}");
}

/// Text relay, sign language and the reply time, where site.yaml gives
/// them, are on both pages; where it does not, neither page mentions them.
#[test]
fn the_ways_to_ask_for_another_format_are_those_site_yaml_gives() {
    let routes = [
        "Relay UK by dialling 18001 then 01632 960123",
        "British Sign Language video relay service",
        "within 10 working days",
    ];
    for page in [STATEMENT, "alternative-formats/index.html"] {
        let text = page_text(fixture(), page);
        for route in routes {
            assert!(text.contains(route), "{page} lacks {route:?}");
        }
        let bsl = fixture().page(page);
        assert!(
            bsl.select(&sel("main a"))
                .any(|a| a.value().attr("href") == Some("https://plans.example.org/sign-language/")),
            "{page} lacks the sign language link"
        );
        let kent = page_text(kent(), page);
        for word in ["Relay UK", "Sign Language", "working day"] {
            assert!(!kent.contains(word), "Kent's {page} mentions {word:?}");
        }
    }
}

/// England, Wales and Scotland: the EHRC and the EASS; Northern Ireland:
/// the Equality Commission for Northern Ireland.
#[test]
fn the_enforcement_paragraph_follows_the_councils_nation() {
    let ni = page_text(fixture(), STATEMENT);
    assert!(ni.contains("Equality Commission for Northern Ireland"));
    assert!(!ni.contains("Equality Advisory and Support Service"));
    let england = page_text(kent(), STATEMENT);
    assert!(england.contains("Equality and Human Rights Commission"));
    assert!(england.contains("Equality Advisory and Support Service"));
    assert!(!england.contains("Northern Ireland"));
}

/// The known issues and the compliance status are the council's, from
/// site.yaml.
#[test]
fn the_known_issues_and_compliance_are_the_councils() {
    let text = page_text(fixture(), STATEMENT);
    for issue in &fixture().content.site.accessibility.known_issues {
        assert!(
            text.contains(issue.as_str()),
            "the statement lacks {issue:?}"
        );
    }
    assert!(text.contains("partially compliant"));
    assert!(!text.contains("first published as PDF files"));
    assert!(page_text(kent(), STATEMENT).contains("first published as PDF files"));
}
