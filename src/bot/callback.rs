//! Button data: one type, encoded and parsed in one place. Anyone can read and forge it, so it
//! holds opaque values only and every press is authorized again on arrival.

use crate::domain::Lang;
use crate::export::Format;

/// Telegram's limit on `callback_data`.
pub const MAX_BYTES: usize = 64;

/// The audiences offered as buttons; a unit is then picked from a second set of buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AudienceChoice {
    Everyone,
    PickUnit,
    Supervisors,
    Hr,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallbackData {
    SetLanguage(Lang),
    /// Invite links for the unlinked of a unit (by id); authorized again on arrival.
    InviteUnit(i64),
    /// A page of the invite unit buttons (0 is the first).
    InvitePage(usize),
    ImportConfirm,
    ImportCancel,
    Audience(AudienceChoice),
    AudienceUnit(i64),
    /// A page of the unit buttons (0 is the first).
    AudienceUnitsPage(usize),
    BroadcastSend,
    BroadcastDiscard,
    BroadcastStop(i64),
    BroadcastUnreached(i64, Format),
    DeadlineNew,
    DeadlineSkipDescription,
    DeadlineSave,
    DeadlineDiscard,
    DeadlineEditDue(i64),
    DeadlineEditTitle(i64),
    DeadlineCancel(i64),
}

impl CallbackData {
    pub fn encode(&self) -> String {
        match self {
            Self::SetLanguage(lang) => format!("lang:{}", lang.code()),
            Self::InviteUnit(id) => format!("inv:{id}"),
            Self::InvitePage(page) => format!("invp:{page}"),
            Self::ImportConfirm => "imp:ok".into(),
            Self::ImportCancel => "imp:no".into(),
            Self::Audience(choice) => format!(
                "aud:{}",
                match choice {
                    AudienceChoice::Everyone => "all",
                    AudienceChoice::PickUnit => "unit",
                    AudienceChoice::Supervisors => "sup",
                    AudienceChoice::Hr => "hr",
                }
            ),
            Self::AudienceUnit(id) => format!("audu:{id}"),
            Self::AudienceUnitsPage(page) => format!("audp:{page}"),
            Self::BroadcastSend => "bc:go".into(),
            Self::BroadcastDiscard => "bc:no".into(),
            Self::BroadcastStop(id) => format!("bcs:{id}"),
            Self::BroadcastUnreached(id, format) => format!("bcu:{id}:{}", format.extension()),
            Self::DeadlineNew => "dl:new".into(),
            Self::DeadlineSkipDescription => "dl:skip".into(),
            Self::DeadlineSave => "dl:ok".into(),
            Self::DeadlineDiscard => "dl:no".into(),
            Self::DeadlineEditDue(id) => format!("dld:{id}"),
            Self::DeadlineEditTitle(id) => format!("dlt:{id}"),
            Self::DeadlineCancel(id) => format!("dlx:{id}"),
        }
    }

    /// `None` for anything this version does not issue: old, foreign or forged data.
    pub fn parse(data: &str) -> Option<Self> {
        let (kind, rest) = data.split_once(':')?;
        let id = || parse_id(rest);
        match (kind, rest) {
            ("lang", _) => Lang::from_code(rest).map(Self::SetLanguage),
            ("inv", _) => id().map(Self::InviteUnit),
            ("imp", "ok") => Some(Self::ImportConfirm),
            ("imp", "no") => Some(Self::ImportCancel),
            ("aud", "all") => Some(Self::Audience(AudienceChoice::Everyone)),
            ("aud", "unit") => Some(Self::Audience(AudienceChoice::PickUnit)),
            ("aud", "sup") => Some(Self::Audience(AudienceChoice::Supervisors)),
            ("aud", "hr") => Some(Self::Audience(AudienceChoice::Hr)),
            ("audu", _) => id().map(Self::AudienceUnit),
            ("audp", _) => parse_page(rest).map(Self::AudienceUnitsPage),
            ("invp", _) => parse_page(rest).map(Self::InvitePage),
            ("bc", "go") => Some(Self::BroadcastSend),
            ("bc", "no") => Some(Self::BroadcastDiscard),
            ("bcs", _) => id().map(Self::BroadcastStop),
            ("bcu", _) => {
                let (id, format) = rest.split_once(':')?;
                let format = match format {
                    "csv" => Format::Csv,
                    "xlsx" => Format::Xlsx,
                    _ => return None,
                };
                parse_id(id).map(|id| Self::BroadcastUnreached(id, format))
            }
            ("dl", "new") => Some(Self::DeadlineNew),
            ("dl", "skip") => Some(Self::DeadlineSkipDescription),
            ("dl", "ok") => Some(Self::DeadlineSave),
            ("dl", "no") => Some(Self::DeadlineDiscard),
            ("dld", _) => id().map(Self::DeadlineEditDue),
            ("dlt", _) => id().map(Self::DeadlineEditTitle),
            ("dlx", _) => id().map(Self::DeadlineCancel),
            _ => None,
        }
    }
}

/// A page number (0 first) in plain digits, below any real organisation's page count.
fn parse_page(s: &str) -> Option<usize> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|p| *p < 10_000)
}

/// A positive id written in plain digits, nothing else.
fn parse_id(s: &str) -> Option<i64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|id: &i64| *id > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_variant() -> Vec<CallbackData> {
        let big = i64::MAX;
        let mut all: Vec<CallbackData> = Lang::ALL
            .into_iter()
            .map(CallbackData::SetLanguage)
            .collect();
        all.extend([
            CallbackData::InviteUnit(big),
            CallbackData::ImportConfirm,
            CallbackData::ImportCancel,
            CallbackData::Audience(AudienceChoice::Everyone),
            CallbackData::Audience(AudienceChoice::PickUnit),
            CallbackData::Audience(AudienceChoice::Supervisors),
            CallbackData::Audience(AudienceChoice::Hr),
            CallbackData::AudienceUnit(big),
            CallbackData::AudienceUnitsPage(0),
            CallbackData::InvitePage(3),
            CallbackData::AudienceUnitsPage(9_999),
            CallbackData::BroadcastSend,
            CallbackData::BroadcastDiscard,
            CallbackData::BroadcastStop(big),
            CallbackData::BroadcastUnreached(big, Format::Csv),
            CallbackData::BroadcastUnreached(big, Format::Xlsx),
            CallbackData::DeadlineNew,
            CallbackData::DeadlineSkipDescription,
            CallbackData::DeadlineSave,
            CallbackData::DeadlineDiscard,
            CallbackData::DeadlineEditDue(big),
            CallbackData::DeadlineEditTitle(big),
            CallbackData::DeadlineCancel(big),
        ]);
        all
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
            "aud:everyone",
            "audu:0",
            "audp:",
            "audp:-1",
            "audp:10000",
            "invp:x",
            "bcs:",
            "bcu:3",
            "bcu:3:pdf",
            "bcu:x:csv",
            "dld:99999999999999999999",
            "dl:maybe",
        ] {
            assert_eq!(CallbackData::parse(bad), None, "{bad:?}");
        }
    }
}
