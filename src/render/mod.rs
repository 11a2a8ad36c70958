//! Stage 4: turn resolved content into the bytes of every file of the site.

pub mod archive;
pub mod chart;
pub mod markdown;
pub mod pages;
pub mod performance;
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
    let (pages, files) = pages::pages(content, resolved, &urls, exports);
    let rendered: Vec<Result<(String, Vec<u8>), minijinja::Error>> = pages
        .par_iter()
        .map(|page| {
            let html = env.get_template(page.template)?.render(&page.context)?;
            Ok((file_for(&page.path), html.into_bytes()))
        })
        .collect();

    let mut out = Output::new();
    let mut problems = Problems::default();
    for r in rendered {
        match r {
            Ok((path, bytes)) => {
                out.insert(path, bytes);
            }
            Err(e) => problems.push(templates::problem(theme, &e)),
        }
    }
    out.extend(files);
    copy_static(&theme.join("static"), "static", &mut out, &mut problems);
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

fn copy_static(dir: &Path, prefix: &str, out: &mut Output, problems: &mut Problems) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if crate::load::is_editor_litter(&path) {
            continue;
        }
        let rel = format!("{prefix}/{name}");
        if path.is_dir() {
            copy_static(&path, &rel, out, problems);
        } else {
            match std::fs::read(&path) {
                Ok(bytes) => {
                    out.insert(rel, bytes);
                }
                Err(e) => problems.push(crate::diagnostic::Problem::file(
                    &path,
                    format!("cannot read the theme file: {e}"),
                )),
            }
        }
    }
}
