//! `/help`.

use crate::bot::context::{Ctx, HandlerError};
use crate::i18n::Msg;

pub async fn handle(ctx: &Ctx<'_>) -> Result<(), HandlerError> {
    ctx.reply(Msg::Help).await?;
    Ok(())
}
