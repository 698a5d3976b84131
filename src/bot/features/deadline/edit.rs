//! Changing a deadline from `/deadline` (HR): move it, rename it, or cancel it. Every button
//! and every answer is checked again against the presser's scope and the deadline's state.

use super::create::{ask_due, clean_title, due_text, read_due, title_invalid};
use super::{DeadlineField, State};
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::conversation::Conversation;
use crate::bot::input::Callback;
use crate::domain::authz::{Action, Denied};
use crate::i18n::{Msg, text_with};
use crate::policy;
use crate::storage::deadlines;

/// Whether the presser's HR scope holds the deadline's scope.
pub(super) async fn may_manage(
    ctx: &Ctx<'_>,
    d: &deadlines::Deadline,
) -> Result<Result<(), Denied>, HandlerError> {
    let actor = ctx.actor().await?;
    let db = &ctx.deps.db;
    Ok(
        policy::on_stored_scope(db, actor.as_ref(), Action::ManageDeadlines, d.scope_unit_id)
            .await?,
    )
}

/// A deadline the presser may change: it exists, is upcoming, and lies within their scope.
async fn managed(
    ctx: &Ctx<'_>,
    cb: &Callback,
    id: i64,
) -> Result<Option<deadlines::Deadline>, HandlerError> {
    let Some(d) = deadlines::get(&ctx.deps.db, id).await? else {
        ctx.refuse_callback(cb, Denied::NotAllowed).await?;
        return Ok(None);
    };
    if let Err(denied) = may_manage(ctx, &d).await? {
        ctx.refuse_callback(cb, denied).await?;
        return Ok(None);
    }
    if d.cancelled || d.due_at <= ctx.deps.clock.now().timestamp() {
        let answer = ctx.text(Msg::DeadlineGone);
        ctx.deps
            .telegram
            .answer_callback(&cb.query_id, Some(answer))
            .await?;
        return Ok(None);
    }
    Ok(Some(d))
}

pub async fn edit(
    ctx: &Ctx<'_>,
    cb: &Callback,
    id: i64,
    field: DeadlineField,
) -> Result<(), HandlerError> {
    if managed(ctx, cb, id).await?.is_none() {
        return Ok(());
    }
    ctx.deps
        .telegram
        .answer_callback(&cb.query_id, None)
        .await?;
    match field {
        DeadlineField::Due => ask_due(ctx).await?,
        DeadlineField::Title => {
            ctx.reply(Msg::DeadlineAskTitle).await?;
        }
    }
    ctx.save_conversation(&State::EditingDeadline { id, field }.into())
        .await
}

/// The new date or title; scope and state checked again before writing.
pub async fn edit_received(
    ctx: &Ctx<'_>,
    id: i64,
    field: DeadlineField,
    text: &str,
) -> Result<(), HandlerError> {
    let db = &ctx.deps.db;
    let now = ctx.deps.clock.now().timestamp();
    let gone = match deadlines::get(db, id).await? {
        Some(d) => d.cancelled || d.due_at <= now || may_manage(ctx, &d).await?.is_err(),
        None => true,
    };
    if gone {
        ctx.save_conversation(&Conversation::IDLE).await?;
        ctx.reply(Msg::DeadlineGone).await?;
        return Ok(());
    }
    match field {
        DeadlineField::Due => {
            let Some(due_at) = read_due(ctx, text).await? else {
                return Ok(());
            };
            deadlines::set_due(db, id, due_at, now).await?;
        }
        DeadlineField::Title => {
            let Some(title) = clean_title(text) else {
                return title_invalid(ctx).await;
            };
            deadlines::set_title(db, id, &title, now).await?;
        }
    }
    ctx.save_conversation(&Conversation::IDLE).await?;
    let Some(d) = deadlines::get(db, id).await? else {
        return Ok(());
    };
    tracing::info!(deadline = id, "deadline changed");
    let msg = text_with(
        ctx.lang,
        Msg::DeadlineUpdated,
        &[("title", d.title), ("due", due_text(ctx, d.due_at))],
    );
    ctx.send(msg, None).await?;
    Ok(())
}

pub async fn cancel(ctx: &Ctx<'_>, cb: &Callback, id: i64) -> Result<(), HandlerError> {
    let Some(d) = managed(ctx, cb, id).await? else {
        return Ok(());
    };
    ctx.deps
        .telegram
        .answer_callback(&cb.query_id, None)
        .await?;
    deadlines::cancel(&ctx.deps.db, id, ctx.deps.clock.now().timestamp()).await?;
    tracing::info!(deadline = id, "deadline cancelled");
    if let Some(mid) = cb.message_id {
        let _ = ctx.deps.telegram.remove_keyboard(ctx.chat_id, mid).await;
    }
    let msg = text_with(
        ctx.lang,
        Msg::DeadlineCancelledNotice,
        &[("title", d.title)],
    );
    ctx.send(msg, None).await?;
    Ok(())
}
