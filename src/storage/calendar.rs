//! Holidays changed in chat by organisation HR, on top of the configured list: the effective
//! holidays are the configured ones, plus the dates added, minus the dates taken out. A change
//! is one row per date (the latest wins), so adding and removing the same date again is simple.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use sqlx::Row;

use super::{Db, StorageError};
use crate::config::Holiday;
use crate::domain::calendar::Calendar;

/// One date as HR set it in chat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayChange {
    pub day: NaiveDate,
    /// `true`: a holiday after all; `false`: a configured holiday taken back out.
    pub holiday: bool,
    pub name: Option<String>,
}

const DAY_FORMAT: &str = "%Y-%m-%d";

pub async fn changes(db: &Db) -> Result<Vec<DayChange>, StorageError> {
    let rows = sqlx::query("SELECT day, holiday, name FROM calendar_days ORDER BY day")
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|r| {
            let day: String = r.try_get("day")?;
            let holiday: i64 = r.try_get("holiday")?;
            Ok(DayChange {
                day: NaiveDate::parse_from_str(&day, DAY_FORMAT)
                    .map_err(|_| StorageError::Corrupt(format!("calendar day {day:?}")))?,
                holiday: holiday != 0,
                name: r.try_get("name")?,
            })
        })
        .collect()
}

/// Makes `day` a holiday (`holiday`) or a working day again, recording who did it.
pub async fn set(
    db: &Db,
    day: NaiveDate,
    holiday: bool,
    name: Option<&str>,
    changed_by: &str,
    now: i64,
) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO calendar_days (day, holiday, name, changed_by, changed_at) \
         VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (day) DO UPDATE SET holiday = excluded.holiday, name = excluded.name, \
             changed_by = excluded.changed_by, changed_at = excluded.changed_at",
    )
    .bind(day.format(DAY_FORMAT).to_string())
    .bind(i64::from(holiday))
    .bind(name)
    .bind(changed_by)
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// A holiday in force, and whether it was added in chat rather than configured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EffectiveHoliday {
    pub day: NaiveDate,
    pub name: String,
    pub added_in_chat: bool,
}

/// Configured ∪ added − removed, by date.
pub fn effective(configured: &[Holiday], changes: &[DayChange]) -> Vec<EffectiveHoliday> {
    let mut days: BTreeMap<NaiveDate, EffectiveHoliday> = configured
        .iter()
        .map(|h| {
            let e = EffectiveHoliday {
                day: h.day,
                name: h.name.clone(),
                added_in_chat: false,
            };
            (h.day, e)
        })
        .collect();
    for c in changes {
        if c.holiday {
            let e = EffectiveHoliday {
                day: c.day,
                name: c.name.clone().unwrap_or_default(),
                added_in_chat: true,
            };
            days.insert(c.day, e);
        } else {
            days.remove(&c.day);
        }
    }
    days.into_values().collect()
}

/// The working calendar in force: the configured holidays with HR's changes applied.
pub async fn calendar(db: &Db, configured: &[Holiday]) -> Result<Calendar, StorageError> {
    let changes = changes(db).await?;
    Ok(Calendar::new(
        effective(configured, &changes).into_iter().map(|h| h.day),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, day).unwrap()
    }

    #[test]
    fn chat_changes_add_to_and_take_from_the_configured_list() {
        let configured = [
            Holiday {
                day: d(1, 1),
                name: "Tahun Baru".into(),
            },
            Holiday {
                day: d(3, 10),
                name: "Idul Fitri".into(),
            },
        ];
        let changes = [
            DayChange {
                day: d(3, 10),
                holiday: false,
                name: None,
            },
            DayChange {
                day: d(3, 11),
                holiday: true,
                name: Some("Idul Fitri".into()),
            },
            // Taking out a date that was never a holiday changes nothing.
            DayChange {
                day: d(4, 1),
                holiday: false,
                name: None,
            },
        ];
        let days: Vec<(NaiveDate, bool)> = effective(&configured, &changes)
            .into_iter()
            .map(|h| (h.day, h.added_in_chat))
            .collect();
        assert_eq!(days, [(d(1, 1), false), (d(3, 11), true)]);
    }
}
