//! Outbox benchmark: a broadcast delivered by the real `kinerja-bot` process to the fake Bot API,
//! which enforces Telegram's limits (a 429 for anything over them). Two runs:
//! - 3,000 recipients at the default 30 messages/s (about 100 s);
//! - 100,000 recipients (the generated organisation) at 1,000/s, as with paid broadcasts.
//!
//! Each reports the achieved rate as a fraction of the limit (overall, and between the 10% and
//! 90% marks), the 429s received, the bot's peak resident memory (VmHWM) next to its memory when
//! idle, and the CPU time of the bot and of the fake, to show where the time goes.
//!
//! Run: `cargo bench --bench outbox`. KB_BENCH_SMALL / KB_BENCH_LARGE change the audiences
//! (0 skips a run), KB_BENCH_DB_CONNECTIONS the bot's pool (8); the database is a fresh SQLite
//! file.

#[path = "../tests/it/support/fake_telegram.rs"]
#[allow(dead_code)]
mod fake_telegram;

#[path = "support/mod.rs"]
#[allow(dead_code)]
mod support;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fake_telegram::{FakeTelegram, TOKEN};
use kinerja_bot::config::FileConfig;
use kinerja_bot::domain::Audience;
use kinerja_bot::storage::{self, Db, broadcasts};
use support::{cpu_time, env_usize};

/// A fresh SQLite database with `people` employees, all linked.
async fn prepare(dir: &std::path::Path, people: usize) -> String {
    let url = format!("sqlite://{}", dir.join("bench.db").display());
    let db = storage::connect(&url, &FileConfig::default())
        .await
        .unwrap();
    storage::migrate::run(&db).await.unwrap();
    let csv = kinerja_bot::sample::organisation_csv(people, (people / 50).max(1));
    kinerja_bot::import::import(&db, csv.as_bytes(), false, chrono::Utc::now(), &|_| {})
        .await
        .unwrap();
    link_all(&db).await;
    db.close().await;
    url
}

/// Queues one broadcast to everyone, as HR confirming it would.
async fn queue_broadcast(url: &str, people: usize) {
    let db = storage::connect(url, &FileConfig::default()).await.unwrap();
    let resolved = storage::audience::resolve(&db, Audience::Everyone, None)
        .await
        .unwrap()
        .unwrap();
    let new = broadcasts::NewBroadcast {
        created_by: None,
        audience: Audience::Everyone,
        scope_unit_id: None,
        resolved: &resolved,
        html: "<b>Pengumuman</b>: batas penyusunan SKP 2027 adalah 31 Januari 2027.",
        report_chat: None,
        report_lang: kinerja_bot::domain::Lang::Id,
    };
    let (_, rows) = broadcasts::create(&db, &new, chrono::Utc::now().timestamp())
        .await
        .unwrap();
    assert_eq!(rows as usize, people);
    db.close().await;
}

/// Every employee linked to a Telegram account whose id is their NIP's number.
async fn link_all(db: &Db) {
    sqlx::query("UPDATE employees SET telegram_user_id = CAST(nip AS INTEGER)")
        .execute(db.pool())
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO telegram_users (user_id, chat_id, language, first_seen, last_seen) \
         SELECT telegram_user_id, telegram_user_id, 'id', 0, 0 FROM employees",
    )
    .execute(db.pool())
    .await
    .unwrap();
}

fn proc_status_kb(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn start_bot(fake: &FakeTelegram, url: &str, dir: &std::path::Path, rate: u32) -> Child {
    let config = dir.join("bench.toml");
    std::fs::write(
        &config,
        format!(
            "[rate_limits]\nmessages_per_second = {rate}\n[outbox]\nmax_in_flight = {}\n\
             [database]\nmax_connections = {}\n",
            (rate / 10).clamp(8, 128),
            env_usize("KB_BENCH_DB_CONNECTIONS", 8)
        ),
    )
    .unwrap();
    Command::new(env!("CARGO_BIN_EXE_kinerja-bot"))
        .arg("run")
        .env_clear()
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", fake.url())
        .env("DATABASE_URL", url)
        .env("KINERJA_CONFIG", &config)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the kinerja-bot binary")
}

async fn run(people: usize, rate: u32) {
    let dir = tempfile::tempdir().unwrap();
    let prep = Instant::now();
    let url = prepare(dir.path(), people).await;
    println!(
        "\n{people} recipients at {rate}/s (setup {:.1} s)",
        prep.elapsed().as_secs_f64()
    );
    // The fake starts accepting only now, so the bot's idle memory is measured before sending.
    let fake = FakeTelegram::start().await;
    fake.lean();
    fake.enforce_limits(rate, 1.0);
    let fake_cpu_before = cpu_time("self");
    let mut bot = start_bot(&fake, &url, dir.path(), rate);
    let pid = bot.id();
    // Connected, polling, nothing to send: the baseline.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let idle_kb = proc_status_kb(pid, "VmRSS:");
    queue_broadcast(&url, people).await;
    let started = Instant::now();
    let (mut first, mut p10, mut p90) = (None, None, None);
    loop {
        let n = fake.total_deliveries();
        let now = Instant::now();
        if n >= 1 && first.is_none() {
            first = Some(now);
        }
        if n >= people / 10 && p10.is_none() {
            p10 = Some((now, n));
        }
        if n >= people * 9 / 10 && p90.is_none() {
            p90 = Some((now, n));
        }
        if n >= people {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(people as u64 / rate as u64 * 3 + 120),
            "stalled at {n}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let done = Instant::now();
    let peak_kb = proc_status_kb(pid, "VmHWM:");
    let bot_cpu = cpu_time(pid);
    let fake_cpu = cpu_time("self").saturating_sub(fake_cpu_before);
    let _ = bot.kill();
    let _ = bot.wait();
    let first = first.unwrap_or(started);
    let wall = done.duration_since(first).as_secs_f64();
    let overall = people as f64 / wall;
    let steady = match (p10, p90) {
        (Some((t1, n1)), Some((t2, n2))) if t2 > t1 => (n2 - n1) as f64 / (t2 - t1).as_secs_f64(),
        _ => overall,
    };
    println!(
        "  delivered {people} in {wall:.1} s: {overall:.1}/s overall = {:.3} of the limit; \
         {steady:.1}/s between 10% and 90% = {:.3}",
        overall / f64::from(rate),
        steady / f64::from(rate)
    );
    println!("  429 responses: {}", fake.responses_429());
    let twice = fake.delivery_counts().values().filter(|n| **n > 1).count();
    println!("  chats that got it twice: {twice}");
    println!(
        "  bot memory: {:.1} MB idle before the broadcast, {:.1} MB peak (VmHWM)",
        idle_kb as f64 / 1024.0,
        peak_kb as f64 / 1024.0
    );
    println!(
        "  CPU: bot {:.1} s ({:.0}% of one core), fake Bot API + bench {:.1} s, over {:.1} s",
        bot_cpu.as_secs_f64(),
        100.0 * bot_cpu.as_secs_f64() / done.duration_since(started).as_secs_f64(),
        fake_cpu.as_secs_f64(),
        done.duration_since(started).as_secs_f64()
    );
}

#[tokio::main]
async fn main() {
    // `cargo bench` passes --bench; this harness takes no arguments.
    let small = env_usize("KB_BENCH_SMALL", 3_000);
    let large = env_usize("KB_BENCH_LARGE", 100_000);
    println!(
        "outbox benchmark on {} cores",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    if small > 0 {
        run(small, 30).await;
    }
    // The same rate with a tenth of the audience: what the peak owes to the audience's size.
    if large >= 10 {
        run(large / 10, 1000).await;
    }
    if large > 0 {
        run(large, 1000).await;
    }
}
