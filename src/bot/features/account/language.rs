//! `/language`: two buttons, and the choice is remembered across restarts.

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use super::{Button, State};
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;
use crate::domain::Lang;
use crate::i18n::{self, Msg};
use crate::storage;

pub async fn ask(ctx: &Ctx<'_>) -> Result<(), HandlerError> {
    let buttons = Lang::ALL.map(|lang| {
        let label = i18n::text(lang, name_of(lang));
        InlineKeyboardButton::callback(label, Button::SetLanguage(lang).encode())
    });
    let keyboard = InlineKeyboardMarkup::new(vec![buttons.to_vec()]);
    if let Some(id) = ctx
        .send(ctx.text(Msg::LanguageChoose), Some(keyboard))
        .await?
    {
        let state = State::ChoosingLanguage {
            prompt_message_id: id,
        };
        ctx.save_conversation(&state.into()).await?;
    }
    Ok(())
}

/// A language button on the prompt this chat is answering (the router checked that).
pub async fn chosen(
    ctx: &Ctx<'_>,
    cb: &Callback,
    prompt_message_id: i32,
    lang: Lang,
) -> Result<(), HandlerError> {
    storage::users::set_language_ending_conversation(&ctx.deps.db, ctx.user_id, ctx.chat_id, lang)
        .await?;
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
