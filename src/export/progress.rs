//! Progress of long exports on a terminal; nothing in CI or in a log.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

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
    let bar = ProgressBar::new(len);
    if let Ok(style) =
        ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} {wide_msg} ({elapsed})")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_prefix("exports");
    bar
}
