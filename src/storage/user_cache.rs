//! What `users::touch` last wrote for each Telegram account, so a person writing several times
//! a minute costs one write a minute instead of one per message. Per process: another process
//! on the same database (a CLI, a replica) sees the last write, at most `FRESH` old for
//! `last_seen`; a language change or a block mark made elsewhere is seen once the entry expires.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::domain::{ChatId, Lang, UserId};

const FRESH: Duration = Duration::from_secs(30);
/// Beyond this many people the cache starts over rather than grow.
const MAX_ENTRIES: usize = 200_000;

#[derive(Debug, Default)]
pub struct UserCache {
    entries: Mutex<HashMap<UserId, Entry>>,
    off: bool,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    chat_id: ChatId,
    language: Lang,
    written: Instant,
}

impl UserCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<UserId, Entry>> {
        self.entries.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The language, if this account was written for this chat recently and not marked since.
    pub fn fresh(&self, user_id: UserId, chat_id: ChatId) -> Option<Lang> {
        self.lock()
            .get(&user_id)
            .filter(|e| e.chat_id == chat_id && e.written.elapsed() < FRESH)
            .map(|e| e.language)
    }

    /// Remembers nothing: replicas sharing a database would each miss the others' writes (a
    /// language changed on one would be answered in the old one by another).
    pub fn off() -> Self {
        Self {
            entries: Mutex::default(),
            off: true,
        }
    }

    pub fn written(&self, user_id: UserId, chat_id: ChatId, language: Lang) {
        if self.off {
            return;
        }
        let mut entries = self.lock();
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        let written = Instant::now();
        entries.insert(
            user_id,
            Entry {
                chat_id,
                language,
                written,
            },
        );
    }

    pub fn language_set(&self, user_id: UserId, language: Lang) {
        if let Some(e) = self.lock().get_mut(&user_id) {
            e.language = language;
        }
    }

    /// The chat was marked blocked: the next message from it must clear the mark.
    pub fn forget_chat(&self, chat_id: ChatId) {
        self.lock().retain(|_, e| e.chat_id != chat_id);
    }
}
