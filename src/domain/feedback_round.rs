//! A 360 behaviour-feedback round: the period it covers, the dates it is open, and who rates
//! whom.
//!
//! Rater assignment follows PermenPANRB 6/2022: behaviour is rated by the supervisor, peers
//! (others with the same supervisor) and subordinates, optionally by the ratee too. Peers and
//! subordinates are sampled so that a large unit does not drown everyone in prompts. The sample
//! must be reproducible from the stored seed, so it never depends on the order the members were
//! read in: candidates are sorted by NIP and each ratee draws from its own generator seeded from
//! the round's seed and the ratee's NIP. `StdRng`'s algorithm is fixed by `Cargo.lock`; a test
//! pins one sample so that a `rand` upgrade that changes it is noticed.
//!
//! People who cannot take part are reported to HR rather than silently dropped.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Months, NaiveDate};
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use serde::{Deserialize, Serialize};

/// What a round covers. Built only through the constructors, which check the month, quarter or
/// semester number, so the first and last day always exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RoundPeriod {
    Month { year: i32, month: u32 },
    Quarter { year: i32, quarter: u32 },
    Semester { year: i32, semester: u32 },
    Year { year: i32 },
}

impl RoundPeriod {
    pub fn month(year: i32, month: u32) -> Option<Self> {
        Self::Month { year, month }.checked()
    }

    pub fn quarter(year: i32, quarter: u32) -> Option<Self> {
        Self::Quarter { year, quarter }.checked()
    }

    pub fn semester(year: i32, semester: u32) -> Option<Self> {
        Self::Semester { year, semester }.checked()
    }

    pub fn year(year: i32) -> Option<Self> {
        Self::Year { year }.checked()
    }

    fn checked(self) -> Option<Self> {
        self.bounds().map(|_| self)
    }

    pub fn year_number(self) -> i32 {
        match self {
            Self::Month { year, .. }
            | Self::Quarter { year, .. }
            | Self::Semester { year, .. }
            | Self::Year { year } => year,
        }
    }

    /// The first month and the number of months, or `None` when the number is out of range.
    fn months(self) -> Option<(i32, u32, u32)> {
        match self {
            Self::Month { year, month } if (1..=12).contains(&month) => Some((year, month, 1)),
            Self::Quarter { year, quarter } if (1..=4).contains(&quarter) => {
                Some((year, quarter * 3 - 2, 3))
            }
            Self::Semester { year, semester } if (1..=2).contains(&semester) => {
                Some((year, semester * 6 - 5, 6))
            }
            Self::Year { year } => Some((year, 1, 12)),
            _ => None,
        }
    }

    fn bounds(self) -> Option<(NaiveDate, NaiveDate)> {
        let (year, month, len) = self.months()?;
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let last = first.checked_add_months(Months::new(len))?.pred_opt()?;
        Some((first, last))
    }

    /// First day of the period. A hand-built out-of-range period (the fields are public for
    /// matching) falls back to 1 January of its year rather than panicking.
    pub fn first_day(self) -> NaiveDate {
        match self.bounds() {
            Some((first, _)) => first,
            None => NaiveDate::from_yo_opt(self.year_number(), 1).unwrap_or(NaiveDate::MIN),
        }
    }

    /// Last day of the period, inclusive.
    pub fn last_day(self) -> NaiveDate {
        match self.bounds() {
            Some((_, last)) => last,
            None => NaiveDate::from_ymd_opt(self.year_number(), 12, 31).unwrap_or(NaiveDate::MAX),
        }
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        self.first_day() <= day && day <= self.last_day()
    }

    /// The stored form: `2025-03`, `2025-q1`, `2025-s2`, `2025`.
    pub fn code(self) -> String {
        match self {
            Self::Month { year, month } => format!("{year}-{month:02}"),
            Self::Quarter { year, quarter } => format!("{year}-q{quarter}"),
            Self::Semester { year, semester } => format!("{year}-s{semester}"),
            Self::Year { year } => format!("{year}"),
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        let (year, rest) = match code.split_once('-') {
            Some((y, rest)) => (y, Some(rest)),
            None => (code, None),
        };
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        let number = |s: &str| -> Option<u32> {
            if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            s.parse().ok()
        };
        match rest {
            None => Self::year(year),
            Some(r) => match r.strip_prefix('q').or_else(|| r.strip_prefix('s')) {
                Some(n) if r.starts_with('q') => Self::quarter(year, number(n)?),
                Some(n) => Self::semester(year, number(n)?),
                None if r.len() == 2 => Self::month(year, number(r)?),
                None => None,
            },
        }
    }
}

/// Why a change to a round's dates was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundError {
    /// The close date is before the open date.
    CloseBeforeOpen,
    /// The new close date is already past.
    CloseInPast,
    /// The round has closed; reopening it could show its results twice with different counts.
    AlreadyClosed,
    /// The round has not opened yet, so there is nothing to close early.
    NotOpenYet,
}

/// A round's dates, in the organisation's zone; both days are inclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    /// Set when HR closed the round before `closes_on`: the round is closed from that day on.
    pub closed_early_on: Option<NaiveDate>,
    /// The seed the rater sample was drawn with, stored so the round can be reproduced.
    pub seed: u64,
}

impl Round {
    pub fn new(opens_on: NaiveDate, closes_on: NaiveDate, seed: u64) -> Result<Self, RoundError> {
        if closes_on < opens_on {
            return Err(RoundError::CloseBeforeOpen);
        }
        Ok(Self {
            opens_on,
            closes_on,
            closed_early_on: None,
            seed,
        })
    }

    pub fn is_open(&self, today: NaiveDate) -> bool {
        self.closed_early_on.is_none() && self.opens_on <= today && today <= self.closes_on
    }

    pub fn is_closed(&self, today: NaiveDate) -> bool {
        self.closed_early_on.is_some() || today > self.closes_on
    }

    /// Moves the close date. A closed round stays closed: its results may already have been
    /// shown, and answers added afterwards would make single answers computable.
    pub fn extend(&mut self, today: NaiveDate, new_close: NaiveDate) -> Result<(), RoundError> {
        if self.is_closed(today) {
            return Err(RoundError::AlreadyClosed);
        }
        if new_close < self.opens_on {
            return Err(RoundError::CloseBeforeOpen);
        }
        if new_close < today {
            return Err(RoundError::CloseInPast);
        }
        self.closes_on = new_close;
        Ok(())
    }

    /// Closes the round now: from `today` on it takes no answers.
    pub fn close_early(&mut self, today: NaiveDate) -> Result<(), RoundError> {
        if self.is_closed(today) {
            return Err(RoundError::AlreadyClosed);
        }
        if today < self.opens_on {
            return Err(RoundError::NotOpenYet);
        }
        self.closed_early_on = Some(today);
        Ok(())
    }
}

/// A rater's relation to the ratee; results are shown per group.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    strum::EnumIter,
)]
#[serde(rename_all = "kebab-case")]
pub enum Group {
    Supervisor,
    Peer,
    Subordinate,
    #[serde(rename = "self")]
    Self_,
}

impl Group {
    pub const ALL: &[Self] = &[Self::Supervisor, Self::Peer, Self::Subordinate, Self::Self_];

    pub fn code(self) -> &'static str {
        match self {
            Self::Supervisor => "supervisor",
            Self::Peer => "peer",
            Self::Subordinate => "subordinate",
            Self::Self_ => "self",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.code() == code)
    }

    /// Peers and subordinates are several people whose answers must not be traceable; the
    /// supervisor and the ratee are single, known raters.
    pub fn is_anonymous(self) -> bool {
        matches!(self, Self::Peer | Self::Subordinate)
    }
}

/// One employee in the round's scope, as the importer knows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub nip: String,
    pub supervisor: Option<String>,
    pub active: bool,
    /// Has a Telegram account linked, so can be prompted.
    pub linked: bool,
}

/// One rater assigned to rate one ratee.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pair {
    pub ratee: String,
    pub rater: String,
    pub group: Group,
}

/// Why someone is reported to HR.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// Inactive: neither rated nor rating.
    Inactive,
    /// Assigned as a rater but has no linked account, so cannot be prompted until they link.
    Unlinked,
    /// Their supervisor's NIP (given) is not among the members, so they get no supervisor rater.
    SupervisorNotFound(String),
    /// The NIP occurs more than once; every copy is left out rather than guessing which is right.
    DuplicateNip,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Notice {
    pub nip: String,
    pub reason: Reason,
}

impl Notice {
    pub fn new(nip: impl Into<String>, reason: Reason) -> Self {
        Self {
            nip: nip.into(),
            reason,
        }
    }
}

/// The result of assignment: every rater pair, sorted by ratee, group and rater, and the notices
/// for HR, sorted by NIP.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Assignment {
    pub pairs: Vec<Pair>,
    pub notices: Vec<Notice>,
}

/// The default number of peers and of subordinates sampled per ratee.
pub const DEFAULT_SAMPLE: usize = 5;

/// Assigns raters to every active member; see the module docs.
pub fn assign(
    members: &[Member],
    seed: u64,
    max_peers: usize,
    max_subordinates: usize,
    include_self: bool,
) -> Assignment {
    let mut notices = BTreeSet::new();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for m in members {
        *seen.entry(m.nip.as_str()).or_default() += 1;
    }
    // Keyed by NIP, so iteration is sorted whatever the input order.
    let mut by_nip: BTreeMap<&str, &Member> = BTreeMap::new();
    for m in members {
        if seen.get(m.nip.as_str()).copied().unwrap_or(0) > 1 {
            notices.insert(Notice::new(m.nip.clone(), Reason::DuplicateNip));
        } else if !m.active {
            notices.insert(Notice::new(m.nip.clone(), Reason::Inactive));
        } else {
            by_nip.insert(m.nip.as_str(), m);
        }
    }
    // Active members under each supervisor, sorted by NIP.
    let mut reports: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for m in by_nip.values() {
        if let Some(s) = m.supervisor.as_deref().filter(|s| *s != m.nip) {
            reports.entry(s).or_default().push(m.nip.as_str());
        }
    }
    let known: BTreeSet<&str> = members.iter().map(|m| m.nip.as_str()).collect();

    let mut pairs = Vec::new();
    for (&ratee, m) in &by_nip {
        let mut add = |rater: &str, group| {
            pairs.push(Pair {
                ratee: ratee.to_owned(),
                rater: rater.to_owned(),
                group,
            });
        };
        let supervisor = m.supervisor.as_deref().filter(|s| *s != ratee);
        if let Some(s) = supervisor {
            if by_nip.contains_key(s) {
                add(s, Group::Supervisor);
            } else if !known.contains(s) {
                notices.insert(Notice::new(
                    ratee.to_owned(),
                    Reason::SupervisorNotFound(s.to_owned()),
                ));
            }
            // A supervisor who is known but inactive or duplicated is already reported.
            let peers: Vec<&str> = reports
                .get(s)
                .map(|v| v.iter().copied().filter(|p| *p != ratee).collect())
                .unwrap_or_default();
            for p in sample(&peers, max_peers, seed, ratee, Group::Peer) {
                add(p, Group::Peer);
            }
        }
        let subordinates = reports.get(ratee).map(Vec::as_slice).unwrap_or_default();
        let group = Group::Subordinate;
        for s in sample(subordinates, max_subordinates, seed, ratee, group) {
            add(s, group);
        }
        if include_self {
            add(ratee, Group::Self_);
        }
    }
    pairs.sort();
    for p in &pairs {
        if by_nip.get(p.rater.as_str()).is_some_and(|m| !m.linked) {
            notices.insert(Notice::new(p.rater.clone(), Reason::Unlinked));
        }
    }
    Assignment {
        pairs,
        notices: notices.into_iter().collect(),
    }
}

/// Up to `max` of `candidates` (sorted by NIP), uniformly without replacement, returned sorted.
/// Each ratee and group gets its own generator, so the draw for one ratee does not shift when
/// another ratee is added or removed, and peers and subordinates are drawn independently.
fn sample<'a>(
    candidates: &[&'a str],
    max: usize,
    seed: u64,
    ratee: &str,
    group: Group,
) -> Vec<&'a str> {
    if candidates.len() <= max {
        return candidates.to_vec();
    }
    let mut rng = StdRng::seed_from_u64(mix(seed, ratee, group));
    let mut chosen: Vec<&str> = candidates.choose_multiple(&mut rng, max).copied().collect();
    chosen.sort_unstable();
    chosen
}

/// A stable mix of the seed, the NIP and the group (FNV-1a, then SplitMix64's finaliser).
/// `std`'s `DefaultHasher` is not used because its output may change between Rust releases.
fn mix(seed: u64, nip: &str, group: Group) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in nip.bytes().chain(group.code().bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    let mut z = seed ^ h;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
#[path = "feedback_round_tests.rs"]
mod tests;
