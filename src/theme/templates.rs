//! The theme's templates, as every renderer loads them: the site's pages from
//! the theme's `templates/`, the exports from its `export/`, each file the
//! site's own or the built-in.

use std::path::Path;
use std::sync::Arc;

use minijinja::value::{Kwargs, Value};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, State, UndefinedBehavior};

use super::Theme;
use super::locale::{Locale, fill};
use crate::diagnostic::Problem;
use crate::support::escape;

/// Builds the template environment of the site's pages, with the words of
/// `locale`.
pub fn environment(theme: &Theme, locale: &Arc<Locale>) -> Environment<'static> {
    let mut env = configured(theme, "templates", escape_html);
    add_words(&mut env, locale, escape::html_anywhere);
    env
}

/// Registers `t("key", name=value…)`: the words of `key` in `locale`, each
/// `{name}` replaced by its value. The words are the theme's, written as
/// markup like a template's own text; the values are escaped as the
/// environment's formatter would (`escape`) unless they are safe already,
/// so that `t()` writes what the template's text did.
pub fn add_words(env: &mut Environment<'static>, locale: &Arc<Locale>, escape: fn(&str) -> String) {
    let locale = Arc::clone(locale);
    env.add_function(
        "t",
        move |state: &State, key: &str, args: Kwargs| -> Result<Value, Error> {
            let words = locale.get(key).ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidOperation,
                    format!("{} has no key `{key}`", locale.file().display()),
                )
            })?;
            let markup = *state.auto_escape() != AutoEscape::None;
            let mut values = Vec::new();
            for name in args.args() {
                let value: Value = args.get(name)?;
                let text = match value.as_str() {
                    Some(s) if markup && !value.is_safe() => escape(s),
                    _ => value.to_string(),
                };
                values.push((name.to_string(), text));
            }
            let mut unfilled = None;
            let text = fill(words, |name| {
                let found = values
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| v.clone());
                if found.is_none() {
                    unfilled = Some(name.to_string());
                }
                found
            });
            if let Some(name) = unfilled {
                return Err(Error::new(
                    ErrorKind::MissingArgument,
                    format!(
                        "`{key}` of {} has `{{{name}}}`: give t() `{name}=`",
                        locale.file().display()
                    ),
                ));
            }
            Ok(if markup {
                Value::from_safe_string(text)
            } else {
                Value::from(text)
            })
        },
    );
}

/// What every planpress template environment shares: templates read from
/// `folder` of the theme (the site's file, else the built-in), undefined
/// values as errors so that a typo in a template fails the build instead of
/// publishing a blank, and block tags that leave no blank lines.
pub fn configured<F>(theme: &Theme, folder: &str, formatter: F) -> Environment<'static>
where
    F: Fn(
            &mut minijinja::Output,
            &mut minijinja::State,
            &minijinja::Value,
        ) -> Result<(), minijinja::Error>
        + Send
        + Sync
        + 'static,
{
    let mut env = Environment::new();
    let (theme, folder) = (theme.clone(), folder.to_string());
    env.set_loader(move |name| {
        let path = format!("{folder}/{name}");
        let file = theme.file(&path).map_err(|e| {
            minijinja::Error::new(
                minijinja::ErrorKind::InvalidOperation,
                format!("cannot read {}", theme.describe(&path).display()),
            )
            .with_source(e)
        })?;
        file.map(|f| {
            String::from_utf8(f.bytes.into_owned()).map_err(|_| {
                minijinja::Error::new(
                    minijinja::ErrorKind::InvalidOperation,
                    format!("{} is not UTF-8", theme.describe(&path).display()),
                )
            })
        })
        .transpose()
    });
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_debug(true);
    env.set_formatter(formatter);
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
            .expect("the default delimiters are valid"),
    );
    env
}

/// minijinja's HTML escaping also escapes `/`, which is safe but turns every
/// address into `&#x2f;`. Escape only what HTML needs, so the output stays
/// readable for the web teams who inspect it.
pub fn escape_html(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    match value.as_str() {
        Some(text) if *state.auto_escape() == minijinja::AutoEscape::Html && !value.is_safe() => {
            escape::write_html(out, text).map_err(minijinja::Error::from)
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// A template error as an editor-facing problem: the template file (the
/// site's, `themes/NAME/templates/FILE`, or the built-in theme's), its line
/// and a snippet.
pub fn problem(theme: &Theme, err: &minijinja::Error) -> Problem {
    if err.kind() == minijinja::ErrorKind::TemplateNotFound {
        // "template \"x.html\" does not exist": the missing file is the place.
        let detail = err.detail().unwrap_or_default();
        let name = detail.split('"').nth(1).unwrap_or("template");
        let templates = Path::new("themes").join(theme.name()).join("templates");
        return Problem::file(
            &templates.join(name),
            format!("template error: the template `{name}` does not exist"),
        )
        .help(format!(
            "add `{name}` to {}, or write out the built-in theme with `planpress theme eject` to see its templates",
            templates.display()
        ));
    }
    let name = format!("templates/{}", err.name().unwrap_or("template"));
    let path = theme.describe(&name);
    let mut detail = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        detail.push_str(&format!(": {s}"));
        source = s.source();
    }
    let help = "fix the template; `planpress check` reports template errors too";
    let text = theme
        .file(&name)
        .ok()
        .flatten()
        .and_then(|f| String::from_utf8(f.bytes.into_owned()).ok());
    match (err.line(), text) {
        (Some(line), Some(text)) => {
            let file = crate::model::SourceFile {
                path,
                text: text.into(),
            };
            Problem::at(&file, line, 1, format!("template error: {detail}")).help(help)
        }
        (line, _) => {
            let mut p = Problem::file(&path, format!("template error: {detail}")).help(help);
            if let Some(line) = line {
                p.line = line;
                p.column = 1;
            }
            p
        }
    }
}
