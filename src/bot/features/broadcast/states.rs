//! The broadcast's conversation: writing the announcement, then confirming the preview (the
//! audience is chosen in between, with the shared audience picker).

use serde::{Deserialize, Serialize};

use crate::domain::Audience;
use crate::domain::org::UnitId;

/// The audience as its preview showed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownAudience {
    pub scope_unit_id: Option<UnitId>,
    pub recipients: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state")]
pub enum State {
    /// `/broadcast`: waiting for the announcement's text.
    ComposingBroadcast,
    /// The preview was sent; the send/discard buttons are in `prompt_message_id`.
    ConfirmingBroadcast {
        html: String,
        audience: Audience,
        prompt_message_id: i32,
        /// What the preview showed, and when: the scope the audience was resolved in and how
        /// many people it held. A prompt from before these were kept has none and is previewed
        /// again.
        #[serde(default)]
        shown: Option<ShownAudience>,
        #[serde(default)]
        shown_at: i64,
    },
}

impl State {
    pub fn prompt_message_id(&self) -> Option<i32> {
        match self {
            Self::ComposingBroadcast => None,
            Self::ConfirmingBroadcast {
                prompt_message_id, ..
            } => Some(*prompt_message_id),
        }
    }
}
