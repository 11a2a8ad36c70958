//! A document's model ([`crate::document`]) as a book of blocks, for every
//! format: a part for each part of the site, in the site's reading order,
//! listing what the site's pages list; the figures each measure publishes
//! are given with its chart's description and numbers.

use serde::Serialize;

use crate::document::archive::OutcomesView;
use crate::document::performance::{MeasureSummary, MeasureView};
use crate::document::progress::{ProgressSummary, Standing};
use crate::document::views::{Link, SourceLink, Urls};
use crate::document::{
    Body, CommitmentView, Document, KeyMeasureView, PerformanceView, PlanIndex, PriorityPart,
};
use crate::model::{Content, PartialDate};
use crate::theme::locale::{Locale, fill};

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
    /// The words the editions read in a line (text, Braille, audio) add.
    pub words: Words,
}

/// What the linear editions say besides the book's own text, in the
/// site's language, and the Braille table and voice for it.
#[derive(Debug, Clone, Serialize)]
pub struct Words {
    /// "Contents".
    pub contents: String,
    /// "Chart", "Table": what a chart's description and a table's caption
    /// are introduced by.
    pub chart: String,
    pub table: String,
    /// "Title, audio edition.": the first words of the audio.
    pub audio_title: String,
    /// "This edition has 5 parts, one a track."
    pub audio_parts: String,
    /// The liblouis table of the language's Braille.
    pub braille_table: String,
    /// The espeak-ng voice.
    pub voice: String,
}

impl Words {
    pub fn new(locale: &Locale, title: &str, parts: usize) -> Words {
        Words {
            contents: locale.word("contents.title").to_string(),
            chart: locale.word("export.chart").to_string(),
            table: locale.word("export.table").to_string(),
            audio_title: locale.text("export.audio-title", &[("title", &title)]),
            audio_parts: locale.text("export.audio-parts", &[("count", &parts)]),
            braille_table: locale.word("braille.table").to_string(),
            voice: locale.word("audio.voice").to_string(),
        }
    }
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

/// What a book is made from besides its document's model.
pub struct Source<'a> {
    pub content: &'a Content,
    /// The site's addresses: an export is read away from the site, so
    /// every link the model holds is made absolute.
    pub urls: &'a Urls,
    /// The words of the exports, in the site's language.
    pub locale: &'a Locale,
}

impl Source<'_> {
    fn word(&self, key: &str) -> &str {
        self.locale.word(key)
    }

    fn text(&self, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        self.locale.text(key, args)
    }

    /// The words of `key` as inline text, each `{name}` replaced by its
    /// piece (a link, say).
    fn words(&self, key: &str, pieces: &[(&str, &Inline)]) -> Inline {
        let marked = fill(self.word(key), |name| Some(format!("\u{0}{name}\u{0}")));
        let mut out = Inline::plain("");
        for (i, part) in marked.split('\u{0}').enumerate() {
            match pieces.iter().find(|(n, _)| *n == part) {
                Some((_, piece)) if i % 2 == 1 => out.push(piece),
                _ => out.push_str(part),
            };
        }
        out
    }

    /// A link of the model, as an export gives it: absolute.
    fn url(&self, url: &str) -> String {
        match url.strip_prefix(&self.urls.base_path) {
            Some(rest) => self.urls.absolute(rest),
            None => url.to_string(),
        }
    }

    fn link(&self, l: &Link) -> Inline {
        Inline::link(&l.title, &self.url(&l.url))
    }

    /// A source: a record the site does not hold is named with its publisher.
    fn source(&self, l: &SourceLink) -> Inline {
        let title = match &l.record {
            Some(r) => format!("{} ({})", l.title, r.publisher),
            None => l.title.clone(),
        };
        Inline::link(&title, &self.url(&l.url))
    }

    fn links(&self, links: &[Link]) -> Inline {
        joined(links.iter().map(|l| self.link(l)))
    }

    fn sources(&self, links: &[SourceLink]) -> Inline {
        joined(links.iter().map(|l| self.source(l)))
    }
}

/// Links one after another, set apart by semicolons: titles of citations
/// hold commas of their own.
fn joined(links: impl Iterator<Item = Inline>) -> Inline {
    let mut out = Inline::default();
    for (i, l) in links.enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        out.push(&l);
    }
    out
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

/// A document's model as a book: a part for each of its parts.
pub fn book(src: &Source, doc: &Document) -> Book {
    let view = &doc.view;
    let base_url = src.urls.base_url.clone();
    let mut parts = Parts {
        base_url: &base_url,
        parts: Vec::new(),
    };
    for part in &doc.parts {
        let (_, id) = parts.next_id(&part.slug);
        let prefix = format!("{id}-");
        let scope = parts.scope(&prefix);
        let (kind, blocks) = match &part.body {
            Body::Overview(_) => (PartKind::Overview, overview(src, doc, &scope)),
            Body::Section { prose, .. } => (PartKind::Section, blocks::parse(prose, &scope)),
            Body::Priorities(index) => (PartKind::Priorities, priorities(src, index, &scope)),
            Body::Priority(p) => (PartKind::Priority, priority(src, p, &scope)),
            Body::Outcomes(view) => (PartKind::Outcomes, outcomes(src, view)),
            Body::Performance(view) => (
                PartKind::Performance,
                performance(src, view, &doc.measures, &scope),
            ),
        };
        parts.push(&part.slug, part.title.clone(), kind, blocks);
    }
    let site = &src.content.site;
    let s = doc.index.of(&src.content.strategies);
    Book {
        slug: doc.slug.clone(),
        title: view.title.clone(),
        subtitle: view.subtitle.clone(),
        language: site.language.clone(),
        organisation: site.organisation.clone(),
        publisher: s
            .meta
            .publisher
            .clone()
            .unwrap_or_else(|| site.organisation.clone()),
        published: s.meta.published.map(|d| d.to_string()),
        modified: site.accessibility.reviewed,
        url: src.url(&view.url),
        held: view.held,
        words: Words::new(src.locale, &view.title, parts.parts.len()),
        parts: parts.parts,
    }
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

fn list(items: Vec<Vec<Block>>) -> Block {
    Block::List {
        ordered: false,
        start: 1,
        items,
    }
}

/// The document's facts, its status, a note on this edition, and for a
/// document the site does not hold, what other documents say of it.
fn overview(src: &Source, doc: &Document, scope: &Scope) -> Vec<Block> {
    let view = &doc.view;
    let mut out = Vec::new();
    if let Some(sub) = &view.subtitle {
        out.push(para(Inline::plain(sub)));
    }
    let mut facts = vec![Fact {
        term: src.word("document.type").to_string(),
        value: Inline::plain(&view.kind),
    }];
    let status = &view.status;
    facts.push(Fact {
        term: src.word("progress.status").to_string(),
        value: Inline::plain(&match &status.date {
            Some(d) => format!(
                "{} {}",
                status.label,
                src.text("document.since", &[("date", &d.long)])
            ),
            None => status.label.clone(),
        }),
    });
    if let Some((start, end)) = &view.period {
        facts.push(Fact {
            term: src.word("document.period").to_string(),
            value: Inline::plain(
                &src.text("date.range", &[("start", &start.long), ("end", &end.long)]),
            ),
        });
    }
    if let Some(d) = &view.published {
        facts.push(Fact {
            term: src.word("state.published").to_string(),
            value: Inline::plain(&d.long),
        });
    }
    if let Some(a) = &view.approved {
        facts.push(Fact {
            term: src.word("document.approved").to_string(),
            value: Inline::plain(&format!(
                "{} {}",
                a.date.long,
                src.text("document.approved-by", &[("by", &a.by)])
            )),
        });
    }
    if let Some(p) = &view.publisher {
        facts.push(Fact {
            term: src.word("document.publisher").to_string(),
            value: Inline::plain(p),
        });
    }
    for rel in &view.lineage {
        facts.push(Fact {
            term: rel.label.to_string(),
            value: src.links(&rel.documents),
        });
    }
    out.push(Block::Facts { items: facts });

    if status.ended {
        let on = status.date.as_ref().map_or(String::new(), |d| {
            src.text("notice.on", &[("date", &d.long)])
        });
        let by = status
            .by
            .as_ref()
            .map_or(String::new(), |by| src.text("notice.by", &[("by", by)]));
        let state = status.label.to_lowercase();
        let ended = src.text(
            "notice.ended",
            &[
                ("title", &view.title),
                ("state", &state),
                ("on", &on),
                ("by", &by),
            ],
        );
        let mut t = Inline::plain(&format!("{}. {ended}", src.word("notice.ended-title")));
        if let Some(reason) = &status.reason {
            t.push_str(&src.text("notice.reason", &[("reason", reason)]));
        }
        if let Some(l) = &status.source {
            t.push(&src.words("notice.source", &[("source", &src.source(l))]));
        }
        out.push(para(t));
    } else if status.state == "current" {
        let kind = view.kind.to_lowercase();
        out.push(para(Inline::plain(
            &src.text("notice.current", &[("kind", &kind)]),
        )));
    }
    out.extend(progress_summary(src, doc.progress.as_ref(), scope));

    let site = &src.content.site;
    let url = src.url(&view.url);
    let mut note = src.words(
        "export.made-from",
        &[
            ("link", &Inline::link(&url, &url)),
            ("organisation", &Inline::plain(&site.organisation)),
        ],
    );
    if let (true, Some(how)) = (view.held, &site.transcription) {
        note.push_str(&format!(" {how}"));
    }
    let phone = &site.contact.phone;
    let phone = Inline::link(phone, &format!("tel:{}", phone.replace(' ', "")));
    let email = site
        .contact
        .email
        .as_ref()
        .map_or(Inline::plain(""), |email| {
            let link = Inline::link(email, &format!("mailto:{email}"));
            src.words("export.or-email", &[("email", &link)])
        });
    let ask = src.words("export.ask", &[("phone", &phone), ("email", &email)]);
    out.push(heading(
        2,
        format!("{}about", scope.id_prefix),
        src.word("export.about"),
    ));
    out.push(para(note));
    out.push(para(ask));

    if !view.held {
        out.push(heading(
            2,
            format!("{}statements", scope.id_prefix),
            src.word("document.statements"),
        ));
        out.push(para(Inline::plain(
            &src.text("document.statements-lead", &[("title", &view.title)]),
        )));
        for st in &view.statements {
            let mut quote = blocks::parse(&st.html, scope);
            let from = src.words("document.source", &[("source", &src.source(&st.source))]);
            quote.push(para(from));
            out.push(Block::Quote { blocks: quote });
        }
    }
    out
}

/// The plan's list of priorities, by ambition.
fn priorities(src: &Source, index: &PlanIndex, scope: &Scope) -> Vec<Block> {
    let titles = |ps: &[Link]| {
        list(
            ps.iter()
                .map(|p| vec![para(Inline::plain(&p.title))])
                .collect(),
        )
    };
    let mut out = Vec::new();
    for g in &index.groups {
        match (&g.id, &g.title) {
            (Some(id), Some(title)) => {
                out.push(heading(2, format!("{}{id}", scope.id_prefix), title));
            }
            _ if index.has_ambitions => out.push(heading(
                2,
                format!("{}other", scope.id_prefix),
                &src.text(
                    "plan.other",
                    &[("priorities", &index.plural.to_lowercase())],
                ),
            )),
            _ => {}
        }
        if let Some(summary) = &g.summary_html {
            out.extend(blocks::parse(summary, scope));
        }
        if !g.priorities.is_empty() {
            out.push(titles(&g.priorities));
        }
    }
    out
}

fn summary_item(src: &Source, m: &MeasureSummary) -> Inline {
    let mut t = Inline::link(&m.title, &src.url(&m.url));
    t.push_str(&format!(": {}", m.standing_label));
    if let Some(latest) = &m.latest {
        let which = src.word(if m.last_published {
            "measure.last-published"
        } else {
            "measure.latest"
        });
        t.push_str(&format!(". {which}: {latest}"));
        if let Some(target) = &m.target {
            let target = src.text("measure.target-inline", &[("target", target)]);
            t.push_str(&format!("; {target}"));
        }
    }
    t.push_str(".");
    t
}

fn summary_list(src: &Source, figures: &[MeasureSummary]) -> Block {
    list(
        figures
            .iter()
            .map(|m| vec![para(summary_item(src, m))])
            .collect(),
    )
}

/// Key measures, each with the figures reported for it.
fn key_measures(src: &Source, measures: &[KeyMeasureView]) -> Block {
    list(
        measures
            .iter()
            .map(|k| {
                let mut item = vec![para(Inline::plain(&k.title))];
                if k.reported_in.is_empty() {
                    let none = format!("{}.", src.word("standing.no-figures"));
                    item.push(para(Inline::plain(&none)));
                } else {
                    item.push(summary_list(src, &k.reported_in));
                }
                item
            })
            .collect(),
    )
}

fn priority(src: &Source, part: &PriorityPart, scope: &Scope) -> Vec<Block> {
    let p = &part.priority;
    let id = |name: &str| format!("{}{name}", scope.id_prefix);
    let mut out = Vec::new();
    if let Some(a) = &p.ambition {
        let label = p
            .ambition_label
            .clone()
            .unwrap_or_else(|| format!("{}:", src.word("plan.ambition")));
        out.push(para(Inline::plain(&format!("{label} {}", a.title))));
    }
    out.extend(lead(src, &p.lead));
    if let Some(intro) = &p.intro_html {
        out.extend(blocks::parse(intro, scope));
    }
    if let Some(aim) = &p.aim_html {
        let title = part
            .aim_heading
            .as_deref()
            .map_or(src.word("plan.aim"), |h| h.trim_end_matches(':'));
        out.push(heading(2, id("aim"), title));
        out.extend(blocks::parse(aim, scope));
    }
    if !p.milestones.is_empty() {
        out.push(heading(2, id("milestones"), src.word("plan.milestones")));
        out.push(list(
            p.milestones
                .iter()
                .map(|m| {
                    let due = m
                        .due
                        .as_ref()
                        .map(|d| format!(" ({})", src.text("plan.due", &[("date", &d.long)])))
                        .unwrap_or_default();
                    let overdue = if m.standing.overdue {
                        format!(": {}", src.word("plan.overdue").to_lowercase())
                    } else {
                        String::new()
                    };
                    let mut item = vec![para(Inline::plain(&format!("{}{due}{overdue}", m.text)))];
                    item.extend(history(src, &m.standing));
                    item
                })
                .collect(),
        ));
    }
    if !p.measures.is_empty() {
        out.push(heading(2, id("measures"), src.word("plan.key-measures")));
        out.push(key_measures(src, &p.measures));
    }
    if !p.cross_cutting.is_empty() {
        out.push(heading(
            2,
            id("cross-cutting"),
            src.word("plan.cross-cutting"),
        ));
        out.push(list(
            p.cross_cutting
                .iter()
                .map(|l| vec![para(src.link(l))])
                .collect(),
        ));
    }
    if !p.figures.is_empty() {
        out.push(heading(2, id("figures"), src.word("plan.figures")));
        out.push(summary_list(src, &p.figures));
    }

    let outcome = |c: &CommitmentView| -> Vec<Block> {
        let mut out = history(src, &c.standing);
        let Some(o) = &c.outcome else {
            return out;
        };
        let mut t = Inline::plain(&format!("{}: {}.", src.word("history.became"), o.label));
        if let Some(q) = &o.quote {
            t.push_str(&format!(" “{q}”"));
        }
        if let Some(l) = &o.source {
            t.push_str(" (").push(&src.source(l)).push_str(")");
        }
        out.push(para(t));
        if !c.taken_forward_by.is_empty() {
            let mut t = Inline::plain(&format!("{}: ", src.word("history.taken-forward")));
            t.push(&src.sources(&c.taken_forward_by));
            out.push(para(t));
        }
        out
    };
    let actions = |c: &CommitmentView| -> Vec<Block> {
        if c.actions.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        if let Some(intro) = &part.actions_intro {
            out.push(para(Inline::plain(intro)));
        }
        // Numbers the plan gives its actions are part of their text.
        out.push(Block::List {
            ordered: !c.numbered,
            start: 1,
            items: c
                .actions
                .iter()
                .map(|a| {
                    let mut text = Inline::plain(
                        a.number
                            .as_deref()
                            .map_or(String::new(), |n| format!("{n} "))
                            .as_str(),
                    );
                    text.push(&blocks::inline(&a.html, scope));
                    let mut item = vec![para(text)];
                    item.extend(history(src, &a.standing));
                    item
                })
                .collect(),
        });
        out
    };
    let titled = p.commitments.first().is_some_and(|c| c.title.is_some());
    if titled {
        for c in &p.commitments {
            out.push(heading(
                2,
                id(&c.id),
                c.title.as_deref().unwrap_or_default(),
            ));
            out.extend(lead(src, &c.lead));
            if let Some(text) = &c.html {
                out.extend(blocks::parse(text, scope));
            }
            out.extend(outcome(c));
            out.extend(actions(c));
        }
    } else if !p.commitments.is_empty() {
        out.push(heading(
            2,
            id("commitments"),
            src.word("progress.commitments"),
        ));
        out.push(list(
            p.commitments
                .iter()
                .map(|c| {
                    let mut item = c
                        .html
                        .as_ref()
                        .map(|t| blocks::parse(t, scope))
                        .unwrap_or_default();
                    if item.is_empty() {
                        item.push(para(Inline::plain(c.title.as_deref().unwrap_or_default())));
                    }
                    item.extend(lead(src, &c.lead));
                    item.extend(actions(c));
                    item.extend(outcome(c));
                    item
                })
                .collect(),
        ));
    }
    out
}

/// Where a plan in force stands, as its first page says: the commitments
/// by status and the milestones overdue, as of the build's day.
fn progress_summary(src: &Source, progress: Option<&ProgressSummary>, scope: &Scope) -> Vec<Block> {
    let Some(p) = progress else {
        return Vec::new();
    };
    let mut rows: Vec<Vec<Inline>> = p
        .commitments
        .iter()
        .map(|(key, n)| {
            vec![
                Inline::plain(progress_words(src, key)),
                Inline::plain(&n.to_string()),
            ]
        })
        .collect();
    rows.push(vec![
        Inline::plain(src.word("progress.no-status")),
        Inline::plain(&p.unreported.to_string()),
    ]);
    rows.push(vec![
        Inline::plain(src.word("progress.all")),
        Inline::plain(&p.total.to_string()),
    ]);
    vec![
        heading(
            2,
            format!("{}progress-summary", scope.id_prefix),
            src.word("progress.heading"),
        ),
        Block::Table(Table {
            caption: Some(src.text("progress.caption", &[("date", &p.as_of.long)])),
            head: ["progress.status", "progress.commitments"]
                .iter()
                .map(|h| Inline::plain(src.word(h)))
                .collect(),
            rows,
            row_headers: true,
        }),
        para(Inline::plain(
            &src.text("export.overdue", &[("count", &p.overdue_milestones)]),
        )),
    ]
}

/// Who leads a priority, commitment or measure, as its page says.
fn lead(src: &Source, lead: &Option<String>) -> Option<Block> {
    lead.as_ref()
        .map(|l| para(Inline::plain(&src.text("plan.lead", &[("lead", l)]))))
}

/// Each status reported of a commitment or milestone, oldest first, as
/// its page lists them.
fn history(src: &Source, standing: &Standing) -> Vec<Block> {
    standing
        .history
        .iter()
        .map(|e| {
            let status = progress_words(src, e.status);
            let mut t = Inline::plain(&format!("{}: {status}.", e.date.long));
            if let Some(note) = &e.note {
                t.push_str(&format!(" {note}"));
            }
            t.push_str(" (").push(&src.source(&e.source)).push_str(")");
            para(t)
        })
        .collect()
}

/// The words of a status (`progress.KEY`), as the site's pages give them.
fn progress_words<'a>(src: &'a Source, key: &str) -> &'a str {
    src.word(&format!("progress.{key}"))
}

/// How many commitments of each theme each outcome has: the commitments
/// themselves are in their priorities.
fn outcomes(src: &Source, view: &OutcomesView) -> Vec<Block> {
    let mut head = vec![Inline::plain(src.word("outcomes.theme"))];
    head.extend(view.statuses.iter().map(|st| Inline::plain(st)));
    head.push(Inline::plain(src.word("outcomes.all")));
    let count = |n: &usize| Inline::plain(&n.to_string());
    let mut rows: Vec<Vec<Inline>> = view
        .themes
        .iter()
        .map(|t| {
            let mut row = vec![Inline::link(&t.title, &src.url(&t.url))];
            row.extend(t.counts.iter().map(count));
            row.push(count(&t.total));
            row
        })
        .collect();
    let mut all = vec![Inline::plain(src.word("outcomes.all-themes"))];
    all.extend(view.totals.iter().map(count));
    all.push(count(&view.total));
    rows.push(all);
    vec![
        para(Inline::plain(&src.text(
            "export.outcomes-lead",
            &[("unpublished", &src.word("outcome.no-outcome-published"))],
        ))),
        Block::Table(Table {
            caption: Some(src.text("outcomes.caption", &[("total", &view.total)])),
            head,
            rows,
            row_headers: true,
        }),
    ]
}

/// How each priority's measures stand, as the site's performance page
/// lists them; then every measure the document publishes: how it stands,
/// its chart with the chart's description, and every figure as a table.
fn performance(
    src: &Source,
    view: &PerformanceView,
    measures: &[MeasureView],
    scope: &Scope,
) -> Vec<Block> {
    let mut out = Vec::new();
    for (n, g) in view.groups.iter().enumerate() {
        out.push(Block::Heading {
            level: 2,
            id: format!("{}group-{}", scope.id_prefix, n + 1),
            text: Inline::link(&g.title, &src.url(&g.url)),
        });
        if !g.measures.is_empty() {
            out.push(key_measures(src, &g.measures));
        }
        if !g.figures.is_empty() {
            out.push(summary_list(src, &g.figures));
        }
    }
    let level = if view.groups.is_empty() { 2 } else { 3 };
    if !view.groups.is_empty() && !measures.is_empty() {
        out.push(heading(
            2,
            format!("{}figures-published", scope.id_prefix),
            src.word("performance.published"),
        ));
    }
    for v in measures {
        out.extend(measure(src, v, level, scope));
    }
    out
}

fn measure(src: &Source, v: &MeasureView, level: u8, scope: &Scope) -> Vec<Block> {
    let mut out = vec![heading(
        level,
        format!("{}{}", scope.id_prefix, v.id),
        &v.title,
    )];
    let mut facts = vec![Fact {
        term: src.word("progress.status").to_string(),
        value: Inline::plain(&v.summary.standing_label),
    }];
    if let Some(latest) = &v.summary.latest {
        facts.push(Fact {
            term: src
                .word(if v.summary.last_published {
                    "measure.last-published"
                } else {
                    "dashboard.latest"
                })
                .to_string(),
            value: Inline::plain(latest),
        });
    }
    for t in &v.targets {
        let mut value = Inline::plain(&t.value);
        if let Some(p) = &t.period {
            value.push_str(&format!(" {}", src.text("document.for", &[("period", p)])));
        }
        if let Some(l) = &t.source {
            let set_in = src.words("measure.set-in", &[("source", &src.source(l))]);
            value.push_str(" (").push(&set_in).push_str(")");
        }
        facts.push(Fact {
            term: src.word("dashboard.target").to_string(),
            value,
        });
    }
    facts.push(Fact {
        term: src.word("measure.unit").to_string(),
        value: Inline::plain(&format!("{}. {}.", v.unit, v.better)),
    });
    if !v.belongs_to.is_empty() {
        facts.push(Fact {
            term: src.word("relation.reports-on").to_string(),
            value: src.sources(&v.belongs_to),
        });
    }
    for c in &v.comparators {
        let mut value = Inline::plain(&c.name);
        value.push_str(" (").push(&src.words(
            "measure.figures-from",
            &[("source", &src.source(&c.source))],
        ));
        value.push_str(")");
        facts.push(Fact {
            term: src.word("measure.compared-with").to_string(),
            value,
        });
    }
    out.push(Block::Facts { items: facts });
    if let Some(d) = &v.description_html {
        out.extend(blocks::parse(d, scope));
    }
    out.extend(lead(src, &v.lead));
    let table = figures_table(src, v);
    match &v.chart {
        Some(c) => out.push(Block::Figure(Figure {
            chart: c.clone(),
            table,
        })),
        None if table.rows.is_empty() => {
            let none = format!("{}.", src.word("standing.no-figures"));
            out.push(para(Inline::plain(&none)));
        }
        None => out.push(Block::Table(table)),
    }
    out
}

/// Every figure of a measure, with the target each is judged against
/// (where it has targets) and its comparators' figures, as its page's table.
fn figures_table(src: &Source, v: &MeasureView) -> Table {
    let targets = !v.targets.is_empty();
    let mut head = vec!["measure.period", "measure.figure"];
    if targets {
        head.push("dashboard.target");
    }
    let word = |key: &str| Inline::plain(src.word(key));
    let mut head: Vec<Inline> = head.into_iter().map(word).collect();
    head.extend(v.comparators.iter().map(|c| Inline::plain(&c.name)));
    head.extend(["measure.note", "measure.source"].map(word));
    let rows = v
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![Inline::plain(&r.period_long), Inline::plain(&r.value)];
            if targets {
                let target = r.target.as_ref().map_or(String::new(), |t| {
                    if t.due {
                        t.value.clone()
                    } else {
                        src.text("measure.not-yet-due", &[("target", &t.value)])
                    }
                });
                row.push(Inline::plain(&target));
            }
            row.extend(
                r.compared
                    .iter()
                    .map(|c| Inline::plain(c.as_deref().unwrap_or_default())),
            );
            row.push(Inline::plain(r.note.as_deref().unwrap_or_default()));
            row.push(src.source(&r.source));
            row
        })
        .collect();
    Table {
        caption: Some(src.text("measure.every-figure", &[("title", &v.title)])),
        head,
        rows,
        row_headers: true,
    }
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
        words: Words::new(&Locale::builtin_reference(), "Book", 1),
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
                blocks: blocks::parse(
                    &crate::document::prose::Prose::parse(md, &Locale::builtin_reference()),
                    &scope,
                ),
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
