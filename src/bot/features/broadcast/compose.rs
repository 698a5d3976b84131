//! Writing an announcement: the text, the audience (with the shared picker), the count and the
//! message exactly as it will arrive, then confirm.

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use super::{Button, ShownAudience, State};
use crate::bot::SendFailure;
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::conversation::Conversation;
use crate::bot::input::Callback;
use crate::bot::widgets::audience::{self, Draft};
use crate::broadcast;
use crate::domain::Audience;
use crate::domain::authz::{Action, authorize, scope_target};
use crate::domain::formatting::{check_html, escape_html};
use crate::i18n::{Msg, text_with};
use crate::policy::{self, Allowed};
use crate::storage::{self, broadcasts};

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
    ctx.save_conversation(&State::ComposingBroadcast.into())
        .await
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

/// The audience is chosen: shows the count and the message itself, formatted, then asks to
/// confirm.
pub async fn audience_chosen(
    ctx: &Ctx<'_>,
    html: String,
    audience: Audience,
    allowed: &Allowed,
) -> Result<(), HandlerError> {
    let size = storage::audience::size(&ctx.deps.db, &allowed.resolved).await?;
    if size.total == 0 {
        ctx.save_conversation(&Conversation::IDLE).await?;
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
            return ctx
                .save_conversation(&State::ComposingBroadcast.into())
                .await;
        }
        Err(e) => return Err(e.into()),
    }
    let args = [
        ("linked", size.linked.to_string()),
        ("unlinked", (size.total - size.linked).to_string()),
        ("audience", audience::label(ctx, audience).await?),
    ];
    let keyboard = InlineKeyboardMarkup::new(vec![vec![
        InlineKeyboardButton::callback(ctx.text(Msg::BroadcastSendButton), Button::Send.encode()),
        InlineKeyboardButton::callback(
            ctx.text(Msg::BroadcastDiscardButton),
            Button::Discard.encode(),
        ),
    ]]);
    let question = text_with(ctx.lang, Msg::BroadcastConfirm, &args);
    if let Some(id) = ctx.send(question, Some(keyboard)).await? {
        let state = State::ConfirmingBroadcast {
            html,
            audience,
            prompt_message_id: id,
            shown: Some(ShownAudience {
                scope_unit_id: allowed.scope_unit_id,
                recipients: size.total,
            }),
            shown_at: ctx.deps.clock.now().timestamp(),
        };
        ctx.save_conversation(&state.into()).await?;
    }
    Ok(())
}

/// Send or discard, on the prompt this chat is answering (the router checked that); authorized
/// again, since the organisation may have changed meanwhile.
pub async fn decided(
    ctx: &Ctx<'_>,
    cb: &Callback,
    (html, audience, prompt_message_id): (String, Audience, i32),
    (shown, shown_at): (Option<ShownAudience>, i64),
    send: bool,
) -> Result<(), HandlerError> {
    let actor = ctx.actor().await?;
    let allowed =
        match policy::audience(&ctx.deps.db, actor.as_ref(), Action::Broadcast, audience).await? {
            Ok(a) => a,
            Err(d) => return ctx.refuse_callback(cb, d).await,
        };
    ctx.deps
        .telegram
        .answer_callback(&cb.query_id, None)
        .await?;
    ctx.save_conversation(&Conversation::IDLE).await?;
    if send && let Some(why) = outdated(ctx, &allowed, shown, shown_at).await? {
        // A confirm sends what the preview showed or nothing: HR sees the audience as it is now.
        let _ = ctx
            .deps
            .telegram
            .remove_keyboard(ctx.chat_id, prompt_message_id)
            .await;
        ctx.send(why, None).await?;
        return audience_chosen(ctx, html, audience, &allowed).await;
    }
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

/// Why a send no longer matches its preview (the scope or the number of recipients changed, or
/// the preview is too old), if it does not.
async fn outdated(
    ctx: &Ctx<'_>,
    allowed: &Allowed,
    shown: Option<ShownAudience>,
    shown_at: i64,
) -> Result<Option<String>, HandlerError> {
    let size = storage::audience::size(&ctx.deps.db, &allowed.resolved).await?;
    let now = ShownAudience {
        scope_unit_id: allowed.scope_unit_id,
        recipients: size.total,
    };
    Ok(ctx.stale_preview(shown_at, shown == Some(now)))
}
