//! Evaluation periods as HR uses them: defining and listing a period, who may, the distribution
//! check against the organisation predikat for the organisation and per unit, a unit's result,
//! and a lock that freezes ratings, dialogs and 360 answers of the period — also while
//! supervisors are saving at the same moment.

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use kinerja_bot::bot::features::periods::Button;
use kinerja_bot::domain::berakhlak::Rating;
use kinerja_bot::domain::period::{Period, PeriodState};
use kinerja_bot::domain::predikat::Predikat;
use kinerja_bot::storage;
use kinerja_bot::storage::evaluations::{Hasil, Rate, Saved};

use crate::support::example::{AGUS, BAMBANG, DIMAS, FITRI, HENDRA, MAYA, RATNA, SRI, YUSUF};
use crate::support::fake_telegram::{Sent, TestUser};
use crate::support::*;

/// Everyone with a supervisor in the same unit (not a unit head), with that supervisor.
const RATED: [(&str, &str); 11] = [
    (FITRI, SRI),
    (DIMAS, AGUS),
    ("199203302019032004", AGUS),
    ("199201012022212007", AGUS),
    (YUSUF, BAMBANG),
    ("199105052017082002", BAMBANG),
    ("199408172020121003", BAMBANG),
    ("199512122023211005", BAMBANG),
    (MAYA, RATNA),
    ("199309212018031004", RATNA),
    ("199611302021022006", RATNA),
];

/// Monday 5 April 2027, 09:00 WIB: the first quarter has just ended.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 4, 5, 2, 0, 0).unwrap()
}

fn q1() -> Period {
    Period::parse("2027-q1").unwrap()
}

struct Setup {
    t: TestApp,
    fake: FakeTelegram,
    users: HashMap<String, TestUser>,
}

async fn setup(db: &TestDb) -> Setup {
    import_example(db).await;
    let fake = FakeTelegram::start().await;
    let t = TestApp::spawn_with(&fake, db, now(), |_| {}).await;
    let users = link_everyone(db, 9000)
        .await
        .into_iter()
        .map(|(nip, id)| (nip, fake.user(id, "tg", Some("id"))))
        .collect();
    Setup { t, fake, users }
}

impl Setup {
    fn user(&self, nip: &str) -> &TestUser {
        &self.users[nip]
    }

    /// Presses `button` as `nip` and waits until the press is answered and the bot is idle;
    /// returns the press's answer text.
    async fn press(&self, nip: &str, button: impl Into<kinerja_bot::bot::CallbackData>) -> String {
        let before = self.fake.callback_answers().len();
        let user = self.user(nip);
        user.press(&Sent::blank(user.id()), &forged(button));
        self.fake
            .wait_until(Duration::from_secs(20), "a press answered", |f| {
                f.callback_answers().len() > before
            })
            .await;
        self.t.wait_idle(&self.fake).await;
        self.fake.callback_answers()[before]
            .1
            .clone()
            .unwrap_or_default()
    }

    /// Taps the button labelled `label` in `nip`'s chat and waits until it is handled; returns
    /// the chat's newest message.
    async fn tap(&self, nip: &str, label: &str) -> String {
        let user = self.user(nip);
        assert!(
            with_button(&self.fake, user.id(), label).is_some(),
            "no button {label:?}: {}",
            self.last(nip)
        );
        let before = self.fake.callback_answers().len();
        user.tap(label);
        self.fake
            .wait_until(Duration::from_secs(20), label, |f| {
                f.callback_answers().len() > before
            })
            .await;
        self.t.wait_idle(&self.fake).await;
        self.last(nip)
    }

    /// Organisation HR defines and opens the first quarter in chat.
    async fn open_q1(&self) {
        self.user(FITRI).say("/period open 2027-q1").await;
        self.t.wait_idle(&self.fake).await;
    }

    fn last(&self, nip: &str) -> String {
        self.fake
            .sent_to(self.user(nip).id())
            .last()
            .map(|s| s.text.clone())
            .unwrap_or_default()
    }

    async fn rate(
        &self,
        employee: &str,
        supervisor: &str,
        hasil: Rating,
        perilaku: Rating,
    ) -> Saved {
        let rate = Rate {
            period: q1(),
            employee_nip: employee,
            supervisor_nip: supervisor,
            hasil: Hasil::Rated(hasil),
            perilaku,
            note: None,
            evidence: "{}",
        };
        storage::evaluations::save(&self.t.app.db, rate, now().timestamp())
            .await
            .unwrap()
    }

    async fn state(&self) -> PeriodState {
        storage::periods::get(&self.t.app.db, q1())
            .await
            .unwrap()
            .unwrap()
            .state
    }
}

on_both_backends!(
    organisation_hr_defines_a_period_and_nobody_else_can,
    |db: TestDb| async move {
        let s = setup(&db).await;
        let page = s.user(FITRI).say("/period open 2027-q1").await;
        assert!(
            page.contains("Periode Triwulan I 2027 ditetapkan dan dibuka")
                && page.contains("/predikat"),
            "{page}"
        );
        s.t.wait_idle(&s.fake).await;
        let detail = s.last(FITRI);
        assert!(
            detail.contains("Periode Triwulan I 2027 (01-01-2027 – 31-03-2027)")
                && detail.contains("Status: dibuka")
                && detail.contains("Predikat organisasi: belum dicatat")
                && detail.contains("Sudah dinilai: 0 dari 15 pegawai"),
            "{detail}"
        );
        let labels = s.fake.sent_to(s.user(FITRI).id()).last().unwrap().labels();
        assert!(
            labels.contains(&"Kunci periode".to_owned())
                && labels.contains(&"Predikat organisasi".to_owned()),
            "{labels:?}"
        );
        // Defining it again changes nothing.
        let again = s.user(FITRI).say("/period open 2027-q1").await;
        assert!(again.contains("sudah ada"), "{again}");
        s.t.wait_idle(&s.fake).await;
        let list = s.user(FITRI).say("/period").await;
        assert!(
            list.contains("• Triwulan I 2027 (2027-q1): dibuka"),
            "{list}"
        );
        s.t.wait_idle(&s.fake).await;
        let bad = s.user(FITRI).say("/period open 2027-q5").await;
        assert!(bad.contains("tidak dikenali"), "{bad}");

        // A unit's HR sees periods but cannot define, close or lock them; a pegawai sees none.
        let unit_hr = s.user(YUSUF).say("/period open 2027-q2").await;
        assert!(unit_hr.contains("tidak berwenang"), "{unit_hr}");
        let refused = s.press(YUSUF, Button::Lock(q1())).await;
        assert!(refused.contains("tidak berwenang"), "{refused}");
        let pegawai = s.user(DIMAS).say("/period").await;
        assert!(pegawai.contains("tidak berwenang"), "{pegawai}");
        assert!(
            storage::periods::get(&s.t.app.db, Period::parse("2027-q2").unwrap())
                .await
                .unwrap()
                .is_none()
        );
        assert_eq!(s.state().await, PeriodState::Open);
        s.t.stop().await;
    }
);

on_both_backends!(
    the_distribution_is_checked_against_the_organisation_predikat_for_the_organisation_and_each_unit,
    |db: TestDb| async move {
        let s = setup(&db).await;
        s.open_q1().await;
        for (employee, supervisor) in RATED {
            let saved = s.rate(employee, supervisor, Rating::Sesuai, Rating::Sesuai).await;
            assert_eq!(saved, Saved::Created(Predikat::Baik));
        }
        // Without the organisation predikat there is nothing to weigh against yet.
        s.user(FITRI).say("/period 2027-q1").await;
        s.t.wait_idle(&s.fake).await;
        let page = s.last(FITRI);
        assert!(
            page.contains("Sudah dinilai: 11 dari 15 pegawai")
                && page.contains("Baik: 11 (100%)")
                && page.contains("Catat predikat organisasi"),
            "{page}"
        );
        // Everyone "Baik" in an organisation rated "Baik": the seed article's anomaly.
        s.press(FITRI, Button::OrgAsk(q1())).await;
        let choices = s.fake.sent_to(s.user(FITRI).id()).last().unwrap().labels();
        assert_eq!(choices.len(), 5, "{choices:?}");
        let recorded = s
            .press(FITRI, Button::Org(q1(), kinerja_bot::domain::predikat::OrgPredikat::Baik))
            .await;
        assert!(recorded.contains("dicatat"), "{recorded}");
        let page = s.last(FITRI);
        assert!(
            page.contains("Predikat organisasi: Baik")
                && page.contains("Baik sebaiknya paling banyak 70%; sekarang 100% (11 orang)")
                && page.contains(
                    "Sebaiknya ada pegawai dengan predikat Butuh Perbaikan / Kurang/Misconduct"
                )
                && page.contains("Unit yang sebarannya di luar pola (")
                && page.contains("Badan Kepegawaian Daerah > Bidang Mutasi")
                && page.contains("bukan larangan"),
            "{page}"
        );
        // Two results below expectation and two excellent ones: the pattern fits.
        s.rate(DIMAS, AGUS, Rating::DiBawah, Rating::Sesuai).await;
        s.rate(MAYA, RATNA, Rating::DiBawah, Rating::DiAtas).await;
        s.rate(FITRI, SRI, Rating::DiAtas, Rating::DiAtas).await;
        s.rate(YUSUF, BAMBANG, Rating::DiAtas, Rating::DiAtas).await;
        s.user(FITRI).say("/period 2027-q1").await;
        s.t.wait_idle(&s.fake).await;
        let page = s.last(FITRI);
        assert!(
            page.contains("Baik: 7 (64%)")
                && page.contains("Butuh Perbaikan: 2 (18%)")
                && page.contains("Sebaran ini sesuai pola untuk predikat organisasi Baik"),
            "{page}"
        );
        // Per unit it does not fit everywhere: Bidang Penilaian Kinerja has nobody below.
        assert!(
            page.contains("Badan Kepegawaian Daerah > Bidang Penilaian Kinerja"),
            "{page}"
        );
        // A unit's HR sees their own unit's figures only.
        s.user(YUSUF).say("/period 2027-q1").await;
        s.t.wait_idle(&s.fake).await;
        let unit = s.last(YUSUF);
        assert!(
            unit.contains("Sudah dinilai: 4 dari 5 pegawai")
                && unit.contains("Sangat Baik: 1 (25%)")
                && !unit.contains("Bidang Mutasi"),
            "{unit}"
        );
        s.t.stop().await;
    }
);

on_both_backends!(
    hr_records_a_units_result_within_their_scope_only,
    |db: TestDb| async move {
        let s = setup(&db).await;
        s.open_q1().await;
        let units = storage::org::units(&s.t.app.db).await.unwrap();
        let own = units
            .iter()
            .find(|(p, _)| p.key() == "Badan Kepegawaian Daerah > Bidang Penilaian Kinerja")
            .map(|(_, id)| *id)
            .unwrap();
        let other = units
            .iter()
            .find(|(p, _)| p.key() == "Badan Kepegawaian Daerah > Bidang Mutasi")
            .map(|(_, id)| *id)
            .unwrap();
        s.press(YUSUF, Button::Units(q1(), 0)).await;
        let offered = s.fake.sent_to(s.user(YUSUF).id()).last().unwrap().labels();
        assert_eq!(
            offered,
            ["Badan Kepegawaian Daerah > Bidang Penilaian Kinerja"],
            "a unit's HR is offered their own subtree"
        );
        s.press(YUSUF, Button::Unit(q1(), own)).await;
        assert!(
            s.last(YUSUF).contains("sekarang: belum dicatat"),
            "{}",
            s.last(YUSUF)
        );
        s.press(YUSUF, Button::UnitResult(q1(), own, Rating::DiAtas))
            .await;
        assert!(
            s.last(YUSUF).contains("dicatat: Di atas ekspektasi"),
            "{}",
            s.last(YUSUF)
        );
        let refused = s
            .press(YUSUF, Button::UnitResult(q1(), other, Rating::DiBawah))
            .await;
        assert!(refused.contains("tidak berwenang"), "{refused}");
        let db_ = &s.t.app.db;
        assert_eq!(
            storage::periods::unit_result(db_, q1(), own).await.unwrap(),
            Some(Rating::DiAtas)
        );
        assert_eq!(
            storage::periods::unit_result(db_, q1(), other)
                .await
                .unwrap(),
            None
        );
        // The unit's head is rated on it: Bambang's hasil kerja is his unit's result.
        let rate = Rate {
            period: q1(),
            employee_nip: BAMBANG,
            supervisor_nip: HENDRA,
            hasil: Hasil::FromUnit,
            perilaku: Rating::DiAtas,
            note: None,
            evidence: "{}",
        };
        let saved = storage::evaluations::save(db_, rate, now().timestamp())
            .await
            .unwrap();
        assert_eq!(saved, Saved::Created(Predikat::SangatBaik));
        let stored = storage::evaluations::get(db_, q1(), BAMBANG)
            .await
            .unwrap()
            .unwrap();
        assert!(stored.hasil_from_unit && stored.hasil == Rating::DiAtas);
        // HR corrects the unit's result: the head's hasil and predikat follow, audited.
        s.press(YUSUF, Button::UnitResult(q1(), own, Rating::Sesuai))
            .await;
        let told = s.last(YUSUF);
        assert!(
            told.contains("dicatat: Sesuai ekspektasi") && told.contains("1 kepala unit"),
            "{told}"
        );
        let stored = storage::evaluations::get(db_, q1(), BAMBANG)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (stored.hasil, stored.predikat, stored.revision),
            (Rating::Sesuai, Predikat::Baik, 1)
        );
        let audit = storage::evaluations::changes(db_, q1(), BAMBANG)
            .await
            .unwrap();
        assert_eq!(audit.len(), 1);
        assert_eq!(audit[0].changed_by, YUSUF);
        assert!(
            audit[0].before.contains("sangat-baik"),
            "{}",
            audit[0].before
        );
        s.t.stop().await;
    }
);

on_both_backends!(
    a_locked_period_freezes_its_ratings_dialogs_and_360_answers,
    |db: TestDb| async move {
        let s = setup(&db).await;
        s.open_q1().await;
        assert_eq!(
            s.rate(DIMAS, AGUS, Rating::Sesuai, Rating::Sesuai).await,
            Saved::Created(Predikat::Baik)
        );
        // Closing stops rating; reopening allows it again.
        assert!(
            s.press(FITRI, Button::Close(q1()))
                .await
                .contains("ditutup")
        );
        assert_eq!(
            s.rate(DIMAS, AGUS, Rating::DiAtas, Rating::DiAtas).await,
            Saved::NotOpen(PeriodState::Closed)
        );
        s.press(FITRI, Button::Reopen(q1())).await;
        assert_eq!(
            s.rate(DIMAS, AGUS, Rating::DiAtas, Rating::Sesuai).await,
            Saved::Changed(Predikat::Baik)
        );
        // A dialog held in the period, recorded before the lock and not yet acknowledged.
        let db_ = &s.t.app.db;
        let who = storage::dialogs::person_by_nip(db_, DIMAS)
            .await
            .unwrap()
            .unwrap();
        let content =
            |day: u32| evaluation_dialog(chrono::NaiveDate::from_ymd_opt(2027, 3, day).unwrap());
        let notice = ask_to_confirm;
        let people = [who];
        let before = storage::dialogs::save(db_, "before", AGUS, &content(15), &people, notice, 1)
            .await
            .unwrap()
            .unwrap();
        // The lock asks first.
        s.press(FITRI, Button::Lock(q1())).await;
        assert!(
            s.last(FITRI).contains("tidak dapat dibuka kembali"),
            "{}",
            s.last(FITRI)
        );
        assert_eq!(s.state().await, PeriodState::Open);
        let locked = s.press(FITRI, Button::LockConfirmed(q1())).await;
        assert!(locked.contains("dikunci"), "{locked}");
        let page = s.last(FITRI);
        assert!(page.contains("Status: dikunci — final"), "{page}");
        // Only the export files are left to press.
        let labels = s.fake.sent_to(s.user(FITRI).id()).last().unwrap().labels();
        assert_eq!(labels.len(), 4, "{labels:?}");
        assert!(
            labels
                .iter()
                .all(|l| l.contains("CSV") || l.contains("XLSX")),
            "{labels:?}"
        );
        s.tap(FITRI, "Kolom e-Kinerja (CSV)").await;
        let file = s.fake.sent_to(s.user(FITRI).id()).last().unwrap().clone();
        assert_eq!(file.method, "sendDocument");
        let csv = String::from_utf8_lossy(file.file.as_deref().unwrap_or_default()).to_string();
        let dimas = csv.lines().find(|l| l.contains(DIMAS)).unwrap_or_default();
        assert!(
            dimas.contains("Di Atas Ekspektasi;Sesuai Ekspektasi;Baik"),
            "{csv}"
        );

        // Ratings: refused, and the stored one stays as it was.
        assert_eq!(
            s.rate(DIMAS, AGUS, Rating::DiBawah, Rating::DiBawah).await,
            Saved::NotOpen(PeriodState::Locked)
        );
        let db_ = &s.t.app.db;
        let stored = storage::evaluations::get(db_, q1(), DIMAS)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((stored.hasil, stored.revision), (Rating::DiAtas, 1));
        // A lock is final: no reopening, no new organisation predikat.
        let again = s.press(FITRI, Button::Reopen(q1())).await;
        assert!(again.contains("sudah dikunci"), "{again}");
        let org = s
            .press(
                FITRI,
                Button::Org(q1(), kinerja_bot::domain::predikat::OrgPredikat::Kurang),
            )
            .await;
        assert!(org.contains("sudah dikunci"), "{org}");
        assert_eq!(s.state().await, PeriodState::Locked);
        // Nor can a month inside it be defined afterwards.
        let inside = s.user(FITRI).say("/period open 2027-02").await;
        assert!(
            inside.contains("di dalam periode yang sudah dikunci"),
            "{inside}"
        );

        // A supervisor recording a dialog held in the period is told at the date.
        s.user(AGUS).say("/dialog").await;
        s.t.wait_idle(&s.fake).await;
        s.tap(AGUS, "📝 Catat dialog").await;
        s.tap(AGUS, "Dimas Prasetyo, S.T.").await;
        s.tap(AGUS, "Lanjut ➡️").await;
        s.tap(AGUS, "Umpan balik berkelanjutan").await;
        s.tap(AGUS, "Tatap muka").await;
        let told = s.user(AGUS).say("30-03-2027").await;
        assert!(told.contains("sudah dikunci"), "{told}");
        let asked_again = s.user(AGUS).say("kemarin").await;
        assert!(asked_again.contains("Progres pekerjaan"), "{asked_again}");

        let refused = storage::dialogs::save(db_, "late", AGUS, &content(30), &people, notice, 1)
            .await
            .unwrap();
        assert_eq!(refused, Err(storage::dialogs::Refused::Locked));
        // The one stored before: no acknowledgement, no correction; a replay of its save still
        // answers "saved".
        let id = before[0].id;
        let ack = storage::dialogs::acknowledge(db_, id, 0, DIMAS, None, |_| None, 2)
            .await
            .unwrap();
        assert_eq!(ack.map(|_| ()), Err(storage::dialogs::Refused::Locked));
        let fixed = storage::dialogs::correct(
            db_,
            id,
            "fix",
            AGUS,
            &content(16),
            |d| notice(d.id, &people[0]),
            2,
        )
        .await
        .unwrap();
        assert_eq!(fixed.map(|_| ()), Err(storage::dialogs::Refused::Locked));
        let replay = storage::dialogs::save(db_, "before", AGUS, &content(15), &people, notice, 3)
            .await
            .unwrap()
            .unwrap();
        assert!(!replay[0].fresh);
        let kept = storage::dialogs::get(db_, id).await.unwrap().unwrap();
        assert_eq!(
            (kept.ack, kept.content.held_on),
            (
                kinerja_bot::domain::dialog::Ack::Pending,
                chrono::NaiveDate::from_ymd_opt(2027, 3, 15).unwrap()
            )
        );
        let april = storage::dialogs::Content {
            held_on: chrono::NaiveDate::from_ymd_opt(2027, 4, 1).unwrap(),
            ..content(1)
        };
        let saved = storage::dialogs::save(db_, "april", AGUS, &april, &people, notice, 1)
            .await
            .unwrap();
        assert!(saved.is_ok(), "a dialog after the period is still recorded");
        let dialogs: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM dialogs")
            .fetch_one(db_.pool())
            .await
            .unwrap();
        assert_eq!(dialogs, 2);
        s.t.stop().await;
    }
);

on_both_backends!(
    a_lock_pressed_while_supervisors_save_leaves_nothing_after_it,
    |db: TestDb| async move {
        let s = setup(&db).await;
        s.open_q1().await;
        // Every supervisor saves (and saves again) while HR locks and other HR read the page.
        let saves = RATED.iter().flat_map(|(employee, supervisor)| {
            let s = &s;
            [Rating::Sesuai, Rating::DiAtas].map(move |perilaku| async move {
                let rate = Rate {
                    period: q1(),
                    employee_nip: employee,
                    supervisor_nip: supervisor,
                    hasil: Hasil::Rated(Rating::Sesuai),
                    perilaku,
                    note: None,
                    evidence: "{}",
                };
                storage::evaluations::save(&s.t.app.db, rate, now().timestamp())
                    .await
                    .unwrap()
            })
        });
        let lock = async {
            s.user(YUSUF).send("/period 2027-q1");
            s.user(MAYA).send("/period 2027-q1");
            s.press(FITRI, Button::LockConfirmed(q1())).await
        };
        let (outcomes, answer) = tokio::join!(futures::future::join_all(saves), lock);
        assert!(answer.contains("dikunci"), "{answer}");
        s.t.wait_idle(&s.fake).await;
        assert_eq!(s.state().await, PeriodState::Locked);
        for o in &outcomes {
            assert!(
                matches!(
                    o,
                    Saved::Created(_)
                        | Saved::Changed(_)
                        | Saved::Unchanged(_)
                        | Saved::NotOpen(PeriodState::Locked)
                ),
                "{o:?}"
            );
        }
        // Whatever was stored was stored before the lock, and nothing moves after it.
        let before: Vec<(String, i64)> =
            sqlx::query_as("SELECT employee_nip, revision FROM evaluations ORDER BY employee_nip")
                .fetch_all(s.t.app.db.pool())
                .await
                .unwrap();
        let created = outcomes
            .iter()
            .filter(|o| matches!(o, Saved::Created(_)))
            .count();
        assert_eq!(before.len(), created);
        for (employee, supervisor) in RATED {
            assert_eq!(
                s.rate(employee, supervisor, Rating::DiBawah, Rating::DiBawah)
                    .await,
                Saved::NotOpen(PeriodState::Locked)
            );
        }
        let after: Vec<(String, i64)> =
            sqlx::query_as("SELECT employee_nip, revision FROM evaluations ORDER BY employee_nip")
                .fetch_all(s.t.app.db.pool())
                .await
                .unwrap();
        assert_eq!(before, after);
        // The other HR read the page before or after the lock, never an error.
        for hr in [YUSUF, MAYA] {
            assert!(s.last(hr).contains("Status: di"), "{}", s.last(hr));
        }
        s.t.stop().await;
    }
);

on_both_backends!(
    a_360_rater_tapping_after_the_lock_is_told_and_nothing_changes,
    |db: TestDb| async move {
        use kinerja_bot::bot::features::feedback::Button as Feedback;
        use kinerja_bot::domain::AssignmentId;
        use kinerja_bot::domain::authz::Scope;
        use kinerja_bot::domain::berakhlak::Value;
        use kinerja_bot::storage::{feedback_answers, feedback_rounds};

        let s = setup(&db).await;
        s.open_q1().await;
        // A round for the quarter, still taking answers after the quarter's end.
        let db_ = &s.t.app.db;
        let new = feedback_rounds::NewRound {
            key: "q1".into(),
            scope: Scope::Organisation,
            period: q1(),
            opens_on: chrono::NaiveDate::from_ymd_opt(2027, 3, 29).unwrap(),
            closes_on: chrono::NaiveDate::from_ymd_opt(2027, 4, 9).unwrap(),
            seed: 7,
            max_peers: 5,
            max_subordinates: 5,
            include_self: false,
            created_by: FITRI.into(),
        };
        let plan = feedback_rounds::plan(db_, &new).await.unwrap();
        let today = now().date_naive();
        feedback_rounds::create(
            db_,
            &new,
            &plan,
            chrono::NaiveDate::from_ymd_opt(2027, 3, 28).unwrap(),
            0,
        )
        .await
        .unwrap()
        .unwrap();
        let id: i64 = sqlx::query_scalar(
            "SELECT id FROM feedback_assignments WHERE rater_nip = $1 AND ratee_nip = $2",
        )
        .bind(AGUS)
        .bind(DIMAS)
        .fetch_one(db_.pool())
        .await
        .unwrap();
        let a = feedback_answers::writable(db_, AssignmentId(id), AGUS, today)
            .await
            .unwrap()
            .unwrap();
        feedback_answers::answer(db_, &a, Value::ALL[0], Rating::Sesuai, today, 1)
            .await
            .unwrap()
            .unwrap();

        s.press(FITRI, Button::LockConfirmed(q1())).await;
        let answer = s
            .press(
                AGUS,
                Feedback::Answer(AssignmentId(id), Value::ALL[0], Rating::DiBawah),
            )
            .await;
        assert!(answer.contains("dikunci"), "{answer}");
        let refused = feedback_answers::set_comment(db_, &a, Some("terlambat"), today)
            .await
            .unwrap();
        assert_eq!(refused, Err(feedback_answers::Refused::Locked));
        let stored: Vec<(String, String)> =
            sqlx::query_as("SELECT value, rating FROM feedback_answers WHERE assignment_id = $1")
                .bind(id)
                .fetch_all(db_.pool())
                .await
                .unwrap();
        assert_eq!(
            stored,
            [(Value::ALL[0].code().to_owned(), "sesuai".to_owned())]
        );
        s.t.stop().await;
    }
);

on_both_backends!(
    writers_wait_for_a_lock_being_committed_and_are_then_refused,
    |db: TestDb| async move {
        let s = setup(&db).await;
        s.open_q1().await;
        let db_ = s.t.app.db.clone();
        let who = storage::dialogs::person_by_nip(&db_, DIMAS)
            .await
            .unwrap()
            .unwrap();
        // HR's lock, written and not yet committed.
        let mut lock = db_.begin_write().await.unwrap();
        sqlx::query("UPDATE periods SET state = 'locked' WHERE code = '2027-q1'")
            .execute(&mut *lock)
            .await
            .unwrap();
        let rating = {
            let db_ = db_.clone();
            tokio::spawn(async move {
                let rate = Rate {
                    period: q1(),
                    employee_nip: DIMAS,
                    supervisor_nip: AGUS,
                    hasil: Hasil::Rated(Rating::Sesuai),
                    perilaku: Rating::Sesuai,
                    note: None,
                    evidence: "{}",
                };
                storage::evaluations::save(&db_, rate, 1).await.unwrap()
            })
        };
        let dialog = {
            let db_ = db_.clone();
            tokio::spawn(async move {
                let day = chrono::NaiveDate::from_ymd_opt(2027, 3, 30).unwrap();
                let content = evaluation_dialog(day);
                let notice = ask_to_confirm;
                storage::dialogs::save(&db_, "racing", AGUS, &content, &[who], notice, 1)
                    .await
                    .unwrap()
            })
        };
        // Give both writers time to read the period while the lock is uncommitted; a writer
        // that did not wait for it would store its record now.
        tokio::time::sleep(Duration::from_millis(300)).await;
        lock.commit().await.unwrap();
        assert_eq!(rating.await.unwrap(), Saved::NotOpen(PeriodState::Locked));
        assert_eq!(
            dialog.await.unwrap().map(|_| ()),
            Err(storage::dialogs::Refused::Locked)
        );
        let stored: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM evaluations) + (SELECT COUNT(*) FROM dialogs)",
        )
        .fetch_one(db_.pool())
        .await
        .unwrap();
        assert_eq!(stored, 0);
        s.t.stop().await;
    }
);
