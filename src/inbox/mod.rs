//! The inbox: every update is written to the database when it arrives (once per `update_id`)
//! and confirmed to Telegram right after; per-chat workers then handle it, each chat's updates
//! in order and chats in parallel, so a slow or flooding chat delays only itself. After a crash
//! the pending rows are handled at start, and an update Telegram sends again is recognised by
//! its id. Receiving (long polling, or a webhook) only writes; handling only reads. In webhook
//! mode replicas on one database share the stored updates through leases (`shared`).
//! Must not depend on the bot's handlers: it hands each update to a [`Handler`].

mod flood;
mod receive;
pub mod shared;
pub mod webhook;
mod workers;

pub use flood::{Flood, Verdict};
pub use receive::{Receiver, poll};
pub use workers::Workers;

use futures::future::BoxFuture;
use teloxide::types::Update;

use crate::storage::inbox::Kind;

/// How handling one update ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handled {
    /// Done (answered, or failed and apologised for): mark it handled.
    Done,
    /// The bot is stopping in the middle: leave it pending for the next start.
    Interrupted,
}

/// What the workers hand each update to (the bot's router).
pub trait Handler: Send + Sync + 'static {
    fn handle(&self, update: Update, kind: Kind) -> BoxFuture<'_, Handled>;
}

/// One update on its way to a worker.
#[derive(Debug, Clone)]
pub struct Job {
    pub update_id: i64,
    pub chat_id: i64,
    pub kind: Kind,
    pub update: Update,
}
