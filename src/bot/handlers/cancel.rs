//! `/cancel`: always gets the user out of whatever conversation they are in.

use crate::bot::context::{Ctx, HandlerError};
use crate::bot::conversation::Conversation;
use crate::bot::router::{load_conversation, save_conversation};
use crate::i18n::Msg;

pub async fn handle(ctx: &Ctx<'_>) -> Result<(), HandlerError> {
    let state = load_conversation(ctx).await?;
    if state == Conversation::Idle {
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
    save_conversation(ctx, &Conversation::Idle).await?;
    ctx.reply(Msg::CancelDone).await?;
    Ok(())
}
