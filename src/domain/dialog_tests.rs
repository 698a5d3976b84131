use std::fmt::Debug;

use super::*;
use chrono::{NaiveDate, TimeZone};
use serde::de::DeserializeOwned;
use strum::IntoEnumIterator;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

/// Every variant: `ALL` lists it in declaration order, its serde name is its code, and
/// `parse` reads the code back.
fn assert_codes<T>(all: &[T], code: fn(T) -> &'static str, parse: fn(&str) -> Option<T>)
where
    T: IntoEnumIterator + Serialize + DeserializeOwned + Copy + PartialEq + Debug,
{
    assert_eq!(all, T::iter().collect::<Vec<_>>().as_slice());
    for v in T::iter() {
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(json, format!("\"{}\"", code(v)), "{v:?}");
        assert_eq!(serde_json::from_str::<T>(&json).unwrap(), v);
        assert_eq!(parse(code(v)), Some(v));
    }
    assert_eq!(parse(""), None);
    assert_eq!(parse("tidak-ada"), None);
}

#[test]
fn serde_names_equal_codes_for_every_variant() {
    assert_codes(Kind::ALL, Kind::code, Kind::parse);
    assert_codes(Point::ALL, Point::code, Point::parse);
    assert_codes(Mode::ALL, Mode::code, Mode::parse);
    assert_codes(FollowUpKind::ALL, FollowUpKind::code, FollowUpKind::parse);
    assert_codes(Giver::ALL, Giver::code, Giver::parse);
    assert_codes(Ack::ALL, Ack::code, Ack::parse);
    assert_codes(
        CoachingStatement::ALL,
        CoachingStatement::code,
        CoachingStatement::parse,
    );
    assert_codes(Agreement::ALL, Agreement::code, Agreement::parse);
}

#[test]
fn codes_are_the_documented_ones() {
    assert_eq!(
        Kind::ALL.iter().map(|k| k.code()).collect::<Vec<_>>(),
        ["klarifikasi", "umpan-balik", "evaluasi"]
    );
    assert_eq!(Point::HasilDiharapkan.code(), "hasil-diharapkan");
    assert_eq!(Point::DukunganSumberDaya.code(), "dukungan-sumber-daya");
    assert_eq!(Mode::TatapMuka.code(), "tatap-muka");
    assert_eq!(Giver::ELearning.code(), "e-learning");
    assert_eq!(Agreement::SangatTidakSetuju.code(), "sangat-tidak-setuju");
}

#[test]
fn each_kind_has_its_points_in_order() {
    assert_eq!(
        Kind::Klarifikasi.points(),
        [
            Point::HasilDiharapkan,
            Point::PanduanBertindak,
            Point::DukunganSumberDaya,
            Point::SkemaPertanggungjawaban,
            Point::Konsekuensi,
        ]
    );
    assert_eq!(
        Kind::UmpanBalik.points(),
        [
            Point::Progres,
            Point::Pembelajaran,
            Point::DukunganDibutuhkan
        ]
    );
    assert_eq!(Kind::Evaluasi.points(), [Point::Penilaian]);
}

#[test]
fn every_point_belongs_to_exactly_one_kind() {
    for p in Point::iter() {
        let kinds = Kind::ALL.iter().filter(|k| k.points().contains(&p)).count();
        assert_eq!(kinds, 1, "{p:?}");
    }
}

#[test]
fn each_kind_requires_exactly_its_first_point() {
    for k in Kind::ALL {
        let required: Vec<Point> = k
            .points()
            .iter()
            .copied()
            .filter(|p| !p.optional())
            .collect();
        assert_eq!(required, [k.points()[0]], "{k:?}");
    }
    assert!(!Point::HasilDiharapkan.optional());
    assert!(Point::Konsekuensi.optional());
    assert!(!Point::Progres.optional());
    assert!(Point::DukunganDibutuhkan.optional());
    assert!(!Point::Penilaian.optional());
}

#[test]
fn follow_up_givers_follow_the_regulation_table() {
    use FollowUpKind::*;
    use Giver::*;
    let allowed = [
        (Coaching, vec![Atasan]),
        (Mentoring, vec![Atasan, RekanKerja]),
        (
            Training,
            vec![ELearning, PembelajaranJarakJauh, PelatihanLain],
        ),
        (
            Konseling,
            vec![Atasan, KonselorInternal, KonselorProfesional],
        ),
    ];
    for (kind, givers) in allowed {
        assert_eq!(kind.givers(), givers.as_slice(), "{kind:?}");
        for by in Giver::iter() {
            let expected = givers.contains(&by).then_some(FollowUp { kind, by });
            assert_eq!(FollowUp::new(kind, by), expected, "{kind:?} by {by:?}");
        }
    }
}

#[test]
fn a_peer_cannot_coach_and_e_learning_cannot_counsel() {
    assert_eq!(
        FollowUp::new(FollowUpKind::Coaching, Giver::RekanKerja),
        None
    );
    assert_eq!(
        FollowUp::new(FollowUpKind::Konseling, Giver::ELearning),
        None
    );
    assert_eq!(FollowUp::new(FollowUpKind::Training, Giver::Atasan), None);
}

#[test]
fn coaching_and_mentoring_ask_for_feedback() {
    let asking: Vec<FollowUpKind> = FollowUpKind::iter()
        .filter(|k| k.wants_coaching_feedback())
        .collect();
    assert_eq!(asking, [FollowUpKind::Coaching, FollowUpKind::Mentoring]);
}

#[test]
fn follow_up_serialises_with_codes() {
    let f = FollowUp::new(FollowUpKind::Training, Giver::PembelajaranJarakJauh).unwrap();
    let json = serde_json::to_string(&f).unwrap();
    assert_eq!(
        json,
        r#"{"kind":"training","by":"pembelajaran-jarak-jauh"}"#
    );
    assert_eq!(serde_json::from_str::<FollowUp>(&json).unwrap(), f);
}

#[test]
fn agreement_scores_one_to_four_and_parses_them() {
    let scores: Vec<u8> = Agreement::ALL.iter().map(|a| a.score()).collect();
    assert_eq!(scores, [1, 2, 3, 4]);
    for a in Agreement::ALL {
        assert_eq!(Agreement::parse(&a.score().to_string()), Some(*a));
    }
    assert_eq!(Agreement::parse("0"), None);
    assert_eq!(Agreement::parse("5"), None);
}

#[test]
fn coaching_statements_are_the_five_of_the_form() {
    assert_eq!(
        CoachingStatement::ALL
            .iter()
            .map(|s| s.code())
            .collect::<Vec<_>>(),
        [
            "didengar",
            "bebas-bicara",
            "berbasis-fakta",
            "jalan-keluar",
            "langkah-berikut"
        ]
    );
}

#[test]
fn text_is_trimmed() {
    assert_eq!(
        check_text("  Laporan selesai Jumat \n"),
        Ok("Laporan selesai Jumat".to_string())
    );
}

#[test]
fn empty_text_is_refused() {
    assert_eq!(check_text(""), Err(TextError::Empty));
    assert_eq!(check_text(" \n\t "), Err(TextError::Empty));
}

#[test]
fn text_length_counts_characters_not_bytes() {
    let at_limit = "é".repeat(MAX_POINT_CHARS);
    assert_eq!(check_text(&at_limit), Ok(at_limit.clone()));
    assert_eq!(
        check_text(&format!("{at_limit}x")),
        Err(TextError::TooLong { max: 500, got: 501 })
    );
    let padded = format!("  {}  ", "a".repeat(MAX_POINT_CHARS));
    assert!(check_text(&padded).is_ok(), "padding does not count");
}

#[test]
fn dates_are_read_in_every_format() {
    let today = date(2027, 2, 1);
    let expected = date(2027, 1, 12);
    for text in [
        "2027-01-12",
        "12-01-2027",
        "12/01/2027",
        "12.01.2027",
        "12 Januari 2027",
        "12 januari 2027",
        "12 JANUARI 2027",
        "12 Jan 2027",
        "12 January 2027",
        " 12 jan, 2027 ",
    ] {
        assert_eq!(parse_date(text, today), Ok(expected), "{text}");
    }
    assert_eq!(parse_date("3 Agustus 2027", today), Ok(date(2027, 8, 3)));
    assert_eq!(parse_date("3 Mei 2027", today), Ok(date(2027, 5, 3)));
    assert_eq!(parse_date("3 May 2027", today), Ok(date(2027, 5, 3)));
}

#[test]
fn relative_dates_are_read_against_today() {
    let today = date(2027, 3, 1);
    assert_eq!(parse_date("hari ini", today), Ok(today));
    assert_eq!(parse_date("Today", today), Ok(today));
    assert_eq!(parse_date("kemarin", today), Ok(date(2027, 2, 28)));
    assert_eq!(parse_date("yesterday", today), Ok(date(2027, 2, 28)));
    assert_eq!(parse_date("besok", today), Ok(date(2027, 3, 2)));
}

#[test]
fn unreadable_dates_are_refused() {
    let today = date(2027, 2, 1);
    for text in [
        "",
        "minggu lalu",
        "12-01-27",
        "2027/13/01",
        "31-02-2027",
        "32 Januari 2027",
        "12 Foo 2027",
        "12 Januari",
        "12 Januari 27",
        "12 01 2027",
    ] {
        assert_eq!(
            parse_date(text, today),
            Err(DateError::Unreadable),
            "{text}"
        );
    }
}

#[test]
fn held_on_cannot_be_in_the_future() {
    let today = date(2027, 2, 1);
    let start = period_start(today);
    assert_eq!(check_held_on(today, today, start), Ok(()));
    assert_eq!(
        check_held_on(date(2027, 2, 2), today, start),
        Err(DateError::Future)
    );
}

#[test]
fn held_on_cannot_be_before_the_period() {
    let today = date(2027, 2, 1);
    let start = period_start(today);
    assert_eq!(check_held_on(date(2027, 1, 1), today, start), Ok(()));
    assert_eq!(
        check_held_on(date(2026, 12, 31), today, start),
        Err(DateError::BeforePeriod {
            start: date(2027, 1, 1)
        })
    );
}

#[test]
fn next_on_must_be_after_the_dialog_and_today() {
    let held = date(2027, 1, 20);
    let today = date(2027, 2, 1);
    assert_eq!(check_next_on(date(2027, 2, 2), held, today), Ok(()));
    assert_eq!(
        check_next_on(today, held, today),
        Err(DateError::NotAfter),
        "today"
    );
    assert_eq!(
        check_next_on(date(2027, 1, 25), held, today),
        Err(DateError::NotAfter),
        "after the dialog but past"
    );
    assert_eq!(
        check_next_on(held, held, date(2027, 1, 10)),
        Err(DateError::NotAfter),
        "the dialog's own day"
    );
}

#[test]
fn period_starts_on_1_january_of_the_year() {
    assert_eq!(period_start(date(2027, 8, 17)), date(2027, 1, 1));
    assert_eq!(period_start(date(2027, 2, 1)), date(2027, 1, 1));
    assert_eq!(period_start(date(2027, 12, 31)), date(2027, 1, 1));
    // December's dialogs can still be recorded during January.
    assert_eq!(period_start(date(2027, 1, 1)), date(2026, 1, 1));
    assert_eq!(period_start(date(2027, 1, 31)), date(2026, 1, 1));
}

#[test]
fn ack_expires_after_whole_days() {
    let saved = utc(2027, 1, 4, 2, 0);
    assert!(!ack_expired(saved, utc(2027, 1, 7, 1, 59), 3));
    assert!(ack_expired(saved, utc(2027, 1, 7, 2, 0), 3));
    assert!(ack_expired(saved, saved, 0));
    assert!(
        !ack_expired(saved, utc(2027, 1, 3, 0, 0), 0),
        "clock behind"
    );
}

#[test]
fn missing_keeps_the_order_of_subordinates() {
    let subs: Vec<String> = ["budi", "sari", "andi", "dewi"]
        .into_iter()
        .map(String::from)
        .collect();
    let held: HashSet<String> = ["sari".to_string(), "tono".to_string()].into();
    assert_eq!(missing(&subs, &held), ["budi", "andi", "dewi"]);
    assert_eq!(
        missing(&subs, &subs.iter().cloned().collect()),
        Vec::<&String>::new()
    );
}
