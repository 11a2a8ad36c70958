//! The theme's templates, as every renderer loads them: the site's pages from
//! `themes/<name>/templates/`, the exports from `themes/<name>/export/`.

use std::path::{Path, PathBuf};

use minijinja::{Environment, UndefinedBehavior};

use crate::diagnostic::Problem;
use crate::support::escape;

/// Builds the template environment of the site's pages.
pub fn environment(theme: &Path) -> Environment<'static> {
    configured(theme.join("templates"), escape_html)
}

/// What every planpress template environment shares: templates read from
/// `dir` (and reloaded when they change), undefined values as errors so that
/// a typo in a template fails the build instead of publishing a blank, and
/// block tags that leave no blank lines.
pub fn configured<F>(dir: PathBuf, formatter: F) -> Environment<'static>
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
    env.set_loader(minijinja::path_loader(dir));
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
fn escape_html(
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

/// A template error as an editor-facing problem: the template file (as a
/// path of the project, `themes/NAME/templates/FILE`), its line and a snippet.
pub fn problem(theme: &Path, err: &minijinja::Error) -> Problem {
    let theme_name = theme.file_name().map(PathBuf::from).unwrap_or_default();
    let templates = Path::new("themes").join(theme_name).join("templates");
    if err.kind() == minijinja::ErrorKind::TemplateNotFound {
        // "template \"x.html\" does not exist": the missing file is the place.
        let detail = err.detail().unwrap_or_default();
        let name = detail.split('"').nth(1).unwrap_or("template");
        return Problem::file(
            &templates.join(name),
            format!("template error: the template `{name}` does not exist"),
        )
        .help(format!(
            "add `{name}` to {}, or copy it from planpress's default theme",
            templates.display()
        ));
    }
    let name = err.name().unwrap_or("template");
    let path: PathBuf = templates.join(name);
    let mut detail = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        detail.push_str(&format!(": {s}"));
        source = s.source();
    }
    let help = "fix the template; `planpress check` reports template errors too";
    let text = std::fs::read_to_string(theme.join("templates").join(name)).ok();
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
