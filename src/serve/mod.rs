//! `planpress serve`: build in memory, serve on loopback, rebuild when a
//! file changes, and tell the open page to reload.
//!
//! The site is served from memory, never from disk, so a request can only
//! ever reach a file the build made: there is no path to traverse.

mod site;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, RwLock};
use std::time::Instant;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Request, Response, StatusCode, header};
use tower_livereload::LiveReloadLayer;

use crate::Project;
use crate::rebuild::{Build, Changes};
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
    let (first, mut build, summary) = Preview::start(&project);
    eprintln!("built: {summary} in {} ms", started.elapsed().as_millis());
    let preview = Arc::new(RwLock::new(first));
    let base_path = preview.read().expect("lock").base_path.clone();

    let livereload = LiveReloadLayer::new().custom_prefix(format!("{base_path}__planpress"));
    let reloader = livereload.reloader();
    let app = Router::new()
        .fallback(respond)
        .with_state(preview.clone())
        .layer(livereload);

    let listener = bind(options.bind, options.port).await?;
    let addr = listener.local_addr()?;
    let url = format!("http://{addr}{base_path}");
    ready(addr, &url);
    if options.open {
        open_browser(&url);
    }

    let _watcher = watch::watch(&project, {
        let preview = preview.clone();
        let project = project.clone();
        move |changed| {
            let started = Instant::now();
            let lock = || preview.write().expect("the preview lock is never poisoned");
            // The edited documents' pages are shown (and the browser told)
            // before the site-wide pages are made; requests are served
            // from the last good site meanwhile.
            let step = match &mut build {
                Some(b) => b.documents(&changed),
                None => Build::new(&project).map(|(b, output, rebuilt)| {
                    build = Some(b);
                    Changes::everything(output, rebuilt)
                }),
            };
            let rebuilt = match step {
                Ok(changes) => {
                    let rebuilt = changes.rebuilt;
                    let whole = changes.is_everything();
                    let pages = build.as_ref().map_or(0, |b| b.pages);
                    lock().show(changes, pages);
                    reloader.reload();
                    let shown = started.elapsed().as_millis();
                    let site = match (&mut build, whole) {
                        (Some(b), false) => Some(b.site()),
                        _ => None,
                    };
                    match site {
                        Some(Ok(changes)) => {
                            let pages = build.as_ref().map_or(0, |b| b.pages);
                            let mut p = lock();
                            let again = changes.alters_a_page(&p.output);
                            p.show(changes, pages);
                            drop(p);
                            if again {
                                reloader.reload();
                            }
                        }
                        Some(Err(e)) => {
                            lock().fail(e);
                            reloader.reload();
                        }
                        None => {}
                    }
                    format!("{rebuilt}, shown in {shown} ms")
                }
                Err(e) => {
                    lock().fail(e);
                    reloader.reload();
                    "not rebuilt".to_string()
                }
            };
            let summary = preview
                .read()
                .expect("the preview lock is never poisoned")
                .summary();
            eprintln!(
                "{} changed: {rebuilt}; {summary}; {} ms in all",
                changed.join(", "),
                started.elapsed().as_millis()
            );
        }
    })?;

    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
            eprintln!("stopping");
        })
        .await?;
    Ok(())
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

async fn respond(
    State(preview): State<Arc<RwLock<Preview>>>,
    request: Request<Body>,
) -> Response<Body> {
    let path = request.uri().path().to_string();
    let preview = preview.read().expect("the preview lock is never poisoned");
    let (status, content_type, body) = preview.respond(&path);
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, HeaderValue::from_static(content_type))
        .header(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))
        .body(Body::from(body))
        .unwrap_or_else(|_| {
            let mut r = Response::new(Body::empty());
            *r.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            r
        })
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
