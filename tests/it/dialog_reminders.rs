//! Dialog kinerja reminders as supervisors see them: the first reminder on the first working day
//! of the month (weekends and holidays skipped), follow-ups only to those still missing
//! someone, one message per supervisor and slot whatever restarts, late passes or a second
//! process do, the organisation's zone at midnight, the quarter's flag and escalation, expired
//! acknowledgements, and `/holiday` for organisation HR.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use kinerja_bot::app::App;
use kinerja_bot::bot::features::dialog::Button;
use kinerja_bot::clock::ManualClock;
use kinerja_bot::config::{OrgTimeZone, Settings};
use kinerja_bot::domain::{EmployeeRef, Lang};
use kinerja_bot::i18n::{Msg, text};
use kinerja_bot::scheduler::dialogs::{DialogPass, run_due};
use kinerja_bot::storage::Db;

use crate::support::example::{
    AGUS, ANDI, BAMBANG, DIMAS, FITRI, HENDRA, INDAH, MAYA, NUR, PUTRI, RATNA, SRI, TEGUH, WULAN,
    YUSUF,
};
use crate::support::fake_telegram::{Sent, TestUser};
use crate::support::{
    FakeTelegram, TestApp, TestDb, forged, import_example, import_generated, link_everyone,
    linked_user, start_time,
};

/// The example agency's supervisors: everyone of them has someone missing at first.
const SUPERVISORS: usize = 5;

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

/// 09:00 WIB.
fn nine_wib(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    utc(y, m, d, 2, 0)
}

async fn pass(t: &TestApp, at: DateTime<Utc>) -> DialogPass {
    run_due(&t.app.deps(), at).await.unwrap()
}

/// The bot's dialog reminders and flags in `user`'s chat, by their opening mark.
fn marked(fake: &FakeTelegram, user: i64, mark: &str) -> Vec<Sent> {
    fake.sent_to(user)
        .into_iter()
        .filter(|s| s.text.starts_with(mark))
        .collect()
}

const FIRST: &str = "📋";
const FOLLOW_UP: &str = "🔔";
const FLAG: &str = "⚠️";
const ESCALATION: &str = "📊";

/// What `user` has with `mark` once `n` arrived and the outbox is empty, so a duplicate would
/// have arrived too.
async fn arrived(
    t: &TestApp,
    fake: &FakeTelegram,
    user: &TestUser,
    mark: &str,
    n: usize,
) -> Vec<Sent> {
    let id = user.id();
    fake.wait_until(Duration::from_secs(20), "dialog reminders", |f| {
        marked(f, id, mark).len() >= n
    })
    .await;
    t.wait_idle(fake).await;
    marked(fake, id, mark)
}

/// A dialog with `employee` held on `held_on`, saved at `created_at`, straight into storage.
async fn insert_dialog(
    db: &Db,
    supervisor: &str,
    employee: &str,
    held_on: &str,
    ack: &str,
    created_at: DateTime<Utc>,
) {
    let key = format!("test-{employee}-{held_on}-{}", created_at.timestamp());
    sqlx::query(
        "INSERT INTO dialogs (save_key, supervisor_nip, employee_nip, kind, mode, held_on, \
             points, ack, created_at, updated_at) \
         VALUES ($1, $2, $3, 'umpan-balik', 'tatap-muka', $4, '{}', $5, $6, $6)",
    )
    .bind(key)
    .bind(supervisor)
    .bind(employee)
    .bind(held_on)
    .bind(ack)
    .bind(created_at.timestamp())
    .execute(db.pool())
    .await
    .unwrap();
}

async fn employee_ref(db: &Db, nip: &str) -> i64 {
    sqlx::query_scalar("SELECT ref FROM employees WHERE nip = $1")
        .bind(nip)
        .fetch_one(db.pool())
        .await
        .unwrap()
}

/// Outbox rows of dialog reminders for `nip`, with their state and text.
async fn queued_for(db: &Db, nip: &str) -> Vec<(String, String)> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT o.state, p.text FROM outbox o JOIN outbox_payloads p ON p.id = o.payload_id \
         WHERE o.nip = $1 AND o.origin_kind = 'dialog-reminder' ORDER BY o.id",
    )
    .bind(nip)
    .fetch_all(db.pool())
    .await
    .unwrap();
    rows
}

on_both_backends!(
    the_first_reminder_waits_for_the_first_working_day_after_a_holiday_and_a_weekend,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        // 1 January 2027 is a Friday and a holiday; the 2nd and 3rd are a weekend.
        let t = TestApp::spawn_with(&fake, &db, start_time(), |s| {
            s.file.calendar.holidays = vec!["2027-01-01 Tahun Baru".into()];
        })
        .await;
        let agus = linked_user(&fake, &db, AGUS, 9201, "id").await;
        // Ratna's row in HR's file names no language: her Telegram client's English counts.
        let ratna = linked_user(&fake, &db, RATNA, 9202, "en").await;
        let conn = db.connect().await;
        // Hendra never linked; HR's file says he reads English.
        sqlx::query("UPDATE employees SET language = 'en' WHERE nip = $1")
            .bind(HENDRA)
            .execute(conn.pool())
            .await
            .unwrap();

        for at in [
            nine_wib(2027, 1, 1),
            nine_wib(2027, 1, 2),
            utc(2027, 1, 3, 12, 0),
            utc(2027, 1, 4, 1, 59),
        ] {
            let p = pass(&t, at).await;
            assert_eq!(p.reminders, 0, "at {at}");
        }
        let p = pass(&t, nine_wib(2027, 1, 4)).await;
        assert_eq!(p.reminders, SUPERVISORS);
        assert_eq!(p.slot.as_deref(), Some("2027-01:first"));

        let got = arrived(&t, &fake, &agus, FIRST, 1).await;
        assert_eq!(got.len(), 1);
        let m = &got[0];
        assert!(m.text.contains("Januari 2027"), "{}", m.text);
        assert!(
            m.text
                .contains("3 bawahan Anda belum tercatat melakukan dialog kinerja"),
            "{}",
            m.text
        );
        for name in ["Dimas Prasetyo, S.T.", "Nur Aini; S.Sos.", "Wulan Sari"] {
            assert!(m.text.contains(name), "{name} in {}", m.text);
            assert!(m.labels().iter().any(|l| l == name), "a button for {name}");
        }
        let dimas = employee_ref(&conn, DIMAS).await;
        let data = forged(Button::Record(EmployeeRef(dimas)));
        assert!(
            m.buttons.iter().flatten().any(|(_, d)| *d == data),
            "{:?}",
            m.buttons
        );
        let english = arrived(&t, &fake, &ratna, FIRST, 1).await;
        assert!(
            english[0]
                .text
                .contains("3 of your subordinates have no performance dialog recorded"),
            "{}",
            english[0].text
        );
        // Unlinked supervisors have their row for HR to see, in their file's language.
        let hendra = queued_for(&conn, HENDRA).await;
        assert_eq!(hendra.len(), 1);
        assert_eq!(hendra[0].0, "unlinked");
        assert!(hendra[0].1.contains("January 2027"), "{}", hendra[0].1);
        let bambang = queued_for(&conn, BAMBANG).await;
        assert_eq!(bambang[0].0, "unlinked");
        assert!(bambang[0].1.contains("Januari 2027"), "{}", bambang[0].1);
        conn.close().await;
        t.stop().await;
    }
);

on_both_backends!(
    follow_ups_go_only_to_supervisors_still_missing_someone,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn(&fake, &db).await;
        let agus = linked_user(&fake, &db, AGUS, 9211, "id").await;
        let ratna = linked_user(&fake, &db, RATNA, 9212, "id").await;
        let conn = db.connect().await;

        // 1 January 2027 (Friday), 09:00 WIB: the first reminder.
        assert_eq!(pass(&t, nine_wib(2027, 1, 1)).await.reminders, SUPERVISORS);
        arrived(&t, &fake, &agus, FIRST, 1).await;
        arrived(&t, &fake, &ratna, FIRST, 1).await;

        // Ratna holds all three dialogs, Agus one of his; a December dialog does not count.
        let saved = utc(2027, 1, 2, 3, 0);
        for who in [MAYA, TEGUH, PUTRI] {
            insert_dialog(&conn, RATNA, who, "2027-01-02", "confirmed", saved).await;
        }
        insert_dialog(&conn, AGUS, DIMAS, "2027-01-02", "pending", saved).await;
        insert_dialog(&conn, AGUS, NUR, "2026-12-30", "confirmed", saved).await;

        // Monday 4 January: the follow-up, worded differently, to those still missing someone.
        let p = pass(&t, nine_wib(2027, 1, 4)).await;
        assert_eq!(p.slot.as_deref(), Some("2027-01:follow:2027-01-04"));
        assert_eq!(p.reminders, SUPERVISORS - 1);
        let follow = arrived(&t, &fake, &agus, FOLLOW_UP, 1).await;
        assert_eq!(follow.len(), 1);
        let m = &follow[0].text;
        assert!(m.contains("Masih ada 2 bawahan Anda"), "{m}");
        assert!(
            m.contains("Nur Aini; S.Sos.") && m.contains("Wulan Sari"),
            "{m}"
        );
        assert!(!m.contains("Dimas"), "{m}");
        assert_eq!(follow[0].labels(), ["Nur Aini; S.Sos.", "Wulan Sari"]);
        assert!(marked(&fake, ratna.id(), FOLLOW_UP).is_empty());
        assert_eq!(marked(&fake, agus.id(), FIRST).len(), 1);

        // Once everyone has had their dialog, the next Monday brings nothing.
        for who in [NUR, WULAN] {
            insert_dialog(&conn, AGUS, who, "2027-01-08", "pending", saved).await;
        }
        let p = pass(&t, nine_wib(2027, 1, 11)).await;
        assert_eq!(p.reminders, SUPERVISORS - 2);
        t.wait_idle(&fake).await;
        assert_eq!(marked(&fake, agus.id(), FOLLOW_UP).len(), 1);
        assert!(marked(&fake, ratna.id(), FOLLOW_UP).is_empty());
        conn.close().await;
        t.stop().await;
    }
);

on_both_backends!(
    a_pass_after_downtime_sends_the_latest_reminder_once_not_a_pile,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn(&fake, &db).await;
        let agus = linked_user(&fake, &db, AGUS, 9221, "id").await;
        // Down from before 1 January until Tuesday 12 January: the first reminder and the
        // follow-ups of the 4th and the 11th fell due meanwhile.
        let p = pass(&t, utc(2027, 1, 12, 3, 0)).await;
        assert_eq!(p.slot.as_deref(), Some("2027-01:follow:2027-01-11"));
        assert_eq!(p.reminders, SUPERVISORS);
        let again = pass(&t, utc(2027, 1, 12, 4, 0)).await;
        assert_eq!(again.reminders, 0);
        assert_eq!(again.slot, None);
        let got = arrived(&t, &fake, &agus, FOLLOW_UP, 1).await;
        assert_eq!(got.len(), 1);
        assert!(marked(&fake, agus.id(), FIRST).is_empty());
        let conn = db.connect().await;
        let slots: Vec<(String, i64)> =
            sqlx::query_as("SELECT slot, sent FROM dialog_reminder_slots ORDER BY slot")
                .fetch_all(conn.pool())
                .await
                .unwrap();
        let january: Vec<(String, i64)> = slots
            .into_iter()
            .filter(|(s, _)| s.starts_with("2027-01:"))
            .collect();
        assert_eq!(
            january,
            [
                ("2027-01:first".to_owned(), 0),
                ("2027-01:follow:2027-01-04".to_owned(), 0),
                ("2027-01:follow:2027-01-11".to_owned(), 1),
            ]
        );
        conn.close().await;
        t.stop().await;
    }
);

/// A second bot process on the same database: its own pool, outbox and clock.
async fn second_process(t: &TestApp) -> Arc<App> {
    let settings: Settings = (*t.app.settings).clone();
    App::build(settings, Arc::new(ManualClock::new(start_time())))
        .await
        .unwrap()
}

on_both_backends!(
    twice_or_from_two_processes_at_once_a_slot_is_queued_once,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn(&fake, &db).await;
        let agus = linked_user(&fake, &db, AGUS, 9231, "id").await;
        let other = second_process(&t).await;
        let at = nine_wib(2027, 1, 1);
        let (mine, theirs) = (t.app.deps(), other.deps());
        let (a, b, c) = tokio::join!(run_due(&mine, at), run_due(&theirs, at), run_due(&mine, at));
        let total = a.unwrap().reminders + b.unwrap().reminders + c.unwrap().reminders;
        assert_eq!(total, SUPERVISORS);
        assert_eq!(pass(&t, at).await.reminders, 0);
        assert_eq!(run_due(&theirs, at).await.unwrap().reminders, 0);
        assert_eq!(arrived(&t, &fake, &agus, FIRST, 1).await.len(), 1);
        let rows: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE origin_kind = 'dialog-reminder'")
                .fetch_one(t.app.db.pool())
                .await
                .unwrap();
        assert_eq!(rows, SUPERVISORS as i64);
        other.db.close().await;
        t.stop().await;
    }
);

on_both_backends!(
    a_restart_in_the_middle_of_a_slot_goes_on_with_those_not_yet_reminded,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn(&fake, &db).await;
        let agus = linked_user(&fake, &db, AGUS, 9241, "id").await;
        let ratna = linked_user(&fake, &db, RATNA, 9242, "id").await;
        // A process that died after committing Agus's chunk, before finishing the slot.
        sqlx::query(
            "INSERT INTO dialog_reminders (slot, supervisor_nip, sent, handled_at) \
             VALUES ('2027-01:first', $1, 1, 0)",
        )
        .bind(AGUS)
        .execute(t.app.db.pool())
        .await
        .unwrap();
        let p = pass(&t, nine_wib(2027, 1, 1)).await;
        assert_eq!(p.reminders, SUPERVISORS - 1);
        assert_eq!(arrived(&t, &fake, &ratna, FIRST, 1).await.len(), 1);
        assert!(marked(&fake, agus.id(), FIRST).is_empty());
        t.stop().await;
    }
);

on_both_backends!(
    reminders_follow_the_month_and_nine_oclock_of_the_organisations_zone,
    |db: TestDb| async move {
        // 1 February 2027, 09:00 local: 02:00 UTC in WIB, 01:00 in WITA, 00:00 in WIT.
        for (zone, nine) in [
            (OrgTimeZone::Jakarta, utc(2027, 2, 1, 2, 0)),
            (OrgTimeZone::Makassar, utc(2027, 2, 1, 1, 0)),
            (OrgTimeZone::Jayapura, utc(2027, 2, 1, 0, 0)),
        ] {
            let db = TestDb::new(db.backend).await;
            import_example(&db).await;
            let fake = FakeTelegram::start().await;
            let t =
                TestApp::spawn_with(&fake, &db, start_time(), |s| s.file.time_zone = zone).await;
            let agus = linked_user(&fake, &db, AGUS, 9251, "id").await;
            let conn = db.connect().await;
            // Held on the last day of January, local time: it does not count for February.
            insert_dialog(&conn, AGUS, DIMAS, "2027-01-31", "confirmed", nine).await;
            // January's last follow-up (Monday the 25th) is handled in January.
            let jan = pass(&t, nine - chrono::Duration::days(7)).await;
            assert_eq!(
                jan.slot.as_deref(),
                Some("2027-01:follow:2027-01-25"),
                "{zone:?}"
            );
            let nine_hours = chrono::Duration::hours(9);
            let minute = chrono::Duration::minutes(1);
            // A minute before midnight (still January), at midnight and at 08:59 (February):
            // nothing is due.
            for at in [nine - nine_hours - minute, nine - nine_hours, nine - minute] {
                let p = pass(&t, at).await;
                assert_eq!((p.reminders, p.slot.clone()), (0, None), "{zone:?} at {at}");
            }
            let feb = pass(&t, nine).await;
            assert_eq!(feb.slot.as_deref(), Some("2027-02:first"), "{zone:?}");
            assert_eq!(feb.reminders, SUPERVISORS, "{zone:?}");
            let got = arrived(&t, &fake, &agus, FIRST, 1).await;
            let february: Vec<&Sent> = got
                .iter()
                .filter(|s| s.text.contains("Februari 2027"))
                .collect();
            assert_eq!(february.len(), 1, "{zone:?}");
            assert!(february[0].text.contains("Dimas"), "{}", february[0].text);
            conn.close().await;
            t.stop().await;
        }
    }
);

on_both_backends!(
    a_supervisor_whose_subordinates_all_had_their_dialog_gets_nothing,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn(&fake, &db).await;
        let agus = linked_user(&fake, &db, AGUS, 9261, "id").await;
        let bambang = linked_user(&fake, &db, BAMBANG, 9262, "id").await;
        let conn = db.connect().await;
        let saved = utc(2027, 1, 1, 1, 0);
        for who in [DIMAS, NUR, WULAN] {
            insert_dialog(&conn, AGUS, who, "2027-01-01", "pending", saved).await;
        }
        let p = pass(&t, nine_wib(2027, 1, 1)).await;
        assert_eq!(p.reminders, SUPERVISORS - 1);
        let got = arrived(&t, &fake, &bambang, FIRST, 1).await;
        assert!(got[0].text.contains("4 bawahan"), "{}", got[0].text);
        assert!(marked(&fake, agus.id(), FIRST).is_empty());
        assert!(queued_for(&conn, AGUS).await.is_empty());
        conn.close().await;
        t.stop().await;
    }
);

on_both_backends!(
    a_quarter_without_a_dialog_is_flagged_before_it_ends_and_escalated_after,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn(&fake, &db).await;
        let agus = linked_user(&fake, &db, AGUS, 9271, "id").await;
        let sri = linked_user(&fake, &db, SRI, 9272, "id").await;
        let hendra = linked_user(&fake, &db, HENDRA, 9273, "id").await;
        let ratna = linked_user(&fake, &db, RATNA, 9274, "id").await;
        let conn = db.connect().await;
        let saved = utc(2027, 2, 10, 3, 0);
        insert_dialog(&conn, AGUS, DIMAS, "2027-02-10", "confirmed", saved).await;
        for who in [MAYA, TEGUH, PUTRI] {
            insert_dialog(&conn, RATNA, who, "2027-01-20", "confirmed", saved).await;
        }
        for who in [YUSUF, INDAH, ANDI] {
            insert_dialog(&conn, BAMBANG, who, "2027-03-01", "confirmed", saved).await;
        }

        // Q1 2027 ends on Wednesday 31 March; fourteen days before is Wednesday the 17th.
        assert_eq!(pass(&t, utc(2027, 3, 17, 1, 59)).await.flags, 0);
        let p = pass(&t, nine_wib(2027, 3, 17)).await;
        // Agus (Nur, Wulan), Bambang (Rizky), Sri (Agus, Fitri), Hendra (Sri, Bambang, Ratna).
        assert_eq!(p.flags, 4);
        assert_eq!(pass(&t, utc(2027, 3, 18, 2, 0)).await.flags, 0);
        let flag = arrived(&t, &fake, &agus, FLAG, 1).await;
        assert_eq!(flag.len(), 1);
        let m = &flag[0].text;
        assert!(
            m.contains("Triwulan I 2027") && m.contains("31-03-2027"),
            "{m}"
        );
        assert!(
            m.contains("Nur Aini") && m.contains("Wulan Sari") && !m.contains("Dimas"),
            "{m}"
        );
        assert_eq!(flag[0].labels(), ["Nur Aini; S.Sos.", "Wulan Sari"]);
        assert!(marked(&fake, ratna.id(), FLAG).is_empty());

        // Nur has her dialog before the quarter ends; Wulan never does.
        insert_dialog(
            &conn,
            AGUS,
            NUR,
            "2027-03-25",
            "pending",
            utc(2027, 3, 25, 3, 0),
        )
        .await;
        // The escalation: the first working day after the quarter, Thursday 1 April.
        assert_eq!(pass(&t, utc(2027, 4, 1, 1, 59)).await.escalations, 0);
        let p = pass(&t, nine_wib(2027, 4, 1)).await;
        // Sri hears about Agus's team, Hendra about Sri's and Bambang's (Ratna's is complete).
        assert_eq!(p.escalations, 2);
        assert_eq!(pass(&t, nine_wib(2027, 4, 2)).await.escalations, 0);
        // The bot has run since November 2026, so Q4 2026 was escalated too (at the first pass
        // in the new quarter); each quarter once.
        let q1 = format!("{ESCALATION} Triwulan I 2027");
        let to_sri = arrived(&t, &fake, &sri, &q1, 1).await;
        let q4 = format!("{ESCALATION} Triwulan IV 2026");
        assert_eq!(marked(&fake, sri.id(), &q4).len(), 1);
        assert_eq!(to_sri.len(), 1);
        let m = &to_sri[0].text;
        assert!(m.contains("Triwulan I 2027"), "{m}");
        assert!(
            m.contains("Agus Salim, S.Kom. (1 orang): Wulan Sari"),
            "{m}"
        );
        assert!(!m.contains("Nur Aini") && !m.contains("Fitri"), "{m}");
        assert!(
            to_sri[0].buttons.is_empty(),
            "no record buttons one level up"
        );
        let to_hendra = arrived(&t, &fake, &hendra, &q1, 1).await;
        assert_eq!(to_hendra.len(), 1);
        let m = &to_hendra[0].text;
        assert!(m.contains("3 pegawai"), "{m}");
        assert!(m.contains("Sri Rahayu, S.H., M.H. (2 orang)"), "{m}");
        assert!(
            m.contains("Bambang Sutrisno, S.E. (1 orang): Rizky Ramadhan"),
            "{m}"
        );
        assert!(!m.contains("Ratna"), "{m}");
        assert!(marked(&fake, agus.id(), ESCALATION).is_empty());
        conn.close().await;
        t.stop().await;
    }
);

#[tokio::test]
async fn without_escalation_configured_the_quarter_ends_with_the_flag() {
    let db = TestDb::sqlite();
    import_example(&db).await;
    let fake = FakeTelegram::start().await;
    let t = TestApp::spawn_with(&fake, &db, start_time(), |s| {
        s.file.dialog.escalate_after_quarter = false;
    })
    .await;
    assert_eq!(pass(&t, nine_wib(2027, 3, 17)).await.flags, SUPERVISORS);
    assert_eq!(pass(&t, nine_wib(2027, 4, 1)).await.escalations, 0);
    t.stop().await;
}

on_both_backends!(
    a_record_left_unanswered_for_seven_days_stands_as_unacknowledged,
    |db: TestDb| async move {
        import_example(&db).await;
        let conn = db.connect().await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn(&fake, &db).await;
        let saved = utc(2027, 1, 5, 3, 0);
        insert_dialog(&conn, AGUS, DIMAS, "2027-01-05", "pending", saved).await;
        let later = saved + chrono::Duration::days(3);
        insert_dialog(&conn, AGUS, NUR, "2027-01-05", "pending", later).await;
        insert_dialog(&conn, AGUS, WULAN, "2027-01-05", "confirmed", saved).await;
        let week = chrono::Duration::days(7);
        let second = chrono::Duration::seconds(1);
        assert_eq!(pass(&t, saved + week - second).await.unacknowledged, 0);
        assert_eq!(pass(&t, saved + week).await.unacknowledged, 1);
        assert_eq!(pass(&t, later + week).await.unacknowledged, 1);
        let acks: Vec<(String, String)> =
            sqlx::query_as("SELECT employee_nip, ack FROM dialogs ORDER BY employee_nip")
                .fetch_all(conn.pool())
                .await
                .unwrap();
        let acks: HashMap<String, String> = acks.into_iter().collect();
        assert_eq!(acks[DIMAS], "unacknowledged");
        assert_eq!(acks[NUR], "unacknowledged");
        assert_eq!(acks[WULAN], "confirmed");
        // Still held: Agus has nobody left to be reminded of in January.
        let p = pass(&t, nine_wib(2027, 1, 18)).await;
        assert_eq!(p.reminders, SUPERVISORS - 1);
        assert!(queued_for(&conn, AGUS).await.is_empty());
        conn.close().await;
        t.stop().await;
    }
);

on_both_backends!(
    organisation_hr_adds_a_holiday_in_chat_and_the_reminder_moves,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn(&fake, &db).await;
        let fitri = linked_user(&fake, &db, FITRI, 9281, "id").await;
        let yusuf = linked_user(&fake, &db, YUSUF, 9282, "id").await;
        let teguh = linked_user(&fake, &db, TEGUH, 9283, "id").await;
        let agus = linked_user(&fake, &db, AGUS, 9284, "id").await;

        // Monday 1 March 2027 becomes a holiday: the first reminder moves to Tuesday.
        let added = fitri.say("/holiday add 2027-03-01 Libur daerah").await;
        assert!(
            added.contains("Senin, 2027-03-01") && added.contains("Libur daerah"),
            "{added}"
        );
        let listed = fitri.say("/holiday").await;
        assert!(
            listed.contains("Senin, 2027-03-01 — Libur daerah (ditambahkan lewat chat)"),
            "{listed}"
        );
        assert_eq!(pass(&t, nine_wib(2027, 3, 1)).await.reminders, 0);
        let p = pass(&t, nine_wib(2027, 3, 2)).await;
        assert_eq!(p.reminders, SUPERVISORS);
        assert_eq!(arrived(&t, &fake, &agus, FIRST, 1).await.len(), 1);

        // Taking a date out again, and dates that are not dates.
        let removed = fitri.say("/holiday remove 2027-03-01").await;
        assert!(removed.contains("2027-03-01"), "{removed}");
        let not = fitri.say("/holiday remove 2027-03-01").await;
        assert!(not.contains("bukan hari libur"), "{not}");
        let bad = fitri.say("/holiday add 1-3-2027").await;
        assert!(bad.contains("TTTT-BB-HH"), "{bad}");
        let past = fitri.say("/holiday add 2020-01-01").await;
        assert!(past.contains("sudah lewat"), "{past}");

        // HR of one unit and an employee are refused, and change nothing.
        let refused = text(Lang::Id, Msg::NotAllowed);
        assert_eq!(yusuf.say("/holiday add 2027-04-01").await, refused);
        assert_eq!(teguh.say("/holiday").await, refused);
        let stranger = fake.user(9285, "Orang", Some("id"));
        assert_eq!(
            stranger.say("/holiday").await,
            text(Lang::Id, Msg::NotLinked)
        );
        let days: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM calendar_days WHERE holiday = 1")
            .fetch_one(t.app.db.pool())
            .await
            .unwrap();
        assert_eq!(days, 0);
        t.stop().await;
    }
);

on_both_backends!(
    a_new_installation_does_not_open_with_what_fell_due_before_it,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        // First started on Tuesday 12 January 2027, after the month's first reminder and two
        // follow-ups, and after the Q4 2026 flag (17 December).
        let t = TestApp::spawn_with(&fake, &db, utc(2027, 1, 12, 3, 0), |_| {}).await;
        let started = async {
            loop {
                let at: Option<i64> = sqlx::query_scalar(
                    "SELECT handled_at FROM dialog_reminder_slots WHERE slot = 'started'",
                )
                .fetch_optional(t.app.db.pool())
                .await
                .unwrap();
                if at.is_some() {
                    return at;
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        };
        let at = tokio::time::timeout(Duration::from_secs(10), started).await;
        assert_eq!(at.unwrap(), Some(utc(2027, 1, 12, 3, 0).timestamp()));
        let p = pass(&t, utc(2027, 1, 12, 3, 1)).await;
        assert_eq!((p.reminders, p.escalations, p.slot), (0, 0, None));
        // From the next slot on, reminders go out; the quarter after is escalated as usual.
        let p = pass(&t, nine_wib(2027, 1, 18)).await;
        assert_eq!(p.reminders, SUPERVISORS);
        assert_eq!(pass(&t, nine_wib(2027, 3, 17)).await.flags, SUPERVISORS);
        assert_eq!(pass(&t, nine_wib(2027, 4, 1)).await.escalations, 2);
        t.stop().await;
    }
);

#[tokio::test]
async fn the_running_bot_sends_the_reminder_when_its_clock_reaches_nine() {
    let db = TestDb::sqlite();
    import_example(&db).await;
    let fake = FakeTelegram::start().await;
    let t = TestApp::spawn(&fake, &db).await;
    let agus = linked_user(&fake, &db, AGUS, 9291, "id").await;
    // 08:59:30 WIB on Friday 1 January 2027: nothing yet.
    t.clock
        .set(utc(2027, 1, 1, 1, 59) + chrono::Duration::seconds(30));
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(marked(&fake, agus.id(), FIRST).is_empty());
    t.clock
        .set(utc(2027, 1, 1, 2, 0) + chrono::Duration::seconds(30));
    assert_eq!(arrived(&t, &fake, &agus, FIRST, 1).await.len(), 1);
    t.stop().await;
}

on_both_backends!(
    in_an_organisation_of_thousands_every_supervisor_missing_someone_gets_one_message,
    |db: TestDb| async move {
        // 1,200 units, each head supervising staff: 1,200 supervisors, more than two chunks.
        import_generated(&db, 3000, 1200).await;
        let linked = link_everyone(&db, 3_000_000).await;
        let fake = FakeTelegram::start().await;
        fake.lean();
        let t = TestApp::spawn_with(&fake, &db, start_time(), |s| {
            s.file.rate_limits.messages_per_second = 1000;
            s.file.outbox.max_in_flight = 64;
            // Only the month's reminder is counted here.
            s.file.dialog.escalate_after_quarter = false;
        })
        .await;
        let conn = db.connect().await;
        let supervisors: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT supervisor_nip FROM employees WHERE active = 1 \
             AND supervisor_nip IS NOT NULL ORDER BY supervisor_nip",
        )
        .fetch_all(conn.pool())
        .await
        .unwrap();
        assert_eq!(supervisors.len(), 1200);
        // One supervisor's staff all had their dialog: they get nothing.
        let complete = &supervisors[700];
        let team: Vec<String> =
            sqlx::query_scalar("SELECT nip FROM employees WHERE supervisor_nip = $1")
                .bind(complete)
                .fetch_all(conn.pool())
                .await
                .unwrap();
        for who in &team {
            insert_dialog(
                &conn,
                complete,
                who,
                "2027-01-01",
                "pending",
                nine_wib(2027, 1, 1),
            )
            .await;
        }
        // Two processes at once.
        let other = second_process(&t).await;
        let at = nine_wib(2027, 1, 1);
        let (mine, theirs) = (t.app.deps(), other.deps());
        let (a, b) = tokio::join!(run_due(&mine, at), run_due(&theirs, at));
        assert_eq!(a.unwrap().reminders + b.unwrap().reminders, 1199);
        other.outbox.wake();
        fake.wait_until(Duration::from_secs(60), "every reminder delivered", |f| {
            f.total_deliveries() >= 1199
        })
        .await;
        t.wait_idle(&fake).await;
        let chats: HashMap<String, i64> = linked.into_iter().collect();
        let per_chat = fake.delivery_counts();
        for s in &supervisors {
            let expected = usize::from(s != complete);
            let got = per_chat.get(&chats[s]).copied().unwrap_or(0);
            assert_eq!(
                got,
                expected,
                "supervisor #{}",
                supervisors.iter().position(|x| x == s).unwrap()
            );
        }
        assert_eq!(fake.total_deliveries(), 1199);
        other.db.close().await;
        conn.close().await;
        t.stop().await;
    }
);
