//! The shared inbox of webhook mode: replicas on one database take stored updates to handle
//! with a lease (`inbox::claim`), each chat's oldest pending update only, so one chat's updates
//! stay in order whichever replica handles them. Leases of what this replica holds are renewed
//! while it works; a replica that dies leaves them to run out, and another takes over. On a
//! clean stop what was not handled is given back at once.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use super::Workers;
use crate::clock::{Clock, SharedClock, SystemClock};
use crate::storage::{Db, inbox};

/// What taking work from the shared inbox needs.
pub struct Claims<'a> {
    pub db: &'a Db,
    pub clock: &'a SharedClock,
    pub workers: &'a Workers,
    /// This replica, as named in the leases it takes.
    pub owner: &'a str,
    pub lease: Duration,
    pub poll: Duration,
    /// Woken when this replica stored an update.
    pub stored: Arc<Notify>,
}

fn wall_ms() -> i64 {
    SystemClock.now().timestamp_millis()
}

/// Takes updates until `shutdown`; then the caller finishes the workers and calls [`give_back`].
pub async fn serve(claims: Claims<'_>, shutdown: CancellationToken) {
    let marked = claims.workers.marked();
    // Twice the handling slots: a chat's next update is ready the moment one finishes.
    let target = claims.workers.concurrency() * 2;
    let lease_ms = claims.lease.as_millis() as i64;
    let mut renewed = Instant::now();
    let mut backoff = crate::backoff::Backoff::default();
    let mut last_prune = None;
    while !shutdown.is_cancelled() {
        let room = target.saturating_sub(claims.workers.queued());
        let mut full = false;
        if room > 0 {
            let now = wall_ms();
            match inbox::claim(claims.db, claims.owner, now, now + lease_ms, room as i64).await {
                Ok(rows) => {
                    backoff.reset();
                    full = rows.len() == room;
                    let jobs: Vec<_> = rows
                        .into_iter()
                        .filter_map(|r| super::receive::job_from(claims.db, claims.clock, r))
                        .collect();
                    claims.workers.submit(jobs);
                }
                Err(e) => {
                    let wait = backoff.next_wait().min(Duration::from_secs(5));
                    tracing::warn!(error = %e, "inbox: cannot take updates; retrying");
                    tokio::select! {
                        _ = shutdown.cancelled() => break,
                        _ = tokio::time::sleep(wait) => continue,
                    }
                }
            }
        }
        if renewed.elapsed() >= claims.lease / 3 {
            renewed = Instant::now();
            if let Err(e) = inbox::renew(claims.db, claims.owner, wall_ms() + lease_ms).await {
                tracing::warn!(error = %e, "inbox: cannot renew the updates in hand");
            }
            super::receive::prune_handled(claims.db, claims.clock, &mut last_prune).await;
        }
        if full {
            continue;
        }
        tokio::select! {
            _ = shutdown.cancelled() => break,
            _ = claims.stored.notified() => {}
            _ = marked.notified() => {}
            _ = tokio::time::sleep(claims.poll) => {}
        }
    }
}

/// What this replica took and did not handle goes back to the other replicas at once.
pub async fn give_back(db: &Db, owner: &str) {
    match inbox::release(db, owner).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(
            count = n,
            "inbox: updates not handled are left to the others"
        ),
        Err(e) => {
            tracing::warn!(error = %e, "inbox: cannot give updates back; they are taken over when their lease ends")
        }
    }
}
