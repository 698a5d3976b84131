//! The global budget shared with other replicas: sending slots reserved from a source all
//! replicas use (the database), a few at a time, and spent here in order. Slots not spent soon
//! after their time are dropped, never saved up, so the replicas together stay within the rate.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::future::BoxFuture;

/// Where replicas reserve slots; knows nothing of what is sent.
pub trait SlotSource: Send + Sync + 'static {
    /// Reserves `n` slots `interval` apart; returns how long from now the first one is.
    fn reserve(&self, n: u32, interval: Duration) -> BoxFuture<'_, Result<Duration, String>>;
    /// Nobody may send for `wait` (Telegram answered 429 with `retry_after`).
    fn hold(&self, wait: Duration) -> BoxFuture<'_, Result<(), String>>;
}

/// A slot older than this is gone: its moment passed unused.
const STALE: Duration = Duration::from_millis(100);
/// A first slot further off than this means everyone is held (a 429): hold, do not wait.
const FAR: Duration = Duration::from_secs(1);

pub(super) struct SharedBudget {
    source: Arc<dyn SlotSource>,
    interval: Duration,
    /// Slots reserved per trip to the source: about 100 ms of the rate.
    chunk: u32,
    slots: tokio::sync::Mutex<VecDeque<Instant>>,
}

impl SharedBudget {
    pub(super) fn new(source: Arc<dyn SlotSource>, per_second: u32) -> Self {
        let per_second = per_second.max(1);
        Self {
            source,
            interval: Duration::from_secs(1) / per_second,
            chunk: (per_second / 10).max(1),
            slots: tokio::sync::Mutex::new(VecDeque::new()),
        }
    }

    /// Waits for this replica's next slot, or says how long to hold everything instead: when
    /// the next free slot is far off (another replica saw a 429) or the database cannot be
    /// asked. Holding, rather than waiting here, lets the outbox hand its rows back instead of
    /// sleeping past their leases.
    pub(super) async fn take(&self) -> Result<(), Duration> {
        let mut slots = self.slots.lock().await;
        loop {
            let now = Instant::now();
            while slots.front().is_some_and(|t| *t + STALE < now) {
                slots.pop_front();
            }
            if let Some(at) = slots.pop_front() {
                drop(slots);
                tokio::time::sleep_until(at.into()).await;
                return Ok(());
            }
            match self.source.reserve(self.chunk, self.interval).await {
                Ok(first) if first > FAR => return Err(first),
                Ok(first) => {
                    let first = Instant::now() + first;
                    slots.extend((0..self.chunk).map(|i| first + self.interval * i));
                }
                Err(e) => {
                    // Sending without a slot could break the budget; hold until it can be asked.
                    tracing::warn!(error = %e, "sending budget unavailable; holding");
                    return Err(Duration::from_secs(1));
                }
            }
        }
    }

    /// Passes a 429 on to every replica.
    pub(super) fn hold(&self, wait: Duration) {
        let source = self.source.clone();
        tokio::spawn(async move {
            if let Err(e) = source.hold(wait).await {
                tracing::warn!(error = %e, "cannot pass a 429 hold on to the other replicas");
            }
        });
    }
}
