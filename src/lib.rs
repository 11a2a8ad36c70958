//! planpress: published public plans as an accessible static website.
//!
//! The pipeline, one module a stage, each taking plain data and returning it:
//! [`load`] → [`validate`] → [`resolve`] → [`document`] (the model of each
//! document) → [`render`] (the site's pages) and [`export`] (every other
//! format) → [`write`]. [`pipeline`] drives the stages for every command;
//! [`rebuild`] drives them again for the preview after an edit.

#[cfg(test)]
mod architecture;
pub mod cache;
pub mod diagnostic;
pub mod document;
pub mod export;
pub mod import;
pub mod load;
pub mod model;
pub mod pipeline;
pub mod rebuild;
pub mod render;
pub mod resolve;
pub mod scaffold;
#[cfg(feature = "serve")]
pub mod serve;
pub mod support;
pub mod theme;
pub mod validate;
pub mod write;

use std::path::{Path, PathBuf};

use diagnostic::Problems;

pub use pipeline::{build, generate, make_exports};

/// Where a project's files are, and where its site goes.
#[derive(Debug, Clone)]
pub struct Project {
    /// Holds `content/` and `themes/`.
    pub root: PathBuf,
    pub out: PathBuf,
    /// Overrides `base_url` of `site.yaml`.
    pub base_url: Option<String>,
    /// The theme's name: the site's `themes/NAME/` overrides the built-in
    /// theme's files.
    pub theme: String,
    /// Warnings count as errors (`--strict`): nothing is written if there are any.
    pub strict: bool,
    /// Make each document's alternative formats (EPUB, text, large print,
    /// Braille, audio) with the site; `--no-exports` turns them off.
    pub exports: bool,
    /// Links relative to each page, for reading from disk (`--offline`).
    pub offline: bool,
    /// The day the build is as of (`--as-of`, today by default): what
    /// depends on the date is computed from it, so a build is reproducible.
    pub as_of: jiff::civil::Date,
    /// Where what the export programs made is kept between builds
    /// (`.planpress-cache/` of the project; `--cache DIR`), or nowhere
    /// (`--no-cache`).
    pub cache: Option<PathBuf>,
}

impl Project {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        Project {
            out: root.join("public"),
            base_url: None,
            theme: theme::BUILT_IN.to_string(),
            strict: false,
            exports: true,
            offline: false,
            as_of: jiff::Zoned::now().date(),
            cache: Some(root.join(".planpress-cache")),
            root,
        }
    }

    /// The site's theme: its `themes/NAME/` over the built-in theme.
    pub fn theme(&self) -> theme::Theme {
        theme::Theme::new(&self.root, &self.theme)
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
    /// Entries of the export programs' cache found damaged, and made again.
    pub cache_damaged: usize,
    /// The documents, and how many of them the build cache gave: their
    /// files were taken from the build replaced, not made again.
    pub documents: usize,
    pub reused: usize,
    /// Entries of the build cache not trusted, and why.
    pub build_cache: cache::Notices,
}

impl From<render::RenderError> for BuildError {
    fn from(e: render::RenderError) -> Self {
        match e {
            render::RenderError::Theme(p) => BuildError::Content(p),
            render::RenderError::Write(w) => BuildError::Write(w),
        }
    }
}

/// The folder holding `content/`, from a starting folder.
pub fn find_root(start: &Path) -> PathBuf {
    start
        .ancestors()
        .find(|p| p.join("content/site.yaml").exists())
        .unwrap_or(start)
        .to_path_buf()
}
