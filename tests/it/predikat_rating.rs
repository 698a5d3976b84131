//! The supervisor's evaluation at period end (`/predikat`) through the fake Bot API: the whole
//! flow for one subordinate with the matrix checked in the preview for all nine ratings, the
//! evidence card (the period's dialogs; a 360 peer group shown at the minimum and hidden below
//! it), a unit head whose hasil is HR's unit result, a change before the lock (audited) and one
//! after it (refused), a closed period, forged and stale presses, a pegawai without
//! subordinates, the period choice, and many supervisors rating their teams at once.
//!
//! Periods, unit results, dialogs and 360 answers are written through storage, as HR's and the
//! other features' flows would; everything a supervisor does goes through the bot.

use std::time::Duration;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use kinerja_bot::bot::features::predikat::Button;
use kinerja_bot::clock::Clock;
use kinerja_bot::domain::authz::Scope;
use kinerja_bot::domain::berakhlak::{Rating, Value};
use kinerja_bot::domain::dialog::{FollowUpKind, Giver, Kind, Mode, Point};
use kinerja_bot::domain::period::{Period, PeriodState};
use kinerja_bot::domain::predikat::{OrgPredikat, Predikat};
use kinerja_bot::domain::{AssignmentId, EmployeeRef, Lang, RoundId};
use kinerja_bot::i18n::{Msg, text};
use kinerja_bot::storage::{
    Db, dialogs, evaluations, feedback_answers, feedback_rounds, outbox, periods,
};

use crate::support::fake_telegram::{Sent, TestUser};
use crate::support::{
    FakeTelegram, TestApp, TestDb, button_answers, forged, import_example, import_generated,
    link_everyone, reimport_example_moving,
};

const HR: &str = "198607192010012002";

const INDAH_NAME: &str = "Indah Permatasari, S.E.";
const ANDI_NAME: &str = "Andi Saputra";
const BAMBANG_NAME: &str = "Bambang Sutrisno, S.E.";

const FIRST_USER: i64 = 881_000;

const DISCARD: &str = "🗑 Batal";
const SAVE: &str = "💾 Simpan";
const CHANGE: &str = "✏️ Ubah penilaian";
const NO_NOTE: &str = "Tanpa catatan";

fn utc(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// 09:00 WIB on Monday 5 April 2027: the first quarter has ended, its round has closed.
fn now() -> DateTime<Utc> {
    utc(2027, 4, 5, 2)
}

fn q1() -> Period {
    Period::parse("2027-q1").unwrap()
}

fn label(r: Rating) -> &'static str {
    r.label(Lang::Id)
}

/// The regulation's matrix as `shared/domain/predikat.toml` writes it, independent of the
/// bot's own code: hasil kerja, perilaku kerja, predikat.
const MATRIX: [(Rating, Rating, Predikat); 9] = {
    use Predikat as P;
    use Rating as R;
    [
        (R::DiAtas, R::DiAtas, P::SangatBaik),
        (R::DiAtas, R::Sesuai, P::Baik),
        (R::DiAtas, R::DiBawah, P::Kurang),
        (R::Sesuai, R::DiAtas, P::Baik),
        (R::Sesuai, R::Sesuai, P::Baik),
        (R::Sesuai, R::DiBawah, P::Kurang),
        (R::DiBawah, R::DiAtas, P::ButuhPerbaikan),
        (R::DiBawah, R::Sesuai, P::ButuhPerbaikan),
        (R::DiBawah, R::DiBawah, P::SangatKurang),
    ]
};

fn matrix(hasil: Rating, perilaku: Rating) -> Predikat {
    MATRIX
        .iter()
        .find(|(h, p, _)| *h == hasil && *p == perilaku)
        .unwrap()
        .2
}

fn predikat_name(p: Predikat) -> &'static str {
    match p {
        Predikat::SangatBaik => "Sangat Baik",
        Predikat::Baik => "Baik",
        Predikat::ButuhPerbaikan => "Butuh Perbaikan",
        Predikat::Kurang => "Kurang/Misconduct",
        Predikat::SangatKurang => "Sangat Kurang",
    }
}

struct World {
    fake: FakeTelegram,
    _db: TestDb,
    conn: Db,
    app: TestApp,
    linked: Vec<(String, i64)>,
}

/// The example agency imported and linked, the bot running on 5 April 2027, and the first
/// quarter defined and open.
async fn world(db: TestDb) -> World {
    import_example(&db).await;
    world_on(db).await
}

/// The organisation already in `db`, linked, with the first quarter open.
async fn world_on(db: TestDb) -> World {
    let w = spawn(db).await;
    w.define(q1()).await;
    w
}

/// The bot on the organisation in `db`, everyone linked, no period defined.
async fn spawn(db: TestDb) -> World {
    let linked = link_everyone(&db, FIRST_USER).await;
    let fake = FakeTelegram::start().await;
    let app = TestApp::spawn_with(&fake, &db, now(), |s| {
        // No monthly dialog reminders in the supervisors' chats.
        s.file.dialog.reminder = "0 0 9 29 2 *".into();
        s.file.dialog.follow_up = "0 0 9 29 2 *".into();
        // Neither the flood limit per person nor Telegram's pace per chat is what these tests
        // are about: a supervisor here taps as fast as the bot answers.
        s.file.flood.max_updates = 1000;
        s.file.rate_limits.per_chat_interval_ms = 0;
        s.file.rate_limits.messages_per_second = 1000;
    })
    .await;
    let conn = db.connect().await;
    World {
        fake,
        _db: db,
        conn,
        app,
        linked,
    }
}

impl World {
    fn user_id(&self, nip: &str) -> i64 {
        self.linked
            .iter()
            .find(|(n, _)| n == nip)
            .unwrap_or_else(|| panic!("{nip} is not linked"))
            .1
    }

    fn rater(&self, nip: &str) -> Rater<'_> {
        Rater {
            w: self,
            user: self.fake.user(self.user_id(nip), "tg", Some("id")),
        }
    }

    fn ts(&self) -> i64 {
        self.app.clock.now().timestamp()
    }

    async fn define(&self, p: Period) {
        periods::define(&self.conn, p, HR, self.ts()).await.unwrap();
    }

    async fn set_state(&self, p: Period, to: PeriodState) {
        let changed = periods::change_state(&self.conn, p, to, HR, self.ts());
        changed.await.unwrap().unwrap();
    }

    async fn employee_ref(&self, nip: &str) -> EmployeeRef {
        let r: i64 = sqlx::query_scalar("SELECT ref FROM employees WHERE nip = $1")
            .bind(nip)
            .fetch_one(self.conn.pool())
            .await
            .unwrap();
        EmployeeRef(r)
    }

    async fn evaluation(&self, nip: &str) -> Option<evaluations::Evaluation> {
        evaluations::get(&self.conn, q1(), nip).await.unwrap()
    }

    async fn evaluations(&self) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM evaluations")
            .fetch_one(self.conn.pool())
            .await
            .unwrap()
    }

    async fn stop(self) {
        self.conn.close().await;
        self.app.stop().await;
    }
}

/// A supervisor in their chat.
struct Rater<'a> {
    w: &'a World,
    user: TestUser,
}

fn has_button(m: &Sent, label: &str) -> bool {
    m.labels().iter().any(|l| l == label)
}

impl Rater<'_> {
    fn id(&self) -> i64 {
        self.user.id()
    }

    fn messages(&self) -> Vec<Sent> {
        self.w.fake.sent_to(self.id())
    }

    /// The rating's current question: the newest message with the discard button.
    fn prompt(&self) -> Sent {
        prompt_in(&self.messages()).expect("no rating prompt")
    }

    fn answers(&self) -> Vec<Option<String>> {
        button_answers(&self.w.fake, self.id())
    }

    /// Waits until the bot has answered more than `answers` of this person's presses and is
    /// idle.
    async fn until_answered(&self, answers: usize) {
        let id = self.id();
        self.w
            .fake
            .wait_until(Duration::from_secs(30), "the press answered", |f| {
                button_answers(f, id).len() > answers
            })
            .await;
        self.w.app.wait_idle(&self.w.fake).await;
    }

    /// Types `text`, waits until a message arrives after it that satisfies `done`, and returns
    /// the messages since.
    async fn type_until(&self, text: &str, done: impl Fn(&Sent) -> bool) -> Vec<Sent> {
        let before = self.messages().len();
        self.user.send(text);
        self.wait(before, text, |m, b| m[b..].iter().any(&done))
            .await
    }

    /// Taps `label` on the newest message that has it and waits until `done` holds for the
    /// chat's messages (all of them, and how many there were before the tap).
    async fn tap_until(&self, label: &str, done: impl Fn(&[Sent], usize) -> bool) -> Vec<Sent> {
        let before = self.messages().len();
        self.user.tap(label);
        self.wait(before, label, done).await
    }

    async fn wait(
        &self,
        before: usize,
        what: &str,
        done: impl Fn(&[Sent], usize) -> bool,
    ) -> Vec<Sent> {
        let id = self.id();
        let what = format!("the answer to {what:?} in chat {id}");
        self.w
            .fake
            .wait_until(Duration::from_secs(60), &what, |f| {
                done(&f.sent_to(id), before)
            })
            .await;
        self.messages()[before..].to_vec()
    }

    /// Presses `data` on the chat's newest message (forged or stale: the bot cannot tell) and
    /// waits until the bot is done with it; returns the new messages and the press's answer.
    async fn press_data(&self, data: &str) -> (Vec<Sent>, Option<String>) {
        if self.messages().is_empty() {
            self.type_until("/help", |_| true).await;
        }
        let sent = self.messages();
        let answers = self.answers().len();
        self.user.press(sent.last().unwrap(), data);
        self.until_answered(answers).await;
        let answer = self.answers()[answers].clone();
        (self.messages()[sent.len()..].to_vec(), answer)
    }

    /// `/predikat`, answered by one message.
    async fn predikat(&self) -> Sent {
        let new = self.type_until("/predikat", |_| true).await;
        new[0].clone()
    }

    /// Taps a subordinate on the team list: the card and the first question. Returns the card.
    async fn open(&self, button: &str) -> String {
        let new = self
            .tap_until(button, |m, b| m[b..].iter().any(|s| has_button(s, DISCARD)))
            .await;
        let cards: Vec<&Sent> = new
            .iter()
            .filter(|s| s.text.starts_with("📋 Bahan penilaian"))
            .collect();
        assert_eq!(cards.len(), 1, "{new:#?}");
        cards[0].text.clone()
    }

    /// Taps a rating on the prompt and waits for the next question.
    async fn rate(&self, r: Rating, next: &'static str) -> String {
        let prompt = self.prompt().message_id;
        self.tap_until(label(r), |m, _| {
            m.iter()
                .any(|s| s.message_id == prompt && s.text.contains(next))
        })
        .await;
        self.prompt().text
    }

    async fn hasil(&self, r: Rating) -> String {
        self.rate(r, "\nPerilaku kerja ").await
    }

    async fn perilaku(&self, r: Rating) -> String {
        self.rate(r, "Catatan untuk penilaian ini").await
    }

    /// "No note": the preview.
    async fn skip_note(&self) -> String {
        let prompt = self.prompt().message_id;
        self.tap_until(NO_NOTE, |m, _| {
            m.iter()
                .any(|s| s.message_id == prompt && s.text.starts_with("Periksa sebelum menyimpan"))
        })
        .await;
        self.prompt().text
    }

    /// Types the note: the preview comes as a new message.
    async fn note(&self, note: &str) -> String {
        let new = self
            .type_until(note, |s| s.text.starts_with("Periksa sebelum menyimpan"))
            .await;
        new.last().unwrap().text.clone()
    }

    /// Hasil, perilaku, no note, "Simpan" on the open card: what the save answered.
    async fn rate_and_save(&self, hasil: Rating, perilaku: Rating) -> String {
        self.hasil(hasil).await;
        self.perilaku(perilaku).await;
        self.skip_note().await;
        self.save().await
    }

    /// "Simpan" that stores: the outcome's message, before the team list that follows it.
    async fn save(&self) -> String {
        let new = self
            .tap_until(SAVE, |m, b| {
                let Some(i) = m[b..].iter().position(|s| {
                    s.text.starts_with('✅') || s.text.starts_with("Tidak ada yang berubah")
                }) else {
                    return false;
                };
                m[b + i..]
                    .iter()
                    .any(|s| s.text.starts_with("Predikat kinerja —"))
            })
            .await;
        new.iter()
            .find(|s| s.text.starts_with('✅') || s.text.starts_with("Tidak ada yang berubah"))
            .unwrap()
            .text
            .clone()
    }

    /// Taps `label` and waits until the bot is done; returns the new messages.
    async fn tap_idle(&self, label: &str) -> Vec<Sent> {
        let before = self.messages().len();
        let answers = self.answers().len();
        self.user.tap(label);
        self.wait(before, label, |_, _| true).await;
        self.until_answered(answers).await;
        self.messages()[before..].to_vec()
    }
}

fn prompt_in(messages: &[Sent]) -> Option<Sent> {
    messages
        .iter()
        .rev()
        .find(|s| has_button(s, DISCARD))
        .cloned()
}

fn member_button(name: &str, state: &str) -> String {
    format!("{name} — {state}")
}

use crate::support::example::{ANDI, BAMBANG, HENDRA, INDAH, RATNA, RIZKY, TEGUH, YUSUF};
use Rating::{DiAtas, DiBawah, Sesuai};

on_both_backends!(
    a_supervisor_rates_one_subordinate_and_sees_the_matrixs_predikat_before_saving,
    |db| async move {
        let w = world(db).await;
        // The organisation's predikat: the team's distribution is weighed against its pattern.
        let org = periods::set_org_predikat(&w.conn, q1(), OrgPredikat::Baik, HR, w.ts());
        org.await.unwrap().unwrap();
        let bambang = w.rater(BAMBANG);
        let list = bambang.predikat().await;
        assert_eq!(
            list.text,
            "Predikat kinerja — Triwulan I 2027\nPilih bawahan untuk dinilai. Sudah dinilai: 0 \
             dari 4."
        );
        assert_eq!(
            list.labels(),
            [
                "Andi Saputra — belum dinilai",
                "Indah Permatasari, S.E. — belum dinilai",
                "Rizky Ramadhan, S.Stat. — belum dinilai",
                "Yusuf Maulana, S.Psi. — belum dinilai",
            ]
        );
        let card = bambang
            .open(&member_button(INDAH_NAME, "belum dinilai"))
            .await;
        assert!(
            card.starts_with("📋 Bahan penilaian Indah Permatasari, S.E. — Triwulan I 2027"),
            "{card}"
        );
        for line in [
            "Dialog kinerja dalam periode ini: belum ada.",
            "Umpan balik 360: belum ada hasil putaran untuk periode ini.",
            "Ekspektasi khusus pimpinan 2027: belum ada.",
            "Penilaian saat ini: belum dinilai.",
        ] {
            assert!(card.lines().any(|l| l == line), "{line:?} in:\n{card}");
        }
        let prompt = bambang.prompt();
        assert_eq!(
            prompt.text,
            "Hasil kerja Indah Permatasari, S.E. pada Triwulan I 2027?"
        );
        assert_eq!(
            prompt.labels(),
            [
                "Di bawah ekspektasi",
                "Sesuai ekspektasi",
                "Di atas ekspektasi",
                DISCARD
            ]
        );

        // Every cell of the matrix, as the preview shows it before anything is stored.
        for (hasil, perilaku, cell) in MATRIX {
            let asked = bambang.hasil(hasil).await;
            assert!(
                asked.starts_with(&format!("Hasil kerja: {}.\n", label(hasil))),
                "{asked}"
            );
            bambang.perilaku(perilaku).await;
            let preview = bambang.skip_note().await;
            let expected = predikat_name(cell);
            let head = format!(
                "Periksa sebelum menyimpan — Indah Permatasari, S.E., Triwulan I 2027\n\n\
                 Hasil kerja: {}\nPerilaku kerja: {}\nPredikat: {expected}\n\
                 Catatan: (tanpa catatan)\n\n",
                label(hasil),
                label(perilaku)
            );
            assert!(preview.starts_with(&head), "{preview}");
            assert!(
                preview.contains(&format!("\n{expected}: 1 (100%)")),
                "the distribution once saved: {preview}"
            );
            assert_eq!(w.evaluations().await, 0, "stored before Simpan");
            let prompt = bambang.prompt().message_id;
            bambang
                .tap_until(CHANGE, |m, _| {
                    m.iter().any(|s| {
                        s.message_id == prompt
                            && s.text.starts_with("Hasil kerja Indah Permatasari")
                    })
                })
                .await;
        }

        bambang.hasil(DiAtas).await;
        bambang.perilaku(Sesuai).await;
        let too_long = "x".repeat(501);
        let refused = bambang
            .type_until(&too_long, |s| s.text.starts_with("Catatan itu"))
            .await;
        assert_eq!(
            refused.last().unwrap().text,
            "Catatan itu 501 karakter; batasnya 500. Persingkat dan kirim lagi, atau pilih \
             \"Tanpa catatan\"."
        );
        let preview = bambang.note("Laporan triwulan selalu tepat waktu.").await;
        assert!(
            preview.contains("Predikat: Baik\nCatatan: Laporan triwulan selalu tepat waktu."),
            "{preview}"
        );
        let saved = bambang.save().await;
        assert_eq!(
            saved,
            "✅ Disimpan: predikat Indah Permatasari, S.E. untuk Triwulan I 2027 adalah Baik."
        );
        w.app.wait_idle(&w.fake).await;
        let list = bambang.messages().last().unwrap().clone();
        assert!(
            list.text.contains("Sudah dinilai: 1 dari 4.")
                && list.text.contains("Sebaran predikat tim Anda:\n")
                && list.text.contains("\nBaik: 1 (100%)"),
            "{}",
            list.text
        );
        // A consideration, worded as such: the rating was stored all the same.
        assert!(
            list.text.ends_with(
                "\n\nSebagai pertimbangan, bukan larangan: predikat organisasi periode ini Baik, \
                 dan untuk itu pola SE MenPANRB 3/2023 meminta:\n\
                 • Baik sebaiknya paling banyak 70%; sekarang 100% (1 orang).\n\
                 • Sebaiknya ada pegawai dengan predikat Butuh Perbaikan / Kurang/Misconduct; \
                 sekarang belum ada."
            ),
            "{}",
            list.text
        );
        assert!(
            has_button(&list, "Indah Permatasari, S.E. — Baik"),
            "{list:?}"
        );

        let e = w.evaluation(INDAH).await.expect("stored");
        assert_eq!(e.rated_by, BAMBANG);
        assert_eq!(
            (e.hasil, e.perilaku, e.predikat),
            (DiAtas, Sesuai, Predikat::Baik)
        );
        assert!(!e.hasil_from_unit);
        assert_eq!(
            e.note.as_deref(),
            Some("Laporan triwulan selalu tepat waktu.")
        );
        assert_eq!(e.rated_at, now().timestamp());
        let evidence: serde_json::Value = serde_json::from_str(&e.evidence).unwrap();
        assert_eq!(evidence["period"], "2027-q1");
        assert_eq!(evidence["dialogs"]["count"], 0);
        assert_eq!(evidence["feedback"], serde_json::json!([]));
        assert!(evidence.get("history").is_some(), "{evidence}");
        // Only one message asked for the rating: the prompt's buttons are gone once saved.
        assert!(prompt_in(&bambang.messages()).is_none());
        w.stop().await;
    }
);

/// A 360 round over the organisation for `period`, open `opens`..`closes`, created on
/// `created`; returns it.
async fn round(
    w: &World,
    period: &str,
    (created, opens, closes): (NaiveDate, NaiveDate, NaiveDate),
) -> RoundId {
    let new = feedback_rounds::NewRound {
        key: format!("test-{period}"),
        scope: Scope::Organisation,
        period: Period::parse(period).unwrap(),
        opens_on: opens,
        closes_on: closes,
        seed: 7,
        max_peers: 5,
        max_subordinates: 5,
        include_self: false,
        created_by: HR.into(),
    };
    let plan = feedback_rounds::plan(&w.conn, &new).await.unwrap();
    let created = feedback_rounds::create(&w.conn, &new, &plan, created, 0).await;
    created.unwrap().unwrap().0
}

/// `rater` answers `values` of the seven values about `ratee` with `rating` on `on`.
async fn answer(
    w: &World,
    round: RoundId,
    (ratee, rater): (&str, &str),
    rating: Rating,
    values: usize,
    on: NaiveDate,
) {
    let id: i64 = sqlx::query_scalar(
        "SELECT id FROM feedback_assignments \
         WHERE round_id = $1 AND ratee_nip = $2 AND rater_nip = $3",
    )
    .bind(round.0)
    .bind(ratee)
    .bind(rater)
    .fetch_one(w.conn.pool())
    .await
    .unwrap_or_else(|e| panic!("{rater} does not rate {ratee}: {e}"));
    let a = feedback_answers::writable(&w.conn, AssignmentId(id), rater, on)
        .await
        .unwrap()
        .unwrap();
    for v in Value::ALL.iter().take(values) {
        let stored = feedback_answers::answer(&w.conn, &a, *v, rating, on, 0);
        stored.await.unwrap().unwrap();
    }
}

/// A dialog Bambang recorded with `employee` on `held_on`, through storage as `/dialog` does.
async fn dialog(w: &World, employee: &str, held_on: NaiveDate, kind: Kind) {
    let person = dialogs::person_by_nip(&w.conn, employee)
        .await
        .unwrap()
        .unwrap();
    let content = dialogs::Content {
        kind,
        mode: Mode::TatapMuka,
        held_on,
        points: [(Point::HasilDiharapkan, "Laporan bulanan".to_owned())].into(),
        follow_up: Some(FollowUpKind::Coaching),
        follow_up_by: Some(Giver::Atasan),
        next_on: None,
    };
    let notice = |_, p: &dialogs::Person| dialogs::Notice {
        to: p.clone(),
        payload: outbox::Payload {
            text: "Catatan dialog kinerja".into(),
            html: false,
            keyboard: None,
        },
    };
    let key = format!("dialog-{employee}-{held_on}");
    let people = [person];
    let saved = dialogs::save(&w.conn, &key, BAMBANG, &content, &people, notice, w.ts());
    saved.await.unwrap().unwrap();
}

on_both_backends!(
    the_card_shows_the_periods_dialogs_and_hides_a_peer_group_below_the_minimum,
    |db| async move {
        let w = world(db).await;
        dialog(&w, INDAH, day(2027, 2, 10), Kind::Klarifikasi).await;
        dialog(&w, INDAH, day(2027, 3, 31), Kind::UmpanBalik).await;
        // Outside the quarter: not counted.
        dialog(&w, INDAH, day(2026, 12, 15), Kind::Evaluasi).await;

        let q1_round = round(
            &w,
            "2027-q1",
            (day(2027, 3, 10), day(2027, 3, 15), day(2027, 3, 25)),
        )
        .await;
        let on = day(2027, 3, 20);
        // Indah's three peers all answer: shown. Andi's: two in full and one short of the
        // seven values, so two count: hidden.
        answer(&w, q1_round, (INDAH, YUSUF), DiAtas, 7, on).await;
        answer(&w, q1_round, (INDAH, RIZKY), Sesuai, 7, on).await;
        answer(&w, q1_round, (INDAH, ANDI), Sesuai, 7, on).await;
        answer(&w, q1_round, (INDAH, BAMBANG), Sesuai, 7, on).await;
        answer(&w, q1_round, (ANDI, YUSUF), DiBawah, 7, on).await;
        answer(&w, q1_round, (ANDI, INDAH), DiBawah, 7, on).await;
        answer(&w, q1_round, (ANDI, RIZKY), DiBawah, 6, on).await;
        answer(&w, q1_round, (ANDI, BAMBANG), Sesuai, 7, on).await;
        // A round of last year's quarter is not this period's evidence.
        let q4_round = round(
            &w,
            "2026-q4",
            (day(2026, 11, 1), day(2026, 11, 10), day(2026, 11, 20)),
        )
        .await;
        answer(
            &w,
            q4_round,
            (INDAH, BAMBANG),
            DiBawah,
            7,
            day(2026, 11, 12),
        )
        .await;
        sqlx::query(
            "INSERT INTO special_expectations \
                 (employee_nip, period, value, text, supervisor_nip, updated_at) \
             VALUES ($1, '2027', 'akuntabel', 'Laporan bulanan tepat waktu', $2, 0)",
        )
        .bind(INDAH)
        .bind(BAMBANG)
        .execute(w.conn.pool())
        .await
        .unwrap();
        // The rounds' results-ready messages go out now, not in the middle of the chat below.
        kinerja_bot::scheduler::feedback::run_due(&w.app.app.deps(), now())
            .await
            .unwrap();
        w.app.wait_idle(&w.fake).await;

        let bambang = w.rater(BAMBANG);
        bambang.predikat().await;
        let card = bambang
            .open(&member_button(INDAH_NAME, "belum dinilai"))
            .await;
        let lines = |card: &str, expected: &[(&str, usize)]| {
            for (line, times) in expected {
                let found = card.lines().filter(|l| l == line).count();
                assert_eq!(found, *times, "{line:?} in:\n{card}");
            }
        };
        lines(
            &card,
            &[
                ("Dialog kinerja dalam periode ini: 2", 1),
                (
                    "Jenis: klarifikasi ekspektasi 1, umpan balik berkelanjutan 1",
                    1,
                ),
                (
                    "Tindak lanjut: coaching (belum selesai), coaching (belum selesai)",
                    1,
                ),
                (
                    "Tanggapan pegawai: dikonfirmasi 0 · dengan komentar 0 · menunggu 2 · \
                     tanpa tanggapan 0",
                    1,
                ),
                (
                    "Umpan balik 360 — Triwulan I 2027 (rekan kerja dan bawahan tampil hanya \
                     bila sedikitnya 3 orang menjawab lengkap)",
                    1,
                ),
                ("Berorientasi Pelayanan", 1),
                ("Atasan (1 jawaban): di bawah 0 · sesuai 1 · di atas 0", 7),
                (
                    "Rekan kerja (3 jawaban): di bawah 0 · sesuai 2 · di atas 1",
                    7,
                ),
                ("Total (4 jawaban): di bawah 0 · sesuai 3 · di atas 1", 7),
                ("Ekspektasi khusus pimpinan 2027", 1),
                ("• Akuntabel: Laporan bulanan tepat waktu", 1),
            ],
        );
        assert!(!card.contains("evaluasi kinerja"), "{card}");
        assert!(!card.contains("Triwulan IV 2026"), "{card}");
        assert!(
            !card.contains("Bawahan"),
            "Indah has no subordinates: {card}"
        );
        bambang.tap_idle(DISCARD).await;

        let card = bambang
            .open(&member_button(ANDI_NAME, "belum dinilai"))
            .await;
        lines(
            &card,
            &[
                ("Dialog kinerja dalam periode ini: belum ada.", 1),
                ("Rekan kerja: belum cukup jawaban", 7),
                ("Atasan (1 jawaban): di bawah 0 · sesuai 1 · di atas 0", 7),
                ("Total (1 jawaban): di bawah 0 · sesuai 1 · di atas 0", 7),
            ],
        );
        assert!(
            !card.contains("di bawah 2"),
            "the hidden answers leak: {card}"
        );
        bambang.rate_and_save(Sesuai, Sesuai).await;
        let e = w.evaluation(ANDI).await.unwrap();
        let evidence: serde_json::Value = serde_json::from_str(&e.evidence).unwrap();
        let peers = &evidence["feedback"][0]["values"][0]["groups"][1];
        assert_eq!(peers["group"], "peer", "{evidence}");
        assert_eq!(peers["counts"], serde_json::Value::Null, "{evidence}");
        assert_eq!(evidence["feedback"].as_array().unwrap().len(), 1);
        assert!(!e.evidence.contains("\"di_bawah\":2"), "{}", e.evidence);
        w.stop().await;
    }
);

on_both_backends!(
    a_unit_heads_hasil_is_hrs_unit_result_and_waits_for_it,
    |db| async move {
        let w = world(db).await;
        let hendra = w.rater(HENDRA);
        let list = hendra.predikat().await;
        assert!(
            list.text.contains("Sudah dinilai: 0 dari 3."),
            "{}",
            list.text
        );
        let card = hendra
            .open(&member_button(BAMBANG_NAME, "belum dinilai"))
            .await;
        assert!(
            card.contains(
                "Hasil kerja: Bambang Sutrisno, S.E. memimpin unitnya, jadi hasil kerjanya \
                 adalah hasil unit yang dicatat HR, dan HR belum mencatatnya."
            ),
            "{card}"
        );
        let prompt = hendra.prompt();
        assert_eq!(
            prompt.text,
            "Hasil kerja Bambang Sutrisno, S.E.: HR belum mencatat hasil unitnya. Anda dapat \
             menilai perilaku kerja sekarang, tetapi penilaian baru dapat disimpan setelah HR \
             mencatat hasil unit.\nPerilaku kerja Bambang Sutrisno, S.E. pada Triwulan I 2027?"
        );
        hendra.perilaku(Sesuai).await;
        let preview = hendra.skip_note().await;
        assert!(
            preview.contains(
                "Hasil kerja: menunggu hasil unit dari HR\nPerilaku kerja: Sesuai ekspektasi\n\
                 Predikat: menunggu hasil unit dari HR"
            ),
            "{preview}"
        );
        let new = hendra
            .tap_until(SAVE, |m, b| {
                m[b..].iter().any(|s| s.text.starts_with("HR belum"))
            })
            .await;
        assert_eq!(
            new.last().unwrap().text,
            "HR belum mencatat hasil unit Bambang Sutrisno, S.E. untuk Triwulan I 2027, jadi \
             penilaian ini belum dapat disimpan. Tekan Simpan lagi setelah HR mencatatnya, atau \
             /cancel."
        );
        w.app.wait_idle(&w.fake).await;
        assert!(w.evaluation(BAMBANG).await.is_none());

        let team = evaluations::team(&w.conn, q1(), HENDRA).await.unwrap();
        let unit = team.iter().find(|m| m.nip == BAMBANG).unwrap().unit_id;
        assert!(team.iter().find(|m| m.nip == BAMBANG).unwrap().is_head);
        let recorded = periods::set_unit_result(&w.conn, q1(), unit, DiAtas, HR, w.ts());
        recorded.await.unwrap().unwrap();
        // The preview showed no predikat: Simpan shows it first.
        let prompt = hendra.prompt().message_id;
        hendra
            .tap_until(SAVE, |m, _| {
                m.iter()
                    .any(|s| s.message_id == prompt && s.text.starts_with("Hasil unit dari HR"))
            })
            .await;
        let preview = hendra.prompt().text;
        assert!(
            preview.contains(
                "Hasil kerja: Di atas ekspektasi (hasil unit, dicatat HR)\n\
                 Perilaku kerja: Sesuai ekspektasi\nPredikat: Baik"
            ),
            "{preview}"
        );
        assert!(w.evaluation(BAMBANG).await.is_none());
        let saved = hendra.save().await;
        assert_eq!(
            saved,
            "✅ Disimpan: predikat Bambang Sutrisno, S.E. untuk Triwulan I 2027 adalah Baik."
        );
        let e = w.evaluation(BAMBANG).await.unwrap();
        assert_eq!(
            (e.hasil, e.perilaku, e.predikat),
            (DiAtas, Sesuai, Predikat::Baik)
        );
        assert!(e.hasil_from_unit);
        assert_eq!(e.rated_by, HENDRA);
        let evidence: serde_json::Value = serde_json::from_str(&e.evidence).unwrap();
        assert_eq!(evidence["unit_result"], "di-atas", "{evidence}");
        w.stop().await;
    }
);

on_both_backends!(
    a_change_before_the_lock_is_audited_and_one_after_it_is_refused,
    |db| async move {
        let w = world(db).await;
        let bambang = w.rater(BAMBANG);
        bambang.predikat().await;
        bambang
            .open(&member_button(INDAH_NAME, "belum dinilai"))
            .await;
        bambang.rate_and_save(Sesuai, Sesuai).await;

        // The same again stores nothing.
        let card = bambang.open(&member_button(INDAH_NAME, "Baik")).await;
        assert!(
            card.contains(
                "Penilaian saat ini: Baik (hasil kerja Sesuai ekspektasi, perilaku kerja Sesuai \
                 ekspektasi), 05-04-2027."
            ),
            "{card}"
        );
        assert!(
            bambang
                .prompt()
                .text
                .ends_with("\nSaat ini: Sesuai ekspektasi."),
            "{}",
            bambang.prompt().text
        );
        assert_eq!(
            bambang.rate_and_save(Sesuai, Sesuai).await,
            "Tidak ada yang berubah: penilaian Indah Permatasari, S.E. untuk Triwulan I 2027 \
             sudah sama (predikat Baik)."
        );
        assert!(
            evaluations::changes(&w.conn, q1(), INDAH)
                .await
                .unwrap()
                .is_empty()
        );

        w.app.clock.set(now() + chrono::Duration::hours(2));
        bambang.open(&member_button(INDAH_NAME, "Baik")).await;
        bambang.hasil(DiAtas).await;
        bambang.perilaku(DiAtas).await;
        bambang.note("Memimpin perbaikan proses.").await;
        assert_eq!(
            bambang.save().await,
            "✅ Diubah: predikat Indah Permatasari, S.E. untuk Triwulan I 2027 sekarang Sangat \
             Baik. Penilaian sebelumnya tetap tercatat dalam riwayat perubahan."
        );
        let changes = evaluations::changes(&w.conn, q1(), INDAH).await.unwrap();
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].changed_by, BAMBANG);
        assert_eq!(changes[0].changed_at, w.ts());
        let before: serde_json::Value = serde_json::from_str(&changes[0].before).unwrap();
        assert_eq!(before["predikat"], "baik");
        assert_eq!(before["hasil"], "sesuai");
        let e = w.evaluation(INDAH).await.unwrap();
        assert_eq!((e.predikat, e.revision), (Predikat::SangatBaik, 1));

        // HR locks the period while a change waits in the preview.
        bambang
            .open(&member_button(INDAH_NAME, "Sangat Baik"))
            .await;
        bambang.hasil(DiBawah).await;
        bambang.perilaku(DiBawah).await;
        let preview = bambang.skip_note().await;
        assert!(preview.contains("Predikat: Sangat Kurang"), "{preview}");
        w.set_state(q1(), PeriodState::Locked).await;
        let locked = "Periode Triwulan I 2027 sudah dikunci: penilaiannya final dan tidak dapat \
                      diubah lagi.";
        let new = bambang.tap_idle(SAVE).await;
        assert_eq!(new.last().unwrap().text, locked);
        let e = w.evaluation(INDAH).await.unwrap();
        assert_eq!((e.predikat, e.revision), (Predikat::SangatBaik, 1));
        assert_eq!(e.note.as_deref(), Some("Memimpin perbaikan proses."));
        assert_eq!(
            evaluations::changes(&w.conn, q1(), INDAH)
                .await
                .unwrap()
                .len(),
            1
        );
        assert!(
            prompt_in(&bambang.messages()).is_none(),
            "the prompt is closed"
        );

        // The team list's buttons and /predikat say so too.
        let (new, _) = bambang
            .press_data(&forged(Button::Subordinate(
                q1(),
                w.employee_ref(INDAH).await,
            )))
            .await;
        assert_eq!(new.len(), 1);
        assert_eq!(new[0].text, locked);
        let reply = bambang.predikat().await;
        assert_eq!(
            reply.text,
            "Tidak ada periode penilaian yang sedang dibuka; HR belum membuka periode \
             berikutnya. Periode terakhir:\n• Triwulan I 2027: dikunci (final)"
        );
        w.stop().await;
    }
);

on_both_backends!(
    a_closed_period_refuses_with_its_own_message,
    |db| async move {
        let w = world(db).await;
        let bambang = w.rater(BAMBANG);
        bambang.predikat().await;
        bambang
            .open(&member_button(INDAH_NAME, "belum dinilai"))
            .await;
        w.set_state(q1(), PeriodState::Closed).await;
        let new = bambang.tap_idle(label(Sesuai)).await;
        let closed = "Periode Triwulan I 2027 sudah ditutup oleh HR: penilaian tidak dapat disimpan \
                  atau diubah lagi, kecuali HR membukanya kembali.";
        assert_eq!(new.last().unwrap().text, closed);
        assert!(
            prompt_in(&bambang.messages()).is_none(),
            "the prompt is closed"
        );
        assert_eq!(w.evaluations().await, 0);
        let reply = bambang.predikat().await;
        assert_eq!(
            reply.text,
            "Tidak ada periode penilaian yang sedang dibuka; HR belum membuka periode berikutnya. \
         Periode terakhir:\n• Triwulan I 2027: ditutup"
        );
        let (new, _) = bambang
            .press_data(&forged(Button::Subordinate(
                q1(),
                w.employee_ref(ANDI).await,
            )))
            .await;
        assert_eq!(new.len(), 1);
        assert_eq!(new[0].text, closed);
        let (new, _) = bambang.press_data(&forged(Button::TeamPage(q1(), 0))).await;
        assert_eq!(new[0].text, closed);

        // Opened again, rating goes on.
        w.set_state(q1(), PeriodState::Open).await;
        let list = bambang.predikat().await;
        assert!(
            list.text.starts_with("Predikat kinerja — Triwulan I 2027"),
            "{}",
            list.text
        );
        w.stop().await;
    }
);

on_both_backends!(
    forged_and_stale_presses_are_refused_and_change_nothing,
    |db| async move {
        let w = world(db).await;
        let bambang = w.rater(BAMBANG);
        bambang.predikat().await;
        let not_allowed = Some(text(Lang::Id, Msg::NotAllowed));
        // Ratna's subordinate, nobody at all, and Bambang himself.
        for r in [
            w.employee_ref(TEGUH).await,
            EmployeeRef(987_654_321),
            w.employee_ref(BAMBANG).await,
        ] {
            let (new, answer) = bambang
                .press_data(&forged(Button::Subordinate(q1(), r)))
                .await;
            assert!(new.is_empty(), "{new:#?}");
            assert_eq!(answer, not_allowed);
        }
        // A pegawai forging a press for a colleague.
        let indah = w.rater(INDAH);
        let (new, answer) = indah
            .press_data(&forged(Button::Subordinate(
                q1(),
                w.employee_ref(ANDI).await,
            )))
            .await;
        assert!(new.is_empty(), "{new:#?}");
        assert_eq!(answer, not_allowed);
        // A prompt's button without the prompt.
        let (new, answer) = bambang.press_data(&forged(Button::Save)).await;
        assert!(new.is_empty());
        assert_eq!(answer, Some(text(Lang::Id, Msg::StaleButton)));
        // A period nobody defined.
        let q2 = Period::parse("2027-q2").unwrap();
        let (new, answer) = bambang
            .press_data(&forged(Button::Subordinate(
                q2,
                w.employee_ref(INDAH).await,
            )))
            .await;
        assert!(new.is_empty());
        assert_eq!(answer, Some(text(Lang::Id, Msg::PredikatPeriodUnknown)));

        // Andi moves to Ratna while Bambang's rating of him waits.
        bambang
            .open(&member_button(ANDI_NAME, "belum dinilai"))
            .await;
        bambang.hasil(DiAtas).await;
        reimport_example_moving(&w._db, ANDI, BAMBANG, RATNA).await;
        let new = bambang.tap_idle(label(DiAtas)).await;
        assert_eq!(
            new.last().unwrap().text,
            "Orang ini bukan (atau tidak lagi) bawahan langsung aktif Anda. Tidak ada yang \
             disimpan."
        );
        assert!(prompt_in(&bambang.messages()).is_none());
        assert_eq!(w.evaluations().await, 0);
        w.stop().await;
    }
);

on_both_backends!(
    a_pegawai_without_subordinates_and_a_period_choice,
    |db| async move {
        import_example(&db).await;
        let w = spawn(db).await;
        let indah = w.rater(INDAH);
        assert_eq!(
            indah.predikat().await.text,
            "Anda tidak memiliki bawahan langsung yang aktif dalam data organisasi, jadi tidak \
             ada yang Anda nilai. /predikat dipakai atasan untuk menilai hasil kerja dan \
             perilaku kerja bawahan langsungnya pada akhir periode."
        );
        let bambang = w.rater(BAMBANG);
        assert_eq!(
            bambang.predikat().await.text,
            "Pengelola kinerja (HR) belum membuka periode penilaian. Anda dapat menilai setelah \
             HR membukanya."
        );
        let march = Period::parse("2027-03").unwrap();
        w.define(q1()).await;
        w.define(march).await;
        let picker = bambang.predikat().await;
        assert_eq!(picker.text, "Pilih periode penilaian:");
        assert_eq!(
            picker.labels(),
            ["Triwulan I 2027 · dibuka", "Maret 2027 · dibuka"]
        );
        let new = bambang
            .tap_until("Maret 2027 · dibuka", |m, b| m.len() > b)
            .await;
        assert!(
            new[0].text.starts_with("Predikat kinerja — Maret 2027\n"),
            "{}",
            new[0].text
        );
        w.set_state(march, PeriodState::Closed).await;
        let new = bambang.tap_idle("Maret 2027 · dibuka").await;
        assert_eq!(
            new.last().unwrap().text,
            "Periode Maret 2027 sudah ditutup oleh HR: penilaian tidak dapat disimpan atau \
             diubah lagi, kecuali HR membukanya kembali."
        );
        // One open period left: straight in.
        let list = bambang.predikat().await;
        assert!(
            list.text
                .starts_with("Predikat kinerja — Triwulan I 2027\n"),
            "{}",
            list.text
        );
        w.stop().await;
    }
);

/// Rates every direct subordinate of `nip` in team order, page by page: hasil and perilaku
/// from `ratings` (hasil skipped for unit heads), no note.
async fn rate_team(w: &World, nip: &str, ratings: impl Fn(&str) -> (Rating, Rating)) {
    let rater = w.rater(nip);
    let team = evaluations::team(&w.conn, q1(), nip).await.unwrap();
    let list = rater.predikat().await;
    assert!(
        list.text
            .contains(&format!("Sudah dinilai: 0 dari {}.", team.len()))
    );
    for m in &team {
        let button = member_button(&m.name, "belum dinilai");
        // The list after a save shows the page of the one just rated: the next may be on the
        // page after it.
        let newest_list = rater
            .messages()
            .into_iter()
            .rev()
            .find(|s| s.text.starts_with("Predikat kinerja —"))
            .unwrap();
        if !has_button(&newest_list, &button) {
            let id = newest_list.message_id;
            let next = text(Lang::Id, Msg::PageNext);
            rater
                .tap_until(&next, |all, _| {
                    all.iter()
                        .any(|s| s.message_id == id && has_button(s, &button))
                })
                .await;
        }
        rater.open(&button).await;
        let (h, p) = ratings(&m.nip);
        if !m.is_head {
            rater.hasil(h).await;
        }
        rater.perilaku(p).await;
        rater.skip_note().await;
        let saved = rater.save().await;
        assert!(saved.starts_with("✅ Disimpan"), "{saved}");
    }
    let last = rater
        .messages()
        .into_iter()
        .rev()
        .find(|s| s.text.starts_with("Predikat kinerja —"))
        .unwrap();
    let all = format!("Sudah dinilai: {n} dari {n}.", n = team.len());
    assert!(last.text.contains(&all), "{}", last.text);
}

fn ratings_for(nip: &str) -> (Rating, Rating) {
    let n: usize = nip[15..].parse().unwrap();
    (Rating::ALL[n % 3], Rating::ALL[(n / 3 + 1) % 3])
}

on_both_backends!(many_supervisors_rate_their_teams_at_once, |db| async move {
    // Three units: the top unit's head has 19 staff and the two other heads (two pages),
    // each other head 19 staff.
    import_generated(&db, 60, 3).await;
    let w = world_on(db).await;
    let supervisors: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT supervisor_nip FROM employees \
         WHERE supervisor_nip IS NOT NULL AND active = 1 ORDER BY supervisor_nip",
    )
    .fetch_all(w.conn.pool())
    .await
    .unwrap();
    assert_eq!(supervisors.len(), 3);
    // HR records the heads' units' results.
    let mut heads = Vec::new();
    for s in &supervisors {
        for m in evaluations::team(&w.conn, q1(), s).await.unwrap() {
            if m.is_head {
                let unit_result = ratings_for(&m.nip).0;
                let set = periods::set_unit_result(&w.conn, q1(), m.unit_id, unit_result, HR, 0);
                set.await.unwrap().unwrap();
                heads.push(m.nip.clone());
            }
        }
    }
    assert_eq!(heads.len(), 2);
    let all = futures::future::join_all(supervisors.iter().map(|s| rate_team(&w, s, ratings_for)));
    tokio::time::timeout(Duration::from_secs(600), all)
        .await
        .expect("the supervisors finished rating");
    w.app.wait_idle(&w.fake).await;
    let stored: Vec<(String, String, String, String, i64)> = sqlx::query_as(
        "SELECT v.employee_nip, v.rated_by, v.predikat, e.supervisor_nip, v.hasil_from_unit \
         FROM evaluations v JOIN employees e ON e.nip = v.employee_nip ORDER BY 1",
    )
    .fetch_all(w.conn.pool())
    .await
    .unwrap();
    assert_eq!(stored.len(), 59);
    for (nip, rated_by, stored_predikat, supervisor, from_unit) in stored {
        assert_eq!(rated_by, supervisor, "{nip}");
        let (h, p) = ratings_for(&nip);
        assert_eq!(stored_predikat, matrix(h, p).code(), "{nip}");
        assert_eq!(from_unit == 1, heads.contains(&nip), "{nip}");
    }
    w.stop().await;
});
