//! Stage 3: link the documents together. Every reference by slug or anchor
//! is looked up here, lineage is read in both directions, and every page and
//! anchor gets its address. That each reference names something is checked
//! before, by [`crate::validate::links`] with the same anchor index.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use crate::model::anchors::{AnchorKey, AnchorMap};
use crate::model::{Content, Record, Spanned, State, Strategy};
use crate::theme::locale::Locale;

/// A document, by its position in `Content::strategies`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocumentId(pub usize);

impl DocumentId {
    /// The document it names.
    pub fn of(self, docs: &[Strategy]) -> &Strategy {
        &docs[self.0]
    }
}

/// The documents' links to one another.
#[derive(Debug, Default, Clone)]
pub struct Lineage {
    pub replaces: Vec<DocumentId>,
    pub replaced_by: Vec<DocumentId>,
    pub delivers: Option<DocumentId>,
    pub delivered_through: Vec<DocumentId>,
    pub reviewed_in: Vec<DocumentId>,
    pub reviews: Vec<DocumentId>,
    /// The plans a progress report reports on, and a plan's reports.
    pub reports_on: Vec<DocumentId>,
    pub reported_in: Vec<DocumentId>,
}

/// A measure, by its document's position in `Content::strategies` and its
/// own in that document's measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeasureRef {
    pub document: DocumentId,
    pub measure: usize,
}

#[derive(Debug)]
pub struct Resolved {
    pub lineage: Vec<Lineage>,
    /// Home-page order: what is current first, then newest to oldest.
    pub order: Vec<DocumentId>,
    /// (document, anchor) → where it is.
    pub anchors: AnchorMap,
    /// (document, anchor) of a priority, commitment or key measure → the
    /// measures that report on it, as (document index, measure index).
    pub measures_for: HashMap<AnchorKey, Vec<MeasureRef>>,
    /// Each document's index in `Content::strategies`, by slug.
    pub documents: HashMap<String, DocumentId>,
    /// The published records the content cites, by address.
    pub records: HashMap<String, Record>,
    /// For each document, the other documents its files name (lineage,
    /// citations, figures' sources, what its measures report on).
    pub references: Vec<BTreeSet<DocumentId>>,
    /// The theme's words in the site's language: what every later stage
    /// writes for a reader that is not content.
    pub locale: Arc<Locale>,
}

impl Resolved {
    /// The documents linked to `i` in either direction: what its pages can
    /// show of others, and the others whose pages can show something of it.
    pub fn neighbours(&self, i: DocumentId) -> BTreeSet<DocumentId> {
        let mut found = self.references.get(i.0).cloned().unwrap_or_default();
        found.extend(
            self.references
                .iter()
                .enumerate()
                .filter(|(_, r)| r.contains(&i))
                .map(|(j, _)| DocumentId(j)),
        );
        found.remove(&i);
        found
    }
}

/// Links content whose references [`crate::validate::links`] found sound,
/// with its anchors indexed ([`crate::model::anchors::anchor_index`]: the preview keeps the index
/// between rebuilds and re-indexes only the documents that changed). A
/// reference to nothing, which validating reports, is left out.
pub fn resolve(content: &Content, anchors: AnchorMap, locale: Arc<Locale>) -> Resolved {
    let docs = &content.strategies;
    let index: HashMap<&str, DocumentId> = docs
        .iter()
        .enumerate()
        .map(|(i, s)| (s.slug.as_str(), DocumentId(i)))
        .collect();
    let find = |slug: &Spanned<String>| index.get(slug.value.as_str()).copied();
    let mut references = vec![BTreeSet::new(); docs.len()];
    let lineage = read_lineage(docs, &find, &mut references);
    let mut measures_for: HashMap<AnchorKey, Vec<MeasureRef>> = HashMap::new();
    for (di, s) in docs.iter().enumerate() {
        for (mi, m) in s.measures.iter().enumerate() {
            for key in m.meta.belongs_to.iter().filter_map(|c| c.key()) {
                measures_for.entry(key).or_default().push(MeasureRef {
                    document: DocumentId(di),
                    measure: mi,
                });
            }
            let sources = m.observations.iter().filter_map(|o| o.source.document());
            references[di].extend(sources.filter_map(find));
        }
        let cited = s.citations().into_iter().filter_map(|(_, c)| c.document());
        references[di].extend(cited.filter_map(find));
    }
    Resolved {
        locale,
        order: home_order(docs),
        lineage,
        anchors,
        measures_for,
        references,
        documents: index
            .iter()
            .map(|(&slug, &i)| (slug.to_string(), i))
            .collect(),
        records: content
            .records
            .iter()
            .map(|r| (r.address.value.clone(), r.clone()))
            .collect(),
    }
}

/// Each document's lineage, read in both directions; what it names is
/// added to its `references`.
fn read_lineage(
    docs: &[Strategy],
    find: &impl Fn(&Spanned<String>) -> Option<DocumentId>,
    references: &mut [BTreeSet<DocumentId>],
) -> Vec<Lineage> {
    let mut lineage = vec![Lineage::default(); docs.len()];
    for (n, s) in docs.iter().enumerate() {
        let i = DocumentId(n);
        for j in s.meta.replaces.iter().filter_map(find) {
            references[i.0].insert(j);
            push_unique(&mut lineage[i.0].replaces, j);
            push_unique(&mut lineage[j.0].replaced_by, i);
        }
        if let Some(j) = s.meta.superseded_by.as_ref().and_then(find) {
            references[i.0].insert(j);
            push_unique(&mut lineage[i.0].replaced_by, j);
            push_unique(&mut lineage[j.0].replaces, i);
        }
        if let Some(j) = s.meta.delivers.as_ref().and_then(find) {
            references[i.0].insert(j);
            lineage[i.0].delivers = Some(j);
            push_unique(&mut lineage[j.0].delivered_through, i);
        }
        for j in s.meta.reviewed_in.iter().filter_map(find) {
            references[i.0].insert(j);
            push_unique(&mut lineage[i.0].reviewed_in, j);
            push_unique(&mut lineage[j.0].reviews, i);
        }
        for j in s.meta.reports_on.iter().filter_map(find) {
            references[i.0].insert(j);
            push_unique(&mut lineage[i.0].reports_on, j);
            push_unique(&mut lineage[j.0].reported_in, i);
        }
    }
    lineage
}

fn push_unique(v: &mut Vec<DocumentId>, i: DocumentId) {
    if !v.contains(&i) {
        v.push(i);
        v.sort_unstable();
    }
}

fn home_order(docs: &[Strategy]) -> Vec<DocumentId> {
    let mut order: Vec<DocumentId> = (0..docs.len()).map(DocumentId).collect();
    let when = |s: &Strategy| {
        s.meta
            .period
            .as_ref()
            .map(|p| p.start.value)
            .or(s.meta.published)
    };
    order.sort_by(|&a, &b| {
        let (sa, sb) = (a.of(docs), b.of(docs));
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
        let r = resolve(
            &content,
            crate::model::anchors::anchor_index(&content.strategies),
            Arc::new(Locale::builtin_reference()),
        );
        let (a, b, c) = (&r.lineage[0], &r.lineage[1], &r.lineage[2]);
        assert_eq!(
            (&a.replaced_by, &a.delivered_through),
            (&ids(&[1, 2]), &ids(&[1]))
        );
        assert_eq!(
            (&b.replaces, b.delivers, &b.reviewed_in),
            (&ids(&[0]), Some(DocumentId(0)), &ids(&[2]))
        );
        assert_eq!((&c.replaces, &c.reviews), (&ids(&[0]), &ids(&[1])));
        assert_eq!(r.references, [set(&[1]), set(&[0, 2]), set(&[0])]);
        assert_eq!(r.neighbours(DocumentId(0)), set(&[1, 2]));
    }

    fn ids(n: &[usize]) -> Vec<DocumentId> {
        n.iter().copied().map(DocumentId).collect()
    }

    fn set(n: &[usize]) -> BTreeSet<DocumentId> {
        n.iter().copied().map(DocumentId).collect()
    }
}
