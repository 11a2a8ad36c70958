//! Every page of the site, with its template and what the template is given.

use minijinja::value::Serde;
use minijinja::{Value, context};
use serde::Serialize;

use crate::document::archive;
use crate::document::dashboard::DashboardView;
use crate::document::landing::{self, Landing};
use crate::document::layout::paths;
use crate::document::progress::{self, ProgressSummary};
use crate::document::views::{
    DateView, DocView, ExportLink, Image, Link, SiteView, Urls, cite, doc_link, doc_view,
    export_views,
};
use crate::document::{Body, Document, Part};
use crate::model::{Content, MIN_TREND_FIGURES, OutcomeStatus, Progress, State, Strategy};
use crate::render::assets::Assets;
use crate::render::changes::{self, LastUpdated, Log};
use crate::render::publish;
use crate::resolve::DocumentId;
use crate::resolve::Resolved;

/// One page to render: where it goes, which template, and its data.
pub struct Page {
    /// Path relative to the site root: a folder ending in `/`, or a file.
    pub path: String,
    pub template: &'static str,
    pub context: Value,
}

impl Page {
    /// Whether the sitemap lists it: not the 404 page, nor a redirect.
    pub fn in_sitemap(&self) -> bool {
        !matches!(self.template, "404.html" | "redirect.html")
    }
}

/// The open data and its schema, relative to the site root.
pub const DATA_JSON: &str = "data/plans.json";
pub const DATA_SCHEMA: &str = "data/plans.schema.json";

/// What every page is built from: the resolved content, and the values
/// every page shares, converted for the templates once.
pub struct Ctx<'a> {
    pub content: &'a Content,
    site: SiteView,
    /// `site` as the templates see it.
    site_value: Value,
    docs: &'a [Strategy],
    pub resolved: &'a Resolved,
    urls: &'a Urls,
    assets: &'a Assets,
    home: Link,
    /// This build's change log, and when it says each measure last changed.
    pub changes: &'a Log,
    updated: LastUpdated,
    /// The day the build is as of, for the home page's progress summaries.
    as_of: jiff::civil::Date,
}

/// The log of a build that has none: the preview's and `check`'s.
static NO_CHANGES: Log = Log {
    entries: Vec::new(),
};

impl<'a> Ctx<'a> {
    pub fn new(
        content: &'a Content,
        resolved: &'a Resolved,
        urls: &'a Urls,
        assets: &'a Assets,
        as_of: jiff::civil::Date,
    ) -> Ctx<'a> {
        let site = site_view(content, resolved, urls, assets);
        Ctx {
            site_value: Value::from(Serde(&site)),
            site,
            content,
            docs: &content.strategies,
            resolved,
            urls,
            assets,
            home: Link {
                title: resolved.locale.word("page.home").to_string(),
                url: urls.to(""),
            },
            changes: &NO_CHANGES,
            updated: LastUpdated::default(),
            as_of,
        }
    }

    /// `site` as the templates see it.
    pub fn site_value(&self) -> Value {
        self.site_value.clone()
    }

    pub fn set_changes(&mut self, log: &'a Log) {
        self.changes = log;
        self.updated = LastUpdated::of(log);
    }

    fn change_site(&self) -> changes::Site<'a> {
        changes::Site {
            content: self.content,
            resolved: self.resolved,
            urls: self.urls,
        }
    }
}

#[derive(Serialize)]
struct PageMeta {
    title: String,
    url: String,
    canonical: String,
    /// For search results and link previews.
    description: String,
    /// schema.org metadata, for the pages that describe a whole thing.
    json_ld: Option<String>,
    breadcrumbs: Vec<Link>,
    previous: Option<Link>,
    next: Option<Link>,
}

#[derive(Serialize)]
struct ContentsEntry {
    title: String,
    url: String,
    children: Vec<Link>,
}

/// A page of a document before previous/next are known.
struct Entry {
    title: String,
    path: String,
    template: &'static str,
    crumbs: Vec<Link>,
    extra: Value,
}

pub fn site_view(content: &Content, resolved: &Resolved, urls: &Urls, assets: &Assets) -> SiteView {
    let site = &content.site;
    SiteView {
        name: site.name.clone(),
        organisation: site.organisation.clone(),
        language: site.language.clone(),
        base_url: urls.base_url.clone(),
        home: urls.to(""),
        stylesheet: urls.to(&assets.path("planpress.css")),
        print_stylesheet: urls.to(&assets.path("print.css")),
        contact: site.contact.clone(),
        phone_source: site
            .contact
            .phone_source
            .as_ref()
            .map(|c| cite(resolved, urls, &content.strategies, c)),
        accessibility_url: urls.to("accessibility/"),
        formats_url: urls.to("alternative-formats/"),
        glossary_url: urls.to(GLOSSARY),
        reviewed: DateView::new(site.accessibility.reviewed, &resolved.locale),
        footer_links: site
            .footer_links
            .iter()
            .map(|l| Link {
                title: l.title.clone(),
                url: if l.href.starts_with('/') {
                    urls.to(l.href.trim_start_matches('/'))
                } else {
                    l.href.clone()
                },
            })
            .collect(),
        brand_stylesheet: assets
            .files
            .get(crate::render::brand::STYLESHEET)
            .map(|(path, _)| urls.to(path)),
        logo: site.branding.logo.as_ref().map(|logo| Image {
            url: urls.to(&assets.path(&logo.file)),
            alt: logo.alt.clone(),
        }),
        website: site.website.clone(),
        transcription: site.transcription.clone(),
        feedback: site.feedback.as_ref().map(|address| Link {
            title: address.clone(),
            url: format!("mailto:{address}"),
        }),
    }
}

/// A document as the home page lists it, with how a plan in force is going.
#[derive(Serialize)]
struct Card {
    doc: DocView,
    progress: Option<ProgressSummary>,
    /// For a plan in force: its priorities, as its own page lists them.
    landing: Option<Landing>,
    /// For a plan in force: how its measures stand.
    dashboard: Option<DashboardView>,
}

/// The site's own pages: home, archive, lists and statements.
/// `exports` are every document's files in other formats.
pub fn site_pages(cx: &Ctx, exports: &[ExportLink]) -> Vec<Page> {
    let (content, resolved, urls, docs) = (cx.content, cx.resolved, cx.urls, cx.docs);
    let locale = &*resolved.locale;
    let word = |key: &str| locale.word(key).to_string();
    let mut out = Vec::new();
    // In force: the current documents, and the progress reports on them.
    let in_force = |i: DocumentId| {
        let current = |i: DocumentId| i.of(docs).meta.status.state == State::Current;
        let on = &resolved.lineage[i.0].reports_on;
        current(i) || (!on.is_empty() && on.iter().all(|&p| current(p)))
    };
    let inputs = crate::document::Inputs {
        content,
        resolved,
        urls,
        as_of: cx.as_of,
    };
    let (mut current, mut archive) = (Vec::new(), Vec::new());
    for &i in &resolved.order {
        let doc = doc_view(i, docs, resolved, urls, exports, &resolved.locale);
        if in_force(i) {
            let s = i.of(docs);
            current.push(Card {
                doc,
                progress: progress::summary(&inputs, s),
                landing: landing::landing(&inputs, s),
                dashboard: crate::document::dashboard::plan(&inputs, s),
            });
        } else {
            archive.push(Card {
                doc,
                progress: None,
                landing: None,
                dashboard: None,
            });
        }
    }
    let formats: Vec<DocView> = resolved
        .order
        .iter()
        .filter(|i| i.of(docs).meta.held || exports.iter().any(|e| e.document == i.of(docs).slug))
        .map(|&i| doc_view(i, docs, resolved, urls, exports, &resolved.locale))
        .collect();
    let home = vec![cx.home.clone()];
    let dashboard = crate::document::dashboard::site(&inputs);
    let archive_view = archive::archive(content, resolved, urls, exports);
    let topics = archive::topics(content, resolved, urls);
    let has_topics = !topics.is_empty();
    let mut site_pages = vec![
        (
            "",
            "home.html",
            cx.site.name.clone(),
            vec![],
            context! { current => Serde(current), archive => Serde(archive), dashboard => dashboard.is_some(), has_topics => !topics.is_empty() },
        ),
        (
            ACCESSIBILITY,
            "accessibility.html",
            word("page.accessibility"),
            home.clone(),
            context! {},
        ),
        (
            "alternative-formats/",
            "alternative-formats.html",
            word("page.formats"),
            home.clone(),
            context! { documents => Serde(formats) },
        ),
        (
            "404.html",
            "404.html",
            word("page.not-found"),
            vec![],
            context! {},
        ),
        (
            "archive/",
            "archive.html",
            word("page.archive"),
            home.clone(),
            context! { archive => Serde(archive_view) },
        ),
    ];
    if !topics.is_empty() {
        site_pages.push((
            "topics/",
            "topics.html",
            word("page.topics"),
            home.clone(),
            context! { topics => Serde(topics) },
        ));
    }
    site_pages.push((
        GLOSSARY,
        "glossary.html",
        word("page.glossary"),
        home.clone(),
        context! {
            states => State::ALL.map(State::key),
            outcomes => OutcomeStatus::ALL.map(OutcomeStatus::key),
            progress => Progress::ALL.map(Progress::key),
            relations => crate::document::views::RELATIONS,
            rules_url => docs.iter().any(|d| !d.measures.is_empty()).then(|| urls.to(paths::PERFORMANCE_RULES)),
        },
    ));
    site_pages.push((
        "search/",
        "search.html",
        word("page.search"),
        home.clone(),
        context! { index => urls.to(crate::render::search::DIR), script => urls.to(&cx.assets.path("search.js")), topics => has_topics },
    ));
    site_pages.push((
        "a-z/",
        "a-z.html",
        word("page.a-z"),
        home.clone(),
        context! { letters => Serde(publish::a_to_z(content, urls, &resolved.locale)) },
    ));
    if docs.iter().any(|d| !d.measures.is_empty()) {
        let rule = &content.site.performance;
        site_pages.push((
            paths::PERFORMANCE_RULES,
            "performance-rules.html",
            word("page.rules"),
            home.clone(),
            context! {
                amber_within => rule.amber_within,
                trend_figures => rule.trend_figures,
                min_figures => MIN_TREND_FIGURES,
                data_url => urls.to("data/"),
                rule_source => Serde(content.site.rule_source.as_ref().map(|c| cite(resolved, urls, &content.strategies, c))),
            },
        ));
    }
    site_pages.push((
        "data/",
        "data.html",
        word("page.data"),
        home.clone(),
        context! {
            csv => Serde(publish::data_links(content, urls)),
            figures_csv => urls.to(publish::FIGURES_CSV),
            figures_metadata => urls.to(&format!("{}-metadata.json", publish::FIGURES_CSV)),
            figures_xlsx => urls.to(publish::FIGURES_XLSX),
            measures_csv => urls.to(publish::MEASURES_CSV),
            measures_metadata => urls.to(&format!("{}-metadata.json", publish::MEASURES_CSV)),
            licence => Serde(&content.site.licence),
            json => urls.to(DATA_JSON), schema => urls.to(DATA_SCHEMA), changes => urls.to(changes::PAGE), changes_json => urls.to(changes::CHANGES_JSON)
        },
    ));
    if let Some(dashboard) = dashboard {
        site_pages.push((
            "dashboard/",
            "site-dashboard.html",
            word("page.site-dashboard"),
            home.clone(),
            context! { dashboard => Serde(dashboard), scope => "site" },
        ));
    }
    site_pages.push((
        changes::PAGE,
        "changes.html",
        word("page.changes"),
        home,
        context! { entries => Serde(changes::entries(cx.changes, cx.change_site())), json => urls.to(changes::CHANGES_JSON), schema => urls.to(changes::CHANGES_SCHEMA), feed => urls.absolute("feed.xml") },
    ));
    let statement = statement(cx, &site_pages, exports);
    for (path, template, title, crumbs, mut extra) in site_pages {
        if path == ACCESSIBILITY {
            extra = statement.clone();
        }
        let page = PageMeta {
            description: if path.is_empty() {
                locale.text(
                    "page.home-description",
                    &[("organisation", &content.site.organisation)],
                )
            } else {
                locale.text(
                    "page.description",
                    &[("title", &title), ("site", &cx.site.name)],
                )
            },
            json_ld: path
                .is_empty()
                .then(|| publish::site_json_ld(content, urls)),
            title,
            url: urls.to(path),
            canonical: urls.absolute(path),
            breadcrumbs: crumbs,
            previous: None,
            next: None,
        };
        out.push(Page {
            path: path.to_string(),
            template,
            context: context! { site => cx.site_value.clone(), page => Serde(page), ..extra },
        });
    }

    out
}

const ACCESSIBILITY: &str = "accessibility/";
/// The page that says what every status and label means.
const GLOSSARY: &str = "glossary/";

/// What the accessibility statement says that the build itself knows: the
/// site's pages that run a script (`scripted`, each a link; `scripted_elsewhere`
/// when a document's page template runs one too), and the formats offered.
fn statement(
    cx: &Ctx,
    site_pages: &[(&str, &str, String, Vec<Link>, Value)],
    exports: &[ExportLink],
) -> Value {
    let runs = |template: &str| cx.assets.scripted.iter().any(|t| t == template);
    let scripted: Vec<Link> = site_pages
        .iter()
        .filter(|(_, template, ..)| runs(template))
        .map(|(path, _, title, ..)| Link {
            title: title.clone(),
            url: cx.urls.to(path),
        })
        .collect();
    let site_templates: Vec<&str> = site_pages.iter().map(|(_, t, ..)| *t).collect();
    let scripted_elsewhere = cx
        .assets
        .scripted
        .iter()
        .any(|t| !site_templates.contains(&t.as_str()));
    // A format once, by the label of its first file (the whole edition,
    // before an audio edition's parts).
    let mut formats: Vec<&ExportLink> = Vec::new();
    for e in exports {
        if !formats.iter().any(|f| f.kind == e.kind) {
            formats.push(e);
        }
    }
    let formats: Vec<&str> = formats.iter().map(|e| e.format.as_str()).collect();
    context! {
        statement => Serde(&cx.content.site.accessibility),
        scripted => Serde(scripted),
        scripted_elsewhere,
        formats => Serde(formats),
    }
}

/// One document's pages, with old addresses leading to them.
pub fn document(cx: &Ctx, doc: &Document, exports: &[ExportLink]) -> Vec<Page> {
    let (content, resolved, urls, docs) = (cx.content, cx.resolved, cx.urls, cx.docs);
    let s = doc.index.of(docs);
    let mut pages = Vec::new();
    let json_ld = publish::document_json_ld(doc.index.0, content, resolved, urls);
    document_pages(cx, &mut pages, doc, exports, json_ld);
    // Old addresses of a renamed document lead to the new ones.
    let moved: Vec<(String, String)> = pages
        .iter()
        .flat_map(|p| {
            archive::former_paths(s, &p.path)
                .into_iter()
                .map(|old| (old, p.path.clone()))
        })
        .collect();
    for (old, new) in moved {
        let page = PageMeta {
            title: format!("{} has moved", s.meta.title),
            description: String::new(),
            json_ld: None,
            url: urls.to(&old),
            canonical: urls.absolute(&new),
            breadcrumbs: vec![],
            previous: None,
            next: None,
        };
        pages.push(Page {
            path: old,
            template: "redirect.html",
            context: context! { site => cx.site_value.clone(), page => Serde(page), target => urls.to(&new) },
        });
    }
    pages
}

/// Files for machines: the sitemap of `listed` (absolute addresses), robots,
/// the feed, and the open data's schema.
pub fn machine_files(cx: &Ctx, mut listed: Vec<String>) -> (Vec<Page>, Vec<(String, Vec<u8>)>) {
    let (content, urls) = (cx.content, cx.urls);
    listed.sort();
    let mut out = Vec::new();
    let feed = publish::feed(
        content,
        urls,
        changes::entries(cx.changes, cx.change_site()),
        &cx.resolved.locale,
    );
    let updated = feed.first().map(|e| e.updated.clone());
    let machine = [
        (
            "sitemap.xml",
            "sitemap.xml",
            context! { urls => Serde(listed) },
        ),
        (
            "robots.txt",
            "robots.txt",
            context! { sitemap => urls.absolute("sitemap.xml") },
        ),
        (
            "feed.xml",
            "feed.xml",
            context! { entries => Serde(feed), updated => updated, self_url => urls.absolute("feed.xml") },
        ),
    ];
    for (path, template, extra) in machine {
        out.push(Page {
            path: path.to_string(),
            template,
            context: context! { site => cx.site_value.clone(), ..extra },
        });
    }
    let files = vec![
        (DATA_SCHEMA.to_string(), publish::open_data_schema()),
        (
            changes::CHANGES_SCHEMA.to_string(),
            changes::changes_schema(),
        ),
    ];
    (out, files)
}

/// The template that shows a part, and what it is given besides the
/// document.
fn part_page(part: &Part) -> (&'static str, Value) {
    match &part.body {
        Body::Overview(landing) => ("strategy.html", context! { landing => Serde(landing) }),
        Body::Section { rendered, .. } => ("section.html", context! { html => &rendered.html }),
        Body::Priorities(index) => (
            "priorities.html",
            context! { groups => Serde(&index.groups), plural => Serde(&index.plural) },
        ),
        Body::Priority(p) => (
            "priority.html",
            context! { priority => Serde(&p.priority), aim_heading => Serde(&p.aim_heading), actions_intro => Serde(&p.actions_intro) },
        ),
        Body::Outcomes(view) => ("outcomes.html", context! { outcomes => Serde(view) }),
        Body::Performance(view) => (
            "performance.html",
            context! { groups => Serde(&view.groups), published => Serde(&view.published) },
        ),
    }
}

/// The document's contents: every part after the overview, a section with
/// its second-level headings.
fn contents(urls: &Urls, doc: &Document) -> Vec<ContentsEntry> {
    doc.parts
        .iter()
        .skip(1)
        .filter(|p| !matches!(p.body, Body::Priority(_)))
        .map(|part| {
            let url = urls.to(&part.path);
            let children = match &part.body {
                Body::Section { rendered, .. } => rendered
                    .headings
                    .iter()
                    .filter(|h| h.level == 2 && h.id.is_some())
                    .map(|h| Link {
                        title: h.text.clone(),
                        url: format!("{url}#{}", h.id.as_deref().unwrap_or_default()),
                    })
                    .collect(),
                Body::Priorities(_) => doc
                    .parts
                    .iter()
                    .filter(|p| matches!(p.body, Body::Priority(_)))
                    .map(|p| Link {
                        title: p.title.clone(),
                        url: urls.to(&p.path),
                    })
                    .collect(),
                _ => Vec::new(),
            };
            ContentsEntry {
                title: part.title.clone(),
                url,
                children,
            }
        })
        .collect()
}

/// The pages of one document, in reading order, linked previous/next; then
/// a page per measure.
fn document_pages(
    cx: &Ctx,
    out: &mut Vec<Page>,
    doc: &Document,
    exports: &[ExportLink],
    json_ld: String,
) {
    let urls = cx.urls;
    let s = doc.index.of(cx.docs);
    let doc_crumbs = vec![cx.home.clone(), doc_link(urls, s)];
    let mut view = doc.view.clone();
    view.exports = export_views(&doc.slug, urls, exports);
    let links: Vec<Link> = doc
        .parts
        .iter()
        .map(|p| Link {
            title: p.title.clone(),
            url: urls.to(&p.path),
        })
        .collect();
    let priorities_crumb = doc
        .parts
        .iter()
        .find(|p| matches!(p.body, Body::Priorities(_)))
        .map(|p| Link {
            title: p.title.clone(),
            url: urls.to(&p.path),
        });
    // Shared by every page of the document: converted once.
    let doc_value = Value::from(Serde(&view));
    let contents_value = Value::from(Serde(&contents(urls, doc)));
    let progress_value = Value::from(Serde(&doc.progress));
    let dashboard_url = doc
        .dashboard
        .as_ref()
        .map(|_| urls.to(&paths::dashboard(&s.slug)));
    let mut push = |entry: Entry, previous: Option<Link>, next: Option<Link>| {
        let Entry {
            title,
            path,
            template,
            crumbs,
            extra,
        } = entry;
        let page = PageMeta {
            description: match &view.subtitle {
                Some(sub) => format!("{}: {sub}. {title}.", view.title),
                None => format!("{}. {title}.", view.title),
            },
            json_ld: (template == "strategy.html").then(|| json_ld.clone()),
            title,
            url: urls.to(&path),
            canonical: urls.absolute(&path),
            breadcrumbs: crumbs,
            previous,
            next,
        };
        out.push(Page {
            path,
            template,
            context: context! { site => cx.site_value.clone(), page => Serde(page), doc => doc_value.clone(), contents => contents_value.clone(), progress => progress_value.clone(), dashboard_url => dashboard_url.clone(), ..extra },
        });
    };
    for (n, part) in doc.parts.iter().enumerate() {
        let (template, mut extra) = part_page(part);
        if matches!(part.body, Body::Overview(_)) {
            // The first page says how its measures stand, as the dashboard counts them.
            extra = context! { dashboard => Serde(&doc.dashboard), ..extra };
        }
        let crumbs = match (&part.body, &priorities_crumb) {
            (Body::Overview(_), _) => vec![cx.home.clone()],
            (Body::Priority(_), Some(index)) => [doc_crumbs.clone(), vec![index.clone()]].concat(),
            _ => doc_crumbs.clone(),
        };
        push(
            Entry {
                title: part.title.clone(),
                path: part.path.clone(),
                template,
                crumbs,
                extra,
            },
            n.checked_sub(1).map(|p| links[p].clone()),
            links.get(n + 1).cloned(),
        );
    }

    // A page per measure: reached from lists, outside the reading order.
    let mut crumbs = doc_crumbs.clone();
    crumbs.push(Link {
        title: cx.resolved.locale.word("page.performance").to_string(),
        url: urls.to(&paths::performance(&s.slug)),
    });
    for m in &doc.measures {
        push(
            Entry {
                title: m.title.clone(),
                path: paths::measure(&s.slug, &m.id),
                template: "measure.html",
                crumbs: crumbs.clone(),
                extra: context! { measure => Serde(m), updated => Serde(cx.updated.view(&s.slug, &m.id, frequency(s, &m.id), urls, &cx.resolved.locale)) },
            },
            None,
            None,
        );
    }
    if let Some(dashboard) = &doc.dashboard {
        push(
            Entry {
                title: cx.resolved.locale.word("page.dashboard").to_string(),
                path: paths::dashboard(&s.slug),
                template: "dashboard.html",
                crumbs,
                extra: context! { dashboard => Serde(dashboard), scope => "plan" },
            },
            None,
            None,
        );
    }
}

/// How often measure `id` of `s` is published, if its file says.
fn frequency(s: &Strategy, id: &str) -> Option<crate::model::Frequency> {
    s.measures.iter().find(|m| m.id == id)?.meta.frequency
}
