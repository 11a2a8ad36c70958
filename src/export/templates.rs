//! The templates and stylesheets of the exports: the theme's `export/`.
//! A council restyles its EPUB and large print there, as it does the site.

use std::path::PathBuf;
use std::sync::Arc;

use minijinja::{AutoEscape, Environment};

use crate::theme::Theme;
use crate::theme::locale::Locale;

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
    #[error("{0}: the theme has no such file")]
    Missing(PathBuf),
}

/// The templates of one theme's exports.
pub struct Templates {
    theme: Theme,
    env: Environment<'static>,
}

impl Templates {
    pub fn new(theme: &Theme, locale: &Arc<Locale>) -> Self {
        let mut env = crate::theme::configured(theme, "export", escape_markup);
        crate::theme::add_words(&mut env, locale, crate::support::escape::xml);
        env.set_auto_escape_callback(|name| match name.rsplit_once('.').map(|(_, ext)| ext) {
            Some("xhtml" | "html" | "opf" | "xml") => AutoEscape::Html,
            _ => AutoEscape::None,
        });
        Templates {
            theme: theme.clone(),
            env,
        }
    }

    pub fn render(&self, name: &str, context: minijinja::Value) -> Result<String, TemplateError> {
        self.env
            .get_template(name)
            .and_then(|t| t.render(context))
            .map_err(|e| self.error(name, &e))
    }

    /// A file of the theme's export folder as it is (a stylesheet).
    pub fn file(&self, name: &str) -> Result<Vec<u8>, TemplateError> {
        let path = format!("export/{name}");
        match self.theme.file(&path) {
            Ok(Some(file)) => Ok(file.bytes.into_owned()),
            Ok(None) => Err(TemplateError::Missing(self.theme.describe(&path))),
            Err(source) => Err(TemplateError::Read {
                path: self.theme.describe(&path),
                source,
            }),
        }
    }

    fn error(&self, name: &str, e: &minijinja::Error) -> TemplateError {
        let file = e.name().unwrap_or(name);
        let mut detail = e.to_string();
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            detail.push_str(&format!(": {s}"));
            source = s.source();
        }
        let mut path = self
            .theme
            .describe(&format!("export/{file}"))
            .display()
            .to_string();
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
