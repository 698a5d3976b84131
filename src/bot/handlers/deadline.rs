//! `/deadline`: everyone sees the deadlines meant for them; HR also creates them (title, date in
//! the organisation's zone, audience, optional description), moves, renames and cancels them.
//! Reminders then go out by themselves (see `scheduler`).

use chrono::DateTime;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::bot::CallbackData;
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::conversation::{Conversation, DeadlineDraft, DeadlineField, Draft};
use crate::bot::handlers::{audience, fallback};
use crate::bot::input::Callback;
use crate::bot::router::{load_conversation, save_conversation};
use crate::domain::Audience;
use crate::domain::authz::{Action, Denied, Target, authorize, scope_target};
use crate::domain::deadline::{self, DueError, MAX_DESCRIPTION_CHARS, MAX_TITLE_CHARS};
use crate::i18n::{Msg, text_with};
use crate::storage::{self, deadlines};

/// Deadlines listed at once.
const MAX_LISTED: usize = 20;

fn button(label: String, data: CallbackData) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(label, data.encode())
}

fn due_text(ctx: &Ctx<'_>, due_at: i64) -> String {
    let tz = ctx.app.settings.file.time_zone.tz();
    DateTime::from_timestamp(due_at, 0)
        .map(|d| {
            format!(
                "{} {}",
                deadline::format_local(d, tz),
                deadline::zone_name(tz)
            )
        })
        .unwrap_or_default()
}

pub async fn list(ctx: &Ctx<'_>) -> Result<(), HandlerError> {
    let Some(actor) = ctx.actor().await? else {
        return ctx.refuse(Denied::NotLinked).await;
    };
    let manages = authorize(
        Some(&actor),
        Action::ManageDeadlines,
        &scope_target(Some(&actor), None),
    )
    .is_ok();
    let db = &ctx.app.db;
    let mut shown = 0;
    for d in deadlines::upcoming(db, ctx.app.clock.now().timestamp()).await? {
        if shown == MAX_LISTED {
            break;
        }
        let may_manage = manages && may_manage(ctx, &d).await?.is_ok();
        let for_me = match storage::audience::resolve(db, d.audience, d.scope_unit_id).await? {
            Some(r) => storage::audience::includes(db, &r, actor.nip.as_str()).await?,
            None => false,
        };
        if !(may_manage || for_me) {
            continue;
        }
        shown += 1;
        let item = text_with(
            ctx.lang,
            Msg::DeadlineListItem,
            &[
                ("title", d.title.clone()),
                ("due", due_text(ctx, d.due_at)),
                ("audience", audience::label(ctx, d.audience).await?),
                ("description", d.description.clone()),
            ],
        );
        let keyboard = may_manage.then(|| {
            InlineKeyboardMarkup::new(vec![vec![
                button(
                    ctx.text(Msg::DeadlineEditDueButton),
                    CallbackData::DeadlineEditDue(d.id),
                ),
                button(
                    ctx.text(Msg::DeadlineEditTitleButton),
                    CallbackData::DeadlineEditTitle(d.id),
                ),
                button(
                    ctx.text(Msg::DeadlineCancelButton),
                    CallbackData::DeadlineCancel(d.id),
                ),
            ]])
        });
        ctx.send(item, keyboard).await?;
    }
    if shown == 0 {
        ctx.reply(Msg::DeadlineListEmpty).await?;
    }
    if manages {
        let keyboard = InlineKeyboardMarkup::new(vec![vec![button(
            ctx.text(Msg::DeadlineNewButton),
            CallbackData::DeadlineNew,
        )]]);
        ctx.send(ctx.text(Msg::DeadlineNewHint), Some(keyboard))
            .await?;
    }
    Ok(())
}

/// Whether the presser's HR scope holds the deadline's scope.
async fn may_manage(
    ctx: &Ctx<'_>,
    d: &deadlines::Deadline,
) -> Result<Result<(), Denied>, HandlerError> {
    let actor = ctx.actor().await?;
    let target = match d.scope_unit_id {
        Some(id) => match storage::org::unit_by_id(&ctx.app.db, id).await? {
            Some(u) => Target::Unit(u),
            None => return Ok(Err(Denied::NotAllowed)),
        },
        None => Target::Nothing,
    };
    Ok(authorize(actor.as_ref(), Action::ManageDeadlines, &target))
}

pub async fn new(ctx: &Ctx<'_>, cb: &Callback) -> Result<(), HandlerError> {
    let actor = ctx.actor().await?;
    let own = scope_target(actor.as_ref(), None);
    if let Err(d) = authorize(actor.as_ref(), Action::ManageDeadlines, &own) {
        return ctx.refuse_callback(cb, d).await;
    }
    ctx.app.telegram.answer_callback(&cb.query_id, None).await?;
    ctx.reply(Msg::DeadlineAskTitle).await?;
    save_conversation(ctx, &Conversation::DeadlineTitle).await
}

fn clean_title(text: &str) -> Option<String> {
    let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty() && t.chars().count() <= MAX_TITLE_CHARS).then_some(t)
}

pub async fn title_received(ctx: &Ctx<'_>, text: &str) -> Result<(), HandlerError> {
    let Some(title) = clean_title(text) else {
        let msg = text_with(
            ctx.lang,
            Msg::DeadlineTitleInvalid,
            &[("max", MAX_TITLE_CHARS.to_string())],
        );
        ctx.send(msg, None).await?;
        return Ok(());
    };
    ask_due(ctx).await?;
    save_conversation(ctx, &Conversation::DeadlineDue { title }).await
}

fn due_prompt(ctx: &Ctx<'_>) -> String {
    let zone = deadline::zone_name(ctx.app.settings.file.time_zone.tz());
    text_with(ctx.lang, Msg::DeadlineAskDue, &[("zone", zone.to_owned())])
}

async fn ask_due(ctx: &Ctx<'_>) -> Result<(), HandlerError> {
    ctx.send(due_prompt(ctx), None).await?;
    Ok(())
}

/// Reads a date; a bad one is explained and asked again.
async fn read_due(ctx: &Ctx<'_>, text: &str) -> Result<Option<i64>, HandlerError> {
    let tz = ctx.app.settings.file.time_zone.tz();
    match deadline::parse_due(text, tz, ctx.app.clock.now()) {
        Ok(due) => Ok(Some(due.timestamp())),
        Err(DueError::Unreadable) => {
            ask_due_again(ctx, Msg::DeadlineDueUnreadable).await?;
            Ok(None)
        }
        Err(DueError::InPast) => {
            ask_due_again(ctx, Msg::DeadlineDueInPast).await?;
            Ok(None)
        }
    }
}

/// Why the date was refused and what to write instead, in one message.
async fn ask_due_again(ctx: &Ctx<'_>, why: Msg) -> Result<(), HandlerError> {
    let msg = format!("{} {}", ctx.text(why), due_prompt(ctx));
    ctx.send(msg, None).await?;
    Ok(())
}

pub async fn due_received(ctx: &Ctx<'_>, title: String, text: &str) -> Result<(), HandlerError> {
    let Some(due_at) = read_due(ctx, text).await? else {
        return Ok(());
    };
    audience::ask(ctx, Draft::Deadline { title, due_at }).await
}

pub async fn ask_description(
    ctx: &Ctx<'_>,
    title: String,
    due_at: i64,
    audience: Audience,
) -> Result<(), HandlerError> {
    let keyboard = InlineKeyboardMarkup::new(vec![vec![button(
        ctx.text(Msg::DeadlineSkipButton),
        CallbackData::DeadlineSkipDescription,
    )]]);
    if let Some(id) = ctx
        .send(ctx.text(Msg::DeadlineAskDescription), Some(keyboard))
        .await?
    {
        let state = Conversation::DeadlineDescription {
            title,
            due_at,
            audience,
            prompt_message_id: id,
        };
        save_conversation(ctx, &state).await?;
    }
    Ok(())
}

pub async fn description_received(ctx: &Ctx<'_>, text: &str) -> Result<(), HandlerError> {
    let Conversation::DeadlineDescription {
        title,
        due_at,
        audience,
        prompt_message_id,
    } = load_conversation(ctx).await?
    else {
        return fallback::unknown_input(ctx).await;
    };
    let description = text.trim().to_owned();
    if description.chars().count() > MAX_DESCRIPTION_CHARS {
        let msg = text_with(
            ctx.lang,
            Msg::DeadlineDescriptionTooLong,
            &[("max", MAX_DESCRIPTION_CHARS.to_string())],
        );
        ctx.send(msg, None).await?;
        return Ok(());
    }
    let draft = DeadlineDraft {
        title,
        due_at,
        audience,
        description,
    };
    confirm(ctx, prompt_message_id, draft).await
}

pub async fn skip_description(ctx: &Ctx<'_>, cb: &Callback) -> Result<(), HandlerError> {
    let Conversation::DeadlineDescription {
        title,
        due_at,
        audience,
        prompt_message_id,
    } = load_conversation(ctx).await?
    else {
        return fallback::stale_button(ctx, cb).await;
    };
    if cb.message_id != Some(prompt_message_id) {
        return fallback::stale_button(ctx, cb).await;
    }
    ctx.app.telegram.answer_callback(&cb.query_id, None).await?;
    let draft = DeadlineDraft {
        title,
        due_at,
        audience,
        description: String::new(),
    };
    confirm(ctx, prompt_message_id, draft).await
}

/// The description is in (or skipped): the skip button goes, and HR sees the whole deadline.
async fn confirm(
    ctx: &Ctx<'_>,
    description_prompt: i32,
    draft: DeadlineDraft,
) -> Result<(), HandlerError> {
    let _ = ctx
        .app
        .telegram
        .remove_keyboard(ctx.chat_id, description_prompt)
        .await;
    let plan = &ctx.app.settings.file.deadlines;
    let mut days: Vec<String> = plan
        .reminder_days_before
        .iter()
        .map(u32::to_string)
        .collect();
    if plan.remind_on_the_day {
        days.push("0".into());
    }
    let summary = text_with(
        ctx.lang,
        Msg::DeadlineConfirm,
        &[
            ("title", draft.title.clone()),
            ("due", due_text(ctx, draft.due_at)),
            ("audience", audience::label(ctx, draft.audience).await?),
            ("description", draft.description.clone()),
            ("days", days.join(", ")),
            ("time", plan.reminder_time.clone()),
        ],
    );
    let keyboard = InlineKeyboardMarkup::new(vec![vec![
        button(
            ctx.text(Msg::DeadlineSaveButton),
            CallbackData::DeadlineSave,
        ),
        button(
            ctx.text(Msg::DeadlineDiscardButton),
            CallbackData::DeadlineDiscard,
        ),
    ]]);
    if let Some(id) = ctx.send(summary, Some(keyboard)).await? {
        let state = Conversation::ConfirmingDeadline {
            deadline: draft,
            prompt_message_id: id,
        };
        save_conversation(ctx, &state).await?;
    }
    Ok(())
}

/// Save or discard; authorized again and the date checked again (it may have passed meanwhile).
pub async fn decided(ctx: &Ctx<'_>, cb: &Callback, save: bool) -> Result<(), HandlerError> {
    let Conversation::ConfirmingDeadline {
        deadline: draft,
        prompt_message_id,
    } = load_conversation(ctx).await?
    else {
        return fallback::stale_button(ctx, cb).await;
    };
    if cb.message_id != Some(prompt_message_id) {
        return fallback::stale_button(ctx, cb).await;
    }
    let actor = ctx.actor().await?;
    let allowed =
        match audience::authorized(ctx, actor.as_ref(), Action::ManageDeadlines, draft.audience)
            .await?
        {
            Ok(a) => a,
            Err(d) => return ctx.refuse_callback(cb, d).await,
        };
    ctx.app.telegram.answer_callback(&cb.query_id, None).await?;
    let _ = ctx
        .app
        .telegram
        .remove_keyboard(ctx.chat_id, prompt_message_id)
        .await;
    save_conversation(ctx, &Conversation::Idle).await?;
    if !save {
        ctx.reply(Msg::DeadlineDiscarded).await?;
        return Ok(());
    }
    let now = ctx.app.clock.now().timestamp();
    if draft.due_at <= now {
        ctx.reply(Msg::DeadlineDueInPast).await?;
        return Ok(());
    }
    let nip = actor.as_ref().map(|a| a.nip.as_str().to_owned());
    let new = deadlines::NewDeadline {
        title: &draft.title,
        description: &draft.description,
        due_at: draft.due_at,
        audience: draft.audience,
        scope_unit_id: allowed.scope_unit_id,
        created_by: nip.as_deref(),
    };
    let id = deadlines::create(&ctx.app.db, &new, now).await?;
    tracing::info!(deadline = id, "deadline created");
    let msg = text_with(
        ctx.lang,
        Msg::DeadlineSaved,
        &[("title", draft.title), ("due", due_text(ctx, draft.due_at))],
    );
    ctx.send(msg, None).await?;
    Ok(())
}

/// A deadline the presser may change: it exists, is upcoming, and lies within their scope.
async fn managed(
    ctx: &Ctx<'_>,
    cb: &Callback,
    id: i64,
) -> Result<Option<deadlines::Deadline>, HandlerError> {
    let Some(d) = deadlines::get(&ctx.app.db, id).await? else {
        ctx.refuse_callback(cb, Denied::NotAllowed).await?;
        return Ok(None);
    };
    if let Err(denied) = may_manage(ctx, &d).await? {
        ctx.refuse_callback(cb, denied).await?;
        return Ok(None);
    }
    if d.cancelled || d.due_at <= ctx.app.clock.now().timestamp() {
        let answer = ctx.text(Msg::DeadlineGone);
        ctx.app
            .telegram
            .answer_callback(&cb.query_id, Some(answer))
            .await?;
        return Ok(None);
    }
    Ok(Some(d))
}

pub async fn edit(
    ctx: &Ctx<'_>,
    cb: &Callback,
    id: i64,
    field: DeadlineField,
) -> Result<(), HandlerError> {
    if managed(ctx, cb, id).await?.is_none() {
        return Ok(());
    }
    ctx.app.telegram.answer_callback(&cb.query_id, None).await?;
    match field {
        DeadlineField::Due => ask_due(ctx).await?,
        DeadlineField::Title => {
            ctx.reply(Msg::DeadlineAskTitle).await?;
        }
    }
    save_conversation(ctx, &Conversation::EditingDeadline { id, field }).await
}

/// The new date or title; scope and state checked again before writing.
pub async fn edit_received(
    ctx: &Ctx<'_>,
    id: i64,
    field: DeadlineField,
    text: &str,
) -> Result<(), HandlerError> {
    let db = &ctx.app.db;
    let now = ctx.app.clock.now().timestamp();
    let gone = match deadlines::get(db, id).await? {
        Some(d) => d.cancelled || d.due_at <= now || may_manage(ctx, &d).await?.is_err(),
        None => true,
    };
    if gone {
        save_conversation(ctx, &Conversation::Idle).await?;
        ctx.reply(Msg::DeadlineGone).await?;
        return Ok(());
    }
    match field {
        DeadlineField::Due => {
            let Some(due_at) = read_due(ctx, text).await? else {
                return Ok(());
            };
            deadlines::set_due(db, id, due_at, now).await?;
        }
        DeadlineField::Title => {
            let Some(title) = clean_title(text) else {
                let msg = text_with(
                    ctx.lang,
                    Msg::DeadlineTitleInvalid,
                    &[("max", MAX_TITLE_CHARS.to_string())],
                );
                ctx.send(msg, None).await?;
                return Ok(());
            };
            deadlines::set_title(db, id, &title, now).await?;
        }
    }
    save_conversation(ctx, &Conversation::Idle).await?;
    let Some(d) = deadlines::get(db, id).await? else {
        return Ok(());
    };
    tracing::info!(deadline = id, "deadline changed");
    let msg = text_with(
        ctx.lang,
        Msg::DeadlineUpdated,
        &[("title", d.title), ("due", due_text(ctx, d.due_at))],
    );
    ctx.send(msg, None).await?;
    Ok(())
}

pub async fn cancel(ctx: &Ctx<'_>, cb: &Callback, id: i64) -> Result<(), HandlerError> {
    let Some(d) = managed(ctx, cb, id).await? else {
        return Ok(());
    };
    ctx.app.telegram.answer_callback(&cb.query_id, None).await?;
    deadlines::cancel(&ctx.app.db, id, ctx.app.clock.now().timestamp()).await?;
    tracing::info!(deadline = id, "deadline cancelled");
    if let Some(mid) = cb.message_id {
        let _ = ctx.app.telegram.remove_keyboard(ctx.chat_id, mid).await;
    }
    let msg = text_with(
        ctx.lang,
        Msg::DeadlineCancelledNotice,
        &[("title", d.title)],
    );
    ctx.send(msg, None).await?;
    Ok(())
}
