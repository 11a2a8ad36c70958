//! What a web team and search engines need besides the pages: the sitemap,
//! the Atom feed, schema.org metadata, the A–Z index and the open data.

use serde::Serialize;
use serde_json::{Value as Json, json};

use crate::document::layout::{paths, plan_label, priority_heading};
use crate::document::views::{Link, Urls};
use crate::model::{Content, State, Strategy};
use crate::render::changes::{self, EntryView};
use crate::resolve::{DocumentId, Resolved};
use crate::support::dates;
use crate::theme::locale::Locale;

mod open_data;
pub use open_data::{
    FIGURES_CSV, FIGURES_XLSX, Figures, MEASURES_CSV, Table, WorkbookWords, document_record,
    open_data_schema, schema_of, workbook, write_open_data,
};

/// One entry of the Atom feed: a publication, a change of status, or an
/// update of the site's figures and plans (an entry of the change log).
#[derive(Debug, Serialize)]
pub struct FeedEntry {
    pub id: String,
    pub url: String,
    /// RFC 3339, at the start of the day, month or year known.
    pub updated: String,
    #[serde(flatten)]
    pub about: About,
}

/// What a feed entry says.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum About {
    /// A publication or a change of status, in words.
    News { title: String, summary: String },
    /// What an update changed, for the template to put in words.
    Changes { changes: EntryView },
}

/// Newest first; the feed's own date is its newest entry's, never the
/// clock's. `changes` are the change log's entries.
pub fn feed(
    content: &Content,
    urls: &Urls,
    changes: Vec<EntryView>,
    locale: &Locale,
) -> Vec<FeedEntry> {
    let mut entries = Vec::new();
    for e in changes {
        let url = urls.absolute(&format!("{}#{}", changes::PAGE, e.anchor));
        entries.push((
            e.day,
            FeedEntry {
                id: url.clone(),
                url,
                updated: dates::rfc3339(e.day),
                about: About::Changes { changes: e },
            },
        ));
    }
    for s in &content.strategies {
        let url = urls.absolute(&paths::strategy(&s.slug));
        let kind = s.kind.label(locale).to_lowercase();
        // A news entry of the document: `anchor` tells it from the others.
        let news = |date, anchor: String, title: String, summary: String| {
            let entry = FeedEntry {
                id: format!("{url}#{anchor}"),
                url: url.clone(),
                updated: dates::rfc3339(date),
                about: About::News { title, summary },
            };
            (date, entry)
        };
        let title = |key: &str| locale.text(key, &[("title", &s.meta.title)]);
        if let Some(date) = s.meta.published {
            let publisher = s
                .meta
                .publisher
                .as_deref()
                .unwrap_or(&content.site.organisation);
            let summary = locale.text(
                "feed.published-summary",
                &[
                    ("publisher", &publisher as &dyn std::fmt::Display),
                    ("kind", &kind),
                    ("title", &s.meta.title),
                    ("when", &dates::when(date, locale)),
                ],
            );
            entries.push(news(
                date,
                "published".into(),
                title("feed.published-title"),
                summary,
            ));
        }
        // A document known only from its approval (no publication date is
        // recorded) enters the feed on the day it was approved.
        if let (None, Some(approved)) = (s.meta.published, &s.meta.approved) {
            let summary = locale.text(
                "feed.approved-summary",
                &[
                    ("by", &approved.by as &dyn std::fmt::Display),
                    ("kind", &kind),
                    ("title", &s.meta.title),
                    ("when", &dates::when(approved.date, locale)),
                ],
            );
            let entry = news(
                approved.date,
                "approved".into(),
                title("feed.approved-title"),
                summary,
            );
            entries.push(entry);
        }
        let status = &s.meta.status;
        if let (Some(date), true) = (
            status.date,
            status.state.ended() || matches!(status.state, State::Current | State::NotAdopted),
        ) {
            let title = locale.text(
                "feed.status-title",
                &[
                    (
                        "state",
                        &status.state.label(locale) as &dyn std::fmt::Display,
                    ),
                    ("title", &s.meta.title),
                ],
            );
            let anchor = format!("status-{}", status.state.key());
            entries.push(news(date, anchor, title, status_summary(s, date, locale)));
        }
    }
    // On one day: the updates, newest first, then the news by address.
    fn tie(e: &FeedEntry) -> (u8, std::cmp::Reverse<u32>, &str) {
        match &e.about {
            About::Changes { changes } => (0, std::cmp::Reverse(changes.number), ""),
            About::News { .. } => (1, std::cmp::Reverse(0), &e.id),
        }
    }
    entries.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| tie(&a.1).cmp(&tie(&b.1))));
    entries.into_iter().map(|(_, e)| e).collect()
}

/// schema.org for the organisation and the site, on the home page.
pub fn site_json_ld(content: &Content, urls: &Urls) -> String {
    let site = &content.site;
    let value = json!({
        "@context": "https://schema.org",
        "@graph": [
            { "@type": "GovernmentOrganization", "@id": format!("{}#organisation", urls.base_url), "name": site.organisation, "telephone": site.contact.phone },
            { "@type": "WebSite", "name": site.name, "url": urls.base_url, "inLanguage": site.language, "publisher": { "@id": format!("{}#organisation", urls.base_url) } }
        ]
    });
    script_safe(&value)
}

/// "Plan was marked closed on 1 May 2020 by the Cabinet."
fn status_summary(s: &Strategy, date: crate::model::PartialDate, locale: &Locale) -> String {
    let status = &s.meta.status;
    let state = status.state.label(locale).to_lowercase();
    let when = dates::when(date, locale);
    let args: [(&str, &dyn std::fmt::Display); 3] =
        [("title", &s.meta.title), ("state", &state), ("when", &when)];
    match &status.by {
        Some(by) => locale.text(
            "feed.status-summary-by",
            &[args[0], args[1], args[2], ("by", by)],
        ),
        None => locale.text("feed.status-summary", &args),
    }
}

/// schema.org for a document: what it is, when, by whom, and its lineage.
pub fn document_json_ld(i: usize, content: &Content, resolved: &Resolved, urls: &Urls) -> String {
    let docs = &content.strategies;
    let s = &docs[i];
    let m = &s.meta;
    let url = |d: &Strategy| urls.absolute(&paths::strategy(&d.slug));
    let lineage = &resolved.lineage[i];
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": s.kind.schema_type(),
        "@id": url(s),
        "url": url(s),
        "name": m.title,
        "genre": s.kind.label(&resolved.locale),
        "inLanguage": content.site.language,
        "creativeWorkStatus": m.status.state.label(&resolved.locale),
        "publisher": { "@type": "GovernmentOrganization", "name": m.publisher.as_deref().unwrap_or(&content.site.organisation) },
    });
    let obj = value.as_object_mut().expect("a JSON object");
    if let Some(sub) = &m.subtitle {
        obj.insert("alternativeHeadline".into(), json!(sub));
    }
    if let Some(d) = m.published {
        obj.insert("datePublished".into(), json!(d.to_string()));
    }
    if let Some(p) = &m.period {
        obj.insert(
            "temporalCoverage".into(),
            json!(format!("{}/{}", p.start.value, p.end.value)),
        );
    }
    let refs = |ids: &[DocumentId]| -> Vec<Json> {
        ids.iter()
            .map(|j| json!({ "@id": url(j.of(docs)), "name": j.of(docs).meta.title }))
            .collect()
    };
    if !lineage.replaces.is_empty() {
        obj.insert("isBasedOn".into(), json!(refs(&lineage.replaces)));
    }
    if let Some(d) = lineage.delivers {
        obj.insert("about".into(), json!(refs(&[d])));
    }
    if !lineage.reviewed_in.is_empty() {
        obj.insert("subjectOf".into(), json!(refs(&lineage.reviewed_in)));
    }
    let parts: Vec<Json> = s
        .sections
        .iter()
        .map(|sec| json!({ "@type": "WebPage", "name": sec.title, "url": urls.absolute(&paths::section(&s.slug, &sec.slug)) }))
        .collect();
    if !parts.is_empty() {
        obj.insert("hasPart".into(), json!(parts));
    }
    script_safe(&value)
}

/// JSON inside `<script>` holds no `<`, `>` or `&`: a `</script>` would end
/// the element and a `<!--<script>` (in a title, say) would swallow the rest
/// of the page into it. `\u003c` is the same character to a JSON reader.
fn script_safe(v: &Json) -> String {
    v.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// One letter of the A–Z index.
#[derive(Debug, Serialize)]
pub struct Letter {
    pub letter: String,
    pub entries: Vec<AzEntry>,
}

#[derive(Debug, Serialize)]
pub struct AzEntry {
    pub title: String,
    pub url: String,
    /// What it is and where: "Priority of Delivering Bold Steps".
    pub about: String,
}

/// Documents, priorities and measures, alphabetically.
pub fn a_to_z(content: &Content, urls: &Urls, locale: &Locale) -> Vec<Letter> {
    let mut entries: Vec<AzEntry> = Vec::new();
    for s in &content.strategies {
        entries.push(AzEntry {
            title: s.meta.title.clone(),
            url: urls.to(&paths::strategy(&s.slug)),
            about: s.kind.label(locale).to_string(),
        });
        if let Some(plan) = &s.plan {
            let label = plan_label(plan, locale);
            for p in &plan.priorities {
                entries.push(AzEntry {
                    title: p.title.clone(),
                    url: urls.to(&paths::priority(&s.slug, &p.id.value)),
                    about: locale.text(
                        "az.priority-of",
                        &[
                            (
                                "priority",
                                &priority_heading(&label.singular, p)
                                    .split(':')
                                    .next()
                                    .unwrap_or_default()
                                    as &dyn std::fmt::Display,
                            ),
                            ("title", &s.meta.title),
                        ],
                    ),
                });
                for k in &p.measures {
                    entries.push(AzEntry {
                        title: k.title.clone(),
                        url: format!(
                            "{}#{}",
                            urls.to(&paths::priority(&s.slug, &p.id.value)),
                            k.id.value
                        ),
                        about: locale.text("az.key-measure-of", &[("title", &s.meta.title)]),
                    });
                }
            }
        }
        for m in &s.measures {
            entries.push(AzEntry {
                title: m.meta.title.clone(),
                url: urls.to(&paths::measure(&s.slug, &m.id)),
                about: locale.text("az.figures-in", &[("title", &s.meta.title)]),
            });
        }
    }
    let key = |t: &str| {
        t.trim_start_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    entries.sort_by(|a, b| key(&a.title).cmp(&key(&b.title)).then(a.url.cmp(&b.url)));
    let mut letters: Vec<Letter> = Vec::new();
    for e in entries {
        let first = key(&e.title)
            .chars()
            .next()
            .map_or('#', |c| if c.is_ascii_digit() { '#' } else { c })
            .to_uppercase()
            .to_string();
        match letters.last_mut() {
            Some(l) if l.letter == first => l.entries.push(e),
            _ => letters.push(Letter {
                letter: first,
                entries: vec![e],
            }),
        }
    }
    letters
}

/// The measures' CSV files a data page lists: those with figures.
pub fn data_links(content: &Content, urls: &Urls) -> Vec<Link> {
    content
        .strategies
        .iter()
        .flat_map(|s| s.measures.iter().map(move |m| (s, m)))
        .filter(|(_, m)| !m.observations.is_empty())
        .map(|(s, m)| Link {
            title: format!("{} ({})", m.meta.title, s.meta.title),
            url: urls.to(&paths::measure_csv(&s.slug, &m.id)),
        })
        .collect()
}
