//! The predikat's buttons, all under the `pk` prefix. The team list's buttons stand alone and
//! carry the period's code and a subordinate's opaque number; the rating's buttons act only on
//! the chat's current prompt, whose state holds who and which period. Every press is authorized
//! again against the presser.

use crate::bot::codec::{parse_id, parse_page};
use crate::domain::EmployeeRef;
use crate::domain::berakhlak::Rating;
use crate::domain::period::Period;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Button {
    /// Rate in this period: its team list, from the period picker.
    Period(Period),
    /// Another page of the period's team list.
    TeamPage(Period, usize),
    /// One subordinate's evidence card, then their rating.
    Subordinate(Period, EmployeeRef),
    Hasil(Rating),
    Perilaku(Rating),
    /// No note.
    SkipNote,
    /// Keep the note shown (the stored one, or the one typed before a change).
    KeepNote,
    Save,
    /// Back to the first rating.
    Change,
    Discard,
}

impl Button {
    /// Buttons that stand alone; the others belong to the prompt the chat is answering.
    pub fn stands_alone(&self) -> bool {
        matches!(
            self,
            Self::Period(_) | Self::TeamPage(..) | Self::Subordinate(..)
        )
    }

    pub fn encode(&self) -> String {
        match self {
            Self::Period(p) => format!("pk:p:{}", p.code()),
            Self::TeamPage(p, page) => format!("pk:tp:{}:{page}", p.code()),
            Self::Subordinate(p, who) => format!("pk:s:{}:{}", p.code(), who.0),
            Self::Hasil(r) => format!("pk:h:{}", r.code()),
            Self::Perilaku(r) => format!("pk:pr:{}", r.code()),
            Self::SkipNote => "pk:skip".into(),
            Self::KeepNote => "pk:keep".into(),
            Self::Save => "pk:save".into(),
            Self::Change => "pk:change".into(),
            Self::Discard => "pk:discard".into(),
        }
    }

    pub fn parse(kind: &str, rest: &str) -> Option<Self> {
        if kind != "pk" {
            return None;
        }
        let (op, arg) = rest.split_once(':').unwrap_or((rest, ""));
        match op {
            "p" => period(arg).map(Self::Period),
            "tp" => {
                let (p, page) = arg.split_once(':')?;
                Some(Self::TeamPage(period(p)?, parse_page(page)?))
            }
            "s" => {
                let (p, who) = arg.split_once(':')?;
                Some(Self::Subordinate(period(p)?, EmployeeRef(parse_id(who)?)))
            }
            "h" => Rating::parse(arg).map(Self::Hasil),
            "pr" => Rating::parse(arg).map(Self::Perilaku),
            _ if !arg.is_empty() || rest.contains(':') => None,
            "skip" => Some(Self::SkipNote),
            "keep" => Some(Self::KeepNote),
            "save" => Some(Self::Save),
            "change" => Some(Self::Change),
            "discard" => Some(Self::Discard),
            _ => None,
        }
    }
}

/// A period in its stored form only: `2027-q01` names the same quarter but is not what the bot
/// writes, so it is forged or foreign.
fn period(code: &str) -> Option<Period> {
    Period::parse(code).filter(|p| p.code() == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bot::CallbackData;

    fn every_variant() -> Vec<Button> {
        let big = EmployeeRef(i64::MAX);
        let periods = [
            "2027-01", "2027-12", "2027-q1", "2027-q4", "2027-s2", "2027", "9999-q4",
        ]
        .map(|c| Period::parse(c).unwrap());
        let mut all = vec![
            Button::SkipNote,
            Button::KeepNote,
            Button::Save,
            Button::Change,
            Button::Discard,
        ];
        for p in periods {
            all.extend([
                Button::Period(p),
                Button::TeamPage(p, 0),
                Button::TeamPage(p, 9_999),
                Button::Subordinate(p, big),
                Button::Subordinate(p, EmployeeRef(1)),
            ]);
        }
        for r in Rating::ALL {
            all.extend([Button::Hasil(*r), Button::Perilaku(*r)]);
        }
        all
    }

    #[test]
    fn every_button_round_trips_fits_telegram_and_is_unique() {
        crate::bot::codec::assert_round_trips(every_variant());
    }

    #[test]
    fn only_the_team_list_stands_alone() {
        for b in every_variant() {
            let alone = matches!(
                b,
                Button::Period(_) | Button::TeamPage(..) | Button::Subordinate(..)
            );
            assert_eq!(b.stands_alone(), alone, "{b:?}");
        }
    }

    #[test]
    fn the_codes_stay_as_they_are() {
        let q1 = Period::parse("2027-q1").unwrap();
        assert_eq!(
            Button::Subordinate(q1, EmployeeRef(42)).encode(),
            "pk:s:2027-q1:42"
        );
        assert_eq!(Button::TeamPage(q1, 2).encode(), "pk:tp:2027-q1:2");
        assert_eq!(Button::Hasil(Rating::DiAtas).encode(), "pk:h:di-atas");
        assert_eq!(Button::Perilaku(Rating::DiBawah).encode(), "pk:pr:di-bawah");
    }

    #[test]
    fn forged_or_foreign_data_is_rejected() {
        for bad in [
            "pk:",
            "pk:what",
            "pk:p:",
            "pk:p:2027-q5",
            "pk:p:2027-q01",
            "pk:p:2027-13",
            "pk:p:27",
            "pk:p:2027-q1:1",
            "pk:tp:2027-q1",
            "pk:tp:2027-q1:-1",
            "pk:tp:2027-q1:10000",
            "pk:tp:2027-q1:x",
            "pk:s:2027-q1",
            "pk:s:2027-q1:0",
            "pk:s:2027-q1:-5",
            "pk:s:2027-q1:+5",
            "pk:s:2027-q1:1:2",
            "pk:s:nope:1",
            "pk:s:2027-q1:99999999999999999999",
            "pk:h:",
            "pk:h:baik",
            "pk:h:di-atas:1",
            "pk:pr:above",
            "pk:save:1",
            "pk:save:",
            "pk:skip:x",
            "pkx:save",
        ] {
            assert_eq!(CallbackData::parse(bad), None, "{bad:?}");
        }
    }
}
