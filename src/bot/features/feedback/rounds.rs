//! HR's rounds: open one for a period over their scope (preview, then confirm), see the
//! response rate per unit while it runs, extend or close it early, remind a unit.

use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;
use crate::domain::org::UnitId;
use crate::domain::RoundId;

use super::RoundDraft;

pub async fn command(ctx: &Ctx<'_>, _args: &str) -> Result<(), HandlerError> {
    crate::bot::fallback::unknown_command(ctx).await
}

pub async fn list(ctx: &Ctx<'_>, _cb: Option<&Callback>) -> Result<(), HandlerError> {
    crate::bot::fallback::unknown_command(ctx).await
}

pub async fn show(ctx: &Ctx<'_>, cb: &Callback, _r: RoundId) -> Result<(), HandlerError> {
    crate::bot::fallback::stale_button(ctx, cb).await
}

pub async fn close_asked(ctx: &Ctx<'_>, cb: &Callback, _r: RoundId) -> Result<(), HandlerError> {
    crate::bot::fallback::stale_button(ctx, cb).await
}

pub async fn close_confirmed(
    ctx: &Ctx<'_>,
    cb: &Callback,
    _r: RoundId,
) -> Result<(), HandlerError> {
    crate::bot::fallback::stale_button(ctx, cb).await
}

pub async fn remind(
    ctx: &Ctx<'_>,
    cb: &Callback,
    _r: RoundId,
    _u: UnitId,
) -> Result<(), HandlerError> {
    crate::bot::fallback::stale_button(ctx, cb).await
}

pub async fn decided(
    ctx: &Ctx<'_>,
    cb: &Callback,
    _draft: RoundDraft,
    _prompt: i32,
    _open: bool,
) -> Result<(), HandlerError> {
    crate::bot::fallback::stale_button(ctx, cb).await
}
