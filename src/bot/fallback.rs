//! What the bot says when it has nothing better to say.

use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;
use crate::i18n::{Msg, text_with};

pub async fn unknown_command(ctx: &Ctx<'_>) -> Result<(), HandlerError> {
    ctx.reply(Msg::UnknownCommand).await?;
    Ok(())
}

pub async fn unknown_input(ctx: &Ctx<'_>) -> Result<(), HandlerError> {
    ctx.reply(Msg::UnknownInput).await?;
    Ok(())
}

/// A text over the length the bot reads: the limit is named, and nothing is kept.
pub async fn too_long(ctx: &Ctx<'_>) -> Result<(), HandlerError> {
    let max = [("max", crate::bot::input::MAX_TEXT_CHARS.to_string())];
    ctx.send(text_with(ctx.lang, Msg::TextTooLong, &max), None)
        .await?;
    Ok(())
}

/// A button from an old message, another version, or forged data: answered, never acted on.
pub async fn stale_button(ctx: &Ctx<'_>, cb: &Callback) -> Result<(), HandlerError> {
    ctx.deps
        .telegram
        .answer_callback(&cb.query_id, Some(ctx.text(Msg::StaleButton)))
        .await?;
    Ok(())
}
