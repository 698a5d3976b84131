//! The conversation states this process read or wrote, so a message in a chat with no
//! conversation costs no read. Exact while one process handles a chat's updates; replicas that
//! share one database hand a chat's updates to whichever is free, so there it is off
//! (`Db::share_with_replicas`).

use std::collections::HashMap;
use std::sync::Mutex;

use crate::domain::ChatId;

/// Beyond this many chats the cache starts over rather than grow.
const MAX_ENTRIES: usize = 200_000;

#[derive(Debug, Default)]
pub struct ConversationCache {
    entries: Mutex<HashMap<ChatId, Option<String>>>,
    off: bool,
}

impl ConversationCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<ChatId, Option<String>>> {
        self.entries.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Remembers nothing: every read goes to the database.
    pub fn off() -> Self {
        Self {
            entries: Mutex::default(),
            off: true,
        }
    }

    /// `Some(state)` when known (`Some(None)`: no conversation), `None` when not cached.
    pub fn get(&self, chat_id: ChatId) -> Option<Option<String>> {
        self.lock().get(&chat_id).cloned()
    }

    pub fn put(&self, chat_id: ChatId, state: Option<String>) {
        if self.off {
            return;
        }
        let mut entries = self.lock();
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(chat_id, state);
    }

    /// A write failed or its outcome is unknown: read it again next time.
    pub fn forget(&self, chat_id: ChatId) {
        self.lock().remove(&chat_id);
    }
}
