//! Recording a dialog, step by step: who (one or a group), kind, mode, date, the kind's points,
//! follow-up and who gives it, next date, summary, save. Each button step edits the prompt in
//! place; after typed text the next question is a new message. The draft is the chat's stored
//! conversation, so a restart resumes at the step it was on; `/cancel` stores nothing.

use chrono::Days;
use teloxide::types::InlineKeyboardMarkup;

use super::view::{self, button};
use super::{Button, Draft, State, Step};
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;
use crate::domain::authz::Denied;
use crate::domain::dialog::{self, DateError, FollowUp, TextError, check_held_on, check_next_on};
use crate::domain::{DialogId, EmployeeRef, Lang};
use crate::i18n::{Msg, text, text_with};
use crate::storage::dialogs::{self, Person, Refused};

use super::questions::{content, question, today};

/// The person pressing, if they are a linked, active employee.
async fn me(ctx: &Ctx<'_>) -> Result<Option<Person>, HandlerError> {
    Ok(dialogs::person_by_user(&ctx.deps.db, ctx.user_id).await?)
}

fn new_draft(employees: Vec<&Person>, step: Step) -> Draft {
    let key: [u8; 12] = rand::random();
    Draft {
        key: key.iter().map(|b| format!("{b:02x}")).collect(),
        correcting: None,
        employees: employees.iter().map(|p| p.r#ref).collect(),
        names: employees.iter().map(|p| p.name.clone()).collect(),
        page: 0,
        step,
        kind: None,
        mode: None,
        held_on: None,
        points: Default::default(),
        follow_up: None,
        follow_up_by: None,
        next_on: None,
    }
}

/// `/dialog` → record: choose who took part.
pub async fn start(ctx: &Ctx<'_>, cb: Option<&Callback>) -> Result<(), HandlerError> {
    if let Some(cb) = cb {
        ctx.answer_cb(cb).await?;
    }
    let Some(me) = me(ctx).await? else {
        return ctx.refuse(Denied::NotLinked).await;
    };
    let today = today(ctx);
    let team = dialogs::subordinates(&ctx.deps.db, &me.nip, today, today).await?;
    if team.is_empty() {
        ctx.reply(Msg::DialogNoSubordinates).await?;
        return Ok(());
    }
    let draft = new_draft(Vec::new(), Step::Subordinates);
    ask(ctx, &me, draft, None).await
}

/// A reminder's or a request's button: record with this subordinate.
pub async fn start_with(
    ctx: &Ctx<'_>,
    cb: &Callback,
    who: EmployeeRef,
) -> Result<(), HandlerError> {
    let Some(me) = me(ctx).await? else {
        return ctx.refuse_callback(cb, Denied::NotLinked).await;
    };
    let Some(person) = subordinate(ctx, &me, who).await? else {
        return ctx.answer_cb_with(cb, Msg::DialogNotSubordinate).await;
    };
    ctx.answer_cb(cb).await?;
    ask(ctx, &me, new_draft(vec![&person], Step::Kind), None).await
}

/// The supervisor corrects a record not yet acknowledged: it is recorded again from its kind,
/// for the same person, and saved over the old one (which the audit trail keeps).
pub async fn correct(ctx: &Ctx<'_>, cb: &Callback, id: DialogId) -> Result<(), HandlerError> {
    let Some(me) = me(ctx).await? else {
        return ctx.refuse_callback(cb, Denied::NotLinked).await;
    };
    let db = &ctx.deps.db;
    let Some(d) = dialogs::get(db, id).await? else {
        return ctx.answer_cb_with(cb, Msg::DialogMissing).await;
    };
    if d.supervisor_nip != me.nip {
        return ctx.refuse_callback(cb, Denied::NotAllowed).await;
    }
    if d.ack != dialog::Ack::Pending {
        let state = text(ctx.lang, view::ack(d.ack));
        let msg = text_with(ctx.lang, Msg::DialogCorrectRefused, &[("state", state)]);
        ctx.answer_cb_text(cb, Some(msg)).await?;
        return Ok(());
    }
    let Some(employee) = dialogs::person_by_nip(db, &d.employee_nip).await? else {
        return ctx.answer_cb_with(cb, Msg::DialogMissing).await;
    };
    ctx.answer_cb(cb).await?;
    let mut draft = new_draft(vec![&employee], Step::Kind);
    draft.correcting = Some(id);
    ask(ctx, &me, draft, None).await
}

/// This person, if they are an active subordinate of `me` now (a re-import may have moved them
/// since the button was made).
async fn subordinate(
    ctx: &Ctx<'_>,
    me: &Person,
    who: EmployeeRef,
) -> Result<Option<Person>, HandlerError> {
    Ok(dialogs::person_by_ref(&ctx.deps.db, who)
        .await?
        .filter(|p| p.active && p.supervisor_nip.as_deref() == Some(me.nip.as_str())))
}

/// A button on the recording's current prompt.
pub async fn pressed(
    ctx: &Ctx<'_>,
    cb: &Callback,
    pressed: Button,
    mut draft: Draft,
    prompt: i32,
) -> Result<(), HandlerError> {
    let Some(me) = me(ctx).await? else {
        return ctx.refuse_callback(cb, Denied::NotLinked).await;
    };
    let step = draft.step;
    match (step, pressed) {
        (Step::Subordinates, Button::Toggle(who)) => {
            let Some(person) = subordinate(ctx, &me, who).await? else {
                return ctx.answer_cb_with(cb, Msg::DialogNotSubordinate).await;
            };
            if let Some(at) = draft.employees.iter().position(|e| *e == who) {
                draft.employees.remove(at);
                if at < draft.names.len() {
                    draft.names.remove(at);
                }
            } else {
                draft.employees.push(who);
                draft.names.push(person.name);
            }
        }
        (Step::Subordinates, Button::Chosen) if draft.employees.is_empty() => {
            return ctx.answer_cb_with(cb, Msg::DialogChooseSomeone).await;
        }
        (Step::Subordinates, Button::Chosen) => draft.step = Step::Kind,
        (Step::Subordinates, Button::SubordinatesPage(page)) => draft.page = page,
        (Step::Kind, Button::Kind(k)) => {
            if draft.kind != Some(k) {
                draft.points.clear();
            }
            draft.kind = Some(k);
            draft.step = Step::Mode;
        }
        (Step::Mode, Button::Mode(m)) => {
            draft.mode = Some(m);
            draft.step = Step::Date;
        }
        (Step::Date, Button::Today | Button::Yesterday) => {
            let today = today(ctx);
            let day = if pressed == Button::Today {
                today
            } else {
                today.checked_sub_days(Days::new(1)).unwrap_or(today)
            };
            if let Err(e) = check_held_on(day, today, dialog::period_start(today)) {
                return ctx.answer_cb_text(cb, Some(date_error(ctx.lang, e))).await;
            }
            if in_locked_period(ctx, day).await? {
                return ctx.answer_cb_with(cb, Msg::DialogLocked).await;
            }
            draft.held_on = Some(day);
            draft.step = Step::Point(0);
        }
        (Step::Point(i), Button::Skip) => {
            let Some(point) = draft.kind.and_then(|k| k.points().get(i).copied()) else {
                return crate::bot::fallback::stale_button(ctx, cb).await;
            };
            if !point.optional() {
                return ctx.answer_cb_with(cb, Msg::DialogPointRequired).await;
            }
            draft.points.remove(&point);
            draft.step = after_point(&draft, i);
        }
        (Step::FollowUp, Button::NoFollowUp) => {
            draft.follow_up = None;
            draft.follow_up_by = None;
            draft.step = Step::NextDate;
        }
        (Step::FollowUp, Button::FollowUp(f)) => {
            draft.follow_up = Some(f);
            draft.follow_up_by = None;
            draft.step = match f.givers() {
                [only] => {
                    draft.follow_up_by = Some(*only);
                    Step::NextDate
                }
                _ => Step::Giver,
            };
        }
        (Step::Giver, Button::Giver(g)) => {
            let Some(f) = draft.follow_up.and_then(|f| FollowUp::new(f, g)) else {
                return crate::bot::fallback::stale_button(ctx, cb).await;
            };
            draft.follow_up_by = Some(f.by);
            draft.step = Step::NextDate;
        }
        (Step::NextDate, Button::Skip) => {
            draft.next_on = None;
            draft.step = Step::Summary;
        }
        (Step::Summary, Button::Discard) => {
            ctx.answer_cb(cb).await?;
            ctx.end_prompt(prompt).await?;
            ctx.reply(Msg::DialogDiscarded).await?;
            return Ok(());
        }
        (Step::Summary, Button::Save) => return save(ctx, cb, &me, draft, prompt).await,
        _ => return crate::bot::fallback::stale_button(ctx, cb).await,
    }
    ctx.answer_cb(cb).await?;
    ask(ctx, &me, draft, Some(prompt)).await
}

fn after_point(draft: &Draft, i: usize) -> Step {
    let count = draft.kind.map(|k| k.points().len()).unwrap_or(0);
    if i + 1 < count {
        Step::Point(i + 1)
    } else {
        Step::FollowUp
    }
}

fn date_error(lang: Lang, e: DateError) -> String {
    match e {
        DateError::Unreadable => text(lang, Msg::DialogDateUnreadable),
        DateError::Future => text(lang, Msg::DialogDateFuture),
        DateError::BeforePeriod { start } => text_with(
            lang,
            Msg::DialogDateBeforePeriod,
            &[("start", view::date(start))],
        ),
        DateError::NotAfter => text(lang, Msg::DialogNextNotAfter),
    }
}

/// Text typed while recording: a date, a point, or the next date; anything else is pointed back
/// to the buttons.
pub async fn typed(
    ctx: &Ctx<'_>,
    typed: &str,
    mut draft: Draft,
    prompt: i32,
) -> Result<(), HandlerError> {
    let Some(me) = me(ctx).await? else {
        return ctx.refuse(Denied::NotLinked).await;
    };
    let today = today(ctx);
    match draft.step {
        Step::Date => {
            let checked = dialog::parse_date(typed, today)
                .and_then(|d| check_held_on(d, today, dialog::period_start(today)).map(|_| d));
            match checked {
                Ok(d) if in_locked_period(ctx, d).await? => {
                    return again(ctx, ctx.text(Msg::DialogLocked)).await;
                }
                Ok(d) => {
                    draft.held_on = Some(d);
                    draft.step = Step::Point(0);
                }
                Err(e) => return again(ctx, date_error(ctx.lang, e)).await,
            }
        }
        Step::Point(i) => {
            let Some(point) = draft.kind.and_then(|k| k.points().get(i).copied()) else {
                return ctx.end_prompt(prompt).await;
            };
            match dialog::check_text(typed) {
                Ok(t) => {
                    draft.points.insert(point, t);
                    draft.step = after_point(&draft, i);
                }
                Err(TextError::TooLong { max, got }) => {
                    let args = [("max", max.to_string()), ("got", got.to_string())];
                    return again(ctx, text_with(ctx.lang, Msg::DialogTextTooLong, &args)).await;
                }
                Err(TextError::Empty) => return again(ctx, ctx.text(Msg::DialogTextEmpty)).await,
            }
        }
        Step::NextDate => {
            let held = draft.held_on.unwrap_or(today);
            let checked = dialog::parse_date(typed, today)
                .and_then(|d| check_next_on(d, held, today).map(|_| d));
            match checked {
                Ok(d) => {
                    draft.next_on = Some(d);
                    draft.step = Step::Summary;
                }
                Err(e) => return again(ctx, date_error(ctx.lang, e)).await,
            }
        }
        _ => {
            ctx.reply(Msg::DialogUseButtons).await?;
            return Ok(());
        }
    }
    // The old question's buttons would act on a step that has passed.
    let _ = ctx.deps.telegram.remove_keyboard(ctx.chat_id, prompt).await;
    ask(ctx, &me, draft, None).await
}

/// The answer was refused: say why; the same question stands (its prompt is unchanged).
async fn again(ctx: &Ctx<'_>, why: String) -> Result<(), HandlerError> {
    ctx.send(why, None).await?;
    Ok(())
}

/// Asks the draft's current question: edits `prompt` in place, or sends a new message; then
/// stores the draft with the question's message as its prompt.
async fn ask(
    ctx: &Ctx<'_>,
    me: &Person,
    draft: Draft,
    prompt: Option<i32>,
) -> Result<(), HandlerError> {
    let (question, keyboard) = question(ctx, me, &draft).await?;
    let id = match prompt {
        Some(id) => {
            ctx.deps
                .telegram
                .edit_text(ctx.chat_id, id, question, keyboard)
                .await?;
            Some(id)
        }
        None => ctx.send(question, keyboard).await?,
    };
    if let Some(prompt_message_id) = id {
        let state = State::RecordingDialog {
            draft: Box::new(draft),
            prompt_message_id,
        };
        ctx.save_conversation(&state.into()).await?;
    }
    Ok(())
}

async fn save(
    ctx: &Ctx<'_>,
    cb: &Callback,
    me: &Person,
    draft: Draft,
    prompt: i32,
) -> Result<(), HandlerError> {
    let Some(content) = content(&draft) else {
        return crate::bot::fallback::stale_button(ctx, cb).await;
    };
    // Authorized again at save: a re-import may have moved someone since the recording began.
    let mut people = Vec::with_capacity(draft.employees.len());
    for who in &draft.employees {
        match subordinate(ctx, me, *who).await? {
            Some(p) => people.push(p),
            None => {
                ctx.answer_cb(cb).await?;
                ctx.end_prompt(prompt).await?;
                ctx.reply(Msg::DialogNotSubordinate).await?;
                return Ok(());
            }
        }
    }
    ctx.answer_cb(cb).await?;
    let db = &ctx.deps.db;
    let now = ctx.deps.clock.now().timestamp();
    let saved: Vec<(DialogId, &Person)> = match draft.correcting {
        Some(id) => {
            let notice = |d: &dialogs::Dialog| {
                super::ack::request((d.id, d.revision), &people[0], &me.name, &d.content, true)
            };
            match dialogs::correct(db, id, &draft.key, &me.nip, &content, notice, now).await? {
                Ok(_) => vec![(id, &people[0])],
                Err(refused) => {
                    ctx.end_prompt(prompt).await?;
                    let msg = match refused {
                        Refused::Answered(a) => text_with(
                            ctx.lang,
                            Msg::DialogCorrectRefused,
                            &[("state", text(ctx.lang, view::ack(a)))],
                        ),
                        Refused::Locked => ctx.text(Msg::DialogLocked),
                        _ => ctx.text(Msg::DialogMissing),
                    };
                    ctx.send(msg, None).await?;
                    return Ok(());
                }
            }
        }
        None => {
            let notice = |id: DialogId, p: &Person| {
                super::ack::request((id, 0), p, &me.name, &content, false)
            };
            match dialogs::save(db, &draft.key, &me.nip, &content, &people, notice, now).await? {
                Ok(saved) => saved.iter().map(|s| s.id).zip(people.iter()).collect(),
                Err(_) => {
                    // The only refusal of a new record: its date lies in a locked period.
                    ctx.end_prompt(prompt).await?;
                    ctx.reply(Msg::DialogLocked).await?;
                    return Ok(());
                }
            }
        }
    };
    ctx.deps.outbox.wake();
    ctx.save_conversation(&crate::bot::conversation::Conversation::IDLE)
        .await?;
    let names: Vec<&str> = saved.iter().map(|(_, p)| p.name.as_str()).collect();
    let args = [
        ("count", saved.len().to_string()),
        ("names", names.join(", ")),
    ];
    let mut rows = Vec::new();
    for (id, p) in &saved {
        let label = text_with(
            ctx.lang,
            Msg::DialogCorrectButton,
            &[("name", p.name.clone())],
        );
        let mut row = vec![button(label, Button::Correct(*id))];
        if content.follow_up.is_some() {
            let label = text_with(
                ctx.lang,
                Msg::DialogFollowUpDoneButton,
                &[("name", p.name.clone())],
            );
            row.push(button(label, Button::FollowUpDone(*id)));
        }
        rows.push(row);
    }
    let done = text_with(ctx.lang, Msg::DialogSaved, &args);
    ctx.deps
        .telegram
        .edit_text(
            ctx.chat_id,
            prompt,
            done,
            Some(InlineKeyboardMarkup::new(rows)),
        )
        .await?;
    Ok(())
}

/// Whether HR has locked an evaluation period holding `day`: told at the date step rather than
/// after the whole record is written (the save checks again).
async fn in_locked_period(ctx: &Ctx<'_>, day: chrono::NaiveDate) -> Result<bool, HandlerError> {
    let locked = crate::storage::periods::locked(&ctx.deps.db).await?;
    Ok(crate::domain::period::day_locked(day, &locked))
}
