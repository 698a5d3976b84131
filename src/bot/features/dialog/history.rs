//! Dialog history: a subordinate's dialogs of the last twelve months for their supervisor (and
//! for HR within scope), and an employee's own.

use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;
use crate::domain::EmployeeRef;

pub async fn of_employee(
    ctx: &Ctx<'_>,
    cb: &Callback,
    _who: EmployeeRef,
) -> Result<(), HandlerError> {
    crate::bot::fallback::stale_button(ctx, cb).await
}

pub async fn mine(ctx: &Ctx<'_>, cb: &Callback) -> Result<(), HandlerError> {
    crate::bot::fallback::stale_button(ctx, cb).await
}
