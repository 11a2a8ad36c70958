//! Answering HTTP: each connection with a time limit on its requests'
//! heads, the guard, then the site.

use std::convert::Infallible;
use std::net::IpAddr;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response};
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tower::ServiceExt;

use super::guard;

/// How long a client has to send a request's line and headers: a
/// half-sent request would otherwise hold its connection for ever.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Answers connections to `listener`, which listens on `bound`, with `app`
/// until Ctrl-C.
pub async fn serve(listener: TcpListener, bound: IpAddr, app: Router) {
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
                tokio::spawn(connection(stream, bound, app.clone()));
            }
            // Most likely out of file descriptors: give connections time to close.
            Err(e) => {
                eprintln!("cannot accept a connection: {e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}

async fn connection(stream: TcpStream, bound: IpAddr, app: Router) {
    let service = hyper::service::service_fn(move |request| answer(request, bound, app.clone()));
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
    app: Router,
) -> Result<Response<Body>, Infallible> {
    if let Err(refusal) = guard::check(bound, &request) {
        return Ok(refusal.response());
    }
    app.oneshot(request).await
}
