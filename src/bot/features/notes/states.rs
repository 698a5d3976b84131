//! The notes' conversations: writing a note to a colleague step by step, and a supervisor
//! going through a subordinate's ekspektasi khusus. Each lives in the chat's stored
//! conversation, so a restart resumes where it was; `/cancel` stores nothing.

use serde::{Deserialize, Serialize};

use crate::domain::EmployeeRef;
use crate::domain::berakhlak::Value;
use crate::storage::feedback_notes::NoteKind;

/// Where a note's writing is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoteStep {
    #[default]
    Colleague,
    Value,
    Kind,
    Text,
    Preview,
}

/// A note as its sender has written it so far.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteDraft {
    /// Random, made when the writing starts: sending twice stores one note. Empty only in a
    /// state stored before drafts were kept, which is ended rather than acted on.
    pub key: String,
    pub step: NoteStep,
    /// The page of colleagues shown while choosing.
    pub page: usize,
    pub recipient: Option<EmployeeRef>,
    /// The recipient's name as shown when chosen, for the next questions.
    pub recipient_name: String,
    pub value: Option<Value>,
    pub kind: Option<NoteKind>,
    pub text: Option<String>,
}

/// Where a supervisor is in a subordinate's expectations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExpectationStep {
    /// Choosing the subordinate.
    Subordinate,
    /// The seven values with what is set for each.
    Values,
    /// Writing (or removing) this value's expectation.
    Text(Value),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpectationDraft {
    pub step: ExpectationStep,
    pub page: usize,
    pub employee: Option<EmployeeRef>,
    /// The subordinate's name as shown when chosen.
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state")]
pub enum State {
    /// Writing a note; the current step's question is `prompt_message_id`.
    WritingNote {
        #[serde(default)]
        draft: Box<NoteDraft>,
        prompt_message_id: i32,
    },
    /// A supervisor's ekspektasi khusus; the current view is `prompt_message_id`.
    SettingExpectations {
        draft: Box<ExpectationDraft>,
        prompt_message_id: i32,
    },
}

impl State {
    pub fn prompt_message_id(&self) -> Option<i32> {
        match self {
            Self::WritingNote {
                prompt_message_id, ..
            }
            | Self::SettingExpectations {
                prompt_message_id, ..
            } => Some(*prompt_message_id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bot::conversation::Conversation;

    /// One stored snapshot per variant and step, as written by this version: a later version
    /// must still load them.
    fn snapshots() -> Vec<(&'static str, Conversation)> {
        vec![
            (
                r#"{"state":"WritingNote","draft":{"key":"0a1b","step":"Preview","page":1,"recipient":12,"recipient_name":"Wulan Sari","value":"harmonis","kind":"appreciation","text":"Terima kasih"},"prompt_message_id":40}"#,
                State::WritingNote {
                    draft: Box::new(NoteDraft {
                        key: "0a1b".into(),
                        step: NoteStep::Preview,
                        page: 1,
                        recipient: Some(EmployeeRef(12)),
                        recipient_name: "Wulan Sari".into(),
                        value: Some(Value::Harmonis),
                        kind: Some(NoteKind::Appreciation),
                        text: Some("Terima kasih".into()),
                    }),
                    prompt_message_id: 40,
                }
                .into(),
            ),
            (
                r#"{"state":"WritingNote","draft":{"key":"0a1b","step":"Colleague","page":0,"recipient":null,"recipient_name":"","value":null,"kind":null,"text":null},"prompt_message_id":41}"#,
                State::WritingNote {
                    draft: Box::new(NoteDraft {
                        key: "0a1b".into(),
                        ..NoteDraft::default()
                    }),
                    prompt_message_id: 41,
                }
                .into(),
            ),
            (
                r#"{"state":"SettingExpectations","draft":{"step":{"Text":"kolaboratif"},"page":0,"employee":7,"name":"Dimas"},"prompt_message_id":42}"#,
                State::SettingExpectations {
                    draft: Box::new(ExpectationDraft {
                        step: ExpectationStep::Text(Value::Kolaboratif),
                        page: 0,
                        employee: Some(EmployeeRef(7)),
                        name: "Dimas".into(),
                    }),
                    prompt_message_id: 42,
                }
                .into(),
            ),
            (
                r#"{"state":"SettingExpectations","draft":{"step":"Subordinate","page":2,"employee":null,"name":""},"prompt_message_id":43}"#,
                State::SettingExpectations {
                    draft: Box::new(ExpectationDraft {
                        step: ExpectationStep::Subordinate,
                        page: 2,
                        employee: None,
                        name: String::new(),
                    }),
                    prompt_message_id: 43,
                }
                .into(),
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

    /// The skeleton's shape, before drafts were kept: it loads, with an empty draft that the
    /// handlers end instead of acting on.
    #[test]
    fn a_note_state_without_a_draft_still_loads() {
        let old = r#"{"state":"WritingNote","prompt_message_id":9}"#;
        assert_eq!(
            Conversation::from_json(old),
            State::WritingNote {
                draft: Box::default(),
                prompt_message_id: 9,
            }
            .into()
        );
    }
}
