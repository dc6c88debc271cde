//! Note dates: a calendar day from front matter, or an instant (a full timestamp, or the file's
//! modification time).

use std::fmt;

use jiff::civil::Date;
use jiff::{Timestamp, tz::TimeZone};

/// When a note was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteDate {
    /// A calendar day, as `date: 2020-04-15` says.
    Day(Date),
    /// An instant: a timestamp with an offset, or a file's modification time.
    Instant(Timestamp),
}

impl NoteDate {
    /// Parses `2020-04-15`, an RFC 3339 timestamp, or a date and time without an offset
    /// (taken as UTC).
    pub fn parse(text: &str) -> Option<NoteDate> {
        let text = text.trim();
        if let Ok(ts) = text.parse::<Timestamp>() {
            return Some(NoteDate::Instant(ts));
        }
        if !text.contains(['T', 't', ' ']) {
            return text.parse::<Date>().ok().map(NoteDate::Day);
        }
        let civil = text.parse::<jiff::civil::DateTime>().ok()?;
        civil
            .to_zoned_datetime(TimeZone::UTC)
            .ok()
            .map(|z| NoteDate::Instant(z.timestamp()))
    }

    /// The moment used for sorting: a day counts from its start, in UTC.
    pub fn sort_key(self) -> Timestamp {
        match self {
            NoteDate::Instant(ts) => ts,
            NoteDate::Day(day) => day
                .to_zoned_datetime(TimeZone::UTC)
                .map(|z| z.timestamp())
                .unwrap_or(Timestamp::UNIX_EPOCH),
        }
    }

    /// The day in UTC, for the list's date column.
    pub fn day(self) -> Date {
        match self {
            NoteDate::Day(day) => day,
            NoteDate::Instant(ts) => ts.to_zoned_datetime(TimeZone::UTC).date(),
        }
    }
}

impl fmt::Display for NoteDate {
    /// RFC 3339: `2020-04-15` for a day, `2020-04-15T10:00:00Z` for an instant.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoteDate::Day(day) => write!(f, "{day}"),
            NoteDate::Instant(ts) => write!(f, "{}", ts.strftime("%Y-%m-%dT%H:%M:%SZ")),
        }
    }
}

impl serde::Serialize for NoteDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_days_timestamps_and_naive_times() {
        assert_eq!(
            NoteDate::parse("2020-04-15").unwrap().to_string(),
            "2020-04-15"
        );
        let ts = NoteDate::parse("2020-04-15T10:30:00+02:00").unwrap();
        assert_eq!(ts.to_string(), "2020-04-15T08:30:00Z");
        let naive = NoteDate::parse("2020-04-15 10:30").unwrap();
        assert_eq!(naive.to_string(), "2020-04-15T10:30:00Z");
        assert!(NoteDate::parse("April").is_none());
        assert!(NoteDate::parse("2020-13-01").is_none());
    }

    #[test]
    fn days_sort_before_later_instants_on_the_same_day() {
        let day = NoteDate::parse("2020-04-15").unwrap();
        let later = NoteDate::parse("2020-04-15T01:00:00Z").unwrap();
        assert!(day.sort_key() < later.sort_key());
        assert_eq!(later.day(), day.day());
    }
}
