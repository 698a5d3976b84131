//! The employee's acknowledgement of a dialog record: confirm it, or write a comment. Their
//! supervisor is told which, through the outbox, in the same transaction as the answer.

use teloxide::types::InlineKeyboardMarkup;

use super::view::{self, button};
use super::{Button, State};
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::conversation::Conversation;
use crate::bot::input::Callback;
use crate::domain::DialogId;
use crate::domain::authz::Denied;
use crate::domain::dialog;
use crate::i18n::{Msg, text, text_with};
use crate::storage::dialogs::{self, Content, Dialog, Notice, Person, Refused};
use crate::storage::outbox::Payload;

pub async fn confirm(
    ctx: &Ctx<'_>,
    cb: &Callback,
    id: DialogId,
    revision: i64,
) -> Result<(), HandlerError> {
    let Some(actor) = ctx.actor().await? else {
        return ctx.refuse_callback(cb, Denied::NotLinked).await;
    };
    let now = ctx.deps.clock.now().timestamp();
    let outcome = answer(ctx, (id, revision), actor.nip.as_str(), None, now).await?;
    match outcome {
        Ok(_) => {
            let msg = ctx.text(Msg::DialogAckConfirmed);
            ctx.answer_cb_text(cb, Some(msg.clone())).await?;
            if let Some(m) = cb.message_id {
                let _ = ctx.deps.telegram.remove_keyboard(ctx.chat_id, m).await;
            }
            ctx.send(msg, None).await?;
            Ok(())
        }
        Err(refused) => refuse(ctx, cb, refused).await,
    }
}

/// Records the answer and queues the supervisor's notice with it.
async fn answer(
    ctx: &Ctx<'_>,
    (id, revision): (DialogId, i64),
    employee_nip: &str,
    comment: Option<&str>,
    now: i64,
) -> Result<Result<Dialog, Refused>, HandlerError> {
    let db = &ctx.deps.db;
    let Some(d) = dialogs::get(db, id).await? else {
        return Ok(Err(Refused::Missing));
    };
    // Looked up before the transaction; the notice only needs names and a chat.
    let supervisor = dialogs::person_by_nip(db, &d.supervisor_nip).await?;
    let employee = dialogs::person_by_nip(db, &d.employee_nip).await?;
    let notice = |d: &Dialog| {
        let to = supervisor?;
        let lang = to.language;
        let name = employee.map(|e| e.name).unwrap_or_default();
        let date = view::date(d.content.held_on);
        let text = match &d.ack_comment {
            Some(c) => text_with(
                lang,
                Msg::DialogNoticeCommented,
                &[("name", name), ("date", date), ("comment", c.clone())],
            ),
            None => text_with(
                lang,
                Msg::DialogNoticeConfirmed,
                &[("name", name), ("date", date)],
            ),
        };
        Some(Notice {
            to,
            payload: Payload {
                text,
                html: false,
                keyboard: None,
            },
        })
    };
    let outcome =
        dialogs::acknowledge(db, id, revision, employee_nip, comment, notice, now).await?;
    if outcome.is_ok() {
        ctx.deps.outbox.wake();
    }
    Ok(outcome)
}

async fn refuse(ctx: &Ctx<'_>, cb: &Callback, refused: Refused) -> Result<(), HandlerError> {
    let msg = match refused {
        Refused::Answered(a) => text_with(
            ctx.lang,
            Msg::DialogAckAlready,
            &[("state", text(ctx.lang, view::ack(a)))],
        ),
        Refused::NotYours => ctx.text(Msg::DialogAckNotYours),
        Refused::Outdated => ctx.text(Msg::DialogAckOutdated),
        Refused::Locked => ctx.text(Msg::DialogLocked),
        Refused::Missing | Refused::NoOpenFollowUp => ctx.text(Msg::DialogMissing),
    };
    ctx.answer_cb_text(cb, Some(msg)).await?;
    Ok(())
}

/// The comment button: checked now, so that nobody types a comment that cannot be stored.
pub async fn comment(
    ctx: &Ctx<'_>,
    cb: &Callback,
    id: DialogId,
    revision: i64,
) -> Result<(), HandlerError> {
    let Some(actor) = ctx.actor().await? else {
        return ctx.refuse_callback(cb, Denied::NotLinked).await;
    };
    let Some(d) = dialogs::get(&ctx.deps.db, id).await? else {
        return refuse(ctx, cb, Refused::Missing).await;
    };
    if d.employee_nip != actor.nip.as_str() {
        return refuse(ctx, cb, Refused::NotYours).await;
    }
    if d.ack != dialog::Ack::Pending {
        return refuse(ctx, cb, Refused::Answered(d.ack)).await;
    }
    ctx.answer_cb(cb).await?;
    let args = [("max", dialog::MAX_POINT_CHARS.to_string())];
    let ask = text_with(ctx.lang, Msg::DialogAckAskComment, &args);
    if let Some(prompt_message_id) = ctx.send(ask, None).await? {
        let state = State::CommentingDialog {
            dialog_id: id,
            revision,
            prompt_message_id,
        };
        ctx.save_conversation(&state.into()).await?;
    }
    Ok(())
}

pub async fn comment_typed(
    ctx: &Ctx<'_>,
    typed: &str,
    id: DialogId,
    revision: i64,
) -> Result<(), HandlerError> {
    let Some(actor) = ctx.actor().await? else {
        return ctx.refuse(Denied::NotLinked).await;
    };
    let comment = match dialog::check_text(typed) {
        Ok(c) => c,
        Err(dialog::TextError::TooLong { max, got }) => {
            let args = [("max", max.to_string()), ("got", got.to_string())];
            ctx.send(text_with(ctx.lang, Msg::DialogTextTooLong, &args), None)
                .await?;
            return Ok(());
        }
        Err(dialog::TextError::Empty) => {
            ctx.reply(Msg::DialogTextEmpty).await?;
            return Ok(());
        }
    };
    let now = ctx.deps.clock.now().timestamp();
    let outcome = answer(ctx, (id, revision), actor.nip.as_str(), Some(&comment), now).await?;
    ctx.save_conversation(&Conversation::IDLE).await?;
    match outcome {
        Ok(_) => ctx.reply(Msg::DialogAckCommented).await.map(|_| ()),
        Err(Refused::Answered(a)) => {
            let args = [("state", text(ctx.lang, view::ack(a)))];
            ctx.send(text_with(ctx.lang, Msg::DialogAckAlready, &args), None)
                .await
                .map(|_| ())
        }
        Err(Refused::Outdated) => ctx.reply(Msg::DialogAckOutdated).await.map(|_| ()),
        Err(Refused::Locked) => ctx.reply(Msg::DialogLocked).await.map(|_| ()),
        Err(_) => ctx.reply(Msg::DialogMissing).await.map(|_| ()),
    }
}

/// The employee's copy, with the buttons to confirm or comment.
pub fn request(
    (id, revision): (DialogId, i64),
    to: &Person,
    supervisor: &str,
    content: &Content,
    corrected: bool,
) -> Notice {
    let lang = to.language;
    let body = view::record(lang, content, &to.name, supervisor);
    let msg = if corrected {
        Msg::DialogAckAskCorrected
    } else {
        Msg::DialogAckAsk
    };
    let text = text_with(
        lang,
        msg,
        &[("name", supervisor.to_owned()), ("record", body)],
    );
    let keyboard = InlineKeyboardMarkup::new(vec![vec![
        button(
            crate::i18n::text(lang, Msg::DialogConfirmButton),
            Button::Confirm(id, revision),
        ),
        button(
            crate::i18n::text(lang, Msg::DialogCommentButton),
            Button::Comment(id, revision),
        ),
    ]]);
    Notice {
        to: to.clone(),
        payload: Payload {
            text,
            html: false,
            keyboard: serde_json::to_string(&keyboard).ok(),
        },
    }
}
