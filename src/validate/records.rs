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
        if !is_web_address(address) {
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
