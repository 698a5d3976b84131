//! The sender: takes the sender's seat (one process per database sends, so Telegram's limits
//! hold across replicas), leases due rows, paces them, makes one attempt each and settles the
//! row with what Telegram answered. It never panics and never stops on a database error; it
//! waits and resumes.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use crate::app::App;
use crate::backoff::Backoff;
use crate::clock::{Clock, SystemClock};
use crate::domain::ChatId;
use crate::storage::outbox::{self, Claimed, Outcome, Payload};
use crate::telegram::AttemptError;

/// Payloads kept in memory; a broadcast needs one, reminders one per language.
const PAYLOAD_CACHE: usize = 256;
/// Chats remembered as unreachable in this run; beyond this the database's mark is enough.
const UNREACHABLE_MEMORY: usize = 10_000;

struct Shared {
    app: Arc<App>,
    payloads: Mutex<HashMap<i64, Arc<Payload>>>,
    /// Chats that answered 403 during this run: their other queued messages are not tried.
    unreachable: Mutex<HashSet<ChatId>>,
    /// How long a claim holds its rows, in ms.
    lease_ms: i64,
}

/// Wall-clock milliseconds, for leases and retry times shared with other processes.
fn wall_ms() -> i64 {
    SystemClock.now().timestamp_millis()
}

pub async fn run(app: Arc<App>, shutdown: CancellationToken) {
    let limits = &app.settings.file.rate_limits;
    let cfg = app.settings.file.outbox.clone();
    let shared = Arc::new(Shared {
        app: app.clone(),
        payloads: Mutex::new(HashMap::new()),
        unreachable: Mutex::new(HashSet::new()),
        lease_ms: (cfg.lease_seconds * 1000) as i64,
    });
    let in_flight = Arc::new(Semaphore::new(cfg.max_in_flight));
    let mut tasks = JoinSet::new();
    let mut backoff = Backoff::default();
    // Half a second of sending per claim: few queries, and a stopped broadcast stops within
    // about that long.
    let batch = i64::from(limits.messages_per_second / 2).clamp(1, 500);
    let poll = Duration::from_millis(cfg.poll_interval_ms);
    let mut seat = Seat::new(shared.lease_ms);
    let mut rounds = 0u64;
    while !shutdown.is_cancelled() {
        while tasks.try_join_next().is_some() {}
        let pause = match step(&shared, &mut seat, rounds, batch).await {
            Ok(Step::Claimed(rows)) => {
                backoff.reset();
                dispatch(&shared, rows, &in_flight, &mut tasks, &shutdown).await;
                None
            }
            Ok(Step::Idle) => Some(poll),
            Ok(Step::Held(d)) => Some(d.min(seat.renew_every())),
            Ok(Step::StandingBy) => Some(seat.renew_every()),
            Err(e) => {
                let wait = backoff.next_wait();
                tracing::warn!(error = %e, retry_in_s = wait.as_secs(), "outbox: database unavailable; retrying");
                Some(wait)
            }
        };
        rounds += 1;
        if let Some(wait) = pause {
            tokio::select! {
                _ = shutdown.cancelled() => break,
                _ = app.outbox.woken() => {}
                _ = tokio::time::sleep(wait) => {}
            }
        }
    }
    // What is in flight finishes its one attempt and is settled; nothing new starts.
    while tasks.join_next().await.is_some() {}
    if seat.held {
        let _ = outbox::resign(&app.db, app.outbox.owner()).await;
    }
}

enum Step {
    Claimed(Vec<Claimed>),
    Idle,
    Held(Duration),
    StandingBy,
}

/// The sender's seat in the database, renewed well before it runs out.
struct Seat {
    held: bool,
    lease_ms: i64,
    renewed_at: i64,
}

impl Seat {
    fn new(row_lease_ms: i64) -> Self {
        // Shorter than the rows' lease, so a standby takes over soon after a crash.
        let lease_ms = row_lease_ms.clamp(1000, 10_000);
        Self {
            held: false,
            lease_ms,
            renewed_at: i64::MIN / 2,
        }
    }

    fn renew_every(&self) -> Duration {
        Duration::from_millis((self.lease_ms / 3) as u64)
    }

    async fn keep(&mut self, app: &App) -> Result<bool, crate::storage::StorageError> {
        let now = wall_ms();
        if !self.held || now - self.renewed_at >= self.lease_ms / 3 {
            let owner = app.outbox.owner();
            let won = outbox::lead(&app.db, owner, now, now + self.lease_ms).await?;
            if won != self.held {
                tracing::info!(
                    sending = won,
                    "outbox: sender seat {}",
                    if won { "taken" } else { "lost" }
                );
            }
            self.held = won;
            self.renewed_at = now;
        }
        Ok(self.held)
    }
}

async fn step(
    shared: &Shared,
    seat: &mut Seat,
    round: u64,
    batch: i64,
) -> Result<Step, crate::storage::StorageError> {
    let app = &shared.app;
    if !seat.keep(app).await? {
        return Ok(Step::StandingBy);
    }
    if let Some(hold) = shared.app.telegram.pacer().held_for() {
        return Ok(Step::Held(hold));
    }
    if round.is_multiple_of(16) {
        shared.app.telegram.pacer().forget_idle_chats();
        outbox::reclaim_expired(&app.db, wall_ms()).await?;
    }
    let lease_until = wall_ms() + shared.lease_ms;
    let rows = outbox::claim(&app.db, app.outbox.owner(), wall_ms(), lease_until, batch).await?;
    Ok(if rows.is_empty() {
        Step::Idle
    } else {
        Step::Claimed(rows)
    })
}

/// Starts one attempt per claimed row, paced. Rows it does not start (a hold, a busy chat, a
/// stop, a lease about to end) go back to the queue at once rather than waiting out their lease.
async fn dispatch(
    shared: &Arc<Shared>,
    claimed: Vec<Claimed>,
    in_flight: &Arc<Semaphore>,
    tasks: &mut JoinSet<()>,
    shutdown: &CancellationToken,
) {
    let mut rows = claimed.into_iter();
    while let Some(row) = rows.next() {
        // A 429 or an outage, a stop, or a claim too old to finish within its lease: hand the
        // rest back; the main loop waits out the hold.
        let late = wall_ms() > row.lease_until - shared.lease_ms / 2;
        if shared.app.telegram.pacer().held_for().is_some() || shutdown.is_cancelled() || late {
            let back = std::iter::once(row).chain(rows).collect::<Vec<_>>();
            release_all(shared, back, 0).await;
            return;
        }
        if still_unreachable(shared, row.chat_id).await {
            let outcome = Outcome::Unreachable("blocked the bot (earlier in this run)".into());
            settle(shared, &row, outcome).await;
            continue;
        }
        if let Err(wait) = shared.app.telegram.pacer().chat_ready(row.chat_id.0) {
            release_all(shared, vec![row], wait.as_millis() as i64).await;
            continue;
        }
        let granted = tokio::select! {
            _ = shutdown.cancelled() => {
                release_all(shared, vec![row], 0).await;
                continue;
            }
            granted = shared.app.telegram.pacer().outbox_slot() => granted,
        };
        // Held meanwhile, or the slot came too late to finish within the lease: the rows go
        // back and the main loop waits the hold out.
        let late = wall_ms() > row.lease_until - shared.lease_ms / 2;
        if !granted || late {
            let back = std::iter::once(row).chain(rows).collect::<Vec<_>>();
            release_all(shared, back, 0).await;
            return;
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
async fn still_unreachable(shared: &Shared, chat: ChatId) -> bool {
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
        Ok(Some(p)) => p,
        Ok(None) => {
            let outcome = Outcome::Failed("the message text is missing".into());
            return settle(shared, row, outcome).await;
        }
        Err(e) => {
            tracing::warn!(error = %e, "outbox: cannot read a message; retrying later");
            let outcome = Outcome::Retry {
                not_before: wall_ms() + 1000,
                attempted: true,
                error: None,
            };
            return settle(shared, row, outcome).await;
        }
    };
    // A request may not outlive its lease: another sender would take the row and send it again.
    let limit = Duration::from_millis((shared.lease_ms / 2) as u64);
    let attempt = app.telegram.send_once(
        row.chat_id,
        &payload.text,
        payload.html,
        payload.keyboard.as_deref(),
    );
    let result = match tokio::time::timeout(limit, attempt).await {
        Ok(r) => r,
        Err(_) => Err(AttemptError::Transient("no answer within the lease".into())),
    };
    let outcome = judge(shared, row, result).await;
    settle(shared, row, outcome).await;
}

/// What an attempt's answer means for the row (and for everyone, on a 429 or an outage).
async fn judge(shared: &Shared, row: &Claimed, result: Result<(), AttemptError>) -> Outcome {
    let max_attempts = i64::from(shared.app.settings.file.outbox.max_attempts);
    match result {
        Ok(()) => {
            shared.app.telegram.pacer().succeeded();
            Outcome::Sent
        }
        Err(AttemptError::RetryAfter(wait)) => {
            tracing::warn!(
                retry_after_s = wait.as_secs(),
                "outbox: Telegram asked to slow down; holding all sending"
            );
            shared.app.telegram.pacer().freeze(wait);
            Outcome::Retry {
                not_before: wall_ms() + wait.as_millis() as i64,
                attempted: false,
                error: Some("429 Too Many Requests".into()),
            }
        }
        Err(AttemptError::Transient(e)) => {
            let pause = shared.app.telegram.pacer().failed();
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
                if set.len() >= UNREACHABLE_MEMORY {
                    set.clear();
                }
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

async fn payload(
    shared: &Shared,
    id: i64,
) -> Result<Option<Arc<Payload>>, crate::storage::StorageError> {
    if let Some(p) = shared
        .payloads
        .lock()
        .ok()
        .and_then(|m| m.get(&id).cloned())
    {
        return Ok(Some(p));
    }
    let Some(loaded) = outbox::payload(&shared.app.db, id).await? else {
        return Ok(None);
    };
    let loaded = Arc::new(loaded);
    if let Ok(mut cache) = shared.payloads.lock() {
        if cache.len() >= PAYLOAD_CACHE {
            cache.clear();
        }
        cache.insert(id, loaded.clone());
    }
    Ok(Some(loaded))
}

/// Records the outcome, retrying while the database is briefly away: a message that went out
/// but is not recorded as sent would go out again once its lease ends.
async fn settle(shared: &Shared, row: &Claimed, outcome: Outcome) {
    let app = &shared.app;
    let mut backoff = Backoff::default();
    for _ in 0..8 {
        let now = app.clock.now().timestamp();
        match outbox::settle(&app.db, row, app.outbox.owner(), &outcome, now).await {
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
