//! `/predikat`: the supervisor's evaluation at period end (PermenPANRB 6/2022). For an open
//! period the supervisor goes through their direct subordinates (`team`, with the team's
//! distribution as a hint, never a block); for each, the evidence card (`evidence`, `card`),
//! then hasil kerja and perilaku kerja, an optional note, and a preview with the predikat the
//! matrix gives before it is stored (`rate`). HR opens, closes and locks periods and records
//! unit results and the organisation's predikat elsewhere (`features::periods`).

mod access;
mod buttons;
mod card;
pub mod evidence;
mod hint;
mod rate;
mod start;
mod states;
mod team;

pub use buttons::Button;
pub use rate::MAX_NOTE;
pub use start::command;
pub use states::{Draft, State, Step};

use teloxide::types::InlineKeyboardButton;

use crate::bot::CallbackData;
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;

fn button(label: String, data: Button) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(label, CallbackData::from(data).encode())
}

/// A press on a button that stands alone: the period picker and the team list.
pub async fn pressed(ctx: &Ctx<'_>, cb: &Callback, button: Button) -> Result<(), HandlerError> {
    match button {
        Button::Period(p) => start::period(ctx, cb, p, None).await,
        Button::TeamPage(p, page) => start::period(ctx, cb, p, Some(page)).await,
        Button::Subordinate(p, who) => rate::open(ctx, cb, p, who).await,
        _ => crate::bot::fallback::stale_button(ctx, cb).await,
    }
}

/// A press on the rating's prompt.
pub async fn on_prompt(
    ctx: &Ctx<'_>,
    cb: &Callback,
    button: Button,
    state: State,
) -> Result<(), HandlerError> {
    match state {
        State::RatingPredikat {
            draft,
            prompt_message_id,
        } => rate::pressed(ctx, cb, button, *draft, prompt_message_id).await,
    }
}

/// Text typed while a rating is open: the note.
pub async fn typed(ctx: &Ctx<'_>, text: &str, state: State) -> Result<(), HandlerError> {
    match state {
        State::RatingPredikat {
            draft,
            prompt_message_id,
        } => rate::typed(ctx, text, *draft, prompt_message_id).await,
    }
}
