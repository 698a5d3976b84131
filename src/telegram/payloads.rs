//! The Bot API calls the bot makes for every reply, with answers read only as far as the bot
//! needs them. teloxide's own requests parse the whole `Message` Telegram sends back for each
//! send and edit; its deserializer tries variant after variant and formats an error text for
//! each miss, and that cost about as much CPU as the rest of the reply. The requests are the
//! same (method names are teloxide's, the bodies are its fields), and errors still go through
//! teloxide's handling of Telegram's answers.

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use teloxide::Bot;
use teloxide::payloads;
use teloxide::requests::{JsonRequest, Payload};
use teloxide::types::{CallbackQueryId, InlineKeyboardMarkup, ParseMode};

/// The one field of a sent message the bot keeps.
#[derive(Debug, Deserialize)]
pub struct Sent {
    pub message_id: i32,
}

#[derive(Debug, Clone, Serialize)]
pub struct SendMessage {
    pub chat_id: i64,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parse_mode: Option<ParseMode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply_markup: Option<InlineKeyboardMarkup>,
}

impl Payload for SendMessage {
    type Output = Sent;
    const NAME: &'static str = <payloads::SendMessage as Payload>::NAME;
}

#[derive(Debug, Clone, Serialize)]
pub struct EditMessageText {
    pub chat_id: i64,
    pub message_id: i32,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply_markup: Option<InlineKeyboardMarkup>,
}

impl Payload for EditMessageText {
    type Output = IgnoredAny;
    const NAME: &'static str = <payloads::EditMessageText as Payload>::NAME;
}

/// Without `reply_markup`, Telegram removes the message's buttons.
#[derive(Debug, Clone, Serialize)]
pub struct EditMessageReplyMarkup {
    pub chat_id: i64,
    pub message_id: i32,
}

impl Payload for EditMessageReplyMarkup {
    type Output = IgnoredAny;
    const NAME: &'static str = <payloads::EditMessageReplyMarkup as Payload>::NAME;
}

#[derive(Debug, Clone, Serialize)]
pub struct AnswerCallbackQuery {
    pub callback_query_id: CallbackQueryId,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl Payload for AnswerCallbackQuery {
    type Output = IgnoredAny;
    const NAME: &'static str = <payloads::AnswerCallbackQuery as Payload>::NAME;
}

/// A request for `payload` on `bot`, sent when awaited.
pub fn request<P>(bot: &Bot, payload: P) -> JsonRequest<P> {
    JsonRequest::new(bot.clone(), payload)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bodies must be what teloxide sends for the same call, or Telegram would read them
    /// differently.
    #[test]
    fn bodies_match_teloxides_own_requests() {
        use teloxide::payloads::{
            AnswerCallbackQuerySetters, EditMessageTextSetters, SendMessageSetters,
        };
        use teloxide::requests::HasPayload;
        use teloxide::types::{ChatId, InlineKeyboardButton, MessageId};

        let bot = Bot::new("1:x");
        let keyboard =
            InlineKeyboardMarkup::new(vec![vec![InlineKeyboardButton::callback("Ya", "a:1")]]);
        let json = |v: &dyn erased::Json| v.json();

        let ours = SendMessage {
            chat_id: 42,
            text: "<b>Halo</b>".into(),
            parse_mode: Some(ParseMode::Html),
            reply_markup: Some(keyboard.clone()),
        };
        let theirs = teloxide::prelude::Requester::send_message(&bot, ChatId(42), "<b>Halo</b>")
            .parse_mode(ParseMode::Html)
            .reply_markup(keyboard.clone());
        assert_eq!(json(&ours), json(theirs.payload_ref()));

        let ours = EditMessageText {
            chat_id: 42,
            message_id: 7,
            text: "Selesai".into(),
            reply_markup: Some(keyboard.clone()),
        };
        let theirs = teloxide::prelude::Requester::edit_message_text(
            &bot,
            ChatId(42),
            MessageId(7),
            "Selesai",
        )
        .reply_markup(keyboard);
        assert_eq!(json(&ours), json(theirs.payload_ref()));

        let ours = EditMessageReplyMarkup {
            chat_id: 42,
            message_id: 7,
        };
        let theirs =
            teloxide::prelude::Requester::edit_message_reply_markup(&bot, ChatId(42), MessageId(7));
        assert_eq!(json(&ours), json(theirs.payload_ref()));

        let id = CallbackQueryId("q1".into());
        let ours = AnswerCallbackQuery {
            callback_query_id: id.clone(),
            text: Some("Tidak boleh".into()),
        };
        let theirs =
            teloxide::prelude::Requester::answer_callback_query(&bot, id).text("Tidak boleh");
        assert_eq!(json(&ours), json(theirs.payload_ref()));
    }

    mod erased {
        pub trait Json {
            fn json(&self) -> serde_json::Value;
        }
        impl<T: serde::Serialize> Json for T {
            fn json(&self) -> serde_json::Value {
                serde_json::to_value(self).unwrap()
            }
        }
    }

    #[test]
    fn a_sent_message_is_read_for_its_id_only() {
        let answer = r#"{"message_id":12,"date":0,"chat":{"id":1,"type":"private"},"text":"x","unknown":{"a":[1]}}"#;
        let sent: Sent = serde_json::from_str(answer).unwrap();
        assert_eq!(sent.message_id, 12);
    }
}
