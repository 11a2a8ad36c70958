//! Reading one content file: it must be inside the project, of a bounded
//! size, UTF-8 text, and free of characters a reader cannot see but a page,
//! a feed or a terminal would act on.

use std::fs;
use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::{Problem, Problems};
use crate::model::SourceFile;
use crate::model::limits;

/// The file `rel` of the project at `root`, or the problem that stops it
/// being read.
pub(super) fn read_source(root: &Path, rel: &Path, problems: &mut Problems) -> Option<SourceFile> {
    let path = root.join(rel);
    let read = if outside_the_project(root, &path) {
        Err(outside(rel))
    } else {
        read_bounded(&path, rel)
    };
    match read.and_then(|bytes| source_text(rel, bytes)) {
        Ok(file) => Some(file),
        Err(p) => {
            problems.push(*p);
            None
        }
    }
}

/// Whether a link (the file's, or a folder's on its way) leads out of `root`.
fn outside_the_project(root: &Path, path: &Path) -> bool {
    match (fs::canonicalize(root), fs::canonicalize(path)) {
        (Ok(root), Ok(real)) => !real.starts_with(root),
        _ => false, // reading it says what is wrong
    }
}

fn outside(rel: &Path) -> Box<Problem> {
    Box::new(
        Problem::file(rel, "this is a link to a file outside the project, which planpress does not read")
            .help("copy the file into the project: a link must not publish, or show in messages, files from elsewhere"),
    )
}

fn read_bounded(path: &Path, rel: &Path) -> Result<Vec<u8>, Box<Problem>> {
    let cannot_read = |e: std::io::Error| {
        Box::new(Problem::file(rel, format!("cannot read the file: {e}")).help(
            "check that the file exists and can be read; `planpress new strategy SLUG` writes a skeleton",
        ))
    };
    let size = fs::metadata(path).map_err(cannot_read)?.len();
    if size > limits::FILE_BYTES {
        return Err(Box::new(
            Problem::file(
                rel,
                format!(
                    "the file is {size} bytes; planpress reads content files of at most {} bytes ({} MiB)",
                    limits::FILE_BYTES,
                    limits::FILE_BYTES >> 20
                ),
            )
            .help("split it (a document's sections are separate files), or check that the right file is here"),
        ));
    }
    fs::read(path).map_err(cannot_read)
}

/// A file's bytes as text: UTF-8, with Windows and old Mac line ends and a leading
/// byte-order mark (as spreadsheets and some editors save) taken out.
pub fn source_text(rel: &Path, bytes: Vec<u8>) -> Result<SourceFile, Box<Problem>> {
    match String::from_utf8(bytes) {
        Ok(text) => {
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let file = SourceFile {
                path: rel.to_path_buf(),
                text: Arc::from(line_ends(text)),
            };
            match unseen(&file) {
                Some(p) => Err(Box::new(p)),
                None => Ok(file),
            }
        }
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let column = String::from_utf8_lossy(valid)
                .chars()
                .rev()
                .take_while(|&c| c != '\n')
                .count()
                + 1;
            // The snippet shows the text as far as it can be read, with
            // U+FFFD where the bad bytes are.
            let shown = SourceFile {
                path: rel.to_path_buf(),
                text: Arc::from(line_ends(&String::from_utf8_lossy(e.as_bytes()))),
            };
            Err(Box::new(
                Problem::at(&shown, line, column, "the file is not UTF-8 text")
                    .help("save the file as UTF-8 in your editor (\"Save with encoding\" → UTF-8); the character here was saved in another encoding"),
            ))
        }
    }
}

/// Windows (`\r\n`) and old Mac (`\r`) line ends as `\n`: YAML, Markdown
/// and CSV readers all take a lone `\r` for a line end, so every position
/// planpress reports counts lines as they do.
fn line_ends(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// The first thing in the text a reader would not see written: a control
/// character, a direction change left open, a YAML escape that makes one,
/// or a word too long for the Braille translator.
fn unseen(file: &SourceFile) -> Option<Problem> {
    let yaml = file.path.extension().is_some_and(|e| e == "yaml");
    for (i, line) in file.text.lines().enumerate() {
        let found = control(line)
            .or_else(|| open_direction(line))
            .or_else(|| yaml.then(|| escaped_control(line)).flatten())
            .or_else(|| long_word(line));
        if let Some((byte, message, help)) = found {
            let column = line[..byte].chars().count() + 1;
            return Some(Problem::at(file, i + 1, column, message).help(help));
        }
    }
    None
}

type Found = (usize, String, &'static str);

fn is_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

fn control(line: &str) -> Option<Found> {
    let (at, c) = line.char_indices().find(|&(_, c)| is_control(c))?;
    Some((
        at,
        format!(
            "the text holds the invisible control character U+{:04X}",
            c as u32
        ),
        "delete it (it often comes with text pasted from another program): pages and feeds cannot publish it",
    ))
}

/// An embedding, override or isolate (U+202A–U+202E, U+2066–U+2068) not
/// closed on its own line would turn the text around it, on the page and
/// wherever the title is shown.
fn open_direction(line: &str) -> Option<Found> {
    let mut open: Vec<(usize, char)> = Vec::new();
    for (at, c) in line.char_indices() {
        match c {
            '\u{202A}'..='\u{202B}' | '\u{202D}'..='\u{202E}' | '\u{2066}'..='\u{2068}' => {
                open.push((at, c))
            }
            '\u{202C}' | '\u{2069}' if open.pop().is_none() => {
                return Some(direction(
                    at,
                    c,
                    "closes a direction change that was not opened",
                ));
            }
            _ => {}
        }
    }
    let (at, c) = open.first().copied()?;
    Some(direction(
        at,
        c,
        "changes the text's direction and does not change it back",
    ))
}

fn direction(at: usize, c: char, what: &str) -> Found {
    (
        at,
        format!("the invisible character U+{:04X} here {what}", c as u32),
        "delete it: planpress marks the language and direction of a page itself; a direction mark must be closed (U+202C or U+2069) on the same line",
    )
}

/// `\0`, `\x01`, `\u202E` … inside double quotes in YAML: escapes that
/// make the characters [`control`] and [`open_direction`] refuse.
fn escaped_control(line: &str) -> Option<Found> {
    let quote = line.find('"')?;
    let mut rest = line[quote..].char_indices().peekable();
    while let Some((i, c)) = rest.next() {
        if c != '\\' {
            continue;
        }
        let at = quote + i;
        let tail = &line[at + 1..];
        let (len, code) = match tail.chars().next()? {
            '0' => (1, 0),
            'a' => (1, 7),
            'b' => (1, 8),
            'e' => (1, 0x1B),
            'f' => (1, 0x0C),
            'v' => (1, 0x0B),
            'N' => (1, 0x85),
            'x' => (3, hex(tail, 2)?),
            'u' => (5, hex(tail, 4)?),
            'U' => (9, hex(tail, 8)?),
            _ => {
                rest.next(); // `\\`, `\"`: the next character is not an escape
                continue;
            }
        };
        let refused = char::from_u32(code).is_some_and(|c| {
            is_control(c) || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        });
        if refused {
            return Some((
                at,
                format!(
                    "`{}` makes the invisible character U+{code:04X}, which pages and feeds cannot publish",
                    &line[at..at + 1 + len.min(tail.len())]
                ),
                "delete the escape; to write a backslash in double quotes, write `\\\\`",
            ));
        }
    }
    None
}

fn hex(tail: &str, digits: usize) -> Option<u32> {
    tail.get(1..1 + digits)
        .and_then(|h| u32::from_str_radix(h, 16).ok())
}

fn long_word(line: &str) -> Option<Found> {
    let (chars, at) = crate::support::markdown::longest_word(line);
    (chars > limits::WORD_CHARS).then(|| {
        (
            at,
            format!(
                "a word here is {chars} characters long; planpress allows words of at most {}",
                limits::WORD_CHARS
            ),
            "add the missing spaces, or shorten the address (a long link can be given a short text: `[title](address)` keeps the address out of the words)",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(name: &str, text: &str) -> Option<(usize, usize, String)> {
        source_text(Path::new(name), text.as_bytes().to_vec())
            .err()
            .map(|p| (p.line, p.column, p.message))
    }

    #[test]
    fn every_kind_of_line_end_is_read_as_one() {
        let file = source_text(Path::new("a.csv"), b"h\r1\r\n2\n3".to_vec()).unwrap();
        assert_eq!(&*file.text, "h\n1\n2\n3");
    }

    #[test]
    fn control_characters_are_refused_where_they_are() {
        assert_eq!(
            problem("a.md", "ok\nab\u{1}c").map(|p| (p.0, p.1)),
            Some((2, 3))
        );
        assert!(problem("a.md", "tab\tis fine\r\n").is_none());
        assert!(problem("a.md", "NUL\0").is_some());
    }

    #[test]
    fn yaml_escapes_that_make_control_characters_are_refused() {
        let p = problem("a.yaml", "title: \"A\\x01B\"\n").unwrap();
        assert_eq!((p.0, p.1), (1, 10));
        assert!(p.2.contains("U+0001"));
        assert!(problem("a.yaml", "title: \"nul \\0\"\n").is_some());
        assert!(problem("a.yaml", "title: \"\\u202Eevil\"\n").is_some());
        assert!(problem("a.yaml", "title: \"a \\\\x01 backslash\" \n").is_none());
        assert!(problem("a.yaml", "title: \"tab\\tand \\\"quote\\\"\"\n").is_none());
        assert!(problem("a.md", "\"\\x01\" in Markdown is text\n").is_none());
    }

    #[test]
    fn direction_changes_must_be_closed_on_their_line() {
        assert!(problem("a.yaml", "title: \u{202E}evil\n").is_some());
        assert!(problem("a.yaml", "title: \u{2067}عربي\u{2069} ok\n").is_none());
        assert!(problem("a.md", "stray \u{202C}\n").is_some());
    }

    #[test]
    fn words_longer_than_the_limit_are_refused() {
        let long = "x".repeat(limits::WORD_CHARS + 1);
        let p = problem("a.md", &format!("one two {long}\n")).unwrap();
        assert_eq!((p.0, p.1), (1, 9));
        assert!(problem("a.md", &"x".repeat(limits::WORD_CHARS)).is_none());
    }

    #[test]
    fn files_past_the_size_limit_are_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let f = fs::File::create(dir.path().join("big.md")).unwrap();
        f.set_len(limits::FILE_BYTES + 1).unwrap();
        let mut problems = Problems::default();
        assert!(read_source(dir.path(), Path::new("big.md"), &mut problems).is_none());
        assert!(problems.0[0].message.contains("at most 8388608 bytes"));
    }

    #[test]
    fn links_out_of_the_project_are_refused_and_not_quoted() {
        let dir = tempfile::tempdir().unwrap();
        let (root, elsewhere) = (dir.path().join("project"), dir.path().join("secret.md"));
        fs::create_dir_all(&root).unwrap();
        fs::write(&elsewhere, "a secret\n").unwrap();
        std::os::unix::fs::symlink(&elsewhere, root.join("out.md")).unwrap();
        fs::write(root.join("real.md"), "mine\n").unwrap();
        std::os::unix::fs::symlink("real.md", root.join("in.md")).unwrap();
        let mut problems = Problems::default();
        assert!(read_source(&root, Path::new("out.md"), &mut problems).is_none());
        assert!(problems.0[0].message.contains("outside the project"));
        assert!(!format!("{:?}", problems.0[0]).contains("a secret"));
        assert!(read_source(&root, Path::new("in.md"), &mut problems).is_some());
    }
}
