//! The checks of the site-wide files, `site.yaml` and `topics.yaml`.

use std::collections::BTreeSet;

use super::at;
use crate::diagnostic::{Problem, Problems};
use crate::model::{Content, SourceFile};
use crate::support::scheme::{Target, classify, is_web_address};

pub(super) fn check_site(content: &Content, problems: &mut Problems) {
    let site = &content.site;
    let file = &content.site_file;
    if !is_web_address(&site.base_url) || !site.base_url.ends_with('/') {
        problems.push(
            Problem::at(file, top_line(file, "base_url:"), 1, format!("`{}` is not a full web address ending in `/`", site.base_url))
                .help("write the address the site will be published at, e.g. `https://www.example.gov.uk/strategies/`"),
        );
    }
    // Footer links are published as they are written: only web, mail and
    // phone addresses, or paths of the site.
    for link in &site.footer_links {
        if !matches!(classify(&link.href), Target::Address(_) | Target::Site(_)) {
            let (line, column) = place_of(file, &link.href);
            problems.push(
                Problem::at(file, line, column, format!("`{}` is not a web address or a path of the site", link.href))
                    .help("footer links start with `https://`, `http://`, `mailto:`, `tel:` or `/` (a page of this site)"),
            );
        }
    }
    if let Some(licence) = site.licence.as_ref().filter(|l| !is_web_address(&l.url)) {
        let (line, column) = place_of(file, &licence.url);
        problems.push(
            Problem::at(file, line, column, format!("the licence's address `{}` is not a full web address", licence.url))
                .help("write the address of the licence's text, starting `https://`, e.g. `https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/`"),
        );
    }
    let lang_ok = site
        .language
        .split('-')
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    if !lang_ok {
        problems.push(
            Problem::at(
                file,
                top_line(file, "language:"),
                1,
                format!("`{}` is not a language tag", site.language),
            )
            .help("write a BCP 47 language tag such as `en-GB` or `cy`"),
        );
    }
    if let Some(website) = &site.website
        && !is_web_address(website)
    {
        problems.push(
            Problem::at(file, top_line(file, "website:"), 1, format!("`{website}` is not a web address"))
                .help("write the address of the council's main website, e.g. `https://www.example.gov.uk/`"),
        );
    }
    if let Some(feedback) = &site.feedback
        && !is_email(feedback)
    {
        problems.push(
            Problem::at(
                file,
                top_line(file, "feedback:"),
                1,
                format!("`{feedback}` is not an email address"),
            )
            .help("write the address readers send feedback to, e.g. `plans@example.gov.uk`"),
        );
    }
    check_contact(&site.contact, file, problems);
    super::branding::check_branding(&site.branding, file, problems);
}

/// The ways to ask for another format: a sign language service reached by
/// its web address, and a reply promised in at least a day.
fn check_contact(contact: &crate::model::Contact, file: &SourceFile, problems: &mut Problems) {
    if let Some(bsl) = contact.bsl.as_ref().filter(|a| !is_web_address(a)) {
        problems.push(
            Problem::at(file, super::line_of(file, "bsl:"), 1, format!("`{bsl}` is not a web address"))
                .help("write the full address of the council's British Sign Language video relay service, e.g. `https://www.example.gov.uk/bsl`"),
        );
    }
    if contact.reply_days == Some(0) {
        problems.push(
            Problem::at(file, super::line_of(file, "reply_days:"), 1, "`reply_days` is 0")
                .help("write how many working days a reply to a request for another format takes, 1 or more, or leave `reply_days` out"),
        );
    }
}

/// `name@host`, with nothing a `mailto:` link could be made to do more with.
fn is_email(text: &str) -> bool {
    let mut parts = text.split('@');
    let (Some(name), Some(host), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let plain = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '+'))
    };
    plain(name) && plain(host) && host.contains('.')
}

/// Each topic is listed once.
pub(super) fn check_topics(content: &Content, problems: &mut Problems) {
    let Some(file) = &content.topics_file else {
        return;
    };
    let mut seen = BTreeSet::new();
    for t in &content.topics {
        if !seen.insert(t.id.value.as_str()) {
            problems.push(
                at(
                    file,
                    &t.id,
                    format!("the topic `{}` is listed twice", t.id.value),
                )
                .help("merge the two entries"),
            );
        }
    }
}

/// The first line of `file` that starts with the top-level `key`, or 1.
pub(super) fn top_line(file: &SourceFile, key: &str) -> usize {
    file.text
        .lines()
        .position(|l| l.starts_with(key))
        .map_or(1, |i| i + 1)
}

/// The line and column where `text` is first written in `file` (1, 1 if nowhere).
fn place_of(file: &SourceFile, text: &str) -> (usize, usize) {
    // A value with a backslash is found as written in double quotes.
    let escaped = text.replace('\\', "\\\\");
    let text = if file.text.contains(text) {
        text
    } else {
        escaped.as_str()
    };
    let line = file
        .text
        .lines()
        .position(|l| l.contains(text))
        .map_or(1, |i| i + 1);
    let column = file
        .text
        .lines()
        .nth(line - 1)
        .and_then(|l| l.find(text).map(|i| l[..i].chars().count()))
        .map_or(1, |i| i + 1);
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Site;

    fn site_problems(yaml: &str) -> Vec<String> {
        let site_file = SourceFile {
            path: "content/site.yaml".into(),
            text: yaml.into(),
        };
        let site: Site = serde_saphyr::from_str(yaml).unwrap();
        let content = Content {
            site,
            site_file,
            strategies: Vec::new(),
            topics: Vec::new(),
            topics_file: None,
            records: Vec::new(),
            records_file: None,
            synonyms: Vec::new(),
            synonyms_file: None,
            vocabulary: crate::model::Vocabulary::built_in(),
            vocabulary_file: None,
        };
        let mut problems = Problems::default();
        check_site(&content, &mut problems);
        problems
            .0
            .iter()
            .map(|p| format!("{}: {}", p.position(), p.message))
            .collect()
    }

    const SITE: &str = "name: S\norganisation: O\nlanguage: en-GB\nbase_url: https://example.org/\ncontact:\n  phone: \"1\"\naccessibility:\n  reviewed: \"2026\"\n  nation: england\n  compliance: partial\n";

    #[test]
    fn footer_links_are_web_addresses_or_site_paths() {
        let ok = format!(
            "{SITE}footer_links:\n  - {{ title: A, href: /accessibility/ }}\n  - {{ title: B, href: \"https://www.kent.gov.uk/\" }}\n  - {{ title: C, href: \"mailto:a@b.c\" }}\n"
        );
        assert!(site_problems(&ok).is_empty());
        let bad = format!(
            "{SITE}footer_links:\n  - {{ title: A, href: \"javascript:alert(1)\" }}\n  - {{ title: B, href: \"//evil.example/\" }}\n  - {{ title: C, href: \" JavaScript:x\" }}\n"
        );
        assert_eq!(
            site_problems(&bad),
            [
                "content/site.yaml:12:24: `javascript:alert(1)` is not a web address or a path of the site",
                "content/site.yaml:13:24: `//evil.example/` is not a web address or a path of the site",
                "content/site.yaml:14:24: ` JavaScript:x` is not a web address or a path of the site",
            ]
        );
    }

    #[test]
    fn the_site_address_is_a_web_address_ending_in_a_slash() {
        let site = |url: &str| SITE.replace("https://example.org/", url);
        assert!(site_problems(&site("http://localhost/s/")).is_empty());
        for bad in ["https://example.org", "ftp://example.org/", "example.org/"] {
            assert_eq!(
                site_problems(&site(bad)),
                [format!(
                    "content/site.yaml:4:1: `{bad}` is not a full web address ending in `/`"
                )]
            );
        }
    }
}
