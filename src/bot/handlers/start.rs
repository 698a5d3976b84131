//! `/start`, with or without an invite token.

use crate::bot::context::{Ctx, HandlerError};
use crate::i18n::{Msg, text_with};

/// Invite tokens arrive here from deep links; linking accounts comes with the organisation
/// import. Until then every user is unlinked and gets the explanation of how to get linked.
pub async fn handle(ctx: &Ctx<'_>, _payload: &str) -> Result<(), HandlerError> {
    let greeting = text_with(
        ctx.lang,
        Msg::WelcomeUnlinked,
        &[("name", ctx.first_name.clone())],
    );
    ctx.send(greeting, None).await?;
    Ok(())
}
