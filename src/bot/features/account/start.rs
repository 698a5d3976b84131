//! `/start`, alone or with an invite token from a deep link.

use crate::bot::context::{Ctx, HandlerError};
use crate::domain::invite::InviteToken;
use crate::domain::{Lang, PerLang};
use crate::i18n::{self, Msg, text_with};
use crate::storage::{self, invites::Redeemed};

pub async fn handle(ctx: &Ctx<'_>, payload: &str) -> Result<(), HandlerError> {
    let payload = payload.trim();
    if payload.is_empty() {
        return greet(ctx).await;
    }
    let Some(token) = InviteToken::parse(payload) else {
        ctx.reply(Msg::InviteMalformed).await?;
        return Ok(());
    };
    let db = &ctx.deps.db;
    // For the account this employee had until now, if any: told in its own language.
    let notice = PerLang::from_fn(|lang| i18n::text(lang, Msg::LinkMovedAway));
    let now = ctx.deps.clock.now();
    match storage::invites::redeem(db, &token, ctx.user_id, now, &notice).await? {
        Redeemed::Linked {
            name,
            language,
            nip,
        } => {
            // HR's file may name the employee's language; it wins over the client's guess.
            let lang = language
                .as_deref()
                .and_then(Lang::from_code)
                .unwrap_or(ctx.lang);
            storage::users::set_language(db, ctx.user_id, lang).await?;
            let done = text_with(lang, Msg::LinkDone, &[("name", name)]);
            ctx.send(done, None).await?;
            // The previous account's notice is in the outbox already.
            ctx.deps.outbox.wake();
            // A 360 round's opening message found no account before; the list comes now.
            let linked = Ctx {
                deps: ctx.deps,
                user_id: ctx.user_id,
                chat_id: ctx.chat_id,
                first_name: ctx.first_name.clone(),
                lang,
            };
            crate::bot::features::feedback::rate::on_linking(&linked, nip.as_str()).await?;
        }
        Redeemed::Unknown => {
            ctx.reply(Msg::InviteUnknown).await?;
        }
        Redeemed::Used => {
            ctx.reply(Msg::InviteUsed).await?;
        }
        Redeemed::Expired => {
            ctx.reply(Msg::InviteExpired).await?;
        }
        Redeemed::AccountTaken => {
            ctx.reply(Msg::InviteAccountTaken).await?;
        }
    }
    Ok(())
}

async fn greet(ctx: &Ctx<'_>) -> Result<(), HandlerError> {
    let linked = storage::invites::linked_employee(&ctx.deps.db, ctx.user_id).await?;
    let greeting = match linked {
        Some((_, name)) => text_with(ctx.lang, Msg::WelcomeLinked, &[("name", name)]),
        None => text_with(
            ctx.lang,
            Msg::WelcomeUnlinked,
            &[("name", ctx.first_name.clone())],
        ),
    };
    ctx.send(greeting, None).await?;
    Ok(())
}
