//! Dates as pages, exports and feeds write them. The model reads dates and
//! keeps them ([`PartialDate`], [`When`]) with their ISO 8601 text; how they
//! are put in words, and the timestamps feeds and ebooks want, are here.

use crate::model::{PartialDate, Quarter, When};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The date in words, as a reader expects it in en-GB: "16 December 2010",
/// "July 2011", "2013".
pub fn long(d: PartialDate) -> String {
    let month = |m: i8| MONTHS[m as usize - 1];
    match (d.month, d.day) {
        (Some(m), Some(day)) => format!("{day} {} {}", month(m), d.year),
        (Some(m), None) => format!("{} {}", month(m), d.year),
        _ => d.year.to_string(),
    }
}

/// When a figure applies, in words: "March 2014", "2012/13",
/// "Q2 2024/25 (July to September 2024)", "12 months to March 2024".
pub fn period(when: When) -> String {
    match when {
        When::Quarter(q) => format!("{} ({})", short(when), quarter_months(q)),
        _ => short(when),
    }
}

/// When a figure applies, as a chart's axis labels it: "March 2014",
/// "Q2 2024/25", "2024 Q3".
pub fn short(when: When) -> String {
    match when {
        When::Date(d) => long(d),
        When::Rolling(r) => {
            let written = when.to_string();
            let to = written.rfind(" to ").map_or(0, |i| i + " to ".len());
            format!("{}{}", &written[..to], short(r.end.period()))
        }
        When::NotStated => "period not stated".to_string(),
        When::YearSpan(_) | When::Quarter(_) => when.to_string(),
    }
}

/// "July to September 2024", "January to March 2025".
fn quarter_months(q: Quarter) -> String {
    let (year, first) = q.first_month();
    let month = |m: i8| MONTHS[m as usize - 1];
    format!("{} to {} {year}", month(first), month(first + 2))
}

/// RFC 3339 at the start of the day, month or year known
/// (`2026-11-22T00:00:00Z`), as Atom's `updated` and EPUB's
/// `dcterms:modified` want it.
pub fn rfc3339(d: PartialDate) -> String {
    format!(
        "{:04}-{:02}-{:02}T00:00:00Z",
        d.year,
        d.month.unwrap_or(1),
        d.day.unwrap_or(1)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> PartialDate {
        text.parse().unwrap()
    }

    #[test]
    fn dates_in_words_say_what_is_known() {
        assert_eq!(long(date("2010-12-16")), "16 December 2010");
        assert_eq!(long(date("2011-07")), "July 2011");
        assert_eq!(long(date("2013")), "2013");
    }

    #[test]
    fn periods_in_words_are_dates_or_years_across_two() {
        assert_eq!(period(When::Date(date("2014-03"))), "March 2014");
        assert_eq!(period("2012/13".parse().unwrap()), "2012/13");
        let words = |s: &str| period(s.parse().unwrap());
        assert_eq!(words("Q2 2024/25"), "Q2 2024/25 (July to September 2024)");
        assert_eq!(words("Q4 2024/25"), "Q4 2024/25 (January to March 2025)");
        assert_eq!(words("2024 Q3"), "2024 Q3 (July to September 2024)");
        assert_eq!(words("12 months to 2024-03"), "12 months to March 2024");
        assert_eq!(words("3 years to 2013/14"), "3 years to 2013/14");
        assert_eq!(words("not stated"), "period not stated");
        assert_eq!(short("Q2 2024/25".parse().unwrap()), "Q2 2024/25");
    }

    #[test]
    fn timestamps_start_at_the_beginning_of_what_is_known() {
        assert_eq!(rfc3339(date("2026-11-22")), "2026-11-22T00:00:00Z");
        assert_eq!(rfc3339(date("2026-03")), "2026-03-01T00:00:00Z");
        assert_eq!(rfc3339(date("2026")), "2026-01-01T00:00:00Z");
    }
}
