//! Per-chat workers: one task per chat with work, draining that chat's updates in order; at
//! most `concurrency` updates are handled at once across chats, so a chat that floods or waits
//! on something slow holds one slot, never the others.

use std::collections::{HashMap, HashSet, VecDeque};
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::FutureExt;
use tokio::sync::{Notify, Semaphore, mpsc};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;
use tracing::Instrument;

use super::{Handled, Handler, Job};
use crate::clock::SharedClock;
use crate::storage::{Db, inbox};

/// Updates held in memory before receiving waits for the workers (Telegram keeps the rest).
const MAX_QUEUED: usize = 10_000;
/// Handled marks are written together, at most this long after the update was answered (a
/// kill -9 within it answers those updates again after the restart, like the ones in flight).
const MARK_WINDOW: Duration = Duration::from_millis(10);
const MARK_BATCH: usize = 500;

#[derive(Clone)]
pub struct Workers {
    state: Arc<State>,
}

struct State {
    handler: Arc<dyn Handler>,
    /// The chats that have a task, with what is still to do for each.
    queues: Mutex<HashMap<i64, VecDeque<Job>>>,
    slots: Semaphore,
    concurrency: usize,
    queued: AtomicUsize,
    changed: Notify,
    tasks: TaskTracker,
    shutdown: CancellationToken,
    marks: Mutex<Option<mpsc::UnboundedSender<i64>>>,
    marker: Mutex<Option<JoinHandle<()>>>,
    /// Told after handled marks are written: in a shared inbox a chat's next update can be
    /// taken only then.
    marked: Arc<Notify>,
    /// Updates taken and not yet done with (queued, being handled, or waiting for their mark):
    /// the shared inbox renews the leases of exactly these, and an update already here is not
    /// taken twice.
    in_hand: Arc<Mutex<HashSet<i64>>>,
}

impl Workers {
    pub fn new(
        db: Db,
        clock: SharedClock,
        handler: Arc<dyn Handler>,
        concurrency: usize,
        shutdown: CancellationToken,
    ) -> Self {
        let (marks, handled) = mpsc::unbounded_channel();
        let marked = Arc::new(Notify::new());
        let in_hand = Arc::new(Mutex::new(HashSet::new()));
        let marker = tokio::spawn(write_marks(
            db,
            clock,
            handled,
            marked.clone(),
            in_hand.clone(),
        ));
        Self {
            state: Arc::new(State {
                handler,
                queues: Mutex::new(HashMap::new()),
                slots: Semaphore::new(concurrency.max(1)),
                concurrency: concurrency.max(1),
                queued: AtomicUsize::new(0),
                changed: Notify::new(),
                tasks: TaskTracker::new(),
                shutdown,
                marks: Mutex::new(Some(marks)),
                marker: Mutex::new(Some(marker)),
                marked,
                in_hand,
            }),
        }
    }

    /// Queues stored updates behind whatever their chat already has.
    pub fn submit(&self, jobs: Vec<Job>) {
        let state = &self.state;
        let mut queues = state.lock();
        let mut in_hand = lock(&state.in_hand);
        for job in jobs {
            if !in_hand.insert(job.update_id) {
                // Taken again while still here (its lease ran out meanwhile): handled once.
                continue;
            }
            state.queued.fetch_add(1, Ordering::SeqCst);
            let chat = job.chat_id;
            if let Some(queue) = queues.get_mut(&chat) {
                queue.push_back(job);
            } else {
                queues.insert(chat, VecDeque::from([job]));
                let state = state.clone();
                state.tasks.clone().spawn(drain(state, chat));
            }
        }
    }

    /// The updates taken and not yet done with.
    pub fn in_hand(&self) -> Vec<i64> {
        lock(&self.state.in_hand).iter().copied().collect()
    }

    /// Resolves after handled marks were written (or at once if some were since the last call).
    pub fn marked(&self) -> Arc<Notify> {
        self.state.marked.clone()
    }

    /// How many updates may be handled at once.
    pub fn concurrency(&self) -> usize {
        self.state.concurrency
    }

    /// Updates queued or being handled right now.
    pub fn queued(&self) -> usize {
        self.state.queued.load(Ordering::SeqCst)
    }

    /// Waits until the workers can take another batch.
    pub async fn until_room(&self) {
        while self.queued() >= MAX_QUEUED && !self.state.shutdown.is_cancelled() {
            let changed = self.state.changed.notified();
            let _ = tokio::time::timeout(Duration::from_millis(100), changed).await;
        }
    }

    /// Waits for the updates being handled and their marks; those not started stay pending in
    /// the database.
    pub async fn finish(&self) {
        self.state.tasks.close();
        self.state.tasks.wait().await;
        drop(lock(&self.state.marks).take());
        let marker = lock(&self.state.marker).take();
        if let Some(marker) = marker {
            let _ = marker.await;
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl State {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i64, VecDeque<Job>>> {
        lock(&self.queues)
    }

    /// The chat's next update, or `None` (and the chat forgotten) when it has none or the bot
    /// is stopping.
    fn next(&self, chat: i64) -> Option<Job> {
        let mut queues = self.lock();
        let job = if self.shutdown.is_cancelled() {
            None
        } else {
            queues.get_mut(&chat).and_then(VecDeque::pop_front)
        };
        if job.is_none() {
            if let Some(left) = queues.remove(&chat) {
                self.queued.fetch_sub(left.len(), Ordering::SeqCst);
                let mut in_hand = lock(&self.in_hand);
                for job in &left {
                    in_hand.remove(&job.update_id);
                }
            }
            self.changed.notify_waiters();
        }
        job
    }
}

async fn drain(state: Arc<State>, chat: i64) {
    while let Some(job) = state.next(chat) {
        let outcome = {
            let permit = tokio::select! {
                _ = state.shutdown.cancelled() => None,
                p = state.slots.acquire() => p.ok(),
            };
            match permit {
                Some(_permit) => {
                    let span = tracing::debug_span!("update", update_id = job.update_id);
                    // A panicking handler must not take the chat's task with it: its queue would
                    // stay behind with nobody draining it, and the chat get no reply until a
                    // restart. The update is marked handled, so it cannot panic again and again.
                    let handling = AssertUnwindSafe(state.handler.handle(job.update, job.kind));
                    let started = std::time::Instant::now();
                    let handled = handling.catch_unwind().instrument(span).await;
                    metrics::histogram!("kinerja_update_handling_seconds")
                        .record(started.elapsed().as_secs_f64());
                    metrics::counter!("kinerja_updates_handled_total").increment(1);
                    match handled {
                        Ok(outcome) => outcome,
                        Err(_) => {
                            tracing::error!(
                                update_id = job.update_id,
                                "handling an update panicked; it is marked handled"
                            );
                            Handled::Done
                        }
                    }
                }
                None => Handled::Interrupted,
            }
        };
        state.queued.fetch_sub(1, Ordering::SeqCst);
        state.changed.notify_waiters();
        match outcome {
            Handled::Done => {
                if let Some(marks) = lock(&state.marks).as_ref() {
                    let _ = marks.send(job.update_id);
                }
            }
            Handled::Interrupted => {
                lock(&state.in_hand).remove(&job.update_id);
                tracing::info!("stopping: an update is left pending for the next start");
            }
        }
    }
}

/// Records handled updates, a window's worth in one statement, retrying while the database is
/// briefly away: an update not marked is handled again after a restart. Ends when the workers
/// are finished and every mark is written.
async fn write_marks(
    db: Db,
    clock: SharedClock,
    mut handled: mpsc::UnboundedReceiver<i64>,
    marked: Arc<Notify>,
    in_hand: Arc<Mutex<HashSet<i64>>>,
) {
    while let Some(first) = handled.recv().await {
        let mut ids = vec![first];
        let until = tokio::time::Instant::now() + MARK_WINDOW;
        while ids.len() < MARK_BATCH {
            match tokio::time::timeout_at(until, handled.recv()).await {
                Ok(Some(id)) => ids.push(id),
                _ => break,
            }
        }
        let mut wait = Duration::from_millis(200);
        for attempt in 1..=20 {
            let now = clock.now().timestamp();
            match inbox::mark_all_handled(&db, &ids, now).await {
                Ok(()) => {
                    marked.notify_one();
                    break;
                }
                Err(e) if attempt == 20 => {
                    tracing::error!(error = %e, count = ids.len(), "handled updates not recorded; they are handled again (after a restart, or by another replica once their lease ends)");
                }
                Err(e) => {
                    tracing::warn!(error = %e, "cannot mark updates handled; retrying");
                    tokio::time::sleep(wait).await;
                    wait = (wait * 2).min(Duration::from_secs(5));
                }
            }
        }
        // Done with, recorded or not: their leases are no longer renewed, so one never recorded
        // passes to another replica instead of holding its chat up.
        let mut in_hand = lock(&in_hand);
        for id in &ids {
            in_hand.remove(id);
        }
    }
}
