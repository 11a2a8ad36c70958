//! The open data's closed lists of values, each with its mapping from the
//! content model: a variant added there does not compile until it has its
//! name here, in the data and so in the schema.

use schemars::JsonSchema;
use serde::Serialize;

use crate::model;

/// Whose word a published record is.
#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// The council's own record: its minutes, agendas or website.
    Council,
    /// A copy of the council's own document, published by someone else.
    Copy,
    /// Someone else's report: a newspaper, another body, a summary site.
    Other,
}

impl From<model::Origin> for Origin {
    fn from(o: model::Origin) -> Self {
        match o {
            model::Origin::Council => Origin::Council,
            model::Origin::Copy => Origin::Copy,
            model::Origin::Other => Origin::Other,
        }
    }
}

/// Where a document is in its life, from draft to closed.
#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    Draft,
    Proposed,
    Current,
    Published,
    Superseded,
    Closed,
    ClosedEarly,
    NotAdopted,
}

impl From<model::State> for State {
    fn from(s: model::State) -> Self {
        match s {
            model::State::Draft => State::Draft,
            model::State::Proposed => State::Proposed,
            model::State::Current => State::Current,
            model::State::Published => State::Published,
            model::State::Superseded => State::Superseded,
            model::State::Closed => State::Closed,
            model::State::ClosedEarly => State::ClosedEarly,
            model::State::NotAdopted => State::NotAdopted,
        }
    }
}

/// How far a commitment was delivered.
#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum OutcomeStatus {
    Delivered,
    PartlyDelivered,
    NotRealised,
    OvertakenByEvents,
    NoOutcomePublished,
}

impl From<model::OutcomeStatus> for OutcomeStatus {
    fn from(s: model::OutcomeStatus) -> Self {
        match s {
            model::OutcomeStatus::Delivered => OutcomeStatus::Delivered,
            model::OutcomeStatus::PartlyDelivered => OutcomeStatus::PartlyDelivered,
            model::OutcomeStatus::NotRealised => OutcomeStatus::NotRealised,
            model::OutcomeStatus::OvertakenByEvents => OutcomeStatus::OvertakenByEvents,
            model::OutcomeStatus::NoOutcomePublished => OutcomeStatus::NoOutcomePublished,
        }
    }
}

/// Whether a higher or a lower figure is better; neither, for a context
/// indicator judged against an expected range.
#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Better {
    Higher,
    Lower,
    Neither,
}

impl From<model::Better> for Better {
    fn from(b: model::Better) -> Self {
        match b {
            model::Better::Higher => Better::Higher,
            model::Better::Lower => Better::Lower,
            model::Better::Neither => Better::Neither,
        }
    }
}

/// How a measure stands, by the rule on the site's performance rules page.
#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    /// The target is achieved.
    Green,
    /// The floor standard is achieved, the target is not.
    Amber,
    /// The floor standard is not achieved.
    Red,
    /// The target is for a period after the latest figure's.
    NotYetDue,
    /// A context indicator within, or outside, its expected range.
    InRange,
    OutOfRange,
    NoTarget,
    NoFigures,
    /// The periods of its figures are not stated.
    NotCalculable,
}

impl From<model::Standing> for Standing {
    fn from(s: model::Standing) -> Self {
        match s {
            model::Standing::Green => Standing::Green,
            model::Standing::Amber => Standing::Amber,
            model::Standing::Red => Standing::Red,
            model::Standing::NotYetDue => Standing::NotYetDue,
            model::Standing::InRange => Standing::InRange,
            model::Standing::OutOfRange => Standing::OutOfRange,
            model::Standing::NoTarget => Standing::NoTarget,
            model::Standing::NoFigures => Standing::NoFigures,
            model::Standing::NotCalculable(_) => Standing::NotCalculable,
        }
    }
}

/// Which way the figures are going, by a least-squares regression over the
/// latest figures (the site's performance rules page says how many, and
/// the test of significance).
#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    Improving,
    Worsening,
    NoClearTrend,
    /// For a measure where neither higher nor lower is better.
    Rising,
    Falling,
}

impl From<model::Direction> for Direction {
    fn from(d: model::Direction) -> Self {
        match d {
            model::Direction::Improving => Direction::Improving,
            model::Direction::Worsening => Direction::Worsening,
            model::Direction::NoClearTrend => Direction::NoClearTrend,
            model::Direction::Rising => Direction::Rising,
            model::Direction::Falling => Direction::Falling,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(value: impl Serialize) -> String {
        serde_json::to_value(value)
            .unwrap()
            .as_str()
            .unwrap()
            .to_string()
    }

    /// The open data names each value as the pages and the content files do.
    #[test]
    fn each_value_is_named_as_the_model_names_it() {
        use model::{Standing as T, State as S};
        let states = [
            S::Draft,
            S::Proposed,
            S::Current,
            S::Published,
            S::Superseded,
            S::Closed,
            S::ClosedEarly,
            S::NotAdopted,
        ];
        for s in states {
            assert_eq!(name(State::from(s)), s.key());
        }
        for o in model::OutcomeStatus::ALL {
            assert_eq!(name(OutcomeStatus::from(o)), o.key());
        }
        for o in [
            model::Origin::Council,
            model::Origin::Copy,
            model::Origin::Other,
        ] {
            assert_eq!(name(Origin::from(o)), o.key());
        }
        for t in T::ALL {
            assert_eq!(name(Standing::from(t)), t.key());
        }
        for d in model::Direction::ALL {
            assert_eq!(name(Direction::from(d)), d.key());
        }
        for b in [
            model::Better::Higher,
            model::Better::Lower,
            model::Better::Neither,
        ] {
            assert_eq!(name(Better::from(b)), b.key());
        }
        for b in [
            model::Better::Higher,
            model::Better::Lower,
            model::Better::Neither,
        ] {
            let read: model::Better = serde_json::from_value(name(Better::from(b)).into()).unwrap();
            assert_eq!(read, b);
        }
    }
}

/// Where a commitment, action or milestone of a plan in force stands, as
/// a progress report gave it.
#[derive(Clone, Copy, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Progress {
    NotStarted,
    OnTrack,
    AtRisk,
    OffTrack,
    Completed,
    NotBeingPursued,
}

impl From<model::Progress> for Progress {
    fn from(p: model::Progress) -> Self {
        match p {
            model::Progress::NotStarted => Progress::NotStarted,
            model::Progress::OnTrack => Progress::OnTrack,
            model::Progress::AtRisk => Progress::AtRisk,
            model::Progress::OffTrack => Progress::OffTrack,
            model::Progress::Completed => Progress::Completed,
            model::Progress::NotBeingPursued => Progress::NotBeingPursued,
        }
    }
}
