//! The checks of `records.yaml` alone: each record is a web address, listed
//! once, with a title and a publisher.

use std::collections::BTreeSet;

use super::at;
use crate::diagnostic::Problems;
use crate::model::Content;
use crate::support::scheme::is_web_address;

pub(super) fn check_records(content: &Content, problems: &mut Problems) {
    let Some(file) = &content.records_file else {
        return;
    };
    let mut seen = BTreeSet::new();
    for r in &content.records {
        let address = &r.address.value;
        if !is_full_address(address) {
            problems.push(
                at(file, &r.address, format!("`{address}` is not a full web address"))
                    .help("write the address as the browser shows it, starting with `https://` or `http://` and naming a host, with no spaces"),
            );
        }
        if !seen.insert(address.as_str()) {
            problems.push(
                at(
                    file,
                    &r.address,
                    format!("the record `{address}` is listed twice"),
                )
                .help("list each record once; every citation names it by the same address"),
            );
        }
        for (what, text) in [("title", &r.title), ("publisher", &r.publisher)] {
            if text.trim().is_empty() {
                problems.push(
                    at(
                        file,
                        &r.address,
                        format!("the record `{address}` has an empty {what}"),
                    )
                    .help(format!("give the record's {what} as published")),
                );
            }
        }
    }
}

/// A web address with a host and nothing a browser would not take as written.
fn is_full_address(address: &str) -> bool {
    let host = address.split_once("://").map_or("", |(_, rest)| {
        rest.split(['/', '?', '#']).next().unwrap_or("")
    });
    is_web_address(address)
        && !host.is_empty()
        && !host.starts_with('.')
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.:".contains(&b))
        && !address.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_address_is_a_full_web_address() {
        for good in [
            "https://example.gov.uk/minutes?ID=1&txtonly=1",
            "http://example.org",
            "https://example.org:9071/a#b",
        ] {
            assert!(is_full_address(good), "{good}");
        }
        for bad in [
            "example.org/page",
            "https:///path",
            "https://exa mple.org/",
            "ftp://example.org/",
            "HTTPS://example.org/",
            "https://.example.org/",
            "https://user@example.org/",
        ] {
            assert!(!is_full_address(bad), "{bad}");
        }
    }
}
