//! A book as a sequence of lines of plain text, each with its role: what
//! the text, Braille and audio editions lay out, each in its own way.
//! Lists keep their numbers; tables are read row by row, each value with
//! its column heading; a chart is its title, its description and its
//! figures.

use super::blocks::{Block, Table};
use super::book::{Book, Part, Words};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// The title of a part (level 1) or a heading within it.
    Heading(u8),
    Paragraph,
    /// An item of a list: its marker ("1." or "-"), how deep the list is.
    Item {
        marker: String,
        depth: usize,
    },
    /// More of a list item after its first paragraph.
    ItemMore {
        depth: usize,
    },
    Quote,
    /// "Term: value".
    Fact,
    /// What a table or chart is.
    Caption,
    /// One row of a table, as "Heading: value; …".
    Row {
        depth: usize,
    },
    Rule,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub role: Role,
    pub text: String,
}

/// The lines of one part, its title first.
pub fn part(p: &Part, words: &Words) -> Vec<Line> {
    let mut out = vec![Line {
        role: Role::Heading(1),
        text: p.title.clone(),
    }];
    blocks(&p.blocks, 0, false, words, &mut out);
    out
}

/// Every part of a book, one after another.
pub fn book(b: &Book) -> Vec<Vec<Line>> {
    b.parts.iter().map(|p| part(p, &b.words)).collect()
}

fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn push(out: &mut Vec<Line>, role: Role, text: &str) {
    let text = clean(text);
    if !text.is_empty() {
        out.push(Line { role, text });
    }
}

fn blocks(blocks: &[Block], depth: usize, quoted: bool, words: &Words, out: &mut Vec<Line>) {
    let prose = |depth: usize| {
        if quoted {
            Role::Quote
        } else if depth > 0 {
            Role::ItemMore { depth }
        } else {
            Role::Paragraph
        }
    };
    for b in blocks {
        match b {
            Block::Heading { level, text, .. } => push(out, Role::Heading(*level), &text.text),
            Block::Paragraph { text, .. } => push(out, prose(depth), &text.text),
            Block::List {
                ordered,
                start,
                items,
            } => {
                for (i, item) in items.iter().enumerate() {
                    let marker = if *ordered {
                        format!("{}.", *start + i as u64)
                    } else {
                        "-".to_string()
                    };
                    let (first, rest) = match item.first() {
                        Some(Block::Paragraph { text, .. }) => (text.text.as_str(), &item[1..]),
                        _ => ("", &item[..]),
                    };
                    push(
                        out,
                        Role::Item {
                            marker,
                            depth: depth + 1,
                        },
                        first,
                    );
                    self::blocks(rest, depth + 1, quoted, words, out);
                }
            }
            Block::Quote { blocks } => self::blocks(blocks, depth, true, words, out),
            Block::Table(t) => table(t, depth, words, out),
            Block::Facts { items } => {
                for f in items {
                    push(out, Role::Fact, &format!("{}: {}", f.term, f.value.text));
                }
            }
            Block::Figure(f) => {
                push(
                    out,
                    Role::Caption,
                    &format!(
                        "{}: {}. {}",
                        words.chart, f.chart.title, f.chart.description
                    ),
                );
                table(&f.table, depth, words, out);
            }
            Block::Rule => out.push(Line {
                role: Role::Rule,
                text: String::new(),
            }),
        }
    }
}

fn table(t: &Table, depth: usize, words: &Words, out: &mut Vec<Line>) {
    if let Some(c) = &t.caption {
        push(out, Role::Caption, &format!("{}: {c}", words.table));
    }
    for row in &t.rows {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.is_empty())
            .map(|(i, c)| {
                let value = clean(&c.text);
                let value = value.trim_end_matches('.');
                match t.head.get(i).filter(|h| !h.is_empty()) {
                    Some(h) => format!("{}: {value}", clean(&h.text)),
                    None => value.to_string(),
                }
            })
            .collect();
        // Cells end as sentences: a value may hold commas and semicolons.
        push(out, Role::Row { depth }, &format!("{}.", cells.join(". ")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::blocks::{Inline, Scope, parse};
    use crate::export::book::PartKind;

    fn words() -> Words {
        Words::new(
            &crate::theme::locale::Locale::builtin_reference(),
            "Book",
            2,
        )
    }

    fn part_of(markdown: &str) -> Part {
        Part {
            id: "p02-x".into(),
            number: 2,
            slug: "x".into(),
            title: "Part title".into(),
            kind: PartKind::Section,
            blocks: parse(
                &crate::document::prose::Prose::parse(markdown, &crate::theme::locale::english()),
                &Scope {
                    id_prefix: "",
                    base_url: "https://example.org/",
                },
            ),
        }
    }

    #[test]
    fn lists_keep_numbers_and_depth() {
        let lines = part(
            &part_of("Intro\n\n2. two\n   - inner\n3. three\n"),
            &words(),
        );
        assert_eq!(lines[0].role, Role::Heading(1));
        assert_eq!(lines[1].role, Role::Paragraph);
        assert_eq!(
            lines[2],
            Line {
                role: Role::Item {
                    marker: "2.".into(),
                    depth: 1
                },
                text: "two".into()
            }
        );
        assert_eq!(
            lines[3].role,
            Role::Item {
                marker: "-".into(),
                depth: 2
            }
        );
        assert_eq!(lines[4].text, "three");
    }

    #[test]
    fn tables_read_row_by_row_with_headings() {
        let lines = part(
            &part_of("| Year | Figure |\n|---|---|\n| 2010 | 59% |\n"),
            &words(),
        );
        assert_eq!(lines[1].text, "Year: 2010. Figure: 59%.");
        assert_eq!(lines[1].role, Role::Row { depth: 0 });
    }

    #[test]
    fn facts_are_term_and_value() {
        let mut p = part_of("");
        p.blocks.push(Block::Facts {
            items: vec![crate::export::blocks::Fact {
                term: "Type".into(),
                value: Inline::plain("Strategy"),
            }],
        });
        assert_eq!(part(&p, &words())[1].text, "Type: Strategy");
    }
}
