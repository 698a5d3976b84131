//! Broadcasts after they are confirmed: live progress on HR's message, the final report (queued
//! through the outbox, once), and the list of who could not be reached. Shared by the chat flow
//! and `kinerja-bot broadcast`.

use std::sync::Arc;
use std::time::Duration;

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};
use tokio_util::sync::CancellationToken;

use crate::app::App;
use crate::bot::features::broadcast::Button;
use crate::deps::Deps;
use crate::domain::Lang;
use crate::export::{self, Format};
use crate::i18n::{Msg, text, text_with};
use crate::storage::broadcasts::{self, Broadcast, BroadcastState, ORIGIN};
use crate::storage::outbox::{self, Counts, NotReached, Payload};
use crate::storage::{Db, StorageError};

/// How often progress messages are brought up to date. Telegram tolerates about one edit per
/// second per chat; every few seconds reads as live without costing the broadcast its rate.
pub const PROGRESS_EVERY: Duration = Duration::from_secs(3);

pub fn progress_text(lang: Lang, id: i64, c: &Counts) -> String {
    text_with(lang, Msg::BroadcastProgress, &count_args(id, c))
}

pub fn final_text(lang: Lang, id: i64, c: &Counts, cancelled: bool) -> String {
    let msg = if cancelled {
        Msg::BroadcastCancelled
    } else {
        Msg::BroadcastDone
    };
    text_with(lang, msg, &count_args(id, c))
}

fn count_args(id: i64, c: &Counts) -> Vec<(&'static str, String)> {
    vec![
        ("id", id.to_string()),
        ("sent", c.sent.to_string()),
        ("pending", c.pending.to_string()),
        ("unreachable", c.unreachable.to_string()),
        ("failed", c.failed.to_string()),
        ("cancelled", c.cancelled.to_string()),
        ("unlinked", c.unlinked.to_string()),
        ("total", c.total().to_string()),
    ]
}

pub fn stop_keyboard(lang: Lang, id: i64) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![InlineKeyboardButton::callback(
        text(lang, Msg::BroadcastStopButton),
        Button::Stop(id).encode(),
    )]])
}

/// Buttons for the list of who was not reached, when anyone was not.
pub fn unreached_keyboard(lang: Lang, id: i64, c: &Counts) -> Option<InlineKeyboardMarkup> {
    (c.unreachable + c.failed + c.unlinked > 0).then(|| {
        InlineKeyboardMarkup::new(vec![vec![
            InlineKeyboardButton::callback(
                text(lang, Msg::BroadcastUnreachedCsvButton),
                Button::Unreached(id, Format::Csv).encode(),
            ),
            InlineKeyboardButton::callback(
                text(lang, Msg::BroadcastUnreachedXlsxButton),
                Button::Unreached(id, Format::Xlsx).encode(),
            ),
        ]])
    })
}

/// Keeps every sending broadcast's progress message current and finishes those with nothing
/// left to send. Runs beside the sender until shutdown.
pub async fn monitor(app: Arc<App>, shutdown: CancellationToken) {
    loop {
        // One replica of a fleet shows progress: the one running its scheduled work.
        if app.seat.held()
            && let Err(e) = tick(&app.deps()).await
        {
            tracing::warn!(error = %e, "broadcast progress: database unavailable; retrying");
        }
        tokio::select! {
            _ = shutdown.cancelled() => return,
            _ = tokio::time::sleep(PROGRESS_EVERY) => {}
        }
    }
}

/// One pass over the broadcasts still sending.
pub async fn tick(app: &Deps) -> Result<(), StorageError> {
    for b in broadcasts::sending(&app.db).await? {
        let counts = outbox::counts(&app.db, ORIGIN, b.id).await?;
        if counts.pending == 0 {
            finish(app, &b, &counts).await?;
        } else {
            show_progress(app, &b, &counts).await?;
        }
    }
    Ok(())
}

async fn show_progress(app: &Deps, b: &Broadcast, counts: &Counts) -> Result<(), StorageError> {
    let (Some(chat), Some(message)) = (b.report_chat_id, b.report_message_id) else {
        return Ok(());
    };
    let now = progress_text(b.report_lang, b.id, counts);
    if b.last_progress.as_deref() == Some(now.as_str()) {
        return Ok(());
    }
    // Recorded first and only while sending: a broadcast that ended meanwhile keeps its final
    // text, which is shown again below if this edit raced with it.
    if !broadcasts::note_progress(&app.db, b.id, &now).await? {
        return Ok(());
    }
    let keyboard = stop_keyboard(b.report_lang, b.id);
    if let Err(e) = app
        .telegram
        .edit_text(chat, message, now, Some(keyboard))
        .await
    {
        tracing::debug!(error = %e, "broadcast progress not shown");
    }
    if let Some(ended) = broadcasts::get(&app.db, b.id)
        .await?
        .filter(|b| b.state != BroadcastState::Sending)
    {
        let counts = outbox::counts(&app.db, ORIGIN, b.id).await?;
        let text = final_text(
            b.report_lang,
            b.id,
            &counts,
            ended.state == BroadcastState::Cancelled,
        );
        let _ = app.telegram.edit_text(chat, message, text, None).await;
    }
    Ok(())
}

/// The final report: the counts, and the buttons for the list of who was not reached.
pub fn report(lang: Lang, id: i64, counts: &Counts, cancelled: bool) -> Payload {
    Payload {
        text: final_text(lang, id, counts, cancelled),
        html: false,
        keyboard: unreached_keyboard(lang, id, counts).and_then(|k| serde_json::to_string(&k).ok()),
    }
}

/// Ends a broadcast whose messages are all settled: the progress message shows the final counts,
/// and the report is queued for HR, once even with several bots.
pub async fn finish(app: &Deps, b: &Broadcast, counts: &Counts) -> Result<bool, StorageError> {
    let now = app.clock.now().timestamp();
    let payload = report(b.report_lang, b.id, counts, false);
    let to = b.report_chat_id.map(|chat| (chat, &payload));
    let moved = broadcasts::finish(&app.db, b.id, to, now).await?;
    if moved {
        app.outbox.wake();
        show_final(app, b, payload.text).await;
    }
    Ok(moved)
}

/// Stops a broadcast (HR pressed stop): `false` if it had already ended.
pub async fn stop(app: &Deps, b: &Broadcast) -> Result<bool, StorageError> {
    let now = app.clock.now().timestamp();
    let (lang, chat) = (b.report_lang, b.report_chat_id);
    let mut text = String::new();
    let stopped = broadcasts::cancel(&app.db, b.id, now, |counts| {
        let payload = report(lang, b.id, counts, true);
        text = payload.text.clone();
        chat.map(|c| (c, payload))
    })
    .await?;
    if stopped.is_none() {
        return Ok(false);
    }
    app.outbox.wake();
    show_final(app, b, text).await;
    Ok(true)
}

async fn show_final(app: &Deps, b: &Broadcast, text: String) {
    if let (Some(chat), Some(message)) = (b.report_chat_id, b.report_message_id) {
        let _ = app.telegram.edit_text(chat, message, text, None).await;
    }
}

/// Who of a broadcast was not reached, as a file for HR: NIP, name, unit, why.
pub async fn unreached_file(
    db: &Db,
    id: i64,
    lang: Lang,
    format: Format,
) -> Result<(Vec<u8>, usize), crate::bot::context::HandlerError> {
    let rows = outbox::undelivered(db, ORIGIN, id).await?;
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let why = match &r.why {
                NotReached::Unlinked => text(lang, Msg::UnreachedNotLinked),
                NotReached::Unreachable => text(lang, Msg::UnreachedBlocked),
                NotReached::Failed(reason) => {
                    text_with(lang, Msg::UnreachedFailed, &[("reason", reason.clone())])
                }
            };
            vec![r.nip.clone(), r.name.clone(), r.unit.clone(), why]
        })
        .collect();
    const HEADER: [&str; 4] = ["nip", "nama", "unit", "keterangan"];
    let (bytes, table) = export::table_off_runtime(format, &HEADER, table)
        .await
        .map_err(crate::bot::context::HandlerError::Export)?;
    Ok((bytes, table.len()))
}
