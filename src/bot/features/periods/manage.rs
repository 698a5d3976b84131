//! `/period`: the list, defining and opening a period, its page, state changes and the
//! organisation's predikat.

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use super::Button;
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;
use crate::bot::widgets::predikat_names as names;
use crate::domain::Lang;
use crate::domain::authz::{Action, Actor, Denied, Scope, authorize, scope_target};
use crate::domain::period::{Period, PeriodState, StateError, period_locked};
use crate::domain::predikat::OrgPredikat;
use crate::i18n::{Msg, text, text_with};
use crate::scheduler::feedback::period_name;
use crate::storage::periods::{self, Defined, NotWritten, PeriodRow, Refused};
use crate::storage::{Db, evaluations};

/// Units named per list of those outside the pattern; the rest are counted.
const UNITS_NAMED: usize = 15;
/// Periods offered as buttons in the list.
const PERIODS_LISTED: usize = 12;

pub fn button(label: String, data: Button) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(label, crate::bot::CallbackData::from(data).encode())
}

/// Any HR: organisation HR everywhere, unit HR within their subtree.
pub(super) async fn hr(ctx: &Ctx<'_>) -> Result<Result<Actor, Denied>, HandlerError> {
    let actor = ctx.actor().await?;
    let target = scope_target(actor.as_ref(), None);
    Ok(authorize(actor.as_ref(), Action::ViewUnitStats, &target)
        .map(|()| actor.expect("authorize refuses a missing actor")))
}

fn is_org_hr(actor: &Actor) -> bool {
    Scope::of(actor).unit().is_none()
}

pub fn state_name(lang: Lang, s: PeriodState) -> String {
    text(
        lang,
        match s {
            PeriodState::Open => Msg::PeriodsStateOpen,
            PeriodState::Closed => Msg::PeriodsStateClosed,
            PeriodState::Locked => Msg::PeriodsStateLocked,
        },
    )
}

/// `/period`, `/period open <period>`, `/period <period>`.
pub async fn command(ctx: &Ctx<'_>, args: &str) -> Result<(), HandlerError> {
    let actor = match hr(ctx).await? {
        Ok(a) => a,
        Err(denied) => return ctx.refuse(denied).await,
    };
    let words: Vec<&str> = args.split_whitespace().collect();
    match words.as_slice() {
        [] => list(ctx).await,
        ["open" | "buka", code] => match Period::parse(code) {
            Some(p) => define(ctx, &actor, p).await,
            None => ctx.reply(Msg::PeriodsBadCode).await.map(|_| ()),
        },
        [code] => match Period::parse(code) {
            Some(p) => page(ctx, None, p).await,
            None => ctx.reply(Msg::PeriodsUsage).await.map(|_| ()),
        },
        _ => ctx.reply(Msg::PeriodsUsage).await.map(|_| ()),
    }
}

async fn list(ctx: &Ctx<'_>) -> Result<(), HandlerError> {
    let all = periods::list(&ctx.deps.db).await?;
    if all.is_empty() {
        ctx.send(ctx.text(Msg::PeriodsNone), None).await?;
        return Ok(());
    }
    let mut body = ctx.text(Msg::PeriodsListTitle);
    for row in &all {
        body.push('\n');
        body.push_str(&line(ctx.lang, row));
    }
    body.push_str("\n\n");
    body.push_str(&ctx.text(Msg::PeriodsUsage));
    let rows = all
        .iter()
        .take(PERIODS_LISTED)
        .map(|r| {
            vec![button(
                period_name(ctx.lang, r.period),
                Button::Page(r.period),
            )]
        })
        .collect::<Vec<_>>();
    ctx.send_long_with(&body, Some(InlineKeyboardMarkup::new(rows)))
        .await
}

fn line(lang: Lang, row: &PeriodRow) -> String {
    text_with(
        lang,
        Msg::PeriodsLine,
        &[
            ("period", period_name(lang, row.period)),
            ("code", row.period.code()),
            ("state", state_name(lang, row.state)),
        ],
    )
}

/// Defines the period (open), or opens again a closed one.
async fn define(ctx: &Ctx<'_>, actor: &Actor, p: Period) -> Result<(), HandlerError> {
    if !is_org_hr(actor) {
        return ctx.refuse(Denied::NotAllowed).await;
    }
    let db = &ctx.deps.db;
    let now = ctx.deps.clock.now().timestamp();
    let args = [("period", period_name(ctx.lang, p))];
    match periods::define(db, p, actor.nip.as_str(), now).await? {
        Defined::Created => {
            ctx.send(text_with(ctx.lang, Msg::PeriodsCreated, &args), None)
                .await?;
        }
        Defined::InsideLocked => {
            ctx.send(text_with(ctx.lang, Msg::PeriodsInsideLocked, &args), None)
                .await?;
            return Ok(());
        }
        Defined::Exists(PeriodState::Closed) => {
            // Another HR may have changed it since the read: say what it is now.
            let msg = match periods::change_state(db, p, PeriodState::Open, actor.nip.as_str(), now)
                .await?
            {
                Ok(_) => text_with(ctx.lang, Msg::PeriodsReopened, &args),
                Err(Refused::State(StateError::Already)) => ctx.text(Msg::PeriodsAlready),
                Err(Refused::State(StateError::Locked)) => ctx.text(Msg::PeriodsAlreadyLocked),
                Err(Refused::Missing) => ctx.text(Msg::PeriodsGone),
            };
            ctx.send(msg, None).await?;
        }
        Defined::Exists(state) => {
            let args = [
                ("period", period_name(ctx.lang, p)),
                ("state", state_name(ctx.lang, state)),
            ];
            ctx.send(text_with(ctx.lang, Msg::PeriodsExists, &args), None)
                .await?;
        }
    }
    page(ctx, None, p).await
}

/// The period as this HR may see it; `None` once the press (or the chat) was answered.
pub(super) async fn reach(
    ctx: &Ctx<'_>,
    cb: Option<&Callback>,
    p: Period,
) -> Result<Option<(Actor, PeriodRow)>, HandlerError> {
    let actor = match hr(ctx).await? {
        Ok(a) => a,
        Err(denied) => {
            match cb {
                Some(cb) => ctx.refuse_callback(cb, denied).await?,
                None => ctx.refuse(denied).await?,
            }
            return Ok(None);
        }
    };
    match periods::get(&ctx.deps.db, p).await? {
        Some(row) => Ok(Some((actor, row))),
        None => {
            let msg = text_with(
                ctx.lang,
                Msg::PeriodsMissing,
                &[("period", period_name(ctx.lang, p))],
            );
            match cb {
                Some(cb) => ctx.answer_cb_text(cb, Some(msg)).await?,
                None => {
                    ctx.send(msg, None).await?;
                }
            }
            Ok(None)
        }
    }
}

pub async fn page(ctx: &Ctx<'_>, cb: Option<&Callback>, p: Period) -> Result<(), HandlerError> {
    let Some((actor, row)) = reach(ctx, cb, p).await? else {
        return Ok(());
    };
    if let Some(cb) = cb {
        ctx.answer_cb(cb).await?;
    }
    // A period within a locked one is frozen with it: shown so, with nothing to press.
    let mut row = row;
    if period_locked(p, &periods::locked(&ctx.deps.db).await?) {
        row.state = PeriodState::Locked;
    }
    let body = summary(ctx, &ctx.deps.db, &actor, &row).await?;
    let keyboard = keyboard(ctx.lang, &actor, &row);
    ctx.send_long_with(&body, Some(keyboard)).await
}

/// State, organisation predikat, how many are rated, and the distribution for the HR's scope
/// against the pattern, naming the units outside it.
async fn summary(
    ctx: &Ctx<'_>,
    db: &Db,
    actor: &Actor,
    row: &PeriodRow,
) -> Result<String, HandlerError> {
    let lang = ctx.lang;
    let scope = Scope::of(actor);
    let p = row.period;
    let (total, units) = evaluations::distribution(db, p, &scope).await?;
    let not_rated = evaluations::not_rated_count(db, p, &scope).await?;
    let org = row
        .org_predikat
        .map(|o| names::org_predikat(lang, o))
        .unwrap_or_else(|| text(lang, Msg::PeriodsOrgNone));
    let mut body = text_with(
        lang,
        Msg::PeriodsDetail,
        &[
            ("period", period_name(lang, p)),
            ("first", p.first_day().format("%d-%m-%Y").to_string()),
            ("last", p.last_day().format("%d-%m-%Y").to_string()),
            ("state", state_name(lang, row.state)),
            ("org", org),
            ("rated", total.total().to_string()),
            (
                "count",
                (total.total() + not_rated.max(0) as u64).to_string(),
            ),
        ],
    );
    if total.total() == 0 {
        return Ok(body);
    }
    body.push_str("\n\n");
    body.push_str(&text(lang, Msg::PeriodsDistributionTitle));
    body.push('\n');
    body.push_str(&names::distribution_lines(lang, &total));
    let Some(org) = row.org_predikat else {
        body.push_str("\n\n");
        body.push_str(&text(lang, Msg::PeriodsOrgNeeded));
        return Ok(body);
    };
    body.push_str("\n\n");
    let breaches = total.breaches(org);
    let args = [("org", names::org_predikat(lang, org))];
    if breaches.is_empty() {
        body.push_str(&text_with(lang, Msg::PeriodsFits, &args));
    } else {
        body.push_str(&text_with(lang, Msg::PeriodsOutside, &args));
        for b in &breaches {
            body.push_str("\n• ");
            body.push_str(&names::breach(lang, &total, b));
        }
    }
    let outside: Vec<String> = units
        .iter()
        .filter(|u| !u.distribution.breaches(org).is_empty())
        .map(|u| u.unit.key())
        .collect();
    if !outside.is_empty() {
        let mut named = outside
            .iter()
            .take(UNITS_NAMED)
            .cloned()
            .collect::<Vec<_>>()
            .join("; ");
        if outside.len() > UNITS_NAMED {
            named.push_str(&text_with(
                lang,
                Msg::PeriodsMoreUnits,
                &[("count", (outside.len() - UNITS_NAMED).to_string())],
            ));
        }
        body.push_str("\n\n");
        body.push_str(&text_with(
            lang,
            Msg::PeriodsUnitsOutside,
            &[("count", outside.len().to_string()), ("units", named)],
        ));
    }
    body.push_str("\n\n");
    body.push_str(&text(lang, Msg::PeriodsConsideration));
    Ok(body)
}

/// The page's buttons: state changes and records while the period is not locked, and the
/// period's export files always.
fn keyboard(lang: Lang, actor: &Actor, row: &PeriodRow) -> InlineKeyboardMarkup {
    let p = row.period;
    let mut rows = Vec::new();
    if row.state != PeriodState::Locked {
        if is_org_hr(actor) {
            let toggle = match row.state {
                PeriodState::Open => button(text(lang, Msg::PeriodsCloseButton), Button::Close(p)),
                _ => button(text(lang, Msg::PeriodsReopenButton), Button::Reopen(p)),
            };
            rows.push(vec![
                toggle,
                button(text(lang, Msg::PeriodsLockButton), Button::Lock(p)),
            ]);
            rows.push(vec![button(
                text(lang, Msg::PeriodsOrgButton),
                Button::OrgAsk(p),
            )]);
        }
        rows.push(vec![button(
            text(lang, Msg::PeriodsUnitResultsButton),
            Button::Units(p, 0),
        )]);
    }
    // The files HR hands on to e-Kinerja, above all once the period is locked.
    rows.extend(crate::bot::features::period_export::keyboard_rows(lang, p));
    InlineKeyboardMarkup::new(rows)
}

/// Organisation HR only, and the period as stored; `None` once the press was answered.
async fn org_hr(
    ctx: &Ctx<'_>,
    cb: &Callback,
    p: Period,
) -> Result<Option<(Actor, PeriodRow)>, HandlerError> {
    let Some((actor, row)) = reach(ctx, Some(cb), p).await? else {
        return Ok(None);
    };
    if !is_org_hr(&actor) {
        ctx.refuse_callback(cb, Denied::NotAllowed).await?;
        return Ok(None);
    }
    Ok(Some((actor, row)))
}

pub async fn lock_asked(ctx: &Ctx<'_>, cb: &Callback, p: Period) -> Result<(), HandlerError> {
    let Some((_, row)) = org_hr(ctx, cb, p).await? else {
        return Ok(());
    };
    if row.state == PeriodState::Locked {
        return ctx.answer_cb_with(cb, Msg::PeriodsAlreadyLocked).await;
    }
    ctx.answer_cb(cb).await?;
    let args = [("period", period_name(ctx.lang, p))];
    let keyboard = InlineKeyboardMarkup::new(vec![vec![button(
        ctx.text(Msg::PeriodsLockConfirmButton),
        Button::LockConfirmed(p),
    )]]);
    ctx.send(
        text_with(ctx.lang, Msg::PeriodsLockAsk, &args),
        Some(keyboard),
    )
    .await?;
    Ok(())
}

pub async fn change(
    ctx: &Ctx<'_>,
    cb: &Callback,
    p: Period,
    to: PeriodState,
) -> Result<(), HandlerError> {
    let Some((actor, _)) = org_hr(ctx, cb, p).await? else {
        return Ok(());
    };
    let now = ctx.deps.clock.now().timestamp();
    let outcome = periods::change_state(&ctx.deps.db, p, to, actor.nip.as_str(), now).await?;
    let msg = match outcome {
        Ok(PeriodState::Open) => Msg::PeriodsReopenedDone,
        Ok(PeriodState::Closed) => Msg::PeriodsClosedDone,
        Ok(PeriodState::Locked) => Msg::PeriodsLockedDone,
        Err(Refused::State(StateError::Locked)) => Msg::PeriodsAlreadyLocked,
        Err(Refused::State(StateError::Already)) => Msg::PeriodsAlready,
        Err(Refused::Missing) => Msg::PeriodsGone,
    };
    ctx.answer_cb_with(cb, msg).await?;
    if outcome.is_ok() {
        page(ctx, None, p).await?;
    }
    Ok(())
}

pub async fn org_asked(ctx: &Ctx<'_>, cb: &Callback, p: Period) -> Result<(), HandlerError> {
    let Some(_) = org_hr(ctx, cb, p).await? else {
        return Ok(());
    };
    ctx.answer_cb(cb).await?;
    let rows = OrgPredikat::ALL
        .iter()
        .map(|o| {
            vec![button(
                names::org_predikat(ctx.lang, *o),
                Button::Org(p, *o),
            )]
        })
        .collect::<Vec<_>>();
    let args = [("period", period_name(ctx.lang, p))];
    ctx.send(
        text_with(ctx.lang, Msg::PeriodsOrgAsk, &args),
        Some(InlineKeyboardMarkup::new(rows)),
    )
    .await?;
    Ok(())
}

pub async fn org_chosen(
    ctx: &Ctx<'_>,
    cb: &Callback,
    p: Period,
    o: OrgPredikat,
) -> Result<(), HandlerError> {
    let Some((actor, _)) = org_hr(ctx, cb, p).await? else {
        return Ok(());
    };
    let now = ctx.deps.clock.now().timestamp();
    match periods::set_org_predikat(&ctx.deps.db, p, o, actor.nip.as_str(), now).await? {
        Ok(()) => {
            ctx.answer_cb_with(cb, Msg::PeriodsOrgRecorded).await?;
            page(ctx, None, p).await
        }
        Err(NotWritten::Locked) => ctx.answer_cb_with(cb, Msg::PeriodsAlreadyLocked).await,
        Err(NotWritten::Missing) => ctx.answer_cb_with(cb, Msg::PeriodsGone).await,
    }
}
