//! Reading open notes: the ones a person received this period, and the section at the end of a
//! subordinate's dialog history that shows their current supervisor the notes they received.
//! Keyed on the reader's own NIP, or on a subject whose supervisor the reader is now.

use super::view;
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;
use crate::domain::authz::{Actor, Denied};
use crate::domain::formatting::escape_html;
use crate::i18n::{Msg, text_with};
use crate::storage::dialog_reports::Subject;
use crate::storage::dialogs::person_by_user;
use crate::storage::feedback_notes;

/// Notes shown under a dialog history; the rest are counted.
const IN_HISTORY: usize = 10;

/// `/feedback` → received: the notes this person received this period, newest first.
pub async fn mine(ctx: &Ctx<'_>, cb: &Callback) -> Result<(), HandlerError> {
    let Some(me) = person_by_user(&ctx.deps.db, ctx.user_id).await? else {
        return ctx.refuse_callback(cb, Denied::NotLinked).await;
    };
    ctx.answer_cb(cb).await?;
    let period = view::period(ctx);
    let notes = feedback_notes::received(&ctx.deps.db, &me.nip, &period).await?;
    if notes.is_empty() {
        let msg = text_with(ctx.lang, Msg::NotesReceivedNone, &[("period", period)]);
        ctx.send(msg, None).await?;
        return Ok(());
    }
    let args = [("period", period), ("count", notes.len().to_string())];
    let mut out = text_with(ctx.lang, Msg::NotesReceivedHeader, &args);
    for note in &notes {
        out.push_str("\n\n");
        out.push_str(&view::entry(ctx, note));
    }
    ctx.send_long(&out).await
}

/// The notes `subject` received this period, as a section (Telegram HTML) for the end of their
/// dialog history, when `actor` is their current direct supervisor; `None` for anyone else.
pub async fn history_section(
    ctx: &Ctx<'_>,
    actor: &Actor,
    subject: &Subject,
) -> Result<Option<String>, HandlerError> {
    if !subject.active || subject.supervisor.as_ref() != Some(&actor.nip) {
        return Ok(None);
    }
    let period = view::period(ctx);
    let notes = feedback_notes::received(&ctx.deps.db, subject.nip.as_str(), &period).await?;
    let name = subject.name.clone();
    if notes.is_empty() {
        let args = [("name", name), ("period", period)];
        let none = text_with(ctx.lang, Msg::NotesHistoryNone, &args);
        return Ok(Some(format!("<b>{}</b>", escape_html(&none))));
    }
    let args = [
        ("name", name),
        ("period", period),
        ("count", notes.len().to_string()),
    ];
    let header = text_with(ctx.lang, Msg::NotesHistoryHeader, &args);
    // Each tag opens and closes on one line, so the history can still be split at line ends.
    let mut out = format!("<b>{}</b>", escape_html(&header));
    for note in notes.iter().take(IN_HISTORY) {
        out.push_str("\n\n");
        out.push_str(&escape_html(&view::entry(ctx, note)));
    }
    if notes.len() > IN_HISTORY {
        let more = [("count", (notes.len() - IN_HISTORY).to_string())];
        out.push_str("\n\n");
        out.push_str(&escape_html(&text_with(
            ctx.lang,
            Msg::NotesHistoryMore,
            &more,
        )));
    }
    Ok(Some(out))
}
