//! planpress: published public plans as an accessible static website.
//!
//! The pipeline, one module a stage, each taking plain data and returning it:
//! [`load`] → [`validate`] → [`resolve`] → [`render`] → [`write`].

pub mod diagnostic;
pub mod export;
pub mod load;
pub mod model;
pub mod render;
pub mod resolve;
pub mod scaffold;
#[cfg(feature = "serve")]
pub mod serve;
pub mod validate;
pub mod write;

use std::path::{Path, PathBuf};

use diagnostic::Problems;
use render::Output;

/// Where a project's files are, and where its site goes.
#[derive(Debug, Clone)]
pub struct Project {
    /// Holds `content/` and `themes/`.
    pub root: PathBuf,
    pub out: PathBuf,
    /// Overrides `base_url` of `site.yaml`.
    pub base_url: Option<String>,
    pub theme: String,
    /// Warnings count as errors (`--strict`): nothing is written if there are any.
    pub strict: bool,
    /// Make each document's alternative formats (EPUB, text, large print,
    /// Braille, audio) with the site; `--no-exports` turns them off.
    pub exports: bool,
    /// Links relative to each page, for reading from disk (`--offline`).
    pub offline: bool,
}

impl Project {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        Project {
            out: root.join("public"),
            root,
            base_url: None,
            theme: "default".to_string(),
            strict: false,
            exports: true,
            offline: false,
        }
    }

    pub fn theme_dir(&self) -> PathBuf {
        self.root.join("themes").join(&self.theme)
    }
}

/// Why a build did not finish.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("the content has {} error(s)", .0.errors())]
    Content(Problems),
    #[error(transparent)]
    Write(#[from] write::WriteError),
    #[error(transparent)]
    Export(#[from] export::ExportError),
}

/// The result of the stages up to rendering, with any warnings.
pub struct Site {
    pub output: Output,
    pub warnings: Problems,
    pub pages: usize,
    /// Export files made (they are in `output` too).
    pub exports: usize,
    /// Exports not made because a program they need is missing.
    pub skipped: Vec<export::Skipped>,
}

/// Loads, checks and resolves the content: what every command starts from.
fn prepare(project: &Project) -> Result<(model::Content, resolve::Resolved, Problems), BuildError> {
    let content = load::load(&project.root).map_err(BuildError::Content)?;
    let mut problems = validate::validate(&content);
    problems.extend(export::check_settings(&content));
    // Links are checked even when a document has errors of its own, so that
    // an editor sees every problem of the build at once.
    let resolved = match resolve::resolve(&content) {
        Ok(r) if problems.errors() == 0 => r,
        Ok(_) => return Err(BuildError::Content(problems)),
        Err(p) => {
            problems.extend(p);
            problems.sort();
            return Err(BuildError::Content(problems));
        }
    };
    if project.strict && !problems.0.is_empty() {
        for p in &mut problems.0 {
            p.level = diagnostic::Level::Error;
            let help = p.help.take().map_or(String::new(), |h| format!("{h}; "));
            p.help = Some(format!("{help}`--strict` counts warnings as errors"));
        }
        return Err(BuildError::Content(problems));
    }
    Ok((content, resolved, problems))
}

/// Runs every stage but writing.
pub fn generate(project: &Project) -> Result<Site, BuildError> {
    let (content, resolved, problems) = prepare(project)?;
    let base_url = project
        .base_url
        .as_deref()
        .unwrap_or(&content.site.base_url);
    let exported = if project.exports {
        let options = export::ExportOptions::new(project.theme_dir(), base_url);
        export::exports(&content, &resolved, &options)?
    } else {
        export::Exported::default()
    };
    let links: Vec<_> = exported.files.iter().map(|f| f.link.clone()).collect();
    let mut output = render::render(&content, &resolved, &project.theme_dir(), base_url, &links)
        .map_err(BuildError::Content)?;
    let pages = output.keys().filter(|k| k.ends_with(".html")).count();
    let exports = exported.files.len();
    for f in exported.files {
        output.insert(f.link.path, f.bytes);
    }
    if project.offline {
        render::offline::relativise(&mut output, &render::views::Urls::new(base_url).base_path);
    }
    Ok(Site {
        output,
        warnings: problems,
        pages,
        exports,
        skipped: exported.skipped,
    })
}

/// Makes exports alone (`planpress export`), as `options` chooses; the
/// theme and the site's address are the project's.
pub fn make_exports(
    project: &Project,
    options: impl FnOnce(&mut export::ExportOptions),
) -> Result<(export::Exported, Problems), BuildError> {
    let (content, resolved, problems) = prepare(project)?;
    let base_url = project
        .base_url
        .as_deref()
        .unwrap_or(&content.site.base_url);
    let mut opts = export::ExportOptions::new(project.theme_dir(), base_url);
    options(&mut opts);
    Ok((export::exports(&content, &resolved, &opts)?, problems))
}

/// Builds the site and writes it to `project.out`.
pub fn build(project: &Project) -> Result<Site, BuildError> {
    write::check_destination(&project.out, &project.root)?;
    let site = generate(project)?;
    write::write(&project.out, &site.output)?;
    Ok(site)
}

/// The folder holding `content/`, from a starting folder.
pub fn find_root(start: &Path) -> PathBuf {
    start
        .ancestors()
        .find(|p| p.join("content/site.yaml").exists())
        .unwrap_or(start)
        .to_path_buf()
}
