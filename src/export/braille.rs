//! The Braille edition: a Braille-ready file (BRF) in Unified English
//! Braille grade 2, 40 cells a line and 25 lines a page.
//!
//! liblouis (`lou_translate`) translates the text; the layout is done here,
//! in the usual literary format: each part starts a page with its title
//! centred, headings within it start in cell 5 (or 7), paragraphs in cell 3
//! with runovers in cell 1, list items in cell 1 with runovers in cell 3.
//! The last line of each page holds its Braille page number at the right.
//! Lines end CR LF and pages end with a form feed, as embossers expect.

use super::book::Book;
use super::linear::{self, Line, Role};
use super::tools::{ToolError, Tools};

pub const CELLS: usize = 40;
pub const LINES: usize = 25;
/// Lines of text on a page: the last holds the page number.
const BODY: usize = LINES - 1;
/// liblouis translates a line of input at a time, and cuts long lines on
/// its own; text is sent in pieces shorter than that.
const PIECE: usize = 400;

/// Translates every line of a book and lays it out in pages.
pub fn brf(book: &Book, tools: &Tools) -> Result<Vec<u8>, ToolError> {
    let mut parts = linear::book(book);
    if let Some(first) = parts.first_mut()
        && book.parts.len() > 1
    {
        first.push(Line {
            role: Role::Heading(2),
            text: book.words.contents.clone(),
        });
        first.extend(book.parts[1..].iter().map(|p| Line {
            role: Role::Fact,
            text: p.title.clone(),
        }));
    }
    let texts: Vec<String> = parts
        .iter()
        .flatten()
        .map(|l| match &l.role {
            Role::Item { marker, .. } if marker != "-" => format!("{marker} {}", l.text),
            _ => l.text.clone(),
        })
        .collect();
    let mut translated = translate(&texts, &book.words.braille_table, tools)?.into_iter();
    let mut pages = Pages::default();
    for part in &parts {
        pages.new_page();
        for line in part {
            let braille = translated.next().unwrap_or_default();
            pages.add(&line.role, &braille);
        }
    }
    Ok(pages.finish())
}

/// Sends every text to one `lou_translate` process, a piece a line, and
/// returns each text in Braille ASCII, upper case as in BRF files.
fn translate(texts: &[String], table: &str, tools: &Tools) -> Result<Vec<String>, ToolError> {
    let louis = &tools.lou_translate;
    let mut input = String::new();
    let mut pieces_of = Vec::with_capacity(texts.len());
    for t in texts {
        let pieces = pieces(&t.replace(['\n', '\r'], " "));
        pieces_of.push(pieces.len());
        for p in pieces {
            input.push_str(&p);
            input.push('\n');
        }
    }
    let output = tools.run(louis, &["-f", table], input.as_bytes())?;
    let output = String::from_utf8(output).map_err(|e| ToolError::Output {
        program: louis.program.clone(),
        detail: e.to_string(),
    })?;
    let lines: Vec<&str> = output.lines().collect();
    let expected: usize = pieces_of.iter().sum();
    if lines.len() != expected {
        return Err(ToolError::Output {
            program: louis.program.clone(),
            detail: format!("{} lines for {expected} lines of text", lines.len()),
        });
    }
    let mut lines = lines.into_iter();
    let mut out = Vec::with_capacity(texts.len());
    for n in pieces_of {
        let joined: Vec<&str> = lines.by_ref().take(n).collect();
        let braille = to_brf(joined.join(" ").trim()).ok_or_else(|| ToolError::Output {
            program: louis.program.clone(),
            detail: format!(
                "a character it could not translate in `{}`",
                joined.join(" ")
            ),
        })?;
        out.push(braille);
    }
    Ok(out)
}

/// Splits text at spaces into pieces of at most `PIECE` bytes (a longer
/// word is a piece of its own).
fn pieces(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        if !current.is_empty() && current.len() + 1 + word.len() > PIECE {
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() || out.is_empty() {
        out.push(current);
    }
    out
}

/// North American Braille ASCII as liblouis writes it (lower case) in the
/// upper-case form of BRF files; `None` if it holds anything else, such as
/// liblouis's `\x2019/` for a character its table lacks.
fn to_brf(braille: &str) -> Option<String> {
    if has_escape(braille) {
        return None;
    }
    braille
        .chars()
        .map(|c| match c {
            ' '..='_' => Some(c),
            '`'..='~' => Some(((c as u8) - 0x20) as char),
            _ => None,
        })
        .collect()
}

fn has_escape(s: &str) -> bool {
    s.match_indices("\\x").any(|(i, _)| {
        let rest = &s.as_bytes()[i + 2..];
        rest.len() >= 5 && rest[..4].iter().all(u8::is_ascii_hexdigit) && rest[4] == b'/'
    })
}

/// A number in Braille ASCII: the numeric indicator and letters a–j.
fn page_number(n: usize) -> String {
    let digits: String = n
        .to_string()
        .bytes()
        .map(|d| match d {
            b'0' => 'J',
            d => (b'A' + (d - b'1')) as char,
        })
        .collect();
    format!("#{digits}")
}

/// Words set in lines of `CELLS`, the first indented `first` cells and
/// the rest `runover` cells; a word too long for a line is divided.
fn wrap(text: &str, first: usize, runover: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut indent = first;
    let mut line = " ".repeat(indent);
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let mut word = word;
        while !word.is_empty() {
            let sep = usize::from(line.len() > indent);
            if line.len() + sep + word.len() <= CELLS {
                if sep == 1 {
                    line.push(' ');
                }
                line.push_str(word);
                word = "";
                continue;
            }
            if word.len() > CELLS - runover || sep == 0 {
                // Too long for any line: fill this one and go on.
                let room = CELLS.saturating_sub(line.len() + sep);
                if room > 0 {
                    if sep == 1 {
                        line.push(' ');
                    }
                    line.push_str(&word[..room]);
                    word = &word[room..];
                }
            }
            indent = runover;
            lines.push(std::mem::replace(&mut line, " ".repeat(indent)));
        }
    }
    if line.len() > indent {
        lines.push(line);
    }
    lines
}

fn centred(text: &str) -> Vec<String> {
    wrap(text, 0, 0)
        .into_iter()
        .map(|l| {
            let pad = (CELLS - l.len()) / 2;
            format!("{}{l}", " ".repeat(pad))
        })
        .collect()
}

#[derive(Default)]
struct Pages {
    pages: Vec<Vec<String>>,
    current: Vec<String>,
}

impl Pages {
    fn new_page(&mut self) {
        if !self.current.is_empty() {
            self.pages.push(std::mem::take(&mut self.current));
        }
    }

    fn room(&self) -> usize {
        BODY - self.current.len()
    }

    fn blank(&mut self) {
        if !self.current.is_empty() && self.current.last().is_some_and(|l| !l.is_empty()) {
            if self.room() == 0 {
                self.new_page();
            } else {
                self.current.push(String::new());
            }
        }
    }

    fn lines(&mut self, lines: Vec<String>) {
        for l in lines {
            if self.room() == 0 {
                self.new_page();
            }
            self.current.push(l);
        }
    }

    fn add(&mut self, role: &Role, braille: &str) {
        match role {
            Role::Heading(level) => {
                let lines = match level {
                    1 => centred(braille),
                    2 => wrap(braille, 4, 4),
                    _ => wrap(braille, 6, 6),
                };
                self.blank();
                // A heading is kept with at least two lines of what follows.
                if self.room() < lines.len() + 3 {
                    self.new_page();
                }
                self.lines(lines);
                if *level == 1 {
                    self.blank();
                }
            }
            Role::Paragraph => self.lines(wrap(braille, 2, 0)),
            Role::Item { depth, .. } => {
                let at = 2 * depth.saturating_sub(1);
                self.lines(wrap(braille, at, at + 2));
            }
            Role::ItemMore { depth } => self.lines(wrap(braille, 2 * depth, 2 * depth)),
            Role::Row { depth } => self.lines(wrap(braille, 2 * depth, 2 * depth + 2)),
            Role::Quote => self.lines(wrap(braille, 4, 2)),
            Role::Fact | Role::Caption => self.lines(wrap(braille, 0, 2)),
            Role::Rule => self.blank(),
        }
    }

    fn finish(mut self) -> Vec<u8> {
        self.new_page();
        let mut out = String::new();
        for (n, page) in self.pages.iter().enumerate() {
            for l in page {
                out.push_str(l.trim_end());
                out.push_str("\r\n");
            }
            for _ in page.len()..BODY {
                out.push_str("\r\n");
            }
            let number = page_number(n + 1);
            out.push_str(&format!("{number:>CELLS$}\r\n"));
            out.push('\x0C');
        }
        out.into_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn braille_ascii_is_upper_case() {
        assert_eq!(to_brf(",welcome to #a4b"), Some(",WELCOME TO #A4B".into()));
        assert_eq!(to_brf("{|}~`"), Some("[\\]^@".into()));
        assert_eq!(to_brf("caf\u{e9}"), None);
        assert_eq!(to_brf("a '\\x2019/' b"), None);
    }

    #[test]
    fn page_numbers_use_the_numeric_indicator() {
        assert_eq!(page_number(1), "#A");
        assert_eq!(page_number(10), "#AJ");
        assert_eq!(page_number(25), "#BE");
    }

    #[test]
    fn lines_wrap_within_forty_cells_with_indents() {
        let text = "word ".repeat(30);
        let lines = wrap(text.trim(), 2, 0);
        assert!(lines.iter().all(|l| l.len() <= CELLS));
        assert!(lines[0].starts_with("  WORD") || lines[0].starts_with("  word"));
        assert!(lines[1].starts_with("word"));
        let long = "x".repeat(100);
        let lines = wrap(&long, 0, 2);
        assert!(lines.iter().all(|l| l.len() <= CELLS), "{lines:?}");
        assert_eq!(lines.concat().replace(' ', ""), long);
    }

    #[test]
    fn pages_have_twenty_five_lines_and_a_number() {
        let mut p = Pages::default();
        for _ in 0..60 {
            p.add(&Role::Paragraph, "text");
        }
        let brf = String::from_utf8(p.finish()).unwrap();
        let pages: Vec<&str> = brf.split('\x0C').filter(|p| !p.is_empty()).collect();
        assert_eq!(pages.len(), 3);
        for (i, page) in pages.iter().enumerate() {
            let lines: Vec<&str> = page.split_terminator("\r\n").collect();
            assert_eq!(lines.len(), LINES);
            assert!(lines[LINES - 1].ends_with(&page_number(i + 1)));
            assert_eq!(lines[LINES - 1].len(), CELLS);
        }
    }

    #[test]
    fn long_text_is_sent_in_pieces() {
        let text = "abc ".repeat(300);
        let p = pieces(text.trim());
        assert!(p.len() > 2 && p.iter().all(|x| x.len() <= PIECE));
        assert_eq!(p.join(" "), text.trim());
    }
}
