//! The 360 round's time-driven messages: the opening message to each rater once a round opens,
//! reminders to raters with colleagues left on working days before the round's last day, and,
//! once it has closed, "your results are ready" to each ratee with an answer and to their
//! supervisor. HR's reminder to one unit on demand (`remind_unit`) shares the reminder's text.
//!
//! `run_due(deps, now)` does what is due at `now` (tests call it with times they choose); the
//! dialog scheduler's loop calls it on each `dialog.check` tick. Each `(round, slot, person)`
//! gets one message: it is queued in the same transaction as its record, recipients are worked
//! through in chunks by NIP so a restart goes on with those not yet done, and a finished slot is
//! recorded (for the opening and the results, on the round itself). A pass that comes late sends
//! only the latest reminder due, never a pile.
//!
//! Nothing here reads or says who answered what: reminders count a rater's own open assignments
//! only, and the results messages carry no rater.

mod messages;

use std::cmp::Reverse;
use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use crate::deps::Deps;
use crate::domain::RoundId;
use crate::domain::calendar::{Calendar, at_local, local_date};
use crate::domain::org::UnitId;
use crate::storage::dialog_reminders::Outgoing;
use crate::storage::feedback_reminders::{
    self as store, HR_SLOT_PREFIX, ORIGIN_OPENING, ORIGIN_REMINDER, ORIGIN_RESULTS, Reach,
    SLOT_OPENING, SLOT_RESULTS, SLOT_TEAM_RESULTS,
};
use crate::storage::feedback_rounds::{self, Round};
use crate::storage::{self, StorageError};

pub use messages::period_name;
use messages::{Message, RoundNames};

/// Recipients per transaction, as for the dialog reminders: the SQLite write lock is held
/// briefly and 100,000 raters take a few hundred transactions.
pub const CHUNK: i64 = 500;

/// How long a rater reminded on HR's demand is left alone by the next demand.
const HR_QUIET_SECONDS: i64 = 3600;

/// What one pass did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedbackPass {
    /// Opening messages queued, one per rater.
    pub opened: usize,
    /// Reminders queued, one per rater.
    pub reminded: usize,
    /// "Results ready" messages queued, to ratees and to supervisors.
    pub results: usize,
    /// The reminder slots worked on (`d1:2027-03-31`: one day before that last day).
    pub slots: Vec<String>,
}

impl FeedbackPass {
    pub fn queued(&self) -> usize {
        self.opened + self.reminded + self.results
    }
}

pub(crate) fn log_pass(result: Result<FeedbackPass, StorageError>) {
    match result {
        Ok(p) if p.queued() == 0 => {}
        Ok(p) => tracing::info!(
            opened = p.opened,
            reminded = p.reminded,
            results = p.results,
            "360 round messages queued"
        ),
        Err(e) => {
            tracing::warn!(error = %e, "360 round messages: database unavailable; will retry")
        }
    }
}

/// Does everything due at `now` for every round whose results were not yet announced.
pub async fn run_due(deps: &Deps, now: DateTime<Utc>) -> Result<FeedbackPass, StorageError> {
    let file = &deps.settings.file;
    let tz = file.time_zone.tz();
    let today = local_date(now, tz);
    let mut pass = FeedbackPass::default();
    let rounds = store::unfinished_rounds(&deps.db).await?;
    if rounds.is_empty() {
        return Ok(pass);
    }
    // Read every pass: HR's holidays changed in chat apply without a restart.
    let calendar = storage::calendar::calendar(&deps.db, file.calendar.holidays()).await?;
    let schedule = Schedule {
        days: &file.feedback.reminder_days_before_close,
        time: file.feedback.reminder_time(),
        calendar: &calendar,
        tz,
    };
    for round in &rounds {
        let mut prompted = round.prompted_at;
        // Not before the opening day's `reminder_time`: a round set up in advance does not
        // message thousands of people at midnight. One created later that day opens at once.
        let opening = at_local(round.opens_on, schedule.time, tz);
        if prompted.is_none() && round.is_open(today) && now >= opening {
            pass.opened += open(deps, round, now).await?;
            prompted = Some(now.timestamp());
        }
        let slots = schedule.slots(round);
        if let Some(prompted) = prompted.filter(|_| round.is_open(today))
            && let Some(slot) = due_reminder(&slots, now, prompted)
            && !store::is_finished(&deps.db, round.id, &slot.key).await?
        {
            pass.reminded += remind(deps, round, &slot.key, now).await?;
            pass.slots.push(slot.key.clone());
        }
        // "Results ready" when they are: the reminder time of the first closed day.
        if round.results_ready(now, tz, schedule.time) {
            pass.results += announce_results(deps, round, now).await?;
        }
    }
    if pass.queued() > 0 {
        deps.outbox.wake();
    }
    Ok(pass)
}

/// HR's reminder on demand: raters whose own unit is `unit` (not its sub-units) with colleagues
/// left in `round` get the reminder, unless one on demand reached them in the last hour.
/// Returns how many were queued; none when the round is unknown, not open yet or closed. The
/// caller checks that the HR person may reach the unit.
pub async fn remind_unit(
    deps: &Deps,
    round: RoundId,
    unit: UnitId,
    now: DateTime<Utc>,
) -> Result<u64, StorageError> {
    let today = local_date(now, deps.settings.file.time_zone.tz());
    let Some(round) = feedback_rounds::get(&deps.db, round).await? else {
        return Ok(0);
    };
    if !round.is_open(today) {
        return Ok(0);
    }
    let now_s = now.timestamp();
    // Two presses within the same hour share a slot, so even two at once remind each rater
    // once; the `since` test covers presses either side of the hour's turn.
    let slot = format!(
        "{HR_SLOT_PREFIX}{}:{}",
        unit.0,
        now_s.div_euclid(HR_QUIET_SECONDS)
    );
    let reach = Reach::UnitUnfinished {
        unit,
        since: now_s - HR_QUIET_SECONDS,
    };
    let job = Job {
        round: &round,
        message: Message::Reminder,
        reach,
        slot: &slot,
        origin: ORIGIN_REMINDER,
    };
    let queued = send(deps, &job, now).await?;
    if queued > 0 {
        tracing::info!(
            round = round.id.0,
            unit = unit.0,
            queued,
            "360 reminder on demand"
        );
    }
    Ok(queued as u64)
}

/// The opening message to every rater, then the round marked as prompted.
async fn open(deps: &Deps, round: &Round, now: DateTime<Utc>) -> Result<usize, StorageError> {
    let job = Job {
        round,
        message: Message::Opening,
        reach: Reach::Raters,
        slot: SLOT_OPENING,
        origin: ORIGIN_OPENING,
    };
    let queued = send(deps, &job, now).await?;
    store::mark_prompted(&deps.db, round.id, now.timestamp()).await?;
    Ok(queued)
}

async fn remind(
    deps: &Deps,
    round: &Round,
    slot: &str,
    now: DateTime<Utc>,
) -> Result<usize, StorageError> {
    let job = Job {
        round,
        message: Message::Reminder,
        reach: Reach::Unfinished,
        slot,
        origin: ORIGIN_REMINDER,
    };
    let queued = send(deps, &job, now).await?;
    store::finish(&deps.db, round.id, slot, now.timestamp()).await?;
    Ok(queued)
}

/// "Your results are ready" to each ratee, "your subordinates' results are ready" to each of
/// their supervisors, then the round marked as announced.
async fn announce_results(
    deps: &Deps,
    round: &Round,
    now: DateTime<Utc>,
) -> Result<usize, StorageError> {
    let mut queued = 0;
    for (message, reach, slot) in [
        (Message::Results, Reach::Ratees, SLOT_RESULTS),
        (Message::TeamResults, Reach::Supervisors, SLOT_TEAM_RESULTS),
    ] {
        let job = Job {
            round,
            message,
            reach,
            slot,
            origin: ORIGIN_RESULTS,
        };
        queued += send(deps, &job, now).await?;
    }
    store::mark_results_sent(&deps.db, round.id, now.timestamp()).await?;
    Ok(queued)
}

/// One slot of one round to work through.
struct Job<'a> {
    round: &'a Round,
    message: Message,
    reach: Reach,
    slot: &'a str,
    origin: &'static str,
}

/// Queues the slot's messages, a chunk of recipients per transaction. Returns how many this
/// call queued (another process may have queued the rest).
async fn send(deps: &Deps, job: &Job<'_>, now: DateTime<Utc>) -> Result<usize, StorageError> {
    let db = &deps.db;
    let id = job.round.id;
    let names = RoundNames::of(job.round);
    let mut after = String::new();
    let mut queued = 0;
    loop {
        let chunk = store::recipients(db, id, job.reach, job.slot, &after, CHUNK).await?;
        let Some(last) = chunk.last() else {
            break;
        };
        after = last.recipient.nip.clone();
        let lists = match job.message {
            Message::Opening => store::colleagues(db, id, &chunk).await?,
            _ => HashMap::new(),
        };
        let outgoing: Vec<Outgoing> = chunk
            .iter()
            .map(|c| {
                let colleagues = lists.get(&c.recipient.nip).map(Vec::as_slice);
                Outgoing {
                    recipient: c.recipient.clone(),
                    payload: messages::payload(job.message, &names, c, colleagues),
                }
            })
            .collect();
        let n = store::queue(db, id, job.slot, job.origin, &outgoing, now.timestamp()).await?;
        if n > 0 {
            // The sender starts on this chunk while the next is worked out.
            deps.outbox.wake();
        }
        queued += n;
    }
    Ok(queued)
}

/// When reminders fall due: the configured days before a round's last day, at a time of day,
/// on the organisation's working days.
pub struct Schedule<'a> {
    pub days: &'a [u32],
    pub time: NaiveTime,
    pub calendar: &'a Calendar,
    pub tz: Tz,
}

/// One reminder of a round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderSlot {
    pub days_before: u32,
    pub day: NaiveDate,
    pub at: DateTime<Utc>,
    /// `d3:2027-03-31`. The last day is part of it, so a round extended after its reminders
    /// went out is reminded again before its new last day.
    pub key: String,
}

impl Schedule<'_> {
    /// The round's reminders: `d` days before its last day, moved back to the working day
    /// before when that is a weekend or a holiday (a reminder is no use after the day it warns
    /// of), left out when that falls before the round opens.
    pub fn slots(&self, round: &Round) -> Vec<ReminderSlot> {
        let last = round.last_day();
        self.days
            .iter()
            .filter_map(|&d| {
                let day = last.checked_sub_days(Days::new(u64::from(d)))?;
                let day = previous_working_day(self.calendar, day)?;
                (day >= round.opens_on).then(|| ReminderSlot {
                    days_before: d,
                    day,
                    at: at_local(day, self.time, self.tz),
                    key: format!("d{d}:{last}"),
                })
            })
            .collect()
    }
}

/// `day` itself when it is a working day, else the last working day before it. A year back is
/// far beyond any real run of days off; past it there is no reminder.
fn previous_working_day(calendar: &Calendar, day: NaiveDate) -> Option<NaiveDate> {
    std::iter::successors(Some(day), |d| d.pred_opt())
        .take(366)
        .find(|d| calendar.is_working_day(*d))
}

/// The reminder to send at `now`: the latest one due, so that after downtime the one closest to
/// the close goes alone (on a tie, the fewer days before the close). One due before the raters'
/// opening message (epoch seconds `prompted_at`) is not sent: that message just told them.
pub fn due_reminder(
    slots: &[ReminderSlot],
    now: DateTime<Utc>,
    prompted_at: i64,
) -> Option<&ReminderSlot> {
    slots
        .iter()
        .filter(|s| s.at <= now && s.at.timestamp() > prompted_at)
        .max_by_key(|s| (s.at, Reverse(s.days_before)))
}

#[cfg(test)]
#[path = "feedback_tests.rs"]
mod tests;
