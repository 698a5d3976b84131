//! Who an announcement or a deadline is for. Plain Rust: the storage layer turns an audience and
//! the creator's scope into recipients; nothing here knows SQL or Telegram.

use serde::{Deserialize, Serialize};

use super::org::UnitId;

/// Everyone within the creator's scope, or a part of it. HR of a unit never reaches beyond their
/// own subtree: their scope bounds every audience.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "unit_id", rename_all = "snake_case")]
pub enum Audience {
    Everyone,
    /// A unit (by id) with its sub-units.
    Unit(UnitId),
    /// People with at least one active direct subordinate.
    Supervisors,
    /// Pengelola kinerja of any scope, and admins.
    Hr,
}

impl Audience {
    /// How it is stored: `all`, `unit:<id>`, `supervisors`, `hr`.
    pub fn code(self) -> String {
        match self {
            Self::Everyone => "all".into(),
            Self::Unit(id) => format!("unit:{id}"),
            Self::Supervisors => "supervisors".into(),
            Self::Hr => "hr".into(),
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "all" => Some(Self::Everyone),
            "supervisors" => Some(Self::Supervisors),
            "hr" => Some(Self::Hr),
            other => {
                let id = other.strip_prefix("unit:")?;
                if !id.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                id.parse()
                    .ok()
                    .filter(|id| *id > 0)
                    .map(|id| Self::Unit(UnitId(id)))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_audience_round_trips_through_its_code() {
        for a in [
            Audience::Everyone,
            Audience::Unit(UnitId(42)),
            Audience::Supervisors,
            Audience::Hr,
        ] {
            assert_eq!(Audience::parse(&a.code()), Some(a));
        }
        for bad in [
            "", "unit:", "unit:-1", "unit:0", "unit:+3", "everyone", "unit:1x",
        ] {
            assert_eq!(Audience::parse(bad), None, "{bad}");
        }
    }
}
