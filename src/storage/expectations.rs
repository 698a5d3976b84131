//! Ekspektasi khusus pimpinan: what a supervisor expects of one subordinate on a BerAKHLAK
//! value in a period (the evaluation year, e.g. "2027").

use std::collections::BTreeMap;

use sqlx::Row;

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
