//! The organisation's buttons: invite links per unit, and confirming an uploaded file.

use crate::bot::codec::{parse_id, parse_page};
use crate::domain::org::UnitId;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Button {
    /// Invite links for the unlinked of a unit (by id); authorized again on arrival.
    InviteUnit(UnitId),
    /// A page of the invite unit buttons (0 is the first).
    InvitePage(usize),
    ImportConfirm,
    ImportCancel,
}

impl Button {
    pub fn encode(&self) -> String {
        match self {
            Self::InviteUnit(id) => format!("inv:{id}"),
            Self::InvitePage(page) => format!("invp:{page}"),
            Self::ImportConfirm => "imp:ok".into(),
            Self::ImportCancel => "imp:no".into(),
        }
    }

    pub fn parse(kind: &str, rest: &str) -> Option<Self> {
        match (kind, rest) {
            ("inv", _) => parse_id(rest).map(|id| Self::InviteUnit(UnitId(id))),
            ("invp", _) => parse_page(rest).map(Self::InvitePage),
            ("imp", "ok") => Some(Self::ImportConfirm),
            ("imp", "no") => Some(Self::ImportCancel),
            _ => None,
        }
    }
}
