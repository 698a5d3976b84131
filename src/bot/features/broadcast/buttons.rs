//! The broadcast's buttons: send or discard the previewed announcement, stop one under way, and
//! the list of who was not reached.

use crate::bot::codec::parse_id;
use crate::export::Format;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Button {
    Send,
    Discard,
    Stop(i64),
    Unreached(i64, Format),
}

impl Button {
    pub fn encode(&self) -> String {
        match self {
            Self::Send => "bc:go".into(),
            Self::Discard => "bc:no".into(),
            Self::Stop(id) => format!("bcs:{id}"),
            Self::Unreached(id, format) => format!("bcu:{id}:{}", format.extension()),
        }
    }

    pub fn parse(kind: &str, rest: &str) -> Option<Self> {
        match (kind, rest) {
            ("bc", "go") => Some(Self::Send),
            ("bc", "no") => Some(Self::Discard),
            ("bcs", _) => parse_id(rest).map(Self::Stop),
            ("bcu", _) => {
                let (id, format) = rest.split_once(':')?;
                let format = match format {
                    "csv" => Format::Csv,
                    "xlsx" => Format::Xlsx,
                    _ => return None,
                };
                parse_id(id).map(|id| Self::Unreached(id, format))
            }
            _ => None,
        }
    }
}
