//! Talking to the Bot API for replies: paced with everything else the bot sends, retries what
//! Telegram asks to retry (a 429 holds all sending for its `retry_after`; 5xx, network), and
//! tells blocked users apart from bad requests. Replies are not queued; messages the bot starts
//! itself go through the outbox, which shares this client's pacer.

use std::sync::Arc;
use std::time::Duration;

use teloxide::prelude::*;
use teloxide::types::{CallbackQueryId, InlineKeyboardMarkup, MessageId, ParseMode};
use teloxide::{ApiError, RequestError};

use tokio_util::sync::CancellationToken;

use super::{Pacer, payloads};
use crate::config::{BotToken, RateLimits};
use crate::domain::ChatId as Chat;

/// Attempts per reply before giving up: with the shared pause growing to 16 s, about two
/// minutes of a Bot API outage are waited out (other chats' workers go on meanwhile).
const ATTEMPTS: u32 = 12;
/// A `retry_after` longer than this is not waited for on the reply path.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

#[derive(Debug, thiserror::Error)]
pub enum SendFailure {
    /// 403 blocked/deactivated, or the chat is gone: final until the user writes again.
    #[error("recipient unreachable: {0}")]
    Unreachable(String),
    /// Telegram refused the request itself (400): retrying cannot help.
    #[error("rejected by Telegram: {0}")]
    Rejected(String),
    /// The bot is stopping; the update is left for after the restart.
    #[error("interrupted by shutdown")]
    Interrupted,
    /// Still failing after every retry.
    #[error("Bot API unavailable: {0}")]
    Unavailable(String),
}

/// An error for the log: teloxide's JSON errors carry the raw response body, which can hold
/// users' messages, names and NIPs, so that body is left out.
pub fn describe(err: &RequestError) -> String {
    match err {
        RequestError::InvalidJson { source, .. } => {
            format!("unparseable Bot API response: {source}")
        }
        // teloxide hides the token in a failed request's URL, but not a `user:password@` of
        // TELOXIDE_API_URL (a self-hosted Bot API behind basic auth).
        other => without_userinfo(&other.to_string()),
    }
}

/// Telegram's limit on a photo's or document's caption, in characters.
pub const MAX_CAPTION: usize = 1024;

/// A caption within [`MAX_CAPTION`], ending in "…" when it had to be cut.
fn cut_caption(caption: String) -> String {
    if caption.chars().count() <= MAX_CAPTION {
        return caption;
    }
    let kept: String = caption.chars().take(MAX_CAPTION - 1).collect();
    kept + "…"
}

/// `scheme://user:password@host` becomes `scheme://***@host` wherever it appears.
fn without_userinfo(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let (before, after) = rest.split_at(at + 3);
        out.push_str(before);
        let authority_end = after
            .find(|c: char| c == '/' || c == ')' || c == '?' || c.is_whitespace())
            .unwrap_or(after.len());
        match after[..authority_end].rfind('@') {
            Some(user_end) => {
                out.push_str("***");
                rest = &after[user_end..];
            }
            None => rest = after,
        }
    }
    out.push_str(rest);
    out
}

enum Class {
    RetryAfter(Duration),
    Transient,
    Unreachable,
    Rejected,
    /// Nothing to do: e.g. editing a message to the text it already has.
    Harmless,
}

fn classify(err: &RequestError) -> Class {
    match err {
        RequestError::RetryAfter(s) => Class::RetryAfter(s.duration()),
        RequestError::Network(_) | RequestError::Io(_) | RequestError::InvalidJson { .. } => {
            Class::Transient
        }
        RequestError::MigrateToChatId(_) => Class::Rejected,
        RequestError::Api(api) => match api {
            ApiError::BotBlocked
            | ApiError::UserDeactivated
            | ApiError::CantInitiateConversation
            | ApiError::BotKicked
            | ApiError::ChatNotFound => Class::Unreachable,
            ApiError::MessageNotModified => Class::Harmless,
            ApiError::Unknown(desc) if is_server_error(desc) => Class::Transient,
            _ => Class::Rejected,
        },
    }
}

/// Whether Telegram refused the request itself (a 4xx other than 429): sending it again
/// would get the same answer.
pub fn is_refusal(err: &RequestError) -> bool {
    matches!(classify(err), Class::Rejected | Class::Unreachable)
}

/// The `outcome` label of `kinerja_messages_sent_total` for a failed send: what Telegram
/// answered, never who to.
fn outcome_label(err: &RequestError) -> &'static str {
    match err {
        RequestError::RetryAfter(_) => "429",
        RequestError::Network(_) | RequestError::Io(_) | RequestError::InvalidJson { .. } => {
            "other"
        }
        RequestError::MigrateToChatId(_) => "400",
        RequestError::Api(ApiError::Unknown(desc)) if is_server_error(desc) => "5xx",
        RequestError::Api(ApiError::Unknown(desc)) if desc.contains("Unauthorized") => "other",
        RequestError::Api(_) => match classify(err) {
            Class::Unreachable => "403",
            _ => "400",
        },
    }
}

fn count_sent(outcome: &'static str) {
    metrics::counter!("kinerja_messages_sent_total", "outcome" => outcome).increment(1);
}

fn token_refused(err: &RequestError) -> bool {
    match err {
        RequestError::Api(ApiError::InvalidToken) => true,
        RequestError::Api(ApiError::Unknown(d)) => d.contains("Unauthorized"),
        _ => false,
    }
}

/// teloxide keeps only the description of an unknown error; 5xx descriptions are the HTTP
/// reason phrases.
fn is_server_error(desc: &str) -> bool {
    let d = desc.to_ascii_lowercase();
    [
        "internal server error",
        "bad gateway",
        "service unavailable",
        "gateway timeout",
    ]
    .iter()
    .any(|s| d.contains(s))
}

/// How one outbox attempt failed; the outbox decides what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttemptError {
    RetryAfter(Duration),
    Transient(String),
    Unreachable(String),
    Rejected(String),
}

#[derive(Clone)]
pub struct Telegram {
    bot: Bot,
    pacer: Arc<Pacer>,
    /// Fired when the bot stops: retries stop waiting, so a stop during a Telegram outage
    /// does not hang for minutes.
    stopping: CancellationToken,
}

impl Telegram {
    pub fn new(token: &BotToken, api_url: url::Url, limits: &RateLimits) -> Self {
        let pacer = Pacer::new(
            limits.messages_per_second,
            Duration::from_millis(limits.per_chat_interval_ms),
            limits.per_chat_burst,
        );
        Self {
            bot: Bot::new(token.expose()).set_api_url(api_url),
            pacer: Arc::new(pacer),
            stopping: CancellationToken::new(),
        }
    }

    /// Makes retries give up (as [`SendFailure::Interrupted`]) once the bot stops.
    pub fn stop_retrying(&self) {
        self.stopping.cancel();
    }

    pub fn bot(&self) -> &Bot {
        &self.bot
    }

    /// The budget the outbox shares with replies.
    pub fn pacer(&self) -> &Pacer {
        &self.pacer
    }

    pub async fn send_text(
        &self,
        chat_id: Chat,
        text: String,
        keyboard: Option<InlineKeyboardMarkup>,
    ) -> Result<Option<MessageId>, SendFailure> {
        self.retry(Some(chat_id), || {
            let req = payloads::request(
                &self.bot,
                payloads::SendMessage {
                    chat_id: chat_id.0,
                    text: text.clone(),
                    parse_mode: None,
                    reply_markup: keyboard.clone(),
                },
            );
            async move { req.await.map(|m| MessageId(m.message_id)) }
        })
        .await
    }

    /// A message in Telegram's HTML formatting (an announcement's preview).
    pub async fn send_html(
        &self,
        chat_id: Chat,
        html: String,
    ) -> Result<Option<MessageId>, SendFailure> {
        self.retry(Some(chat_id), || {
            let req = payloads::request(
                &self.bot,
                payloads::SendMessage {
                    chat_id: chat_id.0,
                    text: html.clone(),
                    parse_mode: Some(ParseMode::Html),
                    reply_markup: None,
                },
            );
            async move { req.await.map(|m| MessageId(m.message_id)) }
        })
        .await
    }

    /// One attempt at an outbox message, no retries: the outbox paces and retries itself.
    pub async fn send_once(
        &self,
        chat_id: Chat,
        text: &str,
        html: bool,
        keyboard: Option<&str>,
    ) -> Result<(), AttemptError> {
        let reply_markup = match keyboard {
            Some(json) => Some(
                serde_json::from_str::<InlineKeyboardMarkup>(json)
                    .map_err(|e| AttemptError::Rejected(format!("stored keyboard: {e}")))?,
            ),
            None => None,
        };
        let payload = payloads::SendMessage {
            chat_id: chat_id.0,
            text: text.to_owned(),
            parse_mode: html.then_some(ParseMode::Html),
            reply_markup,
        };
        let res = payloads::request(&self.bot, payload).await;
        count_sent(res.as_ref().map_or_else(outcome_label, |_| "ok"));
        match res {
            Ok(_) => Ok(()),
            // A revoked token is the operator's to fix; the queue waits for it rather than
            // failing every message.
            Err(e) if token_refused(&e) => Err(AttemptError::Transient(describe(&e))),
            Err(e) => Err(match classify(&e) {
                Class::RetryAfter(d) => AttemptError::RetryAfter(d),
                Class::Transient => AttemptError::Transient(describe(&e)),
                Class::Unreachable => AttemptError::Unreachable(describe(&e)),
                Class::Rejected => AttemptError::Rejected(describe(&e)),
                Class::Harmless => return Ok(()),
            }),
        }
    }

    pub async fn edit_text(
        &self,
        chat_id: Chat,
        message_id: i32,
        text: String,
        keyboard: Option<InlineKeyboardMarkup>,
    ) -> Result<(), SendFailure> {
        self.retry(Some(chat_id), || {
            let req = payloads::request(
                &self.bot,
                payloads::EditMessageText {
                    chat_id: chat_id.0,
                    message_id,
                    text: text.clone(),
                    reply_markup: keyboard.clone(),
                },
            );
            async move { req.await.map(|_| ()) }
        })
        .await
        .map(|_| ())
    }

    pub async fn remove_keyboard(&self, chat_id: Chat, message_id: i32) -> Result<(), SendFailure> {
        self.retry(Some(chat_id), || {
            let payload = payloads::EditMessageReplyMarkup {
                chat_id: chat_id.0,
                message_id,
            };
            let req = payloads::request(&self.bot, payload);
            async move { req.await.map(|_| ()) }
        })
        .await
        .map(|_| ())
    }

    pub async fn send_document(
        &self,
        chat_id: Chat,
        file_name: String,
        bytes: Vec<u8>,
        caption: String,
    ) -> Result<(), SendFailure> {
        use teloxide::types::InputFile;
        self.retry(Some(chat_id), || {
            let file = InputFile::memory(bytes.clone()).file_name(file_name.clone());
            let req = self
                .bot
                .send_document(ChatId(chat_id.0), file)
                .caption(caption.clone());
            async move { req.await.map(|_| ()) }
        })
        .await
        .map(|_| ())
    }

    /// A picture (a chart) with a caption, cut to Telegram's 1024 characters if longer.
    pub async fn send_photo(
        &self,
        chat_id: Chat,
        file_name: String,
        bytes: Vec<u8>,
        caption: String,
    ) -> Result<(), SendFailure> {
        use teloxide::types::InputFile;
        let caption = cut_caption(caption);
        self.retry(Some(chat_id), || {
            let file = InputFile::memory(bytes.clone()).file_name(file_name.clone());
            let mut req = self.bot.send_photo(ChatId(chat_id.0), file);
            if !caption.is_empty() {
                req = req.caption(caption.clone());
            }
            async move { req.await.map(|_| ()) }
        })
        .await
        .map(|_| ())
    }

    /// Fetches a file a user sent, unless `getFile` says it is larger than `max_bytes` (a
    /// self-hosted Bot API serves files up to 2 GB): then `Ok(None)`, and nothing is downloaded.
    pub async fn download(
        &self,
        file_id: &str,
        max_bytes: usize,
    ) -> Result<Option<Vec<u8>>, SendFailure> {
        use teloxide::net::Download;
        use teloxide::types::FileId;
        let file = self
            .retry(None, || {
                let req = self.bot.get_file(FileId(file_id.to_owned()));
                async move { req.await }
            })
            .await?
            .ok_or_else(|| SendFailure::Rejected("no file".into()))?;
        if file.size as usize > max_bytes {
            return Ok(None);
        }
        let mut bytes = Vec::new();
        self.bot
            .download_file(&file.path, &mut bytes)
            .await
            .map_err(|e| SendFailure::Unavailable(without_userinfo(&e.to_string())))?;
        // The size getFile gave is the Bot API's word; what arrived is checked as well.
        Ok((bytes.len() <= max_bytes).then_some(bytes))
    }

    pub async fn answer_callback(
        &self,
        query_id: &CallbackQueryId,
        text: Option<String>,
    ) -> Result<(), SendFailure> {
        self.retry(None, || {
            let payload = payloads::AnswerCallbackQuery {
                callback_query_id: query_id.clone(),
                text: text.clone(),
            };
            let req = payloads::request(&self.bot, payload);
            async move { req.await.map(|_| ()) }
        })
        .await
        .map(|_| ())
    }
}

impl Telegram {
    /// Runs `op` until it succeeds or fails for good, taking a paced slot for `chat` before
    /// each attempt that sends or edits a message. `Ok(None)` means Telegram had nothing to do.
    async fn retry<T, F, Fut>(
        &self,
        chat: Option<Chat>,
        mut op: F,
    ) -> Result<Option<T>, SendFailure>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<T, RequestError>>,
    {
        let mut last = String::new();
        for attempt in 1..=ATTEMPTS {
            if let Some(chat) = chat {
                tokio::select! {
                    _ = self.stopping.cancelled() => return Err(SendFailure::Interrupted),
                    _ = self.pacer.reply_slot(chat.0) => {}
                }
            }
            let res = op().await;
            // Only sends and edits to a chat count as messages; downloads and callback answers
            // do not.
            if chat.is_some() {
                count_sent(res.as_ref().map_or_else(outcome_label, |_| "ok"));
            }
            let err = match res {
                Ok(v) => {
                    self.pacer.succeeded();
                    return Ok(Some(v));
                }
                Err(e) => e,
            };
            last = describe(&err);
            let wait = match classify(&err) {
                Class::Harmless => return Ok(None),
                Class::Unreachable => return Err(SendFailure::Unreachable(last)),
                Class::Rejected => return Err(SendFailure::Rejected(last)),
                Class::RetryAfter(d) if d <= MAX_RETRY_AFTER => {
                    // Telegram's limit is the bot's, not this chat's: everyone holds.
                    self.pacer.freeze(d);
                    d
                }
                Class::RetryAfter(_) => break,
                // The Bot API is failing for everyone: pause all sending, longer each time.
                Class::Transient => self.pacer.failed(),
            };
            tracing::warn!(attempt, wait_ms = wait.as_millis() as u64, error = %last, "Bot API call failed; retrying");
            tokio::select! {
                _ = self.stopping.cancelled() => return Err(SendFailure::Interrupted),
                _ = tokio::time::sleep(wait) => {}
            }
        }
        Err(SendFailure::Unavailable(last))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_in_a_bot_api_url_never_reach_an_error_text() {
        let shown = without_userinfo(
            "error sending request for url (https://bot:hunter2@botapi.internal:8081/token:redacted/getMe)",
        );
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(
            shown.contains("https://***@botapi.internal:8081/"),
            "{shown}"
        );
        let plain = "error sending request for url (https://api.telegram.org/token:redacted/getMe)";
        assert_eq!(without_userinfo(plain), plain);
    }

    #[test]
    fn a_long_caption_is_cut_to_telegrams_limit() {
        assert_eq!(cut_caption("Grafik".into()), "Grafik");
        let long = "é".repeat(MAX_CAPTION + 10);
        let cut = cut_caption(long);
        assert_eq!(cut.chars().count(), MAX_CAPTION);
        assert!(cut.ends_with('…'));
        let exact = "x".repeat(MAX_CAPTION);
        assert_eq!(cut_caption(exact.clone()), exact);
    }

    #[test]
    fn server_errors_are_transient_and_bad_requests_are_not() {
        assert!(is_server_error("Internal Server Error"));
        assert!(is_server_error("Bad Gateway"));
        assert!(!is_server_error("Bad Request: message text is empty"));
        assert!(matches!(
            classify(&RequestError::Api(ApiError::BotBlocked)),
            Class::Unreachable
        ));
        assert!(matches!(
            classify(&RequestError::Api(ApiError::MessageTextIsEmpty)),
            Class::Rejected
        ));
    }

    #[test]
    fn each_failed_send_is_counted_under_telegrams_answer() {
        let api = |e| outcome_label(&RequestError::Api(e));
        assert_eq!(api(ApiError::BotBlocked), "403");
        assert_eq!(api(ApiError::ChatNotFound), "403");
        assert_eq!(api(ApiError::MessageTextIsEmpty), "400");
        assert_eq!(api(ApiError::Unknown("Bad Gateway".into())), "5xx");
        assert_eq!(api(ApiError::Unknown("Unauthorized".into())), "other");
        let retry = RequestError::RetryAfter(teloxide::types::Seconds::from_seconds(3));
        assert_eq!(outcome_label(&retry), "429");
    }
}
