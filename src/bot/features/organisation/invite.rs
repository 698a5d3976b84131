//! `/invite` for HR: pick a unit, get a file of one-time links for its unlinked employees.

use teloxide::types::InlineKeyboardMarkup;

use super::Button;
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;
use crate::domain::authz::{Action, Denied, Target, authorize};
use crate::domain::org::UnitId;
use crate::export::{self, Format};
use crate::i18n::{Msg, text_with};
use crate::invite_sheet;
use crate::storage;

pub async fn ask(ctx: &Ctx<'_>) -> Result<(), HandlerError> {
    let Some((text, keyboard)) = units_page(ctx, 0).await? else {
        let actor = ctx.actor().await?;
        let denied = if actor.is_some() {
            Denied::NotAllowed
        } else {
            Denied::NotLinked
        };
        return ctx.refuse(denied).await;
    };
    ctx.send(text, Some(keyboard)).await?;
    Ok(())
}

/// Another page of the unit buttons, edited in place.
pub async fn page(ctx: &Ctx<'_>, cb: &Callback, page: usize) -> Result<(), HandlerError> {
    let Some((text, keyboard)) = units_page(ctx, page).await? else {
        return ctx.refuse_callback(cb, Denied::NotAllowed).await;
    };
    ctx.deps
        .telegram
        .answer_callback(&cb.query_id, None)
        .await?;
    if let Some(id) = cb.message_id {
        ctx.deps
            .telegram
            .edit_text(ctx.chat_id, id, text, Some(keyboard))
            .await?;
    }
    Ok(())
}

/// The units the presser may invite for, one page of them; `None` if there are none.
async fn units_page(
    ctx: &Ctx<'_>,
    page: usize,
) -> Result<Option<(String, InlineKeyboardMarkup)>, HandlerError> {
    let actor = ctx.actor().await?;
    let own = actor
        .as_ref()
        .map(|a| Target::Unit(a.unit.clone()))
        .unwrap_or(Target::Nothing);
    if authorize(actor.as_ref(), Action::InviteUnit, &own).is_err() {
        return Ok(None);
    }
    let units: Vec<_> = storage::org::units(&ctx.deps.db)
        .await?
        .into_iter()
        .filter(|(u, _)| {
            authorize(actor.as_ref(), Action::InviteUnit, &Target::Unit(u.clone())).is_ok()
        })
        .collect();
    if units.is_empty() {
        return Ok(None);
    }
    let (rows, page, pages) = crate::bot::widgets::unit_pages::page(
        ctx,
        units,
        page,
        |id| Button::InviteUnit(id).into(),
        |p| Button::InvitePage(p).into(),
    );
    let mut text = ctx.text(Msg::InviteChooseUnit);
    if pages > 1 {
        let args = [
            ("page", (page + 1).to_string()),
            ("pages", pages.to_string()),
        ];
        text = format!("{text} {}", text_with(ctx.lang, Msg::PageOf, &args));
    }
    Ok(Some((text, InlineKeyboardMarkup::new(rows))))
}

/// The unit id comes from the button: it is looked up and authorized for this presser again.
pub async fn chosen(ctx: &Ctx<'_>, cb: &Callback, unit_id: UnitId) -> Result<(), HandlerError> {
    let db = &ctx.deps.db;
    let actor = ctx.actor().await?;
    // An id that names no unit is as forged as one outside the presser's scope.
    let Some(unit) = storage::org::unit_by_id(db, unit_id).await? else {
        return ctx.refuse_callback(cb, Denied::NotAllowed).await;
    };
    let target = Target::Unit(unit.clone());
    if let Err(d) = authorize(actor.as_ref(), Action::InviteUnit, &target) {
        return ctx.refuse_callback(cb, d).await;
    }
    ctx.deps
        .telegram
        .answer_callback(&cb.query_id, None)
        .await?;
    // A second tap would replace the links just sent; the buttons go once one is used.
    if let Some(id) = cb.message_id {
        let _ = ctx.deps.telegram.remove_keyboard(ctx.chat_id, id).await;
    }
    let (targets, left_out): (Vec<_>, Vec<_>) = storage::invites::unlinked(db, Some(&unit.key()))
        .await?
        .into_iter()
        .partition(|u| {
            let invitee = Target::Invitee {
                unit: u.unit.clone(),
                role: u.role,
            };
            authorize(actor.as_ref(), Action::InviteEmployee, &invitee).is_ok()
        });
    let targets: Vec<_> = targets.into_iter().map(|u| u.nip).collect();
    if !left_out.is_empty() {
        let count = [("count", left_out.len().to_string())];
        ctx.send(text_with(ctx.lang, Msg::InviteRolesLeftOut, &count), None)
            .await?;
    }
    if targets.is_empty() {
        let msg = text_with(ctx.lang, Msg::InviteNone, &[("unit", unit.key())]);
        ctx.send(msg, None).await?;
        return Ok(());
    }
    let now = ctx.deps.clock.now();
    let settings = &ctx.deps.settings.file;
    // Only this HR person's own unused links are replaced; a colleague's stay valid.
    let issuer = storage::invites::Issuer {
        nip: actor.as_ref().map(|a| &a.nip),
        revoke_others: false,
    };
    let rows =
        invite_sheet::issue(db, settings, &targets, issuer, now, &ctx.deps.bot_username).await?;
    let (bytes, rows) = export::table_off_runtime(Format::Xlsx, &invite_sheet::HEADER, rows)
        .await
        .map_err(HandlerError::Export)?;
    let caption = text_with(
        ctx.lang,
        Msg::InviteSent,
        &[("count", rows.len().to_string()), ("unit", unit.key())],
    );
    ctx.deps
        .telegram
        .send_document(
            ctx.chat_id,
            format!("undangan-{unit_id}.xlsx"),
            bytes,
            caption,
        )
        .await?;
    Ok(())
}
