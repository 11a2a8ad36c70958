//! `planpress serve`: build in memory, serve on loopback, rebuild when a
//! file changes, and tell the open page to reload.
//!
//! The site is served from memory, never from disk, so a request can only
//! ever reach a file the build made: there is no path to traverse.

mod guard;
mod server;
mod site;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, RwLock};
use std::time::Instant;

use crate::Project;
use crate::rebuild::{Build, Changes};
use server::Live;
pub use site::{Preview, content_type};

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {0}: {1}")]
    Bind(SocketAddr, std::io::Error),
    #[error("cannot watch {0}: {1}")]
    Watch(std::path::PathBuf, notify::Error),
    #[error("the server stopped: {0}")]
    Io(#[from] std::io::Error),
}

pub struct Options {
    pub bind: IpAddr,
    /// Tried first; the next free port is taken if it is busy.
    pub port: u16,
    pub open: bool,
}

/// Runs until Ctrl-C. `ready` is told the address once the server listens.
pub fn serve(
    project: Project,
    options: Options,
    ready: impl FnOnce(SocketAddr, &str),
) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run(project, options, ready))
}

async fn run(
    mut project: Project,
    options: Options,
    ready: impl FnOnce(SocketAddr, &str),
) -> Result<(), ServeError> {
    // Previews are for reading pages; exports are slow and made by `build`.
    project.exports = false;
    let started = Instant::now();
    let (first, build, summary) = Preview::start(&project);
    eprintln!("built: {summary} in {} ms", started.elapsed().as_millis());
    let base_path = first.base_path.clone();
    let preview = Arc::new(RwLock::new(first));
    let live = Live::new(preview.clone(), &base_path);

    let listener = bind(options.bind, options.port).await?;
    let addr = listener.local_addr()?;
    if !addr.ip().to_canonical().is_loopback() {
        eprintln!(
            "warning: listening on {}: anyone on the network who can reach this machine can read the preview, drafts included",
            addr.ip()
        );
    }
    // The watch starts before the address is announced: an edit made as
    // soon as it is must be seen.
    let mut editor = Editor {
        project: project.clone(),
        build,
        preview,
        live: live.clone(),
    };
    let _watch = watch::watch(&project, move |changed| editor.saved(&changed))?;

    let url = format!("http://{addr}{base_path}");
    ready(addr, &url);
    if options.open {
        open_browser(&url);
    }
    server::serve(listener, addr.ip(), live).await;
    Ok(())
}

/// What the preview does when files are saved: rebuild in two steps, show
/// each as it is done, and tell the open page.
struct Editor {
    project: Project,
    /// What the last good build was made from; none until one succeeds.
    build: Option<Build>,
    preview: Arc<RwLock<Preview>>,
    live: Live,
}

impl Editor {
    fn saved(&mut self, changed: &[String]) {
        let started = Instant::now();
        let rebuilt = self.rebuild(changed, started);
        let summary = self
            .preview
            .read()
            .expect("the preview lock is never poisoned")
            .summary();
        eprintln!(
            "{} changed: {rebuilt}; {summary}; {} ms in all",
            changed.join(", "),
            started.elapsed().as_millis()
        );
    }

    /// The edited documents' pages are shown (and the browser told) before
    /// the site-wide pages are made; requests are answered from the last
    /// good site meanwhile. Says what was rendered.
    fn rebuild(&mut self, changed: &[String], started: Instant) -> String {
        let step = match &mut self.build {
            Some(b) => b.documents(changed),
            None => Build::new(&self.project).map(|(b, output, rebuilt)| {
                self.build = Some(b);
                Changes::everything(output, rebuilt)
            }),
        };
        let changes = match step {
            Ok(changes) => changes,
            Err(e) => {
                self.fail(e);
                return "not rebuilt".to_string();
            }
        };
        let (rebuilt, whole) = (changes.rebuilt, changes.is_everything());
        self.show(changes);
        if whole {
            self.follow_base_path();
        }
        self.live.reload();
        let shown = started.elapsed().as_millis();
        let site = match (&mut self.build, whole) {
            (Some(b), false) => Some(b.site()),
            _ => None,
        };
        let altered = match site {
            Some(Ok(changes)) => self.show(changes),
            Some(Err(e)) => {
                self.fail(e);
                false
            }
            None => false,
        };
        if altered {
            self.live.reload();
        }
        format!("{rebuilt}, shown in {shown} ms")
    }

    /// Puts a step's files in place; says whether a page changed.
    fn show(&self, changes: Changes) -> bool {
        let pages = self.build.as_ref().map_or(0, |b| b.pages);
        let mut preview = self
            .preview
            .write()
            .expect("the preview lock is never poisoned");
        let altered = changes.alters_a_page(&preview.output);
        preview.show(changes, pages);
        altered
    }

    /// A whole rebuild may be for a new `base_url`: the site is then served
    /// under its new path, the live-reload stream with it.
    fn follow_base_path(&self) {
        let Some(new) = site::base_path(&self.project) else {
            return;
        };
        let mut preview = self
            .preview
            .write()
            .expect("the preview lock is never poisoned");
        if preview.base_path == new {
            return;
        }
        preview.base_path.clone_from(&new);
        drop(preview);
        self.live.rebase(&new);
        eprintln!("base_url changed: the site is now served under {new}");
    }

    fn fail(&self, e: crate::BuildError) {
        let locale = self.build.as_ref().map_or_else(
            || std::sync::Arc::new(crate::theme::locale::Locale::builtin_reference()),
            Build::locale,
        );
        self.preview
            .write()
            .expect("the preview lock is never poisoned")
            .fail(e, &locale);
        self.live.reload();
    }
}

async fn bind(ip: IpAddr, first: u16) -> Result<tokio::net::TcpListener, ServeError> {
    let mut last = None;
    for port in first..first.saturating_add(20) {
        let addr = SocketAddr::new(ip, port);
        match tokio::net::TcpListener::bind(addr).await {
            Ok(l) => return Ok(l),
            Err(e) => last = Some((addr, e)),
        }
        if first == 0 {
            break;
        }
    }
    let (addr, e) = last.expect("at least one port was tried");
    Err(ServeError::Bind(addr, e))
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("could not open a browser: open {url} yourself");
    }
}
