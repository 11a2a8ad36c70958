//! Dates as pages, exports and feeds write them. The model reads dates and
//! keeps them ([`PartialDate`], [`When`]) with their ISO 8601 text; how they
//! are put in words, and the timestamps feeds and ebooks want, are here.

use crate::model::{Calendar, PartialDate, Quarter, When};
use crate::theme::locale::Locale;

/// The locale's keys of the months' names, January first.
pub const MONTHS: [&str; 12] = [
    "date.month.january",
    "date.month.february",
    "date.month.march",
    "date.month.april",
    "date.month.may",
    "date.month.june",
    "date.month.july",
    "date.month.august",
    "date.month.september",
    "date.month.october",
    "date.month.november",
    "date.month.december",
];

fn month(locale: &Locale, m: i8) -> &str {
    locale.word(MONTHS[m as usize - 1])
}

/// The date in words, as the locale writes it (`date.day-month-year`,
/// `date.month-year`): "16 December 2010", "July 2011", "2013".
pub fn long(d: PartialDate, locale: &Locale) -> String {
    match (d.month, d.day) {
        (Some(m), Some(day)) => locale.text(
            "date.day-month-year",
            &[
                ("day", &day),
                ("month", &month(locale, m)),
                ("year", &d.year),
            ],
        ),
        (Some(m), None) => locale.text(
            "date.month-year",
            &[("month", &month(locale, m)), ("year", &d.year)],
        ),
        _ => d.year.to_string(),
    }
}

/// When something happened, with the preposition its precision takes
/// (`date.on-day`, `date.in-period`): "on 16 December 2010", "in July 2011", "in 2013".
pub fn when(d: PartialDate, locale: &Locale) -> String {
    let key = if d.day.is_some() {
        "date.on-day"
    } else {
        "date.in-period"
    };
    locale.text(key, &[("date", &long(d, locale))])
}

/// When a figure applies, in words: "March 2014", "2012/13",
/// "Q2 2024/25 (July to September 2024)", "12 months to March 2024"; a
/// financial year's quarter by the months of the site's `calendar`.
pub fn period(when: When, calendar: Calendar, locale: &Locale) -> String {
    match when {
        When::Quarter(q) => format!(
            "{} ({})",
            short(when, locale),
            quarter_months(q, calendar, locale)
        ),
        _ => short(when, locale),
    }
}

/// When a figure applies, as a chart's axis labels it: "March 2014",
/// "Q2 2024/25", "2024 Q3".
pub fn short(when: When, locale: &Locale) -> String {
    match when {
        When::Date(d) => long(d, locale),
        When::Rolling(r) => {
            let key = match (r.years, r.length) {
                (true, 1) => "date.rolling-year",
                (true, _) => "date.rolling-years",
                (false, 1) => "date.rolling-month",
                (false, _) => "date.rolling-months",
            };
            let end = short(r.end.period(), locale);
            locale.text(key, &[("length", &r.length), ("end", &end)])
        }
        When::NotStated => locale.word("date.not-stated").to_string(),
        When::YearSpan(_) | When::Quarter(_) => when.to_string(),
    }
}

/// "July to September 2024", "January to March 2025"; a quarter that runs
/// into the next year, "November 2024 to January 2025".
fn quarter_months(q: Quarter, calendar: Calendar, locale: &Locale) -> String {
    let (year, first) = q.first_month(calendar);
    let (last_year, last) = q.last_month(calendar);
    if year == last_year {
        return locale.text(
            "date.quarter-months",
            &[
                ("first", &month(locale, first)),
                ("last", &month(locale, last)),
                ("year", &year),
            ],
        );
    }
    locale.text(
        "date.quarter-months-across",
        &[
            ("first", &month(locale, first)),
            ("first_year", &year),
            ("last", &month(locale, last)),
            ("last_year", &last_year),
        ],
    )
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

    fn long(d: PartialDate) -> String {
        super::long(d, &Locale::builtin_reference())
    }

    fn period(w: When) -> String {
        super::period(w, Calendar::default(), &Locale::builtin_reference())
    }

    fn short(w: When) -> String {
        super::short(w, &Locale::builtin_reference())
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
    fn a_financial_year_s_quarter_is_named_by_the_months_of_the_site_s_year() {
        let words = |month: i64, s: &str| {
            let calendar = Calendar::try_from(month).unwrap();
            super::period(s.parse().unwrap(), calendar, &Locale::builtin_reference())
        };
        assert_eq!(
            words(7, "Q1 2024/25"),
            "Q1 2024/25 (July to September 2024)"
        );
        assert_eq!(
            words(11, "Q1 2024/25"),
            "Q1 2024/25 (November 2024 to January 2025)"
        );
        assert_eq!(words(11, "2024 Q1"), "2024 Q1 (January to March 2024)");
    }

    #[test]
    fn timestamps_start_at_the_beginning_of_what_is_known() {
        assert_eq!(rfc3339(date("2026-11-22")), "2026-11-22T00:00:00Z");
        assert_eq!(rfc3339(date("2026-03")), "2026-03-01T00:00:00Z");
        assert_eq!(rfc3339(date("2026")), "2026-01-01T00:00:00Z");
    }
}
