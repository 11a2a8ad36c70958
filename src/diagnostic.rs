//! Problems found in content, reported to editors with file, line, column,
//! a snippet, what is wrong and how to fix it.

use std::fmt;
use std::path::{Path, PathBuf};

use miette::{Diagnostic, NamedSource, SourceSpan};

use crate::model::SourceFile;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Error,
    Warning,
}

/// One thing wrong with the content.
#[derive(Debug, Clone, thiserror::Error, Diagnostic)]
#[error("{message}")]
pub struct Problem {
    pub level: Level,
    pub file: PathBuf,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    pub column: usize,
    pub message: String,
    #[help]
    pub help: Option<String>,
    #[source_code]
    source_code: Option<NamedSource<String>>,
    #[label("here")]
    span: Option<SourceSpan>,
}

impl Problem {
    /// A problem at a line and column of a file that was read.
    pub fn at(file: &SourceFile, line: usize, column: usize, message: impl Into<String>) -> Self {
        let span = offset_of(&file.text, line, column).map(|o| SourceSpan::from((o, 1)));
        Problem {
            level: Level::Error,
            file: file.path.clone(),
            line,
            column,
            message: message.into(),
            help: None,
            source_code: Some(NamedSource::new(
                file.path.display().to_string(),
                file.text.to_string(),
            )),
            span,
        }
    }

    /// A problem with a file as a whole (it cannot be read, say).
    pub fn file(path: &Path, message: impl Into<String>) -> Self {
        Problem {
            level: Level::Error,
            file: path.to_path_buf(),
            line: 0,
            column: 0,
            message: message.into(),
            help: None,
            source_code: None,
            span: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn warning(mut self) -> Self {
        self.level = Level::Warning;
        self
    }

    /// `file:line:column`, the position editors and their tools recognise.
    pub fn position(&self) -> String {
        if self.line == 0 {
            self.file.display().to_string()
        } else {
            format!("{}:{}:{}", self.file.display(), self.line, self.column)
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Error => "error",
            Level::Warning => "warning",
        })
    }
}

fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    if line == 0 {
        return None;
    }
    let start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    let line_text = text[start..].split('\n').next()?;
    let col = line_text
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line_text.len(), |(i, _)| i);
    Some(start + col)
}

/// The column where field `field` (0-based) of line `line` of a CSV file starts.
pub fn csv_column(file: &SourceFile, line: usize, field: usize) -> usize {
    let text = file.text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    text.split(',')
        .take(field)
        .map(|f| f.chars().count() + 1)
        .sum::<usize>()
        + 1
}

/// The problems of a build, all of them, in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn push(&mut self, p: Problem) {
        self.0.push(p);
    }

    pub fn errors(&self) -> usize {
        self.0.iter().filter(|p| p.level == Level::Error).count()
    }

    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (a.level, &a.file, a.line, a.column, &a.message)
                .cmp(&(b.level, &b.file, b.line, b.column, &b.message))
        });
    }

    pub fn extend(&mut self, other: Problems) {
        self.0.extend(other.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_columns_count_characters_of_earlier_fields() {
        let file = SourceFile {
            path: "m.csv".into(),
            text: "period,value,source,note\n2012/13,75.1,d#a,£ note\n".into(),
        };
        assert_eq!(csv_column(&file, 2, 0), 1);
        assert_eq!(csv_column(&file, 2, 1), 9);
        assert_eq!(csv_column(&file, 2, 2), 14);
    }

    #[test]
    fn offsets_count_lines_and_characters() {
        let text = "a: 1\nbé: 2\n";
        assert_eq!(offset_of(text, 2, 1), Some(5));
        assert_eq!(offset_of(text, 2, 3), Some(8));
    }
}
