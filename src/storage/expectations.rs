//! Ekspektasi khusus pimpinan: what a supervisor expects of one subordinate on a BerAKHLAK
//! value in a period (the evaluation year, e.g. "2027"). Written only by the employee's current
//! direct supervisor; each change queues the employee's message in the same transaction.

use std::collections::BTreeMap;

use sqlx::{Any, Row, Transaction};

use super::dialog_people::Person;
use super::feedback_notes::queue;
use super::outbox::Payload;
use super::{Db, StorageError};
use crate::domain::berakhlak::Value;

/// The employee's expectations for the period, by value.
pub async fn of_employee(
    db: &Db,
    employee_nip: &str,
    period: &str,
) -> Result<BTreeMap<Value, String>, StorageError> {
    let rows = sqlx::query(
        "SELECT value, text FROM special_expectations WHERE employee_nip = $1 AND period = $2",
    )
    .bind(employee_nip)
    .bind(period)
    .fetch_all(db.pool())
    .await?;
    let mut out = BTreeMap::new();
    for r in rows {
        let value: String = r.try_get("value")?;
        let value = Value::parse(&value)
            .ok_or_else(|| StorageError::Corrupt("expectation value".into()))?;
        out.insert(value, r.try_get("text")?);
    }
    Ok(out)
}

pub const ORIGIN: &str = "expectation";

/// What a write did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// Stored (or removed) and the employee's message queued; `was_set` tells whether an
    /// expectation stood before.
    Changed { was_set: bool },
    /// The text was the same as stored, or there was nothing to remove: nothing changed and
    /// nobody is told.
    Unchanged,
    /// The writer is not (or no longer) the employee's direct supervisor, or the employee is
    /// not active: nothing is written.
    NotSupervisor,
}

/// One expectation as the supervisor writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expectation<'a> {
    pub employee: &'a Person,
    pub supervisor_nip: &'a str,
    pub period: &'a str,
    pub value: Value,
}

/// Sets (or replaces) the expectation, and queues the employee's message built by
/// `notice(was_set)` with it. Only the employee's current direct supervisor may write: checked
/// here, in the same transaction, so a re-import between the check and the write cannot slip
/// through.
pub async fn set(
    db: &Db,
    e: Expectation<'_>,
    text: &str,
    notice: impl FnOnce(bool) -> Payload,
    now: i64,
) -> Result<Written, StorageError> {
    let mut tx = db.begin_write().await?;
    if !is_supervisor(&mut tx, e.employee, e.supervisor_nip).await? {
        return Ok(Written::NotSupervisor);
    }
    let before = current(&mut tx, &e).await?;
    if before.as_deref() == Some(text) {
        return Ok(Written::Unchanged);
    }
    sqlx::query(
        "INSERT INTO special_expectations (employee_nip, period, value, text, supervisor_nip, \
             updated_at) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (employee_nip, period, value) DO UPDATE SET text = excluded.text, \
             supervisor_nip = excluded.supervisor_nip, updated_at = excluded.updated_at",
    )
    .bind(&e.employee.nip)
    .bind(e.period)
    .bind(e.value.code())
    .bind(text)
    .bind(e.supervisor_nip)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let was_set = before.is_some();
    let origin = (ORIGIN, e.employee.r#ref.0);
    queue(&mut tx, e.employee, &notice(was_set), origin, now).await?;
    tx.commit().await?;
    Ok(Written::Changed { was_set })
}

/// Removes the expectation, and queues the employee's message with it.
pub async fn remove(
    db: &Db,
    e: Expectation<'_>,
    notice: Payload,
    now: i64,
) -> Result<Written, StorageError> {
    let mut tx = db.begin_write().await?;
    if !is_supervisor(&mut tx, e.employee, e.supervisor_nip).await? {
        return Ok(Written::NotSupervisor);
    }
    let removed = sqlx::query(
        "DELETE FROM special_expectations WHERE employee_nip = $1 AND period = $2 AND value = $3",
    )
    .bind(&e.employee.nip)
    .bind(e.period)
    .bind(e.value.code())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if removed == 0 {
        return Ok(Written::Unchanged);
    }
    let origin = (ORIGIN, e.employee.r#ref.0);
    queue(&mut tx, e.employee, &notice, origin, now).await?;
    tx.commit().await?;
    Ok(Written::Changed { was_set: true })
}

async fn is_supervisor(
    tx: &mut Transaction<'_, Any>,
    employee: &Person,
    supervisor_nip: &str,
) -> Result<bool, StorageError> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM employees WHERE nip = $1 AND supervisor_nip = $2 AND active = 1",
    )
    .bind(&employee.nip)
    .bind(supervisor_nip)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(found.is_some())
}

async fn current(
    tx: &mut Transaction<'_, Any>,
    e: &Expectation<'_>,
) -> Result<Option<String>, StorageError> {
    let text = sqlx::query_scalar(
        "SELECT text FROM special_expectations WHERE employee_nip = $1 AND period = $2 \
         AND value = $3",
    )
    .bind(&e.employee.nip)
    .bind(e.period)
    .bind(e.value.code())
    .fetch_optional(&mut **tx)
    .await?;
    Ok(text)
}
