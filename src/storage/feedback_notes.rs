//! Open feedback between colleagues (`/feedback` → send feedback): one note per writing
//! (idempotent by its key), kept per evaluation year, limited per sender and organisation day.
//! The recipient's message is queued in the same transaction as the note, so no note is kept
//! without its message and no message goes out for a note that was refused.

use serde::{Deserialize, Serialize};
use sqlx::{Any, Row, Transaction};

use super::dialog_people::Person;
use super::outbox::{self, Payload};
use super::{Backend, Db, StorageError};
use crate::domain::EmployeeRef;
use crate::domain::berakhlak::Value;

pub const ORIGIN: &str = "feedback-note";

/// What a note is: thanks for something done well, or something to do better. Stored by its
/// code, which is also its serde name in a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoteKind {
    #[serde(rename = "appreciation")]
    Appreciation,
    #[serde(rename = "improvement")]
    Improvement,
}

impl NoteKind {
    pub const ALL: &[Self] = &[Self::Appreciation, Self::Improvement];

    pub fn code(self) -> &'static str {
        match self {
            Self::Appreciation => "appreciation",
            Self::Improvement => "improvement",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.code() == code)
    }
}

/// A note as its sender wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNote<'a> {
    /// Random, made when the writing started: sending twice stores one note.
    pub key: &'a str,
    pub sender_nip: &'a str,
    pub recipient: &'a Person,
    pub value: Value,
    pub kind: NoteKind,
    pub text: &'a str,
    /// The evaluation year, e.g. "2027".
    pub period: &'a str,
}

/// What became of a send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sent {
    /// Stored now, its message queued.
    Stored(i64),
    /// This writing was stored before (a second tap, a replayed update): nothing new.
    Already(i64),
    /// The sender has sent `limit` notes since the start of the day already.
    Limit,
}

/// The daily limit: `limit` notes since `day_start` (epoch seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DailyLimit {
    pub day_start: i64,
    pub limit: u32,
}

/// Stores the note and queues `payload` to its recipient, unless this writing was stored
/// already or the sender reached the daily limit.
pub async fn send(
    db: &Db,
    note: &NewNote<'_>,
    daily: DailyLimit,
    payload: &Payload,
    now: i64,
) -> Result<Sent, StorageError> {
    let mut tx = db.begin_write().await?;
    if db.backend() == Backend::Postgres {
        // One sender's sends take turns, so two at once cannot both pass the count below.
        // (SQLite's write transaction already holds the only write lock.)
        sqlx::query("SELECT nip FROM employees WHERE nip = $1 FOR UPDATE")
            .bind(note.sender_nip)
            .fetch_optional(&mut *tx)
            .await?;
    }
    let existing: Option<i64> =
        sqlx::query_scalar("SELECT id FROM feedback_notes WHERE note_key = $1")
            .bind(note.key)
            .fetch_optional(&mut *tx)
            .await?;
    if let Some(id) = existing {
        return Ok(Sent::Already(id));
    }
    let sent: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM feedback_notes WHERE sender_nip = $1 AND created_at >= $2",
    )
    .bind(note.sender_nip)
    .bind(daily.day_start)
    .fetch_one(&mut *tx)
    .await?;
    if sent >= i64::from(daily.limit) {
        return Ok(Sent::Limit);
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO feedback_notes (note_key, sender_nip, recipient_nip, value, kind, text, \
             period, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(note.key)
    .bind(note.sender_nip)
    .bind(&note.recipient.nip)
    .bind(note.value.code())
    .bind(note.kind.code())
    .bind(note.text)
    .bind(note.period)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    queue(&mut tx, note.recipient, payload, (ORIGIN, id), now).await?;
    tx.commit().await?;
    Ok(Sent::Stored(id))
}

/// Notes this person has sent since `since` (epoch seconds).
pub async fn sent_since(db: &Db, sender_nip: &str, since: i64) -> Result<i64, StorageError> {
    let n = sqlx::query_scalar(
        "SELECT COUNT(*) FROM feedback_notes WHERE sender_nip = $1 AND created_at >= $2",
    )
    .bind(sender_nip)
    .bind(since)
    .fetch_one(db.pool())
    .await?;
    Ok(n)
}

/// A stored note, with its sender's name as it is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub id: i64,
    pub sender_nip: String,
    /// `None` when the sender is no longer in the organisation's data.
    pub sender_name: Option<String>,
    pub value: Value,
    pub kind: NoteKind,
    pub text: String,
    pub created_at: i64,
}

/// The notes one person received in the period, newest first.
pub async fn received(
    db: &Db,
    recipient_nip: &str,
    period: &str,
) -> Result<Vec<Note>, StorageError> {
    let rows = sqlx::query(
        "SELECT n.id, n.sender_nip, e.name, n.value, n.kind, n.text, n.created_at \
         FROM feedback_notes n LEFT JOIN employees e ON e.nip = n.sender_nip \
         WHERE n.recipient_nip = $1 AND n.period = $2 ORDER BY n.created_at DESC, n.id DESC",
    )
    .bind(recipient_nip)
    .bind(period)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let value: String = r.try_get("value")?;
            let kind: String = r.try_get("kind")?;
            Ok(Note {
                id: r.try_get("id")?,
                sender_nip: r.try_get("sender_nip")?,
                sender_name: r.try_get("name")?,
                value: Value::parse(&value).ok_or_else(|| corrupt("value"))?,
                kind: NoteKind::parse(&kind).ok_or_else(|| corrupt("kind"))?,
                text: r.try_get("text")?,
                created_at: r.try_get("created_at")?,
            })
        })
        .collect()
}

/// A colleague as the list to choose from shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Colleague {
    pub r#ref: EmployeeRef,
    pub name: String,
}

/// The active people this employee works with: their supervisor first, then the others with
/// the same supervisor, then their direct subordinates, each by name.
pub async fn colleagues(
    db: &Db,
    nip: &str,
    supervisor_nip: Option<&str>,
) -> Result<Vec<Colleague>, StorageError> {
    let rows = sqlx::query(
        "SELECT e.ref, e.name FROM employees e \
         WHERE e.active = 1 AND e.nip <> $1 \
             AND (e.supervisor_nip = $1 OR e.nip = $2 OR e.supervisor_nip = $2) \
         ORDER BY CASE WHEN e.nip = $2 THEN 0 WHEN e.supervisor_nip = $2 THEN 1 ELSE 2 END, \
             e.name, e.nip",
    )
    .bind(nip)
    .bind(supervisor_nip)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Colleague {
                r#ref: EmployeeRef(r.try_get("ref")?),
                name: r.try_get("name")?,
            })
        })
        .collect()
}

/// A supervisor's active direct subordinates, by name.
pub async fn subordinates(db: &Db, supervisor_nip: &str) -> Result<Vec<Colleague>, StorageError> {
    let rows = sqlx::query(
        "SELECT ref, name FROM employees WHERE supervisor_nip = $1 AND active = 1 \
         ORDER BY name, nip",
    )
    .bind(supervisor_nip)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Colleague {
                r#ref: EmployeeRef(r.try_get("ref")?),
                name: r.try_get("name")?,
            })
        })
        .collect()
}

/// Queues one message to one person with the change that causes it. Someone who never linked
/// an account, or blocked the bot, gets a row already settled, as broadcasts do.
pub(super) async fn queue(
    tx: &mut Transaction<'_, Any>,
    to: &Person,
    payload: &Payload,
    origin: (&str, i64),
    now: i64,
) -> Result<(), StorageError> {
    let to = outbox::To {
        nip: &to.nip,
        chat: to.chat_id,
        blocked: to.blocked,
    };
    outbox::queue_to(tx, to, payload, origin, now).await
}

fn corrupt(what: &str) -> StorageError {
    StorageError::Corrupt(format!("feedback note {what}"))
}

#[cfg(test)]
mod tests {
    use super::NoteKind;

    #[test]
    fn the_kinds_codes_are_their_serde_names() {
        for k in NoteKind::ALL {
            let json = serde_json::to_string(k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.code()));
            assert_eq!(NoteKind::parse(k.code()), Some(*k));
        }
        assert_eq!(NoteKind::parse("praise"), None);
    }
}
