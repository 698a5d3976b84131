//! `/feedback`: what this person can do with 360 feedback, as buttons.

use crate::bot::context::{Ctx, HandlerError};

pub async fn show(ctx: &Ctx<'_>) -> Result<(), HandlerError> {
    crate::bot::fallback::unknown_command(ctx).await
}
