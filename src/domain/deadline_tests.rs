use super::*;
use chrono_tz::Asia::{Jakarta, Jayapura, Makassar};

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

fn plan() -> ReminderPlan {
    ReminderPlan {
        days_before: vec![7, 3, 1],
        morning_of: true,
        time: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
    }
}

#[test]
fn dates_hr_types_are_read_in_the_organisations_zone() {
    let now = utc(2026, 11, 23, 0, 0);
    // 31 January 2027 23:59 WIB is 16:59 UTC.
    let end_of_day = utc(2027, 1, 31, 16, 59);
    for text in [
        "31-01-2027",
        "31/01/2027",
        "2027-01-31",
        "31 Januari 2027",
        "31 jan 2027",
        "31 January 2027, 23:59",
        "31-01-2027 pukul 23.59",
    ] {
        assert_eq!(parse_due(text, Jakarta, now), Ok(end_of_day), "{text}");
    }
    assert_eq!(
        parse_due("31-01-2027 16:00", Makassar, now),
        Ok(utc(2027, 1, 31, 8, 0))
    );
    assert_eq!(
        parse_due("31-01-2027 16:00", Jayapura, now),
        Ok(utc(2027, 1, 31, 7, 0))
    );
}

#[test]
fn unreadable_and_past_dates_are_refused() {
    let now = utc(2026, 11, 23, 3, 0);
    for text in [
        "",
        "besok",
        "31-02-2027",
        "32/01/2027",
        "31-01-27",
        "31 Foo 2027",
        "31-01-2027 25:00",
        "31-01-2027 9",
    ] {
        assert_eq!(
            parse_due(text, Jakarta, now),
            Err(DueError::Unreadable),
            "{text}"
        );
    }
    assert_eq!(parse_due("01-01-2020", Jakarta, now), Err(DueError::InPast));
    // 10:00 WIB on the 23rd is 03:00 UTC: exactly now is not in the future.
    assert_eq!(
        parse_due("23-11-2026 10:00", Jakarta, now),
        Err(DueError::InPast)
    );
    assert!(parse_due("23-11-2026 10:01", Jakarta, now).is_ok());
}

#[test]
fn reminders_fire_in_the_morning_of_their_day_in_each_zone() {
    let due = utc(2027, 1, 31, 16, 59);
    let wib: Vec<_> = plan().slots(due, Jakarta);
    let keys: Vec<_> = wib.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(keys, ["d7", "d3", "d1", "d0"]);
    // 08:00 WIB on 24 January is 01:00 UTC.
    assert_eq!(wib[0].fire_at, utc(2027, 1, 24, 1, 0));
    assert_eq!(wib[3].fire_at, utc(2027, 1, 31, 1, 0));
    // The same instant is already 1 February 01:59 in WIT: the days move, and that day's
    // 08:00 reminder would come after the deadline, so there is none.
    let wit = plan().slots(due, Jayapura);
    let keys: Vec<_> = wit.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(keys, ["d7", "d3", "d1"]);
    assert_eq!(wit[2].fire_at, utc(2027, 1, 30, 23, 0));
    // In WITA it is 1 February 00:59 too: seven days before is 25 January, 08:00 WITA.
    let wita = plan().slots(due, Makassar);
    assert_eq!(wita[0].fire_at, utc(2027, 1, 25, 0, 0));
}

#[test]
fn a_morning_reminder_after_the_deadline_itself_is_left_out() {
    // Due 07:00 WIB: the 08:00 reminder of that day would come after it.
    let due = utc(2027, 1, 31, 0, 0);
    let keys: Vec<_> = plan()
        .slots(due, Jakarta)
        .into_iter()
        .map(|s| s.key)
        .collect();
    assert_eq!(keys, ["d7", "d3", "d1"]);
}

#[test]
fn a_bot_that_was_down_sends_the_latest_due_reminder_once() {
    let due = utc(2027, 1, 31, 16, 59);
    let slots = plan().slots(due, Jakarta);
    let created = utc(2026, 12, 1, 0, 0);
    // Down from before d7 until after d3: one reminder (d3), d7 marked as passed.
    let now = utc(2027, 1, 29, 12, 0);
    let due_now = due_reminders(&slots, due, created, now, &HashSet::new());
    assert_eq!(due_now.send.map(|s| s.key), Some("d3".into()));
    assert_eq!(
        due_now
            .skip
            .iter()
            .map(|s| s.key.as_str())
            .collect::<Vec<_>>(),
        ["d7"]
    );
    // Once handled, nothing again.
    let handled: HashSet<String> = ["d7".into(), "d3".into()].into();
    let again = due_reminders(&slots, due, created, now, &handled);
    assert_eq!(again.send, None);
    assert!(again.skip.is_empty());
    // After the deadline, nothing at all.
    let late = due_reminders(&slots, due, created, due, &HashSet::new());
    assert_eq!(late.send, None);
}

#[test]
fn reminders_due_before_the_deadline_existed_are_not_sent() {
    let due = utc(2027, 1, 31, 16, 59);
    let slots = plan().slots(due, Jakarta);
    // Created two days before: the 7- and 3-day reminders had passed already.
    let created = utc(2027, 1, 29, 12, 0);
    let at_creation = due_reminders(&slots, due, created, created, &HashSet::new());
    assert_eq!(at_creation.send, None);
    let next_morning = due_reminders(
        &slots,
        due,
        created,
        utc(2027, 1, 30, 1, 0),
        &HashSet::new(),
    );
    assert_eq!(next_morning.send.map(|s| s.key), Some("d1".into()));
}

#[test]
fn days_left_counts_calendar_days_in_the_zone() {
    let due = utc(2027, 1, 31, 16, 59);
    assert_eq!(days_left(due, utc(2027, 1, 24, 1, 0), Jakarta), 7);
    assert_eq!(days_left(due, utc(2027, 1, 31, 1, 0), Jakarta), 0);
    assert_eq!(format_local(due, Jakarta), "31-01-2027 23:59");
    assert_eq!(format_local(due, Jayapura), "01-02-2027 01:59");
}
