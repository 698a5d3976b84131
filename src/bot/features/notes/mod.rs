//! Open feedback at any time and the supervisor's ekspektasi khusus: a linked employee sends a
//! colleague they work with a short note on one BerAKHLAK value (the recipient sees who sent
//! it; `send`, `received`), and a supervisor writes special expectations per subordinate,
//! period and value (`expectations`). The `/feedback` menu reaches both through the standalone
//! buttons; everything else acts on the chat's current prompt.

mod buttons;
pub mod expectations;
mod notices;
pub mod received;
mod rules;
pub mod send;
mod states;
mod view;

pub use buttons::Button;
pub use states::{ExpectationDraft, ExpectationStep, NoteDraft, NoteStep, State};

use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;

impl Button {
    /// Buttons that stand alone; the others belong to the prompt the chat is answering.
    pub fn stands_alone(&self) -> bool {
        matches!(
            self,
            Self::New | Self::Received | Self::Expectations | Self::MyExpectations
        )
    }
}

pub async fn pressed(ctx: &Ctx<'_>, cb: &Callback, button: Button) -> Result<(), HandlerError> {
    match button {
        Button::New => send::start(ctx, cb).await,
        Button::Received => received::mine(ctx, cb).await,
        Button::Expectations => expectations::start(ctx, cb).await,
        Button::MyExpectations => expectations::mine(ctx, cb).await,
        _ => crate::bot::fallback::stale_button(ctx, cb).await,
    }
}

/// A press on the prompt of a notes conversation.
pub async fn on_prompt(
    ctx: &Ctx<'_>,
    cb: &Callback,
    button: Button,
    state: State,
) -> Result<(), HandlerError> {
    match state {
        // A state stored before drafts were kept has nothing to act on.
        State::WritingNote {
            draft,
            prompt_message_id,
        } if draft.key.is_empty() => {
            crate::bot::fallback::stale_button(ctx, cb).await?;
            ctx.end_prompt(prompt_message_id).await
        }
        State::WritingNote {
            draft,
            prompt_message_id,
        } => send::pressed(ctx, cb, button, *draft, prompt_message_id).await,
        State::SettingExpectations {
            draft,
            prompt_message_id,
        } => expectations::pressed(ctx, cb, button, *draft, prompt_message_id).await,
    }
}

/// Text typed while a notes conversation is open.
pub async fn typed(ctx: &Ctx<'_>, text: &str, state: State) -> Result<(), HandlerError> {
    match state {
        // As above.
        State::WritingNote {
            draft,
            prompt_message_id,
        } if draft.key.is_empty() => {
            ctx.end_prompt(prompt_message_id).await?;
            crate::bot::fallback::unknown_input(ctx).await
        }
        State::WritingNote { draft, .. } => send::typed(ctx, text, *draft).await,
        State::SettingExpectations {
            draft,
            prompt_message_id,
        } => expectations::typed(ctx, text, *draft, prompt_message_id).await,
    }
}
