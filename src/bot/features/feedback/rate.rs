//! The rater's chat: one colleague at a time, the seven values one per tap on one message, then
//! a summary to change a value, add a comment, or finish. Each tap is stored before anything is
//! shown, so leaving and coming back resumes at the next unanswered value. No conversation
//! state is kept for the taps: every button carries its assignment and is checked again.

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use super::prompt::{self, Entry, callback};
use super::{Button, State};
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;
use crate::domain::authz::Denied;
use crate::domain::berakhlak::{Rating, Value};
use crate::domain::{AssignmentId, Lang};
use crate::i18n::{Msg, text, text_with};
use crate::storage::feedback_answers::{self, Assignment, Refused};

/// The longest comment taken, as for a dialog's points: it fits a summary message.
pub const MAX_COMMENT_CHARS: usize = 500;

/// Colleagues per message of the full list: 30 lines of at most a long name each stay under
/// Telegram's 4096 characters.
const LIST_PAGE: usize = 30;

fn rating_label(lang: Lang, r: Rating) -> String {
    let msg = match r {
        Rating::DiBawah => Msg::FeedbackRatingDiBawah,
        Rating::Sesuai => Msg::FeedbackRatingSesuai,
        Rating::DiAtas => Msg::FeedbackRatingDiAtas,
    };
    text(lang, msg)
}

/// One value's question with its three buttons.
fn question(lang: Lang, a: &Assignment, value: Value) -> (String, InlineKeyboardMarkup) {
    let n = Value::ALL.iter().position(|v| *v == value).unwrap_or(0) + 1;
    let guidelines: Vec<String> = value
        .guidelines(lang)
        .iter()
        .map(|g| format!("• {g}"))
        .collect();
    let q = text_with(
        lang,
        Msg::FeedbackQuestion,
        &[
            ("name", a.ratee_name.clone()),
            ("n", n.to_string()),
            ("total", Value::ALL.len().to_string()),
            ("value", value.name(lang).to_owned()),
            ("guidelines", guidelines.join("\n")),
        ],
    );
    let row: Vec<InlineKeyboardButton> = Rating::ALL
        .iter()
        .map(|r| callback(rating_label(lang, *r), Button::Answer(a.id, value, *r)))
        .collect();
    (q, InlineKeyboardMarkup::new(vec![row]))
}

/// All seven answers, the comment, and what can be done with them.
fn summary(lang: Lang, a: &Assignment) -> (String, InlineKeyboardMarkup) {
    let lines: Vec<String> = Value::ALL
        .iter()
        .map(|v| {
            let rating = a
                .answers
                .get(v)
                .map_or_else(String::new, |r| rating_label(lang, *r));
            format!("• {}: {rating}", v.name(lang))
        })
        .collect();
    let comment = a
        .comment
        .clone()
        .unwrap_or_else(|| text(lang, Msg::FeedbackNoComment));
    let body = text_with(
        lang,
        Msg::FeedbackSummary,
        &[
            ("name", a.ratee_name.clone()),
            ("lines", lines.join("\n")),
            ("comment", comment),
        ],
    );
    let mut rows: Vec<Vec<InlineKeyboardButton>> = Value::ALL
        .chunks(2)
        .map(|pair| {
            pair.iter()
                .map(|v| {
                    let label = text_with(
                        lang,
                        Msg::FeedbackChangeButton,
                        &[("value", v.name(lang).to_owned())],
                    );
                    callback(label, Button::Change(a.id, *v))
                })
                .collect()
        })
        .collect();
    let mut last = vec![callback(
        text(lang, Msg::FeedbackCommentButton),
        Button::Comment(a.id),
    )];
    if a.comment.is_some() {
        last.push(callback(
            text(lang, Msg::FeedbackCommentRemoveButton),
            Button::RemoveComment(a.id),
        ));
    }
    last.push(callback(
        text(lang, Msg::FeedbackSubmitButton),
        Button::Submit(a.id),
    ));
    rows.push(last);
    (body, InlineKeyboardMarkup::new(rows))
}

/// The next unanswered value's question, or the summary when all are answered.
fn next_screen(lang: Lang, a: &Assignment) -> (String, InlineKeyboardMarkup) {
    match a.next_value() {
        Some(v) => question(lang, a, v),
        None => summary(lang, a),
    }
}

/// The assignment if the presser may change it today; otherwise the press is answered. One
/// query: the presser is checked against the assignment's rater, not looked up first.
async fn writable(
    ctx: &Ctx<'_>,
    cb: &Callback,
    id: AssignmentId,
) -> Result<Option<Assignment>, HandlerError> {
    let db = &ctx.deps.db;
    match feedback_answers::writable_by(db, id, ctx.user_id, ctx.today()).await? {
        Ok(a) => Ok(Some(a)),
        Err(Refused::NotYours) if ctx.actor().await?.is_none() => {
            ctx.refuse_callback(cb, Denied::NotLinked).await?;
            Ok(None)
        }
        Err(refused) => {
            refuse(ctx, cb, refused).await?;
            Ok(None)
        }
    }
}

async fn refuse(ctx: &Ctx<'_>, cb: &Callback, refused: Refused) -> Result<(), HandlerError> {
    match refused {
        Refused::Missing => ctx.answer_cb_with(cb, Msg::FeedbackMissing).await,
        Refused::NotYours => ctx.refuse_callback(cb, Denied::NotAllowed).await,
        Refused::NotOpen => ctx.answer_cb_with(cb, Msg::FeedbackNotOpen).await,
        Refused::Closed => ctx.answer_cb_with(cb, Msg::FeedbackClosed).await,
        Refused::Locked => ctx.answer_cb_with(cb, Msg::FeedbackLocked).await,
    }
}

/// Shows `screen` on the pressed message, or in a new one when there is none to edit.
async fn show(
    ctx: &Ctx<'_>,
    cb: Option<&Callback>,
    (body, keyboard): (String, InlineKeyboardMarkup),
) -> Result<(), HandlerError> {
    match cb.and_then(|c| c.message_id) {
        Some(message) => {
            ctx.deps
                .telegram
                .edit_text(ctx.chat_id, message, body, Some(keyboard))
                .await?;
        }
        None => {
            ctx.send(body, Some(keyboard)).await?;
        }
    }
    Ok(())
}

/// The rater's colleagues in the rounds open today, from `/feedback` or "see all".
pub async fn list(ctx: &Ctx<'_>, cb: Option<&Callback>) -> Result<(), HandlerError> {
    let Some(actor) = ctx.actor().await? else {
        if let Some(cb) = cb {
            return ctx.refuse_callback(cb, Denied::NotLinked).await;
        }
        return ctx.refuse(Denied::NotLinked).await;
    };
    if let Some(cb) = cb {
        ctx.answer_cb(cb).await?;
    }
    if !send_list(ctx, actor.nip.as_str()).await? {
        ctx.reply(Msg::FeedbackListEmpty).await?;
    }
    Ok(())
}

/// The list for someone who just linked their account: a round's opening message could not
/// reach them before, so they get it now (nothing when there is nobody to rate).
pub async fn on_linking(ctx: &Ctx<'_>, nip: &str) -> Result<(), HandlerError> {
    send_list(ctx, nip).await.map(|_| ())
}

/// Sends the rater's list; `false` when there is nobody to rate.
async fn send_list(ctx: &Ctx<'_>, nip: &str) -> Result<bool, HandlerError> {
    let todo = feedback_answers::todo(&ctx.deps.db, nip, ctx.today()).await?;
    if todo.is_empty() {
        return Ok(false);
    }
    let entries: Vec<Entry> = todo
        .iter()
        .map(|t| Entry {
            id: t.id,
            name: t.ratee_name.clone(),
            answered: t.answered,
            complete: t.complete,
        })
        .collect();
    let open = entries.iter().filter(|e| !e.complete).count();
    let header = text_with(
        ctx.lang,
        Msg::FeedbackListHeader,
        &[
            ("open", open.to_string()),
            ("total", entries.len().to_string()),
        ],
    );
    // Every colleague gets a line and a button (finished ones too, to change an answer), in
    // pages that stay well under Telegram's 4096 characters and 100 buttons per message.
    for (n, page) in entries.chunks(LIST_PAGE).enumerate() {
        let lines: Vec<String> = page.iter().map(|e| prompt::line(ctx.lang, e)).collect();
        let rows: Vec<Vec<InlineKeyboardButton>> = page
            .iter()
            .map(|e| {
                let label = if e.complete {
                    format!("✅ {}", e.name)
                } else {
                    e.name.clone()
                };
                vec![callback(label, Button::Rate(e.id))]
            })
            .collect();
        let body = if n == 0 {
            format!("{header}\n\n{}", lines.join("\n"))
        } else {
            lines.join("\n")
        };
        ctx.send(body, Some(InlineKeyboardMarkup::new(rows)))
            .await?;
    }
    Ok(true)
}

/// Start or resume one colleague: a new message at the next unanswered value (the list it was
/// pressed on stays as it is).
pub async fn start(ctx: &Ctx<'_>, cb: &Callback, id: AssignmentId) -> Result<(), HandlerError> {
    let Some(a) = writable(ctx, cb, id).await? else {
        return Ok(());
    };
    ctx.answer_cb(cb).await?;
    show(ctx, None, next_screen(ctx.lang, &a)).await
}

/// One tap: stored, then the next value (or the summary) on the same message.
pub async fn answered(
    ctx: &Ctx<'_>,
    cb: &Callback,
    id: AssignmentId,
    value: Value,
    rating: Rating,
) -> Result<(), HandlerError> {
    let Some(mut a) = writable(ctx, cb, id).await? else {
        return Ok(());
    };
    let now = ctx.deps.clock.now().timestamp();
    let today = ctx.today();
    // A value changed from the summary goes back to the summary, not to the next question.
    let was_complete = a.next_value().is_none();
    if let Err(refused) =
        feedback_answers::answer(&ctx.deps.db, &a, value, rating, today, now).await?
    {
        return refuse(ctx, cb, refused).await;
    }
    ctx.answer_cb(cb).await?;
    a.answers.insert(value, rating);
    let screen = if was_complete {
        summary(ctx.lang, &a)
    } else {
        next_screen(ctx.lang, &a)
    };
    show(ctx, Some(cb), screen).await
}

/// Asks one value again, from the summary.
pub async fn change(
    ctx: &Ctx<'_>,
    cb: &Callback,
    id: AssignmentId,
    value: Value,
) -> Result<(), HandlerError> {
    let Some(a) = writable(ctx, cb, id).await? else {
        return Ok(());
    };
    ctx.answer_cb(cb).await?;
    show(ctx, Some(cb), question(ctx.lang, &a, value)).await
}

/// Asks for the optional comment; the next text is it.
pub async fn comment(ctx: &Ctx<'_>, cb: &Callback, id: AssignmentId) -> Result<(), HandlerError> {
    let Some(a) = writable(ctx, cb, id).await? else {
        return Ok(());
    };
    ctx.answer_cb(cb).await?;
    let ask = text_with(
        ctx.lang,
        Msg::FeedbackCommentAsk,
        &[
            ("name", a.ratee_name.clone()),
            ("max", MAX_COMMENT_CHARS.to_string()),
        ],
    );
    if let Some(prompt_message_id) = ctx.send(ask, None).await? {
        let state = State::CommentingFeedback {
            assignment_id: id,
            prompt_message_id,
        };
        ctx.save_conversation(&state.into()).await?;
    }
    Ok(())
}

pub async fn comment_typed(
    ctx: &Ctx<'_>,
    text: &str,
    id: AssignmentId,
    prompt_message_id: i32,
) -> Result<(), HandlerError> {
    let Some(actor) = ctx.actor().await? else {
        return ctx.refuse(Denied::NotLinked).await;
    };
    let text = text.trim();
    if text.chars().count() > MAX_COMMENT_CHARS {
        let args = [
            ("max", MAX_COMMENT_CHARS.to_string()),
            ("length", text.chars().count().to_string()),
        ];
        ctx.send(
            text_with(ctx.lang, Msg::FeedbackCommentTooLong, &args),
            None,
        )
        .await?;
        return Ok(());
    }
    let db = &ctx.deps.db;
    let today = ctx.today();
    let a = match feedback_answers::writable(db, id, actor.nip.as_str(), today).await? {
        Ok(a) => a,
        Err(refused) => {
            ctx.end_prompt(prompt_message_id).await?;
            let msg = match refused {
                Refused::Closed => Msg::FeedbackClosed,
                Refused::Locked => Msg::FeedbackLocked,
                Refused::NotOpen => Msg::FeedbackNotOpen,
                Refused::Missing | Refused::NotYours => Msg::FeedbackMissing,
            };
            ctx.reply(msg).await?;
            return Ok(());
        }
    };
    let comment = (!text.is_empty()).then_some(text);
    if let Err(refused) = feedback_answers::set_comment(db, &a, comment, today).await? {
        ctx.end_prompt(prompt_message_id).await?;
        let msg = match refused {
            Refused::Closed => Msg::FeedbackClosed,
            Refused::Locked => Msg::FeedbackLocked,
            _ => Msg::FeedbackMissing,
        };
        ctx.reply(msg).await?;
        return Ok(());
    }
    ctx.end_prompt(prompt_message_id).await?;
    let mut a = a;
    a.comment = comment.map(str::to_owned);
    show(ctx, None, next_screen(ctx.lang, &a)).await
}

/// Removes the comment; the summary shows it gone.
pub async fn remove_comment(
    ctx: &Ctx<'_>,
    cb: &Callback,
    id: AssignmentId,
) -> Result<(), HandlerError> {
    let Some(mut a) = writable(ctx, cb, id).await? else {
        return Ok(());
    };
    let db = &ctx.deps.db;
    if let Err(refused) = feedback_answers::set_comment(db, &a, None, ctx.today()).await? {
        return refuse(ctx, cb, refused).await;
    }
    ctx.answer_cb_with(cb, Msg::FeedbackCommentRemoved).await?;
    a.comment = None;
    show(ctx, Some(cb), next_screen(ctx.lang, &a)).await
}

/// The rater is done with this colleague: the message becomes the list of who is left.
pub async fn submit(ctx: &Ctx<'_>, cb: &Callback, id: AssignmentId) -> Result<(), HandlerError> {
    let Some(a) = writable(ctx, cb, id).await? else {
        return Ok(());
    };
    if a.next_value().is_some() {
        ctx.answer_cb_with(cb, Msg::FeedbackIncomplete).await?;
        return show(ctx, Some(cb), next_screen(ctx.lang, &a)).await;
    }
    let db = &ctx.deps.db;
    feedback_answers::submit(db, &a, ctx.deps.clock.now().timestamp()).await?;
    ctx.answer_cb_with(cb, Msg::FeedbackSaved).await?;
    let todo = feedback_answers::todo(db, &a.rater_nip, ctx.today()).await?;
    let left: Vec<Entry> = todo
        .iter()
        .filter(|t| !t.complete)
        .map(|t| Entry {
            id: t.id,
            name: t.ratee_name.clone(),
            answered: t.answered,
            complete: false,
        })
        .collect();
    let done = text_with(
        ctx.lang,
        Msg::FeedbackDone,
        &[
            ("name", a.ratee_name.clone()),
            ("left", left.len().to_string()),
        ],
    );
    let (lines, keyboard) = prompt::list(ctx.lang, &left);
    let body = if left.is_empty() {
        done
    } else {
        format!("{done}\n\n{lines}")
    };
    let Some(message) = cb.message_id else {
        ctx.send(body, keyboard).await?;
        return Ok(());
    };
    ctx.deps
        .telegram
        .edit_text(ctx.chat_id, message, body, keyboard)
        .await?;
    if left.is_empty() {
        let _ = ctx
            .deps
            .telegram
            .remove_keyboard(ctx.chat_id, message)
            .await;
    }
    Ok(())
}
