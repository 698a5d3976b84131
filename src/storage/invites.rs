//! Invite tokens and account linking.

use chrono::{DateTime, TimeDelta, Utc};
use sqlx::Row;

use super::{Db, StorageError};
use crate::domain::Nip;
use crate::domain::invite::{InviteToken, TOKEN_BYTES};
use crate::domain::org::{Role, UnitPath};
use crate::domain::{ChatId, Lang, PerLang, UserId};

/// Who hands out invite links, and which of the unused links they replace.
#[derive(Debug, Clone, Copy)]
pub struct Issuer<'a> {
    /// The HR person's NIP; `None` for the command line.
    pub nip: Option<&'a Nip>,
    /// Also withdraw unused links someone else handed out (otherwise only this issuer's own
    /// are replaced, so one HR person cannot silently cancel another's).
    pub revoke_others: bool,
}

/// Issues a fresh token for each NIP, replacing the issuer's unused one, in one transaction.
pub async fn issue(
    db: &Db,
    nips: &[Nip],
    issuer: Issuer<'_>,
    now: DateTime<Utc>,
    valid_for: TimeDelta,
) -> Result<Vec<(Nip, InviteToken)>, StorageError> {
    let mut tx = db.begin_write().await?;
    let mut out = Vec::with_capacity(nips.len());
    let by = issuer.nip.map(|n| n.as_str().to_owned());
    for nip in nips {
        let token = InviteToken::from_random(rand::random::<[u8; TOKEN_BYTES]>());
        let revoke = if issuer.revoke_others {
            sqlx::query("DELETE FROM invite_tokens WHERE nip = $1 AND used_at IS NULL")
                .bind(nip.as_str())
        } else {
            sqlx::query(
                "DELETE FROM invite_tokens WHERE nip = $1 AND used_at IS NULL \
                 AND COALESCE(issued_by, '') = $2",
            )
            .bind(nip.as_str())
            .bind(by.clone().unwrap_or_default())
        };
        revoke.execute(&mut *tx).await?;
        sqlx::query(
            "INSERT INTO invite_tokens (token_hash, nip, created_at, expires_at, issued_by) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token.hash())
        .bind(nip.as_str())
        .bind(now.timestamp())
        .bind((now + valid_for).timestamp())
        .bind(by.clone())
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

/// Links `telegram_user` to the token's employee, unlinking any account the employee had. The
/// event is kept in `account_links`, and an account that loses the link is told (`notice`, in
/// its language) through the outbox, in the same transaction.
pub async fn redeem(
    db: &Db,
    token: &InviteToken,
    telegram_user: UserId,
    now: DateTime<Utc>,
    notice: &PerLang<String>,
) -> Result<Redeemed, StorageError> {
    let mut tx = db.begin_write().await?;
    let row = sqlx::query(
        "SELECT t.nip, t.expires_at, t.used_at, t.issued_by, e.name, e.language, e.active, \
             e.telegram_user_id AS previous \
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
    let previous: Option<i64> = row.try_get("previous")?;
    let previous = previous.filter(|p| *p != telegram_user.0);
    let issued_by: Option<String> = row.try_get("issued_by")?;
    sqlx::query(
        "INSERT INTO account_links (nip, telegram_user_id, previous_user_id, link, issued_by, \
             linked_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&nip)
    .bind(telegram_user.0)
    .bind(previous)
    .bind(token.hash()[..12].to_owned())
    .bind(issued_by)
    .bind(now.timestamp())
    .execute(&mut *tx)
    .await?;
    if let Some(previous) = previous {
        tell_previous_account(&mut tx, UserId(previous), notice, now).await?;
    }
    tx.commit().await?;
    Ok(Redeemed::Linked {
        nip: Nip::parse(&nip).map_err(|_| StorageError::Corrupt("invite nip".into()))?,
        name: row.try_get("name")?,
        language: row.try_get("language")?,
    })
}

/// Queues `notice` for the account that just lost its link, in its language, if the bot can
/// still reach it.
async fn tell_previous_account(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    previous: UserId,
    notice: &PerLang<String>,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    let row = sqlx::query(
        "SELECT chat_id, language FROM telegram_users WHERE user_id = $1 AND blocked_at IS NULL",
    )
    .bind(previous.0)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(row) = row else { return Ok(()) };
    let lang = Lang::from_code(&row.try_get::<String, _>("language")?).unwrap_or_default();
    let payload = super::outbox::Payload {
        text: notice.get(lang).clone(),
        html: false,
        keyboard: None,
    };
    let payload_id = super::outbox::insert_payload(tx, &payload).await?;
    let origin = super::audience::Origin {
        kind: ORIGIN_LINK_MOVED,
        id: previous.0,
    };
    let chat = ChatId(row.try_get("chat_id")?);
    super::outbox::enqueue_one(tx, payload_id, chat, origin, now.timestamp()).await
}

/// Outbox origin of the message to an account whose link moved to another account.
pub const ORIGIN_LINK_MOVED: &str = "link_moved";

/// One account-link event, as organisation HR exports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkEvent {
    pub linked_at: i64,
    pub nip: String,
    pub name: String,
    pub telegram_user_id: i64,
    pub previous_user_id: Option<i64>,
    pub link: String,
    pub issued_by: Option<String>,
}

/// Every account-link event, oldest first.
pub async fn link_events(db: &Db) -> Result<Vec<LinkEvent>, StorageError> {
    let rows = sqlx::query(
        "SELECT a.linked_at, a.nip, e.name, a.telegram_user_id, a.previous_user_id, a.link, \
             a.issued_by FROM account_links a JOIN employees e ON e.nip = a.nip ORDER BY a.id",
    )
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(LinkEvent {
                linked_at: r.try_get("linked_at")?,
                nip: r.try_get("nip")?,
                name: r.try_get("name")?,
                telegram_user_id: r.try_get("telegram_user_id")?,
                previous_user_id: r.try_get("previous_user_id")?,
                link: r.try_get("link")?,
                issued_by: r.try_get("issued_by")?,
            })
        })
        .collect()
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
