//! Time to draw each chart of the Kent site. Benchmark only (bench/run.sh).
//!
//! cargo run --release --example chart_timing [-- ROOT]

use std::time::Instant;

fn main() {
    let root = std::env::args()
        .nth(1)
        .unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").to_string());
    let content = planpress::load::load(std::path::Path::new(&root)).expect("the content loads");
    let measures: Vec<_> = content
        .strategies
        .iter()
        .flat_map(|s| &s.measures)
        .collect();
    let english = planpress::theme::locale::Locale::builtin_reference();
    let rounds = 20;
    let started = Instant::now();
    let mut charts = 0;
    for _ in 0..rounds {
        charts = measures
            .iter()
            .filter_map(|m| {
                planpress::document::chart::measure_chart(m, &content.site.organisation, &english)
            })
            .count();
    }
    let per = started.elapsed().as_secs_f64() * 1e6 / (charts * rounds) as f64;
    println!("{charts} charts, {per:.0} µs a chart (mean of {rounds} rounds, one thread)");
}
