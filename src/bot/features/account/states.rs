//! The account's conversation: choosing a language.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state")]
pub enum State {
    /// `/language` showed its buttons in message `prompt_message_id`.
    ChoosingLanguage { prompt_message_id: i32 },
}

impl State {
    pub fn prompt_message_id(&self) -> Option<i32> {
        match self {
            Self::ChoosingLanguage { prompt_message_id } => Some(*prompt_message_id),
        }
    }
}
