//! A broadcast under way: HR stops it from its progress message, and gets the list of who was
//! not reached from its report.

use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;
use crate::broadcast;
use crate::domain::authz::{Action, Denied};
use crate::export::Format;
use crate::i18n::{Msg, text_with};
use crate::policy;
use crate::storage::broadcasts;

/// Loads a broadcast the presser may act on: HR whose scope holds the broadcast's scope.
async fn owned(
    ctx: &Ctx<'_>,
    cb: &Callback,
    id: i64,
) -> Result<Option<broadcasts::Broadcast>, HandlerError> {
    let Some(b) = broadcasts::get(&ctx.deps.db, id).await? else {
        ctx.refuse_callback(cb, Denied::NotAllowed).await?;
        return Ok(None);
    };
    let actor = ctx.actor().await?;
    let allowed = policy::on_stored_scope(
        &ctx.deps.db,
        actor.as_ref(),
        Action::Broadcast,
        b.scope_unit_id,
    );
    if let Err(d) = allowed.await? {
        ctx.refuse_callback(cb, d).await?;
        return Ok(None);
    }
    Ok(Some(b))
}

pub async fn stop(ctx: &Ctx<'_>, cb: &Callback, id: i64) -> Result<(), HandlerError> {
    let Some(b) = owned(ctx, cb, id).await? else {
        return Ok(());
    };
    // Already over, or it ended between the read and the stop.
    let stopped =
        b.state == broadcasts::BroadcastState::Sending && broadcast::stop(ctx.deps, &b).await?;
    if !stopped {
        let answer = ctx.text(Msg::BroadcastAlreadyFinished);
        ctx.deps
            .telegram
            .answer_callback(&cb.query_id, Some(answer))
            .await?;
        return Ok(());
    }
    ctx.deps
        .telegram
        .answer_callback(&cb.query_id, None)
        .await?;
    tracing::info!(broadcast = id, "broadcast stopped by HR");
    Ok(())
}

pub async fn unreached(
    ctx: &Ctx<'_>,
    cb: &Callback,
    id: i64,
    format: Format,
) -> Result<(), HandlerError> {
    if owned(ctx, cb, id).await?.is_none() {
        return Ok(());
    }
    ctx.deps
        .telegram
        .answer_callback(&cb.query_id, None)
        .await?;
    let (bytes, count) = broadcast::unreached_file(&ctx.deps.db, id, ctx.lang, format).await?;
    if count == 0 {
        ctx.reply(Msg::BroadcastUnreachedNone).await?;
        return Ok(());
    }
    let ext = format.extension();
    let caption = text_with(
        ctx.lang,
        Msg::BroadcastUnreachedCaption,
        &[("count", count.to_string())],
    );
    ctx.deps
        .telegram
        .send_document(
            ctx.chat_id,
            format!("tidak-terjangkau-{id}.{ext}"),
            bytes,
            caption,
        )
        .await?;
    Ok(())
}
