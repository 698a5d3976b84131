//! Units and employees. An import is applied in one transaction: all of it or nothing.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sqlx::{Any, Row, Transaction};

use super::{Db, StorageError};
use crate::domain::org::{Employee, ImportPlan, Role, UnitId, UnitPath};
use crate::domain::{Lang, Nip};

/// Rows per multi-row INSERT (10 values each): few round trips, and below SQLite's limit of
/// 32,766 parameters. Measured with `cargo bench --bench import`.
const CHUNK: usize = 1000;
/// Employees per JSON insert: bounded memory for the JSON text, few statements.
const EMPLOYEE_CHUNK: usize = 20_000;

/// The `i`-th (1-based) bind parameter. sqlx's SQLite driver asks SQLite for each parameter's
/// name, a linear scan per parameter when they are named `$n`, so a 9,000-parameter statement
/// costs tens of millions of steps; anonymous `?` parameters bind in order and skip the scan.
fn param(backend: super::Backend, i: usize) -> String {
    match backend {
        super::Backend::Sqlite => "?".to_owned(),
        super::Backend::Postgres => format!("${i}"),
    }
}

pub async fn units(db: &Db) -> Result<HashMap<UnitPath, UnitId>, StorageError> {
    Ok(units_with(db.pool())
        .await?
        .into_iter()
        .map(|(path, id)| (path, UnitId(id)))
        .collect())
}

/// Every unit by path, read through a pool or inside a transaction.
async fn units_with<'e, E>(executor: E) -> Result<HashMap<UnitPath, i64>, StorageError>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let rows = sqlx::query("SELECT id, path FROM units")
        .fetch_all(executor)
        .await?;
    rows.iter()
        .map(|r| {
            let path: String = r.try_get("path")?;
            let unit = UnitPath::parse(&path)
                .ok_or_else(|| StorageError::Corrupt(format!("unit path {path:?}")))?;
            Ok((unit, r.try_get("id")?))
        })
        .collect()
}

/// Every stored employee's NIP with their fingerprint and whether they are active: all a
/// re-import needs to compare, without reading every column of every row.
pub async fn fingerprints(db: &Db) -> Result<HashMap<String, (String, bool)>, StorageError> {
    let rows = sqlx::query("SELECT nip, fingerprint, active FROM employees")
        .fetch_all(db.pool())
        .await?;
    let mut out = HashMap::with_capacity(rows.len());
    for r in rows {
        let active: i64 = r.try_get(2)?;
        out.insert(r.try_get(0)?, (r.try_get(1)?, active != 0));
    }
    Ok(out)
}

/// Every stored employee, with whether they are active.
pub async fn employees(db: &Db) -> Result<HashMap<Nip, (Employee, bool)>, StorageError> {
    let rows = sqlx::query(
        "SELECT e.nip, e.name, e.position, u.path, e.supervisor_nip, e.role, e.language, e.active \
         FROM employees e JOIN units u ON u.id = e.unit_id",
    )
    .fetch_all(db.pool())
    .await?;
    let mut out = HashMap::with_capacity(rows.len());
    for r in rows {
        let e = employee_from_row(&r)?;
        let active: i64 = r.try_get("active")?;
        out.insert(e.nip.clone(), (e, active != 0));
    }
    Ok(out)
}

fn employee_from_row(r: &sqlx::any::AnyRow) -> Result<Employee, StorageError> {
    let corrupt = |what: &str| StorageError::Corrupt(what.to_owned());
    let nip: String = r.try_get("nip")?;
    let path: String = r.try_get("path")?;
    let supervisor: Option<String> = r.try_get("supervisor_nip")?;
    let role: String = r.try_get("role")?;
    let language: Option<String> = r.try_get("language")?;
    Ok(Employee {
        nip: Nip::parse(&nip).map_err(|_| corrupt("employee nip"))?,
        name: r.try_get("name")?,
        position: r.try_get("position")?,
        unit: UnitPath::parse(&path).ok_or_else(|| corrupt("unit path"))?,
        supervisor: supervisor
            .map(|s| Nip::parse(&s))
            .transpose()
            .map_err(|_| corrupt("supervisor nip"))?,
        role: Role::parse(&role).ok_or_else(|| corrupt("role"))?,
        language: language
            .map(|l| Lang::from_code(&l).ok_or_else(|| corrupt("language")))
            .transpose()?,
    })
}

/// Writes a planned import: new units, new and changed employees, and those who left.
pub async fn apply_import(
    db: &Db,
    plan: &ImportPlan,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    let mut tx = db.begin_write().await?;
    let mut unit_ids = units_with(&mut *tx).await?;
    let backend = db.backend();
    // Level by level (new_units is ordered top first), so each level's parents have ids.
    for level in plan.new_units.chunk_by(|a, b| a.depth() == b.depth()) {
        for chunk in level.chunks(CHUNK) {
            insert_units(&mut tx, backend, chunk, &mut unit_ids).await?;
        }
    }
    let backend = db.backend();
    // In NIP order, the primary key's B-tree is appended to instead of split at random: about
    // half the time of a file's order on SQLite (measured on 100,000 rows).
    let mut added: Vec<&Employee> = plan.added.iter().collect();
    added.sort_unstable_by(|a, b| a.nip.cmp(&b.nip));
    for chunk in added.chunks(EMPLOYEE_CHUNK) {
        insert_employees(&mut tx, backend, chunk, &unit_ids, now).await?;
    }
    for e in &plan.changed {
        sqlx::query(
            "UPDATE employees SET name = $1, position = $2, unit_id = $3, supervisor_nip = $4, \
             role = $5, language = $6, active = 1, updated_at = $7, fingerprint = $8 \
             WHERE nip = $9",
        )
        .bind(&e.name)
        .bind(&e.position)
        .bind(unit_id(&unit_ids, &e.unit)?)
        .bind(e.supervisor.as_ref().map(|s| s.to_string()))
        .bind(e.role.code())
        .bind(e.language.map(Lang::code))
        .bind(now.timestamp())
        .bind(e.fingerprint())
        .bind(e.nip.as_str())
        .execute(&mut *tx)
        .await?;
    }
    for chunk in plan.deactivated.chunks(CHUNK) {
        let marks = placeholders(backend, 2, chunk.len());
        let first = param(backend, 1);
        let sql =
            format!("UPDATE employees SET active = 0, updated_at = {first} WHERE nip IN ({marks})");
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(now.timestamp());
        for nip in chunk {
            q = q.bind(nip.as_str());
        }
        q.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn insert_units(
    tx: &mut Transaction<'_, Any>,
    backend: super::Backend,
    chunk: &[UnitPath],
    unit_ids: &mut HashMap<UnitPath, i64>,
) -> Result<(), StorageError> {
    let values: Vec<String> = (0..chunk.len())
        .map(|i| {
            let b = i * 3;
            format!(
                "({}, {}, {})",
                param(backend, b + 1),
                param(backend, b + 2),
                param(backend, b + 3)
            )
        })
        .collect();
    let sql = format!(
        "INSERT INTO units (path, name, parent_id) VALUES {} RETURNING id, path",
        values.join(", ")
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
    for unit in chunk {
        let parent = unit.parent().and_then(|p| unit_ids.get(&p).copied());
        q = q.bind(unit.key()).bind(unit.name()).bind(parent);
    }
    for row in q.fetch_all(&mut **tx).await? {
        let path: String = row.try_get(1)?;
        let unit = UnitPath::parse(&path)
            .ok_or_else(|| StorageError::Corrupt(format!("unit path {path:?}")))?;
        unit_ids.insert(unit, row.try_get(0)?);
    }
    Ok(())
}

fn unit_id(ids: &HashMap<UnitPath, i64>, unit: &UnitPath) -> Result<i64, StorageError> {
    ids.get(unit)
        .copied()
        .ok_or_else(|| StorageError::Corrupt(format!("unit {} missing", unit.key())))
}

async fn insert_employees(
    tx: &mut Transaction<'_, Any>,
    backend: super::Backend,
    chunk: &[&Employee],
    unit_ids: &HashMap<UnitPath, i64>,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    // The rows travel as one JSON array bound as a single text: sqlx's per-parameter cost, not
    // SQLite's or PostgreSQL's, dominated a 100,000-row insert (`cargo bench --bench import`).
    let rows = chunk
        .iter()
        .map(|e| {
            Ok(serde_json::json!([
                e.nip.as_str(),
                e.name,
                e.position,
                unit_id(unit_ids, &e.unit)?,
                e.supervisor.as_ref().map(|s| s.to_string()),
                e.role.code(),
                e.language.map(Lang::code),
                e.fingerprint(),
            ]))
        })
        .collect::<Result<Vec<_>, StorageError>>()?;
    let json = serde_json::Value::Array(rows).to_string();
    let source = match backend {
        super::Backend::Sqlite => "json_each($1)",
        super::Backend::Postgres => "json_array_elements(CAST($1 AS json)) AS rows (value)",
    };
    let sql = format!(
        "INSERT INTO employees (nip, name, position, unit_id, supervisor_nip, role, language, \
             fingerprint, created_at, updated_at) \
         SELECT value ->> 0, value ->> 1, value ->> 2, CAST(value ->> 3 AS BIGINT), value ->> 4, \
             value ->> 5, value ->> 6, value ->> 7, $2, $2 FROM {source}"
    );
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(json)
        .bind(now.timestamp())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Parameters `from`, `from+1`, … for `n` values.
fn placeholders(backend: super::Backend, from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| param(backend, i))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Counts per unit path: (employees active, linked to Telegram).
pub async fn counts_by_unit(db: &Db) -> Result<Vec<(String, i64, i64)>, StorageError> {
    let rows = sqlx::query(
        "SELECT u.path, COUNT(e.nip) AS n, COUNT(e.telegram_user_id) AS linked \
         FROM units u LEFT JOIN employees e ON e.unit_id = u.id AND e.active = 1 \
         GROUP BY u.path ORDER BY u.path",
    )
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("path")?, r.try_get("n")?, r.try_get("linked")?)))
        .collect()
}

/// The set of NIPs of active employees.
pub async fn active_nips(db: &Db) -> Result<HashSet<Nip>, StorageError> {
    Ok(employees(db)
        .await?
        .into_iter()
        .filter(|(_, (_, active))| *active)
        .map(|(n, _)| n)
        .collect())
}

/// The active employee linked to a Telegram account, as an authorization actor.
pub async fn actor(
    db: &Db,
    telegram_user: crate::domain::UserId,
) -> Result<Option<crate::domain::authz::Actor>, StorageError> {
    let row = sqlx::query(
        "SELECT e.nip, e.role, u.path FROM employees e JOIN units u ON u.id = e.unit_id \
         WHERE e.telegram_user_id = $1 AND e.active = 1",
    )
    .bind(telegram_user.0)
    .fetch_optional(db.pool())
    .await?;
    let Some(r) = row else { return Ok(None) };
    let corrupt = |w: &str| StorageError::Corrupt(w.to_owned());
    let nip: String = r.try_get("nip")?;
    let role: String = r.try_get("role")?;
    let path: String = r.try_get("path")?;
    Ok(Some(crate::domain::authz::Actor {
        nip: Nip::parse(&nip).map_err(|_| corrupt("nip"))?,
        role: Role::parse(&role).ok_or_else(|| corrupt("role"))?,
        unit: UnitPath::parse(&path).ok_or_else(|| corrupt("unit"))?,
    }))
}

/// What an employee sees of themself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub name: String,
    pub position: String,
    pub unit: String,
    pub supervisor: Option<String>,
}

pub async fn profile(db: &Db, nip: &Nip) -> Result<Option<Profile>, StorageError> {
    let row = sqlx::query(
        "SELECT e.name, e.position, u.path, s.name AS supervisor FROM employees e \
         JOIN units u ON u.id = e.unit_id \
         LEFT JOIN employees s ON s.nip = e.supervisor_nip \
         WHERE e.nip = $1",
    )
    .bind(nip.as_str())
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| {
        Ok(Profile {
            name: r.try_get("name")?,
            position: r.try_get("position")?,
            unit: r.try_get("path")?,
            supervisor: r.try_get("supervisor")?,
        })
    })
    .transpose()
}

/// Active direct subordinates: (name, linked to Telegram), by name.
pub async fn subordinates(db: &Db, nip: &Nip) -> Result<Vec<(String, bool)>, StorageError> {
    let rows = sqlx::query(
        "SELECT name, telegram_user_id FROM employees \
         WHERE supervisor_nip = $1 AND active = 1 ORDER BY name",
    )
    .bind(nip.as_str())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let linked: Option<i64> = r.try_get("telegram_user_id")?;
            Ok((r.try_get("name")?, linked.is_some()))
        })
        .collect()
}

/// The unit with this id, if it exists.
pub async fn unit_by_id(db: &Db, id: UnitId) -> Result<Option<UnitPath>, StorageError> {
    let path: Option<String> = sqlx::query_scalar("SELECT path FROM units WHERE id = $1")
        .bind(id.0)
        .fetch_optional(db.pool())
        .await?;
    Ok(path.as_deref().and_then(UnitPath::parse))
}

/// The id of the unit at this path, if it exists.
pub async fn unit_id_of(db: &Db, unit: &UnitPath) -> Result<Option<UnitId>, StorageError> {
    let id: Option<i64> = sqlx::query_scalar("SELECT id FROM units WHERE path = $1")
        .bind(unit.key())
        .fetch_optional(db.pool())
        .await?;
    Ok(id.map(UnitId))
}
