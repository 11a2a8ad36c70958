//! Time from saving a file to the reload event reaching the browser, in
//! `planpress serve`. Benchmark only (bench/run.sh).
//!
//! cargo run --release --example reload_latency -- ROOT FILE [RUNS]
//! ROOT holds content/ and themes/; FILE (relative to ROOT) is the file saved.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (root, file) = (&args[0], &args[1]);
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(10);
    let exe = std::env::current_exe().expect("the example runs from target/");
    let planpress = exe
        .parent()
        .and_then(|p| p.parent())
        .expect("target/release")
        .join("planpress");
    let mut child = Command::new(planpress)
        .args(["serve", "--port", "0", "--root", root])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("planpress serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout is piped"))
        .read_line(&mut line)
        .expect("serve prints its address");
    let url = line
        .split_whitespace()
        .nth(1)
        .expect("serving URL")
        .to_string();
    let rest = url.strip_prefix("http://").expect("an http URL");
    let (host, path) = rest.split_once('/').expect("a path");
    let path = format!("/{path}");
    let target = std::path::Path::new(root).join(file);
    let original = std::fs::read_to_string(&target).expect("the file to save exists");
    let mut times = Vec::new();
    for run in 0..runs {
        let mut stream = TcpStream::connect(host).expect("the server listens");
        write!(
            stream,
            "GET {path}__planpress/event-stream HTTP/1.1\r\nHost: {host}\r\n\r\n"
        )
        .expect("request");
        let mut events = BufReader::new(stream);
        let mut l = String::new();
        while !l.starts_with("event: init") {
            l.clear();
            events.read_line(&mut l).expect("the event stream opens");
        }
        // Each save starts from an idle preview, as an editor's does.
        std::thread::sleep(Duration::from_millis(600));
        let started = Instant::now();
        let tmp = target.with_extension("bench-tmp");
        std::fs::write(&tmp, format!("{original}\nEdit {run}.\n")).expect("save");
        std::fs::rename(&tmp, &target).expect("save by rename");
        loop {
            l.clear();
            events.read_line(&mut l).expect("an event comes");
            if l.starts_with("event: reload") {
                break;
            }
        }
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    std::fs::write(&target, original).expect("restore");
    let _ = child.kill();
    let _ = child.wait();
    times.sort_by(f64::total_cmp);
    println!(
        "save → reload event: median {:.1} ms, min {:.1} ms, max {:.1} ms over {runs} saves",
        times[runs / 2],
        times[0],
        times[runs - 1]
    );
}
