//! `/dialog`'s menu, by who asks: a supervisor records and sees history, an employee asks for a
//! dialog and sees their own, HR sees compliance.

use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;

pub async fn show(ctx: &Ctx<'_>) -> Result<(), HandlerError> {
    crate::bot::fallback::unknown_command(ctx).await
}

pub async fn request(ctx: &Ctx<'_>, cb: &Callback) -> Result<(), HandlerError> {
    crate::bot::fallback::stale_button(ctx, cb).await
}
