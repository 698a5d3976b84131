//! The round's conversations: a rater writing the optional comment on one colleague, and HR
//! looking at a round's preview before confirming it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::AssignmentId;

/// A round as HR described it, waiting for their confirmation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundDraft {
    /// Random, made with the preview: confirming twice opens one round.
    pub key: String,
    /// The period's code (`2027-q1`).
    pub period: String,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub seed: u64,
    /// What the preview showed, so a confirm after the organisation changed is refused.
    pub shown_ratees: i64,
    pub shown_assignments: i64,
    pub shown_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state")]
pub enum State {
    /// The rater is typing the comment on this assignment.
    CommentingFeedback {
        assignment_id: AssignmentId,
        prompt_message_id: i32,
    },
    /// HR is looking at the preview of a new round.
    ConfirmingRound {
        draft: Box<RoundDraft>,
        prompt_message_id: i32,
    },
}

impl State {
    pub fn prompt_message_id(&self) -> Option<i32> {
        match self {
            Self::CommentingFeedback {
                prompt_message_id, ..
            }
            | Self::ConfirmingRound {
                prompt_message_id, ..
            } => Some(*prompt_message_id),
        }
    }
}
