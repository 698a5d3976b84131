//! Dialog history: a subordinate's dialogs of the last twelve months for their current
//! supervisor (and for HR whose scope holds the employee's unit), and an employee's own.
//!
//! History follows the employee: a new supervisor sees the dialogs the previous one recorded,
//! and the previous one no longer sees any. The button carries only the employee's opaque
//! number; who may look is decided again here, against the person pressing it.

use chrono::{Days, Months, NaiveDate};

use crate::bot::context::{Ctx, HandlerError};
use crate::bot::conversation::Conversation;
use crate::bot::input::Callback;
use crate::domain::authz::{Action, Actor, Denied, Target, authorize};
use crate::domain::calendar::local_date;
use crate::domain::formatting::escape_html;
use crate::domain::org::Role;
use crate::domain::{EmployeeRef, Lang, Nip};
use crate::i18n::{Msg, text, text_with};
use crate::storage::dialog_reports::{self, Entry, Subject};

/// How far back the history reaches.
const WINDOW_MONTHS: u32 = 12;

/// A subordinate's history, for their supervisor or HR over their unit.
pub async fn of_employee(
    ctx: &Ctx<'_>,
    cb: &Callback,
    who: EmployeeRef,
) -> Result<(), HandlerError> {
    let Some(actor) = ctx.actor().await? else {
        return ctx.refuse_callback(cb, Denied::NotLinked).await;
    };
    let Some(subject) = dialog_reports::subject_by_ref(&ctx.deps.db, who).await? else {
        ctx.answer_cb(cb).await?;
        ctx.reply(Msg::DialogHistoryUnknownEmployee).await?;
        return Ok(());
    };
    if let Err(d) = may_see(&actor, &subject) {
        tracing::debug!(employee_ref = who.0, "history refused");
        return ctx.refuse_callback(cb, d).await;
    }
    ctx.answer_cb(cb).await?;
    // The open notes the subordinate received this period, for their supervisor only.
    let notes =
        crate::bot::features::notes::received::history_section(ctx, &actor, &subject).await?;
    show(ctx, &subject, notes).await
}

/// HR's "history of an employee": asks for the NIP.
pub async fn ask_nip(ctx: &Ctx<'_>, cb: &Callback) -> Result<(), HandlerError> {
    let Some(actor) = ctx.actor().await? else {
        return ctx.refuse_callback(cb, Denied::NotLinked).await;
    };
    // HR of any unit may ask; each answer is authorized against the employee's unit.
    if !matches!(actor.role, Role::HrOrg | Role::HrUnit | Role::Admin) {
        return ctx.refuse_callback(cb, Denied::NotAllowed).await;
    }
    ctx.answer_cb(cb).await?;
    if let Some(prompt_message_id) = ctx.reply(Msg::DialogHistoryAskNip).await? {
        let state = super::State::FindingHistory { prompt_message_id };
        ctx.save_conversation(&state.into()).await?;
    }
    Ok(())
}

/// The NIP HR typed: that employee's history, if HR's scope holds them.
pub async fn nip_typed(ctx: &Ctx<'_>, typed: &str) -> Result<(), HandlerError> {
    let Some(actor) = ctx.actor().await? else {
        return ctx.refuse(Denied::NotLinked).await;
    };
    let Ok(nip) = Nip::parse(typed.trim()) else {
        ctx.reply(Msg::DialogHistoryNipInvalid).await?;
        return Ok(());
    };
    ctx.save_conversation(&Conversation::IDLE).await?;
    let subject = dialog_reports::subject_by_nip(&ctx.deps.db, &nip).await?;
    // Unknown and out of scope read the same: a NIP outside one's scope reveals nothing.
    let Some(subject) = subject.filter(|s| may_see(&actor, s).is_ok()) else {
        ctx.reply(Msg::DialogHistoryNipNotFound).await?;
        return Ok(());
    };
    show(ctx, &subject, None).await
}

/// The history, and `appended` (Telegram HTML) after it.
async fn show(
    ctx: &Ctx<'_>,
    subject: &Subject,
    appended: Option<String>,
) -> Result<(), HandlerError> {
    let name = escape_html(&subject.name);
    if !subject.active {
        let body = text_with(ctx.lang, Msg::DialogHistoryInactive, &[("name", name)]);
        ctx.send(body, None).await?;
        return Ok(());
    }
    let entries = dialog_reports::history(&ctx.deps.db, subject.nip.as_str(), from(ctx)).await?;
    let header = text_with(ctx.lang, Msg::DialogHistoryHeader, &[("name", name)]);
    let mut html = render(ctx.lang, header, &entries);
    if let Some(appended) = appended {
        html.push_str("\n\n");
        html.push_str(&appended);
    }
    ctx.send_html_long(&html).await
}

/// The person's own dialogs: any linked employee.
pub async fn mine(ctx: &Ctx<'_>, cb: &Callback) -> Result<(), HandlerError> {
    let actor = ctx.actor().await?;
    if let Err(d) = authorize(actor.as_ref(), Action::ViewOwnProfile, &Target::Nothing) {
        return ctx.refuse_callback(cb, d).await;
    }
    let Some(actor) = actor else {
        return ctx.refuse_callback(cb, Denied::NotLinked).await;
    };
    ctx.answer_cb(cb).await?;
    // Keyed on the presser's own NIP, never on anything the button carries.
    let entries = dialog_reports::history(&ctx.deps.db, actor.nip.as_str(), from(ctx)).await?;
    let header = ctx.text(Msg::DialogHistoryMineHeader);
    ctx.send_html_long(&render(ctx.lang, header, &entries))
        .await
}

/// The employee's current supervisor, or HR whose scope holds the employee's unit; the rules
/// are `authz`'s, asked twice.
fn may_see(actor: &Actor, subject: &Subject) -> Result<(), Denied> {
    let employee = Target::Employee {
        nip: subject.nip.clone(),
        supervisor: subject.supervisor.clone(),
    };
    authorize(Some(actor), Action::ActOnSubordinate, &employee).or_else(|_| {
        authorize(
            Some(actor),
            Action::ViewUnitStats,
            &Target::Unit(subject.unit.clone()),
        )
    })
}

/// The first day shown: twelve months back from today in the organisation's zone, so that
/// "today" is the date people there see on their calendar.
fn from(ctx: &Ctx<'_>) -> NaiveDate {
    let today = local_date(ctx.deps.clock.now(), ctx.deps.settings.file.time_zone.tz());
    window_start(today)
}

/// The day after the same date twelve months ago: exactly twelve months, today included.
pub(super) fn window_start(today: NaiveDate) -> NaiveDate {
    today
        .checked_sub_months(Months::new(WINDOW_MONTHS))
        .and_then(|d| d.checked_add_days(Days::new(1)))
        .unwrap_or(NaiveDate::MIN)
}

/// Header, then one block per dialog. Each tag opens and closes on one line, so the text can
/// be split at any line end.
fn render(lang: Lang, header: String, entries: &[Entry]) -> String {
    let mut out = header;
    out.push('\n');
    if entries.is_empty() {
        out.push_str(&text(lang, Msg::DialogHistoryEmpty));
    } else {
        let count = [("count", entries.len().to_string())];
        out.push_str(&text_with(lang, Msg::DialogHistoryCount, &count));
    }
    for e in entries {
        out.push_str("\n\n");
        out.push_str(&entry(lang, e));
    }
    out
}

fn entry(lang: Lang, e: &Entry) -> String {
    let kind = text_with(
        lang,
        Msg::DialogHistoryKind,
        &[("kind", e.kind.code().into())],
    );
    let mode = text_with(
        lang,
        Msg::DialogHistoryMode,
        &[("mode", e.mode.code().into())],
    );
    let date = e.held_on.format("%d-%m-%Y").to_string();
    let mut lines = vec![text_with(
        lang,
        Msg::DialogHistoryEntry,
        &[("date", date), ("kind", kind), ("mode", mode)],
    )];
    let recorder = e
        .recorded_by
        .as_deref()
        .map(escape_html)
        .unwrap_or_else(|| text(lang, Msg::DialogHistoryRecorderUnknown));
    lines.push(text_with(
        lang,
        Msg::DialogHistoryRecordedBy,
        &[("name", recorder)],
    ));
    lines.push(match e.follow_up {
        None => text(lang, Msg::DialogHistoryFollowUpNone),
        Some((kind, giver)) => {
            let code = [("follow_up", kind.code().to_owned())];
            let mut what = text_with(lang, Msg::DialogHistoryFollowUpKind, &code);
            if let Some(g) = giver {
                what.push(' ');
                let code = [("giver", g.code().to_owned())];
                what.push_str(&text_with(lang, Msg::DialogHistoryGiver, &code));
            }
            let done = if e.follow_up_done { "yes" } else { "no" };
            text_with(
                lang,
                Msg::DialogHistoryFollowUp,
                &[("what", what), ("done", done.to_owned())],
            )
        }
    });
    lines.push(text_with(
        lang,
        Msg::DialogHistoryAck,
        &[("ack", e.ack.code().to_owned())],
    ));
    if let Some(comment) = e.ack_comment.as_deref().filter(|c| !c.trim().is_empty()) {
        // On one line, so that a split between messages never falls inside it.
        let flat = comment.split_whitespace().collect::<Vec<_>>().join(" ");
        lines.push(text_with(
            lang,
            Msg::DialogHistoryComment,
            &[("comment", escape_html(&flat))],
        ));
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dialog::{Ack, FollowUpKind, Giver, Kind, Mode};

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_window_is_twelve_months_with_today() {
        assert_eq!(window_start(date("2026-11-02")), date("2025-11-03"));
        // 29 February has no twin a year later or earlier: chrono takes the month's last day.
        assert_eq!(window_start(date("2025-02-28")), date("2024-02-29"));
        assert_eq!(window_start(date("2028-02-29")), date("2027-03-01"));
    }

    #[test]
    fn an_entry_names_everything_and_escapes_what_people_typed() {
        let e = Entry {
            held_on: date("2026-10-12"),
            kind: Kind::UmpanBalik,
            mode: Mode::Daring,
            follow_up: Some((FollowUpKind::Coaching, Some(Giver::Atasan))),
            follow_up_done: true,
            ack: Ack::Commented,
            ack_comment: Some("Setuju <b>tapi</b>\n& catatan".into()),
            recorded_by: Some("A & B".into()),
        };
        let en = entry(Lang::En, &e);
        assert!(en.starts_with("<b>12-10-2026</b> · Continuous feedback · remote"));
        assert!(en.contains("Recorded by A &amp; B"), "{en}");
        assert!(
            en.contains("Follow-up: coaching by the supervisor (done)"),
            "{en}"
        );
        assert!(en.contains("confirmed with a comment"), "{en}");
        assert!(
            en.contains("Comment: “Setuju &lt;b&gt;tapi&lt;/b&gt; &amp; catatan”"),
            "{en}"
        );
        let id = entry(Lang::Id, &e);
        assert!(id.contains("Umpan balik berkelanjutan · daring"), "{id}");
        assert!(id.contains("coaching oleh atasan (selesai)"), "{id}");
    }
}
