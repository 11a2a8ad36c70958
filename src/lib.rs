//! planpress: published public plans as an accessible static website.
//!
//! The pipeline, one module a stage, each taking plain data and returning it:
//! [`load`] → [`validate`] → [`resolve`] → [`render`] → [`write`].

pub mod diagnostic;
pub mod load;
pub mod model;
pub mod render;
pub mod resolve;
pub mod scaffold;
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
}

impl Project {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        Project {
            out: root.join("public"),
            root,
            base_url: None,
            theme: "default".to_string(),
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
}

/// The result of the stages up to rendering, with any warnings.
pub struct Site {
    pub output: Output,
    pub warnings: Problems,
    pub pages: usize,
}

/// Runs every stage but writing.
pub fn generate(project: &Project) -> Result<Site, BuildError> {
    let content = load::load(&project.root).map_err(BuildError::Content)?;
    let mut problems = validate::validate(&content);
    if problems.errors() > 0 {
        return Err(BuildError::Content(problems));
    }
    let resolved = match resolve::resolve(&content) {
        Ok(r) => r,
        Err(p) => {
            problems.extend(p);
            problems.sort();
            return Err(BuildError::Content(problems));
        }
    };
    let base_url = project
        .base_url
        .as_deref()
        .unwrap_or(&content.site.base_url);
    let output = render::render(&content, &resolved, &project.theme_dir(), base_url, &[])
        .map_err(BuildError::Content)?;
    let pages = output.keys().filter(|k| k.ends_with(".html")).count();
    Ok(Site {
        output,
        warnings: problems,
        pages,
    })
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
