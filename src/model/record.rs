//! Where a statement or a figure comes from: a paragraph of a document the
//! site holds, or a published record it does not hold (minutes, a web page,
//! a news report), named by its address and listed in `content/records.yaml`.

use serde::{Deserialize, Serialize};

use super::anchors::AnchorKey;
use super::{PartialDate, Slug};

/// A pointer to what says something: `{ document, anchor }` or `{ record }`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(try_from = "RawCitation", into = "RawCitation")]
pub enum Citation {
    /// A paragraph of a held document.
    Paragraph { document: Slug, anchor: Slug },
    /// A published record, by its address (listed in `records.yaml`).
    Record { address: Slug },
}

impl Citation {
    /// The cited paragraph's name, when a paragraph is cited.
    pub fn key(&self) -> Option<AnchorKey> {
        match self {
            Citation::Paragraph { document, anchor } => {
                Some(AnchorKey::new(&document.value, &anchor.value))
            }
            Citation::Record { .. } => None,
        }
    }

    /// As a CSV file writes it: `document#anchor`, or the record's address.
    pub fn as_written(&self) -> String {
        match self {
            Citation::Paragraph { document, anchor } => {
                format!("{}#{}", document.value, anchor.value)
            }
            Citation::Record { address } => address.value.clone(),
        }
    }

    /// The cited document's slug, when a paragraph is cited.
    pub fn document(&self) -> Option<&Slug> {
        match self {
            Citation::Paragraph { document, .. } => Some(document),
            Citation::Record { .. } => None,
        }
    }

    /// The cited record's address, when a record is cited.
    pub fn record(&self) -> Option<&Slug> {
        match self {
            Citation::Record { address } => Some(address),
            Citation::Paragraph { .. } => None,
        }
    }
}

/// A citation as written: which keys it has decides what it cites.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct RawCitation {
    #[serde(skip_serializing_if = "Option::is_none")]
    document: Option<Slug>,
    #[serde(skip_serializing_if = "Option::is_none")]
    anchor: Option<Slug>,
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<Slug>,
}

impl TryFrom<RawCitation> for Citation {
    type Error = &'static str;

    fn try_from(raw: RawCitation) -> Result<Citation, Self::Error> {
        match raw {
            RawCitation {
                document: Some(document),
                anchor: Some(anchor),
                record: None,
            } => Ok(Citation::Paragraph { document, anchor }),
            RawCitation {
                document: None,
                anchor: None,
                record: Some(address),
            } => Ok(Citation::Record { address }),
            _ => Err(
                "a source names a paragraph, `{ document: SLUG, anchor: ANCHOR }`, or a published record, `{ record: ADDRESS }` listed in content/records.yaml",
            ),
        }
    }
}

impl From<Citation> for RawCitation {
    fn from(c: Citation) -> RawCitation {
        match c {
            Citation::Paragraph { document, anchor } => RawCitation {
                document: Some(document),
                anchor: Some(anchor),
                record: None,
            },
            Citation::Record { address } => RawCitation {
                document: None,
                anchor: None,
                record: Some(address),
            },
        }
    }
}

/// One entry of `content/records.yaml`: a published record the site cites
/// but does not hold.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// Its web address: what citations name it by.
    pub address: Slug,
    /// Its title as published.
    pub title: String,
    /// Who published it at that address.
    pub publisher: String,
    /// When it was published or the meeting it records was held, if stated.
    pub date: Option<PartialDate>,
    pub origin: Origin,
}

/// Whose word a record is: the reader is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// The council's own record: its minutes, agendas or website.
    Council,
    /// A copy of the council's own document, published by someone else.
    Copy,
    /// Someone else's report: a newspaper, another body, a summary site.
    Other,
}

impl Origin {
    /// Its name in content files, templates and the open data.
    pub fn key(self) -> &'static str {
        match self {
            Origin::Council => "council",
            Origin::Copy => "copy",
            Origin::Other => "other",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Citation, String> {
        serde_saphyr::from_str(text).map_err(|e| e.to_string())
    }

    #[test]
    fn a_citation_names_a_paragraph_or_a_record_and_not_both() {
        assert!(matches!(
            parse("{ document: a, anchor: b }"),
            Ok(Citation::Paragraph { .. })
        ));
        assert!(matches!(
            parse("{ record: \"https://example.org/x\" }"),
            Ok(Citation::Record { .. })
        ));
        for bad in [
            "{ document: a }",
            "{ document: a, anchor: b, record: c }",
            "{ anchor: b, record: c }",
        ] {
            let e = parse(bad).unwrap_err();
            assert!(e.contains("a source names a paragraph"), "{bad}: {e}");
        }
    }
}
