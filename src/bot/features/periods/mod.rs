//! Evaluation periods, for HR: organisation HR defines a period (month, quarter, semester or
//! year), closes, reopens and finally locks it, and records the organisation's predikat; HR
//! records each unit's own result (its head's hasil kerja) within their scope. Every HR sees the
//! period's predikat distribution for their scope against the pattern the organisation's
//! predikat asks for: a consideration, never a block.

mod buttons;
mod manage;
mod unit_results;

pub use buttons::Button;
pub use manage::command;

use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;

/// Every `pd:` press; each stands alone and is authorized against the presser.
pub async fn pressed(ctx: &Ctx<'_>, cb: &Callback, button: Button) -> Result<(), HandlerError> {
    use crate::domain::period::PeriodState as S;
    match button {
        Button::Page(p) => manage::page(ctx, Some(cb), p).await,
        Button::Close(p) => manage::change(ctx, cb, p, S::Closed).await,
        Button::Reopen(p) => manage::change(ctx, cb, p, S::Open).await,
        Button::Lock(p) => manage::lock_asked(ctx, cb, p).await,
        Button::LockConfirmed(p) => manage::change(ctx, cb, p, S::Locked).await,
        Button::OrgAsk(p) => manage::org_asked(ctx, cb, p).await,
        Button::Org(p, o) => manage::org_chosen(ctx, cb, p, o).await,
        Button::Units(p, page) => unit_results::units(ctx, cb, p, page).await,
        Button::Unit(p, u) => unit_results::unit(ctx, cb, p, u).await,
        Button::UnitResult(p, u, r) => unit_results::record(ctx, cb, p, u, r).await,
    }
}
