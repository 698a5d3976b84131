//! Recording a dialog kinerja in chat, as supervisors and employees use it: the guided steps,
//! the employee's acknowledgement, corrections, coaching feedback to the next level up,
//! requests, and what a forged or stale button does.

use std::time::Duration;

use kinerja_bot::bot::features::dialog::Button;
use kinerja_bot::domain::{DialogId, EmployeeRef};
use kinerja_bot::storage;

use crate::support::example::{AGUS, BAMBANG, DIMAS, INDAH, NUR, RATNA, SRI, TEGUH, WULAN};
use crate::support::fake_telegram::{Sent, TestUser};
use crate::support::*;

/// Taps `label` and waits until the bot has handled the press (replies and edits are paced,
/// so this waits for the inbox, not for a fixed time); returns the chat's newest message.
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
    // Every press is answered first; until then the update may not have reached the inbox.
    let answered = fake.callback_answers().len();
    user.tap(label);
    fake.wait_until(Duration::from_secs(20), label, |f| {
        f.callback_answers().len() > answered
    })
    .await;
    t.wait_idle(fake).await;
    fake.sent_to(id)
        .last()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// A supervisor records an ongoing-feedback dialog with `who` (by name), with coaching agreed.
async fn record_umpan_balik(t: &TestApp, fake: &FakeTelegram, sup: &TestUser, who: &str) {
    sup.say("/dialog").await;
    step(t, fake, sup, "📝 Catat dialog").await;
    step(t, fake, sup, who).await;
    step(t, fake, sup, "Lanjut ➡️").await;
    step(t, fake, sup, "Umpan balik berkelanjutan").await;
    step(t, fake, sup, "Tatap muka").await;
    let q = step(t, fake, sup, "Hari ini").await;
    assert!(q.contains("Progres pekerjaan"), "{q}");
    let q = sup.say("Laporan bulanan 80% selesai").await;
    assert!(q.contains("Pembelajaran"), "{q}");
    let q = sup.say("Cara membaca data SIASN").await;
    assert!(q.contains("Dukungan"), "{q}");
    step(t, fake, sup, "Lewati").await;
    step(t, fake, sup, "Coaching").await;
    let summary = step(t, fake, sup, "Lewati").await;
    assert!(summary.contains("Laporan bulanan 80% selesai"), "{summary}");
    assert!(summary.contains("Coaching"), "{summary}");
    let saved = step(t, fake, sup, "💾 Simpan").await;
    assert!(saved.contains(who), "{saved}");
}

on_both_backends!(
    a_supervisor_records_a_dialog_and_the_employee_confirms_it,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn(&fake, &db).await;
        let agus = linked_user(&fake, &db, AGUS, 7001, "id").await;
        let dimas = linked_user(&fake, &db, DIMAS, 7002, "en").await;
        record_umpan_balik(&t, &fake, &agus, "Dimas Prasetyo, S.T.").await;
        t.wait_idle(&fake).await;
        // Dimas reads the record in his language, with the buttons to answer it.
        let ask = with_button(&fake, dimas.id(), "✅ Confirm").expect("the record reached Dimas");
        // In his language: the kind, the labels and the skipped point read in English.
        assert!(
            ask.text.contains("recorded this dialog with you")
                && ask.text.contains("(ongoing feedback)"),
            "{}",
            ask.text
        );
        assert!(
            ask.text.contains("Laporan bulanan 80% selesai"),
            "{}",
            ask.text
        );
        assert!(ask.text.contains("(skipped)"), "{}", ask.text);
        step(&t, &fake, &dimas, "✅ Confirm").await;
        t.wait_idle(&fake).await;
        let told = fake.sent_to(agus.id()).last().unwrap().text.clone();
        assert!(
            told.contains("Dimas Prasetyo") && told.contains("mengonfirmasi"),
            "{told}"
        );
        let stored = storage::dialogs::of_employee(&t.app.db, DIMAS)
            .await
            .unwrap();
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].ack, kinerja_bot::domain::dialog::Ack::Confirmed);
        assert_eq!(stored[0].supervisor_nip, AGUS);
        // A second tap on Confirm changes nothing and says so.
        let answers = fake.callback_answers().len();
        // The answered record's buttons are gone; a replayed press is what remains.
        assert!(with_button(&fake, dimas.id(), "✅ Confirm").is_none());
        let msg = fake.sent_to(dimas.id()).last().unwrap().clone();
        dimas.press(&msg, &forged(Button::Confirm(stored[0].id, 0)));
        fake.wait_until(Duration::from_secs(10), "an answer", |f| {
            f.callback_answers().len() > answers
        })
        .await;
        let (_, text) = fake.callback_answers().last().unwrap().clone();
        assert!(text.unwrap_or_default().contains("already"));
        t.stop().await;
    }
);

on_both_backends!(
    a_group_session_gives_each_their_own_record_and_a_double_save_stores_one,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn(&fake, &db).await;
        let agus = linked_user(&fake, &db, AGUS, 7101, "id").await;
        agus.say("/dialog").await;
        step(&t, &fake, &agus, "📝 Catat dialog").await;
        step(&t, &fake, &agus, "Dimas Prasetyo, S.T.").await;
        step(&t, &fake, &agus, "Wulan Sari").await;
        step(&t, &fake, &agus, "Lanjut ➡️").await;
        step(&t, &fake, &agus, "Evaluasi kinerja").await;
        step(&t, &fake, &agus, "Daring").await;
        step(&t, &fake, &agus, "Kemarin").await;
        agus.say("Target triwulan tercapai").await;
        step(&t, &fake, &agus, "Tidak ada").await;
        step(&t, &fake, &agus, "Lewati").await;
        // Two taps on save before the first is answered: both arrive, one set of records.
        let summary = with_button(&fake, agus.id(), "💾 Simpan").unwrap();
        let save = summary
            .buttons
            .iter()
            .flatten()
            .find(|(l, _)| l == "💾 Simpan")
            .unwrap()
            .1
            .clone();
        agus.press(&summary, &save);
        agus.press(&summary, &save);
        t.wait_idle(&fake).await;
        let dimas = storage::dialogs::of_employee(&t.app.db, DIMAS)
            .await
            .unwrap();
        let wulan = storage::dialogs::of_employee(&t.app.db, WULAN)
            .await
            .unwrap();
        let nur = storage::dialogs::of_employee(&t.app.db, NUR).await.unwrap();
        assert_eq!((dimas.len(), wulan.len(), nur.len()), (1, 1, 0));
        assert_eq!(
            dimas[0].content.held_on,
            start_time().date_naive() - chrono::Days::new(1)
        );
        t.stop().await;
    }
);

on_both_backends!(
    too_long_text_is_refused_with_the_limit_and_cancel_stores_nothing,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn(&fake, &db).await;
        let agus = linked_user(&fake, &db, AGUS, 7201, "id").await;
        agus.say("/dialog").await;
        step(&t, &fake, &agus, "📝 Catat dialog").await;
        step(&t, &fake, &agus, "Nur Aini; S.Sos.").await;
        step(&t, &fake, &agus, "Lanjut ➡️").await;
        step(&t, &fake, &agus, "Klarifikasi ekspektasi").await;
        step(&t, &fake, &agus, "Tatap muka").await;
        let refused = agus.say("besok").await;
        assert!(refused.contains("masa depan"), "{refused}");
        agus.say("2026-11-01").await;
        let long = "x".repeat(501);
        let refused = agus.say(&long).await;
        assert!(
            refused.contains("501") && refused.contains("500"),
            "{refused}"
        );
        // The question stands: a shorter answer is taken.
        let next = agus.say("Laporan tepat waktu").await;
        assert!(next.contains("Panduan"), "{next}");
        let bye = agus.say("/cancel").await;
        assert!(!bye.is_empty());
        t.wait_idle(&fake).await;
        let nur = storage::dialogs::of_employee(&t.app.db, NUR).await.unwrap();
        assert!(nur.is_empty());
        t.stop().await;
    }
);

#[tokio::test]
async fn a_half_finished_recording_goes_on_after_a_restart() {
    let db = TestDb::sqlite();
    import_example(&db).await;
    let fake = FakeTelegram::start().await;
    let t = TestApp::spawn(&fake, &db).await;
    let agus = linked_user(&fake, &db, AGUS, 7301, "id").await;
    agus.say("/dialog").await;
    step(&t, &fake, &agus, "📝 Catat dialog").await;
    step(&t, &fake, &agus, "Wulan Sari").await;
    step(&t, &fake, &agus, "Lanjut ➡️").await;
    step(&t, &fake, &agus, "Evaluasi kinerja").await;
    step(&t, &fake, &agus, "Tatap muka").await;
    t.stop().await;
    let t = TestApp::spawn(&fake, &db).await;
    step(&t, &fake, &agus, "Hari ini").await;
    let next = agus.say("Baik sekali").await;
    assert!(next.contains("Tindak lanjut"), "{next}");
    step(&t, &fake, &agus, "Tidak ada").await;
    step(&t, &fake, &agus, "Lewati").await;
    step(&t, &fake, &agus, "💾 Simpan").await;
    t.wait_idle(&fake).await;
    let wulan = storage::dialogs::of_employee(&t.app.db, WULAN)
        .await
        .unwrap();
    assert_eq!(wulan.len(), 1);
    assert_eq!(
        wulan[0].content.points.values().next().map(String::as_str),
        Some("Baik sekali")
    );
    t.stop().await;
}

on_both_backends!(
    buttons_for_someone_else_s_subordinate_or_record_are_refused,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn(&fake, &db).await;
        let agus = linked_user(&fake, &db, AGUS, 7401, "id").await;
        let teguh = linked_user(&fake, &db, TEGUH, 7402, "id").await;
        let indah_ref = person_ref(&t, INDAH).await;
        // Agus presses a forged "record with Indah" (Bambang's subordinate).
        let msg = fake.sent_to(agus.id()).last().unwrap().clone();
        let answers = fake.callback_answers().len();
        agus.press(&msg, &forged(Button::Record(indah_ref)));
        fake.wait_until(Duration::from_secs(10), "a refusal", |f| {
            f.callback_answers().len() > answers
        })
        .await;
        let (_, text) = fake.callback_answers().last().unwrap().clone();
        assert!(text.unwrap_or_default().contains("bukan"));
        // Agus records with Dimas; Teguh forges Dimas's confirm button.
        record_umpan_balik(&t, &fake, &agus, "Dimas Prasetyo, S.T.").await;
        let id = storage::dialogs::of_employee(&t.app.db, DIMAS)
            .await
            .unwrap()[0]
            .id;
        let msg = fake.sent_to(teguh.id()).last().unwrap().clone();
        let statement = kinerja_bot::domain::dialog::CoachingStatement::Didengar;
        let agree = kinerja_bot::domain::dialog::Agreement::Setuju;
        let forgeries = [
            (Button::Confirm(id, 0), "bukan untuk Anda"),
            (Button::Comment(id, 0), "bukan untuk Anda"),
            (Button::Confirm(DialogId(id.0 + 1000), 0), "sudah tidak ada"),
            (Button::Correct(id), ""),
            (Button::FollowUpDone(id), ""),
            (Button::Coaching(id, statement, agree), ""),
        ];
        for (button, says) in forgeries {
            let answers = fake.callback_answers().len();
            teguh.press(&msg, &forged(button));
            fake.wait_until(Duration::from_secs(10), "a refusal", |f| {
                f.callback_answers().len() > answers
            })
            .await;
            let (_, text) = fake.callback_answers().last().unwrap().clone();
            let text = text.unwrap_or_default();
            assert!(
                !text.is_empty() && text.contains(says),
                "{button:?}: {text}"
            );
        }
        t.wait_idle(&fake).await;
        // Teguh was told nothing of the record, and nothing changed.
        assert!(
            fake.sent_to(teguh.id())
                .iter()
                .all(|s| !s.text.contains("Laporan bulanan")),
        );
        assert!(
            storage::dialogs::coaching_answers(&t.app.db, id)
                .await
                .unwrap()
                .is_empty()
        );
        let stored = storage::dialogs::of_employee(&t.app.db, DIMAS)
            .await
            .unwrap();
        assert_eq!(stored[0].ack, kinerja_bot::domain::dialog::Ack::Pending);
        assert_eq!(
            conversation_of(&t, 7402).await,
            None,
            "Teguh started nothing"
        );
        t.stop().await;
    }
);

async fn person_ref(t: &TestApp, nip: &str) -> EmployeeRef {
    storage::dialogs::person_by_nip(&t.app.db, nip)
        .await
        .unwrap()
        .unwrap()
        .r#ref
}

async fn conversation_of(t: &TestApp, chat: i64) -> Option<String> {
    sqlx::query_scalar("SELECT state FROM conversations WHERE chat_id = $1")
        .bind(chat)
        .fetch_optional(t.app.db.pool())
        .await
        .unwrap()
}

on_both_backends!(
    coaching_feedback_goes_to_the_supervisors_own_supervisor,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn(&fake, &db).await;
        let agus = linked_user(&fake, &db, AGUS, 7501, "id").await;
        let sri = linked_user(&fake, &db, SRI, 7502, "id").await;
        let dimas = linked_user(&fake, &db, DIMAS, 7503, "en").await;
        record_umpan_balik(&t, &fake, &agus, "Dimas Prasetyo, S.T.").await;
        step(
            &t,
            &fake,
            &agus,
            "Tindak lanjut selesai (Dimas Prasetyo, S.T.)",
        )
        .await;
        t.wait_idle(&fake).await;
        for _ in 0..5 {
            step(&t, &fake, &dimas, "Agree").await;
        }
        t.wait_idle(&fake).await;
        let to_sri = fake.sent_to(sri.id()).last().unwrap().text.clone();
        assert!(
            to_sri.contains("Dimas Prasetyo") && to_sri.contains("Setuju"),
            "{to_sri}"
        );
        assert_eq!(to_sri.matches("Setuju").count(), 5, "{to_sri}");
        // Agus, the coach, is not sent the answers.
        assert!(
            fake.sent_to(agus.id())
                .iter()
                .all(|s| !s.text.contains("Saya didengar")),
        );
        let thanks = fake.sent_to(dimas.id()).last().unwrap().text.clone();
        assert!(thanks.contains("Thank you"), "{thanks}");
        t.stop().await;
    }
);

on_both_backends!(
    an_employee_asks_for_a_dialog_and_the_supervisor_records_it_from_the_request,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn(&fake, &db).await;
        let agus = linked_user(&fake, &db, AGUS, 7601, "id").await;
        let wulan = linked_user(&fake, &db, WULAN, 7602, "id").await;
        wulan.say("/dialog").await;
        let sent = step(&t, &fake, &wulan, "Minta dialog ke atasan").await;
        assert!(sent.contains("Agus Salim"), "{sent}");
        let again = step(&t, &fake, &wulan, "Minta dialog ke atasan").await;
        assert!(again.contains("sudah meminta"), "{again}");
        t.wait_idle(&fake).await;
        let label = "📝 Catat dialog dengan Wulan Sari";
        let asked: Vec<_> = fake
            .sent_to(agus.id())
            .into_iter()
            .filter(|s| s.labels().iter().any(|l| l == label))
            .collect();
        assert_eq!(asked.len(), 1, "one request reaches Agus");
        let q = step(&t, &fake, &agus, label).await;
        assert!(q.contains("Wulan Sari"), "{q}");
        t.stop().await;
    }
);

on_both_backends!(
    four_supervisors_record_at_the_same_time,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn(&fake, &db).await;
        // Nobody recorded is recording too, so each chat holds one flow.
        let pairs = [
            (SRI, 7702, "Fitri Handayani, S.AP."),
            (BAMBANG, 7703, "Indah Permatasari, S.E."),
            (RATNA, 7704, "Teguh Santoso, S.AP."),
            (AGUS, 7705, "Dimas Prasetyo, S.T."),
        ];
        let mut users = Vec::new();
        for (nip, id, _) in pairs {
            users.push(linked_user(&fake, &db, nip, id, "id").await);
        }
        let app = &t;
        let runs = users.iter().zip(pairs).map(|(u, (_, _, who))| {
            let (fake, u) = (fake.clone(), u.clone());
            async move { record_umpan_balik(app, &fake, &u, who).await }
        });
        futures::future::join_all(runs).await;
        t.wait_idle(&fake).await;
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM dialogs")
            .fetch_one(t.app.db.pool())
            .await
            .unwrap();
        assert_eq!(count, 4);
        for (nip, _, _) in pairs {
            let n: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM dialogs WHERE supervisor_nip = $1")
                    .bind(nip)
                    .fetch_one(t.app.db.pool())
                    .await
                    .unwrap();
            assert_eq!(n, 1, "{nip}");
        }
        t.stop().await;
    }
);

on_both_backends!(
    a_reimport_between_the_reminder_and_the_recording_moves_who_may_record,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn(&fake, &db).await;
        let agus = linked_user(&fake, &db, AGUS, 7801, "id").await;
        let sri = linked_user(&fake, &db, SRI, 7802, "id").await;
        // Agus started recording with Dimas (as from a reminder's button) ...
        let dimas_ref = person_ref(&t, DIMAS).await;
        let msg = fake.sent_to(agus.id()).last().unwrap().clone();
        agus.press(&msg, &forged(Button::Record(dimas_ref)));
        t.wait_idle(&fake).await;
        step(&t, &fake, &agus, "Evaluasi kinerja").await;
        step(&t, &fake, &agus, "Tatap muka").await;
        step(&t, &fake, &agus, "Hari ini").await;
        agus.say("Baik").await;
        step(&t, &fake, &agus, "Tidak ada").await;
        step(&t, &fake, &agus, "Lewati").await;
        // ... and HR's new file moves Dimas to Sri before Agus saves.
        reimport_example_moving(&db, DIMAS, AGUS, SRI).await;
        let refused = step(&t, &fake, &agus, "💾 Simpan").await;
        assert!(refused.contains("bukan"), "{refused}");
        // The old reminder's button now refuses Agus too.
        let answers = fake.callback_answers().len();
        agus.press(&msg, &forged(Button::Record(dimas_ref)));
        fake.wait_until(Duration::from_secs(10), "a refusal", |f| {
            f.callback_answers().len() > answers
        })
        .await;
        let (_, text) = fake.callback_answers().last().unwrap().clone();
        assert!(text.unwrap_or_default().contains("bukan"));
        // Sri, his supervisor now, records with him.
        let msg = fake.sent_to(sri.id()).last().unwrap().clone();
        sri.press(&msg, &forged(Button::Record(dimas_ref)));
        t.wait_idle(&fake).await;
        step(&t, &fake, &sri, "Umpan balik berkelanjutan").await;
        step(&t, &fake, &sri, "Daring").await;
        step(&t, &fake, &sri, "Hari ini").await;
        sri.say("Sudah 50%").await;
        step(&t, &fake, &sri, "Lewati").await;
        step(&t, &fake, &sri, "Lewati").await;
        step(&t, &fake, &sri, "Tidak ada").await;
        step(&t, &fake, &sri, "Lewati").await;
        step(&t, &fake, &sri, "💾 Simpan").await;
        t.wait_idle(&fake).await;
        let stored = storage::dialogs::of_employee(&t.app.db, DIMAS)
            .await
            .unwrap();
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].supervisor_nip, SRI);
        t.stop().await;
    }
);

on_both_backends!(
    two_hundred_supervisors_record_a_dialog_at_the_same_time,
    |db: TestDb| async move {
        import_generated(&db, 1_200, 200).await;
        let linked = link_everyone(&db, 100_000).await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn_with(&fake, &db, start_time(), |s| {
            s.file.rate_limits.messages_per_second = 500;
        })
        .await;
        // Unit heads supervise their unit's staff; each records with their first subordinate.
        let heads: Vec<String> = (0..200).map(kinerja_bot::sample::nip).collect();
        let user_of: std::collections::HashMap<String, i64> = linked.into_iter().collect();
        let mut flows = Vec::new();
        for head in &heads {
            let first: String = sqlx::query_scalar(
                "SELECT nip FROM employees WHERE supervisor_nip = $1 ORDER BY name LIMIT 1",
            )
            .bind(head)
            .fetch_one(t.app.db.pool())
            .await
            .unwrap();
            let who = person_ref(&t, &first).await;
            let user = fake.user(user_of[head], "Kepala", Some("id"));
            flows.push((user, who));
        }
        let runs = flows.iter().map(|(user, who)| {
            let fake = fake.clone();
            async move {
                let start = Sent::blank(user.id());
                user.press(&start, &forged(Button::Record(*who)));
                let what = format!("the first question for {}", user.id());
                fake.wait_until(Duration::from_secs(120), &what, |f| {
                    with_button(f, user.id(), "Evaluasi kinerja").is_some()
                })
                .await;
                tap_until(&fake, user, "Evaluasi kinerja", "Tatap muka").await;
                tap_until(&fake, user, "Tatap muka", "Hari ini").await;
                user.tap("Hari ini");
                let what = format!("the point's question for {}", user.id());
                fake.wait_until(Duration::from_secs(120), &what, |f| {
                    f.sent_to(user.id())
                        .last()
                        .is_some_and(|s| s.text.contains("Penilaian"))
                })
                .await;
                user.send("Target tercapai");
                fake.wait_until(Duration::from_secs(120), &what, |f| {
                    with_button(f, user.id(), "Tidak ada").is_some()
                })
                .await;
                tap_until(&fake, user, "Tidak ada", "Lewati").await;
                tap_until(&fake, user, "Lewati", "💾 Simpan").await;
                user.tap("💾 Simpan");
            }
        });
        futures::future::join_all(runs).await;
        t.wait_idle(&fake).await;
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT supervisor_nip, employee_nip FROM dialogs")
                .fetch_all(t.app.db.pool())
                .await
                .unwrap();
        assert_eq!(rows.len(), 200);
        for (sup, emp) in &rows {
            let boss: Option<String> =
                sqlx::query_scalar("SELECT supervisor_nip FROM employees WHERE nip = $1")
                    .bind(emp)
                    .fetch_one(t.app.db.pool())
                    .await
                    .unwrap();
            assert_eq!(boss.as_deref(), Some(sup.as_str()));
        }
        // Every employee recorded was asked to confirm, once.
        let asked: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM outbox WHERE origin_kind = 'dialog' AND state = 'sent'",
        )
        .fetch_one(t.app.db.pool())
        .await
        .unwrap();
        assert_eq!(asked, 200);
        t.stop().await;
    }
);

on_both_backends!(
    a_supervisor_corrects_a_record_until_it_is_acknowledged_and_the_old_one_is_kept,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn(&fake, &db).await;
        let agus = linked_user(&fake, &db, AGUS, 7901, "id").await;
        let dimas = linked_user(&fake, &db, DIMAS, 7902, "en").await;
        record_umpan_balik(&t, &fake, &agus, "Dimas Prasetyo, S.T.").await;
        let correct = "Koreksi (Dimas Prasetyo, S.T.)";
        step(&t, &fake, &agus, correct).await;
        step(&t, &fake, &agus, "Evaluasi kinerja").await;
        step(&t, &fake, &agus, "Daring").await;
        step(&t, &fake, &agus, "Kemarin").await;
        agus.say("Sesuai ekspektasi").await;
        step(&t, &fake, &agus, "Tidak ada").await;
        step(&t, &fake, &agus, "Lewati").await;
        step(&t, &fake, &agus, "💾 Simpan").await;
        t.wait_idle(&fake).await;
        let stored = storage::dialogs::of_employee(&t.app.db, DIMAS)
            .await
            .unwrap();
        assert_eq!(stored.len(), 1, "corrected, not added");
        let d = &stored[0];
        assert_eq!(d.content.kind, kinerja_bot::domain::dialog::Kind::Evaluasi);
        let trail = storage::dialogs::changes(&t.app.db, d.id).await.unwrap();
        assert_eq!(trail.len(), 1);
        let (by, _, before) = &trail[0];
        assert_eq!(by, AGUS);
        assert_eq!(before.kind, kinerja_bot::domain::dialog::Kind::UmpanBalik);
        assert!(
            before
                .points
                .values()
                .any(|p| p == "Laporan bulanan 80% selesai")
        );
        // The first copy's buttons are out of date: they confirm nothing.
        let first = fake
            .sent_to(dimas.id())
            .into_iter()
            .find(|s| s.labels().iter().any(|l| l == "✅ Confirm"))
            .unwrap();
        let answers = fake.callback_answers().len();
        dimas.press(&first, &first.buttons[0][0].1);
        fake.wait_until(Duration::from_secs(10), "a refusal", |f| {
            f.callback_answers().len() > answers
        })
        .await;
        let (_, text) = fake.callback_answers().last().unwrap().clone();
        assert!(text.unwrap_or_default().contains("out of date"));
        // Dimas sees the corrected record and confirms it; then it can no longer be corrected.
        let asked = with_button(&fake, dimas.id(), "✅ Confirm").unwrap();
        assert!(asked.text.contains("corrected"), "{}", asked.text);
        assert!(asked.text.contains("Sesuai ekspektasi"), "{}", asked.text);
        step(&t, &fake, &dimas, "✅ Confirm").await;
        let answers = fake.callback_answers().len();
        agus.tap(correct);
        fake.wait_until(Duration::from_secs(10), "a refusal", |f| {
            f.callback_answers().len() > answers
        })
        .await;
        let (_, text) = fake.callback_answers().last().unwrap().clone();
        assert!(text.unwrap_or_default().contains("dikonfirmasi"));
        t.wait_idle(&fake).await;
        assert_eq!(conversation_of(&t, 7901).await, None);
        t.stop().await;
    }
);

on_both_backends!(
    saving_the_same_recording_again_stores_one_record_and_asks_once,
    |db: TestDb| async move {
        import_example(&db).await;
        let conn = db.connect().await;
        let who = storage::dialogs::person_by_nip(&conn, WULAN)
            .await
            .unwrap()
            .unwrap();
        let content = evaluation_dialog(start_time().date_naive());
        let notice = ask_to_confirm;
        let people = [who];
        let first = storage::dialogs::save(&conn, "k1", AGUS, &content, &people, notice, 1)
            .await
            .unwrap()
            .unwrap();
        // The same update handled again after a crash: the same recording's key.
        let again = storage::dialogs::save(&conn, "k1", AGUS, &content, &people, notice, 2)
            .await
            .unwrap()
            .unwrap();
        assert!(first[0].fresh && !again[0].fresh);
        assert_eq!(first[0].id, again[0].id);
        let dialogs: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM dialogs")
            .fetch_one(conn.pool())
            .await
            .unwrap();
        let asked: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE origin_kind = 'dialog'")
                .fetch_one(conn.pool())
                .await
                .unwrap();
        assert_eq!((dialogs, asked), (1, 1));
    }
);

on_both_backends!(
    five_points_at_the_length_limit_still_fit_the_summary_and_the_employees_copy,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn(&fake, &db).await;
        let agus = linked_user(&fake, &db, AGUS, 7951, "id").await;
        let wulan = linked_user(&fake, &db, WULAN, 7952, "id").await;
        agus.say("/dialog").await;
        step(&t, &fake, &agus, "📝 Catat dialog").await;
        step(&t, &fake, &agus, "Wulan Sari").await;
        step(&t, &fake, &agus, "Lanjut ➡️").await;
        step(&t, &fake, &agus, "Klarifikasi ekspektasi").await;
        step(&t, &fake, &agus, "Tatap muka").await;
        step(&t, &fake, &agus, "Hari ini").await;
        for n in 0..5 {
            agus.say(&format!("{n}{}", "ę".repeat(499))).await;
        }
        step(&t, &fake, &agus, "Mentoring").await;
        step(&t, &fake, &agus, "Rekan kerja").await;
        let summary = step(&t, &fake, &agus, "Lewati").await;
        assert!(
            summary.contains(&format!("4{}", "ę".repeat(499))),
            "{summary}"
        );
        step(&t, &fake, &agus, "💾 Simpan").await;
        t.wait_idle(&fake).await;
        let copy = with_button(&fake, wulan.id(), "✅ Konfirmasi").expect("Wulan got the record");
        assert!(copy.text.contains(&format!("0{}", "ę".repeat(499))));
        assert_eq!(
            storage::dialogs::of_employee(&t.app.db, WULAN)
                .await
                .unwrap()
                .len(),
            1
        );
        t.stop().await;
    }
);

on_both_backends!(
    hr_finds_an_employees_history_by_nip_within_their_scope_only,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn(&fake, &db).await;
        let bambang = linked_user(&fake, &db, BAMBANG, 7961, "id").await;
        let agus = linked_user(&fake, &db, AGUS, 7962, "id").await;
        // Yusuf is HR of the Bidang Penilaian Kinerja only.
        let yusuf = linked_user(&fake, &db, "198809142012121001", 7963, "id").await;
        let teguh = linked_user(&fake, &db, TEGUH, 7964, "id").await;
        record_umpan_balik(&t, &fake, &bambang, "Indah Permatasari, S.E.").await;
        record_umpan_balik(&t, &fake, &agus, "Dimas Prasetyo, S.T.").await;
        yusuf.say("/dialog").await;
        step(&t, &fake, &yusuf, "Riwayat seorang pegawai (dengan NIP)").await;
        let bad = yusuf.say("12345").await;
        assert!(bad.contains("bukan NIP"), "{bad}");
        let seen = yusuf.say(INDAH).await;
        assert!(seen.contains("Indah Permatasari"), "{seen}");
        assert!(seen.contains("Bambang Sutrisno"), "who recorded it: {seen}");
        yusuf.say("/dialog").await;
        step(&t, &fake, &yusuf, "Riwayat seorang pegawai (dengan NIP)").await;
        let other = yusuf.say(DIMAS).await;
        assert!(other.contains("Tidak ada pegawai"), "{other}");
        assert!(
            fake.sent_to(yusuf.id())
                .iter()
                .all(|s| !s.text.contains("Dimas")),
            "nothing of Dimas reaches Yusuf"
        );
        // An employee has no such button, and a forged one is refused.
        teguh.say("/dialog").await;
        assert!(with_button(&fake, teguh.id(), "Riwayat seorang pegawai (dengan NIP)").is_none());
        let answers = fake.callback_answers().len();
        let msg = fake.sent_to(teguh.id()).last().unwrap().clone();
        teguh.press(&msg, &forged(Button::FindHistory));
        fake.wait_until(Duration::from_secs(10), "a refusal", |f| {
            f.callback_answers().len() > answers
        })
        .await;
        assert!(fake.callback_answers().last().unwrap().1.is_some());
        t.wait_idle(&fake).await;
        assert_eq!(conversation_of(&t, 7964).await, None);
        t.stop().await;
    }
);

on_both_backends!(
    a_head_of_a_large_team_pages_through_it_to_choose_who_took_part,
    |db: TestDb| async move {
        // The head of unit 0 has 59 staff and the 4 heads below: 63 people, 4 pages.
        import_generated(&db, 300, 5).await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn(&fake, &db).await;
        let head = linked_user(&fake, &db, &kinerja_bot::sample::nip(0), 7971, "id").await;
        head.say("/dialog").await;
        let first = step(&t, &fake, &head, "📝 Catat dialog").await;
        assert!(
            first.contains("1 dari 4") || first.contains("1 of 4"),
            "{first}"
        );
        let prompt = fake.sent_to(head.id()).last().unwrap().clone();
        assert!(prompt.buttons.iter().flatten().count() <= 100);
        step(&t, &fake, &head, "Berikutnya ▶").await;
        let page2 = fake.sent_to(head.id()).last().unwrap().clone();
        let pick = page2.buttons[0][0].0.clone();
        assert!(
            !prompt.labels().contains(&pick),
            "page 2 shows other people"
        );
        step(&t, &fake, &head, &pick).await;
        let kind = step(&t, &fake, &head, "Lanjut ➡️").await;
        assert!(kind.contains(&pick), "{kind}");
        t.stop().await;
    }
);
