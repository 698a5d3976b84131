//! What `/readyz` and the queue gauges ask the database: one cheap query each.

use sqlx::Row;

use super::{Db, StorageError};

/// A queue's open rows and how long the oldest has waited (0 when it is empty).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Depth {
    pub count: i64,
    pub oldest_age_seconds: i64,
}

/// Whether the database answers at all.
pub async fn ping(db: &Db) -> Result<(), StorageError> {
    sqlx::query("SELECT 1").execute(db.pool()).await?;
    Ok(())
}

/// Updates stored and not yet handled.
pub async fn inbox_depth(db: &Db, now: i64) -> Result<Depth, StorageError> {
    depth(
        db,
        "SELECT COUNT(*) AS n, MIN(received_at) AS oldest FROM inbox WHERE handled_at IS NULL",
        now,
    )
    .await
}

/// Messages waiting to be sent or being sent (retries waiting out their backoff included).
pub async fn outbox_depth(db: &Db, now: i64) -> Result<Depth, StorageError> {
    depth(
        db,
        "SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox \
         WHERE state IN ('pending', 'sending')",
        now,
    )
    .await
}

async fn depth(db: &Db, sql: &'static str, now: i64) -> Result<Depth, StorageError> {
    let row = sqlx::query(sql).fetch_one(db.pool()).await?;
    let count: i64 = row.try_get("n")?;
    let oldest: Option<i64> = row.try_get("oldest")?;
    Ok(Depth {
        count,
        oldest_age_seconds: oldest.map_or(0, |t| (now - t).max(0)),
    })
}
