//! Every page of the site, with its template and what the template is given.

use minijinja::value::Serde;
use minijinja::{Value, context};
use serde::Serialize;

use crate::model::{Content, Plan, Priority, Strategy};
use crate::render::markdown;
use crate::render::views::{
    self, DateView, DocView, Link, SiteView, Urls, cite, doc_link, doc_view,
};
use crate::resolve::{Resolved, paths, plan_label, priority_heading};

/// One page to render: where it goes, which template, and its data.
pub struct Page {
    /// Path relative to the site root: a folder ending in `/`, or a file.
    pub path: String,
    pub template: &'static str,
    pub context: Value,
}

#[derive(Serialize)]
struct PageMeta {
    title: String,
    url: String,
    canonical: String,
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

#[derive(Serialize)]
struct MeasureView {
    id: String,
    title: String,
}

#[derive(Serialize)]
struct CommitmentView {
    id: String,
    title: Option<String>,
    html: Option<String>,
    actions: Vec<String>,
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
    measures: Vec<MeasureView>,
    commitments: Vec<CommitmentView>,
}

#[derive(Serialize)]
struct AmbitionGroup {
    id: Option<String>,
    title: Option<String>,
    summary_html: Option<String>,
    priorities: Vec<Link>,
}

pub fn site_view(content: &Content, resolved: &Resolved, urls: &Urls) -> SiteView {
    let site = &content.site;
    SiteView {
        name: site.name.clone(),
        organisation: site.organisation.clone(),
        language: site.language.clone(),
        base_url: urls.base_url.clone(),
        home: urls.to(""),
        stylesheet: urls.to("static/planpress.css"),
        print_stylesheet: urls.to("static/print.css"),
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

/// All the pages of the site, in a stable order.
pub fn pages(content: &Content, resolved: &Resolved, urls: &Urls) -> Vec<Page> {
    let site = site_view(content, resolved, urls);
    let docs = &content.strategies;
    let home = Link {
        title: "Home".to_string(),
        url: urls.to(""),
    };
    let meta = |title: &str, path: &str, crumbs: Vec<Link>| PageMeta {
        title: title.to_string(),
        url: urls.to(path),
        canonical: urls.absolute(path),
        breadcrumbs: crumbs,
        previous: None,
        next: None,
    };

    let mut out = Vec::new();
    let summaries: Vec<DocView> = resolved
        .order
        .iter()
        .map(|&i| doc_view(i, docs, resolved, urls))
        .collect();
    let (current, archive): (Vec<_>, Vec<_>) = summaries
        .into_iter()
        .partition(|d| d.status.state == "current");
    out.push(Page {
        path: String::new(),
        template: "home.html",
        context: context! { site => Serde(&site), page => Serde(meta(&site.name, "", vec![])), current => Serde(current), archive => Serde(archive) },
    });
    out.push(Page {
        path: "accessibility/".to_string(),
        template: "accessibility.html",
        context: context! { site => Serde(&site), page => Serde(meta("Accessibility statement", "accessibility/", vec![home.clone()])) },
    });
    let formats: Vec<DocView> = resolved
        .order
        .iter()
        .filter(|&&i| docs[i].meta.held)
        .map(|&i| doc_view(i, docs, resolved, urls))
        .collect();
    out.push(Page {
        path: "alternative-formats/".to_string(),
        template: "alternative-formats.html",
        context: context! { site => Serde(&site), page => Serde(meta("Alternative formats", "alternative-formats/", vec![home.clone()])), documents => Serde(formats) },
    });
    out.push(Page {
        path: "404.html".to_string(),
        template: "404.html",
        context: context! { site => Serde(&site), page => Serde(meta("Page not found", "404.html", vec![])) },
    });

    for (i, s) in docs.iter().enumerate() {
        document_pages(
            &mut out,
            &site,
            s,
            doc_view(i, docs, resolved, urls),
            urls,
            &home,
        );
    }
    out
}

/// The pages of one document, in reading order, linked previous/next.
fn document_pages(
    out: &mut Vec<Page>,
    site: &SiteView,
    s: &Strategy,
    doc: DocView,
    urls: &Urls,
    home: &Link,
) {
    let doc_crumbs = vec![home.clone(), doc_link(urls, s)];
    // Reading order: overview, sections up to the plan, the plan, the rest.
    let mut reading: Vec<Entry> = Vec::new();
    let mut contents: Vec<ContentsEntry> = Vec::new();
    let plan_at = s
        .sections
        .iter()
        .position(|x| x.plan_follows)
        .map_or(s.sections.len(), |p| p + 1);

    for (n, section) in s.sections.iter().enumerate() {
        if n == plan_at {
            if let Some(plan) = &s.plan {
                plan_pages(&mut reading, &mut contents, s, plan, urls, &doc_crumbs);
            }
        }
        let rendered = markdown::render(&section.body);
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
            extra: context! { html => Serde(rendered.html), headings => Serde(rendered.headings) },
        });
    }
    if plan_at >= s.sections.len() {
        if let Some(plan) = &s.plan {
            plan_pages(&mut reading, &mut contents, s, plan, urls, &doc_crumbs);
        }
    }

    let overview_path = paths::strategy(&s.slug);
    let mut sequence: Vec<Entry> = vec![Entry {
        title: s.meta.title.clone(),
        path: overview_path,
        template: "strategy.html",
        crumbs: vec![home.clone()],
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
    for (
        n,
        Entry {
            title,
            path,
            template,
            crumbs,
            extra,
        },
    ) in sequence.into_iter().enumerate()
    {
        let page = PageMeta {
            title,
            url: urls.to(&path),
            canonical: urls.absolute(&path),
            breadcrumbs: crumbs,
            previous: n.checked_sub(1).map(|p| links[p].clone()),
            next: links.get(n + 1).cloned(),
        };
        out.push(Page {
            path,
            template,
            context: context! { site => Serde(site), page => Serde(page), doc => Serde(&doc), contents => Serde(&contents), ..extra },
        });
    }
}

/// A page of a document before previous/next are known.
struct Entry {
    title: String,
    path: String,
    template: &'static str,
    crumbs: Vec<Link>,
    extra: Value,
}

fn plan_pages(
    reading: &mut Vec<Entry>,
    contents: &mut Vec<ContentsEntry>,
    s: &Strategy,
    plan: &Plan,
    urls: &Urls,
    doc_crumbs: &[Link],
) {
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
        extra: context! { groups => Serde(groups), label => Serde(&label.singular), plural => Serde(&label.plural) },
    });

    let mut crumbs = doc_crumbs.to_vec();
    crumbs.push(Link {
        title: label.plural.clone(),
        url: index_url,
    });
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
            measures: p
                .measures
                .iter()
                .map(|m| MeasureView {
                    id: m.id.value.clone(),
                    title: m.title.clone(),
                })
                .collect(),
            commitments: p
                .commitments
                .iter()
                .map(|c| CommitmentView {
                    id: c.id.value.clone(),
                    title: c.title.clone(),
                    html: c.text.as_deref().map(|t| markdown::render(t).html),
                    actions: c.actions.iter().map(|a| views::inline(a)).collect(),
                })
                .collect(),
        };
        reading.push(Entry {
            title: view.heading.clone(),
            path: paths::priority(&s.slug, &p.id.value),
            template: "priority.html",
            crumbs: crumbs.clone(),
            extra: context! { priority => Serde(view), label => Serde(&label.singular), aim_heading => Serde(&plan.aim_heading), actions_intro => Serde(&plan.actions_intro) },
        });
    }
}
