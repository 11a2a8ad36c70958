//! The open data, `data/plans.json`: every document's plan structure as
//! typed records, and its JSON Schema, `data/plans.schema.json`, generated
//! from the same types, so that the two cannot drift apart.
//!
//! The fields of each record are in alphabetical order: the order of the
//! keys in the published file.

use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema};
use serde::{Serialize, Serializer};

use crate::document::layout::paths;
use crate::document::views::{Urls, anchor_path};
use crate::model::{self, Content, PartialDate};
use crate::resolve::{DocumentId, Resolved};

mod figures;
mod vocabulary;
mod workbook;
pub use figures::{FIGURES_CSV, Figures, MEASURES_CSV, Table};
use vocabulary::{Better, Direction, OutcomeStatus, Progress, Standing, State};
pub use workbook::{FIGURES_XLSX, WorkbookWords, workbook};

/// # Published plans
///
/// A council's strategies, delivery plans and reports as structured data:
/// their status and lineage, ambitions, priorities, commitments and what
/// became of them, milestones, key performance measures, and every
/// published figure with the paragraph that publishes it.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields, extend("$id" = "plans.schema.json"))]
struct OpenData<'a> {
    #[schemars(with = "Vec<Document<'static>>")]
    documents: Documents<'a>,
    /// The kinds of document the documents' `kind` names, in the site's words.
    kinds: Vec<Term<'a>>,
    /// The language of the documents, as a BCP 47 tag.
    language: &'a str,
    /// The terms on which the data may be reused; null when the site
    /// states none.
    licence: Option<Licence<'a>>,
    organisation: &'a str,
    /// The name of the website.
    site: &'a str,
    /// The units the measures' `unit` names, in the site's words.
    units: Vec<Term<'a>>,
}

/// A name of one of the site's vocabularies, with what a reader is told it is.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Term<'a> {
    key: Slug<'a>,
    name: &'a str,
}

/// A licence, by its name and the address of its text.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Licence<'a> {
    name: &'a str,
    #[schemars(url)]
    url: &'a str,
}

/// What the records are made from.
#[derive(Clone, Copy)]
struct Source<'a> {
    content: &'a Content,
    resolved: &'a Resolved,
    urls: &'a Urls,
}

/// Every document, each made as the file reaches it and dropped once
/// written: the whole file is never in memory.
struct Documents<'a>(Source<'a>);

impl Serialize for Documents<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let docs = 0..self.0.content.strategies.len();
        serializer.collect_seq(docs.map(|i| self.0.document(i)))
    }
}

/// A document: a strategy, a delivery plan, a report.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Document<'a> {
    ambitions: Vec<Ambition<'a>>,
    /// False when only what other documents say of it is published.
    held: bool,
    /// One of the `kinds`.
    kind: Slug<'a>,
    lineage: Lineage<'a>,
    /// The measures whose figures the document publishes.
    measures: Vec<Measure<'a>>,
    period: Option<Period>,
    priorities: Vec<Priority<'a>>,
    published: Option<Date>,
    /// Who published it, when not the organisation.
    publisher: Option<&'a str>,
    slug: Slug<'a>,
    status: Status<'a>,
    subtitle: Option<&'a str>,
    title: &'a str,
    /// The document's page.
    #[schemars(url)]
    url: String,
}

/// The years a plan covers.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Period {
    end: Date,
    start: Date,
}

/// Where the document stands, and since when.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Status<'a> {
    /// Who decided it.
    by: Option<&'a str>,
    date: Option<Date>,
    reason: Option<&'a str>,
    state: State,
}

/// How the document stands to others, by their slugs.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Lineage<'a> {
    /// The delivery plans that carry it out.
    delivered_through: Vec<Slug<'a>>,
    /// The strategy it is a delivery plan of.
    delivers: Option<Slug<'a>>,
    replaced_by: Vec<Slug<'a>>,
    replaces: Vec<Slug<'a>>,
    /// The reports that review it.
    reviewed_in: Vec<Slug<'a>>,
}

/// A broad goal of a plan, which its priorities serve.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Ambition<'a> {
    id: Slug<'a>,
    title: &'a str,
}

/// A priority of a plan, with what the plan commits to under it.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Priority<'a> {
    aim: Option<&'a str>,
    /// The ambition it serves, by id.
    ambition: Option<Slug<'a>>,
    commitments: Vec<Commitment<'a>>,
    id: Slug<'a>,
    /// The key performance measures the plan names for it.
    key_measures: Vec<KeyMeasure<'a>>,
    milestones: Vec<Milestone<'a>>,
    /// Its number or label in the document ("1", "A").
    number: Option<&'a str>,
    title: &'a str,
}

/// Something a plan says will be done, and by when.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Milestone<'a> {
    due: Option<Date>,
    id: Slug<'a>,
    /// Each status reports gave it, oldest first (plans in force).
    progress: Vec<ProgressRecord<'a>>,
    /// The latest of them.
    progress_status: Option<Progress>,
    text: &'a str,
}

/// One status a progress report gave, with the paragraph that gives it.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct ProgressRecord<'a> {
    date: Date,
    /// The report's reason, for `not-being-pursued`, or other words of it.
    note: Option<&'a str>,
    source: Citation<'a>,
    status: Progress,
}

/// A key performance measure a plan names; its figures, if published,
/// are among some document's measures.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct KeyMeasure<'a> {
    id: Slug<'a>,
    title: &'a str,
}

/// A "We will …" of a plan.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Commitment<'a> {
    actions: Vec<&'a str>,
    id: Slug<'a>,
    outcome: Option<Outcome<'a>>,
    /// Each status reports gave it, oldest first (plans in force).
    progress: Vec<ProgressRecord<'a>>,
    /// The latest of them.
    progress_status: Option<Progress>,
    /// The priorities of delivery plans that carried it.
    taken_forward_by: Vec<Citation<'a>>,
    text: Option<&'a str>,
    title: Option<&'a str>,
}

/// What became of a commitment, as a later report records it.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Outcome<'a> {
    /// The report's own words.
    quote: Option<&'a str>,
    source: Option<Citation<'a>>,
    status: OutcomeStatus,
}

/// A quantity a plan is judged by, with every figure published for it.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Measure<'a> {
    baseline: Option<Target<'a>>,
    /// The priorities, commitments or key measures it reports on.
    belongs_to: Vec<Citation<'a>>,
    better: Better,
    /// The series its figures are compared with.
    comparators: Vec<Comparator<'a>>,
    /// The figures as CSV; null when none is published.
    #[schemars(url)]
    csv: Option<String>,
    /// The direction of travel, where there are enough figures.
    direction: Option<Trend>,
    /// For a measure where neither higher nor lower is better.
    expected: Option<Range<'a>>,
    /// The floor standard (or, with `tolerance` true, the tolerance).
    floor: Option<Threshold<'a>>,
    id: Slug<'a>,
    observations: Vec<Observation<'a>>,
    status: MeasureStatus,
    /// The targets: one, or a trajectory.
    targets: Vec<Target<'a>>,
    title: &'a str,
    /// One of the `units`.
    unit: Slug<'a>,
}

/// A series a measure's figures are compared with (England, the region),
/// from its own source.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Comparator<'a> {
    figures: Vec<ComparatorFigure>,
    name: &'a str,
    /// What publishes its figures.
    source: Citation<'a>,
}

/// A figure of a comparator.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct ComparatorFigure {
    period: When,
    value: f64,
}

/// A status with what it was judged against.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct MeasureStatus {
    /// The period of the figure judged: the latest stated.
    figure_period: Option<When>,
    /// The floor standard it was judged against.
    floor: Option<f64>,
    name: Standing,
    /// The target it was judged against (not yet due: the next one).
    target: Option<f64>,
}

/// A figure a plan aims for, or starts from.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Target<'a> {
    /// This target's own floor standard.
    floor: Option<f64>,
    /// When it is for.
    period: Option<When>,
    source: Option<Citation<'a>>,
    value: f64,
}

/// A floor standard or tolerance.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Threshold<'a> {
    source: Option<Citation<'a>>,
    /// True when `value` is a distance from each target, not a level.
    tolerance: bool,
    value: f64,
}

/// The range a context indicator is expected in.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Range<'a> {
    high: f64,
    low: f64,
    source: Option<Citation<'a>>,
}

/// A direction of travel and the regression's inputs and results.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Trend {
    /// The two-sided 5% critical value of Student's t it is tested against.
    critical: f64,
    /// How many of the latest figures it is worked out from.
    figures: usize,
    name: Direction,
    /// The fitted change a year.
    slope_per_year: f64,
    /// The slope over its standard error; null when infinite (the figures
    /// lie on a line).
    t: Option<f64>,
}

/// One published figure.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Observation<'a> {
    note: Option<&'a str>,
    period: When,
    /// The paragraph that publishes it.
    source: Citation<'a>,
    value: f64,
}

/// Where something comes from: a paragraph of a document, with its
/// address on the site, or a published record the site does not hold.
#[derive(Serialize, JsonSchema)]
#[serde(untagged)]
enum Citation<'a> {
    Paragraph(Paragraph<'a>),
    Record(RecordCitation<'a>),
}

/// A paragraph of a document, and its address on the site.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Paragraph<'a> {
    anchor: Slug<'a>,
    document: Slug<'a>,
    /// Null when the site has no such paragraph.
    #[schemars(url)]
    url: Option<String>,
}

/// A published record the site cites but does not hold.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct RecordCitation<'a> {
    /// Whose word it is: the council's own record, a copy of the council's
    /// document published elsewhere, or another's report.
    origin: vocabulary::Origin,
    publisher: &'a str,
    title: &'a str,
    /// The record's own address.
    #[schemars(url)]
    url: &'a str,
}

/// A document's slug or an id within it.
#[derive(Serialize, JsonSchema)]
struct Slug<'a>(#[schemars(regex(pattern = SLUG_PATTERN))] &'a str);

/// What a slug or an id may be; the figures' tables check it too.
const SLUG_PATTERN: &str = r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";

/// A date known to the year, month or day.
#[derive(JsonSchema)]
struct Date(
    #[schemars(
        with = "String",
        regex(pattern = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
    )]
    PartialDate,
);

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

/// A period as the content writes it: a date (2014-03; a month that could
/// be read as a year, December 2011), a financial or academic year
/// (2012/13), a quarter of a financial year (Q2 2024/25) or a calendar year
/// (2024 Q3), a rolling period (12 months to 2024-03, 3 years to 2013/14),
/// or "not stated".
#[derive(JsonSchema)]
struct When(
    #[schemars(
        with = "String",
        regex(pattern = PERIOD_PATTERN)
    )]
    model::When,
);

/// What a period may be written as; the figures' tables check it too.
const PERIOD_PATTERN: &str = r"^([0-9]{4}((-[0-9]{2}(-[0-9]{2})?)|(/[0-9]{2}))?|Q[1-4] [0-9]{4}/[0-9]{2}|[0-9]{4} Q[1-4]|[0-9]+ (months?|years?) to [0-9]{4}((-[0-9]{2})|(/[0-9]{2}))?|[A-Z][a-z]+ [0-9]{4}|not stated)$";

impl Serialize for When {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl<'a> Source<'a> {
    fn document(self, i: usize) -> Document<'a> {
        let docs = &self.content.strategies;
        let s = &docs[i];
        let m = &s.meta;
        let plan = s.plan.as_ref();
        Document {
            ambitions: plan.map_or_else(Vec::new, |p| {
                p.ambitions
                    .iter()
                    .map(|a| Ambition {
                        id: Slug(&a.id.value),
                        title: &a.title,
                    })
                    .collect()
            }),
            held: m.held,
            kind: Slug(s.kind.key()),
            lineage: self.lineage(i),
            measures: s.measures.iter().map(|ms| self.measure(s, ms)).collect(),
            period: m.period.as_ref().map(|p| Period {
                end: Date(p.end.value),
                start: Date(p.start.value),
            }),
            priorities: plan.map_or_else(Vec::new, |p| {
                p.priorities.iter().map(|pr| self.priority(s, pr)).collect()
            }),
            published: m.published.map(Date),
            publisher: m.publisher.as_deref(),
            slug: Slug(&s.slug),
            status: Status {
                by: m.status.by.as_deref(),
                date: m.status.date.map(Date),
                reason: m.status.reason.as_deref(),
                state: m.status.state.into(),
            },
            subtitle: m.subtitle.as_deref(),
            title: &m.title,
            url: self.urls.absolute(&paths::strategy(&s.slug)),
        }
    }

    fn lineage(self, i: usize) -> Lineage<'a> {
        let l = &self.resolved.lineage[i];
        let slug = |j: DocumentId| Slug(&j.of(&self.content.strategies).slug);
        let slugs = |ids: &[DocumentId]| ids.iter().map(|&j| slug(j)).collect();
        Lineage {
            delivered_through: slugs(&l.delivered_through),
            delivers: l.delivers.map(slug),
            replaced_by: slugs(&l.replaced_by),
            replaces: slugs(&l.replaces),
            reviewed_in: slugs(&l.reviewed_in),
        }
    }

    fn priority(self, s: &'a model::Strategy, pr: &'a model::Priority) -> Priority<'a> {
        Priority {
            aim: pr.aim.as_deref(),
            ambition: pr.ambition.as_ref().map(|a| Slug(&a.value)),
            commitments: pr
                .commitments
                .iter()
                .map(|c| self.commitment(s, c))
                .collect(),
            id: Slug(&pr.id.value),
            key_measures: pr
                .measures
                .iter()
                .map(|k| KeyMeasure {
                    id: Slug(&k.id.value),
                    title: &k.title,
                })
                .collect(),
            milestones: pr
                .milestones
                .iter()
                .map(|ms| {
                    let (progress, progress_status) = self.progress(s, &ms.id.value);
                    Milestone {
                        due: ms.due.map(Date),
                        id: Slug(&ms.id.value),
                        progress,
                        progress_status,
                        text: &ms.text,
                    }
                })
                .collect(),
            number: pr.number.as_deref(),
            title: &pr.title,
        }
    }

    /// The statuses reports gave item `id` of `s`, and the latest.
    fn progress(
        self,
        s: &'a model::Strategy,
        id: &'a str,
    ) -> (Vec<ProgressRecord<'a>>, Option<Progress>) {
        let Some(log) = &s.progress else {
            return (Vec::new(), None);
        };
        let records: Vec<ProgressRecord> = log
            .of(id)
            .map(|e| ProgressRecord {
                date: Date(e.date),
                note: e.note.as_deref(),
                source: self.cite(&e.document, &e.anchor),
                status: e.status.into(),
            })
            .collect();
        let latest = records.last().map(|r| r.status);
        (records, latest)
    }

    fn commitment(self, s: &'a model::Strategy, c: &'a model::Commitment) -> Commitment<'a> {
        let (progress, progress_status) = self.progress(s, &c.id.value);
        Commitment {
            actions: c.actions.iter().map(|a| a.text.as_str()).collect(),
            id: Slug(&c.id.value),
            outcome: c.outcome.as_ref().map(|o| Outcome {
                quote: o.quote.as_deref(),
                source: o.source.as_ref().map(|t| self.citation(t)),
                status: o.status.into(),
            }),
            progress,
            progress_status,
            taken_forward_by: c
                .taken_forward_by
                .iter()
                .map(|t| self.citation(t))
                .collect(),
            text: c.text.as_deref(),
            title: c.title.as_deref(),
        }
    }

    fn measure(self, s: &model::Strategy, ms: &'a model::Measure) -> Measure<'a> {
        let meta = &ms.meta;
        let rule = &self.content.site.performance;
        let a = ms.assess(rule);
        let cite = |c: &'a Option<model::Citation>| c.as_ref().map(|c| self.citation(c));
        let target = |t: &'a model::Target| Target {
            floor: t.floor,
            period: t.period.as_ref().map(|p| When(p.value)),
            source: cite(&t.source),
            value: t.value,
        };
        let threshold = meta.floor.as_ref().or(meta.tolerance.as_ref());
        Measure {
            baseline: meta.baseline.as_ref().map(|b| Target {
                floor: None,
                period: Some(When(b.period.value)),
                source: cite(&b.source),
                value: b.value,
            }),
            belongs_to: meta.belongs_to.iter().map(|t| self.citation(t)).collect(),
            better: meta.better.into(),
            comparators: meta
                .comparators
                .iter()
                .map(|c| Comparator {
                    figures: c
                        .figures
                        .iter()
                        .map(|f| ComparatorFigure {
                            period: When(f.period.value),
                            value: f.value.value,
                        })
                        .collect(),
                    name: &c.name.value,
                    source: self.citation(&c.source),
                })
                .collect(),
            csv: (!ms.observations.is_empty())
                .then(|| self.urls.absolute(&paths::measure_csv(&s.slug, &ms.id))),
            direction: ms.trend(rule).map(|t| Trend {
                critical: t.critical,
                figures: t.figures,
                name: t.direction.into(),
                slope_per_year: t.slope_per_year,
                t: Some(t.t).filter(|t| t.is_finite()),
            }),
            expected: meta.expected.as_ref().map(|e| Range {
                high: e.high,
                low: e.low.value,
                source: cite(&e.source),
            }),
            floor: threshold.map(|f| Threshold {
                source: cite(&f.source),
                tolerance: meta.floor.is_none(),
                value: f.value.value,
            }),
            id: Slug(&ms.id),
            observations: ms
                .observations
                .iter()
                .map(|o| Observation {
                    note: o.note.as_deref(),
                    period: When(o.period),
                    source: self.citation(&o.source),
                    value: o.value,
                })
                .collect(),
            status: MeasureStatus {
                figure_period: a.figure.map(|o| When(o.period)),
                floor: a.floor,
                name: a.standing.into(),
                target: a.target.map(|t| t.value),
            },
            targets: ms.targets().map(target).collect(),
            title: &meta.title,
            unit: Slug(ms.unit.key()),
        }
    }

    fn citation(self, t: &'a model::Citation) -> Citation<'a> {
        match t {
            model::Citation::Paragraph { document, anchor } => {
                self.cite(&document.value, &anchor.value)
            }
            model::Citation::Record { address } => {
                let r = &self.resolved.records[&address.value];
                Citation::Record(RecordCitation {
                    origin: r.origin.into(),
                    publisher: &r.publisher,
                    title: &r.title,
                    url: &r.address.value,
                })
            }
        }
    }

    fn cite(self, document: &'a str, anchor: &'a str) -> Citation<'a> {
        Citation::Paragraph(Paragraph {
            anchor: Slug(anchor),
            document: Slug(document),
            url: anchor_path(self.resolved, &self.content.strategies, document, anchor)
                .map(|p| self.urls.absolute(&p)),
        })
    }
}

/// Writes the open data (`data/plans.json`) to `out` as it is made.
pub fn write_open_data(
    content: &Content,
    resolved: &Resolved,
    urls: &Urls,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let site = &content.site;
    let (vocabulary, locale) = (&content.vocabulary, &resolved.locale);
    let data = OpenData {
        documents: Documents(Source {
            content,
            resolved,
            urls,
        }),
        language: &site.language,
        licence: site.licence.as_ref().map(|l| Licence {
            name: &l.name,
            url: &l.url,
        }),
        organisation: &site.organisation,
        site: &site.name,
        kinds: vocabulary
            .kinds()
            .map(|k| Term {
                key: Slug(k.key()),
                name: k.label(locale),
            })
            .collect(),
        units: vocabulary
            .units()
            .map(|u| Term {
                key: Slug(u.key()),
                name: u.axis(locale),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &data)?;
    out.write_all(b"\n")
}

/// One document's record as `data/plans.json` publishes it: what the
/// change log compares with the previous build's, a document at a time.
pub fn document_record(
    content: &Content,
    resolved: &Resolved,
    urls: &Urls,
    i: usize,
) -> serde_json::Value {
    let source = Source {
        content,
        resolved,
        urls,
    };
    serde_json::to_value(source.document(i)).expect("a record is JSON")
}

/// The JSON Schema of the open data (`data/plans.schema.json`), from the
/// types above and their doc comments.
pub fn open_data_schema() -> Vec<u8> {
    schema_of::<OpenData>()
}

/// The JSON Schema (draft 2020-12) of a published file, from its types and
/// their doc comments, as written beside it.
pub fn schema_of<T: JsonSchema>() -> Vec<u8> {
    let schema = SchemaSettings::draft2020_12()
        .for_serialize()
        .with_transform(RecursiveTransform(unwrap_description))
        .into_generator()
        .into_root_schema_for::<T>();
    let mut text = serde_json::to_vec_pretty(&schema).expect("a schema is JSON");
    text.push(b'\n');
    text
}

/// A description on one line: a doc comment's lines are wrapped for the
/// source, not for readers of the schema.
fn unwrap_description(schema: &mut Schema) {
    if let Some(serde_json::Value::String(text)) = schema.get_mut("description") {
        *text = text.replace('\n', " ");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::locale::english;
    use serde_json::Value;
    use std::collections::BTreeMap;

    /// The embedded site's open data (`content/`), as a build writes it.
    fn kent() -> Value {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let content = crate::load::load(root).unwrap_or_else(|p| panic!("{:?}", p.0));
        let anchors = crate::model::anchors::anchor_index(&content.strategies);
        let resolved = crate::resolve::resolve(&content, anchors, english());
        let urls = Urls::new(&content.site.base_url);
        let mut out = Vec::new();
        write_open_data(&content, &resolved, &urls, &mut out).unwrap();
        serde_json::from_slice(&out).unwrap()
    }

    fn validator() -> jsonschema::Validator {
        let schema: Value = serde_json::from_slice(&open_data_schema()).unwrap();
        jsonschema::validator_for(&schema).unwrap()
    }

    /// The first object at each place in `value` (`/documents/*/status`),
    /// by its JSON pointer.
    fn objects(
        value: &Value,
        pointer: String,
        place: String,
        found: &mut BTreeMap<String, String>,
    ) {
        match value {
            Value::Object(fields) => {
                found
                    .entry(place.clone())
                    .or_insert_with(|| pointer.clone());
                for (k, v) in fields {
                    objects(v, format!("{pointer}/{k}"), format!("{place}/{k}"), found);
                }
            }
            Value::Array(items) => {
                for (n, v) in items.iter().enumerate() {
                    objects(v, format!("{pointer}/{n}"), format!("{place}/*"), found);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn the_open_data_validates_against_the_schema_generated_from_its_types() {
        let errors: Vec<String> = validator()
            .iter_errors(&kent())
            .map(|e| format!("{e} at {}", e.instance_path()))
            .take(10)
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }

    /// Every kind of record is closed: a field the schema does not name
    /// fails validation, so the data cannot grow a field the schema lacks.
    #[test]
    fn a_field_the_schema_does_not_name_fails_validation() {
        let data = kent();
        let validator = validator();
        let mut places = BTreeMap::new();
        objects(&data, String::new(), String::new(), &mut places);
        // The root, documents, their status, lineage and period, ambitions,
        // priorities, milestones, key measures, commitments, outcomes,
        // citations, measures, targets and figures.
        assert!(places.len() >= 16, "{places:#?}");
        for (place, pointer) in places {
            let mut broken = data.clone();
            let record = broken
                .pointer_mut(&pointer)
                .unwrap()
                .as_object_mut()
                .unwrap();
            record.insert("unlisted".into(), Value::Null);
            assert!(
                !validator.is_valid(&broken),
                "a field added at {place} passes"
            );
        }
    }
}
