//! Dialog reminder benchmark: the time to work out and queue a month's first reminder for a
//! generated organisation (`kinerja_bot::sample`) of 10,000 and of 100,000 employees, one
//! `scheduler::dialogs::run_due` at the reminder's time, and the process's memory while it runs.
//! A third of the employees had their dialog this month and another third last month (which
//! does not count); half have linked an account, so rows go out as `pending` and `unlinked`.
//!
//! Run: `cargo bench --bench dialog_reminders` (SQLite; also PostgreSQL when KB_BENCH_PG_URL or
//! KB_TEST_PG_URL names a server where this user may CREATE DATABASE). KB_BENCH_SIZES (default
//! `10000,100000`) and KB_BENCH_RUNS (default 3) change the sizes and the runs per size.
//!
//! Memory: before each timed run the kernel's peak-RSS mark is reset (`/proc/self/clear_refs`),
//! so the peak read after it (`VmHWM`) is the run's own, not the import's.

#[path = "support/mod.rs"]
#[allow(dead_code)]
mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use kinerja_bot::app::App;
use kinerja_bot::clock::ManualClock;
use kinerja_bot::config::{Environment, Settings};
use kinerja_bot::scheduler::dialogs::run_due;
use kinerja_bot::storage::{self, Db};
use sqlx::Connection;
use support::env_usize;

const TOKEN: &str = "7000000001:AAF7-g0gYncWnm5IyfZlpPRqRRv6kNAGlao";

fn sizes() -> Vec<usize> {
    std::env::var("KB_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .filter(|v: &Vec<usize>| !v.is_empty())
        .unwrap_or_else(|| vec![10_000, 100_000])
}

/// 09:00 WIB on Friday 1 January 2027: the month's first reminder.
fn reminder_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 1, 1, 2, 0, 0).unwrap()
}

/// A line of /proc/self/status in kB.
fn status_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Resets VmHWM to the current RSS; false where the kernel does not allow it.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn mb(kb: u64) -> String {
    format!("{:.0} MB", kb as f64 / 1024.0)
}

async fn pg_database(admin: &str, name: &str) -> Option<String> {
    let mut conn = sqlx::PgConnection::connect(admin).await.ok()?;
    let drop = format!("DROP DATABASE IF EXISTS {name}");
    sqlx::query(sqlx::AssertSqlSafe(drop))
        .execute(&mut conn)
        .await
        .ok()?;
    let create = format!("CREATE DATABASE {name}");
    sqlx::query(sqlx::AssertSqlSafe(create))
        .execute(&mut conn)
        .await
        .ok()?;
    let mut url = url::Url::parse(admin).ok()?;
    url.set_path(name);
    Some(url.to_string())
}

async fn drop_pg_database(admin: &str, name: &str) {
    if let Ok(mut conn) = sqlx::PgConnection::connect(admin).await {
        let drop = format!("DROP DATABASE IF EXISTS {name}");
        let _ = sqlx::query(sqlx::AssertSqlSafe(drop))
            .execute(&mut conn)
            .await;
    }
}

/// Dialogs for a third of the employees this month and another third last month; accounts for
/// half of them. One statement each, the same on both backends.
async fn seed(db: &Db) {
    for sql in [
        "INSERT INTO dialogs (save_key, supervisor_nip, employee_nip, kind, mode, held_on, \
             points, ack, created_at, updated_at) \
         SELECT 'bench-' || nip, supervisor_nip, nip, 'umpan-balik', 'tatap-muka', \
             CASE WHEN ref % 3 = 0 THEN '2027-01-01' ELSE '2026-12-15' END, '{}', 'confirmed', 0, 0 \
         FROM employees WHERE supervisor_nip IS NOT NULL AND ref % 3 <> 2",
        "INSERT INTO telegram_users (user_id, chat_id, language, first_seen, last_seen) \
         SELECT ref + 1000000, ref + 1000000, 'id', 0, 0 FROM employees WHERE ref % 2 = 0",
        "UPDATE employees SET telegram_user_id = ref + 1000000 WHERE ref % 2 = 0",
    ] {
        sqlx::query(sql).execute(db.pool()).await.expect("seed");
    }
}

/// Forgets the reminders queued, so the next run does the whole month again.
async fn reset(db: &Db) {
    for sql in [
        "DELETE FROM dialog_reminders",
        "DELETE FROM dialog_reminder_slots",
        "DELETE FROM outbox",
        "DELETE FROM outbox_payloads",
    ] {
        sqlx::query(sql).execute(db.pool()).await.expect("reset");
    }
}

struct Row {
    backend: &'static str,
    employees: usize,
    supervisors: i64,
    messages: usize,
    median: Duration,
    rss_before_kb: u64,
    peak_kb: u64,
}

async fn measure(backend: &'static str, url: &str, employees: usize, runs: usize) -> Row {
    let env = Environment {
        token: Some(TOKEN.into()),
        api_url: Some("http://127.0.0.1:9".into()),
        database_url: Some(url.to_owned()),
        config_path: None,
    };
    let settings = Settings::load(&env, None).expect("settings");
    let at = reminder_time();
    let app = App::build(settings, Arc::new(ManualClock::new(at)))
        .await
        .expect("app");
    let units = (employees / 50).max(1);
    let csv = kinerja_bot::sample::organisation_csv(employees, units);
    let outcome = kinerja_bot::import::import(&app.db, csv.as_bytes(), false, Utc::now(), &|_| {})
        .await
        .expect("import");
    assert_eq!(outcome.added, employees);
    drop(csv);
    seed(&app.db).await;
    let supervisors: i64 = sqlx::query_scalar(
        "SELECT COUNT(DISTINCT supervisor_nip) FROM employees WHERE supervisor_nip IS NOT NULL",
    )
    .fetch_one(app.db.pool())
    .await
    .expect("count");
    let deps = app.deps();
    let (mut times, mut peaks, mut before, mut messages) = (Vec::new(), Vec::new(), 0, 0);
    for _ in 0..runs {
        reset(&app.db).await;
        before = status_kb("VmRSS:");
        let reset_ok = reset_peak();
        let started = Instant::now();
        let pass = run_due(&deps, at).await.expect("run_due");
        times.push(started.elapsed());
        peaks.push(if reset_ok { status_kb("VmHWM:") } else { 0 });
        messages = pass.reminders;
    }
    app.db.close().await;
    times.sort();
    peaks.sort();
    Row {
        backend,
        employees,
        supervisors,
        messages,
        median: times[times.len() / 2],
        rss_before_kb: before,
        peak_kb: peaks[peaks.len() - 1],
    }
}

fn print(rows: &[Row]) {
    println!(
        "{:<11} {:>9} {:>11} {:>9} {:>11} {:>11} {:>11} {:>13}",
        "backend",
        "employees",
        "supervisors",
        "messages",
        "median",
        "per message",
        "RSS before",
        "peak in run"
    );
    for r in rows {
        println!(
            "{:<11} {:>9} {:>11} {:>9} {:>9.3} s {:>8.1} µs {:>11} {:>13}",
            r.backend,
            r.employees,
            r.supervisors,
            r.messages,
            r.median.as_secs_f64(),
            r.median.as_secs_f64() * 1e6 / r.messages.max(1) as f64,
            mb(r.rss_before_kb),
            if r.peak_kb > 0 {
                mb(r.peak_kb)
            } else {
                "n/a".into()
            },
        );
    }
    for backend in ["SQLite", "PostgreSQL"] {
        let of = |n: usize| {
            rows.iter()
                .find(|r| r.backend == backend && r.employees == n)
        };
        if let (Some(small), Some(large)) = (of(10_000), of(100_000)) {
            println!(
                "{backend}: 100k/10k time ratio {:.2} (at most 10 is linear or better); peak RSS \
                 in run {} at 10k, {} at 100k",
                large.median.as_secs_f64() / small.median.as_secs_f64(),
                mb(small.peak_kb),
                mb(large.peak_kb)
            );
        }
    }
}

#[tokio::main]
async fn main() {
    sqlx::any::install_default_drivers();
    let runs = env_usize("KB_BENCH_RUNS", 3).max(1);
    let sizes = sizes();
    println!(
        "dialog reminder benchmark: one run_due at the month's first reminder, median of {runs} \
         runs per size"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let mut rows = Vec::new();
    for &n in &sizes {
        let url = format!(
            "sqlite://{}",
            dir.path().join(format!("kb-{n}.db")).display()
        );
        rows.push(measure("SQLite", &url, n, runs).await);
    }
    let admin = std::env::var("KB_BENCH_PG_URL").or_else(|_| std::env::var("KB_TEST_PG_URL"));
    match admin {
        Ok(admin) => {
            for &n in &sizes {
                let name = format!("kb_bench_reminders_{}_{n}", std::process::id());
                let Some(url) = pg_database(&admin, &name).await else {
                    let admin = storage::redact_url(&admin);
                    println!("PostgreSQL at {admin} not reachable: skipped");
                    break;
                };
                rows.push(measure("PostgreSQL", &url, n, runs).await);
                drop_pg_database(&admin, &name).await;
            }
        }
        Err(_) => println!("PostgreSQL: set KB_BENCH_PG_URL or KB_TEST_PG_URL to include it"),
    }
    print(&rows);
}
