//! Stage 4: turn resolved content into the bytes of every file of the site.

pub mod assets;
pub mod brand;
pub mod changes;
pub mod pages;
pub mod publish;
pub mod search;
mod tables;

use minijinja::{Environment, context};
use rayon::prelude::*;

use crate::diagnostic::Problems;
use crate::document::Document;
use crate::document::views::{ExportLink, Urls};
use crate::model::Content;
use crate::resolve::Resolved;
use crate::theme::Theme;
use crate::write::{Sink, WriteError};
use assets::Assets;
use pages::Page;

/// Why rendering stopped.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("the theme has {} error(s)", .0.errors())]
    Theme(Problems),
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// What the rest of the site needs from one document's rendered pages.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct DocumentSummary {
    pub pages: usize,
    /// What the search index keeps of its pages.
    pub search: Vec<search::Indexed>,
    /// Absolute addresses of its pages for the sitemap.
    pub listed: Vec<String>,
}

/// Renders the site's files from resolved content, a document at a time or
/// all at once; templates are compiled once and shared by every page.
pub struct Renderer<'a> {
    cx: pages::Ctx<'a>,
    /// The theme's templates, compiled as first used and kept by the caller:
    /// the preview keeps them across rebuilds.
    env: &'a Environment<'static>,
    assets: &'a Assets,
    theme: &'a Theme,
    urls: &'a Urls,
    /// Each document's rank in the search's order of equal results: its
    /// place in the home page's order (in force first, then newest).
    ranks: Vec<u32>,
    /// The topics each page is among, by its path (for the search).
    subjects: std::collections::HashMap<String, String>,
}

impl<'a> Renderer<'a> {
    pub fn new(
        content: &'a Content,
        resolved: &'a Resolved,
        theme: &'a Theme,
        env: &'a Environment<'static>,
        urls: &'a Urls,
        assets: &'a Assets,
        as_of: jiff::civil::Date,
    ) -> Renderer<'a> {
        let mut ranks = vec![0; content.strategies.len()];
        for (rank, id) in resolved.order.iter().enumerate() {
            ranks[id.0] = u32::try_from(rank).expect("fewer than 4 billion documents");
        }
        Renderer {
            ranks,
            subjects: search::subjects(content, resolved),
            cx: pages::Ctx::new(content, resolved, urls, assets, as_of),
            env,
            assets,
            theme,
            urls,
        }
    }

    /// Shows `log`, this build's change log: on its page, in the feed and on
    /// the pages of the measures it names. Without it, the log is empty.
    pub fn with_changes(mut self, log: &'a changes::Log) -> Renderer<'a> {
        self.cx.set_changes(log);
        self
    }

    /// The pages and figures' files of a document, into `sink`; `exports`
    /// are its files in other formats.
    pub fn document(
        &self,
        doc: &Document,
        exports: &[ExportLink],
        sink: &dyn Sink,
    ) -> Result<DocumentSummary, RenderError> {
        let pages = pages::document(&self.cx, doc, exports);
        let strategy = doc.index.of(&self.cx.content.strategies);
        self.measure_tables(strategy, sink)?;
        let owner = search::Owner {
            key: doc.index.0.to_string(),
            rank: self.ranks[doc.index.0],
            state: Some(strategy.meta.status.state),
        };
        self.pages(&pages, sink, Some(&owner))
    }

    /// The site-wide pages and files that need nothing of the documents'
    /// rendered pages: home, lists, statements, open data and theme files.
    /// Without exports, a build makes them while the documents are rendered.
    pub fn site_pages(
        &self,
        exports: &[ExportLink],
        sink: &dyn Sink,
    ) -> Result<DocumentSummary, RenderError> {
        // The site's own pages come after every document of equal weight.
        let owner = search::Owner {
            key: "s".into(),
            rank: u32::try_from(self.ranks.len()).expect("fewer than 4 billion documents"),
            state: None,
        };
        let own = self.pages(&pages::site_pages(&self.cx, exports), sink, Some(&owner))?;
        sink.put_with(pages::DATA_JSON, &mut |out| {
            publish::write_open_data(self.cx.content, self.cx.resolved, self.urls, out)
        })?;
        sink.put(changes::CHANGES_JSON, self.cx.changes.to_json())?;
        self.figure_tables(sink)?;
        for (path, bytes) in self.assets.files.values() {
            sink.put(path, bytes.clone())?;
        }
        Ok(own)
    }

    /// What is made from every page, once all are rendered: the sitemap,
    /// feed and robots file, and the search index.
    pub fn site_index(
        &self,
        documents: &[&DocumentSummary],
        own: &DocumentSummary,
        sink: &dyn Sink,
    ) -> Result<(), RenderError> {
        let every = || documents.iter().copied().chain(std::iter::once(own));
        let listed = every().flat_map(|d| &d.listed).cloned().collect();
        let (machine, files) = pages::machine_files(&self.cx, listed);
        self.pages(&machine, sink, None)?;
        for (path, bytes) in files {
            sink.put(&path, bytes)?;
        }
        let indexed: Vec<&search::Indexed> = every().flat_map(|d| &d.search).collect();
        Ok(search::write(&indexed, &self.cx.content.synonyms, sink)?)
    }

    /// Renders `pages` in parallel into `sink`, indexing them for search as
    /// pages of `owner`'s (none: not searched).
    fn pages(
        &self,
        pages: &[Page],
        sink: &dyn Sink,
        owner: Option<&search::Owner>,
    ) -> Result<DocumentSummary, RenderError> {
        // Each page: its file, search entry and sitemap address.
        type Done = (String, Option<search::Indexed>, Option<String>);
        let done: Vec<Result<Done, RenderError>> = pages
            .par_iter()
            .enumerate()
            .map(|(n, page)| {
                // Each page knows the template that made it (for `data-template`).
                let context = context! { template => page.template, ..page.context.clone() };
                let html = self
                    .env
                    .get_template(page.template)
                    .and_then(|t| t.render(context))
                    .map_err(|e| {
                        RenderError::Theme(Problems(vec![crate::theme::problem(self.theme, &e)]))
                    })?;
                let file = file_for(&page.path);
                let entry = owner.filter(|_| search::indexed(&file)).and_then(|o| {
                    let subjects = self.subjects.get(&page.path).map_or("", String::as_str);
                    search::page(&file, &html, self.urls, (o, n), subjects)
                });
                let entry = match entry {
                    Some((path, fragment, indexed)) => {
                        sink.put(&path, fragment)?;
                        Some(indexed)
                    }
                    None => None,
                };
                let listed = page.in_sitemap().then(|| self.urls.absolute(&page.path));
                sink.put(&file, html.into_bytes())?;
                Ok((file, entry, listed))
            })
            .collect();
        let mut summary = DocumentSummary::default();
        let mut problems = Problems::default();
        for result in done {
            match result {
                Ok((file, entry, listed)) => {
                    summary.pages += usize::from(file.ends_with(".html"));
                    summary.search.extend(entry);
                    summary.listed.extend(listed);
                }
                Err(RenderError::Theme(p)) => problems.extend(p),
                Err(e) => return Err(e),
            }
        }
        if problems.errors() > 0 {
            return Err(RenderError::Theme(dedup(problems)));
        }
        Ok(summary)
    }
}

/// Renders the whole site without exports into `sink`: each of the
/// `documents` by `document` (its model made and rendered, or its pages
/// taken from the build cache), in parallel, beside the site-wide pages;
/// returns the number of pages.
pub fn render(
    renderer: &Renderer,
    documents: usize,
    document: &(dyn Fn(usize) -> Result<DocumentSummary, RenderError> + Sync),
    sink: &dyn Sink,
) -> Result<usize, RenderError> {
    let (rendered, own) = rayon::join(
        || gather((0..documents).into_par_iter().map(document).collect()),
        || renderer.site_pages(&[], sink),
    );
    let (summaries, problems) = rendered?;
    let refs: Vec<&DocumentSummary> = summaries.iter().collect();
    let site = finish_site(renderer, &refs, own, sink, problems)?;
    Ok(site + summaries.iter().map(|d| d.pages).sum::<usize>())
}

/// Renders each `(document, sink)` of `jobs` in parallel.
pub fn render_documents(
    renderer: &Renderer,
    jobs: &[(&Document, &dyn Sink)],
) -> Result<(Vec<DocumentSummary>, Problems), RenderError> {
    gather(
        jobs.par_iter()
            .map(|&(doc, sink)| renderer.document(doc, &[], sink))
            .collect(),
    )
}

/// The documents' summaries, and their template errors together: one
/// document's mistakes do not hide another's. Any other error stops it.
pub fn gather(
    results: Vec<Result<DocumentSummary, RenderError>>,
) -> Result<(Vec<DocumentSummary>, Problems), RenderError> {
    let mut summaries = Vec::with_capacity(results.len());
    let mut problems = Problems::default();
    for result in results {
        match result {
            Ok(summary) => summaries.push(summary),
            Err(RenderError::Theme(p)) => problems.extend(p),
            Err(e) => return Err(e),
        }
    }
    Ok((summaries, problems))
}

/// Renders the site-wide files after the documents; returns their number
/// of pages. Fails with the documents' template errors (`problems`) and
/// its own together.
pub fn render_site(
    renderer: &Renderer,
    documents: &[&DocumentSummary],
    exports: &[ExportLink],
    sink: &dyn Sink,
    problems: Problems,
) -> Result<usize, RenderError> {
    finish_site(
        renderer,
        documents,
        renderer.site_pages(exports, sink),
        sink,
        problems,
    )
}

/// After the site-wide pages (`own`): the sitemap, feed and search index,
/// then every template error found; returns the site-wide pages' number.
fn finish_site(
    renderer: &Renderer,
    documents: &[&DocumentSummary],
    own: Result<DocumentSummary, RenderError>,
    sink: &dyn Sink,
    mut problems: Problems,
) -> Result<usize, RenderError> {
    let own = match own {
        Ok(own) => own,
        Err(RenderError::Theme(p)) => {
            problems.extend(p);
            DocumentSummary::default()
        }
        Err(e) => return Err(e),
    };
    match renderer.site_index(documents, &own, sink) {
        Ok(()) if problems.errors() == 0 => Ok(own.pages),
        Ok(()) => Err(RenderError::Theme(dedup(problems))),
        Err(RenderError::Theme(p)) => {
            problems.extend(p);
            Err(RenderError::Theme(dedup(problems)))
        }
        Err(e) => Err(e),
    }
}

/// One problem per template mistake, however many pages it spoiled.
fn dedup(mut problems: Problems) -> Problems {
    problems.sort();
    problems
        .0
        .dedup_by(|a, b| a.message == b.message && a.file == b.file);
    problems
}

/// `strategies/x/` is written as `strategies/x/index.html`.
fn file_for(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}
