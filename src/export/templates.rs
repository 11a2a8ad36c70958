//! The templates and stylesheets of the exports: `themes/<name>/export/`.
//! A council restyles its EPUB and large print there, as it does the site.

use std::path::{Path, PathBuf};

use minijinja::{AutoEscape, Environment};

#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("{path}: template error: {detail}")]
    Render { path: PathBuf, detail: String },
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// The templates of one theme's exports.
pub struct Templates {
    dir: PathBuf,
    env: Environment<'static>,
}

impl Templates {
    pub fn new(theme: &Path) -> Self {
        let dir = theme.join("export");
        let mut env = crate::theme::configured(dir.clone(), escape_markup);
        env.set_auto_escape_callback(|name| match name.rsplit_once('.').map(|(_, ext)| ext) {
            Some("xhtml" | "html" | "opf" | "xml") => AutoEscape::Html,
            _ => AutoEscape::None,
        });
        Templates { dir, env }
    }

    pub fn render(&self, name: &str, context: minijinja::Value) -> Result<String, TemplateError> {
        self.env
            .get_template(name)
            .and_then(|t| t.render(context))
            .map_err(|e| self.error(name, &e))
    }

    /// A file of the theme's export folder as it is (a stylesheet).
    pub fn file(&self, name: &str) -> Result<Vec<u8>, TemplateError> {
        let path = self.dir.join(name);
        std::fs::read(&path).map_err(|source| TemplateError::Read { path, source })
    }

    fn error(&self, name: &str, e: &minijinja::Error) -> TemplateError {
        let file = e.name().unwrap_or(name);
        let mut detail = e.to_string();
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            detail.push_str(&format!(": {s}"));
            source = s.source();
        }
        let mut path = self.dir.join(file).display().to_string();
        if let Some(line) = e.line() {
            path.push_str(&format!(":{line}"));
        }
        TemplateError::Render {
            path: PathBuf::from(path),
            detail,
        }
    }
}

/// Escapes what XML and HTML need and nothing more: minijinja's own HTML
/// escaping also turns `/` into `&#x2f;`, valid but unreadable in addresses.
fn escape_markup(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    match value.as_str() {
        Some(text) if *state.auto_escape() == AutoEscape::Html && !value.is_safe() => out
            .write_str(&crate::support::escape::xml(text))
            .map_err(minijinja::Error::from),
        _ => minijinja::escape_formatter(out, state, value),
    }
}
