//! 360 results through the fake Bot API: the anonymity search (peer groups of exactly 2, 3 and
//! 4 raters, everything the ratee, their supervisor and HR receive searched for every peer
//! rater's name, NIP, Telegram id and Telegram name), results hidden until the round closes, a
//! forged button for someone else's subordinate, HR's unit scope, a raised minimum, and
//! everyone opening their results at once.
//!
//! Rounds and answers are written through storage (`feedback_rounds::create`,
//! `feedback_answers::answer`), as the rater's chat would; results are read through the bot.
//!
//! The organisation (`ORG`): head Hadi with organisation HR Hana and three heads of field;
//! Bidang A has three staff (each has 2 peers), B four (3 peers), C five (4 peers).

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use kinerja_bot::bot::features::feedback_results::Button;
use kinerja_bot::config::Settings;
use kinerja_bot::domain::RoundId;
use kinerja_bot::domain::authz::Scope;
use kinerja_bot::domain::berakhlak::{Rating, Value};
use kinerja_bot::domain::feedback_round::RoundPeriod;
use kinerja_bot::domain::org::UnitPath;
use kinerja_bot::domain::{AssignmentId, EmployeeRef, Lang};
use kinerja_bot::i18n::{Msg, text};
use kinerja_bot::storage::{Db, feedback_answers, feedback_rounds};

use crate::support::fake_telegram::{Sent, TestUser};
use crate::support::{
    FakeTelegram, Pressed, TestApp, TestDb, button_answers, forged, link_everyone, run_cli,
};

/// (key, name, unit under "Dinas Uji", supervisor's key, role).
const ORG: &[(&str, &str, &str, &str, &str)] = &[
    ("H", "Hadi Kusuma", "", "", "pegawai"),
    ("HANA", "Hana Pertiwi", "", "H", "pengelola_organisasi"),
    ("SA", "Sapto Aji", "Bidang A", "H", "pegawai"),
    ("A1", "Arif Budiman", "Bidang A", "SA", "pegawai"),
    ("A2", "Bagus Wicaksono", "Bidang A", "SA", "pegawai"),
    ("A3", "Cahya Ramadhani", "Bidang A", "SA", "pegawai"),
    ("SB", "Sekar Banowati", "Bidang B", "H", "pengelola_unit"),
    ("B1", "Dewi Kartika", "Bidang B", "SB", "pegawai"),
    ("B2", "Eko Prasetyo", "Bidang B", "SB", "pegawai"),
    ("B3", "Fajar Hidayat", "Bidang B", "SB", "pegawai"),
    ("B4", "Gita Savitri", "Bidang B", "SB", "pegawai"),
    ("SC", "Surya Candra", "Bidang C", "H", "pegawai"),
    ("C1", "Indra Gunawan", "Bidang C", "SC", "pegawai"),
    ("C2", "Joko Susilo", "Bidang C", "SC", "pegawai"),
    ("C3", "Kartini Wulandari", "Bidang C", "SC", "pegawai"),
    ("C4", "Lukman Hakim", "Bidang C", "SC", "pegawai"),
    ("C5", "Mega Puspita", "Bidang C", "SC", "pegawai"),
];

/// Telegram user ids are this plus the person's place in `ORG` (NIP order).
const FIRST_USER: i64 = 771_000;

fn index(key: &str) -> usize {
    ORG.iter()
        .position(|p| p.0 == key)
        .unwrap_or_else(|| panic!("{key} is not in ORG"))
}

/// A valid 18-digit NIP, in `ORG`'s order.
fn nip(key: &str) -> String {
    format!("198001012005011{:03}", index(key) + 1)
}

fn name(key: &str) -> &'static str {
    ORG[index(key)].1
}

fn user_id(key: &str) -> i64 {
    FIRST_USER + index(key) as i64
}

/// The name each person has in Telegram (the fake sends no @username; this stands for it).
fn telegram_name(key: &str) -> String {
    format!("tg_{}", key.to_lowercase())
}

fn unit_of(key: &str) -> String {
    match ORG[index(key)].2 {
        "" => "Dinas Uji".to_owned(),
        sub => format!("Dinas Uji > {sub}"),
    }
}

fn org_csv() -> String {
    let mut csv = String::from("NIP;Nama;Jabatan;Unit Kerja;NIP Atasan;Peran;Bahasa\n");
    for (key, name, _, sup, role) in ORG {
        let sup = if sup.is_empty() {
            String::new()
        } else {
            nip(sup)
        };
        let unit = unit_of(key);
        csv.push_str(&format!(
            "{};{name};Staf;{unit};{sup};{role};id\n",
            nip(key)
        ));
    }
    csv
}

fn utc(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// 09:00 WIB on 2 November 2026: before the rounds open.
fn before_open() -> DateTime<Utc> {
    utc(2026, 11, 2, 2)
}
/// The rounds run from 10 to 20 November.
const OPENS: (i32, u32, u32) = (2026, 11, 10);
const CLOSES: (i32, u32, u32) = (2026, 11, 20);
/// The day answers are written on.
fn answer_day() -> NaiveDate {
    day(2026, 11, 12)
}
fn during() -> DateTime<Utc> {
    utc(2026, 11, 15, 2)
}
/// 09:00 WIB the day after the last day: the rounds are closed.
fn after_close() -> DateTime<Utc> {
    utc(2026, 11, 21, 2)
}

struct World {
    fake: FakeTelegram,
    db: TestDb,
    conn: Db,
    app: TestApp,
}

/// The organisation imported, everyone linked, the bot running before the rounds open.
async fn world(db: TestDb, tweak: impl FnOnce(&mut Settings)) -> World {
    world_of(db, &org_csv(), tweak).await
}

/// The bot on the organisation in `csv`, everyone linked in NIP order from `FIRST_USER`.
async fn world_of(db: TestDb, csv: &str, tweak: impl FnOnce(&mut Settings)) -> World {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("org.csv");
    std::fs::write(&file, csv).unwrap();
    let path = file.display().to_string();
    let (code, out, err) = run_cli(&["import", &path], &[("DATABASE_URL", &db.url)]).await;
    assert_eq!(code, 0, "{out}{err}");
    let linked = link_everyone(&db, FIRST_USER).await;
    if csv == org_csv() {
        assert_eq!(linked.len(), ORG.len());
        for (key, ..) in ORG {
            assert!(linked.contains(&(nip(key), user_id(key))), "{key}");
        }
    }
    let fake = FakeTelegram::start().await;
    let app = TestApp::spawn_with(&fake, &db, before_open(), |s| {
        // The monthly dialog reminders list each supervisor's staff by name, by design: off
        // (29 February is years away), so that everything else a supervisor receives can be
        // searched for names.
        s.file.dialog.reminder = "0 0 9 29 2 *".into();
        s.file.dialog.follow_up = "0 0 9 29 2 *".into();
        tweak(s);
    })
    .await;
    let conn = db.connect().await;
    World {
        fake,
        db,
        conn,
        app,
    }
}

impl World {
    fn user(&self, key: &str) -> TestUser {
        self.fake
            .user(user_id(key), &telegram_name(key), Some("id"))
    }

    async fn employee_ref(&self, key: &str) -> EmployeeRef {
        let r: i64 = sqlx::query_scalar("SELECT ref FROM employees WHERE nip = $1")
            .bind(nip(key))
            .fetch_one(self.conn.pool())
            .await
            .unwrap();
        EmployeeRef(r)
    }

    /// `key` presses `data` on the newest message they have from the bot (forged or real: the
    /// bot cannot tell), and the bot finishes with it.
    async fn press_data(&self, key: &str, data: &str) -> Pressed {
        let user = self.user(key);
        if self.fake.sent_to(user.id()).is_empty() {
            user.say("/help").await;
        }
        let sent = self.fake.sent_to(user.id());
        let before = button_answers(&self.fake, user.id()).len();
        user.press(sent.last().unwrap(), data);
        self.settle(user.id(), before + 1).await;
        Pressed {
            messages: self.fake.sent_to(user.id())[sent.len()..].to_vec(),
            answers: button_answers(&self.fake, user.id())[before..].to_vec(),
        }
    }

    async fn press(&self, key: &str, button: Button) -> Pressed {
        self.press_data(key, &forged(button)).await
    }

    /// `key` taps the button labelled `label` on their newest message that has one.
    async fn tap(&self, key: &str, label: &str) -> Pressed {
        let user = self.user(key);
        let sent = self.fake.sent_to(user.id()).len();
        let before = button_answers(&self.fake, user.id()).len();
        user.tap(label);
        self.settle(user.id(), before + 1).await;
        Pressed {
            messages: self.fake.sent_to(user.id())[sent..].to_vec(),
            answers: button_answers(&self.fake, user.id())[before..].to_vec(),
        }
    }

    /// Every press is answered first thing, so once it is, the update is in the inbox and
    /// `wait_idle` cannot return before it is handled.
    async fn settle(&self, user: i64, count: usize) {
        let within = Duration::from_secs(30);
        self.fake
            .wait_until(within, "the press answered", |f| {
                button_answers(f, user).len() >= count
            })
            .await;
        self.app.wait_idle(&self.fake).await;
    }

    /// Moves the clock and runs the 360 scheduler's pass for it, as its loop would.
    async fn at(&self, now: DateTime<Utc>) {
        self.app.clock.set(now);
        kinerja_bot::scheduler::feedback::run_due(&self.app.app.deps(), now)
            .await
            .unwrap();
        self.app.wait_idle(&self.fake).await;
    }

    /// A round over `scope` from 10 to 20 November, with self-ratings.
    async fn round(&self, scope: Scope, period: RoundPeriod) -> RoundId {
        let new = feedback_rounds::NewRound {
            key: format!("test-{}", period.code()),
            scope,
            period,
            opens_on: day(OPENS.0, OPENS.1, OPENS.2),
            closes_on: day(CLOSES.0, CLOSES.1, CLOSES.2),
            seed: 7,
            max_peers: 5,
            max_subordinates: 5,
            include_self: true,
            created_by: nip("HANA"),
        };
        let plan = feedback_rounds::plan(&self.conn, &new).await.unwrap();
        let created =
            feedback_rounds::create(&self.conn, &new, &plan, before_open().date_naive(), 0)
                .await
                .unwrap();
        let (id, fresh) = created.unwrap_or_else(|r| panic!("round refused: {r:?}"));
        assert!(fresh);
        id
    }

    /// `rater` answers `values` of the values about `ratee` (all seven complete the
    /// assignment), each with `rating`, and leaves `comment`.
    async fn answer(
        &self,
        round: RoundId,
        (ratee, rater): (&str, &str),
        rating: Rating,
        values: usize,
        comment: Option<&str>,
    ) {
        let id: i64 = sqlx::query_scalar(
            "SELECT id FROM feedback_assignments \
             WHERE round_id = $1 AND ratee_nip = $2 AND rater_nip = $3",
        )
        .bind(round.0)
        .bind(nip(ratee))
        .bind(nip(rater))
        .fetch_one(self.conn.pool())
        .await
        .unwrap_or_else(|e| panic!("{rater} does not rate {ratee}: {e}"));
        let (db, today) = (&self.conn, answer_day());
        let a = feedback_answers::writable(db, AssignmentId(id), &nip(rater), today)
            .await
            .unwrap()
            .unwrap();
        for v in Value::ALL.iter().take(values) {
            let stored = feedback_answers::answer(db, &a, *v, rating, today, 1_794_000_000);
            stored.await.unwrap().unwrap();
        }
        if let Some(c) = comment {
            feedback_answers::set_comment(db, &a, Some(c), today)
                .await
                .unwrap()
                .unwrap();
        }
    }

    async fn complete(&self, round: RoundId, pair: (&str, &str), rating: Rating, comment: &str) {
        let comment = (!comment.is_empty()).then_some(comment);
        self.answer(round, pair, rating, Value::ALL.len(), comment)
            .await;
    }

    async fn expect(&self, key: &str, value: Value, text: &str) {
        sqlx::query(
            "INSERT INTO special_expectations \
                 (employee_nip, period, value, text, supervisor_nip, updated_at) \
             VALUES ($1, '2026', $2, $3, $4, 0)",
        )
        .bind(nip(key))
        .bind(value.code())
        .bind(text)
        .bind(nip(ORG[index(key)].3))
        .execute(self.conn.pool())
        .await
        .unwrap();
    }

    async fn stop(self) {
        self.conn.close().await;
        self.app.stop().await;
    }
}

use Rating::{DiAtas, DiBawah, Sesuai};

/// The organisation-wide round of the fourth quarter with everything the anonymity search
/// needs: A1's two peers, B1's three and C1's four all answer in full (A2's comment sits in
/// the hidden group), the supervisors rate all their staff, each ratee rates themself, and
/// A3 stops one value short on their supervisor (an incomplete answer counts nowhere).
async fn answered_round(w: &World) -> RoundId {
    let round = w
        .round(Scope::Organisation, RoundPeriod::quarter(2026, 4).unwrap())
        .await;
    let secret = "Komentar rahasia dari rekan, jangan tampil";
    w.complete(round, ("A1", "A2"), DiBawah, secret).await;
    w.complete(round, ("A1", "A3"), DiBawah, "").await;
    w.complete(round, ("B1", "B2"), DiAtas, "Sangat membantu tim")
        .await;
    w.complete(round, ("B1", "B3"), DiAtas, "Perlu lebih <b>teliti</b>")
        .await;
    w.complete(round, ("B1", "B4"), Sesuai, "").await;
    w.complete(round, ("C1", "C2"), DiAtas, "Zaman berubah, tetap adaptif")
        .await;
    w.complete(round, ("C1", "C3"), Sesuai, "").await;
    w.complete(round, ("C1", "C4"), Sesuai, "").await;
    w.complete(round, ("C1", "C5"), DiBawah, "Andal dalam krisis")
        .await;
    w.complete(round, ("B1", "SB"), Sesuai, "Pertahankan kinerja")
        .await;
    for (sup, staff) in [("SA", "A"), ("SB", "B"), ("SC", "C")] {
        for i in 1..=5 {
            let key = format!("{staff}{i}");
            if ORG.iter().any(|p| p.0 == key) && key != "B1" {
                w.complete(round, (key.as_str(), sup), Sesuai, "").await;
            }
        }
    }
    for me in ["A1", "B1", "C1"] {
        w.complete(round, (me, me), DiAtas, "Saya sudah berusaha")
            .await;
    }
    w.answer(round, ("SA", "A3"), DiBawah, 6, Some("Belum selesai"))
        .await;
    w.expect("B1", Value::Akuntabel, "Laporan bulanan tepat waktu")
        .await;
    round
}

/// Who may never be named beside a result: a peer or subordinate rater of `ratee`.
async fn anonymous_raters(conn: &Db, round: RoundId, ratee: &str) -> Vec<String> {
    let raters: Vec<String> = sqlx::query_scalar(
        "SELECT rater_nip FROM feedback_assignments WHERE round_id = $1 AND ratee_nip = $2 \
             AND grp IN ('peer', 'subordinate') ORDER BY rater_nip",
    )
    .bind(round.0)
    .bind(nip(ratee))
    .fetch_all(conn.pool())
    .await
    .unwrap();
    raters
        .iter()
        .map(|n| ORG.iter().find(|p| nip(p.0) == *n).unwrap().0.to_owned())
        .collect()
}

/// Everything `key`'s chat received from the bot from message `from` and press answer
/// `answers_from` on: texts (and their markup), button labels and data, the contents of
/// documents, the answers shown on presses. `skip` leaves out messages searched on their own.
fn received(
    w: &World,
    key: &str,
    (from, answers_from): (usize, usize),
    skip: impl Fn(&Sent) -> bool,
) -> Vec<String> {
    let mut out = Vec::new();
    for m in w.fake.sent_to(user_id(key)).iter().skip(from) {
        if skip(m) {
            continue;
        }
        out.push(m.text.clone());
        out.extend(m.html.clone());
        for (label, data) in m.buttons.iter().flatten() {
            out.push(label.clone());
            out.push(data.clone());
        }
        out.extend(m.file_name.clone());
        if let (Some(bytes), Some(file)) = (&m.file, &m.file_name) {
            if file.ends_with(".xlsx") {
                out.extend(read_xlsx(bytes).into_iter().flatten());
            } else {
                out.push(String::from_utf8_lossy(bytes).into_owned());
            }
        }
    }
    let answers = button_answers(&w.fake, user_id(key));
    out.extend(answers.into_iter().skip(answers_from).flatten());
    out
}

fn marks(w: &World, key: &str) -> (usize, usize) {
    (
        w.fake.sent_to(user_id(key)).len(),
        button_answers(&w.fake, user_id(key)).len(),
    )
}

fn assert_names_nobody(haystack: &[String], raters: &[String], whose: &str) {
    assert!(!haystack.is_empty(), "{whose} received nothing");
    for rater in raters {
        let needles = [
            name(rater).to_owned(),
            nip(rater),
            user_id(rater).to_string(),
            telegram_name(rater),
        ];
        for hay in haystack {
            for needle in &needles {
                assert!(
                    !hay.contains(needle.as_str()),
                    "{whose} can read {needle:?} (rater {rater}) in:\n{hay}"
                );
            }
        }
    }
}

fn read_xlsx(bytes: &[u8]) -> Vec<Vec<String>> {
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

fn read_csv(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn team_list(m: &Sent) -> bool {
    m.text
        .starts_with(&text(Lang::Id, Msg::FeedbackResultsTeamPick))
}

/// Each line `expected` appears in `body` exactly `times` times.
fn lines(body: &str, expected: &[(&str, usize)]) {
    for (line, times) in expected {
        let found = body.lines().filter(|l| l == line).count();
        assert_eq!(found, *times, "{line:?} in:\n{body}");
    }
}

on_both_backends!(
    the_anonymity_search_finds_no_peer_in_what_ratee_supervisor_and_hr_receive,
    |db: TestDb| async move { anonymity_search(db).await }
);

async fn anonymity_search(db: TestDb) {
    let w = world(db, |_| {}).await;
    let round = answered_round(&w).await;
    w.at(during()).await;
    let (ratees, supervisors) = (["A1", "B1", "C1"], ["SA", "SB", "SC"]);
    let mut from: HashMap<&str, (usize, usize)> = HashMap::new();
    for key in ratees.into_iter().chain(supervisors).chain(["HANA"]) {
        from.insert(key, marks(&w, key));
    }
    w.at(after_close()).await;

    let mut hr = w.press("HANA", Button::Aggregates(round)).await;
    let hr_text = hr.text();
    hr.messages
        .extend(w.tap("HANA", "Berkas CSV").await.messages);
    hr.messages
        .extend(w.tap("HANA", "Berkas XLSX").await.messages);
    let files: Vec<&Sent> = hr.messages.iter().filter(|m| m.file.is_some()).collect();
    assert_eq!(files.len(), 2, "{}", hr.text());

    for (ratee, sup) in ratees.into_iter().zip(supervisors) {
        let mine = w.press(ratee, Button::Mine).await;
        assert_eq!(mine.answers, [None]);
        let own = mine.text();
        assert!(
            own.starts_with("📊 Hasil umpan balik 360 Anda — Triwulan IV 2026"),
            "{own}"
        );
        w.press(sup, Button::Team).await;
        let theirs = w.tap(sup, name(ratee)).await.text();
        let header = format!(
            "📊 Hasil umpan balik 360 {} — Triwulan IV 2026",
            name(ratee)
        );
        assert!(theirs.starts_with(&header), "{theirs}");
        // The supervisor reads what the employee reads.
        assert_eq!(
            own.split_once('\n').unwrap().1,
            theirs.split_once('\n').unwrap().1
        );

        let raters = anonymous_raters(&w.conn, round, ratee).await;
        let size = match ratee {
            "A1" => 2,
            "B1" => 3,
            _ => 4,
        };
        assert_eq!(raters.len(), size, "{ratee}'s peers: {raters:?}");
        let everything = received(&w, ratee, from[ratee], |_| false);
        assert_names_nobody(&everything, &raters, ratee);
        // The supervisor's list of their team names their whole team by design (the peers are
        // their staff); it carries no result, and everything else they received is searched.
        let directory: Vec<Sent> = w
            .fake
            .sent_to(user_id(sup))
            .into_iter()
            .filter(team_list)
            .collect();
        assert!(!directory.is_empty());
        for list in &directory {
            assert!(!list.text.contains('%') && !list.text.contains("jawaban"));
        }
        let everything = received(&w, sup, from[sup], team_list);
        assert_names_nobody(&everything, &raters, sup);
        let everything = received(&w, "HANA", from["HANA"], |_| false);
        assert_names_nobody(&everything, &raters, "HR");
        // The ratee's other colleagues and the supervisor are no rater of this group, so the
        // search would have found them: the ratee's own name is in the supervisor's view.
        assert!(theirs.contains(name(ratee)));

        match ratee {
            "A1" => {
                lines(
                    &own,
                    &[
                        ("Rekan kerja: belum cukup jawaban", 7),
                        (
                            "Atasan (1 jawaban): di bawah 0 (0%) · sesuai 1 (100%) · di atas 0 (0%)",
                            7,
                        ),
                        (
                            "Diri sendiri (1 jawaban): di bawah 0 (0%) · sesuai 0 (0%) · di atas 1 (100%)",
                            7,
                        ),
                        // The two peers' "below" is in no total.
                        (
                            "Total (1 jawaban): di bawah 0 (0%) · sesuai 1 (100%) · di atas 0 (0%)",
                            7,
                        ),
                    ],
                );
                assert!(!own.contains("rahasia"), "{own}");
                assert!(!own.contains("di bawah 2"), "{own}");
                assert!(!own.contains("Ekspektasi khusus"), "{own}");
                let comments = &own[own.find("Komentar (").unwrap()..];
                assert_eq!(
                    comments,
                    "Komentar (tanpa nama, diurutkan menurut isinya)\nDiri sendiri\n\
                     • “Saya sudah berusaha”"
                );
            }
            "B1" => {
                lines(
                    &own,
                    &[
                        (
                            "Rekan kerja (3 jawaban): di bawah 0 (0%) · sesuai 1 (33%) · di atas 2 (67%)",
                            7,
                        ),
                        (
                            "Total (4 jawaban): di bawah 0 (0%) · sesuai 2 (50%) · di atas 2 (50%)",
                            7,
                        ),
                        ("Ekspektasi khusus pimpinan: Laporan bulanan tepat waktu", 1),
                    ],
                );
                assert!(
                    own.contains("Akuntabel\nEkspektasi khusus pimpinan: Laporan bulanan"),
                    "{own}"
                );
                assert!(!own.contains("Bawahan"), "B1 has no subordinates: {own}");
                let comments = &own[own.find("Komentar (").unwrap()..];
                assert_eq!(
                    comments,
                    "Komentar (tanpa nama, diurutkan menurut isinya)\nAtasan\n\
                     • “Pertahankan kinerja”\nRekan kerja\n• “Perlu lebih <b>teliti</b>”\n\
                     • “Sangat membantu tim”\nDiri sendiri\n• “Saya sudah berusaha”"
                );
            }
            _ => {
                lines(
                    &own,
                    &[
                        (
                            "Rekan kerja (4 jawaban): di bawah 1 (25%) · sesuai 2 (50%) · di atas 1 (25%)",
                            7,
                        ),
                        (
                            "Total (5 jawaban): di bawah 1 (20%) · sesuai 3 (60%) · di atas 1 (20%)",
                            7,
                        ),
                    ],
                );
                // By their text: C5's comment comes before C2's.
                assert!(
                    own.contains(
                        "Rekan kerja\n• “Andal dalam krisis”\n• “Zaman berubah, tetap adaptif”"
                    ),
                    "{own}"
                );
            }
        }
    }

    // HR: per unit, the shown groups summed; the root unit (two ratees, none with results)
    // shows no figures, and A's hidden peers add no "below".
    assert!(
        hr_text.starts_with("📊 Hasil 360 per unit — Triwulan IV 2026"),
        "{hr_text}"
    );
    for expected in [
        "Dinas Uji\n2 pegawai dinilai, 0 dengan hasil\nTerlalu sedikit pegawai dengan hasil untuk \
         ditampilkan (minimal 3).",
        "Dinas Uji > Bidang A\n4 pegawai dinilai, 3 dengan hasil\nBerorientasi Pelayanan \
         (3 jawaban): di bawah 0 (0%) · sesuai 3 (100%) · di atas 0 (0%)",
        "Dinas Uji > Bidang B\n5 pegawai dinilai, 4 dengan hasil\nBerorientasi Pelayanan \
         (7 jawaban): di bawah 0 (0%) · sesuai 5 (71%) · di atas 2 (29%)",
        "Dinas Uji > Bidang C\n6 pegawai dinilai, 5 dengan hasil\nBerorientasi Pelayanan \
         (9 jawaban): di bawah 1 (11%) · sesuai 7 (78%) · di atas 1 (11%)",
    ] {
        assert!(hr_text.contains(expected), "{expected:?} in {hr_text}");
    }
    let csv = read_csv(files[0].file.as_ref().unwrap());
    assert_eq!(
        files[0].file_name.as_deref(),
        Some(format!("hasil-360-2026-q4-{}.csv", round.0).as_str())
    );
    let xlsx = read_xlsx(files[1].file.as_ref().unwrap());
    assert_eq!(csv, xlsx);
    assert_eq!(
        csv[0],
        kinerja_bot::bot::features::feedback_results::FILE_HEADER
    );
    // The root unit in one row without figures, then seven rows for each of A, B and C.
    assert_eq!(csv.len(), 1 + 1 + 3 * 7);
    assert_eq!(csv[1][..4], ["Dinas Uji", "2", "0", ""]);
    let b = csv
        .iter()
        .find(|r| r[0] == "Dinas Uji > Bidang B" && r[3] == "Akuntabel")
        .unwrap();
    assert_eq!(
        b,
        &[
            "Dinas Uji > Bidang B",
            "5",
            "4",
            "Akuntabel",
            "7",
            "0",
            "5",
            "2",
            "0",
            "71",
            "29",
            ""
        ]
    );
    w.stop().await;
}

on_both_backends!(
    results_stay_hidden_until_the_round_closes,
    |db: TestDb| async move { hidden_until_close(db).await }
);

async fn hidden_until_close(db: TestDb) {
    let w = world(db, |_| {}).await;
    let b1 = w.employee_ref("B1").await;
    // Before any round: nothing to show, and it says so.
    let nobody = w.press("B1", Button::Mine).await;
    assert_eq!(
        nobody.text(),
        "Anda belum pernah dinilai dalam putaran umpan balik 360."
    );
    let nobody = w.press("SB", Button::Subordinate(b1)).await;
    assert_eq!(
        nobody.text(),
        "Dewi Kartika belum pernah dinilai dalam putaran umpan balik 360."
    );
    let round = answered_round(&w).await;
    let not_yet = "Hasil putaran Triwulan IV 2026 baru dapat dilihat setelah putaran ditutup. \
                   Hari terakhir pengisian: 20-11-2026.";
    // Before it opens, while it runs, and on its last day.
    for now in [before_open(), during(), utc(2026, 11, 20, 16)] {
        w.at(now).await;
        for (key, pressed) in [
            ("B1", w.press("B1", Button::Mine).await),
            ("B1", w.press("B1", Button::MineRound(round)).await),
            ("SB", w.press("SB", Button::Subordinate(b1)).await),
            (
                "SB",
                w.press("SB", Button::SubordinateRound(b1, round)).await,
            ),
            ("HANA", w.press("HANA", Button::Aggregates(round)).await),
            (
                "HANA",
                w.press(
                    "HANA",
                    Button::AggregatesFile(round, kinerja_bot::export::Format::Csv),
                )
                .await,
            ),
        ] {
            assert_eq!(pressed.text(), not_yet, "{key} at {now}");
            assert!(pressed.messages.iter().all(|m| m.file.is_none()));
        }
    }
    // Midnight after the last day, in the organisation's zone: closed, but not shown before
    // the reminder time (09:00), so a tap handled at the last moment cannot land after a read.
    w.at(utc(2026, 11, 20, 17)).await;
    let hidden = w.press("B1", Button::Mine).await.text();
    assert!(!hidden.contains("Rekan kerja ("), "{hidden}");
    w.at(utc(2026, 11, 21, 2)).await;
    let shown = w.press("B1", Button::Mine).await.text();
    assert!(shown.contains("Rekan kerja (3 jawaban)"), "{shown}");

    // A later round that HR closes early: shown from the day of the early close.
    let early = w
        .round(Scope::Organisation, RoundPeriod::month(2026, 12).unwrap())
        .await;
    let dates = "UPDATE feedback_rounds SET opens_on = '2026-12-01', closes_on = '2026-12-20', \
                 closed_early_on = $2 WHERE id = $1";
    let set = |closed: Option<&'static str>| {
        sqlx::query(dates)
            .bind(early.0)
            .bind(closed)
            .execute(w.conn.pool())
    };
    set(None).await.unwrap();
    w.at(utc(2026, 12, 5, 2)).await;
    let pressed = w.press("B1", Button::MineRound(early)).await.text();
    assert!(
        pressed.contains("Hari terakhir pengisian: 20-12-2026"),
        "{pressed}"
    );
    set(Some("2026-12-05")).await.unwrap();
    // Two closed rounds now: B1 picks, newest first.
    let list = w.press("B1", Button::Mine).await;
    let labels = list.messages.last().unwrap().labels();
    assert_eq!(
        labels,
        [
            "Desember 2026 (pengisian sampai 04-12-2026)",
            "Triwulan IV 2026 (pengisian sampai 20-11-2026)"
        ]
    );
    let december = w
        .tap("B1", "Desember 2026 (pengisian sampai 04-12-2026)")
        .await
        .text();
    assert!(
        december.starts_with("📊 Hasil umpan balik 360 Anda — Desember 2026"),
        "{december}"
    );
    assert!(
        december.contains("Rekan kerja: belum cukup jawaban"),
        "{december}"
    );
    w.stop().await;
}

on_both_backends!(
    a_forged_button_opens_no_one_elses_results,
    |db: TestDb| async move { forged_buttons(db).await }
);

async fn forged_buttons(db: TestDb) {
    let w = world(db, |_| {}).await;
    let round = answered_round(&w).await;
    w.at(after_close()).await;
    let (b1, c1, sb) = (
        w.employee_ref("B1").await,
        w.employee_ref("C1").await,
        w.employee_ref("SB").await,
    );
    // Another team's member, oneself, one's own supervisor, a peer, a number naming nobody:
    // refused on the button, nothing sent.
    for (presser, button) in [
        ("SB", Button::Subordinate(c1)),
        ("SB", Button::SubordinateRound(c1, round)),
        ("SB", Button::Subordinate(sb)),
        ("B1", Button::Subordinate(sb)),
        ("B2", Button::Subordinate(b1)),
        ("B2", Button::SubordinateRound(b1, round)),
        ("H", Button::SubordinateRound(b1, round)),
        ("SB", Button::Subordinate(EmployeeRef(987_654))),
        // An employee who is not HR.
        ("B1", Button::Aggregates(round)),
        (
            "B1",
            Button::AggregatesFile(round, kinerja_bot::export::Format::Xlsx),
        ),
    ] {
        let pressed = w.press(presser, button).await;
        assert!(
            pressed.refused(Lang::Id),
            "{presser} {button:?}: {:?} {}",
            pressed.answers,
            pressed.text()
        );
    }
    // A round one was not rated in, or one that does not exist, shows nothing either.
    let other = w
        .press("B1", Button::MineRound(RoundId(round.0 + 40)))
        .await;
    assert_eq!(
        other.text(),
        "Putaran ini tidak ditemukan; tombolnya mungkin dari data lama."
    );
    // Someone with no linked account.
    let outsider = w.fake.user(9_999, "x", Some("id"));
    outsider.say("/help").await;
    let sent = w.fake.sent_to(9_999);
    let before = button_answers(&w.fake, 9_999).len();
    for b in [Button::Mine, Button::Team, Button::Subordinate(b1)] {
        outsider.press(sent.last().unwrap(), &forged(b));
    }
    w.settle(9_999, before + 3).await;
    assert_eq!(w.fake.sent_to(9_999).len(), sent.len());
    let not_linked = Some(text(Lang::Id, Msg::NotLinked));
    assert_eq!(
        button_answers(&w.fake, 9_999)[before..],
        [not_linked.clone(), not_linked.clone(), not_linked]
    );
    // Data that is not a button of this version is a stale button.
    let stale = w.press_data("SB", "fr:s:abc").await;
    assert_eq!(stale.answers, [Some(text(Lang::Id, Msg::StaleButton))]);

    // The real path still works: SB's own subordinate.
    let own = w.press("SB", Button::Subordinate(b1)).await.text();
    assert!(own.contains("Rekan kerja (3 jawaban)"), "{own}");
    // After a re-import moves B1 under SC, SB no longer sees B1 and SC does.
    let moved = org_csv().replace(
        &format!(
            "{};Dewi Kartika;Staf;Dinas Uji > Bidang B;{}",
            nip("B1"),
            nip("SB")
        ),
        &format!(
            "{};Dewi Kartika;Staf;Dinas Uji > Bidang C;{}",
            nip("B1"),
            nip("SC")
        ),
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("moved.csv");
    std::fs::write(&file, moved).unwrap();
    let url = w.db.url.clone();
    let path = file.display().to_string();
    let (code, out, err) = run_cli(&["import", &path], &[("DATABASE_URL", &url)]).await;
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        w.press("SB", Button::Subordinate(b1))
            .await
            .refused(Lang::Id)
    );
    let now_sc = w.press("SC", Button::Subordinate(b1)).await.text();
    assert!(now_sc.contains("Rekan kerja (3 jawaban)"), "{now_sc}");
    w.stop().await;
}

on_both_backends!(
    unit_hr_sees_the_aggregates_of_rounds_in_their_scope_only,
    |db: TestDb| async move { unit_scope(db).await }
);

async fn unit_scope(db: TestDb) {
    let w = world(db, |_| {}).await;
    let org_round = answered_round(&w).await;
    let unit_b = UnitPath::parse("Dinas Uji > Bidang B").unwrap();
    let b_round = w
        .round(
            Scope::Subtree(unit_b),
            RoundPeriod::month(2026, 11).unwrap(),
        )
        .await;
    for peer in ["B2", "B3", "B4"] {
        w.complete(b_round, ("B1", peer), Sesuai, "").await;
    }
    for staff in ["B1", "B2", "B3", "B4"] {
        w.complete(b_round, (staff, "SB"), DiAtas, "").await;
    }
    w.at(after_close()).await;

    // Sekar, HR of Bidang B: of the organisation's round she sees her own unit's part only.
    for b in [
        Button::Aggregates(org_round),
        Button::AggregatesFile(org_round, kinerja_bot::export::Format::Csv),
    ] {
        let part = w.press("SB", b).await;
        let text = part.text();
        assert!(
            !text.contains("Bidang A") && !text.contains("Bidang C"),
            "{text}"
        );
        for m in &part.messages {
            if let Some(file) = &m.file {
                let content = String::from_utf8_lossy(file);
                assert!(
                    !content.contains("Bidang A") && !content.contains("Bidang C"),
                    "{content}"
                );
            }
        }
    }
    let hers = w.press("SB", Button::Aggregates(b_round)).await.text();
    assert!(
        hers.starts_with("📊 Hasil 360 per unit — November 2026"),
        "{hers}"
    );
    assert!(
        hers.contains(
            "Dinas Uji > Bidang B\n5 pegawai dinilai, 4 dengan hasil\nBerorientasi Pelayanan \
             (7 jawaban): di bawah 0 (0%) · sesuai 3 (43%) · di atas 4 (57%)"
        ),
        "{hers}"
    );
    assert!(
        !hers.contains("Bidang A") && !hers.contains("Bidang C"),
        "{hers}"
    );
    let file = w.tap("SB", "Berkas CSV").await;
    let rows = read_csv(file.messages[0].file.as_ref().unwrap());
    assert_eq!(rows.len(), 1 + 7);
    assert!(rows[1..].iter().all(|r| r[0] == "Dinas Uji > Bidang B"));
    assert_eq!(
        file.messages[0].text,
        "Hasil 360 per unit — November 2026 (1 unit)"
    );

    // Organisation HR sees both rounds; the organisation's covers every unit.
    let hana = w.press("HANA", Button::Aggregates(b_round)).await.text();
    assert_eq!(
        hana.split_once('\n').unwrap().1,
        hers.split_once('\n').unwrap().1
    );
    let all = w.press("HANA", Button::Aggregates(org_round)).await.text();
    for unit in ["Bidang A", "Bidang B", "Bidang C"] {
        assert!(all.contains(&format!("Dinas Uji > {unit}\n")), "{all}");
    }
    // A round that does not exist.
    let gone = w.press("HANA", Button::Aggregates(RoundId(9_999))).await;
    assert_eq!(
        gone.answers,
        [Some(
            "Putaran ini tidak ditemukan; tombolnya mungkin dari data lama.".to_owned()
        )]
    );
    w.stop().await;
}

on_both_backends!(
    a_minimum_raised_to_four_hides_a_group_of_three,
    |db: TestDb| async move { raised_minimum(db).await }
);

async fn raised_minimum(db: TestDb) {
    let w = world(db, |s| s.file.thresholds.feedback_min_group_size = 4).await;
    answered_round(&w).await;
    w.at(after_close()).await;
    let b1 = w.press("B1", Button::Mine).await.text();
    lines(
        &b1,
        &[
            ("Rekan kerja: belum cukup jawaban", 7),
            (
                "Total (1 jawaban): di bawah 0 (0%) · sesuai 1 (100%) · di atas 0 (0%)",
                7,
            ),
        ],
    );
    assert!(!b1.contains("Sangat membantu"), "{b1}");
    assert!(b1.contains("minimal 4 orang"), "{b1}");
    let c1 = w.press("C1", Button::Mine).await.text();
    assert!(c1.contains("Rekan kerja (4 jawaban)"), "{c1}");
    w.stop().await;
}

on_both_backends!(
    everyone_opens_their_results_at_once,
    |db: TestDb| async move { everyone_at_once(db).await }
);

async fn everyone_at_once(db: TestDb) {
    let w = world(db, |_| {}).await;
    answered_round(&w).await;
    w.at(after_close()).await;
    let before: HashMap<&str, (usize, usize)> = ORG.iter().map(|p| (p.0, marks(&w, p.0))).collect();
    for (key, ..) in ORG {
        let user = w.user(key);
        let sent = w.fake.sent_to(user.id());
        let on = sent
            .last()
            .cloned()
            .unwrap_or_else(|| Sent::blank(user.id()));
        user.press(&on, &forged(Button::Mine));
        if ["H", "SA", "SB", "SC"].contains(key) {
            user.press(&on, &forged(Button::Team));
        }
    }
    for (key, ..) in ORG {
        let presses = if ["H", "SA", "SB", "SC"].contains(key) {
            2
        } else {
            1
        };
        w.settle(user_id(key), before[key].1 + presses).await;
    }
    for (key, ..) in ORG {
        let got: Vec<Sent> = w.fake.sent_to(user_id(key))[before[key].0..].to_vec();
        let texts: Vec<&str> = got.iter().map(|m| m.text.as_str()).collect();
        let own = texts
            .iter()
            .find(|t| t.starts_with("📊 Hasil umpan balik 360 Anda — Triwulan IV 2026"));
        assert!(own.is_some(), "{key}: {texts:?}");
        let expected_peers = match *key {
            "A1" | "A2" | "A3" => "Rekan kerja: belum cukup jawaban",
            "B1" => "Rekan kerja (3 jawaban)",
            "C1" => "Rekan kerja (4 jawaban)",
            _ => "",
        };
        assert!(own.unwrap().contains(expected_peers), "{key}: {own:?}");
        if ["H", "SA", "SB", "SC"].contains(key) {
            let list = got.iter().find(|m| team_list(m)).unwrap();
            let mut team: Vec<String> = ORG
                .iter()
                .filter(|p| p.3 == *key)
                .map(|p| p.1.to_owned())
                .collect();
            team.sort();
            assert_eq!(list.labels(), team, "{key}");
        }
    }
    w.stop().await;
}

on_both_backends!(
    answers_given_in_the_chat_show_in_the_results_without_the_raters,
    |db: TestDb| async move { answered_in_chat(db).await }
);

/// B1's three peers rate B1 in the rater's chat, tap by tap (one adds a comment), so that the
/// bot has seen their Telegram accounts; after the close the search runs again.
async fn answered_in_chat(db: TestDb) {
    use kinerja_bot::bot::features::feedback::Button as Rate;
    let w = world(db, |_| {}).await;
    let round = w
        .round(Scope::Organisation, RoundPeriod::quarter(2026, 4).unwrap())
        .await;
    w.complete(round, ("B1", "SB"), Sesuai, "").await;
    w.at(during()).await;
    for (peer, rating) in [("B2", DiAtas), ("B3", Sesuai), ("B4", DiAtas)] {
        let id: i64 = sqlx::query_scalar(
            "SELECT id FROM feedback_assignments \
             WHERE round_id = $1 AND ratee_nip = $2 AND rater_nip = $3",
        )
        .bind(round.0)
        .bind(nip("B1"))
        .bind(nip(peer))
        .fetch_one(w.conn.pool())
        .await
        .unwrap();
        let a = AssignmentId(id);
        let first = w.press(peer, Button::Mine).await;
        assert_eq!(first.answers, [None]);
        let question = w.press_data(peer, &forged(Rate::Rate(a))).await.text();
        assert!(question.contains("Dewi Kartika"), "{question}");
        for v in Value::ALL {
            let tap = w
                .press_data(peer, &forged(Rate::Answer(a, *v, rating)))
                .await;
            assert_eq!(tap.answers.len(), 1, "{peer} {v:?}");
        }
        if peer == "B3" {
            w.press_data(peer, &forged(Rate::Comment(a))).await;
            let user = w.user(peer);
            user.say("Rapi dan tepat waktu").await;
            w.app.wait_idle(&w.fake).await;
        }
        w.press_data(peer, &forged(Rate::Submit(a))).await;
    }
    let complete: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM feedback_assignments \
         WHERE round_id = $1 AND ratee_nip = $2 AND grp = 'peer' AND completed_at IS NOT NULL",
    )
    .bind(round.0)
    .bind(nip("B1"))
    .fetch_one(w.conn.pool())
    .await
    .unwrap();
    assert_eq!(complete, 3);
    let from: HashMap<&str, (usize, usize)> = ["B1", "SB", "HANA"]
        .into_iter()
        .map(|k| (k, marks(&w, k)))
        .collect();
    w.at(after_close()).await;

    let own = w.press("B1", Button::Mine).await.text();
    lines(
        &own,
        &[
            (
                "Rekan kerja (3 jawaban): di bawah 0 (0%) · sesuai 1 (33%) · di atas 2 (67%)",
                7,
            ),
            (
                "Total (4 jawaban): di bawah 0 (0%) · sesuai 2 (50%) · di atas 2 (50%)",
                7,
            ),
        ],
    );
    assert!(
        own.contains("Rekan kerja\n• “Rapi dan tepat waktu”"),
        "{own}"
    );
    let b1 = w.employee_ref("B1").await;
    w.press("SB", Button::Subordinate(b1)).await;
    w.press("HANA", Button::Aggregates(round)).await;
    w.tap("HANA", "Berkas XLSX").await;
    let raters = anonymous_raters(&w.conn, round, "B1").await;
    assert_eq!(raters, ["B2", "B3", "B4"]);
    for key in ["B1", "SB", "HANA"] {
        let everything = received(&w, key, from[key], team_list);
        assert_names_nobody(&everything, &raters, key);
    }
    w.stop().await;
}

on_both_backends!(
    the_cli_writes_the_aggregates_hr_gets_in_chat,
    |db: TestDb| async move { cli_export(db).await }
);

async fn cli_export(db: TestDb) {
    let w = world(db, |_| {}).await;
    // Closed in the real clock's eyes too, which the command line goes by.
    let round = answered_round(&w).await;
    w.at(after_close()).await;
    w.press("HANA", Button::Aggregates(round)).await;
    let in_chat = w.tap("HANA", "Berkas CSV").await;
    let in_chat = read_csv(in_chat.messages[0].file.as_ref().unwrap());

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("hasil.csv");
    let (url, out_s, id) = (
        w.db.url.clone(),
        out.display().to_string(),
        round.0.to_string(),
    );
    let env = [("DATABASE_URL", url.as_str())];
    let args = [
        "export", "feedback", "--round", &id, "--format", "csv", "--out", &out_s,
    ];
    let (code, stdout, stderr) = run_cli(&args, &env).await;
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stderr.contains("4 units, round"), "{stderr}");
    assert_eq!(read_csv(&std::fs::read(&out).unwrap()), in_chat);
    let xlsx = dir.path().join("hasil.xlsx");
    let xlsx_s = xlsx.display().to_string();
    let args = [
        "export", "feedback", "--round", &id, "--format", "xlsx", "--out", &xlsx_s,
    ];
    let (code, stdout, stderr) = run_cli(&args, &env).await;
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(read_xlsx(&std::fs::read(&xlsx).unwrap()), in_chat);

    // A round that does not exist, and one that has not closed: nothing written.
    let later = w
        .round(Scope::Organisation, RoundPeriod::year(2099).unwrap())
        .await;
    sqlx::query("UPDATE feedback_rounds SET opens_on = '2099-01-01', closes_on = '2099-01-31' WHERE id = $1")
        .bind(later.0)
        .execute(w.conn.pool())
        .await
        .unwrap();
    let never = dir.path().join("never.csv");
    let never_s = never.display().to_string();
    for (round, says) in [
        ("999", "there is no 360 round 999"),
        (&*later.0.to_string(), "still open"),
    ] {
        let args = [
            "export", "feedback", "--round", round, "--format", "csv", "--out", &never_s,
        ];
        let (code, _, stderr) = run_cli(&args, &env).await;
        assert_eq!(code, 1, "{stderr}");
        assert!(stderr.contains(says), "{stderr}");
        assert!(!never.exists());
    }
    w.stop().await;
}

on_both_backends!(
    a_large_team_is_listed_page_by_page,
    |db: TestDb| async move { large_team(db).await }
);

/// Hadi (the first in NIP order) with 25 direct subordinates: twenty names a page.
async fn large_team(db: TestDb) {
    let mut csv = org_csv().lines().take(2).collect::<Vec<_>>().join("\n");
    csv.push('\n');
    let mut names = Vec::new();
    for i in 0..25 {
        let name = format!("Staf Nomor {i:02}");
        let staff = format!("198502022010012{:03}", i + 1);
        csv.push_str(&format!(
            "{staff};{name};Staf;Dinas Uji;{};pegawai;id\n",
            nip("H")
        ));
        names.push(name);
    }
    let w = world_of(db, &csv, |_| {}).await;
    let first = w.press("H", Button::Team).await;
    let list = first.messages.last().unwrap();
    assert!(list.text.ends_with("(halaman 1 dari 2)"), "{}", list.text);
    let mut page_one: Vec<String> = names[..20].to_vec();
    page_one.push("Berikutnya ▶".into());
    assert_eq!(list.labels(), page_one);
    // The next page replaces the list in place.
    let next = w.tap("H", "Berikutnya ▶").await;
    assert!(next.messages.is_empty(), "{}", next.text());
    let list = w.fake.sent_to(user_id("H")).last().unwrap().clone();
    let mut page_two: Vec<String> = names[20..].to_vec();
    page_two.push("◀ Sebelumnya".into());
    assert_eq!(list.labels(), page_two);
    assert!(list.text.ends_with("(halaman 2 dari 2)"), "{}", list.text);
    let chosen = w.tap("H", "Staf Nomor 24").await.text();
    assert_eq!(
        chosen,
        "Staf Nomor 24 belum pernah dinilai dalam putaran umpan balik 360."
    );
    // A page past the end shows the last one.
    let far = w.press("H", Button::TeamPage(9)).await;
    let list = w.fake.sent_to(user_id("H")).last().unwrap().clone();
    assert!(far.messages.len() <= 1);
    assert!(list.text.ends_with("(halaman 2 dari 2)"), "{}", list.text);
    w.stop().await;
}

on_both_backends!(
    a_reimport_after_the_close_moves_no_results_between_units,
    |db: TestDb| async move { units_fixed_at_creation(db).await }
);

/// HR reads the per-unit figures, a re-import moves a ratee with results to another unit, and
/// HR reads them again: the same figures, so the two reports differ by no one's results.
async fn units_fixed_at_creation(db: TestDb) {
    let w = world(db, |_| {}).await;
    let round = answered_round(&w).await;
    w.at(after_close()).await;
    let before = w.press("HANA", Button::Aggregates(round)).await.text();
    assert!(before.contains("Dinas Uji > Bidang C"), "{before}");
    let moved = org_csv().replace(
        &format!(
            "{};Indra Gunawan;Staf;Dinas Uji > Bidang C;{}",
            nip("C1"),
            nip("SC")
        ),
        &format!(
            "{};Indra Gunawan;Staf;Dinas Uji > Bidang A;{}",
            nip("C1"),
            nip("SA")
        ),
    );
    assert_ne!(moved, org_csv());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("moved.csv");
    std::fs::write(&file, moved).unwrap();
    let path = file.display().to_string();
    let (code, out, err) = run_cli(&["import", &path], &[("DATABASE_URL", &w.db.url)]).await;
    assert_eq!(code, 0, "{out}{err}");
    let after = w.press("HANA", Button::Aggregates(round)).await.text();
    assert_eq!(before, after);
    w.stop().await;
}
