use super::*;

use Rating::{DiAtas, DiBawah, Sesuai};

#[test]
fn the_minimum_is_never_below_three() {
    assert_eq!(MIN_GROUP, 3);
    assert_eq!(min_group(0), 3);
    assert_eq!(min_group(2), 3);
    assert_eq!(min_group(3), 3);
    assert_eq!(min_group(5), 5);
    // Even a minimum passed in directly below 3 is raised.
    assert_eq!(
        group_result(Group::Peer, &[Sesuai, Sesuai], 1),
        GroupResult::NotEnough
    );
    assert!(!shown_over_time(0, 2, 1));
}

#[test]
fn a_group_of_two_is_not_shown() {
    for group in [Group::Peer, Group::Subordinate] {
        assert_eq!(
            group_result(group, &[DiAtas, DiBawah], 3),
            GroupResult::NotEnough
        );
        assert_eq!(group_result(group, &[], 3), GroupResult::NotEnough);
    }
}

#[test]
fn a_group_of_three_is_shown_with_counts_and_shares() {
    let r = group_result(Group::Peer, &[DiAtas, Sesuai, DiAtas], 3);
    let GroupResult::Shown { counts, shares } = r else {
        panic!("hidden: {r:?}");
    };
    assert_eq!(counts.count(DiAtas), 2);
    assert_eq!(counts.count(Sesuai), 1);
    assert_eq!(counts.count(DiBawah), 0);
    assert_eq!(counts.total(), 3);
    assert!((shares.get(DiAtas) - 2.0 / 3.0).abs() < 1e-9);
    assert!((shares.sesuai - 1.0 / 3.0).abs() < 1e-9);
    assert_eq!(shares.di_bawah, 0.0);
    // A raised minimum hides it.
    assert_eq!(
        group_result(Group::Peer, &[DiAtas, Sesuai, DiAtas], min_group(4)),
        GroupResult::NotEnough
    );
}

#[test]
fn a_group_of_four_is_shown() {
    let r = group_result(Group::Subordinate, &[DiBawah, Sesuai, Sesuai, DiAtas], 3);
    let GroupResult::Shown { counts, shares } = r else {
        panic!("hidden: {r:?}");
    };
    assert_eq!(counts.total(), 4);
    assert_eq!(shares.sesuai, 0.5);
    assert_eq!(
        group_result(Group::Subordinate, &[DiBawah, Sesuai, Sesuai, DiAtas], 4),
        r
    );
}

#[test]
fn supervisor_and_self_are_shown_as_single_raters() {
    for group in [Group::Supervisor, Group::Self_] {
        let GroupResult::Shown { counts, shares } = group_result(group, &[Sesuai], 3) else {
            panic!("{group:?} hidden");
        };
        assert_eq!(counts.count(Sesuai), 1);
        assert_eq!(shares.sesuai, 1.0);
        let GroupResult::Shown { counts, shares } = group_result(group, &[], 3) else {
            panic!("{group:?} hidden");
        };
        assert_eq!(counts.total(), 0);
        assert_eq!(shares, Shares::default());
    }
}

fn answers(peers: &[Rating], subordinates: &[Rating]) -> Vec<(Group, Value, Rating)> {
    let mut v = vec![
        (Group::Supervisor, Value::Akuntabel, Sesuai),
        (Group::Self_, Value::Akuntabel, DiAtas),
    ];
    v.extend(peers.iter().map(|&r| (Group::Peer, Value::Akuntabel, r)));
    v.extend(
        subordinates
            .iter()
            .map(|&r| (Group::Subordinate, Value::Akuntabel, r)),
    );
    v
}

fn akuntabel(results: &[ValueResult]) -> &ValueResult {
    results
        .iter()
        .find(|r| r.value == Value::Akuntabel)
        .unwrap()
}

fn group(result: &ValueResult, group: Group) -> GroupResult {
    result.groups.iter().find(|(g, _)| *g == group).unwrap().1
}

#[test]
fn a_hidden_group_is_not_in_the_total() {
    // Two peers, four subordinates: the peers are hidden, and the total is the supervisor and
    // the subordinates only, so subtracting shown groups from it gives nothing about peers.
    let results = ratee_results(
        &answers(&[DiBawah, DiBawah], &[Sesuai, Sesuai, DiAtas, DiAtas]),
        3,
    );
    assert_eq!(results.len(), 7);
    let r = akuntabel(&results);
    assert_eq!(group(r, Group::Peer), GroupResult::NotEnough);
    assert!(group(r, Group::Subordinate).is_shown());
    assert_eq!(r.total.total(), 5);
    assert_eq!(r.total.count(DiBawah), 0);
    assert_eq!(r.total.count(Sesuai), 3);
    assert_eq!(
        r.total.count(DiAtas),
        2,
        "the self-rating is not in the total"
    );
    // Every shown group's counts add up to the total exactly.
    let mut sum = 0;
    for (g, res) in &r.groups {
        if let (GroupResult::Shown { counts, .. }, false) = (res, *g == Group::Self_) {
            sum += counts.total();
        }
    }
    assert_eq!(sum, r.total.total());
}

#[test]
fn groups_of_three_are_in_the_total() {
    let results = ratee_results(
        &answers(&[DiBawah, Sesuai, DiAtas], &[Sesuai, Sesuai, DiAtas]),
        3,
    );
    let r = akuntabel(&results);
    assert!(group(r, Group::Peer).is_shown());
    assert_eq!(r.total.total(), 7);
    // Values nobody answered show only the supervisor's and self groups, empty.
    let other = results.iter().find(|r| r.value == Value::Loyal).unwrap();
    assert_eq!(group(other, Group::Peer), GroupResult::NotEnough);
    assert_eq!(other.total.total(), 0);
}

#[test]
fn add_shown_ignores_hidden_groups() {
    let mut t = Tally::default();
    t.add_shown(&GroupResult::NotEnough);
    t.add_shown(&group_result(Group::Peer, &[DiAtas, DiAtas], 3));
    assert_eq!(t.total(), 0);
    t.add_shown(&group_result(Group::Peer, &[DiAtas, DiAtas, Sesuai], 3));
    assert_eq!(t.total(), 3);
}

#[test]
fn a_shown_group_is_not_shown_again_after_a_small_change() {
    // Never shown before: only the minimum matters.
    assert!(!shown_over_time(0, 2, 3));
    assert!(shown_over_time(0, 3, 3));
    assert!(shown_over_time(0, 4, 3));
    // Shown with 3: unchanged is fine, one or two more (or fewer) would give them away.
    assert!(shown_over_time(3, 3, 3));
    assert!(!shown_over_time(3, 4, 3));
    assert!(!shown_over_time(3, 5, 3));
    assert!(shown_over_time(3, 6, 3));
    assert!(!shown_over_time(4, 3, 3));
    assert!(shown_over_time(7, 4, 3));
    // Dropping below the minimum hides it whatever the change.
    assert!(!shown_over_time(5, 2, 3));
    // A raised minimum raises the step too.
    assert!(!shown_over_time(4, 7, 4));
    assert!(shown_over_time(4, 8, 4));
}
