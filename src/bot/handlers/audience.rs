//! Choosing who an announcement or a deadline is for, shared by `/broadcast` and `/deadline`:
//! everyone in the HR person's scope, one unit of it, supervisors or HR. Every choice is checked
//! against the presser's scope on arrival.

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::bot::CallbackData;
use crate::bot::callback::AudienceChoice;
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::conversation::{Conversation, Draft};
use crate::bot::handlers::{broadcast, deadline, fallback};
use crate::bot::input::Callback;
use crate::bot::router::{load_conversation, save_conversation};
use crate::domain::authz::{Action, Actor, Denied, Target, authorize, scope_target};
use crate::domain::org::{Role, UnitPath};
use crate::domain::{Audience, Lang};
use crate::i18n::{Msg, text, text_with};
use crate::storage::{self, audience::Resolved};

fn action_for(draft: &Draft) -> Action {
    match draft {
        Draft::Broadcast { .. } => Action::Broadcast,
        Draft::Deadline { .. } => Action::ManageDeadlines,
    }
}

pub async fn ask(ctx: &Ctx<'_>, draft: Draft) -> Result<(), HandlerError> {
    let button = |msg: Msg, choice: AudienceChoice| {
        vec![InlineKeyboardButton::callback(
            ctx.text(msg),
            CallbackData::Audience(choice).encode(),
        )]
    };
    let keyboard = InlineKeyboardMarkup::new(vec![
        button(Msg::AudienceEveryone, AudienceChoice::Everyone),
        button(Msg::AudiencePickUnit, AudienceChoice::PickUnit),
        button(Msg::AudienceSupervisors, AudienceChoice::Supervisors),
        button(Msg::AudienceHr, AudienceChoice::Hr),
    ]);
    if let Some(id) = ctx
        .send(ctx.text(Msg::AudienceChoose), Some(keyboard))
        .await?
    {
        let state = Conversation::ChoosingAudience {
            draft,
            prompt_message_id: id,
        };
        save_conversation(ctx, &state).await?;
    }
    Ok(())
}

/// The draft this button belongs to, if the button is on the prompt this chat is answering.
async fn pending_draft(ctx: &Ctx<'_>, cb: &Callback) -> Result<Option<Draft>, HandlerError> {
    match load_conversation(ctx).await? {
        Conversation::ChoosingAudience {
            draft,
            prompt_message_id,
        } if cb.message_id == Some(prompt_message_id) => Ok(Some(draft)),
        _ => Ok(None),
    }
}

pub async fn chosen(
    ctx: &Ctx<'_>,
    cb: &Callback,
    choice: AudienceChoice,
) -> Result<(), HandlerError> {
    let Some(draft) = pending_draft(ctx, cb).await? else {
        return fallback::stale_button(ctx, cb).await;
    };
    let audience = match choice {
        AudienceChoice::Everyone => Audience::Everyone,
        AudienceChoice::Supervisors => Audience::Supervisors,
        AudienceChoice::Hr => Audience::Hr,
        AudienceChoice::PickUnit => return offer_units(ctx, cb, &draft, 0).await,
    };
    decided(ctx, cb, draft, audience).await
}

pub async fn unit_chosen(ctx: &Ctx<'_>, cb: &Callback, unit_id: i64) -> Result<(), HandlerError> {
    let Some(draft) = pending_draft(ctx, cb).await? else {
        return fallback::stale_button(ctx, cb).await;
    };
    decided(ctx, cb, draft, Audience::Unit(unit_id)).await
}

async fn offer_units(
    ctx: &Ctx<'_>,
    cb: &Callback,
    draft: &Draft,
    page: usize,
) -> Result<(), HandlerError> {
    let actor = ctx.actor().await?;
    let action = action_for(draft);
    let units: Vec<_> = storage::org::units(&ctx.deps.db)
        .await?
        .into_iter()
        .filter(|(u, _)| {
            authorize(
                actor.as_ref(),
                action,
                &scope_target(actor.as_ref(), Some(u.clone())),
            )
            .is_ok()
        })
        .collect();
    if units.is_empty() {
        return ctx.refuse_callback(cb, Denied::NotAllowed).await;
    }
    let (rows, page, pages) = super::unit_pages::page(
        ctx,
        units,
        page,
        CallbackData::AudienceUnit,
        CallbackData::AudienceUnitsPage,
    );
    ctx.deps
        .telegram
        .answer_callback(&cb.query_id, None)
        .await?;
    if let Some(id) = cb.message_id {
        let keyboard = Some(InlineKeyboardMarkup::new(rows));
        let args = [
            ("page", (page + 1).to_string()),
            ("pages", pages.to_string()),
        ];
        let prompt = text_with(ctx.lang, Msg::AudienceChooseUnit, &args);
        ctx.deps
            .telegram
            .edit_text(ctx.chat_id, id, prompt, keyboard)
            .await?;
    }
    Ok(())
}

/// Another page of the unit buttons, on the prompt this chat is answering.
pub async fn units_page(ctx: &Ctx<'_>, cb: &Callback, page: usize) -> Result<(), HandlerError> {
    let Some(draft) = pending_draft(ctx, cb).await? else {
        return fallback::stale_button(ctx, cb).await;
    };
    offer_units(ctx, cb, &draft, page).await
}

async fn decided(
    ctx: &Ctx<'_>,
    cb: &Callback,
    draft: Draft,
    audience: Audience,
) -> Result<(), HandlerError> {
    let actor = ctx.actor().await?;
    let allowed = match authorized(ctx, actor.as_ref(), action_for(&draft), audience).await? {
        Ok(a) => a,
        Err(denied) => return ctx.refuse_callback(cb, denied).await,
    };
    ctx.deps
        .telegram
        .answer_callback(&cb.query_id, None)
        .await?;
    if let Some(id) = cb.message_id {
        let _ = ctx.deps.telegram.remove_keyboard(ctx.chat_id, id).await;
    }
    match draft {
        Draft::Broadcast { html } => {
            broadcast::preview(ctx, html, audience, &allowed.resolved).await
        }
        Draft::Deadline { title, due_at } => {
            deadline::ask_description(ctx, title, due_at, audience).await
        }
    }
}

/// An audience the actor may address, resolved within their scope.
pub struct Allowed {
    pub resolved: Resolved,
    /// The actor's own subtree (HR of a unit), stored with what they create.
    pub scope_unit_id: Option<i64>,
}

/// Checks that `actor` may address `audience` and resolves it within their scope. A unit id that
/// names no unit is refused like one outside the scope: both are forged. Unit HR whose own unit
/// cannot be found is refused rather than given the whole organisation.
pub async fn authorized(
    ctx: &Ctx<'_>,
    actor: Option<&Actor>,
    action: Action,
    audience: Audience,
) -> Result<Result<Allowed, Denied>, HandlerError> {
    let db = &ctx.deps.db;
    let unit = match audience {
        Audience::Unit(id) => match storage::org::unit_by_id(db, id).await? {
            Some(u) => Some(u),
            None => return Ok(Err(Denied::NotAllowed)),
        },
        _ => None,
    };
    if let Err(d) = authorize(actor, action, &scope_target(actor, unit)) {
        return Ok(Err(d));
    }
    let scope_unit_id = match scope_unit(actor) {
        Some(u) => match storage::org::unit_id_of(db, &u).await? {
            Some(id) => Some(id),
            None => return Ok(Err(Denied::NotAllowed)),
        },
        None => None,
    };
    let resolved = storage::audience::resolve(db, audience, scope_unit_id).await?;
    Ok(resolved
        .map(|resolved| Allowed {
            resolved,
            scope_unit_id,
        })
        .ok_or(Denied::NotAllowed))
}

/// Whether the presser may `action` on something created within `scope_unit_id` (a broadcast,
/// a deadline): HR whose scope holds that subtree, or organisation HR for organisation-wide
/// ones. A scope unit that no longer exists is refused.
pub async fn may_act_on_scope(
    ctx: &Ctx<'_>,
    action: Action,
    scope_unit_id: Option<i64>,
) -> Result<Result<(), Denied>, HandlerError> {
    let target = match scope_unit_id {
        Some(id) => match storage::org::unit_by_id(&ctx.deps.db, id).await? {
            Some(u) => Target::Unit(u),
            None => return Ok(Err(Denied::NotAllowed)),
        },
        None => Target::Nothing,
    };
    let actor = ctx.actor().await?;
    Ok(authorize(actor.as_ref(), action, &target))
}

/// The subtree an HR person's audiences are bounded by; `None` for the whole organisation.
pub fn scope_unit(actor: Option<&Actor>) -> Option<UnitPath> {
    actor
        .filter(|a| !matches!(a.role, Role::HrOrg | Role::Admin))
        .map(|a| a.unit.clone())
}

/// How an audience is named to HR: "Semua pegawai", "Biro SDM (dengan sub-unit)"…
pub async fn label(ctx: &Ctx<'_>, audience: Audience) -> Result<String, HandlerError> {
    label_in(&ctx.deps.db, ctx.lang, audience).await
}

pub async fn label_in(
    db: &storage::Db,
    lang: Lang,
    audience: Audience,
) -> Result<String, HandlerError> {
    Ok(match audience {
        Audience::Everyone => text(lang, Msg::AudienceEveryone),
        Audience::Supervisors => text(lang, Msg::AudienceSupervisors),
        Audience::Hr => text(lang, Msg::AudienceHr),
        Audience::Unit(id) => storage::org::unit_by_id(db, id)
            .await?
            .map(|u| u.key())
            .unwrap_or_default(),
    })
}
