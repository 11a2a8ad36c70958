//! The theme's words for the site's language: `locales/LANGUAGE.yaml` of
//! the theme. A site's own locale file overrides the built-in one key by
//! key, so a council can change one word and keep the rest; a language the
//! built-in theme does not ship must have every key of `en-GB`.

use std::collections::BTreeMap;
use std::path::Path;

use super::parse_yaml;
use crate::diagnostic::{Problem, Problems};
use crate::model::{Content, SourceFile};
use crate::theme::locale::{Locale, Node, REFERENCE, placeholders};
use crate::theme::{Theme, builtin};

/// The locale of the site's `language`, checked against the reference.
pub fn locale(theme: &Theme, content: &Content) -> Result<Locale, Problems> {
    let language = &content.site.language;
    let names = names(theme);
    let Some(name) = pick(&names, language) else {
        let line = content
            .site_file
            .text
            .lines()
            .position(|l| l.starts_with("language:"))
            .map_or(0, |i| i + 1);
        let problem = Problem::at(
            &content.site_file,
            line,
            1,
            format!(
                "the theme has no words for the language `{language}`: it has {}",
                names.join(", ")
            ),
        )
        .help(format!(
            "set `language:` to one of them, or add themes/{}/locales/{language}.yaml with every key of {REFERENCE}.yaml (`planpress theme eject` writes the built-in ones out)",
            theme.name()
        ));
        return Err(Problems(vec![problem]));
    };
    let path = format!("locales/{name}.yaml");
    let mut problems = Problems::default();
    let mut words = BTreeMap::new();
    if let Some(bytes) = builtin::file(&path) {
        let built_in = Path::new("built-in theme").join(&path);
        words = read(&built_in, bytes, &mut problems).unwrap_or_default();
    }
    let own = theme.file(&path).ok().flatten();
    if let Some(file) = own.filter(|f| f.bytes.as_ref() != builtin::file(&path).unwrap_or_default())
    {
        words.extend(read(&theme.describe(&path), &file.bytes, &mut problems).unwrap_or_default());
    }
    let locale = Locale::new(name, theme.describe(&path), words);
    if problems.errors() == 0 {
        check(&locale, &mut problems);
    }
    if problems.errors() > 0 {
        return Err(problems);
    }
    Ok(locale)
}

/// The locales the theme has: the built-in ones and the site's own.
fn names(theme: &Theme) -> Vec<String> {
    theme
        .paths("locales")
        .iter()
        .filter_map(|p| p.strip_suffix(".yaml"))
        .map(str::to_string)
        .collect()
}

/// The locale for a language tag: the one of that name (in any case), else
/// the one of its primary language (`cy-GB` → `cy`, `en` → `en-GB`).
fn pick<'a>(names: &'a [String], language: &str) -> Option<&'a str> {
    let primary = |tag: &str| {
        tag.split('-')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase()
    };
    names
        .iter()
        .find(|n| n.eq_ignore_ascii_case(language))
        .or_else(|| names.iter().find(|n| primary(n) == primary(language)))
        .map(String::as_str)
}

/// A locale file's words by key.
fn read(path: &Path, bytes: &[u8], problems: &mut Problems) -> Option<BTreeMap<String, String>> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        problems.push(
            Problem::file(path, "the locale file is not UTF-8 text").help("save the file as UTF-8"),
        );
        return None;
    };
    let file = SourceFile {
        path: path.to_path_buf(),
        text: text.into(),
    };
    let tree: BTreeMap<String, Node> = parse_yaml(&file, 0, problems)?;
    Some(Node::flatten(tree))
}

/// Every key of the reference locale is in `locale`, and its words use no
/// placeholder the reference's do not.
fn check(locale: &Locale, problems: &mut Problems) {
    let reference = Locale::builtin_reference();
    for key in reference.keys() {
        let theirs = reference.word(key);
        let Some(words) = locale.get(key) else {
            problems.push(
                Problem::file(locale.file(), format!("the locale file has no key `{key}`")).help(
                    format!("add `{key}`: the words for “{theirs}” in {REFERENCE}.yaml"),
                ),
            );
            continue;
        };
        let known = placeholders(theirs);
        for name in placeholders(words)
            .into_iter()
            .filter(|n| !known.contains(n))
        {
            problems.push(
                Problem::file(
                    locale.file(),
                    format!(
                        "`{key}` has the placeholder `{{{name}}}`, which planpress does not fill"
                    ),
                )
                .help(format!(
                    "its placeholders are those of {REFERENCE}.yaml: “{theirs}”"
                )),
            );
        }
    }
}
