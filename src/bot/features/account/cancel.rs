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
    if let Some(prompt_message_id) = state.prompt_message_id() {
        // Buttons left on screen would look live; a failure here must not keep the user stuck.
        let _ = ctx
            .deps
            .telegram
            .remove_keyboard(ctx.chat_id, prompt_message_id)
            .await;
    }
    ctx.save_conversation(&Conversation::IDLE).await?;
    ctx.reply(Msg::CancelDone).await?;
    Ok(())
}
