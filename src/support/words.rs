//! The words of a text as the site's search reads them: runs of letters,
//! digits, `£` and `%`, in lower case. The search script (`search.js`)
//! splits a query by the same rule, so that what is indexed is what is
//! looked up.

/// Each word of `text`, in order, lower case.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(|w| {
            // The same as `to_lowercase` for plain ASCII, and faster.
            if w.is_ascii() {
                w.to_ascii_lowercase()
            } else {
                w.to_lowercase()
            }
        })
}

/// The words of `phrase`, joined by single spaces: how a phrase is
/// compared and published.
pub fn phrase(text: &str) -> String {
    words(text).collect::<Vec<_>>().join(" ")
}

pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '£' || c == '%'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_letters_digits_pounds_and_percents_in_lower_case() {
        let found: Vec<String> = words("Children-in-Care: £5m, 12% (Ŵyr)").collect();
        assert_eq!(found, ["children", "in", "care", "£5m", "12%", "ŵyr"]);
        assert_eq!(phrase("  Looked After\tchildren "), "looked after children");
        assert_eq!(phrase("--"), "");
    }
}
