//! Deadlines and the reminder slots already handled. A reminder's slot record and its outbox rows
//! are written in one transaction, and the slot's key makes a second writer (another bot, or a
//! restart) a no-op: a reminder is queued once, never twice.

use std::collections::HashSet;

use sqlx::Row;

use super::audience::{self, Origin, Resolved};
use super::outbox::{self, Payload};
use super::{Db, StorageError};
use crate::domain::org::UnitId;
use crate::domain::{Audience, Lang, PerLang};

pub const ORIGIN: &str = "deadline";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub id: i64,
    pub title: String,
    pub description: String,
    /// Epoch seconds, UTC.
    pub due_at: i64,
    pub audience: Audience,
    pub scope_unit_id: Option<UnitId>,
    pub cancelled: bool,
    pub reminders_from: i64,
}

#[derive(Debug, Clone)]
pub struct NewDeadline<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub due_at: i64,
    pub audience: Audience,
    pub scope_unit_id: Option<UnitId>,
    pub created_by: Option<&'a str>,
}

pub async fn create(db: &Db, d: &NewDeadline<'_>, now: i64) -> Result<i64, StorageError> {
    let id = sqlx::query_scalar(
        "INSERT INTO deadlines (title, description, due_at, audience, scope_unit_id, created_by, \
             reminders_from, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $7) RETURNING id",
    )
    .bind(d.title)
    .bind(d.description)
    .bind(d.due_at)
    .bind(d.audience.code())
    .bind(d.scope_unit_id.map(|u| u.0))
    .bind(d.created_by)
    .bind(now)
    .fetch_one(db.pool())
    .await?;
    Ok(id)
}

const COLUMNS: &str =
    "id, title, description, due_at, audience, scope_unit_id, cancelled_at, reminders_from";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Deadline, StorageError> {
    let audience: String = r.try_get("audience")?;
    let cancelled: Option<i64> = r.try_get("cancelled_at")?;
    Ok(Deadline {
        id: r.try_get("id")?,
        title: r.try_get("title")?,
        description: r.try_get("description")?,
        due_at: r.try_get("due_at")?,
        audience: Audience::parse(&audience)
            .ok_or_else(|| StorageError::Corrupt(format!("deadline audience {audience:?}")))?,
        scope_unit_id: r.try_get::<Option<i64>, _>("scope_unit_id")?.map(UnitId),
        cancelled: cancelled.is_some(),
        reminders_from: r.try_get("reminders_from")?,
    })
}

pub async fn get(db: &Db, id: i64) -> Result<Option<Deadline>, StorageError> {
    let sql = format!("SELECT {COLUMNS} FROM deadlines WHERE id = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// Deadlines not cancelled and not yet passed, soonest first.
pub async fn upcoming(db: &Db, now: i64) -> Result<Vec<Deadline>, StorageError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM deadlines WHERE cancelled_at IS NULL AND due_at > $1 \
         ORDER BY due_at, id"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(now)
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(from_row).collect()
}

/// Moves a deadline. Reminders of the new date that fell due before now are not sent late, and
/// reminders of the old date still queued are withdrawn.
pub async fn set_due(db: &Db, id: i64, due_at: i64, now: i64) -> Result<(), StorageError> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "UPDATE deadlines SET due_at = $1, reminders_from = $2, updated_at = $2 WHERE id = $3",
    )
    .bind(due_at)
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    outbox::cancel_pending(&mut tx, ORIGIN, id, now).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn set_title(db: &Db, id: i64, title: &str, now: i64) -> Result<(), StorageError> {
    sqlx::query("UPDATE deadlines SET title = $1, updated_at = $2 WHERE id = $3")
        .bind(title)
        .bind(now)
        .bind(id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Cancels a deadline and withdraws its reminders not yet sent.
pub async fn cancel(db: &Db, id: i64, now: i64) -> Result<(), StorageError> {
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE deadlines SET cancelled_at = $1, updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    outbox::cancel_pending(&mut tx, ORIGIN, id, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Slots of this date already handled (sent or passed over).
pub async fn handled_slots(db: &Db, id: i64, due_at: i64) -> Result<HashSet<String>, StorageError> {
    let slots: Vec<String> = sqlx::query_scalar(
        "SELECT slot FROM deadline_reminders WHERE deadline_id = $1 AND due_at = $2",
    )
    .bind(id)
    .bind(due_at)
    .fetch_all(db.pool())
    .await?;
    Ok(slots.into_iter().collect())
}

/// One reminder to queue: its slot, and its text per language.
pub struct Reminder<'a> {
    pub slot: &'a str,
    pub texts: &'a PerLang<String>,
}

/// Records the slots passed over and the one reminder sent, and queues that reminder for the
/// audience, all at once. `false` when another writer had already handled it.
pub async fn remind(
    db: &Db,
    deadline: &Deadline,
    send: Option<Reminder<'_>>,
    skip: &[&str],
    audience: &Resolved,
    now: i64,
) -> Result<bool, StorageError> {
    let mut tx = db.begin_write().await?;
    // Still this deadline, at this date: a cancel or a move that committed since it was read
    // wins (on PostgreSQL this also locks the row against one in progress).
    let current = sqlx::query(
        "UPDATE deadlines SET updated_at = updated_at \
         WHERE id = $1 AND cancelled_at IS NULL AND due_at = $2",
    )
    .bind(deadline.id)
    .bind(deadline.due_at)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if current == 0 {
        return Ok(false);
    }
    let record = |slot: &str, sent: bool| {
        sqlx::query(
            "INSERT INTO deadline_reminders (deadline_id, slot, due_at, sent, handled_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
        )
        .bind(deadline.id)
        .bind(slot.to_owned())
        .bind(deadline.due_at)
        .bind(i64::from(sent))
        .bind(now)
    };
    for slot in skip {
        record(slot, false).execute(&mut *tx).await?;
    }
    let Some(reminder) = send else {
        tx.commit().await?;
        return Ok(true);
    };
    if record(reminder.slot, true)
        .execute(&mut *tx)
        .await?
        .rows_affected()
        == 0
    {
        return Ok(false);
    }
    let payload = |text: &str| Payload {
        text: text.to_owned(),
        html: true,
        keyboard: None,
    };
    let mut payloads = PerLang::same(0);
    for lang in Lang::ALL {
        let id = outbox::insert_payload(&mut tx, &payload(reminder.texts.get(lang))).await?;
        *payloads.get_mut(lang) = id;
    }
    let origin = Origin {
        kind: ORIGIN,
        id: deadline.id,
    };
    audience::enqueue(&mut tx, audience, payloads, origin, now).await?;
    tx.commit().await?;
    Ok(true)
}
