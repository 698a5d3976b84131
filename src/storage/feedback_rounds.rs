//! 360 rounds: created with their rater assignments in one transaction (idempotent by the
//! preview's key), listed per HR scope with their response rates, extended or closed early.

use chrono::NaiveDate;
use sqlx::Row;
use sqlx::any::AnyRow;

use super::{Db, StorageError};
use crate::domain::RoundId;
use crate::domain::feedback_round::RoundPeriod;
use crate::domain::org::UnitPath;

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
    /// The last day answers are taken (inclusive): the close, or the early close.
    pub fn last_day(&self) -> NaiveDate {
        self.closed_early_on
            .map_or(self.closes_on, |d| d.min(self.closes_on))
    }

    /// Whether answers are taken on `today` (organisation calendar).
    pub fn is_open(&self, today: NaiveDate) -> bool {
        self.opens_on <= today && today <= self.last_day()
    }

    /// Whether the round is over on `today`: its results may be shown.
    pub fn is_closed(&self, today: NaiveDate) -> bool {
        today > self.last_day()
    }
}

pub(super) const ROUND: &str = "SELECT id, unit_path, period, opens_on, closes_on, closed_early_on, \
     seed, created_by, created_at, prompted_at, results_sent_at FROM feedback_rounds";

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
