use super::*;
use chrono_tz::Asia::{Jakarta, Jayapura, Makassar};
use chrono_tz::Europe::Berlin;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

/// 1 January 2027 (Tahun Baru) is a Friday.
fn calendar() -> Calendar {
    Calendar::new([date(2027, 1, 1), date(2027, 3, 10)])
}

#[test]
fn weekends_and_holidays_are_not_working_days() {
    let cal = calendar();
    assert!(cal.is_working_day(date(2027, 1, 4)), "Monday");
    assert!(cal.is_working_day(date(2027, 1, 8)), "Friday");
    assert!(!cal.is_working_day(date(2027, 1, 9)), "Saturday");
    assert!(!cal.is_working_day(date(2027, 1, 10)), "Sunday");
    assert!(!cal.is_working_day(date(2027, 1, 1)), "holiday on a Friday");
    assert!(
        !cal.is_working_day(date(2027, 3, 10)),
        "holiday on a Wednesday"
    );
}

#[test]
fn next_working_day_is_the_day_itself_when_it_is_one() {
    assert_eq!(
        calendar().next_working_day(date(2027, 1, 5)),
        date(2027, 1, 5)
    );
}

#[test]
fn next_working_day_skips_a_weekend() {
    let cal = calendar();
    assert_eq!(cal.next_working_day(date(2027, 1, 9)), date(2027, 1, 11));
    assert_eq!(cal.next_working_day(date(2027, 1, 10)), date(2027, 1, 11));
}

#[test]
fn next_working_day_skips_a_friday_holiday_and_the_weekend_after_it() {
    assert_eq!(
        calendar().next_working_day(date(2027, 1, 1)),
        date(2027, 1, 4)
    );
}

#[test]
fn next_working_day_skips_a_long_weekend_with_a_monday_holiday_too() {
    let cal = Calendar::new([date(2027, 1, 1), date(2027, 1, 4)]);
    assert_eq!(cal.next_working_day(date(2027, 1, 1)), date(2027, 1, 5));
}

#[test]
fn next_working_day_crosses_the_year_end() {
    // 31 December 2027 is a Friday; 1 January 2028 a Saturday.
    let cal = Calendar::new([date(2027, 12, 31)]);
    assert_eq!(cal.next_working_day(date(2027, 12, 31)), date(2028, 1, 3));
}

#[test]
fn holidays_are_listed_once_in_date_order() {
    let cal = Calendar::new([date(2027, 3, 10), date(2027, 1, 1), date(2027, 3, 10)]);
    assert_eq!(
        cal.holidays().collect::<Vec<_>>(),
        vec![date(2027, 1, 1), date(2027, 3, 10)]
    );
}

#[test]
fn holiday_list_reads_dates_descriptions_comments_and_blank_lines() {
    let text = "# Libur nasional 2027\n\
                2027-01-01 Tahun Baru Masehi\n\
                \n\
                \t2027-03-10\tHari Raya Nyepi   # Saka 1949\n\
                2027-05-01\n\
                   # indented comment\n";
    assert_eq!(
        parse_holiday_list(text),
        Ok(vec![date(2027, 1, 1), date(2027, 3, 10), date(2027, 5, 1)])
    );
    assert_eq!(parse_holiday_list(""), Ok(vec![]));
}

#[test]
fn holiday_list_errors_name_the_line_and_the_text() {
    for (bad, text) in [
        ("2027-13-01 Bulan ke-13", "2027-13-01 Bulan ke-13"),
        ("2027-02-30", "2027-02-30"),
        ("2027-1-1", "2027-1-1"),
        ("01-01-2027 Tahun Baru", "01-01-2027 Tahun Baru"),
        ("2027-01-01x", "2027-01-01x"),
        ("Nyepi 2027-03-10 # comment", "Nyepi 2027-03-10"),
    ] {
        let file = format!("# header\n2027-01-01\n\n{bad}\n2027-05-01\n");
        assert_eq!(
            parse_holiday_list(&file),
            Err(HolidayError {
                line: 4,
                text: text.to_string()
            }),
            "{bad}"
        );
    }
}

#[test]
fn holiday_error_message_names_the_line() {
    let err = parse_holiday_list("2027-01-01\nbesok").unwrap_err();
    assert_eq!(err.to_string(), "line 2: not a date YYYY-MM-DD: \"besok\"");
}

#[test]
fn month_of_a_date_and_its_bounds() {
    let feb = Month::of(date(2028, 2, 14));
    assert_eq!(
        feb,
        Month {
            year: 2028,
            month: 2
        }
    );
    assert_eq!(feb.first_day(), date(2028, 2, 1));
    assert_eq!(feb.last_day(), date(2028, 2, 29), "leap year");
    assert_eq!(Month::of(date(2027, 2, 1)).last_day(), date(2027, 2, 28));
    assert_eq!(Month::of(date(2027, 12, 5)).last_day(), date(2027, 12, 31));
}

#[test]
fn months_step_across_the_year_end() {
    let dec = Month::of(date(2027, 12, 31));
    let jan = Month::of(date(2028, 1, 1));
    assert_eq!(dec.next(), jan);
    assert_eq!(jan.prev(), dec);
    assert!(dec < jan);
    assert_eq!(
        Month {
            year: 2027,
            month: 5
        }
        .next(),
        Month {
            year: 2027,
            month: 6
        }
    );
}

#[test]
fn month_contains_its_first_and_last_day_only() {
    let jan = Month::of(date(2027, 1, 15));
    assert!(jan.contains(date(2027, 1, 1)));
    assert!(jan.contains(date(2027, 1, 31)));
    assert!(!jan.contains(date(2026, 12, 31)));
    assert!(!jan.contains(date(2027, 2, 1)));
    assert!(!jan.contains(date(2028, 1, 15)), "same month, other year");
}

#[test]
fn month_key_display_and_parse_round_trip() {
    let jan = Month::of(date(2027, 1, 15));
    assert_eq!(jan.key(), "2027-01");
    assert_eq!(jan.to_string(), "2027-01");
    assert_eq!(Month::parse("2027-01"), Some(jan));
    assert_eq!(Month::parse(" 2027-1 "), Some(jan));
    assert_eq!(
        Month::parse("2027-12"),
        Some(Month {
            year: 2027,
            month: 12
        })
    );
    for bad in [
        "", "2027", "2027-00", "2027-13", "27-01", "2027-001", "2027-Q1", "jan-2027",
    ] {
        assert_eq!(Month::parse(bad), None, "{bad}");
    }
}

#[test]
fn hand_built_month_out_of_range_does_not_panic() {
    let m = Month {
        year: 2027,
        month: 13,
    };
    assert_eq!(m.first_day(), date(2028, 1, 1));
    let zero = Month {
        year: 2027,
        month: 0,
    };
    assert_eq!(zero.first_day(), date(2026, 12, 1));
}

#[test]
fn quarter_of_a_date_changes_after_31_march() {
    assert_eq!(Quarter::of(date(2027, 3, 31)), Quarter { year: 2027, q: 1 });
    assert_eq!(Quarter::of(date(2027, 4, 1)), Quarter { year: 2027, q: 2 });
    assert_eq!(
        Quarter::of(date(2027, 12, 31)),
        Quarter { year: 2027, q: 4 }
    );
}

#[test]
fn quarter_bounds_and_months() {
    let q1 = Quarter { year: 2027, q: 1 };
    assert_eq!(q1.first_day(), date(2027, 1, 1));
    assert_eq!(q1.last_day(), date(2027, 3, 31));
    let q4 = Quarter { year: 2027, q: 4 };
    assert_eq!(q4.first_day(), date(2027, 10, 1));
    assert_eq!(q4.last_day(), date(2027, 12, 31));
    assert_eq!(
        Quarter { year: 2027, q: 2 }.months(),
        [
            Month {
                year: 2027,
                month: 4
            },
            Month {
                year: 2027,
                month: 5
            },
            Month {
                year: 2027,
                month: 6
            },
        ]
    );
    assert!(q1.contains(date(2027, 3, 31)));
    assert!(!q1.contains(date(2027, 4, 1)));
}

#[test]
fn quarters_step_across_the_year_end() {
    let q4 = Quarter { year: 2027, q: 4 };
    let q1 = Quarter { year: 2028, q: 1 };
    assert_eq!(q4.next(), q1);
    assert_eq!(q1.prev(), q4);
    assert_eq!(
        Quarter { year: 2027, q: 1 }.next(),
        Quarter { year: 2027, q: 2 }
    );
}

#[test]
fn quarter_key_parse_and_roman() {
    let q1 = Quarter { year: 2027, q: 1 };
    assert_eq!(q1.key(), "2027-Q1");
    assert_eq!(q1.to_string(), "2027-Q1");
    assert_eq!(Quarter::parse("2027-Q1"), Some(q1));
    assert_eq!(Quarter::parse("2027-q1"), Some(q1));
    for bad in [
        "", "2027", "2027-Q0", "2027-Q5", "2027-1", "27-Q1", "2027-Q11",
    ] {
        assert_eq!(Quarter::parse(bad), None, "{bad}");
    }
    let romans: Vec<&str> = (1..=4).map(|q| Quarter { year: 2027, q }.roman()).collect();
    assert_eq!(romans, ["I", "II", "III", "IV"]);
}

#[test]
fn local_date_is_february_in_wit_while_still_january_in_wib() {
    // 15:30 UTC: 00:30 WIT on 1 February, 23:30 WITA and 22:30 WIB on 31 January.
    let at = utc(2027, 1, 31, 15, 30);
    assert_eq!(local_date(at, Jayapura), date(2027, 2, 1));
    assert_eq!(local_date(at, Makassar), date(2027, 1, 31));
    assert_eq!(local_date(at, Jakarta), date(2027, 1, 31));
}

#[test]
fn local_date_turns_at_each_zones_midnight() {
    for (tz, midnight_utc_hour) in [(Jayapura, 15), (Makassar, 16), (Jakarta, 17)] {
        let midnight = utc(2027, 1, 31, midnight_utc_hour, 0);
        let just_before = midnight - Duration::minutes(1);
        assert_eq!(local_date(midnight, tz), date(2027, 2, 1), "{tz}");
        assert_eq!(local_date(just_before, tz), date(2027, 1, 31), "{tz}");
    }
}

#[test]
fn at_local_gives_the_utc_instant_in_each_zone() {
    let feb1 = date(2027, 2, 1);
    assert_eq!(at_local(feb1, hm(0, 0), Jakarta), utc(2027, 1, 31, 17, 0));
    assert_eq!(at_local(feb1, hm(0, 0), Makassar), utc(2027, 1, 31, 16, 0));
    assert_eq!(at_local(feb1, hm(0, 0), Jayapura), utc(2027, 1, 31, 15, 0));
    assert_eq!(at_local(feb1, hm(9, 0), Jakarta), utc(2027, 2, 1, 2, 0));
}

#[test]
fn at_local_in_a_dst_gap_lands_just_after_the_jump() {
    // Berlin skips 02:00–03:00 on 28 March 2027; 02:30 is read at +01, i.e. 03:30 CEST.
    assert_eq!(
        at_local(date(2027, 3, 28), hm(2, 30), Berlin),
        utc(2027, 3, 28, 1, 30)
    );
}

#[test]
fn at_local_in_a_dst_overlap_takes_the_earlier_instant() {
    // Berlin repeats 02:00–03:00 on 31 October 2027; the first 02:30 is CEST (+02).
    assert_eq!(
        at_local(date(2027, 10, 31), hm(2, 30), Berlin),
        utc(2027, 10, 31, 0, 30)
    );
}
