//! The invite sheet HR mails out, one row per issued link: `nip;nama;unit;tautan;berlaku_sampai`.
//! Shared by `kinerja-bot invites` and `/invite` so both write the documented format.

use chrono::{DateTime, TimeDelta, Utc};

use crate::config::FileConfig;
use crate::domain::Nip;
use crate::storage::{self, Db, StorageError};

pub const HEADER: [&str; 5] = ["nip", "nama", "unit", "tautan", "berlaku_sampai"];

/// Issues links for `nips` (replacing the issuer's unused ones) and returns the sheet's rows.
pub async fn issue(
    db: &Db,
    cfg: &FileConfig,
    nips: &[Nip],
    issuer: storage::invites::Issuer<'_>,
    now: DateTime<Utc>,
    bot_username: &str,
) -> Result<Vec<Vec<String>>, StorageError> {
    let valid = TimeDelta::days(i64::from(cfg.thresholds.invite_expiry_days));
    let issued = storage::invites::issue(db, nips, issuer, now, valid).await?;
    let employees = storage::org::employees(db).await?;
    let until = (now + valid)
        .with_timezone(&cfg.time_zone.tz())
        .format("%Y-%m-%d %H:%M %Z")
        .to_string();
    Ok(issued
        .iter()
        .filter_map(|(nip, token)| {
            let (e, _) = employees.get(nip)?;
            Some(vec![
                nip.to_string(),
                e.name.clone(),
                e.unit.key(),
                token.deep_link(bot_username),
                until.clone(),
            ])
        })
        .collect())
}
