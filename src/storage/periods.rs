//! Evaluation periods and what HR records for them: the state (open, closed, locked), the
//! organisation's predikat and each unit's own result. A locked period is final; every write
//! that belongs to one checks the lock in its own statement or transaction (see [`LOCKED_DAY`]).

use sqlx::Row;

use super::{Backend, Db, StorageError};
use crate::domain::berakhlak::Rating;
use crate::domain::org::UnitId;
use crate::domain::period::{Period, PeriodState, StateError};
use crate::domain::predikat::OrgPredikat;

/// A condition true when the day bound at `{d}` lies in a locked period, for guarded writes.
pub const LOCKED_DAY: &str = "EXISTS (SELECT 1 FROM periods lp WHERE lp.state = 'locked' AND lp.starts_on <= {d} \
     AND lp.ends_on >= {d})";

/// A condition true when the span from `{a}` to `{b}` lies within a locked period.
pub const LOCKED_SPAN: &str = "EXISTS (SELECT 1 FROM periods lp WHERE lp.state = 'locked' AND lp.starts_on <= {a} \
     AND lp.ends_on >= {b})";

/// Whether a locked period holds the whole span `first..=last`, as a writing transaction sees
/// it. On PostgreSQL the periods holding the span are read `FOR SHARE`: a lock being committed
/// meanwhile is waited for and then seen, and a lock pressed after this read waits until the
/// writer commits. (SQLite's write transactions run one at a time already.) Every write of
/// something a lock freezes calls this inside its transaction, before writing.
pub async fn guard(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    backend: Backend,
    first: chrono::NaiveDate,
    last: chrono::NaiveDate,
) -> Result<bool, StorageError> {
    let sql = match backend {
        Backend::Postgres => {
            "SELECT state FROM periods WHERE starts_on <= $1 AND ends_on >= $2 FOR SHARE"
        }
        Backend::Sqlite => "SELECT state FROM periods WHERE starts_on <= $1 AND ends_on >= $2",
    };
    let rows = sqlx::query(sql)
        .bind(first.to_string())
        .bind(last.to_string())
        .fetch_all(&mut **tx)
        .await?;
    for r in rows {
        let state: String = r.try_get("state")?;
        if state == PeriodState::Locked.code() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// [`LOCKED_SPAN`] for the span bound as parameters `a` and `b`.
pub fn locked_span(a: usize, b: usize) -> String {
    LOCKED_SPAN
        .replace("{a}", &format!("${a}"))
        .replace("{b}", &format!("${b}"))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodRow {
    pub period: Period,
    pub state: PeriodState,
    pub org_predikat: Option<OrgPredikat>,
}

/// What defining a period did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Defined {
    Created,
    /// The period already exists, in this state.
    Exists(PeriodState),
    /// The period lies within a locked one: nothing of it can be rated any more.
    InsideLocked,
}

/// Defines a period, open. Defining it again changes nothing.
pub async fn define(db: &Db, period: Period, by: &str, now: i64) -> Result<Defined, StorageError> {
    if is_locked(db, period).await? && get(db, period).await?.is_none() {
        return Ok(Defined::InsideLocked);
    }
    let inserted = sqlx::query(
        "INSERT INTO periods (code, starts_on, ends_on, state, created_by, created_at, \
             changed_by, changed_at) \
         VALUES ($1, $2, $3, 'open', $4, $5, $4, $5) ON CONFLICT (code) DO NOTHING",
    )
    .bind(period.code())
    .bind(period.first_day().to_string())
    .bind(period.last_day().to_string())
    .bind(by)
    .bind(now)
    .execute(db.pool())
    .await?
    .rows_affected();
    if inserted == 1 {
        return Ok(Defined::Created);
    }
    let row = get(db, period).await?.ok_or_else(|| corrupt("period"))?;
    Ok(Defined::Exists(row.state))
}

const SELECT: &str = "SELECT p.code, p.state, o.predikat FROM periods p \
     LEFT JOIN organisation_predikat o ON o.period = p.code";

pub async fn get(db: &Db, period: Period) -> Result<Option<PeriodRow>, StorageError> {
    let sql = format!("{SELECT} WHERE p.code = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(period.code())
        .fetch_optional(db.pool())
        .await?;
    row.map(|r| period_row(&r)).transpose()
}

/// Every period, latest first (a year after its quarters).
pub async fn list(db: &Db) -> Result<Vec<PeriodRow>, StorageError> {
    let sql = format!("{SELECT} ORDER BY p.ends_on DESC, p.starts_on ASC");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(period_row).collect()
}

fn period_row(r: &sqlx::any::AnyRow) -> Result<PeriodRow, StorageError> {
    let code: String = r.try_get("code")?;
    let state: String = r.try_get("state")?;
    let org: Option<String> = r.try_get("predikat")?;
    Ok(PeriodRow {
        period: Period::parse(&code).ok_or_else(|| corrupt("period code"))?,
        state: PeriodState::parse(&state).ok_or_else(|| corrupt("period state"))?,
        org_predikat: org
            .map(|o| OrgPredikat::parse(&o).ok_or_else(|| corrupt("organisation predikat")))
            .transpose()?,
    })
}

/// Why HR's change to a period was not made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// No such period is defined.
    Missing,
    State(StateError),
}

/// Opens, closes or locks a period. A conditional write on the state read in the same
/// transaction, so two HR people pressing at once cannot unlock a locked period.
pub async fn change_state(
    db: &Db,
    period: Period,
    to: PeriodState,
    by: &str,
    now: i64,
) -> Result<Result<PeriodState, Refused>, StorageError> {
    let mut tx = db.begin_write().await?;
    let postgres = db.backend() == Backend::Postgres;
    if to == PeriodState::Locked && postgres {
        // A 360 tap checks the lock in its one statement and reads no period row (see
        // `guard`): taps in flight finish first, later ones wait for this commit and see it.
        sqlx::query("LOCK TABLE feedback_answers IN SHARE MODE")
            .execute(&mut *tx)
            .await?;
    }
    // On PostgreSQL the row is taken for update: two HR pressing at once act one after the
    // other, and the second sees what the first did.
    let sql = if postgres {
        "SELECT state FROM periods WHERE code = $1 FOR UPDATE"
    } else {
        "SELECT state FROM periods WHERE code = $1"
    };
    let row = sqlx::query(sql)
        .bind(period.code())
        .fetch_optional(&mut *tx)
        .await?;
    let Some(row) = row else {
        return Ok(Err(Refused::Missing));
    };
    let from: String = row.try_get("state")?;
    let from = PeriodState::parse(&from).ok_or_else(|| corrupt("period state"))?;
    let next = match from.change(to) {
        Ok(next) => next,
        Err(e) => return Ok(Err(Refused::State(e))),
    };
    // A period within a locked one is frozen with it, whatever its own state says.
    if to != PeriodState::Locked
        && guard(&mut tx, db.backend(), period.first_day(), period.last_day()).await?
    {
        return Ok(Err(Refused::State(StateError::Locked)));
    }
    let locked_at = (next == PeriodState::Locked).then_some(now);
    let changed = sqlx::query(
        "UPDATE periods SET state = $1, changed_by = $2, changed_at = $3, \
             locked_at = COALESCE(locked_at, $4) \
         WHERE code = $5 AND state = $6",
    )
    .bind(next.code())
    .bind(by)
    .bind(now)
    .bind(locked_at)
    .bind(period.code())
    .bind(from.code())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed != 1 {
        return Err(corrupt("period changed under a write transaction"));
    }
    tx.commit().await?;
    Ok(Ok(next))
}

/// The locked periods, for checks made in Rust.
pub async fn locked(db: &Db) -> Result<Vec<Period>, StorageError> {
    let rows = sqlx::query("SELECT code FROM periods WHERE state = 'locked'")
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|r| {
            let code: String = r.try_get("code")?;
            Period::parse(&code).ok_or_else(|| corrupt("period code"))
        })
        .collect()
}

/// Whether the period's own records are frozen: it, or a period it lies within, is locked.
pub async fn is_locked(db: &Db, period: Period) -> Result<bool, StorageError> {
    Ok(crate::domain::period::period_locked(
        period,
        &locked(db).await?,
    ))
}

/// Why a record for a period was not written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotWritten {
    /// No such period is defined.
    Missing,
    /// The period (or one it lies within) is locked.
    Locked,
}

/// Records the organisation's predikat for the period (again: the latest stands).
pub async fn set_org_predikat(
    db: &Db,
    period: Period,
    predikat: OrgPredikat,
    by: &str,
    now: i64,
) -> Result<Result<(), NotWritten>, StorageError> {
    let mut tx = db.begin_write().await?;
    if let Err(refused) = writable(&mut tx, db.backend(), period).await? {
        return Ok(Err(refused));
    }
    sqlx::query(
        "INSERT INTO organisation_predikat (period, predikat, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4) \
         ON CONFLICT (period) DO UPDATE SET predikat = excluded.predikat, \
             recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
    )
    .bind(period.code())
    .bind(predikat.code())
    .bind(by)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// The period exists and is not locked, as the writing transaction sees it.
async fn writable(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    backend: Backend,
    period: Period,
) -> Result<Result<(), NotWritten>, StorageError> {
    let exists = sqlx::query("SELECT 1 AS one FROM periods WHERE code = $1")
        .bind(period.code())
        .fetch_optional(&mut **tx)
        .await?;
    if exists.is_none() {
        return Ok(Err(NotWritten::Missing));
    }
    if guard(tx, backend, period.first_day(), period.last_day()).await? {
        return Ok(Err(NotWritten::Locked));
    }
    Ok(Ok(()))
}

/// Records a unit's own result for the period, which becomes its head's hasil kerja. Heads
/// already rated on an earlier result are rated on the new one in the same transaction (their
/// predikat follows the matrix again, each change audited as made by `by`); returns how many.
pub async fn set_unit_result(
    db: &Db,
    period: Period,
    unit: UnitId,
    hasil: Rating,
    by: &str,
    now: i64,
) -> Result<Result<u64, NotWritten>, StorageError> {
    let mut tx = db.begin_write().await?;
    if let Err(refused) = writable(&mut tx, db.backend(), period).await? {
        return Ok(Err(refused));
    }
    sqlx::query(
        "INSERT INTO unit_results (period, unit_id, hasil, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (period, unit_id) DO UPDATE SET hasil = excluded.hasil, \
             recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
    )
    .bind(period.code())
    .bind(unit.0)
    .bind(hasil.code())
    .bind(by)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let moved =
        super::evaluations::follow_unit_result(&mut tx, period, unit, hasil, by, now).await?;
    tx.commit().await?;
    Ok(Ok(moved))
}

/// The unit's own result for the period, if HR recorded one.
pub async fn unit_result(
    db: &Db,
    period: Period,
    unit: UnitId,
) -> Result<Option<Rating>, StorageError> {
    let row = sqlx::query("SELECT hasil FROM unit_results WHERE period = $1 AND unit_id = $2")
        .bind(period.code())
        .bind(unit.0)
        .fetch_optional(db.pool())
        .await?;
    row.map(|r| {
        let h: String = r.try_get("hasil")?;
        Rating::parse(&h).ok_or_else(|| corrupt("unit result"))
    })
    .transpose()
}

/// Every unit result recorded for the period, by unit.
pub async fn unit_results(db: &Db, period: Period) -> Result<Vec<(UnitId, Rating)>, StorageError> {
    let rows = sqlx::query("SELECT unit_id, hasil FROM unit_results WHERE period = $1")
        .bind(period.code())
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|r| {
            let h: String = r.try_get("hasil")?;
            Ok((
                UnitId(r.try_get("unit_id")?),
                Rating::parse(&h).ok_or_else(|| corrupt("unit result"))?,
            ))
        })
        .collect()
}

fn corrupt(what: &str) -> StorageError {
    StorageError::Corrupt(what.to_owned())
}
