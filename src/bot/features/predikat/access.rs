//! Who may rate whom, and whether a period takes ratings, read again on every press: a button
//! names a period and a subordinate, and neither is trusted. The rater must be the employee's
//! current direct supervisor (read from the employees as stored now) and the period open
//! and not inside a locked one; `storage::evaluations::save` checks both again as it writes.

use crate::bot::context::{Ctx, HandlerError};
use crate::domain::Lang;
use crate::domain::authz::Actor;
use crate::domain::period::{Period, PeriodState, period_locked};
use crate::i18n::{Msg, text_with};
use crate::storage::evaluations::{self, Member};
use crate::storage::periods::{self, PeriodRow};

/// A period as it stands for rating: a period inside a locked one is locked whatever its own
/// state says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub row: PeriodRow,
    pub state: PeriodState,
}

/// Every defined period with its standing, latest first.
pub async fn all(ctx: &Ctx<'_>) -> Result<Vec<Standing>, HandlerError> {
    let db = &ctx.deps.db;
    let locked = periods::locked(db).await?;
    Ok(periods::list(db)
        .await?
        .into_iter()
        .map(|row| standing(row, &locked))
        .collect())
}

/// One period's standing; `None` when it is not defined.
pub async fn one(ctx: &Ctx<'_>, period: Period) -> Result<Option<Standing>, HandlerError> {
    let db = &ctx.deps.db;
    let Some(row) = periods::get(db, period).await? else {
        return Ok(None);
    };
    Ok(Some(standing(row, &periods::locked(db).await?)))
}

fn standing(row: PeriodRow, locked: &[Period]) -> Standing {
    let state = if period_locked(row.period, locked) {
        PeriodState::Locked
    } else {
        row.state
    };
    Standing { row, state }
}

/// Why a period takes no rating, in the user's words; `None` when it is open.
pub fn refusal(lang: Lang, period: Period, state: PeriodState) -> Option<String> {
    let msg = match state {
        PeriodState::Open => return None,
        PeriodState::Closed => Msg::PredikatPeriodClosed,
        PeriodState::Locked => Msg::PredikatPeriodLocked,
    };
    Some(text_with(
        lang,
        msg,
        &[("period", period_name(lang, period))],
    ))
}

/// "Triwulan I 2027": one wording of periods for the whole bot.
pub fn period_name(lang: Lang, period: Period) -> String {
    crate::scheduler::feedback::period_name(lang, period)
}

/// The rater's direct subordinates for the period, with their predikat.
pub async fn team(
    ctx: &Ctx<'_>,
    actor: &Actor,
    period: Period,
) -> Result<Vec<Member>, HandlerError> {
    Ok(evaluations::team(&ctx.deps.db, period, actor.nip.as_str()).await?)
}
