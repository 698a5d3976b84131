//! The employee's own results: keyed on the presser's own NIP, never on anything a button
//! carries, and shown only for rounds that have closed.

use super::summary::{self, Ratee};
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;
use crate::domain::RoundId;
use crate::domain::authz::{Action, Denied, Target, authorize};

/// "My results": the closed rounds the presser was rated in.
pub async fn rounds(ctx: &Ctx<'_>, cb: &Callback) -> Result<(), HandlerError> {
    let Some(nip) = presser(ctx, cb).await? else {
        return Ok(());
    };
    ctx.answer_cb(cb).await?;
    summary::offer(
        ctx,
        &Ratee {
            nip: &nip,
            of: None,
        },
    )
    .await
}

/// One round of the presser's own, picked from the list.
pub async fn round(ctx: &Ctx<'_>, cb: &Callback, id: RoundId) -> Result<(), HandlerError> {
    let Some(nip) = presser(ctx, cb).await? else {
        return Ok(());
    };
    ctx.answer_cb(cb).await?;
    summary::one_round(
        ctx,
        &Ratee {
            nip: &nip,
            of: None,
        },
        id,
    )
    .await
}

/// The presser's NIP, if they are a linked, active employee; others are refused on the button.
async fn presser(ctx: &Ctx<'_>, cb: &Callback) -> Result<Option<String>, HandlerError> {
    let actor = ctx.actor().await?;
    if let Err(d) = authorize(actor.as_ref(), Action::ViewOwnProfile, &Target::Nothing) {
        ctx.refuse_callback(cb, d).await?;
        return Ok(None);
    }
    match actor {
        Some(a) => Ok(Some(a.nip.as_str().to_owned())),
        None => {
            ctx.refuse_callback(cb, Denied::NotLinked).await?;
            Ok(None)
        }
    }
}
