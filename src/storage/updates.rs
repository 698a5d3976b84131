//! Which Telegram updates were already handled, so none is answered twice after a restart.

use chrono::{DateTime, Utc};

use super::{Db, StorageError};

pub async fn is_processed(db: &Db, update_id: i64) -> Result<bool, StorageError> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM processed_updates WHERE update_id = $1")
        .bind(update_id)
        .fetch_one(db.pool())
        .await?;
    Ok(n > 0)
}

pub async fn mark_processed(
    db: &Db,
    update_id: i64,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO processed_updates (update_id, processed_at) VALUES ($1, $2) \
         ON CONFLICT (update_id) DO NOTHING",
    )
    .bind(update_id)
    .bind(now.timestamp())
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Forgets updates handled before `before`; Telegram never resends anything that old.
pub async fn prune(db: &Db, before: DateTime<Utc>) -> Result<u64, StorageError> {
    let done = sqlx::query("DELETE FROM processed_updates WHERE processed_at < $1")
        .bind(before.timestamp())
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected())
}
