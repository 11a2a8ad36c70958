//! The plain-text edition: UTF-8, in reading order, one paragraph a line
//! (screen readers and Braille software reflow text themselves), headings
//! underlined, lists with their numbers, tables row by row, and each chart
//! as its description and its figures.

use super::book::Book;
use super::linear::{self, Line, Role};

pub fn text(book: &Book) -> String {
    let parts = linear::book(book);
    let mut out = String::new();
    for (i, lines) in parts.iter().enumerate() {
        let mut previous: Option<&Role> = None;
        for line in lines {
            separate(&mut out, previous, &line.role);
            write_line(&mut out, line);
            previous = Some(&line.role);
        }
        if i == 0 && parts.len() > 1 {
            separate(&mut out, previous, &Role::Heading(2));
            underline(&mut out, &book.words.contents, '-');
            out.push('\n');
            for p in &book.parts[1..] {
                out.push_str(&format!("- {}\n", p.title));
            }
        }
    }
    out
}

/// Lines of one kind (a list, facts, a table) run on; anything else is
/// set apart by a blank line, and a part by two.
fn separate(out: &mut String, previous: Option<&Role>, next: &Role) {
    let Some(previous) = previous.or(if out.is_empty() {
        None
    } else {
        Some(&Role::Rule)
    }) else {
        return;
    };
    let group = |r: &Role| match r {
        Role::Item { .. } | Role::ItemMore { .. } => Some(1),
        Role::Fact => Some(2),
        Role::Caption | Role::Row { .. } => Some(3),
        _ => None,
    };
    let same = group(previous).is_some() && group(previous) == group(next);
    let keep_caption = matches!(previous, Role::Caption) && matches!(next, Role::Row { .. });
    if same || keep_caption {
        return;
    }
    out.push('\n');
    if *next == Role::Heading(1) {
        out.push('\n');
    }
}

fn underline(out: &mut String, text: &str, mark: char) {
    out.push_str(text);
    out.push('\n');
    out.extend(std::iter::repeat_n(mark, text.chars().count()));
}

fn indent(depth: usize) -> String {
    " ".repeat(depth.saturating_sub(1) * 3)
}

fn write_line(out: &mut String, line: &Line) {
    let text = &line.text;
    match &line.role {
        Role::Heading(1) => underline(out, text, '='),
        Role::Heading(2) => underline(out, text, '-'),
        Role::Heading(_) => underline(out, text, '~'),
        Role::Paragraph | Role::Fact | Role::Caption => out.push_str(text),
        Role::Item { marker, depth } => {
            out.push_str(&format!("{}{marker} {text}", indent(*depth)));
        }
        Role::ItemMore { depth } => out.push_str(&format!("{}   {text}", indent(*depth))),
        Role::Quote => out.push_str(&format!("    {text}")),
        Role::Row { depth } => out.push_str(&format!("{}- {text}", indent(*depth + 1))),
        Role::Rule => out.push_str("* * *"),
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::book::sample as book;

    #[test]
    fn headings_are_underlined_and_lists_run_on() {
        let t = text(&book(vec![
            ("Book", "A summary."),
            (
                "Introduction",
                "Some *prose*.\n\n## Aims\n\n1. one\n2. two\n\nAfter.",
            ),
        ]));
        assert!(t.starts_with("Book\n====\n\nA summary.\n"));
        assert!(t.contains("Contents\n--------\n- Introduction\n"));
        assert!(t.contains("\n\n\nIntroduction\n============\n\nSome prose.\n\nAims\n----\n\n1. one\n2. two\n\nAfter.\n"));
        assert!(t.ends_with("After.\n"));
    }
}
