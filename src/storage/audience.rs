//! An audience as SQL: who, among active employees, an announcement or deadline reaches. The
//! creator's scope (a unit subtree for HR of a unit) bounds every audience.

use std::fmt::Write;

use sqlx::{Any, Row, Transaction};

use super::{Db, StorageError};
use crate::domain::org::UnitId;
use crate::domain::{Audience, Lang, PerLang};

/// An audience with its units looked up, ready to become a WHERE clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The creator's subtree, by path; `None` for organisation-wide HR.
    pub scope: Option<String>,
    pub unit: Option<String>,
    pub supervisors: bool,
    pub hr: bool,
}

/// Looks up the units an audience names. `None` when a unit id names no unit.
pub async fn resolve(
    db: &Db,
    audience: Audience,
    scope_unit_id: Option<UnitId>,
) -> Result<Option<Resolved>, StorageError> {
    let path = |id: UnitId| async move {
        sqlx::query_scalar::<_, String>("SELECT path FROM units WHERE id = $1")
            .bind(id.0)
            .fetch_optional(db.pool())
            .await
    };
    let scope = match scope_unit_id {
        Some(id) => match path(id).await? {
            Some(p) => Some(p),
            None => return Ok(None),
        },
        None => None,
    };
    let unit = match audience {
        Audience::Unit(id) => match path(id).await? {
            Some(p) => Some(p),
            None => return Ok(None),
        },
        _ => None,
    };
    Ok(Some(Resolved {
        scope,
        unit,
        supervisors: audience == Audience::Supervisors,
        hr: audience == Audience::Hr,
    }))
}

impl Resolved {
    /// Conditions on `e` (employees) and `u` (their unit), with parameters numbered from
    /// `first`; returns the SQL and the texts to bind in order.
    fn filter(&self, first: usize) -> (String, Vec<String>) {
        let mut sql = String::from("e.active = 1");
        let mut binds = Vec::new();
        for path in [&self.scope, &self.unit].into_iter().flatten() {
            let (a, b) = (first + binds.len(), first + binds.len() + 1);
            // A prefix test on the path, not LIKE: unit names may hold '%' or '_'.
            sql.push_str(&format!(
                " AND (u.path = ${a} OR substr(u.path, 1, length(${b})) = ${b})"
            ));
            binds.push(path.clone());
            binds.push(format!("{path} > "));
        }
        if self.supervisors {
            sql.push_str(
                " AND EXISTS (SELECT 1 FROM employees s WHERE s.supervisor_nip = e.nip \
                 AND s.active = 1)",
            );
        }
        if self.hr {
            sql.push_str(" AND e.role IN ('pengelola_unit', 'pengelola_organisasi', 'admin')");
        }
        (sql, binds)
    }
}

/// How many the audience holds, and how many of them have linked an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub total: i64,
    pub linked: i64,
}

pub async fn size(db: &Db, audience: &Resolved) -> Result<Size, StorageError> {
    let (filter, binds) = audience.filter(1);
    let sql = format!(
        "SELECT COUNT(*) AS total, COUNT(e.telegram_user_id) AS linked FROM employees e \
         JOIN units u ON u.id = e.unit_id WHERE {filter}"
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
    for b in binds {
        q = q.bind(b);
    }
    let row = q.fetch_one(db.pool()).await?;
    Ok(Size {
        total: row.try_get("total")?,
        linked: row.try_get("linked")?,
    })
}

/// Whether the employee `nip` is in the audience.
pub async fn includes(db: &Db, audience: &Resolved, nip: &str) -> Result<bool, StorageError> {
    let (filter, binds) = audience.filter(2);
    let sql = format!(
        "SELECT COUNT(*) FROM employees e JOIN units u ON u.id = e.unit_id \
         WHERE e.nip = $1 AND {filter}"
    );
    let mut q = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql)).bind(nip.to_owned());
    for b in binds {
        q = q.bind(b);
    }
    Ok(q.fetch_one(db.pool()).await? > 0)
}

/// Where the outbox rows of one message to an audience come from.
#[derive(Debug, Clone, Copy)]
pub struct Origin {
    pub kind: &'static str,
    pub id: i64,
}

/// Queues one outbox row per member, in their language: `payload_en` for those who chose
/// English, `payload_id` for the rest. Members who never linked an account or who blocked the
/// bot get a row already settled as `unlinked` or `unreachable`, so reports can name them.
pub async fn enqueue(
    tx: &mut Transaction<'_, Any>,
    audience: &Resolved,
    payloads: PerLang<i64>,
    origin: Origin,
    now: i64,
) -> Result<u64, StorageError> {
    // Each recipient gets the payload of their language; the unlinked (no language yet) get
    // the default's, which is what HR's export shows.
    let mut choose = String::from("CASE t.language");
    for lang in Lang::ALL {
        let _ = write!(
            choose,
            " WHEN '{}' THEN {}",
            lang.code(),
            payloads.get(lang)
        );
    }
    let _ = write!(choose, " ELSE {} END", payloads.get(Lang::default()));
    let (filter, binds) = audience.filter(4);
    let sql = format!(
        "INSERT INTO outbox (payload_id, nip, chat_id, origin_kind, origin_id, state, created_at) \
         SELECT {choose}, e.nip, t.chat_id, $1, $2, \
             CASE WHEN t.user_id IS NULL THEN 'unlinked' \
                  WHEN t.blocked_at IS NOT NULL THEN 'unreachable' ELSE 'pending' END, $3 \
         FROM employees e JOIN units u ON u.id = e.unit_id \
         LEFT JOIN telegram_users t ON t.user_id = e.telegram_user_id \
         WHERE {filter} ORDER BY e.nip"
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(origin.kind)
        .bind(origin.id)
        .bind(now);
    for b in binds {
        q = q.bind(b);
    }
    Ok(q.execute(&mut **tx).await?.rows_affected())
}
