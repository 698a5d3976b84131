//! Named leases: work one replica of the fleet does at a time (the schedulers). A lease is held
//! until a wall-clock time and renewed well before it; when its holder dies it runs out and
//! another replica takes it.

use super::{Db, StorageError};

/// Takes or renews `name` for `owner` until `until_ms`; `false` while another live owner holds
/// it.
pub async fn hold(
    db: &Db,
    name: &str,
    owner: &str,
    now_ms: i64,
    until_ms: i64,
) -> Result<bool, StorageError> {
    let done = sqlx::query(
        "INSERT INTO leases (name, owner, lease_until) VALUES ($1, $2, $3) \
         ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until \
         WHERE leases.owner = excluded.owner OR leases.owner IS NULL OR leases.lease_until < $4",
    )
    .bind(name.to_owned())
    .bind(owner.to_owned())
    .bind(until_ms)
    .bind(now_ms)
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Gives `name` up (a clean stop), so another replica takes it at once.
pub async fn release(db: &Db, name: &str, owner: &str) -> Result<(), StorageError> {
    sqlx::query("UPDATE leases SET owner = NULL, lease_until = 0 WHERE name = $1 AND owner = $2")
        .bind(name.to_owned())
        .bind(owner.to_owned())
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Who holds `name` now, if anyone does.
pub async fn holder(db: &Db, name: &str, now_ms: i64) -> Result<Option<String>, StorageError> {
    let owner: Option<Option<String>> =
        sqlx::query_scalar("SELECT owner FROM leases WHERE name = $1 AND lease_until >= $2")
            .bind(name.to_owned())
            .bind(now_ms)
            .fetch_optional(db.pool())
            .await?;
    Ok(owner.flatten())
}
