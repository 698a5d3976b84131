//! Deadline reminders. `run_due(now)` does one pass and is what tests call with a clock they
//! set; `run` repeats it on the `schedules.deadline_check` cron, and once at start, so a reminder
//! that fell due while the bot was down goes out once after it starts.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio_util::sync::CancellationToken;

use crate::app::App;
use crate::domain::deadline::{self, due_reminders};
use crate::domain::formatting::escape_html;
use crate::domain::{Lang, PerLang};
use crate::i18n::{Msg, text, text_with};
use crate::storage::deadlines::{self, Deadline, Reminder};
use crate::storage::{self, StorageError};

/// The longest the loop sleeps without looking again: a clock moved by hand (tests, or an
/// operator fixing the system time) is noticed within this.
const MAX_SLEEP: Duration = Duration::from_secs(60);

pub async fn run(app: Arc<App>, shutdown: CancellationToken) {
    let schedule = app.settings.file.schedules.deadline_check.schedule();
    let tz = app.settings.file.time_zone.tz();
    let mut due: Option<DateTime<Utc>> = None;
    let mut seat = app.seat.watch();
    loop {
        let now = app.clock.now();
        if let Some(due) = due
            && app.seat.held()
        {
            super::record_lag("deadlines", now - due);
        }
        // Another replica holds the fleet's scheduled work: it sends these.
        let pass = if app.seat.held() {
            run_due(&app, now).await
        } else {
            Ok(0)
        };
        match pass {
            Ok(0) => {}
            Ok(n) => tracing::info!(reminders = n, "deadline reminders queued"),
            Err(e) => {
                tracing::warn!(error = %e, "deadline reminders: database unavailable; will retry")
            }
        }
        due = schedule
            .after(&now.with_timezone(&tz))
            .next()
            .map(|t| t.with_timezone(&Utc));
        let next = due
            .map(|t| (t - now).to_std().unwrap_or_default())
            .unwrap_or(MAX_SLEEP)
            .clamp(Duration::from_millis(200), MAX_SLEEP);
        tokio::select! {
            _ = shutdown.cancelled() => return,
            _ = crate::fleet::taken(&mut seat) => {}
            _ = tokio::time::sleep(next) => {}
        }
    }
}

/// Queues every deadline reminder due at `now`; returns how many reminders were queued.
pub async fn run_due(app: &App, now: DateTime<Utc>) -> Result<usize, StorageError> {
    let tz = app.settings.file.time_zone.tz();
    let plan = app.settings.file.deadlines.plan();
    let mut queued = 0;
    for d in deadlines::upcoming(&app.db, now.timestamp()).await? {
        let (Some(due), Some(from)) = (
            DateTime::from_timestamp(d.due_at, 0),
            DateTime::from_timestamp(d.reminders_from, 0),
        ) else {
            continue;
        };
        let slots = plan.slots(due, tz);
        let handled = deadlines::handled_slots(&app.db, d.id, d.due_at).await?;
        let todo = due_reminders(&slots, due, from, now, &handled);
        if todo.send.is_none() && todo.skip.is_empty() {
            continue;
        }
        let Some(audience) =
            storage::audience::resolve(&app.db, d.audience, d.scope_unit_id).await?
        else {
            tracing::warn!(
                deadline = d.id,
                "deadline audience names a unit that is gone"
            );
            continue;
        };
        let texts = PerLang::from_fn(|lang| reminder_text(lang, &d, due, now, tz));
        let send = todo.send.as_ref().map(|slot| Reminder {
            slot: &slot.key,
            texts: &texts,
        });
        let skip: Vec<&str> = todo.skip.iter().map(|s| s.key.as_str()).collect();
        let sent = todo.send.is_some();
        if deadlines::remind(&app.db, &d, send, &skip, &audience, now.timestamp()).await? && sent {
            queued += 1;
            tracing::info!(deadline = d.id, "deadline reminder queued");
        }
    }
    if queued > 0 {
        app.outbox.wake();
    }
    Ok(queued)
}

/// The reminder in one language. HR's title and description are shown as written, escaped.
pub fn reminder_text(
    lang: Lang,
    d: &Deadline,
    due: DateTime<Utc>,
    now: DateTime<Utc>,
    tz: chrono_tz::Tz,
) -> String {
    let days = deadline::days_left(due, now, tz);
    let left = if days <= 0 {
        text(lang, Msg::DeadlineToday)
    } else {
        text_with(lang, Msg::DeadlineDaysLeft, &[("days", days.to_string())])
    };
    let zone = crate::domain::deadline::zone_name(tz);
    let mut body = text_with(
        lang,
        Msg::DeadlineReminder,
        &[
            ("title", escape_html(&d.title)),
            ("due", format!("{} {zone}", deadline::format_local(due, tz))),
            ("left", left),
        ],
    );
    if !d.description.is_empty() {
        body.push_str("\n\n");
        body.push_str(&escape_html(&d.description));
    }
    body
}
