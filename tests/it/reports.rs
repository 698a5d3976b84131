//! HR's reports per period (`/report`) through the fake Bot API: organisation HR reads each
//! report with the figures a person would check and a valid PNG chart; a unit's HR sees only
//! their units; a pegawai is refused, by command and by a forged button; the BerAKHLAK results
//! leave out a peer group below the minimum (in the text and in the chart, drawn again here
//! from the expected sums and compared byte for byte) and name no rater anywhere; and many HR
//! people asking at once all get their report.
//!
//! The data is written through storage, as the features would: dialogs straight into their
//! table (the recording flow is tested on its own), a 360 round with `feedback_rounds::create`
//! and answers with `feedback_answers::answer`, the period with `periods::define` and its
//! ratings with `evaluations::save`.

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use kinerja_bot::bot::features::reports::{Button, Report, values_chart};
use kinerja_bot::domain::authz::Scope;
use kinerja_bot::domain::berakhlak::{Rating, Value};
use kinerja_bot::domain::feedback_round::RoundPeriod;
use kinerja_bot::domain::period::Period;
use kinerja_bot::domain::predikat::OrgPredikat;
use kinerja_bot::domain::{AssignmentId, Lang, RoundId};
use kinerja_bot::i18n::{Msg, text};
use kinerja_bot::storage::evaluations::{self, Hasil, Rate, Saved};
use kinerja_bot::storage::{Db, feedback_answers, feedback_rounds, periods};

use crate::support::example::{
    ANDI, BAMBANG, DIMAS, FITRI, HENDRA, INDAH, MAYA, PUTRI, RATNA, RIZKY, TEGUH, YUSUF,
};
use crate::support::fake_telegram::{Sent, TestUser};
use crate::support::{
    FakeTelegram, Pressed, TestApp, TestDb, button_answers, forged, import_example,
    import_generated, link_everyone, unique_name,
};

const PENILAIAN: &str = "Badan Kepegawaian Daerah > Bidang Penilaian Kinerja";

fn utc(y: i32, mo: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, 0, 0).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn q4() -> Period {
    Period::parse("2026-q4").unwrap()
}

/// 09:00 WIB on 5 January 2027: the fourth quarter and its 360 round are over.
fn after_quarter() -> DateTime<Utc> {
    utc(2027, 1, 5, 2)
}

struct World {
    fake: FakeTelegram,
    conn: Db,
    app: TestApp,
    users: HashMap<String, i64>,
    _db: TestDb,
}

/// Width and height of a PNG, after checking its signature and header chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.len() > 24, "too short for a PNG");
    assert_eq!(bytes[..8], *b"\x89PNG\r\n\x1a\n", "not a PNG");
    assert_eq!(&bytes[12..16], b"IHDR");
    let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    (w, h)
}

/// A chart as a phone gets it: a PNG 1080 px wide, within Telegram's photo limits.
fn assert_chart(photo: &Sent, file: &str) {
    assert_eq!(photo.method, "sendPhoto");
    assert_eq!(photo.file_name.as_deref(), Some(file));
    let (w, h) = png_size(photo.file.as_deref().expect("the photo's bytes"));
    assert_eq!(w, 1080);
    assert!((300..=8_920).contains(&h), "{w}×{h}");
    assert!(photo.text.chars().count() <= 1024, "{}", photo.text);
    // `KB_CHART_DIR=/tmp/charts` keeps the charts to look at.
    if let Ok(dir) = std::env::var("KB_CHART_DIR") {
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(format!("{dir}/{file}"), photo.file.as_deref().unwrap());
    }
}

impl World {
    /// The example agency imported and everyone linked, the bot at `now`.
    async fn new(db: TestDb, now: DateTime<Utc>) -> World {
        import_example(&db).await;
        Self::linked(db, now).await
    }

    async fn linked(db: TestDb, now: DateTime<Utc>) -> World {
        let users = link_everyone(&db, 61_000).await.into_iter().collect();
        let fake = FakeTelegram::start().await;
        let app = TestApp::spawn_with(&fake, &db, now, |s| {
            // No monthly reminders in the chats under test.
            s.file.dialog.reminder = "0 0 9 29 2 *".into();
            s.file.dialog.follow_up = "0 0 9 29 2 *".into();
        })
        .await;
        let conn = db.connect().await;
        World {
            fake,
            conn,
            app,
            users,
            _db: db,
        }
    }

    fn user(&self, nip: &str) -> TestUser {
        self.fake.user(self.users[nip], "tg", Some("id"))
    }

    /// Sends `/report` and returns what came back.
    async fn command(&self, nip: &str) -> Pressed {
        let user = self.user(nip);
        let before = self.fake.sent_to(user.id()).len();
        user.say("/report").await;
        self.app.wait_idle(&self.fake).await;
        Pressed {
            messages: self.fake.sent_to(user.id())[before..].to_vec(),
            answers: Vec::new(),
        }
    }

    /// `nip` taps the button labelled `label` on their newest message that has one.
    async fn tap(&self, nip: &str, label: &str) -> Pressed {
        let user = self.user(nip);
        let sent = self.fake.sent_to(user.id()).len();
        let before = button_answers(&self.fake, user.id()).len();
        user.tap(label);
        self.settle(user.id(), before + 1).await;
        Pressed {
            messages: self.fake.sent_to(user.id())[sent..].to_vec(),
            answers: button_answers(&self.fake, user.id())[before..].to_vec(),
        }
    }

    /// `nip` presses `button` (forged or real: the bot cannot tell) on their newest message.
    async fn press(&self, nip: &str, button: Button) -> Pressed {
        let user = self.user(nip);
        if self.fake.sent_to(user.id()).is_empty() {
            user.say("/help").await;
        }
        let sent = self.fake.sent_to(user.id());
        let before = button_answers(&self.fake, user.id()).len();
        user.press(sent.last().unwrap(), &forged(button));
        self.settle(user.id(), before + 1).await;
        Pressed {
            messages: self.fake.sent_to(user.id())[sent.len()..].to_vec(),
            answers: button_answers(&self.fake, user.id())[before..].to_vec(),
        }
    }

    async fn settle(&self, user: i64, count: usize) {
        self.fake
            .wait_until(Duration::from_secs(60), "the press answered", |f| {
                button_answers(f, user).len() >= count
            })
            .await;
        self.app.wait_idle(&self.fake).await;
    }

    async fn stop(self) {
        self.conn.close().await;
        self.app.stop().await;
    }
}

async fn dialog(db: &Db, supervisor: &str, employee: &str, held_on: &str) {
    sqlx::query(
        "INSERT INTO dialogs (save_key, supervisor_nip, employee_nip, kind, mode, held_on, \
             points, ack, created_at, updated_at) \
         VALUES ($1, $2, $3, 'umpan-balik', 'tatap-muka', $4, '{}', 'pending', 0, 0)",
    )
    .bind(unique_name("report"))
    .bind(supervisor)
    .bind(employee)
    .bind(held_on)
    .execute(db.pool())
    .await
    .unwrap();
}

/// Rizky, Putri and Teguh in October, Teguh and Indah in November, nobody in December.
async fn dialogs(db: &Db) {
    dialog(db, RATNA, TEGUH, "2026-10-05").await;
    dialog(db, RATNA, PUTRI, "2026-10-19").await;
    dialog(db, BAMBANG, RIZKY, "2026-10-28").await;
    dialog(db, RATNA, TEGUH, "2026-11-09").await;
    dialog(db, BAMBANG, INDAH, "2026-11-30").await;
    // Outside the quarter: counts nowhere.
    dialog(db, RATNA, PUTRI, "2026-09-30").await;
}

/// The organisation-wide round of the fourth quarter, from 10 to 20 November. Bambang rates
/// Yusuf, Indah and Rizky (meets); Indah's peers Rizky and Andi rate her below (two: a group
/// too small to show); Rizky's peers Yusuf, Indah and Andi rate him above (three: shown).
async fn round(db: &Db) -> RoundId {
    let new = feedback_rounds::NewRound {
        key: "report-test-q4".into(),
        scope: Scope::Organisation,
        period: RoundPeriod::quarter(2026, 4).unwrap(),
        opens_on: day(2026, 11, 10),
        closes_on: day(2026, 11, 20),
        seed: 7,
        max_peers: 5,
        max_subordinates: 5,
        include_self: false,
        created_by: FITRI.into(),
    };
    let plan = feedback_rounds::plan(db, &new).await.unwrap();
    let created = feedback_rounds::create(db, &new, &plan, day(2026, 11, 2), 0)
        .await
        .unwrap();
    let (id, _) = created.unwrap_or_else(|r| panic!("round refused: {r:?}"));
    // Its messages count as sent: the chats under test hold the reports only.
    sqlx::query("UPDATE feedback_rounds SET prompted_at = 0, results_sent_at = 0 WHERE id = $1")
        .bind(id.0)
        .execute(db.pool())
        .await
        .unwrap();
    for ratee in [YUSUF, INDAH, RIZKY] {
        answer(db, id, ratee, BAMBANG, Rating::Sesuai).await;
    }
    for peer in [RIZKY, ANDI] {
        answer(db, id, INDAH, peer, Rating::DiBawah).await;
    }
    for peer in [YUSUF, INDAH, ANDI] {
        answer(db, id, RIZKY, peer, Rating::DiAtas).await;
    }
    id
}

async fn answer(db: &Db, round: RoundId, ratee: &str, rater: &str, rating: Rating) {
    let id: i64 = sqlx::query_scalar(
        "SELECT id FROM feedback_assignments \
         WHERE round_id = $1 AND ratee_nip = $2 AND rater_nip = $3",
    )
    .bind(round.0)
    .bind(ratee)
    .bind(rater)
    .fetch_one(db.pool())
    .await
    .unwrap_or_else(|e| panic!("{rater} does not rate {ratee}: {e}"));
    let today = day(2026, 11, 12);
    let a = feedback_answers::writable(db, AssignmentId(id), rater, today)
        .await
        .unwrap()
        .unwrap();
    for v in Value::ALL {
        let stored = feedback_answers::answer(db, &a, *v, rating, today, 1_794_000_000);
        stored.await.unwrap().unwrap();
    }
}

/// The fourth quarter defined, the organisation rated Baik, and seven ratings: in Bidang
/// Penilaian Kinerja one Sangat Baik and three Baik (75 % Baik, nobody below: outside the
/// pattern), in Bidang Mutasi two Baik and one Butuh Perbaikan (within it). Over everyone,
/// 5 of 7 Baik is 71 %: above the 70 % allowed.
async fn ratings(db: &Db) {
    use Rating::{DiAtas, DiBawah, Sesuai};
    periods::define(db, q4(), FITRI, 0).await.unwrap();
    periods::set_org_predikat(db, q4(), OrgPredikat::Baik, FITRI, 0)
        .await
        .unwrap()
        .unwrap();
    for (supervisor, employee, hasil, perilaku) in [
        (BAMBANG, YUSUF, Sesuai, Sesuai),
        (BAMBANG, INDAH, DiAtas, DiAtas),
        (BAMBANG, RIZKY, Sesuai, Sesuai),
        (BAMBANG, ANDI, DiAtas, Sesuai),
        (RATNA, MAYA, Sesuai, Sesuai),
        (RATNA, TEGUH, DiBawah, Sesuai),
        (RATNA, PUTRI, Sesuai, DiAtas),
    ] {
        let rate = Rate {
            period: q4(),
            employee_nip: employee,
            supervisor_nip: supervisor,
            hasil: Hasil::Rated(hasil),
            perilaku,
            note: None,
            evidence: "{}",
        };
        let saved = evaluations::save(db, rate, 1).await.unwrap();
        assert!(matches!(saved, Saved::Created(_)), "{employee}: {saved:?}");
    }
}

async fn full_world(db: TestDb) -> (World, RoundId) {
    let w = World::new(db, after_quarter()).await;
    dialogs(&w.conn).await;
    let round = round(&w.conn).await;
    ratings(&w.conn).await;
    (w, round)
}

fn assert_lines(body: &str, expected: &[&str]) {
    for line in expected {
        assert!(body.lines().any(|l| l == *line), "{line:?} in:\n{body}");
    }
}

on_both_backends!(
    organisation_hr_reads_every_report_of_a_period_with_its_chart,
    |db: TestDb| async move { organisation_hr(db).await }
);

async fn organisation_hr(db: TestDb) {
    let (w, round) = full_world(db).await;
    let picker = w.command(FITRI).await;
    assert_eq!(picker.messages.len(), 1, "{}", picker.text());
    assert_eq!(picker.messages[0].text, "Pilih periode laporan:");
    assert_eq!(picker.messages[0].labels(), ["Triwulan IV 2026 · dibuka"]);

    let menu = w.tap(FITRI, "Triwulan IV 2026 · dibuka").await;
    assert!(
        menu.text()
            .starts_with("📑 Laporan Triwulan IV 2026\nCakupan: seluruh organisasi\n"),
        "{}",
        menu.text()
    );
    let labels = menu.messages[0].labels();
    for report in [
        "Kepatuhan dialog",
        "Respons 360",
        "Hasil BerAKHLAK",
        "Distribusi predikat",
        "Belum dinilai",
    ] {
        assert!(labels.iter().any(|l| l == report), "{report} in {labels:?}");
    }

    // Dialog compliance: per month, the quarter, and per unit lowest first, with its chart.
    let compliance = w.tap(FITRI, "Kepatuhan dialog").await;
    assert_eq!(compliance.answers, [None]);
    let body = compliance.text();
    assert!(
        body.starts_with(
            "📋 Kepatuhan dialog kinerja — Triwulan IV 2026\nCakupan: seluruh organisasi"
        ),
        "{body}"
    );
    assert_lines(
        &body,
        &[
            "Oktober 2026: 3 dari 16 (18%)",
            "November 2026: 2 dari 16 (12%)",
            "Desember 2026: 0 dari 16 (0%)",
            "Triwulan IV 2026: 4 dari 16 (25%)",
            "• Badan Kepegawaian Daerah: 0/1 (0%)",
            "• Badan Kepegawaian Daerah > Sekretariat: 0/2 (0%)",
            "• Badan Kepegawaian Daerah > Sekretariat > Subbagian Umum: 0/4 (0%)",
            "• Badan Kepegawaian Daerah > Bidang Penilaian Kinerja: 2/5 (40%)",
            "• Badan Kepegawaian Daerah > Bidang Mutasi: 2/4 (50%)",
        ],
    );
    let lowest = body.find("Subbagian Umum: 0/4").unwrap();
    assert!(
        lowest < body.find("Bidang Mutasi: 2/4").unwrap(),
        "lowest first: {body}"
    );
    let photos = compliance.photos();
    assert_eq!(photos.len(), 1, "{body}");
    assert_chart(photos[0], "kepatuhan-dialog-2026-q4.png");
    assert_eq!(
        photos[0].text,
        "Kepatuhan dialog per unit — Triwulan IV 2026 (5 unit)."
    );

    // 360 response rates: complete ratings of all assignments, by the raters' units.
    let (total, behind): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COUNT(DISTINCT CASE WHEN completed_at IS NULL THEN rater_nip END) \
         FROM feedback_assignments WHERE round_id = $1",
    )
    .bind(round.0)
    .fetch_one(w.conn.pool())
    .await
    .unwrap();
    let rates = w.tap(FITRI, "Respons 360").await;
    let body = rates.text();
    assert_lines(
        &body,
        &["Putaran Triwulan IV 2026 (10-11-2026 – 20-11-2026, ditutup)"],
    );
    let pct = 8 * 100 / total;
    assert_lines(
        &body,
        &[&format!(
            "Penilaian lengkap: 8 dari {total} ({pct}%); {behind} penilai belum selesai."
        )],
    );
    assert!(body.contains(&format!("• {PENILAIAN}: 8/")), "{body}");
    assert_eq!(rates.photos().len(), 1);
    assert_chart(
        rates.photos()[0],
        &format!("respons-360-2026-q4-{}.png", round.0),
    );

    // Predikat distribution against Baik: over everyone and per unit, outside units named.
    let dist = w.tap(FITRI, "Distribusi predikat").await;
    let body = dist.text();
    assert_lines(
        &body,
        &[
            "Predikat organisasi: Baik",
            "7 pegawai dinilai:",
            "Sangat Baik: 1 (14%)",
            "Baik: 5 (71%) — boleh paling banyak 70%",
            "Butuh Perbaikan: 1 (14%)",
            "Kurang/Misconduct: 0 (0%)",
            "Unit di luar pola (2 dari 3 unit dengan penilaian):",
        ],
    );
    assert!(
        body.contains("Baik sebaiknya paling banyak 70%; sekarang 71% (5 orang)."),
        "{body}"
    );
    assert!(
        body.contains(&format!("• {PENILAIAN} (4 dinilai): ")),
        "{body}"
    );
    assert!(
        !body.contains("• Badan Kepegawaian Daerah > Bidang Mutasi ("),
        "{body}"
    );
    assert_eq!(dist.photos().len(), 1);
    assert_chart(dist.photos()[0], "distribusi-predikat-2026-q4.png");
    assert_eq!(
        dist.photos()[0].text,
        "Distribusi predikat — Triwulan IV 2026 (7 pegawai dinilai)."
    );

    // Not yet rated: everyone with a supervisor and no rating, per unit, with the supervisor.
    let missing = w.tap(FITRI, "Belum dinilai").await;
    let body = missing.text();
    assert!(
        body.contains("8 pegawai aktif belum mendapat predikat"),
        "{body}"
    );
    assert_lines(
        &body,
        &[
            "Badan Kepegawaian Daerah > Bidang Penilaian Kinerja (1)",
            "• Bambang Sutrisno, S.E. — atasan: Dr. Hendra Wijaya, M.Si.",
            "Badan Kepegawaian Daerah > Sekretariat > Subbagian Umum (4)",
            "• Nur Aini; S.Sos. — atasan: Agus Salim, S.Kom.",
        ],
    );
    for rated in ["Indah", "Teguh", "Putri Lestari"] {
        assert!(!body.contains(rated), "{rated} is rated: {body}");
    }
    assert!(missing.photos().is_empty());
    assert!(
        missing
            .messages
            .iter()
            .all(|m| m.text.chars().count() <= 4096)
    );
    w.stop().await;
}

on_both_backends!(
    berakhlak_results_hide_a_small_peer_group_and_name_no_rater,
    |db: TestDb| async move { results_anonymity(db).await }
);

async fn results_anonymity(db: TestDb) {
    let (w, round) = full_world(db).await;
    let results = w.press(FITRI, Button::Show(Report::Results, q4())).await;
    let body = results.text();
    assert!(
        body.starts_with(
            "📊 Hasil BerAKHLAK per nilai — putaran Triwulan IV 2026\nCakupan: seluruh organisasi"
        ),
        "{body}"
    );
    assert_lines(
        &body,
        &["1 unit dihitung; 4 unit tidak dihitung (kurang dari 3 pegawai dengan hasil)."],
    );
    // Bambang's three answers and Rizky's three peers; Indah's two peers, who answered "below"
    // on every value, are in no figure.
    for v in Value::ALL {
        let line = format!(
            "{} (6 jawaban): di bawah 0 (0%) · sesuai 3 (50%) · di atas 3 (50%)",
            v.name(Lang::Id)
        );
        assert_lines(&body, &[&line]);
    }
    // The chart is exactly the one drawn from those sums: nothing else went into it.
    let photos = results.photos();
    assert_eq!(photos.len(), 1, "{body}");
    assert_chart(
        photos[0],
        &format!("hasil-berakhlak-2026-q4-{}.png", round.0),
    );
    let sums: Vec<(Value, [u64; 3])> = Value::ALL.iter().map(|v| (*v, [0, 3, 3])).collect();
    let expected = values_chart(
        Lang::Id,
        RoundPeriod::quarter(2026, 4).unwrap(),
        "seluruh organisasi",
        &sums,
        3,
    );
    let drawn = kinerja_bot::charts::values(&expected).unwrap();
    assert!(
        photos[0].file.as_deref() == Some(drawn.bytes.as_slice()),
        "the chart differs from one of the shown sums alone"
    );
    let rates = w.press(FITRI, Button::Show(Report::Rates, q4())).await;

    // No peer rater of Indah or Rizky is named in the results, the rates, or on a button.
    let mut everything = results.everything();
    everything.extend(rates.everything());
    for rater in [YUSUF, INDAH, RIZKY, ANDI] {
        let name: String = sqlx::query_scalar("SELECT name FROM employees WHERE nip = $1")
            .bind(rater)
            .fetch_one(w.conn.pool())
            .await
            .unwrap();
        let first = name.split_whitespace().next().unwrap().to_owned();
        let needles = [name, first, rater.to_owned(), w.users[rater].to_string()];
        for hay in &everything {
            for needle in &needles {
                assert!(!hay.contains(needle.as_str()), "{needle:?} in:\n{hay}");
            }
        }
    }
    w.stop().await;
}

on_both_backends!(
    a_raised_minimum_hides_a_group_of_three_too,
    |db: TestDb| async move { raised_minimum(db).await }
);

async fn raised_minimum(db: TestDb) {
    import_example(&db).await;
    let users = link_everyone(&db, 61_000).await.into_iter().collect();
    let fake = FakeTelegram::start().await;
    let app = TestApp::spawn_with(&fake, &db, after_quarter(), |s| {
        s.file.dialog.reminder = "0 0 9 29 2 *".into();
        s.file.dialog.follow_up = "0 0 9 29 2 *".into();
        s.file.thresholds.feedback_min_group_size = 4;
    })
    .await;
    let conn = db.connect().await;
    let w = World {
        fake,
        conn,
        app,
        users,
        _db: db,
    };
    round(&w.conn).await;
    let body = w
        .press(FITRI, Button::Show(Report::Results, q4()))
        .await
        .text();
    // Three ratees with the supervisor's answers are fewer than four: no unit is counted.
    assert_lines(
        &body,
        &[
            "0 unit dihitung; 5 unit tidak dihitung (kurang dari 4 pegawai dengan hasil).",
            "Belum ada unit dengan cukup hasil untuk ditampilkan.",
        ],
    );
    assert!(!body.contains("di atas 3"), "{body}");
    w.stop().await;
}

on_both_backends!(
    a_units_hr_sees_only_their_units_in_their_language,
    |db: TestDb| async move { unit_hr(db).await }
);

async fn unit_hr(db: TestDb) {
    let (w, _) = full_world(db).await;
    sqlx::query("UPDATE telegram_users SET language = 'en' WHERE user_id = $1")
        .bind(w.users[YUSUF])
        .execute(w.conn.pool())
        .await
        .unwrap();
    let picker = w.command(YUSUF).await;
    assert_eq!(picker.messages[0].text, "Choose the period to report on:");
    let menu = w.tap(YUSUF, "Q4 2026 · open").await;
    assert!(
        menu.text().starts_with(&format!(
            "📑 Reports for Q4 2026\nScope: {PENILAIAN} and its sub-units\n"
        )),
        "{}",
        menu.text()
    );
    let mut seen = Vec::new();
    for report in [
        "Dialog compliance",
        "360 response rates",
        "BerAKHLAK results",
        "Predikat distribution",
        "Not yet rated",
    ] {
        let pressed = w.tap(YUSUF, report).await;
        assert_eq!(pressed.answers, [None], "{report}");
        seen.push(pressed.text());
        for photo in pressed.photos() {
            let (width, _) = png_size(photo.file.as_deref().unwrap());
            assert_eq!(width, 1080);
        }
    }
    let all = seen.join("\n");
    assert_lines(
        &seen[0],
        &[
            "October 2026: 1 of 5 (20%)",
            "November 2026: 1 of 5 (20%)",
            "Q4 2026: 2 of 5 (40%)",
            &format!("• {PENILAIAN}: 2/5 (40%)"),
        ],
    );
    assert!(
        seen[1].contains(&format!("• {PENILAIAN}: 8/")),
        "{}",
        seen[1]
    );
    assert!(
        seen[2]
            .contains("Service-oriented (6 answers): below 0 (0%) · meets 3 (50%) · above 3 (50%)"),
        "{}",
        seen[2]
    );
    assert_lines(
        &seen[3],
        &[
            "4 employees rated:",
            "Baik (good): 3 (75%) — allowed at most 70%",
        ],
    );
    assert_lines(
        &seen[4],
        &["• Bambang Sutrisno, S.E. — supervisor: Dr. Hendra Wijaya, M.Si."],
    );
    assert!(
        seen[4].contains("1 active employee has no predikat"),
        "{}",
        seen[4]
    );
    for other in [
        "Mutasi",
        "Sekretariat",
        "Subbagian",
        "Teguh",
        "Nur Aini",
        "Sri Rahayu",
    ] {
        assert!(
            !all.contains(other),
            "{other} is outside Yusuf's scope:\n{all}"
        );
    }
    w.stop().await;
}

on_both_backends!(
    a_pegawai_is_refused_by_command_and_by_a_forged_button,
    |db: TestDb| async move { pegawai_refused(db).await }
);

async fn pegawai_refused(db: TestDb) {
    let (w, _) = full_world(db).await;
    let said = w.command(DIMAS).await;
    assert_eq!(said.text(), text(Lang::Id, Msg::NotAllowed));
    for report in Report::ALL {
        let pressed = w.press(DIMAS, Button::Show(report, q4())).await;
        assert!(
            pressed.refused(Lang::Id),
            "{report:?}: {:?} {}",
            pressed.answers,
            pressed.text()
        );
    }
    let pressed = w.press(DIMAS, Button::Period(q4())).await;
    assert!(
        pressed.refused(Lang::Id),
        "{:?} {}",
        pressed.answers,
        pressed.text()
    );
    // The head of the agency supervises, but is no HR.
    let pressed = w.press(HENDRA, Button::Show(Report::NotRated, q4())).await;
    assert!(pressed.refused(Lang::Id), "{}", pressed.text());
    // Someone with no linked account.
    let outsider = w.fake.user(9_999, "x", Some("id"));
    outsider.say("/help").await;
    let before = button_answers(&w.fake, 9_999).len();
    let msg = w.fake.sent_to(9_999).last().unwrap().clone();
    outsider.press(&msg, &forged(Button::Show(Report::Compliance, q4())));
    w.settle(9_999, before + 1).await;
    assert_eq!(
        button_answers(&w.fake, 9_999)[before..],
        [Some(text(Lang::Id, Msg::NotLinked))]
    );
    w.stop().await;
}

on_both_backends!(
    many_hr_people_asking_at_once_all_get_their_report,
    |db: TestDb| async move { many_at_once(db).await }
);

async fn many_at_once(db: TestDb) {
    // 40 units, each with a unit HR, and HR of the whole organisation at the top; no period
    // defined yet.
    import_generated(&db, 400, 40).await;
    let w = World::linked(db, utc(2026, 11, 16, 2)).await;
    let hr: Vec<(String, i64)> = {
        let nips: Vec<String> = sqlx::query_scalar(
            "SELECT nip FROM employees WHERE role IN ('pengelola_unit', 'pengelola_organisasi') ORDER BY nip",
        )
        .fetch_all(w.conn.pool())
        .await
        .unwrap();
        nips.into_iter().map(|n| (n.clone(), w.users[&n])).collect()
    };
    assert_eq!(hr.len(), 41);
    // Without a defined period the current month and quarter are offered.
    let picker = w.command(&hr[0].0).await;
    assert_eq!(
        picker.messages[0].labels(),
        ["November 2026", "Triwulan IV 2026"]
    );
    assert!(
        picker
            .text()
            .starts_with(&text(Lang::Id, Msg::ReportNoPeriods))
    );

    let month = Period::parse("2026-11").unwrap();
    let data = forged(Button::Show(Report::Compliance, month));
    for (_, id) in &hr {
        let user = w.fake.user(*id, "hr", Some("id"));
        user.press(&Sent::blank(*id), &data);
    }
    w.fake
        .wait_until(Duration::from_secs(240), "every HR's chart", |f| {
            hr.iter()
                .all(|(_, id)| f.sent_to(*id).iter().any(|m| m.method == "sendPhoto"))
        })
        .await;
    w.app.wait_idle(&w.fake).await;
    for (nip, id) in &hr {
        let sent = w.fake.sent_to(*id);
        let body: Vec<&str> = sent.iter().map(|m| m.text.as_str()).collect();
        let body = body.join("\n");
        assert!(
            body.contains("📋 Kepatuhan dialog kinerja — November 2026"),
            "{nip}: {body}"
        );
        let photo = sent.iter().find(|m| m.method == "sendPhoto").unwrap();
        assert_chart(photo, "kepatuhan-dialog-2026-11.png");
    }
    w.stop().await;
}
