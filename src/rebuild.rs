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

use minijinja::Environment;
use rayon::prelude::*;

use crate::diagnostic::Problems;
use crate::document::views::Urls;
use crate::document::{self, Document};
use crate::model::Content;
use crate::model::anchors::{self, AnchorMap};
use crate::pipeline::{self, Checks, Prepared};
use crate::render::assets::Assets;
use crate::render::{self, DocumentSummary, Renderer};
use crate::resolve::{DocumentId, Resolved};
use crate::theme::Theme;
use crate::write::Output;
use crate::{BuildError, Project, load, validate};

/// How far an edit can show: a page shows facts of the documents it links
/// to, and some of those facts come from their own links (a measure's
/// source, a successor's status), so two steps along the links.
pub const REACH: usize = 2;

/// What the last good build was made from, kept to rebuild only what an
/// edit affects. The files themselves are the caller's [`Output`].
///
/// A rebuild has two steps: [`Build::documents`] renders the pages of the
/// edited documents and those linked to them, [`Build::site`] the
/// site-wide pages, which draw on every document and take longer on a large
/// site; the preview shows the first step's pages before the second ends.
pub struct Build {
    project: Project,
    content: Content,
    resolved: Resolved,
    assets: Assets,
    /// The theme's templates, compiled once for every rebuild (a change to
    /// the theme makes a new `Build`).
    templates: Environment<'static>,
    /// What validating site.yaml found.
    site_checks: Problems,
    /// Per document, in `content.strategies` order.
    documents: Vec<Made>,
    site_files: Vec<String>,
    /// What every page shows of the site, as JSON.
    site_view: String,
    /// Documents edited since their pages were last rendered: a failed
    /// rebuild leaves them here, so the next one reads them again.
    pending: BTreeSet<usize>,
    pub pages: usize,
    pub warnings: Problems,
}

impl Build {
    /// The words of the site's language, as the last good build had them.
    pub fn locale(&self) -> std::sync::Arc<crate::theme::locale::Locale> {
        std::sync::Arc::clone(&self.resolved.locale)
    }
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
    /// Pages rendered again.
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

/// Files made by a step of a rebuild, to put in place of the ones they replace.
pub struct Changes {
    /// The files are the whole site.
    everything: bool,
    remove: Vec<String>,
    put: Output,
    pub rebuilt: Rebuilt,
}

impl Changes {
    /// A whole site, made from scratch.
    pub fn everything(output: Output, rebuilt: Rebuilt) -> Changes {
        Changes {
            everything: true,
            remove: Vec::new(),
            put: output,
            rebuilt,
        }
    }

    pub fn apply(self, output: &mut Output) {
        if self.everything {
            *output = self.put;
            return;
        }
        for old in &self.remove {
            output.remove(old);
        }
        output.extend(self.put);
    }

    /// Whether the step rebuilt everything (and so needs no site-wide step).
    pub fn is_everything(&self) -> bool {
        self.everything
    }

    /// Whether applying the changes would alter a page of `output`.
    pub fn alters_a_page(&self, output: &Output) -> bool {
        self.everything
            || self
                .remove
                .iter()
                .any(|p| p.ends_with(".html") && !self.put.contains_key(p))
            || self
                .put
                .iter()
                .any(|(p, bytes)| p.ends_with(".html") && output.get(p) != Some(bytes))
    }
}

enum Change {
    Document(usize),
    Everything,
}

impl Build {
    /// Builds everything from the files on disk.
    pub fn new(project: &Project) -> Result<(Build, Output, Rebuilt), BuildError> {
        let Prepared {
            content,
            resolved,
            warnings,
            checks,
        } = pipeline::prepare(project)?;
        let urls = pipeline::urls(project, &content);
        let (assets, templates) = pipeline::load_theme(project, &content, &urls, &resolved.locale)?;
        let mut build = Build {
            project: project.clone(),
            documents: checks
                .documents
                .into_iter()
                .map(|checks| Made {
                    files: Vec::new(),
                    summary: DocumentSummary::default(),
                    checks,
                })
                .collect(),
            templates,
            content,
            resolved,
            assets,
            site_checks: checks.site,
            site_files: Vec::new(),
            site_view: String::new(),
            pending: BTreeSet::new(),
            pages: 0,
            warnings,
        };
        build.site_view = build.site_view();
        let everything: BTreeSet<usize> = (0..build.documents.len()).collect();
        let mut output = Output::new();
        let documents = build.render_documents(&everything)?;
        let site = build.site()?;
        let rebuilt = Rebuilt {
            pages: documents.rebuilt.pages + site.rebuilt.pages,
            ..documents.rebuilt
        };
        documents.apply(&mut output);
        site.apply(&mut output);
        Ok((build, output, rebuilt))
    }

    /// Brings `output` up to date with the files changed since the last
    /// call (paths relative to the project). On failure `output` is left as
    /// it was: the last good site.
    pub fn update(
        &mut self,
        changed: &[String],
        output: &mut Output,
    ) -> Result<Rebuilt, BuildError> {
        let documents = self.documents(changed)?;
        if documents.is_everything() {
            let rebuilt = documents.rebuilt;
            documents.apply(output);
            return Ok(rebuilt);
        }
        let site = self.site()?;
        let rebuilt = Rebuilt {
            pages: documents.rebuilt.pages + site.rebuilt.pages,
            ..documents.rebuilt
        };
        documents.apply(output);
        site.apply(output);
        Ok(rebuilt)
    }

    /// The first step of [`Build::update`]: the pages of the documents an
    /// edit affects (or, for a change outside the documents, the whole
    /// site). The preview shows them before the slower site-wide step.
    pub fn documents(&mut self, changed: &[String]) -> Result<Changes, BuildError> {
        let mut edited = BTreeSet::new();
        for path in changed {
            match self.change(Path::new(path)) {
                Change::Document(i) => {
                    edited.insert(i);
                }
                Change::Everything => {
                    let (build, output, rebuilt) = Build::new(&self.project)?;
                    *self = build;
                    return Ok(Changes::everything(output, rebuilt));
                }
            }
        }
        self.pending.extend(edited);
        let root = self.project.root.clone();
        let terms = load::Terms::of(&self.content);
        let loaded: Vec<(usize, Option<crate::model::Strategy>, Problems)> = self
            .pending
            .par_iter()
            .map(|&i| {
                let dir = strategies_dir(&root).join(&self.content.strategies[i].slug);
                let mut problems = Problems::default();
                let strategy = load::load_strategy(&root, &dir, terms, &mut problems);
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
        let checks = Checks {
            site: self.site_checks.clone(),
            documents: self.documents.iter().map(|d| d.checks.clone()).collect(),
        };
        let anchors = self.anchors();
        let locale = Some(std::sync::Arc::clone(&self.resolved.locale));
        let (resolved, warnings) =
            pipeline::link(&self.project, &self.content, checks.all(), anchors, locale)?;
        let old = std::mem::replace(&mut self.resolved, resolved);
        // What every page shows of the site (its contact details cite a
        // document) may have changed too.
        let view = self.site_view();
        let affected = if view == self.site_view {
            self.affected(&old)
        } else {
            (0..self.documents.len()).collect()
        };
        match self.render_documents(&affected) {
            Ok(changes) => {
                self.site_view = view;
                self.warnings = warnings;
                self.pending.clear();
                // Freeing a large site's links takes milliseconds the
                // editor would wait for: it is done on another thread.
                rayon::spawn(move || drop(old));
                Ok(changes)
            }
            Err(e) => {
                // Keep the links of the pages still served, so the next
                // rebuild knows what they show.
                self.resolved = old;
                Err(e)
            }
        }
    }

    /// The second step of [`Build::update`]: the site-wide pages and files
    /// (home, lists, sitemap, feed, open data, search index, theme files),
    /// which draw on every document.
    pub fn site(&mut self) -> Result<Changes, BuildError> {
        let (urls, theme) = (self.urls(), self.project.theme());
        let renderer = self.renderer(&urls, &theme);
        let summaries: Vec<&DocumentSummary> = self.documents.iter().map(|d| &d.summary).collect();
        let site = Mutex::new(Output::new());
        let pages = render::render_site(&renderer, &summaries, &[], &site, Problems::default())?;
        drop(renderer);
        let put = site.into_inner().expect("rendering has finished");
        let remove = std::mem::replace(&mut self.site_files, put.keys().cloned().collect());
        self.pages = pages
            + self
                .documents
                .iter()
                .map(|d| d.summary.pages)
                .sum::<usize>();
        Ok(Changes {
            everything: false,
            remove,
            put,
            rebuilt: Rebuilt {
                documents: 0,
                of: self.documents.len(),
                pages,
            },
        })
    }

    /// The anchor index with the pending documents indexed again. It is
    /// taken from the last good links (the index of a large site takes tens
    /// of milliseconds to build whole), which keep an empty one meanwhile:
    /// if this rebuild fails, the next indexes everything.
    fn anchors(&mut self) -> AnchorMap {
        let mut anchors = std::mem::take(&mut self.resolved.anchors);
        if anchors.is_empty() {
            return anchors::anchor_index(&self.content.strategies);
        }
        let slugs: BTreeSet<&str> = self
            .pending
            .iter()
            .map(|&i| self.content.strategies[i].slug.as_str())
            .collect();
        anchors.retain(|key, _| !slugs.contains(key.document.as_str()));
        for &i in &self.pending {
            anchors.extend(anchors::document_anchors(&self.content.strategies[i]));
        }
        anchors
    }

    /// The preview makes no exports, so its pages link to none.
    fn renderer<'a>(&'a self, urls: &'a Urls, theme: &'a Theme) -> Renderer<'a> {
        Renderer::new(
            &self.content,
            &self.resolved,
            theme,
            &self.templates,
            urls,
            &self.assets,
            self.project.as_of,
        )
    }

    fn urls(&self) -> Urls {
        pipeline::urls(&self.project, &self.content)
    }

    /// What every page shows of the site, to tell whether it changed.
    fn site_view(&self) -> String {
        let view =
            render::pages::site_view(&self.content, &self.resolved, &self.urls(), &self.assets);
        serde_json::to_string(&view).expect("the site view serialises")
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
            Some(i)
                if strategies_dir(&self.project.root)
                    .join(&*slug)
                    .join("strategy.yaml")
                    .is_file() =>
            {
                Change::Document(i)
            }
            _ => Change::Everything,
        }
    }

    /// The documents whose pages can show what changed in the pending ones:
    /// within [`REACH`] links of them, before or after the edit.
    fn affected(&self, old: &Resolved) -> BTreeSet<usize> {
        let mut affected = self.pending.clone();
        let mut frontier = self.pending.clone();
        for _ in 0..REACH {
            let next: BTreeSet<usize> = frontier
                .iter()
                .flat_map(|&i| {
                    let mut n = old.neighbours(DocumentId(i));
                    n.extend(self.resolved.neighbours(DocumentId(i)));
                    n.into_iter().map(|d| d.0)
                })
                .filter(|i| !affected.contains(i))
                .collect();
            affected.extend(next.iter().copied());
            frontier = next;
        }
        affected
    }

    /// Renders the documents `which`, recording their files and summaries.
    fn render_documents(&mut self, which: &BTreeSet<usize>) -> Result<Changes, BuildError> {
        let (urls, theme) = (self.urls(), self.project.theme());
        let renderer = self.renderer(&urls, &theme);
        let inputs = document::Inputs {
            content: &self.content,
            resolved: &self.resolved,
            urls: &urls,
            as_of: self.project.as_of,
        };
        let models: Vec<Document> = which
            .par_iter()
            .map(|&i| document::document(&inputs, i))
            .collect();
        let sinks: Vec<(usize, Mutex<Output>)> =
            which.iter().map(|&i| (i, Mutex::default())).collect();
        let jobs: Vec<(&Document, &dyn crate::write::Sink)> = models
            .iter()
            .zip(&sinks)
            .map(|(doc, (_, s))| (doc, s as &dyn crate::write::Sink))
            .collect();
        let (fresh, problems) = render::render_documents(&renderer, &jobs)?;
        drop(renderer);
        if problems.errors() > 0 {
            return Err(BuildError::Content(problems));
        }
        let mut changes = Changes {
            everything: false,
            remove: Vec::new(),
            put: Output::new(),
            rebuilt: Rebuilt {
                documents: which.len(),
                of: self.documents.len(),
                pages: fresh.iter().map(|d| d.pages).sum(),
            },
        };
        for ((i, files), summary) in sinks.into_iter().zip(fresh) {
            let files = files.into_inner().expect("rendering has finished");
            let made = &mut self.documents[i];
            changes.remove.append(&mut made.files);
            made.files = files.keys().cloned().collect();
            made.summary = summary;
            changes.put.extend(files);
        }
        Ok(changes)
    }
}

fn strategies_dir(root: &Path) -> PathBuf {
    root.join("content/strategies")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changes(remove: &[&str], put: &[(&str, &str)]) -> Changes {
        Changes {
            everything: false,
            remove: remove.iter().map(|p| p.to_string()).collect(),
            put: put
                .iter()
                .map(|(p, b)| (p.to_string(), b.as_bytes().to_vec()))
                .collect(),
            rebuilt: Rebuilt {
                documents: 0,
                of: 1,
                pages: put.len(),
            },
        }
    }

    /// The preview reloads the browser a second time, after the site-wide
    /// step, only when that step changed a page.
    #[test]
    fn only_a_changed_page_calls_for_another_reload() {
        let mut output = Output::new();
        output.insert("index.html".into(), b"home".to_vec());
        output.insert("search/index.json".into(), b"[1]".to_vec());
        output.insert("old/index.html".into(), b"old".to_vec());
        assert!(!changes(&["index.html"], &[("index.html", "home")]).alters_a_page(&output));
        assert!(!changes(&[], &[("search/index.json", "[2]")]).alters_a_page(&output));
        assert!(changes(&[], &[("index.html", "home, edited")]).alters_a_page(&output));
        assert!(changes(&[], &[("new/index.html", "new")]).alters_a_page(&output));
        assert!(changes(&["old/index.html"], &[]).alters_a_page(&output));

        let c = changes(&["old/index.html"], &[("search/index.json", "[2]")]);
        c.apply(&mut output);
        assert!(!output.contains_key("old/index.html"));
        assert_eq!(output["search/index.json"], b"[2]");
    }
}
