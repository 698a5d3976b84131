//! The notes' conversations.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state")]
pub enum State {
    /// Writing a note's text.
    WritingNote { prompt_message_id: i32 },
}

impl State {
    pub fn prompt_message_id(&self) -> Option<i32> {
        match self {
            Self::WritingNote { prompt_message_id } => Some(*prompt_message_id),
        }
    }
}
