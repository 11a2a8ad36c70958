//! Dates as plans publish them: often only a year ("by 2013") or a month
//! ("July 2011"), sometimes a full day.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i16,
    pub month: Option<i8>,
    pub day: Option<i8>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("`{0}` is not a date written YYYY, YYYY-MM or YYYY-MM-DD")]
    Shape(String),
    #[error("`{0}` is not a real date: {1}")]
    Impossible(String, String),
}

impl From<jiff::civil::Date> for PartialDate {
    fn from(d: jiff::civil::Date) -> Self {
        PartialDate {
            year: d.year(),
            month: Some(d.month()),
            day: Some(d.day()),
        }
    }
}

impl PartialDate {
    /// The last day the date covers: the day, the month's last or the year's.
    pub fn last_day(self) -> jiff::civil::Date {
        let (month, day) = match (self.month, self.day) {
            (Some(m), Some(d)) => (m, d),
            (Some(m), None) => (m, 31),
            _ => (12, 31),
        };
        // A month's 31st is clamped to its last day.
        jiff::civil::Date::new(self.year, month, 1)
            .map(|first| {
                first
                    .last_of_month()
                    .min(first.saturating_add(jiff::Span::new().days(i64::from(day) - 1)))
            })
            .unwrap_or(jiff::civil::Date::MAX)
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, DateError> {
        let shape = || DateError::Shape(text.to_string());
        let parts: Vec<&str> = text.split('-').collect();
        let number = |s: &str, len: usize| -> Result<i16, DateError> {
            if s.len() != len || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(shape());
            }
            s.parse().map_err(|_| shape())
        };
        let year = number(parts[0], 4)?;
        let month = parts.get(1).map(|m| number(m, 2)).transpose()?;
        let day = parts.get(2).map(|d| number(d, 2)).transpose()?;
        if parts.len() > 3 {
            return Err(shape());
        }
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(DateError::Impossible(
                text.to_string(),
                format!("there is no month {m}"),
            ));
        }
        if let (Some(m), Some(d)) = (month, day) {
            jiff::civil::Date::new(year, m as i8, d as i8)
                .map_err(|e| DateError::Impossible(text.to_string(), e.to_string()))?;
        }
        Ok(PartialDate {
            year,
            month: month.map(|m| m as i8),
            day: day.map(|d| d as i8),
        })
    }
}

impl fmt::Display for PartialDate {
    /// ISO 8601 at the precision known, as used in `<time datetime>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// A date as written: a bare year in YAML (`2013`) arrives as a number.
pub(crate) fn text_or_year<'de, D: Deserializer<'de>>(de: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Year(i64),
        Text(String),
    }
    let raw = Raw::deserialize(de).map_err(|_| {
        serde::de::Error::custom("this is not a date written YYYY, YYYY-MM or YYYY-MM-DD")
    })?;
    Ok(match raw {
        Raw::Year(y) => y.to_string(),
        Raw::Text(t) => t,
    })
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        text_or_year(de)?.parse().map_err(serde::de::Error::custom)
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision() {
        let d: PartialDate = "2010-12-16".parse().unwrap();
        assert_eq!((d.year, d.month, d.day), (2010, Some(12), Some(16)));
        assert_eq!(d.to_string(), "2010-12-16");
        assert_eq!(
            "2011-07".parse::<PartialDate>().unwrap().to_string(),
            "2011-07"
        );
        let year: PartialDate = "2013".parse().unwrap();
        assert_eq!(
            (year.month, year.day, year.to_string()),
            (None, None, "2013".into())
        );
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        assert!(matches!(
            "2014-02-30".parse::<PartialDate>(),
            Err(DateError::Impossible(..))
        ));
        assert!(matches!(
            "2014-13".parse::<PartialDate>(),
            Err(DateError::Impossible(..))
        ));
        assert!(matches!(
            "15/05/2014".parse::<PartialDate>(),
            Err(DateError::Shape(_))
        ));
        assert!(matches!(
            "14-05".parse::<PartialDate>(),
            Err(DateError::Shape(_))
        ));
    }

    #[test]
    fn orders_by_year_then_month() {
        let a: PartialDate = "2010".parse().unwrap();
        let b: PartialDate = "2010-01".parse().unwrap();
        let c: PartialDate = "2011".parse().unwrap();
        assert!(a < b && b < c);
    }

    #[test]
    fn a_date_ends_on_the_last_day_it_covers() {
        let last = |s: &str| s.parse::<PartialDate>().unwrap().last_day().to_string();
        assert_eq!(last("2022-03"), "2022-03-31");
        assert_eq!(last("2024-02"), "2024-02-29");
        assert_eq!(last("2023"), "2023-12-31");
        assert_eq!(last("2021-06-15"), "2021-06-15");
    }
}
