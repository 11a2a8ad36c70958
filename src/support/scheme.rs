//! Which link targets may be published, and what kind of place each names.
//!
//! A link is published as written only when it is a web, mail or phone
//! address, or a path of the site: any other scheme (`javascript:`,
//! `data:` …) could run code or hide content, whoever wrote it.

/// The beginnings of web addresses.
const WEB: [&str; 2] = ["https://", "http://"];

/// The beginnings of the other addresses published as written.
const MAIL_AND_PHONE: [&str; 2] = ["mailto:", "tel:"];

/// What a link's target is, by how it is written (white space around it aside).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    /// A web, mail or phone address (`https://…`, `http://…`, `mailto:…`,
    /// `tel:…`, in any case), to publish as written.
    Address(&'a str),
    /// A path of this site (`/…`), without its leading `/`.
    Site(&'a str),
    /// A place on another host, by the page's own scheme (`//host/…`).
    OtherHost,
    /// A place relative to the page it is on (`x/y`, `#a`, or nothing).
    Relative,
    /// Any other scheme: never published.
    Unsafe,
}

impl Target<'_> {
    /// Whether a browser may be given it as a link.
    pub fn is_safe(self) -> bool {
        self != Target::Unsafe
    }
}

/// What `href` names.
pub fn classify(href: &str) -> Target<'_> {
    let href = href.trim();
    if names_a_host(href) {
        return Target::OtherHost;
    }
    if let Some(path) = href.strip_prefix('/') {
        return Target::Site(path);
    }
    let lower = href.to_ascii_lowercase();
    if WEB
        .iter()
        .chain(&MAIL_AND_PHONE)
        .any(|s| lower.starts_with(s))
    {
        return Target::Address(href);
    }
    match href.split_once(':') {
        // Before a scheme's `:` there is no `/`, `#` or `?`; with one, the
        // colon belongs to a path, a fragment or a query.
        Some((scheme, _)) if !scheme.contains(['/', '#', '?']) => Target::Unsafe,
        _ => Target::Relative,
    }
}

/// Whether a browser would read `href` as `//host/…`: it reads `\\` as `/`
/// and drops tabs and line breaks, so `/\\evil.example/` names a host.
fn names_a_host(href: &str) -> bool {
    let mut slashes = href
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .map(|c| matches!(c, '/' | '\\'));
    slashes.next() == Some(true) && slashes.next() == Some(true)
}

/// Whether `url` is a full web address as written: `https://` or
/// `http://` in lower case, then a host (letters, digits, `-`, `.`, a
/// `:port`), with no white space or control characters anywhere.
pub fn is_web_address(url: &str) -> bool {
    let Some(rest) = WEB.iter().find_map(|s| url.strip_prefix(s)) else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty()
        && !host.starts_with('.')
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.:".contains(&b))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_mail_and_phone_addresses_are_published_as_written() {
        assert_eq!(
            classify(" HTTPS://www.kent.gov.uk/ "),
            Target::Address("HTTPS://www.kent.gov.uk/")
        );
        assert_eq!(classify("mailto:a@b.c"), Target::Address("mailto:a@b.c"));
        assert_eq!(
            classify("tel:03000414141"),
            Target::Address("tel:03000414141")
        );
    }

    #[test]
    fn paths_are_of_this_site_or_another_host() {
        assert_eq!(classify("/accessibility/"), Target::Site("accessibility/"));
        assert_eq!(classify("//evil.example/"), Target::OtherHost);
        // Browsers read a backslash as a slash and drop tabs in addresses.
        for other in ["/\\evil.example/", "\\\\evil.example/", "/\t/evil.example/"] {
            assert_eq!(classify(other), Target::OtherHost, "{other:?}");
        }
        assert_eq!(classify("x/y:z"), Target::Relative);
        assert_eq!(classify("#para-1"), Target::Relative);
        assert_eq!(classify(""), Target::Relative);
    }

    #[test]
    fn any_other_scheme_is_unsafe() {
        for href in [
            "javascript:alert(1)",
            " JavaScript:x",
            "data:text/html,x",
            "http:x",
            ":x",
        ] {
            assert_eq!(classify(href), Target::Unsafe, "{href}");
            assert!(!classify(href).is_safe());
        }
        assert!(classify("x?a=b:c").is_safe());
    }

    #[test]
    fn the_site_address_is_a_web_address_exactly_as_written() {
        assert!(is_web_address("https://www.kent.gov.uk/strategies/"));
        assert!(is_web_address("http://localhost/"));
        assert!(!is_web_address("HTTPS://x/"));
        assert!(!is_web_address(" https://x/"));
        assert!(!is_web_address("mailto:a@b.c"));
    }

    #[test]
    fn a_web_address_names_a_host_and_holds_no_spaces() {
        for good in [
            "https://example.gov.uk/minutes?ID=1&txtonly=1",
            "http://example.org",
            "https://example.org:9071/a#b",
        ] {
            assert!(is_web_address(good), "{good}");
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
            assert!(!is_web_address(bad), "{bad}");
        }
    }
}
