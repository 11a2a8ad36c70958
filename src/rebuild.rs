//! Rebuilding after an edit, for the preview. The documents whose files
//! changed are read and checked again; only their pages, the pages of the
//! documents linked to them and the site-wide pages are rendered again.
//! A change anywhere else (site.yaml, topics, the theme, a document folder
//! added or removed) rebuilds everything.
//!
//! Tests compare every rebuild with a build from scratch, byte for byte.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::diagnostic::Problems;
use crate::model::Content;
use crate::render::assets::Assets;
use crate::render::views::Urls;
use crate::render::{self, DocumentSummary, Output, Renderer};
use crate::resolve::Resolved;
use crate::{BuildError, Project, load, validate};

/// How far an edit can show: a page shows facts of the documents it links
/// to, and some of those facts come from their own links (a measure's
/// source, a successor's status), so two steps along the links.
const REACH: usize = 2;

/// What the last good build was made from, kept to rebuild only what an
/// edit affects. The files themselves are the caller's [`Output`].
pub struct Build {
    project: Project,
    content: Content,
    resolved: Resolved,
    assets: Assets,
    /// What validating site.yaml found.
    site_checks: Problems,
    /// Per document, in `content.strategies` order.
    documents: Vec<Made>,
    site_files: Vec<String>,
    /// Documents edited since their pages were last rendered: a failed
    /// rebuild leaves them here, so the next one reads them again.
    pending: BTreeSet<usize>,
    pub pages: usize,
    pub warnings: Problems,
}

/// One document's part of the build.
struct Made {
    files: Vec<String>,
    summary: DocumentSummary,
    /// What validating it alone found.
    checks: Problems,
}

/// What one rebuild did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rebuilt {
    /// Documents whose pages were rendered again, of `of`.
    pub documents: usize,
    pub of: usize,
    /// Pages rendered again, site-wide pages included.
    pub pages: usize,
}

impl std::fmt::Display for Rebuilt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "rendered {} pages again ({} of {} documents and the site-wide pages)",
            self.pages, self.documents, self.of
        )
    }
}

enum Change {
    Document(usize),
    Everything,
}

impl Build {
    /// Builds everything from the files on disk.
    pub fn new(project: &Project) -> Result<(Build, Output, Rebuilt), BuildError> {
        let content = load::load(&project.root).map_err(BuildError::Content)?;
        let site_checks = validate::validate_site(&content);
        let checks: Vec<Problems> = content
            .strategies
            .par_iter()
            .map(validate::validate_document)
            .collect();
        let problems = all_checks(&site_checks, checks.iter());
        let (resolved, warnings) = crate::link(project, &content, problems)?;
        let mut problems = Problems::default();
        let assets = Assets::load(&project.theme_dir().join("static"), &mut problems);
        if problems.errors() > 0 {
            return Err(BuildError::Content(problems));
        }
        let mut build = Build {
            project: project.clone(),
            documents: checks
                .into_iter()
                .map(|checks| Made {
                    files: Vec::new(),
                    summary: DocumentSummary::default(),
                    checks,
                })
                .collect(),
            content,
            resolved,
            assets,
            site_checks,
            site_files: Vec::new(),
            pending: BTreeSet::new(),
            pages: 0,
            warnings,
        };
        let mut output = Output::new();
        let everything: BTreeSet<usize> = (0..build.documents.len()).collect();
        let rebuilt = build.render(&everything, &mut output)?;
        Ok((build, output, rebuilt))
    }

    /// Brings `output` up to date with the files changed since the last
    /// call (paths relative to the project). On failure `output` is left as
    /// it was: the last good site.
    pub fn update(&mut self, changed: &[String], output: &mut Output) -> Result<Rebuilt, BuildError> {
        let mut edited = BTreeSet::new();
        for path in changed {
            match self.change(Path::new(path)) {
                Change::Document(i) => {
                    edited.insert(i);
                }
                Change::Everything => return self.everything(output),
            }
        }
        self.pending.extend(edited);
        let root = self.project.root.clone();
        let loaded: Vec<(usize, Option<crate::model::Strategy>, Problems)> = self
            .pending
            .par_iter()
            .map(|&i| {
                let dir = strategies_dir(&root).join(&self.content.strategies[i].slug);
                let mut problems = Problems::default();
                let strategy = load::load_strategy(&root, &dir, &mut problems);
                (i, strategy, problems)
            })
            .collect();
        let mut problems = Problems::default();
        for (i, strategy, found) in loaded {
            match strategy {
                Some(s) if found.errors() == 0 => {
                    self.documents[i].checks = validate::validate_document(&s);
                    self.content.strategies[i] = s;
                }
                _ => problems.extend(found),
            }
        }
        if problems.errors() > 0 {
            problems.sort();
            return Err(BuildError::Content(problems));
        }
        let checks = all_checks(&self.site_checks, self.documents.iter().map(|d| &d.checks));
        let (resolved, warnings) = crate::link(&self.project, &self.content, checks)?;
        let old = std::mem::replace(&mut self.resolved, resolved);
        let affected = self.affected(&old);
        match self.render(&affected, output) {
            Ok(rebuilt) => {
                self.warnings = warnings;
                self.pending.clear();
                Ok(rebuilt)
            }
            Err(e) => {
                // Keep the links of the pages still served, so the next
                // rebuild knows what they show.
                self.resolved = old;
                Err(e)
            }
        }
    }

    /// Rebuilds from scratch, replacing `output` only if that succeeds.
    fn everything(&mut self, output: &mut Output) -> Result<Rebuilt, BuildError> {
        let (build, fresh, rebuilt) = Build::new(&self.project)?;
        *self = build;
        *output = fresh;
        Ok(rebuilt)
    }

    /// What a changed file (relative to the project) means for the build.
    fn change(&self, path: &Path) -> Change {
        let Ok(inside) = path.strip_prefix("content/strategies") else {
            return Change::Everything;
        };
        let mut parts = inside.components();
        let (Some(folder), Some(_file)) = (parts.next(), parts.next()) else {
            // The folder itself: added, removed or renamed.
            return Change::Everything;
        };
        let slug = folder.as_os_str().to_string_lossy();
        match self.content.strategies.iter().position(|s| s.slug == slug) {
            Some(i) if strategies_dir(&self.project.root).join(&*slug).join("strategy.yaml").is_file() => {
                Change::Document(i)
            }
            _ => Change::Everything,
        }
    }

    /// The documents whose pages can show what changed in the pending ones:
    /// within [`REACH`] links of them, before or after the edit. Every
    /// document, if site-wide settings cite one of them.
    fn affected(&self, old: &Resolved) -> BTreeSet<usize> {
        let everything = || (0..self.documents.len()).collect();
        if self
            .pending
            .iter()
            .any(|i| old.cited_by_site.contains(i) || self.resolved.cited_by_site.contains(i))
        {
            return everything();
        }
        let mut affected = self.pending.clone();
        let mut frontier = self.pending.clone();
        for _ in 0..REACH {
            let next: BTreeSet<usize> = frontier
                .iter()
                .flat_map(|&i| {
                    let mut n = old.neighbours(i);
                    n.extend(self.resolved.neighbours(i));
                    n
                })
                .filter(|i| !affected.contains(i))
                .collect();
            affected.extend(next.iter().copied());
            frontier = next;
        }
        affected
    }

    /// Renders the documents `which` and the site-wide pages, and puts them
    /// in `output` in place of their previous files.
    fn render(&mut self, which: &BTreeSet<usize>, output: &mut Output) -> Result<Rebuilt, BuildError> {
        let base_url = self
            .project
            .base_url
            .as_deref()
            .unwrap_or(&self.content.site.base_url);
        let urls = Urls::new(base_url);
        let theme = self.project.theme_dir();
        let renderer = Renderer::new(&self.content, &self.resolved, &theme, &urls, &self.assets, &[]);
        let sinks: Vec<(usize, Mutex<Output>)> = which.iter().map(|&i| (i, Mutex::default())).collect();
        let jobs: Vec<(usize, &dyn crate::write::Sink)> =
            sinks.iter().map(|(i, s)| (*i, s as &dyn crate::write::Sink)).collect();
        let (fresh, problems) = render::render_documents(&renderer, &jobs)?;
        // Errors stop the build below, so here every job has its summary.
        let mut summaries: Vec<&DocumentSummary> = self.documents.iter().map(|d| &d.summary).collect();
        for ((i, _), summary) in sinks.iter().zip(&fresh) {
            summaries[*i] = summary;
        }
        let site = Mutex::new(Output::new());
        let site_pages = render::render_site(&renderer, &summaries, &site, problems)?;
        drop(renderer);

        let rendered = site_pages + fresh.iter().map(|d| d.pages).sum::<usize>();
        for ((i, files), summary) in sinks.into_iter().zip(fresh) {
            let files = files.into_inner().expect("rendering has finished");
            let made = &mut self.documents[i];
            for old in made.files.drain(..) {
                output.remove(&old);
            }
            made.files = files.keys().cloned().collect();
            made.summary = summary;
            output.extend(files);
        }
        for old in self.site_files.drain(..) {
            output.remove(&old);
        }
        let site = site.into_inner().expect("rendering has finished");
        self.site_files = site.keys().cloned().collect();
        output.extend(site);
        self.pages = site_pages + self.documents.iter().map(|d| d.summary.pages).sum::<usize>();
        Ok(Rebuilt {
            documents: which.len(),
            of: self.documents.len(),
            pages: rendered,
        })
    }
}

fn strategies_dir(root: &Path) -> PathBuf {
    root.join("content/strategies")
}

/// The site's and every document's validation findings, in one sorted list.
fn all_checks<'a>(site: &Problems, documents: impl Iterator<Item = &'a Problems>) -> Problems {
    let mut all = site.clone();
    for d in documents {
        all.extend(d.clone());
    }
    all.sort();
    all
}
