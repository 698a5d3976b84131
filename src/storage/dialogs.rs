//! Dialog records: saving one (idempotent by its recording's key), correcting it with an audit
//! trail, the employee's acknowledgement, the follow-up and its coaching feedback, and requests.
//! Every message a change causes is queued in the outbox in the same transaction as the change,
//! so nothing is recorded without its notice or noticed without its record.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use sqlx::{Any, Row, Transaction};

use super::outbox::{self, Payload};
use super::{Backend, Db, StorageError};
use crate::domain::DialogId;
use crate::domain::dialog::Point;
use crate::domain::dialog::{Ack, FollowUpKind, Giver, Kind, Mode};

pub const ORIGIN: &str = "dialog";

pub use super::dialog_followups::{
    coaching_answer, coaching_answers, coaching_complete, follow_up_done, request,
};
pub use super::dialog_people::{
    Person, person_by_nip, person_by_ref, person_by_user, subordinates,
};

/// What a dialog says, as recorded or corrected.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Content {
    pub kind: Kind,
    pub mode: Mode,
    pub held_on: NaiveDate,
    pub points: BTreeMap<Point, String>,
    pub follow_up: Option<FollowUpKind>,
    pub follow_up_by: Option<Giver>,
    pub next_on: Option<NaiveDate>,
}

/// A stored dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dialog {
    pub id: DialogId,
    pub supervisor_nip: String,
    pub employee_nip: String,
    pub content: Content,
    pub ack: Ack,
    pub ack_comment: Option<String>,
    pub follow_up_done: bool,
    pub coaching_sent: bool,
    pub created_at: i64,
    /// Raised by each correction; the employee's buttons carry the one they were shown.
    pub revision: i64,
}

const DIALOG: &str = "SELECT id, supervisor_nip, employee_nip, kind, mode, held_on, points, \
     follow_up, follow_up_by, follow_up_done_at, next_on, ack, ack_comment, coaching_sent_at, \
     created_at, revision FROM dialogs";

pub(super) fn corrupt(what: &str) -> StorageError {
    StorageError::Corrupt(format!("dialog {what}"))
}

fn date(s: &str) -> Result<NaiveDate, StorageError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| corrupt("date"))
}

fn dialog(r: &sqlx::any::AnyRow) -> Result<Dialog, StorageError> {
    let kind: String = r.try_get("kind")?;
    let mode: String = r.try_get("mode")?;
    let points: String = r.try_get("points")?;
    let follow_up: Option<String> = r.try_get("follow_up")?;
    let by: Option<String> = r.try_get("follow_up_by")?;
    let next_on: Option<String> = r.try_get("next_on")?;
    let ack: String = r.try_get("ack")?;
    Ok(Dialog {
        id: DialogId(r.try_get("id")?),
        supervisor_nip: r.try_get("supervisor_nip")?,
        employee_nip: r.try_get("employee_nip")?,
        content: Content {
            kind: Kind::parse(&kind).ok_or_else(|| corrupt("kind"))?,
            mode: Mode::parse(&mode).ok_or_else(|| corrupt("mode"))?,
            held_on: date(&r.try_get::<String, _>("held_on")?)?,
            points: serde_json::from_str(&points).map_err(|_| corrupt("points"))?,
            follow_up: follow_up
                .map(|f| FollowUpKind::parse(&f).ok_or_else(|| corrupt("follow-up")))
                .transpose()?,
            follow_up_by: by
                .map(|g| Giver::parse(&g).ok_or_else(|| corrupt("giver")))
                .transpose()?,
            next_on: next_on.as_deref().map(date).transpose()?,
        },
        ack: Ack::parse(&ack).ok_or_else(|| corrupt("ack"))?,
        ack_comment: r.try_get("ack_comment")?,
        follow_up_done: r.try_get::<Option<i64>, _>("follow_up_done_at")?.is_some(),
        coaching_sent: r.try_get::<Option<i64>, _>("coaching_sent_at")?.is_some(),
        created_at: r.try_get("created_at")?,
        revision: r.try_get("revision")?,
    })
}

pub async fn get(db: &Db, id: DialogId) -> Result<Option<Dialog>, StorageError> {
    let sql = format!("{DIALOG} WHERE id = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id.0)
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(dialog).transpose()
}

/// Locks the row for the rest of the transaction on PostgreSQL (SQLite's write transaction
/// already holds the only write lock).
pub(super) async fn get_for_update(
    tx: &mut Transaction<'_, Any>,
    backend: Backend,
    id: DialogId,
) -> Result<Option<Dialog>, StorageError> {
    let lock = match backend {
        Backend::Postgres => " FOR UPDATE",
        Backend::Sqlite => "",
    };
    let sql = format!("{DIALOG} WHERE id = $1{lock}");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id.0)
        .fetch_optional(&mut **tx)
        .await?;
    row.as_ref().map(dialog).transpose()
}

/// A message to one person, queued with the change that causes it. Someone who never linked an
/// account or blocked the bot gets a row already settled, as broadcasts do.
pub struct Notice {
    pub to: Person,
    pub payload: Payload,
}

pub(super) async fn queue(
    tx: &mut Transaction<'_, Any>,
    notice: &Notice,
    origin_id: i64,
    now: i64,
) -> Result<(), StorageError> {
    let to = outbox::To {
        nip: &notice.to.nip,
        chat: notice.to.chat_id,
        blocked: notice.to.blocked,
    };
    outbox::queue_to(tx, to, &notice.payload, (ORIGIN, origin_id), now).await
}

/// The outcome of a save for one employee.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Saved {
    pub id: DialogId,
    /// `false` when this recording had been saved already (a second tap, a replay).
    pub fresh: bool,
}

/// Saves one record per employee, each with the notice `notice(id, employee)` builds (the
/// request to acknowledge it), and answers the employee's open requests. Saving the same
/// recording again (same `key`) stores nothing new.
pub async fn save(
    db: &Db,
    key: &str,
    supervisor_nip: &str,
    content: &Content,
    employees: &[Person],
    notice: impl Fn(DialogId, &Person) -> Notice,
    now: i64,
) -> Result<Result<Vec<Saved>, Refused>, StorageError> {
    let points = serde_json::to_string(&content.points).map_err(|_| corrupt("points"))?;
    let group = (employees.len() > 1).then_some(key);
    let mut tx = db.begin_write().await?;
    // A recording stored before the lock and handled again after it is still "saved".
    let replay: Option<i64> = sqlx::query_scalar("SELECT id FROM dialogs WHERE save_key = $1")
        .bind(format!(
            "{key}:{}",
            employees.first().map_or(0, |e| e.r#ref.0)
        ))
        .fetch_optional(&mut *tx)
        .await?;
    if replay.is_none() && day_locked(&mut tx, db.backend(), content.held_on).await? {
        return Ok(Err(Refused::Locked));
    }
    let mut saved = Vec::with_capacity(employees.len());
    for e in employees {
        let save_key = format!("{key}:{}", e.r#ref.0);
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO dialogs (save_key, group_key, supervisor_nip, employee_nip, kind, mode, \
                 held_on, points, follow_up, follow_up_by, next_on, ack, created_at, updated_at, \
                 asked_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'pending', $12, $12, $12) \
             ON CONFLICT (save_key) DO NOTHING RETURNING id",
        )
        .bind(&save_key)
        .bind(group)
        .bind(supervisor_nip)
        .bind(&e.nip)
        .bind(content.kind.code())
        .bind(content.mode.code())
        .bind(content.held_on.to_string())
        .bind(&points)
        .bind(content.follow_up.map(|f| f.code()))
        .bind(content.follow_up_by.map(|g| g.code()))
        .bind(content.next_on.map(|d| d.to_string()))
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(id) = id else {
            let existing: i64 = sqlx::query_scalar("SELECT id FROM dialogs WHERE save_key = $1")
                .bind(&save_key)
                .fetch_one(&mut *tx)
                .await?;
            saved.push(Saved {
                id: DialogId(existing),
                fresh: false,
            });
            continue;
        };
        queue(&mut tx, &notice(DialogId(id), e), id, now).await?;
        sqlx::query(
            "UPDATE dialog_requests SET dialog_id = $1 \
             WHERE employee_nip = $2 AND supervisor_nip = $3 AND dialog_id IS NULL",
        )
        .bind(id)
        .bind(&e.nip)
        .bind(supervisor_nip)
        .execute(&mut *tx)
        .await?;
        saved.push(Saved {
            id: DialogId(id),
            fresh: true,
        });
    }
    tx.commit().await?;
    Ok(Ok(saved))
}

/// Why a change to a dialog did not apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    Missing,
    /// The person is not the one this change belongs to.
    NotYours,
    /// The acknowledgement was answered (or expired) already.
    Answered(Ack),
    /// There is no follow-up, or it was marked done already.
    NoOpenFollowUp,
    /// The record was corrected after this copy of it was sent.
    Outdated,
    /// The dialog's date lies in a period HR has locked: it no longer changes.
    Locked,
}

/// Whether `day` lies in a locked period, as the writing transaction sees it (`guard`).
pub(super) async fn day_locked(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    backend: super::Backend,
    day: chrono::NaiveDate,
) -> Result<bool, StorageError> {
    super::periods::guard(tx, backend, day, day).await
}

/// Corrects a record not yet acknowledged, keeping what it said before in the audit trail, and
/// asks the employee again.
pub async fn correct(
    db: &Db,
    id: DialogId,
    change_key: &str,
    by_nip: &str,
    content: &Content,
    notice: impl FnOnce(&Dialog) -> Notice,
    now: i64,
) -> Result<Result<Dialog, Refused>, StorageError> {
    let mut tx = db.begin_write().await?;
    let Some(before) = get_for_update(&mut tx, db.backend(), id).await? else {
        return Ok(Err(Refused::Missing));
    };
    if before.supervisor_nip != by_nip {
        return Ok(Err(Refused::NotYours));
    }
    if before.ack != Ack::Pending {
        return Ok(Err(Refused::Answered(before.ack)));
    }
    if day_locked(&mut tx, db.backend(), before.content.held_on).await?
        || day_locked(&mut tx, db.backend(), content.held_on).await?
    {
        return Ok(Err(Refused::Locked));
    }
    let was = serde_json::to_string(&before.content).map_err(|_| corrupt("content"))?;
    let recorded = sqlx::query(
        "INSERT INTO dialog_changes (dialog_id, changed_by, changed_at, before, change_key) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (change_key) DO NOTHING",
    )
    .bind(id.0)
    .bind(by_nip)
    .bind(now)
    .bind(was)
    .bind(change_key)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if recorded == 0 {
        // This correction was applied already (its update handled again after a restart).
        return Ok(Ok(before));
    }
    let points = serde_json::to_string(&content.points).map_err(|_| corrupt("points"))?;
    sqlx::query(
        "UPDATE dialogs SET kind = $1, mode = $2, held_on = $3, points = $4, follow_up = $5, \
             follow_up_by = $6, next_on = $7, updated_at = $8, asked_at = $8, \
             revision = revision + 1 WHERE id = $9",
    )
    .bind(content.kind.code())
    .bind(content.mode.code())
    .bind(content.held_on.to_string())
    .bind(points)
    .bind(content.follow_up.map(|f| f.code()))
    .bind(content.follow_up_by.map(|g| g.code()))
    .bind(content.next_on.map(|d| d.to_string()))
    .bind(now)
    .bind(id.0)
    .execute(&mut *tx)
    .await?;
    let after = Dialog {
        content: content.clone(),
        revision: before.revision + 1,
        ..before
    };
    queue(&mut tx, &notice(&after), id.0, now).await?;
    tx.commit().await?;
    Ok(Ok(after))
}

/// The audit trail of one dialog: who changed it, when, and what it said before, oldest first.
pub async fn changes(db: &Db, id: DialogId) -> Result<Vec<(String, i64, Content)>, StorageError> {
    let rows = sqlx::query(
        "SELECT changed_by, changed_at, before FROM dialog_changes WHERE dialog_id = $1 ORDER BY id",
    )
    .bind(id.0)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let before: String = r.try_get("before")?;
            Ok((
                r.try_get("changed_by")?,
                r.try_get("changed_at")?,
                serde_json::from_str(&before).map_err(|_| corrupt("audit"))?,
            ))
        })
        .collect()
}

/// The employee's answer: confirmed, or commented with `comment`. Their supervisor's notice is
/// queued with it.
pub async fn acknowledge(
    db: &Db,
    id: DialogId,
    revision: i64,
    employee_nip: &str,
    comment: Option<&str>,
    notice: impl FnOnce(&Dialog) -> Option<Notice>,
    now: i64,
) -> Result<Result<Dialog, Refused>, StorageError> {
    let mut tx = db.begin_write().await?;
    let Some(before) = get_for_update(&mut tx, db.backend(), id).await? else {
        return Ok(Err(Refused::Missing));
    };
    if before.employee_nip != employee_nip {
        return Ok(Err(Refused::NotYours));
    }
    if before.ack != Ack::Pending {
        return Ok(Err(Refused::Answered(before.ack)));
    }
    if before.revision != revision {
        return Ok(Err(Refused::Outdated));
    }
    if day_locked(&mut tx, db.backend(), before.content.held_on).await? {
        return Ok(Err(Refused::Locked));
    }
    let ack = if comment.is_some() {
        Ack::Commented
    } else {
        Ack::Confirmed
    };
    sqlx::query(
        "UPDATE dialogs SET ack = $1, ack_comment = $2, ack_at = $3, updated_at = $3 \
         WHERE id = $4",
    )
    .bind(ack.code())
    .bind(comment)
    .bind(now)
    .bind(id.0)
    .execute(&mut *tx)
    .await?;
    let after = Dialog {
        ack,
        ack_comment: comment.map(str::to_owned),
        ..before
    };
    if let Some(n) = notice(&after) {
        queue(&mut tx, &n, id.0, now).await?;
    }
    tx.commit().await?;
    Ok(Ok(after))
}

/// Dialogs one employee had, all of them, oldest first (tests and the audit read them).
pub async fn of_employee(db: &Db, employee_nip: &str) -> Result<Vec<Dialog>, StorageError> {
    let sql = format!("{DIALOG} WHERE employee_nip = $1 ORDER BY held_on, id");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(employee_nip)
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(dialog).collect()
}
