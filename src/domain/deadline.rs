//! Deadlines: reading a date HR types, and when the audience is reminded. Plain Rust: times are
//! computed in the organisation's zone (WIB, WITA or WIT) and returned in UTC.

use std::collections::HashSet;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_DESCRIPTION_CHARS: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueError {
    /// Not a date (and optional time) the bot reads.
    Unreadable,
    /// The date has passed, or is now.
    InPast,
}

/// A date typed by HR, in the organisation's zone: `31-01-2027`, `31/01/2027`, `2027-01-31`,
/// `31 Januari 2027` or `31 Jan 2027`, optionally followed by a time `16:00` or `16.00`. A date
/// without a time means the end of that day (23:59).
pub fn parse_due(text: &str, tz: Tz, now: DateTime<Utc>) -> Result<DateTime<Utc>, DueError> {
    let cleaned = text.replace(',', " ").to_lowercase();
    let mut tokens: Vec<&str> = cleaned
        .split_whitespace()
        .filter(|t| !matches!(*t, "pukul" | "jam" | "at"))
        .collect();
    let time = match tokens.last().and_then(|t| parse_time(t)) {
        Some(t) if tokens.len() > 1 => {
            tokens.pop();
            t
        }
        _ => NaiveTime::from_hms_opt(23, 59, 0).ok_or(DueError::Unreadable)?,
    };
    let date = match tokens.as_slice() {
        [one] => parse_numeric_date(one),
        [day, month, year] => parse_named_date(day, month, year),
        _ => None,
    }
    .ok_or(DueError::Unreadable)?;
    let due = tz
        .from_local_datetime(&date.and_time(time))
        .single()
        .ok_or(DueError::Unreadable)?
        .with_timezone(&Utc);
    if due <= now {
        return Err(DueError::InPast);
    }
    Ok(due)
}

fn parse_time(token: &str) -> Option<NaiveTime> {
    let (h, m) = token.split_once([':', '.'])?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

pub(crate) fn parse_numeric_date(token: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = token.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let num = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    if a.len() == 4 {
        NaiveDate::from_ymd_opt(num(a)? as i32, num(b)?, num(c)?)
    } else if c.len() == 4 {
        NaiveDate::from_ymd_opt(num(c)? as i32, num(b)?, num(a)?)
    } else {
        None
    }
}

pub(crate) fn parse_named_date(day: &str, month: &str, year: &str) -> Option<NaiveDate> {
    const MONTHS: [(&[&str], u32); 12] = [
        (&["januari", "january", "jan"], 1),
        (&["februari", "february", "feb", "peb"], 2),
        (&["maret", "march", "mar"], 3),
        (&["april", "apr"], 4),
        (&["mei", "may"], 5),
        (&["juni", "june", "jun"], 6),
        (&["juli", "july", "jul"], 7),
        (&["agustus", "august", "agu", "agt", "aug"], 8),
        (&["september", "sep", "sept"], 9),
        (&["oktober", "october", "okt", "oct"], 10),
        (&["november", "nov", "nop"], 11),
        (&["desember", "december", "des", "dec"], 12),
    ];
    let month = MONTHS
        .iter()
        .find(|(names, _)| names.contains(&month))
        .map(|(_, m)| *m)?;
    if year.len() != 4 {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month, day.parse().ok()?)
}

/// When reminders go out: so many days before, and on the morning of the day itself, each at
/// `time` in the organisation's zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderPlan {
    pub days_before: Vec<u32>,
    pub morning_of: bool,
    pub time: NaiveTime,
}

/// One reminder of one deadline date; `key` names it in storage ("d7", "d0").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub key: String,
    pub fire_at: DateTime<Utc>,
}

impl ReminderPlan {
    /// The reminders of a deadline due at `due`, earliest first. A reminder that would fire at
    /// or after the deadline itself is left out.
    pub fn slots(&self, due: DateTime<Utc>, tz: Tz) -> Vec<Slot> {
        let due_day = due.with_timezone(&tz).date_naive();
        let mut days: Vec<u32> = self.days_before.clone();
        if self.morning_of {
            days.push(0);
        }
        days.sort_unstable_by(|a, b| b.cmp(a));
        days.dedup();
        days.into_iter()
            .filter_map(|d| {
                let day = due_day - Duration::days(i64::from(d));
                let fire_at = tz
                    .from_local_datetime(&day.and_time(self.time))
                    .earliest()?
                    .with_timezone(&Utc);
                (fire_at < due).then(|| Slot {
                    key: format!("d{d}"),
                    fire_at,
                })
            })
            .collect()
    }
}

/// What to do for one deadline at `now`: the one reminder to send (the latest that is due, so a
/// bot that was down sends one reminder, not a burst) and the earlier due ones to mark as passed.
/// Reminders that fell due before `from` (the deadline was created or moved later) never send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueReminders {
    pub send: Option<Slot>,
    pub skip: Vec<Slot>,
}

pub fn due_reminders(
    slots: &[Slot],
    due: DateTime<Utc>,
    from: DateTime<Utc>,
    now: DateTime<Utc>,
    handled: &HashSet<String>,
) -> DueReminders {
    if now >= due {
        return DueReminders {
            send: None,
            skip: vec![],
        };
    }
    let mut open: Vec<Slot> = slots
        .iter()
        .filter(|s| s.fire_at <= now && s.fire_at >= from && !handled.contains(&s.key))
        .cloned()
        .collect();
    let send = open.pop();
    DueReminders { send, skip: open }
}

/// Whole calendar days from `now` to `due` in the organisation's zone: 0 on the day itself.
pub fn days_left(due: DateTime<Utc>, now: DateTime<Utc>, tz: Tz) -> i64 {
    let due_day = due.with_timezone(&tz).date_naive();
    let today = now.with_timezone(&tz).date_naive();
    (due_day - today).num_days()
}

/// `31-01-2027 23:59`, as the bot shows a due time in the organisation's zone.
pub fn format_local(at: DateTime<Utc>, tz: Tz) -> String {
    let local = at.with_timezone(&tz);
    format!(
        "{:02}-{:02}-{} {}",
        local.day(),
        local.month(),
        local.year(),
        local.format("%H:%M")
    )
}

/// WIB, WITA or WIT: how Indonesians name their zones.
pub fn zone_name(tz: Tz) -> &'static str {
    match tz {
        chrono_tz::Asia::Makassar => "WITA",
        chrono_tz::Asia::Jayapura => "WIT",
        _ => "WIB",
    }
}

#[cfg(test)]
#[path = "deadline_tests.rs"]
mod tests;
