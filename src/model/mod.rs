//! The content model: what a council editor writes in `content/`.
//!
//! These types are deserialised straight from the YAML files, so their field
//! names are the keys an editor types. Unknown keys are errors.

pub mod anchors;
mod date;
pub mod limits;
mod measure;
mod period;
mod progress;
mod record;
mod standing;
mod vocabulary;

use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize};

use crate::theme::locale::Locale;
/// Names of the site's own pages and folders: no document may take one.
pub const RESERVED: [&str; 12] = [
    "accessibility",
    "performance-rules",
    "alternative-formats",
    "archive",
    "changes",
    "topics",
    "a-z",
    "data",
    "exports",
    "search",
    "static",
    "404",
];

pub use serde_saphyr::Spanned;

pub use date::{DateError, PartialDate};
pub use measure::{
    Baseline, Better, Comparator, ComparatorFigure, Expected, Frequency, MAX_COMPARATORS, Measure,
    MeasureMeta, Observation, Owner, Target, Threshold, number, number_to,
};
pub use period::{Calendar, PeriodError, Quarter, RollingEnd, When, YearKind};
pub use progress::{Progress, ProgressEntry, ProgressLog};
pub use record::{Citation, Origin, Record};
pub use standing::{Assessment, Direction, MIN_TREND_FIGURES, Reason, Rule, Standing, Trend};
pub use vocabulary::{Kind, KindRules, Unit, UnitRules, Vocabulary, VocabularyFile, Wordless};

/// A slug or id as written in a file, with where it was written.
pub type Slug = Spanned<String>;

/// A file of `content/` as read, kept so that later stages can point at it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the project root, as shown to editors.
    pub path: PathBuf,
    pub text: Arc<str>,
}

/// Everything in `content/`, loaded.
#[derive(Debug, Clone)]
pub struct Content {
    pub site: Site,
    pub site_file: SourceFile,
    pub strategies: Vec<Strategy>,
    /// `content/topics.yaml`, if there is one.
    pub topics: Vec<Topic>,
    pub topics_file: Option<SourceFile>,
    /// `content/records.yaml`: the published records the site cites but
    /// does not hold, if there is one.
    pub records: Vec<Record>,
    pub records_file: Option<SourceFile>,
    /// `content/synonyms.yaml`: the editors' search aids, if there is one.
    pub synonyms: Vec<Synonym>,
    pub synonyms_file: Option<SourceFile>,
    /// The units and kinds: the built-in ones with `content/vocabulary.yaml`'s.
    pub vocabulary: Vocabulary,
    pub vocabulary_file: Option<SourceFile>,
}

impl Content {
    /// Lets go of the YAML and CSV files' texts, which only diagnostics
    /// quote, once the content has been checked and linked without errors.
    /// On a site of tens of thousands of pages they are a large part of a
    /// build's memory. Sections keep theirs: it holds their Markdown.
    pub fn forget_texts(&mut self) {
        let files = std::iter::once(&mut self.site_file)
            .chain(self.topics_file.as_mut())
            .chain(self.records_file.as_mut())
            .chain(self.synonyms_file.as_mut())
            .chain(self.vocabulary_file.as_mut())
            .chain(self.strategies.iter_mut().flat_map(|s| {
                std::iter::once(&mut s.meta_file)
                    .chain(s.plan_file.as_mut())
                    .chain(
                        s.measures
                            .iter_mut()
                            .flat_map(|m| [&mut m.meta_file, &mut m.csv_file]),
                    )
            }));
        for file in files {
            file.text = Arc::from("");
        }
    }
}

impl Section {
    /// The Markdown after the header.
    pub fn body(&self) -> &str {
        &self.file.text[self.body_start..]
    }
}

/// `content/site.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    pub name: String,
    pub organisation: String,
    pub language: String,
    pub base_url: String,
    pub contact: Contact,
    pub accessibility: AccessibilityInfo,
    #[serde(default)]
    pub footer_links: Vec<FooterLink>,
    /// Settings for the documents' alternative formats.
    #[serde(default)]
    pub exports: ExportSettings,
    /// The site's own thresholds for measures' statuses.
    #[serde(default)]
    pub performance: Rule,
    /// Where the council publishes the rule its statuses follow, if it does.
    pub rule_source: Option<Citation>,
    /// The licence the open data is published under, if the council states one.
    pub licence: Option<Licence>,
    /// The council's own look: logo and colours.
    #[serde(default)]
    pub branding: Branding,
    /// The council's main website, which the header links to.
    pub website: Option<String>,
    /// How the site's text was made from the documents the council
    /// published, in a sentence or two (shown with each document held).
    pub transcription: Option<String>,
    /// The email address readers send feedback on the site to.
    pub feedback: Option<String>,
    /// The month the financial year starts in, 1 to 12: April (4) unless given.
    #[serde(default)]
    pub financial_year_starts: Calendar,
}

/// `licence:` in `site.yaml`: the terms on which the plans and figures may
/// be reused, stated on the data page and in every data file.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Licence {
    pub name: String,
    /// The licence's text on the web.
    pub url: String,
}

/// `branding:` in `site.yaml`. Every colour is `#rrggbb` or `#rgb`; the
/// build refuses a pair a reader could not tell apart.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Branding {
    pub logo: Option<Logo>,
    /// The header's background.
    pub colour: Option<String>,
    /// The header's text, on `colour` (white unless given).
    pub text_colour: Option<String>,
    /// The focus indicator, against the page and under the text it marks.
    pub focus_colour: Option<String>,
}

/// The council's logo: an SVG or PNG file of the theme's `static/` folder.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Logo {
    pub file: String,
    /// Its text alternative: what the logo says (usually the council's name).
    pub alt: String,
}

/// `exports:` in `site.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportSettings {
    /// Documents that get a spoken edition (slow to make, so chosen one by one).
    #[serde(default)]
    pub audio: Vec<Slug>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// The phone line for alternative-format requests.
    pub phone: String,
    /// Where the council published that number.
    pub phone_source: Option<Citation>,
    pub email: Option<String>,
    /// Whether the phone line takes calls made through the text relay
    /// service (Relay UK), for people who are deaf or hard of hearing.
    #[serde(default)]
    pub text_relay: bool,
    /// The address of the council's British Sign Language video relay
    /// service, if it has one.
    pub bsl: Option<String>,
    /// How many working days the council takes to answer a request for
    /// another format, if it says.
    pub reply_days: Option<u32>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AccessibilityInfo {
    /// When the accessibility statement was last reviewed. Taken from the
    /// content, never from the clock, so that builds stay byte-identical.
    pub reviewed: PartialDate,
    /// The nation whose equality body enforces the accessibility
    /// regulations for this council.
    pub nation: Nation,
    /// How far the site meets WCAG 2.2 AA, in the council's judgement.
    pub compliance: Compliance,
    /// What the council knows is not fully accessible, a sentence each.
    #[serde(default)]
    pub known_issues: Vec<String>,
    /// A paragraph on how the site's documents came to be web pages.
    pub about: Option<String>,
}

/// The nation a council is in, for its accessibility statement's
/// enforcement paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Nation {
    England,
    Wales,
    Scotland,
    NorthernIreland,
}

/// A website's compliance status, as accessibility statements give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Compliance {
    Full,
    Partial,
    Not,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FooterLink {
    pub title: String,
    pub href: String,
}

/// One published document: a strategy, its delivery framework, a report.
#[derive(Debug, Clone)]
pub struct Strategy {
    pub slug: String,
    pub meta: StrategyMeta,
    /// What the document is, as `meta.kind` names it.
    pub kind: Kind,
    pub meta_file: SourceFile,
    pub plan: Option<Plan>,
    pub plan_file: Option<SourceFile>,
    pub sections: Vec<Section>,
    /// The figures this document publishes.
    pub measures: Vec<Measure>,
    /// How its plan is going, as reports gave it (`progress.csv`).
    pub progress: Option<ProgressLog>,
}

impl Strategy {
    /// Everything the document's YAML files cite, each with its file: its
    /// status, statements and facts (`strategy.yaml`), where its plan's
    /// commitments were taken forward and their outcomes' sources
    /// (`plan.yaml`), and what its measures report on and their targets'
    /// sources. Figures' sources, in CSV files, are not among them.
    pub fn citations(&self) -> Vec<(&SourceFile, &Citation)> {
        let m = &self.meta;
        let meta = m
            .status
            .source
            .iter()
            .chain(m.statements.iter().map(|st| &st.source))
            .chain(&m.published_source)
            .chain(m.period.iter().flat_map(|p| &p.source))
            .chain(m.approved.iter().flat_map(|a| &a.source))
            .chain(m.consultation.iter().map(|c| &c.source))
            .chain(m.also_titled.iter().flat_map(|t| {
                std::iter::once(&t.source).chain(t.period.iter().flat_map(|p| &p.source))
            }))
            .chain(m.aims.iter().map(|a| &a.source))
            .chain(&m.reports_published_at)
            .map(|c| (&self.meta_file, c));
        let commitments = self
            .plan
            .iter()
            .flat_map(|p| &p.priorities)
            .flat_map(|p| &p.commitments);
        let plan = self.plan_file.iter().flat_map(move |file| {
            commitments.clone().flat_map(move |c| {
                c.taken_forward_by
                    .iter()
                    .chain(c.outcome.as_ref().and_then(|o| o.source.as_ref()))
                    .map(move |t| (file, t))
            })
        });
        let measures = self
            .measures
            .iter()
            .flat_map(|ms| ms.citations().map(move |c| (&ms.meta_file, c)));
        meta.chain(plan).chain(measures).collect()
    }

    /// Where the plan's priorities come in the reading order: the index of
    /// the section they precede (after the one marked `plan: true`, else
    /// after the last section).
    pub fn plan_position(&self) -> usize {
        self.sections
            .iter()
            .position(|x| x.plan_follows)
            .map_or(self.sections.len(), |p| p + 1)
    }
}

/// `strategies/<slug>/strategy.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StrategyMeta {
    pub title: String,
    pub subtitle: Option<String>,
    /// The key of its kind: built in, or of `content/vocabulary.yaml`.
    pub kind: Spanned<String>,
    /// False for a document the site knows only from what others say of it.
    #[serde(default = "yes")]
    pub held: bool,
    pub publisher: Option<String>,
    pub published: Option<PartialDate>,
    /// Where the date of publication is given, for a document not held.
    pub published_source: Option<Citation>,
    pub period: Option<Period>,
    pub approved: Option<Approval>,
    /// A public consultation on it before it was decided.
    pub consultation: Option<Consultation>,
    pub status: Status,
    /// Other titles the sources give it, each with where.
    #[serde(default)]
    pub also_titled: Vec<OtherTitle>,
    /// For a document not held: its aims or priorities, titled as published.
    #[serde(default)]
    pub aims: Vec<Titled>,
    #[serde(default)]
    pub replaces: Vec<Slug>,
    pub superseded_by: Option<Slug>,
    pub delivers: Option<Slug>,
    #[serde(default)]
    pub reviewed_in: Vec<Slug>,
    /// For a progress report: the plans it reports on. It is shown with
    /// them while they are in force.
    #[serde(default)]
    pub reports_on: Vec<Slug>,
    /// Where the council publishes the document itself.
    pub original: Option<Original>,
    /// Files in `seeds/` this document was transcribed from, for the site's
    /// maintainers: no page shows them.
    #[serde(default)]
    pub seeds: Vec<String>,
    /// For documents not held: what other documents say of it.
    #[serde(default)]
    pub statements: Vec<Statement>,
    /// For a document not held: no record later than its sources was found
    /// of what became of it, and its pages say so.
    #[serde(default)]
    pub no_later_record: bool,
    /// Where the council publishes its reports of how the plan is going.
    pub reports_published_at: Option<Citation>,
    /// The measures of its own its first page leads with, and the home
    /// page while it is in force: the site editors' choice of the figures
    /// that say how it is going.
    #[serde(default)]
    pub headline: Vec<Slug>,
    /// Slugs the document was published under before; they redirect here.
    #[serde(default)]
    pub former_slugs: Vec<Slug>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub start: Spanned<PartialDate>,
    pub end: Spanned<PartialDate>,
    /// Where the period is given, when it is not the document itself.
    pub source: Option<Citation>,
}

/// `original:` of `strategy.yaml`: the document as the council publishes it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Original {
    /// Its web address.
    pub url: String,
    /// Its file format, as a reader knows it: `PDF`, `Word`.
    pub format: Option<String>,
    /// When that file was published.
    pub date: Option<PartialDate>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    pub date: PartialDate,
    pub by: String,
    /// The vote, where the record gives it.
    pub vote: Option<Vote>,
    /// Where the approval is recorded.
    pub source: Option<Citation>,
}

/// How a meeting voted on a document.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Vote {
    #[serde(rename = "for")]
    pub in_favour: u32,
    pub against: u32,
    pub abstentions: Option<u32>,
}

/// When a document was open to public consultation, and where that is said.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consultation {
    pub start: Spanned<PartialDate>,
    pub end: Spanned<PartialDate>,
    pub source: Citation,
}

/// Another title a source gives a document, with the period it gives.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OtherTitle {
    pub title: String,
    pub period: Option<Period>,
    pub source: Citation,
}

/// Something titled as published (an aim, a priority), and where.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Titled {
    pub title: String,
    pub source: Citation,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Status {
    pub state: State,
    pub date: Option<PartialDate>,
    pub by: Option<String>,
    pub reason: Option<String>,
    pub source: Option<Citation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    Draft,
    Proposed,
    Current,
    Published,
    Superseded,
    Closed,
    ClosedEarly,
    /// Proposed, and never adopted.
    NotAdopted,
}

impl State {
    pub const ALL: [State; 8] = [
        State::Draft,
        State::Proposed,
        State::Current,
        State::Published,
        State::Superseded,
        State::Closed,
        State::ClosedEarly,
        State::NotAdopted,
    ];

    /// Its name in content files and CSS classes.
    pub fn key(self) -> &'static str {
        match self {
            State::Draft => "draft",
            State::Proposed => "proposed",
            State::Current => "current",
            State::Published => "published",
            State::Superseded => "superseded",
            State::Closed => "closed",
            State::ClosedEarly => "closed-early",
            State::NotAdopted => "not-adopted",
        }
    }

    /// Whether the document is no longer in force.
    pub fn ended(self) -> bool {
        matches!(self, State::Superseded | State::Closed | State::ClosedEarly)
    }

    /// Its name for a reader: "Closed early" (`state.closed-early`).
    pub fn label(self, locale: &Locale) -> &str {
        locale.word(&format!("state.{}", self.key()))
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    pub text: String,
    pub source: Citation,
}

/// `strategies/<slug>/plan.yaml`: the structure of a plan.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub priority_label: Option<String>,
    /// The plural of `priority_label` ("Themes"), where adding "s" (or
    /// "ies" for "y") does not make it, as in another language.
    pub priorities_label: Option<String>,
    pub aim_heading: Option<String>,
    pub actions_intro: Option<String>,
    #[serde(default)]
    pub ambitions: Vec<Ambition>,
    #[serde(default)]
    pub priorities: Vec<Priority>,
}

impl Plan {
    /// Whether the plan records what became of its commitments (a closed
    /// plan does): then every commitment shows an outcome, "none published"
    /// included.
    pub fn records_outcomes(&self) -> bool {
        self.priorities
            .iter()
            .flat_map(|p| &p.commitments)
            .any(|c| c.outcome.is_some())
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ambition {
    pub id: Slug,
    pub title: String,
    pub summary: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Priority {
    pub id: Slug,
    #[serde(default, deserialize_with = "label")]
    pub number: Option<String>,
    pub title: String,
    pub ambition: Option<Slug>,
    pub ambition_label: Option<String>,
    /// Who leads it, as the plan names them: a member, a portfolio, a
    /// directorate or an officer.
    pub lead: Option<String>,
    pub intro: Option<String>,
    pub aim: Option<String>,
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    #[serde(default)]
    pub measures: Vec<KeyMeasure>,
    #[serde(default)]
    pub commitments: Vec<Commitment>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub id: Slug,
    pub text: String,
    pub due: Option<PartialDate>,
}

/// A key performance measure a plan names for a priority. Its figures, if
/// any were published, are in some document's `measures/`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyMeasure {
    pub id: Slug,
    pub title: String,
}

/// A "We will …" or "Our commitment is …".
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    pub id: Slug,
    pub title: Option<String>,
    pub text: Option<String>,
    /// Who leads it, as the plan names them.
    pub lead: Option<String>,
    #[serde(default)]
    pub actions: Vec<Action>,
    /// Other priorities of the plan it also serves: a cross-cutting
    /// commitment is listed under each of them.
    #[serde(default)]
    pub also_serves: Vec<Slug>,
    /// The priorities of a delivery plan that carried it.
    #[serde(default)]
    pub taken_forward_by: Vec<Citation>,
    pub outcome: Option<Outcome>,
}

/// One action of a commitment: its words alone (`- Collect every bin`),
/// or numbered as the plan numbers it, with an anchor of its own
/// (`- { id: action-1-1, number: "1.1", text: Collect every bin }`).
#[derive(Debug, Clone, Deserialize)]
#[serde(from = "RawAction")]
pub struct Action {
    pub id: Option<String>,
    pub number: Option<String>,
    /// Markdown, on one line.
    pub text: String,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawAction {
    Text(String),
    Numbered(NumberedAction),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NumberedAction {
    id: Option<String>,
    #[serde(default, deserialize_with = "label")]
    number: Option<String>,
    text: String,
}

impl From<RawAction> for Action {
    fn from(raw: RawAction) -> Self {
        match raw {
            RawAction::Text(text) => Action {
                id: None,
                number: None,
                text,
            },
            RawAction::Numbered(n) => Action {
                id: n.id,
                number: n.number,
                text: n.text,
            },
        }
    }
}

/// What became of a commitment, as a later report records it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    pub status: OutcomeStatus,
    /// The report's own words.
    pub quote: Option<String>,
    pub source: Option<Citation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OutcomeStatus {
    Delivered,
    PartlyDelivered,
    NotRealised,
    OvertakenByEvents,
    NoOutcomePublished,
}

impl OutcomeStatus {
    pub const ALL: [OutcomeStatus; 5] = [
        OutcomeStatus::Delivered,
        OutcomeStatus::PartlyDelivered,
        OutcomeStatus::NotRealised,
        OutcomeStatus::OvertakenByEvents,
        OutcomeStatus::NoOutcomePublished,
    ];

    /// Its name for a reader: "Partly delivered" (`outcome.partly-delivered`).
    pub fn label(self, locale: &Locale) -> &str {
        locale.word(&format!("outcome.{}", self.key()))
    }

    pub fn key(self) -> &'static str {
        match self {
            OutcomeStatus::Delivered => "delivered",
            OutcomeStatus::PartlyDelivered => "partly-delivered",
            OutcomeStatus::NotRealised => "not-realised",
            OutcomeStatus::OvertakenByEvents => "overtaken-by-events",
            OutcomeStatus::NoOutcomePublished => "no-outcome-published",
        }
    }
}

/// `content/topics.yaml`: one subject followed across strategies.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: Slug,
    pub title: String,
    #[serde(default)]
    pub covers: Vec<Citation>,
}

/// One entry of `content/synonyms.yaml`: when a reader searches for
/// `search`, the site's search looks for each of `also` too. The site's
/// editors write these; they are not the council's text.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Synonym {
    pub search: Spanned<String>,
    pub also: Vec<Spanned<String>>,
}

/// A page of prose: `sections/NN-name.md`.
#[derive(Debug, Clone)]
pub struct Section {
    pub slug: String,
    pub title: String,
    /// The plan's priorities are listed after this section.
    pub plan_follows: bool,
    /// Where the Markdown body starts in `file`'s text (after the header):
    /// the body is not kept twice.
    pub body_start: usize,
    /// Line of the file where the body starts, for error positions.
    pub body_line: usize,
    /// Anchors written in the body (`{#para-1-1}`), with their lines.
    pub anchors: Vec<(String, usize)>,
    pub file: SourceFile,
}

/// Front matter of a section file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionHeader {
    pub title: String,
    #[serde(default)]
    pub plan: bool,
}

/// Numbers as published ("1", "9a") may be typed bare or quoted.
fn label<'de, D: Deserializer<'de>>(de: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Number(i64),
        Text(String),
    }
    let raw = Option::<Raw>::deserialize(de).map_err(|_| {
        serde::de::Error::custom("a number as published is expected here, like 1 or \"9a\"")
    })?;
    Ok(raw.map(|raw| match raw {
        Raw::Number(n) => n.to_string(),
        Raw::Text(t) => t,
    }))
}
