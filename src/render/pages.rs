//! Every page of the site, with its template and what the template is given.

use minijinja::value::Serde;
use minijinja::{Value, context};
use serde::Serialize;

use crate::model::{Content, Plan, Priority, Strategy};
use crate::render::archive;
use crate::render::assets::Assets;
use crate::render::markdown;
use crate::render::performance::{self, MeasureSummary};
use crate::render::publish;
use crate::render::views::{
    self, DateView, DocView, ExportLink, Link, SiteView, Urls, cite, doc_link, doc_view,
};
use crate::resolve::{Resolved, paths, plan_label, priority_heading};

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
    exports: &'a [ExportLink],
    home: Link,
}

impl<'a> Ctx<'a> {
    pub fn new(
        content: &'a Content,
        resolved: &'a Resolved,
        urls: &'a Urls,
        assets: &'a Assets,
        exports: &'a [ExportLink],
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
            exports,
            home: Link {
                title: "Home".to_string(),
                url: urls.to(""),
            },
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

#[derive(Serialize)]
struct MilestoneView {
    id: String,
    text: String,
    due: Option<DateView>,
}

/// A key performance measure a plan names, with any figures reported for it.
#[derive(Serialize)]
struct KeyMeasureView {
    id: String,
    title: String,
    reported_in: Vec<MeasureSummary>,
}

#[derive(Serialize)]
struct CommitmentView {
    id: String,
    title: Option<String>,
    html: Option<String>,
    actions: Vec<String>,
    /// Shown only for plans whose commitments record outcomes.
    outcome: Option<archive::OutcomeView>,
    taken_forward_by: Vec<Link>,
}

#[derive(Serialize)]
struct PriorityView {
    id: String,
    url: String,
    heading: String,
    number: Option<String>,
    title: String,
    ambition: Option<Link>,
    ambition_label: Option<String>,
    intro_html: Option<String>,
    aim_html: Option<String>,
    milestones: Vec<MilestoneView>,
    measures: Vec<KeyMeasureView>,
    /// Figures reported on the priority or its commitments directly.
    figures: Vec<MeasureSummary>,
    commitments: Vec<CommitmentView>,
}

#[derive(Serialize)]
struct AmbitionGroup {
    id: Option<String>,
    title: Option<String>,
    summary_html: Option<String>,
    priorities: Vec<Link>,
}

/// A priority's measures on the performance page.
#[derive(Serialize)]
struct PerformanceGroup {
    title: String,
    url: String,
    measures: Vec<KeyMeasureView>,
    figures: Vec<MeasureSummary>,
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
        reviewed: site.accessibility.reviewed.into(),
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
    }
}

/// The site's own pages: home, archive, lists and statements.
pub fn site_pages(cx: &Ctx) -> Vec<Page> {
    let (content, resolved, urls, docs, exports) =
        (cx.content, cx.resolved, cx.urls, cx.docs, cx.exports);
    let mut out = Vec::new();
    let summaries: Vec<DocView> = resolved
        .order
        .iter()
        .map(|&i| doc_view(i, docs, resolved, urls, exports))
        .collect();
    let (current, archive): (Vec<_>, Vec<_>) = summaries
        .into_iter()
        .partition(|d| d.status.state == "current");
    let formats: Vec<DocView> = resolved
        .order
        .iter()
        .filter(|&&i| docs[i].meta.held || exports.iter().any(|e| e.document == docs[i].slug))
        .map(|&i| doc_view(i, docs, resolved, urls, exports))
        .collect();
    let home = vec![cx.home.clone()];
    let archive_view = archive::archive(content, resolved, urls, exports);
    let topics = archive::topics(content, resolved, urls);
    let mut site_pages = vec![
        (
            "",
            "home.html",
            cx.site.name.clone(),
            vec![],
            context! { current => Serde(current), archive => Serde(archive) },
        ),
        (
            "accessibility/",
            "accessibility.html",
            "Accessibility statement".to_string(),
            home.clone(),
            context! {},
        ),
        (
            "alternative-formats/",
            "alternative-formats.html",
            "Alternative formats".to_string(),
            home.clone(),
            context! { documents => Serde(formats) },
        ),
        (
            "404.html",
            "404.html",
            "Page not found".to_string(),
            vec![],
            context! {},
        ),
        (
            "archive/",
            "archive.html",
            "Archive of strategies".to_string(),
            home.clone(),
            context! { archive => Serde(archive_view) },
        ),
    ];
    if !topics.is_empty() {
        site_pages.push((
            "topics/",
            "topics.html",
            "Topics across strategies".to_string(),
            home.clone(),
            context! { topics => Serde(topics) },
        ));
    }
    site_pages.push((
        "search/",
        "search.html",
        "Search".to_string(),
        home.clone(),
        context! { index => urls.to(crate::render::search::INDEX), script => urls.to(&cx.assets.path("search.js")) },
    ));
    site_pages.push((
        "a-z/",
        "a-z.html",
        "A to Z".to_string(),
        home.clone(),
        context! { letters => Serde(publish::a_to_z(content, urls)) },
    ));
    site_pages.push((
        "data/",
        "data.html",
        "Open data".to_string(),
        home,
        context! { csv => Serde(publish::data_links(content, urls)), json => urls.to(DATA_JSON), schema => urls.to(DATA_SCHEMA) },
    ));
    for (path, template, title, crumbs, extra) in site_pages {
        let page = PageMeta {
            description: if path.is_empty() {
                format!(
                    "The strategies and plans {} has published, and what became of them.",
                    content.site.organisation
                )
            } else {
                format!("{title}: {}", cx.site.name)
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

/// One document's pages, with old addresses leading to them, and its
/// measures' figures as CSV files.
pub fn document(cx: &Ctx, i: usize) -> (Vec<Page>, Vec<(String, Vec<u8>)>) {
    let (content, resolved, urls, docs) = (cx.content, cx.resolved, cx.urls, cx.docs);
    let s = &docs[i];
    let mut pages = Vec::new();
    let json_ld = publish::document_json_ld(i, content, resolved, urls);
    document_pages(
        cx,
        &mut pages,
        s,
        doc_view(i, docs, resolved, urls, cx.exports),
        json_ld,
    );
    let csvs = s
        .measures
        .iter()
        .map(|m| (paths::measure_csv(&s.slug, &m.id), performance::csv(m)))
        .collect();
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
    (pages, csvs)
}

/// Files for machines: the sitemap of `listed` (absolute addresses), robots,
/// the feed, and the open data's schema.
pub fn machine_files(cx: &Ctx, mut listed: Vec<String>) -> (Vec<Page>, Vec<(String, Vec<u8>)>) {
    let (content, urls) = (cx.content, cx.urls);
    listed.sort();
    let mut out = Vec::new();
    let feed = publish::feed(content, urls);
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
    let files = vec![(DATA_SCHEMA.to_string(), publish::open_data_schema())];
    (out, files)
}

/// The pages of one document, in reading order, linked previous/next.
fn document_pages(cx: &Ctx, out: &mut Vec<Page>, s: &Strategy, doc: DocView, json_ld: String) {
    let urls = cx.urls;
    let doc_crumbs = vec![cx.home.clone(), doc_link(urls, s)];
    // Reading order: overview, sections up to the plan, the plan, the rest,
    // then how its measures stand.
    let mut reading: Vec<Entry> = Vec::new();
    let mut contents: Vec<ContentsEntry> = Vec::new();
    let plan_at = s.plan_position();

    for (n, section) in s.sections.iter().enumerate() {
        if n == plan_at {
            if let Some(plan) = &s.plan {
                plan_pages(cx, &mut reading, &mut contents, s, plan, &doc_crumbs);
            }
        }
        let rendered = markdown::render(section.body());
        let path = paths::section(&s.slug, &section.slug);
        contents.push(ContentsEntry {
            title: section.title.clone(),
            url: urls.to(&path),
            children: rendered
                .headings
                .iter()
                .filter(|h| h.level == 2 && h.id.is_some())
                .map(|h| Link {
                    title: h.text.clone(),
                    url: format!("{}#{}", urls.to(&path), h.id.as_deref().unwrap_or_default()),
                })
                .collect(),
        });
        reading.push(Entry {
            title: section.title.clone(),
            path,
            template: "section.html",
            crumbs: doc_crumbs.clone(),
            extra: context! { html => Serde(rendered.html) },
        });
    }
    if plan_at >= s.sections.len() {
        if let Some(plan) = &s.plan {
            plan_pages(cx, &mut reading, &mut contents, s, plan, &doc_crumbs);
        }
    }
    if let Some(view) = s
        .plan
        .as_ref()
        .and_then(|plan| archive::outcomes(s, plan, cx.docs, cx.resolved, urls))
    {
        let path = paths::outcomes(&s.slug);
        contents.push(ContentsEntry {
            title: "What became of the commitments".to_string(),
            url: urls.to(&path),
            children: vec![],
        });
        reading.push(Entry {
            title: "What became of the commitments".to_string(),
            path,
            template: "outcomes.html",
            crumbs: doc_crumbs.clone(),
            extra: context! { outcomes => Serde(view) },
        });
    }
    if let Some(entry) = performance_page(cx, s, &doc_crumbs) {
        contents.push(ContentsEntry {
            title: entry.title.clone(),
            url: urls.to(&entry.path),
            children: vec![],
        });
        reading.push(entry);
    }

    let mut sequence = vec![Entry {
        title: s.meta.title.clone(),
        path: paths::strategy(&s.slug),
        template: "strategy.html",
        crumbs: vec![cx.home.clone()],
        extra: context! {},
    }];
    sequence.extend(reading);
    let links: Vec<Link> = sequence
        .iter()
        .map(|e| Link {
            title: e.title.clone(),
            url: urls.to(&e.path),
        })
        .collect();
    // Shared by every page of the document: converted once.
    let doc_value = Value::from(Serde(&doc));
    let contents_value = Value::from(Serde(&contents));
    let mut push = |entry: Entry, previous: Option<Link>, next: Option<Link>| {
        let Entry {
            title,
            path,
            template,
            crumbs,
            extra,
        } = entry;
        let page = PageMeta {
            description: match &doc.subtitle {
                Some(sub) => format!("{}: {sub}. {title}.", doc.title),
                None => format!("{}. {title}.", doc.title),
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
            context: context! { site => cx.site_value.clone(), page => Serde(page), doc => doc_value.clone(), contents => contents_value.clone(), ..extra },
        });
    };
    for (n, entry) in sequence.into_iter().enumerate() {
        push(
            entry,
            n.checked_sub(1).map(|p| links[p].clone()),
            links.get(n + 1).cloned(),
        );
    }

    // A page per measure: reached from lists, outside the reading order.
    let mut crumbs = doc_crumbs.clone();
    crumbs.push(Link {
        title: "Performance".to_string(),
        url: urls.to(&paths::performance(&s.slug)),
    });
    for m in &s.measures {
        let view = performance::measure_view(s, m, cx.docs, cx.resolved, urls);
        push(
            Entry {
                title: m.meta.title.clone(),
                path: paths::measure(&s.slug, &m.id),
                template: "measure.html",
                crumbs: crumbs.clone(),
                extra: context! { measure => Serde(view) },
            },
            None,
            None,
        );
    }
}

fn key_measures(cx: &Ctx, s: &Strategy, p: &Priority) -> Vec<KeyMeasureView> {
    p.measures
        .iter()
        .map(|m| KeyMeasureView {
            id: m.id.value.clone(),
            title: m.title.clone(),
            reported_in: performance::reporting_on(
                &s.slug,
                &m.id.value,
                cx.docs,
                cx.resolved,
                cx.urls,
            ),
        })
        .collect()
}

/// Figures reported on a priority itself or on one of its commitments.
/// Each measure once, though it may report on several of them.
fn direct_figures(cx: &Ctx, s: &Strategy, p: &Priority) -> Vec<MeasureSummary> {
    let mut seen = std::collections::BTreeSet::new();
    std::iter::once(&p.id.value)
        .chain(p.commitments.iter().map(|c| &c.id.value))
        .flat_map(|id| performance::reporting_on(&s.slug, id, cx.docs, cx.resolved, cx.urls))
        .filter(|m| seen.insert(m.url.clone()))
        .collect()
}

/// How each priority's measures stand, and the figures the document publishes.
fn performance_page(cx: &Ctx, s: &Strategy, doc_crumbs: &[Link]) -> Option<Entry> {
    let mut groups: Vec<PerformanceGroup> = Vec::new();
    if let Some(plan) = &s.plan {
        let label = plan_label(plan);
        for p in &plan.priorities {
            let group = PerformanceGroup {
                title: priority_heading(&label.singular, p),
                url: cx.urls.to(&paths::priority(&s.slug, &p.id.value)),
                measures: key_measures(cx, s, p),
                figures: direct_figures(cx, s, p),
            };
            if !group.measures.is_empty() || !group.figures.is_empty() {
                groups.push(group);
            }
        }
    }
    let published: Vec<MeasureSummary> = s
        .measures
        .iter()
        .map(|m| performance::summary(s, m, cx.urls))
        .collect();
    if groups.is_empty() && published.is_empty() {
        return None;
    }
    Some(Entry {
        title: "Performance".to_string(),
        path: paths::performance(&s.slug),
        template: "performance.html",
        crumbs: doc_crumbs.to_vec(),
        extra: context! { groups => Serde(groups), published => Serde(published) },
    })
}

fn plan_pages(
    cx: &Ctx,
    reading: &mut Vec<Entry>,
    contents: &mut Vec<ContentsEntry>,
    s: &Strategy,
    plan: &Plan,
    doc_crumbs: &[Link],
) {
    let urls = cx.urls;
    let label = plan_label(plan);
    let index_path = paths::priorities(&s.slug);
    let index_url = urls.to(&index_path);
    let priority_link = |p: &Priority| Link {
        title: priority_heading(&label.singular, p),
        url: urls.to(&paths::priority(&s.slug, &p.id.value)),
    };
    let mut groups: Vec<AmbitionGroup> = plan
        .ambitions
        .iter()
        .map(|a| AmbitionGroup {
            id: Some(a.id.value.clone()),
            title: Some(a.title.clone()),
            summary_html: a.summary.as_deref().map(|t| markdown::render(t).html),
            priorities: plan
                .priorities
                .iter()
                .filter(|p| p.ambition.as_ref().is_some_and(|x| x.value == a.id.value))
                .map(priority_link)
                .collect(),
        })
        .collect();
    let ungrouped: Vec<Link> = plan
        .priorities
        .iter()
        .filter(|p| p.ambition.is_none())
        .map(priority_link)
        .collect();
    if !ungrouped.is_empty() {
        groups.push(AmbitionGroup {
            id: None,
            title: None,
            summary_html: None,
            priorities: ungrouped,
        });
    }
    contents.push(ContentsEntry {
        title: label.plural.clone(),
        url: index_url.clone(),
        children: plan.priorities.iter().map(priority_link).collect(),
    });
    reading.push(Entry {
        title: label.plural.clone(),
        path: index_path,
        template: "priorities.html",
        crumbs: doc_crumbs.to_vec(),
        extra: context! { groups => Serde(groups), plural => Serde(&label.plural) },
    });

    let mut crumbs = doc_crumbs.to_vec();
    crumbs.push(Link {
        title: label.plural.clone(),
        url: index_url,
    });
    let records_outcomes = plan.records_outcomes();
    for p in &plan.priorities {
        let view = PriorityView {
            id: p.id.value.clone(),
            url: urls.to(&paths::priority(&s.slug, &p.id.value)),
            heading: priority_heading(&label.singular, p),
            number: p.number.clone(),
            title: p.title.clone(),
            ambition: p.ambition.as_ref().and_then(|a| {
                plan.ambitions
                    .iter()
                    .find(|x| x.id.value == a.value)
                    .map(|x| Link {
                        title: x.title.clone(),
                        url: format!("{}#{}", urls.to(&paths::priorities(&s.slug)), x.id.value),
                    })
            }),
            ambition_label: p.ambition_label.clone(),
            intro_html: p.intro.as_deref().map(|t| markdown::render(t).html),
            aim_html: p.aim.as_deref().map(|t| markdown::render(t).html),
            milestones: p
                .milestones
                .iter()
                .map(|m| MilestoneView {
                    id: m.id.value.clone(),
                    text: m.text.clone(),
                    due: m.due.map(DateView::from),
                })
                .collect(),
            measures: key_measures(cx, s, p),
            figures: direct_figures(cx, s, p),
            commitments: p
                .commitments
                .iter()
                .map(|c| CommitmentView {
                    id: c.id.value.clone(),
                    title: c.title.clone(),
                    html: c.text.as_deref().map(|t| markdown::render(t).html),
                    actions: c.actions.iter().map(|a| views::inline(a)).collect(),
                    outcome: records_outcomes.then(|| {
                        archive::outcome_view(c.outcome.as_ref(), cx.docs, cx.resolved, urls)
                    }),
                    taken_forward_by: c
                        .taken_forward_by
                        .iter()
                        .map(|t| cite(cx.resolved, urls, cx.docs, t))
                        .collect(),
                })
                .collect(),
        };
        reading.push(Entry {
            title: view.heading.clone(),
            path: paths::priority(&s.slug, &p.id.value),
            template: "priority.html",
            crumbs: crumbs.clone(),
            extra: context! { priority => Serde(view), aim_heading => Serde(&plan.aim_heading), actions_intro => Serde(&plan.actions_intro) },
        });
    }
}
