//! `/language`: two buttons, and the choice is remembered across restarts.

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::bot::CallbackData;
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::conversation::Conversation;
use crate::bot::handlers::fallback;
use crate::bot::input::Callback;
use crate::bot::router::{load_conversation, save_conversation};
use crate::domain::Lang;
use crate::i18n::{self, Msg};
use crate::storage;

pub async fn ask(ctx: &Ctx<'_>) -> Result<(), HandlerError> {
    let buttons = Lang::ALL.map(|lang| {
        let label = i18n::text(lang, name_of(lang));
        InlineKeyboardButton::callback(label, CallbackData::SetLanguage(lang).encode())
    });
    let keyboard = InlineKeyboardMarkup::new(vec![buttons.to_vec()]);
    if let Some(id) = ctx
        .send(ctx.text(Msg::LanguageChoose), Some(keyboard))
        .await?
    {
        save_conversation(
            ctx,
            &Conversation::ChoosingLanguage {
                prompt_message_id: id,
            },
        )
        .await?;
    }
    Ok(())
}

/// Acts only on the buttons of the prompt this chat is currently answering.
pub async fn chosen(ctx: &Ctx<'_>, cb: &Callback, lang: Lang) -> Result<(), HandlerError> {
    let current = load_conversation(ctx).await?;
    let Conversation::ChoosingLanguage { prompt_message_id } = current else {
        return fallback::stale_button(ctx, cb).await;
    };
    if cb.message_id != Some(prompt_message_id) {
        return fallback::stale_button(ctx, cb).await;
    }
    storage::users::set_language(&ctx.deps.db, ctx.user_id, lang).await?;
    save_conversation(ctx, &Conversation::Idle).await?;
    let done = i18n::text(lang, Msg::LanguageSet);
    ctx.deps
        .telegram
        .answer_callback(&cb.query_id, None)
        .await?;
    ctx.deps
        .telegram
        .edit_text(ctx.chat_id, prompt_message_id, done, None)
        .await?;
    Ok(())
}

fn name_of(lang: Lang) -> Msg {
    match lang {
        Lang::Id => Msg::LanguageNameId,
        Lang::En => Msg::LanguageNameEn,
    }
}
