//! The shared inbox of webhook mode: replicas on one database take stored updates to handle
//! with a lease (`inbox::claim`), each chat's oldest pending update only, so one chat's updates
//! stay in order whichever replica handles them. The leases of what this replica has in hand
//! are renewed by a task of their own, so a slow database or a stop in progress does not let
//! them run out under a live replica; a replica that dies leaves them to run out, and another
//! takes over. On a clean stop what was not handled is given back at once.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use super::Workers;
use crate::clock::{Clock, SharedClock, SystemClock};
use crate::storage::{Backend, Db, inbox};

/// Updates taken beyond the free handling slots: the next one is ready when a slot frees up,
/// and few chats wait behind a busy replica while another is idle.
const PREFETCH: usize = 4;

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
    let target = claims.workers.concurrency() + PREFETCH;
    let lease_ms = claims.lease.as_millis() as i64;
    // One process per SQLite file: nobody else stores updates, so only this replica's own
    // wake-ups matter and the fallback poll can be slow (each claim takes SQLite's write lock).
    let poll = match claims.db.backend() {
        Backend::Postgres => claims.poll,
        Backend::Sqlite => claims.poll.max(Duration::from_secs(1)),
    };
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
        super::receive::prune_handled(claims.db, claims.clock, &mut last_prune).await;
        if full {
            continue;
        }
        tokio::select! {
            _ = shutdown.cancelled() => break,
            _ = claims.stored.notified() => {}
            _ = marked.notified() => {}
            _ = tokio::time::sleep(poll) => {}
        }
    }
}

/// Renews the leases of the updates this replica has in hand, every third of a lease, until
/// `stop` (which the caller fires after the last of them was handled or given back).
pub async fn keep_leases(
    db: Db,
    workers: Workers,
    owner: String,
    lease: Duration,
    stop: CancellationToken,
) {
    let lease_ms = lease.as_millis() as i64;
    loop {
        tokio::select! {
            _ = stop.cancelled() => return,
            _ = tokio::time::sleep(lease / 3) => {}
        }
        let ids = workers.in_hand();
        let now = wall_ms();
        if let Err(e) = inbox::renew(&db, &owner, &ids, now, now + lease_ms).await {
            tracing::warn!(error = %e, "inbox: cannot renew the updates in hand");
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

/// At the start of the only process on an SQLite file: leases left by a killed run of it stand
/// for nobody, so its updates are handled now rather than when those leases end.
pub async fn forget_leases(db: &Db) {
    if db.backend() != Backend::Sqlite {
        return;
    }
    if let Err(e) = inbox::release_all(db).await {
        tracing::warn!(error = %e, "inbox: cannot clear leases of an earlier run");
    }
}
