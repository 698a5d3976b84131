//! What the inbox's workers call for each update: parse it at the edge, route it, and answer
//! a failure with an apology; a flooding sender is told once to slow down.

use futures::future::BoxFuture;
use teloxide::types::Update;

use super::context::HandlerError;
use super::input::{Incoming, Input};
use super::router;
use crate::deps::Deps;
use crate::domain::{ChatId, Lang, UserId};
use crate::i18n::{self, Msg};
use crate::inbox::{Handled, Handler};
use crate::storage;
use crate::storage::inbox::Kind;
use crate::telegram::SendFailure;

pub struct Dispatch {
    pub deps: Deps,
}

impl Handler for Dispatch {
    fn handle(&self, update: Update, kind: Kind) -> BoxFuture<'_, Handled> {
        Box::pin(handle(&self.deps, update, kind))
    }
}

async fn handle(app: &Deps, update: Update, kind: Kind) -> Handled {
    let Some(incoming) = Incoming::parse(&update, &app.bot_username) else {
        return Handled::Done;
    };
    let (chat_id, user_id) = (incoming.chat_id, incoming.user_id);
    let guess = Lang::from_telegram(incoming.language_code.as_deref());
    // Whatever a file does to the reader (a crash, a hang, memory), the update that brought it
    // is handled already: after a restart it is not read again, so a bad file cannot put the
    // bot in a crash loop. If marking fails, the file is not read at all.
    if kind == Kind::Update && matches!(incoming.input, Input::Document { .. }) {
        let now = app.clock.now().timestamp();
        if let Err(e) = storage::inbox::mark_handled(&app.db, incoming.update_id, now).await {
            tracing::error!(error = %e, "cannot record a file upload as handled; not reading it");
            apologise(app, user_id, chat_id, guess).await;
            return Handled::Done;
        }
    }
    let result = match kind {
        Kind::Update => router::route(app, incoming).await,
        Kind::SlowDown => slow_down(app, user_id, chat_id, guess).await,
        Kind::Dropped => Ok(()),
    };
    match result {
        Ok(()) => Handled::Done,
        Err(HandlerError::Telegram(SendFailure::Interrupted)) => Handled::Interrupted,
        Err(e) => {
            tracing::error!(error = %e, "handling an update failed");
            apologise(app, user_id, chat_id, guess).await;
            Handled::Done
        }
    }
}

async fn language(app: &Deps, user_id: UserId, guess: Lang) -> Lang {
    storage::users::language(&app.db, user_id)
        .await
        .ok()
        .flatten()
        .unwrap_or(guess)
}

async fn slow_down(
    app: &Deps,
    user_id: UserId,
    chat_id: ChatId,
    guess: Lang,
) -> Result<(), HandlerError> {
    let text = i18n::text(language(app, user_id, guess).await, Msg::SlowDown);
    match app.telegram.send_text(chat_id, text, None).await {
        Ok(_) | Err(SendFailure::Unreachable(_)) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// Best effort: the user hears that something failed rather than nothing.
async fn apologise(app: &Deps, user_id: UserId, chat_id: ChatId, guess: Lang) {
    let text = i18n::text(language(app, user_id, guess).await, Msg::InternalError);
    if let Err(e) = app.telegram.send_text(chat_id, text, None).await {
        tracing::warn!(error = %e, "could not send the apology");
    }
}
