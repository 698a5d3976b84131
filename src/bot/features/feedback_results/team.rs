//! The supervisor's view: their current, active direct subordinates as buttons (paged), then
//! one subordinate's results, once a round has closed. The button names the subordinate only
//! by an opaque number; that the presser is that person's supervisor now is checked on every
//! press, with `authz`'s rule.

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use super::Button;
use super::summary::{self, Ratee};
use crate::bot::CallbackData;
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;
use crate::domain::authz::{Action, Denied, Target, authorize};
use crate::domain::{EmployeeRef, Nip, RoundId};
use crate::i18n::{Msg, text_with};
use crate::storage::dialogs::{Person, person_by_ref};
use crate::storage::feedback_results;

/// Subordinates per page: Telegram takes 100 buttons, a person reads far fewer.
const PAGE: usize = 20;

/// The subordinates, page `page` (0 first); `turn_page` edits the list the press came from.
pub async fn list(
    ctx: &Ctx<'_>,
    cb: &Callback,
    page: usize,
    turn_page: bool,
) -> Result<(), HandlerError> {
    let Some(actor) = ctx.actor().await? else {
        return ctx.refuse_callback(cb, Denied::NotLinked).await;
    };
    ctx.answer_cb(cb).await?;
    let team = feedback_results::subordinates(&ctx.deps.db, actor.nip.as_str()).await?;
    if team.is_empty() {
        ctx.reply(Msg::FeedbackResultsTeamNone).await?;
        return Ok(());
    }
    let pages = team.len().div_ceil(PAGE);
    let page = page.min(pages - 1);
    let button = |label: String, b: Button| {
        InlineKeyboardButton::callback(label, CallbackData::from(b).encode())
    };
    let mut rows: Vec<Vec<InlineKeyboardButton>> = team
        .into_iter()
        .skip(page * PAGE)
        .take(PAGE)
        .map(|(who, name)| vec![button(name, Button::Subordinate(who))])
        .collect();
    let mut nav = Vec::new();
    if page > 0 {
        nav.push(button(
            ctx.text(Msg::PagePrevious),
            Button::TeamPage(page - 1),
        ));
    }
    if page + 1 < pages {
        nav.push(button(ctx.text(Msg::PageNext), Button::TeamPage(page + 1)));
    }
    if !nav.is_empty() {
        rows.push(nav);
    }
    let mut prompt = ctx.text(Msg::FeedbackResultsTeamPick);
    if pages > 1 {
        let args = [
            ("page", (page + 1).to_string()),
            ("pages", pages.to_string()),
        ];
        prompt = format!("{prompt}\n{}", text_with(ctx.lang, Msg::PageOf, &args));
    }
    let keyboard = InlineKeyboardMarkup::new(rows);
    // Paging turns the page in place; "team" pressed again starts a new list.
    if turn_page && let Some(message_id) = cb.message_id {
        let (chat, text) = (ctx.chat_id, prompt.clone());
        let edit = ctx
            .deps
            .telegram
            .edit_text(chat, message_id, text, Some(keyboard.clone()));
        if edit.await.is_ok() {
            return Ok(());
        }
    }
    ctx.send(prompt, Some(keyboard)).await?;
    Ok(())
}

/// One subordinate's rounds (or the only closed one).
pub async fn rounds(ctx: &Ctx<'_>, cb: &Callback, who: EmployeeRef) -> Result<(), HandlerError> {
    let Some(person) = subordinate(ctx, cb, who).await? else {
        return Ok(());
    };
    let ratee = Ratee {
        nip: &person.nip,
        of: Some((who, &person.name)),
    };
    summary::offer(ctx, &ratee).await
}

/// One subordinate's results of one round.
pub async fn round(
    ctx: &Ctx<'_>,
    cb: &Callback,
    who: EmployeeRef,
    id: RoundId,
) -> Result<(), HandlerError> {
    let Some(person) = subordinate(ctx, cb, who).await? else {
        return Ok(());
    };
    let ratee = Ratee {
        nip: &person.nip,
        of: Some((who, &person.name)),
    };
    summary::one_round(ctx, &ratee, id).await
}

/// The person behind `who`, if the presser is their direct supervisor now and they are
/// active; anything else is refused on the button, the same whether the number names nobody
/// or someone else's subordinate.
async fn subordinate(
    ctx: &Ctx<'_>,
    cb: &Callback,
    who: EmployeeRef,
) -> Result<Option<Person>, HandlerError> {
    let Some(actor) = ctx.actor().await? else {
        ctx.refuse_callback(cb, Denied::NotLinked).await?;
        return Ok(None);
    };
    let person = person_by_ref(&ctx.deps.db, who).await?;
    let allowed = person.filter(|p| {
        let Ok(nip) = Nip::parse(&p.nip) else {
            return false;
        };
        let supervisor = p.supervisor_nip.as_deref().and_then(|s| Nip::parse(s).ok());
        let target = Target::Employee { nip, supervisor };
        p.active && authorize(Some(&actor), Action::ActOnSubordinate, &target).is_ok()
    });
    match allowed {
        Some(p) => {
            ctx.answer_cb(cb).await?;
            Ok(Some(p))
        }
        None => {
            tracing::debug!(
                employee_ref = who.0,
                "360 results of a non-subordinate refused"
            );
            ctx.refuse_callback(cb, Denied::NotAllowed).await?;
            Ok(None)
        }
    }
}
