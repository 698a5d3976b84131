use chrono::{NaiveTime, TimeZone};

use super::*;
use crate::domain::feedback_round::RoundPeriod;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn round(opens: &str, closes: &str) -> Round {
    Round {
        id: RoundId(1),
        unit: None,
        period: RoundPeriod::quarter(2027, 1).unwrap(),
        opens_on: date(opens),
        closes_on: date(closes),
        closed_early_on: None,
        seed: 7,
        created_by: "196805121990031002".into(),
        created_at: 0,
        prompted_at: None,
        results_sent_at: None,
    }
}

/// 09:00 WIB on that day.
fn nine(day: &str) -> DateTime<Utc> {
    let d = date(day);
    Utc.from_utc_datetime(&d.and_time(NaiveTime::from_hms_opt(2, 0, 0).unwrap()))
}

fn slots(round: &Round, holidays: &[&str]) -> Vec<ReminderSlot> {
    let calendar = Calendar::new(holidays.iter().map(|h| date(h)));
    let schedule = Schedule {
        days: &[3, 1],
        time: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
        calendar: &calendar,
        tz: chrono_tz::Asia::Jakarta,
    };
    schedule.slots(round)
}

#[test]
fn a_reminder_on_a_weekend_or_a_holiday_moves_back_to_the_working_day_before() {
    // Wednesday 31 March 2027: three days before is Sunday the 28th, so Friday the 26th.
    let r = round("2027-03-01", "2027-03-31");
    let s = slots(&r, &[]);
    let days: Vec<(u32, NaiveDate, &str)> = s
        .iter()
        .map(|s| (s.days_before, s.day, s.key.as_str()))
        .collect();
    assert_eq!(
        days,
        [
            (3, date("2027-03-26"), "d3:2027-03-31"),
            (1, date("2027-03-30"), "d1:2027-03-31"),
        ]
    );
    assert_eq!(s[0].at, nine("2027-03-26"));
    // Tuesday the 30th a holiday: the day before the close is Monday the 29th.
    let s = slots(&r, &["2027-03-30"]);
    assert_eq!(s[1].day, date("2027-03-29"));
}

#[test]
fn a_reminder_before_the_round_opens_is_left_out() {
    let r = round("2027-03-29", "2027-03-31");
    let s = slots(&r, &[]);
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].days_before, 1);
}

#[test]
fn an_early_close_or_an_extension_gives_new_reminders() {
    let mut r = round("2027-03-01", "2027-03-31");
    r.closed_early_on = Some(date("2027-03-19"));
    let last = r.last_day();
    assert!(last < date("2027-03-31"));
    let keys: Vec<String> = slots(&r, &[]).into_iter().map(|s| s.key).collect();
    assert_eq!(keys, [format!("d3:{last}"), format!("d1:{last}")]);
    r.closed_early_on = None;
    r.closes_on = date("2027-04-09");
    let keys: Vec<String> = slots(&r, &[]).into_iter().map(|s| s.key).collect();
    assert_eq!(keys, ["d3:2027-04-09", "d1:2027-04-09"]);
}

#[test]
fn after_downtime_only_the_latest_reminder_due_goes_and_none_before_the_opening() {
    let r = round("2027-03-01", "2027-03-31");
    let s = slots(&r, &[]);
    let opened = nine("2027-03-01").timestamp();
    let key =
        |at: DateTime<Utc>, prompted: i64| due_reminder(&s, at, prompted).map(|s| s.key.clone());
    assert_eq!(
        key(nine("2027-03-26") - chrono::Duration::seconds(1), opened),
        None
    );
    assert_eq!(
        key(nine("2027-03-26"), opened).as_deref(),
        Some("d3:2027-03-31")
    );
    assert_eq!(
        key(nine("2027-03-29"), opened).as_deref(),
        Some("d3:2027-03-31")
    );
    // Down from before the 26th until the 31st: the one-day reminder alone.
    assert_eq!(
        key(nine("2027-03-31"), opened).as_deref(),
        Some("d1:2027-03-31")
    );
    // Opened after the three-day reminder's time: that one is not sent late.
    let late = nine("2027-03-27").timestamp();
    assert_eq!(key(nine("2027-03-29"), late), None);
    assert_eq!(
        key(nine("2027-03-30"), late).as_deref(),
        Some("d1:2027-03-31")
    );
}

#[test]
fn two_reminders_on_the_same_day_send_the_one_nearer_the_close() {
    // Monday 5 April 2027: one day before is Sunday, moved back to Friday the 2nd, which is
    // also three days before.
    let r = round("2027-03-01", "2027-04-05");
    let s = slots(&r, &[]);
    assert_eq!(s[0].day, s[1].day);
    let due = due_reminder(&s, nine("2027-04-02"), 0).unwrap();
    assert_eq!(due.days_before, 1);
}
