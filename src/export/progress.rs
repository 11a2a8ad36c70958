//! Progress of long builds on a terminal, the documents' pages and their
//! exports, each with the time left; nothing in CI or in a log.

use std::io::IsTerminal;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Whether to show progress: stderr is a terminal and `CI` is not set.
pub fn wanted() -> bool {
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    std::io::stderr().is_terminal() && !ci
}

/// A bar of `len` steps, or one that draws nothing.
pub fn bar(show: bool, len: u64) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    styled(
        ProgressBar::new(len),
        "{prefix:7} [{bar:30}] {pos}/{len} {wide_msg} ({elapsed}, {eta} left)",
        "exports",
    )
}

/// The bar of the documents whose pages are made (or taken from the build
/// cache), of `len`.
pub fn pages(show: bool, len: u64) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    styled(
        ProgressBar::new(len),
        "{prefix:7} [{bar:30}] {pos}/{len} documents ({elapsed}, {eta} left)",
        "pages",
    )
}

fn styled(bar: ProgressBar, template: &str, prefix: &'static str) -> ProgressBar {
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_prefix(prefix);
    bar
}

/// Bars drawn together, one line each, on stderr when `show`.
pub fn together(show: bool, bars: &[&ProgressBar]) -> MultiProgress {
    let target = if show {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let multi = MultiProgress::with_draw_target(target);
    for bar in bars {
        multi.add((*bar).clone());
    }
    multi
}
