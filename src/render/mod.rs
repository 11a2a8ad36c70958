//! Stage 4: turn resolved content into the bytes of every file of the site.

pub mod archive;
pub mod assets;
pub mod chart;
pub mod markdown;
pub mod offline;
pub mod pages;
pub mod performance;
pub mod publish;
pub mod search;
pub mod templates;
pub mod views;

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use crate::diagnostic::Problems;
use crate::model::Content;
use crate::resolve::Resolved;
use views::Urls;

/// The finished site: file path (relative, `/`-separated) → contents.
pub type Output = BTreeMap<String, Vec<u8>>;

/// Renders every page in parallel, and copies the theme's static files.
pub fn render(
    content: &Content,
    resolved: &Resolved,
    theme: &Path,
    base_url: &str,
    exports: &[views::ExportLink],
) -> Result<Output, Problems> {
    let urls = Urls::new(base_url);
    let env = templates::environment(theme);
    let mut problems = Problems::default();
    let assets = assets::Assets::load(&theme.join("static"), &mut problems);
    let (pages, files) = pages::pages(content, resolved, &urls, &assets, exports);
    let rendered: Vec<Result<(String, Vec<u8>), minijinja::Error>> = pages
        .par_iter()
        .map(|page| {
            let html = env.get_template(page.template)?.render(&page.context)?;
            Ok((file_for(&page.path), html.into_bytes()))
        })
        .collect();

    let mut out = Output::new();
    for r in rendered {
        match r {
            Ok((path, bytes)) => {
                out.insert(path, bytes);
            }
            Err(e) => problems.push(templates::problem(theme, &e)),
        }
    }
    out.extend(files);
    let index = search::index(&out, &urls);
    out.insert(search::INDEX.to_string(), index);
    out.extend(assets.files.into_values());
    problems.sort();
    problems
        .0
        .dedup_by(|a, b| a.message == b.message && a.file == b.file);
    if problems.errors() > 0 {
        return Err(problems);
    }
    Ok(out)
}

/// `strategies/x/` is written as `strategies/x/index.html`.
fn file_for(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}
