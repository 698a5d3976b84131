//! Evaluation periods: month, quarter (the regulation's Triwulan I–IV, the fourth doubling as
//! the year), semester or year, each opened, closed and finally locked by the organisation's HR.
//! A locked period freezes what belongs to it: the ratings of it and of every period inside it,
//! the dialogs held within it, and the answers of 360 rounds for a period inside it.

use chrono::NaiveDate;

use super::coded::coded_enum;
pub use super::feedback_round::RoundPeriod as Period;

coded_enum! {
    /// Open: supervisors rate. Closed: rating is over, HR weighs the distribution and may open
    /// it again. Locked: final; nothing that belongs to the period changes any more.
    pub enum PeriodState {
        Open => "open",
        Closed => "closed",
        Locked => "locked",
    }
}

/// Why a change of state was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateError {
    /// The period is already in that state.
    Already,
    /// A locked period never opens or closes again.
    Locked,
}

impl PeriodState {
    /// The state after HR asks for `to`.
    pub fn change(self, to: PeriodState) -> Result<PeriodState, StateError> {
        match (self, to) {
            (Self::Locked, _) => Err(StateError::Locked),
            (from, to) if from == to => Err(StateError::Already),
            (_, to) => Ok(to),
        }
    }

    /// Whether supervisors may rate or change a rating now.
    pub fn accepts_ratings(self) -> bool {
        self == Self::Open
    }
}

/// Whether `inner` lies wholly within `outer` (a period is within itself).
pub fn within(inner: Period, outer: Period) -> bool {
    outer.first_day() <= inner.first_day() && inner.last_day() <= outer.last_day()
}

/// Whether a day falls in any of the locked periods.
pub fn day_locked(day: NaiveDate, locked: &[Period]) -> bool {
    locked.iter().any(|p| p.contains(day))
}

/// Whether a period's ratings (or a 360 round for it) are frozen by any locked period.
pub fn period_locked(period: Period, locked: &[Period]) -> bool {
    locked.iter().any(|outer| within(period, *outer))
}

/// The months a period spans, first to last, as (year, month).
pub fn months(period: Period) -> Vec<(i32, u32)> {
    use chrono::Datelike;
    let mut out = Vec::new();
    let mut day = period.first_day();
    while day <= period.last_day() {
        out.push((day.year(), day.month()));
        match day.checked_add_months(chrono::Months::new(1)) {
            Some(next) => day = next,
            None => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(code: &str) -> Period {
        Period::parse(code).unwrap()
    }

    #[test]
    fn a_locked_period_never_changes_state_again() {
        use PeriodState::*;
        assert_eq!(Open.change(Closed), Ok(Closed));
        assert_eq!(Closed.change(Open), Ok(Open));
        assert_eq!(Closed.change(Locked), Ok(Locked));
        assert_eq!(Open.change(Locked), Ok(Locked));
        assert_eq!(Open.change(Open), Err(StateError::Already));
        for to in PeriodState::ALL {
            assert_eq!(Locked.change(*to), Err(StateError::Locked));
        }
        assert!(Open.accepts_ratings());
        assert!(!Closed.accepts_ratings() && !Locked.accepts_ratings());
    }

    #[test]
    fn locking_a_quarter_freezes_its_months_and_days_but_not_the_year() {
        let locked = [p("2027-q1")];
        assert!(period_locked(p("2027-q1"), &locked));
        assert!(period_locked(p("2027-02"), &locked));
        assert!(!period_locked(p("2027"), &locked));
        assert!(!period_locked(p("2027-s1"), &locked));
        assert!(!period_locked(p("2027-04"), &locked));
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert!(day_locked(day("2027-01-01"), &locked));
        assert!(day_locked(day("2027-03-31"), &locked));
        assert!(!day_locked(day("2027-04-01"), &locked));
        assert!(!day_locked(day("2026-12-31"), &locked));
    }

    #[test]
    fn locking_the_year_freezes_every_period_in_it() {
        let locked = [p("2027")];
        for code in ["2027-01", "2027-q4", "2027-s2", "2027"] {
            assert!(period_locked(p(code), &locked), "{code}");
        }
        assert!(!period_locked(p("2028-q1"), &locked));
    }

    #[test]
    fn months_of_a_period() {
        assert_eq!(months(p("2027-q2")), vec![(2027, 4), (2027, 5), (2027, 6)]);
        assert_eq!(months(p("2027")).len(), 12);
        assert_eq!(months(p("2027-11")), vec![(2027, 11)]);
    }
}
