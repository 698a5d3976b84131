//! 360 rounds: created with their rater assignments in one transaction (idempotent by the
//! preview's key), listed per HR scope with their response rates, extended or closed early.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;

use super::{Db, StorageError};
use crate::domain::RoundId;
use crate::domain::authz::{Scope, is_within};
use crate::domain::calendar::{at_local, local_date};
use crate::domain::feedback_round::{Member, Notice, Pair, Reason, RoundPeriod, assign};
use crate::domain::org::{UnitId, UnitPath};

/// A stored round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    pub id: RoundId,
    /// The unit whose subtree it covers; `None` for the whole organisation.
    pub unit: Option<UnitPath>,
    pub period: RoundPeriod,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub closed_early_on: Option<NaiveDate>,
    pub seed: u64,
    pub created_by: String,
    pub created_at: i64,
    pub prompted_at: Option<i64>,
    pub results_sent_at: Option<i64>,
}

impl Round {
    /// The last day answers are taken (inclusive). A round closed early is closed from the day
    /// HR closed it, as the domain's `Round::close_early` has it.
    pub fn last_day(&self) -> NaiveDate {
        match self.closed_early_on {
            Some(d) => d.pred_opt().unwrap_or(d).min(self.closes_on),
            None => self.closes_on,
        }
    }

    /// Whether answers are taken on `today` (organisation calendar).
    pub fn is_open(&self, today: NaiveDate) -> bool {
        self.opens_on <= today && !self.is_closed(today)
    }

    /// Whether the round is over on `today`: it takes no more answers.
    pub fn is_closed(&self, today: NaiveDate) -> bool {
        self.closed_early_on.is_some_and(|d| today >= d) || today > self.closes_on
    }

    /// When results may be shown: at `time` (the reminder time) on the first day the round is
    /// closed, or at once for a round closed later that day. Not at midnight: a tap handled in
    /// the last moment of the last day must not land after someone has read the results, or
    /// two reports could differ by that one answer.
    pub fn results_from(&self, tz: chrono_tz::Tz, time: chrono::NaiveTime) -> DateTime<Utc> {
        let first_closed = match self.closed_early_on {
            Some(d) if d <= self.closes_on => d,
            _ => self.closes_on.succ_opt().unwrap_or(self.closes_on),
        };
        at_local(first_closed, time, tz)
    }

    /// Whether results may be shown at `now` (see [`Self::results_from`]).
    pub fn results_ready(
        &self,
        now: DateTime<Utc>,
        tz: chrono_tz::Tz,
        time: chrono::NaiveTime,
    ) -> bool {
        now >= self.results_from(tz, time) && self.is_closed(local_date(now, tz))
    }
}

pub(super) const ROUND: &str = "SELECT id, unit_path, period, opens_on, closes_on, closed_early_on, \
     seed, created_by, created_at, prompted_at, results_sent_at, ready_at FROM feedback_rounds";

pub(super) fn corrupt(what: &str) -> StorageError {
    StorageError::Corrupt(format!("feedback {what}"))
}

pub(super) fn date(s: &str) -> Result<NaiveDate, StorageError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| corrupt("date"))
}

pub(super) fn round(r: &AnyRow) -> Result<Round, StorageError> {
    let unit: Option<String> = r.try_get("unit_path")?;
    let period: String = r.try_get("period")?;
    let closed_early: Option<String> = r.try_get("closed_early_on")?;
    Ok(Round {
        id: RoundId(r.try_get("id")?),
        unit: unit
            .map(|u| UnitPath::parse(&u).ok_or_else(|| corrupt("unit path")))
            .transpose()?,
        period: RoundPeriod::parse(&period).ok_or_else(|| corrupt("period"))?,
        opens_on: date(&r.try_get::<String, _>("opens_on")?)?,
        closes_on: date(&r.try_get::<String, _>("closes_on")?)?,
        closed_early_on: closed_early.as_deref().map(date).transpose()?,
        // Stored bit for bit in a signed column.
        seed: r.try_get::<i64, _>("seed")? as u64,
        created_by: r.try_get("created_by")?,
        created_at: r.try_get("created_at")?,
        prompted_at: r.try_get("prompted_at")?,
        results_sent_at: r.try_get("results_sent_at")?,
    })
}

pub async fn get(db: &Db, id: RoundId) -> Result<Option<Round>, StorageError> {
    let sql = format!("{ROUND} WHERE id = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id.0)
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(round).transpose()
}

/// A round as HR asked for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRound {
    /// The preview's key: creating the same round twice stores one.
    pub key: String,
    pub scope: Scope,
    pub period: RoundPeriod,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub seed: u64,
    pub max_peers: usize,
    pub max_subordinates: usize,
    pub include_self: bool,
    pub created_by: String,
}

/// What a round would create: the preview HR confirms, and what creating it stores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Active employees in scope who will be rated.
    pub ratees: i64,
    pub raters: i64,
    pub pairs: Vec<Pair>,
    /// People HR should know about, by reason, with their names.
    pub notices: Vec<(Notice, String)>,
    /// Each ratee's unit now, stored with the assignments so per-unit figures never move.
    pub units: HashMap<String, i64>,
}

impl Plan {
    pub fn assignments(&self) -> i64 {
        self.pairs.len() as i64
    }
}

/// Why a round was not created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// A round for the same period already covers part of this scope and has not ended.
    Overlaps(RoundId),
    /// Nobody active in scope.
    Empty,
}

/// Draws the round's assignment over the organisation as it is now: raters may sit outside the
/// scope (a unit head's supervisor and peers), ratees are the active employees inside it.
pub async fn plan(db: &Db, new: &NewRound) -> Result<Plan, StorageError> {
    let rows = sqlx::query(
        "SELECT e.nip, e.name, e.supervisor_nip, e.active, e.telegram_user_id, u.id, u.path \
         FROM employees e JOIN units u ON u.id = e.unit_id",
    )
    .fetch_all(db.pool())
    .await?;
    let mut members = Vec::with_capacity(rows.len());
    let mut names = HashMap::with_capacity(rows.len());
    let mut in_scope = HashSet::new();
    let mut units = HashMap::with_capacity(rows.len());
    for r in &rows {
        let nip: String = r.try_get("nip")?;
        let path: String = r.try_get("path")?;
        let unit = UnitPath::parse(&path).ok_or_else(|| corrupt("unit path"))?;
        if new.scope.contains(&unit) {
            in_scope.insert(nip.clone());
        }
        names.insert(nip.clone(), r.try_get::<String, _>("name")?);
        units.insert(nip.clone(), r.try_get::<i64, _>("id")?);
        members.push(Member {
            nip,
            supervisor: r.try_get("supervisor_nip")?,
            active: r.try_get::<i64, _>("active")? == 1,
            linked: r.try_get::<Option<i64>, _>("telegram_user_id")?.is_some(),
        });
    }
    let drawn = assign(
        &members,
        new.seed,
        new.max_peers,
        new.max_subordinates,
        new.include_self,
    );
    let pairs: Vec<Pair> = drawn
        .pairs
        .into_iter()
        .filter(|p| in_scope.contains(&p.ratee))
        .collect();
    let raters: HashSet<&str> = pairs.iter().map(|p| p.rater.as_str()).collect();
    let ratees: HashSet<&str> = pairs.iter().map(|p| p.ratee.as_str()).collect();
    let active_in_scope = members
        .iter()
        .filter(|m| m.active && in_scope.contains(&m.nip))
        .count();
    // Unlinked raters matter only if they rate someone here; the others, only inside the scope.
    let notices = drawn
        .notices
        .into_iter()
        .filter(|n| match n.reason {
            Reason::Unlinked => raters.contains(n.nip.as_str()),
            _ => in_scope.contains(&n.nip),
        })
        .map(|n| {
            let name = names.get(&n.nip).cloned().unwrap_or_default();
            (n, name)
        })
        .collect();
    Ok(Plan {
        ratees: active_in_scope.max(ratees.len()) as i64,
        raters: raters.len() as i64,
        pairs,
        notices,
        units,
    })
}

/// Rounds of `period` not yet ended on `today` whose scope overlaps `scope`.
async fn overlapping(
    db: &Db,
    scope: &Scope,
    period: RoundPeriod,
    today: NaiveDate,
) -> Result<Option<RoundId>, StorageError> {
    let sql = format!("{ROUND} WHERE period = $1 ORDER BY id");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(period.code())
        .fetch_all(db.pool())
        .await?;
    for r in &rows {
        let existing = round(r)?;
        if existing.is_closed(today) {
            continue;
        }
        let overlaps = match (&existing.unit, scope.unit()) {
            (None, _) | (_, None) => true,
            (Some(a), Some(b)) => is_within(a, b) || is_within(b, a),
        };
        if overlaps {
            return Ok(Some(existing.id));
        }
    }
    Ok(None)
}

/// Assignment rows per transaction: a large organisation's round is stored in pieces, so the
/// SQLite write lock is never held for long and taps go on meanwhile.
const ROWS_PER_TRANSACTION: usize = 20_000;

/// Creates the round with its assignments and HR's notices. The round row comes first, marked
/// not ready; the assignments follow in transactions of [`ROWS_PER_TRANSACTION`]; the round is
/// marked ready last, and until then nobody sees it in a list or gets a message for it.
/// Creating the same round again (same key) returns the first one with `fresh == false`, after
/// finishing its storing if a crash interrupted it (every row is inserted idempotently).
pub async fn create(
    db: &Db,
    new: &NewRound,
    plan: &Plan,
    today: NaiveDate,
    now: i64,
) -> Result<Result<(RoundId, bool), Refused>, StorageError> {
    let (id, fresh) = match existing_by_key(db, &new.key).await? {
        Some((id, true)) => return Ok(Ok((id, false))),
        Some((id, false)) => (id, false),
        None => {
            if plan.pairs.is_empty() {
                return Ok(Err(Refused::Empty));
            }
            if let Some(other) = overlapping(db, &new.scope, new.period, today).await? {
                return Ok(Err(Refused::Overlaps(other)));
            }
            match insert_round(db, new, now).await? {
                Some(id) => (id, true),
                // A confirm at the same moment stored it first: finish with it.
                None => match existing_by_key(db, &new.key).await? {
                    Some((id, _)) => (id, false),
                    None => return Err(corrupt("round key")),
                },
            }
        }
    };
    for rows in plan.pairs.chunks(ROWS_PER_TRANSACTION) {
        let mut tx = db.begin_write().await?;
        for chunk in rows.chunks(1000) {
            insert_assignments(&mut tx, id, chunk, &plan.units).await?;
        }
        tx.commit().await?;
    }
    let mut tx = db.begin_write().await?;
    for chunk in plan.notices.chunks(1000) {
        insert_notices(&mut tx, id, chunk).await?;
    }
    sqlx::query("UPDATE feedback_rounds SET ready_at = $1 WHERE id = $2 AND ready_at IS NULL")
        .bind(now)
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Ok((id, fresh)))
}

async fn insert_round(db: &Db, new: &NewRound, now: i64) -> Result<Option<RoundId>, StorageError> {
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO feedback_rounds (unit_path, period, opens_on, closes_on, seed, max_peers, \
             max_subordinates, include_self, created_by, create_key, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
         ON CONFLICT (create_key) DO NOTHING RETURNING id",
    )
    .bind(new.scope.unit().map(UnitPath::key))
    .bind(new.period.code())
    .bind(new.opens_on.to_string())
    .bind(new.closes_on.to_string())
    .bind(new.seed as i64)
    .bind(new.max_peers as i64)
    .bind(new.max_subordinates as i64)
    .bind(i64::from(new.include_self))
    .bind(&new.created_by)
    .bind(&new.key)
    .bind(now)
    .fetch_optional(db.pool())
    .await?;
    Ok(id.map(RoundId))
}

/// `(${first}, ${first + 1}, ...)` for `n` parameters.
fn placeholders(first: usize, n: usize) -> String {
    let list: Vec<String> = (first..first + n).map(|i| format!("${i}")).collect();
    format!("({})", list.join(", "))
}

/// One multi-row insert; 5 parameters a row, well under SQLite's 32,766 and PostgreSQL's
/// 65,535 per statement.
async fn insert_assignments(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: RoundId,
    chunk: &[Pair],
    units: &HashMap<String, i64>,
) -> Result<(), StorageError> {
    let rows: Vec<String> = (0..chunk.len())
        .map(|i| placeholders(i * 5 + 1, 5))
        .collect();
    let sql = format!(
        "INSERT INTO feedback_assignments (round_id, ratee_nip, rater_nip, grp, ratee_unit_id) \
         VALUES {} ON CONFLICT DO NOTHING",
        rows.join(",")
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
    for p in chunk {
        q = q
            .bind(id.0)
            .bind(&p.ratee)
            .bind(&p.rater)
            .bind(p.group.code())
            .bind(units.get(&p.ratee).copied());
    }
    q.execute(&mut **tx).await?;
    Ok(())
}

async fn insert_notices(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: RoundId,
    chunk: &[(Notice, String)],
) -> Result<(), StorageError> {
    let rows: Vec<String> = (0..chunk.len())
        .map(|i| placeholders(i * 4 + 1, 4))
        .collect();
    let sql = format!(
        "INSERT INTO feedback_round_notices (round_id, nip, reason, detail) VALUES {} \
         ON CONFLICT DO NOTHING",
        rows.join(",")
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
    for (n, _) in chunk {
        let (reason, detail) = reason_code(&n.reason);
        q = q.bind(id.0).bind(&n.nip).bind(reason).bind(detail);
    }
    q.execute(&mut **tx).await?;
    Ok(())
}

fn reason_code(reason: &Reason) -> (&'static str, Option<String>) {
    match reason {
        Reason::Inactive => ("inactive", None),
        Reason::Unlinked => ("unlinked", None),
        Reason::SupervisorNotFound(s) => ("supervisor-not-found", Some(s.clone())),
        Reason::DuplicateNip => ("duplicate-nip", None),
    }
}

/// The round stored with this key, and whether all of it is stored.
async fn existing_by_key(db: &Db, key: &str) -> Result<Option<(RoundId, bool)>, StorageError> {
    let row: Option<(i64, Option<i64>)> =
        sqlx::query_as("SELECT id, ready_at FROM feedback_rounds WHERE create_key = $1")
            .bind(key)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.map(|(id, ready)| (RoundId(id), ready.is_some())))
}

/// Rounds HR with `scope` may see (see [`visible`]), newest first.
pub async fn in_scope(db: &Db, scope: &Scope, limit: i64) -> Result<Vec<Round>, StorageError> {
    let sql = format!("{ROUND} ORDER BY id DESC");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .fetch_all(db.pool())
        .await?;
    let mut out = Vec::new();
    for r in &rows {
        let round = round(r)?;
        if visible(scope, &round) && r.try_get::<Option<i64>, _>("ready_at")?.is_some() {
            out.push(round);
            if out.len() as i64 >= limit {
                break;
            }
        }
    }
    Ok(out)
}

/// Whether HR with `scope` may change `round` (extend, close): it lies within their scope.
pub fn manages(scope: &Scope, round: &Round) -> bool {
    match (&round.unit, scope.unit()) {
        (_, None) => true,
        (Some(u), Some(s)) => is_within(u, s),
        (None, Some(_)) => false,
    }
}

/// Whether HR with `scope` may see `round`'s figures for their part of it: the round covers
/// some of their scope (an organisation-wide round covers every unit's HR). What they see is
/// then limited to their scope's units.
pub fn visible(scope: &Scope, round: &Round) -> bool {
    match (&round.unit, scope.unit()) {
        (_, None) | (None, _) => true,
        (Some(u), Some(s)) => is_within(u, s) || is_within(s, u),
    }
}

/// Moves the close later, only while the round is open on `today` (checked again here, in the
/// same statement: a round closed meanwhile, by another HR or by midnight, stays closed).
/// `false` when nothing changed.
pub async fn extend(
    db: &Db,
    id: RoundId,
    new_close: NaiveDate,
    today: NaiveDate,
) -> Result<bool, StorageError> {
    let changed = sqlx::query(
        "UPDATE feedback_rounds SET closes_on = $1 \
         WHERE id = $2 AND closed_early_on IS NULL AND closes_on >= $3 AND closes_on <= $1",
    )
    .bind(new_close.to_string())
    .bind(id.0)
    .bind(today.to_string())
    .execute(db.pool())
    .await?
    .rows_affected();
    Ok(changed > 0)
}

/// Closes the round from `today` on, only if it is still open then. `false` when nothing
/// changed.
pub async fn close_early(db: &Db, id: RoundId, today: NaiveDate) -> Result<bool, StorageError> {
    let changed = sqlx::query(
        "UPDATE feedback_rounds SET closed_early_on = $1 \
         WHERE id = $2 AND closed_early_on IS NULL AND closes_on >= $1 AND opens_on <= $1",
    )
    .bind(today.to_string())
    .bind(id.0)
    .execute(db.pool())
    .await?
    .rows_affected();
    Ok(changed > 0)
}

/// The round stored with the preview's `key`, and whether all of it is stored.
pub async fn stored_with_key(db: &Db, key: &str) -> Result<Option<(RoundId, bool)>, StorageError> {
    existing_by_key(db, key).await
}

/// A unit's response in a round: assignments complete out of all, by the raters' units now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRate {
    pub unit_id: UnitId,
    pub unit: UnitPath,
    pub complete: i64,
    pub total: i64,
    /// Raters there with something left to answer.
    pub behind: i64,
}

pub async fn rates_by_unit(db: &Db, id: RoundId) -> Result<Vec<UnitRate>, StorageError> {
    let rows = sqlx::query(
        "SELECT u.id, u.path, COUNT(*) AS total, COUNT(a.completed_at) AS complete, \
             COUNT(DISTINCT CASE WHEN a.completed_at IS NULL THEN a.rater_nip END) AS behind \
         FROM feedback_assignments a JOIN employees e ON e.nip = a.rater_nip \
         JOIN units u ON u.id = e.unit_id WHERE a.round_id = $1 GROUP BY u.id, u.path",
    )
    .bind(id.0)
    .fetch_all(db.pool())
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let path: String = r.try_get("path")?;
        out.push(UnitRate {
            unit_id: UnitId(r.try_get("id")?),
            unit: UnitPath::parse(&path).ok_or_else(|| corrupt("unit path"))?,
            complete: r.try_get("complete")?,
            total: r.try_get("total")?,
            behind: r.try_get("behind")?,
        });
    }
    out.sort_by(|a, b| a.unit.cmp(&b.unit));
    Ok(out)
}

/// What HR was told at creation, with names, by reason.
pub async fn notices(db: &Db, id: RoundId) -> Result<Vec<(String, String)>, StorageError> {
    let rows = sqlx::query(
        "SELECT n.reason, e.name FROM feedback_round_notices n \
         LEFT JOIN employees e ON e.nip = n.nip WHERE n.round_id = $1 ORDER BY n.reason, e.name",
    )
    .bind(id.0)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("reason")?,
                r.try_get::<Option<String>, _>("name")?.unwrap_or_default(),
            ))
        })
        .collect()
}
