//! Answering HTTP: each connection with a time limit on its requests'
//! heads, the guard, then the site behind the live-reload layer.

use std::convert::Infallible;
use std::net::IpAddr;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Request, Response, StatusCode, header};
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tower::ServiceExt;
use tower_livereload::{LiveReloadLayer, Reloader};

use super::guard;
use super::site::{Preview, Reply};

/// How long a client has to send a request's line and headers: a
/// half-sent request would otherwise hold its connection for ever.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

const LOCK: &str = "the preview's locks are never poisoned";

/// The site's routes behind the live-reload layer, which can be made again
/// for a new base path.
#[derive(Clone)]
pub struct Live {
    preview: Arc<RwLock<Preview>>,
    routes: Arc<RwLock<Routes>>,
}

/// tower-livereload fixes the address of its event stream, which the
/// script it puts in each page names, when the layer is made: routes are
/// made for one base path, the stream under it.
struct Routes {
    router: Router,
    reloader: Reloader,
}

impl Routes {
    fn new(preview: Arc<RwLock<Preview>>, base_path: &str) -> Routes {
        let livereload = LiveReloadLayer::new().custom_prefix(format!("{base_path}__planpress"));
        let reloader = livereload.reloader();
        let router = Router::new()
            .fallback(respond)
            .with_state(preview)
            .layer(livereload);
        Routes { router, reloader }
    }
}

impl Live {
    pub fn new(preview: Arc<RwLock<Preview>>, base_path: &str) -> Live {
        let routes = Routes::new(preview.clone(), base_path);
        Live {
            preview,
            routes: Arc::new(RwLock::new(routes)),
        }
    }

    /// Tells the open pages to reload.
    pub fn reload(&self) {
        self.routes.read().expect(LOCK).reloader.reload();
    }

    /// Serves the event stream under `base_path` from now on; the pages
    /// listening under the old one are told to reload.
    pub fn rebase(&self, base_path: &str) {
        let routes = Routes::new(self.preview.clone(), base_path);
        let old = std::mem::replace(&mut *self.routes.write().expect(LOCK), routes);
        old.reloader.reload();
    }

    fn router(&self) -> Router {
        self.routes.read().expect(LOCK).router.clone()
    }
}

/// Answers connections to `listener`, which listens on `bound`, until Ctrl-C.
pub async fn serve(listener: TcpListener, bound: IpAddr, live: Live) {
    let stop = tokio::signal::ctrl_c();
    tokio::pin!(stop);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = &mut stop => {
                eprintln!("stopping");
                return;
            }
        };
        match accepted {
            Ok((stream, _)) => {
                tokio::spawn(connection(stream, bound, live.clone()));
            }
            // Most likely out of file descriptors: give connections time to close.
            Err(e) => {
                eprintln!("cannot accept a connection: {e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}

async fn connection(stream: TcpStream, bound: IpAddr, live: Live) {
    let service = hyper::service::service_fn(move |request| answer(request, bound, live.clone()));
    // A client that went away, or was too slow, is nothing to tell the editor.
    let _ = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT)
        .serve_connection(TokioIo::new(stream), service)
        .await;
}

async fn answer(
    request: Request<Incoming>,
    bound: IpAddr,
    live: Live,
) -> Result<Response<Body>, Infallible> {
    if let Err(refusal) = guard::check(bound, &request) {
        return Ok(refusal.response());
    }
    live.router().oneshot(request).await
}

async fn respond(
    State(preview): State<Arc<RwLock<Preview>>>,
    request: Request<Body>,
) -> Response<Body> {
    let reply = preview.read().expect(LOCK).respond(request.uri().path());
    let response = match reply {
        Reply::File {
            status,
            content_type,
            body,
        } => Response::builder()
            .status(status)
            .header(header::CONTENT_TYPE, HeaderValue::from_static(content_type))
            .body(Body::from(body)),
        // Temporary: the base path changes with `base_url`.
        Reply::Redirect(to) => Response::builder()
            .status(StatusCode::TEMPORARY_REDIRECT)
            .header(header::LOCATION, to)
            .body(Body::empty()),
    };
    let mut response = response.unwrap_or_else(|_| {
        let mut r = Response::new(Body::empty());
        *r.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
        r
    });
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
