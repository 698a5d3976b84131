//! Config sections for the dialog kinerja's reminders (`[dialog]`) and the working calendar
//! (`[calendar]`): when supervisors are reminded and flagged, how long an employee has to
//! acknowledge a record, and which dates besides weekends are not working days.

use std::str::FromStr;
use std::sync::OnceLock;

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::domain::calendar::parse_holiday_list;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Dialog {
    /// The month's first reminder (cron, seconds first, organisation time). Only its first
    /// firing in a month counts, moved to the next working day when it lands on a weekend or a
    /// holiday.
    pub reminder: String,
    /// Follow-ups after the first reminder, to supervisors still missing someone, moved off
    /// non-working days likewise and dropped once the month has ended.
    pub follow_up: String,
    /// How often due reminders, flags and expired acknowledgements are looked for.
    pub check: String,
    /// Days an employee has to confirm or comment on a record before it stands as
    /// unacknowledged (it still counts as held).
    pub acknowledge_days: u32,
    /// Days before a quarter's last day on which supervisors are told who has had no dialog in
    /// it yet (moved to the next working day).
    pub quarter_flag_days_before_end: u32,
    /// The time of day of the quarter's flag and escalation, "HH:MM" organisation time.
    pub quarter_flag_time: String,
    /// After a quarter, tell each supervisor's own supervisor who in their reports' teams had
    /// no dialog in it.
    pub escalate_after_quarter: bool,
}

impl Default for Dialog {
    fn default() -> Self {
        Self {
            reminder: "0 0 9 1 * *".into(),
            follow_up: "0 0 9 * * Mon".into(),
            check: "0 * * * * *".into(),
            acknowledge_days: 7,
            quarter_flag_days_before_end: 14,
            quarter_flag_time: "09:00".into(),
            escalate_after_quarter: true,
        }
    }
}

/// A cron expression checked at start; `None` only for a hand-built config that skipped the
/// check, which then never fires instead of panicking.
fn schedule(expr: &str) -> Option<cron::Schedule> {
    cron::Schedule::from_str(expr).ok()
}

fn check_cron(key: &str, expr: &str) -> Result<(), String> {
    cron::Schedule::from_str(expr).map(|_| ()).map_err(|e| {
        format!(
            "{key} = {expr:?} is not a valid cron expression ({e}); expected 6 or 7 fields, \
             seconds first: \"sec min hour day-of-month month day-of-week [year]\", \
             e.g. \"0 0 9 * * Mon\" (name the days: in cron 1 is Sunday)"
        )
    })
}

impl Dialog {
    pub fn reminder_schedule(&self) -> Option<cron::Schedule> {
        schedule(&self.reminder)
    }

    pub fn follow_up_schedule(&self) -> Option<cron::Schedule> {
        schedule(&self.follow_up)
    }

    pub fn check_schedule(&self) -> Option<cron::Schedule> {
        schedule(&self.check)
    }

    pub fn quarter_flag_time(&self) -> NaiveTime {
        NaiveTime::parse_from_str(&self.quarter_flag_time, "%H:%M")
            .unwrap_or(NaiveTime::MIN + chrono::Duration::hours(9))
    }

    pub(super) fn check(&self) -> Result<(), String> {
        check_cron("dialog.reminder", &self.reminder)?;
        check_cron("dialog.follow_up", &self.follow_up)?;
        check_cron("dialog.check", &self.check)?;
        if !(1..=90).contains(&self.acknowledge_days) {
            return Err(format!(
                "dialog.acknowledge_days = {} is out of range: allowed 1 to 90",
                self.acknowledge_days
            ));
        }
        // A quarter is at least 90 days; a flag further back would fall in the quarter before.
        if self.quarter_flag_days_before_end > 60 {
            return Err(format!(
                "dialog.quarter_flag_days_before_end = {} is out of range: allowed 0 to 60 (0 is \
                 the quarter's last day)",
                self.quarter_flag_days_before_end
            ));
        }
        if NaiveTime::parse_from_str(&self.quarter_flag_time, "%H:%M").is_err() {
            return Err(format!(
                "dialog.quarter_flag_time = {:?} is not a time; expected \"HH:MM\", e.g. \"09:00\"",
                self.quarter_flag_time
            ));
        }
        Ok(())
    }
}

/// A configured holiday: its date and the description written after it (may be empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub day: NaiveDate,
    pub name: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CalendarConfig {
    /// A file of holidays, one `YYYY-MM-DD description` per line, `#` comments (see
    /// `examples/holidays-2027.txt`); relative paths are read from the working directory.
    /// Empty: no file.
    pub holidays_file: String,
    /// More holidays inline, each "YYYY-MM-DD" (a description may follow a space).
    pub holidays: Vec<String>,
    /// The holidays as read once, so the file is read at most once per process.
    #[serde(skip)]
    loaded: OnceLock<Vec<Holiday>>,
}

impl CalendarConfig {
    /// The configured holidays (file and inline list), sorted, each date once. Read from disk
    /// the first time; a file that became unreadable since the start-up check leaves the
    /// inline list only, with a warning.
    pub fn holidays(&self) -> &[Holiday] {
        self.loaded.get_or_init(|| match self.read() {
            Ok(list) => list,
            Err(error) => {
                tracing::warn!(%error, "holidays file unreadable; using the inline list only");
                let mut inline = Vec::new();
                for entry in &self.holidays {
                    inline.extend(named("calendar.holidays", entry).unwrap_or_default());
                }
                dedup(inline)
            }
        })
    }

    fn read(&self) -> Result<Vec<Holiday>, String> {
        let mut all = Vec::new();
        if !self.holidays_file.trim().is_empty() {
            let path = self.holidays_file.trim();
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("calendar.holidays_file = {path:?} cannot be read ({e})"))?;
            all.extend(named(&format!("calendar.holidays_file {path:?}"), &text)?);
        }
        for entry in &self.holidays {
            all.extend(named("calendar.holidays", entry)?);
        }
        Ok(dedup(all))
    }

    pub(super) fn check(&self) -> Result<(), String> {
        self.read().map(|_| ())
    }
}

fn dedup(mut list: Vec<Holiday>) -> Vec<Holiday> {
    list.sort_by_key(|h| h.day);
    // Of two entries for one date the first (the file's) names it.
    list.dedup_by_key(|h| h.day);
    list
}

/// The dates of a holiday list with the text after each date, in the order written. The domain
/// parser decides what is a date (and words the error); the names come from the same lines.
fn named(source: &str, text: &str) -> Result<Vec<Holiday>, String> {
    let dates = parse_holiday_list(text).map_err(|e| {
        format!("{source}: {e}; expected one date per line as YYYY-MM-DD, e.g. \"2027-03-10\"")
    })?;
    let names = text.lines().filter_map(|raw| {
        let content = raw.split('#').next().unwrap_or_default().trim();
        let mut parts = content.splitn(2, char::is_whitespace);
        parts.next().filter(|first| !first.is_empty())?;
        Some(parts.next().unwrap_or_default().trim().to_owned())
    });
    Ok(dates
        .into_iter()
        .zip(names)
        .map(|(day, name)| Holiday { day, name })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::FileConfig;

    #[test]
    fn every_key_has_a_default() {
        let cfg = FileConfig::from_toml("").unwrap();
        assert_eq!(cfg.dialog.reminder, "0 0 9 1 * *");
        assert_eq!(cfg.dialog.follow_up, "0 0 9 * * Mon");
        assert_eq!(cfg.dialog.acknowledge_days, 7);
        assert_eq!(cfg.dialog.quarter_flag_days_before_end, 14);
        assert_eq!(
            cfg.dialog.quarter_flag_time(),
            NaiveTime::from_hms_opt(9, 0, 0).unwrap()
        );
        assert!(cfg.dialog.escalate_after_quarter);
        assert!(cfg.calendar.holidays().is_empty());
    }

    #[test]
    fn bad_values_are_named_with_what_is_allowed() {
        let err = FileConfig::from_toml("[dialog]\nfollow_up = \"every monday\"\n").unwrap_err();
        assert!(
            err.contains("dialog.follow_up") && err.contains("seconds first"),
            "{err}"
        );
        let err = FileConfig::from_toml("[dialog]\nacknowledge_days = 0\n").unwrap_err();
        assert!(
            err.contains("dialog.acknowledge_days") && err.contains("1 to 90"),
            "{err}"
        );
        let err = FileConfig::from_toml("[dialog]\nquarter_flag_time = \"9 pagi\"\n").unwrap_err();
        assert!(err.contains("dialog.quarter_flag_time"), "{err}");
        let err =
            FileConfig::from_toml("[dialog]\nquarter_flag_days_before_end = 91\n").unwrap_err();
        assert!(err.contains("quarter_flag_days_before_end"), "{err}");
        let err = FileConfig::from_toml("[calendar]\nholidays = [\"2027-3-1\"]\n").unwrap_err();
        assert!(
            err.contains("calendar.holidays") && err.contains("YYYY-MM-DD"),
            "{err}"
        );
        let err = FileConfig::from_toml("[calendar]\nholidays_file = \"/nonexistent/libur.txt\"\n")
            .unwrap_err();
        assert!(err.contains("calendar.holidays_file"), "{err}");
    }

    #[test]
    fn the_example_file_and_the_inline_list_are_merged_with_their_names() {
        let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/holidays-2027.txt");
        let toml = format!(
            "[calendar]\nholidays_file = {example:?}\nholidays = [\"2027-12-31 Libur daerah\"]\n"
        );
        let cfg = FileConfig::from_toml(&toml).unwrap();
        let list = cfg.calendar.holidays();
        let new_year = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        assert_eq!(list[0].day, new_year);
        assert!(!list[0].name.is_empty());
        let last = list.last().unwrap();
        assert_eq!(
            (last.day, last.name.as_str()),
            (
                NaiveDate::from_ymd_opt(2027, 12, 31).unwrap(),
                "Libur daerah"
            )
        );
        assert!(list.windows(2).all(|w| w[0].day < w[1].day));
    }
}
