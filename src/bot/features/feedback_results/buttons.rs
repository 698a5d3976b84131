//! The results' buttons, all under the `fr` prefix. Only opaque numbers travel (a round, an
//! employee's ref), and every press is authorized again against the person pressing it.

use crate::bot::codec::{parse_id, parse_page};
use crate::domain::{EmployeeRef, RoundId};
use crate::export::Format;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Button {
    /// The employee's own results of closed rounds.
    Mine,
    /// The employee's own results of one round.
    MineRound(RoundId),
    /// The supervisor's subordinates, to see their results.
    Team,
    /// Another page of the subordinates.
    TeamPage(usize),
    /// One subordinate's results (their rounds, or the only one).
    Subordinate(EmployeeRef),
    /// One subordinate's results of one round.
    SubordinateRound(EmployeeRef, RoundId),
    /// HR: a round's results summed per unit in their scope.
    Aggregates(RoundId),
    /// HR: the same figures as a file.
    AggregatesFile(RoundId, Format),
}

impl Button {
    pub fn encode(&self) -> String {
        match self {
            Self::Mine => "fr:mine".into(),
            Self::MineRound(r) => format!("fr:m:{}", r.0),
            Self::Team => "fr:team".into(),
            Self::TeamPage(p) => format!("fr:p:{p}"),
            Self::Subordinate(e) => format!("fr:s:{}", e.0),
            Self::SubordinateRound(e, r) => format!("fr:sr:{}:{}", e.0, r.0),
            Self::Aggregates(r) => format!("fr:a:{}", r.0),
            Self::AggregatesFile(r, f) => format!("fr:af:{}:{}", r.0, f.extension()),
        }
    }

    pub fn parse(kind: &str, rest: &str) -> Option<Self> {
        if kind != "fr" {
            return None;
        }
        let (op, arg) = rest.split_once(':').unwrap_or((rest, ""));
        let round = |s: &str| parse_id(s).map(RoundId);
        match op {
            "m" => round(arg).map(Self::MineRound),
            "p" => parse_page(arg).map(Self::TeamPage),
            "s" => parse_id(arg).map(|e| Self::Subordinate(EmployeeRef(e))),
            "sr" => {
                let (e, r) = arg.split_once(':')?;
                Some(Self::SubordinateRound(EmployeeRef(parse_id(e)?), round(r)?))
            }
            "a" => round(arg).map(Self::Aggregates),
            "af" => {
                let (r, f) = arg.split_once(':')?;
                let format = match f {
                    "csv" => Format::Csv,
                    "xlsx" => Format::Xlsx,
                    _ => return None,
                };
                Some(Self::AggregatesFile(round(r)?, format))
            }
            _ if !arg.is_empty() => None,
            "mine" => Some(Self::Mine),
            "team" => Some(Self::Team),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_button_round_trips_within_telegrams_limit() {
        let big = i64::MAX;
        let all = [
            Button::Mine,
            Button::MineRound(RoundId(big)),
            Button::Team,
            Button::TeamPage(0),
            Button::TeamPage(9_999),
            Button::Subordinate(EmployeeRef(big)),
            Button::SubordinateRound(EmployeeRef(big), RoundId(big)),
            Button::Aggregates(RoundId(big)),
            Button::AggregatesFile(RoundId(big), Format::Csv),
            Button::AggregatesFile(RoundId(big), Format::Xlsx),
        ];
        crate::bot::codec::assert_round_trips(all);
    }

    #[test]
    fn forged_data_is_rejected() {
        for bad in [
            "mine:1", "team:x", "m:", "m:0", "m:-1", "m:x", "p:", "p:10000", "s:+3", "sr:1",
            "sr:1:", "sr::2", "a:1:2", "af:1", "af:1:pdf", "af:x:csv", "other",
        ] {
            assert_eq!(Button::parse("fr", bad), None, "{bad}");
        }
        assert_eq!(Button::parse("fb", "mine"), None);
    }
}
