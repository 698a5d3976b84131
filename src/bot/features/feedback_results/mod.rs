//! 360 results, shown only as the anonymity rule allows (`domain::anonymity`): the employee's
//! own summary and the supervisor's view of their subordinates after a round closes, and HR's
//! aggregates per unit. Nothing here can name a peer or a subordinate rater: every read it
//! makes (`storage::feedback_results`) leaves the rater out.

mod aggregates;
mod buttons;
mod mine;
mod summary;
mod team;

pub use aggregates::{FILE_HEADER, build_file, file_name};
pub use buttons::Button;

use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;

/// Every `fr:` press; each stands alone and is authorized against the presser.
pub async fn pressed(ctx: &Ctx<'_>, cb: &Callback, button: Button) -> Result<(), HandlerError> {
    match button {
        Button::Mine => mine::rounds(ctx, cb).await,
        Button::MineRound(r) => mine::round(ctx, cb, r).await,
        Button::Team => team::list(ctx, cb, 0, false).await,
        Button::TeamPage(p) => team::list(ctx, cb, p, true).await,
        Button::Subordinate(who) => team::rounds(ctx, cb, who).await,
        Button::SubordinateRound(who, r) => team::round(ctx, cb, who, r).await,
        Button::Aggregates(r) => aggregates::show(ctx, cb, r).await,
        Button::AggregatesFile(r, f) => aggregates::file(ctx, cb, r, f).await,
    }
}
