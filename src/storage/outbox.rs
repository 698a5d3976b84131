//! The outbox: every message the bot starts, one row per recipient, and the sender's claims on
//! them. A claim is a lease: a sender that dies leaves its rows to be claimed again when the
//! lease runs out, so nothing queued is lost and only what was in flight can go out twice.

use sqlx::{Any, Row, Transaction};

use crate::domain::ChatId;

use super::{Backend, Db, StorageError};

/// What is sent: stored once however many receive it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payload {
    pub text: String,
    /// `true` for Telegram's HTML formatting.
    pub html: bool,
    /// Inline keyboard, as Bot API JSON.
    pub keyboard: Option<String>,
}

pub async fn insert_payload(
    tx: &mut Transaction<'_, Any>,
    payload: &Payload,
) -> Result<i64, StorageError> {
    let id = sqlx::query_scalar(
        "INSERT INTO outbox_payloads (text, parse_mode, keyboard) VALUES ($1, $2, $3) \
         RETURNING id",
    )
    .bind(&payload.text)
    .bind(payload.html.then_some("HTML"))
    .bind(payload.keyboard.as_deref())
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// Who a queued message is for, as far as delivering it goes.
#[derive(Debug, Clone, Copy)]
pub struct To<'a> {
    pub nip: &'a str,
    /// Their chat, if they linked an account.
    pub chat: Option<ChatId>,
    /// They blocked the bot.
    pub blocked: bool,
}

/// Queues one message in `tx`, with the change that causes it. Someone who never linked an
/// account or blocked the bot gets a row already settled (`unlinked`, `unreachable`), as
/// broadcasts do, so HR can see who was not reached.
pub async fn queue_to(
    tx: &mut Transaction<'_, Any>,
    to: To<'_>,
    payload: &Payload,
    (origin_kind, origin_id): (&str, i64),
    now: i64,
) -> Result<(), StorageError> {
    let payload_id = insert_payload(tx, payload).await?;
    let state = match (to.chat, to.blocked) {
        (_, true) => "unreachable",
        (None, false) => "unlinked",
        (Some(_), false) => "pending",
    };
    sqlx::query(
        "INSERT INTO outbox (payload_id, nip, chat_id, origin_kind, origin_id, state, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(payload_id)
    .bind(to.nip)
    .bind(to.chat.map(|c| c.0))
    .bind(origin_kind)
    .bind(origin_id)
    .bind(state)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn payload(db: &Db, id: i64) -> Result<Option<Payload>, StorageError> {
    let row = sqlx::query("SELECT text, parse_mode, keyboard FROM outbox_payloads WHERE id = $1")
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    row.map(|r| {
        let mode: Option<String> = r.try_get("parse_mode")?;
        Ok(Payload {
            text: r.try_get("text")?,
            html: mode.as_deref() == Some("HTML"),
            keyboard: r.try_get("keyboard")?,
        })
    })
    .transpose()
}

/// Queues one message to one chat (a report to the HR person who asked for it).
pub async fn enqueue_one(
    tx: &mut Transaction<'_, Any>,
    payload_id: i64,
    chat_id: ChatId,
    origin: super::audience::Origin,
    now: i64,
) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO outbox (payload_id, chat_id, origin_kind, origin_id, state, created_at) \
         VALUES ($1, $2, $3, $4, 'pending', $5)",
    )
    .bind(payload_id)
    .bind(chat_id.0)
    .bind(origin.kind)
    .bind(origin.id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A row leased to one sender.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    pub id: i64,
    pub chat_id: ChatId,
    pub payload_id: i64,
    pub attempts: i64,
    /// The lease this claim holds; settling checks it, so a claim that outlived its lease (and
    /// was taken again) cannot overwrite the newer claim's result.
    pub lease_until: i64,
}

/// Leases up to `limit` due rows, oldest first, to `owner` until `lease_until` (wall-clock ms).
/// On PostgreSQL, concurrent senders skip each other's rows instead of waiting or sharing them.
pub async fn claim(
    db: &Db,
    owner: &str,
    now_ms: i64,
    lease_until: i64,
    limit: i64,
) -> Result<Vec<Claimed>, StorageError> {
    let lock = match db.backend() {
        Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        // SQLite has one writer at a time: the UPDATE itself is the lock.
        Backend::Sqlite => "",
    };
    let sql = format!(
        "UPDATE outbox SET state = 'sending', lease_owner = $1, lease_until = $2 \
         WHERE id IN (SELECT id FROM outbox WHERE state = 'pending' AND not_before <= $3 \
             AND chat_id IS NOT NULL ORDER BY id LIMIT $4{lock}) \
         RETURNING id, chat_id, payload_id, attempts"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(owner)
        .bind(lease_until)
        .bind(now_ms)
        .bind(limit)
        .fetch_all(db.pool())
        .await?;
    let mut claimed = rows
        .iter()
        .map(|r| {
            let chat: Option<i64> = r.try_get("chat_id")?;
            Ok(Claimed {
                id: r.try_get("id")?,
                chat_id: ChatId(chat.ok_or_else(|| StorageError::Corrupt("outbox chat".into()))?),
                payload_id: r.try_get("payload_id")?,
                attempts: r.try_get("attempts")?,
                lease_until,
            })
        })
        .collect::<Result<Vec<_>, StorageError>>()?;
    claimed.sort_by_key(|c| c.id);
    Ok(claimed)
}

/// Returns rows whose sender died (its lease ran out) to the queue.
pub async fn reclaim_expired(db: &Db, now_ms: i64) -> Result<u64, StorageError> {
    let done = sqlx::query(
        "UPDATE outbox SET state = 'pending', lease_owner = NULL, lease_until = NULL \
         WHERE state = 'sending' AND lease_until < $1",
    )
    .bind(now_ms)
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected())
}

/// How one attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Sent,
    /// 403 and the like: final until the person writes to the bot again.
    Unreachable(String),
    /// Telegram refused the message itself, or retries ran out.
    Failed(String),
    /// Try again at `not_before` (wall-clock ms); `attempted` counts it as a try.
    Retry {
        not_before: i64,
        attempted: bool,
        error: Option<String>,
    },
}

/// Settles a leased row. Only the lease holder can: a row reclaimed by another sender after a
/// stall is theirs now. A row withdrawn while leased (a stopped broadcast) stays withdrawn
/// unless it was in fact sent or refused.
pub async fn settle(
    db: &Db,
    claim: &Claimed,
    owner: &str,
    outcome: &Outcome,
    now: i64,
) -> Result<(), StorageError> {
    let (state, error, not_before, bump) = match outcome {
        Outcome::Sent => ("sent", None, 0, 0),
        Outcome::Unreachable(e) => ("unreachable", Some(e.as_str()), 0, 1),
        Outcome::Failed(e) => ("failed", Some(e.as_str()), 0, 1),
        Outcome::Retry {
            not_before,
            attempted,
            error,
        } => (
            "pending",
            error.as_deref(),
            *not_before,
            i64::from(*attempted),
        ),
    };
    let done_at = (state != "pending").then_some(now);
    let still_wanted = if state == "pending" {
        " AND state = 'sending'"
    } else {
        ""
    };
    let sql = format!(
        "UPDATE outbox SET state = $1, error = $2, not_before = $3, attempts = attempts + $4, \
             done_at = $5, lease_owner = NULL, lease_until = NULL \
         WHERE id = $6 AND lease_owner = $7 AND lease_until = $8{still_wanted}"
    );
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(state)
        .bind(error)
        .bind(not_before)
        .bind(bump)
        .bind(done_at)
        .bind(claim.id)
        .bind(owner)
        .bind(claim.lease_until)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Rows of one origin by state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub pending: i64,
    pub sent: i64,
    pub unreachable: i64,
    pub failed: i64,
    pub cancelled: i64,
    pub unlinked: i64,
}

impl Counts {
    pub fn total(&self) -> i64 {
        self.pending + self.sent + self.unreachable + self.failed + self.cancelled + self.unlinked
    }
}

pub async fn counts(db: &Db, kind: &str, origin_id: i64) -> Result<Counts, StorageError> {
    counts_with(db.pool(), kind, origin_id).await
}

/// Counts through a pool or inside a transaction.
pub async fn counts_with<'e, E>(
    executor: E,
    kind: &str,
    origin_id: i64,
) -> Result<Counts, StorageError>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let rows = sqlx::query(
        "SELECT state, COUNT(*) AS n FROM outbox WHERE origin_kind = $1 AND origin_id = $2 \
         GROUP BY state",
    )
    .bind(kind)
    .bind(origin_id)
    .fetch_all(executor)
    .await?;
    let mut c = Counts::default();
    for r in rows {
        let state: String = r.try_get("state")?;
        let n: i64 = r.try_get("n")?;
        match state.as_str() {
            "pending" | "sending" => c.pending += n,
            "sent" => c.sent += n,
            "unreachable" => c.unreachable += n,
            "failed" => c.failed += n,
            "cancelled" => c.cancelled += n,
            "unlinked" => c.unlinked += n,
            other => return Err(StorageError::Corrupt(format!("outbox state {other:?}"))),
        }
    }
    Ok(c)
}

/// Withdraws what has not gone out yet, including rows a sender holds but has not sent: the
/// sender's later "try again" leaves them withdrawn (see `settle`).
pub async fn cancel_pending(
    tx: &mut Transaction<'_, Any>,
    kind: &str,
    origin_id: i64,
    now: i64,
) -> Result<u64, StorageError> {
    let done = sqlx::query(
        "UPDATE outbox SET state = 'cancelled', done_at = $1 \
         WHERE origin_kind = $2 AND origin_id = $3 AND state IN ('pending', 'sending')",
    )
    .bind(now)
    .bind(kind)
    .bind(origin_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected())
}

/// Why a recipient was not reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotReached {
    /// The employee never linked a Telegram account.
    Unlinked,
    /// They blocked the bot, or their account is gone.
    Unreachable,
    /// Telegram refused the message, or the sender gave up; with the reason.
    Failed(String),
}

/// One recipient the message did not reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undelivered {
    pub nip: String,
    pub name: String,
    pub unit: String,
    pub why: NotReached,
}

/// Who of one origin was not reached (never linked, blocked the bot, or failed), by unit and
/// name.
pub async fn undelivered(
    db: &Db,
    kind: &str,
    origin_id: i64,
) -> Result<Vec<Undelivered>, StorageError> {
    let rows = sqlx::query(
        "SELECT o.nip, e.name, u.path, o.state, o.error FROM outbox o \
         JOIN employees e ON e.nip = o.nip JOIN units u ON u.id = e.unit_id \
         WHERE o.origin_kind = $1 AND o.origin_id = $2 \
             AND o.state IN ('unlinked', 'unreachable', 'failed') \
         ORDER BY u.path, e.name",
    )
    .bind(kind)
    .bind(origin_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Undelivered {
                nip: r.try_get("nip")?,
                name: r.try_get("name")?,
                unit: r.try_get("path")?,
                why: match r.try_get::<String, _>("state")?.as_str() {
                    "unlinked" => NotReached::Unlinked,
                    "unreachable" => NotReached::Unreachable,
                    _ => NotReached::Failed(
                        r.try_get::<Option<String>, _>("error")?.unwrap_or_default(),
                    ),
                },
            })
        })
        .collect()
}

/// Takes or keeps the sender's seat until `until_ms`; `false` while another process holds it.
pub async fn lead(db: &Db, owner: &str, now_ms: i64, until_ms: i64) -> Result<bool, StorageError> {
    let done = sqlx::query(
        "UPDATE outbox_sender SET owner = $1, lease_until = $2 \
         WHERE id = 1 AND (owner = $1 OR owner IS NULL OR lease_until < $3)",
    )
    .bind(owner)
    .bind(until_ms)
    .bind(now_ms)
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Gives the seat up on a clean stop, so the next process starts sending at once.
pub async fn resign(db: &Db, owner: &str) -> Result<(), StorageError> {
    sqlx::query(
        "UPDATE outbox_sender SET owner = NULL, lease_until = 0 WHERE id = 1 AND owner = $1",
    )
    .bind(owner)
    .execute(db.pool())
    .await?;
    Ok(())
}
