//! Who is talking and in which language, plus the replies a handler can send.

use teloxide::types::InlineKeyboardMarkup;

use super::SendFailure;
use super::conversation::Conversation;
use crate::deps::Deps;
use crate::domain::authz::{Actor, Denied};
use crate::domain::{ChatId, Lang, UserId};
use crate::i18n::{self, Msg};
use crate::storage::{self, StorageError};

/// Something went wrong that is not the user's fault: logged once, the user gets an apology.
#[derive(Debug, thiserror::Error)]
pub enum HandlerError {
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error(transparent)]
    Telegram(#[from] SendFailure),
    #[error("writing a file failed: {0}")]
    Export(String),
    #[error(transparent)]
    Chart(#[from] crate::charts::ChartError),
}

pub struct Ctx<'a> {
    pub deps: &'a Deps,
    pub user_id: UserId,
    pub chat_id: ChatId,
    pub first_name: String,
    pub lang: Lang,
}

impl Ctx<'_> {
    pub fn text(&self, msg: Msg) -> String {
        i18n::text(self.lang, msg)
    }

    /// Today in the organisation's calendar.
    pub fn today(&self) -> chrono::NaiveDate {
        let tz = self.deps.settings.file.time_zone.tz();
        self.deps.clock.now().with_timezone(&tz).date_naive()
    }

    /// The chat's conversation; `Idle` when there is none.
    pub async fn conversation(&self) -> Result<Conversation, HandlerError> {
        Ok(storage::conversations::load(&self.deps.db, self.chat_id)
            .await?
            .map(|json| Conversation::from_json(&json))
            .unwrap_or_default())
    }

    pub async fn save_conversation(&self, state: &Conversation) -> Result<(), HandlerError> {
        let db = &self.deps.db;
        match state {
            Conversation::Idle(_) => {
                storage::conversations::clear(db, self.chat_id).await?;
            }
            other => {
                let now = self.deps.clock.now();
                storage::conversations::save(db, self.chat_id, &other.to_json(), now).await?;
            }
        }
        Ok(())
    }

    /// Ends the conversation whose buttons are on `prompt_message_id`: the buttons go (best
    /// effort: buttons left on screen only look live, they act on nothing) and the state is
    /// cleared.
    pub async fn end_prompt(&self, prompt_message_id: i32) -> Result<(), HandlerError> {
        let _ = self
            .deps
            .telegram
            .remove_keyboard(self.chat_id, prompt_message_id)
            .await;
        self.save_conversation(&Conversation::IDLE).await
    }

    /// Why a confirm must not apply its preview: the preview is older than
    /// `thresholds.preview_max_age_hours`, or what it showed has changed (`!unchanged`).
    /// `None` when the confirm may go ahead.
    pub fn stale_preview(&self, shown_at: i64, unchanged: bool) -> Option<String> {
        let hours = self.deps.settings.file.thresholds.preview_max_age_hours;
        if self.deps.clock.now().timestamp() - shown_at > i64::from(hours) * 3600 {
            let args = [("hours", hours.to_string())];
            Some(i18n::text_with(self.lang, Msg::PreviewExpired, &args))
        } else {
            (!unchanged).then(|| self.text(Msg::PreviewOutdated))
        }
    }

    /// The employee behind this Telegram account, if it is linked and active.
    pub async fn actor(&self) -> Result<Option<Actor>, HandlerError> {
        Ok(storage::org::actor(&self.deps.db, self.user_id).await?)
    }

    pub async fn refuse(&self, denied: Denied) -> Result<(), HandlerError> {
        self.reply(denied_msg(denied)).await?;
        Ok(())
    }

    /// Answers a button press that is not allowed, on the button itself.
    pub async fn refuse_callback(
        &self,
        cb: &super::input::Callback,
        denied: Denied,
    ) -> Result<(), HandlerError> {
        let answer = self.text(denied_msg(denied));
        self.deps
            .telegram
            .answer_callback(&cb.query_id, Some(answer))
            .await?;
        Ok(())
    }

    /// Answers a button press with nothing to say: Telegram stops the button's spinner.
    pub async fn answer_cb(&self, cb: &super::input::Callback) -> Result<(), HandlerError> {
        self.answer_cb_text(cb, None).await
    }

    /// Answers a button press with a short notice shown over the chat.
    pub async fn answer_cb_with(
        &self,
        cb: &super::input::Callback,
        msg: Msg,
    ) -> Result<(), HandlerError> {
        self.answer_cb_text(cb, Some(self.text(msg))).await
    }

    pub async fn answer_cb_text(
        &self,
        cb: &super::input::Callback,
        text: Option<String>,
    ) -> Result<(), HandlerError> {
        self.deps
            .telegram
            .answer_callback(&cb.query_id, text)
            .await?;
        Ok(())
    }

    /// Sends a long text as several messages, split at line ends (Telegram takes 4096 chars).
    pub async fn send_long(&self, text: &str) -> Result<(), HandlerError> {
        for part in split_message(text, 4000) {
            self.send(part, None).await?;
        }
        Ok(())
    }

    /// Sends a picture (a chart as PNG) with a plain-text caption. A user who blocked the bot
    /// meanwhile is marked, not an error.
    pub async fn send_photo(
        &self,
        file_name: &str,
        bytes: Vec<u8>,
        caption: String,
    ) -> Result<(), HandlerError> {
        let sent = self
            .deps
            .telegram
            .send_photo(self.chat_id, file_name.to_owned(), bytes, caption)
            .await;
        match sent {
            Ok(()) => Ok(()),
            Err(SendFailure::Unreachable(_)) => {
                let now = self.deps.clock.now();
                storage::users::mark_blocked(&self.deps.db, self.chat_id, now).await?;
                Ok(())
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Sends Telegram HTML as several messages split at line ends (a split never falls inside
    /// a line, so a tag opened on a line is closed on it). A user who blocked the bot is marked.
    pub async fn send_html_long(&self, html: &str) -> Result<(), HandlerError> {
        for part in split_message(html, 4000) {
            match self.deps.telegram.send_html(self.chat_id, part).await {
                Ok(_) => {}
                Err(SendFailure::Unreachable(_)) => {
                    let now = self.deps.clock.now();
                    storage::users::mark_blocked(&self.deps.db, self.chat_id, now).await?;
                    return Ok(());
                }
                Err(e) => return Err(e.into()),
            }
        }
        Ok(())
    }

    /// As [`Self::send_long`], with `keyboard` on the last part.
    pub async fn send_long_with(
        &self,
        text: &str,
        keyboard: Option<InlineKeyboardMarkup>,
    ) -> Result<(), HandlerError> {
        let mut parts = split_message(text, 4000);
        let last = parts.pop().unwrap_or_default();
        for part in parts {
            self.send(part, None).await?;
        }
        self.send(last, keyboard).await?;
        Ok(())
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
            .deps
            .telegram
            .send_text(self.chat_id, text, keyboard)
            .await
        {
            Ok(id) => Ok(id.map(|m| m.0)),
            Err(SendFailure::Unreachable(_)) => {
                storage::users::mark_blocked(&self.deps.db, self.chat_id, self.deps.clock.now())
                    .await?;
                Ok(None)
            }
            Err(e) => Err(e.into()),
        }
    }
}

pub fn denied_msg(denied: Denied) -> Msg {
    match denied {
        Denied::NotLinked => Msg::NotLinked,
        Denied::NotAllowed => Msg::NotAllowed,
    }
}

/// Splits at line ends into parts of at most `max` characters (a longer line is cut).
pub fn split_message(text: &str, max: usize) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        let mut line: String = line.chars().take(max).collect();
        if current.chars().count() + line.chars().count() + 1 > max && !current.is_empty() {
            parts.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push('\n');
        }
        current.push_str(&std::mem::take(&mut line));
    }
    if !current.is_empty() {
        parts.push(current);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_reports_split_at_line_ends_within_the_limit() {
        let text = (0..300)
            .map(|i| format!("Baris {i}: NIP harus 18 angka."))
            .collect::<Vec<_>>()
            .join("\n");
        let parts = split_message(&text, 1000);
        assert!(parts.len() > 1);
        assert!(parts.iter().all(|p| p.chars().count() <= 1000));
        assert_eq!(parts.join("\n"), text);
    }
}
