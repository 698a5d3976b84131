//! The one place that decides which handler gets an update: `/cancel` and `/help` above every
//! conversation state, then commands, buttons, the current conversation, and a fallback.

use super::context::{Ctx, HandlerError};
use super::conversation::Conversation;
use super::handlers::{cancel, fallback, help, invite, language, org_views, start, upload};
use super::input::{Incoming, Input};
use super::{CallbackData, Command};
use crate::app::App;
use crate::domain::Lang;
use crate::storage;

pub async fn route(app: &App, incoming: Incoming) -> Result<(), HandlerError> {
    let guess = Lang::from_telegram(incoming.language_code.as_deref());
    let user = storage::users::touch(
        &app.db,
        incoming.user_id,
        incoming.chat_id,
        guess,
        app.clock.now(),
    )
    .await?;
    let ctx = Ctx {
        app,
        user_id: incoming.user_id,
        chat_id: incoming.chat_id,
        first_name: incoming.first_name,
        lang: user.language,
    };
    match incoming.input {
        Input::Command(Command::Cancel) => cancel::handle(&ctx).await,
        Input::Command(Command::Help) => help::handle(&ctx).await,
        Input::Command(Command::Start(payload)) => start::handle(&ctx, &payload).await,
        Input::Command(Command::Language) => language::ask(&ctx).await,
        Input::Command(Command::Profile) => org_views::profile(&ctx).await,
        Input::Command(Command::Team) => org_views::team(&ctx).await,
        Input::Command(Command::Units) => org_views::units(&ctx).await,
        Input::Command(Command::Invite) => invite::ask(&ctx).await,
        Input::UnknownCommand => fallback::unknown_command(&ctx).await,
        Input::Callback(cb) => match cb.data {
            Some(CallbackData::SetLanguage(lang)) => language::chosen(&ctx, &cb, lang).await,
            Some(CallbackData::InviteUnit(id)) => invite::chosen(&ctx, &cb, id).await,
            Some(CallbackData::ImportConfirm) => upload::decided(&ctx, &cb, true).await,
            Some(CallbackData::ImportCancel) => upload::decided(&ctx, &cb, false).await,
            None => fallback::stale_button(&ctx, &cb).await,
        },
        Input::Document { file_id, .. } => upload::received(&ctx, &file_id).await,
        Input::Text(_) | Input::Unsupported => match load_conversation(&ctx).await? {
            Conversation::Idle
            | Conversation::ChoosingLanguage { .. }
            | Conversation::ConfirmingImport { .. } => fallback::unknown_input(&ctx).await,
        },
    }
}

pub async fn load_conversation(ctx: &Ctx<'_>) -> Result<Conversation, HandlerError> {
    Ok(storage::conversations::load(&ctx.app.db, ctx.chat_id)
        .await?
        .map(|json| Conversation::from_json(&json))
        .unwrap_or_default())
}

pub async fn save_conversation(ctx: &Ctx<'_>, state: &Conversation) -> Result<(), HandlerError> {
    match state {
        Conversation::Idle => {
            storage::conversations::clear(&ctx.app.db, ctx.chat_id).await?;
        }
        other => {
            storage::conversations::save(
                &ctx.app.db,
                ctx.chat_id,
                &other.to_json(),
                ctx.app.clock.now(),
            )
            .await?;
        }
    }
    Ok(())
}
