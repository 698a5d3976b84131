//! Writing an open note: choose the colleague, the value, appreciation or improvement, type the
//! text, see the preview, send. Each button step edits the prompt in place; after the typed text
//! the preview is a new message. The recipient is authorized again at every step and at send
//! time, from the database, never from the button.

use super::notices;
use super::rules::{self, TextError};
use super::states::{NoteDraft, NoteStep};
use super::view::{self, button, keyboard};
use super::{Button, State};
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::conversation::Conversation;
use crate::bot::input::Callback;
use crate::domain::EmployeeRef;
use crate::domain::authz::Denied;
use crate::domain::deadline::zone_name;
use crate::i18n::{Msg, text, text_with};
use crate::storage::dialogs::{Person, person_by_ref, person_by_user};
use crate::storage::feedback_notes::{self, DailyLimit, NewNote, NoteKind, Sent};

async fn me(ctx: &Ctx<'_>) -> Result<Option<Person>, HandlerError> {
    Ok(person_by_user(&ctx.deps.db, ctx.user_id).await?)
}

/// This person, if they work with `me` now.
async fn colleague(
    ctx: &Ctx<'_>,
    me: &Person,
    who: EmployeeRef,
) -> Result<Option<Person>, HandlerError> {
    let person = person_by_ref(&ctx.deps.db, who).await?;
    Ok(person.filter(|p| rules::relation(me, p).is_some()))
}

fn daily(ctx: &Ctx<'_>) -> (DailyLimit, String) {
    let tz = ctx.deps.settings.file.time_zone.tz();
    let (day_start, tomorrow) = rules::day_bounds(ctx.deps.clock.now(), tz);
    let limit = ctx.deps.settings.file.feedback.notes_per_day;
    let args = [
        ("limit", limit.to_string()),
        ("date", view::date(tomorrow)),
        ("zone", zone_name(tz).to_owned()),
    ];
    let refusal = text_with(ctx.lang, Msg::NotesLimitReached, &args);
    (DailyLimit { day_start, limit }, refusal)
}

/// `/feedback` → send feedback: the colleagues to choose from.
pub async fn start(ctx: &Ctx<'_>, cb: &Callback) -> Result<(), HandlerError> {
    let Some(me) = me(ctx).await? else {
        return ctx.refuse_callback(cb, Denied::NotLinked).await;
    };
    ctx.answer_cb(cb).await?;
    // Said before any writing, so that nobody types a note that cannot go out today.
    let (daily, refusal) = daily(ctx);
    let sent = feedback_notes::sent_since(&ctx.deps.db, &me.nip, daily.day_start).await?;
    if sent >= i64::from(daily.limit) {
        ctx.send(refusal, None).await?;
        return Ok(());
    }
    let db = &ctx.deps.db;
    let list = feedback_notes::colleagues(db, &me.nip, me.supervisor_nip.as_deref()).await?;
    if list.is_empty() {
        ctx.reply(Msg::NotesNoColleagues).await?;
        return Ok(());
    }
    let draft = NoteDraft {
        key: view::new_key(),
        ..NoteDraft::default()
    };
    ask(ctx, &me, draft, None).await
}

/// A button on the note's current prompt.
pub async fn pressed(
    ctx: &Ctx<'_>,
    cb: &Callback,
    pressed: Button,
    mut draft: NoteDraft,
    prompt: i32,
) -> Result<(), HandlerError> {
    let Some(me) = me(ctx).await? else {
        return ctx.refuse_callback(cb, Denied::NotLinked).await;
    };
    match (draft.step, pressed) {
        (NoteStep::Colleague, Button::Page(page)) => draft.page = page,
        (NoteStep::Colleague, Button::To(who)) => {
            let Some(person) = colleague(ctx, &me, who).await? else {
                tracing::debug!(employee_ref = who.0, "note recipient refused");
                return ctx.answer_cb_with(cb, Msg::NotesNotColleague).await;
            };
            draft.recipient = Some(who);
            draft.recipient_name = person.name;
            draft.step = NoteStep::Value;
        }
        (NoteStep::Value, Button::Value(v)) => {
            draft.value = Some(v);
            draft.step = NoteStep::Kind;
        }
        (NoteStep::Kind, Button::Kind(k)) => {
            draft.kind = Some(k);
            draft.step = NoteStep::Text;
        }
        (NoteStep::Preview, Button::Discard) => {
            ctx.answer_cb(cb).await?;
            ctx.end_prompt(prompt).await?;
            ctx.reply(Msg::NotesDiscarded).await?;
            return Ok(());
        }
        (NoteStep::Preview, Button::Send) => return send(ctx, cb, &me, draft, prompt).await,
        _ => return crate::bot::fallback::stale_button(ctx, cb).await,
    }
    ctx.answer_cb(cb).await?;
    ask(ctx, &me, draft, Some(prompt)).await
}

/// The note's text, typed at the text step; anything typed elsewhere is pointed to the
/// buttons.
pub async fn typed(ctx: &Ctx<'_>, typed: &str, mut draft: NoteDraft) -> Result<(), HandlerError> {
    let Some(me) = me(ctx).await? else {
        return ctx.refuse(Denied::NotLinked).await;
    };
    if draft.step != NoteStep::Text {
        ctx.reply(Msg::NotesUseButtons).await?;
        return Ok(());
    }
    match rules::check_text(typed) {
        Ok(t) => draft.text = Some(t),
        Err(e) => {
            ctx.send(text_error(ctx, e), None).await?;
            return Ok(());
        }
    }
    // The text's question has no buttons to take away; the preview comes below the text.
    draft.step = NoteStep::Preview;
    ask(ctx, &me, draft, None).await
}

pub(super) fn text_error(ctx: &Ctx<'_>, e: TextError) -> String {
    match e {
        TextError::Empty => ctx.text(Msg::NotesTextEmpty),
        TextError::TooLong { max, got } => {
            let args = [("max", max.to_string()), ("got", got.to_string())];
            text_with(ctx.lang, Msg::NotesTextTooLong, &args)
        }
    }
}

/// Asks the draft's current question: edits `prompt`, or sends a new message; then stores the
/// draft with that message as its prompt.
async fn ask(
    ctx: &Ctx<'_>,
    me: &Person,
    draft: NoteDraft,
    prompt: Option<i32>,
) -> Result<(), HandlerError> {
    let (question, rows) = question(ctx, me, &draft).await?;
    let markup = (!rows.is_empty()).then(|| keyboard(rows)).flatten();
    let id = match prompt {
        Some(id) => {
            ctx.deps
                .telegram
                .edit_text(ctx.chat_id, id, question, markup)
                .await?;
            Some(id)
        }
        None => ctx.send(question, markup).await?,
    };
    if let Some(prompt_message_id) = id {
        let state = State::WritingNote {
            draft: Box::new(draft),
            prompt_message_id,
        };
        ctx.save_conversation(&state.into()).await?;
    }
    Ok(())
}

type Rows = Vec<Vec<teloxide::types::InlineKeyboardButton>>;

async fn question(
    ctx: &Ctx<'_>,
    me: &Person,
    draft: &NoteDraft,
) -> Result<(String, Rows), HandlerError> {
    let lang = ctx.lang;
    let name = draft.recipient_name.clone();
    let value = draft
        .value
        .map(|v| v.name(lang).to_owned())
        .unwrap_or_default();
    let kind = draft
        .kind
        .map(|k| text(lang, view::kind(k)))
        .unwrap_or_default();
    Ok(match draft.step {
        NoteStep::Colleague => {
            let db = &ctx.deps.db;
            let list =
                feedback_notes::colleagues(db, &me.nip, me.supervisor_nip.as_deref()).await?;
            let ask = text(lang, Msg::NotesAskColleague);
            view::people(lang, ask, &list, draft.page, Button::To)
        }
        NoteStep::Value => (
            text_with(lang, Msg::NotesAskValue, &[("name", name)]),
            view::values(|v| v.name(lang).to_owned()),
        ),
        NoteStep::Kind => {
            let row = NoteKind::ALL
                .iter()
                .map(|k| button(text(lang, view::kind(*k)), Button::Kind(*k)))
                .collect();
            let args = [("name", name), ("value", value)];
            (text_with(lang, Msg::NotesAskKind, &args), vec![row])
        }
        NoteStep::Text => {
            let args = [
                ("name", name),
                ("value", value),
                ("kind", kind),
                ("max", rules::MAX_CHARS.to_string()),
            ];
            (text_with(lang, Msg::NotesAskText, &args), Vec::new())
        }
        NoteStep::Preview => {
            let args = [
                ("name", name),
                ("value", value),
                ("kind", kind),
                ("text", draft.text.clone().unwrap_or_default()),
            ];
            let row = vec![
                button(text(lang, Msg::NotesSendButton), Button::Send),
                button(text(lang, Msg::NotesDiscardButton), Button::Discard),
            ];
            (text_with(lang, Msg::NotesPreview, &args), vec![row])
        }
    })
}

async fn send(
    ctx: &Ctx<'_>,
    cb: &Callback,
    me: &Person,
    draft: NoteDraft,
    prompt: i32,
) -> Result<(), HandlerError> {
    let (Some(who), Some(value), Some(kind), Some(body)) = (
        draft.recipient,
        draft.value,
        draft.kind,
        draft.text.as_deref(),
    ) else {
        return crate::bot::fallback::stale_button(ctx, cb).await;
    };
    // Authorized again at send time: a re-import may have moved someone since the writing began.
    let Some(recipient) = colleague(ctx, me, who).await? else {
        ctx.answer_cb(cb).await?;
        ctx.end_prompt(prompt).await?;
        ctx.reply(Msg::NotesNotColleague).await?;
        return Ok(());
    };
    let (daily, refusal) = daily(ctx);
    let notice = notices::note(me, &recipient, value, kind, body);
    let period = view::period(ctx);
    let note = NewNote {
        key: &draft.key,
        sender_nip: &me.nip,
        recipient: &recipient,
        value,
        kind,
        text: body,
        period: &period,
    };
    let now = ctx.deps.clock.now().timestamp();
    match feedback_notes::send(&ctx.deps.db, &note, daily, &notice, now).await? {
        Sent::Stored(_) | Sent::Already(_) => {
            ctx.deps.outbox.wake();
            ctx.answer_cb(cb).await?;
            ctx.save_conversation(&Conversation::IDLE).await?;
            // The sender keeps what they wrote, in place of the preview.
            let sent = text_with(ctx.lang, Msg::NotesSent, &[("name", recipient.name)]);
            let done = format!("{sent}\n\n{body}");
            ctx.deps
                .telegram
                .edit_text(ctx.chat_id, prompt, done, None)
                .await?;
        }
        // The preview stays: it can be sent once the day is over, or discarded.
        Sent::Limit => {
            ctx.answer_cb(cb).await?;
            ctx.send(refusal, None).await?;
        }
    }
    Ok(())
}
