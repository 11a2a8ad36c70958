//! Where each page of a document lives and what its headings say of the
//! plan: the URL layout, and the labels a plan gives its priorities.

use crate::model::anchors::{Page, Place};
use crate::model::{Plan, Priority, Strategy};
use crate::theme::locale::Locale;

/// Where each page lives, relative to the site root. One place decides this.
pub mod paths {
    /// The site's page on how measures' statuses and directions of travel
    /// are worked out.
    pub const PERFORMANCE_RULES: &str = "performance-rules/";
    pub fn strategy(doc: &str) -> String {
        format!("{doc}/")
    }
    pub fn section(doc: &str, section: &str) -> String {
        format!("{doc}/{section}/")
    }
    pub fn priorities(doc: &str) -> String {
        format!("{doc}/priorities/")
    }
    pub fn priority(doc: &str, id: &str) -> String {
        format!("{doc}/priorities/{id}/")
    }
    pub fn outcomes(doc: &str) -> String {
        format!("{doc}/outcomes/")
    }
    pub fn performance(doc: &str) -> String {
        format!("{doc}/performance/")
    }
    pub fn measure(doc: &str, id: &str) -> String {
        format!("{doc}/measures/{id}/")
    }
    pub fn measure_csv(doc: &str, id: &str) -> String {
        format!("{doc}/measures/{id}.csv")
    }
    /// A plan's dashboard; the site's is `dashboard/`.
    pub fn dashboard(doc: &str) -> String {
        format!("{doc}/dashboard/")
    }
}

/// The path of a citable place of document `s`, with the anchor's fragment.
pub fn place(s: &Strategy, anchor: &str, place: Place) -> String {
    let doc = &s.slug;
    let page = match place.page {
        Page::Section(n) => paths::section(doc, &s.sections[n].slug),
        Page::Measure(n) => paths::measure(doc, &s.measures[n].id),
        Page::Priorities => paths::priorities(doc),
        Page::Priority(n) => paths::priority(doc, &priorities(s)[n].id.value),
    };
    if place.fragment {
        format!("{page}#{anchor}")
    } else {
        page
    }
}

/// The title of the page that holds a citable place.
pub fn page_title(s: &Strategy, page: Page, locale: &Locale) -> String {
    match page {
        Page::Section(n) => s.sections[n].title.clone(),
        Page::Measure(n) => s.measures[n].meta.title.clone(),
        Page::Priorities => s
            .plan
            .as_ref()
            .map(|p| plan_label(p, locale).plural)
            .unwrap_or_default(),
        Page::Priority(n) => {
            let plan = s.plan.as_ref().expect("a priority belongs to a plan");
            priority_heading(&plan_label(plan, locale).singular, &plan.priorities[n])
        }
    }
}

fn priorities(s: &Strategy) -> &[Priority] {
    s.plan.as_ref().map_or(&[], |p| p.priorities.as_slice())
}

/// What a document calls its priorities ("Priority", "Theme").
pub struct PlanLabel {
    pub singular: String,
    pub plural: String,
}

pub fn plan_label(plan: &Plan, locale: &Locale) -> PlanLabel {
    let Some(singular) = plan.priority_label.clone() else {
        return PlanLabel {
            singular: locale.word("label.priority").to_string(),
            plural: plan
                .priorities_label
                .clone()
                .unwrap_or_else(|| locale.word("label.priorities").to_string()),
        };
    };
    let plural = plan.priorities_label.clone().unwrap_or_else(|| {
        // The English rule: the content's own label is in the content's words.
        match singular.strip_suffix('y') {
            Some(stem) => format!("{stem}ies"),
            None => format!("{singular}s"),
        }
    });
    PlanLabel { singular, plural }
}

/// "Priority 1: Homes for local people", or the title alone when it has no number.
pub fn priority_heading(label: &str, p: &Priority) -> String {
    match &p.number {
        Some(n) => format!("{label} {n}: {}", p.title),
        None => p.title.clone(),
    }
}
