//! Rating one subordinate: the evidence card, then hasil kerja (skipped for a unit head, whose
//! hasil is the unit's result HR records), perilaku kerja, an optional note, and a preview with
//! the predikat the matrix gives and the team's distribution as it would be, before anything is
//! stored. Each button step edits the prompt in place; after a typed note the preview is a new
//! message. The presser, the subordinate and the period are checked again at every step, and
//! `storage::evaluations::save` checks them once more in its transaction.

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use super::access::{self, Standing, period_name};
use super::card::{self, Card, Current};
use super::evidence;
use super::states::{Draft, Step};
use super::team::{self, Place};
use super::{Button, State, button, hint};
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::conversation::Conversation;
use crate::bot::input::Callback;
use crate::bot::widgets::predikat_names as names;
use crate::domain::authz::{Actor, Denied};
use crate::domain::berakhlak::Rating;
use crate::domain::calendar::local_date;
use crate::domain::period::{Period, PeriodState};
use crate::domain::predikat::{Distribution, predikat};
use crate::domain::{EmployeeRef, Lang};
use crate::i18n::{Msg, text, text_with};
use crate::storage::evaluations::{self, Hasil, Member, Rate, Saved};
use crate::storage::{dialogs, periods};

/// The longest note, in characters.
pub const MAX_NOTE: usize = 500;

/// Everything checked again for a step: the presser, the period as it stands, the team read
/// now and the subordinate in it.
struct Checked {
    actor: Actor,
    period: Standing,
    team: Vec<Member>,
    member: Member,
}

/// A team list's button: the card and the first question.
pub async fn open(
    ctx: &Ctx<'_>,
    cb: &Callback,
    period: Period,
    who: EmployeeRef,
) -> Result<(), HandlerError> {
    let Some(actor) = ctx.actor().await? else {
        return ctx.refuse_callback(cb, Denied::NotLinked).await;
    };
    let team = access::team(ctx, &actor, period).await?;
    let Some(member) = team.iter().find(|m| m.who == who).cloned() else {
        tracing::debug!(
            employee_ref = who.0,
            "predikat of a non-subordinate refused"
        );
        return ctx.refuse_callback(cb, Denied::NotAllowed).await;
    };
    let Some(standing) = access::one(ctx, period).await? else {
        return ctx.answer_cb_with(cb, Msg::PredikatPeriodUnknown).await;
    };
    ctx.answer_cb(cb).await?;
    if let Some(why) = access::refusal(ctx.lang, period, standing.state) {
        ctx.send(why, None).await?;
        return Ok(());
    }
    // A rating left open in this chat stops acting: its buttons go.
    if let Conversation::Predikat(old) = ctx.conversation().await?
        && let Some(id) = old.prompt_message_id()
    {
        let _ = ctx.deps.telegram.remove_keyboard(ctx.chat_id, id).await;
    }
    let db = &ctx.deps.db;
    let evidence = evidence::gather(ctx, &member, period).await?;
    let stored = evaluations::get(db, period, &member.nip).await?;
    let by = match &stored {
        Some(e) if e.rated_by != actor.nip.as_str() => dialogs::person_by_nip(db, &e.rated_by)
            .await?
            .map(|p| p.name),
        _ => None,
    };
    let current = stored.as_ref().map(|e| Current {
        evaluation: e,
        by: by.as_deref(),
        date: rated_on(ctx, e.rated_at),
    });
    let shown = Card {
        name: &member.name,
        period,
        head: member.is_head,
        evidence: &evidence,
        current,
    };
    ctx.send_html_long(&card::render(ctx.lang, &shown)).await?;
    let draft = Draft {
        period: period.code(),
        employee: who,
        name: member.name.clone(),
        head: member.is_head,
        step: first_step(member.is_head),
        hasil: stored
            .as_ref()
            .filter(|e| !e.hasil_from_unit)
            .map(|e| e.hasil),
        perilaku: stored.as_ref().map(|e| e.perilaku),
        note: stored.as_ref().and_then(|e| e.note.clone()),
        unit_result: evidence.unit_result,
        evidence,
        shown_at: ctx.deps.clock.now().timestamp(),
    };
    tracing::debug!(period = %draft.period, "predikat card shown");
    let checked = Checked {
        actor,
        period: standing,
        team,
        member,
    };
    show(ctx, &checked, draft, None, None).await
}

fn rated_on(ctx: &Ctx<'_>, at: i64) -> String {
    let tz = ctx.deps.settings.file.time_zone.tz();
    chrono::DateTime::from_timestamp(at, 0)
        .map(|t| local_date(t, tz).format("%d-%m-%Y").to_string())
        .unwrap_or_default()
}

fn first_step(head: bool) -> Step {
    if head { Step::Perilaku } else { Step::Hasil }
}

/// A button on the rating's prompt.
pub async fn pressed(
    ctx: &Ctx<'_>,
    cb: &Callback,
    pressed: Button,
    mut draft: Draft,
    prompt: i32,
) -> Result<(), HandlerError> {
    if pressed == Button::Discard {
        ctx.answer_cb(cb).await?;
        ctx.end_prompt(prompt).await?;
        ctx.reply(Msg::PredikatDiscarded).await?;
        return Ok(());
    }
    let checked = match check(ctx, &draft).await? {
        Ok(c) => c,
        Err(why) => {
            ctx.answer_cb(cb).await?;
            ctx.end_prompt(prompt).await?;
            ctx.send(why, None).await?;
            return Ok(());
        }
    };
    match (draft.step, pressed) {
        (Step::Hasil, Button::Hasil(r)) if !draft.head => {
            draft.hasil = Some(r);
            draft.step = Step::Perilaku;
        }
        (Step::Perilaku, Button::Perilaku(r)) => {
            draft.perilaku = Some(r);
            draft.step = Step::Note;
        }
        (Step::Perilaku | Step::Note | Step::Preview, Button::Change) => {
            draft.step = first_step(draft.head);
        }
        (Step::Note, Button::SkipNote) => {
            draft.note = None;
            draft.step = Step::Preview;
        }
        (Step::Note, Button::KeepNote) if draft.note.is_some() => draft.step = Step::Preview,
        (Step::Preview, Button::Save) => {
            ctx.answer_cb(cb).await?;
            return save(ctx, checked, draft, prompt).await;
        }
        _ => return crate::bot::fallback::stale_button(ctx, cb).await,
    }
    ctx.answer_cb(cb).await?;
    show(ctx, &checked, draft, Some(prompt), None).await
}

/// The note, typed at the note step.
pub async fn typed(
    ctx: &Ctx<'_>,
    typed: &str,
    mut draft: Draft,
    prompt: i32,
) -> Result<(), HandlerError> {
    if draft.step != Step::Note {
        ctx.reply(Msg::PredikatUseButtons).await?;
        return Ok(());
    }
    let note = typed.trim();
    let got = note.chars().count();
    if got == 0 {
        ctx.reply(Msg::PredikatNoteEmpty).await?;
        return Ok(());
    }
    if got > MAX_NOTE {
        let args = [("got", got.to_string()), ("max", MAX_NOTE.to_string())];
        ctx.send(text_with(ctx.lang, Msg::PredikatNoteTooLong, &args), None)
            .await?;
        return Ok(());
    }
    let checked = match check(ctx, &draft).await? {
        Ok(c) => c,
        Err(why) => {
            ctx.end_prompt(prompt).await?;
            ctx.send(why, None).await?;
            return Ok(());
        }
    };
    draft.note = Some(note.to_owned());
    draft.step = Step::Preview;
    // The question stays above the typed note without its buttons; the preview comes below.
    let _ = ctx.deps.telegram.remove_keyboard(ctx.chat_id, prompt).await;
    show(ctx, &checked, draft, None, None).await
}

/// Reads again who presses, the subordinate and the period; `Err` says why the rating stops.
async fn check(ctx: &Ctx<'_>, draft: &Draft) -> Result<Result<Checked, String>, HandlerError> {
    let lang = ctx.lang;
    let Some(actor) = ctx.actor().await? else {
        return Ok(Err(text(
            lang,
            crate::bot::context::denied_msg(Denied::NotLinked),
        )));
    };
    let Some(period) = Period::parse(&draft.period) else {
        return Ok(Err(text(lang, Msg::PredikatPeriodUnknown)));
    };
    let team = access::team(ctx, &actor, period).await?;
    let Some(member) = team.iter().find(|m| m.who == draft.employee).cloned() else {
        tracing::debug!(
            employee_ref = draft.employee.0,
            "predikat step for a non-subordinate"
        );
        return Ok(Err(text(lang, Msg::PredikatNotSubordinate)));
    };
    if member.is_head != draft.head {
        return Ok(Err(text(lang, Msg::PredikatOrgChanged)));
    }
    let Some(standing) = access::one(ctx, period).await? else {
        return Ok(Err(text(lang, Msg::PredikatPeriodUnknown)));
    };
    if let Some(why) = access::refusal(lang, period, standing.state) {
        return Ok(Err(why));
    }
    Ok(Ok(Checked {
        actor,
        period: standing,
        team,
        member,
    }))
}

/// Shows the draft's step on the prompt (or a new message), with `said` above it, and keeps
/// the conversation.
async fn show(
    ctx: &Ctx<'_>,
    checked: &Checked,
    mut draft: Draft,
    prompt: Option<i32>,
    said: Option<String>,
) -> Result<(), HandlerError> {
    let (body, rows) = step_view(ctx, checked, &mut draft).await?;
    let body = match said {
        Some(s) => format!("{s}\n\n{body}"),
        None => body,
    };
    let keyboard = Some(InlineKeyboardMarkup::new(rows));
    let mut id = None;
    if let Some(p) = prompt {
        let edit = ctx
            .deps
            .telegram
            .edit_text(ctx.chat_id, p, body.clone(), keyboard.clone());
        if edit.await.is_ok() {
            id = Some(p);
        }
    }
    if id.is_none() {
        id = ctx.send(body, keyboard).await?;
    }
    if let Some(prompt_message_id) = id {
        let state = State::RatingPredikat {
            draft: Box::new(draft),
            prompt_message_id,
        };
        ctx.save_conversation(&state.into()).await?;
    }
    Ok(())
}

type Rows = Vec<Vec<InlineKeyboardButton>>;

async fn step_view(
    ctx: &Ctx<'_>,
    checked: &Checked,
    draft: &mut Draft,
) -> Result<(String, Rows), HandlerError> {
    let lang = ctx.lang;
    let period = checked.period.row.period;
    let who = [
        ("name", draft.name.clone()),
        ("period", period_name(lang, period)),
    ];
    let discard = || button(text(lang, Msg::PredikatDiscardButton), Button::Discard);
    let change = || button(text(lang, Msg::PredikatChangeButton), Button::Change);
    let ratings = |b: fn(Rating) -> Button| -> Rows {
        Rating::ALL
            .iter()
            .map(|r| vec![button(names::rating(lang, *r), b(*r))])
            .collect()
    };
    let now = |r: Option<Rating>| {
        r.map(|r| {
            let rating = [("rating", names::rating(lang, r))];
            format!("\n{}", text_with(lang, Msg::PredikatNow, &rating))
        })
        .unwrap_or_default()
    };
    Ok(match draft.step {
        Step::Hasil => {
            let ask = text_with(lang, Msg::PredikatAskHasil, &who) + &now(draft.hasil);
            let mut rows = ratings(Button::Hasil);
            rows.push(vec![discard()]);
            (ask, rows)
        }
        Step::Perilaku => {
            let mut body = hasil_line(lang, draft);
            body.push('\n');
            body.push_str(&text_with(lang, Msg::PredikatAskPerilaku, &who));
            body.push_str(&now(draft.perilaku));
            let mut rows = ratings(Button::Perilaku);
            rows.push(match draft.head {
                true => vec![discard()],
                false => vec![change(), discard()],
            });
            (body, rows)
        }
        Step::Note => {
            let mut body = hasil_line(lang, draft);
            if let Some(p) = draft.perilaku {
                body.push('\n');
                let args = [("perilaku", names::rating(lang, p))];
                body.push_str(&text_with(lang, Msg::PredikatPerilakuChosen, &args));
            }
            body.push_str("\n\n");
            let max = [("max", MAX_NOTE.to_string())];
            body.push_str(&text_with(lang, Msg::PredikatAskNote, &max));
            let mut rows = vec![vec![button(
                text(lang, Msg::PredikatSkipNote),
                Button::SkipNote,
            )]];
            if let Some(note) = &draft.note {
                body.push('\n');
                let note = [("note", note.clone())];
                body.push_str(&text_with(lang, Msg::PredikatCurrentNote, &note));
                rows.push(vec![button(
                    text(lang, Msg::PredikatKeepNote),
                    Button::KeepNote,
                )]);
            }
            rows.push(vec![change(), discard()]);
            (body, rows)
        }
        Step::Preview => {
            let body = preview(ctx, checked, draft).await?;
            let rows = vec![
                vec![button(text(lang, Msg::PredikatSaveButton), Button::Save)],
                vec![change(), discard()],
            ];
            (body, rows)
        }
    })
}

/// "Hasil kerja: …", or for a head the unit's result (or that HR has not recorded it).
fn hasil_line(lang: Lang, draft: &Draft) -> String {
    if draft.head {
        return match draft.unit_result {
            Some(r) => {
                let args = [
                    ("name", draft.name.clone()),
                    ("hasil", names::rating(lang, r)),
                ];
                text_with(lang, Msg::PredikatHeadHasil, &args)
            }
            None => text_with(
                lang,
                Msg::PredikatHeadHasilMissing,
                &[("name", draft.name.clone())],
            ),
        };
    }
    let hasil = draft
        .hasil
        .map(|r| names::rating(lang, r))
        .unwrap_or_default();
    text_with(lang, Msg::PredikatHasilChosen, &[("hasil", hasil)])
}

/// The preview: the ratings, the predikat the matrix gives (for a head, from the unit's result
/// read now), the note, and the team's distribution with this rating in it.
async fn preview(ctx: &Ctx<'_>, c: &Checked, draft: &mut Draft) -> Result<String, HandlerError> {
    let lang = ctx.lang;
    let period = c.period.row.period;
    if draft.head {
        let unit = c.member.unit_id;
        draft.unit_result = periods::unit_result(&ctx.deps.db, period, unit).await?;
    }
    let hasil = if draft.head {
        draft.unit_result
    } else {
        draft.hasil
    };
    let result = hasil.zip(draft.perilaku).map(|(h, p)| predikat(h, p));
    let pending = || text(lang, Msg::PredikatPendingUnit);
    let hasil_text = match (draft.head, hasil) {
        (true, Some(h)) => text_with(
            lang,
            Msg::PredikatHasilFromUnit,
            &[("hasil", names::rating(lang, h))],
        ),
        (true, None) => pending(),
        (false, h) => h.map(|h| names::rating(lang, h)).unwrap_or_default(),
    };
    let args = [
        ("name", draft.name.clone()),
        ("period", period_name(lang, period)),
        ("hasil", hasil_text),
        (
            "perilaku",
            draft
                .perilaku
                .map(|p| names::rating(lang, p))
                .unwrap_or_default(),
        ),
        (
            "predikat",
            result.map_or_else(pending, |p| names::predikat(lang, p)),
        ),
        (
            "note",
            draft
                .note
                .clone()
                .unwrap_or_else(|| text(lang, Msg::PredikatNoNote)),
        ),
    ];
    let mut body = text_with(lang, Msg::PredikatPreview, &args);
    let others = c
        .team
        .iter()
        .filter(|m| m.who != c.member.who)
        .filter_map(|m| m.predikat);
    let after = Distribution::from_predikat(others.chain(result));
    body.push_str("\n\n");
    let org = c.period.row.org_predikat;
    body.push_str(&hint::distribution(
        lang,
        Msg::PredikatDistributionAfter,
        &after,
        org,
    ));
    Ok(body)
}

/// "Simpan": stored if the preview still stands, then the team list again.
async fn save(
    ctx: &Ctx<'_>,
    c: Checked,
    mut draft: Draft,
    prompt: i32,
) -> Result<(), HandlerError> {
    if let Some(why) = ctx.stale_preview(draft.shown_at, true) {
        ctx.end_prompt(prompt).await?;
        ctx.send(why, None).await?;
        return Ok(());
    }
    let db = &ctx.deps.db;
    let period = c.period.row.period;
    let hasil = if draft.head {
        // The preview showed a predikat from the unit's result: a result HR recorded or
        // changed since is shown before it is stored.
        let recorded = periods::unit_result(db, period, c.member.unit_id).await?;
        if recorded != draft.unit_result {
            let said = text(ctx.lang, Msg::PredikatUnitChanged);
            return show(ctx, &c, draft, Some(prompt), Some(said)).await;
        }
        draft.evidence.unit_result = recorded;
        Hasil::FromUnit
    } else {
        match draft.hasil {
            Some(h) => Hasil::Rated(h),
            None => return show(ctx, &c, draft, Some(prompt), None).await,
        }
    };
    let Some(perilaku) = draft.perilaku else {
        return show(ctx, &c, draft, Some(prompt), None).await;
    };
    let evidence = draft.evidence.to_json();
    let rate = Rate {
        period,
        employee_nip: &c.member.nip,
        supervisor_nip: c.actor.nip.as_str(),
        hasil,
        perilaku,
        note: draft.note.as_deref(),
        evidence: &evidence,
    };
    let now = ctx.deps.clock.now().timestamp();
    let saved = evaluations::save(db, rate, now).await?;
    let lang = ctx.lang;
    let said = |msg: Msg, p| {
        let args = [
            ("name", draft.name.clone()),
            ("period", period_name(lang, period)),
            ("predikat", names::predikat(lang, p)),
        ];
        text_with(lang, msg, &args)
    };
    let done = match saved {
        Saved::Created(p) => said(Msg::PredikatSaved, p),
        Saved::Changed(p) => said(Msg::PredikatChanged, p),
        Saved::Unchanged(p) => said(Msg::PredikatUnchanged, p),
        Saved::NoUnitResult => {
            // The prompt stays: once HR records the result, Simpan shows it first.
            let args = [
                ("name", draft.name.clone()),
                ("period", period_name(lang, period)),
            ];
            ctx.send(text_with(lang, Msg::PredikatNoUnitResult, &args), None)
                .await?;
            return Ok(());
        }
        refused => {
            let why = match refused {
                Saved::NotOpen(PeriodState::Locked) => {
                    access::refusal(lang, period, PeriodState::Locked)
                }
                Saved::NotOpen(_) => access::refusal(lang, period, PeriodState::Closed),
                Saved::NotSupervisor => Some(text(lang, Msg::PredikatNotSubordinate)),
                _ => Some(text(lang, Msg::PredikatPeriodUnknown)),
            };
            ctx.end_prompt(prompt).await?;
            ctx.send(why.unwrap_or_default(), None).await?;
            return Ok(());
        }
    };
    // The outcome's kind only: the predikat itself is personal data.
    let kind = match saved {
        Saved::Created(_) => "created",
        Saved::Changed(_) => "changed",
        _ => "unchanged",
    };
    tracing::info!(period = %period.code(), outcome = kind, "predikat rated");
    ctx.end_prompt(prompt).await?;
    ctx.send(done, None).await?;
    let who = Some(c.member.who);
    team::show(ctx, &c.actor, &c.period.row, 0, who, Place::New).await
}
