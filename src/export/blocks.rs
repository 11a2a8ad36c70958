//! Structured blocks: what every export is written from. Markdown prose is
//! parsed into the same blocks as the plan and the figures, so that each
//! format lays out headings, lists and tables in its own way.
//!
//! Inline text is kept twice: as XHTML (escaped, with emphasis and links)
//! for EPUB and large print, and as plain text for text, Braille and audio.

use pulldown_cmark::{Event, Tag, TagEnd};
use serde::Serialize;

use crate::document::chart::Chart;
use crate::document::markdown::leading_anchor;
use crate::document::prose::Prose;
use crate::support::escape;
use crate::support::scheme::{Target, classify};

/// A run of text with its inline markup.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Inline {
    /// XHTML, escaped for XML.
    pub html: String,
    /// The words alone.
    pub text: String,
}

impl Inline {
    pub fn plain(text: &str) -> Self {
        Inline {
            html: escape::xml(text),
            text: text.to_string(),
        }
    }

    /// A link to the published site (a citation, say): the text keeps only its words.
    pub fn link(text: &str, url: &str) -> Self {
        Inline {
            html: format!("<a href=\"{}\">{}</a>", escape::xml(url), escape::xml(text)),
            text: text.to_string(),
        }
    }

    pub fn push(&mut self, other: &Inline) -> &mut Self {
        self.html.push_str(&other.html);
        self.text.push_str(&other.text);
        self
    }

    pub fn push_str(&mut self, text: &str) -> &mut Self {
        self.html.push_str(&escape::xml(text));
        self.text.push_str(text);
        self
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    fn trimmed(mut self) -> Self {
        self.text = self.text.trim().to_string();
        self.html = self.html.trim().to_string();
        self
    }
}

/// One block of a document, in reading order.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Block {
    /// Level 2 and below: level 1 is the title of the part.
    Heading {
        level: u8,
        id: String,
        text: Inline,
    },
    Paragraph {
        id: Option<String>,
        text: Inline,
    },
    List {
        ordered: bool,
        start: u64,
        items: Vec<Vec<Block>>,
    },
    Quote {
        blocks: Vec<Block>,
    },
    Table(Table),
    /// Terms and what they are: the facts of a document or a measure.
    Facts {
        items: Vec<Fact>,
    },
    /// A chart with its description and its figures as a table.
    Figure(Figure),
    Rule,
}

#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub caption: Option<String>,
    pub head: Vec<Inline>,
    pub rows: Vec<Vec<Inline>>,
    /// The first cell of each row heads it.
    pub row_headers: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    pub term: String,
    pub value: Inline,
}

#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    #[serde(flatten)]
    pub chart: Chart,
    pub table: Table,
}

/// Where parsed blocks go: ids are prefixed to be unique in a whole book,
/// and links within the site are made absolute.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    pub id_prefix: &'a str,
    /// The site's address, ending in `/`.
    pub base_url: &'a str,
}

/// Markdown prose as blocks.
pub fn parse(prose: &Prose, scope: &Scope) -> Vec<Block> {
    let mut b = Builder::new(scope);
    for event in prose.events() {
        b.event(event.clone());
    }
    b.flush();
    while b.frames.len() > 1 {
        b.close_frame();
    }
    b.frames.pop().map(|f| f.blocks).unwrap_or_default()
}

/// A short piece of Markdown (an action, a statement) as one run of text.
pub fn inline(prose: &Prose, scope: &Scope) -> Inline {
    let mut out = Inline::default();
    collect_inline(&parse(prose, scope), &mut out);
    out.trimmed()
}

fn collect_inline(blocks: &[Block], out: &mut Inline) {
    for block in blocks {
        match block {
            Block::Paragraph { text, .. } | Block::Heading { text, .. } => {
                if !out.is_empty() {
                    out.push_str(" ");
                }
                out.push(text);
            }
            Block::List { items, .. } => items.iter().for_each(|i| collect_inline(i, out)),
            Block::Quote { blocks } => collect_inline(blocks, out),
            _ => {}
        }
    }
}

enum FrameKind {
    Root,
    Quote,
    Item,
    List {
        ordered: bool,
        start: u64,
        items: Vec<Vec<Block>>,
    },
}

struct Frame {
    kind: FrameKind,
    blocks: Vec<Block>,
}

enum LeafKind {
    Paragraph { id: Option<String> },
    Heading { level: u8, id: Option<String> },
}

struct TableBuf {
    head: Vec<Inline>,
    rows: Vec<Vec<Inline>>,
    row: Vec<Inline>,
    in_head: bool,
}

struct Builder<'a> {
    scope: &'a Scope<'a>,
    frames: Vec<Frame>,
    leaf: Option<(LeafKind, Inline)>,
    /// The paragraph just opened may start with `{#anchor}`.
    anchor_pending: bool,
    table: Option<TableBuf>,
    cell: Option<Inline>,
    /// Destinations of the links being written, to close them.
    links: Vec<Option<String>>,
    /// Alt text of an image being read.
    image: Option<String>,
    headings: usize,
}

impl<'a> Builder<'a> {
    fn new(scope: &'a Scope<'a>) -> Self {
        Builder {
            scope,
            frames: vec![Frame {
                kind: FrameKind::Root,
                blocks: Vec::new(),
            }],
            leaf: None,
            anchor_pending: false,
            table: None,
            cell: None,
            links: Vec::new(),
            image: None,
            headings: 0,
        }
    }

    fn prefixed(&self, id: &str) -> String {
        format!("{}{id}", self.scope.id_prefix)
    }

    fn push_block(&mut self, block: Block) {
        if let Some(frame) = self.frames.last_mut() {
            frame.blocks.push(block);
        }
    }

    /// Ends the paragraph or heading being written.
    fn flush(&mut self) {
        let Some((kind, text)) = self.leaf.take() else {
            return;
        };
        let text = text.trimmed();
        match kind {
            LeafKind::Paragraph { id } => {
                if !text.is_empty() || id.is_some() {
                    self.push_block(Block::Paragraph { id, text });
                }
            }
            LeafKind::Heading { level, id } => {
                self.headings += 1;
                let id = id.unwrap_or_else(|| self.prefixed(&format!("h{}", self.headings)));
                self.push_block(Block::Heading { level, id, text });
            }
        }
    }

    fn open_frame(&mut self, kind: FrameKind) {
        self.flush();
        self.frames.push(Frame {
            kind,
            blocks: Vec::new(),
        });
    }

    fn close_frame(&mut self) {
        self.flush();
        let Some(frame) = self.frames.pop() else {
            return;
        };
        match frame.kind {
            FrameKind::Root => self.frames.push(frame),
            FrameKind::Quote => self.push_block(Block::Quote {
                blocks: frame.blocks,
            }),
            FrameKind::Item => {
                if let Some(Frame {
                    kind: FrameKind::List { items, .. },
                    ..
                }) = self.frames.last_mut()
                {
                    items.push(frame.blocks);
                }
            }
            FrameKind::List {
                ordered,
                start,
                items,
            } => self.push_block(Block::List {
                ordered,
                start,
                items,
            }),
        }
    }

    /// The inline text being written: a table cell, a paragraph or heading,
    /// or a paragraph opened for the loose text of a tight list item.
    fn target(&mut self) -> &mut Inline {
        if let Some(cell) = self.cell.as_mut() {
            return cell;
        }
        &mut self
            .leaf
            .get_or_insert_with(|| (LeafKind::Paragraph { id: None }, Inline::default()))
            .1
    }

    fn text(&mut self, t: &str) {
        if let Some(alt) = self.image.as_mut() {
            alt.push_str(t);
            return;
        }
        let mut t = t;
        let mut id = None;
        if self.anchor_pending {
            self.anchor_pending = false;
            if let Some((anchor, rest)) = leading_anchor(t) {
                id = Some(self.prefixed(anchor));
                t = rest;
            }
        }
        if let Some(id) = id
            && let Some((LeafKind::Paragraph { id: slot }, _)) = self.leaf.as_mut()
        {
            *slot = Some(id);
        }
        self.target().push_str(t);
    }

    fn markup(&mut self, html: &str) {
        if self.image.is_none() {
            self.target().html.push_str(html);
        }
    }

    fn event(&mut self, event: Event) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&t),
            Event::Code(t) => {
                self.markup("<code>");
                self.text(&t);
                self.markup("</code>");
            }
            // Raw HTML is published as text, as on the site.
            Event::Html(t) | Event::InlineHtml(t) => {
                self.anchor_pending = false;
                self.text(&t);
            }
            Event::SoftBreak | Event::HardBreak => self.text(" "),
            Event::FootnoteReference(label) => self.text(&format!("[{label}]")),
            Event::Rule => {
                self.flush();
                self.push_block(Block::Rule);
            }
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t),
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Paragraph => {
                self.flush();
                self.leaf = Some((LeafKind::Paragraph { id: None }, Inline::default()));
                self.anchor_pending = true;
            }
            Tag::Heading { level, id, .. } => {
                self.flush();
                let id = id.map(|i| self.prefixed(&i));
                // Level 1 is the part's title; prose headings start at 2.
                let level = (level as u8).max(2);
                self.leaf = Some((LeafKind::Heading { level, id }, Inline::default()));
            }
            Tag::BlockQuote(_) => self.open_frame(FrameKind::Quote),
            Tag::List(start) => self.open_frame(FrameKind::List {
                ordered: start.is_some(),
                start: start.unwrap_or(1),
                items: Vec::new(),
            }),
            Tag::Item => self.open_frame(FrameKind::Item),
            Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::FootnoteDefinition(_) => {
                self.flush();
                self.leaf = Some((LeafKind::Paragraph { id: None }, Inline::default()));
            }
            Tag::Table(_) => {
                self.flush();
                self.table = Some(TableBuf {
                    head: Vec::new(),
                    rows: Vec::new(),
                    row: Vec::new(),
                    in_head: false,
                });
            }
            Tag::TableHead => {
                if let Some(t) = self.table.as_mut() {
                    t.in_head = true;
                }
            }
            Tag::TableRow => {}
            Tag::TableCell => self.cell = Some(Inline::default()),
            Tag::Emphasis => self.markup("<em>"),
            Tag::Strong => self.markup("<strong>"),
            Tag::Strikethrough => self.markup("<del>"),
            Tag::Link { dest_url, .. } => {
                let href = absolute(&dest_url, self.scope.base_url);
                if let Some(h) = &href {
                    self.markup(&format!("<a href=\"{}\">", escape::xml(h)));
                }
                self.links.push(href);
            }
            Tag::Image { .. } => self.image = Some(String::new()),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::FootnoteDefinition => self.flush(),
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item => self.close_frame(),
            TagEnd::TableCell => {
                if let (Some(cell), Some(t)) = (self.cell.take(), self.table.as_mut()) {
                    t.row.push(cell.trimmed());
                }
            }
            TagEnd::TableHead => {
                if let Some(t) = self.table.as_mut() {
                    t.head = std::mem::take(&mut t.row);
                    t.in_head = false;
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    let row = std::mem::take(&mut t.row);
                    t.rows.push(row);
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    self.push_block(Block::Table(Table {
                        caption: None,
                        head: t.head,
                        rows: t.rows,
                        row_headers: false,
                    }));
                }
            }
            TagEnd::Emphasis => self.markup("</em>"),
            TagEnd::Strong => self.markup("</strong>"),
            TagEnd::Strikethrough => self.markup("</del>"),
            TagEnd::Link if self.links.pop().flatten().is_some() => self.markup("</a>"),
            TagEnd::Image => {
                if let Some(alt) = self.image.take() {
                    self.text(&alt);
                }
            }
            _ => {}
        }
    }
}

/// Where a link of the prose leads from an export: web, mail and phone
/// addresses as written, addresses on the site made absolute; other links
/// (relative, or unsafe schemes) keep only their words.
fn absolute(dest: &str, base_url: &str) -> Option<String> {
    match classify(dest) {
        Target::Address(address) => Some(address.to_string()),
        Target::Site(path) => {
            let (scheme, rest) = base_url.split_once("://")?;
            let host = rest.split('/').next()?;
            Some(format!("{scheme}://{host}/{path}"))
        }
        Target::OtherHost | Target::Relative | Target::Unsafe => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(md: &str, scope: &Scope) -> Vec<Block> {
        super::parse(&Prose::parse(md, &crate::theme::locale::english()), scope)
    }

    fn inline(md: &str, scope: &Scope) -> Inline {
        super::inline(&Prose::inline(md, &crate::theme::locale::english()), scope)
    }

    const SCOPE: Scope = Scope {
        id_prefix: "p02-",
        base_url: "https://www.kent.gov.uk/strategies/",
    };

    fn text_of(b: &Block) -> &str {
        match b {
            Block::Paragraph { text, .. } | Block::Heading { text, .. } => &text.text,
            _ => panic!("not a run of text: {b:?}"),
        }
    }

    #[test]
    fn anchors_become_prefixed_ids() {
        let b = parse(
            "{#para-1-1} 1.1 Bold Steps was approved.\n\n## 2.2 Residents {#para-2-2}\n",
            &SCOPE,
        );
        match &b[0] {
            Block::Paragraph { id, text } => {
                assert_eq!(id.as_deref(), Some("p02-para-1-1"));
                assert_eq!(text.text, "1.1 Bold Steps was approved.");
            }
            other => panic!("{other:?}"),
        }
        match &b[1] {
            Block::Heading { level, id, text } => {
                assert_eq!((*level, id.as_str()), (2, "p02-para-2-2"));
                assert_eq!(text.text, "2.2 Residents");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn headings_without_anchor_get_ids() {
        let b = parse("## One\n\n## Two\n", &SCOPE);
        let ids: Vec<&str> = b
            .iter()
            .map(|b| match b {
                Block::Heading { id, .. } => id.as_str(),
                _ => "",
            })
            .collect();
        assert_eq!(ids, ["p02-h1", "p02-h2"]);
    }

    #[test]
    fn lists_nest_and_keep_their_numbers() {
        let b = parse("3. first\n4. second\n   - inner\n\n- loose\n", &SCOPE);
        let Block::List {
            ordered,
            start,
            items,
        } = &b[0]
        else {
            panic!("{b:?}")
        };
        assert!(*ordered);
        assert_eq!(*start, 3);
        assert_eq!(items.len(), 2);
        assert_eq!(text_of(&items[1][0]), "second");
        assert!(matches!(&items[1][1], Block::List { ordered: false, .. }));
        assert!(matches!(&b[1], Block::List { ordered: false, .. }));
    }

    #[test]
    fn tables_keep_head_and_rows() {
        let b = parse("| Year | Figure |\n|---|---|\n| 2010 | 59% |\n", &SCOPE);
        let Block::Table(t) = &b[0] else {
            panic!("{b:?}")
        };
        assert_eq!(t.head[1].text, "Figure");
        assert_eq!(t.rows[0][1].text, "59%");
    }

    #[test]
    fn inline_markup_is_xhtml_and_text_is_plain() {
        let i = inline("*Towards 2010* & **more** <b>x</b>", &SCOPE);
        assert_eq!(i.text, "Towards 2010 & more <b>x</b>");
        assert_eq!(
            i.html,
            "<em>Towards 2010</em> &amp; <strong>more</strong> &lt;b&gt;x&lt;/b&gt;"
        );
    }

    #[test]
    fn links_are_absolute_or_dropped() {
        let i = inline(
            "[site](/accessibility/) [web](https://example.org/) [bad](javascript:x) [rel](x/y)",
            &SCOPE,
        );
        assert!(
            i.html
                .contains("<a href=\"https://www.kent.gov.uk/accessibility/\">site</a>")
        );
        assert!(i.html.contains("<a href=\"https://example.org/\">web</a>"));
        assert!(!i.html.contains("javascript"));
        assert!(i.html.contains(" bad rel") || i.html.ends_with("bad rel"));
    }
}
