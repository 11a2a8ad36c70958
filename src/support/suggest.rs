//! "Did you mean": the closest of the names allowed to one misspelt, and
//! the help that offers it.

/// The help offering the closest of `candidates` to a misspelt `word`, if
/// one is close: "did you mean `superseded_by`?".
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(word, candidates).map(|near| format!("did you mean `{near}`?"))
}

/// The closest of `candidates` to `word`, within a third of the longer
/// one's length (two edits at least); of a tie, the first alphabetically.
fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, c)| *d <= (c.len().max(word.len()) / 3).max(2))
        .min()
        .map(|(_, c)| c)
}

/// Levenshtein distance, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names_only() {
        let keys = ["superseded_by", "replaces", "delivers"];
        assert_eq!(closest("supersede_by", keys), Some("superseded_by"));
        assert_eq!(closest("colour", keys), None);
        assert_eq!(closest("anything", []), None);
    }

    #[test]
    fn counts_edits_in_characters() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("café", "cafe"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn the_help_names_the_closest_candidate() {
        assert_eq!(
            did_you_mean("grow-economy", ["grow-the-economy", "safe-kent"]).as_deref(),
            Some("did you mean `grow-the-economy`?")
        );
        assert_eq!(did_you_mean("zzz", ["grow-the-economy"]), None);
    }
}
