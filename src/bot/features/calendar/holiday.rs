//! `/holiday`, `/holiday add YYYY-MM-DD [description]`, `/holiday remove YYYY-MM-DD`: for
//! organisation HR (and admins) only, like importing the organisation, since a holiday moves
//! everyone's reminders.

use chrono::{Datelike, NaiveDate};

use crate::bot::context::{Ctx, HandlerError};
use crate::domain::authz::{Action, Actor, Denied, Target, authorize};
use crate::domain::calendar::{local_date, parse_holiday_list};
use crate::i18n::{Msg, text_with};
use crate::storage::calendar::{self, EffectiveHoliday};

/// Holidays listed at once: more than a year's worth.
const MAX_LISTED: usize = 60;

/// A description longer than this is cut: it is a label in a list, not a note.
const MAX_NAME_CHARS: usize = 100;

pub async fn handle(ctx: &Ctx<'_>, args: &str) -> Result<(), HandlerError> {
    let actor = ctx.actor().await?;
    // The rules table has no calendar action of its own; the calendar is organisation-wide,
    // and so is the import rule (organisation HR and admins).
    if let Err(denied) = authorize(actor.as_ref(), Action::ImportOrganisation, &Target::Nothing) {
        return ctx.refuse(denied).await;
    }
    let Some(actor) = actor else {
        return ctx.refuse(Denied::NotLinked).await;
    };
    let args = args.trim();
    let (op, rest) = args.split_once(char::is_whitespace).unwrap_or((args, ""));
    match op.to_ascii_lowercase().as_str() {
        "" => list(ctx).await,
        "add" => change(ctx, &actor, rest, true).await,
        "remove" => change(ctx, &actor, rest, false).await,
        _ => {
            ctx.reply(Msg::HolidayUsage).await?;
            Ok(())
        }
    }
}

fn today(ctx: &Ctx<'_>) -> NaiveDate {
    local_date(ctx.deps.clock.now(), ctx.deps.settings.file.time_zone.tz())
}

async fn effective(ctx: &Ctx<'_>) -> Result<Vec<EffectiveHoliday>, HandlerError> {
    let configured = ctx.deps.settings.file.calendar.holidays();
    let changes = calendar::changes(&ctx.deps.db).await?;
    Ok(calendar::effective(configured, &changes))
}

fn weekday(ctx: &Ctx<'_>, day: NaiveDate) -> String {
    let args = [("day", day.weekday().number_from_monday().to_string())];
    text_with(ctx.lang, Msg::HolidayWeekday, &args)
}

/// Date as typed in the commands, so a listed date can be copied into `remove`.
fn iso(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

async fn list(ctx: &Ctx<'_>) -> Result<(), HandlerError> {
    let today = today(ctx);
    let coming: Vec<EffectiveHoliday> = effective(ctx)
        .await?
        .into_iter()
        .filter(|h| h.day >= today)
        .take(MAX_LISTED)
        .collect();
    let mut text = if coming.is_empty() {
        ctx.text(Msg::HolidayListEmpty)
    } else {
        let mut lines = vec![ctx.text(Msg::HolidayListHeader)];
        for h in &coming {
            let msg = if h.added_in_chat {
                Msg::HolidayListItemAdded
            } else {
                Msg::HolidayListItem
            };
            let name = if h.name.is_empty() {
                String::new()
            } else {
                format!(" — {}", h.name)
            };
            let args = [
                ("weekday", weekday(ctx, h.day)),
                ("date", iso(h.day)),
                ("name", name),
            ];
            lines.push(text_with(ctx.lang, msg, &args));
        }
        lines.join("\n")
    };
    text.push_str("\n\n");
    text.push_str(&ctx.text(Msg::HolidayUsage));
    ctx.send_long(&text).await
}

/// `add` (`holiday`) or `remove` one date given as `YYYY-MM-DD [description]`.
async fn change(
    ctx: &Ctx<'_>,
    actor: &Actor,
    rest: &str,
    holiday: bool,
) -> Result<(), HandlerError> {
    let rest = rest.trim();
    let (token, name) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    if token.is_empty() {
        ctx.reply(Msg::HolidayUsage).await?;
        return Ok(());
    }
    // One strict reading of a date for the file and the chat alike.
    let parsed = parse_holiday_list(token)
        .ok()
        .and_then(|d| d.first().copied());
    let Some(day) = parsed.filter(|_| !token.contains('#')) else {
        let args = [("text", token.chars().take(40).collect::<String>())];
        ctx.send(text_with(ctx.lang, Msg::HolidayBadDate, &args), None)
            .await?;
        return Ok(());
    };
    let date_args = |extra: Option<(&'static str, String)>| {
        let mut args = vec![("weekday", weekday(ctx, day)), ("date", iso(day))];
        args.extend(extra);
        args
    };
    if day < today(ctx) {
        let text = text_with(ctx.lang, Msg::HolidayInPast, &date_args(None));
        ctx.send(text, None).await?;
        return Ok(());
    }
    let now = ctx.deps.clock.now().timestamp();
    let db = &ctx.deps.db;
    let by = actor.nip.as_str();
    if holiday {
        let name: String = name.trim().chars().take(MAX_NAME_CHARS).collect();
        let stored = (!name.is_empty()).then_some(name.as_str());
        calendar::set(db, day, true, stored, by, now).await?;
        tracing::info!("holiday added in chat");
        let shown = if name.is_empty() {
            String::new()
        } else {
            format!(" ({name})")
        };
        let text = text_with(
            ctx.lang,
            Msg::HolidayAdded,
            &date_args(Some(("name", shown))),
        );
        ctx.send(text, None).await?;
        return Ok(());
    }
    if !effective(ctx).await?.iter().any(|h| h.day == day) {
        let text = text_with(ctx.lang, Msg::HolidayNotAHoliday, &date_args(None));
        ctx.send(text, None).await?;
        return Ok(());
    }
    calendar::set(db, day, false, None, by, now).await?;
    tracing::info!("holiday removed in chat");
    let text = text_with(ctx.lang, Msg::HolidayRemoved, &date_args(None));
    ctx.send(text, None).await?;
    Ok(())
}
