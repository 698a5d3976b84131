//! The follow-up marked done, and the coached employee's feedback on it: five statements, each
//! a tap on a four-point scale, one question at a time on one message. The answers go to the
//! supervisor's own supervisor (and to HR in aggregate), never to the supervisor alone.

use teloxide::types::InlineKeyboardMarkup;

use super::Button;
use super::view::{self, button};
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;
use crate::domain::authz::Denied;
use crate::domain::dialog::{Agreement, CoachingStatement};
use crate::domain::{DialogId, Lang};
use crate::i18n::{Msg, text, text_with};
use crate::storage::dialogs::{self, Dialog, Notice, Person, Refused};
use crate::storage::outbox::Payload;

/// One statement with its four buttons.
fn question(lang: Lang, id: DialogId, n: usize) -> (String, InlineKeyboardMarkup) {
    let statement = CoachingStatement::ALL[n];
    let q = text_with(
        lang,
        Msg::DialogCoachingQuestion,
        &[
            ("n", (n + 1).to_string()),
            ("total", CoachingStatement::ALL.len().to_string()),
            ("statement", text(lang, view::statement(statement))),
        ],
    );
    let rows = Agreement::ALL
        .iter()
        .map(|a| {
            vec![button(
                text(lang, view::agreement(*a)),
                Button::Coaching(id, statement, *a),
            )]
        })
        .collect::<Vec<_>>();
    (q, InlineKeyboardMarkup::new(rows))
}

pub async fn follow_up_done(
    ctx: &Ctx<'_>,
    cb: &Callback,
    id: DialogId,
) -> Result<(), HandlerError> {
    let Some(actor) = ctx.actor().await? else {
        return ctx.refuse_callback(cb, Denied::NotLinked).await;
    };
    let db = &ctx.deps.db;
    let Some(d) = dialogs::get(db, id).await? else {
        return ctx.answer_cb_with(cb, Msg::DialogMissing).await;
    };
    let Some(employee) = dialogs::person_by_nip(db, &d.employee_nip).await? else {
        return ctx.answer_cb_with(cb, Msg::DialogMissing).await;
    };
    let supervisor = dialogs::person_by_nip(db, &d.supervisor_nip).await?;
    let has_superior = supervisor
        .as_ref()
        .is_some_and(|s| s.supervisor_nip.is_some());
    let supervisor_name = supervisor.map(|s| s.name).unwrap_or_default();
    let intro_msg = if has_superior {
        Msg::DialogCoachingIntro
    } else {
        Msg::DialogCoachingIntroNoSuperior
    };
    let notice = |d: &Dialog| {
        let kind = d.content.follow_up?;
        if !kind.wants_coaching_feedback() {
            return None;
        }
        let lang = employee.language;
        let intro = text_with(
            lang,
            intro_msg,
            &[
                ("name", supervisor_name.clone()),
                ("followup", text(lang, view::follow_up(kind))),
                ("date", view::date(d.content.held_on)),
            ],
        );
        let (q, keyboard) = question(lang, d.id, 0);
        Some(Notice {
            to: employee.clone(),
            payload: Payload {
                text: format!("{intro}\n\n{q}"),
                html: false,
                keyboard: serde_json::to_string(&keyboard).ok(),
            },
        })
    };
    let now = ctx.deps.clock.now().timestamp();
    match dialogs::follow_up_done(db, id, actor.nip.as_str(), notice, now).await? {
        Ok(_) => {
            ctx.deps.outbox.wake();
            ctx.answer_cb_with(cb, Msg::DialogFollowUpMarked).await
        }
        Err(Refused::NotYours) => ctx.refuse_callback(cb, Denied::NotAllowed).await,
        Err(Refused::NoOpenFollowUp) => ctx.answer_cb_with(cb, Msg::DialogFollowUpNoneOpen).await,
        Err(_) => ctx.answer_cb_with(cb, Msg::DialogMissing).await,
    }
}

pub async fn answered(
    ctx: &Ctx<'_>,
    cb: &Callback,
    id: DialogId,
    statement: CoachingStatement,
    agreement: Agreement,
) -> Result<(), HandlerError> {
    let Some(actor) = ctx.actor().await? else {
        return ctx.refuse_callback(cb, Denied::NotLinked).await;
    };
    let db = &ctx.deps.db;
    let Some(d) = dialogs::get(db, id).await? else {
        return ctx.answer_cb_with(cb, Msg::DialogMissing).await;
    };
    // Only the coached employee answers, only once the follow-up is done, and only once.
    if d.employee_nip != actor.nip.as_str() {
        return ctx.refuse_callback(cb, Denied::NotAllowed).await;
    }
    if !d.follow_up_done || d.coaching_sent {
        return ctx.answer_cb_with(cb, Msg::DialogCoachingClosed).await;
    }
    let now = ctx.deps.clock.now().timestamp();
    let answers = dialogs::coaching_answer(db, id, statement, agreement, now).await?;
    ctx.answer_cb(cb).await?;
    let next = CoachingStatement::ALL
        .iter()
        .position(|s| !answers.iter().any(|(a, _)| a == s));
    let Some(message) = cb.message_id else {
        return Ok(());
    };
    if let Some(n) = next {
        let (q, keyboard) = question(ctx.lang, id, n);
        ctx.deps
            .telegram
            .edit_text(ctx.chat_id, message, q, Some(keyboard))
            .await?;
        return Ok(());
    }
    let notice = superior_notice(ctx, &d, &answers).await?;
    dialogs::coaching_complete(db, id, notice, now).await?;
    ctx.deps.outbox.wake();
    ctx.deps
        .telegram
        .edit_text(
            ctx.chat_id,
            message,
            ctx.text(Msg::DialogCoachingThanks),
            None,
        )
        .await?;
    Ok(())
}

/// The answers for the supervisor's own supervisor; `None` when there is none (HR still sees
/// them in aggregate).
async fn superior_notice(
    ctx: &Ctx<'_>,
    d: &Dialog,
    answers: &[(CoachingStatement, Agreement)],
) -> Result<Option<Notice>, HandlerError> {
    let db = &ctx.deps.db;
    let Some(supervisor) = dialogs::person_by_nip(db, &d.supervisor_nip).await? else {
        return Ok(None);
    };
    let Some(superior_nip) = supervisor.supervisor_nip.as_deref() else {
        return Ok(None);
    };
    let Some(superior): Option<Person> = dialogs::person_by_nip(db, superior_nip).await? else {
        return Ok(None);
    };
    let employee = dialogs::person_by_nip(db, &d.employee_nip).await?;
    let lang = superior.language;
    let lines: Vec<String> = answers
        .iter()
        .map(|(s, a)| {
            format!(
                "• {}: {}",
                text(lang, view::statement(*s)),
                text(lang, view::agreement(*a))
            )
        })
        .collect();
    let followup = d
        .content
        .follow_up
        .map(|f| text(lang, view::follow_up(f)))
        .unwrap_or_default();
    let body = text_with(
        lang,
        Msg::DialogCoachingToSuperior,
        &[
            ("employee", employee.map(|e| e.name).unwrap_or_default()),
            ("supervisor", supervisor.name.clone()),
            ("followup", followup),
            ("date", view::date(d.content.held_on)),
            ("answers", lines.join("\n")),
        ],
    );
    Ok(Some(Notice {
        to: superior,
        payload: Payload {
            text: body,
            html: false,
            keyboard: None,
        },
    }))
}
