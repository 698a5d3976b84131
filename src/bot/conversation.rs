//! Multi-step conversations. Stored as JSON per chat, so renaming a variant or a field strands
//! users halfway: the snapshot test below fails first.

use serde::{Deserialize, Serialize};

use crate::domain::Audience;

/// What an audience is being chosen for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum Draft {
    Broadcast { html: String },
    Deadline { title: String, due_at: i64 },
}

/// A deadline as HR has described it so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineDraft {
    pub title: String,
    pub due_at: i64,
    pub audience: Audience,
    pub description: String,
}

/// Which part of a deadline HR is changing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeadlineField {
    Due,
    Title,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state")]
pub enum Conversation {
    #[default]
    Idle,
    /// `/language` showed its buttons in message `prompt_message_id`.
    ChoosingLanguage {
        prompt_message_id: i32,
    },
    /// HR uploaded an employee file; its dry-run report is in `prompt_message_id`, awaiting
    /// confirmation.
    ConfirmingImport {
        file_id: String,
        prompt_message_id: i32,
    },
    /// `/broadcast`: waiting for the announcement's text.
    ComposingBroadcast,
    /// Audience buttons are in `prompt_message_id`.
    ChoosingAudience {
        draft: Draft,
        prompt_message_id: i32,
    },
    /// The preview was sent; the send/discard buttons are in `prompt_message_id`.
    ConfirmingBroadcast {
        html: String,
        audience: Audience,
        prompt_message_id: i32,
    },
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
    },
    /// Waiting for a new date or title of deadline `id`.
    EditingDeadline {
        id: i64,
        field: DeadlineField,
    },
}

impl Conversation {
    /// The message whose buttons belong to this conversation, if any.
    pub fn prompt_message_id(&self) -> Option<i32> {
        match self {
            Self::Idle
            | Self::ComposingBroadcast
            | Self::DeadlineTitle
            | Self::DeadlineDue { .. }
            | Self::EditingDeadline { .. } => None,
            Self::ChoosingLanguage { prompt_message_id }
            | Self::ConfirmingImport {
                prompt_message_id, ..
            }
            | Self::ChoosingAudience {
                prompt_message_id, ..
            }
            | Self::ConfirmingBroadcast {
                prompt_message_id, ..
            }
            | Self::DeadlineDescription {
                prompt_message_id, ..
            }
            | Self::ConfirmingDeadline {
                prompt_message_id, ..
            } => Some(*prompt_message_id),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{\"state\":\"Idle\"}".into())
    }

    /// A state this version cannot read (written by a removed variant) ends the conversation
    /// rather than the bot.
    pub fn from_json(json: &str) -> Self {
        serde_json::from_str(json).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One stored snapshot per variant, as written by earlier versions.
    fn snapshots() -> Vec<(&'static str, Conversation)> {
        vec![
            (r#"{"state":"Idle"}"#, Conversation::Idle),
            (
                r#"{"state":"ChoosingLanguage","prompt_message_id":42}"#,
                Conversation::ChoosingLanguage {
                    prompt_message_id: 42,
                },
            ),
            (
                r#"{"state":"ConfirmingImport","file_id":"BQAC","prompt_message_id":7}"#,
                Conversation::ConfirmingImport {
                    file_id: "BQAC".into(),
                    prompt_message_id: 7,
                },
            ),
            (
                r#"{"state":"ComposingBroadcast"}"#,
                Conversation::ComposingBroadcast,
            ),
            (
                r#"{"state":"ChoosingAudience","draft":{"kind":"Broadcast","html":"<b>Hi</b>"},"prompt_message_id":3}"#,
                Conversation::ChoosingAudience {
                    draft: Draft::Broadcast {
                        html: "<b>Hi</b>".into(),
                    },
                    prompt_message_id: 3,
                },
            ),
            (
                r#"{"state":"ChoosingAudience","draft":{"kind":"Deadline","title":"SKP","due_at":1801234567},"prompt_message_id":3}"#,
                Conversation::ChoosingAudience {
                    draft: Draft::Deadline {
                        title: "SKP".into(),
                        due_at: 1_801_234_567,
                    },
                    prompt_message_id: 3,
                },
            ),
            (
                r#"{"state":"ConfirmingBroadcast","html":"Hi","audience":{"kind":"unit","unit_id":4},"prompt_message_id":5}"#,
                Conversation::ConfirmingBroadcast {
                    html: "Hi".into(),
                    audience: Audience::Unit(4),
                    prompt_message_id: 5,
                },
            ),
            (r#"{"state":"DeadlineTitle"}"#, Conversation::DeadlineTitle),
            (
                r#"{"state":"DeadlineDue","title":"SKP"}"#,
                Conversation::DeadlineDue {
                    title: "SKP".into(),
                },
            ),
            (
                r#"{"state":"DeadlineDescription","title":"SKP","due_at":9,"audience":{"kind":"everyone"},"prompt_message_id":6}"#,
                Conversation::DeadlineDescription {
                    title: "SKP".into(),
                    due_at: 9,
                    audience: Audience::Everyone,
                    prompt_message_id: 6,
                },
            ),
            (
                r#"{"state":"ConfirmingDeadline","deadline":{"title":"SKP","due_at":9,"audience":{"kind":"hr"},"description":""},"prompt_message_id":8}"#,
                Conversation::ConfirmingDeadline {
                    deadline: DeadlineDraft {
                        title: "SKP".into(),
                        due_at: 9,
                        audience: Audience::Hr,
                        description: String::new(),
                    },
                    prompt_message_id: 8,
                },
            ),
            (
                r#"{"state":"EditingDeadline","id":2,"field":"Due"}"#,
                Conversation::EditingDeadline {
                    id: 2,
                    field: DeadlineField::Due,
                },
            ),
        ]
    }

    #[test]
    fn stored_snapshots_of_every_variant_still_load() {
        for (json, expected) in snapshots() {
            let parsed: Conversation = serde_json::from_str(json).expect(json);
            assert_eq!(parsed, expected);
            assert_eq!(expected.to_json(), json);
        }
    }

    #[test]
    fn an_unreadable_state_falls_back_to_idle() {
        assert_eq!(
            Conversation::from_json(r#"{"state":"Gone"}"#),
            Conversation::Idle
        );
    }
}
