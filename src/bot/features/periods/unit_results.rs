//! A unit's own result for a period, recorded by HR within their scope: it becomes the unit
//! head's hasil kerja when their supervisor rates them.

use teloxide::types::InlineKeyboardMarkup;

use super::Button;
use super::manage::{button, reach};
use crate::bot::CallbackData;
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;
use crate::bot::widgets::{predikat_names as names, unit_pages};
use crate::domain::authz::{Denied, Scope};
use crate::domain::berakhlak::Rating;
use crate::domain::org::{UnitId, UnitPath};
use crate::domain::period::{Period, PeriodState};
use crate::i18n::{Msg, text, text_with};
use crate::scheduler::feedback::period_name;
use crate::storage::org;
use crate::storage::periods::{self, NotWritten};

pub async fn units(
    ctx: &Ctx<'_>,
    cb: &Callback,
    p: Period,
    page: usize,
) -> Result<(), HandlerError> {
    let Some((actor, row)) = reach(ctx, Some(cb), p).await? else {
        return Ok(());
    };
    if row.state == PeriodState::Locked {
        return ctx.answer_cb_with(cb, Msg::PeriodsAlreadyLocked).await;
    }
    ctx.answer_cb(cb).await?;
    let scope = Scope::of(&actor);
    let all: Vec<(UnitPath, UnitId)> = org::units(&ctx.deps.db)
        .await?
        .into_iter()
        .filter(|(path, _)| scope.contains(path))
        .collect();
    let (rows, page, pages) = unit_pages::page(
        ctx,
        all,
        page,
        |u| CallbackData::from(Button::Unit(p, u)),
        |n| CallbackData::from(Button::Units(p, n)),
    );
    let args = [
        ("period", period_name(ctx.lang, p)),
        ("page", (page + 1).to_string()),
        ("pages", pages.to_string()),
    ];
    ctx.send(
        text_with(ctx.lang, Msg::PeriodsUnitsAsk, &args),
        Some(InlineKeyboardMarkup::new(rows)),
    )
    .await?;
    Ok(())
}

/// The unit's path when it lies in the presser's scope; `None` once the press was answered.
async fn unit_in_scope(
    ctx: &Ctx<'_>,
    cb: &Callback,
    p: Period,
    unit: UnitId,
) -> Result<Option<(crate::domain::authz::Actor, UnitPath)>, HandlerError> {
    let Some((actor, _)) = reach(ctx, Some(cb), p).await? else {
        return Ok(None);
    };
    match org::unit_by_id(&ctx.deps.db, unit).await? {
        Some(path) if Scope::of(&actor).contains(&path) => Ok(Some((actor, path))),
        _ => {
            ctx.refuse_callback(cb, Denied::NotAllowed).await?;
            Ok(None)
        }
    }
}

pub async fn unit(ctx: &Ctx<'_>, cb: &Callback, p: Period, u: UnitId) -> Result<(), HandlerError> {
    let Some((_, path)) = unit_in_scope(ctx, cb, p, u).await? else {
        return Ok(());
    };
    ctx.answer_cb(cb).await?;
    let lang = ctx.lang;
    let current = periods::unit_result(&ctx.deps.db, p, u)
        .await?
        .map(|r| names::rating(lang, r))
        .unwrap_or_else(|| text(lang, Msg::PeriodsUnitNone));
    let args = [
        ("unit", path.key()),
        ("period", period_name(lang, p)),
        ("current", current),
    ];
    let rows = Rating::ALL
        .iter()
        .rev()
        .map(|r| {
            vec![button(
                names::rating(lang, *r),
                Button::UnitResult(p, u, *r),
            )]
        })
        .collect::<Vec<_>>();
    ctx.send(
        text_with(lang, Msg::PeriodsUnitAsk, &args),
        Some(InlineKeyboardMarkup::new(rows)),
    )
    .await?;
    Ok(())
}

pub async fn record(
    ctx: &Ctx<'_>,
    cb: &Callback,
    p: Period,
    u: UnitId,
    r: Rating,
) -> Result<(), HandlerError> {
    let Some((actor, path)) = unit_in_scope(ctx, cb, p, u).await? else {
        return Ok(());
    };
    let now = ctx.deps.clock.now().timestamp();
    match periods::set_unit_result(&ctx.deps.db, p, u, r, actor.nip.as_str(), now).await? {
        Ok(moved) => {
            ctx.answer_cb(cb).await?;
            let args = [
                ("unit", path.key()),
                ("period", period_name(ctx.lang, p)),
                ("rating", names::rating(ctx.lang, r)),
            ];
            let mut body = text_with(ctx.lang, Msg::PeriodsUnitRecorded, &args);
            if moved > 0 {
                body.push_str("\n\n");
                body.push_str(&text_with(
                    ctx.lang,
                    Msg::PeriodsUnitHeadsFollowed,
                    &[("count", moved.to_string())],
                ));
            }
            ctx.send(body, None).await?;
            Ok(())
        }
        Err(NotWritten::Locked) => ctx.answer_cb_with(cb, Msg::PeriodsAlreadyLocked).await,
        Err(NotWritten::Missing) => ctx.answer_cb_with(cb, Msg::PeriodsGone).await,
    }
}
