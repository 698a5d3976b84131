//! Keeping to Telegram's limits in real time: a global rate, a minimum gap per chat, a freeze of
//! all sending for a 429's `retry_after`, and a growing pause while the Bot API fails. Real time,
//! not the injected business clock: these limits are Telegram's, measured on its wall clock.

use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultDirectRateLimiter, DefaultKeyedRateLimiter, Quota, RateLimiter};

pub struct Pacer {
    global: DefaultDirectRateLimiter,
    per_chat: Option<DefaultKeyedRateLimiter<i64>>,
    hold: Mutex<Hold>,
}

#[derive(Default)]
struct Hold {
    until: Option<Instant>,
    failures: u32,
}

impl Pacer {
    pub fn new(per_second: u32, per_chat_interval: Duration) -> Self {
        let rate = NonZeroU32::new(per_second.max(1)).unwrap_or(NonZeroU32::MIN);
        // A small burst absorbs the sender's own scheduling jitter; Telegram tolerates short
        // bursts, and the average stays at the rate.
        let burst = NonZeroU32::new((per_second / 10).clamp(1, 50)).unwrap_or(NonZeroU32::MIN);
        let per_chat = Quota::with_period(per_chat_interval).map(RateLimiter::keyed);
        Self {
            global: RateLimiter::direct(Quota::per_second(rate).allow_burst(burst)),
            per_chat,
            hold: Mutex::new(Hold::default()),
        }
    }

    /// `Err(wait)` when this chat had a message too recently.
    pub fn chat_ready(&self, chat: i64) -> Result<(), Duration> {
        let Some(limiter) = &self.per_chat else {
            return Ok(());
        };
        limiter
            .check_key(&chat)
            .map_err(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
    }

    /// Waits for the next slot of the global rate.
    pub async fn global_slot(&self) {
        self.global.until_ready().await;
    }

    /// How long all sending is held (a 429, or a failing Bot API); `None` when it may go on.
    pub fn held_for(&self) -> Option<Duration> {
        let hold = self.lock();
        hold.until
            .and_then(|u| u.checked_duration_since(Instant::now()))
            .filter(|d| !d.is_zero())
    }

    /// Telegram said to wait: nobody sends until then.
    pub fn freeze(&self, retry_after: Duration) {
        let mut hold = self.lock();
        let until = Instant::now() + retry_after;
        hold.until = Some(hold.until.map_or(until, |u| u.max(until)));
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
    fn a_chat_waits_its_interval_and_others_do_not() {
        let pacer = Pacer::new(30, Duration::from_secs(1));
        assert!(pacer.chat_ready(1).is_ok());
        let wait = pacer.chat_ready(1).unwrap_err();
        assert!(wait > Duration::from_millis(900) && wait <= Duration::from_secs(1));
        assert!(pacer.chat_ready(2).is_ok());
    }

    #[test]
    fn a_freeze_holds_everyone_and_failures_back_off_then_reset() {
        let pacer = Pacer::new(30, Duration::from_secs(1));
        assert_eq!(pacer.held_for(), None);
        pacer.freeze(Duration::from_secs(5));
        assert!(pacer.held_for().unwrap() > Duration::from_secs(4));
        let pauses: Vec<_> = (0..8).map(|_| pacer.failed().as_millis()).collect();
        assert_eq!(pauses, [500, 1000, 2000, 4000, 8000, 16000, 16000, 16000]);
        pacer.succeeded();
        assert_eq!(pacer.failed().as_millis(), 500);
    }
}
