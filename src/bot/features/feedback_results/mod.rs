//! 360 results, shown only as the anonymity rule allows (`domain::anonymity`): the employee's
//! own summary and the supervisor's view of their subordinates after a round closes, and HR's
//! aggregates per unit. Nothing here can name a peer or a subordinate rater.

mod buttons;

pub use buttons::Button;

use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;

pub async fn pressed(ctx: &Ctx<'_>, cb: &Callback, button: Button) -> Result<(), HandlerError> {
    match button {
        Button::Mine | Button::Team => crate::bot::fallback::stale_button(ctx, cb).await,
    }
}
