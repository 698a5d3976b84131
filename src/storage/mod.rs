//! All SQL lives here. One SQL text serves SQLite and PostgreSQL through sqlx's `Any` driver
//! (`$n` placeholders, times as epoch seconds), so the same test suite proves both backends.
//! Returns plain Rust or domain types; no Telegram types.

pub mod audience;
pub mod broadcasts;
pub mod calendar;
mod connect;
mod conversation_cache;
pub mod conversations;
pub mod deadlines;
mod dialog_followups;
mod dialog_people;
pub mod dialog_reminders;
pub mod dialog_reports;
pub mod dialogs;
mod error;
pub mod evaluations;
mod executor;
pub mod expectations;
pub mod feedback_answers;
pub mod feedback_notes;
pub mod feedback_reminders;
pub mod feedback_results;
pub mod feedback_rounds;
pub mod health;
pub mod inbox;
pub mod invites;
pub mod leases;
pub mod migrate;
pub mod org;
pub mod outbox;
pub mod period_export;
pub mod periods;
pub mod send_budget;
mod user_cache;
pub mod users;

pub use connect::connect;
pub use error::StorageError;
pub use executor::Exec;

use sqlx::AnyPool;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Self::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Some(Self::Postgres)
        } else {
            None
        }
    }
}

/// A connection pool and the backend behind it.
#[derive(Debug, Clone)]
pub struct Db {
    /// Transactions, and on PostgreSQL everything.
    pool: AnyPool,
    /// Statements outside transactions.
    exec: Exec,
    backend: Backend,
    users: std::sync::Arc<user_cache::UserCache>,
    conversations: std::sync::Arc<conversation_cache::ConversationCache>,
}

impl Db {
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Where a statement outside a transaction runs: `.execute(db.pool())`.
    pub fn pool(&self) -> &Exec {
        &self.exec
    }

    /// A transaction that will write. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`), so it waits its turn under `busy_timeout`; a deferred transaction
    /// that reads and then writes fails with `database is locked` as soon as another connection
    /// wrote in between, and no timeout helps it.
    pub async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    pub async fn close(&self) {
        if let Exec::Sqlite(conns) = &self.exec {
            conns.close().await;
        }
        self.pool.close().await;
    }

    /// For replicas on one database: a chat's updates may be handled by any of them, so what
    /// one process remembers of a chat or an account could be stale; every read goes to the
    /// database instead.
    pub fn share_with_replicas(mut self) -> Self {
        self.users = std::sync::Arc::new(user_cache::UserCache::off());
        self.conversations = std::sync::Arc::new(conversation_cache::ConversationCache::off());
        self
    }
}

/// A database URL with any password replaced, fit for logs and error messages.
/// Also hides a password given as a query parameter (`?password=…`, as libpq allows), and a
/// URL that cannot be parsed is not echoed at all.
pub fn redact_url(url: &str) -> String {
    let Ok(mut u) = url::Url::parse(url) else {
        return "(unparseable URL)".to_owned();
    };
    if u.password().is_some() {
        let _ = u.set_password(Some("***"));
    }
    let secret = |k: &str| {
        let k = k.to_ascii_lowercase();
        k.contains("password") || k == "pass" || k == "passwd" || k.contains("secret")
    };
    if u.query_pairs().any(|(k, _)| secret(&k)) {
        let pairs: Vec<(String, String)> = u
            .query_pairs()
            .map(|(k, v)| {
                let v = if secret(&k) {
                    "***".to_owned()
                } else {
                    v.into_owned()
                };
                (k.into_owned(), v)
            })
            .collect();
        u.query_pairs_mut().clear().extend_pairs(pairs);
    }
    u.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_messages() {
        let red = redact_url("postgres://kb:s3cret@db.example:5432/kinerja");
        assert!(!red.contains("s3cret"));
        assert!(red.contains("db.example"));
        assert_eq!(
            redact_url("sqlite://kinerja-bot.db"),
            "sqlite://kinerja-bot.db"
        );
        let query = redact_url("postgres://kb@db/kinerja?sslmode=require&password=s3cret");
        assert!(
            !query.contains("s3cret") && query.contains("sslmode=require"),
            "{query}"
        );
        let api = redact_url("https://bot:hunter2@botapi.internal:8081");
        assert!(
            !api.contains("hunter2") && api.contains("botapi.internal"),
            "{api}"
        );
    }
}
