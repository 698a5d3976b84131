//! Test helpers: a database per test (SQLite file or a fresh PostgreSQL database), the fake Bot
//! API, and the bot itself, either in process (`spawn_app`) or as the real binary.

/// Runs one async test body against each backend, as `<name>::sqlite` and `<name>::postgres`.
macro_rules! on_both_backends {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;
            use crate::support::TestDb;
            use kinerja_bot::storage::Backend;

            #[tokio::test]
            async fn sqlite() {
                ($body)(TestDb::new(Backend::Sqlite).await).await
            }

            #[tokio::test]
            async fn postgres() {
                ($body)(TestDb::new(Backend::Postgres).await).await
            }
        }
    };
}

pub mod example;
pub mod fake_telegram;

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use chrono::{DateTime, Utc};
use kinerja_bot::app::App;
use kinerja_bot::clock::ManualClock;
use kinerja_bot::config::{Environment, Settings};
use kinerja_bot::storage::{self, Backend, Db};
use sqlx::Connection;
use tokio_util::sync::CancellationToken;

pub use fake_telegram::{FakeTelegram, Fault, TOKEN};

pub const PG_ENV: &str = "KB_TEST_PG_URL";

/// A database that exists for one test only.
pub struct TestDb {
    pub url: String,
    pub backend: Backend,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    pub async fn new(backend: Backend) -> Self {
        match backend {
            Backend::Sqlite => Self::sqlite(),
            Backend::Postgres => Self::postgres().await,
        }
    }

    pub fn sqlite() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("kb.db").display());
        Self {
            url,
            backend: Backend::Sqlite,
            _dir: Some(dir),
        }
    }

    /// A new, empty database on the server named by `KB_TEST_PG_URL` (the test script starts a
    /// throwaway server and sets it).
    pub async fn postgres() -> Self {
        let admin = pg_admin_url();
        let name = unique_name("kb_test");
        let mut conn = sqlx::PgConnection::connect(&admin)
            .await
            .unwrap_or_else(|e| panic!("cannot reach the test PostgreSQL at {PG_ENV}: {e}"));
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut conn)
            .await
            .unwrap();
        let mut url = url::Url::parse(&admin).unwrap();
        url.set_path(&name);
        Self {
            url: url.to_string(),
            backend: Backend::Postgres,
            _dir: None,
        }
    }

    pub async fn connect(&self) -> Db {
        let cfg = kinerja_bot::config::FileConfig::default();
        let db = storage::connect(&self.url, &cfg).await.unwrap();
        storage::migrate::run(&db).await.unwrap();
        db
    }
}

pub fn pg_admin_url() -> String {
    std::env::var(PG_ENV).unwrap_or_else(|_| {
        panic!(
            "{PG_ENV} is not set: run the suite with scripts/test.sh, which starts a throwaway \
             PostgreSQL, or point {PG_ENV} at a server where this user may CREATE DATABASE"
        )
    })
}

/// An address on 127.0.0.1 nothing listens on now, for a bot process to serve on.
pub fn free_addr() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().to_string()
}

pub fn unique_name(prefix: &str) -> String {
    static N: AtomicU32 = AtomicU32::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("{prefix}_{}_{n}_{nanos}", std::process::id())
}

pub fn start_time() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-02T02:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

/// The bot running in this process against `fake`, with a clock the test sets.
pub struct TestApp {
    pub app: Arc<App>,
    pub clock: ManualClock,
    pub shutdown: CancellationToken,
    pub handle: tokio::task::JoinHandle<()>,
}

impl TestApp {
    pub async fn spawn(fake: &FakeTelegram, db: &TestDb) -> Self {
        Self::spawn_with(fake, db, start_time(), |_| {}).await
    }

    /// Like `spawn`, with the clock at `now` and settings changed by `tweak`.
    pub async fn spawn_with(
        fake: &FakeTelegram,
        db: &TestDb,
        now: DateTime<Utc>,
        tweak: impl FnOnce(&mut Settings),
    ) -> Self {
        let env = Environment {
            token: Some(TOKEN.into()),
            api_url: Some(fake.url()),
            database_url: Some(db.url.clone()),
            config_path: None,
        };
        let mut settings = Settings::load(&env, None).unwrap();
        settings.file.polling.timeout_seconds = 1;
        // Tests should not wait a second for the sender to look at the queue again.
        settings.file.outbox.poll_interval_ms = 50;
        tweak(&mut settings);
        let clock = ManualClock::new(now);
        let app = App::build(settings, Arc::new(clock.clone())).await.unwrap();
        let shutdown = CancellationToken::new();
        let handle = tokio::spawn({
            let (app, shutdown) = (app.clone(), shutdown.clone());
            async move {
                app.run(shutdown).await.unwrap();
            }
        });
        Self {
            app,
            clock,
            shutdown,
            handle,
        }
    }

    /// Waits until Telegram has no update the bot has not taken, and the inbox and the outbox
    /// have nothing left to do: what a test checks after this is final, not a snapshot.
    pub async fn wait_idle(&self, fake: &FakeTelegram) {
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        loop {
            // In the order work moves: an update leaves Telegram's queue only once it is in the
            // inbox, and a handler queues its messages before its update is marked handled.
            let unconfirmed = fake.unconfirmed();
            let inbox = storage::inbox::pending_count(&self.app.db).await.unwrap();
            let outbox: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sending')",
            )
            .fetch_one(self.app.db.pool())
            .await
            .unwrap();
            if unconfirmed == 0 && inbox == 0 && outbox == 0 {
                return;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "not idle after a minute: {} unconfirmed, {inbox} in the inbox, {outbox} in the \
                 outbox",
                unconfirmed
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    pub async fn stop(self) {
        self.shutdown.cancel();
        tokio::time::timeout(Duration::from_secs(20), self.handle)
            .await
            .expect("bot did not stop")
            .unwrap();
    }
}

/// The real `kinerja-bot` binary, with a clean environment and the given variables.
pub fn binary(args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kinerja-bot"));
    cmd.args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .stdin(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

/// Runs the binary to completion; returns (exit code, stdout, stderr).
pub fn run_binary(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let out = binary(args, env).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `run_binary` off the async runtime, so an in-process bot and the fake keep running while
/// the CLI works (a frozen bot holding an SQLite lock would stall the CLI).
pub async fn run_cli(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let env: Vec<(String, String)> = env
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        run_binary(&args, &env)
    })
    .await
    .unwrap()
}

/// A running bot process whose stderr is collected in a file.
pub struct BotProcess {
    pub child: Child,
    pub log: PathBuf,
    _dir: tempfile::TempDir,
}

impl BotProcess {
    pub fn start(fake: &FakeTelegram, db: &TestDb, extra: &[(&str, &str)]) -> Self {
        Self::launch(fake, db, "", extra)
    }

    /// Starts the bot with these extra config file sections.
    pub fn start_with_config(fake: &FakeTelegram, db: &TestDb, config: &str) -> Self {
        Self::launch(fake, db, config, &[])
    }

    fn launch(fake: &FakeTelegram, db: &TestDb, more_config: &str, extra: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("stderr.log");
        let config = dir.path().join("kb.toml");
        let text = format!("[polling]\ntimeout_seconds = 1\n{more_config}");
        std::fs::write(&config, text).unwrap();
        let mut env = vec![
            ("TELOXIDE_TOKEN", TOKEN),
            ("DATABASE_URL", db.url.as_str()),
            ("RUST_LOG", "info"),
        ];
        let url = fake.url();
        env.push(("TELOXIDE_API_URL", url.as_str()));
        let config_s = config.display().to_string();
        env.push(("KINERJA_CONFIG", config_s.as_str()));
        env.extend_from_slice(extra);
        let child = binary(&["run"], &env)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        Self {
            child,
            log,
            _dir: dir,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn signal(&self, sig: &str) {
        let ok = Command::new("kill")
            .args([sig, &self.pid().to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill {sig} failed");
    }

    /// Waits for the process to end; returns its exit code (None if killed by a signal).
    pub async fn wait_exit(&mut self, within: Duration) -> Option<i32> {
        let deadline = std::time::Instant::now() + within;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            assert!(
                std::time::Instant::now() < deadline,
                "bot did not exit; log:\n{}",
                self.stderr()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub fn stderr(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// CPU time (user + system) the process has used so far, from /proc.
    pub fn cpu_time(&self) -> Duration {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).unwrap();
        let after_name = &stat[stat.rfind(')').unwrap() + 2..];
        let fields: Vec<&str> = after_name.split_whitespace().collect();
        let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
        Duration::from_millis(ticks * 10)
    }
}

impl Drop for BotProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The small agency shipped in `examples/`.
pub const EXAMPLE_CSV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/pegawai.csv");
pub const EXAMPLE_XLSX: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/pegawai.xlsx");

/// Imports the example agency with the CLI.
pub async fn import_example(db: &TestDb) {
    let (code, out, err) = run_cli(&["import", EXAMPLE_CSV], &[("DATABASE_URL", &db.url)]).await;
    assert_eq!(code, 0, "{out}{err}");
}

/// Issues a fresh invite for `nip` with the CLI, as HR would; returns the link's token.
pub async fn invite_token(db: &TestDb, nip: &str) -> String {
    let args = [
        "invites",
        "--bot-username",
        "kinerja_test_bot",
        "--nip",
        nip,
    ];
    let (code, out, err) = run_cli(&args, &[("DATABASE_URL", &db.url)]).await;
    assert_eq!(code, 0, "{err}");
    let link = out.lines().nth(1).and_then(|row| row.split(';').nth(3));
    let link = link.unwrap_or_else(|| panic!("no link in:\n{out}"));
    let token = link.strip_prefix("https://t.me/kinerja_test_bot?start=");
    token
        .unwrap_or_else(|| panic!("not a deep link: {link}"))
        .to_owned()
}

/// Links every active employee to a Telegram account (user id `first_user + i`, in NIP order)
/// directly in the database, as if each had opened their invite; returns (nip, user id) pairs.
pub async fn link_everyone(db: &TestDb, first_user: i64) -> Vec<(String, i64)> {
    link_first(db, first_user, i64::MAX).await
}

/// Like `link_everyone`, for the first `count` active employees in NIP order.
pub async fn link_first(db: &TestDb, first_user: i64, count: i64) -> Vec<(String, i64)> {
    let conn = db.connect().await;
    let nips: Vec<String> =
        sqlx::query_scalar("SELECT nip FROM employees WHERE active = 1 ORDER BY nip LIMIT $1")
            .bind(count)
            .fetch_all(conn.pool())
            .await
            .unwrap();
    let mut tx = conn.begin_write().await.unwrap();
    let mut linked = Vec::new();
    for (i, nip) in nips.into_iter().enumerate() {
        let user = first_user + i as i64;
        sqlx::query(
            "INSERT INTO telegram_users (user_id, chat_id, language, first_seen, last_seen) \
             VALUES ($1, $1, 'id', 0, 0)",
        )
        .bind(user)
        .execute(&mut *tx)
        .await
        .unwrap();
        sqlx::query("UPDATE employees SET telegram_user_id = $1 WHERE nip = $2")
            .bind(user)
            .bind(&nip)
            .execute(&mut *tx)
            .await
            .unwrap();
        linked.push((nip, user));
    }
    tx.commit().await.unwrap();
    conn.close().await;
    linked
}

/// Button data as the bot's own codec writes it: what a forged or replayed press carries.
pub fn forged(button: impl Into<kinerja_bot::bot::CallbackData>) -> String {
    button.into().encode()
}

/// A Telegram user who opened the invite link HR issued for `nip` and was answered.
pub async fn linked_user(
    fake: &FakeTelegram,
    db: &TestDb,
    nip: &str,
    user_id: i64,
    lang: &str,
) -> fake_telegram::TestUser {
    let token = invite_token(db, nip).await;
    let user = fake.user(user_id, "tg", Some(lang));
    user.send(&format!("/start {token}"));
    fake.wait_for_messages(user_id, 1).await;
    user
}

/// Issues invites with the CLI (`args` as for `kinerja-bot invites`); returns (nip, name,
/// token) for each link on the sheet.
pub async fn invite_links(db: &TestDb, args: &[&str]) -> Vec<(String, String, String)> {
    let mut all = vec!["invites", "--bot-username", "kinerja_test_bot"];
    all.extend_from_slice(args);
    let (code, out, err) = run_cli(&all, &[("DATABASE_URL", &db.url)]).await;
    assert_eq!(code, 0, "{err}");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(out.trim_start_matches('\u{feff}').as_bytes());
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            let token = r[3].strip_prefix("https://t.me/kinerja_test_bot?start=");
            (r[0].to_owned(), r[1].to_owned(), token.unwrap().to_owned())
        })
        .collect()
}

/// Re-imports the example agency with Yusuf, HR of Bidang Penilaian Kinerja, made HR of the
/// whole organisation: a role change between a preview and its confirm.
pub async fn promote_yusuf_to_organisation_hr(db: &TestDb) {
    let unit_hr = "Analis Kinerja;Badan Kepegawaian Daerah > Bidang Penilaian Kinerja;\
                   197509082000031003;pengelola_unit";
    let dir = tempfile::tempdir().unwrap();
    let promoted = dir.path().join("pegawai.csv");
    let csv = std::fs::read_to_string(EXAMPLE_CSV).unwrap().replace(
        unit_hr,
        &unit_hr.replace("pengelola_unit", "pengelola_organisasi"),
    );
    std::fs::write(&promoted, csv).unwrap();
    let path = promoted.display().to_string();
    let (code, out, err) = run_cli(&["import", &path], &[("DATABASE_URL", &db.url)]).await;
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("1 diubah"),
        "Yusuf's role did not change: {out}"
    );
}

/// Imports a generated organisation of `employees` people with the CLI.
pub async fn import_generated(db: &TestDb, employees: usize, units: usize) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("org.csv");
    std::fs::write(
        &file,
        kinerja_bot::sample::organisation_csv(employees, units),
    )
    .unwrap();
    let path = file.display().to_string();
    let (code, out, err) = run_cli(&["import", &path], &[("DATABASE_URL", &db.url)]).await;
    assert_eq!(code, 0, "{out}{err}");
}

/// Queues a broadcast with the CLI, as a script would; returns its stdout.
pub async fn broadcast_cli(db: &TestDb, text: &str, audience: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("text.html");
    std::fs::write(&file, text).unwrap();
    let path = file.display().to_string();
    let aud = format!("--audience={audience}");
    let args = ["broadcast", &path, &aud, "--yes"];
    let (code, out, err) = run_cli(&args, &[("DATABASE_URL", &db.url)]).await;
    assert_eq!(code, 0, "{out}{err}");
    out
}

/// The newest message to this user that has a button labelled `label`.
pub fn with_button(fake: &FakeTelegram, user: i64, label: &str) -> Option<fake_telegram::Sent> {
    fake.sent_to(user)
        .into_iter()
        .rev()
        .find(|s| s.labels().iter().any(|l| l == label))
}

/// Taps `label` on the newest message that has it, then waits until this chat shows a button
/// labelled `next` and no longer `label` (the prompt moved on, by a new message or an edit).
pub async fn tap_until(
    fake: &FakeTelegram,
    user: &fake_telegram::TestUser,
    label: &str,
    next: &str,
) {
    let id = user.id();
    user.tap(label);
    let what = format!("{next:?} after {label:?} for {id}");
    fake.wait_until(Duration::from_secs(120), &what, |f| {
        with_button(f, id, next).is_some() && with_button(f, id, label).is_none()
    })
    .await;
}

/// Imports the example file again with `nip` moved from supervisor `from` to `to`, as HR's
/// next file would.
pub async fn reimport_example_moving(db: &TestDb, nip: &str, from: &str, to: &str) {
    let example = std::fs::read_to_string(EXAMPLE_CSV).unwrap();
    let moved: String = example
        .lines()
        .map(|l| {
            if l.starts_with(nip) {
                l.replace(from, to)
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert_ne!(
        moved.trim_end(),
        example.trim_end(),
        "{nip} is not under {from}"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("moved.csv");
    std::fs::write(&file, moved).unwrap();
    let path = file.display().to_string();
    let (code, out, err) = run_cli(&["import", &path], &[("DATABASE_URL", &db.url)]).await;
    assert_eq!(code, 0, "{out}{err}");
}

/// An evaluation dialog held on `held_on`, as storage tests record one.
pub fn evaluation_dialog(held_on: chrono::NaiveDate) -> storage::dialogs::Content {
    use kinerja_bot::domain::dialog::{Kind, Mode, Point};
    storage::dialogs::Content {
        kind: Kind::Evaluasi,
        mode: Mode::TatapMuka,
        held_on,
        points: [(Point::Penilaian, "Baik".to_owned())].into(),
        follow_up: None,
        follow_up_by: None,
        next_on: None,
    }
}

/// The employee's request to acknowledge a dialog, as storage tests queue it.
pub fn ask_to_confirm(
    _: kinerja_bot::domain::DialogId,
    p: &storage::dialogs::Person,
) -> storage::dialogs::Notice {
    storage::dialogs::Notice {
        to: p.clone(),
        payload: storage::outbox::Payload {
            text: "Mohon konfirmasi".into(),
            html: false,
            keyboard: None,
        },
    }
}

/// What a press or a command brought: the messages the bot sent to that chat, and its answers
/// on that person's button presses.
pub struct Pressed {
    pub messages: Vec<fake_telegram::Sent>,
    pub answers: Vec<Option<String>>,
}

impl Pressed {
    pub fn text(&self) -> String {
        let texts: Vec<&str> = self.messages.iter().map(|m| m.text.as_str()).collect();
        texts.join("\n")
    }

    /// Refused as someone without the right: nothing sent, the press answered "not allowed".
    pub fn refused(&self, lang: kinerja_bot::domain::Lang) -> bool {
        use kinerja_bot::i18n::{Msg, text};
        self.messages.is_empty() && self.answers == [Some(text(lang, Msg::NotAllowed))]
    }

    pub fn photos(&self) -> Vec<&fake_telegram::Sent> {
        self.messages
            .iter()
            .filter(|m| m.method == "sendPhoto")
            .collect()
    }

    /// Every text a person could read in what was sent: texts, captions, markup, buttons and
    /// their data, file names, answers on presses.
    pub fn everything(&self) -> Vec<String> {
        let mut out = Vec::new();
        for m in &self.messages {
            out.push(m.text.clone());
            out.extend(m.html.clone());
            out.extend(m.file_name.clone());
            for (label, data) in m.buttons.iter().flatten() {
                out.push(label.clone());
                out.push(data.clone());
            }
        }
        out.extend(self.answers.iter().flatten().cloned());
        out
    }
}

/// The bot's answers on `user`'s button presses, in order.
pub fn button_answers(fake: &FakeTelegram, user: i64) -> Vec<Option<String>> {
    let prefix = format!("cbq-{user}-");
    fake.callback_answers()
        .into_iter()
        .filter(|(id, _)| id.starts_with(&prefix))
        .map(|(_, a)| a)
        .collect()
}
