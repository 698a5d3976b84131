use super::*;
use crate::domain::feedback_round::RoundPeriod;

use Rating::{DiAtas, DiBawah, Sesuai};

/// Every value answered alike by each rater of `group`: one rating per rater.
fn all_values(group: Group, ratings: &[Rating]) -> Vec<(Group, Value, Rating)> {
    Value::ALL
        .iter()
        .flat_map(|v| ratings.iter().map(move |r| (group, *v, *r)))
        .collect()
}

fn answers(groups: &[Group], answers: Vec<(Group, Value, Rating)>) -> RateeAnswers {
    RateeAnswers {
        groups: groups.iter().copied().collect(),
        answers,
    }
}

#[test]
fn a_group_of_two_reads_not_enough_and_stays_out_of_the_total_and_its_comments_with_it() {
    let mut given = all_values(Group::Supervisor, &[Sesuai]);
    given.extend(all_values(Group::Peer, &[DiBawah, DiBawah]));
    given.extend(all_values(Group::Subordinate, &[DiAtas, Sesuai, DiAtas]));
    given.extend(all_values(Group::Self_, &[DiAtas]));
    let groups = [
        Group::Supervisor,
        Group::Peer,
        Group::Subordinate,
        Group::Self_,
    ];
    let a = answers(&groups, given);
    let comments = vec![
        (Group::Subordinate, "Selalu <siap> membantu".to_owned()),
        (Group::Peer, "Kadang terlambat".to_owned()),
        (Group::Subordinate, "Arahannya jelas".to_owned()),
        (Group::Supervisor, "Pertahankan".to_owned()),
    ];
    let expected = BTreeMap::from([(Value::Akuntabel, "Laporan tepat\nwaktu".to_owned())]);
    let s = Summary {
        answers: &a,
        expected: &expected,
        comments: &comments,
        min: 3,
    };
    let out = render(Lang::En, "HEAD".into(), &s);
    assert!(out.starts_with("HEAD\nPer BerAKHLAK value"), "{out}");
    assert!(out.contains("Peers: not enough answers"), "{out}");
    assert!(
        out.contains("Subordinates (3 answers): below 0 (0%) · meets 1 (33%) · above 2 (67%)"),
        "{out}"
    );
    assert!(
        out.contains("Supervisor (1 answer): below 0 (0%) · meets 1 (100%) · above 0 (0%)"),
        "{out}"
    );
    assert!(out.contains("Self (1 answer): below 0"), "{out}");
    // Supervisor and subordinates only: the peers' two and the self-rating are not in it.
    assert!(
        out.contains("Total (4 answers): below 0 (0%) · meets 2 (50%) · above 2 (50%)"),
        "{out}"
    );
    assert!(!out.contains("below 2"), "the peers' answers leak: {out}");
    assert_eq!(out.matches("Peers: not enough answers").count(), 7);
    assert!(
        out.contains(
            "<b>Accountable</b>\nSupervisor's special expectation: <i>Laporan tepat waktu</i>"
        ),
        "{out}"
    );
    // Shown groups' comments, escaped, by text within each group; the peers' is dropped.
    assert!(!out.contains("terlambat"), "{out}");
    let tail = &out[out.find("<b>Comments</b>").unwrap()..];
    assert_eq!(
        tail,
        "<b>Comments</b> (without names, in order of their text)\n<i>Supervisor</i>\n\
         • “Pertahankan”\n<i>Subordinates</i>\n• “Arahannya jelas”\n\
         • “Selalu &lt;siap&gt; membantu”"
    );
}

#[test]
fn groups_nobody_was_asked_in_are_left_out_and_an_unanswered_supervisor_says_so() {
    let a = answers(&[Group::Supervisor, Group::Peer], Vec::new());
    let s = Summary {
        answers: &a,
        expected: &BTreeMap::new(),
        comments: &[],
        min: 3,
    };
    let out = render(Lang::Id, String::new(), &s);
    assert!(out.contains("Atasan: belum ada jawaban"), "{out}");
    assert!(out.contains("Rekan kerja: belum cukup jawaban"), "{out}");
    assert!(out.contains("Total: belum ada jawaban"), "{out}");
    assert!(!out.contains("Bawahan"), "{out}");
    assert!(!out.contains("Diri sendiri"), "{out}");
    assert!(
        out.contains("Tidak ada komentar yang dapat ditampilkan."),
        "{out}"
    );
}

#[test]
fn a_raised_minimum_hides_a_group_of_three() {
    let mut given = all_values(Group::Peer, &[DiAtas, DiAtas, Sesuai]);
    given.extend(all_values(Group::Supervisor, &[Sesuai]));
    let a = answers(&[Group::Supervisor, Group::Peer], given);
    let comments = [(Group::Peer, "Bagus".to_owned())];
    let s = Summary {
        answers: &a,
        expected: &BTreeMap::new(),
        comments: &comments,
        min: 4,
    };
    let out = render(Lang::En, String::new(), &s);
    assert!(out.contains("Peers: not enough answers"), "{out}");
    assert!(out.contains("Total (1 answer)"), "{out}");
    assert!(!out.contains("Bagus"), "{out}");
    assert!(out.contains("at least 4 of them"), "{out}");
}

#[test]
fn periods_are_named_in_each_language() {
    let q = RoundPeriod::quarter(2026, 4).unwrap();
    assert_eq!(period_name(Lang::Id, q), "Triwulan IV 2026");
    assert_eq!(period_name(Lang::En, q), "Q4 2026");
    let m = RoundPeriod::month(2027, 3).unwrap();
    assert_eq!(period_name(Lang::Id, m), "Maret 2027");
    assert_eq!(period_name(Lang::En, m), "March 2027");
    let s = RoundPeriod::semester(2027, 2).unwrap();
    assert_eq!(period_name(Lang::Id, s), "Semester II 2027");
    let y = RoundPeriod::year(2027).unwrap();
    assert_eq!(period_name(Lang::En, y), "Year 2027");
    assert_eq!(
        date_name(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()),
        "30-11-2026"
    );
}
