//! The checks of `synonyms.yaml`, the site's search aids: every phrase has
//! words, each search is listed once and leads to other words.

use std::collections::BTreeSet;

use super::at;
use crate::diagnostic::Problems;
use crate::model::Content;
use crate::support::words::phrase;

pub(super) fn check_synonyms(content: &Content, problems: &mut Problems) {
    let Some(file) = &content.synonyms_file else {
        return;
    };
    let mut seen = BTreeSet::new();
    for s in &content.synonyms {
        let search = phrase(&s.search.value);
        if search.is_empty() {
            problems.push(
                at(
                    file,
                    &s.search,
                    format!("the search `{}` has no words", s.search.value),
                )
                .help("write the words a reader might type, e.g. `search: potholes`"),
            );
            continue;
        }
        if !seen.insert(search.clone()) {
            problems.push(
                at(
                    file,
                    &s.search,
                    format!("the search `{search}` is listed twice"),
                )
                .help("merge the two entries' `also:` lists"),
            );
        }
        if s.also.is_empty() {
            problems.push(
                at(
                    file,
                    &s.search,
                    format!("the search `{search}` has nothing in `also:`"),
                )
                .help("list the words the site uses for it, e.g. `also: [highways maintenance]`"),
            );
        }
        for also in &s.also {
            let words = phrase(&also.value);
            if words.is_empty() {
                problems.push(
                    at(
                        file,
                        also,
                        format!("`{}` in `also:` has no words", also.value),
                    )
                    .help("write the words the site's pages use, or remove it"),
                );
            } else if words == search {
                problems.push(
                    at(
                        file,
                        also,
                        format!("the search `{search}` lists itself in `also:`"),
                    )
                    .help("list other words for it, or remove it"),
                );
            }
        }
    }
}
