use super::*;
use crate::domain::{AssignmentId, RoundId};
use crate::storage::dialog_reminders::Recipient;

fn round(period: RoundPeriod) -> Round {
    let date = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    Round {
        id: RoundId(4),
        unit: None,
        period,
        opens_on: date("2027-03-01"),
        closes_on: date("2027-03-31"),
        closed_early_on: None,
        seed: 1,
        created_by: "196805121990031002".into(),
        created_at: 0,
        prompted_at: None,
        results_sent_at: None,
    }
}

fn to(lang: Lang, count: usize) -> Counted {
    Counted {
        recipient: Recipient {
            nip: "199001012015031001".into(),
            lang,
            chat: None,
            blocked: false,
        },
        count,
    }
}

fn colleagues(names: &[String]) -> Vec<Colleague> {
    names
        .iter()
        .enumerate()
        .map(|(i, n)| Colleague {
            assignment: AssignmentId(100 + i as i64),
            name: n.clone(),
        })
        .collect()
}

fn q1() -> RoundPeriod {
    RoundPeriod::quarter(2027, 1).unwrap()
}

fn data(keyboard: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(keyboard).unwrap();
    v["inline_keyboard"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|row| row.as_array().unwrap().iter())
        .map(|b| b["callback_data"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_opening_message_names_each_colleague_with_a_button_to_rate_them() {
    let names = ["Dimas & Co".to_owned(), "Nur <b>Aini</b>".to_owned()];
    let list = colleagues(&names);
    let p = payload(
        Message::Opening,
        &RoundNames::of(&round(q1())),
        &to(Lang::En, 2),
        Some(&list),
    );
    assert!(p.text.starts_with("📨"), "{}", p.text);
    assert!(p.text.contains("Q1 2027"), "{}", p.text);
    assert!(p.text.contains("of 2 colleagues:"), "{}", p.text);
    assert!(p.text.contains("• Dimas &amp; Co"), "{}", p.text);
    assert!(
        p.text.contains("• Nur &lt;b&gt;Aini&lt;/b&gt;"),
        "{}",
        p.text
    );
    assert!(p.text.contains("Wednesday, 31 March 2027"), "{}", p.text);
    let keyboard = p.keyboard.unwrap();
    assert_eq!(data(&keyboard), ["fb:a:100", "fb:a:101"]);
    assert!(
        keyboard.contains("Nur <b>Aini</b>"),
        "labels are plain text"
    );
    assert!(
        !keyboard.contains("fb:list"),
        "no 'see all' when all have a button"
    );
}

#[test]
fn more_than_twenty_colleagues_are_all_listed_with_twenty_buttons_and_see_all() {
    let names: Vec<String> = (0..27).map(|i| format!("Pegawai {i:02}")).collect();
    let list = colleagues(&names);
    let p = payload(
        Message::Opening,
        &RoundNames::of(&round(q1())),
        &to(Lang::Id, 27),
        Some(&list),
    );
    assert!(p.text.contains("Triwulan I 2027"), "{}", p.text);
    assert!(p.text.contains("Rabu, 31 Maret 2027"), "{}", p.text);
    assert!(p.text.contains("27 rekan"), "{}", p.text);
    for n in &names {
        assert!(p.text.contains(n.as_str()), "{n} in {}", p.text);
    }
    let d = data(&p.keyboard.unwrap());
    assert_eq!(d.len(), MAX_BUTTONS + 1);
    assert_eq!(d[0], "fb:a:100");
    assert_eq!(d[MAX_BUTTONS - 1], "fb:a:119");
    assert_eq!(d[MAX_BUTTONS], "fb:list");
}

#[test]
fn long_names_stay_within_one_telegram_message() {
    let long = "Nama Sangat Panjang Sekali & Gelar ".repeat(5);
    let names: Vec<String> = (0..60).map(|i| format!("{long}{i}")).collect();
    let list = colleagues(&names);
    let p = payload(
        Message::Opening,
        &RoundNames::of(&round(q1())),
        &to(Lang::Id, 60),
        Some(&list),
    );
    assert!(p.text.chars().count() < 4096, "{}", p.text.chars().count());
    let named = p.text.matches("• ").count();
    assert!(named < 60);
    let rest = format!("dan {} lainnya", 60 - named);
    assert!(p.text.contains(&rest), "{}", p.text);
    let d = data(&p.keyboard.unwrap());
    assert_eq!(d.len(), named.min(MAX_BUTTONS) + 1);
    assert_eq!(d.last().unwrap(), "fb:list");
}

#[test]
fn reminders_and_results_carry_their_count_and_button() {
    let names = RoundNames::of(&round(q1()));
    let p = payload(Message::Reminder, &names, &to(Lang::En, 1), None);
    assert!(p.text.starts_with("⌛"), "{}", p.text);
    assert!(p.text.contains("1 colleague to give"), "{}", p.text);
    assert!(p.text.contains("Wednesday, 31 March 2027"), "{}", p.text);
    assert_eq!(data(&p.keyboard.unwrap()), ["fb:list"]);
    let p = payload(Message::Reminder, &names, &to(Lang::Id, 3), None);
    assert!(p.text.contains("Masih ada 3 rekan"), "{}", p.text);

    let p = payload(Message::Results, &names, &to(Lang::Id, 5), None);
    assert!(p.text.starts_with("📈"), "{}", p.text);
    assert!(p.text.contains("Triwulan I 2027"), "{}", p.text);
    assert_eq!(data(&p.keyboard.unwrap()), ["fr:mine"]);
    let p = payload(Message::TeamResults, &names, &to(Lang::En, 4), None);
    assert!(p.text.starts_with("👥"), "{}", p.text);
    assert!(
        p.text.contains("results of 4 of your subordinates"),
        "{}",
        p.text
    );
    assert_eq!(data(&p.keyboard.unwrap()), ["fr:team"]);
}

#[test]
fn every_kind_of_period_reads_as_words() {
    let cases = [
        (RoundPeriod::month(2027, 3), "Maret 2027", "March 2027"),
        (RoundPeriod::quarter(2027, 4), "Triwulan IV 2027", "Q4 2027"),
        (
            RoundPeriod::semester(2027, 1),
            "Semester I 2027",
            "first half of 2027",
        ),
        (
            RoundPeriod::semester(2027, 2),
            "Semester II 2027",
            "second half of 2027",
        ),
        (RoundPeriod::year(2027), "Tahun 2027", "Year 2027"),
    ];
    for (period, id, en) in cases {
        let period = period.unwrap();
        assert_eq!(period_name(Lang::Id, period), id);
        assert_eq!(period_name(Lang::En, period), en);
    }
    let day = NaiveDate::from_ymd_opt(2027, 1, 3).unwrap();
    assert_eq!(date_name(Lang::Id, day), "Minggu, 3 Januari 2027");
    assert_eq!(date_name(Lang::En, day), "Sunday, 3 January 2027");
}
