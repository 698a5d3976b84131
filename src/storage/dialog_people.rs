//! The people a dialog is between, as its flows need them: who is pressing, a subordinate by
//! the opaque number in button data, a supervisor's team with who had a dialog, and where each
//! can be reached.

use chrono::NaiveDate;
use sqlx::Row;

use super::{Db, StorageError};
use crate::domain::{ChatId, EmployeeRef, Lang, UserId};

/// An employee as the dialog flows need them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub r#ref: EmployeeRef,
    pub nip: String,
    pub name: String,
    pub supervisor_nip: Option<String>,
    pub active: bool,
    /// Their chat, if they linked an account and have not blocked the bot.
    pub chat_id: Option<ChatId>,
    /// They linked an account and then blocked the bot.
    pub blocked: bool,
    pub language: Lang,
}

const PERSON: &str = "SELECT e.ref, e.nip, e.name, e.supervisor_nip, e.active, e.language AS file_lang, \
     t.chat_id, t.language AS chat_lang, t.blocked_at \
     FROM employees e LEFT JOIN telegram_users t ON t.user_id = e.telegram_user_id";

fn person(r: &sqlx::any::AnyRow) -> Result<Person, StorageError> {
    let chat: Option<i64> = r.try_get("chat_id")?;
    let blocked: Option<i64> = r.try_get("blocked_at")?;
    let chat_lang: Option<String> = r.try_get("chat_lang")?;
    let file_lang: Option<String> = r.try_get("file_lang")?;
    let language = chat_lang
        .or(file_lang)
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or_default();
    Ok(Person {
        r#ref: EmployeeRef(r.try_get("ref")?),
        nip: r.try_get("nip")?,
        name: r.try_get("name")?,
        supervisor_nip: r.try_get("supervisor_nip")?,
        active: r.try_get::<i64, _>("active")? == 1,
        chat_id: chat.filter(|_| blocked.is_none()).map(ChatId),
        blocked: chat.is_some() && blocked.is_some(),
        language,
    })
}

pub async fn person_by_ref(db: &Db, r: EmployeeRef) -> Result<Option<Person>, StorageError> {
    let sql = format!("{PERSON} WHERE e.ref = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(r.0)
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(person).transpose()
}

/// The active employee linked to this Telegram account.
pub async fn person_by_user(db: &Db, user: UserId) -> Result<Option<Person>, StorageError> {
    let sql = format!("{PERSON} WHERE e.telegram_user_id = $1 AND e.active = 1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(user.0)
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(person).transpose()
}

pub async fn person_by_nip(db: &Db, nip: &str) -> Result<Option<Person>, StorageError> {
    let sql = format!("{PERSON} WHERE e.nip = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(nip)
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(person).transpose()
}

/// A supervisor's active subordinates by name, each with whether they had a dialog (by anyone)
/// held between `from` and `to` (inclusive).
pub async fn subordinates(
    db: &Db,
    supervisor_nip: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(Person, bool)>, StorageError> {
    let sql =
        format!("{PERSON} WHERE e.supervisor_nip = $1 AND e.active = 1 ORDER BY e.name, e.nip");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(supervisor_nip)
        .fetch_all(db.pool())
        .await?;
    let held: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT d.employee_nip FROM dialogs d JOIN employees e ON e.nip = d.employee_nip \
         WHERE e.supervisor_nip = $1 AND d.held_on >= $2 AND d.held_on <= $3",
    )
    .bind(supervisor_nip)
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let p = person(r)?;
            let had = held.contains(&p.nip);
            Ok((p, had))
        })
        .collect()
}
