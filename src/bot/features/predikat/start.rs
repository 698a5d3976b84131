//! `/predikat`: a supervisor's way into a period's rating. Straight to the team list when one
//! period is open; a picker when several are; when none is, the latest periods and their
//! state, so the supervisor knows it is HR's move.

use teloxide::types::InlineKeyboardMarkup;

use super::access::{self, Standing, period_name};
use super::team::{self, Place};
use super::{Button, button};
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;
use crate::domain::Lang;
use crate::domain::authz::Denied;
use crate::domain::period::{Period, PeriodState};
use crate::i18n::{Msg, text_with};
use crate::storage::feedback_results;

/// Periods offered in the picker or listed when none is open, latest first.
const SHOWN: usize = 12;

pub async fn command(ctx: &Ctx<'_>) -> Result<(), HandlerError> {
    let Some(actor) = ctx.actor().await? else {
        return ctx.refuse(Denied::NotLinked).await;
    };
    let team = feedback_results::subordinates(&ctx.deps.db, actor.nip.as_str()).await?;
    if team.is_empty() {
        ctx.reply(Msg::PredikatNoSubordinates).await?;
        return Ok(());
    }
    let all = access::all(ctx).await?;
    let open: Vec<&Standing> = all
        .iter()
        .filter(|s| s.state == PeriodState::Open)
        .collect();
    match open.as_slice() {
        [only] => team::show(ctx, &actor, &only.row, 0, None, Place::New).await,
        [] if all.is_empty() => {
            ctx.reply(Msg::PredikatNoPeriods).await?;
            Ok(())
        }
        [] => {
            let mut body = ctx.text(Msg::PredikatNoneOpen);
            for s in all.iter().take(SHOWN) {
                body.push('\n');
                body.push_str(&line(ctx.lang, Msg::PredikatPeriodLine, s));
            }
            ctx.send(body, None).await?;
            Ok(())
        }
        _ => {
            let rows = all
                .iter()
                .take(SHOWN)
                .map(|s| {
                    let label = line(ctx.lang, Msg::PredikatPeriodButton, s);
                    vec![button(label, Button::Period(s.row.period))]
                })
                .collect::<Vec<_>>();
            let keyboard = Some(InlineKeyboardMarkup::new(rows));
            ctx.send(ctx.text(Msg::PredikatPickPeriod), keyboard)
                .await?;
            Ok(())
        }
    }
}

fn line(lang: Lang, msg: Msg, s: &Standing) -> String {
    let state = text_with(
        lang,
        Msg::PredikatState,
        &[("state", s.state.code().to_owned())],
    );
    let args = [
        ("period", period_name(lang, s.row.period)),
        ("state", state),
    ];
    text_with(lang, msg, &args)
}

/// A period from the picker (or a team list's page): its list, if it takes ratings now.
pub async fn period(
    ctx: &Ctx<'_>,
    cb: &Callback,
    period: Period,
    page: Option<usize>,
) -> Result<(), HandlerError> {
    let Some(actor) = ctx.actor().await? else {
        return ctx.refuse_callback(cb, Denied::NotLinked).await;
    };
    let Some(standing) = open_period(ctx, cb, period).await? else {
        return Ok(());
    };
    let place = match (page, cb.message_id) {
        (Some(_), Some(id)) => Place::Edit(id),
        _ => Place::New,
    };
    let page = page.unwrap_or(0);
    team::show(ctx, &actor, &standing.row, page, None, place).await
}

/// The period if it takes ratings now; otherwise the press is answered with why.
async fn open_period(
    ctx: &Ctx<'_>,
    cb: &Callback,
    period: Period,
) -> Result<Option<Standing>, HandlerError> {
    let Some(standing) = access::one(ctx, period).await? else {
        ctx.answer_cb_with(cb, Msg::PredikatPeriodUnknown).await?;
        return Ok(None);
    };
    ctx.answer_cb(cb).await?;
    if let Some(why) = access::refusal(ctx.lang, period, standing.state) {
        ctx.send(why, None).await?;
        return Ok(None);
    }
    Ok(Some(standing))
}
