//! The supervisor's evaluation at period end: hasil kerja and perilaku kerja, the predikat the
//! matrix gives, a note, and the evidence the supervisor had in front of them. Written only by
//! the employee's current direct supervisor, only while the period is open and not locked, all
//! checked in the writing transaction; every change keeps the evaluation as it was before.

use std::collections::BTreeMap;

use sqlx::Row;
use sqlx::any::AnyRow;

use super::dialog_reports::scope_filter;
use super::periods::guard;
use super::{Backend, Db, StorageError};
use crate::domain::EmployeeRef;
use crate::domain::authz::Scope;
use crate::domain::berakhlak::Rating;
use crate::domain::org::{UnitId, UnitPath};
use crate::domain::period::{Period, PeriodState};
use crate::domain::predikat::{Distribution, Predikat, predikat};

/// A stored evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub period: Period,
    pub employee_nip: String,
    pub unit_id: UnitId,
    pub rated_by: String,
    pub hasil: Rating,
    pub hasil_from_unit: bool,
    pub perilaku: Rating,
    pub predikat: Predikat,
    pub note: Option<String>,
    pub evidence: String,
    pub rated_at: i64,
    pub revision: i64,
}

const COLUMNS: &str = "v.period, v.employee_nip, v.unit_id, v.rated_by, v.hasil, \
     v.hasil_from_unit, v.perilaku, v.predikat, v.note, v.evidence, v.rated_at, v.revision";

fn evaluation(r: &AnyRow) -> Result<Evaluation, StorageError> {
    let text = |c: &str| -> Result<String, StorageError> { Ok(r.try_get::<String, _>(c)?) };
    let rating = |c: &str| Rating::parse(&text(c)?).ok_or_else(|| corrupt("rating"));
    Ok(Evaluation {
        period: Period::parse(&text("period")?).ok_or_else(|| corrupt("period"))?,
        employee_nip: text("employee_nip")?,
        unit_id: UnitId(r.try_get("unit_id")?),
        rated_by: text("rated_by")?,
        hasil: rating("hasil")?,
        hasil_from_unit: r.try_get::<i64, _>("hasil_from_unit")? != 0,
        perilaku: rating("perilaku")?,
        predikat: Predikat::parse(&text("predikat")?).ok_or_else(|| corrupt("predikat"))?,
        note: r.try_get("note")?,
        evidence: text("evidence")?,
        rated_at: r.try_get("rated_at")?,
        revision: r.try_get("revision")?,
    })
}

pub async fn get(
    db: &Db,
    period: Period,
    employee_nip: &str,
) -> Result<Option<Evaluation>, StorageError> {
    let sql =
        format!("SELECT {COLUMNS} FROM evaluations v WHERE v.period = $1 AND v.employee_nip = $2");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(period.code())
        .bind(employee_nip)
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(evaluation).transpose()
}

/// The employee's evaluations of the periods inside `year` (not the year's own), earliest
/// first: the periodic history shown beside the annual decision.
pub async fn history(
    db: &Db,
    employee_nip: &str,
    year: Period,
) -> Result<Vec<Evaluation>, StorageError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM evaluations v JOIN periods p ON p.code = v.period \
         WHERE v.employee_nip = $1 AND p.starts_on >= $2 AND p.ends_on <= $3 AND p.code <> $4 \
         ORDER BY p.starts_on, p.ends_on"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(employee_nip)
        .bind(year.first_day().to_string())
        .bind(year.last_day().to_string())
        .bind(year.code())
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(evaluation).collect()
}

/// One direct subordinate as the supervisor's rating list shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub nip: String,
    pub who: EmployeeRef,
    pub name: String,
    pub unit_id: UnitId,
    /// Their supervisor (the one rating) sits in another unit: they head their unit, and the
    /// unit's own result is their hasil kerja.
    pub is_head: bool,
    pub predikat: Option<Predikat>,
}

/// The supervisor's active direct subordinates, by name, with their predikat for the period.
pub async fn team(
    db: &Db,
    period: Period,
    supervisor_nip: &str,
) -> Result<Vec<Member>, StorageError> {
    let rows = sqlx::query(
        "SELECT e.nip, e.ref, e.name, e.unit_id, s.unit_id AS supervisor_unit, v.predikat \
         FROM employees e JOIN employees s ON s.nip = e.supervisor_nip \
         LEFT JOIN evaluations v ON v.employee_nip = e.nip AND v.period = $2 \
         WHERE e.supervisor_nip = $1 AND e.active = 1 ORDER BY e.name, e.nip",
    )
    .bind(supervisor_nip)
    .bind(period.code())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let unit: i64 = r.try_get("unit_id")?;
            let sup_unit: i64 = r.try_get("supervisor_unit")?;
            let p: Option<String> = r.try_get("predikat")?;
            Ok(Member {
                nip: r.try_get("nip")?,
                who: EmployeeRef(r.try_get("ref")?),
                name: r.try_get("name")?,
                unit_id: UnitId(unit),
                is_head: crate::domain::predikat::is_unit_head(unit, Some(sup_unit)),
                predikat: p
                    .map(|p| Predikat::parse(&p).ok_or_else(|| corrupt("predikat")))
                    .transpose()?,
            })
        })
        .collect()
}

/// Where hasil kerja comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hasil {
    /// The supervisor's own rating.
    Rated(Rating),
    /// The unit's result as HR recorded it (the employee heads the unit): read in the writing
    /// transaction, so what is stored is what HR recorded.
    FromUnit,
}

/// A supervisor's evaluation as they confirm it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rate<'a> {
    pub period: Period,
    pub employee_nip: &'a str,
    pub supervisor_nip: &'a str,
    pub hasil: Hasil,
    pub perilaku: Rating,
    pub note: Option<&'a str>,
    pub evidence: &'a str,
}

/// What a save did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Created(Predikat),
    /// Changed an earlier evaluation (kept in `evaluation_changes`).
    Changed(Predikat),
    /// The same ratings and note as stored: nothing written.
    Unchanged(Predikat),
    /// The period is not defined.
    NoPeriod,
    /// The period is closed, or locked (itself or by a period it lies within).
    NotOpen(PeriodState),
    /// The rater is not (or no longer) the employee's direct supervisor, or the employee left.
    NotSupervisor,
    /// The employee heads their unit and HR has not recorded the unit's result.
    NoUnitResult,
}

pub async fn save(db: &Db, rate: Rate<'_>, now: i64) -> Result<Saved, StorageError> {
    let mut tx = db.begin_write().await?;
    // The period's own row and every period holding it, read as `guard` reads them.
    let locked = guard(
        &mut tx,
        db.backend(),
        rate.period.first_day(),
        rate.period.last_day(),
    )
    .await?;
    // On PostgreSQL the employee's row is locked, so that two saves for one employee queue up
    // (the second sees the first's evaluation); SQLite's write transaction already does.
    let for_update = match db.backend() {
        Backend::Postgres => " FOR UPDATE",
        Backend::Sqlite => "",
    };
    let period = sqlx::query("SELECT state FROM periods WHERE code = $1")
        .bind(rate.period.code())
        .fetch_optional(&mut *tx)
        .await?;
    let Some(period) = period else {
        return Ok(Saved::NoPeriod);
    };
    let state: String = period.try_get("state")?;
    let state = PeriodState::parse(&state).ok_or_else(|| corrupt("period state"))?;
    if locked {
        return Ok(Saved::NotOpen(PeriodState::Locked));
    }
    if !state.accepts_ratings() {
        return Ok(Saved::NotOpen(state));
    }
    let sql = format!(
        "SELECT e.unit_id FROM employees e \
         WHERE e.nip = $1 AND e.active = 1 AND e.supervisor_nip = $2{for_update}"
    );
    let employee = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(rate.employee_nip)
        .bind(rate.supervisor_nip)
        .fetch_optional(&mut *tx)
        .await?;
    let Some(employee) = employee else {
        return Ok(Saved::NotSupervisor);
    };
    let unit_id: i64 = employee.try_get("unit_id")?;
    let (hasil, from_unit) = match rate.hasil {
        Hasil::Rated(r) => (r, false),
        Hasil::FromUnit => {
            let row =
                sqlx::query("SELECT hasil FROM unit_results WHERE period = $1 AND unit_id = $2")
                    .bind(rate.period.code())
                    .bind(unit_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            let Some(row) = row else {
                return Ok(Saved::NoUnitResult);
            };
            let h: String = row.try_get("hasil")?;
            (
                Rating::parse(&h).ok_or_else(|| corrupt("unit result"))?,
                true,
            )
        }
    };
    let result = predikat(hasil, rate.perilaku);
    let sql =
        format!("SELECT {COLUMNS} FROM evaluations v WHERE v.period = $1 AND v.employee_nip = $2");
    let before = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(rate.period.code())
        .bind(rate.employee_nip)
        .fetch_optional(&mut *tx)
        .await?;
    let saved = match before.as_ref().map(evaluation).transpose()? {
        Some(b)
            if b.hasil == hasil
                && b.perilaku == rate.perilaku
                && b.note.as_deref() == rate.note
                && b.rated_by == rate.supervisor_nip =>
        {
            return Ok(Saved::Unchanged(result));
        }
        Some(b) => {
            sqlx::query(
                "INSERT INTO evaluation_changes (period, employee_nip, changed_by, changed_at, \
                     before) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(rate.period.code())
            .bind(rate.employee_nip)
            .bind(rate.supervisor_nip)
            .bind(now)
            .bind(before_json(&b))
            .execute(&mut *tx)
            .await?;
            Saved::Changed(result)
        }
        None => Saved::Created(result),
    };
    // One statement for a first rating and a change: a change raises the revision.
    sqlx::query(
        "INSERT INTO evaluations (period, employee_nip, unit_id, rated_by, hasil, \
             hasil_from_unit, perilaku, predikat, note, evidence, rated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
         ON CONFLICT (period, employee_nip) DO UPDATE SET unit_id = excluded.unit_id, \
             rated_by = excluded.rated_by, hasil = excluded.hasil, \
             hasil_from_unit = excluded.hasil_from_unit, perilaku = excluded.perilaku, \
             predikat = excluded.predikat, note = excluded.note, evidence = excluded.evidence, \
             rated_at = excluded.rated_at, revision = evaluations.revision + 1",
    )
    .bind(rate.period.code())
    .bind(rate.employee_nip)
    .bind(unit_id)
    .bind(rate.supervisor_nip)
    .bind(hasil.code())
    .bind(i64::from(from_unit))
    .bind(rate.perilaku.code())
    .bind(result.code())
    .bind(rate.note)
    .bind(rate.evidence)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(saved)
}

fn before_json(b: &Evaluation) -> String {
    serde_json::json!({
        "rated_by": b.rated_by,
        "hasil": b.hasil.code(),
        "hasil_from_unit": b.hasil_from_unit,
        "perilaku": b.perilaku.code(),
        "predikat": b.predikat.code(),
        "note": b.note,
        "evidence": serde_json::from_str::<serde_json::Value>(&b.evidence)
            .unwrap_or_else(|_| serde_json::Value::String(b.evidence.clone())),
        "rated_at": b.rated_at,
        "revision": b.revision,
    })
    .to_string()
}

/// Rates the heads of `unit` already rated for the period on the unit's new result: hasil and
/// predikat follow it, each change audited as made by `by`. Runs in HR's recording transaction.
pub(super) async fn follow_unit_result(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    period: Period,
    unit: UnitId,
    hasil: Rating,
    by: &str,
    now: i64,
) -> Result<u64, StorageError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM evaluations v WHERE v.period = $1 AND v.unit_id = $2 \
             AND v.hasil_from_unit = 1 AND v.hasil <> $3"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(period.code())
        .bind(unit.0)
        .bind(hasil.code())
        .fetch_all(&mut **tx)
        .await?;
    let stale = rows.iter().map(evaluation).collect::<Result<Vec<_>, _>>()?;
    for b in &stale {
        sqlx::query(
            "INSERT INTO evaluation_changes (period, employee_nip, changed_by, changed_at, \
                 before) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(period.code())
        .bind(&b.employee_nip)
        .bind(by)
        .bind(now)
        .bind(before_json(b))
        .execute(&mut **tx)
        .await?;
        sqlx::query(
            "UPDATE evaluations SET hasil = $3, predikat = $4, revision = revision + 1 \
             WHERE period = $1 AND employee_nip = $2",
        )
        .bind(period.code())
        .bind(&b.employee_nip)
        .bind(hasil.code())
        .bind(predikat(hasil, b.perilaku).code())
        .execute(&mut **tx)
        .await?;
    }
    Ok(stale.len() as u64)
}

/// One change of an evaluation, as the audit keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub changed_by: String,
    pub changed_at: i64,
    /// The evaluation before the change, as JSON.
    pub before: String,
}

pub async fn changes(
    db: &Db,
    period: Period,
    employee_nip: &str,
) -> Result<Vec<Change>, StorageError> {
    let rows = sqlx::query(
        "SELECT changed_by, changed_at, before FROM evaluation_changes \
         WHERE period = $1 AND employee_nip = $2 ORDER BY id",
    )
    .bind(period.code())
    .bind(employee_nip)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Change {
                changed_by: r.try_get("changed_by")?,
                changed_at: r.try_get("changed_at")?,
                before: r.try_get("before")?,
            })
        })
        .collect()
}

/// The distribution of the supervisor's own team (their direct subordinates rated for the
/// period), for the hint shown while rating.
pub async fn team_distribution(
    db: &Db,
    period: Period,
    supervisor_nip: &str,
) -> Result<Distribution, StorageError> {
    let rows = sqlx::query(
        "SELECT v.predikat, COUNT(*) AS n FROM evaluations v \
         JOIN employees e ON e.nip = v.employee_nip \
         WHERE v.period = $1 AND e.supervisor_nip = $2 AND e.active = 1 GROUP BY v.predikat",
    )
    .bind(period.code())
    .bind(supervisor_nip)
    .fetch_all(db.pool())
    .await?;
    distribution_of(&rows)
}

fn distribution_of(rows: &[AnyRow]) -> Result<Distribution, StorageError> {
    let mut d = Distribution::default();
    for r in rows {
        let p: String = r.try_get("predikat")?;
        let p = Predikat::parse(&p).ok_or_else(|| corrupt("predikat"))?;
        let n: i64 = r.try_get("n")?;
        d.counts[p.index()] += u64::try_from(n).unwrap_or(0);
    }
    Ok(d)
}

/// One unit's distribution: its own employees and everyone in the units below it, by the unit
/// each was in when rated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitDistribution {
    pub unit: UnitPath,
    pub distribution: Distribution,
}

/// The distribution over the scope, and per unit in it (units with nobody rated left out),
/// in path order.
pub async fn distribution(
    db: &Db,
    period: Period,
    scope: &Scope,
) -> Result<(Distribution, Vec<UnitDistribution>), StorageError> {
    let (filter, binds) = scope_filter(scope, 2);
    let sql = format!(
        "SELECT u.path, v.predikat, COUNT(*) AS n FROM evaluations v \
         JOIN units u ON u.id = v.unit_id WHERE v.period = $1 AND {filter} \
         GROUP BY u.path, v.predikat"
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(period.code());
    for b in &binds {
        q = q.bind(b.as_str());
    }
    let rows = q.fetch_all(db.pool()).await?;
    let mut own: BTreeMap<String, Distribution> = BTreeMap::new();
    let mut total = Distribution::default();
    for r in &rows {
        let path: String = r.try_get("path")?;
        let d = distribution_of(std::slice::from_ref(r))?;
        let entry = own.entry(path).or_default();
        for i in 0..5 {
            entry.counts[i] += d.counts[i];
            total.counts[i] += d.counts[i];
        }
    }
    // Each unit sums its own and every unit below it, found by path prefix.
    let mut units: BTreeMap<String, Distribution> = BTreeMap::new();
    for (path, d) in &own {
        let parsed = UnitPath::parse(path).ok_or_else(|| corrupt("unit path"))?;
        for ancestor in parsed.with_ancestors() {
            let key = ancestor.key();
            if let Some(bound) = scope.unit()
                && !(key == bound.key()
                    || key.starts_with(&format!("{}{}", bound.key(), UnitPath::SEPARATOR)))
            {
                continue;
            }
            let e = units.entry(key).or_default();
            for i in 0..5 {
                e.counts[i] += d.counts[i];
            }
        }
    }
    let per_unit = units
        .into_iter()
        .map(|(path, distribution)| {
            Ok(UnitDistribution {
                unit: UnitPath::parse(&path).ok_or_else(|| corrupt("unit path"))?,
                distribution,
            })
        })
        .collect::<Result<_, StorageError>>()?;
    Ok((total, per_unit))
}

/// Someone the period still lacks an evaluation for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotRated {
    pub nip: String,
    pub name: String,
    pub unit: String,
    pub supervisor_name: String,
}

/// How many active employees in scope with a supervisor have no evaluation for the period.
pub async fn not_rated_count(db: &Db, period: Period, scope: &Scope) -> Result<i64, StorageError> {
    let (filter, binds) = scope_filter(scope, 2);
    let sql = format!(
        "SELECT COUNT(*) FROM employees e JOIN units u ON u.id = e.unit_id \
         JOIN employees s ON s.nip = e.supervisor_nip \
         LEFT JOIN evaluations v ON v.employee_nip = e.nip AND v.period = $1 \
         WHERE e.active = 1 AND v.employee_nip IS NULL AND {filter}"
    );
    let mut q = sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(period.code());
    for b in &binds {
        q = q.bind(b.as_str());
    }
    Ok(q.fetch_one(db.pool()).await?)
}

/// Active employees in scope with a supervisor and no evaluation for the period, by unit and
/// name.
pub async fn not_rated(
    db: &Db,
    period: Period,
    scope: &Scope,
) -> Result<Vec<NotRated>, StorageError> {
    let (filter, binds) = scope_filter(scope, 2);
    let sql = format!(
        "SELECT e.nip, e.name, u.path, s.name AS supervisor_name FROM employees e \
         JOIN units u ON u.id = e.unit_id JOIN employees s ON s.nip = e.supervisor_nip \
         LEFT JOIN evaluations v ON v.employee_nip = e.nip AND v.period = $1 \
         WHERE e.active = 1 AND v.employee_nip IS NULL AND {filter} \
         ORDER BY u.path, e.name, e.nip"
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(period.code());
    for b in &binds {
        q = q.bind(b.as_str());
    }
    let rows = q.fetch_all(db.pool()).await?;
    rows.iter()
        .map(|r| {
            Ok(NotRated {
                nip: r.try_get("nip")?,
                name: r.try_get("name")?,
                unit: r.try_get("path")?,
                supervisor_name: r.try_get("supervisor_name")?,
            })
        })
        .collect()
}

fn corrupt(what: &str) -> StorageError {
    StorageError::Corrupt(what.to_owned())
}
