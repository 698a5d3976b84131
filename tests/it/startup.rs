//! Starting the binary: what it refuses, with which message, and what it survives.

use std::time::Duration;

use kinerja_bot::storage::{Backend, migrate};

use crate::support::{BotProcess, FakeTelegram, TOKEN, TestDb, pg_admin_url, run_binary};

fn assert_refused(code: i32, stderr: &str, expect: &str) {
    assert_eq!(code, 2, "expected a refusal; stderr: {stderr}");
    assert!(stderr.contains(expect), "stderr lacks {expect:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn without_a_token_the_bot_says_which_variable_to_set() {
    let (code, _, err) = run_binary(&["run"], &[]);
    assert_refused(code, &err, "TELOXIDE_TOKEN is not set");
}

#[test]
fn a_malformed_token_is_refused_without_echoing_it() {
    let (code, _, err) = run_binary(&["run"], &[("TELOXIDE_TOKEN", "12345:tooshort-secret")]);
    assert_refused(code, &err, "TELOXIDE_TOKEN is malformed");
    assert!(!err.contains("tooshort-secret"));
}

#[test]
fn an_unwritable_sqlite_path_is_refused_naming_the_path() {
    let dir = tempfile::tempdir().unwrap();
    // A path whose parent is a file cannot be created, even by root.
    let parent = dir.path().join("not-a-dir");
    std::fs::write(&parent, "x").unwrap();
    let url = format!("sqlite://{}/kb.db", parent.display());
    let (code, _, err) = run_binary(
        &["run"],
        &[("TELOXIDE_TOKEN", TOKEN), ("DATABASE_URL", &url)],
    );
    assert_refused(code, &err, "cannot open the SQLite database");
    assert!(err.contains("not-a-dir/kb.db"), "{err}");
}

#[test]
fn a_wrong_postgres_password_is_refused_without_printing_it() {
    let mut url = url::Url::parse(&pg_admin_url()).unwrap();
    assert!(
        url.password().is_some(),
        "the test server must use password authentication (scripts/test.sh sets one up)"
    );
    url.set_password(Some("definitely-wrong-pw")).unwrap();
    let (code, _, err) = run_binary(
        &["run"],
        &[("TELOXIDE_TOKEN", TOKEN), ("DATABASE_URL", url.as_str())],
    );
    assert_refused(code, &err, "cannot connect to PostgreSQL");
    assert!(err.contains("password authentication failed"), "{err}");
    assert!(!err.contains("definitely-wrong-pw"), "{err}");
}

#[tokio::test]
async fn a_database_from_a_newer_version_is_refused_and_left_alone() {
    let db = TestDb::sqlite();
    let (code, out, err) = run_binary(&["migrate"], &[("DATABASE_URL", &db.url)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("schema version"), "{out}");
    let conn = db.connect().await;
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (99990101000000, 'future', TRUE, x'00', 1)",
    )
    .execute(conn.pool())
    .await
    .unwrap();
    conn.close().await;
    let (code, _, err) = run_binary(
        &["run"],
        &[("TELOXIDE_TOKEN", TOKEN), ("DATABASE_URL", &db.url)],
    );
    assert_refused(code, &err, "migrated by a newer kinerja-bot");
    let (code, _, err) = run_binary(&["migrate"], &[("DATABASE_URL", &db.url)]);
    assert_refused(code, &err, "migrated by a newer kinerja-bot");
}

fn refused_config(contents: &str, expect: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kb.toml");
    std::fs::write(&path, contents).unwrap();
    let p = path.display().to_string();
    let (code, _, err) = run_binary(&["run", "--config", &p], &[("TELOXIDE_TOKEN", TOKEN)]);
    assert_refused(code, &err, expect);
    // The same through the environment variable.
    let (code, _, err) = run_binary(
        &["run"],
        &[("TELOXIDE_TOKEN", TOKEN), ("KINERJA_CONFIG", &p)],
    );
    assert_refused(code, &err, expect);
}

#[test]
fn a_config_file_with_an_unknown_key_is_refused_naming_it() {
    refused_config(
        "[schedules]\ndialog_remnder = \"0 0 9 * * *\"\n",
        "unknown field `dialog_remnder`",
    );
}

#[test]
fn a_config_file_with_a_bad_cron_expression_is_refused_naming_the_key() {
    refused_config(
        "[schedules]\ndeadline_check = \"* * *\"\n",
        "schedules.deadline_check",
    );
}

#[test]
fn a_config_file_with_a_bad_time_zone_is_refused_listing_the_valid_ones() {
    refused_config("time_zone = \"Asia/Singapore\"\n", "Asia/Jayapura");
}

#[test]
fn config_prints_every_effective_value_and_hides_the_token() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kb.toml");
    std::fs::write(&path, "time_zone = \"Asia/Makassar\"\n").unwrap();
    let p = path.display().to_string();
    let (code, out, err) = run_binary(
        &["config", "--config", &p],
        &[
            ("TELOXIDE_TOKEN", TOKEN),
            ("DATABASE_URL", "postgres://kb:pw123@db/kb"),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("time_zone = \"Asia/Makassar\""), "{out}");
    assert!(out.contains("messages_per_second = 30"), "{out}");
    assert!(
        out.contains("[dialog]") && out.contains("follow_up = "),
        "{out}"
    );
    assert!(out.contains("[calendar]"), "{out}");
    assert!(!out.contains("AAF7"), "token secret printed: {out}");
    assert!(!out.contains("pw123"), "database password printed: {out}");
}

#[tokio::test]
async fn migrate_creates_an_sqlite_file_in_wal_mode_and_is_repeatable() {
    let db = TestDb::sqlite();
    for _ in 0..2 {
        let (code, out, err) = run_binary(&["migrate"], &[("DATABASE_URL", &db.url)]);
        assert_eq!(code, 0, "{err}");
        let latest = migrate::binary_version(Backend::Sqlite);
        assert!(out.contains(&format!("schema version {latest} ")), "{out}");
    }
    let conn = db.connect().await;
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(conn.pool())
        .await
        .unwrap();
    assert_eq!(mode, "wal");
}

#[tokio::test]
async fn migrate_upgrades_a_postgres_database() {
    let db = TestDb::postgres().await;
    let (code, out, err) = run_binary(&["migrate"], &[("DATABASE_URL", &db.url)]);
    assert_eq!(code, 0, "{err}");
    let latest = migrate::binary_version(Backend::Postgres);
    assert!(
        out.contains(&format!("schema version {latest} (was 0)")),
        "{out}"
    );
    if let Some(pw) = url::Url::parse(&db.url).unwrap().password() {
        assert!(!out.contains(pw), "password printed: {out}");
    }
}

#[tokio::test]
async fn an_unreachable_bot_api_is_waited_for_without_spinning() {
    // Reserve a port, free it, and point the bot at it: nothing answers there yet.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let db = TestDb::sqlite();
    let placeholder = FakeTelegram::start().await;
    let dead_url = format!("http://{addr}");
    let mut bot = BotProcess::start(&placeholder, &db, &[("TELOXIDE_API_URL", &dead_url)]);
    // Three attempts (after 1 s and 2 s of backoff) and still running.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while bot
        .stderr()
        .matches("Bot API unreachable at start; retrying")
        .count()
        < 3
    {
        assert!(std::time::Instant::now() < deadline, "{}", bot.stderr());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        bot.child.try_wait().unwrap().is_none(),
        "bot exited: {}",
        bot.stderr()
    );
    assert!(
        bot.stderr()
            .contains("Bot API unreachable at start; retrying"),
        "{}",
        bot.stderr()
    );
    let cpu = bot.cpu_time();
    assert!(
        cpu < Duration::from_millis(1500),
        "busy while waiting: {cpu:?}"
    );

    // Telegram comes back on that address: the bot connects and answers.
    let listener = tokio::net::TcpListener::bind(addr).await.unwrap();
    let fake = FakeTelegram::serve(listener);
    let user = fake.user(901, "Gita", Some("id"));
    user.send("/help");
    fake.wait_for_messages(user.id(), 1).await;
    bot.signal("-TERM");
    assert_eq!(bot.wait_exit(Duration::from_secs(20)).await, Some(0));
}

#[tokio::test]
async fn a_read_only_sqlite_database_is_refused_at_start() {
    let db = TestDb::sqlite();
    let (code, _, err) = run_binary(&["migrate"], &[("DATABASE_URL", &db.url)]);
    assert_eq!(code, 0, "{err}");
    let read_only = format!("{}?mode=ro", db.url);
    let (code, _, err) = run_binary(
        &["run"],
        &[("TELOXIDE_TOKEN", TOKEN), ("DATABASE_URL", &read_only)],
    );
    assert_refused(code, &err, "cannot open the SQLite database");
    assert!(err.contains("readonly"), "{err}");
}

/// The bot has reached the fake Bot API and answers.
async fn answers_help(fake: &FakeTelegram, user: &crate::support::fake_telegram::TestUser) {
    let before = fake.sent_to(user.id()).len();
    user.send("/help");
    fake.wait_for_messages(user.id(), before + 1).await;
}

#[tokio::test]
async fn a_second_run_on_one_sqlite_file_is_refused_and_a_killed_ones_lock_is_not_left_behind() {
    let fake = FakeTelegram::start().await;
    let db = TestDb::sqlite();
    let user = fake.user(1201, "Lina", Some("id"));
    let mut first = BotProcess::start(&fake, &db, &[]);
    answers_help(&fake, &user).await;

    let mut second = BotProcess::start(&fake, &db, &[]);
    let code = second.wait_exit(Duration::from_secs(20)).await;
    let err = second.stderr();
    assert_refused(
        code.unwrap_or(-1),
        &err,
        "is already running on the SQLite database",
    );
    assert!(err.contains(&format!("(PID {})", first.pid())), "{err}");
    assert!(err.contains("kb.db.run.lock"), "{err}");
    // The CLI is not a second bot: it works beside the running one.
    let (code, out, err) = run_binary(&["migrate"], &[("DATABASE_URL", &db.url)]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        first.child.try_wait().unwrap().is_none(),
        "{}",
        first.stderr()
    );
    answers_help(&fake, &user).await;

    // A crash leaves the lock file behind, but not the lock.
    first.signal("-KILL");
    assert_eq!(first.wait_exit(Duration::from_secs(20)).await, None);
    let lock_file = std::path::PathBuf::from(db.url.trim_start_matches("sqlite://"))
        .with_file_name("kb.db.run.lock");
    assert!(lock_file.exists());
    let mut restarted = BotProcess::start(&fake, &db, &[]);
    answers_help(&fake, &user).await;
    assert!(
        restarted.child.try_wait().unwrap().is_none(),
        "{}",
        restarted.stderr()
    );
    restarted.signal("-TERM");
    assert_eq!(restarted.wait_exit(Duration::from_secs(20)).await, Some(0));
}
