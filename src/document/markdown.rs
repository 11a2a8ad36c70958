//! Markdown to HTML for council prose.
//!
//! Raw HTML in the source is published as text, never as markup: content
//! comes from many hands and the site is public. Links may only use web,
//! mail and phone addresses or stay within the site.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd, html};

use crate::support::escape;
use crate::support::markdown::options;
use crate::support::scheme::classify;

/// A heading of the rendered prose, for a page's own contents list.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
}

/// Markdown source as HTML, with its headings.
pub fn render(source: &str, table_label: &str) -> Rendered {
    let events: Vec<Event> = Parser::new_ext(source, options()).collect();
    render_events(&events, source.len(), table_label)
}

/// Parsed Markdown as HTML, with its headings; `len` is the source's
/// length, to size the output.
/// A table's scrolling region is named `table_label` ("Table").
pub(crate) fn render_events(events: &[Event], len: usize, table_label: &str) -> Rendered {
    let mut out = Vec::with_capacity(events.len());
    let mut headings = Vec::new();
    let mut current: Option<Heading> = None;
    let mut i = 0;
    while i < events.len() {
        let event = events[i].clone();
        i += 1;
        match event {
            // `{#para-1-1} 1.1 Text` gives the paragraph an id.
            Event::Start(Tag::Paragraph) => {
                if let Some(Event::Text(t)) = events.get(i)
                    && let Some((id, rest)) = leading_anchor(t)
                {
                    out.push(Event::Html(format!("<p id=\"{id}\">").into()));
                    out.push(Event::Text(rest.to_string().into()));
                    i += 1;
                    continue;
                }
                out.push(Event::Start(Tag::Paragraph));
            }
            // `{#id}` is the only heading attribute published: classes and
            // `key=value` attributes (`{.visually-hidden}`, `{style=...}`,
            // `{onclick=...}`) could hide text or carry script.
            Event::Start(Tag::Heading { level, id, .. }) => {
                let id = id.filter(|id| crate::load::is_slug(id));
                current = Some(Heading {
                    level: heading_number(level),
                    id: id.as_ref().map(|s| s.to_string()),
                    text: String::new(),
                });
                out.push(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes: Vec::new(),
                    attrs: Vec::new(),
                }));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = current.take() {
                    headings.push(Heading {
                        text: h.text.trim().to_string(),
                        ..h
                    });
                }
                out.push(event);
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                if let Some(h) = current.as_mut() {
                    h.text.push_str(t);
                }
                out.push(event);
            }
            Event::Html(raw) | Event::InlineHtml(raw) => out.push(Event::Text(raw)),
            // Wide tables scroll in their own region instead of the page
            // (reflow at 320 CSS px); the region is focusable for keyboards.
            Event::Start(Tag::Table(_)) => {
                out.push(Event::Html(
                    format!(
                        "<div class=\"table-scroll\" role=\"region\" aria-label=\"{}\" tabindex=\"0\">",
                        crate::support::escape::html(table_label)
                    )
                    .into(),
                ));
                out.push(event);
            }
            Event::End(TagEnd::Table) => {
                out.push(event);
                out.push(Event::Html("</div>".into()));
            }
            // A fence's info string (```` ```lang ````) would become a class
            // of the content's choosing; the site highlights no code.
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => {
                out.push(Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                // The address as classified: without the white space an
                // `<…>` destination may hold, which would be published as
                // `%20` and make `< mailto:…>` a broken relative link.
                let dest_url = match classify(&dest_url) {
                    t if !t.is_safe() => CowStr::from(""),
                    _ if dest_url.trim().len() != dest_url.len() => {
                        CowStr::from(dest_url.trim().to_string())
                    }
                    _ => dest_url,
                };
                out.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                // Images of text are not accessible; content images need alt text
                // the editor writes. Publish the alt text and a link instead.
                let _ = title;
                let mut alt = String::new();
                while let Some(e) = events.get(i) {
                    i += 1;
                    match e {
                        Event::End(TagEnd::Image) => break,
                        Event::Text(t) => alt.push_str(t),
                        _ => {}
                    }
                }
                if classify(&dest_url).is_safe() {
                    out.push(Event::Html(
                        format!("<a href=\"{}\">", escape::html(&dest_url)).into(),
                    ));
                    out.push(Event::Text(alt.into()));
                    out.push(Event::Html("</a>".into()));
                } else {
                    out.push(Event::Text(alt.into()));
                }
            }
            other => out.push(other),
        }
    }
    let mut html_out = String::with_capacity(len * 3 / 2);
    html::push_html(&mut html_out, out.into_iter());
    Rendered {
        html: html_out,
        headings,
    }
}

/// Splits `{#id} rest` into the id and the rest, when the id is a slug.
pub fn leading_anchor(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("{#")?;
    let end = rest.find('}')?;
    let id = &rest[..end];
    crate::load::is_slug(id).then(|| (id, rest[end + 1..].trim_start()))
}

fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(source: &str) -> Rendered {
        super::render(source, "Table")
    }

    #[test]
    fn paragraph_anchor_becomes_its_id() {
        let r = render("{#para-1-1} 1.1 The corporate plan was approved.\n");
        assert_eq!(
            r.html,
            "<p id=\"para-1-1\">1.1 The corporate plan was approved.</p>\n"
        );
    }

    #[test]
    fn heading_anchor_and_text_are_kept() {
        let r = render("## 2.2 Bold Steps for Residents {#para-2-2}\n");
        assert_eq!(
            r.html,
            "<h2 id=\"para-2-2\">2.2 Bold Steps for Residents</h2>\n"
        );
        assert_eq!(r.headings[0].text, "2.2 Bold Steps for Residents");
        assert_eq!(r.headings[0].id.as_deref(), Some("para-2-2"));
    }

    #[test]
    fn raw_html_is_published_as_text() {
        let r =
            render("Hello <script>alert(1)</script> <b onclick=\"x\">b</b>\n\n<div>block</div>\n");
        assert!(!r.html.contains("<script"));
        assert!(!r.html.contains("<b "));
        assert!(r.html.contains("&lt;script&gt;"));
        assert!(!r.html.contains("<div>"));
    }

    #[test]
    fn dangerous_link_schemes_are_dropped() {
        let r = render(
            "[click](javascript:alert(1)) [ok](https://www.kent.gov.uk/) [mail](mailto:a@b.c)\n",
        );
        assert!(!r.html.to_lowercase().contains("javascript"));
        assert!(r.html.contains("href=\"https://www.kent.gov.uk/\""));
        assert!(r.html.contains("href=\"mailto:a@b.c\""));
    }

    #[test]
    fn heading_attributes_other_than_the_id_are_dropped() {
        let r = render(
            "## Hidden {.visually-hidden style=\"display:none\" onclick=\"alert(1)\" #ok}\n\n## Other {.sr-only}\n",
        );
        assert_eq!(r.html, "<h2 id=\"ok\">Hidden</h2>\n<h2>Other</h2>\n");
        let r = render("## Bad id {#\"><script>}\n");
        assert!(!r.html.contains("<script"), "{}", r.html);
    }

    #[test]
    fn tables_render_with_headers() {
        let r = render("| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(r.html.contains("<th>a</th>"));
    }
}
