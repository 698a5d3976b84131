//! Predikat kinerja pegawai (PermenPANRB 6/2022, "kuadran kinerja pegawai") and the distribution
//! the organisation's own predikat allows (SE MenPANRB 3/2023). The data is
//! `shared/domain/predikat.toml`, written out here so that every cell and rule is plain code
//! with a test. The distribution is a consideration for the leader: it warns, never blocks.

use super::berakhlak::Rating;
use super::coded::coded_enum;

coded_enum! {
    /// An employee's predikat for a period, best first.
    pub enum Predikat {
        SangatBaik => "sangat-baik",
        Baik => "baik",
        ButuhPerbaikan => "butuh-perbaikan",
        Kurang => "kurang",
        SangatKurang => "sangat-kurang",
    }
}

impl Predikat {
    /// Position in `ALL`, for per-predikat arrays.
    pub fn index(self) -> usize {
        Self::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }
}

/// The regulation's matrix: hasil kerja down the side, perilaku kerja across the top.
/// Behaviour below expectation always ends in Kurang/Misconduct or Sangat Kurang; results below
/// expectation cap at Butuh Perbaikan; only both above gives Sangat Baik.
pub fn predikat(hasil: Rating, perilaku: Rating) -> Predikat {
    use Predikat as P;
    use Rating as R;
    match (hasil, perilaku) {
        (R::DiAtas, R::DiAtas) => P::SangatBaik,
        (R::DiAtas | R::Sesuai, R::Sesuai) | (R::Sesuai, R::DiAtas) => P::Baik,
        (R::DiAtas | R::Sesuai, R::DiBawah) => P::Kurang,
        (R::DiBawah, R::DiAtas | R::Sesuai) => P::ButuhPerbaikan,
        (R::DiBawah, R::DiBawah) => P::SangatKurang,
    }
}

coded_enum! {
    /// The organisation's predikat for a period ("capaian kinerja organisasi"), set by the
    /// leader one level up. "Butuh Perbaikan" is also written "Cukup" for organisations.
    pub enum OrgPredikat {
        Istimewa => "istimewa",
        Baik => "baik",
        ButuhPerbaikan => "butuh-perbaikan",
        Kurang => "kurang",
        SangatKurang => "sangat-kurang",
    }
}

/// One condition on the share of some predikat among the employees evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    /// At most this many percent.
    AtMost(u32),
    /// At least this many percent.
    AtLeast(u32),
    /// Someone at all.
    AtLeastOne,
    /// More people than any other single predikat.
    Largest,
}

/// A condition on a group of predikat taken together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub predikat: &'static [Predikat],
    pub condition: Condition,
}

/// A rule literal, so that the tables below are promoted to statics.
macro_rules! rule {
    ($predikat:expr, $condition:expr) => {
        Rule {
            predikat: $predikat,
            condition: $condition,
        }
    };
}

use Condition::{AtLeast, AtLeastOne, AtMost, Largest};
use Predikat as P;

const SANGAT_BAIK: &[Predikat] = &[P::SangatBaik];
const BAIK: &[Predikat] = &[P::Baik];
const BUTUH: &[Predikat] = &[P::ButuhPerbaikan];
const KURANG: &[Predikat] = &[P::Kurang];
const SANGAT_KURANG: &[Predikat] = &[P::SangatKurang];
const BUTUH_OR_KURANG: &[Predikat] = &[P::ButuhPerbaikan, P::Kurang];

/// The pattern the employees' predikat should follow under the organisation's predikat.
pub fn rules(org: OrgPredikat) -> &'static [Rule] {
    match org {
        OrgPredikat::Istimewa => &[rule!(SANGAT_BAIK, Largest), rule!(SANGAT_BAIK, AtMost(70))],
        OrgPredikat::Baik => &[
            rule!(BAIK, Largest),
            rule!(BAIK, AtMost(70)),
            rule!(BUTUH_OR_KURANG, AtLeastOne),
        ],
        OrgPredikat::ButuhPerbaikan => &[rule!(BUTUH, AtLeast(60)), rule!(SANGAT_BAIK, AtMost(10))],
        OrgPredikat::Kurang => &[
            rule!(KURANG, AtLeast(60)),
            rule!(BUTUH, AtLeast(10)),
            rule!(SANGAT_BAIK, AtMost(10)),
        ],
        OrgPredikat::SangatKurang => &[
            rule!(SANGAT_KURANG, AtLeast(60)),
            rule!(&[P::Kurang, P::ButuhPerbaikan], AtLeast(10)),
            rule!(SANGAT_BAIK, AtMost(0)),
        ],
    }
}

/// How many employees hold each predikat, in `Predikat::ALL` order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Distribution {
    pub counts: [u64; 5],
}

impl Distribution {
    pub fn from_predikat(all: impl IntoIterator<Item = Predikat>) -> Self {
        let mut d = Self::default();
        for p in all {
            d.add(p);
        }
        d
    }

    pub fn add(&mut self, p: Predikat) {
        self.counts[p.index()] += 1;
    }

    pub fn total(&self) -> u64 {
        self.counts.iter().sum()
    }

    pub fn count(&self, p: Predikat) -> u64 {
        self.counts[p.index()]
    }

    pub fn count_of(&self, group: &[Predikat]) -> u64 {
        group.iter().map(|p| self.count(*p)).sum()
    }

    /// Share of a group in whole percent, to the nearest (half up); 0 for nobody evaluated.
    pub fn percent(&self, group: &[Predikat]) -> u32 {
        match self.total() {
            0 => 0,
            t => ((self.count_of(group) * 200 + t) / (2 * t)) as u32,
        }
    }

    /// The share of a rule's group as it should read beside the rule: whole percent to the
    /// nearest, unless that would read as meeting a bound the share breaks (70.3 % against "at
    /// most 70 %"); then in tenths, rounded away from the bound (up for an upper bound, down
    /// for a lower one). Returns the figure in tenths of a percent and whether tenths are needed.
    pub fn share_against(&self, rule: &Rule) -> (u64, bool) {
        let (n, t) = (self.count_of(rule.predikat), self.total());
        if t == 0 {
            return (0, false);
        }
        let nearest = u64::from(self.percent(rule.predikat));
        match rule.condition {
            AtMost(p) if !self.holds(rule) && nearest <= u64::from(p) => {
                ((n * 1000).div_ceil(t), true)
            }
            AtLeast(p) if !self.holds(rule) && nearest >= u64::from(p) => ((n * 1000 / t), true),
            _ => (nearest * 10, false),
        }
    }

    /// Whether a rule holds. Exact integer comparisons: 7 of 10 is exactly 70 %.
    pub fn holds(&self, rule: &Rule) -> bool {
        let (n, total) = (self.count_of(rule.predikat), self.total());
        match rule.condition {
            AtMost(pct) => n * 100 <= u64::from(pct) * total,
            AtLeast(pct) => n * 100 >= u64::from(pct) * total,
            AtLeastOne => n > 0,
            Largest => Predikat::ALL
                .iter()
                .filter(|p| !rule.predikat.contains(p))
                .all(|p| self.count(*p) < n),
        }
    }

    /// The rules of `org` this distribution breaks. Nobody evaluated breaks nothing: there is
    /// nothing yet to weigh.
    pub fn breaches(&self, org: OrgPredikat) -> Vec<Rule> {
        if self.total() == 0 {
            return Vec::new();
        }
        rules(org)
            .iter()
            .filter(|r| !self.holds(r))
            .copied()
            .collect()
    }
}

/// The range of shares (whole percent, inclusive) the rules allow one predikat on its own,
/// for charts: a group rule bounds each member only from above.
pub fn allowed_range(org: OrgPredikat, p: Predikat) -> (u32, u32) {
    let (mut lo, mut hi) = (0, 100);
    for r in rules(org) {
        if !r.predikat.contains(&p) {
            continue;
        }
        match r.condition {
            AtMost(pct) => hi = hi.min(pct),
            AtLeast(pct) if r.predikat.len() == 1 => lo = lo.max(pct),
            _ => {}
        }
    }
    (lo, hi)
}

/// Who stands as the head of a unit: an active employee of the unit whose supervisor is outside
/// it (or who has none). Their *hasil kerja* is the unit's own result, recorded by HR.
pub fn is_unit_head(own_unit: i64, supervisor_unit: Option<i64>) -> bool {
    supervisor_unit != Some(own_unit)
}

#[cfg(test)]
#[path = "predikat_tests.rs"]
mod tests;
