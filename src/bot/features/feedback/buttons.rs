//! The 360 round's buttons, all under the `fb` prefix: the rater's list and each tap of a
//! colleague's rating, and HR's round management. Only opaque numbers and codes travel; every
//! press is checked against the assignment's rater or HR's scope.

use crate::bot::codec::parse_id;
use crate::domain::berakhlak::{Rating, Value};
use crate::domain::org::UnitId;
use crate::domain::{AssignmentId, RoundId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Button {
    /// The rater's open assignments (all open rounds).
    List,
    /// Start or resume rating one colleague: the next unanswered value.
    Rate(AssignmentId),
    /// One tap: this value rated so.
    Answer(AssignmentId, Value, Rating),
    /// Ask this value again (from the summary).
    Change(AssignmentId, Value),
    /// Write or replace the optional comment.
    Comment(AssignmentId),
    /// Remove the comment.
    RemoveComment(AssignmentId),
    /// Close the summary: this colleague is done.
    Submit(AssignmentId),
    /// HR: the rounds in their scope.
    Rounds,
    /// HR: one round's response rate per unit.
    Round(RoundId),
    /// HR: confirm the previewed round (the preview is the chat's conversation).
    Open,
    Discard,
    /// HR: close the round now (asks again first), and the confirmation.
    Close(RoundId),
    CloseConfirmed(RoundId),
    /// HR: remind the unit's raters who have not finished.
    Remind(RoundId, UnitId),
}

impl Button {
    pub fn encode(&self) -> String {
        match self {
            Self::List => "fb:list".into(),
            Self::Rate(a) => format!("fb:a:{}", a.0),
            Self::Answer(a, v, r) => format!("fb:v:{}:{}:{}", a.0, v.abbr(), r.code()),
            Self::Change(a, v) => format!("fb:e:{}:{}", a.0, v.abbr()),
            Self::Comment(a) => format!("fb:c:{}", a.0),
            Self::RemoveComment(a) => format!("fb:cx:{}", a.0),
            Self::Submit(a) => format!("fb:s:{}", a.0),
            Self::Rounds => "fb:rounds".into(),
            Self::Round(r) => format!("fb:r:{}", r.0),
            Self::Open => "fb:open".into(),
            Self::Discard => "fb:discard".into(),
            Self::Close(r) => format!("fb:x:{}", r.0),
            Self::CloseConfirmed(r) => format!("fb:xx:{}", r.0),
            Self::Remind(r, u) => format!("fb:m:{}:{}", r.0, u.0),
        }
    }

    pub fn parse(kind: &str, rest: &str) -> Option<Self> {
        if kind != "fb" {
            return None;
        }
        let (op, arg) = rest.split_once(':').unwrap_or((rest, ""));
        let assignment = || parse_id(arg).map(AssignmentId);
        let round = || parse_id(arg).map(RoundId);
        let parts: Vec<&str> = arg.split(':').collect();
        match (op, parts.as_slice()) {
            ("a", _) => assignment().map(Self::Rate),
            ("c", _) => assignment().map(Self::Comment),
            ("cx", _) => assignment().map(Self::RemoveComment),
            ("s", _) => assignment().map(Self::Submit),
            ("r", _) => round().map(Self::Round),
            ("x", _) => round().map(Self::Close),
            ("xx", _) => round().map(Self::CloseConfirmed),
            ("v", [a, v, r]) => Some(Self::Answer(
                AssignmentId(parse_id(a)?),
                Value::from_abbr(v)?,
                Rating::parse(r)?,
            )),
            ("e", [a, v]) => Some(Self::Change(
                AssignmentId(parse_id(a)?),
                Value::from_abbr(v)?,
            )),
            ("m", [r, u]) => Some(Self::Remind(RoundId(parse_id(r)?), UnitId(parse_id(u)?))),
            _ if !arg.is_empty() => None,
            ("list", _) => Some(Self::List),
            ("rounds", _) => Some(Self::Rounds),
            ("open", _) => Some(Self::Open),
            ("discard", _) => Some(Self::Discard),
            _ => None,
        }
    }
}
