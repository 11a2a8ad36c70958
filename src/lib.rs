//! planpress: published public plans as an accessible static website.
//!
//! The pipeline, one module a stage, each taking plain data and returning it:
//! [`load`] → [`validate`] → [`resolve`] → [`render`] → [`write`].

pub mod diagnostic;
pub mod export;
pub mod load;
pub mod model;
pub mod rebuild;
pub mod render;
pub mod resolve;
pub mod scaffold;
#[cfg(feature = "serve")]
pub mod serve;
pub mod support;
pub mod validate;
pub mod write;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use diagnostic::Problems;
use render::Output;
use write::Sink;

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

/// What a build made, with any warnings.
pub struct Site {
    pub warnings: Problems,
    pub pages: usize,
    /// Every file, pages and exports included.
    pub files: usize,
    /// Export files made.
    pub exports: usize,
    /// Exports not made because a program they need is missing.
    pub skipped: Vec<export::Skipped>,
}

impl From<render::RenderError> for BuildError {
    fn from(e: render::RenderError) -> Self {
        match e {
            render::RenderError::Theme(p) => BuildError::Content(p),
            render::RenderError::Write(w) => BuildError::Write(w),
        }
    }
}

/// Content that loaded, validated and resolved, ready to render.
pub(crate) struct Prepared {
    pub content: model::Content,
    pub resolved: resolve::Resolved,
    pub warnings: Problems,
}

/// Loads, checks and resolves the content: what every command starts from.
pub(crate) fn prepare(project: &Project) -> Result<Prepared, BuildError> {
    let content = load::load(&project.root).map_err(BuildError::Content)?;
    let problems = validate::validate(&content);
    let anchors = resolve::anchor_index(&content.strategies);
    let (resolved, warnings) = link(project, &content, problems, anchors)?;
    Ok(Prepared {
        content,
        resolved,
        warnings,
    })
}

/// Resolves loaded content, given what validating it found (`problems`)
/// and its anchors, indexed.
pub(crate) fn link(
    project: &Project,
    content: &model::Content,
    mut problems: Problems,
    anchors: resolve::AnchorMap,
) -> Result<(resolve::Resolved, Problems), BuildError> {
    // Links are checked even when a document has errors of its own, so that
    // an editor sees every problem of the build at once.
    problems.extend(validate::links(content, &anchors));
    if problems.errors() > 0 {
        problems.sort();
        return Err(BuildError::Content(problems));
    }
    if project.strict && !problems.0.is_empty() {
        return Err(BuildError::Content(validate::strict(problems)));
    }
    Ok((resolve::resolve(content, anchors), problems))
}

/// Runs every stage, keeping the site in memory (the preview, `check`).
pub fn generate(project: &Project) -> Result<(Site, Output), BuildError> {
    let prepared = prepare(project)?;
    let output = Mutex::new(Output::new());
    let site = render_into(project, prepared, &output)?;
    Ok((site, output.into_inner().expect("rendering has finished")))
}

/// Renders prepared content and its exports into `sink`.
fn render_into(
    project: &Project,
    prepared: Prepared,
    sink: &dyn write::Sink,
) -> Result<Site, BuildError> {
    let Prepared {
        content,
        resolved,
        warnings,
    } = prepared;
    let base_url = project
        .base_url
        .as_deref()
        .unwrap_or(&content.site.base_url);
    let urls = render::views::Urls::new(base_url);
    let offline = render::offline::Offline {
        inner: sink,
        base_path: urls.base_path.clone(),
    };
    let counted = write::Counted::new(if project.offline { &offline } else { sink });
    let exported = if project.exports {
        let options = export::ExportOptions::new(project.theme_dir(), base_url);
        export::exports(&content, &resolved, &options)?
    } else {
        export::Exported::default()
    };
    let links: Vec<_> = exported.files.iter().map(|f| f.link.clone()).collect();
    let exports = exported.files.len();
    for f in exported.files {
        counted.put(&f.link.path, f.bytes)?;
    }
    let theme = project.theme_dir();
    let mut problems = Problems::default();
    let assets = render::assets::Assets::load(&theme.join("static"), &mut problems);
    if problems.errors() > 0 {
        return Err(BuildError::Content(problems));
    }
    let templates = render::templates::environment(&theme);
    let renderer = render::Renderer::new(
        &content, &resolved, &theme, &templates, &urls, &assets, &links,
    );
    let pages = render::render(&renderer, content.strategies.len(), &counted)?;
    Ok(Site {
        warnings,
        pages,
        files: counted.count(),
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
    let Prepared {
        content,
        resolved,
        warnings,
    } = prepare(project)?;
    let base_url = project
        .base_url
        .as_deref()
        .unwrap_or(&content.site.base_url);
    let mut opts = export::ExportOptions::new(project.theme_dir(), base_url);
    options(&mut opts);
    Ok((export::exports(&content, &resolved, &opts)?, warnings))
}

/// Builds the site and writes it to `project.out`.
pub fn build(project: &Project) -> Result<Site, BuildError> {
    write::check_destination(&project.out, &project.root)?;
    let mut prepared = prepare(project)?;
    prepared.content.forget_texts();
    // Files go to a staging folder as they are made; any failure from here
    // on drops it, and the last good build stays in place.
    let staging = write::Staging::begin(&project.out)?;
    let site = render_into(project, prepared, &staging)?;
    staging.commit()?;
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
