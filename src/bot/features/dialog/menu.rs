//! `/dialog`'s menu, by who asks: a supervisor records and sees each subordinate's history, an
//! employee asks their supervisor for a dialog and sees their own, HR sees compliance.

use teloxide::types::InlineKeyboardMarkup;

use super::Button;
use super::view::button;
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;
use crate::domain::authz::Denied;
use crate::domain::calendar::local_date;
use crate::domain::org::Role;
use crate::i18n::{Msg, text_with};
use crate::storage::dialogs::{self, Notice};
use crate::storage::outbox::Payload;

/// Subordinates listed with a history button; more are reached through HR's views.
const MAX_TEAM_BUTTONS: usize = 30;
/// An open request is not sent again within this time.
const REQUEST_AGAIN_AFTER_SECS: i64 = 7 * 24 * 3600;

pub async fn show(ctx: &Ctx<'_>) -> Result<(), HandlerError> {
    let Some(actor) = ctx.actor().await? else {
        return ctx.refuse(Denied::NotLinked).await;
    };
    let db = &ctx.deps.db;
    let Some(me) = dialogs::person_by_nip(db, actor.nip.as_str()).await? else {
        return ctx.refuse(Denied::NotLinked).await;
    };
    let today = local_date(ctx.deps.clock.now(), ctx.deps.settings.file.time_zone.tz());
    let team = dialogs::subordinates(db, &me.nip, today, today).await?;
    let mut rows = Vec::new();
    if !team.is_empty() {
        rows.push(vec![button(ctx.text(Msg::DialogMenuRecord), Button::Start)]);
        for (p, _) in team.iter().take(MAX_TEAM_BUTTONS) {
            let label = text_with(
                ctx.lang,
                Msg::DialogMenuHistoryOf,
                &[("name", p.name.clone())],
            );
            rows.push(vec![button(label, Button::History(p.r#ref))]);
        }
    }
    rows.push(vec![button(ctx.text(Msg::DialogMenuMine), Button::Mine)]);
    if me.supervisor_nip.is_some() {
        rows.push(vec![button(
            ctx.text(Msg::DialogMenuRequest),
            Button::Request,
        )]);
    }
    if matches!(actor.role, Role::HrOrg | Role::HrUnit | Role::Admin) {
        rows.push(vec![button(
            ctx.text(Msg::DialogMenuCompliance),
            Button::Compliance,
        )]);
        rows.push(vec![button(
            ctx.text(Msg::DialogMenuFindHistory),
            Button::FindHistory,
        )]);
    }
    ctx.send(
        ctx.text(Msg::DialogMenu),
        Some(InlineKeyboardMarkup::new(rows)),
    )
    .await?;
    Ok(())
}

/// The employee asks their supervisor for a dialog; the supervisor gets a button to record it.
pub async fn request(ctx: &Ctx<'_>, cb: &Callback) -> Result<(), HandlerError> {
    let Some(actor) = ctx.actor().await? else {
        return ctx.refuse_callback(cb, Denied::NotLinked).await;
    };
    let db = &ctx.deps.db;
    let Some(me) = dialogs::person_by_nip(db, actor.nip.as_str()).await? else {
        return ctx.refuse_callback(cb, Denied::NotLinked).await;
    };
    let supervisor = match me.supervisor_nip.as_deref() {
        Some(nip) => dialogs::person_by_nip(db, nip).await?.filter(|s| s.active),
        None => None,
    };
    ctx.answer_cb(cb).await?;
    let Some(supervisor) = supervisor else {
        ctx.reply(Msg::DialogRequestNoSupervisor).await?;
        return Ok(());
    };
    let lang = supervisor.language;
    let text = text_with(lang, Msg::DialogRequestNotice, &[("name", me.name.clone())]);
    let label = text_with(
        lang,
        Msg::DialogRecordWithButton,
        &[("name", me.name.clone())],
    );
    let keyboard = InlineKeyboardMarkup::new(vec![vec![button(label, Button::Record(me.r#ref))]]);
    let notice = Notice {
        to: supervisor.clone(),
        payload: Payload {
            text,
            html: false,
            keyboard: serde_json::to_string(&keyboard).ok(),
        },
    };
    let now = ctx.deps.clock.now().timestamp();
    let since = now - REQUEST_AGAIN_AFTER_SECS;
    match dialogs::request(db, &me.nip, &supervisor.nip, since, notice, now).await? {
        Ok(()) => {
            ctx.deps.outbox.wake();
            let msg = text_with(
                ctx.lang,
                Msg::DialogRequestSent,
                &[("name", supervisor.name)],
            );
            ctx.send(msg, None).await?;
        }
        Err(_) => {
            ctx.reply(Msg::DialogRequestAlready).await?;
        }
    }
    Ok(())
}
