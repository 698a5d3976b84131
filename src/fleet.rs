//! Replicas on one database: which of them does the fleet's one-at-a-time work. The schedulers
//! (deadline, dialog and 360 reminders) and broadcast progress run on the replica holding the
//! `scheduler` lease; it is renewed every third of its length, and when its holder dies another
//! replica takes it within one lease and runs a pass at once. A single process (long polling)
//! holds it without asking the database: nothing else can be polling the same bot.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

use crate::clock::{Clock, SystemClock};
use crate::storage::{Db, leases};

pub const SCHEDULER: &str = "scheduler";

/// This replica's seat for the fleet's scheduled work.
#[derive(Debug)]
pub struct Seat {
    held: watch::Sender<bool>,
    /// When a shared seat's lease runs out if it is not renewed, counted from before the
    /// renewal was asked: a renewal stuck on a slow database must not leave this replica
    /// believing it holds a seat another one has taken meanwhile.
    expires: std::sync::Mutex<Option<Instant>>,
}

impl Seat {
    /// Held from the start: one process alone.
    pub fn alone() -> Arc<Self> {
        Arc::new(Self {
            held: watch::Sender::new(true),
            expires: std::sync::Mutex::new(None),
        })
    }

    /// Held only while the lease in the database is this replica's (see [`keep`]).
    pub fn shared() -> Arc<Self> {
        Arc::new(Self {
            held: watch::Sender::new(false),
            expires: std::sync::Mutex::new(Some(Instant::now())),
        })
    }

    pub fn held(&self) -> bool {
        let expires = *self.expires.lock().unwrap_or_else(|p| p.into_inner());
        *self.held.borrow() && expires.is_none_or(|e| Instant::now() < e)
    }

    /// Reports each change: a loop that sees the seat taken runs a pass at once, so what fell
    /// due while the last holder was dying goes out now. A change while the loop was busy is
    /// reported at its next wait.
    pub fn watch(&self) -> watch::Receiver<bool> {
        self.held.subscribe()
    }

    fn set(&self, held: bool) {
        let changed = self
            .held
            .send_if_modified(|h| std::mem::replace(h, held) != held);
        if changed {
            tracing::info!(
                holding = held,
                "fleet: scheduler seat {}",
                if held { "taken" } else { "lost" }
            );
        }
    }
}

/// Resolves when `seat` is taken (never for a process alone, whose seat does not change).
pub async fn taken(seat: &mut watch::Receiver<bool>) {
    loop {
        if seat.changed().await.is_err() {
            return std::future::pending().await;
        }
        if *seat.borrow_and_update() {
            return;
        }
    }
}

/// Keeps trying to hold `name` for `owner` until `shutdown`, then gives it up. A database
/// error counts as not holding: another replica may have taken over meanwhile.
pub async fn keep(
    seat: Arc<Seat>,
    db: Db,
    owner: String,
    lease: Duration,
    shutdown: CancellationToken,
) {
    let lease_ms = lease.as_millis() as i64;
    loop {
        let asked = Instant::now();
        let now = SystemClock.now().timestamp_millis();
        match leases::hold(&db, SCHEDULER, &owner, now, now + lease_ms).await {
            Ok(held) => {
                // A tenth of the lease short of its end in the database, for clocks that differ.
                let until = asked + lease - lease / 10;
                *seat.expires.lock().unwrap_or_else(|p| p.into_inner()) = Some(until);
                seat.set(held);
            }
            Err(e) => {
                tracing::warn!(error = %e, "fleet: cannot renew the scheduler seat");
                seat.set(false);
            }
        }
        tokio::select! {
            _ = shutdown.cancelled() => break,
            _ = tokio::time::sleep(lease / 3) => {}
        }
    }
    if seat.held() {
        seat.set(false);
        let _ = leases::release(&db, SCHEDULER, &owner).await;
    }
}

/// The sending budget in the database, for the pacer of each replica.
pub struct DbSlots(pub Db);

impl crate::telegram::SlotSource for DbSlots {
    fn reserve(
        &self,
        n: u32,
        interval: Duration,
    ) -> futures::future::BoxFuture<'_, Result<Duration, String>> {
        Box::pin(async move {
            let interval_us = interval.as_micros() as i64;
            let r = crate::storage::send_budget::reserve(&self.0, i64::from(n), interval_us)
                .await
                .map_err(|e| e.to_string())?;
            Ok(Duration::from_micros((r.first_us - r.now_us).max(0) as u64))
        })
    }

    fn hold(&self, wait: Duration) -> futures::future::BoxFuture<'_, Result<(), String>> {
        Box::pin(async move {
            crate::storage::send_budget::hold(&self.0, wait.as_micros() as i64)
                .await
                .map_err(|e| e.to_string())
        })
    }
}
