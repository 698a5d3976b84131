use super::*;
use Rating::{DiAtas, DiBawah, Sesuai};

#[test]
fn both_above_is_sangat_baik() {
    assert_eq!(predikat(DiAtas, DiAtas), Predikat::SangatBaik);
}

#[test]
fn results_above_and_behaviour_as_expected_is_baik() {
    assert_eq!(predikat(DiAtas, Sesuai), Predikat::Baik);
}

#[test]
fn results_above_and_behaviour_below_is_kurang() {
    assert_eq!(predikat(DiAtas, DiBawah), Predikat::Kurang);
}

#[test]
fn results_as_expected_and_behaviour_above_is_baik() {
    assert_eq!(predikat(Sesuai, DiAtas), Predikat::Baik);
}

#[test]
fn both_as_expected_is_baik() {
    assert_eq!(predikat(Sesuai, Sesuai), Predikat::Baik);
}

#[test]
fn results_as_expected_and_behaviour_below_is_kurang() {
    assert_eq!(predikat(Sesuai, DiBawah), Predikat::Kurang);
}

#[test]
fn results_below_and_behaviour_above_is_butuh_perbaikan() {
    assert_eq!(predikat(DiBawah, DiAtas), Predikat::ButuhPerbaikan);
}

#[test]
fn results_below_and_behaviour_as_expected_is_butuh_perbaikan() {
    assert_eq!(predikat(DiBawah, Sesuai), Predikat::ButuhPerbaikan);
}

#[test]
fn both_below_is_sangat_kurang() {
    assert_eq!(predikat(DiBawah, DiBawah), Predikat::SangatKurang);
}

/// Counts in `Predikat::ALL` order: sangat baik, baik, butuh perbaikan, kurang, sangat kurang.
fn d(counts: [u64; 5]) -> Distribution {
    Distribution { counts }
}

fn broken(dist: Distribution, org: OrgPredikat) -> Vec<Condition> {
    dist.breaches(org).iter().map(|r| r.condition).collect()
}

#[test]
fn istimewa_wants_sangat_baik_largest_and_at_most_seventy_percent() {
    let org = OrgPredikat::Istimewa;
    assert!(broken(d([6, 3, 1, 0, 0]), org).is_empty());
    assert!(
        broken(d([7, 3, 0, 0, 0]), org).is_empty(),
        "exactly 70 % is allowed"
    );
    assert_eq!(broken(d([8, 2, 0, 0, 0]), org), vec![Condition::AtMost(70)]);
    assert_eq!(broken(d([3, 5, 2, 0, 0]), org), vec![Condition::Largest]);
    assert_eq!(
        broken(d([3, 3, 0, 0, 0]), org),
        vec![Condition::Largest],
        "a tie is not the largest group"
    );
}

#[test]
fn baik_wants_baik_largest_at_most_seventy_percent_and_someone_below() {
    let org = OrgPredikat::Baik;
    assert!(broken(d([2, 7, 1, 0, 0]), org).is_empty());
    assert!(broken(d([2, 6, 0, 1, 1]), org).is_empty());
    // The seed article's anomaly: everyone baik.
    assert_eq!(
        broken(d([0, 10, 0, 0, 0]), org),
        vec![Condition::AtMost(70), Condition::AtLeastOne]
    );
    assert_eq!(broken(d([3, 6, 0, 0, 1]), org), vec![Condition::AtLeastOne]);
    assert_eq!(broken(d([5, 4, 1, 0, 0]), org), vec![Condition::Largest]);
}

#[test]
fn butuh_perbaikan_wants_sixty_percent_butuh_and_few_sangat_baik() {
    let org = OrgPredikat::ButuhPerbaikan;
    assert!(broken(d([1, 3, 6, 0, 0]), org).is_empty());
    assert_eq!(
        broken(d([0, 5, 5, 0, 0]), org),
        vec![Condition::AtLeast(60)]
    );
    assert_eq!(
        broken(d([2, 2, 6, 0, 0]), org),
        vec![Condition::AtMost(10)],
        "20 % sangat baik is too many"
    );
}

#[test]
fn kurang_wants_sixty_percent_kurang_ten_percent_butuh_and_few_sangat_baik() {
    let org = OrgPredikat::Kurang;
    assert!(broken(d([1, 1, 2, 6, 0]), org).is_empty());
    assert_eq!(
        broken(d([0, 4, 0, 6, 0]), org),
        vec![Condition::AtLeast(10)],
        "no butuh perbaikan at all"
    );
    assert_eq!(
        broken(d([2, 3, 1, 4, 0]), org),
        vec![Condition::AtLeast(60), Condition::AtMost(10)]
    );
}

#[test]
fn sangat_kurang_allows_no_sangat_baik() {
    let org = OrgPredikat::SangatKurang;
    assert!(broken(d([0, 0, 1, 1, 8]), org).is_empty());
    assert_eq!(broken(d([1, 0, 1, 0, 8]), org), vec![Condition::AtMost(0)]);
    assert_eq!(
        broken(d([0, 5, 0, 0, 5]), org),
        vec![Condition::AtLeast(60), Condition::AtLeast(10)]
    );
}

#[test]
fn nobody_evaluated_breaks_nothing() {
    for org in OrgPredikat::ALL {
        assert!(d([0; 5]).breaches(*org).is_empty());
    }
}

#[test]
fn allowed_ranges_follow_the_rules() {
    assert_eq!(allowed_range(OrgPredikat::Baik, Predikat::Baik), (0, 70));
    assert_eq!(
        allowed_range(OrgPredikat::ButuhPerbaikan, Predikat::ButuhPerbaikan),
        (60, 100)
    );
    assert_eq!(
        allowed_range(OrgPredikat::SangatKurang, Predikat::SangatBaik),
        (0, 0)
    );
    assert_eq!(
        allowed_range(OrgPredikat::Istimewa, Predikat::Kurang),
        (0, 100)
    );
}

#[test]
fn percent_rounds_to_the_nearest() {
    let dist = d([1, 2, 0, 0, 0]);
    assert_eq!(dist.percent(&[Predikat::SangatBaik]), 33);
    assert_eq!(dist.percent(&[Predikat::Baik]), 67);
    assert_eq!(d([1, 7, 0, 0, 0]).percent(&[Predikat::SangatBaik]), 13);
    assert_eq!(d([0; 5]).percent(&[Predikat::Baik]), 0);
}

#[test]
fn a_broken_rule_never_reads_as_met() {
    let at_most_70 = rules(OrgPredikat::Baik)[1];
    // 5 of 7 is 71.4 %: the whole percent already shows the breach.
    assert_eq!(d([1, 5, 1, 0, 0]).share_against(&at_most_70), (710, false));
    // 281 of 400 is 70.25 %, which rounds to 70: it reads 70.3 instead.
    let over = d([0, 281, 119, 0, 0]);
    assert!(!over.holds(&at_most_70));
    assert_eq!(over.share_against(&at_most_70), (703, true));
    // One Sangat Baik among 250 under "none at all" reads 0.4 %, not 0 %.
    let one = d([1, 0, 0, 0, 249]);
    let none = rules(OrgPredikat::SangatKurang)[2];
    assert_eq!(one.share_against(&none), (4, true));
    // 239 of 400 is 59.75 %, which rounds to 60: against "at least 60 %" it reads 59.7.
    let under = d([0, 161, 239, 0, 0]);
    let at_least_60 = rules(OrgPredikat::ButuhPerbaikan)[0];
    assert!(!under.holds(&at_least_60));
    assert_eq!(under.share_against(&at_least_60), (597, true));
}

#[test]
fn a_head_is_someone_whose_supervisor_is_outside_the_unit() {
    assert!(is_unit_head(3, Some(1)));
    assert!(is_unit_head(3, None));
    assert!(!is_unit_head(3, Some(3)));
}
