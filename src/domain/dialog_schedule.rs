//! When the dialog kinerja reminders fire: the monthly first reminder and its follow-ups, each
//! moved off weekends and holidays, and the quarter's compliance flag and escalation (a dialog is
//! to be reported at least once a quarter).
//!
//! Schedules are `cron` expressions in the organisation's zone, with seconds first. In `cron`,
//! numeric days of the week count from 1 = Sunday, so configs should name them (`Mon`).

use std::collections::HashSet;

use chrono::{DateTime, Days, Duration, NaiveTime, Utc};
use chrono_tz::Tz;

use super::calendar::{Calendar, Month, Quarter, at_local, local_date};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlotKind {
    /// The month's opening reminder to hold the dialog.
    First,
    /// A later nudge for those who have not held it yet.
    FollowUp,
}

/// One reminder of one month; `key` names it in storage so it is sent once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    pub key: String,
    pub at: DateTime<Utc>,
    pub kind: SlotKind,
}

/// The reminders of `month`, earliest first: the earliest `first` occurrence in the month and
/// the `follow_up` occurrences after it, each moved to the next working day at the same local
/// time and dropped if that leaves the month. Without a first reminder in the month there is
/// nothing to follow up, so there are no follow-ups either. At most one follow-up per day is
/// kept (the earliest), so its key, which names the day, is unique.
pub fn month_slots(
    month: Month,
    first: &cron::Schedule,
    follow_up: &cron::Schedule,
    calendar: &Calendar,
    tz: Tz,
) -> Vec<Slot> {
    let Some(first_at) = occurrences(first, month, tz)
        .next()
        .map(|t| moved(t, calendar, tz))
        .filter(|t| month.contains(local_date(*t, tz)))
    else {
        return Vec::new();
    };
    let mut slots = vec![Slot {
        key: format!("{month}:first"),
        at: first_at,
        kind: SlotKind::First,
    }];
    let mut days = HashSet::new();
    let follow_ups = occurrences(follow_up, month, tz)
        .map(|t| moved(t, calendar, tz))
        .filter(|t| *t > first_at && month.contains(local_date(*t, tz)))
        .filter(|t| days.insert(local_date(*t, tz)));
    slots.extend(follow_ups.map(|at| Slot {
        key: format!("{month}:follow:{}", local_date(at, tz).format("%Y-%m-%d")),
        at,
        kind: SlotKind::FollowUp,
    }));
    slots.sort_by_key(|s| s.at);
    slots
}

/// The schedule's occurrences whose local date is in `month`. Starting a second before the
/// month and stopping at its end keeps this bounded however the schedule is written.
fn occurrences(
    schedule: &cron::Schedule,
    month: Month,
    tz: Tz,
) -> impl Iterator<Item = DateTime<Tz>> + '_ {
    let midnight = at_local(month.first_day(), NaiveTime::MIN, tz);
    let start = midnight
        .checked_sub_signed(Duration::seconds(1))
        .unwrap_or(midnight);
    schedule
        .after(&start.with_timezone(&tz))
        .skip_while(move |t| t.date_naive() < month.first_day())
        .take_while(move |t| t.date_naive() <= month.last_day())
}

/// Same local time of day, on the next working day.
fn moved(at: DateTime<Tz>, calendar: &Calendar, tz: Tz) -> DateTime<Utc> {
    at_local(calendar.next_working_day(at.date_naive()), at.time(), tz)
}

/// What to do at `now`: send the latest due slot unless already handled, and mark the earlier
/// unhandled due ones as skipped, so a bot back from downtime sends one reminder, not a pile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DueSlots<'a> {
    pub send: Option<&'a Slot>,
    pub skip: Vec<&'a Slot>,
}

pub fn due_slot<'a>(
    slots: &'a [Slot],
    now: DateTime<Utc>,
    handled: &HashSet<String>,
) -> DueSlots<'a> {
    let mut due: Vec<&Slot> = slots.iter().filter(|s| s.at <= now).collect();
    due.sort_by_key(|s| s.at);
    let latest = due.pop();
    DueSlots {
        send: latest.filter(|s| !handled.contains(&s.key)),
        skip: due
            .into_iter()
            .filter(|s| !handled.contains(&s.key))
            .collect(),
    }
}

/// When supervisors whose team is missing a dialog this quarter are warned: `days_before_end`
/// days before the quarter's last day, moved to the next working day, at `time`.
pub fn quarter_flag_at(
    quarter: Quarter,
    days_before_end: u32,
    time: NaiveTime,
    calendar: &Calendar,
    tz: Tz,
) -> DateTime<Utc> {
    let last = quarter.last_day();
    let day = last
        .checked_sub_days(Days::new(u64::from(days_before_end)))
        .unwrap_or(last);
    at_local(calendar.next_working_day(day), time, tz)
}

/// When a quarter without a dialog is escalated: the first working day after it ended.
pub fn quarter_escalation_at(
    quarter: Quarter,
    time: NaiveTime,
    calendar: &Calendar,
    tz: Tz,
) -> DateTime<Utc> {
    at_local(
        calendar.next_working_day(quarter.next().first_day()),
        time,
        tz,
    )
}

/// `2027-Q1:flag`.
pub fn quarter_flag_key(quarter: Quarter) -> String {
    format!("{quarter}:flag")
}

/// `2027-Q1:escalate`.
pub fn quarter_escalation_key(quarter: Quarter) -> String {
    format!("{quarter}:escalate")
}

#[cfg(test)]
#[path = "dialog_schedule_tests.rs"]
mod tests;
