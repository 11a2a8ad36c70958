//! docs/theming.md names every template and every field of the data each
//! one receives: a field a template's view gains fails this test until the
//! document names it.

use std::collections::{BTreeMap, BTreeSet};

use planpress::render::pages::{self, Ctx};

/// Each page template of the fixture and Kent sites → the dotted paths of
/// the fields its pages receive (a list's items as `list.field`).
fn views() -> BTreeMap<String, BTreeSet<String>> {
    let mut views: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for root in [
        crate::common::fixture_content(),
        crate::common::root().join("content"),
    ] {
        let root = root.parent().unwrap().to_path_buf();
        let mut project = planpress::Project::new(&root);
        project.as_of = jiff::civil::date(2026, 6, 1);
        let prepared =
            planpress::pipeline::prepare(&project).unwrap_or_else(|_| panic!("{}", root.display()));
        let urls = planpress::pipeline::urls(&project, &prepared.content);
        let (assets, _) = planpress::pipeline::load_theme(
            &project,
            &prepared.content,
            &urls,
            &prepared.resolved.locale,
        )
        .unwrap_or_else(|_| panic!("theme"));
        let cx = Ctx::new(
            &prepared.content,
            &prepared.resolved,
            &urls,
            &assets,
            project.as_of,
        );
        let inputs = planpress::document::Inputs {
            content: &prepared.content,
            resolved: &prepared.resolved,
            urls: &urls,
            as_of: project.as_of,
        };
        let mut all = pages::site_pages(&cx, &[]);
        for i in 0..prepared.content.strategies.len() {
            let doc = planpress::document::document(&inputs, i);
            all.extend(pages::document(&cx, &doc, &[]));
        }
        all.extend(pages::machine_files(&cx, Vec::new()).0);
        for page in all {
            let json = serde_json::to_value(&page.context).unwrap();
            let fields = views.entry(page.template.to_string()).or_default();
            paths(&json, "", fields);
        }
    }
    views
}

fn paths(value: &serde_json::Value, at: &str, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                let path = if at.is_empty() {
                    key.clone()
                } else {
                    format!("{at}.{key}")
                };
                out.insert(path.clone());
                paths(v, &path, out);
            }
        }
        serde_json::Value::Array(items) => {
            for v in items {
                paths(v, at, out);
            }
        }
        _ => {}
    }
}

fn document() -> String {
    std::fs::read_to_string(crate::common::root().join("docs/theming.md")).unwrap()
}

/// The text of the document's `### name` section, up to the next heading.
fn section(doc: &str, name: &str) -> Option<String> {
    let start = doc.find(&format!("\n### {name}\n"))? + name.len() + 6;
    let rest = &doc[start..];
    let end = rest.find("\n#").unwrap_or(rest.len());
    Some(rest[..end].to_string())
}

/// The layouts `template` extends, nearest first (`document.html`, then
/// `base.html`).
fn extends(template: &str) -> Vec<String> {
    let mut layouts = Vec::new();
    let mut at = template.to_string();
    while let Some(bytes) = planpress::theme::builtin::file(&format!("templates/{at}")) {
        let text = String::from_utf8_lossy(bytes);
        let Some(parent) = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("{% extends \""))
            .and_then(|l| l.split('"').next())
        else {
            break;
        };
        layouts.push(parent.to_string());
        at = parent.to_string();
    }
    layouts
}

#[test]
fn every_template_of_the_theme_has_a_section() {
    let doc = document();
    let missing: Vec<_> = planpress::theme::builtin::paths()
        .filter_map(|p| {
            p.strip_prefix("templates/")
                .or_else(|| p.strip_prefix("export/"))
        })
        .filter(|name| !name.ends_with(".css") || *name == "brand.css")
        .filter(|name| {
            section(&doc, name).is_none()
                && !doc.contains(&format!("### {name},"))
                && !doc.contains(&format!(", {name}\n"))
                && !doc.contains(&format!(", {name},"))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "docs/theming.md has no section for {missing:?}"
    );
}

#[test]
fn every_field_of_every_page_s_data_is_named() {
    let doc = document();
    let mut unnamed = Vec::new();
    for (template, fields) in views() {
        let own = section(&doc, &template)
            .unwrap_or_else(|| panic!("docs/theming.md has no section for {template}"));
        // The layouts a page extends name what it receives through them.
        let layouts: String = extends(&template)
            .iter()
            .filter_map(|layout| section(&doc, layout))
            .collect();
        for field in &fields {
            let name = field.rsplit('.').next().unwrap();
            let top = !field.contains('.');
            // A page's own data is named in its template's section or its
            // layouts'; a field inside it, somewhere in the document.
            let named = if top {
                own.contains(&format!("`{name}`")) || layouts.contains(&format!("`{name}`"))
            } else {
                doc.contains(&format!("`{name}`"))
            };
            if !named {
                unnamed.push(format!("{template}: {field}"));
            }
        }
    }
    assert!(
        unnamed.is_empty(),
        "docs/theming.md does not name these fields of the templates' data:\n{}",
        unnamed.join("\n")
    );
}
