//! Multi-step conversations: a variant per feature, wrapping that feature's own states. Stored
//! as JSON per chat in the same shape as before features had their own enums (each feature's
//! states are tagged by `state`, and their names do not overlap), so renaming a variant or a
//! field strands users halfway: the snapshot test below fails first.

use serde::{Deserialize, Serialize};

use crate::bot::features::{
    account, broadcast, deadline, dialog, feedback, notes, organisation, predikat,
};
use crate::bot::widgets::audience;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state")]
pub enum Idle {
    #[default]
    Idle,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Conversation {
    Idle(Idle),
    Account(account::State),
    Organisation(organisation::State),
    Audience(audience::State),
    Broadcast(broadcast::State),
    Deadline(deadline::State),
    Dialog(dialog::State),
    Feedback(feedback::State),
    Notes(notes::State),
    Predikat(predikat::State),
}

impl Default for Conversation {
    fn default() -> Self {
        Self::IDLE
    }
}

macro_rules! wraps {
    ($($feature:ident => $variant:ident),* $(,)?) => {
        $(impl From<$feature::State> for Conversation {
            fn from(s: $feature::State) -> Self {
                Self::$variant(s)
            }
        })*
    };
}

wraps!(
    account => Account,
    organisation => Organisation,
    audience => Audience,
    broadcast => Broadcast,
    deadline => Deadline,
    dialog => Dialog,
    feedback => Feedback,
    notes => Notes,
    predikat => Predikat,
);

impl Conversation {
    pub const IDLE: Self = Self::Idle(Idle::Idle);

    /// The message whose buttons belong to this conversation, if any.
    pub fn prompt_message_id(&self) -> Option<i32> {
        match self {
            Self::Idle(_) => None,
            Self::Account(s) => s.prompt_message_id(),
            Self::Organisation(s) => s.prompt_message_id(),
            Self::Audience(s) => s.prompt_message_id(),
            Self::Broadcast(s) => s.prompt_message_id(),
            Self::Deadline(s) => s.prompt_message_id(),
            Self::Dialog(s) => s.prompt_message_id(),
            Self::Feedback(s) => s.prompt_message_id(),
            Self::Notes(s) => s.prompt_message_id(),
            Self::Predikat(s) => s.prompt_message_id(),
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
    use crate::domain::Audience;

    const DIALOG_RECORDING: &str = r#"{"state":"RecordingDialog","draft":{"key":"00ff","correcting":4,"employees":[12],"names":["Wulan Sari"],"page":1,"step":{"Point":1},"kind":"klarifikasi","mode":"daring","held_on":"2027-01-14","points":{"hasil-diharapkan":"Laporan"},"follow_up":"mentoring","follow_up_by":"rekan-kerja","next_on":"2027-02-14"},"prompt_message_id":31}"#;

    /// One stored snapshot per variant, as written by earlier versions.
    fn snapshots() -> Vec<(&'static str, Conversation)> {
        vec![
            (r#"{"state":"Idle"}"#, Conversation::IDLE),
            (
                r#"{"state":"ChoosingLanguage","prompt_message_id":42}"#,
                account::State::ChoosingLanguage {
                    prompt_message_id: 42,
                }
                .into(),
            ),
            (
                r#"{"state":"ConfirmingImport","file_id":"BQAC","prompt_message_id":7,"file_sha256":"ab12","shown":{"added":1,"changed":2,"deactivated":3,"unchanged":4,"new_units":5},"shown_at":1801234567}"#,
                organisation::State::ConfirmingImport {
                    file_id: "BQAC".into(),
                    prompt_message_id: 7,
                    file_sha256: "ab12".into(),
                    shown: Some(crate::import::Shown {
                        added: 1,
                        changed: 2,
                        deactivated: 3,
                        unchanged: 4,
                        new_units: 5,
                    }),
                    shown_at: 1_801_234_567,
                }
                .into(),
            ),
            (
                r#"{"state":"ComposingBroadcast"}"#,
                broadcast::State::ComposingBroadcast.into(),
            ),
            (
                r#"{"state":"ChoosingAudience","draft":{"kind":"Broadcast","html":"<b>Hi</b>"},"prompt_message_id":3}"#,
                audience::State::ChoosingAudience {
                    draft: audience::Draft::Broadcast {
                        html: "<b>Hi</b>".into(),
                    },
                    prompt_message_id: 3,
                }
                .into(),
            ),
            (
                r#"{"state":"ChoosingAudience","draft":{"kind":"Deadline","title":"SKP","due_at":1801234567},"prompt_message_id":3}"#,
                audience::State::ChoosingAudience {
                    draft: audience::Draft::Deadline {
                        title: "SKP".into(),
                        due_at: 1_801_234_567,
                    },
                    prompt_message_id: 3,
                }
                .into(),
            ),
            (
                r#"{"state":"ConfirmingBroadcast","html":"Hi","audience":{"kind":"unit","unit_id":4},"prompt_message_id":5,"shown":{"scope_unit_id":2,"recipients":40},"shown_at":1801234567}"#,
                broadcast::State::ConfirmingBroadcast {
                    html: "Hi".into(),
                    audience: Audience::Unit(crate::domain::org::UnitId(4)),
                    prompt_message_id: 5,
                    shown: Some(broadcast::ShownAudience {
                        scope_unit_id: Some(crate::domain::org::UnitId(2)),
                        recipients: 40,
                    }),
                    shown_at: 1_801_234_567,
                }
                .into(),
            ),
            (
                r#"{"state":"DeadlineTitle"}"#,
                deadline::State::DeadlineTitle.into(),
            ),
            (
                r#"{"state":"DeadlineDue","title":"SKP"}"#,
                deadline::State::DeadlineDue {
                    title: "SKP".into(),
                }
                .into(),
            ),
            (
                r#"{"state":"DeadlineDescription","title":"SKP","due_at":9,"audience":{"kind":"everyone"},"prompt_message_id":6}"#,
                deadline::State::DeadlineDescription {
                    title: "SKP".into(),
                    due_at: 9,
                    audience: Audience::Everyone,
                    prompt_message_id: 6,
                }
                .into(),
            ),
            (
                r#"{"state":"ConfirmingDeadline","deadline":{"title":"SKP","due_at":9,"audience":{"kind":"hr"},"description":""},"prompt_message_id":8,"shown_scope":{"scope_unit_id":null},"shown_at":1801234567}"#,
                deadline::State::ConfirmingDeadline {
                    deadline: deadline::DeadlineDraft {
                        title: "SKP".into(),
                        due_at: 9,
                        audience: Audience::Hr,
                        description: String::new(),
                    },
                    prompt_message_id: 8,
                    shown_scope: Some(deadline::ShownScope {
                        scope_unit_id: None,
                    }),
                    shown_at: 1_801_234_567,
                }
                .into(),
            ),
            (
                DIALOG_RECORDING,
                dialog::State::RecordingDialog {
                    draft: Box::new(dialog::Draft {
                        key: "00ff".into(),
                        correcting: Some(crate::domain::DialogId(4)),
                        employees: vec![crate::domain::EmployeeRef(12)],
                        names: vec!["Wulan Sari".into()],
                        page: 1,
                        step: dialog::Step::Point(1),
                        kind: Some(crate::domain::dialog::Kind::Klarifikasi),
                        mode: Some(crate::domain::dialog::Mode::Daring),
                        held_on: chrono::NaiveDate::from_ymd_opt(2027, 1, 14),
                        points: [(
                            crate::domain::dialog::Point::HasilDiharapkan,
                            "Laporan".to_owned(),
                        )]
                        .into(),
                        follow_up: Some(crate::domain::dialog::FollowUpKind::Mentoring),
                        follow_up_by: Some(crate::domain::dialog::Giver::RekanKerja),
                        next_on: chrono::NaiveDate::from_ymd_opt(2027, 2, 14),
                    }),
                    prompt_message_id: 31,
                }
                .into(),
            ),
            (
                r#"{"state":"CommentingDialog","dialog_id":4,"revision":2,"prompt_message_id":32}"#,
                dialog::State::CommentingDialog {
                    dialog_id: crate::domain::DialogId(4),
                    revision: 2,
                    prompt_message_id: 32,
                }
                .into(),
            ),
            (
                r#"{"state":"CommentingFeedback","assignment_id":77,"prompt_message_id":40}"#,
                feedback::State::CommentingFeedback {
                    assignment_id: crate::domain::AssignmentId(77),
                    prompt_message_id: 40,
                }
                .into(),
            ),
            (
                concat!(
                    r#"{"state":"ConfirmingRound","draft":{"key":"ab12","period":"2027-q1","#,
                    r#""opens_on":"2027-03-22","closes_on":"2027-04-02","seed":18446744073709551615,"#,
                    r#""shown_ratees":16,"shown_assignments":62,"shown_at":1800000000},"#,
                    r#""prompt_message_id":41}"#
                ),
                feedback::State::ConfirmingRound {
                    draft: Box::new(feedback::RoundDraft {
                        key: "ab12".into(),
                        period: "2027-q1".into(),
                        opens_on: chrono::NaiveDate::from_ymd_opt(2027, 3, 22).unwrap(),
                        closes_on: chrono::NaiveDate::from_ymd_opt(2027, 4, 2).unwrap(),
                        seed: u64::MAX,
                        shown_ratees: 16,
                        shown_assignments: 62,
                        shown_at: 1_800_000_000,
                    }),
                    prompt_message_id: 41,
                }
                .into(),
            ),
            (
                r#"{"state":"EditingDeadline","id":2,"field":"Due"}"#,
                deadline::State::EditingDeadline {
                    id: 2,
                    field: deadline::DeadlineField::Due,
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

    /// Prompts stored before previews were remembered still load; their confirm shows a fresh
    /// preview rather than applying anything.
    #[test]
    fn a_confirm_prompt_from_before_previews_were_kept_still_loads() {
        let old = r#"{"state":"ConfirmingImport","file_id":"BQAC","prompt_message_id":7}"#;
        assert_eq!(
            Conversation::from_json(old),
            organisation::State::ConfirmingImport {
                file_id: "BQAC".into(),
                prompt_message_id: 7,
                file_sha256: String::new(),
                shown: None,
                shown_at: 0,
            }
            .into()
        );
        let old = r#"{"state":"ConfirmingBroadcast","html":"Hi","audience":{"kind":"hr"},"prompt_message_id":5}"#;
        assert!(matches!(
            Conversation::from_json(old),
            Conversation::Broadcast(broadcast::State::ConfirmingBroadcast { .. })
        ));
    }

    #[test]
    fn an_unreadable_state_falls_back_to_idle() {
        assert_eq!(
            Conversation::from_json(r#"{"state":"Gone"}"#),
            Conversation::IDLE
        );
    }
}
