//! The rating's conversation: one subordinate, one period, step by step. It lives in the chat's
//! stored conversation, so a restart resumes at the same step; `/cancel` stores nothing.

use serde::{Deserialize, Serialize};

use super::evidence::Evidence;
use crate::domain::EmployeeRef;
use crate::domain::berakhlak::Rating;

/// Where the rating is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    #[default]
    Hasil,
    Perilaku,
    Note,
    Preview,
}

/// A rating as the supervisor has given it so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The period's code, e.g. `2027-q1`.
    pub period: String,
    pub employee: EmployeeRef,
    /// The subordinate's name as shown on the card.
    pub name: String,
    /// They head their unit: hasil kerja is the unit's result HR recorded.
    pub head: bool,
    pub step: Step,
    pub hasil: Option<Rating>,
    pub perilaku: Option<Rating>,
    /// The note so far: the stored evaluation's at first, offered to keep at the note step.
    pub note: Option<String>,
    /// For a head: the unit's result as the preview showed it.
    #[serde(default)]
    pub unit_result: Option<Rating>,
    /// What the card showed: stored with the evaluation.
    pub evidence: Evidence,
    /// When the card was shown (epoch seconds): an old card is not saved from.
    pub shown_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state")]
pub enum State {
    /// Rating one subordinate; the current step's question is `prompt_message_id`.
    RatingPredikat {
        draft: Box<Draft>,
        prompt_message_id: i32,
    },
}

impl State {
    pub fn prompt_message_id(&self) -> Option<i32> {
        match self {
            Self::RatingPredikat {
                prompt_message_id, ..
            } => Some(*prompt_message_id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bot::conversation::Conversation;

    const STORED: &str = concat!(
        r#"{"state":"RatingPredikat","draft":{"period":"2027-q1","employee":12,"#,
        r#""name":"Wulan Sari","head":false,"step":"Preview","hasil":"di-atas","#,
        r#""perilaku":"sesuai","note":"Rapi","unit_result":null,"#,
        r#""evidence":{"period":"2027-q1","dialogs":{"count":1,"kinds":{"klarifikasi":1},"#,
        r#""follow_ups":[{"kind":"coaching","done":true}],"ack":{"confirmed":1}},"#,
        r#""feedback":[],"expectations":{"akuntabel":"Tepat waktu"},"unit_result":null,"#,
        r#""history":[]},"shown_at":1800000000},"prompt_message_id":51}"#
    );

    /// A state stored by this version: a later version must still load it.
    #[test]
    fn a_stored_rating_still_loads() {
        use crate::domain::berakhlak::Value;
        use crate::domain::dialog::{Ack, FollowUpKind, Kind};
        let mut evidence = Evidence {
            period: "2027-q1".into(),
            ..Evidence::default()
        };
        evidence.dialogs.count = 1;
        evidence.dialogs.kinds.insert(Kind::Klarifikasi, 1);
        evidence
            .dialogs
            .follow_ups
            .push(super::super::evidence::FollowUp {
                kind: FollowUpKind::Coaching,
                done: true,
            });
        evidence.dialogs.ack.insert(Ack::Confirmed, 1);
        evidence
            .expectations
            .insert(Value::Akuntabel, "Tepat waktu".into());
        let expected: Conversation = State::RatingPredikat {
            draft: Box::new(Draft {
                period: "2027-q1".into(),
                employee: EmployeeRef(12),
                name: "Wulan Sari".into(),
                head: false,
                step: Step::Preview,
                hasil: Some(Rating::DiAtas),
                perilaku: Some(Rating::Sesuai),
                note: Some("Rapi".into()),
                unit_result: None,
                evidence,
                shown_at: 1_800_000_000,
            }),
            prompt_message_id: 51,
        }
        .into();
        let parsed: Conversation = serde_json::from_str(STORED).expect(STORED);
        assert_eq!(parsed, expected);
        assert_eq!(expected.to_json(), STORED);
    }
}
