//! The rater's chat: one colleague at a time, the seven values one per tap.

use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;
use crate::domain::AssignmentId;
use crate::domain::berakhlak::{Rating, Value};

pub async fn list(ctx: &Ctx<'_>, _cb: Option<&Callback>) -> Result<(), HandlerError> {
    crate::bot::fallback::unknown_command(ctx).await
}

pub async fn start(ctx: &Ctx<'_>, cb: &Callback, _a: AssignmentId) -> Result<(), HandlerError> {
    crate::bot::fallback::stale_button(ctx, cb).await
}

pub async fn answered(
    ctx: &Ctx<'_>,
    cb: &Callback,
    _a: AssignmentId,
    _v: Value,
    _r: Rating,
) -> Result<(), HandlerError> {
    crate::bot::fallback::stale_button(ctx, cb).await
}

pub async fn change(
    ctx: &Ctx<'_>,
    cb: &Callback,
    _a: AssignmentId,
    _v: Value,
) -> Result<(), HandlerError> {
    crate::bot::fallback::stale_button(ctx, cb).await
}

pub async fn comment(ctx: &Ctx<'_>, cb: &Callback, _a: AssignmentId) -> Result<(), HandlerError> {
    crate::bot::fallback::stale_button(ctx, cb).await
}

pub async fn submit(ctx: &Ctx<'_>, cb: &Callback, _a: AssignmentId) -> Result<(), HandlerError> {
    crate::bot::fallback::stale_button(ctx, cb).await
}

pub async fn comment_typed(
    ctx: &Ctx<'_>,
    _text: &str,
    _a: AssignmentId,
    _prompt: i32,
) -> Result<(), HandlerError> {
    crate::bot::fallback::unknown_input(ctx).await
}
