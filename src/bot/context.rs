//! Who is talking and in which language, plus the replies a handler can send.

use teloxide::types::InlineKeyboardMarkup;

use super::SendFailure;
use crate::app::App;
use crate::domain::Lang;
use crate::i18n::{self, Msg};
use crate::storage::{self, StorageError};

/// Something went wrong that is not the user's fault: logged once, the user gets an apology.
#[derive(Debug, thiserror::Error)]
pub enum HandlerError {
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error(transparent)]
    Telegram(#[from] SendFailure),
}

pub struct Ctx<'a> {
    pub app: &'a App,
    pub user_id: i64,
    pub chat_id: i64,
    pub first_name: String,
    pub lang: Lang,
}

impl Ctx<'_> {
    pub fn text(&self, msg: Msg) -> String {
        i18n::text(self.lang, msg)
    }

    pub async fn reply(&self, msg: Msg) -> Result<Option<i32>, HandlerError> {
        self.send(self.text(msg), None).await
    }

    /// Sends to this chat. A user who blocked the bot meanwhile is marked, not an error.
    pub async fn send(
        &self,
        text: String,
        keyboard: Option<InlineKeyboardMarkup>,
    ) -> Result<Option<i32>, HandlerError> {
        match self
            .app
            .telegram
            .send_text(self.chat_id, text, keyboard)
            .await
        {
            Ok(id) => Ok(id.map(|m| m.0)),
            Err(SendFailure::Unreachable(_)) => {
                storage::users::mark_blocked(&self.app.db, self.chat_id, self.app.clock.now())
                    .await?;
                Ok(None)
            }
            Err(e) => Err(e.into()),
        }
    }
}
