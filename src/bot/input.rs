//! One Telegram update, parsed once into what the router needs. Group chats, channels and
//! update kinds the bot does not use become `None`.

use teloxide::types::{CallbackQueryId, ChatKind, Message, Update, UpdateKind};
use teloxide::utils::render::RenderMessageTextHelper;

use super::{CallbackData, Command};
use crate::domain::{ChatId, UserId};

/// Longest text the bot reads; anything longer is refused politely instead of stored.
pub const MAX_TEXT_CHARS: usize = 4096;

#[derive(Debug, Clone)]
pub struct Incoming {
    pub update_id: i64,
    pub user_id: UserId,
    pub chat_id: ChatId,
    pub first_name: String,
    pub language_code: Option<String>,
    pub input: Input,
}

#[derive(Debug, Clone)]
pub enum Input {
    Command(Command),
    UnknownCommand,
    /// A text, and the same as Telegram HTML: the formatting the user applied in their app
    /// (bold, links…) kept, or, when they applied none, the text as they typed it.
    Text {
        text: String,
        html: String,
    },
    Document {
        file_id: String,
        file_name: String,
    },
    Callback(Callback),
    /// A text longer than [`MAX_TEXT_CHARS`]: refused with the limit and not acted on.
    TooLong,
    /// A sticker, photo or anything else the bot has no use for.
    Unsupported,
}

#[derive(Debug, Clone)]
pub struct Callback {
    pub query_id: CallbackQueryId,
    /// `None` when the data is not something this version issues.
    pub data: Option<CallbackData>,
    /// The message that carried the button.
    pub message_id: Option<i32>,
}

impl Incoming {
    pub fn parse(update: &Update, bot_username: &str) -> Option<Self> {
        let update_id = i64::from(update.id.0);
        match &update.kind {
            UpdateKind::Message(msg) => from_message(update_id, msg, bot_username),
            UpdateKind::CallbackQuery(q) => {
                let user_id = i64::try_from(q.from.id.0).ok()?;
                // In a private chat the chat id is the user's id. A button on a message from any
                // other chat is not this user's to press: it is answered as stale.
                let own = q
                    .message
                    .as_ref()
                    .filter(|m| matches!(m.chat().kind, ChatKind::Private(_)))
                    .filter(|m| m.chat().id.0 == user_id);
                Some(Self {
                    update_id,
                    user_id: UserId(user_id),
                    chat_id: ChatId(user_id),
                    first_name: q.from.first_name.clone(),
                    language_code: q.from.language_code.clone(),
                    input: Input::Callback(Callback {
                        query_id: q.id.clone(),
                        data: own.and(q.data.as_deref()).and_then(CallbackData::parse),
                        message_id: own.map(|m| m.id().0),
                    }),
                })
            }
            _ => None,
        }
    }
}

fn from_message(update_id: i64, msg: &Message, bot_username: &str) -> Option<Incoming> {
    // The bot works in private chats only: nothing personal is said in a group.
    if !matches!(msg.chat.kind, ChatKind::Private(_)) {
        return None;
    }
    let from = msg.from.as_ref()?;
    let input = if let Some(text) = msg.text() {
        if text.chars().count() > MAX_TEXT_CHARS {
            Input::TooLong
        } else if text.starts_with('/') {
            Command::parse_text(text, bot_username)
                .map(Input::Command)
                .unwrap_or(Input::UnknownCommand)
        } else {
            let html = if msg.entities().is_some_and(|e| !e.is_empty()) {
                msg.html_text().unwrap_or_else(|| text.to_owned())
            } else {
                text.to_owned()
            };
            Input::Text {
                text: text.to_owned(),
                html,
            }
        }
    } else if let Some(doc) = msg.document() {
        Input::Document {
            file_id: doc.file.id.0.clone(),
            file_name: doc.file_name.clone().unwrap_or_default(),
        }
    } else {
        Input::Unsupported
    };
    Some(Incoming {
        update_id,
        user_id: UserId(i64::try_from(from.id.0).ok()?),
        chat_id: ChatId(msg.chat.id.0),
        first_name: from.first_name.clone(),
        language_code: from.language_code.clone(),
        input,
    })
}
