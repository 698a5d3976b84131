//! The inbox: every update as it arrived, so handling survives restarts and a resent update is
//! recognised. Receiving writes rows; workers read the pending ones and mark them handled.

use std::collections::HashSet;
use std::fmt::Write;

use sqlx::Row;

use super::{Db, StorageError};

/// What the receiver decided about an update when it arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Hand it to the router.
    Update,
    /// Its sender is flooding the bot: tell them to slow down once, do not route it.
    SlowDown,
    /// Its sender is flooding and was already told: stored as handled, never routed.
    Dropped,
}

impl Kind {
    fn code(self) -> &'static str {
        match self {
            Self::Update => "update",
            Self::SlowDown => "slow_down",
            Self::Dropped => "dropped",
        }
    }

    fn parse(code: &str) -> Result<Self, StorageError> {
        match code {
            "update" => Ok(Self::Update),
            "slow_down" => Ok(Self::SlowDown),
            "dropped" => Ok(Self::Dropped),
            other => Err(StorageError::Corrupt(format!("inbox kind {other:?}"))),
        }
    }
}

/// An update as stored: its id, its chat (0 when it has none), and its JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub update_id: i64,
    pub chat_id: i64,
    pub kind: Kind,
    pub payload: String,
}

/// Stores a batch in one statement. Updates already there (Telegram sent them again after a
/// restart) are left as they are; returns the ids of the ones that are new and not dropped,
/// which are the ones to handle.
pub async fn store(db: &Db, batch: &[Stored], now: i64) -> Result<HashSet<i64>, StorageError> {
    if batch.is_empty() {
        return Ok(HashSet::new());
    }
    let mut sql = String::from(
        "INSERT INTO inbox (update_id, chat_id, kind, payload, received_at, handled_at) VALUES ",
    );
    for i in 0..batch.len() {
        let p = i * 6;
        if i > 0 {
            sql.push(',');
        }
        let _ = write!(
            sql,
            "(${}, ${}, ${}, ${}, ${}, ${})",
            p + 1,
            p + 2,
            p + 3,
            p + 4,
            p + 5,
            p + 6
        );
    }
    sql.push_str(" ON CONFLICT (update_id) DO NOTHING RETURNING update_id");
    let mut query = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql));
    for u in batch {
        // A dropped update is handled on arrival: nothing of it is kept.
        let handled = (u.kind == Kind::Dropped).then_some(now);
        let payload = if handled.is_some() {
            ""
        } else {
            u.payload.as_str()
        };
        query = query
            .bind(u.update_id)
            .bind(u.chat_id)
            .bind(u.kind.code())
            .bind(payload.to_owned())
            .bind(now)
            .bind(handled);
    }
    let inserted: HashSet<i64> = query.fetch_all(db.pool()).await?.into_iter().collect();
    Ok(batch
        .iter()
        .filter(|u| u.kind != Kind::Dropped && inserted.contains(&u.update_id))
        .map(|u| u.update_id)
        .collect())
}

/// Updates not yet handled after `after`, oldest first: what a crash or a stop left behind.
pub async fn pending(db: &Db, after: i64, limit: i64) -> Result<Vec<Stored>, StorageError> {
    let rows = sqlx::query(
        "SELECT update_id, chat_id, kind, payload FROM inbox \
         WHERE handled_at IS NULL AND update_id > $1 ORDER BY update_id LIMIT $2",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(stored).collect()
}

fn stored(r: &sqlx::any::AnyRow) -> Result<Stored, StorageError> {
    Ok(Stored {
        update_id: r.try_get("update_id")?,
        chat_id: r.try_get("chat_id")?,
        kind: Kind::parse(&r.try_get::<String, _>("kind")?)?,
        payload: r.try_get("payload")?,
    })
}

/// Marks an update handled and forgets what it said.
pub async fn mark_handled(db: &Db, update_id: i64, now: i64) -> Result<(), StorageError> {
    mark_all_handled(db, &[update_id], now).await
}

/// Marks several updates handled in one statement.
pub async fn mark_all_handled(db: &Db, update_ids: &[i64], now: i64) -> Result<(), StorageError> {
    if update_ids.is_empty() {
        return Ok(());
    }
    let list = (2..update_ids.len() + 2)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(",");
    let sql = format!("UPDATE inbox SET handled_at = $1, payload = '' WHERE update_id IN ({list})");
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(now);
    for id in update_ids {
        query = query.bind(*id);
    }
    query.execute(db.pool()).await?;
    Ok(())
}

/// How many updates wait to be handled.
pub async fn pending_count(db: &Db) -> Result<i64, StorageError> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM inbox WHERE handled_at IS NULL")
        .fetch_one(db.pool())
        .await?;
    Ok(n)
}

/// Whether this update was stored and handled.
pub async fn is_handled(db: &Db, update_id: i64) -> Result<bool, StorageError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM inbox WHERE update_id = $1 AND handled_at IS NOT NULL",
    )
    .bind(update_id)
    .fetch_one(db.pool())
    .await?;
    Ok(n > 0)
}

/// Forgets updates handled before `before` (epoch seconds); Telegram never resends anything
/// that old.
pub async fn prune(db: &Db, before: i64) -> Result<u64, StorageError> {
    // Bounded, so a first prune after a long run does not hold the writer for long.
    let sql = "DELETE FROM inbox WHERE update_id IN (SELECT update_id FROM inbox \
               WHERE handled_at < $1 LIMIT 10000)";
    let done = sqlx::query(sql).bind(before).execute(db.pool()).await?;
    Ok(done.rows_affected())
}

/// Hands `owner` the pending updates of up to `limit` chats to handle, until `lease_until_ms`:
/// the chats whose oldest pending update is not under a live lease, oldest first, each with all
/// its pending updates, so the replica handles a chat's updates in order and one claim serves
/// a chat that wrote several times. A chat with an update in someone's hand is not handed out
/// again until that lease ends; an update it sends meanwhile waits for the next claim. On
/// PostgreSQL replicas skip the chats another one is taking.
pub async fn claim(
    db: &Db,
    owner: &str,
    now_ms: i64,
    lease_until_ms: i64,
    limit: i64,
) -> Result<Vec<Stored>, StorageError> {
    let skip_locked = match db.backend() {
        super::Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        super::Backend::Sqlite => "",
    };
    // Every update not under a live lease that comes first in its chat is a chat to take; the
    // scan meets few others, because a taken chat's updates are all leased together. "First in
    // its chat" is a correlated MIN, which PostgreSQL can only run as one index probe per row:
    // as NOT EXISTS it may become an anti-join comparing every pending update with every other
    // one, which a plan made while the inbox was nearly empty did, at seconds per claim.
    let sql = format!(
        "UPDATE inbox SET lease_owner = $1, lease_until = $2 \
         WHERE handled_at IS NULL AND (lease_until IS NULL OR lease_until < $3) \
           AND chat_id IN ( \
             SELECT i.chat_id FROM inbox i \
             WHERE i.handled_at IS NULL AND (i.lease_until IS NULL OR i.lease_until < $3) \
               AND i.update_id = (SELECT MIN(e.update_id) FROM inbox e \
                                  WHERE e.chat_id = i.chat_id AND e.handled_at IS NULL) \
             ORDER BY i.update_id LIMIT $4{skip_locked}) \
         RETURNING update_id, chat_id, kind, payload"
    );
    // Planned for each call with its values, not once for all: how many updates wait changes
    // from none to thousands within a second.
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .persistent(false)
        .bind(owner.to_owned())
        .bind(lease_until_ms)
        .bind(now_ms)
        .bind(limit)
        .fetch_all(db.pool())
        .await?;
    let mut claimed = rows.iter().map(stored).collect::<Result<Vec<_>, _>>()?;
    claimed.sort_by_key(|s| s.update_id);
    Ok(claimed)
}

/// Extends the leases of the updates `owner` still has in hand (long handlers, and updates
/// queued in memory), so no other replica takes them meanwhile. A lease that already ran out is
/// not brought back: another replica may have taken that update.
pub async fn renew(
    db: &Db,
    owner: &str,
    update_ids: &[i64],
    now_ms: i64,
    lease_until_ms: i64,
) -> Result<u64, StorageError> {
    if update_ids.is_empty() {
        return Ok(0);
    }
    let list = (4..update_ids.len() + 4)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(",");
    // An update being marked handled right now needs no renewal; skipping its lock keeps this
    // from waiting on (or deadlocking with) the mark.
    let skip_locked = match db.backend() {
        super::Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        super::Backend::Sqlite => "",
    };
    let sql = format!(
        "UPDATE inbox SET lease_until = $2 WHERE update_id IN ( \
           SELECT update_id FROM inbox WHERE lease_owner = $1 AND handled_at IS NULL \
           AND lease_until >= $3 AND update_id IN ({list}){skip_locked})"
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(owner.to_owned())
        .bind(lease_until_ms)
        .bind(now_ms);
    for id in update_ids {
        query = query.bind(*id);
    }
    Ok(query.execute(db.pool()).await?.rows_affected())
}

/// Gives back what `owner` holds and has not handled (a clean stop), so others take it at once.
pub async fn release(db: &Db, owner: &str) -> Result<u64, StorageError> {
    let done = sqlx::query(
        "UPDATE inbox SET lease_owner = NULL, lease_until = NULL \
         WHERE lease_owner = $1 AND handled_at IS NULL",
    )
    .bind(owner.to_owned())
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected())
}

/// Clears every lease on pending updates. Only for the one process on an SQLite file, at start:
/// whoever held them is gone.
pub async fn release_all(db: &Db) -> Result<u64, StorageError> {
    let done = sqlx::query(
        "UPDATE inbox SET lease_owner = NULL, lease_until = NULL \
         WHERE handled_at IS NULL AND lease_owner IS NOT NULL",
    )
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected())
}
