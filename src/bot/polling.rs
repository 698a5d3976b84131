//! Long polling, written out rather than taken from teloxide so that restarts are exact: an
//! update is marked handled in the database right after its handler ends, the batch is confirmed
//! to Telegram only after that, and a stop waits for the updates being handled. After a crash,
//! Telegram resends the unconfirmed batch and the marks skip what was already answered; only
//! updates in flight at a `kill -9` can be answered twice.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::TimeDelta;
use futures::StreamExt;
use teloxide::prelude::*;
use teloxide::types::{AllowedUpdate, Update};
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use super::context::HandlerError;
use super::input::Incoming;
use super::router;
use super::telegram::SendFailure;
use crate::app::{App, Backoff};
use crate::i18n::{self, Msg};
use crate::storage;

/// Telegram keeps unconfirmed updates for 24 hours; marks are kept a little longer.
const KEEP_MARKS: TimeDelta = TimeDelta::hours(48);
const PRUNE_EVERY: TimeDelta = TimeDelta::minutes(30);

pub async fn run(app: Arc<App>, shutdown: CancellationToken) {
    let mut offset: Option<i32> = None;
    let mut backoff = Backoff::default();
    let mut last_prune = None;
    let timeout = app.settings.file.polling.timeout_seconds;
    while !shutdown.is_cancelled() {
        let mut req = app
            .telegram
            .bot()
            .get_updates()
            .timeout(timeout)
            .limit(100)
            .allowed_updates([AllowedUpdate::Message, AllowedUpdate::CallbackQuery]);
        if let Some(o) = offset {
            req = req.offset(o);
        }
        let res = tokio::select! {
            _ = shutdown.cancelled() => break,
            r = req.send() => r,
        };
        let updates = match res {
            Ok(u) => {
                backoff.reset();
                u
            }
            Err(e) => {
                let wait = backoff.next_wait();
                let error = super::telegram::describe(&e);
                tracing::warn!(%error, retry_in_s = wait.as_secs(), "getUpdates failed; retrying");
                tokio::select! {
                    _ = shutdown.cancelled() => break,
                    _ = tokio::time::sleep(wait) => continue,
                }
            }
        };
        let Some(last) = updates.iter().map(|u| u.id.0).max() else {
            continue;
        };
        let complete = handle_batch(&app, updates, &shutdown).await;
        if complete {
            offset = i32::try_from(last).ok().map(|l| l + 1);
        }
        prune_marks(&app, &mut last_prune).await;
    }
    confirm(&app, offset).await;
}

/// Handles one batch: chats in parallel, each chat's updates in order. Returns false if a stop
/// came before every update was handled.
async fn handle_batch(app: &App, updates: Vec<Update>, shutdown: &CancellationToken) -> bool {
    let username = app.bot_username().to_owned();
    let mut by_chat: BTreeMap<i64, Vec<Update>> = BTreeMap::new();
    for u in updates {
        let key = u.chat().map(|c| c.id.0).unwrap_or_default();
        by_chat.entry(key).or_default().push(u);
    }
    let limit = app.settings.file.polling.max_concurrent_chats;
    let results: Vec<bool> = futures::stream::iter(by_chat.into_values())
        .map(|chat_updates| {
            let username = username.clone();
            async move {
                for u in chat_updates {
                    if shutdown.is_cancelled() || !handle_one(app, &u, &username).await {
                        return false;
                    }
                }
                true
            }
        })
        .buffer_unordered(limit)
        .collect()
        .await;
    results.into_iter().all(|done| done)
}

/// Handles one update and marks it handled. Returns false when a stop interrupted it: it is
/// then left unmarked, to be handled again after the restart.
async fn handle_one(app: &App, update: &Update, username: &str) -> bool {
    let update_id = i64::from(update.id.0);
    let span = tracing::debug_span!("update", update_id);
    async {
        match storage::updates::is_processed(&app.db, update_id).await {
            Ok(true) => {
                tracing::debug!("already handled before a restart; skipped");
                return true;
            }
            Ok(false) => {}
            // Handling may still work (the check is only a read); a duplicate beats a loss.
            Err(e) => tracing::error!(error = %e, "cannot check whether the update was handled"),
        }
        if let Some(incoming) = Incoming::parse(update, username) {
            let chat_id = incoming.chat_id;
            let user_id = incoming.user_id;
            let guess = crate::domain::Lang::from_telegram(incoming.language_code.as_deref());
            match router::route(app, incoming).await {
                Ok(()) => {}
                Err(HandlerError::Telegram(SendFailure::Interrupted)) => {
                    tracing::info!("stopping: an update is left for after the restart");
                    return false;
                }
                Err(e) => {
                    tracing::error!(error = %e, "handling an update failed");
                    apologise(app, user_id, chat_id, guess).await;
                }
            }
        }
        if let Err(e) = storage::updates::mark_processed(&app.db, update_id, app.clock.now()).await
        {
            tracing::error!(error = %e, "cannot record the update as handled");
        }
        true
    }
    .instrument(span)
    .await
}

/// Best effort: the user hears that something failed rather than nothing.
async fn apologise(app: &App, user_id: i64, chat_id: i64, guess: crate::domain::Lang) {
    let lang = storage::users::language(&app.db, user_id)
        .await
        .ok()
        .flatten()
        .unwrap_or(guess);
    let text = i18n::text(lang, Msg::InternalError);
    if let Err(e) = app.telegram.send_text(chat_id, text, None).await {
        tracing::warn!(error = %e, "could not send the apology");
    }
}

async fn prune_marks(app: &App, last: &mut Option<chrono::DateTime<chrono::Utc>>) {
    let now = app.clock.now();
    if last.is_some_and(|t| now - t < PRUNE_EVERY) {
        return;
    }
    *last = Some(now);
    if let Err(e) = storage::updates::prune(&app.db, now - KEEP_MARKS).await {
        tracing::warn!(error = %e, "cannot prune handled-update marks");
    }
}

/// Tells Telegram the handled updates are done, so a restart does not fetch them again. The
/// marks make this an optimisation, not a requirement.
async fn confirm(app: &App, offset: Option<i32>) {
    let Some(o) = offset else { return };
    let req = app
        .telegram
        .bot()
        .get_updates()
        .offset(o)
        .limit(1)
        .timeout(0);
    match tokio::time::timeout(Duration::from_secs(5), req.send()).await {
        Ok(Ok(_)) => tracing::debug!("confirmed handled updates"),
        _ => {
            tracing::debug!("could not confirm handled updates; they will be skipped after restart")
        }
    }
}
