//! Invite tokens and account linking.

use chrono::{DateTime, TimeDelta, Utc};
use sqlx::Row;

use super::{Db, StorageError};
use crate::domain::Nip;
use crate::domain::UserId;
use crate::domain::invite::{InviteToken, TOKEN_BYTES};
use crate::domain::org::{Role, UnitPath};

/// Issues a fresh token for each NIP, replacing any unused one it had, in one transaction.
pub async fn issue(
    db: &Db,
    nips: &[Nip],
    now: DateTime<Utc>,
    valid_for: TimeDelta,
) -> Result<Vec<(Nip, InviteToken)>, StorageError> {
    let mut tx = db.begin_write().await?;
    let mut out = Vec::with_capacity(nips.len());
    for nip in nips {
        let token = InviteToken::from_random(rand::random::<[u8; TOKEN_BYTES]>());
        sqlx::query("DELETE FROM invite_tokens WHERE nip = $1 AND used_at IS NULL")
            .bind(nip.as_str())
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO invite_tokens (token_hash, nip, created_at, expires_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(token.hash())
        .bind(nip.as_str())
        .bind(now.timestamp())
        .bind((now + valid_for).timestamp())
        .execute(&mut *tx)
        .await?;
        out.push((nip.clone(), token));
    }
    tx.commit().await?;
    Ok(out)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Redeemed {
    /// Linked; the employee's name and language preference from HR's file.
    Linked {
        nip: Nip,
        name: String,
        language: Option<String>,
    },
    Unknown,
    Used,
    Expired,
    /// This Telegram account already belongs to another employee.
    AccountTaken,
}

/// Links `telegram_user` to the token's employee, unlinking any account the employee had.
pub async fn redeem(
    db: &Db,
    token: &InviteToken,
    telegram_user: UserId,
    now: DateTime<Utc>,
) -> Result<Redeemed, StorageError> {
    let mut tx = db.begin_write().await?;
    let row = sqlx::query(
        "SELECT t.nip, t.expires_at, t.used_at, e.name, e.language, e.active \
         FROM invite_tokens t JOIN employees e ON e.nip = t.nip WHERE t.token_hash = $1",
    )
    .bind(token.hash())
    .fetch_optional(&mut *tx)
    .await?;
    let Some(row) = row else {
        return Ok(Redeemed::Unknown);
    };
    let nip: String = row.try_get("nip")?;
    let used_at: Option<i64> = row.try_get("used_at")?;
    let expires_at: i64 = row.try_get("expires_at")?;
    let active: i64 = row.try_get("active")?;
    if used_at.is_some() {
        return Ok(Redeemed::Used);
    }
    if expires_at <= now.timestamp() || active == 0 {
        return Ok(Redeemed::Expired);
    }
    let other: Option<String> =
        sqlx::query_scalar("SELECT nip FROM employees WHERE telegram_user_id = $1 AND nip <> $2")
            .bind(telegram_user.0)
            .bind(&nip)
            .fetch_optional(&mut *tx)
            .await?;
    if other.is_some() {
        return Ok(Redeemed::AccountTaken);
    }
    // Conditional on used_at so two presses of the same link cannot both succeed.
    let claimed = sqlx::query(
        "UPDATE invite_tokens SET used_at = $1, used_by = $2 \
         WHERE token_hash = $3 AND used_at IS NULL",
    )
    .bind(now.timestamp())
    .bind(telegram_user.0)
    .bind(token.hash())
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() == 0 {
        return Ok(Redeemed::Used);
    }
    sqlx::query("UPDATE employees SET telegram_user_id = $1, updated_at = $2 WHERE nip = $3")
        .bind(telegram_user.0)
        .bind(now.timestamp())
        .bind(&nip)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Redeemed::Linked {
        nip: Nip::parse(&nip).map_err(|_| StorageError::Corrupt("invite nip".into()))?,
        name: row.try_get("name")?,
        language: row.try_get("language")?,
    })
}

/// An active employee with no linked account: who would get an invite link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unlinked {
    pub nip: Nip,
    pub role: Role,
    pub unit: UnitPath,
}

/// Active employees with no linked account, optionally within a unit subtree (by path prefix).
pub async fn unlinked(db: &Db, unit_prefix: Option<&str>) -> Result<Vec<Unlinked>, StorageError> {
    let rows = sqlx::query(
        "SELECT e.nip, e.role, u.path FROM employees e JOIN units u ON u.id = e.unit_id \
         WHERE e.active = 1 AND e.telegram_user_id IS NULL ORDER BY u.path, e.nip",
    )
    .fetch_all(db.pool())
    .await?;
    let corrupt = |what: &str| StorageError::Corrupt(what.to_owned());
    let mut out = Vec::new();
    for r in rows {
        let path: String = r.try_get("path")?;
        let within = unit_prefix.is_none_or(|p| path == p || path.starts_with(&format!("{p} > ")));
        if within {
            let nip: String = r.try_get("nip")?;
            let role: String = r.try_get("role")?;
            out.push(Unlinked {
                nip: Nip::parse(&nip).map_err(|_| corrupt("nip"))?,
                role: Role::parse(&role).ok_or_else(|| corrupt("role"))?,
                unit: UnitPath::parse(&path).ok_or_else(|| corrupt("unit"))?,
            });
        }
    }
    Ok(out)
}

/// The employee linked to a Telegram account, if any: (nip, name).
pub async fn linked_employee(
    db: &Db,
    telegram_user: UserId,
) -> Result<Option<(String, String)>, StorageError> {
    let row =
        sqlx::query("SELECT nip, name FROM employees WHERE telegram_user_id = $1 AND active = 1")
            .bind(telegram_user.0)
            .fetch_optional(db.pool())
            .await?;
    row.map(|r| Ok((r.try_get("nip")?, r.try_get("name")?)))
        .transpose()
}
