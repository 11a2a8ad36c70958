//! Every citable place of the content: each anchor a document's files
//! define, and which of its pages holds it.

use std::collections::HashMap;

use rayon::prelude::*;

use super::Strategy;

/// A citable place: the page of its document that holds it, and the
/// fragment on that page. Where pages live is for the document model to say.
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

/// The name of a citable place: a document's slug and an anchor of it, as
/// a citation writes them (`document#anchor`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AnchorKey {
    pub document: String,
    pub anchor: String,
}

impl AnchorKey {
    pub fn new(document: &str, anchor: &str) -> AnchorKey {
        AnchorKey {
            document: document.to_string(),
            anchor: anchor.to_string(),
        }
    }
}

/// Every citable place, by its name.
pub type AnchorMap = HashMap<AnchorKey, Place>;

/// A document's anchors, each with where it is.
pub type Anchors = Vec<(AnchorKey, Place)>;

/// Every anchor of every document; documents are indexed in parallel.
pub fn anchor_index(docs: &[Strategy]) -> AnchorMap {
    let per_document: Vec<Anchors> = docs.par_iter().map(document_anchors).collect();
    let mut anchors = HashMap::with_capacity(per_document.iter().map(Vec::len).sum());
    anchors.extend(per_document.into_iter().flatten());
    anchors
}

/// One document's anchors.
pub fn document_anchors(s: &Strategy) -> Anchors {
    let mut anchors = Vec::new();
    let doc = &s.slug;
    let mut add = |anchor: &str, page: Page, fragment: bool| {
        anchors.push((AnchorKey::new(doc, anchor), Place { page, fragment }));
    };
    for (n, section) in s.sections.iter().enumerate() {
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
            let actions = p.commitments.iter().flat_map(|c| &c.actions);
            for id in actions.filter_map(|a| a.id.as_ref()) {
                add(id, Page::Priority(n), true);
            }
            for text in p.intro.iter().chain(&p.aim) {
                for id in paragraph_anchors(text) {
                    add(id, Page::Priority(n), true);
                }
            }
            add(&p.id.value, Page::Priority(n), false);
        }
    }
    anchors
}

/// The anchors that start paragraphs of Markdown (`{#para-1-1} 1.1 …`), as
/// the page gives them ids: a priority's introduction is cited like a
/// section.
pub fn paragraph_anchors(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter_map(|l| {
        let id = l.trim_start().strip_prefix("{#")?.split_once('}')?.0;
        let slug = !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        slug.then_some(id)
    })
}
