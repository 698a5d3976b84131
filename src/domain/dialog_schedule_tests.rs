use std::str::FromStr;

use super::*;
use chrono::{NaiveDate, TimeZone};
use chrono_tz::Asia::{Jakarta, Jayapura};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn month(year: i32, month: u32) -> Month {
    Month { year, month }
}

fn schedule(expr: &str) -> cron::Schedule {
    cron::Schedule::from_str(expr).unwrap()
}

/// The default config: the 1st at 09:00, then Mondays at 09:00.
fn slots(m: Month, calendar: &Calendar) -> Vec<Slot> {
    month_slots(
        m,
        &schedule("0 0 9 1 * *"),
        &schedule("0 0 9 * * Mon"),
        calendar,
        Jakarta,
    )
}

fn keys(slots: &[Slot]) -> Vec<&str> {
    slots.iter().map(|s| s.key.as_str()).collect()
}

/// 09:00 WIB is 02:00 UTC.
fn nine_wib(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    utc(y, m, d, 2, 0)
}

#[test]
fn ordinary_month_has_the_first_on_the_1st_and_follow_ups_on_mondays() {
    // 1 February 2027 is a Monday: its own Monday follow-up coincides and is dropped.
    let s = slots(month(2027, 2), &Calendar::default());
    assert_eq!(
        keys(&s),
        [
            "2027-02:first",
            "2027-02:follow:2027-02-08",
            "2027-02:follow:2027-02-15",
            "2027-02:follow:2027-02-22",
        ]
    );
    assert_eq!(s[0].at, nine_wib(2027, 2, 1));
    assert_eq!(s[0].kind, SlotKind::First);
    assert_eq!(s[3].at, nine_wib(2027, 2, 22));
    assert_eq!(s[3].kind, SlotKind::FollowUp);
}

#[test]
fn first_on_a_saturday_moves_to_monday() {
    // 1 May 2027 is a Saturday (and Hari Buruh); Monday 3 May's follow-up is not after it.
    let cal = Calendar::new([date(2027, 5, 1), date(2027, 5, 6)]);
    let s = slots(month(2027, 5), &cal);
    assert_eq!(s[0].key, "2027-05:first");
    assert_eq!(s[0].at, nine_wib(2027, 5, 3));
    assert_eq!(
        keys(&s[1..]),
        [
            "2027-05:follow:2027-05-10",
            "2027-05:follow:2027-05-17",
            "2027-05:follow:2027-05-24",
            "2027-05:follow:2027-05-31",
        ]
    );
}

#[test]
fn first_on_a_friday_holiday_moves_past_the_weekend() {
    // 1 January 2027 (Tahun Baru) is a Friday.
    let cal = Calendar::new([date(2027, 1, 1)]);
    let s = slots(month(2027, 1), &cal);
    assert_eq!(s[0].key, "2027-01:first");
    assert_eq!(s[0].at, nine_wib(2027, 1, 4));
    assert_eq!(
        keys(&s[1..]),
        [
            "2027-01:follow:2027-01-11",
            "2027-01:follow:2027-01-18",
            "2027-01:follow:2027-01-25",
        ]
    );
}

#[test]
fn follow_up_on_a_holiday_monday_moves_to_tuesday_at_the_same_time() {
    let cal = Calendar::new([date(2027, 1, 1), date(2027, 1, 18)]);
    let s = slots(month(2027, 1), &cal);
    let moved = s
        .iter()
        .find(|s| s.key == "2027-01:follow:2027-01-19")
        .unwrap();
    assert_eq!(moved.at, nine_wib(2027, 1, 19));
    assert!(!s.iter().any(|s| s.key.ends_with("2027-01-18")));
    assert_eq!(s.len(), 4);
}

#[test]
fn follow_up_moved_out_of_the_month_is_dropped() {
    // Monday 31 May 2027 as a holiday would move to 1 June.
    let cal = Calendar::new([date(2027, 5, 31)]);
    let s = slots(month(2027, 5), &cal);
    assert_eq!(s.last().unwrap().key, "2027-05:follow:2027-05-24");
}

#[test]
fn follow_ups_moved_onto_the_same_day_are_sent_once() {
    // A week of cuti bersama: Mondays 10 and 17 May both land on Tuesday 18 May.
    let cal = Calendar::new((10..=17).map(|d| date(2027, 5, d)));
    let s = slots(month(2027, 5), &cal);
    assert_eq!(
        keys(&s),
        [
            "2027-05:first",
            "2027-05:follow:2027-05-18",
            "2027-05:follow:2027-05-24",
            "2027-05:follow:2027-05-31",
        ]
    );
}

#[test]
fn only_the_earliest_first_occurrence_counts() {
    let s = month_slots(
        month(2027, 2),
        &schedule("0 0 9 1,16 * *"),
        &schedule("0 0 9 * * Mon"),
        &Calendar::default(),
        Jakarta,
    );
    assert_eq!(s.iter().filter(|s| s.kind == SlotKind::First).count(), 1);
    assert!(!s.iter().any(|s| s.at == nine_wib(2027, 2, 16)));
    assert_eq!(s.len(), 4);
}

#[test]
fn first_moved_out_of_the_month_leaves_no_reminders() {
    // 31 July 2027 is a Saturday: the reminder would move to August.
    let s = month_slots(
        month(2027, 7),
        &schedule("0 0 9 31 * *"),
        &schedule("0 0 9 * * Mon"),
        &Calendar::default(),
        Jakarta,
    );
    assert_eq!(s, vec![]);
}

#[test]
fn month_with_no_first_occurrence_has_no_reminders() {
    let s = month_slots(
        month(2027, 2),
        &schedule("0 0 9 1 1,4,7,10 *"),
        &schedule("0 0 9 * * Mon"),
        &Calendar::default(),
        Jakarta,
    );
    assert_eq!(s, vec![]);
}

#[test]
fn slots_use_the_organisations_zone() {
    // 09:00 WIT is 00:00 UTC.
    let s = month_slots(
        month(2027, 2),
        &schedule("0 0 9 1 * *"),
        &schedule("0 0 9 * * Mon"),
        &Calendar::default(),
        Jayapura,
    );
    assert_eq!(s[0].at, utc(2027, 2, 1, 0, 0));
    assert_eq!(s[1].at, utc(2027, 2, 8, 0, 0));
}

#[test]
fn a_dense_schedule_stops_at_the_month_end() {
    // Hourly follow-ups: one per working day (the earliest), none spilling into March.
    let s = month_slots(
        month(2027, 2),
        &schedule("0 0 9 1 * *"),
        &schedule("0 0 * * * *"),
        &Calendar::default(),
        Jakarta,
    );
    let follow_ups: Vec<&Slot> = s.iter().filter(|s| s.kind == SlotKind::FollowUp).collect();
    // February 2027 has 20 working days; on the 1st the first follow-up is 10:00.
    assert_eq!(follow_ups.len(), 20);
    assert_eq!(follow_ups[0].at, utc(2027, 2, 1, 3, 0));
    assert_eq!(follow_ups[19].key, "2027-02:follow:2027-02-26");
    assert_eq!(follow_ups[19].at, utc(2027, 2, 25, 17, 0), "00:00 WIB");
}

#[test]
fn slot_keys_are_unique() {
    let cal = Calendar::new((10..=17).map(|d| date(2027, 5, d)));
    let s = month_slots(
        month(2027, 5),
        &schedule("0 0 9 1 * *"),
        &schedule("0 0 9,14 * * *"),
        &cal,
        Jakarta,
    );
    let unique: HashSet<&str> = keys(&s).into_iter().collect();
    assert_eq!(unique.len(), s.len());
    assert!(s.len() > 10);
}

fn january() -> Vec<Slot> {
    slots(month(2027, 1), &Calendar::new([date(2027, 1, 1)]))
}

#[test]
fn nothing_is_due_before_the_first_reminder() {
    let s = january();
    let due = due_slot(
        &s,
        nine_wib(2027, 1, 4) - chrono::Duration::seconds(1),
        &HashSet::new(),
    );
    assert_eq!(
        due,
        DueSlots {
            send: None,
            skip: vec![]
        }
    );
}

#[test]
fn the_slot_is_due_at_its_time() {
    let s = january();
    let due = due_slot(&s, nine_wib(2027, 1, 4), &HashSet::new());
    assert_eq!(due.send.map(|s| s.key.as_str()), Some("2027-01:first"));
    assert!(due.skip.is_empty());
}

#[test]
fn catch_up_after_downtime_sends_only_the_latest() {
    let s = january();
    let due = due_slot(&s, utc(2027, 1, 20, 0, 0), &HashSet::new());
    assert_eq!(
        due.send.map(|s| s.key.as_str()),
        Some("2027-01:follow:2027-01-18")
    );
    assert_eq!(
        due.skip.iter().map(|s| s.key.as_str()).collect::<Vec<_>>(),
        ["2027-01:first", "2027-01:follow:2027-01-11"]
    );
}

#[test]
fn handled_slots_are_neither_sent_nor_skipped_again() {
    let s = january();
    let handled: HashSet<String> = ["2027-01:first".to_string()].into();
    let due = due_slot(&s, utc(2027, 1, 20, 0, 0), &handled);
    assert_eq!(
        due.send.map(|s| s.key.as_str()),
        Some("2027-01:follow:2027-01-18")
    );
    assert_eq!(
        due.skip.iter().map(|s| s.key.as_str()).collect::<Vec<_>>(),
        ["2027-01:follow:2027-01-11"]
    );
}

#[test]
fn a_handled_latest_slot_is_not_replaced_by_an_earlier_one() {
    let s = january();
    let handled: HashSet<String> = ["2027-01:follow:2027-01-18".to_string()].into();
    let due = due_slot(&s, utc(2027, 1, 20, 0, 0), &handled);
    assert_eq!(due.send, None);
    assert_eq!(due.skip.len(), 2);
}

#[test]
fn due_slot_does_not_rely_on_input_order() {
    let mut s = january();
    s.reverse();
    let due = due_slot(&s, utc(2027, 1, 12, 0, 0), &HashSet::new());
    assert_eq!(
        due.send.map(|s| s.key.as_str()),
        Some("2027-01:follow:2027-01-11")
    );
    assert_eq!(
        due.skip.iter().map(|s| s.key.as_str()).collect::<Vec<_>>(),
        ["2027-01:first"]
    );
}

#[test]
fn quarter_flag_is_days_before_the_end_on_a_working_day() {
    let q1 = Quarter { year: 2027, q: 1 };
    let cal = Calendar::default();
    // 31 March 2027 is a Wednesday; 14 days before is Wednesday 17 March.
    assert_eq!(
        quarter_flag_at(q1, 14, hm(9, 0), &cal, Jakarta),
        nine_wib(2027, 3, 17)
    );
    // 4 days before is Saturday 27 March: moved to Monday 29 March.
    assert_eq!(
        quarter_flag_at(q1, 4, hm(9, 0), &cal, Jakarta),
        nine_wib(2027, 3, 29)
    );
    let with_holiday = Calendar::new([date(2027, 3, 17)]);
    assert_eq!(
        quarter_flag_at(q1, 14, hm(9, 0), &with_holiday, Jakarta),
        nine_wib(2027, 3, 18)
    );
}

#[test]
fn quarter_escalation_is_the_first_working_day_after_the_quarter() {
    let cal = Calendar::new([date(2027, 1, 1)]);
    // Q1 2027 ends Wednesday 31 March; Thursday 1 April is a working day.
    assert_eq!(
        quarter_escalation_at(Quarter { year: 2027, q: 1 }, hm(9, 0), &cal, Jakarta),
        nine_wib(2027, 4, 1)
    );
    // Q4 2026 is followed by Tahun Baru on a Friday and a weekend.
    assert_eq!(
        quarter_escalation_at(Quarter { year: 2026, q: 4 }, hm(9, 0), &cal, Jakarta),
        nine_wib(2027, 1, 4)
    );
    // 1 April 2028 is a Saturday.
    assert_eq!(
        quarter_escalation_at(Quarter { year: 2028, q: 1 }, hm(8, 0), &cal, Jayapura),
        utc(2028, 4, 2, 23, 0)
    );
}

#[test]
fn quarter_keys() {
    let q1 = Quarter { year: 2027, q: 1 };
    assert_eq!(quarter_flag_key(q1), "2027-Q1:flag");
    assert_eq!(quarter_escalation_key(q1), "2027-Q1:escalate");
}
