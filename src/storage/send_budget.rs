//! Telegram's overall sending budget, shared by the replicas on one database: a replica reserves
//! the next `n` sending slots by moving one counter forward, so together they never send faster
//! than the budget. Times are the database's clock, so replicas on hosts whose clocks differ
//! still agree.

use super::{Backend, Db, StorageError};

/// Reserved slots: the database's time now and the first slot, both in microseconds; slot `i`
/// is at `first_us + i * interval_us`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reserved {
    pub now_us: i64,
    pub first_us: i64,
}

/// Reserves `n` slots `interval_us` apart, from now or after the last slot reserved by anyone.
pub async fn reserve(db: &Db, n: i64, interval_us: i64) -> Result<Reserved, StorageError> {
    let (now_us, next_us): (i64, i64) = match db.backend() {
        Backend::Postgres => {
            sqlx::query_as(
                "WITH t AS (SELECT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::BIGINT AS now_us) \
                 UPDATE send_budget SET next_us = GREATEST(next_us, t.now_us) + $1 * $2 FROM t \
                 WHERE id = 1 RETURNING t.now_us, send_budget.next_us",
            )
            .bind(n)
            .bind(interval_us)
            .fetch_one(db.pool())
            .await?
        }
        // One process per SQLite file: its own clock is the only one.
        Backend::Sqlite => {
            let now_us = chrono::Utc::now().timestamp_micros();
            let next: i64 = sqlx::query_scalar(
                "UPDATE send_budget SET next_us = MAX(next_us, $3) + $1 * $2 WHERE id = 1 \
                 RETURNING next_us",
            )
            .bind(n)
            .bind(interval_us)
            .bind(now_us)
            .fetch_one(db.pool())
            .await?;
            (now_us, next)
        }
    };
    Ok(Reserved {
        now_us,
        first_us: next_us - n * interval_us,
    })
}

/// Nobody reserves a slot before `wait_us` from now (Telegram asked everyone to wait).
pub async fn hold(db: &Db, wait_us: i64) -> Result<(), StorageError> {
    match db.backend() {
        Backend::Postgres => {
            sqlx::query(
                "UPDATE send_budget SET next_us = GREATEST(next_us, \
                 (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::BIGINT + $1) WHERE id = 1",
            )
            .bind(wait_us)
            .execute(db.pool())
            .await?;
        }
        Backend::Sqlite => {
            let until = chrono::Utc::now().timestamp_micros() + wait_us;
            sqlx::query("UPDATE send_budget SET next_us = MAX(next_us, $1) WHERE id = 1")
                .bind(until)
                .execute(db.pool())
                .await?;
        }
    }
    Ok(())
}
