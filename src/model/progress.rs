//! How a plan in force is going: each commitment's or milestone's status,
//! as reports gave it, a dated entry at a time (`progress.csv`).

use std::str::FromStr;

use super::{PartialDate, SourceFile};

/// Where a commitment, action or milestone stands, from a closed list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Progress {
    NotStarted,
    OnTrack,
    AtRisk,
    OffTrack,
    Completed,
    /// Dropped, for the reason its entry's note gives.
    NotBeingPursued,
}

impl Progress {
    pub const ALL: [Progress; 6] = [
        Progress::NotStarted,
        Progress::OnTrack,
        Progress::AtRisk,
        Progress::OffTrack,
        Progress::Completed,
        Progress::NotBeingPursued,
    ];

    /// As written in `progress.csv`, and the key templates word it by.
    pub fn key(self) -> &'static str {
        match self {
            Progress::NotStarted => "not-started",
            Progress::OnTrack => "on-track",
            Progress::AtRisk => "at-risk",
            Progress::OffTrack => "off-track",
            Progress::Completed => "completed",
            Progress::NotBeingPursued => "not-being-pursued",
        }
    }
}

impl FromStr for Progress {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        Progress::ALL.into_iter().find(|p| p.key() == s).ok_or(())
    }
}

/// One row of `progress.csv`: `item,status,date,source,note`.
#[derive(Debug, Clone)]
pub struct ProgressEntry {
    /// The id, in the document's plan, of a commitment or milestone.
    pub item: String,
    pub status: Progress,
    pub date: PartialDate,
    /// `document#anchor` of the paragraph that reports it.
    pub document: String,
    pub anchor: String,
    /// Required when the status is `not-being-pursued`: why.
    pub note: Option<String>,
    /// Line of the file, for error messages.
    pub line: usize,
}

/// A document's `progress.csv`, as read.
#[derive(Debug, Clone)]
pub struct ProgressLog {
    pub entries: Vec<ProgressEntry>,
    pub file: SourceFile,
}

impl ProgressLog {
    /// The entries of one item, oldest first (the file's order for a day).
    pub fn of<'a>(&'a self, item: &'a str) -> impl Iterator<Item = &'a ProgressEntry> + 'a {
        let mut of: Vec<&ProgressEntry> = self.entries.iter().filter(|e| e.item == item).collect();
        of.sort_by_key(|e| e.date);
        of.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_read_by_their_keys() {
        for p in Progress::ALL {
            assert_eq!(p.key().parse::<Progress>(), Ok(p));
        }
        assert!("On track".parse::<Progress>().is_err());
    }
}
