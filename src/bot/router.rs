//! The one place that decides which handler gets an update: `/cancel` and `/help` above every
//! conversation state, then commands, buttons, the current conversation, and a fallback.

use super::context::{Ctx, HandlerError};
use super::conversation::Conversation;
use super::conversation::DeadlineField;
use super::handlers::{
    audience, broadcast, cancel, deadline, deadline_edit, fallback, help, invite, language,
    org_views, start, upload,
};
use super::input::{Incoming, Input};
use super::{CallbackData, Command};
use crate::deps::Deps;
use crate::domain::Lang;
use crate::storage;

pub async fn route(deps: &Deps, incoming: Incoming) -> Result<(), HandlerError> {
    let guess = Lang::from_telegram(incoming.language_code.as_deref());
    let user = storage::users::touch(
        &deps.db,
        incoming.user_id,
        incoming.chat_id,
        guess,
        deps.clock.now(),
    )
    .await?;
    let ctx = Ctx {
        deps,
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
        Input::Command(Command::Broadcast) => broadcast::start(&ctx).await,
        Input::Command(Command::Deadline) => deadline::list(&ctx).await,
        Input::UnknownCommand => fallback::unknown_command(&ctx).await,
        Input::Callback(cb) => match cb.data {
            Some(CallbackData::SetLanguage(lang)) => language::chosen(&ctx, &cb, lang).await,
            Some(CallbackData::InviteUnit(id)) => invite::chosen(&ctx, &cb, id).await,
            Some(CallbackData::InvitePage(page)) => invite::page(&ctx, &cb, page).await,
            Some(CallbackData::ImportConfirm) => upload::decided(&ctx, &cb, true).await,
            Some(CallbackData::ImportCancel) => upload::decided(&ctx, &cb, false).await,
            Some(CallbackData::Audience(choice)) => audience::chosen(&ctx, &cb, choice).await,
            Some(CallbackData::AudienceUnit(id)) => audience::unit_chosen(&ctx, &cb, id).await,
            Some(CallbackData::AudienceUnitsPage(page)) => {
                audience::units_page(&ctx, &cb, page).await
            }
            Some(CallbackData::BroadcastSend) => broadcast::decided(&ctx, &cb, true).await,
            Some(CallbackData::BroadcastDiscard) => broadcast::decided(&ctx, &cb, false).await,
            Some(CallbackData::BroadcastStop(id)) => broadcast::stop(&ctx, &cb, id).await,
            Some(CallbackData::BroadcastUnreached(id, format)) => {
                broadcast::unreached(&ctx, &cb, id, format).await
            }
            Some(CallbackData::DeadlineNew) => deadline::new(&ctx, &cb).await,
            Some(CallbackData::DeadlineSkipDescription) => {
                deadline::skip_description(&ctx, &cb).await
            }
            Some(CallbackData::DeadlineSave) => deadline::decided(&ctx, &cb, true).await,
            Some(CallbackData::DeadlineDiscard) => deadline::decided(&ctx, &cb, false).await,
            Some(CallbackData::DeadlineEditDue(id)) => {
                deadline_edit::edit(&ctx, &cb, id, DeadlineField::Due).await
            }
            Some(CallbackData::DeadlineEditTitle(id)) => {
                deadline_edit::edit(&ctx, &cb, id, DeadlineField::Title).await
            }
            Some(CallbackData::DeadlineCancel(id)) => deadline_edit::cancel(&ctx, &cb, id).await,
            None => fallback::stale_button(&ctx, &cb).await,
        },
        Input::Document { file_id, .. } => upload::received(&ctx, &file_id).await,
        Input::Text { text, html } => match load_conversation(&ctx).await? {
            Conversation::ComposingBroadcast => broadcast::text_received(&ctx, &html).await,
            Conversation::DeadlineTitle => deadline::title_received(&ctx, &text).await,
            Conversation::DeadlineDue { title } => deadline::due_received(&ctx, title, &text).await,
            Conversation::DeadlineDescription { .. } => {
                deadline::description_received(&ctx, &text).await
            }
            Conversation::EditingDeadline { id, field } => {
                deadline_edit::edit_received(&ctx, id, field, &text).await
            }
            Conversation::Idle
            | Conversation::ChoosingLanguage { .. }
            | Conversation::ConfirmingImport { .. }
            | Conversation::ChoosingAudience { .. }
            | Conversation::ConfirmingBroadcast { .. }
            | Conversation::ConfirmingDeadline { .. } => fallback::unknown_input(&ctx).await,
        },
        Input::Unsupported => fallback::unknown_input(&ctx).await,
    }
}

pub async fn load_conversation(ctx: &Ctx<'_>) -> Result<Conversation, HandlerError> {
    Ok(storage::conversations::load(&ctx.deps.db, ctx.chat_id)
        .await?
        .map(|json| Conversation::from_json(&json))
        .unwrap_or_default())
}

pub async fn save_conversation(ctx: &Ctx<'_>, state: &Conversation) -> Result<(), HandlerError> {
    match state {
        Conversation::Idle => {
            storage::conversations::clear(&ctx.deps.db, ctx.chat_id).await?;
        }
        other => {
            storage::conversations::save(
                &ctx.deps.db,
                ctx.chat_id,
                &other.to_json(),
                ctx.deps.clock.now(),
            )
            .await?;
        }
    }
    Ok(())
}
