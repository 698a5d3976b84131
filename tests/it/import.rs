//! `kinerja-bot import`: HR's real files in, an all-or-nothing upsert, a report per bad row.

use kinerja_bot::storage::{self, Backend};

use crate::support::{EXAMPLE_CSV, EXAMPLE_XLSX, TestDb, run_binary};

fn import(db: &TestDb, file: &str, extra: &[&str]) -> (i32, String) {
    let mut args = vec!["import", file];
    args.extend_from_slice(extra);
    let (code, out, err) = run_binary(&args, &[("DATABASE_URL", &db.url)]);
    assert!(!err.contains("panicked"), "{err}");
    (code, out)
}

async fn active_count(db: &TestDb) -> usize {
    let conn = db.connect().await;
    let n = storage::org::active_nips(&conn).await.unwrap().len();
    conn.close().await;
    n
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let p = dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

async fn the_example_agency_imports_once_and_reimports_as_unchanged(backend: Backend) {
    let db = TestDb::new(backend).await;
    let (code, out) = import(&db, EXAMPLE_CSV, &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("16 ditambahkan"), "{out}");
    assert!(out.contains("5 unit baru"), "{out}");
    assert_eq!(active_count(&db).await, 16);
    // The XLSX holds the same people: nothing changes the second time.
    let (code, out) = import(&db, EXAMPLE_XLSX, &["--lang", "en"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("0 added, 0 changed, 0 deactivated (left), 16 unchanged"),
        "{out}"
    );
}

#[tokio::test]
async fn the_example_agency_imports_once_and_reimports_as_unchanged_on_sqlite() {
    the_example_agency_imports_once_and_reimports_as_unchanged(Backend::Sqlite).await;
}

#[tokio::test]
async fn the_example_agency_imports_once_and_reimports_as_unchanged_on_postgres() {
    the_example_agency_imports_once_and_reimports_as_unchanged(Backend::Postgres).await;
}

async fn people_move_leave_and_join_without_losing_anyone(backend: Backend) {
    let db = TestDb::new(backend).await;
    import(&db, EXAMPLE_CSV, &[]);
    let original = std::fs::read_to_string(EXAMPLE_CSV).unwrap();
    // Putri Lestari leaves; Teguh moves to Penilaian Kinerja under Bambang; a new PPPK joins.
    let edited: String = original
        .lines()
        .filter(|l| !l.starts_with("199611302021022006"))
        .map(|l| {
            if l.starts_with("199309212018031004") {
                "199309212018031004;Teguh Santoso, S.AP.;Analis Kinerja;Badan Kepegawaian Daerah > Bidang Penilaian Kinerja;197509082000031003;pegawai;id".to_owned()
            } else {
                l.to_owned()
            }
        })
        .chain(std::iter::once(
            "199702022024211008;Bayu Nugroho;Operator Layanan (PPPK);Badan Kepegawaian Daerah > Bidang Mutasi;197811232003122001;pegawai;id".to_owned(),
        ))
        .collect::<Vec<_>>()
        .join("\n");
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "pegawai-2027.csv", &edited);

    let (code, out) = import(&db, &path, &["--dry-run", "--lang", "en"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Dry run"), "{out}");
    assert!(
        out.contains("1 would be added, 1 changed, 1 deactivated"),
        "{out}"
    );
    assert_eq!(active_count(&db).await, 16, "a dry run saves nothing");

    let (code, out) = import(&db, &path, &["--lang", "en"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("1 added, 1 changed, 1 deactivated (left), 14 unchanged"),
        "{out}"
    );
    let conn = db.connect().await;
    let all = storage::org::employees(&conn).await.unwrap();
    assert_eq!(all.len(), 17, "the one who left is kept, inactive");
    let (putri, active) = &all[&kinerja_bot::domain::Nip::parse("199611302021022006").unwrap()];
    assert!(!active);
    assert_eq!(putri.name, "Putri Lestari, A.Md.");
    let (teguh, _) = &all[&kinerja_bot::domain::Nip::parse("199309212018031004").unwrap()];
    assert_eq!(teguh.unit.name(), "Bidang Penilaian Kinerja");
    assert_eq!(
        teguh.supervisor.as_ref().unwrap().as_str(),
        "197509082000031003"
    );
}

#[tokio::test]
async fn people_move_leave_and_join_without_losing_anyone_on_sqlite() {
    people_move_leave_and_join_without_losing_anyone(Backend::Sqlite).await;
}

#[tokio::test]
async fn people_move_leave_and_join_without_losing_anyone_on_postgres() {
    people_move_leave_and_join_without_losing_anyone(Backend::Postgres).await;
}

#[tokio::test]
async fn a_file_with_bad_rows_changes_nothing_and_names_every_row() {
    let db = TestDb::sqlite();
    import(&db, EXAMPLE_CSV, &[]);
    let dir = tempfile::tempdir().unwrap();
    let bad = "nip,nama,unit,nip_atasan,peran,bahasa\n\
               199001012015031001,Dimas,Setjen,,pegawai,id\n\
               19900101201503100,Pendek,Setjen,,,\n\
               199001012015031001,Ganda,Setjen,,,\n\
               199203302019032004,,Setjen,199001012015031001,,\n\
               198204102006041001,Agus,Setjen,199001012015031001,kepala,\n\
               199408172020121003,Rizky,Setjen,199408172020121003,,fr\n\
               197509082000031003,A,Setjen,198809142012121001,,\n\
               198809142012121001,B,Setjen,197509082000031003,,\n\
               199105052017082002,Indah,Setjen,199999999999999999,,\n";
    let path = write(&dir, "bad.csv", bad);
    let (code, out) = import(&db, &path, &["--lang", "en"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("nothing was changed"), "{out}");
    for expected in [
        "Line 3: a NIP must be 18 digits",
        "Line 4: the NIP is already on line 2",
        "Line 5: the name is empty",
        "Line 6: unknown role \"kepala\"",
        "Line 7: an employee cannot be their own supervisor",
        "Line 7: unknown language \"fr\"",
        "Line 8: the chain of supervisors loops",
        "Line 10: the supervisor's NIP is not a valid NIP",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
    assert_eq!(
        active_count(&db).await,
        16,
        "the earlier import is untouched"
    );
    let conn = db.connect().await;
    let dimas = storage::org::employees(&conn).await.unwrap();
    let (d, _) = &dimas[&kinerja_bot::domain::Nip::parse("199001012015031001").unwrap()];
    assert_eq!(d.unit.name(), "Subbagian Umum", "not moved to Setjen");
}

#[tokio::test]
async fn files_that_are_not_employee_lists_are_refused_in_the_users_language() {
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("empty.csv", "".as_bytes().to_vec(), "berkas kosong"),
        (
            "photo.csv",
            vec![0x89, b'P', b'N', b'G', 0, 0, 0xff],
            "bukan CSV",
        ),
        (
            "cols.csv",
            b"nip;jabatan\n1;2\n".to_vec(),
            "kolom wajib tidak ada: nama, unit",
        ),
    ];
    for (name, bytes, expect) in cases {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        let (code, out) = import(&db, &p.display().to_string(), &[]);
        assert_eq!(code, 1, "{name}: {out}");
        assert!(out.contains(expect), "{name}: {out}");
    }
}

#[tokio::test]
async fn a_row_whose_cells_would_shift_into_the_wrong_columns_is_refused_by_line() {
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    // Line 3: an unquoted "; " inside the name would push the unit into the supervisor column.
    let file = write(
        &dir,
        "shifted.csv",
        "nip;nama;unit;nip_atasan;peran\n\
         199001012015031001;Siti;Setjen;;pegawai\n\
         199101012016032002;Ani; S.Sos.;Setjen;;pegawai\n",
    );
    let (code, out) = import(&db, &file, &[]);
    assert_ne!(code, 0, "{out}");
    assert!(
        out.contains("Baris 3: Baris ini berisi 6 kolom, padahal judul berisi 5"),
        "{out}"
    );
    assert_eq!(active_count(&db).await, 0, "nothing was imported");
}

#[tokio::test]
async fn a_windows_1252_csv_is_imported_with_its_accents_and_the_report_says_how_it_was_read() {
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("excel.csv");
    let mut bytes = b"nip;nama;unit\n199001012015031001;Jos".to_vec();
    bytes.push(0xE9); // é in Windows-1252
    bytes.extend_from_slice(b" Ram\xEDrez;Setjen\n");
    std::fs::write(&path, bytes).unwrap();
    let (code, out) = import(&db, &path.display().to_string(), &["--lang", "en"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("read as Windows-1252"), "{out}");
    let conn = db.connect().await;
    let name: String = sqlx::query_scalar("SELECT name FROM employees")
        .fetch_one(conn.pool())
        .await
        .unwrap();
    assert_eq!(name, "José Ramírez");
}
