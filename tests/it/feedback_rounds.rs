//! 360 rounds as HR and raters use them: HR previews and opens a round, every rater gets one
//! list, a colleague is rated in seven taps, answers resume after a restart and can be changed
//! until the close, and forged, closed or moved-away presses change nothing.

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use kinerja_bot::bot::features::feedback::Button;
use kinerja_bot::clock::Clock;
use kinerja_bot::domain::AssignmentId;
use kinerja_bot::domain::berakhlak::{Rating, Value};
use kinerja_bot::storage::Db;

use crate::support::example::{AGUS, DIMAS, FITRI, INDAH, NUR, SRI, WULAN, YUSUF};
use crate::support::fake_telegram::{Sent, TestUser};
use crate::support::*;

/// Everyone linked (Indonesian), by NIP.
struct Org {
    users: HashMap<String, i64>,
}

impl Org {
    async fn linked(db: &TestDb) -> Self {
        import_example(db).await;
        let users = link_everyone(db, 8_000).await.into_iter().collect();
        Self { users }
    }

    fn user(&self, fake: &FakeTelegram, nip: &str) -> TestUser {
        fake.user(self.users[nip], "tg", Some("id"))
    }
}

/// Taps `label` on the newest message that has it and waits until the press is answered and
/// the bot is idle; returns the answer's text (a notice over the chat), if any.
async fn tap(t: &TestApp, fake: &FakeTelegram, user: &TestUser, label: &str) -> Option<String> {
    let before = fake.callback_answers().len();
    user.tap(label);
    fake.wait_until(Duration::from_secs(20), label, |f| {
        f.callback_answers().len() > before
    })
    .await;
    t.wait_idle(fake).await;
    fake.callback_answers_since(before)
        .into_iter()
        .last()
        .and_then(|(_, text)| text)
}

/// Presses forged or replayed `data` on `on` and waits for the answer's text.
async fn press(
    t: &TestApp,
    fake: &FakeTelegram,
    user: &TestUser,
    on: &Sent,
    data: &str,
) -> Option<String> {
    let before = fake.callback_answers().len();
    user.press(on, data);
    fake.wait_until(Duration::from_secs(20), data, |f| {
        f.callback_answers().len() > before
    })
    .await;
    t.wait_idle(fake).await;
    fake.callback_answers_since(before)
        .into_iter()
        .last()
        .and_then(|(_, text)| text)
}

fn last_text(fake: &FakeTelegram, user: &TestUser) -> String {
    fake.sent_to(user.id())
        .last()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// The example organisation, everyone linked, with the bot running and Fitri's round for Q4
/// 2026 open from 2 to 13 November.
async fn opened(db: &TestDb) -> (Org, FakeTelegram, TestApp) {
    let org = Org::linked(db).await;
    let fake = FakeTelegram::start().await;
    let t = TestApp::spawn(&fake, db).await;
    open_round(
        &t,
        &fake,
        &org.user(&fake, FITRI),
        "2026-11-02",
        "2026-11-13",
    )
    .await;
    (org, fake, t)
}

/// HR opens a round for Q4 2026 from `opens` to `closes` and confirms the preview; returns
/// the preview's text.
async fn open_round(
    t: &TestApp,
    fake: &FakeTelegram,
    hr: &TestUser,
    opens: &str,
    closes: &str,
) -> String {
    hr.say(&format!("/round open 2026-q4 {opens} {closes}"))
        .await;
    t.wait_idle(fake).await;
    let preview = last_text(fake, hr);
    tap(t, fake, hr, "✅ Buka putaran").await;
    // The confirm starts the scheduler's pass in the background; this one waits for it (a
    // second pass queues nothing twice).
    kinerja_bot::scheduler::feedback::run_due(&t.app.deps(), t.clock.now())
        .await
        .unwrap();
    t.wait_idle(fake).await;
    preview
}

async fn assignment(db: &Db, rater: &str, ratee: &str) -> AssignmentId {
    let id: i64 = sqlx::query_scalar(
        "SELECT id FROM feedback_assignments WHERE rater_nip = $1 AND ratee_nip = $2",
    )
    .bind(rater)
    .bind(ratee)
    .fetch_one(db.pool())
    .await
    .unwrap();
    AssignmentId(id)
}

async fn answers(db: &Db, a: AssignmentId) -> Vec<(String, String)> {
    sqlx::query_as(
        "SELECT value, rating FROM feedback_answers WHERE assignment_id = $1 ORDER BY value",
    )
    .bind(a.0)
    .fetch_all(db.pool())
    .await
    .unwrap()
}

async fn count(db: &Db, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db.pool()).await.unwrap()
}

/// The message in `user`'s chat whose buttons start rating (the opening list).
fn opening_list(fake: &FakeTelegram, user: &TestUser) -> Option<Sent> {
    fake.sent_to(user.id()).into_iter().find(|s| {
        s.buttons
            .iter()
            .flatten()
            .any(|(_, data)| data.starts_with("fb:a:"))
    })
}

fn after_days(days: i64) -> DateTime<Utc> {
    start_time() + chrono::Duration::days(days)
}

on_both_backends!(
    hr_previews_a_round_and_every_rater_gets_one_list_of_colleagues,
    |db: TestDb| async move {
        let org = Org::linked(&db).await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn(&fake, &db).await;
        let fitri = org.user(&fake, FITRI);
        // 2 November 2026 is the start; a date already past is refused, with the rule.
        fitri.say("/round open 2026-q4 2026-11-01 2026-11-13").await;
        t.wait_idle(&fake).await;
        assert!(
            last_text(&fake, &fitri).contains("sudah lewat"),
            "{}",
            last_text(&fake, &fitri)
        );
        fitri
            .say("/round open 2026-kuartal 2026-11-02 2026-11-13")
            .await;
        t.wait_idle(&fake).await;
        assert!(last_text(&fake, &fitri).contains("Periode tidak dikenali"));

        let preview = open_round(&t, &fake, &fitri, "2026-11-02", "2026-11-13").await;
        let db2 = &t.app.db;
        let stored = count(db2, "SELECT COUNT(*) FROM feedback_assignments").await;
        let raters = count(
            db2,
            "SELECT COUNT(DISTINCT rater_nip) FROM feedback_assignments",
        )
        .await;
        // The preview showed what was stored: everyone active is rated.
        assert!(preview.contains("Pegawai yang dinilai: 16"), "{preview}");
        assert!(
            preview.contains(&format!("Penugasan penilaian: {stored}"))
                && preview.contains(&format!("Penilai: {raters}")),
            "{preview}"
        );
        // HR is told (HR rates colleagues too: their own list may come after).
        assert!(
            fake.sent_to(fitri.id())
                .iter()
                .any(|s| s.text.contains("Putaran #1") && s.text.contains("tersimpan"))
        );
        // Each rater has exactly one list, naming their colleagues with a button each.
        for (nip, user) in &org.users {
            let lists: Vec<Sent> = fake
                .sent_to(*user)
                .into_iter()
                .filter(|s| {
                    s.buttons
                        .iter()
                        .flatten()
                        .any(|(_, d)| d.starts_with("fb:a:"))
                })
                .collect();
            let mine: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM feedback_assignments WHERE rater_nip = $1",
            )
            .bind(nip)
            .fetch_one(db2.pool())
            .await
            .unwrap();
            assert_eq!(lists.len(), usize::from(mine > 0), "{nip}");
        }
        let dimas_list = opening_list(&fake, &org.user(&fake, DIMAS)).unwrap();
        let labels = dimas_list.labels();
        // Dimas rates his supervisor Agus and his peers Nur Aini and Wulan.
        assert!(
            labels.iter().any(|l| l.contains("Agus Salim"))
                && labels.iter().any(|l| l.contains("Nur Aini"))
                && labels.iter().any(|l| l.contains("Wulan Sari")),
            "{labels:?}"
        );
        // A second confirm of the same preview opens nothing more.
        let prompt = fake
            .sent_to(fitri.id())
            .into_iter()
            .find(|s| s.text.contains("Pratinjau"))
            .unwrap();
        press(&t, &fake, &fitri, &prompt, &forged(Button::Open)).await;
        assert_eq!(count(db2, "SELECT COUNT(*) FROM feedback_rounds").await, 1);
        // Nor does a second round over the same people for the same period.
        fitri.say("/round open 2026-q4 2026-11-03 2026-11-20").await;
        t.wait_idle(&fake).await;
        tap(&t, &fake, &fitri, "✅ Buka putaran").await;
        assert!(
            last_text(&fake, &fitri).contains("Sudah ada putaran #"),
            "{}",
            last_text(&fake, &fitri)
        );
        assert_eq!(count(db2, "SELECT COUNT(*) FROM feedback_rounds").await, 1);
        t.stop().await;
    }
);

on_both_backends!(
    a_colleague_is_rated_in_seven_taps_and_an_answer_can_be_changed,
    |db: TestDb| async move {
        let (org, fake, t) = opened(&db).await;
        let dimas = org.user(&fake, DIMAS);
        tap(&t, &fake, &dimas, "Agus Salim, S.Kom.").await;
        let q = last_text(&fake, &dimas);
        // The first value with its guideline statements, and three buttons.
        assert!(
            q.contains("1/7")
                && q.contains("Berorientasi Pelayanan")
                && q.contains("Memahami dan memenuhi kebutuhan masyarakat"),
            "{q}"
        );
        for _ in 0..6 {
            tap(&t, &fake, &dimas, "Sesuai").await;
        }
        assert!(last_text(&fake, &dimas).contains("7/7"));
        tap(&t, &fake, &dimas, "Di atas").await;
        let summary = last_text(&fake, &dimas);
        assert!(
            summary.contains("semua nilai tersimpan") && summary.contains("Kolaboratif: Di atas"),
            "{summary}"
        );
        let a = assignment(&t.app.db, DIMAS, AGUS).await;
        assert_eq!(answers(&t.app.db, a).await.len(), 7);
        // Changing one value from the summary goes back to the summary.
        tap(&t, &fake, &dimas, "✏️ Akuntabel").await;
        assert!(last_text(&fake, &dimas).contains("2/7"));
        tap(&t, &fake, &dimas, "Di bawah").await;
        let summary = last_text(&fake, &dimas);
        assert!(summary.contains("Akuntabel: Di bawah"), "{summary}");
        // An optional comment, too long first.
        tap(&t, &fake, &dimas, "💬 Komentar").await;
        dimas.say(&"x".repeat(501)).await;
        t.wait_idle(&fake).await;
        assert!(last_text(&fake, &dimas).contains("terlalu panjang"));
        dimas.say("Selalu siap membantu tim.").await;
        t.wait_idle(&fake).await;
        assert!(last_text(&fake, &dimas).contains("Selalu siap membantu tim."));
        // A comment can be taken back (Telegram sends no empty text, so it is a button).
        tap(&t, &fake, &dimas, "🗑 Hapus komentar").await;
        assert!(last_text(&fake, &dimas).contains("Komentar: (tidak ada)"));
        tap(&t, &fake, &dimas, "💬 Komentar").await;
        dimas.say("Selalu siap membantu tim.").await;
        t.wait_idle(&fake).await;
        let notice = tap(&t, &fake, &dimas, "✅ Selesai").await;
        assert_eq!(notice.as_deref(), Some("Tersimpan. Terima kasih!"));
        let done = last_text(&fake, &dimas);
        assert!(
            done.contains("Agus Salim") && done.contains("Rekan tersisa: 2"),
            "{done}"
        );
        let stored = answers(&t.app.db, a).await;
        assert!(stored.contains(&("akuntabel".into(), "di-bawah".into())));
        assert!(stored.contains(&("kolaboratif".into(), "di-atas".into())));
        let comment: Option<String> =
            sqlx::query_scalar("SELECT comment FROM feedback_assignments WHERE id = $1")
                .bind(a.0)
                .fetch_one(t.app.db.pool())
                .await
                .unwrap();
        assert_eq!(comment.as_deref(), Some("Selalu siap membantu tim."));
        t.stop().await;
    }
);

on_both_backends!(
    leaving_halfway_and_a_restart_resume_at_the_next_unanswered_value,
    |db: TestDb| async move {
        let (org, fake, t) = opened(&db).await;
        let dimas = org.user(&fake, DIMAS);
        tap(&t, &fake, &dimas, "Wulan Sari").await;
        for label in ["Sesuai", "Di atas", "Sesuai"] {
            tap(&t, &fake, &dimas, label).await;
        }
        t.stop().await;
        let t = TestApp::spawn(&fake, &db).await;
        // From the list again (the opening message's button), after the restart.
        tap(&t, &fake, &dimas, "Wulan Sari").await;
        let q = last_text(&fake, &dimas);
        assert!(q.contains("4/7") && q.contains("Harmonis"), "{q}");
        let a = assignment(&t.app.db, DIMAS, WULAN).await;
        assert_eq!(answers(&t.app.db, a).await.len(), 3);
        // `/feedback` shows what is left.
        dimas.say("/feedback").await;
        t.wait_idle(&fake).await;
        assert!(
            last_text(&fake, &dimas).contains("3 rekan"),
            "{}",
            last_text(&fake, &dimas)
        );
        t.stop().await;
    }
);

on_both_backends!(
    a_button_from_a_closed_round_says_so_and_changes_nothing,
    |db: TestDb| async move {
        let org = Org::linked(&db).await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn(&fake, &db).await;
        let fitri = org.user(&fake, FITRI);
        open_round(&t, &fake, &fitri, "2026-11-02", "2026-11-13").await;
        let nur = org.user(&fake, NUR);
        tap(&t, &fake, &nur, "Dimas Prasetyo, S.T.").await;
        tap(&t, &fake, &nur, "Sesuai").await;
        let a = assignment(&t.app.db, NUR, DIMAS).await;
        // Past the last day (14 November, 00:00 WIB is 13 November 17:00 UTC).
        t.clock.set(after_days(12));
        let notice = tap(&t, &fake, &nur, "Di atas").await;
        assert!(notice.unwrap_or_default().contains("sudah ditutup"));
        assert_eq!(
            answers(&t.app.db, a).await,
            vec![("berorientasi-pelayanan".into(), "sesuai".into())]
        );
        // HR cannot extend a closed round: results may have been seen.
        fitri.say("/round extend 1 2026-11-30").await;
        t.wait_idle(&fake).await;
        assert!(last_text(&fake, &fitri).contains("tidak dapat dibuka lagi"));
        t.stop().await;
    }
);

on_both_backends!(
    hr_extends_then_closes_early_and_sees_the_response_rate_per_unit,
    |db: TestDb| async move {
        let org = Org::linked(&db).await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn(&fake, &db).await;
        let fitri = org.user(&fake, FITRI);
        open_round(&t, &fake, &fitri, "2026-11-02", "2026-11-13").await;
        // An "extension" to an earlier day would cut the time raters were told they have.
        fitri.say("/round extend 1 2026-11-10").await;
        t.wait_idle(&fake).await;
        assert!(
            last_text(&fake, &fitri).contains("Perpanjangan harus setelah"),
            "{}",
            last_text(&fake, &fitri)
        );
        fitri.say("/round extend 1 2026-11-20").await;
        t.wait_idle(&fake).await;
        assert!(last_text(&fake, &fitri).contains("20-11-2026"));
        let dimas = org.user(&fake, DIMAS);
        tap(&t, &fake, &dimas, "Agus Salim, S.Kom.").await;
        for _ in 0..7 {
            tap(&t, &fake, &dimas, "Sesuai").await;
        }
        fitri.say("/round").await;
        t.wait_idle(&fake).await;
        tap(&t, &fake, &fitri, "#1 · Triwulan IV 2026").await;
        let detail = last_text(&fake, &fitri);
        let total = count(&t.app.db, "SELECT COUNT(*) FROM feedback_assignments").await;
        assert!(
            detail.contains(&format!("Selesai: 1 dari {total} penilaian"))
                && detail.contains("Subbagian Umum: 1/"),
            "{detail}"
        );
        // After the 13th, still open: the extension holds.
        t.clock.set(after_days(12));
        tap(&t, &fake, &dimas, "✏️ Loyal").await;
        assert!(last_text(&fake, &dimas).contains("5/7"));
        tap(&t, &fake, &fitri, "Tutup sekarang").await;
        tap(&t, &fake, &fitri, "Ya, tutup sekarang").await;
        assert!(last_text(&fake, &fitri).contains("ditutup"));
        let notice = tap(&t, &fake, &dimas, "Di atas").await;
        assert!(notice.unwrap_or_default().contains("sudah ditutup"));
        t.stop().await;
    }
);

on_both_backends!(
    forged_buttons_for_another_raters_assignment_or_another_scope_change_nothing,
    |db: TestDb| async move {
        let (org, fake, t) = opened(&db).await;
        let dimas = org.user(&fake, DIMAS);
        let list = opening_list(&fake, &dimas).unwrap();
        let not_allowed = Some("Maaf, Anda tidak berwenang melakukan itu.".to_owned());
        let nurs = assignment(&t.app.db, NUR, AGUS).await;
        let data = forged(Button::Answer(nurs, Value::Loyal, Rating::DiBawah));
        assert_eq!(press(&t, &fake, &dimas, &list, &data).await, not_allowed);
        let data = forged(Button::Rate(nurs));
        assert_eq!(press(&t, &fake, &dimas, &list, &data).await, not_allowed);
        assert!(answers(&t.app.db, nurs).await.is_empty());
        // Nothing of Agus's in Dimas's chat beyond his own list.
        assert!(
            !fake
                .sent_to(dimas.id())
                .iter()
                .any(|s| s.text.contains("1/7"))
        );
        // An employee is no HR.
        dimas.say("/round").await;
        t.wait_idle(&fake).await;
        assert_eq!(
            Some(last_text(&fake, &dimas)),
            not_allowed.clone(),
            "/round for an employee"
        );
        // A unit's HR sees their own units' part of the organisation's round, and cannot close
        // it: the round is not within their scope.
        let yusuf = org.user(&fake, YUSUF);
        let round = kinerja_bot::domain::RoundId(1);
        let blank = Sent::blank(yusuf.id());
        assert_eq!(
            press(&t, &fake, &yusuf, &blank, &forged(Button::Round(round))).await,
            None
        );
        let page = fake.sent_to(yusuf.id()).last().unwrap().clone();
        assert!(
            page.text.contains("Bidang Penilaian Kinerja")
                && !page.text.contains("Subbagian Umum")
                && !page.text.contains("Bidang Mutasi"),
            "{}",
            page.text
        );
        assert!(!page.labels().iter().any(|l| l == "Tutup sekarang"));
        let close = forged(Button::CloseConfirmed(round));
        assert_eq!(press(&t, &fake, &yusuf, &blank, &close).await, not_allowed);
        let closed: Option<String> =
            sqlx::query_scalar("SELECT closed_early_on FROM feedback_rounds WHERE id = 1")
                .fetch_one(t.app.db.pool())
                .await
                .unwrap();
        assert_eq!(closed, None);
        t.stop().await;
    }
);

on_both_backends!(
    a_unit_hr_opens_a_round_for_their_unit_only,
    |db: TestDb| async move {
        let org = Org::linked(&db).await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn(&fake, &db).await;
        let yusuf = org.user(&fake, YUSUF);
        let preview = open_round(&t, &fake, &yusuf, "2026-11-02", "2026-11-13").await;
        // Bidang Penilaian Kinerja: Bambang and his four staff.
        assert!(preview.contains("Pegawai yang dinilai: 5"), "{preview}");
        let ratees: Vec<String> =
            sqlx::query_scalar("SELECT DISTINCT ratee_nip FROM feedback_assignments")
                .fetch_all(t.app.db.pool())
                .await
                .unwrap();
        assert_eq!(ratees.len(), 5);
        assert!(ratees.iter().any(|r| r == INDAH) && !ratees.iter().any(|r| r == DIMAS));
        t.stop().await;
    }
);

on_both_backends!(
    a_reimport_that_moves_a_rater_keeps_the_rounds_assignments,
    |db: TestDb| async move {
        let (org, fake, t) = opened(&db).await;
        let dimas = org.user(&fake, DIMAS);
        tap(&t, &fake, &dimas, "Nur Aini; S.Sos.").await;
        tap(&t, &fake, &dimas, "Sesuai").await;
        // HR moves Dimas from Agus's team to Sri's between two taps.
        reimport_example_moving(&db, DIMAS, AGUS, SRI).await;
        // The round rates the period as it was when it opened: Dimas finishes rating Nur Aini
        // as her peer, and gets no new assignment from the move.
        for _ in 0..6 {
            tap(&t, &fake, &dimas, "Sesuai").await;
        }
        assert!(last_text(&fake, &dimas).contains("semua nilai tersimpan"));
        let a = assignment(&t.app.db, DIMAS, NUR).await;
        let (grp, complete): (String, Option<i64>) =
            sqlx::query_as("SELECT grp, completed_at FROM feedback_assignments WHERE id = $1")
                .bind(a.0)
                .fetch_one(t.app.db.pool())
                .await
                .unwrap();
        assert_eq!(grp, "peer");
        assert!(complete.is_some());
        let for_sri: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM feedback_assignments WHERE rater_nip = $1 AND ratee_nip = $2",
        )
        .bind(SRI)
        .bind(DIMAS)
        .fetch_one(t.app.db.pool())
        .await
        .unwrap();
        assert_eq!(for_sri, 0);
        t.stop().await;
    }
);

on_both_backends!(
    every_rater_of_the_agency_rates_at_once_and_each_tap_is_stored,
    |db: TestDb| async move {
        let org = Org::linked(&db).await;
        let fake = FakeTelegram::start().await;
        // Neither Telegram's one message a second per chat nor the flood limit per person is
        // what this test is about: each rater taps 20-odd times in the same instant here.
        let t = TestApp::spawn_with(&fake, &db, start_time(), |s| {
            s.file.flood.max_updates = 1000;
            s.file.rate_limits.per_chat_interval_ms = 0;
            s.file.rate_limits.messages_per_second = 1000;
        })
        .await;
        open_round(
            &t,
            &fake,
            &org.user(&fake, FITRI),
            "2026-11-02",
            "2026-11-13",
        )
        .await;
        let all: Vec<(String, i64)> =
            sqlx::query_as("SELECT rater_nip, id FROM feedback_assignments ORDER BY id")
                .fetch_all(t.app.db.pool())
                .await
                .unwrap();
        let before = fake.callback_answers().len();
        let mut presses = 0;
        // Everyone taps through every colleague at once, without waiting for the screens:
        // seven values each, the last one "di atas", then done.
        for (nip, id) in &all {
            let user = org.user(&fake, nip);
            let list = opening_list(&fake, &user).unwrap();
            for (i, v) in Value::ALL.iter().enumerate() {
                let r = if i == 6 {
                    Rating::DiAtas
                } else {
                    Rating::Sesuai
                };
                user.press(&list, &forged(Button::Answer(AssignmentId(*id), *v, r)));
                presses += 1;
            }
        }
        fake.wait_until(Duration::from_secs(120), "every tap answered", |f| {
            f.callback_answers().len() >= before + presses
        })
        .await;
        t.wait_idle(&fake).await;
        let complete = count(
            &t.app.db,
            "SELECT COUNT(*) FROM feedback_assignments WHERE completed_at IS NOT NULL AND answered = 7",
        )
        .await;
        assert_eq!(complete, all.len() as i64);
        let above = count(
            &t.app.db,
            "SELECT COUNT(*) FROM feedback_answers WHERE rating = 'di-atas'",
        )
        .await;
        assert_eq!(above, all.len() as i64);
        // No press was refused or failed.
        let refused = fake
            .callback_answers_since(before)
            .into_iter()
            .filter(|(_, text)| text.is_some())
            .count();
        assert_eq!(refused, 0);
        t.stop().await;
    }
);

on_both_backends!(
    a_round_interrupted_while_stored_stays_invisible_until_its_confirm_finishes_it,
    |db: TestDb| async move {
        use kinerja_bot::domain::authz::Scope;
        use kinerja_bot::domain::feedback_round::RoundPeriod;
        use kinerja_bot::storage::feedback_rounds::{self, NewRound};
        let org = Org::linked(&db).await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn(&fake, &db).await;
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        let new = NewRound {
            key: "interrupted".into(),
            scope: Scope::Organisation,
            period: RoundPeriod::quarter(2026, 4).unwrap(),
            opens_on: today,
            closes_on: today + chrono::Duration::days(11),
            seed: 5,
            max_peers: 5,
            max_subordinates: 5,
            include_self: false,
            created_by: FITRI.into(),
        };
        let conn = &t.app.db;
        let plan = feedback_rounds::plan(conn, &new).await.unwrap();
        feedback_rounds::create(conn, &new, &plan, today, 0)
            .await
            .unwrap()
            .unwrap();
        // As if the process died after the first of its transactions: half the rows stored.
        sqlx::query("UPDATE feedback_rounds SET ready_at = NULL")
            .execute(conn.pool())
            .await
            .unwrap();
        sqlx::query("DELETE FROM feedback_assignments WHERE id % 2 = 0")
            .execute(conn.pool())
            .await
            .unwrap();
        let pass = kinerja_bot::scheduler::feedback::run_due(&t.app.deps(), t.clock.now())
            .await
            .unwrap();
        assert_eq!(pass.opened, 0);
        let dimas = org.user(&fake, DIMAS);
        dimas.say("/feedback").await;
        t.wait_idle(&fake).await;
        assert!(
            !last_text(&fake, &dimas).contains("menunggu penilaian"),
            "{}",
            last_text(&fake, &dimas)
        );
        // The same confirm again finishes it: every assignment, then the messages.
        let again = feedback_rounds::create(conn, &new, &plan, today, 0)
            .await
            .unwrap()
            .unwrap();
        assert!(!again.1);
        assert_eq!(
            count(conn, "SELECT COUNT(*) FROM feedback_assignments").await,
            plan.assignments()
        );
        let pass = kinerja_bot::scheduler::feedback::run_due(&t.app.deps(), t.clock.now())
            .await
            .unwrap();
        assert!(pass.opened > 0);
        t.stop().await;
    }
);

on_both_backends!(
    a_rater_who_links_after_the_opening_gets_their_list_then,
    |db: TestDb| async move {
        let org = Org::linked(&db).await;
        // Dimas has not linked his account yet when the round opens.
        let conn = db.connect().await;
        sqlx::query("UPDATE employees SET telegram_user_id = NULL WHERE nip = $1")
            .bind(DIMAS)
            .execute(conn.pool())
            .await
            .unwrap();
        conn.close().await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn(&fake, &db).await;
        open_round(
            &t,
            &fake,
            &org.user(&fake, FITRI),
            "2026-11-02",
            "2026-11-13",
        )
        .await;
        let dimas = linked_user(&fake, &db, DIMAS, 8_900, "id").await;
        t.wait_idle(&fake).await;
        let list = opening_list(&fake, &dimas).expect("the list after linking");
        assert!(list.labels().iter().any(|l| l.contains("Agus Salim")));
        tap(&t, &fake, &dimas, "Agus Salim, S.Kom.").await;
        assert!(last_text(&fake, &dimas).contains("1/7"));
        t.stop().await;
    }
);
