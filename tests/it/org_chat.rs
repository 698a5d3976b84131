//! The organisation in chat, and every command and button authorized against the presser.

use kinerja_bot::bot::features::organisation;
use kinerja_bot::domain::Lang;
use kinerja_bot::domain::org::UnitId;
use kinerja_bot::i18n::{Msg, text, text_with};
use kinerja_bot::storage;

use crate::support::fake_telegram::TestUser;
use crate::support::{
    EXAMPLE_CSV, FakeTelegram, TestApp, TestDb, forged, import_example, invite_token, linked_user,
    run_cli,
};

const STAFF: &str = "199408172020121003"; // Rizky, Penilaian Kinerja, prefers English
const KABID_MUTASI: &str = "197811232003122001"; // Ratna, supervises three
const HR_KINERJA: &str = "198809142012121001"; // Yusuf, HR of Bidang Penilaian Kinerja
const HR_ORG: &str = "198607192010012002"; // Fitri, HR of the whole organisation

struct World {
    fake: FakeTelegram,
    db: TestDb,
    app: TestApp,
}

async fn world() -> World {
    let db = TestDb::sqlite();
    import_example(&db).await;
    let fake = FakeTelegram::start().await;
    let app = TestApp::spawn(&fake, &db).await;
    World { fake, db, app }
}

impl World {
    async fn next(&self, user: &TestUser) -> String {
        let n = self.fake.sent_to(user.id()).len();
        self.fake.wait_for_messages(user.id(), n + 1).await[n]
            .text
            .clone()
    }
}

/// The example agency's file without Putri (who left): importing it deactivates one person.
fn example_without_putri() -> String {
    std::fs::read_to_string(EXAMPLE_CSV)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("199611302021022006"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn an_employee_sees_their_profile_and_no_hr_command_works_for_them() {
    let w = world().await;
    let rizky = linked_user(&w.fake, &w.db, STAFF, 7001, "id").await;
    rizky.send("/profile");
    let profile = w.next(&rizky).await;
    assert!(profile.starts_with("Rizky Ramadhan, S.Stat."), "{profile}");
    assert!(
        profile.contains("Supervisor: Bambang Sutrisno, S.E."),
        "English from HR's file: {profile}"
    );
    for cmd in ["/units", "/invite"] {
        rizky.send(cmd);
        assert_eq!(
            w.next(&rizky).await,
            text(Lang::En, Msg::NotAllowed),
            "{cmd}"
        );
    }
    rizky.upload("pegawai.csv", b"nip;nama;unit\n");
    assert_eq!(w.next(&rizky).await, text(Lang::En, Msg::NotAllowed));

    let stranger = w.fake.user(7002, "x", Some("id"));
    for cmd in ["/profile", "/team", "/units", "/invite"] {
        stranger.send(cmd);
        assert_eq!(
            w.next(&stranger).await,
            text(Lang::Id, Msg::NotLinked),
            "{cmd}"
        );
    }
    w.app.stop().await;
}

#[tokio::test]
async fn a_supervisor_sees_their_own_team_with_who_is_not_linked() {
    let w = world().await;
    let ratna = linked_user(&w.fake, &w.db, KABID_MUTASI, 7101, "id").await;
    linked_user(&w.fake, &w.db, "198703032011012003", 7102, "id").await; // Maya, one of hers
    ratna.send("/team");
    let team = w.next(&ratna).await;
    assert!(team.starts_with("Bawahan langsung Anda (3):"), "{team}");
    assert!(team.contains("✅ Maya Kusuma, S.H."), "{team}");
    assert!(team.contains("⏳ Teguh Santoso, S.AP."), "{team}");
    assert!(
        !team.contains("Yusuf"),
        "not someone else's subordinate: {team}"
    );
    w.app.stop().await;
}

#[tokio::test]
async fn unit_hr_sees_and_invites_only_their_own_unit_and_forged_buttons_fail() {
    let w = world().await;
    let yusuf = linked_user(&w.fake, &w.db, HR_KINERJA, 7201, "id").await;
    yusuf.send("/units");
    let units = w.next(&yusuf).await;
    assert!(
        units.contains("Badan Kepegawaian Daerah > Bidang Penilaian Kinerja: 5 / 1 / 4"),
        "{units}"
    );
    assert!(!units.contains("Bidang Mutasi"), "{units}");

    yusuf.send("/invite");
    w.next(&yusuf).await;
    let prompt = w.fake.sent_to(yusuf.id()).last().unwrap().clone();
    assert_eq!(
        prompt.labels(),
        ["Badan Kepegawaian Daerah > Bidang Penilaian Kinerja"]
    );
    yusuf.tap("Badan Kepegawaian Daerah > Bidang Penilaian Kinerja");
    w.next(&yusuf).await;
    let doc = w.fake.sent_to(yusuf.id()).last().unwrap().clone();
    assert_eq!(doc.method, "sendDocument");
    assert!(doc.text.starts_with("4 tautan undangan"), "{}", doc.text);
    assert!(doc.file.as_ref().unwrap().starts_with(b"PK"));

    // A forged button for another unit (ids are guessable) is refused on arrival.
    let conn = w.db.connect().await;
    let units = storage::org::units(&conn).await.unwrap();
    let mutasi_id = units
        .iter()
        .find(|(u, _)| u.name() == "Bidang Mutasi")
        .map(|(_, id)| *id)
        .unwrap();
    let sent_before = w.fake.sent_to(yusuf.id()).len();
    yusuf.press(
        &prompt,
        &forged(organisation::Button::InviteUnit(mutasi_id)),
    );
    yusuf.press(
        &prompt,
        &forged(organisation::Button::InviteUnit(UnitId(999_999))),
    );
    w.fake
        .wait_until(std::time::Duration::from_secs(10), "two refusals", |f| {
            f.callback_answers()
                .iter()
                .filter(|(_, t)| t.is_some())
                .count()
                >= 2
        })
        .await;
    let refusals: Vec<_> = w
        .fake
        .callback_answers()
        .into_iter()
        .filter_map(|(_, t)| t)
        .collect();
    assert!(
        refusals
            .iter()
            .all(|t| *t == text(Lang::Id, Msg::NotAllowed)),
        "{refusals:?}"
    );
    assert_eq!(
        w.fake.sent_to(yusuf.id()).len(),
        sent_before,
        "no document for another unit"
    );
    w.app.stop().await;
}

#[tokio::test]
async fn organisation_hr_imports_a_file_in_chat_after_a_preview() {
    let w = world().await;
    let fitri = linked_user(&w.fake, &w.db, HR_ORG, 7301, "id").await;
    let rizky = linked_user(&w.fake, &w.db, STAFF, 7302, "id").await;
    let edited = example_without_putri();
    fitri.upload("pegawai-2027.csv", edited.as_bytes());
    let preview = w.next(&fitri).await;
    assert!(preview.starts_with("Uji coba"), "{preview}");
    assert!(preview.contains("1 dinonaktifkan"), "{preview}");
    w.next(&fitri).await;
    let question = w.fake.sent_to(fitri.id()).last().unwrap().clone();
    assert_eq!(question.labels(), ["Simpan", "Batal"]);

    // Someone else replaying the confirm button on Fitri's message gets nothing done.
    rizky.press(&question, &forged(organisation::Button::ImportConfirm));
    w.fake
        .wait_until(
            std::time::Duration::from_secs(10),
            "the replay answered",
            |f| f.callback_answers().iter().any(|(_, t)| t.is_some()),
        )
        .await;
    let conn = w.db.connect().await;
    assert_eq!(storage::org::active_nips(&conn).await.unwrap().len(), 16);

    fitri.tap("Simpan");
    let done = w.next(&fitri).await;
    assert!(done.starts_with("Impor selesai"), "{done}");
    assert_eq!(storage::org::active_nips(&conn).await.unwrap().len(), 15);

    // A bad file is refused with its lines, in chat too.
    fitri.upload("rusak.csv", b"nip;nama;unit\n123;A;B\n");
    let report = w.next(&fitri).await;
    assert!(report.contains("Baris 2: NIP harus 18 angka."), "{report}");
    w.app.stop().await;
}

#[tokio::test]
async fn hr_who_lost_the_role_since_the_preview_cannot_confirm_it() {
    let w = world().await;
    let fitri = linked_user(&w.fake, &w.db, HR_ORG, 7401, "id").await;
    let without_putri: String = std::fs::read_to_string(EXAMPLE_CSV)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("199611302021022006"))
        .collect::<Vec<_>>()
        .join("\n");
    fitri.upload("pegawai.csv", without_putri.as_bytes());
    w.next(&fitri).await;
    w.next(&fitri).await; // the question with its buttons

    // Meanwhile another import makes Fitri an ordinary employee.
    let demoted = std::fs::read_to_string(EXAMPLE_CSV)
        .unwrap()
        .replace(";pengelola_organisasi;", ";pegawai;");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demoted.csv");
    std::fs::write(&path, demoted).unwrap();
    let p = path.display().to_string();
    let (code, out, _) = run_cli(&["import", &p], &[("DATABASE_URL", &w.db.url)]).await;
    assert_eq!(code, 0, "{out}");

    fitri.tap("Simpan");
    w.fake
        .wait_until(std::time::Duration::from_secs(10), "the refusal", |f| {
            f.callback_answers().iter().any(|(_, t)| t.is_some())
        })
        .await;
    let answers: Vec<_> = w
        .fake
        .callback_answers()
        .into_iter()
        .filter_map(|(_, t)| t)
        .collect();
    assert_eq!(answers, [text(Lang::Id, Msg::NotAllowed)]);
    let conn = w.db.connect().await;
    assert_eq!(
        storage::org::active_nips(&conn).await.unwrap().len(),
        16,
        "nothing imported"
    );
    w.app.stop().await;
}

#[tokio::test]
async fn invite_units_are_offered_page_by_page_in_a_large_organisation() {
    let db = TestDb::sqlite();
    crate::support::import_generated(&db, 100, 45).await;
    let hr_nip = kinerja_bot::sample::nip(0);
    let fake = FakeTelegram::start().await;
    let app = TestApp::spawn(&fake, &db).await;
    let token = invite_token(&db, &hr_nip).await;
    let hr = fake.user(7700, "HR", Some("id"));
    hr.send(&format!("/start {token}"));
    fake.wait_for_messages(7700, 1).await;
    hr.send("/invite");
    let first = fake.wait_for_messages(7700, 2).await[1].clone();
    assert!(first.text.contains("(halaman 1 dari 2)"), "{}", first.text);
    assert_eq!(first.labels().len(), 31);
    hr.tap(&text(Lang::Id, Msg::PageNext));
    fake.wait_until(std::time::Duration::from_secs(10), "page 2", |f| {
        f.sent_to(7700)
            .iter()
            .any(|s| s.text.contains("(halaman 2 dari 2)"))
    })
    .await;
    let second = fake.sent_to(7700)[1].clone();
    assert_eq!(second.labels().len(), 16, "{:?}", second.labels());
    let unit44 = second
        .labels()
        .into_iter()
        .find(|l| l.ends_with("> Unit 44"))
        .unwrap();
    hr.tap(&unit44);
    fake.wait_until(std::time::Duration::from_secs(10), "the invite file", |f| {
        f.sent_to(7700).iter().any(|s| s.file_name.is_some())
    })
    .await;
    app.stop().await;
}

/// HR of the unit where organisation HR sits must not get organisation HR's link: whoever opens
/// it would hold the organisation-wide role.
#[tokio::test]
async fn unit_hr_never_receives_the_link_of_someone_with_a_wider_role() {
    const SEKRETARIS: &str = "197203151996032001"; // Sri, made HR of the Sekretariat below
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pegawai.csv");
    let csv = std::fs::read_to_string(crate::support::EXAMPLE_CSV)
        .unwrap()
        .replace(
            "Sekretaris;Badan Kepegawaian Daerah > Sekretariat;196805121990031002;pegawai",
            "Sekretaris;Badan Kepegawaian Daerah > Sekretariat;196805121990031002;pengelola_unit",
        );
    std::fs::write(&file, csv).unwrap();
    let path = file.display().to_string();
    let (code, out, err) =
        crate::support::run_cli(&["import", &path], &[("DATABASE_URL", &db.url)]).await;
    assert_eq!(code, 0, "{out}{err}");
    let fake = FakeTelegram::start().await;
    let app = TestApp::spawn(&fake, &db).await;
    let sri = linked_user(&fake, &db, SEKRETARIS, 7601, "en").await;
    sri.send("/invite");
    fake.wait_for_messages(sri.id(), 2).await;
    sri.tap("Badan Kepegawaian Daerah > Sekretariat");
    fake.wait_until(std::time::Duration::from_secs(10), "the links", |f| {
        f.sent_to(sri.id())
            .iter()
            .any(|s| s.method == "sendDocument")
    })
    .await;
    let sent = fake.sent_to(sri.id());
    let note = text_with(Lang::Id, Msg::InviteRolesLeftOut, &[("count", "1".into())]);
    assert!(sent.iter().any(|s| s.text == note), "{sent:#?}");
    let english = text_with(Lang::En, Msg::InviteRolesLeftOut, &[("count", "1".into())]);
    assert!(
        english.starts_with("1 person in this unit has"),
        "{english}"
    );
    let doc = sent.iter().find(|s| s.method == "sendDocument").unwrap();
    let nips = sheet_column(doc.file.as_ref().unwrap(), 0);
    assert!(
        !nips.iter().any(|n| n == HR_ORG),
        "Fitri's link was handed out: {nips:?}"
    );
    // Everyone else unlinked in the Sekretariat and below: Agus, Dimas, Nur Aini, Wulan.
    assert_eq!(nips.len(), 4, "{nips:?}");

    // Organisation HR can hand out that link (as can the CLI).
    let fitri = linked_user(&fake, &db, HR_ORG, 7602, "id").await;
    assert!(fitri.say("/profile").await.contains("Fitri"));
    app.stop().await;
}

/// The values of one column of an invite sheet (XLSX), below the header.
fn sheet_column(bytes: &[u8], column: usize) -> Vec<String> {
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    sheet
        .rows()
        .skip(1)
        .map(|r| r[column].to_string())
        .collect()
}

/// A file that crashes the reader must not crash the bot again after every restart: the update
/// that brought it is recorded as handled before the file is even fetched.
#[tokio::test]
async fn the_update_that_brought_a_file_is_recorded_as_handled_before_the_file_is_read() {
    let w = world().await;
    let fitri = linked_user(&w.fake, &w.db, HR_ORG, 7701, "id").await;
    w.fake.inject(
        Some("getFile"),
        None,
        1,
        crate::support::Fault::Delay(std::time::Duration::from_secs(3)),
    );
    let csv = std::fs::read(crate::support::EXAMPLE_CSV).unwrap();
    let update = fitri.upload("pegawai.csv", &csv);
    // The fake counts the call when it arrives and answers three seconds later.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while w.fake.calls("getFile") == 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the file was never fetched"
        );
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    let conn = w.db.connect().await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    while !storage::inbox::is_handled(&conn, update).await.unwrap() {
        assert!(
            std::time::Instant::now() < deadline,
            "the upload is not recorded as handled while its file is being fetched"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let question = text(Lang::Id, Msg::ImportConfirmQuestion);
    assert!(
        !w.fake
            .sent_to(fitri.id())
            .iter()
            .any(|s| s.text == question)
    );
    w.fake
        .wait_until(std::time::Duration::from_secs(20), "the preview", |f| {
            f.sent_to(fitri.id()).iter().any(|s| s.text == question)
        })
        .await;
    w.app.stop().await;
}

#[tokio::test]
async fn a_file_larger_than_the_limit_is_refused_before_it_is_downloaded() {
    let w = world().await;
    let fitri = linked_user(&w.fake, &w.db, HR_ORG, 7801, "id").await;
    w.fake.report_file_size(2_000_000_000);
    let csv = std::fs::read(crate::support::EXAMPLE_CSV).unwrap();
    let n = w.fake.sent_to(fitri.id()).len();
    fitri.upload("pegawai.csv", &csv);
    let answer = w.fake.wait_for_messages(fitri.id(), n + 1).await[n]
        .text
        .clone();
    assert_eq!(
        answer,
        text_with(Lang::Id, Msg::FileTooLarge, &[("mb", "50".into())])
    );
    assert_eq!(w.fake.downloads(), 0, "nothing was downloaded");
    w.app.stop().await;
}

/// A file previewed before another import would undo that import: the old confirm applies
/// nothing and HR sees what the file would do now.
#[tokio::test]
async fn a_confirm_after_the_organisation_changed_applies_nothing_and_shows_a_fresh_preview() {
    const NEW_HIRE: &str = "199807072024011001";
    let w = world().await;
    let fitri = linked_user(&w.fake, &w.db, HR_ORG, 7901, "id").await;
    let example = std::fs::read_to_string(EXAMPLE_CSV).unwrap();
    fitri.upload("pegawai.csv", example.as_bytes());
    let preview = w.next(&fitri).await;
    assert!(preview.contains("16 tetap"), "{preview}");
    w.next(&fitri).await;

    // Meanwhile another HR person imports a file with a new hire.
    let dir = tempfile::tempdir().unwrap();
    let newer = dir.path().join("pegawai-baru.csv");
    let hire = format!(
        "{NEW_HIRE};Rina Baru;Analis;Badan Kepegawaian Daerah > Bidang Mutasi;197811232003122001;pegawai;id"
    );
    std::fs::write(&newer, format!("{example}\n{hire}\n")).unwrap();
    let path = newer.display().to_string();
    let (code, out, err) = run_cli(&["import", &path], &[("DATABASE_URL", &w.db.url)]).await;
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("1 ditambahkan"), "{out}");

    let n = w.fake.sent_to(fitri.id()).len();
    fitri.tap("Simpan");
    let answer = w.fake.wait_for_messages(fitri.id(), n + 3).await;
    assert_eq!(answer[n].text, text(Lang::Id, Msg::PreviewOutdated));
    assert!(
        answer[n + 1].text.contains("1 dinonaktifkan"),
        "{}",
        answer[n + 1].text
    );
    assert_eq!(answer[n + 2].labels(), ["Simpan", "Batal"]);
    let conn = w.db.connect().await;
    let active = storage::org::active_nips(&conn).await.unwrap();
    assert!(
        active.iter().any(|n| n.as_str() == NEW_HIRE),
        "the new hire is still active"
    );
    w.app.stop().await;
}

#[tokio::test]
async fn a_confirm_pressed_a_day_after_its_preview_applies_nothing() {
    let w = world().await;
    let fitri = linked_user(&w.fake, &w.db, HR_ORG, 7951, "id").await;
    let edited = example_without_putri();
    fitri.upload("pegawai.csv", edited.as_bytes());
    w.next(&fitri).await;
    w.next(&fitri).await;
    w.app.clock.advance(chrono::Duration::hours(25));
    let n = w.fake.sent_to(fitri.id()).len();
    fitri.tap("Simpan");
    let answer = w.fake.wait_for_messages(fitri.id(), n + 3).await;
    assert_eq!(
        answer[n].text,
        text_with(Lang::Id, Msg::PreviewExpired, &[("hours", "24".into())])
    );
    let conn = w.db.connect().await;
    assert_eq!(
        storage::org::active_nips(&conn).await.unwrap().len(),
        16,
        "nothing imported"
    );
    w.app.stop().await;
}

#[tokio::test]
async fn a_file_with_many_bad_rows_lists_thirty_in_chat_and_all_of_them_in_a_file() {
    let w = world().await;
    let fitri = linked_user(&w.fake, &w.db, HR_ORG, 7991, "id").await;
    let mut file = String::from("nip;nama;unit\n");
    for i in 0..40 {
        file.push_str(&format!("12345{i};Pegawai {i};Setjen\n"));
    }
    let n = w.fake.sent_to(fitri.id()).len();
    fitri.upload("rusak.csv", file.as_bytes());
    w.fake
        .wait_until(
            std::time::Duration::from_secs(10),
            "the list of bad rows",
            |f| {
                f.sent_to(fitri.id())[n..]
                    .iter()
                    .any(|s| s.method == "sendDocument")
            },
        )
        .await;
    let sent = w.fake.sent_to(fitri.id());
    let report = &sent[n].text;
    assert_eq!(report.matches("NIP harus 18 angka").count(), 30, "{report}");
    assert!(
        report.contains("Baris 31:") && !report.contains("Baris 32:"),
        "{report}"
    );
    assert!(
        report.contains("… dan 10 baris bermasalah lainnya"),
        "{report}"
    );
    let doc = sent[n..]
        .iter()
        .find(|s| s.method == "sendDocument")
        .unwrap();
    let csv = String::from_utf8(doc.file.clone().unwrap()).unwrap();
    assert_eq!(csv.lines().count(), 41, "a header and 40 rows");
    assert!(csv.contains("41;NIP harus 18 angka."), "{csv}");
    w.app.stop().await;
}
