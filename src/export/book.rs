//! A document in reading order, once, for every format: its overview
//! facts, its sections, its plan (priorities, milestones, measures,
//! commitments with their outcomes) and the figures it publishes, with
//! each chart's description and numbers.
//!
//! The order is the site's: sections up to the one marked `plan: true`,
//! the plan, the other sections, then the performance figures.

use serde::Serialize;

use crate::model::{Content, PartialDate, Plan, Priority, Strategy};
use crate::render::archive;
use crate::render::performance::{self, MeasureSummary};
use crate::render::views::{DocView, Link, Urls, cite, doc_view};
use crate::resolve::{Resolved, plan_label, priority_heading};

use super::blocks::{self, Block, Fact, Figure, Inline, Scope, Table};

/// A document as the exports present it.
#[derive(Debug, Clone, Serialize)]
pub struct Book {
    pub slug: String,
    pub title: String,
    pub subtitle: Option<String>,
    /// BCP 47, from `site.yaml`.
    pub language: String,
    pub organisation: String,
    pub publisher: String,
    /// As published: `2011-07`.
    pub published: Option<String>,
    /// A fixed date, from the content, stamped on files that need one:
    /// when the site's accessibility was last reviewed.
    pub modified: PartialDate,
    /// The document's address on the site.
    pub url: String,
    pub held: bool,
    /// Part 1 is the overview; the rest follow the site's reading order.
    pub parts: Vec<Part>,
}

/// One part of a book: a page of the site, a chapter of an EPUB, a track of audio.
#[derive(Debug, Clone, Serialize)]
pub struct Part {
    /// Unique in the book: `p03-monitoring-and-reporting-progress`.
    pub id: String,
    /// From 1.
    pub number: usize,
    pub slug: String,
    pub title: String,
    pub kind: PartKind,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PartKind {
    Overview,
    Section,
    Priorities,
    Priority,
    Outcomes,
    Performance,
}

impl Book {
    /// Whether any part has a chart.
    pub fn has_charts(&self) -> bool {
        self.parts.iter().any(|p| p.has_charts())
    }
}

impl Part {
    pub fn has_charts(&self) -> bool {
        fn any(blocks: &[Block]) -> bool {
            blocks.iter().any(|b| match b {
                Block::Figure(_) => true,
                Block::List { items, .. } => items.iter().any(|i| any(i)),
                Block::Quote { blocks } => any(blocks),
                _ => false,
            })
        }
        any(&self.blocks)
    }
}

/// What a book is made from.
pub struct Source<'a> {
    pub content: &'a Content,
    pub resolved: &'a Resolved,
    /// Absolute addresses: an export is read away from the site.
    pub urls: Urls,
}

impl<'a> Source<'a> {
    pub fn new(content: &'a Content, resolved: &'a Resolved, base_url: &str) -> Self {
        let u = Urls::new(base_url);
        Source {
            content,
            resolved,
            urls: Urls {
                base_path: u.base_url.clone(),
                base_url: u.base_url,
            },
        }
    }

    fn docs(&self) -> &'a [Strategy] {
        &self.content.strategies
    }
}

/// Builds parts one after another, numbering them.
struct Parts<'s> {
    base_url: &'s str,
    parts: Vec<Part>,
}

impl Parts<'_> {
    fn next_id(&self, slug: &str) -> (usize, String) {
        let n = self.parts.len() + 1;
        (n, format!("p{n:02}-{slug}"))
    }

    fn scope<'a>(&'a self, prefix: &'a str) -> Scope<'a> {
        Scope {
            id_prefix: prefix,
            base_url: self.base_url,
        }
    }

    fn push(&mut self, slug: &str, title: String, kind: PartKind, blocks: Vec<Block>) {
        let (number, id) = self.next_id(slug);
        self.parts.push(Part {
            id,
            number,
            slug: slug.to_string(),
            title,
            kind,
            blocks,
        });
    }
}

/// The document at `index` of the content, in reading order.
pub fn book(src: &Source, index: usize) -> Book {
    let docs = src.docs();
    let s = &docs[index];
    let view = doc_view(index, docs, src.resolved, &src.urls, &[]);
    let base_url = src.urls.base_url.clone();
    let mut parts = Parts {
        base_url: &base_url,
        parts: Vec::new(),
    };
    let prefix = format!("{}-", parts.next_id("overview").1);
    let overview = overview(src, s, &view, &parts.scope(&prefix));
    parts.push(
        "overview",
        s.meta.title.clone(),
        PartKind::Overview,
        overview,
    );

    let plan_at = s.plan_position();
    for (n, section) in s.sections.iter().enumerate() {
        if n == plan_at {
            if let Some(plan) = &s.plan {
                plan_parts(src, s, plan, &mut parts);
            }
        }
        let (_, id) = parts.next_id(&section.slug);
        let prefix = format!("{id}-");
        let blocks = blocks::parse(section.body(), &parts.scope(&prefix));
        parts.push(
            &section.slug,
            section.title.clone(),
            PartKind::Section,
            blocks,
        );
    }
    if plan_at >= s.sections.len() {
        if let Some(plan) = &s.plan {
            plan_parts(src, s, plan, &mut parts);
        }
    }
    if let Some(blocks) = s.plan.as_ref().and_then(|plan| outcomes(src, s, plan)) {
        parts.push(
            "outcomes",
            "What became of the commitments".to_string(),
            PartKind::Outcomes,
            blocks,
        );
    }
    if !s.measures.is_empty() {
        let (_, id) = parts.next_id("performance");
        let blocks = performance(src, s, &parts.scope(&format!("{id}-")));
        parts.push(
            "performance",
            "Performance".to_string(),
            PartKind::Performance,
            blocks,
        );
    }

    Book {
        slug: s.slug.clone(),
        title: s.meta.title.clone(),
        subtitle: s.meta.subtitle.clone(),
        language: src.content.site.language.clone(),
        organisation: src.content.site.organisation.clone(),
        publisher: s
            .meta
            .publisher
            .clone()
            .unwrap_or_else(|| src.content.site.organisation.clone()),
        published: s.meta.published.map(|d| d.to_string()),
        modified: src.content.site.accessibility.reviewed,
        url: view.url.clone(),
        held: s.meta.held,
        parts: parts.parts,
    }
}

fn links(links: &[Link]) -> Inline {
    let mut out = Inline::default();
    for (i, l) in links.iter().enumerate() {
        if i > 0 {
            // Titles of citations hold commas of their own.
            out.push_str("; ");
        }
        out.push(&Inline::link(&l.title, &l.url));
    }
    out
}

fn para(text: Inline) -> Block {
    Block::Paragraph { id: None, text }
}

fn heading(level: u8, id: String, text: &str) -> Block {
    Block::Heading {
        level,
        id,
        text: Inline::plain(text),
    }
}

/// The document's facts, its status, a note on this edition, and for a
/// document the site does not hold, what other documents say of it.
fn overview(src: &Source, s: &Strategy, view: &DocView, scope: &Scope) -> Vec<Block> {
    let mut out = Vec::new();
    if let Some(sub) = &view.subtitle {
        out.push(para(Inline::plain(sub)));
    }
    let mut facts = vec![Fact {
        term: "Type".to_string(),
        value: Inline::plain(view.kind),
    }];
    let status = &view.status;
    facts.push(Fact {
        term: "Status".to_string(),
        value: Inline::plain(&match &status.date {
            Some(d) => format!("{} since {}", status.label, d.long),
            None => status.label.clone(),
        }),
    });
    if let Some((start, end)) = &view.period {
        facts.push(Fact {
            term: "Period covered".to_string(),
            value: Inline::plain(&format!("{} to {}", start.long, end.long)),
        });
    }
    if let Some(d) = &view.published {
        facts.push(Fact {
            term: "Published".to_string(),
            value: Inline::plain(&d.long),
        });
    }
    if let Some((d, by)) = &view.approved {
        facts.push(Fact {
            term: "Approved".to_string(),
            value: Inline::plain(&format!("{} by {by}", d.long)),
        });
    }
    if let Some(p) = &view.publisher {
        facts.push(Fact {
            term: "Publisher".to_string(),
            value: Inline::plain(p),
        });
    }
    for rel in &view.lineage {
        facts.push(Fact {
            term: rel.label.to_string(),
            value: links(&rel.documents),
        });
    }
    out.push(Block::Facts { items: facts });

    if status.ended {
        let mut t = Inline::plain(&format!(
            "This document is no longer in force. {} was {}",
            view.title,
            status.label.to_lowercase()
        ));
        if let Some(d) = &status.date {
            t.push_str(&format!(" on {}", d.long));
        }
        if let Some(by) = &status.by {
            t.push_str(&format!(" by {by}"));
        }
        t.push_str(".");
        if let Some(reason) = &status.reason {
            t.push_str(&format!(" Reason given: “{reason}”."));
        }
        if let Some(src) = &status.source {
            t.push_str(" Source: ")
                .push(&Inline::link(&src.title, &src.url))
                .push_str(".");
        }
        out.push(para(t));
    } else if status.state == "current" {
        out.push(para(Inline::plain(&format!(
            "This is the {} in force.",
            view.kind.to_lowercase()
        ))));
    }

    let site = &src.content.site;
    let mut note = Inline::plain("This edition was made from the pages published at ");
    note.push(&Inline::link(&view.url, &view.url))
        .push_str(&format!(
            " by {}, from the same content.",
            site.organisation
        ));
    if s.meta.held {
        note.push_str(" The wording is the council's own; only damage done when the text was taken from the published PDF has been repaired.");
    }
    let mut ask = Inline::plain("To ask for this document in another format, call ");
    let phone = &site.contact.phone;
    ask.push(&Inline::link(
        phone,
        &format!("tel:{}", phone.replace(' ', "")),
    ));
    if let Some(email) = &site.contact.email {
        ask.push_str(" or email ")
            .push(&Inline::link(email, &format!("mailto:{email}")));
    }
    ask.push_str(".");
    out.push(heading(
        2,
        format!("{}about", scope.id_prefix),
        "About this edition",
    ));
    out.push(para(note));
    out.push(para(ask));

    if !s.meta.held {
        out.push(heading(
            2,
            format!("{}statements", scope.id_prefix),
            "What the documents on this site say of it",
        ));
        out.push(para(Inline::plain(&format!(
            "The full text of {} is not held on this site. Other documents mention it:",
            view.title
        ))));
        for st in &s.meta.statements {
            let source = cite(src.resolved, &src.urls, src.docs(), &st.source);
            let mut quote = blocks::parse(&st.text, scope);
            let mut from = Inline::plain("Source: ");
            from.push(&Inline::link(&source.title, &source.url));
            quote.push(para(from));
            out.push(Block::Quote { blocks: quote });
        }
    }
    out
}

/// The plan: its list of priorities (by ambition), then one part a priority.
fn plan_parts(src: &Source, s: &Strategy, plan: &Plan, parts: &mut Parts) {
    let label = plan_label(plan);
    let (_, index_id) = parts.next_id("priorities");
    let prefix = format!("{index_id}-");
    let scope = parts.scope(&prefix);
    let title_of = |p: &Priority| Inline::plain(&priority_heading(&label.singular, p));
    let list = |ps: Vec<&Priority>| Block::List {
        ordered: false,
        start: 1,
        items: ps.into_iter().map(|p| vec![para(title_of(p))]).collect(),
    };
    let mut index = Vec::new();
    for a in &plan.ambitions {
        index.push(heading(
            2,
            format!("{}{}", scope.id_prefix, a.id.value),
            &a.title,
        ));
        if let Some(summary) = &a.summary {
            index.extend(blocks::parse(summary, &scope));
        }
        let ps: Vec<&Priority> = plan
            .priorities
            .iter()
            .filter(|p| p.ambition.as_ref().is_some_and(|x| x.value == a.id.value))
            .collect();
        if !ps.is_empty() {
            index.push(list(ps));
        }
    }
    let ungrouped: Vec<&Priority> = plan
        .priorities
        .iter()
        .filter(|p| p.ambition.is_none())
        .collect();
    if !ungrouped.is_empty() {
        if !plan.ambitions.is_empty() {
            index.push(heading(
                2,
                format!("{}other", scope.id_prefix),
                &format!("Other {}", label.plural.to_lowercase()),
            ));
        }
        index.push(list(ungrouped));
    }
    parts.push(
        "priorities",
        label.plural.clone(),
        PartKind::Priorities,
        index,
    );

    let records_outcomes = plan.records_outcomes();
    for p in &plan.priorities {
        let (_, id) = parts.next_id(&p.id.value);
        let prefix = format!("{id}-");
        let blocks = priority(src, s, plan, p, records_outcomes, &parts.scope(&prefix));
        parts.push(
            &p.id.value,
            priority_heading(&label.singular, p),
            PartKind::Priority,
            blocks,
        );
    }
}

fn summary_item(m: &MeasureSummary) -> Inline {
    let mut t = Inline::link(&m.title, &m.url);
    t.push_str(&format!(": {}", m.standing_label));
    if let Some(latest) = &m.latest {
        t.push_str(&format!(". Latest: {latest}"));
        if let Some(target) = &m.target {
            t.push_str(&format!("; target {target}"));
        }
    }
    t.push_str(".");
    t
}

fn priority(
    src: &Source,
    s: &Strategy,
    plan: &Plan,
    p: &Priority,
    records_outcomes: bool,
    scope: &Scope,
) -> Vec<Block> {
    let docs = src.docs();
    let id = |name: &str| format!("{}{name}", scope.id_prefix);
    let mut out = Vec::new();
    if let Some(a) = p
        .ambition
        .as_ref()
        .and_then(|a| plan.ambitions.iter().find(|x| x.id.value == a.value))
    {
        let label = p.ambition_label.as_deref().unwrap_or("Ambition:");
        out.push(para(Inline::plain(&format!("{label} {}", a.title))));
    }
    if let Some(intro) = &p.intro {
        out.extend(blocks::parse(intro, scope));
    }
    if let Some(aim) = &p.aim {
        let title = plan
            .aim_heading
            .as_deref()
            .map_or("Aim", |h| h.trim_end_matches(':'));
        out.push(heading(2, id("aim"), title));
        out.extend(blocks::parse(aim, scope));
    }
    if !p.milestones.is_empty() {
        out.push(heading(2, id("milestones"), "Milestones"));
        out.push(Block::List {
            ordered: false,
            start: 1,
            items: p
                .milestones
                .iter()
                .map(|m| {
                    let due = m
                        .due
                        .map(|d| format!(" (due {})", crate::support::dates::long(d)))
                        .unwrap_or_default();
                    vec![para(Inline::plain(&format!("{}{due}", m.text)))]
                })
                .collect(),
        });
    }
    let reporting =
        |anchor: &str| performance::reporting_on(&s.slug, anchor, docs, src.resolved, &src.urls);
    if !p.measures.is_empty() {
        out.push(heading(2, id("measures"), "Key performance measures"));
        out.push(Block::List {
            ordered: false,
            start: 1,
            items: p
                .measures
                .iter()
                .map(|k| {
                    let reported = reporting(&k.id.value);
                    let mut item = vec![para(Inline::plain(&k.title))];
                    if reported.is_empty() {
                        item.push(para(Inline::plain("No figures published.")));
                    } else {
                        item.push(Block::List {
                            ordered: false,
                            start: 1,
                            items: reported
                                .iter()
                                .map(|m| vec![para(summary_item(m))])
                                .collect(),
                        });
                    }
                    item
                })
                .collect(),
        });
    }
    let figures: Vec<MeasureSummary> = std::iter::once(&p.id.value)
        .chain(p.commitments.iter().map(|c| &c.id.value))
        .flat_map(|a| reporting(a))
        .collect();
    if !figures.is_empty() {
        out.push(heading(2, id("figures"), "Figures reported"));
        out.push(Block::List {
            ordered: false,
            start: 1,
            items: figures
                .iter()
                .map(|m| vec![para(summary_item(m))])
                .collect(),
        });
    }

    let outcome = |c: &crate::model::Commitment| -> Vec<Block> {
        if !records_outcomes {
            return Vec::new();
        }
        let o = archive::outcome_view(c.outcome.as_ref(), docs, src.resolved, &src.urls);
        let mut t = Inline::plain(&format!("What became of it: {}.", o.label));
        if let Some(q) = &o.quote {
            t.push_str(&format!(" “{q}”"));
        }
        if let Some(l) = &o.source {
            t.push_str(" (")
                .push(&Inline::link(&l.title, &l.url))
                .push_str(")");
        }
        let mut out = vec![para(t)];
        let forward: Vec<Link> = c
            .taken_forward_by
            .iter()
            .map(|t| cite(src.resolved, &src.urls, docs, t))
            .collect();
        if !forward.is_empty() {
            let mut t = Inline::plain("Taken forward by: ");
            t.push(&links(&forward));
            out.push(para(t));
        }
        out
    };
    let actions = |c: &crate::model::Commitment| -> Vec<Block> {
        if c.actions.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        if let Some(intro) = &plan.actions_intro {
            out.push(para(Inline::plain(intro)));
        }
        out.push(Block::List {
            ordered: true,
            start: 1,
            items: c
                .actions
                .iter()
                .map(|a| vec![para(blocks::inline(a, scope))])
                .collect(),
        });
        out
    };
    let titled = p.commitments.first().is_some_and(|c| c.title.is_some());
    if titled {
        for c in &p.commitments {
            out.push(heading(
                2,
                id(&c.id.value),
                c.title.as_deref().unwrap_or_default(),
            ));
            if let Some(text) = &c.text {
                out.extend(blocks::parse(text, scope));
            }
            out.extend(outcome(c));
            out.extend(actions(c));
        }
    } else if !p.commitments.is_empty() {
        out.push(heading(2, id("commitments"), "Commitments"));
        out.push(Block::List {
            ordered: false,
            start: 1,
            items: p
                .commitments
                .iter()
                .map(|c| {
                    let mut item = c
                        .text
                        .as_deref()
                        .map(|t| blocks::parse(t, scope))
                        .unwrap_or_default();
                    if item.is_empty() {
                        item.push(para(Inline::plain(c.title.as_deref().unwrap_or_default())));
                    }
                    item.extend(actions(c));
                    item.extend(outcome(c));
                    item
                })
                .collect(),
        });
    }
    out
}

/// How many commitments of each theme each outcome has, when the plan
/// records outcomes: the commitments themselves are in their priorities.
fn outcomes(src: &Source, s: &Strategy, plan: &Plan) -> Option<Vec<Block>> {
    let view = archive::outcomes(s, plan, src.docs(), src.resolved, &src.urls)?;
    let mut head = vec![Inline::plain("Theme")];
    head.extend(view.statuses.iter().map(|st| Inline::plain(st)));
    head.push(Inline::plain("All"));
    let count = |n: &usize| Inline::plain(&n.to_string());
    let mut rows: Vec<Vec<Inline>> = view
        .themes
        .iter()
        .map(|t| {
            let mut row = vec![Inline::link(&t.title, &t.url)];
            row.extend(t.counts.iter().map(count));
            row.push(count(&t.total));
            row
        })
        .collect();
    let mut all = vec![Inline::plain("All themes")];
    all.extend(view.totals.iter().map(count));
    all.push(count(&view.total));
    rows.push(all);
    Some(vec![
        para(Inline::plain(
            "What the reports on this site record of each commitment. Where no report says what became of a commitment, it says “No outcome published”. Each commitment and its outcome are given under its theme.",
        )),
        Block::Table(Table {
            caption: Some(format!("Outcomes of the {} commitments", view.total)),
            head,
            rows,
            row_headers: true,
        }),
    ])
}

/// Every measure the document publishes: how it stands, its chart with
/// the chart's description, and every figure as a table.
fn performance(src: &Source, s: &Strategy, scope: &Scope) -> Vec<Block> {
    let docs = src.docs();
    let mut out = Vec::new();
    for m in &s.measures {
        let v = performance::measure_view(s, m, docs, src.resolved, &src.urls);
        out.push(heading(2, format!("{}{}", scope.id_prefix, v.id), &v.title));
        let mut facts = vec![Fact {
            term: "Status".to_string(),
            value: Inline::plain(v.summary.standing_label),
        }];
        if let Some(latest) = &v.summary.latest {
            facts.push(Fact {
                term: "Latest figure".to_string(),
                value: Inline::plain(latest),
            });
        }
        if let Some(t) = &v.target {
            let mut value = Inline::plain(&t.value);
            if let Some(p) = &t.period {
                value.push_str(&format!(" for {p}"));
            }
            if let Some(l) = &t.source {
                value
                    .push_str(" (set in ")
                    .push(&Inline::link(&l.title, &l.url))
                    .push_str(")");
            }
            facts.push(Fact {
                term: "Target".to_string(),
                value,
            });
        }
        facts.push(Fact {
            term: "Unit".to_string(),
            value: Inline::plain(&format!("{}. {}.", v.unit, v.better)),
        });
        if !v.belongs_to.is_empty() {
            facts.push(Fact {
                term: "Reports on".to_string(),
                value: links(&v.belongs_to),
            });
        }
        out.push(Block::Facts { items: facts });
        if let Some(d) = &m.meta.description {
            out.extend(blocks::parse(d, scope));
        }
        let table = Table {
            caption: Some(format!("{}: every published figure", v.title)),
            head: ["Period", "Figure", "Note", "Source"]
                .iter()
                .map(|h| Inline::plain(h))
                .collect(),
            rows: v
                .rows
                .iter()
                .map(|r| {
                    vec![
                        Inline::plain(&r.period_long),
                        Inline::plain(&r.value),
                        Inline::plain(r.note.as_deref().unwrap_or_default()),
                        Inline::link(&r.source.title, &r.source.url),
                    ]
                })
                .collect(),
            row_headers: true,
        };
        match v.chart {
            Some(c) => out.push(Block::Figure(Figure {
                id: c.id,
                title: c.title,
                description: c.description,
                svg: c.svg,
                table,
            })),
            None if table.rows.is_empty() => {
                out.push(para(Inline::plain("No figures published.")));
            }
            None => out.push(Block::Table(table)),
        }
    }
    out
}

/// A small book from Markdown parts, for the tests of each format.
#[cfg(test)]
pub(crate) fn sample(parts: Vec<(&str, &str)>) -> Book {
    let scope = Scope {
        id_prefix: "",
        base_url: "https://example.org/",
    };
    Book {
        slug: "b".into(),
        title: "Book".into(),
        subtitle: None,
        language: "en-GB".into(),
        organisation: "Council".into(),
        publisher: "Council".into(),
        published: Some("2011-07".into()),
        modified: "2026-11-22".parse().expect("a date"),
        url: "https://example.org/b/".into(),
        held: true,
        parts: parts
            .into_iter()
            .enumerate()
            .map(|(i, (title, md))| Part {
                id: format!("p{:02}-s", i + 1),
                number: i + 1,
                slug: "s".into(),
                title: title.into(),
                kind: if i == 0 {
                    PartKind::Overview
                } else {
                    PartKind::Section
                },
                blocks: blocks::parse(md, &scope),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_ids_are_numbered_and_unique() {
        let base = "https://example.org/";
        let mut parts = Parts {
            base_url: base,
            parts: Vec::new(),
        };
        parts.push("overview", "T".into(), PartKind::Overview, vec![]);
        parts.push("intro", "I".into(), PartKind::Section, vec![]);
        assert_eq!(parts.parts[1].id, "p02-intro");
        assert_eq!(parts.parts[1].number, 2);
        assert_eq!(parts.next_id("x").1, "p03-x");
    }
}
