//! What handlers and background work may use: the database, the Bot API client, the clock, the
//! settings and the outbox's wake-up. Cheap to clone; nothing here knows the application.

use std::sync::Arc;

use crate::clock::SharedClock;
use crate::config::Settings;
use crate::outbox::Outbox;
use crate::storage::Db;
use crate::telegram::Telegram;

#[derive(Clone)]
pub struct Deps {
    pub db: Db,
    pub telegram: Telegram,
    pub clock: SharedClock,
    pub settings: Arc<Settings>,
    pub outbox: Arc<Outbox>,
    /// The bot's @username, for deep links; empty until the Bot API has told it.
    pub bot_username: Arc<str>,
}
