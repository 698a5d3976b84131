//! `/feedback` and `/round`: 360 behaviour feedback on the seven BerAKHLAK values. HR opens a
//! round for their scope (`rounds`), each rater rates their colleagues one value per tap
//! (`rate`), and `menu` is the one place every feedback view is reached from. Results live in
//! `feedback_results`, open notes and ekspektasi khusus in `notes`; reminders and the opening
//! messages are queued by the scheduler (`scheduler::feedback`).

mod buttons;
pub mod menu;
pub mod prompt;
pub mod rate;
pub mod rounds;
mod states;

pub use buttons::Button;
pub use states::{RoundDraft, State};

use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;

/// A button press; the preview's confirm and discard act only on the chat's prompt.
pub async fn pressed(ctx: &Ctx<'_>, cb: &Callback, button: Button) -> Result<(), HandlerError> {
    match button {
        Button::List => rate::list(ctx, Some(cb)).await,
        Button::Rate(a) => rate::start(ctx, cb, a).await,
        Button::Answer(a, v, r) => rate::answered(ctx, cb, a, v, r).await,
        Button::Change(a, v) => rate::change(ctx, cb, a, v).await,
        Button::Comment(a) => rate::comment(ctx, cb, a).await,
        Button::RemoveComment(a) => rate::remove_comment(ctx, cb, a).await,
        Button::Submit(a) => rate::submit(ctx, cb, a).await,
        Button::Rounds => rounds::list(ctx, Some(cb)).await,
        Button::Round(r) => rounds::show(ctx, cb, r).await,
        Button::Close(r) => rounds::close_asked(ctx, cb, r).await,
        Button::CloseConfirmed(r) => rounds::close_confirmed(ctx, cb, r).await,
        Button::Remind(r, u) => rounds::remind(ctx, cb, r, u).await,
        Button::Open | Button::Discard => crate::bot::fallback::stale_button(ctx, cb).await,
    }
}

/// Text typed while a feedback conversation is open.
pub async fn typed(ctx: &Ctx<'_>, text: &str, state: State) -> Result<(), HandlerError> {
    match state {
        State::CommentingFeedback {
            assignment_id,
            prompt_message_id,
        } => rate::comment_typed(ctx, text, assignment_id, prompt_message_id).await,
        State::ConfirmingRound { .. } => crate::bot::fallback::unknown_input(ctx).await,
    }
}
