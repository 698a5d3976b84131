//! HR sends the employee file in chat: the bot checks it, shows what would change, and saves
//! only after HR confirms. Anyone else's document is refused.

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use super::{Button, State};
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;
use crate::domain::authz::{Action, Target, authorize};
use crate::export::{self, Format};
use crate::i18n::{Msg, text_with};
use crate::import::{self, Confirmed, ImportError, Shown};

pub async fn received(ctx: &Ctx<'_>, file_id: &str) -> Result<(), HandlerError> {
    let actor = ctx.actor().await?;
    if let Err(d) = authorize(actor.as_ref(), Action::ImportOrganisation, &Target::Nothing) {
        return ctx.refuse(d).await;
    }
    let Some(bytes) = fetch(ctx, file_id).await? else {
        return Ok(());
    };
    preview(ctx, file_id, &bytes).await
}

/// Shows what the file would change and asks to confirm, keeping what was shown.
async fn preview(ctx: &Ctx<'_>, file_id: &str, bytes: &[u8]) -> Result<(), HandlerError> {
    let now = ctx.deps.clock.now();
    let outcome = match import::import(&ctx.deps.db, bytes, true, now, &|_| {}).await {
        Ok(outcome) => outcome,
        Err(ImportError::Storage(e)) => return Err(e.into()),
        Err(e) => return refused(ctx, &e).await,
    };
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
            file_sha256: import::file_hash(bytes),
            shown: Some(Shown::from(&outcome)),
            shown_at: now.timestamp(),
        };
        ctx.save_conversation(&state.into()).await?;
    }
    Ok(())
}

/// What a preview was, for a confirm to be held to.
pub struct Previewed {
    pub file_id: String,
    pub prompt_message_id: i32,
    pub file_sha256: String,
    pub shown: Option<Shown>,
    pub shown_at: i64,
}

/// Confirm or cancel, on the prompt this chat is answering (the router checked that);
/// authorized again, since roles may have changed since the preview. A confirm applies what
/// the preview showed or nothing: if the file, or what it would change, is not what was shown,
/// or the preview is too old, HR gets a fresh preview instead.
pub async fn decided(
    ctx: &Ctx<'_>,
    cb: &Callback,
    previewed: Previewed,
    confirm: bool,
) -> Result<(), HandlerError> {
    let prompt_message_id = previewed.prompt_message_id;
    let actor = ctx.actor().await?;
    if let Err(d) = authorize(actor.as_ref(), Action::ImportOrganisation, &Target::Nothing) {
        return ctx.refuse_callback(cb, d).await;
    }
    ctx.deps
        .telegram
        .answer_callback(&cb.query_id, None)
        .await?;
    ctx.end_prompt(prompt_message_id).await?;
    if !confirm {
        ctx.reply(Msg::ImportCancelled).await?;
        return Ok(());
    }
    let Some(bytes) = fetch(ctx, &previewed.file_id).await? else {
        return Ok(());
    };
    let now = ctx.deps.clock.now();
    let shown = previewed
        .shown
        .filter(|_| import::file_hash(&bytes) == previewed.file_sha256);
    let shown = match (
        shown,
        ctx.stale_preview(previewed.shown_at, shown.is_some()),
    ) {
        (Some(shown), None) => shown,
        (_, why) => {
            let why = why.unwrap_or_else(|| ctx.text(Msg::PreviewOutdated));
            ctx.send(why, None).await?;
            return preview(ctx, &previewed.file_id, &bytes).await;
        }
    };
    match import::import_as_previewed(&ctx.deps.db, &bytes, now, shown).await {
        Ok(Confirmed::Applied(outcome)) => {
            ctx.send(import::render_outcome(ctx.lang, &outcome), None)
                .await?;
        }
        Ok(Confirmed::Changed(_)) => {
            ctx.reply(Msg::PreviewOutdated).await?;
            preview(ctx, &previewed.file_id, &bytes).await?;
        }
        Err(ImportError::Storage(e)) => return Err(e.into()),
        Err(e) => refused(ctx, &e).await?,
    }
    Ok(())
}

/// Why a file was refused: the first bad rows in chat, and every one of them in a CSV file
/// when there are more.
async fn refused(ctx: &Ctx<'_>, err: &ImportError) -> Result<(), HandlerError> {
    let shown = import::render_error_within(ctx.lang, err, import::ROWS_IN_CHAT);
    ctx.send_long(&shown).await?;
    let ImportError::Rows(errors) = err else {
        return Ok(());
    };
    if errors.len() <= import::ROWS_IN_CHAT {
        return Ok(());
    }
    const HEADER: [&str; 2] = ["baris", "alasan"];
    let rows = import::row_error_table(ctx.lang, errors);
    let (bytes, _) = export::table_off_runtime(Format::Csv, &HEADER, rows)
        .await
        .map_err(HandlerError::Export)?;
    let caption = text_with(
        ctx.lang,
        Msg::ImportRowsFileCaption,
        &[("count", errors.len().to_string())],
    );
    ctx.deps
        .telegram
        .send_document(ctx.chat_id, "baris-bermasalah.csv".into(), bytes, caption)
        .await?;
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
