//! Button data: one type, encoded and parsed in one place. Anyone can read and forge it, so it
//! holds opaque values only and every press is authorized again on arrival.

use crate::domain::Lang;

/// Telegram's limit on `callback_data`.
pub const MAX_BYTES: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallbackData {
    SetLanguage(Lang),
    /// Invite links for the unlinked of a unit (by id); authorized again on arrival.
    InviteUnit(i64),
    ImportConfirm,
    ImportCancel,
}

impl CallbackData {
    pub fn encode(&self) -> String {
        match self {
            Self::SetLanguage(lang) => format!("lang:{}", lang.code()),
            Self::InviteUnit(id) => format!("inv:{id}"),
            Self::ImportConfirm => "imp:ok".into(),
            Self::ImportCancel => "imp:no".into(),
        }
    }

    /// `None` for anything this version does not issue: old, foreign or forged data.
    pub fn parse(data: &str) -> Option<Self> {
        let (kind, rest) = data.split_once(':')?;
        match kind {
            "lang" => Lang::from_code(rest).map(Self::SetLanguage),
            "inv" => rest
                .parse()
                .ok()
                .filter(|id: &i64| *id > 0 && rest.bytes().all(|b| b.is_ascii_digit()))
                .map(Self::InviteUnit),
            "imp" if rest == "ok" => Some(Self::ImportConfirm),
            "imp" if rest == "no" => Some(Self::ImportCancel),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_variant() -> Vec<CallbackData> {
        Lang::ALL
            .into_iter()
            .map(CallbackData::SetLanguage)
            .collect()
    }

    #[test]
    fn every_variant_round_trips_and_fits_telegram() {
        for data in every_variant() {
            let enc = data.encode();
            assert!(enc.len() <= MAX_BYTES, "{enc} is too long");
            assert_eq!(CallbackData::parse(&enc), Some(data));
        }
    }

    #[test]
    fn forged_or_foreign_data_is_rejected() {
        for bad in [
            "",
            "lang",
            "lang:fr",
            "xyz:1",
            "lang:id:extra",
            "💥",
            "inv:-1",
            "inv:+5",
            "inv:x",
            "imp:yes",
        ] {
            assert_eq!(CallbackData::parse(bad), None, "{bad:?}");
        }
    }
}
