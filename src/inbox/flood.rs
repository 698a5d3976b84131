//! Per-person flood limit: more than `max_updates` from one person in a window gets one "please
//! slow down", and the rest of that window's updates from them are dropped. Kept in memory on
//! the receiving side, so a flood costs one row per update and nothing else.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::time::{Duration, Instant};

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::config;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Admit,
    /// Over the limit: tell them once.
    SlowDown,
    /// Over the limit and already told in this window.
    Drop,
}

pub struct Flood {
    limiter: DefaultKeyedRateLimiter<i64>,
    window: Duration,
    /// When each person was last told to slow down.
    warned: HashMap<i64, Instant>,
    checks: u64,
}

impl Flood {
    pub fn new(cfg: &config::Flood) -> Self {
        let max = NonZeroU32::new(cfg.max_updates.max(1)).unwrap_or(NonZeroU32::MIN);
        let window = Duration::from_secs(cfg.window_seconds.max(1));
        // `max` at once, refilled evenly over the window: the same average, and a person who
        // paused for a window has the whole allowance again.
        let period = window / max.get();
        let quota = Quota::with_period(period)
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(max);
        Self {
            limiter: RateLimiter::keyed(quota),
            window,
            warned: HashMap::new(),
            checks: 0,
        }
    }

    pub fn check(&mut self, user_id: i64, now: Instant) -> Verdict {
        self.checks += 1;
        if self.checks.is_multiple_of(4096) {
            self.forget_old(now);
        }
        if self.limiter.check_key(&user_id).is_ok() {
            return Verdict::Admit;
        }
        match self.warned.get(&user_id) {
            Some(at) if now.duration_since(*at) < self.window => Verdict::Drop,
            _ => {
                self.warned.insert(user_id, now);
                Verdict::SlowDown
            }
        }
    }

    fn forget_old(&mut self, now: Instant) {
        let window = self.window;
        self.warned.retain(|_, at| now.duration_since(*at) < window);
        self.limiter.retain_recent();
        self.limiter.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_twenty_first_update_in_a_minute_is_told_once_and_the_rest_dropped() {
        let mut flood = Flood::new(&config::Flood::default());
        let now = Instant::now();
        let verdicts: Vec<Verdict> = (0..30).map(|_| flood.check(1, now)).collect();
        assert!(verdicts[..20].iter().all(|v| *v == Verdict::Admit));
        assert_eq!(verdicts[20], Verdict::SlowDown);
        assert!(verdicts[21..].iter().all(|v| *v == Verdict::Drop));
        // Someone else is not affected.
        assert_eq!(flood.check(2, now), Verdict::Admit);
    }
}
