//! Stage 3: link the documents together. Every reference by slug or anchor
//! is looked up here, lineage is read in both directions, and every page and
//! anchor gets its address.

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::*;

use crate::diagnostic::{Problem, Problems};
use crate::model::{Citation, Content, RESERVED, SourceFile, Spanned, State, Strategy};
use crate::support::suggest::did_you_mean;
use crate::validate::at;

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
    pub anchors: AnchorMap,
    /// (document, anchor) of a priority, commitment or key measure → the
    /// measures that report on it, as (document index, measure index).
    pub measures_for: HashMap<(String, String), Vec<(usize, usize)>>,
    /// Each document's index in `Content::strategies`, by slug.
    pub documents: HashMap<String, usize>,
    /// For each document, the other documents its files name (lineage,
    /// citations, figures' sources, what its measures report on).
    pub references: Vec<BTreeSet<usize>>,
}

impl Resolved {
    /// The documents linked to `i` in either direction: what its pages can
    /// show of others, and the others whose pages can show something of it.
    pub fn neighbours(&self, i: usize) -> BTreeSet<usize> {
        let mut found = self.references.get(i).cloned().unwrap_or_default();
        found.extend(
            self.references
                .iter()
                .enumerate()
                .filter(|(_, r)| r.contains(&i))
                .map(|(j, _)| j),
        );
        found.remove(&i);
        found
    }
}

/// A citable place: the page of its document that holds it, and the
/// fragment on that page. Where pages live is for the document model to say
/// ([`crate::document::layout`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub page: Page,
    /// The anchor is a fragment of the page, not the page itself.
    pub fragment: bool,
}

/// A page of a document, by the position of what it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// Index into `Strategy::sections`.
    Section(usize),
    /// Index into `Strategy::measures`.
    Measure(usize),
    /// The plan's list of priorities.
    Priorities,
    /// Index into `Plan::priorities`.
    Priority(usize),
}

pub fn resolve(content: &Content) -> Result<Resolved, Problems> {
    resolve_with(content, anchor_index(&content.strategies))
}

/// Resolves with the documents' anchors (and any problems found making
/// them) already indexed: the preview keeps the index between rebuilds and
/// re-indexes only the documents that changed.
pub fn resolve_with(
    content: &Content,
    indexed: (AnchorMap, Problems),
) -> Result<Resolved, Problems> {
    let (anchors, mut problems) = indexed;
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
                let help = did_you_mean(&slug.value, slugs.iter().copied())
                    .unwrap_or_else(|| "name a folder under `content/strategies/`".to_string());
                problems.push(
                    at(file, slug, format!("there is no document `{}`", slug.value)).help(help),
                );
            }
            found
        };

    for s in docs {
        if RESERVED.contains(&s.slug.as_str()) {
            problems.push(
                Problem::file(
                    s.meta_file.path.parent().unwrap_or(&s.meta_file.path),
                    format!("`{}` is the address of a site page", s.slug),
                )
                .help(format!(
                    "rename the folder: these names are taken: {}",
                    RESERVED.join(", ")
                )),
            );
        }
    }
    let mut references = vec![BTreeSet::new(); docs.len()];
    let mut lineage = vec![Lineage::default(); docs.len()];
    // (replaced, replacement) → the file and entry that say so, for errors.
    let mut declared: HashMap<(usize, usize), (&SourceFile, &Spanned<String>)> = HashMap::new();
    for (i, s) in docs.iter().enumerate() {
        let f = &s.meta_file;
        for r in &s.meta.replaces {
            if let Some(j) = find(f, r, &mut problems) {
                references[i].insert(j);
                push_unique(&mut lineage[i].replaces, j);
                push_unique(&mut lineage[j].replaced_by, i);
                declared.entry((j, i)).or_insert((f, r));
            }
        }
        if let Some(r) = &s.meta.superseded_by {
            if let Some(j) = find(f, r, &mut problems) {
                references[i].insert(j);
                push_unique(&mut lineage[i].replaced_by, j);
                push_unique(&mut lineage[j].replaces, i);
                declared.entry((i, j)).or_insert((f, r));
            }
        }
        if let Some(r) = &s.meta.delivers {
            if let Some(j) = find(f, r, &mut problems) {
                references[i].insert(j);
                if j == i {
                    problems.push(
                        at(f, r, "the document delivers itself").help(
                            "under `delivers:` name the strategy it delivers, another document",
                        ),
                    );
                }
                lineage[i].delivers = Some(j);
                push_unique(&mut lineage[j].delivered_through, i);
            }
        }
        for r in &s.meta.reviewed_in {
            if let Some(j) = find(f, r, &mut problems) {
                references[i].insert(j);
                if j == i {
                    problems.push(at(f, r, "the document is reviewed in itself").help(
                        "under `reviewed_in:` name the reports that review it, other documents",
                    ));
                }
                push_unique(&mut lineage[i].reviewed_in, j);
                push_unique(&mut lineage[j].reviews, i);
            }
        }
    }
    check_cycles(docs, &lineage, &declared, &mut problems);

    // Returns the cited document, if there is one.
    let check_citation =
        |file: &SourceFile, c: &Citation, problems: &mut Problems| -> Option<usize> {
            let found = find(file, &c.document, problems);
            if found.is_some()
                && !anchors.contains_key(&(c.document.value.clone(), c.anchor.value.clone()))
            {
                let known: Vec<&str> = anchors
                    .keys()
                    .filter(|(d, _)| *d == c.document.value)
                    .map(|(_, a)| a.as_str())
                    .collect();
                let help =
                    did_you_mean(&c.anchor.value, known.iter().copied()).unwrap_or_else(|| {
                        format!(
                            "add `{{#{}}}` to the cited paragraph of `{}`",
                            c.anchor.value, c.document.value
                        )
                    });
                problems.push(
                    at(
                        file,
                        &c.anchor,
                        format!("`{}` has no anchor `{}`", c.document.value, c.anchor.value),
                    )
                    .help(help),
                );
            }
            found
        };
    if let Some(c) = &content.site.contact.phone_source {
        check_citation(&content.site_file, c, &mut problems);
    }
    let mut measures_for: HashMap<(String, String), Vec<(usize, usize)>> = HashMap::new();
    for (di, s) in docs.iter().enumerate() {
        for (mi, m) in s.measures.iter().enumerate() {
            for c in &m.meta.belongs_to {
                references[di].extend(check_citation(&m.meta_file, c, &mut problems));
                measures_for
                    .entry((c.document.value.clone(), c.anchor.value.clone()))
                    .or_default()
                    .push((di, mi));
            }
            if let Some(c) = m.meta.target.as_ref().and_then(|t| t.source.as_ref()) {
                references[di].extend(check_citation(&m.meta_file, c, &mut problems));
            }
            for o in &m.observations {
                references[di].extend(index.get(o.document.as_str()).copied());
                if !anchors.contains_key(&(o.document.clone(), o.anchor.clone())) {
                    let column = crate::diagnostic::csv_column(&m.csv_file, o.line, 2);
                    let (message, help) = if index.contains_key(o.document.as_str()) {
                        let known = anchors
                            .keys()
                            .filter(|(d, _)| *d == o.document)
                            .map(|(_, a)| a.as_str());
                        (
                            format!("`{}` has no anchor `{}`", o.document, o.anchor),
                            did_you_mean(&o.anchor, known).unwrap_or_else(|| {
                                format!(
                                    "add `{{#{}}}` to the paragraph of `{}` that publishes the figure",
                                    o.anchor, o.document
                                )
                            }),
                        )
                    } else {
                        (
                            format!("there is no document `{}`", o.document),
                            did_you_mean(&o.document, slugs.iter().copied()).unwrap_or_else(|| {
                                "name a folder under `content/strategies/`, as `document#anchor`".to_string()
                            }),
                        )
                    };
                    problems.push(Problem::at(&m.csv_file, o.line, column, message).help(help));
                }
            }
        }
    }
    for (i, s) in docs.iter().enumerate() {
        if let (Some(plan), Some(file)) = (&s.plan, &s.plan_file) {
            for c in plan.priorities.iter().flat_map(|p| &p.commitments) {
                for t in &c.taken_forward_by {
                    references[i].extend(check_citation(file, t, &mut problems));
                }
                if let Some(src) = c.outcome.as_ref().and_then(|o| o.source.as_ref()) {
                    references[i].extend(check_citation(file, src, &mut problems));
                }
            }
        }
        for old in &s.meta.former_slugs {
            if index.contains_key(old.value.as_str()) || RESERVED.contains(&old.value.as_str()) {
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
    for (i, s) in docs.iter().enumerate() {
        if let Some(c) = &s.meta.status.source {
            references[i].extend(check_citation(&s.meta_file, c, &mut problems));
        }
        for st in &s.meta.statements {
            references[i].extend(check_citation(&s.meta_file, &st.source, &mut problems));
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
        references,
        documents: index
            .iter()
            .map(|(&slug, &i)| (slug.to_string(), i))
            .collect(),
    })
}

fn push_unique(v: &mut Vec<usize>, i: usize) {
    if !v.contains(&i) {
        v.push(i);
        v.sort_unstable();
    }
}

/// A document cannot, through any chain of replacements, replace itself.
fn check_cycles(
    docs: &[Strategy],
    lineage: &[Lineage],
    declared: &HashMap<(usize, usize), (&SourceFile, &Spanned<String>)>,
    problems: &mut Problems,
) {
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
                        // Point at the entry that makes the first step of the circle.
                        let first = (start, path.get(1).copied().unwrap_or(start));
                        let message =
                            format!("the lineage goes round in a circle: {}", names.join(" → "));
                        let problem = match declared.get(&first) {
                            Some((file, entry)) => at(file, entry, message),
                            None => Problem::at(&docs[start].meta_file, 1, 1, message),
                        };
                        problems.push(problem.help(
                            "check `replaces` and `superseded_by`: a document is replaced only by a later one",
                        ));
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

/// Every citable place: (document, anchor) → where it is.
pub type AnchorMap = HashMap<(String, String), Place>;

/// A document's anchors as (document, anchor) → where it is.
pub type Anchors = Vec<((String, String), Place)>;

/// Every anchor of every document, and any problems with them; documents
/// are indexed in parallel.
pub fn anchor_index(docs: &[Strategy]) -> (AnchorMap, Problems) {
    let per_document: Vec<(Anchors, Problems)> = docs.par_iter().map(document_anchors).collect();
    let mut anchors = HashMap::with_capacity(per_document.iter().map(|(a, _)| a.len()).sum());
    let mut problems = Problems::default();
    for (found, p) in per_document {
        anchors.extend(found);
        problems.extend(p);
    }
    (anchors, problems)
}

/// One document's anchors, and any problems with them.
pub fn document_anchors(s: &Strategy) -> (Anchors, Problems) {
    let mut anchors = Vec::new();
    let mut found = Problems::default();
    let problems = &mut found;
    {
        let doc = &s.slug;
        let mut add = |anchor: &str, page: Page, fragment: bool| {
            anchors.push(((doc.clone(), anchor.to_string()), Place { page, fragment }));
        };
        for (n, section) in s.sections.iter().enumerate() {
            if section.slug == "priorities" {
                problems.push(
                    Problem::file(
                        &section.file.path,
                        "a section cannot be called `priorities`",
                    )
                    .help("that address holds the list of priorities; rename the file"),
                );
            }
            for (a, _) in &section.anchors {
                add(a, Page::Section(n), true);
            }
        }
        for (n, m) in s.measures.iter().enumerate() {
            add(&m.id, Page::Measure(n), false);
        }
        if let Some(plan) = &s.plan {
            for a in &plan.ambitions {
                add(&a.id.value, Page::Priorities, true);
            }
            for (n, p) in plan.priorities.iter().enumerate() {
                let ids = p
                    .milestones
                    .iter()
                    .map(|m| &m.id)
                    .chain(p.measures.iter().map(|m| &m.id))
                    .chain(p.commitments.iter().map(|c| &c.id));
                for id in ids {
                    add(&id.value, Page::Priority(n), true);
                }
                add(&p.id.value, Page::Priority(n), false);
            }
            for p in &plan.priorities {
                if let Some(a) = &p.ambition {
                    if !plan.ambitions.iter().any(|x| x.id.value == a.value) {
                        let file = s.plan_file.as_ref().expect("a plan comes from its file");
                        let help = did_you_mean(
                            &a.value,
                            plan.ambitions.iter().map(|x| x.id.value.as_str()),
                        )
                        .unwrap_or_else(|| {
                            "add it under `ambitions:` or remove `ambition:`".to_string()
                        });
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
    (anchors, found)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A project of documents known only by what others say (no sections),
    /// each `(slug, extra strategy.yaml lines)`, loaded.
    fn content(docs: &[(&str, &str)]) -> Content {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/strategies")).unwrap();
        std::fs::write(
            root.join("content/site.yaml"),
            "name: S\norganisation: O\nlanguage: en-GB\nbase_url: https://example.org/\ncontact:\n  phone: \"1\"\naccessibility:\n  reviewed: \"2026\"\n",
        )
        .unwrap();
        for (slug, extra) in docs {
            let d = root.join("content/strategies").join(slug);
            std::fs::create_dir_all(&d).unwrap();
            std::fs::write(
                d.join("strategy.yaml"),
                format!("title: {slug}\nkind: strategy\nheld: false\nstatus:\n  state: published\n{extra}"),
            )
            .unwrap();
        }
        crate::load::load(root).unwrap_or_else(|p| panic!("{:?}", p.0))
    }

    fn problems(docs: &[(&str, &str)]) -> Vec<String> {
        match resolve(&content(docs)) {
            Ok(_) => Vec::new(),
            Err(p) => {
                p.0.iter()
                    .map(|p| format!("{}: {}", p.position(), p.message))
                    .collect()
            }
        }
    }

    #[test]
    fn a_lineage_cycle_is_reported_at_the_entry_that_starts_it() {
        let found = problems(&[
            ("a", "superseded_by: b\nreplaces: [c]\n"),
            ("b", "superseded_by: c\n"),
            ("c", ""),
        ]);
        assert_eq!(
            found,
            [
                "content/strategies/a/strategy.yaml:6:16: the lineage goes round in a circle: a → b → c → a"
            ]
        );
    }

    #[test]
    fn a_document_superseded_by_itself_is_a_cycle() {
        let found = problems(&[("a", "superseded_by: a\n")]);
        assert_eq!(
            found,
            ["content/strategies/a/strategy.yaml:6:16: the lineage goes round in a circle: a → a"]
        );
    }

    #[test]
    fn a_document_cannot_deliver_or_be_reviewed_in_itself() {
        let found = problems(&[("a", "delivers: a\nreviewed_in: [a]\n")]);
        assert_eq!(
            found,
            [
                "content/strategies/a/strategy.yaml:6:11: the document delivers itself",
                "content/strategies/a/strategy.yaml:7:15: the document is reviewed in itself",
            ]
        );
    }

    #[test]
    fn a_clean_lineage_resolves() {
        assert!(problems(&[("a", "superseded_by: b\n"), ("b", "delivers: a\n")]).is_empty());
    }
}
