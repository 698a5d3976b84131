//! HR sends the employee file in chat: the bot checks it, shows what would change, and saves
//! only after HR confirms. Anyone else's document is refused.

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use super::{Button, State};
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::conversation::Conversation;
use crate::bot::input::Callback;
use crate::domain::authz::{Action, Target, authorize};
use crate::i18n::{Msg, text_with};
use crate::import::{self, ImportError};

pub async fn received(ctx: &Ctx<'_>, file_id: &str) -> Result<(), HandlerError> {
    let actor = ctx.actor().await?;
    if let Err(d) = authorize(actor.as_ref(), Action::ImportOrganisation, &Target::Nothing) {
        return ctx.refuse(d).await;
    }
    let Some(bytes) = fetch(ctx, file_id).await? else {
        return Ok(());
    };
    let now = ctx.deps.clock.now();
    match import::import(&ctx.deps.db, &bytes, true, now, &|_| {}).await {
        Ok(outcome) => {
            ctx.send(import::render_outcome(ctx.lang, &outcome), None)
                .await?;
            let keyboard = InlineKeyboardMarkup::new(vec![vec![
                InlineKeyboardButton::callback(
                    ctx.text(Msg::ImportConfirmButton),
                    Button::ImportConfirm.encode(),
                ),
                InlineKeyboardButton::callback(
                    ctx.text(Msg::ImportCancelButton),
                    Button::ImportCancel.encode(),
                ),
            ]]);
            let prompt = ctx
                .send(ctx.text(Msg::ImportConfirmQuestion), Some(keyboard))
                .await?;
            if let Some(id) = prompt {
                let state = State::ConfirmingImport {
                    file_id: file_id.to_owned(),
                    prompt_message_id: id,
                };
                ctx.save_conversation(&state.into()).await?;
            }
        }
        Err(ImportError::Storage(e)) => return Err(e.into()),
        Err(e) => ctx.send_long(&import::render_error(ctx.lang, &e)).await?,
    }
    Ok(())
}

/// Confirm or cancel, on the prompt this chat is answering (the router checked that);
/// authorized again, since roles may have changed since the preview.
pub async fn decided(
    ctx: &Ctx<'_>,
    cb: &Callback,
    file_id: String,
    prompt_message_id: i32,
    confirm: bool,
) -> Result<(), HandlerError> {
    let actor = ctx.actor().await?;
    if let Err(d) = authorize(actor.as_ref(), Action::ImportOrganisation, &Target::Nothing) {
        return ctx.refuse_callback(cb, d).await;
    }
    ctx.deps
        .telegram
        .answer_callback(&cb.query_id, None)
        .await?;
    ctx.save_conversation(&Conversation::IDLE).await?;
    let _ = ctx
        .deps
        .telegram
        .remove_keyboard(ctx.chat_id, prompt_message_id)
        .await;
    if !confirm {
        ctx.reply(Msg::ImportCancelled).await?;
        return Ok(());
    }
    let Some(bytes) = fetch(ctx, &file_id).await? else {
        return Ok(());
    };
    // Checked again: the database may have changed since the preview.
    match import::import(&ctx.deps.db, &bytes, false, ctx.deps.clock.now(), &|_| {}).await {
        Ok(outcome) => {
            ctx.send(import::render_outcome(ctx.lang, &outcome), None)
                .await?;
        }
        Err(ImportError::Storage(e)) => return Err(e.into()),
        Err(e) => ctx.send_long(&import::render_error(ctx.lang, &e)).await?,
    }
    Ok(())
}

async fn fetch(ctx: &Ctx<'_>, file_id: &str) -> Result<Option<Vec<u8>>, HandlerError> {
    let max = crate::hrfile::MAX_FILE_BYTES;
    match ctx.deps.telegram.download(file_id, max).await {
        Ok(Some(bytes)) => Ok(Some(bytes)),
        Ok(None) => {
            let mb = [("mb", (max / 1024 / 1024).to_string())];
            ctx.send(text_with(ctx.lang, Msg::FileTooLarge, &mb), None)
                .await?;
            Ok(None)
        }
        Err(e) => {
            tracing::warn!(error = %e, "download of an uploaded file failed");
            ctx.reply(Msg::ImportDownloadFailed).await?;
            Ok(None)
        }
    }
}
