//! The follow-up marked done, and the coached employee's feedback to the next level up.

use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;
use crate::domain::DialogId;
use crate::domain::dialog::{Agreement, CoachingStatement};

pub async fn follow_up_done(
    ctx: &Ctx<'_>,
    cb: &Callback,
    _id: DialogId,
) -> Result<(), HandlerError> {
    crate::bot::fallback::stale_button(ctx, cb).await
}

pub async fn answered(
    ctx: &Ctx<'_>,
    cb: &Callback,
    _id: DialogId,
    _s: CoachingStatement,
    _a: Agreement,
) -> Result<(), HandlerError> {
    crate::bot::fallback::stale_button(ctx, cb).await
}
