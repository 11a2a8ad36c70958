//! Runs the stages in order for each command: `build` writes the site,
//! `check` and the preview keep it in memory, `export` makes the other
//! formats alone. Each stage takes the plain data the one before it made.

use std::sync::{Arc, Mutex};

use minijinja::Environment;
use rayon::prelude::*;

use crate::cache::{self, Cache};
use crate::diagnostic::Problems;
use crate::document;
use crate::document::views::{ExportLink, Urls};
use crate::model::anchors::{self, AnchorMap};
use crate::render::assets::Assets;
use crate::render::changes::{self, Previous};
use crate::theme::locale::Locale;
use crate::write::{self, Output, Sink};
use crate::{BuildError, Project, Site, export, load, model, render, resolve, theme, validate};

/// What validating the content found, the site's apart from each
/// document's: the preview checks again only the documents edited.
#[derive(Debug, Default, Clone)]
pub struct Checks {
    pub site: Problems,
    /// In the order of `Content::strategies`.
    pub documents: Vec<Problems>,
}

impl Checks {
    pub fn of(content: &model::Content) -> Checks {
        Checks {
            site: validate::validate_site(content),
            documents: content
                .strategies
                .par_iter()
                .map(validate::validate_document)
                .collect(),
        }
    }

    /// Every finding, in one sorted list.
    pub fn all(&self) -> Problems {
        let mut all = self.site.clone();
        for d in &self.documents {
            all.extend(d.clone());
        }
        all.sort();
        all
    }
}

/// Content that loaded, validated and resolved, ready to render.
pub struct Prepared {
    pub content: model::Content,
    pub resolved: resolve::Resolved,
    pub warnings: Problems,
    pub checks: Checks,
}

/// Loads, checks and resolves the content: what every command starts from.
pub fn prepare(project: &Project) -> Result<Prepared, BuildError> {
    let content = load::load(&project.root).map_err(BuildError::Content)?;
    let checks = Checks::of(&content);
    let anchors = anchors::anchor_index(&content.strategies);
    let mut problems = checks.all();
    let locale = match load::locale::locale(&project.theme(), &content) {
        Ok(locale) => Some(Arc::new(locale)),
        Err(p) => {
            problems.extend(p);
            None
        }
    };
    let (resolved, warnings) = link(project, &content, problems, anchors, locale)?;
    Ok(Prepared {
        content,
        resolved,
        warnings,
        checks,
    })
}

/// Resolves loaded content, given what validating it found (`problems`),
/// its anchors, indexed, and the words of its language (`None` when they
/// did not load: `problems` says why).
pub fn link(
    project: &Project,
    content: &model::Content,
    mut problems: Problems,
    anchors: AnchorMap,
    locale: Option<Arc<Locale>>,
) -> Result<(resolve::Resolved, Problems), BuildError> {
    // Links are checked even when a document has errors of its own, so that
    // an editor sees every problem of the build at once.
    problems.extend(validate::links(content, &anchors));
    problems.extend(validate::theme_files(content, &project.theme()));
    if problems.errors() > 0 {
        problems.sort();
        return Err(BuildError::Content(problems));
    }
    if project.strict && !problems.0.is_empty() {
        return Err(BuildError::Content(validate::strict(problems)));
    }
    let Some(locale) = locale else {
        return Err(BuildError::Content(problems));
    };
    Ok((resolve::resolve(content, anchors, locale), problems))
}

/// Runs every stage, keeping the site in memory (the preview, `check`).
pub fn generate(project: &Project) -> Result<(Site, Output), BuildError> {
    let prepared = prepare(project)?;
    let output = Mutex::new(Output::new());
    // Built in memory, the site has no previous build to compare with, nor
    // files to take from it.
    let (site, _) = render_into(project, prepared, &output, Previous::default(), None)?;
    Ok((site, output.into_inner().expect("rendering has finished")))
}

/// Renders prepared content and its exports into `sink`; `previous` is what
/// the build it replaces published, for the change log. With a `place` for
/// the build cache, the documents it holds are taken from that build, and
/// the cache is returned, to save once the site is in place.
fn render_into(
    project: &Project,
    prepared: Prepared,
    sink: &dyn Sink,
    previous: Previous,
    place: Option<cache::Place>,
) -> Result<(Site, Option<Cache>), BuildError> {
    let Prepared {
        content,
        resolved,
        warnings,
        ..
    } = prepared;
    let urls = urls(project, &content);
    let offline = write::offline::Offline {
        inner: sink,
        base_path: urls.base_path.clone(),
    };
    let counted = write::Counted::new(if project.offline { &offline } else { sink });
    let inputs = document::Inputs {
        content: &content,
        resolved: &resolved,
        urls: &urls,
        as_of: project.as_of,
    };
    let theme = project.theme();
    let (assets, templates) = load_theme(project, &content, &urls, &resolved.locale)?;
    let log = changes::updated_log(
        previous,
        &content,
        &resolved,
        &urls,
        project.as_of,
        &project.out,
    )
    .map_err(BuildError::Content)?;
    let renderer = render::Renderer::new(
        &content,
        &resolved,
        &theme,
        &templates,
        &urls,
        &assets,
        project.as_of,
    )
    .with_changes(&log);
    let options = project
        .exports
        .then(|| export_options(project, &resolved.locale));
    let all: Vec<usize> = (0..content.strategies.len()).collect();
    let exporter = options
        .as_ref()
        .map(|o| export::Exporter::new(&content, &urls, o, &all));
    let cache = place.map(|place| {
        let shared = cache::Shared {
            root: &project.root,
            content: &content,
            resolved: &resolved,
            log: &log,
            settings: settings(
                project,
                &content,
                &resolved,
                &urls,
                &assets,
                exporter.as_ref(),
            ),
            theme: theme.dir().to_path_buf(),
        };
        Cache::open(place, &shared, &project.out)
    });
    let (bar, _drawn) = progress(options.as_ref(), all.len(), exporter.as_ref());
    let made = Made {
        cache: cache.as_ref(),
        sink: &counted,
        bar: &bar,
    };
    let (pages, exports, skipped, cache_damaged) = match (&exporter, &options) {
        (Some(exporter), Some(options)) => {
            let made = with_exports(&renderer, &inputs, exporter, &made);
            exporter.finish();
            let (pages, exports) = made?;
            let damaged = options.tools.cache.as_ref().map_or(0, |c| c.damaged());
            (pages, exports, exporter.skipped().to_vec(), damaged)
        }
        _ => {
            let document = |i| {
                made.document(i, |sink| {
                    let doc = document::document(&inputs, i);
                    Ok::<_, render::RenderError>((renderer.document(&doc, &[], sink)?, Vec::new()))
                })
                .map(|(summary, _)| summary)
            };
            let pages = render::render(&renderer, all.len(), &document, &counted)?;
            (pages, 0, Vec::new(), 0)
        }
    };
    bar.finish_and_clear();
    let site = Site {
        warnings,
        pages,
        files: counted.count(),
        exports,
        skipped,
        cache_damaged,
        documents: all.len(),
        reused: cache.as_ref().map_or(0, |c| c.reused(all.len())),
        build_cache: cache.as_ref().map(Cache::notices).unwrap_or_default(),
    };
    Ok((site, cache))
}

/// On a terminal, the bar of the `documents` done, drawn with the
/// exporter's, each on a line with the time left.
fn progress(
    options: Option<&export::ExportOptions>,
    documents: usize,
    exporter: Option<&export::Exporter>,
) -> (indicatif::ProgressBar, indicatif::MultiProgress) {
    let show = options.map_or_else(export::progress::wanted, |o| o.progress);
    let bar = export::progress::pages(show, documents as u64);
    let mut bars = vec![&bar];
    bars.extend(exporter.map(export::Exporter::bar));
    let drawn = export::progress::together(show, &bars);
    (bar, drawn)
}

/// Where each document's files go, and the build cache they may come from.
struct Made<'a> {
    cache: Option<&'a Cache>,
    sink: &'a dyn Sink,
    /// Counts the documents done.
    bar: &'a indicatif::ProgressBar,
}

impl Made<'_> {
    /// Document `i`'s summary and export links: its files taken from the
    /// build being replaced if the cache holds it, else made by `make`.
    fn document<E: From<write::WriteError>>(
        &self,
        i: usize,
        make: impl FnOnce(&dyn Sink) -> Result<(render::DocumentSummary, Vec<ExportLink>), E>,
    ) -> Result<(render::DocumentSummary, Vec<ExportLink>), E> {
        let made = match self.cache {
            None => make(self.sink),
            Some(cache) => match cache.reuse(i, self.sink)? {
                Some(made) => Ok(made),
                None => cache.make(i, self.sink, make),
            },
        };
        self.bar.inc(1);
        made
    }
}

/// What the build cache's keys take from the project beside the content:
/// the settings, the site's view on every page and, with exports, the
/// formats made and their programs' versions.
fn settings(
    project: &Project,
    content: &model::Content,
    resolved: &resolve::Resolved,
    urls: &Urls,
    assets: &Assets,
    exporter: Option<&export::Exporter>,
) -> String {
    let view = render::pages::site_view(content, resolved, urls, assets);
    let mut settings = format!(
        "{:?}\n{}\n",
        (
            &urls.base_path,
            urls.absolute(""),
            project.offline,
            &project.theme,
            project.as_of
        ),
        serde_json::to_string(&view).expect("the site view serialises")
    );
    if let Some(exporter) = exporter {
        for (format, tools) in exporter.made() {
            settings.push_str(&format!("{format}"));
            for t in tools {
                settings.push_str(&format!(
                    " {} {}",
                    t.program,
                    String::from_utf8_lossy(&t.version())
                ));
            }
            settings.push('\n');
        }
    }
    settings
}

/// Renders the site with every document's other formats: each document's
/// model is made once, its exports and its pages made from it, and let go;
/// the site-wide pages, which list every export, follow. Returns the
/// number of pages and of export files.
fn with_exports(
    renderer: &render::Renderer,
    inputs: &document::Inputs,
    exporter: &export::Exporter,
    to: &Made,
) -> Result<(usize, usize), BuildError> {
    let made: Vec<Result<(render::DocumentSummary, Vec<ExportLink>), BuildError>> =
        (0..inputs.content.strategies.len())
            .into_par_iter()
            .map(|i| {
                to.document(i, |sink| {
                    let doc = document::document(inputs, i);
                    let files = exporter.document(&doc)?;
                    let links: Vec<ExportLink> = files.iter().map(|f| f.link.clone()).collect();
                    for f in files {
                        sink.put(&f.link.path, f.bytes)?;
                    }
                    Ok((renderer.document(&doc, &links, sink)?, links))
                })
            })
            .collect();
    let mut summaries = Vec::with_capacity(made.len());
    let mut links = Vec::new();
    let mut problems = Problems::default();
    for result in made {
        match result {
            Ok((summary, l)) => {
                summaries.push(summary);
                links.extend(l);
            }
            // A document's template mistakes do not hide another's.
            Err(BuildError::Content(p)) => problems.extend(p),
            Err(e) => return Err(e),
        }
    }
    let refs: Vec<&render::DocumentSummary> = summaries.iter().collect();
    let site = render::render_site(renderer, &refs, &links, to.sink, problems)?;
    Ok((
        site + summaries.iter().map(|d| d.pages).sum::<usize>(),
        links.len(),
    ))
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
        ..
    } = prepare(project)?;
    let urls = urls(project, &content);
    let inputs = document::Inputs {
        content: &content,
        resolved: &resolved,
        urls: &urls,
        as_of: project.as_of,
    };
    let mut opts = export_options(project, &resolved.locale);
    options(&mut opts);
    let exported = export::exports(&content, &urls, &opts, |i| document::document(&inputs, i))?;
    Ok((exported, warnings))
}

/// Every format for every document, with the project's cache of what the
/// export programs made before.
fn export_options(project: &Project, locale: &Arc<Locale>) -> export::ExportOptions {
    let mut options = export::ExportOptions::new(project.theme(), locale);
    options.tools.cache = project
        .cache
        .as_deref()
        .map(|dir| std::sync::Arc::new(export::tool_cache::ToolCache::new(dir)));
    options
}

/// Builds the site and writes it to `project.out`.
pub fn build(project: &Project) -> Result<Site, BuildError> {
    write::check_destination(&project.out, &project.root)?;
    let mut prepared = prepare(project)?;
    prepared.content.forget_texts();
    // Files go to a staging folder as they are made; any failure from here
    // on drops it, and the last good build stays in place.
    let staging = write::Staging::begin(&project.out)?;
    // What the build in place published, read before this one replaces it
    // (once begun, the output is a planpress build, or empty, or absent).
    let previous = Previous::read(&project.out).map_err(BuildError::Content)?;
    let place = project
        .cache
        .as_deref()
        .map(|dir| cache::Place::new(dir, &project.root, &project.out));
    let (site, cache) = render_into(project, prepared, &staging, previous, place)?;
    staging.commit()?;
    if let Some(cache) = cache {
        cache.save();
    }
    Ok(site)
}

/// The site's addresses: `--base-url`, or `base_url` of `site.yaml`.
pub fn urls(project: &Project, content: &model::Content) -> Urls {
    Urls::new(
        project
            .base_url
            .as_deref()
            .unwrap_or(&content.site.base_url),
    )
}

/// The theme's static files (with the branding stylesheet, if the site is
/// branded) and its page templates, with the words of `locale`.
pub fn load_theme(
    project: &Project,
    content: &model::Content,
    urls: &Urls,
    locale: &Arc<Locale>,
) -> Result<(Assets, Environment<'static>), BuildError> {
    let theme = project.theme();
    let mut problems = Problems::default();
    let mut assets = Assets::load(&theme, &mut problems);
    if problems.errors() > 0 {
        return Err(BuildError::Content(problems));
    }
    let mut env = theme::environment(&theme, locale);
    render::brand::add_branding(content, &theme, &env, &mut assets).map_err(BuildError::Content)?;
    render::brand::add_asset_function(&mut env, &assets, urls);
    Ok((assets, env))
}
