//! The employee's acknowledgement of a dialog record: confirm it or add a comment.

use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;
use crate::domain::DialogId;

pub async fn confirm(ctx: &Ctx<'_>, cb: &Callback, _id: DialogId) -> Result<(), HandlerError> {
    crate::bot::fallback::stale_button(ctx, cb).await
}

pub async fn comment(ctx: &Ctx<'_>, cb: &Callback, _id: DialogId) -> Result<(), HandlerError> {
    crate::bot::fallback::stale_button(ctx, cb).await
}

pub async fn comment_typed(
    ctx: &Ctx<'_>,
    _text: &str,
    _id: DialogId,
    _prompt: i32,
) -> Result<(), HandlerError> {
    crate::bot::fallback::unknown_input(ctx).await
}
