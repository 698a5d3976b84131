//! The deadline's buttons: create one step by step, and change or cancel one in scope.

use crate::bot::codec::parse_id;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Button {
    New,
    SkipDescription,
    Save,
    Discard,
    EditDue(i64),
    EditTitle(i64),
    Cancel(i64),
}

impl Button {
    pub fn encode(&self) -> String {
        match self {
            Self::New => "dl:new".into(),
            Self::SkipDescription => "dl:skip".into(),
            Self::Save => "dl:ok".into(),
            Self::Discard => "dl:no".into(),
            Self::EditDue(id) => format!("dld:{id}"),
            Self::EditTitle(id) => format!("dlt:{id}"),
            Self::Cancel(id) => format!("dlx:{id}"),
        }
    }

    pub fn parse(kind: &str, rest: &str) -> Option<Self> {
        match (kind, rest) {
            ("dl", "new") => Some(Self::New),
            ("dl", "skip") => Some(Self::SkipDescription),
            ("dl", "ok") => Some(Self::Save),
            ("dl", "no") => Some(Self::Discard),
            ("dld", _) => parse_id(rest).map(Self::EditDue),
            ("dlt", _) => parse_id(rest).map(Self::EditTitle),
            ("dlx", _) => parse_id(rest).map(Self::Cancel),
            _ => None,
        }
    }
}
