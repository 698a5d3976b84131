//! The rule that makes 360 results safe to show.
//!
//! Results are shown per rater group and per BerAKHLAK value: how many raters chose each rating
//! and its share. The supervisor and the ratee themself are single, known raters, so their
//! group is shown as it is. Peers and subordinates are promised that their answers cannot be
//! traced to them, so:
//!
//! 1. **Minimum group size.** A peer or subordinate group is shown only with at least
//!    [`MIN_GROUP`] (3) answers; HR may raise the minimum, never lower it ([`min_group`]).
//!    With fewer it reads "not enough answers". With two answers, each rater could read the
//!    other's answer off the counts by removing their own; with three, no one can.
//! 2. **No folding of hidden groups.** A hidden group is never added into any total: not the
//!    ratee's total across groups, not a unit's aggregate. Otherwise it could be worked out by
//!    subtracting the shown groups from the total. [`Tally::add_shown`] is the only way to sum
//!    groups and it ignores hidden ones.
//! 3. **No subtraction over time.** If a group was shown with `n` answers and a later report
//!    (after a re-import, say) would show it with `n + 1`, comparing the two reports gives the
//!    extra rater's answer. So a group that was shown before is shown again only when its count
//!    is unchanged or has changed by at least the minimum ([`shown_over_time`]); otherwise it
//!    reads "not enough answers" again. Results are only shown after a round closes, when
//!    answers can no longer change, so an unchanged count means unchanged answers.
//!
//! The ratee's self-rating is shown beside the others but kept out of the total: the total says
//! how colleagues see them, and the self-rating is what it is compared with.

use serde::{Deserialize, Serialize};

use super::berakhlak::{Rating, Value};
use super::feedback_round::Group;

/// The smallest peer or subordinate group that is ever shown.
pub const MIN_GROUP: usize = 3;

/// The minimum in force for a configured value: never below [`MIN_GROUP`].
pub fn min_group(configured: u32) -> usize {
    usize::try_from(configured).map_or(usize::MAX, |c| c.max(MIN_GROUP))
}

/// How many answers chose each rating.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    counts: [usize; 3],
}

impl Tally {
    pub fn from_answers(answers: impl IntoIterator<Item = Rating>) -> Self {
        let mut t = Self::default();
        for r in answers {
            t.counts[r.index()] += 1;
        }
        t
    }

    pub fn count(&self, rating: Rating) -> usize {
        self.counts[rating.index()]
    }

    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    /// Each rating's share of the answers, 0.0 to 1.0; all zero when there are no answers.
    pub fn share(&self, rating: Rating) -> f64 {
        match self.total() {
            0 => 0.0,
            n => self.count(rating) as f64 / n as f64,
        }
    }

    pub fn shares(&self) -> Shares {
        Shares {
            di_bawah: self.share(Rating::DiBawah),
            sesuai: self.share(Rating::Sesuai),
            di_atas: self.share(Rating::DiAtas),
        }
    }

    /// Adds a group's result if, and only if, it is shown: the one way totals are built.
    pub fn add_shown(&mut self, result: &GroupResult) {
        if let GroupResult::Shown { counts, .. } = result {
            for (sum, c) in self.counts.iter_mut().zip(counts.counts) {
                *sum += c;
            }
        }
    }
}

/// Each rating's share, 0.0 to 1.0. Rounding for display is the formatter's business.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Shares {
    pub di_bawah: f64,
    pub sesuai: f64,
    pub di_atas: f64,
}

impl Shares {
    pub fn get(&self, rating: Rating) -> f64 {
        match rating {
            Rating::DiBawah => self.di_bawah,
            Rating::Sesuai => self.sesuai,
            Rating::DiAtas => self.di_atas,
        }
    }
}

/// What one group's results for one value may show.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum GroupResult {
    Shown {
        counts: Tally,
        shares: Shares,
    },
    /// Too few answers to show without exposing a rater: "not enough answers".
    NotEnough,
}

impl GroupResult {
    fn shown(counts: Tally) -> Self {
        Self::Shown {
            counts,
            shares: counts.shares(),
        }
    }

    pub fn is_shown(&self) -> bool {
        matches!(self, Self::Shown { .. })
    }
}

/// One group's result from its answers. The supervisor's and the self group are shown even
/// with no answers (as zero), since their rater is known anyway; peers and subordinates need
/// at least `min` answers, and `min` is raised to [`MIN_GROUP`] if set lower.
pub fn group_result(group: Group, answers: &[Rating], min: usize) -> GroupResult {
    let counts = Tally::from_answers(answers.iter().copied());
    if group.is_anonymous() && counts.total() < min.max(MIN_GROUP) {
        GroupResult::NotEnough
    } else {
        GroupResult::shown(counts)
    }
}

/// One ratee's results for one value: each group in [`Group::ALL`] order, and the total over
/// the shown groups other than self.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueResult {
    pub value: Value,
    pub groups: Vec<(Group, GroupResult)>,
    pub total: Tally,
}

/// One ratee's results for every value, from their answers as `(group, value, rating)`. The
/// input carries no rater identity, so nothing built from it can name a rater.
pub fn ratee_results(answers: &[(Group, Value, Rating)], min: usize) -> Vec<ValueResult> {
    Value::ALL
        .iter()
        .map(|&value| {
            let groups: Vec<(Group, GroupResult)> = Group::ALL
                .iter()
                .map(|&group| {
                    let ratings: Vec<Rating> = answers
                        .iter()
                        .filter(|(g, v, _)| *g == group && *v == value)
                        .map(|(_, _, r)| *r)
                        .collect();
                    (group, group_result(group, &ratings, min))
                })
                .collect();
            let mut total = Tally::default();
            for (group, result) in &groups {
                if *group != Group::Self_ {
                    total.add_shown(result);
                }
            }
            ValueResult {
                value,
                groups,
                total,
            }
        })
        .collect()
}

/// Whether a group shown earlier with `previous_count` answers may be shown now with
/// `current_count`: only if it meets the minimum and its count is unchanged or has moved by at
/// least `min` (in either direction), so no single answer can be found by comparing reports.
/// For a group never shown before, pass 0 as `previous_count`.
pub fn shown_over_time(previous_count: usize, current_count: usize, min: usize) -> bool {
    let min = min.max(MIN_GROUP);
    let change = previous_count.abs_diff(current_count);
    current_count >= min && (change == 0 || change >= min)
}

#[cfg(test)]
#[path = "anonymity_tests.rs"]
mod tests;
