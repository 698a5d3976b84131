//! The plain rules of open notes and ekspektasi khusus: who may write to whom, how long a text
//! may be, and which period and organisation day a moment falls in. No I/O here.

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use crate::domain::calendar::{at_local, local_date};
use crate::storage::dialogs::Person;

/// The longest note or expectation, in characters.
pub const MAX_CHARS: usize = 500;

/// How the recipient stands to the sender.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    Supervisor,
    /// Someone else with the same supervisor.
    Peer,
    Subordinate,
}

/// How `other` stands to `me` now, if they work together: their supervisor, a peer, or a
/// direct subordinate, and active. Nobody writes to themself.
pub fn relation(me: &Person, other: &Person) -> Option<Relation> {
    if !other.active || other.nip == me.nip {
        return None;
    }
    let my_supervisor = me.supervisor_nip.as_deref();
    if my_supervisor == Some(other.nip.as_str()) {
        Some(Relation::Supervisor)
    } else if other.supervisor_nip.as_deref() == Some(me.nip.as_str()) {
        Some(Relation::Subordinate)
    } else if my_supervisor.is_some() && other.supervisor_nip.as_deref() == my_supervisor {
        Some(Relation::Peer)
    } else {
        None
    }
}

/// Whether `other` is `me`'s active direct subordinate now.
pub fn is_subordinate(me: &Person, other: &Person) -> bool {
    relation(me, other) == Some(Relation::Subordinate)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextError {
    Empty,
    TooLong { max: usize, got: usize },
}

/// A note's or an expectation's text, trimmed.
pub fn check_text(text: &str) -> Result<String, TextError> {
    let text = text.trim();
    let got = text.chars().count();
    if got == 0 {
        Err(TextError::Empty)
    } else if got > MAX_CHARS {
        Err(TextError::TooLong {
            max: MAX_CHARS,
            got,
        })
    } else {
        Ok(text.to_owned())
    }
}

/// The evaluation year `today` (organisation calendar) belongs to, as stored: "2027".
pub fn period(today: NaiveDate) -> String {
    today.year().to_string()
}

/// The organisation day `now` falls in: its start (epoch seconds, for counting the day's
/// notes) and the next day, when the count starts again.
pub fn day_bounds(now: DateTime<Utc>, tz: Tz) -> (i64, NaiveDate) {
    let today = local_date(now, tz);
    let start = at_local(today, NaiveTime::MIN, tz).timestamp();
    let tomorrow = today.checked_add_days(Days::new(1)).unwrap_or(today);
    (start, tomorrow)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{EmployeeRef, Lang};
    use chrono::TimeZone;

    fn person(nip: &str, supervisor: Option<&str>) -> Person {
        Person {
            r#ref: EmployeeRef(1),
            nip: nip.into(),
            name: nip.into(),
            supervisor_nip: supervisor.map(Into::into),
            active: true,
            chat_id: None,
            blocked: false,
            language: Lang::Id,
        }
    }

    #[test]
    fn colleagues_are_the_supervisor_peers_and_direct_subordinates() {
        let head = person("h", None);
        let agus = person("a", Some("h"));
        let sri = person("s", Some("h"));
        let dimas = person("d", Some("a"));
        assert_eq!(relation(&agus, &head), Some(Relation::Supervisor));
        assert_eq!(relation(&agus, &sri), Some(Relation::Peer));
        assert_eq!(relation(&agus, &dimas), Some(Relation::Subordinate));
        assert_eq!(relation(&head, &agus), Some(Relation::Subordinate));
        // Two levels apart, a cousin, oneself, and two people without a supervisor: no.
        assert_eq!(relation(&head, &dimas), None);
        assert_eq!(relation(&dimas, &sri), None);
        assert_eq!(relation(&agus, &agus), None);
        assert_eq!(relation(&head, &person("x", None)), None);
        let mut gone = sri.clone();
        gone.active = false;
        assert_eq!(relation(&agus, &gone), None);
        assert!(is_subordinate(&agus, &dimas) && !is_subordinate(&dimas, &agus));
    }

    #[test]
    fn texts_are_trimmed_and_limited_to_five_hundred_characters() {
        assert_eq!(check_text("  Bagus  "), Ok("Bagus".into()));
        assert_eq!(check_text(" \n "), Err(TextError::Empty));
        assert!(check_text(&"é".repeat(500)).is_ok());
        assert_eq!(
            check_text(&"é".repeat(501)),
            Err(TextError::TooLong { max: 500, got: 501 })
        );
    }

    #[test]
    fn the_day_and_the_period_are_the_organisations() {
        let tz = chrono_tz::Asia::Jayapura;
        // 31 December 2026 16:30 UTC is already 1 January 2027 01:30 in WIT.
        let now = Utc.with_ymd_and_hms(2026, 12, 31, 16, 30, 0).unwrap();
        let (start, tomorrow) = day_bounds(now, tz);
        assert_eq!(
            start,
            Utc.with_ymd_and_hms(2026, 12, 31, 15, 0, 0)
                .unwrap()
                .timestamp()
        );
        assert_eq!(tomorrow, NaiveDate::from_ymd_opt(2027, 1, 2).unwrap());
        assert_eq!(period(local_date(now, tz)), "2027");
    }
}
