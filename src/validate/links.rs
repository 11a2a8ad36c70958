//! The checks across documents, made with the index of every document's
//! anchors: each document and anchor a file names exists, no document
//! delivers or reviews itself, the lineage runs one way, former slugs are
//! free, and the documents `site.yaml` gives audio exist.

use std::collections::{HashMap, HashSet};

use super::{at, lineage};
use crate::diagnostic::{Problem, Problems, csv_column};
use crate::model::RESERVED;
use crate::model::anchors::{AnchorKey, AnchorMap};
use crate::model::{Citation, Content, Measure, SourceFile, Spanned, Strategy};
use crate::support::suggest::did_you_mean;

/// Every problem with the links between documents; `anchors` is the index
/// resolving will use.
pub fn links(content: &Content, anchors: &AnchorMap) -> Problems {
    let known = Known::new(content, anchors);
    let mut problems = Problems::default();
    let p = &mut problems;
    for slug in &content.site.exports.audio {
        known.document(&content.site_file, slug, p);
    }
    for s in &content.strategies {
        check_lineage(&known, s, p);
    }
    lineage::check_cycles(&content.strategies, &known.documents, p);
    for c in content
        .site
        .contact
        .phone_source
        .iter()
        .chain(&content.site.rule_source)
    {
        known.citation(&content.site_file, c, p);
    }
    for s in &content.strategies {
        for (file, c) in s.citations() {
            known.citation(file, c, p);
        }
        for m in &s.measures {
            check_figures(&known, m, p);
        }
        check_former_slugs(&known, s, p);
        if let Some(log) = &s.progress {
            for e in &log.entries {
                known.csv_source(&log.file, e.line, 3, (&e.document, &e.anchor), p);
            }
        }
    }
    if let Some(file) = &content.topics_file {
        for c in content.topics.iter().flat_map(|t| &t.covers) {
            known.citation(file, c, p);
        }
    }
    unused_records(content, p);
    problems
}

/// A record listed but cited nowhere is a warning: it may be a citation
/// that names it by another address.
fn unused_records(content: &Content, problems: &mut Problems) {
    let Some(file) = &content.records_file else {
        return;
    };
    let documents = content.strategies.iter().flat_map(|s| {
        let figures = s
            .measures
            .iter()
            .flat_map(|m| &m.observations)
            .map(|o| &o.source);
        s.citations().into_iter().map(|(_, c)| c).chain(figures)
    });
    let cited: HashSet<&str> = documents
        .chain(&content.site.contact.phone_source)
        .chain(&content.site.rule_source)
        .chain(content.topics.iter().flat_map(|t| &t.covers))
        .filter_map(|c| c.record())
        .map(|a| a.value.as_str())
        .collect();
    for r in &content.records {
        if !cited.contains(r.address.value.as_str()) {
            problems.push(
                at(file, &r.address, format!("the record `{}` is cited nowhere", r.address.value))
                    .help("cite it as `{ record: ADDRESS }` (or its address in a figures file), or remove it")
                    .warning(),
            );
        }
    }
}

/// What a reference may name: the documents by slug, their anchors, and
/// the published records by address.
struct Known<'a> {
    documents: HashMap<&'a str, usize>,
    slugs: Vec<&'a str>,
    anchors: &'a AnchorMap,
    records: Vec<&'a str>,
}

impl<'a> Known<'a> {
    fn new(content: &'a Content, anchors: &'a AnchorMap) -> Self {
        let docs = &content.strategies;
        Known {
            records: content
                .records
                .iter()
                .map(|r| r.address.value.as_str())
                .collect(),
            documents: docs
                .iter()
                .enumerate()
                .map(|(i, s)| (s.slug.as_str(), i))
                .collect(),
            slugs: docs.iter().map(|s| s.slug.as_str()).collect(),
            anchors,
        }
    }

    /// The anchors of document `doc`.
    fn anchors_of<'b>(&'b self, doc: &'b str) -> impl Iterator<Item = &'b str> {
        self.anchors
            .keys()
            .filter(move |k| k.document == doc)
            .map(|k| k.anchor.as_str())
    }

    /// Whether `slug`, written in `file`, names a document; a problem if not.
    fn document(&self, file: &SourceFile, slug: &Spanned<String>, problems: &mut Problems) -> bool {
        let found = self.documents.contains_key(slug.value.as_str());
        if !found {
            let help = did_you_mean(&slug.value, self.slugs.iter().copied())
                .unwrap_or_else(|| "name a folder under `content/strategies/`".to_string());
            problems
                .push(at(file, slug, format!("there is no document `{}`", slug.value)).help(help));
        }
        found
    }

    /// The cited document has the cited anchor, or the cited record is listed.
    fn citation(&self, file: &SourceFile, c: &Citation, problems: &mut Problems) {
        match c {
            Citation::Paragraph { document, anchor } => {
                let (doc, a) = (&document.value, &anchor.value);
                if self.document(file, document, problems)
                    && !self.anchors.contains_key(&AnchorKey::new(doc, a))
                {
                    let help = did_you_mean(a, self.anchors_of(doc)).unwrap_or_else(|| {
                        format!("add `{{#{a}}}` to the cited paragraph of `{doc}`")
                    });
                    problems
                        .push(at(file, anchor, format!("`{doc}` has no anchor `{a}`")).help(help));
                }
            }
            Citation::Record { address } => {
                if let Some((message, help)) = self.unlisted(&address.value) {
                    problems.push(at(file, address, message).help(help));
                }
            }
        }
    }

    /// Why a cited record's address is not one `records.yaml` lists, if it is not.
    fn unlisted(&self, address: &str) -> Option<(String, String)> {
        if self.records.contains(&address) {
            return None;
        }
        let help = did_you_mean(address, self.records.iter().copied()).unwrap_or_else(|| {
            "list the record in content/records.yaml with its address, title, publisher and origin"
                .to_string()
        });
        Some((
            format!("the record `{address}` is not listed in content/records.yaml"),
            help,
        ))
    }

    /// The source of a row of a CSV file, `document#anchor` in its field
    /// `field`, exists.
    fn csv_source(
        &self,
        file: &SourceFile,
        line: usize,
        field: usize,
        (document, anchor): (&str, &str),
        problems: &mut Problems,
    ) {
        if self.anchors.contains_key(&AnchorKey::new(document, anchor)) {
            return;
        }
        let (message, help) = if self.documents.contains_key(document) {
            (
                format!("`{document}` has no anchor `{anchor}`"),
                did_you_mean(anchor, self.anchors_of(document)).unwrap_or_else(|| {
                    format!(
                        "add `{{#{anchor}}}` to the paragraph of `{document}` that publishes it"
                    )
                }),
            )
        } else {
            (
                format!("there is no document `{document}`"),
                did_you_mean(document, self.slugs.iter().copied()).unwrap_or_else(|| {
                    "name a folder under `content/strategies/`, as `document#anchor`".to_string()
                }),
            )
        };
        let column = csv_column(file, line, field);
        problems.push(Problem::at(file, line, column, message).help(help));
    }
}

/// The documents a document's lineage names exist, and are not itself
/// where that makes no sense.
fn check_lineage(known: &Known, s: &Strategy, problems: &mut Problems) {
    let f = &s.meta_file;
    for r in s.meta.replaces.iter().chain(&s.meta.superseded_by) {
        known.document(f, r, problems);
    }
    if let Some(r) = &s.meta.delivers
        && known.document(f, r, problems)
        && r.value == s.slug
    {
        problems.push(
            at(f, r, "the document delivers itself")
                .help("under `delivers:` name the strategy it delivers, another document"),
        );
    }
    for r in &s.meta.reviewed_in {
        if known.document(f, r, problems) && r.value == s.slug {
            problems.push(
                at(f, r, "the document is reviewed in itself")
                    .help("under `reviewed_in:` name the reports that review it, other documents"),
            );
        }
    }
    for r in &s.meta.reports_on {
        if known.document(f, r, problems) && r.value == s.slug {
            problems.push(
                at(f, r, "the document reports on itself")
                    .help("under `reports_on:` name the plans this report gives the progress of, other documents"),
            );
        }
    }
}

/// The sources of a measure's figures exist.
fn check_figures(known: &Known, m: &Measure, problems: &mut Problems) {
    for o in &m.observations {
        match &o.source {
            Citation::Paragraph { document, anchor } => {
                let source = (document.value.as_str(), anchor.value.as_str());
                known.csv_source(&m.csv_file, o.line, 2, source, problems);
            }
            Citation::Record { address } => {
                if let Some((message, help)) = known.unlisted(&address.value) {
                    let column = csv_column(&m.csv_file, o.line, 2);
                    problems.push(Problem::at(&m.csv_file, o.line, column, message).help(help));
                }
            }
        }
    }
}

/// A former slug becomes a redirect: no document or site page may have it.
fn check_former_slugs(known: &Known, s: &Strategy, problems: &mut Problems) {
    for old in &s.meta.former_slugs {
        if known.documents.contains_key(old.value.as_str())
            || RESERVED.contains(&old.value.as_str())
        {
            problems.push(
                at(&s.meta_file, old, format!("the former slug `{}` is in use", old.value))
                    .help("a former slug becomes a redirect, so it cannot also be a document or a site page"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::testing::held_elsewhere;
    use crate::model::anchors::anchor_index;

    fn problems(docs: &[(&str, &str)]) -> Vec<String> {
        let content = held_elsewhere("", docs);
        links(&content, &anchor_index(&content.strategies))
            .0
            .iter()
            .map(|p| format!("{}: {}", p.position(), p.message))
            .collect()
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
    fn unknown_documents_and_used_former_slugs_are_named() {
        let found = problems(&[
            (
                "alpha",
                "replaces: [alpah]\nformer_slugs: [beta, archive]\n",
            ),
            ("beta", "delivers: zzz\n"),
        ]);
        assert_eq!(
            found,
            [
                "content/strategies/alpha/strategy.yaml:6:12: there is no document `alpah`",
                "content/strategies/beta/strategy.yaml:6:11: there is no document `zzz`",
                "content/strategies/alpha/strategy.yaml:7:16: the former slug `beta` is in use",
                "content/strategies/alpha/strategy.yaml:7:22: the former slug `archive` is in use",
            ]
        );
    }

    #[test]
    fn the_documents_given_audio_exist() {
        let content = held_elsewhere("exports:\n  audio: [alpha, alpah, zzz]\n", &[("alpha", "")]);
        let found = links(&content, &anchor_index(&content.strategies));
        let described: Vec<_> = found
            .0
            .iter()
            .map(|p| {
                format!(
                    "{}: {} ({})",
                    p.position(),
                    p.message,
                    p.help.as_deref().unwrap_or("")
                )
            })
            .collect();
        assert_eq!(
            described,
            [
                "content/site.yaml:12:18: there is no document `alpah` (did you mean `alpha`?)",
                "content/site.yaml:12:25: there is no document `zzz` (name a folder under `content/strategies/`)",
            ]
        );
    }

    #[test]
    fn a_clean_lineage_has_no_problems() {
        assert!(problems(&[("a", "superseded_by: b\n"), ("b", "delivers: a\n")]).is_empty());
    }
}
