//! Stage 3: link the documents together. Every reference by slug or anchor
//! is looked up here, lineage is read in both directions, and every page and
//! anchor gets its address. That each reference names something is checked
//! before, by [`crate::validate::links`] with the same anchor index.

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::*;

use crate::model::{Citation, Content, Plan, Priority, Spanned, State, Strategy};

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

/// A citable place: the page path with its fragment, and the page's title.
#[derive(Debug, Clone)]
pub struct Target {
    pub path: String,
    pub page_title: String,
}

/// Links content whose references [`crate::validate::links`] found sound,
/// with its anchors indexed ([`anchor_index`]: the preview keeps the index
/// between rebuilds and re-indexes only the documents that changed). A
/// reference to nothing, which validating reports, is left out.
pub fn resolve(content: &Content, anchors: AnchorMap) -> Resolved {
    let docs = &content.strategies;
    let index: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, s)| (s.slug.as_str(), i))
        .collect();
    let find = |slug: &Spanned<String>| index.get(slug.value.as_str()).copied();
    let mut references = vec![BTreeSet::new(); docs.len()];
    let lineage = read_lineage(docs, &find, &mut references);
    let mut measures_for: HashMap<(String, String), Vec<(usize, usize)>> = HashMap::new();
    for (di, s) in docs.iter().enumerate() {
        for (mi, m) in s.measures.iter().enumerate() {
            for c in &m.meta.belongs_to {
                references[di].extend(find(&c.document));
                measures_for
                    .entry((c.document.value.clone(), c.anchor.value.clone()))
                    .or_default()
                    .push((di, mi));
            }
            let target = m.meta.target.as_ref().and_then(|t| t.source.as_ref());
            references[di].extend(target.and_then(|c| find(&c.document)));
            let sources = m.observations.iter().map(|o| o.document.as_str());
            references[di].extend(sources.filter_map(|d| index.get(d).copied()));
        }
        references[di].extend(citations(s).filter_map(|c| find(&c.document)));
    }
    Resolved {
        order: home_order(docs),
        lineage,
        anchors,
        measures_for,
        references,
        documents: index
            .iter()
            .map(|(&slug, &i)| (slug.to_string(), i))
            .collect(),
    }
}

/// Each document's lineage, read in both directions; what it names is
/// added to its `references`.
fn read_lineage(
    docs: &[Strategy],
    find: &impl Fn(&Spanned<String>) -> Option<usize>,
    references: &mut [BTreeSet<usize>],
) -> Vec<Lineage> {
    let mut lineage = vec![Lineage::default(); docs.len()];
    for (i, s) in docs.iter().enumerate() {
        for j in s.meta.replaces.iter().filter_map(find) {
            references[i].insert(j);
            push_unique(&mut lineage[i].replaces, j);
            push_unique(&mut lineage[j].replaced_by, i);
        }
        if let Some(j) = s.meta.superseded_by.as_ref().and_then(find) {
            references[i].insert(j);
            push_unique(&mut lineage[i].replaced_by, j);
            push_unique(&mut lineage[j].replaces, i);
        }
        if let Some(j) = s.meta.delivers.as_ref().and_then(find) {
            references[i].insert(j);
            lineage[i].delivers = Some(j);
            push_unique(&mut lineage[j].delivered_through, i);
        }
        for j in s.meta.reviewed_in.iter().filter_map(find) {
            references[i].insert(j);
            push_unique(&mut lineage[i].reviewed_in, j);
            push_unique(&mut lineage[j].reviews, i);
        }
    }
    lineage
}

/// What a document's plan and status cite: where its commitments were
/// taken forward, its outcomes' sources, its status's and statements' sources.
fn citations(s: &Strategy) -> impl Iterator<Item = &Citation> {
    let commitments = s
        .plan
        .iter()
        .flat_map(|p| &p.priorities)
        .flat_map(|p| &p.commitments);
    let plan = commitments.flat_map(|c| {
        c.taken_forward_by
            .iter()
            .chain(c.outcome.as_ref().and_then(|o| o.source.as_ref()))
    });
    plan.chain(&s.meta.status.source)
        .chain(s.meta.statements.iter().map(|st| &st.source))
}

fn push_unique(v: &mut Vec<usize>, i: usize) {
    if !v.contains(&i) {
        v.push(i);
        v.sort_unstable();
    }
}

/// Every citable place: (document, anchor) → where it is.
pub type AnchorMap = HashMap<(String, String), Target>;

/// A document's anchors as (document, anchor) → where it is.
pub type Anchors = Vec<((String, String), Target)>;

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
    let mut add = |anchor: &str, path: String, page_title: &str| {
        let target = Target {
            path,
            page_title: page_title.to_string(),
        };
        anchors.push(((doc.clone(), anchor.to_string()), target));
    };
    for section in &s.sections {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::testing::held_elsewhere;

    #[test]
    fn lineage_is_read_in_both_directions() {
        let content = held_elsewhere(
            "",
            &[
                ("a", "superseded_by: b\n"),
                ("b", "delivers: a\nreviewed_in: [c]\n"),
                ("c", "replaces: [a]\n"),
            ],
        );
        let r = resolve(&content, anchor_index(&content.strategies));
        let (a, b, c) = (&r.lineage[0], &r.lineage[1], &r.lineage[2]);
        assert_eq!(
            (&a.replaced_by, &a.delivered_through),
            (&vec![1, 2], &vec![1])
        );
        assert_eq!(
            (&b.replaces, b.delivers, &b.reviewed_in),
            (&vec![0], Some(0), &vec![2])
        );
        assert_eq!((&c.replaces, &c.reviews), (&vec![0], &vec![1]));
        assert_eq!(
            r.references,
            [
                BTreeSet::from([1]),
                BTreeSet::from([0, 2]),
                BTreeSet::from([0])
            ]
        );
        assert_eq!(r.neighbours(0), BTreeSet::from([1, 2]));
    }
}
