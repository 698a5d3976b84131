//! Telegram accounts: language and whether the bot can reach them.

use chrono::{DateTime, Utc};
use sqlx::Row;

use super::{Backend, Db, StorageError};
use crate::domain::{ChatId, Lang, UserId};

/// What the bot remembers of a Telegram account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TelegramUser {
    pub user_id: UserId,
    pub chat_id: ChatId,
    pub language: Lang,
}

/// Records that the user wrote to the bot. A new user gets `guess` as language; a known one
/// keeps theirs, and writing again clears any "blocked the bot" mark. Written at most every
/// few seconds per person (see `user_cache`).
pub async fn touch(
    db: &Db,
    user_id: UserId,
    chat_id: ChatId,
    guess: Lang,
    now: DateTime<Utc>,
) -> Result<TelegramUser, StorageError> {
    if let Some(language) = db.users.fresh(user_id, chat_id) {
        return Ok(TelegramUser {
            user_id,
            chat_id,
            language,
        });
    }
    let row = sqlx::query(
        "INSERT INTO telegram_users (user_id, chat_id, language, first_seen, last_seen) \
         VALUES ($1, $2, $3, $4, $4) \
         ON CONFLICT (user_id) DO UPDATE SET chat_id = excluded.chat_id, \
             last_seen = excluded.last_seen, blocked_at = NULL \
         RETURNING language",
    )
    .bind(user_id.0)
    .bind(chat_id.0)
    .bind(guess.code())
    .bind(now.timestamp())
    .fetch_one(db.pool())
    .await?;
    let language = parse_lang(&row.try_get::<String, _>("language")?)?;
    db.users.written(user_id, chat_id, language);
    Ok(TelegramUser {
        user_id,
        chat_id,
        language,
    })
}

pub async fn language(db: &Db, user_id: UserId) -> Result<Option<Lang>, StorageError> {
    let code: Option<String> =
        sqlx::query_scalar("SELECT language FROM telegram_users WHERE user_id = $1")
            .bind(user_id.0)
            .fetch_optional(db.pool())
            .await?;
    code.as_deref().map(parse_lang).transpose()
}

pub async fn set_language(db: &Db, user_id: UserId, lang: Lang) -> Result<(), StorageError> {
    sqlx::query("UPDATE telegram_users SET language = $1 WHERE user_id = $2")
        .bind(lang.code())
        .bind(user_id.0)
        .execute(db.pool())
        .await?;
    db.users.language_set(user_id, lang);
    Ok(())
}

/// Sets the language and ends the chat's conversation in one round trip: a language button is
/// pressed by many at once after an announcement, and each statement is a hop to SQLite's
/// worker thread that costs more than the statement.
pub async fn set_language_ending_conversation(
    db: &Db,
    user_id: UserId,
    chat_id: ChatId,
    lang: Lang,
) -> Result<(), StorageError> {
    let sql = match db.backend() {
        // sqlx runs every statement of one SQLite query on the same worker call.
        Backend::Sqlite => {
            "UPDATE telegram_users SET language = $1 WHERE user_id = $2; \
             DELETE FROM conversations WHERE chat_id = $3"
        }
        Backend::Postgres => {
            "WITH lang AS (UPDATE telegram_users SET language = $1 WHERE user_id = $2) \
             DELETE FROM conversations WHERE chat_id = $3"
        }
    };
    sqlx::query(sql)
        .bind(lang.code())
        .bind(user_id.0)
        .bind(chat_id.0)
        .execute(db.pool())
        .await
        .inspect_err(|_| db.conversations.forget(chat_id))?;
    db.users.language_set(user_id, lang);
    db.conversations.put(chat_id, None);
    Ok(())
}

/// Telegram said the user blocked the bot or is gone: stop trying until they write again.
pub async fn mark_blocked(
    db: &Db,
    chat_id: ChatId,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    db.users.forget_chat(chat_id);
    sqlx::query("UPDATE telegram_users SET blocked_at = $1 WHERE chat_id = $2")
        .bind(now.timestamp())
        .bind(chat_id.0)
        .execute(db.pool())
        .await?;
    Ok(())
}

pub async fn is_blocked(db: &Db, chat_id: ChatId) -> Result<bool, StorageError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM telegram_users WHERE chat_id = $1 AND blocked_at IS NOT NULL",
    )
    .bind(chat_id.0)
    .fetch_one(db.pool())
    .await?;
    Ok(n > 0)
}

fn parse_lang(code: &str) -> Result<Lang, StorageError> {
    Lang::from_code(code).ok_or_else(|| StorageError::Corrupt(format!("language {code:?}")))
}
