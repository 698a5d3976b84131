//! Ekspektasi khusus pimpinan: a supervisor chooses a subordinate, sees the seven values with
//! this period's expectation for each, and writes or removes one; the employee is told through
//! the outbox and sees theirs with "my expectations". Only the employee's current direct
//! supervisor writes: checked on every step here, and again in the write's transaction.

use std::collections::BTreeMap;

use super::states::{ExpectationDraft, ExpectationStep};
use super::view::{self, button, keyboard};
use super::{Button, State};
use super::{notices, rules};
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;
use crate::domain::EmployeeRef;
use crate::domain::authz::Denied;
use crate::domain::berakhlak::Value;
use crate::i18n::{Msg, text, text_with};
use crate::storage::dialogs::{Person, person_by_ref, person_by_user};
use crate::storage::expectations::{self, Expectation, Written};
use crate::storage::feedback_notes;

async fn me(ctx: &Ctx<'_>) -> Result<Option<Person>, HandlerError> {
    Ok(person_by_user(&ctx.deps.db, ctx.user_id).await?)
}

/// This person, if they are `me`'s active direct subordinate now.
async fn subordinate(
    ctx: &Ctx<'_>,
    me: &Person,
    who: EmployeeRef,
) -> Result<Option<Person>, HandlerError> {
    let person = person_by_ref(&ctx.deps.db, who).await?;
    Ok(person.filter(|p| rules::is_subordinate(me, p)))
}

/// `/feedback` → special expectations: the subordinates to choose from.
pub async fn start(ctx: &Ctx<'_>, cb: &Callback) -> Result<(), HandlerError> {
    let Some(me) = me(ctx).await? else {
        return ctx.refuse_callback(cb, Denied::NotLinked).await;
    };
    ctx.answer_cb(cb).await?;
    let team = feedback_notes::subordinates(&ctx.deps.db, &me.nip).await?;
    if team.is_empty() {
        ctx.reply(Msg::NotesExpNoSubordinates).await?;
        return Ok(());
    }
    let draft = ExpectationDraft {
        step: ExpectationStep::Subordinate,
        page: 0,
        employee: None,
        name: String::new(),
    };
    let shown = Shown {
        employee: None,
        said: None,
    };
    show(ctx, &me, draft, None, shown).await
}

/// A button on the expectations' current view.
pub async fn pressed(
    ctx: &Ctx<'_>,
    cb: &Callback,
    pressed: Button,
    mut draft: ExpectationDraft,
    prompt: i32,
) -> Result<(), HandlerError> {
    let Some(me) = me(ctx).await? else {
        return ctx.refuse_callback(cb, Denied::NotLinked).await;
    };
    if let Button::Done = pressed {
        ctx.answer_cb(cb).await?;
        return ctx.end_prompt(prompt).await;
    }
    // A view of one subordinate's expectations acts only while they report to `me`.
    let mut employee = None;
    if draft.step != ExpectationStep::Subordinate {
        employee = chosen(ctx, &me, &draft).await?;
        if employee.is_none() {
            ctx.answer_cb_with(cb, Msg::NotesExpNotSubordinate).await?;
            return ctx.end_prompt(prompt).await;
        }
    }
    let mut said = None;
    match (draft.step, pressed, employee.as_ref()) {
        (ExpectationStep::Subordinate, Button::Page(page), _) => draft.page = page,
        (ExpectationStep::Subordinate, Button::For(who), _) => {
            let Some(person) = subordinate(ctx, &me, who).await? else {
                tracing::debug!(employee_ref = who.0, "expectations refused");
                return ctx.answer_cb_with(cb, Msg::NotesExpNotSubordinate).await;
            };
            draft.employee = Some(who);
            draft.name = person.name.clone();
            draft.step = ExpectationStep::Values;
            employee = Some(person);
        }
        (ExpectationStep::Values, Button::Value(v), _) => draft.step = ExpectationStep::Text(v),
        (ExpectationStep::Values, Button::Back, _) => {
            draft.step = ExpectationStep::Subordinate;
            employee = None;
        }
        (ExpectationStep::Text(_), Button::Back, _) => draft.step = ExpectationStep::Values,
        (ExpectationStep::Text(value), Button::Remove, Some(employee)) => {
            match remove(ctx, &me, employee, value).await? {
                Written::NotSupervisor => {
                    ctx.answer_cb_with(cb, Msg::NotesExpNotSubordinate).await?;
                    return ctx.end_prompt(prompt).await;
                }
                Written::Changed { .. } => {
                    let args = [("name", employee.name.clone())];
                    said = Some(text_with(ctx.lang, Msg::NotesExpRemoved, &args));
                }
                Written::Unchanged => {}
            }
            draft.step = ExpectationStep::Values;
        }
        _ => return crate::bot::fallback::stale_button(ctx, cb).await,
    }
    ctx.answer_cb(cb).await?;
    let shown = Shown {
        employee: employee.as_ref(),
        said,
    };
    show(ctx, &me, draft, Some(prompt), shown).await
}

/// Removes this period's expectation on `value`, telling the employee.
async fn remove(
    ctx: &Ctx<'_>,
    me: &Person,
    employee: &Person,
    value: Value,
) -> Result<Written, HandlerError> {
    let period = view::period(ctx);
    let notice = notices::expectation_removed(&period, me, employee, value);
    let e = expectation(me, employee, value, &period);
    let now = ctx.deps.clock.now().timestamp();
    let written = expectations::remove(&ctx.deps.db, e, notice, now).await?;
    if matches!(written, Written::Changed { .. }) {
        ctx.deps.outbox.wake();
    }
    Ok(written)
}

/// The expectation's text, typed while writing one.
pub async fn typed(
    ctx: &Ctx<'_>,
    typed: &str,
    mut draft: ExpectationDraft,
    prompt: i32,
) -> Result<(), HandlerError> {
    let Some(me) = me(ctx).await? else {
        return ctx.refuse(Denied::NotLinked).await;
    };
    let ExpectationStep::Text(value) = draft.step else {
        ctx.reply(Msg::NotesUseButtons).await?;
        return Ok(());
    };
    let body = match rules::check_text(typed) {
        Ok(t) => t,
        Err(e) => {
            ctx.send(super::send::text_error(ctx, e), None).await?;
            return Ok(());
        }
    };
    let Some(employee) = chosen(ctx, &me, &draft).await? else {
        ctx.end_prompt(prompt).await?;
        ctx.reply(Msg::NotesExpNotSubordinate).await?;
        return Ok(());
    };
    let period = view::period(ctx);
    let notice =
        |was_set: bool| notices::expectation_set(&period, &me, &employee, value, &body, was_set);
    let e = expectation(&me, &employee, value, &period);
    let now = ctx.deps.clock.now().timestamp();
    let said = match expectations::set(&ctx.deps.db, e, &body, notice, now).await? {
        Written::NotSupervisor => {
            ctx.end_prompt(prompt).await?;
            ctx.reply(Msg::NotesExpNotSubordinate).await?;
            return Ok(());
        }
        Written::Changed { .. } => {
            ctx.deps.outbox.wake();
            let args = [("name", employee.name.clone())];
            text_with(ctx.lang, Msg::NotesExpSaved, &args)
        }
        Written::Unchanged => ctx.text(Msg::NotesExpUnchanged),
    };
    draft.step = ExpectationStep::Values;
    // The old view's buttons would act on a step that has passed; the overview comes anew
    // below what was typed.
    let _ = ctx.deps.telegram.remove_keyboard(ctx.chat_id, prompt).await;
    let shown = Shown {
        employee: Some(&employee),
        said: Some(said),
    };
    show(ctx, &me, draft, None, shown).await
}

/// `/feedback` → my expectations: this period's, by value.
pub async fn mine(ctx: &Ctx<'_>, cb: &Callback) -> Result<(), HandlerError> {
    let Some(me) = me(ctx).await? else {
        return ctx.refuse_callback(cb, Denied::NotLinked).await;
    };
    ctx.answer_cb(cb).await?;
    let period = view::period(ctx);
    let set = expectations::of_employee(&ctx.deps.db, &me.nip, &period).await?;
    let args = [("period", period)];
    if set.is_empty() {
        ctx.send(text_with(ctx.lang, Msg::NotesExpMineNone, &args), None)
            .await?;
        return Ok(());
    }
    let mut out = text_with(ctx.lang, Msg::NotesExpMineHeader, &args);
    for (value, body) in &set {
        out.push('\n');
        out.push_str(&line(ctx, *value, body));
    }
    ctx.send_long(&out).await
}

/// The subordinate the draft is about, if they still report to `me`.
async fn chosen(
    ctx: &Ctx<'_>,
    me: &Person,
    draft: &ExpectationDraft,
) -> Result<Option<Person>, HandlerError> {
    match draft.employee {
        Some(who) => subordinate(ctx, me, who).await,
        None => Ok(None),
    }
}

fn expectation<'a>(
    me: &'a Person,
    employee: &'a Person,
    value: Value,
    period: &'a str,
) -> Expectation<'a> {
    Expectation {
        employee,
        supervisor_nip: &me.nip,
        period,
        value,
    }
}

fn line(ctx: &Ctx<'_>, value: Value, body: &str) -> String {
    let args = [
        ("value", value.name(ctx.lang).to_owned()),
        ("text", body.to_owned()),
    ];
    text_with(ctx.lang, Msg::NotesExpLine, &args)
}

/// What a view shows besides the draft: the subordinate it is about (checked by the caller),
/// and what was just done, above it.
struct Shown<'a> {
    employee: Option<&'a Person>,
    said: Option<String>,
}

/// Shows the draft's current view: edits `prompt`, or sends a new message; then stores the
/// draft with that message as its prompt.
async fn show(
    ctx: &Ctx<'_>,
    me: &Person,
    draft: ExpectationDraft,
    prompt: Option<i32>,
    shown: Shown<'_>,
) -> Result<(), HandlerError> {
    let (body, rows) = view_of(ctx, me, &draft, shown.employee).await?;
    let body = match shown.said {
        Some(s) => format!("{s}\n\n{body}"),
        None => body,
    };
    let id = match prompt {
        Some(id) => {
            ctx.deps
                .telegram
                .edit_text(ctx.chat_id, id, body, keyboard(rows))
                .await?;
            Some(id)
        }
        None => ctx.send(body, keyboard(rows)).await?,
    };
    if let Some(prompt_message_id) = id {
        let state = State::SettingExpectations {
            draft: Box::new(draft),
            prompt_message_id,
        };
        ctx.save_conversation(&state.into()).await?;
    }
    Ok(())
}

type Rows = Vec<Vec<teloxide::types::InlineKeyboardButton>>;

async fn view_of(
    ctx: &Ctx<'_>,
    me: &Person,
    draft: &ExpectationDraft,
    employee: Option<&Person>,
) -> Result<(String, Rows), HandlerError> {
    let lang = ctx.lang;
    let period = view::period(ctx);
    let done = vec![button(text(lang, Msg::NotesExpDoneButton), Button::Done)];
    if draft.step == ExpectationStep::Subordinate {
        let team = feedback_notes::subordinates(&ctx.deps.db, &me.nip).await?;
        let ask = text_with(lang, Msg::NotesExpAskEmployee, &[("period", period)]);
        let (ask, mut rows) = view::people(lang, ask, &team, draft.page, Button::For);
        rows.push(done);
        return Ok((ask, rows));
    }
    let set = match employee {
        Some(p) => expectations::of_employee(&ctx.deps.db, &p.nip, &period).await?,
        None => BTreeMap::new(),
    };
    let name = draft.name.clone();
    Ok(match draft.step {
        ExpectationStep::Text(value) => {
            let current = set
                .get(&value)
                .cloned()
                .unwrap_or_else(|| text(lang, Msg::NotesExpUnset));
            let args = [
                ("value", value.name(lang).to_owned()),
                ("name", name),
                ("period", period),
                ("current", current),
                ("max", rules::MAX_CHARS.to_string()),
            ];
            let mut row = Vec::new();
            if set.contains_key(&value) {
                row.push(button(
                    text(lang, Msg::NotesExpRemoveButton),
                    Button::Remove,
                ));
            }
            row.push(button(text(lang, Msg::NotesExpBackButton), Button::Back));
            (text_with(lang, Msg::NotesExpAskText, &args), vec![row])
        }
        _ => {
            let args = [("name", name), ("period", period)];
            let mut out = text_with(lang, Msg::NotesExpOverview, &args);
            out.push('\n');
            for value in Value::ALL {
                let body = set
                    .get(value)
                    .cloned()
                    .unwrap_or_else(|| text(lang, Msg::NotesExpUnset));
                out.push('\n');
                out.push_str(&line(ctx, *value, &body));
            }
            let mut rows = view::values(|v| {
                let mark = if set.contains_key(&v) {
                    "✅ "
                } else {
                    "✏️ "
                };
                format!("{mark}{}", v.name(lang))
            });
            rows.push(vec![
                button(text(lang, Msg::NotesExpOtherButton), Button::Back),
                button(text(lang, Msg::NotesExpDoneButton), Button::Done),
            ]);
            (out, rows)
        }
    })
}
