//! The dialog's buttons, all under the `dk` prefix: starting a recording (from a reminder, a
//! request or `/dialog`), each step of it, the employee's acknowledgement, the follow-up and its
//! coaching feedback, and the history views. Only opaque numbers and codes travel.

use crate::bot::codec::parse_id;
use crate::domain::dialog::{Agreement, CoachingStatement, FollowUpKind, Giver, Kind, Mode};
use crate::domain::{DialogId, EmployeeRef};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Button {
    /// Start recording with this subordinate (reminders, requests, the `/dialog` list).
    Record(EmployeeRef),
    /// Add or remove a subordinate of a group session.
    Toggle(EmployeeRef),
    /// The subordinates are chosen.
    Chosen,
    /// Another page of the subordinates to choose from.
    SubordinatesPage(usize),
    Kind(Kind),
    Mode(Mode),
    Today,
    Yesterday,
    /// Leave an optional answer empty.
    Skip,
    /// No follow-up agreed.
    NoFollowUp,
    FollowUp(FollowUpKind),
    Giver(Giver),
    Save,
    Discard,
    /// The employee confirms the record, as of the revision their copy showed.
    Confirm(DialogId, i64),
    /// The employee wants to add a comment on that revision.
    Comment(DialogId, i64),
    /// The supervisor corrects a record not yet acknowledged.
    Correct(DialogId),
    /// The supervisor marks the agreed follow-up as done.
    FollowUpDone(DialogId),
    /// One answer of the coached employee's feedback.
    Coaching(DialogId, CoachingStatement, Agreement),
    /// A subordinate's dialogs of the last twelve months.
    History(EmployeeRef),
    /// HR asks for one employee's history by NIP.
    FindHistory,
    /// The employee asks their supervisor for a dialog.
    Request,
    /// The employee's own dialogs.
    Mine,
    /// The supervisor's list of subordinates to record with.
    Start,
    /// HR's compliance figures, on screen or as a file.
    Compliance,
    ComplianceFile(crate::export::Format),
}

impl Button {
    pub fn encode(&self) -> String {
        match self {
            Self::Record(r) => format!("dk:r:{}", r.0),
            Self::Toggle(r) => format!("dk:t:{}", r.0),
            Self::Chosen => "dk:chosen".into(),
            Self::SubordinatesPage(p) => format!("dk:p:{p}"),
            Self::Kind(k) => format!("dk:k:{}", k.code()),
            Self::Mode(m) => format!("dk:m:{}", m.code()),
            Self::Today => "dk:today".into(),
            Self::Yesterday => "dk:yesterday".into(),
            Self::Skip => "dk:skip".into(),
            Self::NoFollowUp => "dk:nofu".into(),
            Self::FollowUp(f) => format!("dk:f:{}", f.code()),
            Self::Giver(g) => format!("dk:g:{}", g.code()),
            Self::Save => "dk:save".into(),
            Self::Discard => "dk:discard".into(),
            Self::Confirm(d, rev) => format!("dk:ok:{}:{rev}", d.0),
            Self::Comment(d, rev) => format!("dk:c:{}:{rev}", d.0),
            Self::Correct(d) => format!("dk:e:{}", d.0),
            Self::FollowUpDone(d) => format!("dk:fd:{}", d.0),
            Self::Coaching(d, s, a) => format!("dk:q:{}:{}:{}", d.0, s.code(), a.score()),
            Self::History(r) => format!("dk:h:{}", r.0),
            Self::FindHistory => "dk:find".into(),
            Self::Request => "dk:request".into(),
            Self::Mine => "dk:mine".into(),
            Self::Start => "dk:start".into(),
            Self::Compliance => "dk:compliance".into(),
            Self::ComplianceFile(f) => format!("dk:cf:{}", f.extension()),
        }
    }

    pub fn parse(kind: &str, rest: &str) -> Option<Self> {
        if kind != "dk" {
            return None;
        }
        let (op, arg) = rest.split_once(':').unwrap_or((rest, ""));
        let emp = || parse_id(arg).map(EmployeeRef);
        let dialog = || parse_id(arg).map(DialogId);
        match op {
            "r" => emp().map(Self::Record),
            "t" => emp().map(Self::Toggle),
            "h" => emp().map(Self::History),
            "p" => crate::bot::codec::parse_page(arg).map(Self::SubordinatesPage),
            "k" => Kind::parse(arg).map(Self::Kind),
            "m" => Mode::parse(arg).map(Self::Mode),
            "f" => FollowUpKind::parse(arg).map(Self::FollowUp),
            "g" => Giver::parse(arg).map(Self::Giver),
            "ok" => revised(arg).map(|(d, rev)| Self::Confirm(d, rev)),
            "c" => revised(arg).map(|(d, rev)| Self::Comment(d, rev)),
            "e" => dialog().map(Self::Correct),
            "fd" => dialog().map(Self::FollowUpDone),
            "q" => parse_coaching(arg),
            "cf" => match arg {
                "csv" => Some(Self::ComplianceFile(crate::export::Format::Csv)),
                "xlsx" => Some(Self::ComplianceFile(crate::export::Format::Xlsx)),
                _ => None,
            },
            _ if !arg.is_empty() => None,
            "chosen" => Some(Self::Chosen),
            "today" => Some(Self::Today),
            "yesterday" => Some(Self::Yesterday),
            "skip" => Some(Self::Skip),
            "nofu" => Some(Self::NoFollowUp),
            "save" => Some(Self::Save),
            "discard" => Some(Self::Discard),
            "find" => Some(Self::FindHistory),
            "request" => Some(Self::Request),
            "mine" => Some(Self::Mine),
            "start" => Some(Self::Start),
            "compliance" => Some(Self::Compliance),
            _ => None,
        }
    }
}

/// `<dialog id>:<revision>`, the revision 0 or more.
fn revised(arg: &str) -> Option<(DialogId, i64)> {
    let (id, rev) = arg.split_once(':')?;
    let rev = if rev == "0" { Some(0) } else { parse_id(rev) };
    Some((DialogId(parse_id(id)?), rev?))
}

fn parse_coaching(arg: &str) -> Option<Button> {
    let mut parts = arg.split(':');
    let id = parse_id(parts.next()?)?;
    let statement = CoachingStatement::parse(parts.next()?)?;
    let score = parts.next()?;
    // Digits only: `i64::from_str` would also take "+1".
    if !score.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let agreement = Agreement::from_score(score.parse().ok()?)?;
    parts
        .next()
        .is_none()
        .then_some(Button::Coaching(DialogId(id), statement, agreement))
}
