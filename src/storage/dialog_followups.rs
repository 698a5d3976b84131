//! What follows a dialog: the follow-up marked done, the coached employee's feedback and its
//! delivery to the next level up, and an employee's request for a dialog. Each message is queued
//! in the same transaction as the change that causes it (see `dialogs`).

use super::dialogs::{Dialog, Notice, Refused, corrupt, get_for_update, queue};
use super::{Db, StorageError};
use crate::domain::DialogId;
use crate::domain::dialog::{Agreement, CoachingStatement};
use sqlx::Row;

/// The supervisor marks the agreed follow-up done; `notice` (the coaching feedback's first
/// question to the employee, for coaching and mentoring) is queued with it.
pub async fn follow_up_done(
    db: &Db,
    id: DialogId,
    supervisor_nip: &str,
    notice: impl FnOnce(&Dialog) -> Option<Notice>,
    now: i64,
) -> Result<Result<Dialog, Refused>, StorageError> {
    let mut tx = db.begin_write().await?;
    let Some(before) = get_for_update(&mut tx, db.backend(), id).await? else {
        return Ok(Err(Refused::Missing));
    };
    if before.supervisor_nip != supervisor_nip {
        return Ok(Err(Refused::NotYours));
    }
    if before.content.follow_up.is_none() || before.follow_up_done {
        return Ok(Err(Refused::NoOpenFollowUp));
    }
    sqlx::query("UPDATE dialogs SET follow_up_done_at = $1, updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    let after = Dialog {
        follow_up_done: true,
        ..before
    };
    if let Some(n) = notice(&after) {
        queue(&mut tx, &n, id.0, now).await?;
    }
    tx.commit().await?;
    Ok(Ok(after))
}

/// Stores one coaching answer (a later tap on the same statement replaces it) and returns all
/// answers so far, in statement order.
pub async fn coaching_answer(
    db: &Db,
    id: DialogId,
    statement: CoachingStatement,
    agreement: Agreement,
    now: i64,
) -> Result<Vec<(CoachingStatement, Agreement)>, StorageError> {
    // Only while the answers have not gone to the superior: what they received stays true.
    sqlx::query(
        "INSERT INTO coaching_feedback (dialog_id, statement, agreement, answered_at) \
         SELECT $1, $2, $3, $4 WHERE EXISTS \
             (SELECT 1 FROM dialogs WHERE id = $1 AND coaching_sent_at IS NULL) \
         ON CONFLICT (dialog_id, statement) \
         DO UPDATE SET agreement = excluded.agreement, answered_at = excluded.answered_at",
    )
    .bind(id.0)
    .bind(statement.code())
    .bind(i64::from(agreement.score()))
    .bind(now)
    .execute(db.pool())
    .await?;
    coaching_answers(db, id).await
}

pub async fn coaching_answers(
    db: &Db,
    id: DialogId,
) -> Result<Vec<(CoachingStatement, Agreement)>, StorageError> {
    let rows =
        sqlx::query("SELECT statement, agreement FROM coaching_feedback WHERE dialog_id = $1")
            .bind(id.0)
            .fetch_all(db.pool())
            .await?;
    let mut answers = Vec::new();
    for r in rows {
        let s: String = r.try_get("statement")?;
        let a: i64 = r.try_get("agreement")?;
        let s = CoachingStatement::parse(&s).ok_or_else(|| corrupt("statement"))?;
        let a = Agreement::from_score(a).ok_or_else(|| corrupt("agreement"))?;
        answers.push((s, a));
    }
    answers.sort_by_key(|(s, _)| CoachingStatement::ALL.iter().position(|x| x == s));
    Ok(answers)
}

/// Sends the finished coaching feedback to the next level up, once: `false` when it went already.
pub async fn coaching_complete(
    db: &Db,
    id: DialogId,
    notice: Option<Notice>,
    now: i64,
) -> Result<bool, StorageError> {
    let mut tx = db.begin_write().await?;
    let first = sqlx::query(
        "UPDATE dialogs SET coaching_sent_at = $1 WHERE id = $2 AND coaching_sent_at IS NULL",
    )
    .bind(now)
    .bind(id.0)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if first && let Some(n) = notice {
        queue(&mut tx, &n, id.0, now).await?;
    }
    tx.commit().await?;
    Ok(first)
}

/// An employee asks their supervisor for a dialog. `Err(when)` if they asked since `since` and
/// no dialog has answered it yet.
pub async fn request(
    db: &Db,
    employee_nip: &str,
    supervisor_nip: &str,
    since: i64,
    notice: Notice,
    now: i64,
) -> Result<Result<(), i64>, StorageError> {
    let mut tx = db.begin_write().await?;
    let open: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(requested_at) FROM dialog_requests \
         WHERE employee_nip = $1 AND supervisor_nip = $2 AND dialog_id IS NULL \
             AND requested_at >= $3",
    )
    .bind(employee_nip)
    .bind(supervisor_nip)
    .bind(since)
    .fetch_one(&mut *tx)
    .await?;
    if let Some(when) = open {
        return Ok(Err(when));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO dialog_requests (employee_nip, supervisor_nip, requested_at) \
         VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(employee_nip)
    .bind(supervisor_nip)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    queue(&mut tx, &notice, id, now).await?;
    tx.commit().await?;
    Ok(Ok(()))
}
