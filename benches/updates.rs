//! Update-handling benchmark: the real `kinerja-bot` process and a bare teloxide echo bot
//! (`examples/echo_baseline.rs`, built by this bench if missing or older than its source), each
//! against a fresh fake Bot API, in the same run, in two modes.
//!
//! The work (the fake enforces no limits; kinerja-bot paces at 1000 messages/s, the most its
//! config allows, with no gap per chat and its per-person flood limit out of reach): 1,000 people
//! - each send KB_BENCH_ROUNDS (5) texts: kinerja-bot answers a stranger's text with one message,
//!   the echo bot echoes it;
//! - press a button, KB_BENCH_ROUNDS times: everyone sends /language (not measured, all at once),
//!   then all 1,000 press a language button (`account::Button::SetLanguage`) on their prompt
//!   (measured): kinerja-bot answers the press and edits the prompt; the echo bot answers it and
//!   edits the message the button is on.
//!
//! Burst: each round's updates are queued at once, and each bot is measured until every update
//! has had its reply: wall time, updates/s, and the bot's CPU time (user + system, from /proc)
//! per 1,000 updates, less what it spends idle. Repeated KB_BENCH_REPEAT (3) times; the table
//! shows medians and kinerja-bot's CPU per update as a multiple of the echo bot's (the goal: at
//! most 2x). This shows top speed and what pacing costs, but not at equal load: the echo bot
//! answers 5,000 texts in a fraction of a second, while kinerja-bot spreads its replies over 5 s
//! at its pace, and each paced reply wakes threads the unpaced bot never wakes.
//!
//! Steady: the same work offered at KB_BENCH_STEADY_RATE (500) updates/s, below kinerja-bot's
//! pace, pushed into the fake in small batches every 10 ms, to freshly started bots. That is what
//! production looks like (people do not all write in the same millisecond), and both bots do the
//! same work over the same time, so their CPU per 1,000 updates compares at equal load. Each
//! reply's latency is timed too, from pushing the update into the fake to the fake receiving its
//! reply (for a text the message, timed by the fake; for a press the prompt's edit, timed when
//! the bench hears of it): pacing should delay no one when the rate is under it. The table shows
//! medians of KB_BENCH_STEADY_REPEAT (3) runs: CPU per 1,000, its ratio to the echo bot's, and
//! the p50 and p99 latency.
//!
//! Dialog reminder button (after the burst mode, KB_BENCH_DIALOG=0 skips it): a generated
//! organisation with one unit head per person of the crowd, each with a subordinate; all heads
//! press the monthly reminder's "record with" button at once, KB_BENCH_ROUNDS times, until each
//! has the first question of the recording. Reported as CPU per 1,000 presses next to the echo
//! bot's press from the burst run (the bare-bot floor).
//!
//! 360 round: see `updates/feedback.rs` (KB_BENCH_FEEDBACK=0 skips it, KB_BENCH_ORG sets the
//! organisation's size).
//!
//! Linking: 300 people open distinct invite links at the same moment (a generated organisation of
//! 300, links issued with `kinerja-bot invites`), against a fake that enforces Telegram's limits
//! (30/s overall, 1/s per chat) and kinerja-bot at its default 30/s: how many were linked, the
//! seconds until the last reply, and the 429s. On SQLite, and on PostgreSQL if KB_TEST_PG_URL
//! names a server where this user may CREATE DATABASE (skipped otherwise).
//!
//! Run: `cargo bench --bench updates` (about 5 minutes once built). KB_BENCH_USERS (1000) and
//! KB_BENCH_LINKS (300) change the crowds (0 skips that part); KB_BENCH_BURST=0 and
//! KB_BENCH_STEADY=0 skip a mode; KB_BENCH_STEADY_RATE (500) and KB_BENCH_STEADY_REPEAT (3)
//! tune the steady mode.

#[path = "../tests/it/support/fake_telegram.rs"]
#[allow(dead_code)]
mod fake_telegram;
#[path = "updates/feedback.rs"]
mod feedback;

#[path = "support/mod.rs"]
#[allow(dead_code)]
mod support;

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use fake_telegram::{FakeTelegram, Sent, TOKEN, TestUser};
use kinerja_bot::bot::CallbackData;
use kinerja_bot::bot::features::{account, dialog};
use kinerja_bot::config::FileConfig;
use kinerja_bot::domain::Lang;
use kinerja_bot::storage;
use sqlx::Connection;
use support::{cpu_time, env_usize, median};
use tokio::time::MissedTickBehavior;

/// Telegram user ids of the crowd: FIRST_USER, FIRST_USER + 1, ...
const FIRST_USER: i64 = 100_000;
/// The one who checks that a bot answers before anything is measured.
const WARM_UP_USER: i64 = 99_999;
/// After the last reply, how long the bot gets to finish (marks, state) before its CPU is read.
const SETTLE: Duration = Duration::from_millis(500);
const BOT_USERNAME: &str = "kinerja_test_bot";

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// The echo bot's binary next to kinerja-bot's, built with the same profile when it is missing
/// or older than its source.
fn echo_binary() -> PathBuf {
    let kb = Path::new(env!("CARGO_BIN_EXE_kinerja-bot"));
    let profile_dir = kb.parent().expect("the binary's directory");
    let exe = profile_dir
        .join("examples")
        .join(format!("echo_baseline{}", std::env::consts::EXE_SUFFIX));
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/echo_baseline.rs");
    let stale = match (modified(&exe), modified(&src)) {
        (None, _) => true,
        (Some(built), Some(source)) => built < source,
        (Some(_), None) => false,
    };
    if stale {
        let profile = match profile_dir.file_name().and_then(|n| n.to_str()) {
            Some("debug") => "dev".to_owned(),
            Some(name) => name.to_owned(),
            None => "release".to_owned(),
        };
        println!("building the echo bot: cargo build --profile {profile} --example echo_baseline");
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = Command::new(cargo)
            .args(["build", "--profile", &profile, "--example", "echo_baseline"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .expect("cargo, to build the echo bot");
        assert!(status.success(), "building the echo bot failed");
    }
    assert!(exe.exists(), "no echo bot at {}", exe.display());
    exe
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Which {
    Kinerja,
    Echo,
}

impl Which {
    fn name(self) -> &'static str {
        match self {
            Self::Kinerja => "kinerja-bot",
            Self::Echo => "echo (teloxide)",
        }
    }
}

/// A bot process with a clean environment, its stderr in a file; killed when dropped.
struct BotProcess {
    child: Child,
    log: PathBuf,
    name: &'static str,
    started: Instant,
}

impl BotProcess {
    fn spawn(
        name: &'static str,
        exe: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        log: PathBuf,
    ) -> Self {
        let mut cmd = Command::new(exe);
        cmd.args(args)
            .env_clear()
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", exe.display()));
        Self {
            child,
            log,
            name,
            started: Instant::now(),
        }
    }

    fn kinerja(fake: &FakeTelegram, db_url: &str, config: &str, dir: &Path) -> Self {
        let path = dir.join("kb.toml");
        std::fs::write(&path, config).unwrap();
        let (api, cfg) = (fake.url(), path.display().to_string());
        Self::spawn(
            Which::Kinerja.name(),
            Path::new(env!("CARGO_BIN_EXE_kinerja-bot")),
            &["run"],
            &[
                ("TELOXIDE_TOKEN", TOKEN),
                ("TELOXIDE_API_URL", &api),
                ("DATABASE_URL", db_url),
                ("KINERJA_CONFIG", &cfg),
                ("RUST_LOG", "warn"),
            ],
            dir.join("kinerja-bot.log"),
        )
    }

    fn echo(fake: &FakeTelegram, exe: &Path, dir: &Path) -> Self {
        let api = fake.url();
        Self::spawn(
            Which::Echo.name(),
            exe,
            &[],
            &[("TELOXIDE_TOKEN", TOKEN), ("TELOXIDE_API_URL", &api)],
            dir.join("echo.log"),
        )
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn cpu(&self) -> Duration {
        cpu_time(self.pid())
    }

    fn stderr(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Panics (with the end of its log) if the process has ended.
    fn check_alive(&mut self) {
        if let Ok(Some(status)) = self.child.try_wait() {
            let log = self.stderr();
            let tail: Vec<&str> = log.lines().rev().take(30).collect();
            panic!(
                "{} exited ({status}); end of its log:\n{}",
                self.name,
                tail.into_iter().rev().collect::<Vec<_>>().join("\n")
            );
        }
    }

    /// Warnings and errors it logged (kinerja-bot logs at warn; the echo bot logs nothing).
    fn report_log(&self) {
        let log = self.stderr();
        let bad: Vec<&str> = log
            .lines()
            .filter(|l| l.contains("ERROR") || l.contains("WARN"))
            .collect();
        if !bad.is_empty() {
            println!(
                "  {} logged {} warnings/errors, e.g.:",
                self.name,
                bad.len()
            );
            for l in bad.iter().take(3) {
                println!("    {l}");
            }
        }
    }
}

impl Drop for BotProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Polls `cond` every 2 ms for at most `within`; false on timeout. Panics if the bot dies.
async fn wait_for(
    fake: &FakeTelegram,
    bot: &mut BotProcess,
    within: Duration,
    mut cond: impl FnMut(&FakeTelegram) -> bool,
) -> bool {
    let deadline = Instant::now() + within;
    let mut polls = 0u32;
    loop {
        if cond(fake) {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        polls += 1;
        if polls.is_multiple_of(250) {
            bot.check_alive();
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
}

/// One text from someone new, answered: the bot is up, polling and replying.
async fn warm_up(fake: &FakeTelegram, bot: &mut BotProcess) {
    fake.user(WARM_UP_USER, "Pemanasan", Some("id"))
        .send("halo");
    let answered = wait_for(fake, bot, Duration::from_secs(120), |f| {
        f.deliveries(WARM_UP_USER) >= 1
    })
    .await;
    assert!(answered, "{} never answered the first text", bot.name);
    println!(
        "  {} answered its first text {:.1} s after it was started",
        bot.name,
        bot.started.elapsed().as_secs_f64()
    );
}

/// What one measured burst cost.
#[derive(Clone, Copy, Default)]
struct Sample {
    updates: usize,
    wall: Duration,
    cpu: Duration,
}

impl Sample {
    fn add(&mut self, other: Sample) {
        self.updates += other.updates;
        self.wall += other.wall;
        self.cpu += other.cpu;
    }

    fn per_second(&self) -> f64 {
        self.updates as f64 / self.wall.as_secs_f64()
    }

    fn cpu_ms_per_1000(&self) -> f64 {
        self.cpu.as_secs_f64() * 1000.0 * 1000.0 / self.updates as f64
    }
}

/// Queues `updates` with `inject`, waits until `done`, lets the bot settle, and returns the wall
/// time to the last reply and the bot's CPU time over it all, less its idle rate.
async fn measure(
    fake: &FakeTelegram,
    bot: &mut BotProcess,
    idle_per_s: f64,
    updates: usize,
    inject: impl FnOnce(),
    done: impl FnMut(&FakeTelegram) -> bool,
) -> Sample {
    let cpu0 = bot.cpu();
    let t0 = Instant::now();
    inject();
    let within = Duration::from_secs(60 + updates as u64 / 20);
    let finished = wait_for(fake, bot, within, done).await;
    assert!(
        finished,
        "{} did not answer {updates} updates within {within:?}",
        bot.name
    );
    let wall = t0.elapsed();
    tokio::time::sleep(SETTLE).await;
    let total = t0.elapsed().as_secs_f64();
    let cpu = bot.cpu().saturating_sub(cpu0);
    let idle = Duration::from_secs_f64(idle_per_s * total);
    Sample {
        updates,
        wall,
        cpu: cpu.saturating_sub(idle),
    }
}

/// Everyone sends `rounds` texts, all queued at once (round by round, as a crowd would).
async fn texts(
    fake: &FakeTelegram,
    bot: &mut BotProcess,
    idle: f64,
    users: &[TestUser],
    rounds: usize,
) -> Sample {
    let n = users.len() * rounds;
    let base = fake.total_deliveries();
    let inject = || {
        for r in 0..rounds {
            for u in users {
                u.send(&format!(
                    "Selamat pagi, ini pesan ke-{} dari {}",
                    r + 1,
                    u.id()
                ));
            }
        }
    };
    measure(fake, bot, idle, n, inject, |f| {
        f.total_deliveries() >= base + n
    })
    .await
}

/// `rounds` times: everyone asks for /language (not measured), then everyone presses a language
/// button on their prompt at once (measured). Returns the presses' total, and how many presses
/// the bot called stale (answered with a text, not acted on).
async fn presses(
    fake: &FakeTelegram,
    bot: &mut BotProcess,
    idle: f64,
    users: &[TestUser],
    rounds: usize,
) -> (Sample, usize) {
    let n = users.len();
    let mut total = Sample::default();
    let mut stale_total = 0;
    for round in 0..rounds {
        let base = fake.total_deliveries();
        for u in users {
            u.send("/language");
        }
        let prompted = wait_for(fake, bot, Duration::from_secs(120), |f| {
            f.total_deliveries() >= base + n
        })
        .await;
        assert!(prompted, "{} did not answer every /language", bot.name);
        tokio::time::sleep(SETTLE).await;
        let mut prompts: HashMap<i64, Sent> = HashMap::new();
        for s in fake.all_sent() {
            prompts.insert(s.chat_id, s);
        }
        let lang = if round % 2 == 0 { Lang::En } else { Lang::Id };
        let data = CallbackData::from(account::Button::SetLanguage(lang)).encode();
        let answers0 = fake.callback_answers().len();
        let calls0 = fake.calls("answerCallbackQuery");
        let replies = |f: &FakeTelegram| f.calls("editMessageText") + f.calls("sendMessage");
        let replies0 = replies(fake);
        let inject = || {
            for u in users {
                u.press(&prompts[&u.id()], &data);
            }
        };
        // Done when every press was answered and every press not called stale had its edit.
        let done = |f: &FakeTelegram| {
            if f.calls("answerCallbackQuery") < calls0 + n {
                return false;
            }
            let stale = f.callback_answers()[answers0..]
                .iter()
                .filter(|(_, text)| text.is_some())
                .count();
            replies(f) - replies0 + stale >= n
        };
        total.add(measure(fake, bot, idle, n, inject, done).await);
        stale_total += fake.callback_answers()[answers0..]
            .iter()
            .filter(|(_, text)| text.is_some())
            .count();
    }
    (total, stale_total)
}

/// A month's reminder answered by every supervisor at once: `users_n` unit heads (a generated
/// organisation, each with a subordinate), each pressing the reminder's "record with" button,
/// KB_BENCH_ROUNDS times; measured until every press was answered and every supervisor has the
/// first question (which kind of dialog). Returns one sample per repeat.
async fn dialog_presses(users_n: usize, rounds: usize, repeat: usize) -> Vec<Sample> {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("dialog.db").display());
    let db = storage::connect(&url, &FileConfig::default())
        .await
        .unwrap();
    storage::migrate::run(&db).await.unwrap();
    let file = dir.path().join("org.csv");
    std::fs::write(
        &file,
        kinerja_bot::sample::organisation_csv(users_n * 2, users_n),
    )
    .unwrap();
    let imported = Command::new(env!("CARGO_BIN_EXE_kinerja-bot"))
        .args(["import", &file.display().to_string()])
        .env("DATABASE_URL", &url)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(imported.success(), "the generated organisation was refused");
    let mut refs = Vec::with_capacity(users_n);
    let mut tx = db.begin_write().await.unwrap();
    for i in 0..users_n {
        let head = kinerja_bot::sample::nip(i);
        let user = FIRST_USER + i as i64;
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
            .bind(&head)
            .execute(&mut *tx)
            .await
            .unwrap();
        let r: i64 = sqlx::query_scalar(
            "SELECT ref FROM employees WHERE supervisor_nip = $1 ORDER BY nip LIMIT 1",
        )
        .bind(&head)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
        refs.push(kinerja_bot::domain::EmployeeRef(r));
    }
    tx.commit().await.unwrap();
    db.close().await;
    let fake = FakeTelegram::start().await;
    let mut bot = BotProcess::kinerja(&fake, &url, &throughput_config(), dir.path());
    println!(
        "\n{} (pid {}), dialog reminder presses",
        Which::Kinerja.name(),
        bot.pid()
    );
    warm_up(&fake, &mut bot).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let (c0, t0) = (bot.cpu(), Instant::now());
    tokio::time::sleep(Duration::from_secs(2)).await;
    let idle = bot.cpu().saturating_sub(c0).as_secs_f64() / t0.elapsed().as_secs_f64();
    let users: Vec<TestUser> = (0..users_n)
        .map(|i| fake.user(FIRST_USER + i as i64, &format!("Kepala {i}"), Some("id")))
        .collect();
    let mut samples = Vec::new();
    for r in 1..=repeat {
        let mut total = Sample::default();
        for _ in 0..rounds {
            let sends0 = fake.calls("sendMessage");
            let answers0 = fake.calls("answerCallbackQuery");
            let inject = || {
                for (u, who) in users.iter().zip(&refs) {
                    let data = CallbackData::from(dialog::Button::Record(*who)).encode();
                    u.press(&Sent::blank(u.id()), &data);
                }
            };
            let n = users.len();
            let done = |f: &FakeTelegram| {
                f.calls("answerCallbackQuery") >= answers0 + n
                    && f.calls("sendMessage") >= sends0 + n
            };
            total.add(measure(&fake, &mut bot, idle, n, inject, done).await);
        }
        println!(
            "  #{r} presses {:>6} in {:>6.2} s = {:>7.0}/s, CPU {:>6.0} ms = {:>6.1} ms per 1,000",
            total.updates,
            total.wall.as_secs_f64(),
            total.per_second(),
            total.cpu.as_secs_f64() * 1000.0,
            total.cpu_ms_per_1000()
        );
        samples.push(total);
    }
    bot.check_alive();
    bot.report_log();
    samples
}

/// kinerja-bot's config for the throughput runs: the fastest pace its config allows, no gap per
/// chat, and, in versions with a per-person flood limit (`[flood]`), one no one here reaches (each
/// person sends 15 updates a repeat). Checked with the library the binary was built from, so the
/// bench runs before and after that section exists.
fn throughput_config() -> String {
    let base = "[rate_limits]\nmessages_per_second = 1000\nper_chat_interval_ms = 0\n";
    let with_flood = format!("{base}[flood]\nmax_updates = 10000\nwindow_seconds = 1\n");
    let mut config = if FileConfig::from_toml(&with_flood).is_ok() {
        with_flood
    } else {
        base.to_owned()
    };
    // For trying a setting's effect on CPU, e.g. "[database]\nmax_connections = 2".
    if let Ok(extra) = std::env::var("KB_BENCH_CONFIG") {
        config.push_str(&extra.replace("\\n", "\n"));
        config.push('\n');
    }
    config
}

struct BotResults {
    texts: Vec<Sample>,
    presses: Vec<Sample>,
}

/// A bot against its own fake: started, answered once, its idle CPU rate known, and the crowd.
/// Dropping it stops the bot before its directory goes.
struct Running {
    fake: FakeTelegram,
    bot: BotProcess,
    /// CPU seconds per second it spends idle.
    idle: f64,
    users: Vec<TestUser>,
    _dir: tempfile::TempDir,
}

async fn start_bot(which: Which, echo_exe: &Path, users_n: usize, mode: &str) -> Running {
    let dir = tempfile::tempdir().unwrap();
    let fake = FakeTelegram::start().await;
    let mut bot = match which {
        Which::Kinerja => {
            let url = format!("sqlite://{}", dir.path().join("bench.db").display());
            let db = storage::connect(&url, &FileConfig::default())
                .await
                .unwrap();
            storage::migrate::run(&db).await.unwrap();
            db.close().await;
            BotProcess::kinerja(&fake, &url, &throughput_config(), dir.path())
        }
        Which::Echo => BotProcess::echo(&fake, echo_exe, dir.path()),
    };
    println!("\n{} (pid {}), {mode}", which.name(), bot.pid());
    warm_up(&fake, &mut bot).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let (c0, t0) = (bot.cpu(), Instant::now());
    tokio::time::sleep(Duration::from_secs(2)).await;
    let idle = bot.cpu().saturating_sub(c0).as_secs_f64() / t0.elapsed().as_secs_f64();
    println!("  idle: {:.1} CPU-ms/s", idle * 1000.0);
    let users: Vec<TestUser> = (0..users_n)
        .map(|i| fake.user(FIRST_USER + i as i64, &format!("Pegawai {i}"), Some("id")))
        .collect();
    Running {
        fake,
        bot,
        idle,
        users,
        _dir: dir,
    }
}

async fn run_bot(
    which: Which,
    echo_exe: &Path,
    users_n: usize,
    rounds: usize,
    repeat: usize,
) -> BotResults {
    let Running {
        fake,
        mut bot,
        idle,
        users,
        _dir,
    } = start_bot(which, echo_exe, users_n, "burst").await;
    let mut results = BotResults {
        texts: Vec::new(),
        presses: Vec::new(),
    };
    for r in 1..=repeat {
        let t = texts(&fake, &mut bot, idle, &users, rounds).await;
        let (p, stale) = presses(&fake, &mut bot, idle, &users, rounds).await;
        for (input, s) in [("texts", t), ("presses", p)] {
            println!(
                "  #{r} {input:<7} {:>6} in {:>6.2} s = {:>7.0}/s, CPU {:>6.0} ms = {:>6.1} ms per 1,000",
                s.updates,
                s.wall.as_secs_f64(),
                s.per_second(),
                s.cpu.as_secs_f64() * 1000.0,
                s.cpu_ms_per_1000()
            );
        }
        if stale > 0 {
            println!("  #{r} note: {stale} presses were answered as stale buttons, not acted on");
        }
        results.texts.push(t);
        results.presses.push(p);
    }
    bot.check_alive();
    bot.report_log();
    results
}

/// What an update offered in steady mode waits for.
enum Awaited {
    /// The next message delivered to this chat: a text's reply (each chat's come in order).
    Message(i64),
    /// An edit of the message with this delivery index, edited `before` times when pressed: the
    /// prompt a pressed button is on.
    Edit { index: usize, before: usize },
}

/// What a steady run cost, and how long each update waited for its reply.
#[derive(Clone, Default)]
struct SteadySample {
    cost: Sample,
    latencies: Vec<Duration>,
    /// Presses answered as stale buttons, not acted on (no edit, so no latency).
    stale: usize,
}

impl SteadySample {
    fn add(&mut self, other: SteadySample) {
        self.cost.add(other.cost);
        self.latencies.extend(other.latencies);
        self.stale += other.stale;
    }

    /// The `p`th percentile of the reply latencies (nearest rank), in ms.
    fn latency_ms(&self, p: f64) -> f64 {
        let mut v = self.latencies.clone();
        if v.is_empty() {
            return f64::NAN;
        }
        v.sort();
        let rank = ((p / 100.0 * v.len() as f64).ceil() as usize).clamp(1, v.len());
        v[rank - 1].as_secs_f64() * 1000.0
    }
}

/// Offers `updates` updates at `rate` a second: every 10 ms, `push` pushes those due by then
/// (`push(i)` the i-th) and says what answers each. Ends when every update has had its reply,
/// lets the bot settle, and returns the bot's CPU time over it all, less its idle rate, the wall
/// time from the first push to the last reply, and each reply's latency from just after its
/// update was pushed: to the delivery as the fake timed it, or to an edit as this loop saw it
/// (it wakes at each call the fake answers).
async fn steady(
    fake: &FakeTelegram,
    bot: &mut BotProcess,
    idle_per_s: f64,
    rate: f64,
    updates: usize,
    mut push: impl FnMut(usize) -> Awaited,
) -> SteadySample {
    let mut delivered = fake.total_deliveries();
    let mut answers = fake.callback_answers().len();
    let mut awaiting_message: HashMap<i64, VecDeque<Instant>> = HashMap::new();
    // (delivery index, edits before, pushed at)
    let mut awaiting_edit: Vec<(usize, usize, Instant)> = Vec::new();
    let mut latencies = Vec::with_capacity(updates);
    let (mut pushed, mut answered, mut stale) = (0, 0, 0);
    let within = Duration::from_secs_f64(updates as f64 / rate)
        + Duration::from_secs(60 + updates as u64 / 20);
    let mut ticker = tokio::time::interval(Duration::from_millis(10));
    ticker.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let mut checked = Instant::now();
    let cpu0 = bot.cpu();
    let t0 = Instant::now();
    let mut last = t0;
    loop {
        let changed = fake.next_change();
        for (chat, at) in fake.deliveries_since(delivered) {
            delivered += 1;
            if let Some(p) = awaiting_message
                .get_mut(&chat)
                .and_then(VecDeque::pop_front)
            {
                latencies.push(at.saturating_duration_since(p));
                answered += 1;
                last = last.max(at);
            }
        }
        if !awaiting_edit.is_empty() {
            let indices: Vec<usize> = awaiting_edit.iter().map(|e| e.0).collect();
            let edits = fake.edits_at(&indices);
            let now = Instant::now();
            let mut edited = edits.iter();
            awaiting_edit.retain(|(_, before, p)| {
                if edited.next().is_some_and(|n| n > before) {
                    latencies.push(now.saturating_duration_since(*p));
                    answered += 1;
                    last = now;
                    false
                } else {
                    true
                }
            });
        }
        for (_, text) in fake.callback_answers_since(answers) {
            answers += 1;
            if text.is_some() {
                stale += 1;
                answered += 1;
                last = Instant::now();
            }
        }
        if pushed == updates && answered >= updates {
            break;
        }
        assert!(
            t0.elapsed() < within,
            "{} answered {answered} of {updates} updates offered at {rate}/s within {within:?}",
            bot.name
        );
        if checked.elapsed() >= Duration::from_millis(500) {
            bot.check_alive();
            checked = Instant::now();
        }
        tokio::select! {
            _ = changed => {}
            _ = ticker.tick(), if pushed < updates => {
                let due = ((t0.elapsed().as_secs_f64() + 0.01) * rate) as usize;
                while pushed < due.min(updates) {
                    let awaited = push(pushed);
                    let at = Instant::now();
                    match awaited {
                        Awaited::Message(chat) => {
                            awaiting_message.entry(chat).or_default().push_back(at);
                        }
                        Awaited::Edit { index, before } => awaiting_edit.push((index, before, at)),
                    }
                    pushed += 1;
                }
            }
            _ = tokio::time::sleep(Duration::from_millis(100)) => {}
        }
    }
    let wall = last.saturating_duration_since(t0);
    tokio::time::sleep(SETTLE).await;
    let total = t0.elapsed().as_secs_f64();
    let cpu = bot.cpu().saturating_sub(cpu0);
    let idle = Duration::from_secs_f64(idle_per_s * total);
    SteadySample {
        cost: Sample {
            updates,
            wall,
            cpu: cpu.saturating_sub(idle),
        },
        latencies,
        stale,
    }
}

/// Everyone's `rounds` texts, offered at `rate` a second, round by round.
async fn steady_texts(
    fake: &FakeTelegram,
    bot: &mut BotProcess,
    idle: f64,
    users: &[TestUser],
    rounds: usize,
    rate: f64,
) -> SteadySample {
    let n = users.len();
    steady(fake, bot, idle, rate, n * rounds, |i| {
        let u = &users[i % n];
        u.send(&format!(
            "Selamat pagi, ini pesan ke-{} dari {}",
            i / n + 1,
            u.id()
        ));
        Awaited::Message(u.id())
    })
    .await
}

/// `rounds` times: everyone asks for /language at once (not measured), then everyone presses a
/// language button on their prompt, offered at `rate` a second (measured).
async fn steady_presses(
    fake: &FakeTelegram,
    bot: &mut BotProcess,
    idle: f64,
    users: &[TestUser],
    rounds: usize,
    rate: f64,
) -> SteadySample {
    let n = users.len();
    let mut total = SteadySample::default();
    for round in 0..rounds {
        let base = fake.total_deliveries();
        for u in users {
            u.send("/language");
        }
        let prompted = wait_for(fake, bot, Duration::from_secs(120), |f| {
            f.total_deliveries() >= base + n
        })
        .await;
        assert!(prompted, "{} did not answer every /language", bot.name);
        tokio::time::sleep(SETTLE).await;
        // Outside lean mode a message's place among all sent is its delivery index.
        let sent = fake.all_sent();
        let mut prompts: HashMap<i64, usize> = HashMap::new();
        for (i, s) in sent.iter().enumerate().skip(base) {
            prompts.insert(s.chat_id, i);
        }
        let lang = if round % 2 == 0 { Lang::En } else { Lang::Id };
        let data = CallbackData::from(account::Button::SetLanguage(lang)).encode();
        let sample = steady(fake, bot, idle, rate, n, |i| {
            let u = &users[i];
            let index = prompts[&u.id()];
            u.press(&sent[index], &data);
            Awaited::Edit {
                index,
                before: sent[index].edits,
            }
        })
        .await;
        total.add(sample);
    }
    total
}

struct SteadyResults {
    texts: Vec<SteadySample>,
    presses: Vec<SteadySample>,
}

async fn run_steady(
    which: Which,
    echo_exe: &Path,
    users_n: usize,
    rounds: usize,
    repeat: usize,
    rate: f64,
) -> SteadyResults {
    let Running {
        fake,
        mut bot,
        idle,
        users,
        _dir,
    } = start_bot(which, echo_exe, users_n, &format!("steady at {rate}/s")).await;
    let mut results = SteadyResults {
        texts: Vec::new(),
        presses: Vec::new(),
    };
    for r in 1..=repeat {
        let t = steady_texts(&fake, &mut bot, idle, &users, rounds, rate).await;
        let p = steady_presses(&fake, &mut bot, idle, &users, rounds, rate).await;
        for (input, s) in [("texts", &t), ("presses", &p)] {
            println!(
                "  #{r} {input:<7} {:>6} in {:>6.2} s, CPU {:>6.0} ms = {:>6.1} ms per 1,000, \
                 reply p50 {:>6.2} ms, p99 {:>7.2} ms",
                s.cost.updates,
                s.cost.wall.as_secs_f64(),
                s.cost.cpu.as_secs_f64() * 1000.0,
                s.cost.cpu_ms_per_1000(),
                s.latency_ms(50.0),
                s.latency_ms(99.0)
            );
        }
        if p.stale > 0 {
            println!(
                "  #{r} note: {} presses were answered as stale buttons, not acted on",
                p.stale
            );
        }
        results.texts.push(t);
        results.presses.push(p);
    }
    bot.check_alive();
    bot.report_log();
    results
}

/// 300 people open their invite links at once; a fake that enforces Telegram's limits, the bot at
/// its default pace.
async fn linking(backend: &str, url: &str, people: usize) {
    let db = storage::connect(url, &FileConfig::default()).await.unwrap();
    storage::migrate::run(&db).await.unwrap();
    let csv = kinerja_bot::sample::organisation_csv(people, 6);
    kinerja_bot::import::import(&db, csv.as_bytes(), false, chrono::Utc::now(), &|_| {})
        .await
        .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_kinerja-bot"))
        .args(["invites", "--bot-username", BOT_USERNAME])
        .env_clear()
        .env("DATABASE_URL", url)
        .stdin(Stdio::null())
        .output()
        .expect("kinerja-bot invites");
    assert!(
        out.status.success(),
        "kinerja-bot invites failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let prefix = format!("https://t.me/{BOT_USERNAME}?start=");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(out.stdout.as_slice());
    let tokens: Vec<String> = reader
        .records()
        .map(|r| {
            let r = r.expect("an invite sheet row");
            let link = r.get(3).expect("the link column");
            link.strip_prefix(&prefix)
                .unwrap_or_else(|| panic!("not a deep link: {link}"))
                .to_owned()
        })
        .collect();
    assert_eq!(tokens.len(), people, "one invite per employee");

    let dir = tempfile::tempdir().unwrap();
    let fake = FakeTelegram::start().await;
    fake.enforce_limits(30, 1.0);
    let mut bot = BotProcess::kinerja(&fake, url, "", dir.path());
    println!("\nlinking on {backend}: {people} people open their invite links at once");
    warm_up(&fake, &mut bot).await;
    // Let the overall bucket refill after the warm-up reply.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let users: Vec<TestUser> = (0..people)
        .map(|i| fake.user(FIRST_USER + i as i64, &format!("Pegawai {i}"), Some("id")))
        .collect();
    let started = Instant::now();
    for (u, token) in users.iter().zip(&tokens) {
        u.send(&format!("/start {token}"));
    }
    let ids: Vec<i64> = users.iter().map(TestUser::id).collect();
    let all_replied = wait_for(&fake, &mut bot, Duration::from_secs(180), |f| {
        let counts = f.delivery_counts();
        ids.iter().all(|id| counts.get(id).is_some_and(|n| *n >= 1))
    })
    .await;
    let (_, deliveries) = fake.timeline();
    let last = deliveries
        .iter()
        .filter(|t| **t >= started)
        .max()
        .map_or(0.0, |t| t.duration_since(started).as_secs_f64());
    let counts = fake.delivery_counts();
    let replied = ids.iter().filter(|id| counts.contains_key(id)).count();
    let twice = ids
        .iter()
        .filter(|id| counts.get(id).is_some_and(|n| *n > 1))
        .count();
    let linked: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM employees WHERE telegram_user_id IS NOT NULL")
            .fetch_one(db.pool())
            .await
            .unwrap();
    db.close().await;
    println!(
        "  linked {linked} of {people}; {replied} replied{}, the last {last:.1} s after the links \
         were opened; 429 responses: {}{}",
        if all_replied {
            ""
        } else {
            " (gave up waiting)"
        },
        fake.responses_429(),
        if twice > 0 {
            format!("; {twice} people got more than one reply")
        } else {
            String::new()
        }
    );
    bot.check_alive();
    bot.report_log();
}

async fn linking_postgres(admin: &str, people: usize) {
    let name = format!(
        "kb_bench_updates_{}_{}",
        std::process::id(),
        SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos()
    );
    let mut conn = match sqlx::PgConnection::connect(admin).await {
        Ok(c) => c,
        Err(e) => {
            println!("\nlinking on PostgreSQL skipped: cannot reach KB_TEST_PG_URL ({e})");
            return;
        }
    };
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut conn)
        .await
        .unwrap();
    let mut url = url::Url::parse(admin).unwrap();
    url.set_path(&name);
    linking("PostgreSQL", url.as_str(), people).await;
    let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    let _ = sqlx::query(sqlx::AssertSqlSafe(drop))
        .execute(&mut conn)
        .await;
    let _ = conn.close().await;
}

fn print_table(kb: &BotResults, echo: &BotResults) {
    println!(
        "\n{:<16} {:<8} {:>8} {:>8} {:>10} {:>12} {:>8}",
        "bot", "input", "updates", "wall s", "updates/s", "CPU-ms/1k", "vs echo"
    );
    let mut ratios = Vec::new();
    for input in ["texts", "presses"] {
        let pick = |r: &BotResults| {
            if input == "texts" {
                r.texts.clone()
            } else {
                r.presses.clone()
            }
        };
        let cpu = |s: &[Sample]| median(s.iter().map(Sample::cpu_ms_per_1000).collect());
        let echo_cpu = cpu(&pick(echo));
        for (which, r) in [(Which::Kinerja, kb), (Which::Echo, echo)] {
            let samples = pick(r);
            let c = cpu(&samples);
            let ratio = c / echo_cpu;
            if which == Which::Kinerja {
                ratios.push((input, ratio));
            }
            println!(
                "{:<16} {:<8} {:>8} {:>8.2} {:>10.0} {:>12.1} {:>7.2}x",
                which.name(),
                input,
                samples[0].updates,
                median(samples.iter().map(|s| s.wall.as_secs_f64()).collect()),
                median(samples.iter().map(Sample::per_second).collect()),
                c,
                ratio
            );
        }
    }
    let verdicts: Vec<String> = ratios
        .iter()
        .map(|(input, r)| {
            let v = if *r <= 2.0 { "met" } else { "NOT met" };
            format!("{input} {r:.2}x ({v})")
        })
        .collect();
    println!(
        "goal, kinerja-bot's CPU per update at most 2x the bare bot's: {}",
        verdicts.join(", ")
    );
}

/// The reminder's button against the echo bot's press (answer and edit), at the same burst.
fn print_dialog_table(dialog: &[Sample], echo: &BotResults) {
    let kb = median(dialog.iter().map(Sample::cpu_ms_per_1000).collect());
    let wall = median(dialog.iter().map(|s| s.wall.as_secs_f64()).collect());
    let floor = median(echo.presses.iter().map(Sample::cpu_ms_per_1000).collect());
    println!(
        "\ndialog reminder button -> first question (burst, medians of {}): kinerja-bot \
         {kb:.1} CPU-ms per 1,000 presses, {wall:.2} s for each round; bare bot's press {floor:.1} \
         CPU-ms per 1,000 = {:.2}x",
        dialog.len(),
        kb / floor
    );
}

fn print_steady_table(kb: &SteadyResults, echo: &SteadyResults, rate: f64) {
    println!(
        "\n{:<16} {:<8} {:>8} {:>10} {:>10} {:>8} {:>8} {:>8}",
        "bot", "input", "updates", "offered/s", "CPU-ms/1k", "vs echo", "p50 ms", "p99 ms"
    );
    let cpu = |s: &[SteadySample]| median(s.iter().map(|s| s.cost.cpu_ms_per_1000()).collect());
    let mut ratios = Vec::new();
    for input in ["texts", "presses"] {
        let pick = |r: &SteadyResults| {
            if input == "texts" {
                r.texts.clone()
            } else {
                r.presses.clone()
            }
        };
        let echo_cpu = cpu(&pick(echo));
        for (which, r) in [(Which::Kinerja, kb), (Which::Echo, echo)] {
            let samples = pick(r);
            let c = cpu(&samples);
            let ratio = c / echo_cpu;
            if which == Which::Kinerja {
                ratios.push((input, ratio));
            }
            println!(
                "{:<16} {:<8} {:>8} {:>10.0} {:>10.1} {:>7.2}x {:>8.2} {:>8.2}",
                which.name(),
                input,
                samples[0].cost.updates,
                rate,
                c,
                ratio,
                median(samples.iter().map(|s| s.latency_ms(50.0)).collect()),
                median(samples.iter().map(|s| s.latency_ms(99.0)).collect())
            );
        }
    }
    let verdicts: Vec<String> = ratios
        .iter()
        .map(|(input, r)| {
            let v = if *r <= 2.0 { "met" } else { "NOT met" };
            format!("{input} {r:.2}x ({v})")
        })
        .collect();
    println!(
        "goal at {rate}/s offered, kinerja-bot's CPU per update at most 2x the bare bot's: {}",
        verdicts.join(", ")
    );
}

#[tokio::main]
async fn main() {
    // `cargo bench` passes --bench; this harness takes no arguments.
    let users = env_usize("KB_BENCH_USERS", 1000);
    let rounds = env_usize("KB_BENCH_ROUNDS", 5).max(1);
    let repeat = env_usize("KB_BENCH_REPEAT", 3).max(1);
    let links = env_usize("KB_BENCH_LINKS", 300);
    let burst = env_usize("KB_BENCH_BURST", 1) > 0;
    let steady = env_usize("KB_BENCH_STEADY", 1) > 0;
    let rate = env_usize("KB_BENCH_STEADY_RATE", 500).max(1) as f64;
    let steady_repeat = env_usize("KB_BENCH_STEADY_REPEAT", 3).max(1);
    println!(
        "update benchmark on {} cores: {users} people, {rounds} rounds; burst: medians of \
         {repeat}; steady: {rate} updates/s offered, medians of {steady_repeat}",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    if users > 0 && (burst || steady) {
        let echo_exe = echo_binary();
        if burst {
            let kb = run_bot(Which::Kinerja, &echo_exe, users, rounds, repeat).await;
            let echo = run_bot(Which::Echo, &echo_exe, users, rounds, repeat).await;
            print_table(&kb, &echo);
            if env_usize("KB_BENCH_DIALOG", 1) > 0 {
                let dialog = dialog_presses(users, rounds, repeat).await;
                print_dialog_table(&dialog, &echo);
            }
            if env_usize("KB_BENCH_FEEDBACK", 1) > 0 {
                let people = env_usize("KB_BENCH_ORG", 100_000);
                let figures = feedback::round_and_taps(people, users, repeat).await;
                feedback::print(&figures, &echo);
            }
        }
        if steady {
            let (n, r) = (users, steady_repeat);
            let kb = run_steady(Which::Kinerja, &echo_exe, n, rounds, r, rate).await;
            let echo = run_steady(Which::Echo, &echo_exe, n, rounds, r, rate).await;
            print_steady_table(&kb, &echo, rate);
        }
    }
    if links > 0 {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("links.db").display());
        linking("SQLite", &url, links).await;
        match std::env::var("KB_TEST_PG_URL") {
            Ok(admin) => linking_postgres(&admin, links).await,
            Err(_) => println!("\nlinking on PostgreSQL skipped: KB_TEST_PG_URL is not set"),
        }
    }
}
