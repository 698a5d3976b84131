//! Open feedback and ekspektasi khusus as people use them: a note to a colleague from start to
//! finish, the daily limit, an over-long text, forged and stale recipients, a double tap on
//! send, the supervisor's view in the dialog history, a supervisor's special expectations and
//! the employee's copy, and everyone of the example agency sending a note at once.

use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use kinerja_bot::bot::features::dialog::Button as DialogButton;
use kinerja_bot::bot::features::notes::Button;
use kinerja_bot::domain::EmployeeRef;
use kinerja_bot::domain::berakhlak::Value;
use kinerja_bot::storage;
use kinerja_bot::storage::feedback_notes::{DailyLimit, NewNote, NoteKind, Sent as Stored};
use kinerja_bot::storage::outbox::Payload;

use crate::support::example::{AGUS, BAMBANG, DIMAS, FITRI, INDAH, NUR, SRI, WULAN};
use crate::support::fake_telegram::{Sent, TestUser};
use crate::support::*;

/// Wednesday 10 March 2027, 09:00 WIB.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 3, 10, 2, 0, 0).unwrap()
}

async fn spawn(fake: &FakeTelegram, db: &TestDb, per_day: u32) -> TestApp {
    TestApp::spawn_with(fake, db, now(), |s| {
        s.file.feedback.notes_per_day = per_day;
    })
    .await
}

/// Waits until the bot has answered one more button press and is idle; returns that answer.
async fn answered(t: &TestApp, fake: &FakeTelegram, before: usize) -> String {
    fake.wait_until(Duration::from_secs(20), "a press answered", |f| {
        f.callback_answers().len() > before
    })
    .await;
    t.wait_idle(fake).await;
    fake.callback_answers()[before]
        .1
        .clone()
        .unwrap_or_default()
}

/// Taps `label` and waits until the press is handled; returns the chat's newest message.
async fn step(t: &TestApp, fake: &FakeTelegram, user: &TestUser, label: &str) -> String {
    let id = user.id();
    if with_button(fake, id, label).is_none() {
        let seen: Vec<_> = fake
            .sent_to(id)
            .iter()
            .map(|s| (s.text.clone(), s.labels()))
            .collect();
        panic!("no button {label:?} in {seen:#?}");
    }
    let before = fake.callback_answers().len();
    user.tap(label);
    answered(t, fake, before).await;
    last_text(fake, id)
}

fn last_text(fake: &FakeTelegram, user: i64) -> String {
    fake.sent_to(user)
        .last()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// Presses a button that stands alone (the `/feedback` menu's, a history button) as if from an
/// older message; returns what the press was answered with.
async fn open(
    t: &TestApp,
    fake: &FakeTelegram,
    user: &TestUser,
    button: impl Into<kinerja_bot::bot::CallbackData>,
) -> String {
    let before = fake.callback_answers().len();
    user.press(&Sent::blank(user.id()), &forged(button));
    answered(t, fake, before).await
}

/// Presses forged data on the chat's newest message that has a button; returns the answer.
async fn forge(t: &TestApp, fake: &FakeTelegram, user: &TestUser, button: Button) -> String {
    let prompt = fake
        .sent_to(user.id())
        .into_iter()
        .rev()
        .find(|s| !s.buttons.is_empty())
        .expect("a prompt");
    let before = fake.callback_answers().len();
    user.press(&prompt, &forged(button));
    answered(t, fake, before).await
}

/// Writes a note up to its preview; returns the preview's text.
async fn write(
    t: &TestApp,
    fake: &FakeTelegram,
    user: &TestUser,
    (to, value, kind): (&str, &str, &str),
    text: &str,
) -> String {
    open(t, fake, user, Button::New).await;
    step(t, fake, user, to).await;
    step(t, fake, user, value).await;
    step(t, fake, user, kind).await;
    let preview = user.say(text).await;
    t.wait_idle(fake).await;
    preview
}

/// A Telegram account linked to `nip`, written straight into the database as if its invite had
/// been opened (the invite sheet's CSV quotes Nur's name, which `linked_user` cannot read).
async fn link(t: &TestApp, fake: &FakeTelegram, nip: &str, user: i64, lang: &str) -> TestUser {
    sqlx::query(
        "INSERT INTO telegram_users (user_id, chat_id, language, first_seen, last_seen) \
         VALUES ($1, $1, $2, 0, 0)",
    )
    .bind(user)
    .bind(lang)
    .execute(t.app.db.pool())
    .await
    .unwrap();
    sqlx::query("UPDATE employees SET telegram_user_id = $1 WHERE nip = $2")
        .bind(user)
        .bind(nip)
        .execute(t.app.db.pool())
        .await
        .unwrap();
    fake.user(user, "tg", Some(lang))
}

async fn person_ref(t: &TestApp, nip: &str) -> EmployeeRef {
    storage::dialogs::person_by_nip(&t.app.db, nip)
        .await
        .unwrap()
        .unwrap()
        .r#ref
}

async fn notes_count(t: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM feedback_notes")
        .fetch_one(t.app.db.pool())
        .await
        .unwrap()
}

/// Messages to `user` that contain `needle`.
fn received(fake: &FakeTelegram, user: i64, needle: &str) -> Vec<String> {
    fake.sent_to(user)
        .into_iter()
        .map(|s| s.text)
        .filter(|t| t.contains(needle))
        .collect()
}

on_both_backends!(
    a_note_reaches_its_colleague_with_the_senders_name_and_is_kept_for_the_year,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = spawn(&fake, &db, 5).await;
        let nur = link(&t, &fake, NUR, 7001, "id").await;
        let wulan = link(&t, &fake, WULAN, 7002, "id").await;
        let dimas = link(&t, &fake, DIMAS, 7003, "en").await;
        open(&t, &fake, &nur, Button::New).await;
        // Her supervisor first, then those with the same supervisor; nobody further away.
        let choose = with_button(&fake, nur.id(), "Wulan Sari").unwrap();
        assert_eq!(
            choose.labels(),
            ["Agus Salim, S.Kom.", "Dimas Prasetyo, S.T.", "Wulan Sari"]
        );
        step(&t, &fake, &nur, "Wulan Sari").await;
        step(&t, &fake, &nur, "Harmonis").await;
        let ask = step(&t, &fake, &nur, "👏 Apresiasi").await;
        assert!(ask.contains("500"), "{ask}");
        let preview = nur.say("Terima kasih sudah menengahi rapat kemarin.").await;
        assert!(
            preview.contains("Wulan Sari") && preview.contains("menengahi rapat"),
            "{preview}"
        );
        let sent = step(&t, &fake, &nur, "📨 Kirim").await;
        assert!(sent.contains("terkirim"), "{sent}");
        t.wait_idle(&fake).await;
        let told = received(&fake, wulan.id(), "menengahi rapat");
        assert_eq!(told.len(), 1, "{told:?}");
        assert!(
            told[0].contains("Umpan balik dari Nur Aini; S.Sos.")
                && told[0].contains("Harmonis · 👏 Apresiasi"),
            "{}",
            told[0]
        );
        let row: (String, String, String, String, String) = sqlx::query_as(
            "SELECT sender_nip, recipient_nip, value, kind, period FROM feedback_notes",
        )
        .fetch_one(t.app.db.pool())
        .await
        .unwrap();
        assert_eq!(
            row,
            (
                NUR.into(),
                WULAN.into(),
                "harmonis".into(),
                "appreciation".into(),
                "2027".into()
            )
        );
        // Dimas writes to his supervisor in English; Agus reads it in his own language.
        let agus = link(&t, &fake, AGUS, 7004, "id").await;
        write(
            &t,
            &fake,
            &dimas,
            ("Agus Salim, S.Kom.", "Collaborative", "🌱 To improve"),
            "Please share the agenda a day earlier.",
        )
        .await;
        step(&t, &fake, &dimas, "📨 Send").await;
        t.wait_idle(&fake).await;
        let told = received(&fake, agus.id(), "agenda a day earlier");
        assert_eq!(told.len(), 1);
        assert!(
            told[0].contains("Umpan balik dari Dimas Prasetyo, S.T.")
                && told[0].contains("Kolaboratif · 🌱 Perlu ditingkatkan"),
            "{}",
            told[0]
        );
        // Wulan lists what she received this year.
        open(&t, &fake, &wulan, Button::Received).await;
        let list = last_text(&fake, wulan.id());
        assert!(
            list.contains("2027: 1 catatan")
                && list.contains("10-03-2027 · dari Nur Aini; S.Sos. · Harmonis")
                && list.contains("menengahi rapat"),
            "{list}"
        );
        // A note from last year is not this year's.
        t.clock
            .set(Utc.with_ymd_and_hms(2028, 1, 2, 2, 0, 0).unwrap());
        open(&t, &fake, &wulan, Button::Received).await;
        let list = last_text(&fake, wulan.id());
        assert!(
            list.contains("belum menerima") && list.contains("2028"),
            "{list}"
        );
        t.stop().await;
    }
);

on_both_backends!(
    the_daily_limit_names_itself_and_when_sending_opens_again,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = spawn(&fake, &db, 2).await;
        let nur = link(&t, &fake, NUR, 7101, "id").await;
        let who = ("Wulan Sari", "Loyal", "👏 Apresiasi");
        for i in 0..2 {
            write(&t, &fake, &nur, who, &format!("Catatan ke-{i}")).await;
            step(&t, &fake, &nur, "📨 Kirim").await;
        }
        open(&t, &fake, &nur, Button::New).await;
        let refused = last_text(&fake, nur.id());
        assert!(
            refused.contains("sudah mengirim 2 umpan balik hari ini")
                && refused.contains("11-03-2027 pukul 00:00 WIB"),
            "{refused}"
        );
        assert_eq!(notes_count(&t).await, 2);
        // Just after midnight WIB (still 10 March in UTC), the day's count starts again.
        t.clock
            .set(Utc.with_ymd_and_hms(2027, 3, 10, 17, 1, 0).unwrap());
        write(&t, &fake, &nur, who, "Catatan hari baru").await;
        // Meanwhile two more notes of hers were stored (another device): the send is refused
        // at the last moment too, and the preview stays to be sent later or discarded.
        for key in ["other-1", "other-2"] {
            sqlx::query(
                "INSERT INTO feedback_notes (note_key, sender_nip, recipient_nip, value, kind, \
                     text, period, created_at) \
                 VALUES ($1, $2, $3, 'loyal', 'appreciation', 'x', '2027', $4)",
            )
            .bind(key)
            .bind(NUR)
            .bind(AGUS)
            .bind(
                Utc.with_ymd_and_hms(2027, 3, 10, 17, 1, 0)
                    .unwrap()
                    .timestamp(),
            )
            .execute(t.app.db.pool())
            .await
            .unwrap();
        }
        let refused = step(&t, &fake, &nur, "📨 Kirim").await;
        assert!(refused.contains("12-03-2027"), "{refused}");
        assert!(with_button(&fake, nur.id(), "📨 Kirim").is_some());
        assert_eq!(notes_count(&t).await, 4);
        t.stop().await;
    }
);

on_both_backends!(
    an_over_long_text_is_refused_with_the_limit_and_cancel_sends_nothing,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = spawn(&fake, &db, 5).await;
        let nur = link(&t, &fake, NUR, 7201, "id").await;
        let agus = link(&t, &fake, AGUS, 7202, "id").await;
        open(&t, &fake, &nur, Button::New).await;
        step(&t, &fake, &nur, "Agus Salim, S.Kom.").await;
        let typed_early = nur.say("Terima kasih").await;
        assert!(typed_early.contains("tombol"), "{typed_early}");
        step(&t, &fake, &nur, "Akuntabel").await;
        step(&t, &fake, &nur, "🌱 Perlu ditingkatkan").await;
        let refused = nur.say(&"x".repeat(501)).await;
        assert!(
            refused.contains("501 karakter") && refused.contains("batasnya 500"),
            "{refused}"
        );
        // Asked again: a shorter text goes on to the preview.
        let preview = nur.say("Laporan mohon dikirim tepat waktu.").await;
        assert!(
            with_button(&fake, nur.id(), "📨 Kirim").is_some(),
            "{preview}"
        );
        let cancelled = nur.say("/cancel").await;
        assert!(!cancelled.is_empty());
        t.wait_idle(&fake).await;
        assert!(with_button(&fake, nur.id(), "📨 Kirim").is_none());
        assert_eq!(notes_count(&t).await, 0);
        assert!(received(&fake, agus.id(), "tepat waktu").is_empty());
        // Discard also sends nothing.
        write(
            &t,
            &fake,
            &nur,
            ("Agus Salim, S.Kom.", "Loyal", "👏 Apresiasi"),
            "Hebat",
        )
        .await;
        let discarded = step(&t, &fake, &nur, "🗑 Buang").await;
        assert!(discarded.contains("tidak ada yang dikirim"), "{discarded}");
        t.wait_idle(&fake).await;
        assert_eq!(notes_count(&t).await, 0);
        t.stop().await;
    }
);

on_both_backends!(
    a_forged_or_outdated_recipient_is_refused_and_nothing_is_sent,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = spawn(&fake, &db, 5).await;
        let nur = link(&t, &fake, NUR, 7301, "id").await;
        let wulan = link(&t, &fake, WULAN, 7302, "id").await;
        let stranger = fake.user(7399, "Orang", Some("id"));
        let not_linked = open(&t, &fake, &stranger, Button::New).await;
        assert!(not_linked.contains("belum terhubung"), "{not_linked}");
        // Indah works in another field: her number on Nur's prompt is refused.
        open(&t, &fake, &nur, Button::New).await;
        let indah = person_ref(&t, INDAH).await;
        let refused = forge(&t, &fake, &nur, Button::To(indah)).await;
        assert!(refused.contains("bukan"), "{refused}");
        // So are Nur herself and someone two levels up.
        let nur_ref = person_ref(&t, NUR).await;
        assert!(
            forge(&t, &fake, &nur, Button::To(nur_ref))
                .await
                .contains("bukan")
        );
        let sri = person_ref(&t, SRI).await;
        assert!(
            forge(&t, &fake, &nur, Button::To(sri))
                .await
                .contains("bukan")
        );
        // A send button outside a preview does nothing.
        let stale = forge(&t, &fake, &nur, Button::Send).await;
        assert!(!stale.is_empty());
        // Wulan is moved to another supervisor between the preview and the send.
        step(&t, &fake, &nur, "Wulan Sari").await;
        step(&t, &fake, &nur, "Adaptif").await;
        step(&t, &fake, &nur, "👏 Apresiasi").await;
        nur.say("Cepat belajar aplikasi baru").await;
        sqlx::query("UPDATE employees SET supervisor_nip = $1 WHERE nip = $2")
            .bind(BAMBANG)
            .bind(WULAN)
            .execute(t.app.db.pool())
            .await
            .unwrap();
        let refused = step(&t, &fake, &nur, "📨 Kirim").await;
        assert!(refused.contains("tidak lagi"), "{refused}");
        t.wait_idle(&fake).await;
        assert_eq!(notes_count(&t).await, 0);
        assert!(received(&fake, wulan.id(), "Cepat belajar").is_empty());
        t.stop().await;
    }
);

on_both_backends!(
    sending_twice_stores_one_note_and_one_message,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = spawn(&fake, &db, 5).await;
        let nur = link(&t, &fake, NUR, 7401, "id").await;
        let wulan = link(&t, &fake, WULAN, 7402, "id").await;
        write(
            &t,
            &fake,
            &nur,
            ("Wulan Sari", "Kompeten", "👏 Apresiasi"),
            "Rapi sekali",
        )
        .await;
        let preview = with_button(&fake, nur.id(), "📨 Kirim").unwrap();
        let send = forged(Button::Send);
        let before = fake.callback_answers().len();
        nur.press(&preview, &send);
        nur.press(&preview, &send);
        fake.wait_until(Duration::from_secs(20), "both presses answered", |f| {
            f.callback_answers().len() >= before + 2
        })
        .await;
        t.wait_idle(&fake).await;
        assert_eq!(notes_count(&t).await, 1);
        assert_eq!(received(&fake, wulan.id(), "Rapi sekali").len(), 1);
        // The same writing stored again by its key (a replayed update): still one.
        let recipient = storage::dialogs::person_by_nip(&t.app.db, WULAN)
            .await
            .unwrap()
            .unwrap();
        let note = NewNote {
            key: "same-key",
            sender_nip: NUR,
            recipient: &recipient,
            value: Value::Loyal,
            kind: NoteKind::Appreciation,
            text: "Sekali saja",
            period: "2027",
        };
        let daily = DailyLimit {
            day_start: 0,
            limit: 100,
        };
        let payload = Payload {
            text: "Sekali saja".into(),
            html: false,
            keyboard: None,
        };
        let at = now().timestamp();
        let first = storage::feedback_notes::send(&t.app.db, &note, daily, &payload, at)
            .await
            .unwrap();
        let again = storage::feedback_notes::send(&t.app.db, &note, daily, &payload, at)
            .await
            .unwrap();
        let Stored::Stored(id) = first else {
            panic!("{first:?}")
        };
        assert_eq!(again, Stored::Already(id));
        let queued: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM outbox WHERE origin_kind = 'feedback-note' AND origin_id = $1",
        )
        .bind(id)
        .fetch_one(t.app.db.pool())
        .await
        .unwrap();
        assert_eq!(queued, 1);
        t.stop().await;
    }
);

on_both_backends!(
    the_supervisor_sees_a_subordinates_notes_under_the_dialog_history,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = spawn(&fake, &db, 5).await;
        let nur = link(&t, &fake, NUR, 7501, "id").await;
        let agus = link(&t, &fake, AGUS, 7502, "id").await;
        let fitri = link(&t, &fake, FITRI, 7503, "id").await;
        let dimas = person_ref(&t, DIMAS).await;
        open(&t, &fake, &agus, DialogButton::History(dimas)).await;
        t.wait_idle(&fake).await;
        let none = last_text(&fake, agus.id());
        assert!(none.contains("Belum ada umpan balik terbuka"), "{none}");
        write(
            &t,
            &fake,
            &nur,
            ("Dimas Prasetyo, S.T.", "Adaptif", "👏 Apresiasi"),
            "Sigap",
        )
        .await;
        step(&t, &fake, &nur, "📨 Kirim").await;
        let before = fake.sent_to(agus.id()).len();
        let pressed = fake.callback_answers().len();
        agus.press(
            &Sent::blank(agus.id()),
            &forged(DialogButton::History(dimas)),
        );
        answered(&t, &fake, pressed).await;
        let shown: Vec<String> = fake.sent_to(agus.id())[before..]
            .iter()
            .map(|s| s.text.clone())
            .collect();
        // One message: the history as before, then the notes at its end.
        assert_eq!(shown.len(), 1, "{shown:?}");
        let history = &shown[0];
        let section = "Umpan balik terbuka untuk Dimas Prasetyo, S.T. pada 2027: 1 catatan";
        let at = history.find(section).expect(history);
        assert!(
            history.starts_with("📋 Dialog kinerja dengan Dimas Prasetyo, S.T.")
                && history.contains("Belum ada dialog yang dicatat")
                && history[at..].contains("dari Nur Aini; S.Sos. · Adaptif · 👏 Apresiasi")
                && history.ends_with("Sigap"),
            "{history}"
        );
        // HR sees the history, but the notes are for the supervisor.
        let before = fake.sent_to(fitri.id()).len();
        let pressed = fake.callback_answers().len();
        fitri.press(
            &Sent::blank(fitri.id()),
            &forged(DialogButton::History(dimas)),
        );
        answered(&t, &fake, pressed).await;
        let shown = fake.sent_to(fitri.id());
        assert!(shown.len() > before);
        assert!(shown[before..].iter().all(|s| !s.text.contains("Sigap")));
        t.stop().await;
    }
);

on_both_backends!(
    a_supervisors_expectation_reaches_the_employee_who_sees_it,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = spawn(&fake, &db, 5).await;
        let agus = link(&t, &fake, AGUS, 7601, "id").await;
        let dimas = link(&t, &fake, DIMAS, 7602, "en").await;
        open(&t, &fake, &dimas, Button::MyExpectations).await;
        let none = last_text(&fake, dimas.id());
        assert!(
            none.contains("has not set") && none.contains("2027"),
            "{none}"
        );
        open(&t, &fake, &agus, Button::Expectations).await;
        let overview = step(&t, &fake, &agus, "Dimas Prasetyo, S.T.").await;
        assert!(
            overview.contains("Dimas Prasetyo, S.T. pada 2027")
                && overview.matches("(belum ada)").count() == 7,
            "{overview}"
        );
        let ask = step(&t, &fake, &agus, "✏️ Kolaboratif").await;
        assert!(ask.contains("Saat ini: (belum ada)"), "{ask}");
        let too_long = agus.say(&"y".repeat(600)).await;
        assert!(too_long.contains("batasnya 500"), "{too_long}");
        let saved = agus
            .say("Memimpin integrasi data SIASN dengan tim TI.")
            .await;
        assert!(
            saved.contains("Disimpan")
                && saved.contains("• Kolaboratif: Memimpin integrasi data SIASN"),
            "{saved}"
        );
        t.wait_idle(&fake).await;
        let told = received(&fake, dimas.id(), "Memimpin integrasi");
        assert_eq!(told.len(), 1, "{told:?}");
        assert!(
            told[0].contains("Agus Salim, S.Kom. set a special expectation")
                && told[0].contains("2027, on Collaborative"),
            "{}",
            told[0]
        );
        let stored = storage::expectations::of_employee(&t.app.db, DIMAS, "2027")
            .await
            .unwrap();
        assert_eq!(
            stored.get(&Value::Kolaboratif).map(String::as_str),
            Some("Memimpin integrasi data SIASN dengan tim TI.")
        );
        open(&t, &fake, &dimas, Button::MyExpectations).await;
        let mine = last_text(&fake, dimas.id());
        assert!(
            mine.contains("• Collaborative: Memimpin integrasi data SIASN"),
            "{mine}"
        );
        // Changed: Dimas is told again, with the new text; the same text again tells nobody.
        step(&t, &fake, &agus, "✅ Kolaboratif").await;
        agus.say("Memimpin integrasi data SIASN dan BKN.").await;
        step(&t, &fake, &agus, "✅ Kolaboratif").await;
        let same = agus.say("Memimpin integrasi data SIASN dan BKN.").await;
        assert!(same.contains("tidak ada yang berubah"), "{same}");
        t.wait_idle(&fake).await;
        let changed = received(&fake, dimas.id(), "dan BKN");
        assert_eq!(changed.len(), 1, "{changed:?}");
        assert!(changed[0].contains("changed your special expectation"));
        // Removed.
        step(&t, &fake, &agus, "✅ Kolaboratif").await;
        let removed = step(&t, &fake, &agus, "🗑 Hapus").await;
        assert!(removed.contains("Dihapus"), "{removed}");
        t.wait_idle(&fake).await;
        assert_eq!(received(&fake, dimas.id(), "removed your special").len(), 1);
        assert!(
            storage::expectations::of_employee(&t.app.db, DIMAS, "2027")
                .await
                .unwrap()
                .is_empty()
        );
        step(&t, &fake, &agus, "Selesai").await;
        assert!(with_button(&fake, agus.id(), "✅ Kolaboratif").is_none());
        t.stop().await;
    }
);

on_both_backends!(
    only_the_current_direct_supervisor_writes_expectations,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = spawn(&fake, &db, 5).await;
        let agus = link(&t, &fake, AGUS, 7701, "id").await;
        let bambang = link(&t, &fake, BAMBANG, 7702, "id").await;
        let nur = link(&t, &fake, NUR, 7703, "id").await;
        let dimas = link(&t, &fake, DIMAS, 7704, "id").await;
        open(&t, &fake, &nur, Button::Expectations).await;
        let no_team = last_text(&fake, nur.id());
        assert!(no_team.contains("tidak memiliki bawahan"), "{no_team}");
        // Bambang forges Dimas (Agus's subordinate) on his own list.
        open(&t, &fake, &bambang, Button::Expectations).await;
        let dimas_ref = person_ref(&t, DIMAS).await;
        let refused = forge(&t, &fake, &bambang, Button::For(dimas_ref)).await;
        assert!(refused.contains("bukan"), "{refused}");
        // Agus is writing when Dimas moves to Bambang: the text is refused, nothing stored.
        open(&t, &fake, &agus, Button::Expectations).await;
        step(&t, &fake, &agus, "Dimas Prasetyo, S.T.").await;
        step(&t, &fake, &agus, "✏️ Loyal").await;
        sqlx::query("UPDATE employees SET supervisor_nip = $1 WHERE nip = $2")
            .bind(BAMBANG)
            .bind(DIMAS)
            .execute(t.app.db.pool())
            .await
            .unwrap();
        let refused = agus.say("Menjaga kerahasiaan data pegawai.").await;
        assert!(refused.contains("tidak lagi"), "{refused}");
        t.wait_idle(&fake).await;
        let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM special_expectations")
            .fetch_one(t.app.db.pool())
            .await
            .unwrap();
        assert_eq!(stored, 0);
        assert!(received(&fake, dimas.id(), "kerahasiaan").is_empty());
        t.stop().await;
    }
);

on_both_backends!(
    everyone_in_the_agency_sends_a_note_at_once_and_each_gets_exactly_theirs,
    |db: TestDb| async move {
        import_example(&db).await;
        let linked = link_everyone(&db, 100_000).await;
        assert_eq!(linked.len(), 16);
        let fake = FakeTelegram::start().await;
        let t = spawn(&fake, &db, 5).await;
        // Each writes to the first colleague on their list.
        let mut flows = Vec::new();
        for (nip, user) in &linked {
            let me = storage::dialogs::person_by_nip(&t.app.db, nip)
                .await
                .unwrap()
                .unwrap();
            let list =
                storage::feedback_notes::colleagues(&t.app.db, nip, me.supervisor_nip.as_deref())
                    .await
                    .unwrap();
            let to = list.first().expect("everyone has a colleague").name.clone();
            let to_nip: String = sqlx::query_scalar("SELECT nip FROM employees WHERE ref = $1")
                .bind(list[0].r#ref.0)
                .fetch_one(t.app.db.pool())
                .await
                .unwrap();
            flows.push((
                fake.user(*user, "Pegawai", Some("id")),
                to,
                to_nip,
                nip.clone(),
            ));
        }
        let runs = flows.iter().map(|(user, to, _, nip)| {
            let fake = fake.clone();
            async move {
                user.press(&Sent::blank(user.id()), &forged(Button::New));
                let what = format!("the colleagues for {}", user.id());
                fake.wait_until(Duration::from_secs(120), &what, |f| {
                    with_button(f, user.id(), to).is_some()
                })
                .await;
                tap_until(&fake, user, to, "Harmonis").await;
                tap_until(&fake, user, "Harmonis", "👏 Apresiasi").await;
                user.tap("👏 Apresiasi");
                let what = format!("the text's question for {}", user.id());
                fake.wait_until(Duration::from_secs(120), &what, |f| {
                    f.sent_to(user.id())
                        .last()
                        .is_some_and(|s| s.text.contains("Ketik pesan"))
                })
                .await;
                user.send(&format!("Catatan dari {nip}"));
                let what = format!("the preview for {}", user.id());
                fake.wait_until(Duration::from_secs(120), &what, |f| {
                    with_button(f, user.id(), "📨 Kirim").is_some()
                })
                .await;
                user.tap("📨 Kirim");
            }
        });
        futures::future::join_all(runs).await;
        fake.wait_until(Duration::from_secs(120), "every send handled", |f| {
            flows
                .iter()
                .all(|(user, ..)| with_button(f, user.id(), "📨 Kirim").is_none())
        })
        .await;
        t.wait_idle(&fake).await;
        assert_eq!(notes_count(&t).await, 16);
        let user_of: std::collections::HashMap<&str, i64> =
            linked.iter().map(|(n, u)| (n.as_str(), *u)).collect();
        for (_, _, to_nip, from_nip) in &flows {
            let mine = format!("Catatan dari {from_nip}");
            for (nip, user) in &linked {
                let got = received(&fake, *user, &mine)
                    .into_iter()
                    .filter(|t| t.starts_with("💬"))
                    .count();
                let expected = usize::from(nip == to_nip);
                assert_eq!(got, expected, "{mine} to {nip} ({})", user_of[nip.as_str()]);
            }
        }
        t.stop().await;
    }
);
