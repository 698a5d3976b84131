//! The Bot API client and the one pacer everything the bot sends goes through: replies, edits
//! and the outbox share Telegram's global budget and per-chat interval, replies first. Knows
//! nothing of handlers, storage or the outbox's tables.

mod client;
mod pacer;
mod payloads;
mod shared_budget;

pub use client::{AttemptError, SendFailure, Telegram, describe, is_refusal};
pub use pacer::Pacer;
pub use shared_budget::SlotSource;
