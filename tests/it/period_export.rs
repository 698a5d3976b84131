//! HR's per-period file, from the CLI (`kinerja-bot export period`) and from the chat's file
//! buttons, read back (CSV as text, XLSX through calamine) and compared cell by cell with what
//! the stored dialogs, 360 answers and evaluations should give, types included: numbers are
//! numbers and dates are dates. Also: e-Kinerja's columns, a unit HR's subtree, a pegawai's
//! press refused, a 360 group below the minimum left empty, the raw bytes of every file (and
//! the XLSX's unzipped XML) searched for the raters, and HR people exporting at once.
//!
//! The world: the example agency (`examples/pegawai.csv`), period 2026-q3 defined, dialogs in
//! and around it, a 360 round for September 2026 (within the quarter, closed on 2 October) and
//! one for the year 2026 (not within it), evaluations for four people.

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use kinerja_bot::bot::features::period_export::Button;
use kinerja_bot::domain::authz::Scope;
use kinerja_bot::domain::berakhlak::{Rating, Value};
use kinerja_bot::domain::feedback_round::RoundPeriod;
use kinerja_bot::domain::period::Period;
use kinerja_bot::domain::{AssignmentId, Lang, RoundId};
use kinerja_bot::export::Format;
use kinerja_bot::i18n::{Msg, text};
use kinerja_bot::period_export::Layout;
use kinerja_bot::storage::evaluations::{Hasil, Rate};
use kinerja_bot::storage::{Db, evaluations, feedback_answers, feedback_rounds, periods};

use crate::support::example::{
    AGUS, ANDI, BAMBANG, DIMAS, FITRI, HENDRA, INDAH, MAYA, NUR, PUTRI, RATNA, RIZKY, SRI, TEGUH,
    WULAN, YUSUF,
};
use crate::support::fake_telegram::Sent;
use crate::support::{
    EXAMPLE_CSV, FakeTelegram, TestApp, TestDb, button_answers, forged, import_example,
    link_everyone, run_cli,
};

const PENILAIAN: &str = "Badan Kepegawaian Daerah > Bidang Penilaian Kinerja";
const MUTASI: &str = "Badan Kepegawaian Daerah > Bidang Mutasi";

/// Telegram ids from here, in NIP order: seven digits that no NIP of the example holds.
const FIRST_USER: i64 = 5_550_100;

fn quarter() -> Period {
    Period::parse("2026-q3").unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// When the evaluations were saved: 10:00 WIB on 5 October 2026.
fn rated_at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, 5, 3, 0, 0).unwrap()
}

/// 09:00 WIB on 15 October 2026: both rounds closed, their results ready.
fn after_close() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, 15, 2, 0, 0).unwrap()
}

/// A dialog held: (employee, supervisor, day, acknowledgement).
type Held = (&'static str, &'static str, (i32, u32, u32), &'static str);

const DIALOGS: &[Held] = &[
    (DIMAS, AGUS, (2026, 7, 10), "confirmed"),
    (DIMAS, AGUS, (2026, 8, 12), "commented"),
    (DIMAS, AGUS, (2026, 9, 3), "pending"),
    (INDAH, BAMBANG, (2026, 7, 15), "confirmed"),
    (INDAH, BAMBANG, (2026, 9, 20), "unacknowledged"),
    (TEGUH, RATNA, (2026, 9, 30), "confirmed"),
    // Outside the quarter: counted nowhere.
    (PUTRI, RATNA, (2026, 6, 30), "confirmed"),
    (PUTRI, RATNA, (2026, 10, 1), "pending"),
];

/// Complete 360 ratings in September's round: (ratee, rater, rating on every value).
const RATINGS: &[(&str, &str, Rating)] = &[
    // Indah's three peers: shown.
    (INDAH, YUSUF, Rating::DiAtas),
    (INDAH, RIZKY, Rating::Sesuai),
    (INDAH, ANDI, Rating::DiAtas),
    (INDAH, BAMBANG, Rating::Sesuai),
    // Dimas's two peers: below the minimum, hidden.
    (DIMAS, NUR, Rating::DiBawah),
    (DIMAS, WULAN, Rating::DiBawah),
    (DIMAS, AGUS, Rating::DiAtas),
    (DIMAS, DIMAS, Rating::DiAtas),
    // Three of Bambang's four subordinates finish: shown.
    (BAMBANG, YUSUF, Rating::Sesuai),
    (BAMBANG, INDAH, Rating::Sesuai),
    (BAMBANG, RIZKY, Rating::DiBawah),
    // Two of Hendra's three: hidden.
    (HENDRA, SRI, Rating::DiAtas),
    (HENDRA, RATNA, Rating::DiAtas),
];

const SECRET: &str = "Komentar rahasia rekan untuk Dimas";

/// The evaluations: (employee, supervisor, hasil, perilaku, predikat as the file writes it).
const EVALUATIONS: &[(&str, &str, Rating, Rating, &str)] = &[
    (
        INDAH,
        BAMBANG,
        Rating::DiAtas,
        Rating::DiAtas,
        "Sangat Baik",
    ),
    (DIMAS, AGUS, Rating::Sesuai, Rating::Sesuai, "Baik"),
    (
        BAMBANG,
        HENDRA,
        Rating::DiBawah,
        Rating::Sesuai,
        "Butuh Perbaikan",
    ),
    (
        PUTRI,
        RATNA,
        Rating::Sesuai,
        Rating::DiBawah,
        "Kurang/Misconduct",
    ),
];

/// One employee of the example file.
#[derive(Debug, Clone)]
struct Person {
    nip: String,
    name: String,
    unit: String,
    supervisor: Option<String>,
}

/// The example agency, in NIP order.
fn people() -> Vec<Person> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_path(EXAMPLE_CSV)
        .unwrap();
    let mut out: Vec<Person> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            Person {
                nip: r[0].to_owned(),
                name: r[1].to_owned(),
                unit: r[3].to_owned(),
                supervisor: Some(r[4].to_owned()).filter(|s| !s.is_empty()),
            }
        })
        .collect();
    out.sort_by(|a, b| a.nip.cmp(&b.nip));
    out
}

fn name_of(nip: &str) -> String {
    people().into_iter().find(|p| p.nip == nip).unwrap().name
}

struct World {
    fake: FakeTelegram,
    db: TestDb,
    conn: Db,
    app: TestApp,
}

async fn world(db: TestDb) -> World {
    import_example(&db).await;
    let linked = link_everyone(&db, FIRST_USER).await;
    assert_eq!(linked.len(), 16);
    let conn = db.connect().await;
    seed(&conn).await;
    let fake = FakeTelegram::start().await;
    let app = TestApp::spawn_with(&fake, &db, after_close(), |s| {
        // No monthly reminders naming anyone's staff in the chats searched here.
        s.file.dialog.reminder = "0 0 9 29 2 *".into();
        s.file.dialog.follow_up = "0 0 9 29 2 *".into();
    })
    .await;
    World {
        fake,
        db,
        conn,
        app,
    }
}

async fn seed(conn: &Db) {
    let defined = periods::define(conn, quarter(), FITRI, 0).await.unwrap();
    assert_eq!(defined, periods::Defined::Created);
    for (i, (employee, supervisor, (y, m, d), ack)) in DIALOGS.iter().enumerate() {
        sqlx::query(
            "INSERT INTO dialogs (save_key, supervisor_nip, employee_nip, kind, mode, held_on, \
                 points, ack, created_at, updated_at) \
             VALUES ($1, $2, $3, 'umpan-balik', 'tatap-muka', $4, '{}', $5, 0, 0)",
        )
        .bind(format!("px-{i}"))
        .bind(*supervisor)
        .bind(*employee)
        .bind(day(*y, *m, *d).to_string())
        .bind(*ack)
        .execute(conn.pool())
        .await
        .unwrap();
    }
    let sep = RoundPeriod::month(2026, 9).unwrap();
    let september = round(conn, "px-sep", sep, (day(2026, 9, 21), day(2026, 10, 2))).await;
    let answered = day(2026, 9, 25);
    for (ratee, rater, rating) in RATINGS {
        answer(conn, september, (ratee, rater), *rating, 7, answered).await;
    }
    // A comment on Dimas from a peer of the hidden group: in no file.
    let a = assignment(conn, september, DIMAS, NUR).await;
    let a = feedback_answers::writable(conn, a, NUR, answered)
        .await
        .unwrap()
        .unwrap();
    feedback_answers::set_comment(conn, &a, Some(SECRET), answered)
        .await
        .unwrap()
        .unwrap();
    // Andi stops after three values: his rating of Bambang counts nowhere.
    answer(
        conn,
        september,
        (BAMBANG, ANDI),
        Rating::DiAtas,
        3,
        answered,
    )
    .await;
    // The year's round is not within the quarter: Agus's "below" on Dimas counts nowhere.
    let whole = RoundPeriod::year(2026).unwrap();
    let year = round(
        conn,
        "px-year",
        whole,
        (day(2026, 10, 5), day(2026, 10, 10)),
    )
    .await;
    answer(
        conn,
        year,
        (DIMAS, AGUS),
        Rating::DiBawah,
        7,
        day(2026, 10, 6),
    )
    .await;
    for (employee, supervisor, hasil, perilaku, _) in EVALUATIONS {
        let rate = Rate {
            period: quarter(),
            employee_nip: employee,
            supervisor_nip: supervisor,
            hasil: Hasil::Rated(*hasil),
            perilaku: *perilaku,
            note: None,
            evidence: "{}",
        };
        let saved = evaluations::save(conn, rate, rated_at().timestamp()).await;
        assert!(
            matches!(saved.unwrap(), evaluations::Saved::Created(_)),
            "{employee}"
        );
    }
}

/// A round over the organisation, with self-ratings, open on both days given.
async fn round(
    conn: &Db,
    key: &str,
    period: RoundPeriod,
    (opens_on, closes_on): (NaiveDate, NaiveDate),
) -> RoundId {
    let new = feedback_rounds::NewRound {
        key: key.into(),
        scope: Scope::Organisation,
        period,
        opens_on,
        closes_on,
        seed: 7,
        max_peers: 5,
        max_subordinates: 5,
        include_self: true,
        created_by: FITRI.into(),
    };
    let plan = feedback_rounds::plan(conn, &new).await.unwrap();
    let today = opens_on.pred_opt().unwrap();
    let created = feedback_rounds::create(conn, &new, &plan, today, 0)
        .await
        .unwrap();
    created.unwrap_or_else(|r| panic!("round refused: {r:?}")).0
}

async fn assignment(conn: &Db, round: RoundId, ratee: &str, rater: &str) -> AssignmentId {
    let id: i64 = sqlx::query_scalar(
        "SELECT id FROM feedback_assignments \
         WHERE round_id = $1 AND ratee_nip = $2 AND rater_nip = $3",
    )
    .bind(round.0)
    .bind(ratee)
    .bind(rater)
    .fetch_one(conn.pool())
    .await
    .unwrap_or_else(|e| panic!("{rater} does not rate {ratee}: {e}"));
    AssignmentId(id)
}

async fn answer(
    conn: &Db,
    round: RoundId,
    (ratee, rater): (&str, &str),
    rating: Rating,
    values: usize,
    on: NaiveDate,
) {
    let id = assignment(conn, round, ratee, rater).await;
    let a = feedback_answers::writable(conn, id, rater, on)
        .await
        .unwrap()
        .unwrap();
    for v in Value::ALL.iter().take(values) {
        feedback_answers::answer(conn, &a, *v, rating, on, 1_790_000_000)
            .await
            .unwrap()
            .unwrap();
    }
}

/// What a cell should hold.
#[derive(Debug, Clone, PartialEq)]
enum E {
    S(String),
    /// A count.
    N(f64),
    /// A mean, written with two decimals.
    M(f64),
    D(NaiveDate),
    Empty,
}

fn s(v: &str) -> E {
    E::S(v.to_owned())
}

/// Per group (atasan, rekan, bawahan, diri): the ratings counted and their mean on 1–3, the
/// same on every value here; and the total's mean.
type Expected360 = ([Option<(f64, Option<f64>)>; 4], Option<f64>);

fn expected_360(p: &Person) -> Expected360 {
    // Everyone was asked about themself, and everyone with a supervisor by them.
    let sup = p.supervisor.as_ref().map(|_| (0.0, None));
    let none = Some((0.0, None));
    match p.nip.as_str() {
        INDAH => (
            [Some((1.0, Some(2.0))), Some((3.0, Some(2.67))), None, none],
            Some(2.5),
        ),
        // The two peers' "below" is nowhere, not even in the total.
        DIMAS => (
            [Some((1.0, Some(3.0))), None, None, Some((1.0, Some(3.0)))],
            Some(3.0),
        ),
        BAMBANG => ([sup, None, Some((3.0, Some(1.67))), none], Some(1.67)),
        _ => ([sup, None, None, none], None),
    }
}

fn rating_name(r: Rating) -> &'static str {
    match r {
        Rating::DiBawah => "Di Bawah Ekspektasi",
        Rating::Sesuai => "Sesuai Ekspektasi",
        Rating::DiAtas => "Di Atas Ekspektasi",
    }
}

fn full_header() -> Vec<String> {
    let mut h: Vec<String> = [
        "nip",
        "nama",
        "unit",
        "aktif",
        "nip_atasan",
        "nama_atasan",
        "dialog_2026_07",
        "dialog_2026_08",
        "dialog_2026_09",
        "dialog_jumlah",
        "dialog_dikonfirmasi",
        "dialog_dikomentari",
        "dialog_menunggu",
        "dialog_tidak_ditanggapi",
        "jawaban_360_atasan",
        "jawaban_360_rekan",
        "jawaban_360_bawahan",
        "jawaban_360_diri",
    ]
    .map(str::to_owned)
    .to_vec();
    for v in [
        "berorientasi_pelayanan",
        "akuntabel",
        "kompeten",
        "harmonis",
        "loyal",
        "adaptif",
        "kolaboratif",
    ] {
        for g in ["atasan", "rekan", "bawahan", "diri", "total"] {
            h.push(format!("{v}_{g}"));
        }
    }
    h.extend(
        [
            "hasil_kerja",
            "hasil_dari_unit",
            "perilaku_kerja",
            "predikat",
            "nip_penilai",
            "nama_penilai",
            "tanggal_penilaian",
        ]
        .map(str::to_owned),
    );
    h
}

/// The full file's row for `p`; `with_360` false before the round's results are ready.
fn full_row(p: &Person, with_360: bool) -> Vec<E> {
    let mut row = vec![s(&p.nip), s(&p.name), s(&p.unit), s("ya")];
    match &p.supervisor {
        Some(sup) => row.extend([s(sup), E::S(name_of(sup))]),
        None => row.extend([E::Empty, E::Empty]),
    }
    let held: Vec<_> = DIALOGS
        .iter()
        .filter(|d| d.0 == p.nip && quarter().contains(day(d.2.0, d.2.1, d.2.2)))
        .collect();
    for month in 7..=9 {
        row.push(E::N(held.iter().filter(|d| d.2.1 == month).count() as f64));
    }
    row.push(E::N(held.len() as f64));
    for ack in ["confirmed", "commented", "pending", "unacknowledged"] {
        row.push(E::N(held.iter().filter(|d| d.3 == ack).count() as f64));
    }
    let (groups, total) = if with_360 {
        expected_360(p)
    } else {
        ([None; 4], None)
    };
    let count = |x: Option<f64>| x.map_or(E::Empty, E::N);
    let mean = |x: Option<f64>| x.map_or(E::Empty, E::M);
    row.extend(groups.iter().map(|g| count(g.map(|(n, _)| n))));
    for _ in Value::ALL {
        row.extend(groups.iter().map(|g| mean(g.and_then(|(_, m)| m))));
        row.push(mean(total));
    }
    match EVALUATIONS.iter().find(|e| e.0 == p.nip) {
        None => row.extend(std::iter::repeat_n(E::Empty, 7)),
        Some((_, sup, hasil, perilaku, predikat)) => row.extend([
            s(rating_name(*hasil)),
            s("tidak"),
            s(rating_name(*perilaku)),
            s(predikat),
            s(sup),
            E::S(name_of(sup)),
            E::D(day(2026, 10, 5)),
        ]),
    }
    row
}

fn ekinerja_row(p: &Person) -> Vec<E> {
    let mut row = vec![s(&p.nip), s(&p.name), s("Triwulan III 2026")];
    match EVALUATIONS.iter().find(|e| e.0 == p.nip) {
        None => row.extend([E::Empty, E::Empty, E::Empty]),
        Some((_, _, hasil, perilaku, predikat)) => row.extend([
            s(rating_name(*hasil)),
            s(rating_name(*perilaku)),
            s(predikat),
        ]),
    }
    row
}

const EKINERJA_HEADER: [&str; 6] = [
    "nip",
    "nama",
    "periode",
    "rating_hasil_kerja",
    "rating_perilaku_kerja",
    "predikat_kinerja",
];

/// The whole expected file: header and a row per person of `unit` (all for `None`).
fn expected(layout: Layout, unit: Option<&str>, with_360: bool) -> Vec<Vec<E>> {
    let header: Vec<String> = match layout {
        Layout::Lengkap => full_header(),
        Layout::Ekinerja => EKINERJA_HEADER.map(str::to_owned).to_vec(),
    };
    let mut out = vec![header.into_iter().map(E::S).collect()];
    for p in people() {
        if unit.is_some_and(|u| p.unit != u && !p.unit.starts_with(&format!("{u} > "))) {
            continue;
        }
        out.push(match layout {
            Layout::Lengkap => full_row(&p, with_360),
            Layout::Ekinerja => ekinerja_row(&p),
        });
    }
    out
}

/// Reads a file back and compares it with `expected` cell by cell, with the cell's type.
fn assert_file(format: Format, bytes: &[u8], expected: &[Vec<E>]) {
    match format {
        Format::Csv => {
            let text = String::from_utf8(bytes.to_vec()).unwrap();
            let body = text.strip_prefix('\u{feff}').expect("a BOM");
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(b';')
                .has_headers(false)
                .from_reader(body.as_bytes());
            let rows: Vec<Vec<String>> = reader
                .records()
                .map(|r| r.unwrap().iter().map(str::to_owned).collect())
                .collect();
            assert_eq!(rows.len(), expected.len(), "rows");
            for (r, (got, want)) in rows.iter().zip(expected).enumerate() {
                assert_eq!(got.len(), want.len(), "cells in row {r}");
                for (c, (g, w)) in got.iter().zip(want).enumerate() {
                    let w = match w {
                        E::S(s) => s.clone(),
                        E::N(x) => format!("{x}"),
                        E::M(x) => format!("{x:.2}").replace('.', ","),
                        E::D(d) => d.to_string(),
                        E::Empty => String::new(),
                    };
                    assert_eq!(
                        *g,
                        w,
                        "row {r} ({}) column {}",
                        got[0],
                        expected[0][c].name()
                    );
                }
            }
        }
        Format::Xlsx => {
            use calamine::{Data, Reader, Xlsx};
            let mut book: Xlsx<_> =
                calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
            let sheet = book.worksheet_range_at(0).unwrap().unwrap();
            let rows: Vec<&[Data]> = sheet.rows().collect();
            assert_eq!(rows.len(), expected.len(), "rows");
            for (r, (got, want)) in rows.iter().zip(expected).enumerate() {
                assert_eq!(got.len(), want.len(), "cells in row {r}");
                for (c, (g, w)) in got.iter().zip(want).enumerate() {
                    let ok = match (g, w) {
                        (Data::String(g), E::S(w)) => g == w,
                        (Data::Float(g), E::N(w) | E::M(w)) => (g - w).abs() < 1e-9,
                        (Data::DateTime(g), E::D(w)) => {
                            day(1899, 12, 30) + chrono::Days::new(g.as_f64() as u64) == *w
                        }
                        (Data::Empty, E::Empty) => true,
                        _ => false,
                    };
                    assert!(
                        ok,
                        "row {r} ({}) column {}: {g:?}, expected {w:?}",
                        got[0],
                        expected[0][c].name()
                    );
                }
            }
        }
    }
}

impl E {
    fn name(&self) -> String {
        match self {
            E::S(s) => s.clone(),
            other => format!("{other:?}"),
        }
    }
}

/// Runs `kinerja-bot export period` with `args`; returns (exit code, stderr, file bytes).
async fn cli(db: &TestDb, args: &[&str], ext: &str) -> (i32, String, Option<Vec<u8>>) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join(format!("out.{ext}"));
    let out_s = out.display().to_string();
    let mut all = vec!["export", "period", "--out", &out_s];
    all.extend_from_slice(args);
    let (code, _, err) = run_cli(&all, &[("DATABASE_URL", &db.url)]).await;
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    (code, err, std::fs::read(&out).ok())
}

fn user_of(nip: &str) -> i64 {
    let i = people().iter().position(|p| p.nip == nip).unwrap();
    FIRST_USER + i as i64
}

/// What one press brought: the documents sent and the answers on the press.
#[derive(Debug)]
struct Pressed {
    files: Vec<Sent>,
    messages: usize,
    answers: Vec<Option<String>>,
}

impl World {
    /// Each of `presses` is made at once; returns what each person got, in order.
    async fn press_all(&self, presses: &[(&str, Button)]) -> Vec<Pressed> {
        let mut marks = Vec::new();
        for (nip, _) in presses {
            let user = self.fake.user(user_of(nip), "tg", Some("id"));
            if self.fake.sent_to(user.id()).is_empty() {
                user.say("/help").await;
            }
        }
        for (nip, button) in presses {
            let id = user_of(nip);
            let user = self.fake.user(id, "tg", Some("id"));
            let sent = self.fake.sent_to(id);
            marks.push((sent.len(), button_answers(&self.fake, id).len()));
            user.press(sent.last().unwrap(), &forged(*button));
        }
        let want: HashMap<i64, usize> = presses.iter().fold(HashMap::new(), |mut m, (nip, _)| {
            *m.entry(user_of(nip)).or_default() += 1;
            m
        });
        self.fake
            .wait_until(Duration::from_secs(60), "every press answered", |f| {
                want.iter().all(|(u, n)| button_answers(f, *u).len() >= *n)
            })
            .await;
        self.app.wait_idle(&self.fake).await;
        // Several presses of one person share their marks: the first press's are used.
        let mut seen: HashMap<i64, (usize, usize)> = HashMap::new();
        presses
            .iter()
            .zip(marks)
            .map(|((nip, _), mark)| {
                let id = user_of(nip);
                let (m, a) = *seen.entry(id).or_insert(mark);
                let sent = self.fake.sent_to(id)[m..].to_vec();
                Pressed {
                    messages: sent.len(),
                    files: sent.into_iter().filter(|s| s.file.is_some()).collect(),
                    answers: button_answers(&self.fake, id)[a..].to_vec(),
                }
            })
            .collect()
    }

    async fn press(&self, nip: &str, button: Button) -> Pressed {
        self.press_all(&[(nip, button)]).await.remove(0)
    }

    async fn stop(self) {
        self.conn.close().await;
        self.app.stop().await;
    }
}

fn file(period: &str, layout: Layout, format: Format) -> Button {
    Button::File {
        period: Period::parse(period).unwrap(),
        layout,
        format,
    }
}

const FORMATS: [(Format, &str); 2] = [(Format::Csv, "csv"), (Format::Xlsx, "xlsx")];

/// The command line's arguments for the third quarter's file in `ext` and `layout`.
fn q3_args(ext: &'static str, layout: Layout) -> [&'static str; 6] {
    [
        "--period",
        "2026-q3",
        "--format",
        ext,
        "--layout",
        layout.code(),
    ]
}

on_both_backends!(
    the_cli_writes_both_layouts_as_expected_cell_by_cell,
    |db: TestDb| async move {
        let w = world(db).await;
        for (format, ext) in FORMATS {
            for layout in Layout::ALL {
                let args = q3_args(ext, *layout);
                let (code, err, bytes) = cli(&w.db, &args, ext).await;
                assert_eq!(code, 0, "{err}");
                assert!(
                    err.contains("16 employees, period 2026-q3"),
                    "{layout:?} {err}"
                );
                assert_file(format, &bytes.unwrap(), &expected(*layout, None, true));
            }
            // The full file is the default; --unit takes the unit's subtree.
            let args = ["--period", "2026-q3", "--format", ext, "--unit", PENILAIAN];
            let (code, err, bytes) = cli(&w.db, &args, ext).await;
            assert_eq!(code, 0, "{err}");
            let want = expected(Layout::Lengkap, Some(PENILAIAN), true);
            assert_eq!(want.len(), 6);
            assert_file(format, &bytes.unwrap(), &want);
        }
        for (args, says) in [
            (["--period", "2026-q2"], "period 2026-q2 is not defined"),
            (["--period", "2026-q9"], "\"2026-q9\" is not a period"),
            (["--period", "kemarin"], "\"kemarin\" is not a period"),
        ] {
            let mut all = args.to_vec();
            all.extend(["--format", "csv"]);
            let (code, err, bytes) = cli(&w.db, &all, "csv").await;
            assert_eq!((code, bytes), (1, None), "{err}");
            assert!(err.contains(says), "{err}");
        }
        let args = [
            "--period",
            "2026-q3",
            "--format",
            "csv",
            "--unit",
            "Dinas Lain > X",
        ];
        let (code, err, bytes) = cli(&w.db, &args, "csv").await;
        assert_eq!((code, bytes), (1, None), "{err}");
        assert!(err.contains("there is no unit \"Dinas Lain > X\""), "{err}");
        w.stop().await;
    }
);

on_both_backends!(
    hr_gets_the_file_in_chat_for_their_scope_and_a_pegawai_is_refused,
    |db: TestDb| async move {
        let w = world(db).await;
        let preparing = Some(text(Lang::Id, Msg::PeriodExportPreparing));
        for (format, ext) in FORMATS {
            for layout in Layout::ALL {
                let got = w.press(FITRI, file("2026-q3", *layout, format)).await;
                assert_eq!(got.answers, std::slice::from_ref(&preparing));
                assert_eq!(got.files.len(), 1, "{got:?}");
                let doc = &got.files[0];
                let name = format!("penilaian-2026-q3-{}.{ext}", layout.code());
                assert_eq!(doc.file_name.as_deref(), Some(name.as_str()));
                assert!(
                    doc.text.contains("Triwulan III 2026: 16 pegawai"),
                    "{}",
                    doc.text
                );
                assert_file(
                    format,
                    doc.file.as_ref().unwrap(),
                    &expected(*layout, None, true),
                );
            }
        }
        // A unit's HR: their subtree only.
        for (hr, unit) in [(YUSUF, PENILAIAN), (MAYA, MUTASI)] {
            let got = w
                .press(hr, file("2026-q3", Layout::Lengkap, Format::Xlsx))
                .await;
            let want = expected(Layout::Lengkap, Some(unit), true);
            assert_file(Format::Xlsx, got.files[0].file.as_ref().unwrap(), &want);
        }
        // Anyone else: refused on the button, nothing sent.
        let refused = Some(text(Lang::Id, Msg::NotAllowed));
        for nip in [DIMAS, BAMBANG, HENDRA] {
            let got = w
                .press(nip, file("2026-q3", Layout::Ekinerja, Format::Csv))
                .await;
            assert_eq!(
                (got.messages, got.answers),
                (0, vec![refused.clone()]),
                "{nip}"
            );
        }
        // A period nobody defined.
        let got = w
            .press(FITRI, file("2026-q2", Layout::Lengkap, Format::Csv))
            .await;
        let unknown = Some(text(Lang::Id, Msg::PeriodExportUnknownPeriod));
        assert_eq!((got.messages, got.answers), (0, vec![unknown]));
        // Before September's round closed, its answers are in no file.
        w.app
            .clock
            .set(Utc.with_ymd_and_hms(2026, 10, 2, 2, 0, 0).unwrap());
        let got = w
            .press(FITRI, file("2026-q3", Layout::Lengkap, Format::Csv))
            .await;
        let want = expected(Layout::Lengkap, None, false);
        assert_file(Format::Csv, got.files[0].file.as_ref().unwrap(), &want);
        w.stop().await;
    }
);

on_both_backends!(
    no_rater_can_be_read_from_any_file,
    |db: TestDb| async move {
        let w = world(db).await;
        let mut files: Vec<(Format, Vec<u8>)> = Vec::new();
        for (format, ext) in FORMATS {
            for layout in Layout::ALL {
                let args = q3_args(ext, *layout);
                files.push((format, cli(&w.db, &args, ext).await.2.unwrap()));
                let got = w.press(FITRI, file("2026-q3", *layout, format)).await;
                files.push((format, got.files[0].file.clone().unwrap()));
            }
        }
        let everyone: Vec<String> = (0..16).map(|i| (FIRST_USER + i).to_string()).collect();
        for (format, bytes) in &files {
            // The bytes as stored, and for XLSX every part of the package unzipped.
            let mut haystacks = vec![String::from_utf8_lossy(bytes).into_owned()];
            if *format == Format::Xlsx {
                let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
                for i in 0..zip.len() {
                    let mut part = zip.by_index(i).unwrap();
                    let mut xml = String::new();
                    std::io::Read::read_to_string(&mut part, &mut xml).unwrap();
                    haystacks.push(xml);
                }
                assert!(haystacks.iter().any(|h| h.contains("Dimas Prasetyo")));
            }
            for hay in &haystacks {
                for needle in everyone
                    .iter()
                    .map(String::as_str)
                    .chain([SECRET, "rahasia"])
                {
                    assert!(!hay.contains(needle), "{needle:?} in a {format:?} file");
                }
            }
        }
        // Every rater is an employee with a row of their own, so the search is per row: the
        // ratee's row names none of their peer or subordinate raters, hidden or shown.
        let ratees = [
            (DIMAS, [NUR, WULAN].as_slice()),
            (INDAH, &[YUSUF, RIZKY, ANDI]),
        ];
        let bambang = [YUSUF, INDAH, RIZKY, ANDI];
        let hendra = [SRI, RATNA];
        for (format, bytes) in &files {
            let rows = rows_of(*format, bytes);
            for (ratee, raters) in ratees
                .iter()
                .copied()
                .chain([(BAMBANG, bambang.as_slice()), (HENDRA, hendra.as_slice())])
            {
                let row = rows.iter().find(|r| r[0] == ratee).unwrap().join("|");
                for rater in raters {
                    for needle in [
                        rater.to_string(),
                        name_of(rater),
                        user_of(rater).to_string(),
                    ] {
                        assert!(!row.contains(&needle), "{needle} in {ratee}'s row: {row}");
                    }
                }
            }
        }
        // The hidden groups are empty, and so is every count that would tell their size.
        let full = rows_of(Format::Csv, &files[0].1);
        let header = &full[0];
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let row = |nip: &str| full.iter().find(|r| r[0] == nip).unwrap().clone();
        let (dimas, hendra) = (row(DIMAS), row(HENDRA));
        assert_eq!(dimas[col("jawaban_360_rekan")], "");
        assert_eq!(hendra[col("jawaban_360_bawahan")], "");
        for v in ["berorientasi_pelayanan", "kolaboratif"] {
            assert_eq!(dimas[col(&format!("{v}_rekan"))], "");
            assert_eq!(dimas[col(&format!("{v}_total"))], "3,00");
            assert_eq!(hendra[col(&format!("{v}_bawahan"))], "");
            assert_eq!(hendra[col(&format!("{v}_total"))], "");
        }
        w.stop().await;
    }
);

/// A file's cells as text, whatever its format.
fn rows_of(format: Format, bytes: &[u8]) -> Vec<Vec<String>> {
    match format {
        Format::Csv => {
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
        Format::Xlsx => {
            use calamine::{Reader, Xlsx};
            let mut book: Xlsx<_> =
                calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
            let sheet = book.worksheet_range_at(0).unwrap().unwrap();
            sheet
                .rows()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect()
        }
    }
}

on_both_backends!(
    several_hr_people_exporting_at_once_all_get_their_own_correct_files,
    |db: TestDb| async move {
        let w = world(db).await;
        let mut presses = Vec::new();
        for (format, _) in FORMATS {
            for layout in Layout::ALL {
                for hr in [FITRI, YUSUF, MAYA] {
                    presses.push((hr, file("2026-q3", *layout, format)));
                }
                presses.push((DIMAS, file("2026-q3", *layout, format)));
            }
        }
        let got = w.press_all(&presses).await;
        for hr in [FITRI, YUSUF, MAYA] {
            let unit = match hr {
                YUSUF => Some(PENILAIAN),
                MAYA => Some(MUTASI),
                _ => None,
            };
            let first = presses.iter().position(|p| p.0 == hr).unwrap();
            let files = &got[first].files;
            assert_eq!(files.len(), 4, "{hr}");
            for (format, ext) in FORMATS {
                for layout in Layout::ALL {
                    let name = format!("penilaian-2026-q3-{}.{ext}", layout.code());
                    let doc = files
                        .iter()
                        .find(|f| f.file_name.as_deref() == Some(name.as_str()))
                        .unwrap_or_else(|| panic!("{hr} has no {name}"));
                    let want = expected(*layout, unit, true);
                    assert_file(format, doc.file.as_ref().unwrap(), &want);
                }
            }
        }
        let dimas = &got[presses.iter().position(|p| p.0 == DIMAS).unwrap()];
        assert_eq!(dimas.messages, 0);
        assert_eq!(dimas.answers.len(), 4);
        assert!(
            dimas
                .answers
                .iter()
                .all(|a| *a == Some(text(Lang::Id, Msg::NotAllowed)))
        );
        w.stop().await;
    }
);
