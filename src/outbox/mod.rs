//! The one way the bot starts a conversation: messages are written to the `outbox` table in the
//! transaction that caused them, and a sender delivers them within Telegram's limits. Must not
//! depend on handlers; the bot and the scheduler write rows, the sender only reads and settles
//! them.

mod sender;

pub use sender::run;

use tokio::sync::Notify;

/// The sender's handle inside the app: who it is (for leases) and how to wake it.
#[derive(Debug)]
pub struct Outbox {
    owner: String,
    wake: Notify,
}

impl Default for Outbox {
    fn default() -> Self {
        Self::new()
    }
}

impl Outbox {
    pub fn new() -> Self {
        use rand::Rng;
        let tag: u64 = rand::rng().random();
        Self {
            owner: format!("{}-{tag:016x}", std::process::id()),
            wake: Notify::new(),
        }
    }

    /// Call after committing new rows: the sender starts at once instead of at its next poll.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    pub fn owner(&self) -> &str {
        &self.owner
    }

    pub(crate) async fn woken(&self) {
        self.wake.notified().await;
    }
}
