//! The preview server: edits show up, the page is told to reload, mistakes
//! are shown without taking the rest of the site down.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::common::{copy_dir, edit, fixture_content, fixture_copy};

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(root: &Path) -> Server {
    launch(root, &[], Stdio::null())
}

/// `planpress serve --port 0 ARGS`, once it listens.
fn launch(root: &Path, args: &[&str], stderr: Stdio) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_planpress"))
        .args(["serve", "--port", "0"])
        .args(args)
        .arg("--root")
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    // "serving http://127.0.0.1:PORT/plans/ (Ctrl-C stops)"
    let port = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|a| a.rsplit(':').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    Server { child, port }
}

/// Stops the server; what it wrote on stderr (if `launch` kept it).
fn stop(mut server: Server) -> String {
    let _ = server.child.kill();
    let _ = server.child.wait();
    let mut text = String::new();
    if let Some(mut e) = server.child.stderr.take() {
        e.read_to_string(&mut text).unwrap();
    }
    text
}

/// A raw HTTP/1.0 request, so the path reaches the server as written.
fn get(port: u16, path: &str) -> (u16, String, String) {
    request(
        port,
        &format!("GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n"),
    )
}

/// Sends `raw` as it is; the status, the head in lower case and the body.
fn request(port: u16, raw: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.write_all(raw.as_bytes()).unwrap();
    let mut r = Vec::new();
    s.read_to_end(&mut r).unwrap();
    let text = String::from_utf8_lossy(&r).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, head.to_lowercase(), body.to_string())
}

/// Listens for the next reload event.
fn reload_events(port: u16) -> mpsc::Receiver<()> {
    events_at(port, "/plans/")
}

/// Listens for reload events of the site served under `base_path`.
fn events_at(port: u16, base_path: &str) -> mpsc::Receiver<()> {
    let (tx, rx) = mpsc::channel();
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET {base_path}__planpress/event-stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n").unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(s).lines() {
            let Ok(line) = line else { return };
            if line.trim() == "event: reload" && tx.send(()).is_err() {
                return;
            }
        }
    });
    std::thread::sleep(Duration::from_millis(200));
    rx
}

/// Saves the way editors do: write a new file, then rename it over the old.
fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("planpress-test-tmp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

fn wait_for(rx: &mpsc::Receiver<()>, what: &str) {
    rx.recv_timeout(Duration::from_secs(30))
        .unwrap_or_else(|_| panic!("no reload event after {what}"));
}

/// Asks `done` again until it says yes, for up to 15 s.
fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while !done() {
        assert!(Instant::now() < deadline, "not within 15 s: {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

const PAGE: &str = "/plans/corporate-plan-2020/introduction/";
const SECTION: &str = "content/strategies/corporate-plan-2020/sections/01-introduction.md";

/// Adds a sentence to a section the way an editor saves it.
fn add_to_section(root: &Path, sentence: &str) {
    let section = root.join(SECTION);
    let original = std::fs::read_to_string(&section).unwrap();
    save(&section, &format!("{original}\n{sentence}\n"));
}

#[test]
fn edits_are_served_and_announced_errors_are_shown_and_fixing_recovers() {
    let dir = fixture_copy();
    let server = start(dir.path());
    let page = "/plans/corporate-plan-2020/introduction/";
    let (status, head, body) = get(server.port, page);
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/html"), "{head}");
    assert!(
        body.contains("event-stream"),
        "the preview page has no reload script"
    );

    // An edit to a Markdown file is served, and the page is told to reload.
    let events = reload_events(server.port);
    let section = dir
        .path()
        .join("content/strategies/corporate-plan-2020/sections/01-introduction.md");
    let original = std::fs::read_to_string(&section).unwrap();
    save(
        &section,
        &format!("{original}\nA sentence added while previewing.\n"),
    );
    wait_for(&events, "editing a section");
    assert!(
        get(server.port, page)
            .2
            .contains("A sentence added while previewing.")
    );

    // Broken YAML: that document shows the error; others are still served.
    // (Each event stream carries one reload, as a page reloads once.)
    let events = reload_events(server.port);
    let meta = dir
        .path()
        .join("content/strategies/corporate-plan-2020/strategy.yaml");
    let good = std::fs::read_to_string(&meta).unwrap();
    save(
        &meta,
        &good.replacen("kind: strategy", "kind: [strategy", 1),
    );
    wait_for(&events, "breaking strategy.yaml");
    let (status, _, body) = get(server.port, page);
    assert_eq!(status, 500);
    assert!(
        body.contains("content/strategies/corporate-plan-2020/strategy.yaml:"),
        "{body}"
    );
    assert!(body.contains("role=\"alert\""));
    assert_eq!(get(server.port, "/plans/borough-plan-2016/").0, 200);

    // Fixing it recovers without a restart.
    let events = reload_events(server.port);
    save(&meta, &good);
    wait_for(&events, "fixing strategy.yaml");
    let (status, _, body) = get(server.port, page);
    assert_eq!(status, 200);
    assert!(body.contains("A sentence added while previewing."));
}

#[test]
fn serves_the_base_path_content_types_404_and_refuses_traversal() {
    let dir = fixture_copy();
    // A file beside the content, which must stay out of reach.
    std::fs::write(dir.path().join("secret.txt"), "not for the web").unwrap();
    let server = start(dir.path());
    let (status, _, body) = get(server.port, "/plans/no-such-page/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"));
    assert_eq!(get(server.port, "/plans/../secret.txt").0, 400);
    assert_eq!(get(server.port, "/plans/%2e%2e/secret.txt").0, 404);
    assert_eq!(get(server.port, "/secret.txt").0, 404);
    let (status, head, _) = get(server.port, "/plans/sitemap.xml");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: application/xml"), "{head}");
    let started = Instant::now();
    assert_eq!(get(server.port, "/plans/").0, 200);
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn a_content_folder_deleted_and_restored_is_watched_again() {
    let dir = fixture_copy();
    let server = start(dir.path());
    let content = dir.path().join("content");

    // A branch switch or `rsync --delete` takes content/ away: the build
    // fails and the preview says why.
    std::fs::remove_dir_all(&content).unwrap();
    eventually("the error page once content/ is gone", || {
        let (status, _, body) = get(server.port, PAGE);
        status == 500 && body.contains("content/site.yaml")
    });

    // Back again, it is built and watched as before.
    copy_dir(&fixture_content(), &content);
    eventually("the site once content/ is back", || {
        get(server.port, PAGE).0 == 200
    });
    add_to_section(dir.path(), "Written after the folder came back.");
    eventually("an edit after content/ came back", || {
        get(server.port, PAGE)
            .2
            .contains("Written after the folder came back.")
    });
}

#[test]
fn the_base_path_is_read_as_yaml_quotes_and_comments_included() {
    let dir = fixture_copy();
    edit(
        dir.path(),
        "content/site.yaml",
        "base_url: https://plans.example.org/plans/",
        "base_url: 'https://plans.example.org/plans/' # where it is published",
    );
    let server = start(dir.path());
    assert_eq!(get(server.port, PAGE).0, 200);
}

#[test]
fn a_site_yaml_that_does_not_parse_at_start_is_shown_at_every_address() {
    let dir = fixture_copy();
    let site = dir.path().join("content/site.yaml");
    let good = std::fs::read_to_string(&site).unwrap();
    std::fs::write(&site, good.replacen("name: Example", "name: [Example", 1)).unwrap();
    let server = start(dir.path());
    for path in ["/", "/plans/", PAGE] {
        let (status, _, body) = get(server.port, path);
        assert_eq!(status, 500, "{path}");
        assert!(body.contains("content/site.yaml:"), "{path}: {body}");
    }
    // Fixed, the site is served under its base path.
    save(&site, &good);
    eventually("the site once site.yaml is fixed", || {
        get(server.port, PAGE).0 == 200
    });
}

#[test]
fn listening_beyond_this_machine_warns_that_drafts_are_reachable() {
    let dir = fixture_copy();
    let said = |args: &[&str]| stop(launch(dir.path(), args, Stdio::piped()));
    let wide = said(&["--bind", "0.0.0.0"]);
    assert!(
        wide.lines()
            .any(|l| l.starts_with("warning:") && l.contains("network")),
        "{wide}"
    );
    let local = said(&["--bind", "127.0.0.1"]);
    assert!(!local.contains("warning"), "{local}");
}

#[test]
fn only_get_and_head_are_answered() {
    let dir = fixture_copy();
    let server = start(dir.path());
    for method in ["POST", "PUT", "DELETE", "PATCH", "BREW"] {
        let (status, head, _) = request(
            server.port,
            &format!("{method} /plans/ HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n"),
        );
        assert_eq!(status, 405, "{method}");
        assert!(
            head.lines().any(|l| l.trim() == "allow: get, head"),
            "{method}: {head}"
        );
    }
    let (status, head, body) = request(
        server.port,
        "HEAD /plans/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n",
    );
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/html"), "{head}");
    assert_eq!(body, "");
}

#[test]
fn a_half_sent_request_is_closed_and_the_event_stream_is_not() {
    let dir = fixture_copy();
    let server = start(dir.path());
    let events = reload_events(server.port);
    let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(14))).unwrap();
    s.write_all(b"GET /plans/ HT").unwrap();
    let started = Instant::now();
    let read = s.read_to_end(&mut Vec::new());
    let held = matches!(&read, Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut));
    assert!(
        !held && started.elapsed() < Duration::from_secs(13),
        "a half-sent request held its connection {:?}: {read:?}",
        started.elapsed()
    );
    // The event stream, open longer than that, still tells the page.
    add_to_section(dir.path(), "Written after a slow client left.");
    wait_for(&events, "editing a section");
}

#[test]
fn a_changed_base_url_is_followed() {
    let dir = fixture_copy();
    let server = start(dir.path());
    let events = reload_events(server.port);
    let site = dir.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&site).unwrap();
    save(
        &site,
        &text.replacen("example.org/plans/", "example.org/docs/", 1),
    );
    wait_for(&events, "changing base_url");
    let moved = "/docs/corporate-plan-2020/introduction/";
    let (status, _, body) = get(server.port, moved);
    assert_eq!(status, 200);
    assert!(body.contains("/docs/__planpress/event-stream"), "{body}");
    assert_eq!(get(server.port, PAGE).0, 404);

    // The page's reload events follow it.
    let events = events_at(server.port, "/docs/");
    add_to_section(dir.path(), "Written under the new address.");
    wait_for(&events, "editing a section under the new base path");
    // A reload told for the move itself may come first on a busy machine:
    // the edit is then shown at the latest a moment later.
    let started = Instant::now();
    while !get(server.port, moved)
        .2
        .contains("Written under the new address.")
    {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the edit is not shown under the new base path"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn only_requests_naming_this_machine_are_answered() {
    let dir = fixture_copy();
    let server = start(dir.path());
    let port = server.port;
    let with_host = |host: &str| {
        request(
            port,
            &format!("GET /plans/ HTTP/1.0\r\nHost: {host}\r\n\r\n"),
        )
    };
    let local = [
        "127.0.0.1".to_string(),
        format!("127.0.0.1:{port}"),
        "localhost".to_string(),
        format!("LocalHost:{port}"),
        "[::1]".to_string(),
        format!("[::1]:{port}"),
    ];
    for host in &local {
        assert_eq!(with_host(host).0, 200, "{host}");
    }
    // A DNS-rebinding page's requests name its own site.
    let elsewhere = [
        "rebound.example".to_string(),
        format!("rebound.example:{port}"),
        format!("localhost.rebound.example:{port}"),
        "192.0.2.1".to_string(),
    ];
    for host in &elsewhere {
        let (status, head, body) = with_host(host);
        assert_eq!(status, 421, "{host}");
        assert!(head.contains("content-type: text/plain"), "{head}");
        assert!(!body.contains("Example Borough"), "{body}");
    }
    assert_eq!(request(port, "GET /plans/ HTTP/1.0\r\n\r\n").0, 421);
}

#[test]
fn the_bare_address_and_those_above_the_base_path_redirect_to_it() {
    let dir = fixture_copy();
    let server = start(dir.path());
    for path in ["/", "/plans"] {
        let (status, head, _) = get(server.port, path);
        assert!(matches!(status, 302 | 307), "{path}: {status}");
        assert!(
            head.lines().any(|l| l.trim() == "location: /plans/"),
            "{path}: {head}"
        );
    }
    assert_eq!(get(server.port, "/pla").0, 404);
    assert_eq!(get(server.port, "/plansx").0, 404);
}

/// A figure past the limit (`1e308` once made the preview loop for ever and
/// never rebuild again) is shown as an error, and fixing it recovers.
#[test]
fn a_figure_out_of_range_is_an_error_and_fixing_it_recovers() {
    let dir = fixture_copy();
    let server = start(dir.path());
    let target = dir
        .path()
        .join("content/strategies/corporate-plan-2020/measures/leisure-centre-visits.yaml");
    let good = std::fs::read_to_string(&target).unwrap();
    let events = reload_events(server.port);
    save(&target, &good.replacen("value: 500000", "value: 1e308", 1));
    wait_for(&events, "a target of 1e308");
    let (status, _, body) = get(server.port, PAGE);
    assert_eq!(status, 500);
    assert!(body.contains("either side of 0"), "{body}");
    let events = reload_events(server.port);
    save(&target, &good);
    wait_for(&events, "fixing the target");
    assert_eq!(get(server.port, PAGE).0, 200);
}
