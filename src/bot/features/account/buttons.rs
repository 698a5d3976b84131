//! The account's buttons: the language choice.

use crate::domain::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Button {
    SetLanguage(Lang),
}

impl Button {
    pub fn encode(&self) -> String {
        match self {
            Self::SetLanguage(lang) => format!("lang:{}", lang.code()),
        }
    }

    pub fn parse(kind: &str, rest: &str) -> Option<Self> {
        match kind {
            "lang" => Lang::from_code(rest).map(Self::SetLanguage),
            _ => None,
        }
    }
}
