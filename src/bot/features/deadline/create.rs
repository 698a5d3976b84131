//! `/deadline`: everyone sees the deadlines meant for them; HR also creates them (title, date in
//! the organisation's zone, audience, optional description). Changing one is `edit`; reminders
//! go out by themselves (see `scheduler`).

use chrono::DateTime;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use super::{Button, DeadlineDraft, ShownScope, State};
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;
use crate::bot::widgets::audience::{self, Draft};
use crate::domain::Audience;
use crate::domain::authz::{Action, Denied, authorize, scope_target};
use crate::domain::deadline::{self, DueError, MAX_DESCRIPTION_CHARS, MAX_TITLE_CHARS};
use crate::i18n::{Msg, text_with};
use crate::policy::{self, Allowed};
use crate::storage::{self, deadlines};

/// Deadlines listed at once.
const MAX_LISTED: usize = 20;

fn button(label: String, data: Button) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(label, data.encode())
}

pub(super) fn due_text(ctx: &Ctx<'_>, due_at: i64) -> String {
    let tz = ctx.deps.settings.file.time_zone.tz();
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
    let db = &ctx.deps.db;
    let mut shown = 0;
    for d in deadlines::upcoming(db, ctx.deps.clock.now().timestamp()).await? {
        if shown == MAX_LISTED {
            break;
        }
        let may_manage = manages && super::edit::may_manage(ctx, &d).await?.is_ok();
        let for_me = policy::deadline_is_for(db, &d, actor.nip.as_str()).await?;
        if !(may_manage || for_me) {
            continue;
        }
        shown += 1;
        let mut item = text_with(
            ctx.lang,
            Msg::DeadlineListItem,
            &[
                ("title", d.title.clone()),
                ("due", due_text(ctx, d.due_at)),
                ("audience", audience::label(ctx, d.audience).await?),
                ("description", d.description.clone()),
            ],
        );
        if may_manage {
            item.push_str(&delivery_line(ctx, d.id).await?);
        }
        let keyboard = may_manage.then(|| {
            InlineKeyboardMarkup::new(vec![vec![
                button(ctx.text(Msg::DeadlineEditDueButton), Button::EditDue(d.id)),
                button(
                    ctx.text(Msg::DeadlineEditTitleButton),
                    Button::EditTitle(d.id),
                ),
                button(ctx.text(Msg::DeadlineCancelButton), Button::Cancel(d.id)),
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
            Button::New,
        )]]);
        ctx.send(ctx.text(Msg::DeadlineNewHint), Some(keyboard))
            .await?;
    }
    Ok(())
}

pub async fn new(ctx: &Ctx<'_>, cb: &Callback) -> Result<(), HandlerError> {
    let actor = ctx.actor().await?;
    let own = scope_target(actor.as_ref(), None);
    if let Err(d) = authorize(actor.as_ref(), Action::ManageDeadlines, &own) {
        return ctx.refuse_callback(cb, d).await;
    }
    ctx.deps
        .telegram
        .answer_callback(&cb.query_id, None)
        .await?;
    ctx.reply(Msg::DeadlineAskTitle).await?;
    ctx.save_conversation(&State::DeadlineTitle.into()).await
}

pub(super) fn clean_title(text: &str) -> Option<String> {
    let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty() && t.chars().count() <= MAX_TITLE_CHARS).then_some(t)
}

pub(super) async fn title_invalid(ctx: &Ctx<'_>) -> Result<(), HandlerError> {
    let max = [("max", MAX_TITLE_CHARS.to_string())];
    ctx.send(text_with(ctx.lang, Msg::DeadlineTitleInvalid, &max), None)
        .await?;
    Ok(())
}

pub async fn title_received(ctx: &Ctx<'_>, text: &str) -> Result<(), HandlerError> {
    let Some(title) = clean_title(text) else {
        return title_invalid(ctx).await;
    };
    ask_due(ctx).await?;
    ctx.save_conversation(&State::DeadlineDue { title }.into())
        .await
}

fn due_prompt(ctx: &Ctx<'_>) -> String {
    let zone = deadline::zone_name(ctx.deps.settings.file.time_zone.tz());
    text_with(ctx.lang, Msg::DeadlineAskDue, &[("zone", zone.to_owned())])
}

pub(super) async fn ask_due(ctx: &Ctx<'_>) -> Result<(), HandlerError> {
    ctx.send(due_prompt(ctx), None).await?;
    Ok(())
}

/// Reads a date; a bad one is explained and asked again.
pub(super) async fn read_due(ctx: &Ctx<'_>, text: &str) -> Result<Option<i64>, HandlerError> {
    let tz = ctx.deps.settings.file.time_zone.tz();
    match deadline::parse_due(text, tz, ctx.deps.clock.now()) {
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

/// The audience is chosen (the picker checked it): asks for the optional description.
pub async fn audience_chosen(
    ctx: &Ctx<'_>,
    title: String,
    due_at: i64,
    audience: Audience,
    _allowed: &Allowed,
) -> Result<(), HandlerError> {
    let keyboard = InlineKeyboardMarkup::new(vec![vec![button(
        ctx.text(Msg::DeadlineSkipButton),
        Button::SkipDescription,
    )]]);
    if let Some(id) = ctx
        .send(ctx.text(Msg::DeadlineAskDescription), Some(keyboard))
        .await?
    {
        let state = State::DeadlineDescription {
            title,
            due_at,
            audience,
            prompt_message_id: id,
        };
        ctx.save_conversation(&state.into()).await?;
    }
    Ok(())
}

/// The text typed while the description is asked for (fields from the conversation).
pub async fn description_received(
    ctx: &Ctx<'_>,
    (title, due_at, audience, prompt_message_id): (String, i64, Audience, i32),
    text: &str,
) -> Result<(), HandlerError> {
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

/// The skip button on the description prompt (the router checked it is the current one).
pub async fn skip_description(
    ctx: &Ctx<'_>,
    cb: &Callback,
    (title, due_at, audience, prompt_message_id): (String, i64, Audience, i32),
) -> Result<(), HandlerError> {
    ctx.deps
        .telegram
        .answer_callback(&cb.query_id, None)
        .await?;
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
        .deps
        .telegram
        .remove_keyboard(ctx.chat_id, description_prompt)
        .await;
    let plan = &ctx.deps.settings.file.deadlines;
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
        button(ctx.text(Msg::DeadlineSaveButton), Button::Save),
        button(ctx.text(Msg::DeadlineDiscardButton), Button::Discard),
    ]]);
    let actor = ctx.actor().await?;
    let db = &ctx.deps.db;
    let scope = policy::audience(db, actor.as_ref(), Action::ManageDeadlines, draft.audience)
        .await?
        .ok()
        .map(|a| ShownScope {
            scope_unit_id: a.scope_unit_id,
        });
    if let Some(id) = ctx.send(summary, Some(keyboard)).await? {
        let state = State::ConfirmingDeadline {
            deadline: draft,
            prompt_message_id: id,
            shown_scope: scope,
            shown_at: ctx.deps.clock.now().timestamp(),
        };
        ctx.save_conversation(&state.into()).await?;
    }
    Ok(())
}

/// Save or discard, on the prompt this chat is answering (the router checked that); authorized
/// again and the date checked again (it may have passed meanwhile).
pub async fn decided(
    ctx: &Ctx<'_>,
    cb: &Callback,
    (draft, prompt_message_id): (DeadlineDraft, i32),
    (shown_scope, shown_at): (Option<ShownScope>, i64),
    save: bool,
) -> Result<(), HandlerError> {
    let actor = ctx.actor().await?;
    let allowed = match policy::audience(
        &ctx.deps.db,
        actor.as_ref(),
        Action::ManageDeadlines,
        draft.audience,
    )
    .await?
    {
        Ok(a) => a,
        Err(d) => return ctx.refuse_callback(cb, d).await,
    };
    ctx.deps
        .telegram
        .answer_callback(&cb.query_id, None)
        .await?;
    ctx.end_prompt(prompt_message_id).await?;
    let scope_now = Some(ShownScope {
        scope_unit_id: allowed.scope_unit_id,
    });
    if save && let Some(why) = ctx.stale_preview(shown_at, shown_scope == scope_now) {
        // Saves what the summary showed or nothing: HR sees it again as it stands now.
        ctx.send(why, None).await?;
        return confirm(ctx, prompt_message_id, draft).await;
    }
    if !save {
        ctx.reply(Msg::DeadlineDiscarded).await?;
        return Ok(());
    }
    let now = ctx.deps.clock.now().timestamp();
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
    let id = deadlines::create(&ctx.deps.db, &new, now).await?;
    tracing::info!(deadline = id, "deadline created");
    let msg = text_with(
        ctx.lang,
        Msg::DeadlineSaved,
        &[("title", draft.title), ("due", due_text(ctx, draft.due_at))],
    );
    ctx.send(msg, None).await?;
    Ok(())
}

/// For HR: how the reminders sent so far fared, so those who blocked the bot or never linked
/// can be reached another way.
async fn delivery_line(ctx: &Ctx<'_>, id: i64) -> Result<String, HandlerError> {
    let c = storage::outbox::counts(&ctx.deps.db, deadlines::ORIGIN, id).await?;
    if c.total() == 0 {
        return Ok(String::new());
    }
    let args = [
        ("sent", c.sent.to_string()),
        ("pending", c.pending.to_string()),
        ("unreachable", c.unreachable.to_string()),
        ("failed", c.failed.to_string()),
        ("unlinked", c.unlinked.to_string()),
    ];
    Ok(format!(
        "\n{}",
        text_with(ctx.lang, Msg::DeadlineDeliveries, &args)
    ))
}
