use super::*;

use Rating::{DiAtas, DiBawah, Sesuai};

/// A group asked in one round, and how many of its complete ratings gave each rating, the
/// same on every value.
fn asked(round: i64, group: Group, answers: &[(Rating, usize)]) -> Vec<Grouped> {
    let mut per_rating = [0; 3];
    for (r, n) in answers {
        per_rating[r.index()] += n;
    }
    vec![Grouped {
        round,
        group,
        counts: [per_rating; 7],
    }]
}

#[test]
fn a_peer_group_below_the_minimum_is_empty_and_in_no_total() {
    let mut rows = asked(1, Group::Supervisor, &[(Sesuai, 1)]);
    rows.extend(asked(1, Group::Peer, &[(DiBawah, 2)]));
    rows.extend(asked(1, Group::Self_, &[(DiAtas, 1)]));
    let f = fold_feedback(&rows, 3);
    assert_eq!(f.count(Group::Supervisor), Some(1));
    assert_eq!(f.count(Group::Peer), None);
    assert_eq!(f.count(Group::Subordinate), None);
    assert_eq!(f.count(Group::Self_), Some(1));
    for v in Value::ALL {
        let total = f.total(*v);
        assert_eq!((total.total(), total.count(Sesuai)), (1, 1));
        assert_eq!(total.count(DiBawah), 0, "the hidden peers' answers leaked");
    }
}

#[test]
fn a_group_counts_only_the_rounds_it_was_shown_in() {
    // Round 1: three peers, shown. Round 2: two peers, hidden; their answers are nowhere,
    // so comparing round 1's own results with this file gives nothing away.
    let mut rows = asked(1, Group::Peer, &[(DiAtas, 2), (Sesuai, 1)]);
    rows.extend(asked(2, Group::Peer, &[(DiBawah, 2)]));
    let f = fold_feedback(&rows, 3);
    assert_eq!(f.count(Group::Peer), Some(3));
    let peers = f.group(Group::Peer).unwrap();
    for t in peers {
        assert_eq!(
            (t.count(DiAtas), t.count(Sesuai), t.count(DiBawah)),
            (2, 1, 0)
        );
    }
    // Two shown rounds add up.
    let mut rows = asked(1, Group::Subordinate, &[(Sesuai, 3)]);
    rows.extend(asked(2, Group::Subordinate, &[(DiAtas, 4)]));
    let f = fold_feedback(&rows, 3);
    assert_eq!(f.count(Group::Subordinate), Some(7));
}

#[test]
fn a_raised_minimum_hides_a_group_of_three() {
    let rows = asked(1, Group::Peer, &[(Sesuai, 3)]);
    assert_eq!(fold_feedback(&rows, 3).count(Group::Peer), Some(3));
    assert_eq!(fold_feedback(&rows, 4).count(Group::Peer), None);
    // The minimum is never below three, whatever is passed.
    let two = asked(1, Group::Peer, &[(Sesuai, 2)]);
    assert_eq!(fold_feedback(&two, 1).count(Group::Peer), None);
}

#[test]
fn a_supervisor_asked_who_never_finished_counts_as_zero_and_one_not_asked_is_empty() {
    let rows = asked(1, Group::Supervisor, &[]);
    let f = fold_feedback(&rows, 3);
    assert_eq!(f.count(Group::Supervisor), Some(0));
    assert_eq!(f.count(Group::Self_), None);
    assert_eq!(fold_feedback(&[], 3), Feedback::default());
}

#[test]
fn dialogs_count_by_acknowledgement() {
    let d = Dialogs {
        per_month: vec![1, 0, 2],
        by_ack: [1, 2, 0, 0],
    };
    assert_eq!(d.total(), 3);
    assert_eq!(d.with_ack(Ack::Pending), 1);
    assert_eq!(d.with_ack(Ack::Confirmed), 2);
    assert_eq!(d.with_ack(Ack::Unacknowledged), 0);
}
