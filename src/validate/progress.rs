//! The checks of a document's `progress.csv`: each row names a commitment
//! or milestone of the document's own plan, once a day.

use std::collections::HashMap;

use crate::diagnostic::{Problem, Problems};
use crate::model::{ProgressLog, Strategy};
use crate::support::suggest::did_you_mean;

pub(super) fn check_progress(s: &Strategy, log: &ProgressLog, problems: &mut Problems) {
    let ids: Vec<&str> = s
        .plan
        .iter()
        .flat_map(|p| &p.priorities)
        .flat_map(|p| {
            let milestones = p.milestones.iter().map(|m| m.id.value.as_str());
            let commitments = p.commitments.iter().map(|c| c.id.value.as_str());
            let actions = p
                .commitments
                .iter()
                .flat_map(|c| &c.actions)
                .filter_map(|a| a.id.as_deref());
            milestones.chain(commitments).chain(actions)
        })
        .collect();
    let mut seen: HashMap<(&str, String), usize> = HashMap::new();
    for e in &log.entries {
        if !ids.contains(&e.item.as_str()) {
            let help = did_you_mean(&e.item, ids.iter().copied()).unwrap_or_else(|| {
                "name the `id` of a commitment, action or milestone in this document's plan.yaml"
                    .to_string()
            });
            problems.push(
                Problem::at(
                    &log.file,
                    e.line,
                    1,
                    format!(
                        "the plan has no commitment, action or milestone `{}`",
                        e.item
                    ),
                )
                .help(help),
            );
        }
        if let Some(first) = seen.insert((&e.item, e.date.to_string()), e.line) {
            problems.push(
                Problem::at(
                    &log.file,
                    e.line,
                    1,
                    format!("`{}` has two statuses on {}", e.item, e.date),
                )
                .help(format!(
                    "the other is on line {first}; keep one status a day"
                )),
            );
        }
    }
}
