//! What every fuzz target checks, one function a target, taking the bytes
//! the fuzzer made. Shared with `tests/it/fuzz_regressions.rs`, which replays
//! the inputs kept in `tests/fuzz_regressions/<target>/` through the same
//! functions, so a crash the fuzzer finds becomes a regression test by saving
//! its input there.

use std::path::Path;

use planpress::diagnostic::{Problem, Problems};
use planpress::model::{MeasureMeta, Plan, Site, SourceFile, StrategyMeta, Topic};

/// The bytes as `load` reads a file, or the problem it reports.
fn source(name: &str, bytes: &[u8]) -> Option<SourceFile> {
    match planpress::load::source_text(Path::new(name), bytes.to_vec()) {
        Ok(file) => Some(file),
        Err(p) => {
            render(&p);
            None
        }
    }
}

/// Renders every problem with miette, as `planpress` prints them, so that
/// the snippet offsets are exercised too.
fn report(problems: &Problems) {
    for p in &problems.0 {
        render(p);
    }
}

fn render(p: &Problem) {
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor());
    let mut out = String::new();
    let _ = handler.render_report(&mut out, p);
    let _ = p.position();
}

/// A YAML file of type `T`: a value, or problems; never a panic.
fn yaml<T: serde::de::DeserializeOwned>(name: &str, data: &[u8]) {
    let Some(file) = source(name, data) else {
        return;
    };
    let mut problems = Problems::default();
    let parsed: Option<T> = planpress::load::parse_yaml(&file, 0, &mut problems);
    assert!(parsed.is_some() || problems.errors() > 0);
    report(&problems);
}

pub fn yaml_strategy(data: &[u8]) {
    yaml::<StrategyMeta>("content/strategies/x/strategy.yaml", data);
}

pub fn yaml_plan(data: &[u8]) {
    yaml::<Plan>("content/strategies/x/plan.yaml", data);
}

pub fn yaml_measure(data: &[u8]) {
    yaml::<MeasureMeta>("content/strategies/x/measures/m.yaml", data);
}

/// `site.yaml`, and the same bytes as `topics.yaml`.
pub fn yaml_site(data: &[u8]) {
    yaml::<Site>("content/site.yaml", data);
    yaml::<Vec<Topic>>("content/topics.yaml", data);
}

/// A section file: the `---` header split, its YAML, the anchor scan, and
/// the body through the Markdown path.
pub fn section(data: &[u8]) {
    let Some(file) = source("content/strategies/x/sections/01-x.md", data) else {
        return;
    };
    let mut problems = Problems::default();
    if let Some(section) = planpress::load::parse_section(&file, &mut problems) {
        assert!(section.body_line >= 3);
        assert!(file.text.ends_with(section.body.as_str()));
        for (_, line) in &section.anchors {
            assert!(*line >= section.body_line && *line <= file.text.lines().count().max(1));
        }
        markdown_text(&section.body);
    } else {
        assert!(problems.errors() > 0);
    }
    report(&problems);
}

/// A measure's CSV: rows or problems; every row kept has a finite value and
/// a line of the file.
pub fn csv_observations(data: &[u8]) {
    let Some(file) = source("content/strategies/x/measures/m.csv", data) else {
        return;
    };
    let mut problems = Problems::default();
    let rows = planpress::load::read_observations(&file, &mut problems);
    assert!(rows.len() <= planpress::model::limits::FIGURES_PER_MEASURE);
    for r in &rows {
        assert!(r.value.is_finite());
        assert!(r.line >= 2);
    }
    report(&problems);
}

/// The Markdown path: any text renders, and what comes out is inert: every
/// tag and attribute is one planpress or its Markdown writer makes, and no
/// link leads to a script. (Raw HTML in the source comes out as text, so a
/// literal `<` in the output always starts a real tag.)
///
/// The text is read as a section file is (`load::source_text`: encoding,
/// control characters, the longest word); what `check` lets through within
/// the Markdown nesting limit also goes the exports' way, into blocks, one
/// run of text and their serialised form, as the templates get them.
pub fn markdown(data: &[u8]) {
    if let Some(file) = source("content/strategies/x/sections/01-a.md", data) {
        markdown_text(&file.text);
    }
}

fn markdown_text(text: &str) {
    use planpress::document::prose::Prose;
    use planpress::export::blocks;
    let english = planpress::theme::locale::Locale::builtin_reference();
    check(&planpress::document::markdown::render(text, "Table").html);
    check(&Prose::inline(text, &english).html());
    let (depth, _) = planpress::support::markdown::nesting(text);
    if depth <= planpress::model::limits::MARKDOWN_NESTING {
        let scope = blocks::Scope {
            id_prefix: "p01-",
            base_url: "https://example.org/plans/",
        };
        let parsed = blocks::parse(&Prose::parse(text, &english), &scope);
        serde_json::to_string(&parsed).expect("blocks serialise");
        blocks::inline(&Prose::inline(text, &english), &scope);
    }
}

const TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "em",
    "strong",
    "del",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "div",
    "code",
    "pre",
    "blockquote",
    "hr",
    "br",
    "sup",
    "span",
];
const ATTRIBUTES: &[&str] = &[
    "href",
    "id",
    "title",
    "class",
    "role",
    "aria-label",
    "tabindex",
    "start",
    "style",
];

fn check(html: &str) {
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let tag = &rest[start + 1..];
        let end = tag
            .find('>')
            .unwrap_or_else(|| panic!("an unclosed tag: {html}"));
        let inside = &tag[..end];
        rest = &tag[end..];
        let inside = inside.strip_prefix('/').unwrap_or(inside);
        let inside = inside.strip_suffix('/').unwrap_or(inside).trim_end();
        let (name, attrs) = inside.split_once(' ').unwrap_or((inside, ""));
        assert!(TAGS.contains(&name), "tag `{name}` came through: {html}");
        // Attributes are `name="value"`, with `"` escaped inside values.
        let mut attrs = attrs;
        while !attrs.trim_start().is_empty() {
            attrs = attrs.trim_start();
            let eq = attrs
                .find("=\"")
                .unwrap_or_else(|| panic!("odd attributes `{attrs}`: {html}"));
            let key = &attrs[..eq];
            let after = &attrs[eq + 2..];
            let close = after
                .find('"')
                .unwrap_or_else(|| panic!("unclosed value: {html}"));
            let value = &after[..close];
            attrs = &after[close + 1..];
            assert!(
                ATTRIBUTES.contains(&key),
                "attribute `{key}` came through: {html}"
            );
            let lower = value.to_ascii_lowercase();
            match key {
                "href" => {
                    if let Some((scheme, _)) = lower.split_once(':')
                        && !scheme.contains(['/', '?', '#'])
                    {
                        assert!(
                            ["http", "https", "mailto", "tel"].contains(&scheme),
                            "a `{scheme}:` link came through: {html}"
                        );
                    }
                }
                // Only the alignment of table cells, which hides nothing.
                "style" => assert!(lower.starts_with("text-align:"), "style `{value}`: {html}"),
                "class" => assert!(
                    value == "table-scroll" || value.starts_with("footnote-"),
                    "class `{value}` came through: {html}"
                ),
                "id" => assert!(
                    !value.is_empty() && !value.contains(['<', '>', '"']),
                    "id `{value}`: {html}"
                ),
                _ => {}
            }
        }
    }
}
