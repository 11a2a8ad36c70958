//! What templates see: plain, serialisable views of the resolved content,
//! with every address already worked out.

use serde::Serialize;

use crate::document::layout::{self, paths, plan_label};
use crate::document::prose::Prose;
use crate::model::anchors::AnchorKey;
use crate::model::{Citation, Contact, PartialDate, Strategy, Vote};
use crate::resolve::{DocumentId, Resolved};
use crate::theme::locale::Locale;

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// ISO 8601 at the precision known, for `<time datetime>`.
    pub iso: String,
    pub long: String,
    /// The date after a verb: "on 15 May 2014", "in May 2014".
    pub when: String,
}

impl DateView {
    /// The date, in the words of `locale`.
    pub fn new(d: PartialDate, locale: &Locale) -> Self {
        DateView {
            iso: d.to_string(),
            long: crate::support::dates::long(d, locale),
            when: crate::support::dates::when(d, locale),
        }
    }
}

/// Site-wide facts every page shows.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub name: String,
    pub organisation: String,
    pub language: String,
    pub base_url: String,
    pub home: String,
    pub stylesheet: String,
    pub print_stylesheet: String,
    pub contact: Contact,
    pub phone_source: Option<SourceLink>,
    pub accessibility_url: String,
    pub formats_url: String,
    /// The page that says what every status and label means.
    pub glossary_url: String,
    pub reviewed: DateView,
    pub footer_links: Vec<Link>,
    /// How the site's text was made from what the council published.
    pub transcription: Option<String>,
    /// The branding stylesheet, after `stylesheet`, if the site is branded.
    pub brand_stylesheet: Option<String>,
    /// The council's logo: its address and text alternative.
    pub logo: Option<Image>,
    /// The council's main website.
    pub website: Option<String>,
    /// Where readers send feedback: an email address, as `url` (`mailto:`)
    /// and `title` (the address).
    pub feedback: Option<Link>,
}

/// An image of the theme: its address and text alternative.
#[derive(Debug, Clone, Serialize)]
pub struct Image {
    pub url: String,
    pub alt: String,
}

/// Turns a path relative to the site root into the address used in links.
#[derive(Debug, Clone)]
pub struct Urls {
    /// The path part of the base URL, always ending in `/`.
    pub base_path: String,
    pub base_url: String,
}

impl Urls {
    pub fn new(base_url: &str) -> Self {
        let base_url = if base_url.ends_with('/') {
            base_url.to_string()
        } else {
            format!("{base_url}/")
        };
        let after_scheme = base_url
            .split_once("://")
            .map_or(base_url.as_str(), |(_, r)| r);
        let base_path = after_scheme
            .find('/')
            .map_or("/", |i| &after_scheme[i..])
            .to_string();
        Urls {
            base_path,
            base_url,
        }
    }

    pub fn to(&self, path: &str) -> String {
        format!("{}{path}", self.base_path)
    }

    pub fn absolute(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    pub state: String,
    /// No longer in force: superseded or closed.
    pub ended: bool,
    pub label: String,
    pub date: Option<DateView>,
    pub by: Option<String>,
    pub reason: Option<String>,
    pub source: Option<SourceLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Relation {
    /// What it is, as a locale key's last part: `replaced-by`.
    pub key: &'static str,
    pub label: String,
    pub documents: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatementView {
    pub html: Prose,
    pub source: SourceLink,
}

/// A file of a document in an alternative format, made beside the site.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportLink {
    /// The document's slug.
    pub document: String,
    /// The format's key: `epub`, `large-print`, `text`, `braille`, `audio`.
    pub kind: String,
    /// "EPUB 3", "Plain text" …
    pub format: String,
    /// Path relative to the site root.
    pub path: String,
    pub size: u64,
    pub language: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportView {
    pub format: String,
    pub url: String,
    /// "1.2 MB", "84 KB".
    pub size: String,
    pub language: String,
}

fn human_size(bytes: u64) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0)
    } else {
        format!("{} KB", bytes.div_ceil(1000).max(1))
    }
}

/// Who approved a document, when, by what vote, and where that is recorded.
#[derive(Debug, Clone, Serialize)]
pub struct ApprovalView {
    pub date: DateView,
    pub by: String,
    pub vote: Option<Vote>,
    pub source: Option<SourceLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConsultationView {
    pub start: DateView,
    pub end: DateView,
    pub source: SourceLink,
}

/// Another title a source gives a document.
#[derive(Debug, Clone, Serialize)]
pub struct OtherTitleView {
    pub title: String,
    pub period: Option<(DateView, DateView)>,
    pub source: SourceLink,
}

/// An aim or priority as titled, with its source.
#[derive(Debug, Clone, Serialize)]
pub struct TitledView {
    pub title: String,
    pub source: SourceLink,
}

/// A document as its pages present it.
#[derive(Debug, Clone, Serialize)]
pub struct DocView {
    pub slug: String,
    pub url: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub kind: String,
    pub held: bool,
    pub publisher: Option<String>,
    pub published: Option<DateView>,
    pub period: Option<(DateView, DateView)>,
    pub published_source: Option<SourceLink>,
    pub period_source: Option<SourceLink>,
    pub approved: Option<ApprovalView>,
    pub consultation: Option<ConsultationView>,
    pub also_titled: Vec<OtherTitleView>,
    pub aims: Vec<TitledView>,
    pub no_later_record: bool,
    pub reports_published_at: Option<SourceLink>,
    pub status: StatusView,
    pub lineage: Vec<Relation>,
    /// Where the council publishes the document itself.
    pub original: Option<OriginalView>,
    pub statements: Vec<StatementView>,
    pub exports: Vec<ExportView>,
}

/// The document as the council publishes it: its address, format and date.
#[derive(Debug, Clone, Serialize)]
pub struct OriginalView {
    pub url: String,
    pub format: Option<String>,
    pub date: Option<DateView>,
}

/// Where something a page shows comes from, as a link.
#[derive(Debug, Clone, Serialize)]
pub struct SourceLink {
    pub title: String,
    pub url: String,
    /// Set when the source is a published record the site does not hold.
    pub record: Option<RecordMark>,
}

/// What a reader is told of a published record besides its title.
#[derive(Debug, Clone, Serialize)]
pub struct RecordMark {
    pub publisher: String,
    pub date: Option<DateView>,
    /// Whose word it is: `council`, `copy` or `other` (see `Origin`).
    pub origin: &'static str,
}

pub fn cite(resolved: &Resolved, urls: &Urls, docs: &[Strategy], c: &Citation) -> SourceLink {
    match c {
        Citation::Paragraph { document, anchor } => {
            cite_parts(resolved, urls, docs, &document.value, &anchor.value)
        }
        Citation::Record { address } => cite_record(resolved, &address.value),
    }
}

/// A link to a published record, which `validate` has found listed.
pub fn cite_record(resolved: &Resolved, address: &str) -> SourceLink {
    let r = &resolved.records[address];
    SourceLink {
        title: r.title.clone(),
        url: r.address.value.clone(),
        record: Some(RecordMark {
            publisher: r.publisher.clone(),
            date: r.date.map(|d| DateView::new(d, &resolved.locale)),
            origin: r.origin.key(),
        }),
    }
}

/// A link to a cited paragraph, titled with its document and page.
pub fn cite_parts(
    resolved: &Resolved,
    urls: &Urls,
    docs: &[Strategy],
    document: &str,
    anchor: &str,
) -> SourceLink {
    let place = resolved.anchors[&AnchorKey::new(document, anchor)];
    let s = resolved.documents[document].of(docs);
    let locale = &*resolved.locale;
    let page = layout::page_title(s, place.page, locale);
    let args: [(&str, &dyn std::fmt::Display); 2] = [("title", &s.meta.title), ("page", &page)];
    let title = match paragraph_label(anchor) {
        Some(p) => locale.text("source.paragraph", &[args[0], args[1], ("paragraph", &p)]),
        None => locale.text("source.page", &args),
    };
    SourceLink {
        title,
        url: urls.to(&layout::place(s, anchor, place)),
        record: None,
    }
}

/// Where an anchor of a document is, relative to the site root, if it exists.
pub fn anchor_path(
    resolved: &Resolved,
    docs: &[Strategy],
    document: &str,
    anchor: &str,
) -> Option<String> {
    let place = resolved.anchors.get(&AnchorKey::new(document, anchor))?;
    let s = resolved.documents.get(document)?.of(docs);
    Some(layout::place(s, anchor, *place))
}

pub fn doc_link(urls: &Urls, s: &Strategy) -> Link {
    Link {
        title: s.meta.title.clone(),
        url: urls.to(&paths::strategy(&s.slug)),
    }
}

/// Documents by the date they were published (or their period starts),
/// newest first.
fn newest_first(docs: &[Strategy], ids: &[DocumentId]) -> Vec<DocumentId> {
    let when = |i: &DocumentId| {
        let m = &i.of(docs).meta;
        m.published.or(m.period.as_ref().map(|p| p.start.value))
    };
    let mut ids = ids.to_vec();
    ids.sort_by_key(|i| std::cmp::Reverse(when(i)));
    ids
}

/// The relations a document's page lists, in order: each `relation.KEY`
/// of the locale.
pub const RELATIONS: [&str; 8] = [
    "replaces",
    "replaced-by",
    "delivers",
    "delivered-through",
    "reviewed-in",
    "reviews",
    "reports-on",
    "progress-reports",
];

pub fn doc_view(
    id: DocumentId,
    docs: &[Strategy],
    resolved: &Resolved,
    urls: &Urls,
    exports: &[ExportLink],
    locale: &Locale,
) -> DocView {
    let date = |d: PartialDate| DateView::new(d, locale);
    let s = id.of(docs);
    let m = &s.meta;
    let cite_opt = |c: Option<&Citation>| c.map(|c| cite(resolved, urls, docs, c));
    let links = |ids: &[DocumentId]| {
        ids.iter()
            .map(|j| doc_link(urls, j.of(docs)))
            .collect::<Vec<_>>()
    };
    let l = &resolved.lineage[id.0];
    let lists = [
        links(&l.replaces),
        links(&l.replaced_by),
        links(&l.delivers.into_iter().collect::<Vec<_>>()),
        links(&l.delivered_through),
        links(&l.reviewed_in),
        links(&l.reviews),
        links(&l.reports_on),
        links(&newest_first(docs, &l.reported_in)),
    ];
    let lineage = RELATIONS
        .into_iter()
        .zip(lists)
        .filter(|(_, d)| !d.is_empty())
        .map(|(key, documents)| Relation {
            key,
            label: locale.word(&format!("relation.{key}")).to_string(),
            documents,
        })
        .collect();
    let state = m.status.state.key().to_string();
    DocView {
        slug: s.slug.clone(),
        url: urls.to(&paths::strategy(&s.slug)),
        title: m.title.clone(),
        subtitle: m.subtitle.clone(),
        kind: s.kind.label(locale).to_string(),
        held: m.held,
        publisher: m.publisher.clone(),
        published: m.published.map(date),
        period: m
            .period
            .as_ref()
            .map(|p| (date(p.start.value), date(p.end.value))),
        published_source: cite_opt(m.published_source.as_ref()),
        period_source: cite_opt(m.period.as_ref().and_then(|p| p.source.as_ref())),
        approved: m.approved.as_ref().map(|a| ApprovalView {
            date: date(a.date),
            by: a.by.clone(),
            vote: a.vote,
            source: cite_opt(a.source.as_ref()),
        }),
        consultation: m.consultation.as_ref().map(|c| ConsultationView {
            start: date(c.start.value),
            end: date(c.end.value),
            source: cite(resolved, urls, docs, &c.source),
        }),
        also_titled: m
            .also_titled
            .iter()
            .map(|t| OtherTitleView {
                title: t.title.clone(),
                period: t
                    .period
                    .as_ref()
                    .map(|p| (date(p.start.value), date(p.end.value))),
                source: cite(resolved, urls, docs, &t.source),
            })
            .collect(),
        aims: m
            .aims
            .iter()
            .map(|a| TitledView {
                title: a.title.clone(),
                source: cite(resolved, urls, docs, &a.source),
            })
            .collect(),
        status: StatusView {
            state,
            ended: m.status.state.ended(),
            label: m.status.state.label(locale).to_string(),
            date: m.status.date.map(date),
            by: m.status.by.clone(),
            reason: m.status.reason.clone(),
            source: m
                .status
                .source
                .as_ref()
                .map(|c| cite(resolved, urls, docs, c)),
        },
        lineage,
        original: m.original.as_ref().map(|o| OriginalView {
            url: o.url.clone(),
            format: o.format.clone(),
            date: o.date.map(date),
        }),
        statements: m
            .statements
            .iter()
            .map(|st| StatementView {
                html: Prose::inline(&st.text, locale),
                source: cite(resolved, urls, docs, &st.source),
            })
            .collect(),
        no_later_record: m.no_later_record,
        reports_published_at: cite_opt(m.reports_published_at.as_ref()),
        exports: export_views(&s.slug, urls, exports),
    }
}

/// How the pages list document `slug`'s files in other formats.
pub fn export_views(slug: &str, urls: &Urls, exports: &[ExportLink]) -> Vec<ExportView> {
    exports
        .iter()
        .filter(|e| e.document == slug)
        .map(|e| ExportView {
            format: e.format.clone(),
            url: urls.to(&e.path),
            size: human_size(e.size),
            language: e.language.clone(),
        })
        .collect()
}

/// `para-2-3-1` → "2.3(1)", `para-1-3-a` → "1.3 a)": the numbering the
/// council used, rebuilt from the anchor.
pub fn paragraph_label(anchor: &str) -> Option<String> {
    let parts: Vec<&str> = anchor.strip_prefix("para-")?.split('-').collect();
    let numbers: Vec<&str> = parts
        .iter()
        .copied()
        .take_while(|p| p.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    if numbers.is_empty() {
        return None;
    }
    let head = numbers[..numbers.len().min(2)].join(".");
    let tail = &parts[numbers.len().min(2)..];
    Some(match tail {
        [] => head,
        [sub] if sub.bytes().all(|b| b.is_ascii_digit()) => format!("{head}({sub})"),
        [letter] => format!("{head} {letter})"),
        _ => return None,
    })
}

/// The plural label a document's plan uses, or the default.
pub fn plural_label(s: &Strategy, locale: &Locale) -> String {
    s.plan.as_ref().map_or_else(
        || locale.word("label.priorities").to_string(),
        |p| plan_label(p, locale).plural,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys Rust makes from the model's values (`state.{key}`) are
    /// in the reference locale, as are those it names whole (a test of
    /// the integration tests reads the sources for those).
    #[test]
    fn every_key_made_from_the_model_is_in_the_reference() {
        use crate::model::{Better, OutcomeStatus, Standing, State, Vocabulary};
        let english = crate::theme::locale::Locale::builtin_reference();
        let built_in = Vocabulary::built_in();
        let mut keys: Vec<String> = built_in
            .kinds()
            .map(|k| format!("kind.{}", k.key()))
            .collect();
        keys.extend(State::ALL.iter().map(|s| format!("state.{}", s.key())));
        keys.extend(
            OutcomeStatus::ALL
                .iter()
                .map(|s| format!("outcome.{}", s.key())),
        );
        keys.extend(
            Standing::ALL
                .iter()
                .map(|s| format!("standing.{}", s.key())),
        );
        keys.extend(
            [Better::Higher, Better::Lower, Better::Neither]
                .iter()
                .map(|b| format!("better.{}", b.key())),
        );
        keys.extend(RELATIONS.iter().map(|r| format!("relation.{r}")));
        keys.extend(crate::support::dates::MONTHS.iter().map(|m| m.to_string()));
        keys.extend(
            built_in
                .units()
                .flat_map(|u| [format!("unit.{}", u.key()), format!("value.{}", u.key())]),
        );
        keys.extend(
            crate::model::Progress::ALL
                .iter()
                .map(|p| format!("progress.{}", p.key())),
        );
        for key in keys {
            assert!(english.get(&key).is_some(), "en-GB has no `{key}`");
        }
    }

    #[test]
    fn base_path_comes_from_the_base_url() {
        let u = Urls::new("https://www.kent.gov.uk/about-the-council/strategies/");
        assert_eq!(u.base_path, "/about-the-council/strategies/");
        assert_eq!(u.to("x/"), "/about-the-council/strategies/x/");
        assert_eq!(Urls::new("https://example.org").base_path, "/");
    }

    #[test]
    fn paragraph_numbers_come_back_from_anchors() {
        assert_eq!(paragraph_label("para-2-3-1").as_deref(), Some("2.3(1)"));
        assert_eq!(paragraph_label("para-1-5").as_deref(), Some("1.5"));
        assert_eq!(paragraph_label("para-1-3-a").as_deref(), Some("1.3 a)"));
        assert_eq!(paragraph_label("para-4").as_deref(), Some("4"));
        assert_eq!(paragraph_label("summary"), None);
    }
}
