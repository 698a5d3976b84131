//! Dialog history and HR's compliance figures through the fake Bot API: who may see whose
//! dialogs (and that a forged button shows nothing), history following an employee to a new
//! supervisor, the twelve-month window, compliance within unit HR's scope and at a quarter
//! boundary in the organisation's zone, the file read back, and fifty supervisors at once.
//!
//! Dialogs are written straight into the table: the recording flow is tested on its own.

use std::collections::HashMap;

use chrono::{DateTime, TimeZone, Utc};
use kinerja_bot::bot::features::dialog::Button;
use kinerja_bot::config::OrgTimeZone;
use kinerja_bot::domain::{EmployeeRef, Lang};
use kinerja_bot::export::Format;
use kinerja_bot::i18n::{Msg, text};
use kinerja_bot::storage::Db;

use crate::support::example::{PUTRI, RIZKY, TEGUH};
use crate::support::fake_telegram::TestUser;
use crate::support::{
    EXAMPLE_CSV, FakeTelegram, Pressed, TestApp, TestDb, button_answers, forged, import_example,
    import_generated, link_everyone, run_cli, start_time, unique_name,
};

const KEPALA: &str = "196805121990031002"; // Hendra, head of the agency
const KABID_KINERJA: &str = "197509082000031003"; // Bambang, supervises Yusuf, Indah, Rizky, Andi
const KABID_MUTASI: &str = "197811232003122001"; // Ratna, supervises Maya, Teguh, Putri
const HR_MUTASI: &str = "198703032011012003"; // Maya, HR of Bidang Mutasi, one of Ratna's
const HR_KINERJA: &str = "198809142012121001"; // Yusuf, HR of Bidang Penilaian Kinerja
const HR_ORG: &str = "198607192010012002"; // Fitri, HR of the whole organisation

/// A dialog as the recording flow would store it; `..Dialog::default()` for the rest.
#[derive(Clone, Copy)]
struct Dialog<'a> {
    supervisor: &'a str,
    employee: &'a str,
    held_on: &'a str,
    kind: &'a str,
    mode: &'a str,
    follow_up: Option<(&'a str, &'a str)>,
    follow_up_done: bool,
    ack: &'a str,
    comment: Option<&'a str>,
}

impl Default for Dialog<'_> {
    fn default() -> Self {
        Self {
            supervisor: KABID_MUTASI,
            employee: TEGUH,
            held_on: "2026-10-01",
            kind: "umpan-balik",
            mode: "tatap-muka",
            follow_up: None,
            follow_up_done: false,
            ack: "pending",
            comment: None,
        }
    }
}

async fn record(db: &Db, d: Dialog<'_>) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO dialogs (save_key, supervisor_nip, employee_nip, kind, mode, held_on, \
             points, follow_up, follow_up_by, follow_up_done_at, ack, ack_comment, \
             created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, '{}', $7, $8, $9, $10, $11, 0, 0) RETURNING id",
    )
    .bind(unique_name("test"))
    .bind(d.supervisor)
    .bind(d.employee)
    .bind(d.kind)
    .bind(d.mode)
    .bind(d.held_on)
    .bind(d.follow_up.map(|(k, _)| k))
    .bind(d.follow_up.map(|(_, by)| by))
    .bind(d.follow_up_done.then_some(1_i64))
    .bind(d.ack)
    .bind(d.comment)
    .fetch_one(db.pool())
    .await
    .unwrap()
}

async fn feedback(db: &Db, dialog: i64, statement: &str, agreement: i64) {
    sqlx::query(
        "INSERT INTO coaching_feedback (dialog_id, statement, agreement, answered_at) \
         VALUES ($1, $2, $3, 0)",
    )
    .bind(dialog)
    .bind(statement)
    .bind(agreement)
    .execute(db.pool())
    .await
    .unwrap();
}

async fn employee_ref(db: &Db, nip: &str) -> EmployeeRef {
    let r: i64 = sqlx::query_scalar("SELECT ref FROM employees WHERE nip = $1")
        .bind(nip)
        .fetch_one(db.pool())
        .await
        .unwrap();
    EmployeeRef(r)
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

struct World {
    fake: FakeTelegram,
    db: TestDb,
    conn: Db,
    app: TestApp,
    /// Telegram user id by NIP: everyone is linked.
    users: HashMap<String, i64>,
}

async fn world(db: TestDb) -> World {
    import_example(&db).await;
    world_at(db, start_time(), OrgTimeZone::Jakarta).await
}

/// The bot on an imported organisation with everyone linked, at `now` in `zone`.
async fn world_at(db: TestDb, now: DateTime<Utc>, zone: OrgTimeZone) -> World {
    let users = link_everyone(&db, 8_000).await.into_iter().collect();
    let fake = FakeTelegram::start().await;
    let app = TestApp::spawn_with(&fake, &db, now, |s| s.file.time_zone = zone).await;
    let conn = db.connect().await;
    World {
        fake,
        db,
        conn,
        app,
        users,
    }
}

impl World {
    fn user(&self, nip: &str) -> TestUser {
        self.fake.user(self.users[nip], "tg", Some("id"))
    }

    /// Presses `button` (forged: exactly the data the bot would have issued) on the newest
    /// message the user has from the bot, and waits until the bot is done with it.
    async fn press(&self, user: &TestUser, button: Button) -> Pressed {
        if self.fake.sent_to(user.id()).is_empty() {
            user.say("/help").await;
        }
        let sent = self.fake.sent_to(user.id());
        let before = button_answers(&self.fake, user.id()).len();
        user.press(sent.last().unwrap(), &forged(button));
        self.settle(user, before + 1).await;
        Pressed {
            messages: self.fake.sent_to(user.id())[sent.len()..].to_vec(),
            answers: button_answers(&self.fake, user.id())[before..].to_vec(),
        }
    }

    /// Waits until the bot has answered `count` button presses of `user` in all, then until it
    /// is idle. Every press is answered first thing, so from then on the update is in the
    /// inbox and `wait_idle` cannot return before it is handled.
    async fn settle(&self, user: &TestUser, count: usize) {
        let within = std::time::Duration::from_secs(30);
        self.fake
            .wait_until(within, "the press answered", |f| {
                button_answers(f, user.id()).len() >= count
            })
            .await;
        self.app.wait_idle(&self.fake).await;
    }

    async fn history(&self, viewer: &str, of: &str) -> Pressed {
        let r = employee_ref(&self.conn, of).await;
        self.press(&self.user(viewer), Button::History(r)).await
    }

    async fn stop(self) {
        self.conn.close().await;
        self.app.stop().await;
    }
}

on_both_backends!(
    a_supervisor_sees_a_subordinates_history_and_nobody_else_does,
    |db: TestDb| async move { supervisor_sees_history(db).await }
);

async fn supervisor_sees_history(db: TestDb) {
    let w = world(db).await;
    record(
        &w.conn,
        Dialog {
            held_on: "2026-10-12",
            kind: "klarifikasi",
            follow_up: Some(("coaching", "atasan")),
            follow_up_done: true,
            ack: "commented",
            comment: Some("Setuju, <b>tapi</b> target & waktu\nperlu dibahas"),
            ..Dialog::default()
        },
    )
    .await;
    record(
        &w.conn,
        Dialog {
            held_on: "2026-11-01",
            mode: "daring",
            ..Dialog::default()
        },
    )
    .await;
    // Someone else's dialog: never part of Teguh's history.
    record(
        &w.conn,
        Dialog {
            employee: PUTRI,
            held_on: "2026-10-20",
            ..Dialog::default()
        },
    )
    .await;

    let seen = w.history(KABID_MUTASI, TEGUH).await;
    assert!(seen.answers == [None], "{:?}", seen.answers);
    let body = seen.text();
    assert!(
        body.starts_with(
            "📋 Dialog kinerja dengan Teguh Santoso, S.AP.\nDua belas bulan terakhir: 2 dialog"
        ),
        "{body}"
    );
    let newest = body.find("01-11-2026").expect(&body);
    let older = body.find("12-10-2026").expect(&body);
    assert!(newest < older, "newest first: {body}");
    assert!(!body.contains("20-10-2026"), "Putri's dialog: {body}");
    for expected in [
        "01-11-2026 · Umpan balik berkelanjutan · daring",
        "12-10-2026 · Klarifikasi ekspektasi · tatap muka",
        "Dicatat oleh Ratna Dewi, S.Psi.",
        "Tindak lanjut: coaching oleh atasan (selesai)",
        "Tindak lanjut: tidak ada",
        "Tanggapan pegawai: dikonfirmasi dengan komentar",
        "Tanggapan pegawai: belum ditanggapi",
        // Shown as typed: the markup in the comment is not applied.
        "Komentar: “Setuju, <b>tapi</b> target & waktu perlu dibahas”",
    ] {
        assert!(body.contains(expected), "{expected:?} in {body}");
    }
    let html = seen.messages[0].html.as_deref().unwrap();
    assert!(
        html.contains("&lt;b&gt;tapi&lt;/b&gt; target &amp; waktu"),
        "{html}"
    );

    // HR whose scope holds Bidang Mutasi sees it too, and so does organisation HR.
    assert!(
        w.history(HR_MUTASI, TEGUH)
            .await
            .text()
            .contains("2 dialog")
    );
    assert!(w.history(HR_ORG, TEGUH).await.text().contains("2 dialog"));

    // Another supervisor, another unit's HR, a colleague, the head above the supervisor, and
    // the employee themself through the supervisor's button: refused, and nothing is shown.
    for stranger in [KABID_KINERJA, HR_KINERJA, PUTRI, KEPALA, TEGUH] {
        let pressed = w.history(stranger, TEGUH).await;
        assert!(
            pressed.refused(Lang::Id),
            "{stranger}: {:?} {}",
            pressed.answers,
            pressed.text()
        );
    }
    // Someone with no linked account.
    let outsider = w.fake.user(9_999, "x", Some("id"));
    let r = employee_ref(&w.conn, TEGUH).await;
    let pressed = w.press(&outsider, Button::History(r)).await;
    assert!(pressed.messages.is_empty(), "{}", pressed.text());
    assert_eq!(pressed.answers, [Some(text(Lang::Id, Msg::NotLinked))]);

    // A number that names nobody says so.
    let ratna = w.user(KABID_MUTASI);
    let unknown = w.press(&ratna, Button::History(EmployeeRef(987_654))).await;
    assert_eq!(
        unknown.text(),
        text(Lang::Id, Msg::DialogHistoryUnknownEmployee)
    );
    w.stop().await;
}

on_both_backends!(
    dialogs_older_than_twelve_months_are_not_shown,
    |db: TestDb| async move { twelve_month_window(db).await }
);

async fn twelve_month_window(db: TestDb) {
    import_example(&db).await;
    // 2026-11-02 00:30 in Jakarta, still 1 November in UTC: the window follows the local date.
    let w = world_at(db, utc(2026, 11, 1, 17, 30), OrgTimeZone::Jakarta).await;
    for held_on in ["2025-11-02", "2025-11-03", "2026-06-30"] {
        let d = Dialog {
            held_on,
            ..Dialog::default()
        };
        record(&w.conn, d).await;
    }
    let body = w.history(KABID_MUTASI, TEGUH).await.text();
    assert!(body.contains("2 dialog"), "{body}");
    assert!(
        body.contains("03-11-2025") && body.contains("30-06-2026"),
        "{body}"
    );
    assert!(
        !body.contains("02-11-2025"),
        "older than twelve months: {body}"
    );
    w.stop().await;
}

on_both_backends!(
    after_a_reimport_the_new_supervisor_sees_the_old_dialogs_and_the_old_one_is_refused,
    |db: TestDb| async move { history_follows_the_employee(db).await }
);

async fn history_follows_the_employee(db: TestDb) {
    let w = world(db).await;
    record(
        &w.conn,
        Dialog {
            held_on: "2026-10-05",
            ..Dialog::default()
        },
    )
    .await;
    assert!(
        w.history(KABID_MUTASI, TEGUH)
            .await
            .text()
            .contains("1 dialog")
    );
    assert!(w.history(KABID_KINERJA, TEGUH).await.refused(Lang::Id));

    // HR moves Teguh to Bambang.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pegawai.csv");
    let moved: Vec<String> = std::fs::read_to_string(EXAMPLE_CSV)
        .unwrap()
        .lines()
        .map(|l| {
            if l.starts_with(TEGUH) {
                l.replace(KABID_MUTASI, KABID_KINERJA)
            } else {
                l.to_owned()
            }
        })
        .collect();
    std::fs::write(&file, moved.join("\n")).unwrap();
    let path = file.display().to_string();
    let (code, out, err) = run_cli(&["import", &path], &[("DATABASE_URL", &w.db.url)]).await;
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("1 diubah"), "{out}");

    assert!(w.history(KABID_MUTASI, TEGUH).await.refused(Lang::Id));
    let body = w.history(KABID_KINERJA, TEGUH).await.text();
    assert!(body.contains("1 dialog"), "{body}");
    assert!(
        body.contains("05-10-2026") && body.contains("Dicatat oleh Ratna Dewi, S.Psi."),
        "recorded by the previous supervisor: {body}"
    );
    w.stop().await;
}

on_both_backends!(
    an_employee_sees_their_own_dialogs_and_only_theirs,
    |db: TestDb| async move { own_dialogs(db).await }
);

async fn own_dialogs(db: TestDb) {
    let w = world(db).await;
    record(
        &w.conn,
        Dialog {
            held_on: "2026-09-15",
            kind: "evaluasi",
            ack: "unacknowledged",
            ..Dialog::default()
        },
    )
    .await;
    record(
        &w.conn,
        Dialog {
            employee: PUTRI,
            held_on: "2026-10-20",
            ..Dialog::default()
        },
    )
    .await;
    let teguh = w.user(TEGUH);
    let body = w.press(&teguh, Button::Mine).await.text();
    assert!(body.starts_with("📋 Dialog kinerja Anda"), "{body}");
    assert!(body.contains("15-09-2026 · Evaluasi kinerja"), "{body}");
    assert!(
        body.contains("tidak ditanggapi sampai batas waktu"),
        "{body}"
    );
    assert!(!body.contains("20-10-2026"), "Putri's: {body}");

    let rizky = w.user(RIZKY);
    let none = w.press(&rizky, Button::Mine).await.text();
    assert_eq!(
        none,
        format!(
            "📋 Dialog kinerja Anda\n{}",
            text(Lang::Id, Msg::DialogHistoryEmpty)
        )
    );
    w.stop().await;
}

/// Bidang Mutasi (Ratna, Maya, Teguh, Putri) and one dialog elsewhere, with coaching feedback
/// on each: 2 November 2026 is in Q4, so September's dialog counts in neither month nor quarter.
async fn seed_compliance(conn: &Db) {
    let teguh = Dialog {
        held_on: "2026-11-01",
        ..Dialog::default()
    };
    let putri = Dialog {
        employee: PUTRI,
        held_on: "2026-10-15",
        ..Dialog::default()
    };
    let maya = Dialog {
        employee: HR_MUTASI,
        held_on: "2026-09-30",
        ..Dialog::default()
    };
    let rizky = Dialog {
        supervisor: KABID_KINERJA,
        employee: RIZKY,
        held_on: "2026-10-20",
        ..Dialog::default()
    };
    for (d, didengar) in [(teguh, 4), (putri, 3), (maya, 2), (rizky, 1)] {
        let id = record(conn, d).await;
        feedback(conn, id, "didengar", didengar).await;
        if d.employee == TEGUH {
            feedback(conn, id, "bebas-bicara", 4).await;
        }
    }
}

fn read_csv(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("a BOM for Excel");
    csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
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

const HEADER: [&str; 8] = [
    "nip",
    "nama",
    "unit",
    "atasan",
    "dialog_bulan_ini",
    "dialog_triwulan_ini",
    "dialog_terakhir",
    "tanpa_dialog_triwulan_ini",
];

on_both_backends!(
    unit_hr_sees_only_their_units_in_compliance_and_in_the_file,
    |db: TestDb| async move { unit_hr_compliance(db).await }
);

async fn unit_hr_compliance(db: TestDb) {
    let w = world(db).await;
    seed_compliance(&w.conn).await;
    let maya = w.user(HR_MUTASI);
    let shown = w.press(&maya, Button::Compliance).await;
    let body = shown.text();
    assert!(
        body.starts_with("📊 Kepatuhan dialog kinerja\nBulan: November 2026 · Triwulan IV 2026"),
        "{body}"
    );
    assert!(
        body.contains(
            "Seluruh unit dalam cakupan Anda: 4 pegawai aktif; berdialog bulan ini 1, \
             triwulan ini 2; belum berdialog triwulan ini 2."
        ),
        "{body}"
    );
    assert!(
        body.contains(
            "Badan Kepegawaian Daerah > Bidang Mutasi\n4 pegawai · berdialog bulan ini 1 · \
             triwulan ini 2\nBelum berdialog triwulan ini (2): Maya Kusuma, S.H., \
             Ratna Dewi, S.Psi."
        ),
        "{body}"
    );
    for elsewhere in ["Penilaian Kinerja", "Sekretariat", "Rizky", "Subbagian"] {
        assert!(!body.contains(elsewhere), "{elsewhere} in {body}");
    }
    // Feedback in aggregate, of Bidang Mutasi only: (4 + 3 + 2) / 3; a statement answered
    // once shows no average.
    assert!(
        body.contains("Saya didengar dan dipahami: 3,0 dari 4 (3 jawaban)"),
        "{body}"
    );
    assert!(
        body.contains("Saya dapat berbicara dengan leluasa: 1 jawaban (rata-rata ditampilkan"),
        "{body}"
    );
    let prompt = shown.messages.last().unwrap();
    assert_eq!(prompt.labels(), ["📄 CSV", "📊 XLSX"]);

    let pressed = button_answers(&w.fake, maya.id()).len();
    maya.tap("📄 CSV");
    w.settle(&maya, pressed + 1).await;
    let doc = w.fake.sent_to(maya.id()).last().unwrap().clone();
    assert_eq!(doc.method, "sendDocument");
    assert_eq!(
        doc.file_name.as_deref(),
        Some("kepatuhan-dialog-2026-11.csv")
    );
    assert!(doc.text.contains("4 pegawai"), "{}", doc.text);
    let unit = "Badan Kepegawaian Daerah > Bidang Mutasi";
    let ratna = "Ratna Dewi, S.Psi.";
    let row = |cells: [&str; 8]| cells.map(str::to_owned).to_vec();
    let expected = vec![
        HEADER.map(str::to_owned).to_vec(),
        row([
            HR_MUTASI,
            "Maya Kusuma, S.H.",
            unit,
            ratna,
            "0",
            "0",
            "2026-09-30",
            "ya",
        ]),
        row([
            PUTRI,
            "Putri Lestari, A.Md.",
            unit,
            ratna,
            "0",
            "1",
            "2026-10-15",
            "tidak",
        ]),
        row([
            KABID_MUTASI,
            ratna,
            unit,
            "Dr. Hendra Wijaya, M.Si.",
            "0",
            "0",
            "",
            "ya",
        ]),
        row([
            TEGUH,
            "Teguh Santoso, S.AP.",
            unit,
            ratna,
            "1",
            "1",
            "2026-11-01",
            "tidak",
        ]),
    ];
    assert_eq!(read_csv(doc.file.as_deref().unwrap()), expected);

    let pressed = button_answers(&w.fake, maya.id()).len();
    maya.tap("📊 XLSX");
    w.settle(&maya, pressed + 1).await;
    let doc = w.fake.sent_to(maya.id()).last().unwrap().clone();
    assert_eq!(
        doc.file_name.as_deref(),
        Some("kepatuhan-dialog-2026-11.xlsx")
    );
    assert_eq!(read_xlsx(doc.file.as_deref().unwrap()), expected);

    // Organisation HR sees every unit; the feedback average takes in Rizky's answer too.
    let fitri = w.user(HR_ORG);
    let all = w.press(&fitri, Button::Compliance).await.text();
    for unit in [
        "Bidang Mutasi\n",
        "Bidang Penilaian Kinerja\n",
        "Subbagian Umum\n",
    ] {
        assert!(all.contains(unit), "{unit} in {all}");
    }
    assert!(all.contains("16 pegawai aktif"), "{all}");
    assert!(all.contains("dipahami: 2,5 dari 4 (4 jawaban)"), "{all}");
    let units: Vec<usize> = [
        "Badan Kepegawaian Daerah\n",
        "Badan Kepegawaian Daerah > Bidang Mutasi\n",
        "Badan Kepegawaian Daerah > Bidang Penilaian Kinerja\n",
        "Badan Kepegawaian Daerah > Sekretariat\n",
        "Badan Kepegawaian Daerah > Sekretariat > Subbagian Umum\n",
    ]
    .iter()
    .map(|u| all.find(u).expect(u))
    .collect();
    assert!(units.is_sorted(), "tree order: {all}");

    // Anyone else is refused, on screen and for the file.
    let rizky = w.user(RIZKY);
    assert!(w.press(&rizky, Button::Compliance).await.refused(Lang::Id));
    let file = Button::ComplianceFile(Format::Csv);
    assert!(w.press(&rizky, file).await.refused(Lang::Id));
    let ratna = w.user(KABID_MUTASI);
    assert!(w.press(&ratna, file).await.refused(Lang::Id));
    w.stop().await;
}

on_both_backends!(
    compliance_counts_the_quarter_of_the_organisations_zone,
    |db: TestDb| async move { quarter_boundary(db).await }
);

async fn quarter_boundary(db: TestDb) {
    import_example(&db).await;
    // 31 December 2026 22:30 in Jakarta (Q4) is already 1 January 2027 00:30 in Jayapura (Q1).
    let instant = utc(2026, 12, 31, 15, 30);
    let w = world_at(db, instant, OrgTimeZone::Jayapura).await;
    let december = Dialog {
        held_on: "2026-12-31",
        ..Dialog::default()
    };
    let january = Dialog {
        employee: PUTRI,
        held_on: "2027-01-01",
        ..Dialog::default()
    };
    record(&w.conn, december).await;
    record(&w.conn, january).await;

    let figures = |rows: Vec<Vec<String>>| -> HashMap<String, Vec<String>> {
        rows.into_iter()
            .skip(1)
            .map(|r| (r[0].clone(), r[4..].to_vec()))
            .collect()
    };
    let maya = w.user(HR_MUTASI);
    let body = w.press(&maya, Button::Compliance).await.text();
    assert!(
        body.contains("Bulan: Januari 2027 · Triwulan I 2027"),
        "{body}"
    );
    assert!(
        body.contains("berdialog bulan ini 1, triwulan ini 1"),
        "{body}"
    );
    let doc = w.press(&maya, Button::ComplianceFile(Format::Csv)).await;
    let rows = figures(read_csv(doc.messages[0].file.as_deref().unwrap()));
    assert_eq!(rows[PUTRI], ["1", "1", "2027-01-01", "tidak"]);
    assert_eq!(rows[TEGUH], ["0", "0", "2026-12-31", "ya"]);
    w.app.stop().await;

    // The same instant in Jakarta: still December, and January's dialog is not yet held.
    let app = TestApp::spawn_with(&w.fake, &w.db, instant, |s| {
        s.file.time_zone = OrgTimeZone::Jakarta
    })
    .await;
    let w = World { app, ..w };
    let maya = w.user(HR_MUTASI);
    let body = w.press(&maya, Button::Compliance).await.text();
    assert!(
        body.contains("Bulan: Desember 2026 · Triwulan IV 2026"),
        "{body}"
    );
    let doc = w.press(&maya, Button::ComplianceFile(Format::Csv)).await;
    let rows = figures(read_csv(doc.messages[0].file.as_deref().unwrap()));
    assert_eq!(rows[TEGUH], ["1", "1", "2026-12-31", "tidak"]);
    assert_eq!(rows[PUTRI], ["0", "0", "", "ya"]);
    w.stop().await;
}

on_both_backends!(
    the_cli_export_writes_the_file_organisation_hr_gets_in_chat,
    |db: TestDb| async move { cli_export(db).await }
);

async fn cli_export(db: TestDb) {
    let w = world(db).await;
    seed_compliance(&w.conn).await;
    let fitri = w.user(HR_ORG);
    let doc = w.press(&fitri, Button::ComplianceFile(Format::Csv)).await;
    let in_chat = doc.messages[0].file.clone().unwrap();
    let rows = read_csv(&in_chat);
    assert_eq!(rows.len(), 17, "the header and all 16 employees");
    assert_eq!(rows[0], HEADER);

    let dir = tempfile::tempdir().unwrap();
    for (format, name) in [("csv", "k.csv"), ("xlsx", "k.xlsx")] {
        let out = dir.path().join(name).display().to_string();
        let args = [
            "export", "dialogs", "--format", format, "--out", &out, "--month", "2026-11",
        ];
        let (code, stdout, err) = run_cli(&args, &[("DATABASE_URL", &w.db.url)]).await;
        assert_eq!(code, 0, "{stdout}{err}");
        assert!(err.contains("16 employees"), "{err}");
        let written = std::fs::read(&out).unwrap();
        match format {
            "csv" => assert_eq!(written, in_chat),
            _ => assert_eq!(read_xlsx(&written), rows),
        }
    }
    // An earlier month reads as it stood at its end: in September only Maya's dialog was held.
    let out = dir.path().join("sep.csv").display().to_string();
    let args = [
        "export", "dialogs", "--format", "csv", "--out", &out, "--month", "2026-09",
    ];
    let (code, _, err) = run_cli(&args, &[("DATABASE_URL", &w.db.url)]).await;
    assert_eq!(code, 0, "{err}");
    let sep = read_csv(&std::fs::read(&out).unwrap());
    let maya = sep.iter().find(|r| r[0] == HR_MUTASI).unwrap();
    assert_eq!(maya[4..], ["1", "1", "2026-09-30", "tidak"]);
    let teguh = sep.iter().find(|r| r[0] == TEGUH).unwrap();
    assert_eq!(teguh[4..], ["0", "0", "", "ya"]);

    let (code, _, err) = run_cli(
        &["export", "dialogs", "--format", "pdf", "--out", &out],
        &[("DATABASE_URL", &w.db.url)],
    )
    .await;
    assert_ne!(code, 0);
    assert!(err.contains("csv or xlsx"), "{err}");
    w.stop().await;
}

on_both_backends!(
    fifty_supervisors_asking_at_once_each_get_only_their_own_subordinates,
    |db: TestDb| async move { fifty_supervisors(db).await }
);

async fn fifty_supervisors(db: TestDb) {
    use kinerja_bot::sample::nip;
    const UNITS: usize = 51;
    // Unit u's head is employee u; staff member UNITS + u reports to them. The head of unit 0
    // is organisation HR, who may see everyone's: the fifty supervisors are units 1 to 50.
    import_generated(&db, UNITS * 5, UNITS).await;
    let w = world_at(db, start_time(), OrgTimeZone::Jakarta).await;
    let day = |u: usize| {
        chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(u as u64)
    };
    for u in 0..UNITS {
        let held_on = day(u).format("%Y-%m-%d").to_string();
        let d = Dialog {
            supervisor: &nip(u),
            employee: &nip(UNITS + u),
            held_on: &held_on,
            ..Dialog::default()
        };
        record(&w.conn, d).await;
    }
    let mut refs = Vec::new();
    for u in 0..UNITS {
        refs.push(employee_ref(&w.conn, &nip(UNITS + u)).await);
    }
    let heads: Vec<(usize, TestUser)> = (1..UNITS).map(|u| (u, w.user(&nip(u)))).collect();
    assert_eq!(heads.len(), 50);
    for (_, head) in &heads {
        head.send("/help");
    }
    for (_, head) in &heads {
        w.fake.wait_for_messages(head.id(), 1).await;
    }
    w.app.wait_idle(&w.fake).await;
    let before: Vec<usize> = heads
        .iter()
        .map(|(_, h)| w.fake.sent_to(h.id()).len())
        .collect();
    // Each presses their own subordinate's history and, forged, the next unit's.
    for (u, head) in &heads {
        let message = w.fake.sent_to(head.id()).last().unwrap().clone();
        let next = u % (UNITS - 1) + 1;
        head.press(&message, &forged(Button::History(refs[*u])));
        head.press(&message, &forged(Button::History(refs[next])));
    }
    for (_, head) in &heads {
        w.settle(head, 2).await;
    }
    let refusal = Some(text(Lang::Id, Msg::NotAllowed));
    for (i, (u, head)) in heads.iter().enumerate() {
        let u = *u;
        let got: Vec<String> = w.fake.sent_to(head.id())[before[i]..]
            .iter()
            .map(|s| s.text.clone())
            .collect();
        assert_eq!(got.len(), 1, "head {u}: {got:?}");
        let own = format!("dengan Pegawai {}\n", UNITS + u);
        let date = day(u).format("%d-%m-%Y").to_string();
        assert!(
            got[0].contains(&own) && got[0].contains(&date),
            "head {u}: {got:?}"
        );
        assert!(got[0].contains("1 dialog"), "head {u}: {got:?}");
        let prefix = format!("cbq-{}-", head.id());
        let refused = w
            .fake
            .callback_answers()
            .iter()
            .filter(|(id, a)| id.starts_with(&prefix) && *a == refusal)
            .count();
        assert_eq!(refused, 1, "head {u}");
    }
    w.stop().await;
}
