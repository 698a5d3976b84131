//! Recording a dialog, step by step.

use super::{Button, Draft};
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;
use crate::domain::{DialogId, EmployeeRef};

pub async fn start(ctx: &Ctx<'_>, cb: Option<&Callback>) -> Result<(), HandlerError> {
    match cb {
        Some(cb) => crate::bot::fallback::stale_button(ctx, cb).await,
        None => crate::bot::fallback::unknown_command(ctx).await,
    }
}

pub async fn start_with(
    ctx: &Ctx<'_>,
    cb: &Callback,
    _who: EmployeeRef,
) -> Result<(), HandlerError> {
    crate::bot::fallback::stale_button(ctx, cb).await
}

pub async fn correct(ctx: &Ctx<'_>, cb: &Callback, _id: DialogId) -> Result<(), HandlerError> {
    crate::bot::fallback::stale_button(ctx, cb).await
}

pub async fn pressed(
    ctx: &Ctx<'_>,
    cb: &Callback,
    _button: Button,
    _draft: Draft,
    _prompt: i32,
) -> Result<(), HandlerError> {
    crate::bot::fallback::stale_button(ctx, cb).await
}

pub async fn typed(
    ctx: &Ctx<'_>,
    _text: &str,
    _draft: Draft,
    _prompt: i32,
) -> Result<(), HandlerError> {
    crate::bot::fallback::unknown_input(ctx).await
}
