//! An offline copy: links that work when the pages are opened from disk
//! (`file://`), with no server to turn `/strategies/x/` into `x/index.html`.
//!
//! Every address within the site is rewritten relative to the page it is on
//! and points at the file itself. Canonical and feed addresses stay absolute.

use crate::write::{Sink, WriteError};

/// Passes files on to `inner`, with the HTML rewritten for reading from disk.
pub struct Offline<'a> {
    pub inner: &'a dyn Sink,
    /// The path part of the site's address, ending in `/`.
    pub base_path: String,
}

impl Sink for Offline<'_> {
    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), WriteError> {
        let bytes = match std::str::from_utf8(&bytes) {
            Ok(html) if path.ends_with(".html") => {
                rewrite(html, &self.base_path, path.matches('/').count()).into_bytes()
            }
            _ => bytes,
        };
        self.inner.put(path, bytes)
    }

    /// A kept page was rewritten when it was made.
    fn keep(&self, path: &str) -> Result<bool, WriteError> {
        self.inner.keep(path)
    }
}

fn rewrite(html: &str, base_path: &str, depth: usize) -> String {
    let up = "../".repeat(depth);
    let mut out = String::with_capacity(html.len() + html.len() / 20);
    let mut rest = html;
    loop {
        let next = ["href=\"", "src=\""]
            .iter()
            .filter_map(|a| rest.find(a).map(|i| (i, a.len())))
            .min();
        let Some((i, len)) = next else { break };
        let value_start = i + len;
        out.push_str(&rest[..value_start]);
        rest = &rest[value_start..];
        let end = rest.find('"').unwrap_or(rest.len());
        let value = &rest[..end];
        match value.strip_prefix(base_path) {
            Some(inside) if base_path.starts_with('/') => {
                let (target, fragment) = inside
                    .split_once('#')
                    .map_or((inside, None), |(t, f)| (t, Some(f)));
                out.push_str(&up);
                out.push_str(target);
                if target.is_empty() || target.ends_with('/') {
                    out.push_str("index.html");
                }
                if let Some(f) = fragment {
                    out.push('#');
                    out.push_str(f);
                }
            }
            _ => out.push_str(value),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_links_become_relative_file_links() {
        let html = r##"<a href="/s/">Home</a> <a href="/s/doc/part/#para-1">P</a> <link href="/s/static/a.css"> <a href="https://x.org/s/">out</a> <a href="#main">skip</a>"##;
        assert_eq!(
            rewrite(html, "/s/", 2),
            r##"<a href="../../index.html">Home</a> <a href="../../doc/part/index.html#para-1">P</a> <link href="../../static/a.css"> <a href="https://x.org/s/">out</a> <a href="#main">skip</a>"##
        );
        assert_eq!(
            rewrite(r#"<a href="/s/a/">a</a>"#, "/s/", 0),
            r#"<a href="a/index.html">a</a>"#
        );
    }
}
