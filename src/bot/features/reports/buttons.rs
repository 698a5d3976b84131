//! The reports' buttons, under the `rp` prefix: `rp:<report>:<period>`, e.g. `rp:c:2027-q1`.
//! Only the period's code travels; the presser's scope is worked out again on every press.

use crate::domain::period::Period;

/// One report of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Report {
    /// Dialog compliance per unit.
    Compliance,
    /// 360 response rates per unit.
    Rates,
    /// BerAKHLAK results per value.
    Results,
    /// The predikat distribution against the organisation's predikat.
    Distribution,
    /// Who is not rated yet.
    NotRated,
}

impl Report {
    pub const ALL: [Report; 5] = [
        Report::Compliance,
        Report::Rates,
        Report::Results,
        Report::Distribution,
        Report::NotRated,
    ];

    fn code(self) -> &'static str {
        match self {
            Self::Compliance => "c",
            Self::Rates => "r",
            Self::Results => "b",
            Self::Distribution => "d",
            Self::NotRated => "n",
        }
    }

    fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Whether the report reads the period's evaluations, which exist only for a period HR
    /// has defined.
    pub fn needs_defined_period(self) -> bool {
        matches!(self, Self::Distribution | Self::NotRated)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Button {
    /// The menu of reports for a period.
    Period(Period),
    /// One report of a period, for the presser's scope.
    Show(Report, Period),
}

impl Button {
    pub fn encode(&self) -> String {
        match self {
            Self::Period(p) => format!("rp:p:{}", p.code()),
            Self::Show(r, p) => format!("rp:{}:{}", r.code(), p.code()),
        }
    }

    pub fn parse(kind: &str, rest: &str) -> Option<Self> {
        if kind != "rp" {
            return None;
        }
        let (op, code) = rest.split_once(':')?;
        // Only the code the bot writes: `2027-q01` names the same quarter, but no button of
        // ours carries it.
        let period = Period::parse(code).filter(|p| p.code() == code)?;
        match op {
            "p" => Some(Self::Period(period)),
            other => Report::parse(other).map(|r| Self::Show(r, period)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_button_round_trips_within_telegrams_limit() {
        let periods =
            ["9999-12", "9999-q4", "9999-s2", "9999", "2027-01"].map(|c| Period::parse(c).unwrap());
        let mut all = Vec::new();
        for p in periods {
            all.push(Button::Period(p));
            all.extend(Report::ALL.map(|r| Button::Show(r, p)));
        }
        crate::bot::codec::assert_round_trips(all);
    }

    #[test]
    fn forged_data_is_rejected() {
        for bad in [
            "",
            "p",
            "p:",
            "c:",
            "x:2027-q1",
            "c:2027-q5",
            "c:2027-13",
            "c:2027-q01",
            "c:27",
            "c:2027-q1:x",
            "p:2027-s3",
            "c:+2027",
            "n:2027-1",
            "d:2027 ",
            "pp:2027",
        ] {
            assert_eq!(Button::parse("rp", bad), None, "{bad}");
        }
        assert_eq!(Button::parse("px", "p:2027-q1"), None);
        assert!(Report::Distribution.needs_defined_period());
        assert!(!Report::Compliance.needs_defined_period());
    }
}
