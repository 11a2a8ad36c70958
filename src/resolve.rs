//! Stage 3: link the documents together. Every reference by slug or anchor
//! is looked up here, lineage is read in both directions, and every page and
//! anchor gets its address.

use std::collections::{BTreeSet, HashMap};

use crate::diagnostic::{Problem, Problems, closest};
use crate::model::{Citation, Content, Plan, Priority, SourceFile, Spanned, State, Strategy};
use crate::validate::at;

/// Where each page lives, relative to the site root. One place decides this.
pub mod paths {
    /// Site-wide pages and assets; no document may take these names.
    pub const RESERVED: [&str; 10] = [
        "accessibility",
        "alternative-formats",
        "archive",
        "topics",
        "a-z",
        "data",
        "exports",
        "search",
        "static",
        "404",
    ];

    pub fn strategy(doc: &str) -> String {
        format!("{doc}/")
    }
    pub fn section(doc: &str, section: &str) -> String {
        format!("{doc}/{section}/")
    }
    pub fn priorities(doc: &str) -> String {
        format!("{doc}/priorities/")
    }
    pub fn priority(doc: &str, id: &str) -> String {
        format!("{doc}/priorities/{id}/")
    }
    pub fn outcomes(doc: &str) -> String {
        format!("{doc}/outcomes/")
    }
    pub fn performance(doc: &str) -> String {
        format!("{doc}/performance/")
    }
    pub fn measure(doc: &str, id: &str) -> String {
        format!("{doc}/measures/{id}/")
    }
    pub fn measure_csv(doc: &str, id: &str) -> String {
        format!("{doc}/measures/{id}.csv")
    }
}

/// The documents' links to one another, by index into `Content::strategies`.
#[derive(Debug, Default, Clone)]
pub struct Lineage {
    pub replaces: Vec<usize>,
    pub replaced_by: Vec<usize>,
    pub delivers: Option<usize>,
    pub delivered_through: Vec<usize>,
    pub reviewed_in: Vec<usize>,
    pub reviews: Vec<usize>,
}

#[derive(Debug)]
pub struct Resolved {
    pub lineage: Vec<Lineage>,
    /// Home-page order: what is current first, then newest to oldest.
    pub order: Vec<usize>,
    /// (document, anchor) → where it is.
    pub anchors: HashMap<(String, String), Target>,
    /// (document, anchor) of a priority, commitment or key measure → the
    /// measures that report on it, as (document index, measure index).
    pub measures_for: HashMap<(String, String), Vec<(usize, usize)>>,
}

/// A citable place: the page path with its fragment, and the page's title.
#[derive(Debug, Clone)]
pub struct Target {
    pub path: String,
    pub page_title: String,
}

pub fn resolve(content: &Content) -> Result<Resolved, Problems> {
    let mut problems = Problems::default();
    let docs = &content.strategies;
    let index: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, s)| (s.slug.as_str(), i))
        .collect();
    let slugs: Vec<&str> = docs.iter().map(|s| s.slug.as_str()).collect();

    let find =
        |file: &SourceFile, slug: &Spanned<String>, problems: &mut Problems| -> Option<usize> {
            let found = index.get(slug.value.as_str()).copied();
            if found.is_none() {
                let help = match closest(&slug.value, slugs.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "name a folder under `content/strategies/`".to_string(),
                };
                problems.push(
                    at(file, slug, format!("there is no document `{}`", slug.value)).help(help),
                );
            }
            found
        };

    for s in docs {
        if paths::RESERVED.contains(&s.slug.as_str()) {
            problems.push(
                Problem::file(
                    s.meta_file.path.parent().unwrap_or(&s.meta_file.path),
                    format!("`{}` is the address of a site page", s.slug),
                )
                .help(format!(
                    "rename the folder: these names are taken: {}",
                    paths::RESERVED.join(", ")
                )),
            );
        }
    }
    let mut lineage = vec![Lineage::default(); docs.len()];
    for (i, s) in docs.iter().enumerate() {
        let f = &s.meta_file;
        for r in &s.meta.replaces {
            if let Some(j) = find(f, r, &mut problems) {
                push_unique(&mut lineage[i].replaces, j);
                push_unique(&mut lineage[j].replaced_by, i);
            }
        }
        if let Some(r) = &s.meta.superseded_by {
            if let Some(j) = find(f, r, &mut problems) {
                push_unique(&mut lineage[i].replaced_by, j);
                push_unique(&mut lineage[j].replaces, i);
            }
        }
        if let Some(r) = &s.meta.delivers {
            if let Some(j) = find(f, r, &mut problems) {
                lineage[i].delivers = Some(j);
                push_unique(&mut lineage[j].delivered_through, i);
            }
        }
        for r in &s.meta.reviewed_in {
            if let Some(j) = find(f, r, &mut problems) {
                push_unique(&mut lineage[i].reviewed_in, j);
                push_unique(&mut lineage[j].reviews, i);
            }
        }
    }
    check_cycles(docs, &lineage, &mut problems);

    let anchors = anchor_index(docs, &mut problems);
    let check_citation = |file: &SourceFile, c: &Citation, problems: &mut Problems| {
        if find(file, &c.document, problems).is_some()
            && !anchors.contains_key(&(c.document.value.clone(), c.anchor.value.clone()))
        {
            let known: Vec<&str> = anchors
                .keys()
                .filter(|(d, _)| *d == c.document.value)
                .map(|(_, a)| a.as_str())
                .collect();
            let help = match closest(&c.anchor.value, known.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!(
                    "add `{{#{}}}` to the cited paragraph of `{}`",
                    c.anchor.value, c.document.value
                ),
            };
            problems.push(
                at(
                    file,
                    &c.anchor,
                    format!("`{}` has no anchor `{}`", c.document.value, c.anchor.value),
                )
                .help(help),
            );
        }
    };
    if let Some(c) = &content.site.contact.phone_source {
        check_citation(&content.site_file, c, &mut problems);
    }
    let mut measures_for: HashMap<(String, String), Vec<(usize, usize)>> = HashMap::new();
    for (di, s) in docs.iter().enumerate() {
        for (mi, m) in s.measures.iter().enumerate() {
            for c in &m.meta.belongs_to {
                check_citation(&m.meta_file, c, &mut problems);
                measures_for
                    .entry((c.document.value.clone(), c.anchor.value.clone()))
                    .or_default()
                    .push((di, mi));
            }
            if let Some(c) = m.meta.target.as_ref().and_then(|t| t.source.as_ref()) {
                check_citation(&m.meta_file, c, &mut problems);
            }
            for o in &m.observations {
                if !anchors.contains_key(&(o.document.clone(), o.anchor.clone())) {
                    problems.push(
                        Problem::at(&m.csv_file, o.line, 1, format!("the source `{}#{}` is not a paragraph of this site", o.document, o.anchor))
                            .help("name a document folder and an anchor (`{#...}`) in one of its sections"),
                    );
                }
            }
        }
    }
    for s in docs {
        if let (Some(plan), Some(file)) = (&s.plan, &s.plan_file) {
            for c in plan.priorities.iter().flat_map(|p| &p.commitments) {
                for t in &c.taken_forward_by {
                    check_citation(file, t, &mut problems);
                }
                if let Some(src) = c.outcome.as_ref().and_then(|o| o.source.as_ref()) {
                    check_citation(file, src, &mut problems);
                }
            }
        }
        for old in &s.meta.former_slugs {
            if index.contains_key(old.value.as_str())
                || paths::RESERVED.contains(&old.value.as_str())
            {
                problems.push(
                    at(&s.meta_file, old, format!("the former slug `{}` is in use", old.value))
                        .help("a former slug becomes a redirect, so it cannot also be a document or a site page"),
                );
            }
        }
    }
    if let Some(file) = &content.topics_file {
        let mut seen = BTreeSet::new();
        for t in &content.topics {
            if !seen.insert(t.id.value.as_str()) {
                problems.push(
                    at(
                        file,
                        &t.id,
                        format!("the topic `{}` is listed twice", t.id.value),
                    )
                    .help("merge the two entries"),
                );
            }
            for c in &t.covers {
                check_citation(file, c, &mut problems);
            }
        }
    }
    for s in docs {
        if let Some(c) = &s.meta.status.source {
            check_citation(&s.meta_file, c, &mut problems);
        }
        for st in &s.meta.statements {
            check_citation(&s.meta_file, &st.source, &mut problems);
        }
    }

    problems.sort();
    if problems.errors() > 0 {
        return Err(problems);
    }
    Ok(Resolved {
        order: home_order(docs),
        lineage,
        anchors,
        measures_for,
    })
}

fn push_unique(v: &mut Vec<usize>, i: usize) {
    if !v.contains(&i) {
        v.push(i);
        v.sort_unstable();
    }
}

/// A document cannot, through any chain of replacements, replace itself.
fn check_cycles(docs: &[Strategy], lineage: &[Lineage], problems: &mut Problems) {
    let mut reported = BTreeSet::new();
    for start in 0..docs.len() {
        let mut stack = vec![(start, vec![start])];
        while let Some((at_doc, path)) = stack.pop() {
            for &next in &lineage[at_doc].replaced_by {
                if next == start {
                    let mut cycle = path.clone();
                    cycle.sort_unstable();
                    if reported.insert(cycle) {
                        let names: Vec<&str> = path
                            .iter()
                            .chain([&start])
                            .map(|&i| docs[i].slug.as_str())
                            .collect();
                        problems.push(
                            Problem::at(&docs[start].meta_file, 1, 1, format!("the lineage goes round in a circle: {}", names.join(" → ")))
                                .help("check `replaces` and `superseded_by`: a document is replaced only by a later one"),
                        );
                    }
                } else if !path.contains(&next) {
                    let mut p = path.clone();
                    p.push(next);
                    stack.push((next, p));
                }
            }
        }
    }
}

fn anchor_index(docs: &[Strategy], problems: &mut Problems) -> HashMap<(String, String), Target> {
    let mut anchors = HashMap::new();
    for s in docs {
        let doc = &s.slug;
        let mut add = |anchor: &str, path: String, page_title: &str| {
            let target = Target {
                path,
                page_title: page_title.to_string(),
            };
            anchors.insert((doc.clone(), anchor.to_string()), target);
        };
        for section in &s.sections {
            if section.slug == "priorities" {
                problems.push(
                    Problem::file(
                        &section.file.path,
                        "a section cannot be called `priorities`",
                    )
                    .help("that address holds the list of priorities; rename the file"),
                );
            }
            let page = paths::section(doc, &section.slug);
            for (a, _) in &section.anchors {
                add(a, format!("{page}#{a}"), &section.title);
            }
        }
        for m in &s.measures {
            add(&m.id, paths::measure(doc, &m.id), &m.meta.title);
        }
        if let Some(plan) = &s.plan {
            let index = paths::priorities(doc);
            let label = plan_label(plan);
            for a in &plan.ambitions {
                add(
                    &a.id.value,
                    format!("{index}#{}", a.id.value),
                    &label.plural,
                );
            }
            for p in &plan.priorities {
                let page = paths::priority(doc, &p.id.value);
                let ids = p
                    .milestones
                    .iter()
                    .map(|m| &m.id)
                    .chain(p.measures.iter().map(|m| &m.id))
                    .chain(p.commitments.iter().map(|c| &c.id));
                let title = priority_heading(&label.singular, p);
                for id in ids {
                    add(&id.value, format!("{page}#{}", id.value), &title);
                }
                add(&p.id.value, page, &title);
            }
            for p in &plan.priorities {
                if let Some(a) = &p.ambition {
                    if !plan.ambitions.iter().any(|x| x.id.value == a.value) {
                        let file = s.plan_file.as_ref().expect("a plan comes from its file");
                        let help = match closest(
                            &a.value,
                            plan.ambitions.iter().map(|x| x.id.value.as_str()),
                        ) {
                            Some(near) => format!("did you mean `{near}`?"),
                            None => "add it under `ambitions:` or remove `ambition:`".to_string(),
                        };
                        problems.push(
                            at(
                                file,
                                a,
                                format!("there is no ambition `{}` in this plan", a.value),
                            )
                            .help(help),
                        );
                    }
                }
            }
        }
    }
    anchors
}

fn home_order(docs: &[Strategy]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let when = |s: &Strategy| {
        s.meta
            .period
            .as_ref()
            .map(|p| p.start.value)
            .or(s.meta.published)
    };
    order.sort_by(|&a, &b| {
        let (sa, sb) = (&docs[a], &docs[b]);
        let current = |s: &Strategy| s.meta.status.state == State::Current;
        current(sb)
            .cmp(&current(sa))
            .then(when(sb).cmp(&when(sa)))
            .then(sa.slug.cmp(&sb.slug))
    });
    order
}

/// What a document calls its priorities ("Priority", "Theme").
pub struct PlanLabel {
    pub singular: String,
    pub plural: String,
}

pub fn plan_label(plan: &Plan) -> PlanLabel {
    let singular = plan
        .priority_label
        .clone()
        .unwrap_or_else(|| "Priority".to_string());
    let plural = match singular.strip_suffix('y') {
        Some(stem) => format!("{stem}ies"),
        None => format!("{singular}s"),
    };
    PlanLabel { singular, plural }
}

/// "Priority 1: Levelling up Kent", or the title alone when it has no number.
pub fn priority_heading(label: &str, p: &Priority) -> String {
    match &p.number {
        Some(n) => format!("{label} {n}: {}", p.title),
        None => p.title.clone(),
    }
}
