//! The sender: leases due rows, paces them, makes one attempt each and settles the row with what
//! Telegram answered. It never panics and never stops on a database error; it waits and resumes.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use super::Pacer;
use crate::app::{App, Backoff};
use crate::bot::telegram::AttemptError;
use crate::clock::{Clock, SystemClock};
use crate::storage::outbox::{self, Claimed, Outcome, Payload};

/// Payloads kept in memory; a broadcast needs one, reminders one per language.
const PAYLOAD_CACHE: usize = 256;

struct Shared {
    app: Arc<App>,
    pacer: Pacer,
    payloads: Mutex<HashMap<i64, Arc<Payload>>>,
    /// Chats that answered 403 during this run: their other queued messages are not tried.
    unreachable: Mutex<HashSet<i64>>,
}

/// Wall-clock milliseconds, for leases and retry times shared with other processes.
fn wall_ms() -> i64 {
    SystemClock.now().timestamp_millis()
}

pub async fn run(app: Arc<App>, shutdown: CancellationToken) {
    let limits = &app.settings.file.rate_limits;
    let pacer = Pacer::new(
        limits.messages_per_second,
        Duration::from_millis(limits.per_chat_interval_ms),
    );
    let shared = Arc::new(Shared {
        app: app.clone(),
        pacer,
        payloads: Mutex::new(HashMap::new()),
        unreachable: Mutex::new(HashSet::new()),
    });
    let cfg = app.settings.file.outbox.clone();
    let in_flight = Arc::new(Semaphore::new(cfg.max_in_flight));
    let mut tasks = JoinSet::new();
    let mut backoff = Backoff::default();
    // Half a second of sending per claim: few queries, and a stopped broadcast stops within
    // about that long (claimed rows are past cancelling).
    let batch = i64::from(limits.messages_per_second / 2).clamp(1, 500);
    let mut claims = 0u64;
    loop {
        if shutdown.is_cancelled() {
            break;
        }
        while tasks.try_join_next().is_some() {}
        if claims.is_multiple_of(64) {
            shared.pacer.forget_idle_chats();
            if let Err(e) = outbox::reclaim_expired(&app.db, wall_ms()).await {
                tracing::warn!(error = %e, "outbox: cannot look for abandoned messages");
            }
        }
        claims += 1;
        let lease_until = wall_ms() + (cfg.lease_seconds * 1000) as i64;
        let owner = app.outbox.owner();
        let claimed = match outbox::claim(&app.db, owner, wall_ms(), lease_until, batch).await {
            Ok(c) => {
                backoff.reset();
                c
            }
            Err(e) => {
                let wait = backoff.next_wait();
                tracing::warn!(error = %e, retry_in_s = wait.as_secs(), "outbox: database unavailable; retrying");
                tokio::select! {
                    _ = shutdown.cancelled() => break,
                    _ = tokio::time::sleep(wait) => continue,
                }
            }
        };
        if claimed.is_empty() {
            tokio::select! {
                _ = shutdown.cancelled() => break,
                _ = app.outbox.woken() => {}
                _ = tokio::time::sleep(Duration::from_millis(cfg.poll_interval_ms)) => {}
            }
            continue;
        }
        dispatch(&shared, claimed, &in_flight, &mut tasks, &shutdown).await;
    }
    // What is in flight finishes its one attempt and is settled; nothing new starts.
    while tasks.join_next().await.is_some() {}
}

/// Starts one attempt per claimed row, paced. Rows it does not start (a hold, a busy chat, a
/// stop) go back to the queue at once rather than waiting out their lease.
async fn dispatch(
    shared: &Arc<Shared>,
    claimed: Vec<Claimed>,
    in_flight: &Arc<Semaphore>,
    tasks: &mut JoinSet<()>,
    shutdown: &CancellationToken,
) {
    let mut rows = claimed.into_iter();
    while let Some(row) = rows.next() {
        if let Some(hold) = shared.pacer.held_for() {
            // A 429 or an outage: hand the rest back and come back after the hold.
            let back = std::iter::once(row).chain(rows).collect::<Vec<_>>();
            release_all(shared, back, 0).await;
            tokio::select! {
                _ = shutdown.cancelled() => {}
                _ = tokio::time::sleep(hold) => {}
            }
            return;
        }
        if shutdown.is_cancelled() {
            let back = std::iter::once(row).chain(rows).collect::<Vec<_>>();
            release_all(shared, back, 0).await;
            return;
        }
        if still_unreachable(shared, row.chat_id).await {
            let outcome = Outcome::Unreachable("blocked the bot (earlier in this run)".into());
            settle(shared, &row, outcome).await;
            continue;
        }
        if let Err(wait) = shared.pacer.chat_ready(row.chat_id) {
            release_all(shared, vec![row], wait.as_millis() as i64).await;
            continue;
        }
        tokio::select! {
            _ = shutdown.cancelled() => {
                release_all(shared, vec![row], 0).await;
                continue;
            }
            _ = shared.pacer.global_slot() => {}
        }
        let Ok(permit) = in_flight.clone().acquire_owned().await else {
            return;
        };
        let shared = shared.clone();
        tasks.spawn(async move {
            deliver(&shared, &row).await;
            drop(permit);
        });
    }
}

/// Whether this chat answered 403 earlier in this run and has not written to the bot since
/// (writing again clears the mark in the database).
async fn still_unreachable(shared: &Shared, chat: i64) -> bool {
    let marked = shared
        .unreachable
        .lock()
        .map(|s| s.contains(&chat))
        .unwrap_or(false);
    if !marked {
        return false;
    }
    match crate::storage::users::is_blocked(&shared.app.db, chat).await {
        Ok(true) => true,
        Ok(false) => {
            if let Ok(mut set) = shared.unreachable.lock() {
                set.remove(&chat);
            }
            false
        }
        // Unknown: try the send; Telegram will tell.
        Err(_) => false,
    }
}

async fn release_all(shared: &Shared, rows: Vec<Claimed>, delay_ms: i64) {
    let not_before = wall_ms() + delay_ms;
    for row in rows {
        let outcome = Outcome::Retry {
            not_before,
            attempted: false,
            error: None,
        };
        settle(shared, &row, outcome).await;
    }
}

async fn deliver(shared: &Shared, row: &Claimed) {
    let app = &shared.app;
    let payload = match payload(shared, row.payload_id).await {
        Ok(p) => p,
        Err(e) => {
            tracing::warn!(error = %e, "outbox: cannot read a message; retrying later");
            let outcome = Outcome::Retry {
                not_before: wall_ms() + 1000,
                attempted: false,
                error: None,
            };
            return settle(shared, row, outcome).await;
        }
    };
    let result = app
        .telegram
        .send_once(
            row.chat_id,
            &payload.text,
            payload.html,
            payload.keyboard.as_deref(),
        )
        .await;
    let outcome = judge(shared, row, result).await;
    settle(shared, row, outcome).await;
}

/// What an attempt's answer means for the row (and for everyone, on a 429 or an outage).
async fn judge(shared: &Shared, row: &Claimed, result: Result<(), AttemptError>) -> Outcome {
    let max_attempts = i64::from(shared.app.settings.file.outbox.max_attempts);
    match result {
        Ok(()) => {
            shared.pacer.succeeded();
            Outcome::Sent
        }
        Err(AttemptError::RetryAfter(wait)) => {
            tracing::warn!(
                retry_after_s = wait.as_secs(),
                "outbox: Telegram asked to slow down; holding all sending"
            );
            shared.pacer.freeze(wait);
            Outcome::Retry {
                not_before: wall_ms() + wait.as_millis() as i64,
                attempted: false,
                error: Some("429 Too Many Requests".into()),
            }
        }
        Err(AttemptError::Transient(e)) => {
            let pause = shared.pacer.failed();
            tracing::warn!(error = %e, pause_ms = pause.as_millis() as u64, "outbox: Bot API failing; pausing");
            if row.attempts + 1 >= max_attempts {
                Outcome::Failed(format!("gave up after {} attempts: {e}", row.attempts + 1))
            } else {
                Outcome::Retry {
                    not_before: wall_ms() + pause.as_millis() as i64,
                    attempted: true,
                    error: Some(e),
                }
            }
        }
        Err(AttemptError::Unreachable(e)) => {
            if let Ok(mut set) = shared.unreachable.lock() {
                set.insert(row.chat_id);
            }
            let now = shared.app.clock.now();
            if let Err(err) =
                crate::storage::users::mark_blocked(&shared.app.db, row.chat_id, now).await
            {
                tracing::warn!(error = %err, "outbox: cannot mark an unreachable user");
            }
            Outcome::Unreachable(e)
        }
        Err(AttemptError::Rejected(e)) => {
            tracing::warn!(error = %e, "outbox: Telegram refused a message; recorded as failed");
            Outcome::Failed(e)
        }
    }
}

async fn payload(shared: &Shared, id: i64) -> Result<Arc<Payload>, crate::storage::StorageError> {
    if let Some(p) = shared
        .payloads
        .lock()
        .ok()
        .and_then(|m| m.get(&id).cloned())
    {
        return Ok(p);
    }
    let loaded = outbox::payload(&shared.app.db, id)
        .await?
        .ok_or_else(|| crate::storage::StorageError::Corrupt(format!("outbox payload {id}")))?;
    let loaded = Arc::new(loaded);
    if let Ok(mut cache) = shared.payloads.lock() {
        if cache.len() >= PAYLOAD_CACHE {
            cache.clear();
        }
        cache.insert(id, loaded.clone());
    }
    Ok(loaded)
}

/// Records the outcome, retrying while the database is briefly away: a message that went out
/// but is not recorded as sent would go out again once its lease ends.
async fn settle(shared: &Shared, row: &Claimed, outcome: Outcome) {
    let app = &shared.app;
    let mut backoff = Backoff::default();
    for _ in 0..8 {
        let now = app.clock.now().timestamp();
        match outbox::settle(&app.db, row.id, app.outbox.owner(), &outcome, now).await {
            Ok(()) => return,
            Err(e) => {
                let wait = backoff.next_wait();
                tracing::warn!(error = %e, retry_in_s = wait.as_secs(), "outbox: cannot record a delivery; retrying");
                tokio::time::sleep(wait).await;
            }
        }
    }
    tracing::error!(
        outbox_id = row.id,
        "outbox: delivery not recorded; it may be sent again after its lease"
    );
}
