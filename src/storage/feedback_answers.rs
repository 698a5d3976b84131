//! A rater's side of a 360 round: their open assignments, one colleague's answers so far, and
//! each tap stored at once. Every write checks, in its transaction, that the assignment is the
//! rater's and that its round still takes answers, whatever the button carried.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use sqlx::Row;

use super::feedback_rounds::{ROUND, Round, corrupt, round};
use super::{Db, StorageError};
use crate::domain::berakhlak::{Rating, Value};
use crate::domain::feedback_round::Group;
use crate::domain::{AssignmentId, RoundId, UserId};

/// One colleague to rate, as the rater's list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Todo {
    pub id: AssignmentId,
    pub round: RoundId,
    pub ratee_name: String,
    pub group: Group,
    pub answered: i64,
    pub complete: bool,
}

/// The rater's assignments in rounds open on `today`, by round then name.
pub async fn todo(db: &Db, rater_nip: &str, today: NaiveDate) -> Result<Vec<Todo>, StorageError> {
    let today = today.to_string();
    let rows = sqlx::query(
        "SELECT a.id, a.round_id, a.grp, a.answered, a.completed_at, e.name \
         FROM feedback_assignments a JOIN feedback_rounds r ON r.id = a.round_id \
         JOIN employees e ON e.nip = a.ratee_nip \
         WHERE a.rater_nip = $1 AND r.opens_on <= $2 \
             AND r.closes_on >= $2 AND (r.closed_early_on IS NULL OR r.closed_early_on > $2) \
             AND r.ready_at IS NOT NULL \
         ORDER BY a.round_id, e.name, a.id",
    )
    .bind(rater_nip)
    .bind(&today)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let grp: String = r.try_get("grp")?;
            Ok(Todo {
                id: AssignmentId(r.try_get("id")?),
                round: RoundId(r.try_get("round_id")?),
                ratee_name: r.try_get("name")?,
                group: Group::parse(&grp).ok_or_else(|| corrupt("group"))?,
                answered: r.try_get("answered")?,
                complete: r.try_get::<Option<i64>, _>("completed_at")?.is_some(),
            })
        })
        .collect()
}

/// One assignment with its round and the answers given so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    pub id: AssignmentId,
    pub round: Round,
    pub rater_nip: String,
    pub ratee_name: String,
    pub group: Group,
    pub answers: BTreeMap<Value, Rating>,
    pub comment: Option<String>,
    pub submitted: bool,
}

impl Assignment {
    /// The first value in the acronym's order not answered yet.
    pub fn next_value(&self) -> Option<Value> {
        Value::ALL
            .iter()
            .copied()
            .find(|v| !self.answers.contains_key(v))
    }
}

pub async fn get(db: &Db, id: AssignmentId) -> Result<Option<Assignment>, StorageError> {
    Ok(get_as(db, id, None).await?.map(|(a, _)| a))
}

/// The assignment, and whether `user` is its rater (linked to the rater's record, which is
/// active): one query for what a tap needs, with the answers so far.
pub async fn get_as(
    db: &Db,
    id: AssignmentId,
    user: Option<UserId>,
) -> Result<Option<(Assignment, bool)>, StorageError> {
    // The round's columns under their own names, so `round()` reads them from the same row;
    // one row per answer given (or one with none).
    let sql = format!(
        "SELECT a.rater_nip, a.grp, a.comment, a.submitted_at, e.name AS ratee_name, \
             w.telegram_user_id AS rater_user, w.active AS rater_active, \
             f.value AS answer_value, f.rating AS answer_rating, r.* \
         FROM feedback_assignments a JOIN employees e ON e.nip = a.ratee_nip \
         JOIN employees w ON w.nip = a.rater_nip \
         JOIN ({ROUND}) r ON r.id = a.round_id \
         LEFT JOIN feedback_answers f ON f.assignment_id = a.id \
         WHERE a.id = $1"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id.0)
        .fetch_all(db.pool())
        .await?;
    let Some(row) = rows.first() else {
        return Ok(None);
    };
    let mut answers = BTreeMap::new();
    for a in &rows {
        let v: Option<String> = a.try_get("answer_value")?;
        let r: Option<String> = a.try_get("answer_rating")?;
        if let (Some(v), Some(r)) = (v, r) {
            answers.insert(
                Value::parse(&v).ok_or_else(|| corrupt("value"))?,
                Rating::parse(&r).ok_or_else(|| corrupt("rating"))?,
            );
        }
    }
    let grp: String = row.try_get("grp")?;
    let rater_user: Option<i64> = row.try_get("rater_user")?;
    let rater_active: i64 = row.try_get("rater_active")?;
    let is_rater = rater_active == 1 && user.is_some_and(|u| rater_user == Some(u.0));
    let assignment = Assignment {
        id,
        round: round(row)?,
        rater_nip: row.try_get("rater_nip")?,
        ratee_name: row.try_get("ratee_name")?,
        group: Group::parse(&grp).ok_or_else(|| corrupt("group"))?,
        answers,
        comment: row.try_get("comment")?,
        submitted: row.try_get::<Option<i64>, _>("submitted_at")?.is_some(),
    };
    Ok(Some((assignment, is_rater)))
}

/// Why a rater's change was not stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    Missing,
    /// The assignment is someone else's.
    NotYours,
    /// The round has not opened yet.
    NotOpen,
    /// The round is over: answers are final.
    Closed,
    /// The round's period lies in a period HR has locked: answers no longer change.
    Locked,
}

/// Loads the assignment and checks it may be changed by `rater_nip` on `today`.
pub async fn writable(
    db: &Db,
    id: AssignmentId,
    rater_nip: &str,
    today: NaiveDate,
) -> Result<Result<Assignment, Refused>, StorageError> {
    let Some(a) = get(db, id).await? else {
        return Ok(Err(Refused::Missing));
    };
    Ok(check(&a, rater_nip, today).map(|()| a))
}

/// As [`writable`], for the Telegram account pressing: its rater must be linked to it and
/// active. One query.
pub async fn writable_by(
    db: &Db,
    id: AssignmentId,
    user: UserId,
    today: NaiveDate,
) -> Result<Result<Assignment, Refused>, StorageError> {
    let Some((a, is_rater)) = get_as(db, id, Some(user)).await? else {
        return Ok(Err(Refused::Missing));
    };
    if !is_rater {
        return Ok(Err(Refused::NotYours));
    }
    let rater = a.rater_nip.clone();
    Ok(check(&a, &rater, today).map(|()| a))
}

fn check(a: &Assignment, rater_nip: &str, today: NaiveDate) -> Result<(), Refused> {
    if a.rater_nip != rater_nip {
        Err(Refused::NotYours)
    } else if a.round.is_closed(today) {
        Err(Refused::Closed)
    } else if !a.round.is_open(today) {
        Err(Refused::NotOpen)
    } else {
        Ok(())
    }
}

/// The round's dates as stored now: a close HR moved earlier between the rater's read and
/// this write still refuses the write.
async fn last_day_in_tx(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: AssignmentId,
    rater_nip: &str,
) -> Result<Option<(String, String, Option<String>)>, StorageError> {
    let row = sqlx::query(
        "SELECT r.opens_on, r.closes_on, r.closed_early_on \
         FROM feedback_assignments a JOIN feedback_rounds r ON r.id = a.round_id \
         WHERE a.id = $1 AND a.rater_nip = $2",
    )
    .bind(id.0)
    .bind(rater_nip)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|r| {
        Ok((
            r.try_get("opens_on")?,
            r.try_get("closes_on")?,
            r.try_get("closed_early_on")?,
        ))
    })
    .transpose()
}

/// Dates are `YYYY-MM-DD`, which compare as text.
fn closed((_, closes, early): &(String, String, Option<String>), today: &str) -> bool {
    closes.as_str() < today || early.as_deref().is_some_and(|e| e <= today)
}

/// Stores one tap (a new answer or a changed one) and keeps the assignment's count and
/// completion with it. The caller has checked the assignment with [`writable`]; the round's
/// dates are checked again in the transaction.
pub async fn answer(
    db: &Db,
    a: &Assignment,
    value: Value,
    rating: Rating,
    today: NaiveDate,
    now: i64,
) -> Result<Result<(), Refused>, StorageError> {
    // Stored only if the assignment is the rater's and its round takes answers today, as the
    // database has it now: a close HR moved earlier since the rater's read still refuses. A
    // trigger keeps the assignment's count and completion in the same statement.
    // A lock on the round's period is checked in the same statement, so no tap lands after it.
    let sql = format!(
        "INSERT INTO feedback_answers (assignment_id, value, rating, answered_at) \
         SELECT a.id, $2, $3, $4 FROM feedback_assignments a \
         JOIN feedback_rounds r ON r.id = a.round_id \
         WHERE a.id = $1 AND a.rater_nip = $5 AND r.opens_on <= $6 AND r.closes_on >= $6 \
             AND (r.closed_early_on IS NULL OR r.closed_early_on > $6) AND NOT {} \
         ON CONFLICT (assignment_id, value) \
         DO UPDATE SET rating = excluded.rating, answered_at = excluded.answered_at",
        super::periods::locked_span(7, 8)
    );
    let stored = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(a.id.0)
        .bind(value.code())
        .bind(rating.code())
        .bind(now)
        .bind(&a.rater_nip)
        .bind(today.to_string())
        .bind(a.round.period.first_day().to_string())
        .bind(a.round.period.last_day().to_string())
        .execute(db.pool())
        .await?
        .rows_affected();
    Ok(if stored > 0 {
        Ok(())
    } else if super::periods::is_locked(db, a.round.period).await? {
        Err(Refused::Locked)
    } else {
        Err(Refused::Closed)
    })
}

/// Stores (or, with `None`, removes) the optional comment.
pub async fn set_comment(
    db: &Db,
    a: &Assignment,
    comment: Option<&str>,
    today: NaiveDate,
) -> Result<Result<(), Refused>, StorageError> {
    let mut tx = db.begin_write().await?;
    let today_s = today.to_string();
    match last_day_in_tx(&mut tx, a.id, &a.rater_nip).await? {
        None => return Ok(Err(Refused::NotYours)),
        Some(dates) if closed(&dates, &today_s) => return Ok(Err(Refused::Closed)),
        Some(_) => {}
    }
    let (first, last) = (a.round.period.first_day(), a.round.period.last_day());
    if super::periods::guard(&mut tx, db.backend(), first, last).await? {
        return Ok(Err(Refused::Locked));
    }
    sqlx::query("UPDATE feedback_assignments SET comment = $1 WHERE id = $2")
        .bind(comment)
        .bind(a.id.0)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// The rater closed the summary of a complete assignment.
pub async fn submit(db: &Db, a: &Assignment, now: i64) -> Result<(), StorageError> {
    sqlx::query(
        "UPDATE feedback_assignments SET submitted_at = COALESCE(submitted_at, $1) WHERE id = $2",
    )
    .bind(now)
    .bind(a.id.0)
    .execute(db.pool())
    .await?;
    Ok(())
}
