//! `/broadcast` for HR: write the text, choose the audience, see the count and the message
//! exactly as it will arrive, confirm. Then progress shows live on the confirmation message,
//! which can stop the broadcast, and the report offers the list of who was not reached.

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::bot::CallbackData;
use crate::bot::SendFailure;
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::conversation::{Conversation, Draft};
use crate::bot::handlers::{audience, fallback};
use crate::bot::input::Callback;
use crate::bot::router::{load_conversation, save_conversation};
use crate::broadcast;
use crate::domain::Audience;
use crate::domain::authz::{Action, Denied, authorize, scope_target};
use crate::domain::formatting::{check_html, escape_html};
use crate::export::Format;
use crate::i18n::{Msg, text_with};
use crate::storage::{self, audience::Resolved, broadcasts};

pub async fn start(ctx: &Ctx<'_>) -> Result<(), HandlerError> {
    let actor = ctx.actor().await?;
    if let Err(d) = authorize(
        actor.as_ref(),
        Action::Broadcast,
        &scope_target(actor.as_ref(), None),
    ) {
        return ctx.refuse(d).await;
    }
    ctx.reply(Msg::BroadcastAskText).await?;
    save_conversation(ctx, &Conversation::ComposingBroadcast).await
}

/// The announcement's text: checked as Telegram would check it before anyone sees it.
pub async fn text_received(ctx: &Ctx<'_>, html: &str) -> Result<(), HandlerError> {
    // Text with no markup at all ("R&D", "nilai < 3") is meant literally; only a text that tries
    // HTML and gets it wrong is sent back.
    let escaped;
    let html = if check_html(html).is_err() && !looks_like_markup(html) {
        escaped = escape_html(html);
        escaped.as_str()
    } else {
        html
    };
    if let Err(e) = check_html(html) {
        let reason = crate::formatting_errors::render(ctx.lang, &e);
        let msg = text_with(ctx.lang, Msg::BroadcastFormatError, &[("reason", reason)]);
        ctx.send(msg, None).await?;
        return Ok(());
    }
    audience::ask(
        ctx,
        Draft::Broadcast {
            html: html.to_owned(),
        },
    )
    .await
}

/// A tag (`<b`, `</`) or an entity (`&amp;`, `&#`): the author is writing HTML.
fn looks_like_markup(text: &str) -> bool {
    let bytes = text.as_bytes();
    let tag = bytes
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/'));
    let entity = text.split('&').skip(1).any(|rest| {
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
            .collect();
        !name.is_empty() && rest[name.len()..].starts_with(';')
    });
    tag || entity
}

/// Shows the count and the message itself, formatted, then asks to confirm.
pub async fn preview(
    ctx: &Ctx<'_>,
    html: String,
    audience: Audience,
    resolved: &Resolved,
) -> Result<(), HandlerError> {
    let size = storage::audience::size(&ctx.deps.db, resolved).await?;
    if size.total == 0 {
        save_conversation(ctx, &Conversation::Idle).await?;
        ctx.reply(Msg::AudienceEmpty).await?;
        return Ok(());
    }
    ctx.reply(Msg::BroadcastPreviewHeader).await?;
    match ctx.deps.telegram.send_html(ctx.chat_id, html.clone()).await {
        Ok(_) => {}
        Err(SendFailure::Rejected(reason)) => {
            // Telegram's own parser is the last word: what it refuses here, it would refuse for
            // everyone.
            let msg = text_with(ctx.lang, Msg::BroadcastFormatError, &[("reason", reason)]);
            ctx.send(msg, None).await?;
            return save_conversation(ctx, &Conversation::ComposingBroadcast).await;
        }
        Err(e) => return Err(e.into()),
    }
    let args = [
        ("linked", size.linked.to_string()),
        ("unlinked", (size.total - size.linked).to_string()),
        ("audience", audience::label(ctx, audience).await?),
    ];
    let keyboard = InlineKeyboardMarkup::new(vec![vec![
        InlineKeyboardButton::callback(
            ctx.text(Msg::BroadcastSendButton),
            CallbackData::BroadcastSend.encode(),
        ),
        InlineKeyboardButton::callback(
            ctx.text(Msg::BroadcastDiscardButton),
            CallbackData::BroadcastDiscard.encode(),
        ),
    ]]);
    let question = text_with(ctx.lang, Msg::BroadcastConfirm, &args);
    if let Some(id) = ctx.send(question, Some(keyboard)).await? {
        let state = Conversation::ConfirmingBroadcast {
            html,
            audience,
            prompt_message_id: id,
        };
        save_conversation(ctx, &state).await?;
    }
    Ok(())
}

/// Send or discard; authorized again, since the organisation may have changed meanwhile.
pub async fn decided(ctx: &Ctx<'_>, cb: &Callback, send: bool) -> Result<(), HandlerError> {
    let Conversation::ConfirmingBroadcast {
        html,
        audience,
        prompt_message_id,
    } = load_conversation(ctx).await?
    else {
        return fallback::stale_button(ctx, cb).await;
    };
    if cb.message_id != Some(prompt_message_id) {
        return fallback::stale_button(ctx, cb).await;
    }
    let actor = ctx.actor().await?;
    let allowed =
        match audience::authorized(ctx, actor.as_ref(), Action::Broadcast, audience).await? {
            Ok(a) => a,
            Err(d) => return ctx.refuse_callback(cb, d).await,
        };
    ctx.deps
        .telegram
        .answer_callback(&cb.query_id, None)
        .await?;
    save_conversation(ctx, &Conversation::Idle).await?;
    if !send {
        let text = ctx.text(Msg::BroadcastDiscarded);
        let _ = ctx
            .deps
            .telegram
            .edit_text(ctx.chat_id, prompt_message_id, text, None)
            .await;
        return Ok(());
    }
    let nip = actor.as_ref().map(|a| a.nip.as_str().to_owned());
    let new = broadcasts::NewBroadcast {
        created_by: nip.as_deref(),
        audience,
        scope_unit_id: allowed.scope_unit_id,
        resolved: &allowed.resolved,
        html: &html,
        report_chat: Some((ctx.chat_id, Some(prompt_message_id))),
        report_lang: ctx.lang,
    };
    let now = ctx.deps.clock.now().timestamp();
    let (id, _) = broadcasts::create(&ctx.deps.db, &new, now).await?;
    ctx.deps.outbox.wake();
    tracing::info!(broadcast = id, "broadcast queued");
    // Queued: from here on nothing may tell HR it failed, or they would send it again. The
    // progress monitor keeps this message current if this first edit does not land.
    if let Ok(counts) = storage::outbox::counts(&ctx.deps.db, broadcasts::ORIGIN, id).await {
        let progress = broadcast::progress_text(ctx.lang, id, &counts);
        let keyboard = Some(broadcast::stop_keyboard(ctx.lang, id));
        let shown =
            ctx.deps
                .telegram
                .edit_text(ctx.chat_id, prompt_message_id, progress.clone(), keyboard);
        if shown.await.is_ok() {
            let _ = broadcasts::note_progress(&ctx.deps.db, id, &progress).await;
        }
    }
    Ok(())
}

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
    if let Err(d) = audience::may_act_on_scope(ctx, Action::Broadcast, b.scope_unit_id).await? {
        ctx.refuse_callback(cb, d).await?;
        return Ok(None);
    }
    Ok(Some(b))
}

pub async fn stop(ctx: &Ctx<'_>, cb: &Callback, id: i64) -> Result<(), HandlerError> {
    let Some(b) = owned(ctx, cb, id).await? else {
        return Ok(());
    };
    if b.state != "sending" {
        let answer = ctx.text(Msg::BroadcastAlreadyFinished);
        ctx.deps
            .telegram
            .answer_callback(&cb.query_id, Some(answer))
            .await?;
        return Ok(());
    }
    if !broadcast::stop(ctx.deps, &b).await? {
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
