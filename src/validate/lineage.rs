//! The lineage runs one way: no document, through any chain of
//! replacements, replaces itself.

use std::collections::{BTreeSet, HashMap};

use super::at;
use crate::diagnostic::{Problem, Problems};
use crate::model::{SourceFile, Spanned, Strategy};

/// Which documents replaced each one (`replaces` and `superseded_by`, read
/// both ways), with the entry that first says so, for the problem.
struct Replacements<'a> {
    replaced_by: Vec<BTreeSet<usize>>,
    /// (replaced, replacement) → the file and entry that say so.
    declared: HashMap<(usize, usize), (&'a SourceFile, &'a Spanned<String>)>,
}

impl<'a> Replacements<'a> {
    fn new(docs: &'a [Strategy], index: &HashMap<&str, usize>) -> Self {
        let mut r = Replacements {
            replaced_by: vec![BTreeSet::new(); docs.len()],
            declared: HashMap::new(),
        };
        for (i, s) in docs.iter().enumerate() {
            let f = &s.meta_file;
            for entry in &s.meta.replaces {
                if let Some(&j) = index.get(entry.value.as_str()) {
                    r.add(j, i, (f, entry));
                }
            }
            if let Some(entry) = &s.meta.superseded_by
                && let Some(&j) = index.get(entry.value.as_str())
            {
                r.add(i, j, (f, entry));
            }
        }
        r
    }

    fn add(&mut self, replaced: usize, by: usize, said: (&'a SourceFile, &'a Spanned<String>)) {
        self.replaced_by[replaced].insert(by);
        self.declared.entry((replaced, by)).or_insert(said);
    }
}

/// Each circle of replacements, once, at the entry that makes its first step.
pub(super) fn check_cycles(
    docs: &[Strategy],
    index: &HashMap<&str, usize>,
    problems: &mut Problems,
) {
    let r = Replacements::new(docs, index);
    let mut reported = BTreeSet::new();
    for start in 0..docs.len() {
        let mut stack = vec![(start, vec![start])];
        while let Some((at_doc, path)) = stack.pop() {
            for &next in &r.replaced_by[at_doc] {
                if next == start {
                    let mut cycle = path.clone();
                    cycle.sort_unstable();
                    if reported.insert(cycle) {
                        problems.push(cycle_problem(docs, &r, start, &path));
                    }
                } else if !path.contains(&next) {
                    let mut p = path.clone();
                    p.push(next);
                    stack.push((next, p));
                }
            }
        }
    }
}

/// The circle `path` that returns to `start`.
fn cycle_problem(docs: &[Strategy], r: &Replacements, start: usize, path: &[usize]) -> Problem {
    let names: Vec<&str> = path
        .iter()
        .chain([&start])
        .map(|&i| docs[i].slug.as_str())
        .collect();
    let first = (start, path.get(1).copied().unwrap_or(start));
    let message = format!("the lineage goes round in a circle: {}", names.join(" → "));
    let problem = match r.declared.get(&first) {
        Some((file, entry)) => at(file, entry, message),
        None => Problem::at(&docs[start].meta_file, 1, 1, message),
    };
    problem.help("check `replaces` and `superseded_by`: a document is replaced only by a later one")
}
