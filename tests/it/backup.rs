//! `kinerja-bot backup`: a copy taken beside a working bot restores everything committed before
//! it; an existing file is not overwritten by accident; PostgreSQL is pointed to pg_dump.

use std::path::{Path, PathBuf};
use std::time::Duration;

use kinerja_bot::config::FileConfig;
use kinerja_bot::storage;

use crate::support::example::HENDRA;
use crate::support::{
    BotProcess, FakeTelegram, TestDb, import_example, linked_user, pg_admin_url, run_cli,
};

fn db_file(db: &TestDb) -> PathBuf {
    PathBuf::from(db.url.trim_start_matches("sqlite://"))
}

fn url_of(file: &Path) -> String {
    format!("sqlite://{}", file.display())
}

async fn backup(db_url: &str, out: &Path, force: bool) -> (i32, String, String) {
    let out = out.display().to_string();
    let mut args = vec!["backup", "--out", out.as_str()];
    if force {
        args.push("--force");
    }
    run_cli(&args, &[("DATABASE_URL", db_url)]).await
}

/// (employees, the Telegram account linked to Hendra, integrity check) of the file at `url`.
async fn contents(url: &str) -> (i64, Option<i64>, String) {
    let db = storage::connect(url, &FileConfig::default()).await.unwrap();
    let employees: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM employees")
        .fetch_one(db.pool())
        .await
        .unwrap();
    let linked: Option<i64> =
        sqlx::query_scalar("SELECT telegram_user_id FROM employees WHERE nip = $1")
            .bind(HENDRA)
            .fetch_one(db.pool())
            .await
            .unwrap();
    let check: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(db.pool())
        .await
        .unwrap();
    db.close().await;
    (employees, linked, check)
}

#[tokio::test]
async fn a_backup_taken_while_the_bot_works_restores_what_was_committed_before_it() {
    let fake = FakeTelegram::start().await;
    let db = TestDb::sqlite();
    import_example(&db).await;
    let mut bot = BotProcess::start(&fake, &db, &[]);
    // Written by the running bot: Hendra opens his invite and is linked.
    let hendra = linked_user(&fake, &db, HENDRA, 1401, "id").await;

    // Many people write to the bot while the copy is taken.
    let users: Vec<_> = (0..25)
        .map(|i| fake.user(1500 + i, "tg", Some("id")))
        .collect();
    for round in 0..4 {
        for user in &users {
            user.send(if round % 2 == 0 { "/help" } else { "/profile" });
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("kb-backup.db");
    let (code, stdout, err) = backup(&db.url, &out, false).await;
    assert_eq!(code, 0, "{stdout}{err}");
    let size = std::fs::metadata(&out).unwrap().len();
    assert!(
        stdout.contains(&out.display().to_string()) && stdout.contains(&format!("{size} bytes")),
        "{stdout}"
    );
    assert!(!dir.path().join("kb-backup.db.part").exists());
    for user in &users {
        fake.wait_for_messages(user.id(), 4).await;
    }
    assert!(bot.child.try_wait().unwrap().is_none(), "{}", bot.stderr());

    // Restore as the README says: stop the bot, replace the file (and drop its WAL), start.
    bot.signal("-TERM");
    assert_eq!(bot.wait_exit(Duration::from_secs(20)).await, Some(0));
    let file = db_file(&db);
    for suffix in ["", "-wal", "-shm"] {
        let mut name = file.clone().into_os_string();
        name.push(suffix);
        let _ = std::fs::remove_file(name);
    }
    std::fs::copy(&out, &file).unwrap();
    let (employees, linked, check) = contents(&db.url).await;
    assert_eq!((employees, linked, check.as_str()), (16, Some(1401), "ok"));

    let mut restored = BotProcess::start(&fake, &db, &[]);
    let before = fake.sent_to(hendra.id()).len();
    hendra.send("/profile");
    // Updates the copy had not yet marked handled are handled again first (the restore goes
    // back to the moment of the backup), so the profile may come after an older answer.
    let id = hendra.id();
    fake.wait_until(Duration::from_secs(20), "Hendra's profile", |f| {
        f.sent_to(id)
            .iter()
            .skip(before)
            .any(|s| s.text.contains("Hendra Wijaya"))
    })
    .await;
    restored.signal("-TERM");
    assert_eq!(restored.wait_exit(Duration::from_secs(20)).await, Some(0));
}

#[tokio::test]
async fn a_backup_over_an_existing_file_is_refused_without_force() {
    let db = TestDb::sqlite();
    import_example(&db).await;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("kb-backup.db");
    std::fs::write(&out, "last week's backup").unwrap();

    let (code, stdout, err) = backup(&db.url, &out, false).await;
    assert_eq!(code, 1, "{stdout}{err}");
    assert!(err.contains("already exists; pass --force"), "{err}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "last week's backup");

    // A half-written copy from an interrupted run is replaced, not mistaken for the backup.
    std::fs::write(dir.path().join("kb-backup.db.part"), "half").unwrap();
    let (code, stdout, err) = backup(&db.url, &out, true).await;
    assert_eq!(code, 0, "{stdout}{err}");
    let (employees, _, check) = contents(&url_of(&out)).await;
    assert_eq!((employees, check.as_str()), (16, "ok"));
    assert!(!dir.path().join("kb-backup.db.part").exists());

    // The database itself is never the target.
    let (code, _, err) = backup(&db.url, &db_file(&db), true).await;
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("is the database itself"), "{err}");
}

#[tokio::test]
async fn a_backup_of_a_missing_database_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere.db");
    let out = dir.path().join("kb-backup.db");
    let (code, _, err) = backup(&url_of(&missing), &out, false).await;
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("no SQLite database at"), "{err}");
    assert!(!missing.exists() && !out.exists());
}

#[tokio::test]
async fn postgres_backups_are_pointed_to_pg_dump() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("kb-backup.db");
    let (code, _, err) = backup(&pg_admin_url(), &out, false).await;
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("pg_dump"), "{err}");
    assert!(!out.exists());
}
