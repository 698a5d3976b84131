//! The deadline's conversation: title, date, (audience, with the shared picker), description,
//! confirmation; or a new date or title for an existing deadline.

use serde::{Deserialize, Serialize};

use crate::domain::Audience;
use crate::domain::org::UnitId;

/// A deadline as HR has described it so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineDraft {
    pub title: String,
    pub due_at: i64,
    pub audience: Audience,
    pub description: String,
}

/// The scope a deadline's audience was resolved in (`None`: the whole organisation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownScope {
    pub scope_unit_id: Option<UnitId>,
}

/// Which part of a deadline HR is changing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeadlineField {
    Due,
    Title,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state")]
pub enum State {
    /// A new deadline: waiting for its title, then its date.
    DeadlineTitle,
    DeadlineDue {
        title: String,
    },
    /// Waiting for a description, or the skip button in `prompt_message_id`.
    DeadlineDescription {
        title: String,
        due_at: i64,
        audience: Audience,
        prompt_message_id: i32,
    },
    ConfirmingDeadline {
        deadline: DeadlineDraft,
        prompt_message_id: i32,
        /// The scope the audience was resolved in when the summary was shown, and when; a
        /// prompt from before these were kept has none and is shown again.
        #[serde(default)]
        shown_scope: Option<ShownScope>,
        #[serde(default)]
        shown_at: i64,
    },
    /// Waiting for a new date or title of deadline `id`.
    EditingDeadline {
        id: i64,
        field: DeadlineField,
    },
}

impl State {
    pub fn prompt_message_id(&self) -> Option<i32> {
        match self {
            Self::DeadlineTitle | Self::DeadlineDue { .. } | Self::EditingDeadline { .. } => None,
            Self::DeadlineDescription {
                prompt_message_id, ..
            }
            | Self::ConfirmingDeadline {
                prompt_message_id, ..
            } => Some(*prompt_message_id),
        }
    }
}
