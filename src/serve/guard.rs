//! What is refused before a request reaches the site: other methods than
//! reading, and requests naming another site than this machine.

use std::net::IpAddr;

use axum::body::Body;
use axum::http::uri::Authority;
use axum::http::{HeaderValue, Method, Request, Response, StatusCode, header};

/// Why a request is not answered with the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The Host header names another site, or is missing.
    Misdirected,
    /// Not GET or HEAD: the preview is only read.
    MethodNotAllowed,
}

/// Whether a request to a server listening on `bound` may be answered.
pub fn check<B>(bound: IpAddr, request: &Request<B>) -> Result<(), Refusal> {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    if !host.is_some_and(|h| names_this_server(bound, h)) {
        return Err(Refusal::Misdirected);
    }
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return Err(Refusal::MethodNotAllowed);
    }
    Ok(())
}

/// Whether `host` (a Host header) names this server.
///
/// A page on any web site can make its own name resolve to 127.0.0.1 (DNS
/// rebinding) and read what it fetches from that name, drafts included;
/// its requests carry that name. So the only name answered is `localhost`;
/// an IP literal cannot be rebound, and is answered if it is a loopback
/// address or the one listened on (any address, when listening on all of
/// them: 0.0.0.0 or ::). The port is not looked at: a rebinding page's
/// requests carry ours, it is the name that gives them away.
fn names_this_server(bound: IpAddr, host: &str) -> bool {
    let Ok(authority) = host.parse::<Authority>() else {
        return false;
    };
    let name = authority.host();
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let literal = name
        .strip_prefix('[')
        .and_then(|n| n.strip_suffix(']'))
        .unwrap_or(name);
    literal
        .parse::<IpAddr>()
        .is_ok_and(|ip| bound.is_unspecified() || ip == bound || ip.is_loopback())
}

impl Refusal {
    pub fn response(self) -> Response<Body> {
        let (status, body) = match self {
            Refusal::Misdirected => (
                StatusCode::MISDIRECTED_REQUEST,
                "misdirected request: the preview answers requests for localhost or an IP address of this machine\n",
            ),
            Refusal::MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                "method not allowed: the preview answers GET and HEAD\n",
            ),
        };
        let mut response = Response::new(Body::from(body));
        *response.status_mut() = status;
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        if self == Refusal::MethodNotAllowed {
            headers.insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn on_loopback_localhost_and_loopback_literals_are_answered() {
        let bound = ip("127.0.0.1");
        for host in [
            "localhost",
            "localhost:1111",
            "LOCALHOST",
            "127.0.0.1",
            "127.0.0.1:1111",
            "[::1]",
            "[::1]:1111",
        ] {
            assert!(names_this_server(bound, host), "{host}");
        }
        for host in [
            "rebound.example",
            "rebound.example:1111",
            "localhost.rebound.example",
            "192.0.2.1",
            "[2001:db8::1]:1111",
            "",
            "::1",
        ] {
            assert!(!names_this_server(bound, host), "{host}");
        }
    }

    #[test]
    fn on_one_address_that_address_is_answered() {
        let bound = ip("192.0.2.7");
        assert!(names_this_server(bound, "192.0.2.7:1111"));
        assert!(names_this_server(bound, "localhost:1111"));
        assert!(!names_this_server(bound, "192.0.2.8:1111"));
        assert!(!names_this_server(bound, "preview.example:1111"));
    }

    #[test]
    fn on_every_address_any_literal_is_answered_and_no_other_name() {
        for bound in [ip("0.0.0.0"), ip("::")] {
            assert!(names_this_server(bound, "192.0.2.8:1111"));
            assert!(names_this_server(bound, "[2001:db8::1]:1111"));
            assert!(names_this_server(bound, "localhost"));
            assert!(!names_this_server(bound, "my-laptop.local:1111"));
            assert!(!names_this_server(bound, "rebound.example"));
        }
    }

    #[test]
    fn only_reading_is_answered_and_the_refusal_says_what_is() {
        let request = |method: Method, host: Option<&str>| {
            let mut r = Request::builder().method(method).uri("/plans/");
            if let Some(h) = host {
                r = r.header(header::HOST, h);
            }
            r.body(()).unwrap()
        };
        let bound = ip("127.0.0.1");
        assert_eq!(
            check(bound, &request(Method::GET, Some("localhost"))),
            Ok(())
        );
        assert_eq!(
            check(bound, &request(Method::HEAD, Some("localhost"))),
            Ok(())
        );
        assert_eq!(
            check(bound, &request(Method::POST, Some("localhost"))),
            Err(Refusal::MethodNotAllowed)
        );
        assert_eq!(
            check(bound, &request(Method::GET, None)),
            Err(Refusal::Misdirected)
        );
        let refused = Refusal::MethodNotAllowed.response();
        assert_eq!(refused.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(refused.headers()[header::ALLOW], "GET, HEAD");
    }
}
