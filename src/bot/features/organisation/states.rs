//! The organisation's conversation: confirming an uploaded employee file.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state")]
pub enum State {
    /// HR uploaded an employee file; its dry-run report is in `prompt_message_id`, awaiting
    /// confirmation.
    ConfirmingImport {
        file_id: String,
        prompt_message_id: i32,
        /// What the preview showed, and when; a prompt from before these were kept has none
        /// and is previewed again.
        #[serde(default)]
        file_sha256: String,
        #[serde(default)]
        shown: Option<crate::import::Shown>,
        #[serde(default)]
        shown_at: i64,
    },
}

impl State {
    pub fn prompt_message_id(&self) -> Option<i32> {
        match self {
            Self::ConfirmingImport {
                prompt_message_id, ..
            } => Some(*prompt_message_id),
        }
    }
}
