//! `/cancel`: always gets the user out of whatever conversation they are in.

use crate::bot::context::{Ctx, HandlerError};
use crate::bot::conversation::Conversation;
use crate::i18n::Msg;

pub async fn handle(ctx: &Ctx<'_>) -> Result<(), HandlerError> {
    let state = ctx.conversation().await?;
    if state == Conversation::IDLE {
        ctx.reply(Msg::CancelNothing).await?;
        return Ok(());
    }
    match state.prompt_message_id() {
        Some(prompt_message_id) => ctx.end_prompt(prompt_message_id).await?,
        None => ctx.save_conversation(&Conversation::IDLE).await?,
    }
    ctx.reply(Msg::CancelDone).await?;
    Ok(())
}
