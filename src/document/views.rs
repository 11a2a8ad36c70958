//! What templates see: plain, serialisable views of the resolved content,
//! with every address already worked out.

use serde::Serialize;

use crate::document::layout::{self, paths, plan_label};
use crate::document::prose::Prose;
use crate::model::anchors::AnchorKey;
use crate::model::{Citation, Contact, PartialDate, Strategy, Vote};
use crate::resolve::{DocumentId, Resolved};

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
}

impl From<PartialDate> for DateView {
    fn from(d: PartialDate) -> Self {
        DateView {
            iso: d.to_string(),
            long: crate::support::dates::long(d),
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
    pub label: &'static str,
    pub documents: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatementView {
    pub html: Prose,
    pub source: SourceLink,
}

/// A file of a document in an alternative format, made beside the site.
#[derive(Debug, Clone, Serialize)]
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
    pub kind: &'static str,
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
            date: r.date.map(DateView::from),
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
    let paragraph = paragraph_label(anchor)
        .map(|p| format!(", paragraph {p}"))
        .unwrap_or_default();
    SourceLink {
        title: format!(
            "{}, {}{paragraph}",
            s.meta.title,
            layout::page_title(s, place.page)
        ),
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

pub fn doc_view(
    id: DocumentId,
    docs: &[Strategy],
    resolved: &Resolved,
    urls: &Urls,
    exports: &[ExportLink],
) -> DocView {
    let s = id.of(docs);
    let m = &s.meta;
    let cite_opt = |c: Option<&Citation>| c.map(|c| cite(resolved, urls, docs, c));
    let links = |ids: &[DocumentId]| {
        ids.iter()
            .map(|j| doc_link(urls, j.of(docs)))
            .collect::<Vec<_>>()
    };
    let l = &resolved.lineage[id.0];
    let lineage = [
        ("Replaces", links(&l.replaces)),
        ("Replaced by", links(&l.replaced_by)),
        (
            "Delivers",
            links(&l.delivers.into_iter().collect::<Vec<_>>()),
        ),
        ("Delivered through", links(&l.delivered_through)),
        ("Reviewed in", links(&l.reviewed_in)),
        ("Reviews", links(&l.reviews)),
        ("Reports on", links(&l.reports_on)),
        (
            "Progress reports",
            links(&newest_first(docs, &l.reported_in)),
        ),
    ]
    .into_iter()
    .filter(|(_, d)| !d.is_empty())
    .map(|(label, documents)| Relation { label, documents })
    .collect();
    let state = m.status.state.key().to_string();
    DocView {
        slug: s.slug.clone(),
        url: urls.to(&paths::strategy(&s.slug)),
        title: m.title.clone(),
        subtitle: m.subtitle.clone(),
        kind: m.kind.label(),
        held: m.held,
        publisher: m.publisher.clone(),
        published: m.published.map(DateView::from),
        period: m
            .period
            .as_ref()
            .map(|p| (p.start.value.into(), p.end.value.into())),
        published_source: cite_opt(m.published_source.as_ref()),
        period_source: cite_opt(m.period.as_ref().and_then(|p| p.source.as_ref())),
        approved: m.approved.as_ref().map(|a| ApprovalView {
            date: a.date.into(),
            by: a.by.clone(),
            vote: a.vote,
            source: cite_opt(a.source.as_ref()),
        }),
        consultation: m.consultation.as_ref().map(|c| ConsultationView {
            start: c.start.value.into(),
            end: c.end.value.into(),
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
                    .map(|p| (p.start.value.into(), p.end.value.into())),
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
            label: m.status.state.label().to_string(),
            date: m.status.date.map(DateView::from),
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
            date: o.date.map(DateView::from),
        }),
        statements: m
            .statements
            .iter()
            .map(|st| StatementView {
                html: Prose::inline(&st.text),
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
pub fn plural_label(s: &Strategy) -> String {
    s.plan
        .as_ref()
        .map_or_else(|| "Priorities".to_string(), |p| plan_label(p).plural)
}

#[cfg(test)]
mod tests {
    use super::*;

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
