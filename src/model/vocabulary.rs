//! The vocabularies councils differ on: what a measure's figures are counted
//! in (units) and what a document is (kinds). The built-in set is data
//! (`vocabulary.yaml` beside this file), its words the theme's locale's; a
//! site adds entries, or changes the rules of built-in ones, in
//! `content/vocabulary.yaml`, in its own words.

use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock};

use serde::Deserialize;

use super::measure::DECIMALS;
use super::{Spanned, number, number_to};
use crate::theme::locale::{Locale, fill};

/// `content/vocabulary.yaml`, and the built-in set, as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VocabularyFile {
    #[serde(default)]
    pub units: BTreeMap<String, Spanned<UnitRules>>,
    #[serde(default)]
    pub kinds: BTreeMap<String, Spanned<KindRules>>,
}

/// A unit's rules and, for a unit the theme has no words for, its words.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitRules {
    /// What the unit is called: a chart's axis title ("Tonnes").
    pub name: Option<String>,
    /// How a figure is written, `{n}` standing for the number: "{n} tonnes".
    pub value: Option<String>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    /// Only whole numbers.
    #[serde(default)]
    pub whole: bool,
    /// At most this many decimals are shown; 3 unless given.
    pub decimals: Option<u8>,
    /// Figures are per cent: a spreadsheet cell formatted as a percentage
    /// (0.45 shown as 45%) is read as 45.
    #[serde(default)]
    pub percentage: bool,
}

/// What a document kind is, beyond its words.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindRules {
    /// What a reader is told the document is ("Corporate plan").
    pub name: Option<String>,
    /// Its schema.org type in the pages' structured data; `CreativeWork`
    /// unless given.
    pub schema: Option<String>,
}

/// What a measure's figures are counted in: cheap to clone, one shared
/// definition.
#[derive(Debug, Clone)]
pub struct Unit(Arc<Entry<UnitRules>>);

/// What a document is: a strategy, a delivery framework, a report...
#[derive(Debug, Clone)]
pub struct Kind(Arc<Entry<KindRules>>);

#[derive(Debug)]
struct Entry<R> {
    key: String,
    rules: R,
}

impl PartialEq for Unit {
    fn eq(&self, other: &Unit) -> bool {
        self.0.key == other.0.key
    }
}

impl PartialEq for Kind {
    fn eq(&self, other: &Kind) -> bool {
        self.0.key == other.0.key
    }
}

impl Unit {
    /// A built-in unit by its key, for the unit tests.
    #[cfg(test)]
    pub fn built_in(key: &str) -> Unit {
        Vocabulary::built_in()
            .unit(key)
            .expect("a built-in unit")
            .clone()
    }

    /// Its name in content files and open data: `percent`.
    pub fn key(&self) -> &str {
        &self.0.key
    }

    pub fn is_percentage(&self) -> bool {
        self.0.rules.percentage
    }

    /// A value as a reader reads it: the site's `value` pattern, or the
    /// locale's `value.KEY`: "74%", "£269m", "2,560", "6 days".
    pub fn display(&self, v: f64, locale: &Locale) -> String {
        let n = number_to(v, self.0.rules.decimals.unwrap_or(DECIMALS));
        match &self.0.rules.value {
            Some(pattern) => fill(pattern, |name| (name == "n").then(|| n.clone())),
            None => locale.text(&format!("value.{}", self.key()), &[("n", &n)]),
        }
    }

    /// A value as an editor's message gives it, in the built-in English
    /// words every diagnostic is in.
    pub fn format(&self, v: f64) -> String {
        static ENGLISH: LazyLock<Locale> = LazyLock::new(Locale::builtin_reference);
        self.display(v, &ENGLISH)
    }

    /// The axis title of a chart, and the unit as a measure's page names
    /// it: the site's `name`, or the locale's `unit.KEY` ("Per cent").
    pub fn axis<'a>(&'a self, locale: &'a Locale) -> &'a str {
        match &self.0.rules.name {
            Some(name) => name,
            None => locale.word(&format!("unit.{}", self.key())),
        }
    }

    /// Values that cannot be in this unit, as a reason.
    pub fn rejects(&self, v: f64) -> Option<String> {
        if v.abs() > super::limits::FIGURE_MAGNITUDE {
            return Some(format!(
                "a figure is at most {} either side of 0",
                number(super::limits::FIGURE_MAGNITUDE)
            ));
        }
        let r = &self.0.rules;
        let below = r.minimum.is_some_and(|min| v < min);
        let above = r.maximum.is_some_and(|max| v > max);
        let broken = r.whole && v.fract() != 0.0;
        (below || above || broken).then(|| self.allows())
    }

    /// The values this unit takes, in words: "a figure in `count` is a
    /// whole number, 0 or more".
    fn allows(&self) -> String {
        let r = &self.0.rules;
        let range = match (r.minimum, r.maximum) {
            (Some(min), Some(max)) => format!("between {} and {}", number(min), number(max)),
            (Some(min), None) => format!("{} or more", number(min)),
            (None, Some(max)) => format!("{} or less", number(max)),
            (None, None) => String::new(),
        };
        let what = match (r.whole, range.is_empty()) {
            (true, true) => "a whole number".to_string(),
            (true, false) => format!("a whole number, {range}"),
            (false, _) => range,
        };
        format!("a figure in `{}` is {what}", self.key())
    }
}

impl Kind {
    /// Its name in content files and open data: `delivery-framework`.
    pub fn key(&self) -> &str {
        &self.0.key
    }

    /// What a reader is told it is: the site's `name`, or the locale's
    /// `kind.KEY` ("Delivery framework").
    pub fn label<'a>(&'a self, locale: &'a Locale) -> &'a str {
        match &self.0.rules.name {
            Some(name) => name,
            None => locale.word(&format!("kind.{}", self.key())),
        }
    }

    /// Its schema.org type.
    pub fn schema_type(&self) -> &str {
        self.0.rules.schema.as_deref().unwrap_or("CreativeWork")
    }
}

/// The site's units and kinds: the built-in ones with the site's own.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    units: BTreeMap<String, Unit>,
    kinds: BTreeMap<String, Kind>,
}

/// An entry a site adds without the words a reader needs: the built-in
/// entries' words are the locale's, a site's own must be given.
#[derive(Debug, Clone, PartialEq)]
pub struct Wordless {
    pub list: &'static str,
    pub key: String,
    pub missing: &'static str,
    pub line: usize,
}

static BUILT_IN: LazyLock<VocabularyFile> = LazyLock::new(|| {
    serde_saphyr::from_str(include_str!("vocabulary.yaml"))
        .expect("the built-in vocabulary is valid")
});

impl Vocabulary {
    /// The built-in set alone.
    pub fn built_in() -> Vocabulary {
        Vocabulary::with(&VocabularyFile::default()).expect("the built-in set has its words")
    }

    /// The built-in set with the site's entries: one of the same key as a
    /// built-in replaces its rules, and keeps the locale's words unless it
    /// gives its own.
    pub fn with(site: &VocabularyFile) -> Result<Vocabulary, Vec<Wordless>> {
        let mut wordless = Vec::new();
        let units = merge(&BUILT_IN.units, &site.units, "units", Unit, &mut wordless);
        let kinds = merge(&BUILT_IN.kinds, &site.kinds, "kinds", Kind, &mut wordless);
        if wordless.is_empty() {
            Ok(Vocabulary { units, kinds })
        } else {
            Err(wordless)
        }
    }

    pub fn unit(&self, key: &str) -> Option<&Unit> {
        self.units.get(key)
    }

    pub fn kind(&self, key: &str) -> Option<&Kind> {
        self.kinds.get(key)
    }

    /// Every unit, by key.
    pub fn units(&self) -> impl Iterator<Item = &Unit> {
        self.units.values()
    }

    /// Every kind, by key.
    pub fn kinds(&self) -> impl Iterator<Item = &Kind> {
        self.kinds.values()
    }
}

/// The words a reader needs of an entry the theme has none for.
trait Worded {
    /// Those of its fields it leaves out.
    fn missing(&self) -> Vec<&'static str>;
}

impl Worded for UnitRules {
    fn missing(&self) -> Vec<&'static str> {
        [
            ("name", self.name.is_none()),
            ("value", self.value.is_none()),
        ]
        .into_iter()
        .filter_map(|(field, missing)| missing.then_some(field))
        .collect()
    }
}

impl Worded for KindRules {
    fn missing(&self) -> Vec<&'static str> {
        self.name.is_none().then_some("name").into_iter().collect()
    }
}

/// The built-in entries with the site's: a site's entry that is not built
/// in must bring its words, or is listed in `wordless`.
fn merge<R: Clone + Worded, T>(
    built_in: &BTreeMap<String, Spanned<R>>,
    site: &BTreeMap<String, Spanned<R>>,
    list: &'static str,
    make: fn(Arc<Entry<R>>) -> T,
    wordless: &mut Vec<Wordless>,
) -> BTreeMap<String, T> {
    let mut merged = entries(built_in, make);
    for (key, rules) in site.iter().filter(|(key, _)| !merged.contains_key(*key)) {
        wordless.extend(rules.value.missing().into_iter().map(|missing| Wordless {
            list,
            key: key.clone(),
            missing,
            line: rules.referenced.line() as usize,
        }));
    }
    merged.extend(entries(site, make));
    merged
}

fn entries<R: Clone, T>(
    written: &BTreeMap<String, Spanned<R>>,
    make: fn(Arc<Entry<R>>) -> T,
) -> BTreeMap<String, T> {
    written
        .iter()
        .map(|(key, rules)| {
            let entry = Entry {
                key: key.clone(),
                rules: rules.value.clone(),
            };
            (key.clone(), make(Arc::new(entry)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(yaml: &str) -> Result<Vocabulary, Vec<Wordless>> {
        Vocabulary::with(&serde_saphyr::from_str(yaml).unwrap())
    }

    #[test]
    fn built_in_values_are_written_as_readers_expect() {
        let v = Vocabulary::built_in();
        let unit = |k: &str| v.unit(k).unwrap().clone();
        assert_eq!(unit("percent").format(74.0), "74%");
        assert_eq!(unit("gbp-million").format(269.0), "£269m");
        assert_eq!(unit("count").format(2560.0), "2,560");
        assert_eq!(unit("rate-per-100000").format(87.4), "87.4");
    }

    #[test]
    fn built_in_units_reject_impossible_values() {
        let v = Vocabulary::built_in();
        let unit = |k: &str| v.unit(k).unwrap().clone();
        assert_eq!(
            unit("percent").rejects(120.0).as_deref(),
            Some("a figure in `percent` is between 0 and 100")
        );
        assert_eq!(
            unit("count").rejects(2.5).as_deref(),
            Some("a figure in `count` is a whole number, 0 or more")
        );
        assert!(unit("gbp-million").rejects(-3.0).is_none());
        assert!(unit("days").rejects(-1.0).is_some());
    }

    #[test]
    fn a_site_adds_units_in_its_own_words_and_rules() {
        let v = site(
            "units:\n  tonnes: { name: Tonnes, value: \"{n} t\", minimum: 0, decimals: 1 }\n  rate-per-1000: { name: \"Rate per 1,000\", value: \"{n} per 1,000\" }\n",
        )
        .unwrap();
        let tonnes = v.unit("tonnes").unwrap();
        let english = Locale::builtin_reference();
        assert_eq!(tonnes.display(1234.56, &english), "1,234.6 t");
        assert_eq!(tonnes.axis(&english), "Tonnes");
        assert!(tonnes.rejects(-1.0).is_some());
        let rate = v.unit("rate-per-1000").unwrap();
        assert_eq!(rate.display(3.25, &english), "3.25 per 1,000");
        assert!(rate.rejects(-1.0).is_none());
        // The built-in units are still there.
        assert_eq!(v.unit("percent").unwrap().display(5.0, &english), "5%");
    }

    #[test]
    fn a_site_changes_a_built_in_unit_s_rules_and_keeps_its_words() {
        let v = site("units:\n  percent: { minimum: 0, maximum: 100, decimals: 0 }\n").unwrap();
        let english = Locale::builtin_reference();
        let percent = v.unit("percent").unwrap();
        assert_eq!(percent.display(74.4, &english), "74%");
        assert_eq!(percent.axis(&english), english.word("unit.percent"));
        assert!(
            !percent.is_percentage(),
            "the site's rules replace the built-in ones"
        );
    }

    #[test]
    fn a_new_unit_or_kind_without_words_is_named() {
        let errors =
            site("units:\n  tonnes: { minimum: 0 }\nkinds:\n  corporate-plan: {}\n").unwrap_err();
        let said: Vec<_> = errors
            .iter()
            .map(|w| format!("{} {} {} {}", w.list, w.key, w.missing, w.line))
            .collect();
        assert_eq!(
            said,
            [
                "units tonnes name 2",
                "units tonnes value 2",
                "kinds corporate-plan name 4"
            ]
        );
    }

    #[test]
    fn kinds_are_named_from_the_locale_or_the_site() {
        let v = site("kinds:\n  corporate-plan: { name: Corporate plan }\n").unwrap();
        let english = Locale::builtin_reference();
        assert_eq!(
            v.kind("corporate-plan").unwrap().label(&english),
            "Corporate plan"
        );
        assert_eq!(v.kind("report").unwrap().schema_type(), "Report");
        assert_eq!(v.kind("strategy").unwrap().schema_type(), "CreativeWork");
        assert_eq!(
            v.kind("strategy").unwrap().label(&english),
            english.word("kind.strategy")
        );
    }
}
