//! The 360 round's messages that the bot starts, as SQL: who is due which message in a round
//! (raters for the opening message and reminders, ratees and their supervisors once results are
//! ready), read a chunk at a time in NIP order so memory stays flat in a large organisation; each
//! message queued in the same transaction as its `(round, slot, recipient)` row in
//! `feedback_reminders`, so restarts, late passes or a second process never queue it twice.
//!
//! `feedback_reminders.rater_nip` holds whoever the message went to (a ratee or a supervisor for
//! the results). A row with an empty NIP marks a slot finished for everyone, so later passes do
//! not look for recipients again; no NIP is empty.

use std::collections::HashMap;

use futures::TryStreamExt;
use sqlx::Row;

use super::audience::Origin;
use super::dialog_reminders::{Ledger, Outgoing, Recipient, queue_recorded};
use super::feedback_rounds::{ROUND, Round, round};
use super::{Db, StorageError};
use crate::domain::org::UnitId;
use crate::domain::{AssignmentId, ChatId, Lang, RoundId};

/// Outbox origins (with the round's id), so delivery can be counted per round and kind.
pub const ORIGIN_OPENING: &str = "feedback-opening";
pub const ORIGIN_REMINDER: &str = "feedback-reminder";
pub const ORIGIN_RESULTS: &str = "feedback-results";

/// Slots that are not reminders.
pub const SLOT_OPENING: &str = "open";
pub const SLOT_RESULTS: &str = "results";
/// The supervisors' message about their subordinates' results: a supervisor may also be a
/// ratee, and gets both.
pub const SLOT_TEAM_RESULTS: &str = "results:team";

/// Slots of HR's reminders on demand start with this.
pub const HR_SLOT_PREFIX: &str = "hr:";

/// The recipient NIP of the row that marks a slot finished for everyone.
const FINISHED: &str = "";

/// Who a slot speaks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Raters with any assignment in the round; the count is their assignments.
    Raters,
    /// Raters with an assignment not yet complete; the count is those assignments.
    Unfinished,
    /// Like `Unfinished`, for raters whose own unit is `unit` (not its sub-units) and who had no
    /// reminder on demand in this round after `since` (epoch seconds).
    UnitUnfinished { unit: UnitId, since: i64 },
    /// Ratees with at least one complete assignment about them.
    Ratees,
    /// The current supervisors of such ratees; the count is those subordinates.
    Supervisors,
}

/// A recipient and how many things (assignments, subordinates) their message is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    pub recipient: Recipient,
    pub count: usize,
}

/// Recipients are walked as employees `r` in NIP order (the primary key), each tested with an
/// indexed probe, so a chunk costs about its own size whatever the round's. `rows` is the
/// `FROM … WHERE …` of what a recipient's message is about (correlated to `r`): it must exist,
/// and it is counted.
fn recipients_sql(reach: Reach) -> String {
    const RATED_BY_R: &str =
        "FROM feedback_assignments a WHERE a.rater_nip = r.nip AND a.round_id = $1";
    let (rows, filter) = match reach {
        Reach::Raters => (RATED_BY_R.to_owned(), ""),
        Reach::Unfinished => (format!("{RATED_BY_R} AND a.completed_at IS NULL"), ""),
        // Any unit's reminder on demand counts (a rater who moved is still reminded once an
        // hour). A prefix test, not a range: PostgreSQL's collations need not sort ';' after
        // ':' (or may ignore punctuation), and a round has few reminder rows per rater anyway.
        Reach::UnitUnfinished { .. } => (
            format!("{RATED_BY_R} AND a.completed_at IS NULL"),
            "AND r.unit_id = $5 \
             AND NOT EXISTS (SELECT 1 FROM feedback_reminders h WHERE h.round_id = $1 \
                 AND substr(h.slot, 1, 3) = 'hr:' AND h.rater_nip = r.nip \
                 AND h.handled_at > $6)",
        ),
        Reach::Ratees => (
            "FROM feedback_assignments a WHERE a.round_id = $1 AND a.ratee_nip = r.nip \
             AND a.completed_at IS NOT NULL"
                .to_owned(),
            "",
        ),
        Reach::Supervisors => (
            "FROM employees e WHERE e.supervisor_nip = r.nip AND e.active = 1 \
             AND EXISTS (SELECT 1 FROM feedback_assignments a WHERE a.round_id = $1 \
                 AND a.ratee_nip = e.nip AND a.completed_at IS NOT NULL)"
                .to_owned(),
            "",
        ),
    };
    format!(
        "SELECT r.nip, r.language AS employee_language, t.language AS account_language, \
             t.chat_id, t.blocked_at, (SELECT COUNT(*) {rows}) AS n \
         FROM employees r LEFT JOIN telegram_users t ON t.user_id = r.telegram_user_id \
         WHERE r.nip > $2 AND r.active = 1 {filter} AND EXISTS (SELECT 1 {rows}) \
           AND NOT EXISTS (SELECT 1 FROM feedback_reminders k \
                           WHERE k.round_id = $1 AND k.slot = $3 AND k.rater_nip = r.nip) \
         ORDER BY r.nip LIMIT $4"
    )
}

/// The next `limit` recipients after NIP `after` whom `reach` names in `round` and who have not
/// been handled in `slot`, in NIP order. Inactive employees are left out.
pub async fn recipients(
    db: &Db,
    round: RoundId,
    reach: Reach,
    slot: &str,
    after: &str,
    limit: i64,
) -> Result<Vec<Counted>, StorageError> {
    let sql = recipients_sql(reach);
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(round.0)
        .bind(after)
        .bind(slot)
        .bind(limit);
    if let Reach::UnitUnfinished { unit, since } = reach {
        query = query.bind(unit.0).bind(since);
    }
    let rows = query.fetch_all(db.pool()).await?;
    rows.iter()
        .map(|r| {
            let account: Option<String> = r.try_get("account_language")?;
            let employee: Option<String> = r.try_get("employee_language")?;
            // The account's choice first, as everywhere the bot speaks to someone.
            let lang = [account, employee]
                .into_iter()
                .flatten()
                .find_map(|code| Lang::from_code(&code))
                .unwrap_or_default();
            let chat: Option<i64> = r.try_get("chat_id")?;
            let blocked: Option<i64> = r.try_get("blocked_at")?;
            let count: i64 = r.try_get("n")?;
            Ok(Counted {
                recipient: Recipient {
                    nip: r.try_get("nip")?,
                    lang,
                    chat: chat.map(ChatId),
                    blocked: blocked.is_some(),
                },
                count: usize::try_from(count).unwrap_or(0),
            })
        })
        .collect()
}

/// One colleague a rater is asked about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Colleague {
    pub assignment: AssignmentId,
    pub name: String,
}

/// The colleagues each rater of `chunk` (from [`recipients`], in NIP order) rates in `round`,
/// in name order. Streamed, so a head who rates hundreds costs no more memory than needed.
pub async fn colleagues(
    db: &Db,
    round: RoundId,
    chunk: &[Counted],
) -> Result<HashMap<String, Vec<Colleague>>, StorageError> {
    let (Some(first), Some(last)) = (chunk.first(), chunk.last()) else {
        return Ok(HashMap::new());
    };
    let mut lists: HashMap<String, Vec<Colleague>> = chunk
        .iter()
        .map(|c| (c.recipient.nip.clone(), Vec::new()))
        .collect();
    // `+a.round_id` keeps SQLite (without statistics) off the index that starts with the round,
    // which would read the whole round's assignments for every chunk.
    let mut rows = sqlx::query(
        "SELECT a.rater_nip, a.id, e.name FROM feedback_assignments a \
         JOIN employees e ON e.nip = a.ratee_nip \
         WHERE a.rater_nip >= $1 AND a.rater_nip <= $2 AND +a.round_id = $3 \
         ORDER BY a.rater_nip, e.name, a.id",
    )
    .bind(&first.recipient.nip)
    .bind(&last.recipient.nip)
    .bind(round.0)
    .fetch(db.pool());
    while let Some(row) = rows.try_next().await? {
        let rater: String = row.try_get("rater_nip")?;
        // In the NIP range but not in the chunk: inactive, or handled already.
        let Some(list) = lists.get_mut(&rater) else {
            continue;
        };
        list.push(Colleague {
            assignment: AssignmentId(row.try_get("id")?),
            name: row.try_get("name")?,
        });
    }
    Ok(lists)
}

/// Records `(round, slot, recipient)` and queues the message for each of `messages`, in one
/// transaction. A recipient another writer already recorded is left alone. Returns how many
/// were queued here (also those never linked or unreachable, whose rows are settled at once so
/// HR can see who was not reached).
pub async fn queue(
    db: &Db,
    round: RoundId,
    slot: &str,
    origin: &'static str,
    messages: &[Outgoing],
    now: i64,
) -> Result<usize, StorageError> {
    let origin = Origin {
        kind: origin,
        id: round.0,
    };
    let ledger = Ledger {
        record: "INSERT INTO feedback_reminders (slot, rater_nip, handled_at, round_id) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        slot,
        round: Some(round.0),
    };
    queue_recorded(db, &ledger, origin, messages, now).await
}

/// Rounds whose results have not been announced: the open ones, those still to open, and those
/// just closed. Few at any time, so they are read whole.
pub async fn unfinished_rounds(db: &Db) -> Result<Vec<Round>, StorageError> {
    // A round still being stored (`ready_at` unset) is not there yet for anyone.
    let sql = format!("{ROUND} WHERE results_sent_at IS NULL AND ready_at IS NOT NULL ORDER BY id");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(round).collect()
}

/// Whether `slot` of `round` was finished for everyone.
pub async fn is_finished(db: &Db, round: RoundId, slot: &str) -> Result<bool, StorageError> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT handled_at FROM feedback_reminders \
         WHERE round_id = $1 AND slot = $2 AND rater_nip = $3",
    )
    .bind(round.0)
    .bind(slot)
    .bind(FINISHED)
    .fetch_optional(db.pool())
    .await?;
    Ok(found.is_some())
}

/// Marks `slot` of `round` finished for everyone.
pub async fn finish(db: &Db, round: RoundId, slot: &str, now: i64) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO feedback_reminders (round_id, slot, rater_nip, handled_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
    )
    .bind(round.0)
    .bind(slot)
    .bind(FINISHED)
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Records that every rater of `round` has had their opening message (the first writer's time
/// stands).
pub async fn mark_prompted(db: &Db, round: RoundId, now: i64) -> Result<(), StorageError> {
    sqlx::query(
        "UPDATE feedback_rounds SET prompted_at = $1 WHERE id = $2 AND prompted_at IS NULL",
    )
    .bind(now)
    .bind(round.0)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Records that the results of `round` were announced to everyone concerned.
pub async fn mark_results_sent(db: &Db, round: RoundId, now: i64) -> Result<(), StorageError> {
    sqlx::query(
        "UPDATE feedback_rounds SET results_sent_at = $1 \
         WHERE id = $2 AND results_sent_at IS NULL",
    )
    .bind(now)
    .bind(round.0)
    .execute(db.pool())
    .await?;
    Ok(())
}
