//! The dialog's conversations: recording one (or a group session) step by step, and an
//! employee's comment on a record. A draft lives in the chat's stored conversation, so a
//! half-finished recording survives a restart and goes on at its step.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::dialog::{FollowUpKind, Giver, Kind, Mode, Point};
use crate::domain::{DialogId, EmployeeRef};

/// Where a recording is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    Subordinates,
    Kind,
    Mode,
    Date,
    /// The kind's points, by index into `Kind::points`.
    Point(usize),
    FollowUp,
    Giver,
    NextDate,
    Summary,
}

/// A dialog as the supervisor has described it so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// Random, made when the recording starts: saving twice stores one record per employee.
    pub key: String,
    /// A saved record being corrected, or `None` for a new one.
    pub correcting: Option<DialogId>,
    pub employees: Vec<EmployeeRef>,
    /// Their names as shown when chosen, in the same order (the questions name them without
    /// reading the database again).
    #[serde(default)]
    pub names: Vec<String>,
    /// The page of subordinates shown while choosing (a large team does not fit one message).
    #[serde(default)]
    pub page: usize,
    pub step: Step,
    pub kind: Option<Kind>,
    pub mode: Option<Mode>,
    pub held_on: Option<NaiveDate>,
    /// Answered points; a skipped optional point is absent.
    pub points: BTreeMap<Point, String>,
    pub follow_up: Option<FollowUpKind>,
    pub follow_up_by: Option<Giver>,
    pub next_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state")]
pub enum State {
    /// The current step's question is `prompt_message_id`; its buttons act only there.
    RecordingDialog {
        draft: Box<Draft>,
        prompt_message_id: i32,
    },
    /// HR typing the NIP of the employee whose history they want.
    FindingHistory { prompt_message_id: i32 },
    /// An employee writing a comment on a dialog record.
    CommentingDialog {
        dialog_id: DialogId,
        /// The revision of the record the comment is on.
        #[serde(default)]
        revision: i64,
        prompt_message_id: i32,
    },
}

impl State {
    pub fn prompt_message_id(&self) -> Option<i32> {
        match self {
            Self::RecordingDialog {
                prompt_message_id, ..
            }
            | Self::CommentingDialog {
                prompt_message_id, ..
            }
            | Self::FindingHistory { prompt_message_id } => Some(*prompt_message_id),
        }
    }
}
