//! Stage 2: check each document on its own: slugs, unique ids, dates that
//! make sense, nothing left empty by mistake. Links between documents are
//! checked when they are resolved.

use std::collections::HashMap;

use crate::diagnostic::{Problem, Problems, csv_column};
use crate::load::is_slug;
use crate::model::{Content, Measure, OutcomeStatus, SourceFile, Spanned, State, Strategy, number};
use crate::support::scheme::{Target, classify, is_web_address};

pub fn validate(content: &Content) -> Problems {
    let mut problems = validate_site(content);
    for strategy in &content.strategies {
        problems.extend(validate_document(strategy));
    }
    problems.sort();
    problems
}

/// The checks of site.yaml alone.
pub fn validate_site(content: &Content) -> Problems {
    let mut problems = Problems::default();
    check_site(content, &mut problems);
    problems.sort();
    problems
}

/// The checks of one document alone, for a preview that re-reads only it.
pub fn validate_document(strategy: &Strategy) -> Problems {
    let mut problems = Problems::default();
    check_strategy(strategy, &mut problems);
    problems.sort();
    problems
}

/// A problem at the place a spanned value was written.
pub fn at<T>(file: &SourceFile, value: &Spanned<T>, message: impl Into<String>) -> Problem {
    let loc = value.referenced;
    Problem::at(file, loc.line() as usize, loc.column() as usize, message)
}

fn check_site(content: &Content, problems: &mut Problems) {
    let site = &content.site;
    let file = &content.site_file;
    let line_of = |key: &str| {
        file.text
            .lines()
            .position(|l| l.starts_with(key))
            .map_or(1, |i| i + 1)
    };
    if !is_web_address(&site.base_url) || !site.base_url.ends_with('/') {
        problems.push(
            Problem::at(file, line_of("base_url:"), 1, format!("`{}` is not a full web address ending in `/`", site.base_url))
                .help("write the address the site will be published at, e.g. `https://www.kent.gov.uk/strategies/`"),
        );
    }
    // Footer links are published as they are written: only web, mail and
    // phone addresses, or paths of the site.
    for link in &site.footer_links {
        if !matches!(classify(&link.href), Target::Address(_) | Target::Site(_)) {
            let line = file
                .text
                .lines()
                .position(|l| l.contains(link.href.as_str()))
                .map_or(1, |i| i + 1);
            let column = file
                .text
                .lines()
                .nth(line - 1)
                .and_then(|l| l.find(link.href.as_str()).map(|i| l[..i].chars().count()))
                .map_or(1, |i| i + 1);
            problems.push(
                Problem::at(file, line, column, format!("`{}` is not a web address or a path of the site", link.href))
                    .help("footer links start with `https://`, `http://`, `mailto:`, `tel:` or `/` (a page of this site)"),
            );
        }
    }
    let lang_ok = site
        .language
        .split('-')
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    if !lang_ok {
        problems.push(
            Problem::at(
                file,
                line_of("language:"),
                1,
                format!("`{}` is not a language tag", site.language),
            )
            .help("write a BCP 47 language tag such as `en-GB` or `cy`"),
        );
    }
}

fn check_strategy(s: &Strategy, problems: &mut Problems) {
    let meta = &s.meta;
    let file = &s.meta_file;

    if let Some(period) = &meta.period {
        if period.end.value < period.start.value {
            problems.push(
                at(
                    file,
                    &period.end,
                    format!(
                        "the period ends ({}) before it starts ({})",
                        period.end.value, period.start.value
                    ),
                )
                .help("check the years: `end` is the last year the plan covers"),
            );
        }
    }
    if meta.status.state == State::Superseded && meta.superseded_by.is_none() {
        problems.push(
            Problem::at(file, line_of(file, "state:"), 1, "the document is superseded but does not say by what")
                .help("add `superseded_by: SLUG` naming the document that replaced it, if the sources say")
                .warning(),
        );
    }
    for slug in meta
        .replaces
        .iter()
        .chain(&meta.reviewed_in)
        .chain(&meta.superseded_by)
        .chain(&meta.delivers)
    {
        check_slug(file, slug, problems);
    }
    if !meta.held && (!s.sections.is_empty() || s.plan.is_some()) {
        problems.push(
            Problem::at(
                file,
                1,
                1,
                "the document is marked `held: false` but has sections or a plan",
            )
            .help("remove `held: false` if the site publishes its text"),
        );
    }
    if meta.held && s.sections.is_empty() && s.plan.is_none() {
        problems.push(
            Problem::at(file, 1, 1, "the document has no sections and no plan")
                .help("add `sections/01-name.md`, or mark it `held: false` with the `statements` other documents make of it")
                .warning(),
        );
    }

    // Every anchor in a document can be cited, so each must be unique in it.
    let mut ids: HashMap<String, (String, usize)> = HashMap::new();
    let mut claim =
        |id: &str, file: &SourceFile, line: usize, column: usize, problems: &mut Problems| {
            let place = format!("{}:{line}", file.path.display());
            if !is_slug(id) {
                problems.push(
                    Problem::at(file, line, column, format!("`{id}` is not a valid id")).help(
                        "ids use only lower-case letters, digits and hyphens, e.g. `priority-1`",
                    ),
                );
            } else if let Some((first, _)) = ids.get(id) {
                problems.push(
                    Problem::at(
                        file,
                        line,
                        column,
                        format!("the id `{id}` is used twice in this document"),
                    )
                    .help(format!(
                        "it is first used at {first}; give one of them another id"
                    )),
                );
            } else {
                ids.insert(id.to_string(), (place, line));
            }
        };

    let mut section_slugs: HashMap<&str, &str> = HashMap::new();
    for section in &s.sections {
        if let Some(first) = section_slugs.insert(&section.slug, &section.title) {
            problems.push(
                Problem::file(
                    &section.file.path,
                    format!("two sections are named `{}`", section.slug),
                )
                .help(format!("the other is \"{first}\"; rename one of the files")),
            );
        }
        if section.title.trim().is_empty() {
            problems.push(
                Problem::at(&section.file, 2, 1, "the section title is empty")
                    .help("write its heading as `title: ...`"),
            );
        }
        if section.body().trim().is_empty() {
            problems.push(
                Problem::at(
                    &section.file,
                    section.body_line,
                    1,
                    "the section has no text",
                )
                .help("add the section's text under the header, or remove the file")
                .warning(),
            );
        }
        for (anchor, line) in &section.anchors {
            claim(anchor, &section.file, *line, 1, problems);
        }
    }

    for m in &s.measures {
        claim(&m.id, &m.meta_file, 1, 1, problems);
        check_measure(m, problems);
    }

    if let (Some(plan), Some(pfile)) = (&s.plan, &s.plan_file) {
        let spanned = |v: &Spanned<String>| {
            (
                v.value.clone(),
                v.referenced.line() as usize,
                v.referenced.column() as usize,
            )
        };
        let mut plan_ids = Vec::new();
        for a in &plan.ambitions {
            plan_ids.push(spanned(&a.id));
        }
        for p in &plan.priorities {
            plan_ids.push(spanned(&p.id));
            plan_ids.extend(p.milestones.iter().map(|m| spanned(&m.id)));
            plan_ids.extend(p.measures.iter().map(|m| spanned(&m.id)));
            plan_ids.extend(p.commitments.iter().map(|c| spanned(&c.id)));
            if p.title.trim().is_empty() {
                problems.push(
                    at(pfile, &p.id, "this priority has an empty title")
                        .help("write its title as published"),
                );
            }
            for c in &p.commitments {
                if c.title.is_none() && c.text.is_none() && c.actions.is_empty() {
                    problems.push(
                        at(pfile, &c.id, "this commitment has no words")
                            .help("give it a `title`, `text` or `actions`"),
                    );
                }
                if let Some(o) = &c.outcome {
                    if o.status != OutcomeStatus::NoOutcomePublished && o.source.is_none() {
                        problems.push(
                            at(pfile, &c.id, format!("the outcome `{}` of this commitment has no source", o.status.key()))
                                .help("add `source: { document: ..., anchor: ... }` naming the paragraph that says so, or use `no-outcome-published`"),
                        );
                    }
                }
            }
        }
        for (id, line, column) in plan_ids {
            claim(&id, pfile, line, column, problems);
        }
        if let Some(section) = s.sections.iter().filter(|s| s.plan_follows).nth(1) {
            let line = section
                .file
                .text
                .lines()
                .position(|l| l.starts_with("plan:"))
                .map_or(2, |i| i + 1);
            problems.push(
                Problem::at(&section.file, line, 1, "a second section says `plan: true`")
                    .help("the priorities are listed once: keep `plan: true` on one section"),
            );
        }
    }
}

fn check_measure(m: &Measure, problems: &mut Problems) {
    let unit = m.meta.unit;
    let mut seen: HashMap<String, usize> = HashMap::new();
    for o in &m.observations {
        if let Some(why) = unit.rejects(o.value) {
            problems.push(
                Problem::at(
                    &m.csv_file,
                    o.line,
                    csv_column(&m.csv_file, o.line, 1),
                    format!(
                        "{} does not fit the unit of this measure: {why}",
                        number(o.value)
                    ),
                )
                .help(format!(
                    "check the figure, or the `unit` in {}",
                    m.meta_file.path.display()
                )),
            );
        }
        if let Some(first) = seen.insert(o.period.to_string(), o.line) {
            problems.push(
                Problem::at(
                    &m.csv_file,
                    o.line,
                    1,
                    format!("{} has two figures", o.period),
                )
                .help(format!(
                    "the other is on line {first}; keep one figure a period"
                )),
            );
        }
    }
    if let Some(t) = &m.meta.target {
        if let Some(why) = unit.rejects(t.value) {
            let line = m
                .meta_file
                .text
                .lines()
                .position(|l| l.trim_start().starts_with("value:"))
                .map_or(1, |i| i + 1);
            problems.push(
                Problem::at(
                    &m.meta_file,
                    line,
                    1,
                    format!("the target does not fit the unit: {why}"),
                )
                .help("check the target or the unit"),
            );
        }
    }
    if m.observations.is_empty() && m.meta.target.is_none() {
        problems.push(
            Problem::file(&m.meta_file.path, "this measure has no figures and no target")
                .help("add its figures to the `.csv` beside it, one a line, with the paragraph that publishes each")
                .warning(),
        );
    }
}

/// The first line of `file` whose text (indentation aside) starts with `key`, or 1.
fn line_of(file: &SourceFile, key: &str) -> usize {
    file.text
        .lines()
        .position(|l| l.trim_start().starts_with(key))
        .map_or(1, |i| i + 1)
}

fn check_slug(file: &SourceFile, slug: &Spanned<String>, problems: &mut Problems) {
    if !is_slug(&slug.value) {
        problems.push(
            at(file, slug, format!("`{}` is not a slug", slug.value))
                .help("slugs use only lower-case letters, digits and hyphens: the name of a folder under `content/strategies/`"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Site;

    fn site_problems(yaml: &str) -> Vec<String> {
        let site_file = SourceFile {
            path: "content/site.yaml".into(),
            text: yaml.into(),
        };
        let site: Site = serde_saphyr::from_str(yaml).unwrap();
        let content = Content {
            site,
            site_file,
            strategies: Vec::new(),
            topics: Vec::new(),
            topics_file: None,
        };
        let mut problems = Problems::default();
        check_site(&content, &mut problems);
        problems
            .0
            .iter()
            .map(|p| format!("{}: {}", p.position(), p.message))
            .collect()
    }

    const SITE: &str = "name: S\norganisation: O\nlanguage: en-GB\nbase_url: https://example.org/\ncontact:\n  phone: \"1\"\naccessibility:\n  reviewed: \"2026\"\n";

    #[test]
    fn footer_links_are_web_addresses_or_site_paths() {
        let ok = format!(
            "{SITE}footer_links:\n  - {{ title: A, href: /accessibility/ }}\n  - {{ title: B, href: \"https://www.kent.gov.uk/\" }}\n  - {{ title: C, href: \"mailto:a@b.c\" }}\n"
        );
        assert!(site_problems(&ok).is_empty());
        let bad = format!(
            "{SITE}footer_links:\n  - {{ title: A, href: \"javascript:alert(1)\" }}\n  - {{ title: B, href: \"//evil.example/\" }}\n  - {{ title: C, href: \" JavaScript:x\" }}\n"
        );
        assert_eq!(
            site_problems(&bad),
            [
                "content/site.yaml:10:24: `javascript:alert(1)` is not a web address or a path of the site",
                "content/site.yaml:11:24: `//evil.example/` is not a web address or a path of the site",
                "content/site.yaml:12:24: ` JavaScript:x` is not a web address or a path of the site",
            ]
        );
    }

    #[test]
    fn csv_columns_count_characters_of_earlier_fields() {
        let file = SourceFile {
            path: "m.csv".into(),
            text: "period,value,source,note\n2012/13,75.1,d#a,£ note\n".into(),
        };
        assert_eq!(csv_column(&file, 2, 0), 1);
        assert_eq!(csv_column(&file, 2, 1), 9);
        assert_eq!(csv_column(&file, 2, 2), 14);
    }
}
