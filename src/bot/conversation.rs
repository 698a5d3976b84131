//! Multi-step conversations. Stored as JSON per chat, so renaming a variant or a field strands
//! users halfway: the snapshot test below fails first.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state")]
pub enum Conversation {
    #[default]
    Idle,
    /// `/language` showed its buttons in message `prompt_message_id`.
    ChoosingLanguage { prompt_message_id: i32 },
    /// HR uploaded an employee file; its dry-run report is in `prompt_message_id`, awaiting
    /// confirmation.
    ConfirmingImport {
        file_id: String,
        prompt_message_id: i32,
    },
}

impl Conversation {
    /// The message whose buttons belong to this conversation, if any.
    pub fn prompt_message_id(&self) -> Option<i32> {
        match self {
            Self::Idle => None,
            Self::ChoosingLanguage { prompt_message_id }
            | Self::ConfirmingImport {
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
