//! Open feedback at any time and the supervisor's ekspektasi khusus: a linked employee sends a
//! colleague they work with a short note on one BerAKHLAK value (the recipient sees who sent
//! it), and a supervisor writes special expectations per subordinate, period and value.

mod buttons;
mod states;

pub use buttons::Button;
pub use states::State;

use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;

impl Button {
    /// Buttons that stand alone; the others belong to the prompt the chat is answering.
    pub fn stands_alone(&self) -> bool {
        matches!(self, Self::New | Self::Received | Self::Expectations)
    }
}

pub async fn pressed(ctx: &Ctx<'_>, cb: &Callback, button: Button) -> Result<(), HandlerError> {
    match button {
        Button::New | Button::Received | Button::Expectations => {
            crate::bot::fallback::stale_button(ctx, cb).await
        }
    }
}

/// A press on the prompt of a notes conversation.
pub async fn on_prompt(
    ctx: &Ctx<'_>,
    cb: &Callback,
    _button: Button,
    _state: State,
) -> Result<(), HandlerError> {
    crate::bot::fallback::stale_button(ctx, cb).await
}

pub async fn typed(ctx: &Ctx<'_>, _text: &str, _state: State) -> Result<(), HandlerError> {
    crate::bot::fallback::unknown_input(ctx).await
}
