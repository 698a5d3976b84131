//! The period buttons, all under the `pd` prefix: a period's code, a unit's id and coded
//! values only. Every press is authorized again against the person pressing it.

use crate::bot::codec::{parse_id, parse_page};
use crate::domain::berakhlak::Rating;
use crate::domain::org::UnitId;
use crate::domain::period::Period;
use crate::domain::predikat::OrgPredikat;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Button {
    /// The period's page: state, organisation predikat, distribution.
    Page(Period),
    Close(Period),
    Reopen(Period),
    /// Asks before locking: a lock is final.
    Lock(Period),
    LockConfirmed(Period),
    /// The organisation predikat's choices.
    OrgAsk(Period),
    Org(Period, OrgPredikat),
    /// Units to record a result for, a page at a time.
    Units(Period, usize),
    Unit(Period, UnitId),
    UnitResult(Period, UnitId, Rating),
}

impl Button {
    pub fn encode(&self) -> String {
        match self {
            Self::Page(p) => format!("pd:p:{}", p.code()),
            Self::Close(p) => format!("pd:c:{}", p.code()),
            Self::Reopen(p) => format!("pd:o:{}", p.code()),
            Self::Lock(p) => format!("pd:l:{}", p.code()),
            Self::LockConfirmed(p) => format!("pd:lc:{}", p.code()),
            Self::OrgAsk(p) => format!("pd:oa:{}", p.code()),
            Self::Org(p, o) => format!("pd:og:{}:{}", p.code(), o.code()),
            Self::Units(p, page) => format!("pd:u:{}:{page}", p.code()),
            Self::Unit(p, u) => format!("pd:uu:{}:{}", p.code(), u.0),
            Self::UnitResult(p, u, r) => format!("pd:ur:{}:{}:{}", p.code(), u.0, r.code()),
        }
    }

    pub fn parse(kind: &str, rest: &str) -> Option<Self> {
        if kind != "pd" {
            return None;
        }
        let mut parts = rest.split(':');
        let op = parts.next()?;
        let period = Period::parse(parts.next()?)?;
        let a = parts.next();
        let b = parts.next();
        if parts.next().is_some() {
            return None;
        }
        let unit = |s: Option<&str>| parse_id(s?).map(UnitId);
        let button = match (op, a, b) {
            ("p", None, None) => Self::Page(period),
            ("c", None, None) => Self::Close(period),
            ("o", None, None) => Self::Reopen(period),
            ("l", None, None) => Self::Lock(period),
            ("lc", None, None) => Self::LockConfirmed(period),
            ("oa", None, None) => Self::OrgAsk(period),
            ("og", Some(o), None) => Self::Org(period, OrgPredikat::parse(o)?),
            ("u", Some(page), None) => Self::Units(period, parse_page(page)?),
            ("uu", u, None) => Self::Unit(period, unit(u)?),
            ("ur", u, Some(r)) => Self::UnitResult(period, unit(u)?, Rating::parse(r)?),
            _ => return None,
        };
        Some(button)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_button_round_trips_within_telegrams_limit() {
        let big = UnitId(i64::MAX);
        let mut all = Vec::new();
        for code in ["2027-03", "2027-q4", "2027-s2", "2027"] {
            let p = Period::parse(code).unwrap();
            all.extend([
                Button::Page(p),
                Button::Close(p),
                Button::Reopen(p),
                Button::Lock(p),
                Button::LockConfirmed(p),
                Button::OrgAsk(p),
                Button::Units(p, 0),
                Button::Units(p, 9_999),
                Button::Unit(p, big),
            ]);
            all.extend(OrgPredikat::ALL.iter().map(|o| Button::Org(p, *o)));
            all.extend(Rating::ALL.iter().map(|r| Button::UnitResult(p, big, *r)));
        }
        crate::bot::codec::assert_round_trips(all);
    }

    #[test]
    fn forged_data_is_rejected() {
        for bad in [
            "p",
            "p:",
            "p:2027-13",
            "p:2027-q5",
            "p:27",
            "p:2027:x",
            "og:2027",
            "og:2027:hebat",
            "u:2027",
            "u:2027:x",
            "uu:2027:0",
            "uu:2027:-1",
            "ur:2027:1",
            "ur:2027:1:bagus",
            "ur:2027:1:sesuai:x",
            "zz:2027",
        ] {
            assert_eq!(Button::parse("pd", bad), None, "{bad}");
        }
        assert_eq!(Button::parse("fr", "p:2027"), None);
    }
}
