//! A chat's conversation state, stored as JSON so a half-done conversation survives a restart.

use chrono::{DateTime, Utc};

use super::{Db, StorageError};
use crate::domain::ChatId;

pub async fn load(db: &Db, chat_id: ChatId) -> Result<Option<String>, StorageError> {
    if let Some(known) = db.conversations.get(chat_id) {
        return Ok(known);
    }
    let state: Option<String> =
        sqlx::query_scalar("SELECT state FROM conversations WHERE chat_id = $1")
            .bind(chat_id.0)
            .fetch_optional(db.pool())
            .await?;
    db.conversations.put(chat_id, state.clone());
    Ok(state)
}

pub async fn save(
    db: &Db,
    chat_id: ChatId,
    state_json: &str,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO conversations (chat_id, state, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (chat_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
    )
    .bind(chat_id.0)
    .bind(state_json)
    .bind(now.timestamp())
    .execute(db.pool())
    .await
    .inspect_err(|_| db.conversations.forget(chat_id))?;
    db.conversations.put(chat_id, Some(state_json.to_owned()));
    Ok(())
}

/// Ends the chat's conversation; true if there was one.
pub async fn clear(db: &Db, chat_id: ChatId) -> Result<bool, StorageError> {
    let done = sqlx::query("DELETE FROM conversations WHERE chat_id = $1")
        .bind(chat_id.0)
        .execute(db.pool())
        .await
        .inspect_err(|_| db.conversations.forget(chat_id))?;
    db.conversations.put(chat_id, None);
    Ok(done.rows_affected() > 0)
}
