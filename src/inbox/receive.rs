//! Receiving by long polling: fetch a batch, store it in the inbox, hand the new updates to the
//! workers, and confirm the batch to Telegram with the next fetch. A batch that cannot be
//! stored (the database is away) is kept and retried, unconfirmed, so nothing is lost; what a
//! crash leaves pending is handed to the workers at start.

use std::time::{Duration, Instant};

use teloxide::prelude::*;
use teloxide::types::{AllowedUpdate, Update};
use tokio_util::sync::CancellationToken;

use super::{Flood, Job, Verdict, Workers};
use crate::clock::SharedClock;
use crate::storage::inbox::{self, Kind, Stored};
use crate::storage::{Db, StorageError};

/// Telegram keeps unconfirmed updates for 24 hours; handled rows are kept a little longer.
const KEEP_HANDLED_S: i64 = 48 * 3600;
const PRUNE_EVERY: Duration = Duration::from_secs(30 * 60);

/// What receiving needs; nothing of the handlers.
pub struct Receiver<'a> {
    pub bot: &'a Bot,
    pub db: &'a Db,
    pub clock: &'a SharedClock,
    pub workers: &'a Workers,
    pub flood: Flood,
    pub timeout_seconds: u32,
}

/// Serves until `shutdown`: first what was left pending, then new updates as they come.
pub async fn poll(mut rx: Receiver<'_>, shutdown: CancellationToken) {
    resume_pending(&rx, &shutdown).await;
    let mut offset: Option<i32> = None;
    let mut backoff = crate::backoff::Backoff::default();
    let mut last_prune: Option<Instant> = None;
    while !shutdown.is_cancelled() {
        rx.workers.until_room().await;
        let mut req = rx
            .bot
            .get_updates()
            .timeout(rx.timeout_seconds)
            .limit(100)
            .allowed_updates([AllowedUpdate::Message, AllowedUpdate::CallbackQuery]);
        if let Some(o) = offset {
            req = req.offset(o);
        }
        let res = tokio::select! {
            _ = shutdown.cancelled() => break,
            r = req.send() => r,
        };
        let updates = match res {
            Ok(u) => {
                backoff.reset();
                u
            }
            Err(e) => {
                let wait = backoff.next_wait();
                let error = crate::telegram::describe(&e);
                tracing::warn!(%error, retry_in_s = wait.as_secs(), "getUpdates failed; retrying");
                tokio::select! {
                    _ = shutdown.cancelled() => break,
                    _ = tokio::time::sleep(wait) => continue,
                }
            }
        };
        let Some(last) = updates.iter().map(|u| u.id.0).max() else {
            continue;
        };
        metrics::counter!("kinerja_updates_received_total").increment(updates.len() as u64);
        let rows = classify(&mut rx.flood, &updates);
        let Some(fresh) = store(&rx, rows, updates, &shutdown).await else {
            // Stopping before it was stored: Telegram sends the batch again after the restart.
            break;
        };
        rx.workers.submit(fresh);
        offset = i32::try_from(last).ok().map(|l| l + 1);
        prune(&rx, &mut last_prune).await;
    }
    confirm(rx.bot, offset).await;
}

/// The chat an update belongs to, for ordering: its chat, else its sender.
fn chat_key(update: &Update) -> i64 {
    update
        .chat()
        .map(|c| c.id.0)
        .or_else(|| update.from().map(|u| u.id.0 as i64))
        .unwrap_or_default()
}

/// The rows to store for `updates`, in the same order.
pub(super) fn classify(flood: &mut Flood, updates: &[Update]) -> Vec<Stored> {
    let now = Instant::now();
    updates
        .iter()
        .map(|update| {
            let kind = match update.from().map(|u| u.id.0 as i64) {
                Some(user) => match flood.check(user, now) {
                    Verdict::Admit => Kind::Update,
                    Verdict::SlowDown => Kind::SlowDown,
                    Verdict::Drop => Kind::Dropped,
                },
                None => Kind::Update,
            };
            Stored {
                update_id: i64::from(update.id.0),
                chat_id: chat_key(update),
                kind,
                payload: serde_json::to_string(update).unwrap_or_default(),
            }
        })
        .collect()
}

/// Stores the batch, retrying while the database is away; `None` if a stop came first.
async fn store(
    rx: &Receiver<'_>,
    rows: Vec<Stored>,
    updates: Vec<Update>,
    shutdown: &CancellationToken,
) -> Option<Vec<Job>> {
    let mut backoff = crate::backoff::Backoff::default();
    let fresh = loop {
        match inbox::store(rx.db, &rows, rx.clock.now().timestamp()).await {
            Ok(fresh) => break fresh,
            Err(e) => {
                let wait = backoff.next_wait().min(Duration::from_secs(5));
                tracing::warn!(error = %e, retry_in_s = wait.as_secs_f32(), "cannot store updates; retrying (Telegram keeps them meanwhile)");
                tokio::select! {
                    _ = shutdown.cancelled() => return None,
                    _ = tokio::time::sleep(wait) => {}
                }
            }
        }
    };
    Some(
        rows.into_iter()
            .zip(updates)
            .filter(|(s, _)| fresh.contains(&s.update_id))
            .map(|(s, update)| Job {
                update_id: s.update_id,
                chat_id: s.chat_id,
                kind: s.kind,
                update,
            })
            .collect(),
    )
}

/// Hands the workers what a crash or a stop left pending, oldest first.
async fn resume_pending(rx: &Receiver<'_>, shutdown: &CancellationToken) {
    let mut after = i64::MIN;
    let mut backoff = crate::backoff::Backoff::default();
    while !shutdown.is_cancelled() {
        let rows = match inbox::pending(rx.db, after, 1000).await {
            Ok(rows) => rows,
            Err(e) => {
                let wait = backoff.next_wait().min(Duration::from_secs(5));
                tracing::warn!(error = %e, "cannot read pending updates; retrying");
                tokio::select! {
                    _ = shutdown.cancelled() => return,
                    _ = tokio::time::sleep(wait) => continue,
                }
            }
        };
        let Some(last) = rows.last().map(|r| r.update_id) else {
            return;
        };
        after = last;
        let jobs = rows
            .into_iter()
            .filter_map(|r| job_from(rx.db, rx.clock, r))
            .collect::<Vec<_>>();
        if !jobs.is_empty() {
            tracing::info!(
                count = jobs.len(),
                "handling updates left pending before the start"
            );
        }
        rx.workers.until_room().await;
        rx.workers.submit(jobs);
    }
}

/// The job for a stored row; an unreadable one is marked handled and skipped.
pub(super) fn job_from(db: &Db, clock: &SharedClock, row: Stored) -> Option<Job> {
    match serde_json::from_str::<Update>(&row.payload) {
        Ok(update) => Some(Job {
            update_id: row.update_id,
            chat_id: row.chat_id,
            kind: row.kind,
            update,
        }),
        Err(e) => {
            // Unreadable (written by another version): it cannot be handled; say so once.
            tracing::error!(error = %e, update_id = row.update_id, "a pending update cannot be read; skipped");
            let (db, id, now) = (db.clone(), row.update_id, clock.now().timestamp());
            tokio::spawn(async move { inbox::mark_handled(&db, id, now).await });
            None
        }
    }
}

async fn prune(rx: &Receiver<'_>, last: &mut Option<Instant>) {
    prune_handled(rx.db, rx.clock, last).await;
}

/// Forgets handled updates older than Telegram could resend, at most every half hour.
pub(super) async fn prune_handled(db: &Db, clock: &SharedClock, last: &mut Option<Instant>) {
    if last.is_some_and(|t| t.elapsed() < PRUNE_EVERY) {
        return;
    }
    *last = Some(Instant::now());
    let before = clock.now().timestamp() - KEEP_HANDLED_S;
    let res: Result<u64, StorageError> = inbox::prune(db, before).await;
    if let Err(e) = res {
        tracing::warn!(error = %e, "cannot prune handled updates");
    }
}

/// Tells Telegram the stored updates are safe, so a restart does not fetch them again. The
/// inbox makes this an optimisation, not a requirement.
async fn confirm(bot: &Bot, offset: Option<i32>) {
    let Some(o) = offset else { return };
    let req = bot.get_updates().offset(o).limit(1).timeout(0);
    match tokio::time::timeout(Duration::from_secs(5), req.send()).await {
        Ok(Ok(_)) => tracing::debug!("confirmed stored updates"),
        _ => tracing::debug!("could not confirm stored updates; they are recognised after restart"),
    }
}
