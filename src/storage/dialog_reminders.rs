//! The dialog kinerja's reminders and quarterly flags as SQL: who has had no dialog in a period,
//! per recipient, read a chunk of recipients at a time (keyset by NIP, so memory stays flat in a
//! large organisation); each recipient's message queued in the same transaction as its
//! `(slot, recipient)` record, so a restart, a pass run late or a second process never queues it
//! twice; the slots finished or passed over; and acknowledgements that ran out of time.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use futures::TryStreamExt;
use sqlx::Row;

use super::audience::Origin;
use super::outbox::{self, Payload};
use super::{Db, StorageError};
use crate::domain::{ChatId, EmployeeRef, Lang};

/// Outbox origins, so delivery can be counted per kind of message and period.
pub const ORIGIN_REMINDER: &str = "dialog-reminder";
pub const ORIGIN_FLAG: &str = "dialog-flag";
pub const ORIGIN_ESCALATION: &str = "dialog-escalation";

/// Who a slot speaks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Each active supervisor, about their own active subordinates.
    Team,
    /// Each active supervisor's own supervisor, about the teams of their direct reports.
    NextLevel,
}

/// Dialogs held on these dates count, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    fn bounds(&self) -> (String, String) {
        let f = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
        (f(self.from), f(self.to))
    }
}

/// Someone a message is for, and how it reaches them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub nip: String,
    /// Their account's language, else the one HR's file gave, else Indonesian.
    pub lang: Lang,
    /// `None` when they never linked an account.
    pub chat: Option<ChatId>,
    /// They blocked the bot.
    pub blocked: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    /// For the button that starts recording with them.
    pub employee_ref: Option<EmployeeRef>,
}

/// One team's people without a dialog: the recipient's own (`lead` is `None`), or, one level
/// up, the team of the direct report named `lead`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Team {
    pub lead: Option<String>,
    /// The first few, in name order.
    pub people: Vec<Person>,
    /// All of them, listed or not.
    pub total: usize,
}

/// What one recipient is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digest {
    pub recipient: Recipient,
    pub teams: Vec<Team>,
    /// People without a dialog in all teams together.
    pub total: usize,
}

impl Digest {
    pub fn listed(&self) -> usize {
        self.teams.iter().map(|t| t.people.len()).sum()
    }
}

/// `alias` (an employee) has no dialog held in the period ($3..$4).
fn no_dialog(alias: &str) -> String {
    format!(
        "NOT EXISTS (SELECT 1 FROM dialogs d WHERE d.employee_nip = {alias}.nip \
         AND d.held_on >= $3 AND d.held_on <= $4)"
    )
}

/// Someone to tell about: active subordinates of `r` (or of `r`'s direct reports) without a
/// dialog in the period.
fn has_someone_missing(reach: Reach) -> String {
    match reach {
        Reach::Team => format!(
            "EXISTS (SELECT 1 FROM employees e WHERE e.supervisor_nip = r.nip AND e.active = 1 \
             AND {})",
            no_dialog("e")
        ),
        Reach::NextLevel => format!(
            "EXISTS (SELECT 1 FROM employees s JOIN employees e ON e.supervisor_nip = s.nip \
             WHERE s.supervisor_nip = r.nip AND s.active = 1 AND e.active = 1 AND {})",
            no_dialog("e")
        ),
    }
}

/// The next `limit` recipients after NIP `after` who have someone to be told about and have not
/// been handled in `slot`, in NIP order.
pub async fn recipients(
    db: &Db,
    reach: Reach,
    period: Period,
    slot: &str,
    after: &str,
    limit: i64,
) -> Result<Vec<Recipient>, StorageError> {
    let (from, to) = period.bounds();
    // The cheap, selective test first: most employees supervise nobody.
    let sql = format!(
        "SELECT r.nip, r.language AS employee_language, t.language AS account_language, \
             t.chat_id, t.blocked_at \
         FROM employees r LEFT JOIN telegram_users t ON t.user_id = r.telegram_user_id \
         WHERE r.active = 1 AND r.nip > $1 AND {} \
           AND NOT EXISTS (SELECT 1 FROM dialog_reminders k \
                           WHERE k.slot = $2 AND k.supervisor_nip = r.nip) \
         ORDER BY r.nip LIMIT $5",
        has_someone_missing(reach)
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(after)
        .bind(slot)
        .bind(from)
        .bind(to)
        .bind(limit)
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|r| {
            let account: Option<String> = r.try_get("account_language")?;
            let employee: Option<String> = r.try_get("employee_language")?;
            let lang = [account, employee]
                .into_iter()
                .flatten()
                .find_map(|code| Lang::from_code(&code))
                .unwrap_or_default();
            let chat: Option<i64> = r.try_get("chat_id")?;
            let blocked: Option<i64> = r.try_get("blocked_at")?;
            Ok(Recipient {
                nip: r.try_get("nip")?,
                lang,
                chat: chat.map(ChatId),
                blocked: blocked.is_some(),
            })
        })
        .collect()
}

/// How many people a message names; the rest are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Listing {
    /// Named in one message, all teams together.
    pub per_recipient: usize,
    /// Named per team (one level up, each direct report's team gets its share).
    pub per_team: usize,
}

/// What each of `chunk` (from [`recipients`], in NIP order) is told: the people without a
/// dialog, as many named as `listing` allows and the rest counted. Rows are streamed, so
/// a supervisor of thousands costs no more memory than one of ten.
pub async fn digests(
    db: &Db,
    reach: Reach,
    period: Period,
    chunk: Vec<Recipient>,
    listing: Listing,
) -> Result<Vec<Digest>, StorageError> {
    let (Some(first), Some(last)) = (chunk.first(), chunk.last()) else {
        return Ok(Vec::new());
    };
    let (first, last) = (first.nip.clone(), last.nip.clone());
    let sql = match reach {
        Reach::Team => format!(
            "SELECT e.supervisor_nip AS recipient, e.supervisor_nip AS lead_nip, e.name, e.ref \
             FROM employees e \
             WHERE e.active = 1 AND e.supervisor_nip >= $1 AND e.supervisor_nip <= $2 AND {} \
             ORDER BY e.supervisor_nip, e.name, e.nip",
            no_dialog("e")
        ),
        Reach::NextLevel => format!(
            "SELECT s.supervisor_nip AS recipient, s.nip AS lead_nip, s.name AS lead_name, \
                 e.name, e.ref \
             FROM employees s JOIN employees e ON e.supervisor_nip = s.nip \
             WHERE s.active = 1 AND e.active = 1 \
               AND s.supervisor_nip >= $1 AND s.supervisor_nip <= $2 AND {} \
             ORDER BY s.supervisor_nip, s.name, s.nip, e.name, e.nip",
            no_dialog("e")
        ),
    };
    let mut digests: Vec<Digest> = chunk
        .into_iter()
        .map(|recipient| Digest {
            recipient,
            teams: Vec::new(),
            total: 0,
        })
        .collect();
    let index: HashMap<String, usize> = digests
        .iter()
        .enumerate()
        .map(|(i, d)| (d.recipient.nip.clone(), i))
        .collect();
    let (from, to) = period.bounds();
    let mut rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(first)
        .bind(last)
        .bind(from)
        .bind(to)
        .fetch(db.pool());
    // The lead of the team each digest is filling, so a new lead starts a new team.
    let mut current_lead: Vec<Option<String>> = vec![None; digests.len()];
    while let Some(row) = rows.try_next().await? {
        let recipient: String = row.try_get("recipient")?;
        // In the NIP range but not in the chunk: already handled, or nobody to tell.
        let Some(&i) = index.get(&recipient) else {
            continue;
        };
        let lead_nip: String = row.try_get("lead_nip")?;
        let digest = &mut digests[i];
        if current_lead[i].as_deref() != Some(lead_nip.as_str()) {
            let lead = match reach {
                Reach::Team => None,
                Reach::NextLevel => Some(row.try_get::<String, _>("lead_name")?),
            };
            digest.teams.push(Team {
                lead,
                people: Vec::new(),
                total: 0,
            });
            current_lead[i] = Some(lead_nip);
        }
        let listed = digest.listed();
        let Some(team) = digest.teams.last_mut() else {
            continue;
        };
        team.total += 1;
        digest.total += 1;
        if listed < listing.per_recipient && team.people.len() < listing.per_team {
            team.people.push(Person {
                name: row.try_get("name")?,
                employee_ref: row.try_get::<Option<i64>, _>("ref")?.map(EmployeeRef),
            });
        }
    }
    digests.retain(|d| d.total > 0);
    Ok(digests)
}

/// A message for one recipient of a slot.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub recipient: Recipient,
    pub payload: Payload,
}

/// Records `(slot, recipient)` and queues the message for each of `messages`, in one
/// transaction. A recipient another writer already recorded is left alone. Returns how many
/// were queued here (also those never linked or unreachable, whose rows are settled at once so
/// HR can see who was not reached).
pub async fn queue(
    db: &Db,
    slot: &str,
    origin: Origin,
    messages: &[Outgoing],
    now: i64,
) -> Result<usize, StorageError> {
    let ledger = Ledger {
        record: "INSERT INTO dialog_reminders (slot, supervisor_nip, handled_at, sent) \
                 VALUES ($1, $2, $3, 1) ON CONFLICT DO NOTHING",
        slot,
        round: None,
    };
    queue_recorded(db, &ledger, origin, messages, now).await
}

/// Where the messages of a slot are recorded as handled, one row per recipient: `record`
/// binds the slot, the recipient's NIP and the time, then the round when there is one, and
/// stores nothing for a recipient already recorded.
pub(super) struct Ledger<'a> {
    pub record: &'static str,
    pub slot: &'a str,
    pub round: Option<i64>,
}

/// Records each recipient in `ledger` and queues their message in the same transaction; one
/// another writer recorded first is left alone. Returns how many were queued here.
pub(super) async fn queue_recorded(
    db: &Db,
    ledger: &Ledger<'_>,
    origin: Origin,
    messages: &[Outgoing],
    now: i64,
) -> Result<usize, StorageError> {
    let mut tx = db.begin_write().await?;
    let mut queued = 0;
    for m in messages {
        let mut record = sqlx::query(ledger.record)
            .bind(ledger.slot)
            .bind(&m.recipient.nip)
            .bind(now);
        if let Some(round) = ledger.round {
            record = record.bind(round);
        }
        if record.execute(&mut *tx).await?.rows_affected() == 0 {
            continue;
        }
        let to = outbox::To {
            nip: &m.recipient.nip,
            chat: m.recipient.chat,
            blocked: m.recipient.blocked,
        };
        outbox::queue_to(&mut tx, to, &m.payload, (origin.kind, origin.id), now).await?;
        queued += 1;
    }
    tx.commit().await?;
    Ok(queued)
}

/// Slots finished or passed over whose key starts with `prefix` (`2027-01:` for a month). Keys
/// are built by the domain from digits, letters, '-' and ':', so `LIKE` sees no wildcard in
/// them.
pub async fn handled_slots(db: &Db, prefix: &str) -> Result<HashSet<String>, StorageError> {
    let slots: Vec<String> =
        sqlx::query_scalar("SELECT slot FROM dialog_reminder_slots WHERE slot LIKE $1")
            .bind(format!("{prefix}%"))
            .fetch_all(db.pool())
            .await?;
    Ok(slots.into_iter().collect())
}

/// Marks slots as done for everyone: `sent` when their messages were queued, not when they
/// were passed over (a later one of the same month went instead).
pub async fn close_slots(
    db: &Db,
    slots: &[&str],
    sent: bool,
    now: i64,
) -> Result<(), StorageError> {
    if slots.is_empty() {
        return Ok(());
    }
    let mut tx = db.begin_write().await?;
    for slot in slots {
        sqlx::query(
            "INSERT INTO dialog_reminder_slots (slot, sent, handled_at) VALUES ($1, $2, $3) \
             ON CONFLICT DO NOTHING",
        )
        .bind(*slot)
        .bind(i64::from(sent))
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The row of `dialog_reminder_slots` that holds when the reminders first ran on this database.
/// Slot keys always start with a year, so this one cannot clash with a slot.
const START_KEY: &str = "started";

/// Records `now` as the first start of the reminders, unless one is recorded already; returns
/// the recorded one (two processes starting at once agree on the first).
pub async fn mark_start(db: &Db, now: i64) -> Result<i64, StorageError> {
    sqlx::query(
        "INSERT INTO dialog_reminder_slots (slot, sent, handled_at) VALUES ($1, 0, $2) \
         ON CONFLICT DO NOTHING",
    )
    .bind(START_KEY)
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok(started_at(db).await?.unwrap_or(now))
}

/// When the reminders first ran on this database (epoch seconds), if they ever did.
pub async fn started_at(db: &Db) -> Result<Option<i64>, StorageError> {
    let at = sqlx::query_scalar("SELECT handled_at FROM dialog_reminder_slots WHERE slot = $1")
        .bind(START_KEY)
        .fetch_optional(db.pool())
        .await?;
    Ok(at)
}

/// Dialogs still waiting for the employee that were saved at or before `saved_by` (epoch
/// seconds) now stand as unacknowledged; they still count as held. Returns how many.
pub async fn expire_acknowledgements(
    db: &Db,
    saved_by: i64,
    now: i64,
) -> Result<u64, StorageError> {
    // A dialog of a locked period keeps its state: the period's figures no longer move.
    let sql = format!(
        "UPDATE dialogs SET ack = 'unacknowledged', updated_at = $1 \
         WHERE ack = 'pending' AND COALESCE(asked_at, created_at) <= $2 AND NOT {}",
        super::periods::LOCKED_DAY.replace("{d}", "dialogs.held_on")
    );
    let done = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(now)
        .bind(saved_by)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected())
}
