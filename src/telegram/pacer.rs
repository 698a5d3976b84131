//! Keeping to Telegram's limits in real time, for everything the bot sends: a global rate, a
//! minimum gap per chat (short bursts pass, as on Telegram), a freeze of all sending for a 429's
//! `retry_after`, and a growing pause while the Bot API fails. Replies and edits come first:
//! the outbox takes a global slot only while no reply is waiting for one. Real time, not the
//! injected business clock: these limits are Telegram's, measured on its wall clock.

use std::num::NonZeroU32;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultDirectRateLimiter, DefaultKeyedRateLimiter, Quota, RateLimiter};
use tokio::sync::Notify;

pub struct Pacer {
    global: DefaultDirectRateLimiter,
    per_chat: Option<DefaultKeyedRateLimiter<i64>>,
    hold: Mutex<Hold>,
    /// Replies waiting for a global slot; the outbox stands aside while there are any.
    replies_waiting: AtomicUsize,
    replies_drained: Notify,
    /// Replies take global slots one at a time, in arrival order: without this every waiting
    /// reply wakes for every slot and all but one go back to sleep.
    reply_turn: tokio::sync::Mutex<()>,
    /// Replicas on one database: the global budget is theirs together, reserved from it.
    shared: std::sync::OnceLock<super::shared_budget::SharedBudget>,
    per_second: u32,
    /// Made once: making a quanta clock calibrates it with CPUID, which a virtual machine traps,
    /// and that cost more than the messages themselves.
    clock: DefaultClock,
}

/// A sender that finds no global slot sleeps at least this long. At high rates slots come a
/// millisecond apart, and waking for each one costs more CPU than the message; waking every
/// 10 ms for the slots that came meanwhile keeps the same average rate, within the burst the
/// limiter allows anyway (a tenth of a second's worth).
const GRANULE: Duration = Duration::from_millis(10);

#[derive(Default)]
struct Hold {
    until: Option<Instant>,
    failures: u32,
}

/// Counts a reply as waiting for as long as it lives, also when its future is dropped.
struct Waiting<'a>(&'a Pacer);

impl<'a> Waiting<'a> {
    fn new(pacer: &'a Pacer) -> Self {
        pacer.replies_waiting.fetch_add(1, Ordering::SeqCst);
        Self(pacer)
    }
}

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        if self.0.replies_waiting.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.0.replies_drained.notify_waiters();
        }
    }
}

impl Pacer {
    /// `per_chat_burst` messages may go to one chat at once; after that one per interval.
    pub fn new(per_second: u32, per_chat_interval: Duration, per_chat_burst: u32) -> Self {
        let rate = NonZeroU32::new(per_second.max(1)).unwrap_or(NonZeroU32::MIN);
        // A small burst absorbs scheduling jitter; Telegram tolerates short bursts, and the
        // average stays at the rate.
        let burst = NonZeroU32::new((per_second / 10).clamp(1, 50)).unwrap_or(NonZeroU32::MIN);
        let chat_burst = NonZeroU32::new(per_chat_burst.max(1)).unwrap_or(NonZeroU32::MIN);
        let per_chat = Quota::with_period(per_chat_interval)
            .map(|q| RateLimiter::keyed(q.allow_burst(chat_burst)));
        Self {
            global: RateLimiter::direct(Quota::per_second(rate).allow_burst(burst)),
            per_chat,
            hold: Mutex::new(Hold::default()),
            replies_waiting: AtomicUsize::new(0),
            replies_drained: Notify::new(),
            reply_turn: tokio::sync::Mutex::new(()),
            shared: std::sync::OnceLock::new(),
            per_second: per_second.max(1),
            clock: DefaultClock::default(),
        }
    }

    /// From now on the global budget is shared with other replicas through `source`; the
    /// per-chat interval and the priority of replies stay as they are.
    pub fn share_budget(&self, source: std::sync::Arc<dyn super::SlotSource>) {
        let _ = self.shared.set(super::shared_budget::SharedBudget::new(
            source,
            self.per_second,
        ));
    }

    /// The next global slot: this process's own, or one reserved from the shared budget;
    /// `false` when a hold was set instead (see `held_for`).
    async fn global_slot(&self) -> bool {
        if let Some(shared) = self.shared.get() {
            return match shared.take().await {
                Ok(()) => true,
                Err(hold) => {
                    self.hold_locally(hold);
                    false
                }
            };
        }
        // tokio's timer, not governor's `until_ready`: that one wakes a timer thread of its own
        // for every wait, and at a few hundred replies a second those wake-ups cost more CPU than
        // the replies.
        while let Err(not_until) = self.global.check() {
            let wait = not_until.wait_time_from(self.clock.now());
            tokio::time::sleep(wait.max(GRANULE)).await;
        }
        true
    }

    /// `Err(wait)` when this chat had its messages too recently.
    pub fn chat_ready(&self, chat: i64) -> Result<(), Duration> {
        let Some(limiter) = &self.per_chat else {
            return Ok(());
        };
        limiter
            .check_key(&chat)
            .map_err(|not_until| not_until.wait_time_from(self.clock.now()))
    }

    /// For a reply or an edit to `chat`: waits out a hold, the chat's interval and the next
    /// global slot, ahead of the outbox. A flooding chat waits for its own interval only.
    pub async fn reply_slot(&self, chat: i64) {
        while let Some(d) = self.held_for() {
            tokio::time::sleep(d).await;
        }
        if let Some(limiter) = &self.per_chat {
            while let Err(not_until) = limiter.check_key(&chat) {
                tokio::time::sleep(not_until.wait_time_from(self.clock.now())).await;
            }
        }
        let _waiting = Waiting::new(self);
        let _turn = self.reply_turn.lock().await;
        while !self.global_slot().await {
            while let Some(d) = self.held_for() {
                tokio::time::sleep(d).await;
            }
        }
    }

    /// For the outbox: the next global slot that no reply is waiting for; `false` when all
    /// sending is held instead (the rows in hand go back to the queue).
    pub async fn outbox_slot(&self) -> bool {
        loop {
            if self.replies_waiting.load(Ordering::SeqCst) > 0 {
                let drained = self.replies_drained.notified();
                if self.replies_waiting.load(Ordering::SeqCst) > 0 {
                    // Bounded: a wake-up lost between the check and the wait costs 20 ms.
                    let _ = tokio::time::timeout(Duration::from_millis(20), drained).await;
                }
                continue;
            }
            if self.shared.get().is_some() {
                return self.global_slot().await;
            }
            match self.global.check() {
                Ok(()) => return true,
                Err(not_until) => {
                    let wait = not_until.wait_time_from(self.clock.now());
                    tokio::time::sleep(wait.max(GRANULE)).await;
                }
            }
        }
    }

    /// How long all sending is held (a 429, or a failing Bot API); `None` when it may go on.
    pub fn held_for(&self) -> Option<Duration> {
        let hold = self.lock();
        hold.until
            .and_then(|u| u.checked_duration_since(Instant::now()))
            .filter(|d| !d.is_zero())
    }

    /// Nobody in this process sends for `wait` (the shared budget is held or unreachable).
    fn hold_locally(&self, wait: Duration) {
        let mut hold = self.lock();
        let until = Instant::now() + wait;
        hold.until = Some(hold.until.map_or(until, |u| u.max(until)));
    }

    /// Telegram said to wait: nobody sends until then.
    pub fn freeze(&self, retry_after: Duration) {
        let mut hold = self.lock();
        let until = Instant::now() + retry_after;
        hold.until = Some(hold.until.map_or(until, |u| u.max(until)));
        if let Some(shared) = self.shared.get() {
            shared.hold(retry_after);
        }
    }

    /// A 5xx or network error: pause everyone, longer each time in a row (0.5 s up to 30 s).
    pub fn failed(&self) -> Duration {
        let mut hold = self.lock();
        hold.failures = hold.failures.saturating_add(1);
        let pause = Duration::from_millis(500)
            .saturating_mul(1 << hold.failures.min(6).saturating_sub(1))
            .min(Duration::from_secs(30));
        let until = Instant::now() + pause;
        hold.until = Some(hold.until.map_or(until, |u| u.max(until)));
        pause
    }

    pub fn succeeded(&self) {
        self.lock().failures = 0;
    }

    /// Forgets chats not written to lately, so memory does not grow with the audience.
    pub fn forget_idle_chats(&self) {
        if let Some(limiter) = &self.per_chat {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Hold> {
        self.hold.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chat_gets_its_burst_then_waits_its_interval_and_others_do_not() {
        let pacer = Pacer::new(30, Duration::from_secs(1), 3);
        for _ in 0..3 {
            assert!(pacer.chat_ready(1).is_ok());
        }
        let wait = pacer.chat_ready(1).unwrap_err();
        assert!(wait > Duration::from_millis(900) && wait <= Duration::from_secs(1));
        assert!(pacer.chat_ready(2).is_ok());
    }

    #[tokio::test]
    async fn the_outbox_stands_aside_while_a_reply_waits_for_a_slot() {
        use std::sync::Arc;
        // A slot every 100 ms, no burst: the reply and the outbox compete for the next one.
        let pacer = Arc::new(Pacer::new(10, Duration::from_millis(1), 1));
        pacer.outbox_slot().await; // spends the first slot
        let order = Arc::new(Mutex::new(Vec::new()));
        let outbox = tokio::spawn({
            let (pacer, order) = (pacer.clone(), order.clone());
            async move {
                pacer.outbox_slot().await;
                order.lock().unwrap().push("outbox");
            }
        });
        tokio::task::yield_now().await;
        let reply = tokio::spawn({
            let (pacer, order) = (pacer.clone(), order.clone());
            async move {
                pacer.reply_slot(7).await;
                order.lock().unwrap().push("reply");
            }
        });
        reply.await.unwrap();
        outbox.await.unwrap();
        assert_eq!(*order.lock().unwrap(), ["reply", "outbox"]);
    }

    #[test]
    fn a_freeze_holds_everyone_and_failures_back_off_then_reset() {
        let pacer = Pacer::new(30, Duration::from_secs(1), 1);
        assert_eq!(pacer.held_for(), None);
        pacer.freeze(Duration::from_secs(5));
        assert!(pacer.held_for().unwrap() > Duration::from_secs(4));
        let pauses: Vec<_> = (0..8).map(|_| pacer.failed().as_millis()).collect();
        assert_eq!(pauses, [500, 1000, 2000, 4000, 8000, 16000, 16000, 16000]);
        pacer.succeeded();
        assert_eq!(pacer.failed().as_millis(), 500);
    }
}
