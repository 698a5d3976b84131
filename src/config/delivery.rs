//! Config sections for the outbox and for deadline reminders.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Outbox {
    /// Requests to Telegram in flight at once (Telegram answers in ~50–200 ms, so 30/s needs a
    /// few; 1000/s needs more).
    pub max_in_flight: usize,
    /// How long a sender holds messages it took. A sender that dies leaves them to be sent
    /// again after this; the messages it was sending at that moment may go twice.
    pub lease_seconds: u64,
    /// Attempts on 5xx or network errors before a message is recorded as failed.
    pub max_attempts: u32,
    /// How often the queue is looked at when nothing wakes the sender (another process, such
    /// as `kinerja-bot broadcast`, may have queued messages), in milliseconds.
    pub poll_interval_ms: u64,
}

impl Default for Outbox {
    fn default() -> Self {
        Self {
            max_in_flight: 16,
            lease_seconds: 30,
            max_attempts: 50,
            poll_interval_ms: 1000,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Deadlines {
    /// Days before a deadline on whose morning its audience is reminded.
    pub reminder_days_before: Vec<u32>,
    /// Also remind on the morning of the day itself.
    pub remind_on_the_day: bool,
    /// The time of day reminders go out, "HH:MM" in the organisation's zone.
    pub reminder_time: String,
}

impl Default for Deadlines {
    fn default() -> Self {
        Self {
            reminder_days_before: vec![7, 3, 1],
            remind_on_the_day: true,
            reminder_time: "08:00".into(),
        }
    }
}

impl Deadlines {
    pub fn reminder_time(&self) -> Option<chrono::NaiveTime> {
        chrono::NaiveTime::parse_from_str(&self.reminder_time, "%H:%M").ok()
    }

    pub fn plan(&self) -> crate::domain::deadline::ReminderPlan {
        crate::domain::deadline::ReminderPlan {
            days_before: self.reminder_days_before.clone(),
            morning_of: self.remind_on_the_day,
            time: self
                .reminder_time()
                .unwrap_or(chrono::NaiveTime::MIN + chrono::Duration::hours(8)),
        }
    }

    pub(super) fn check(&self) -> Result<(), String> {
        if self.reminder_time().is_none() {
            return Err(format!(
                "deadlines.reminder_time = {:?} is not a time; expected \"HH:MM\", e.g. \"08:00\"",
                self.reminder_time
            ));
        }
        if let Some(d) = self
            .reminder_days_before
            .iter()
            .find(|d| **d == 0 || **d > 365)
        {
            return Err(format!(
                "deadlines.reminder_days_before holds {d}: allowed 1 to 365 (the day itself is \
                 deadlines.remind_on_the_day)"
            ));
        }
        Ok(())
    }
}
