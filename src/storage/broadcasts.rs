//! HR announcements: the broadcast row and its outbox rows are written in one transaction, so a
//! confirmed broadcast is either queued for its whole audience or not at all.

use sqlx::{Any, Row, Transaction};

use super::audience::{self, Origin, Resolved};
use super::outbox::{self, Payload};
use super::{Db, StorageError};
use crate::domain::ChatId;
use crate::domain::org::UnitId;
use crate::domain::{Audience, Lang, PerLang};

pub const ORIGIN: &str = "broadcast";
/// The final report sent to the HR person, keyed by the broadcast's id.
pub const REPORT_ORIGIN: &str = "broadcast-report";

/// What is needed to start a broadcast.
#[derive(Debug, Clone)]
pub struct NewBroadcast<'a> {
    pub created_by: Option<&'a str>,
    pub audience: Audience,
    pub scope_unit_id: Option<UnitId>,
    pub resolved: &'a Resolved,
    pub html: &'a str,
    /// Where progress is shown (HR's chat and the message edited live), if in chat.
    pub report_chat: Option<(ChatId, Option<i32>)>,
    pub report_lang: Lang,
}

/// Queues the broadcast; returns its id and the number of outbox rows written.
pub async fn create(db: &Db, b: &NewBroadcast<'_>, now: i64) -> Result<(i64, u64), StorageError> {
    let mut tx = db.begin_write().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO broadcasts (created_by, audience, scope_unit_id, state, report_chat_id, \
             report_message_id, report_lang, created_at) \
         VALUES ($1, $2, $3, 'sending', $4, $5, $6, $7) RETURNING id",
    )
    .bind(b.created_by)
    .bind(b.audience.code())
    .bind(b.scope_unit_id.map(|u| u.0))
    .bind(b.report_chat.map(|(c, _)| c.0))
    .bind(b.report_chat.and_then(|(_, m)| m.map(i64::from)))
    .bind(b.report_lang.code())
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let payload = Payload {
        text: b.html.to_owned(),
        html: true,
        keyboard: None,
    };
    let payload_id = outbox::insert_payload(&mut tx, &payload).await?;
    let origin = Origin { kind: ORIGIN, id };
    let rows =
        audience::enqueue(&mut tx, b.resolved, PerLang::same(payload_id), origin, now).await?;
    tx.commit().await?;
    Ok((id, rows))
}

/// Where a broadcast is: still going out, done, or stopped by HR.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BroadcastState {
    Sending,
    Finished,
    Cancelled,
}

impl BroadcastState {
    fn code(self) -> &'static str {
        match self {
            Self::Sending => "sending",
            Self::Finished => "done",
            Self::Cancelled => "cancelled",
        }
    }

    fn parse(code: &str) -> Result<Self, StorageError> {
        match code {
            "sending" => Ok(Self::Sending),
            "done" => Ok(Self::Finished),
            "cancelled" => Ok(Self::Cancelled),
            other => Err(StorageError::Corrupt(format!("broadcast state {other:?}"))),
        }
    }
}

/// A broadcast as its progress report needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broadcast {
    pub id: i64,
    pub created_by: Option<String>,
    pub scope_unit_id: Option<UnitId>,
    pub state: BroadcastState,
    pub report_chat_id: Option<ChatId>,
    pub report_message_id: Option<i32>,
    pub report_lang: Lang,
    pub last_progress: Option<String>,
}

const COLUMNS: &str = "id, created_by, scope_unit_id, state, report_chat_id, report_message_id, \
                       report_lang, last_progress";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Broadcast, StorageError> {
    let lang: String = r.try_get("report_lang")?;
    let message: Option<i64> = r.try_get("report_message_id")?;
    Ok(Broadcast {
        id: r.try_get("id")?,
        created_by: r.try_get("created_by")?,
        scope_unit_id: r.try_get::<Option<i64>, _>("scope_unit_id")?.map(UnitId),
        state: BroadcastState::parse(&r.try_get::<String, _>("state")?)?,
        report_chat_id: r.try_get::<Option<i64>, _>("report_chat_id")?.map(ChatId),
        report_message_id: message.and_then(|m| i32::try_from(m).ok()),
        report_lang: Lang::from_code(&lang).unwrap_or_default(),
        last_progress: r.try_get("last_progress")?,
    })
}

pub async fn get(db: &Db, id: i64) -> Result<Option<Broadcast>, StorageError> {
    let sql = format!("SELECT {COLUMNS} FROM broadcasts WHERE id = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// Broadcasts still sending.
pub async fn sending(db: &Db) -> Result<Vec<Broadcast>, StorageError> {
    let sql = format!("SELECT {COLUMNS} FROM broadcasts WHERE state = 'sending' ORDER BY id");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(from_row).collect()
}

/// Marks a broadcast done and queues its final report to HR, once: only the process that moves
/// it out of `sending` writes the report.
pub async fn finish(
    db: &Db,
    id: i64,
    report: Option<(ChatId, &Payload)>,
    now: i64,
) -> Result<bool, StorageError> {
    let mut tx = db.begin_write().await?;
    if !leave_sending(&mut tx, id, BroadcastState::Finished, now).await? {
        return Ok(false);
    }
    if let Some((chat, payload)) = report {
        queue_report(&mut tx, id, chat, payload, now).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// Stops a broadcast: what has not gone out is withdrawn, and the report, counted after the
/// withdrawal, is queued in the same transaction. `None` if it had already ended.
pub async fn cancel(
    db: &Db,
    id: i64,
    now: i64,
    report: impl FnOnce(&outbox::Counts) -> Option<(ChatId, Payload)>,
) -> Result<Option<outbox::Counts>, StorageError> {
    let mut tx = db.begin_write().await?;
    if !leave_sending(&mut tx, id, BroadcastState::Cancelled, now).await? {
        return Ok(None);
    }
    outbox::cancel_pending(&mut tx, ORIGIN, id, now).await?;
    let counts = outbox::counts_with(&mut *tx, ORIGIN, id).await?;
    if let Some((chat, payload)) = report(&counts) {
        queue_report(&mut tx, id, chat, &payload, now).await?;
    }
    tx.commit().await?;
    Ok(Some(counts))
}

/// Records the progress text shown, while the broadcast is still sending; `false` once it has
/// ended (the final text must not be overwritten by a late progress edit).
pub async fn note_progress(db: &Db, id: i64, text: &str) -> Result<bool, StorageError> {
    let done =
        sqlx::query("UPDATE broadcasts SET last_progress = $1 WHERE id = $2 AND state = 'sending'")
            .bind(text)
            .bind(id)
            .execute(db.pool())
            .await?;
    Ok(done.rows_affected() == 1)
}

async fn leave_sending(
    tx: &mut Transaction<'_, Any>,
    id: i64,
    state: BroadcastState,
    now: i64,
) -> Result<bool, StorageError> {
    let moved = sqlx::query(
        "UPDATE broadcasts SET state = $1, finished_at = $2 WHERE id = $3 AND state = 'sending'",
    )
    .bind(state.code())
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(moved > 0)
}

async fn queue_report(
    tx: &mut Transaction<'_, Any>,
    id: i64,
    chat: ChatId,
    payload: &Payload,
    now: i64,
) -> Result<(), StorageError> {
    let payload_id = outbox::insert_payload(tx, payload).await?;
    let origin = Origin {
        kind: REPORT_ORIGIN,
        id,
    };
    outbox::enqueue_one(tx, payload_id, chat, origin, now).await
}
