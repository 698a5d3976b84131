//! The one place that decides which handler gets an update: `/cancel` and `/help` above every
//! conversation state, then commands, buttons and typed text matched against the conversation
//! once, and a fallback. A button that belongs to a prompt acts only on the prompt the chat is
//! answering now: that check is made here, for every feature, and handlers receive the state's
//! fields instead of loading it again.

use super::context::{Ctx, HandlerError};
use super::conversation::Conversation;
use super::features::{
    account, broadcast, deadline, dialog, feedback, feedback_results, notes, organisation,
};
use super::input::{Callback, Incoming, Input};
use super::widgets::audience::{self, Draft};
use super::{CallbackData, Command, fallback};
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
        Input::Command(command) => command_received(&ctx, command).await,
        Input::UnknownCommand => fallback::unknown_command(&ctx).await,
        Input::Callback(cb) => pressed(&ctx, &cb).await,
        Input::Document { file_id, .. } => organisation::upload::received(&ctx, &file_id).await,
        Input::Text { text, html } => typed(&ctx, &text, &html).await,
        Input::TooLong => fallback::too_long(&ctx).await,
        Input::Unsupported => fallback::unknown_input(&ctx).await,
    }
}

async fn command_received(ctx: &Ctx<'_>, command: Command) -> Result<(), HandlerError> {
    match command {
        Command::Cancel => account::cancel::handle(ctx).await,
        Command::Help => account::help::handle(ctx).await,
        Command::Start(payload) => account::start::handle(ctx, &payload).await,
        Command::Language => account::language::ask(ctx).await,
        Command::Profile => organisation::views::profile(ctx).await,
        Command::Team => organisation::views::team(ctx).await,
        Command::Units => organisation::views::units(ctx).await,
        Command::Invite => organisation::invite::ask(ctx).await,
        Command::Broadcast => broadcast::compose::start(ctx).await,
        Command::Deadline => deadline::create::list(ctx).await,
        Command::Dialog => dialog::menu::show(ctx).await,
        Command::Holiday(args) => super::features::calendar::holiday::handle(ctx, &args).await,
        Command::Feedback => feedback::menu::show(ctx).await,
        Command::Round(args) => feedback::rounds::command(ctx, &args).await,
        Command::Period(args) => super::features::periods::command(ctx, &args).await,
        Command::Predikat => super::features::predikat::command(ctx).await,
        Command::Report => super::features::reports::command(ctx).await,
    }
}

/// Text typed in the current conversation.
async fn typed(ctx: &Ctx<'_>, text: &str, html: &str) -> Result<(), HandlerError> {
    use broadcast::State as B;
    use deadline::State as D;
    match ctx.conversation().await? {
        Conversation::Broadcast(B::ComposingBroadcast) => {
            broadcast::compose::text_received(ctx, html).await
        }
        Conversation::Deadline(D::DeadlineTitle) => {
            deadline::create::title_received(ctx, text).await
        }
        Conversation::Deadline(D::DeadlineDue { title }) => {
            deadline::create::due_received(ctx, title, text).await
        }
        Conversation::Deadline(D::DeadlineDescription {
            title,
            due_at,
            audience,
            prompt_message_id,
        }) => {
            let fields = (title, due_at, audience, prompt_message_id);
            deadline::create::description_received(ctx, fields, text).await
        }
        Conversation::Deadline(D::EditingDeadline { id, field }) => {
            deadline::edit::edit_received(ctx, id, field, text).await
        }
        Conversation::Dialog(state) => dialog::typed(ctx, text, state).await,
        Conversation::Feedback(state) => feedback::typed(ctx, text, state).await,
        Conversation::Notes(state) => notes::typed(ctx, text, state).await,
        Conversation::Predikat(state) => super::features::predikat::typed(ctx, text, state).await,
        Conversation::Idle(_)
        | Conversation::Account(_)
        | Conversation::Organisation(_)
        | Conversation::Audience(_)
        | Conversation::Broadcast(B::ConfirmingBroadcast { .. })
        | Conversation::Deadline(D::ConfirmingDeadline { .. }) => {
            fallback::unknown_input(ctx).await
        }
    }
}

/// A button press. Buttons that stand alone (a broadcast's stop, a deadline's edit, a unit's
/// invite links) carry an id that is authorized again; buttons of a prompt act only on it.
async fn pressed(ctx: &Ctx<'_>, cb: &Callback) -> Result<(), HandlerError> {
    use CallbackData as C;
    let Some(data) = cb.data.clone() else {
        return fallback::stale_button(ctx, cb).await;
    };
    match data {
        C::Organisation(organisation::Button::InviteUnit(id)) => {
            return organisation::invite::chosen(ctx, cb, id).await;
        }
        C::Organisation(organisation::Button::InvitePage(page)) => {
            return organisation::invite::page(ctx, cb, page).await;
        }
        C::Broadcast(broadcast::Button::Stop(id)) => {
            return broadcast::progress::stop(ctx, cb, id).await;
        }
        C::Broadcast(broadcast::Button::Unreached(id, format)) => {
            return broadcast::progress::unreached(ctx, cb, id, format).await;
        }
        C::Dialog(b) if b.stands_alone() => return dialog::pressed(ctx, cb, b).await,
        C::Feedback(b) if !matches!(b, feedback::Button::Open | feedback::Button::Discard) => {
            return feedback::pressed(ctx, cb, b).await;
        }
        C::FeedbackResults(b) => return feedback_results::pressed(ctx, cb, b).await,
        C::Periods(b) => return super::features::periods::pressed(ctx, cb, b).await,
        C::Notes(b) if b.stands_alone() => return notes::pressed(ctx, cb, b).await,
        C::Predikat(b) if b.stands_alone() => {
            return super::features::predikat::pressed(ctx, cb, b).await;
        }
        C::Deadline(deadline::Button::New) => return deadline::create::new(ctx, cb).await,
        C::Deadline(deadline::Button::EditDue(id)) => {
            return deadline::edit::edit(ctx, cb, id, deadline::DeadlineField::Due).await;
        }
        C::Deadline(deadline::Button::EditTitle(id)) => {
            return deadline::edit::edit(ctx, cb, id, deadline::DeadlineField::Title).await;
        }
        C::Deadline(deadline::Button::Cancel(id)) => {
            return deadline::edit::cancel(ctx, cb, id).await;
        }
        C::PeriodExport(b) => return super::features::period_export::pressed(ctx, cb, b).await,
        C::Reports(b) => return super::features::reports::pressed(ctx, cb, b).await,
        _ => {}
    }
    let state = ctx.conversation().await?;
    if cb.message_id.is_none() || cb.message_id != state.prompt_message_id() {
        return fallback::stale_button(ctx, cb).await;
    }
    on_prompt(ctx, cb, data, state).await
}

/// A press on the prompt the chat is answering: the state's fields go to the handler.
async fn on_prompt(
    ctx: &Ctx<'_>,
    cb: &Callback,
    data: CallbackData,
    state: Conversation,
) -> Result<(), HandlerError> {
    use CallbackData as C;
    use Conversation as S;
    match (data, state) {
        (
            C::Account(account::Button::SetLanguage(lang)),
            S::Account(account::State::ChoosingLanguage { prompt_message_id }),
        ) => account::language::chosen(ctx, cb, prompt_message_id, lang).await,
        (
            C::Organisation(
                b @ (organisation::Button::ImportConfirm | organisation::Button::ImportCancel),
            ),
            S::Organisation(organisation::State::ConfirmingImport {
                file_id,
                prompt_message_id,
                file_sha256,
                shown,
                shown_at,
            }),
        ) => {
            let confirm = b == organisation::Button::ImportConfirm;
            let previewed = organisation::upload::Previewed {
                file_id,
                prompt_message_id,
                file_sha256,
                shown,
                shown_at,
            };
            organisation::upload::decided(ctx, cb, previewed, confirm).await
        }
        (C::Audience(button), S::Audience(audience::State::ChoosingAudience { draft, .. })) => {
            let Some((chosen, allowed)) = audience::pressed(ctx, cb, &draft, button).await? else {
                return Ok(());
            };
            match draft {
                Draft::Broadcast { html } => {
                    broadcast::compose::audience_chosen(ctx, html, chosen, &allowed).await
                }
                Draft::Deadline { title, due_at } => {
                    deadline::create::audience_chosen(ctx, title, due_at, chosen, &allowed).await
                }
            }
        }
        (
            C::Broadcast(b @ (broadcast::Button::Send | broadcast::Button::Discard)),
            S::Broadcast(broadcast::State::ConfirmingBroadcast {
                html,
                audience,
                prompt_message_id,
                shown,
                shown_at,
            }),
        ) => {
            let send = b == broadcast::Button::Send;
            let draft = (html, audience, prompt_message_id);
            broadcast::compose::decided(ctx, cb, draft, (shown, shown_at), send).await
        }
        (
            C::Deadline(deadline::Button::SkipDescription),
            S::Deadline(deadline::State::DeadlineDescription {
                title,
                due_at,
                audience,
                prompt_message_id,
            }),
        ) => {
            let fields = (title, due_at, audience, prompt_message_id);
            deadline::create::skip_description(ctx, cb, fields).await
        }
        (
            C::Deadline(b @ (deadline::Button::Save | deadline::Button::Discard)),
            S::Deadline(deadline::State::ConfirmingDeadline {
                deadline: draft,
                prompt_message_id,
                shown_scope,
                shown_at,
            }),
        ) => {
            let save = b == deadline::Button::Save;
            let shown = (shown_scope, shown_at);
            deadline::create::decided(ctx, cb, (draft, prompt_message_id), shown, save).await
        }
        (
            C::Dialog(button),
            S::Dialog(dialog::State::RecordingDialog {
                draft,
                prompt_message_id,
            }),
        ) => dialog::record::pressed(ctx, cb, button, *draft, prompt_message_id).await,
        (
            C::Feedback(b @ (feedback::Button::Open | feedback::Button::Discard)),
            S::Feedback(feedback::State::ConfirmingRound {
                draft,
                prompt_message_id,
            }),
        ) => {
            let open = b == feedback::Button::Open;
            feedback::rounds::decided(ctx, cb, *draft, prompt_message_id, open).await
        }
        (C::Notes(button), S::Notes(state)) => notes::on_prompt(ctx, cb, button, state).await,
        (C::Predikat(button), S::Predikat(state)) => {
            super::features::predikat::on_prompt(ctx, cb, button, state).await
        }
        _ => fallback::stale_button(ctx, cb).await,
    }
}
