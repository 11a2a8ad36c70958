//! Text escaped for HTML and XML: one set of entities, used to write them
//! and to read them back; and text made safe for a spreadsheet cell.

use std::fmt;

/// The characters markup needs written as entities. The apostrophe, last,
/// is escaped only where a value may be quoted with it.
const ESCAPED: [u8; 5] = *b"&<>\"'";

/// The entity for `byte`, if it needs one; the apostrophe only when `apostrophe`.
fn entity(byte: u8, apostrophe: bool) -> Option<&'static str> {
    match byte {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' if apostrophe => Some("&#39;"),
        _ => None,
    }
}

/// Writes `text` with `&`, `<`, `>` and `"` escaped (and `'` too when
/// `apostrophe`), in runs between the characters escaped, with no copy.
fn write_escaped(out: &mut impl fmt::Write, text: &str, apostrophe: bool) -> fmt::Result {
    let mut run = 0;
    for (i, byte) in text.bytes().enumerate() {
        if let Some(e) = entity(byte, apostrophe) {
            out.write_str(&text[run..i])?;
            out.write_str(e)?;
            run = i + 1;
        }
    }
    out.write_str(&text[run..])
}

/// Text for HTML, as content or a double-quoted attribute value:
/// `&`, `<`, `>` and `"` escaped.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    write_escaped(&mut out, text, false).expect("a String takes any text");
    out
}

/// Writes `text` for HTML anywhere a template may put it: as [`html`],
/// and `'` too, for attribute values quoted with it.
pub fn write_html(out: &mut impl fmt::Write, text: &str) -> fmt::Result {
    write_escaped(out, text, true)
}

/// Text as [`write_html`] writes it, in a new string.
pub fn html_anywhere(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    write_html(&mut out, text).expect("a String takes any text");
    out
}

/// Text for XML (and so for XHTML): as [`html`], with the characters XML
/// forbids (control characters other than tab and line breaks, U+FFFE,
/// U+FFFF) dropped.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().filter(|&c| allowed_in_xml(c)) {
        match u8::try_from(c).ok().and_then(|b| entity(b, false)) {
            Some(e) => out.push_str(e),
            None => out.push(c),
        }
    }
    out
}

fn allowed_in_xml(c: char) -> bool {
    match c {
        '\t' | '\n' | '\r' => true,
        '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => false,
        _ => true,
    }
}

/// The character of an entity this module writes at the start of `text`,
/// and the entity's length.
pub fn entity_at(text: &str) -> Option<(char, usize)> {
    ESCAPED.iter().find_map(|&b| {
        let e = entity(b, true)?;
        text.starts_with(e).then(|| (char::from(b), e.len()))
    })
}

/// A text cell as a spreadsheet should show it: one that starts with a
/// character spreadsheets read as the start of a formula (`=`, `+`, `-`,
/// `@`, a tab or a carriage return) gets a leading `'`, which they show as
/// text and do not run. Numbers are written as numbers and never need it.
pub fn spreadsheet_text(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}").into(),
        _ => text.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_what_ends_text_or_a_quoted_value() {
        assert_eq!(
            html("Jobs & skills <b>\"now\"</b> it's"),
            "Jobs &amp; skills &lt;b&gt;&quot;now&quot;&lt;/b&gt; it's"
        );
        assert_eq!(html("plain/é"), "plain/é");
    }

    #[test]
    fn templates_escape_the_apostrophe_too() {
        let mut out = String::new();
        write_html(&mut out, "it's <a href='x'>").unwrap();
        assert_eq!(out, "it&#39;s &lt;a href=&#39;x&#39;&gt;");
    }

    #[test]
    fn xml_drops_the_characters_it_forbids() {
        assert_eq!(
            xml("a<b & \"c\"\u{1}\u{FFFE}\té\n"),
            "a&lt;b &amp; &quot;c&quot;\té\n"
        );
    }

    #[test]
    fn entities_read_back_as_their_characters() {
        assert_eq!(entity_at("&amp;lt;"), Some(('&', 5)));
        assert_eq!(entity_at("&#39;s"), Some(('\'', 5)));
        assert_eq!(entity_at("&nbsp;"), None);
        let text = "<&>\"'";
        let mut escaped = String::new();
        write_html(&mut escaped, text).unwrap();
        let mut rest = escaped.as_str();
        let mut back = String::new();
        while let Some((c, len)) = entity_at(rest) {
            back.push(c);
            rest = &rest[len..];
        }
        assert_eq!((back.as_str(), rest), (text, ""));
    }

    #[test]
    fn cells_a_spreadsheet_would_run_are_shown_as_text() {
        assert_eq!(spreadsheet_text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        for start in ["+1", "-1+1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(spreadsheet_text(start).starts_with('\''), "{start:?}");
        }
        assert_eq!(
            spreadsheet_text("Figures for 2012/13"),
            "Figures for 2012/13"
        );
        assert_eq!(spreadsheet_text(""), "");
    }
}
