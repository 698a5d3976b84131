//! Organisation import benchmark: 100,000 employees in 2,000 units (`kinerja_bot::sample`),
//! imported into a fresh SQLite file and a fresh PostgreSQL database, then imported again
//! unchanged; next to `sqlite3`'s own `.import` of the same rows into a bare table, and into a table
//! keyed and indexed like the bot's (what SQLite alone spends on the indexes).
//!
//! Run: `cargo bench --bench import` (PostgreSQL from KB_BENCH_PG_URL, else KB_TEST_PG_URL, else
//! postgres://postgres@127.0.0.1:5432/postgres; skipped if none answers). Sizes can be set with
//! KB_BENCH_EMPLOYEES, KB_BENCH_UNITS and KB_BENCH_RUNS.

#[path = "support/mod.rs"]
#[allow(dead_code)]
mod support;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use kinerja_bot::config::FileConfig;
use kinerja_bot::import;
use kinerja_bot::storage::{self, Db};
use sqlx::Connection;
use support::env_usize;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

/// sqlite3's own `.import` of the CSV (`;`-separated, seven columns): into a bare table, or (`indexed`) into a table keyed and indexed as
/// the bot's `employees` is (NIP primary key, indexes on supervisor and unit), which shows what
/// SQLite itself spends on the indexes, before any reading or checking.
fn raw_sqlite_import(
    csv_path: &std::path::Path,
    dir: &std::path::Path,
    run: usize,
    indexed: bool,
) -> Duration {
    let db = dir.join(format!("raw-{run}-{indexed}.db"));
    let schema = if indexed {
        "PRAGMA journal_mode = WAL;\nPRAGMA synchronous = NORMAL;\n\
         CREATE TABLE employees (nip TEXT PRIMARY KEY, nama TEXT, jabatan TEXT, unit TEXT, \
         nip_atasan TEXT, peran TEXT, bahasa TEXT);\n\
         CREATE INDEX employees_supervisor ON employees (nip_atasan);\n\
         CREATE INDEX employees_unit ON employees (unit);\n"
    } else {
        ""
    };
    let skip = if indexed { "--skip 1 " } else { "" };
    let script = format!(
        "{schema}.mode csv\n.separator ;\n.import {skip}{} employees\n",
        csv_path.display()
    );
    let started = Instant::now();
    let mut child = Command::new("sqlite3")
        .arg(&db)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("sqlite3 is needed for the baseline: apt-get install sqlite3");
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());
    started.elapsed()
}

/// Times an import; with KB_BENCH_PHASES set, prints how long each phase took.
async fn timed_import(db: &Db, bytes: &[u8]) -> (Duration, import::ImportOutcome) {
    let started = Instant::now();
    let marks = std::sync::Mutex::new(Vec::new());
    let outcome = import::import(db, bytes, false, chrono::Utc::now(), &|p| {
        marks
            .lock()
            .unwrap()
            .push((format!("{p:?}"), started.elapsed()));
    })
    .await
    .expect("import failed");
    let total = started.elapsed();
    if std::env::var("KB_BENCH_PHASES").is_ok() {
        let marks = marks.into_inner().unwrap();
        for (i, (name, at)) in marks.iter().enumerate() {
            let end = marks.get(i + 1).map(|(_, t)| *t).unwrap_or(total);
            println!("    {name:<30} {:.3} s", (end - *at).as_secs_f64());
        }
    }
    (total, outcome)
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

#[tokio::main]
async fn main() {
    sqlx::any::install_default_drivers();
    let employees = env_usize("KB_BENCH_EMPLOYEES", 100_000);
    let units = env_usize("KB_BENCH_UNITS", 2_000);
    let runs = env_usize("KB_BENCH_RUNS", 3);
    let dir = tempfile::tempdir().unwrap();
    let csv = kinerja_bot::sample::organisation_csv(employees, units);
    let csv_path = dir.path().join("pegawai.csv");
    std::fs::write(&csv_path, &csv).unwrap();
    println!(
        "import benchmark: {employees} employees, {units} units, {} MB CSV, median of {runs} runs",
        csv.len() / 1_000_000
    );

    let raw: Vec<Duration> = (0..runs)
        .map(|r| raw_sqlite_import(&csv_path, dir.path(), r, false))
        .collect();
    let raw = median(raw);
    println!("sqlite3 .import (bare table)      {}", secs(raw));
    let indexed: Vec<Duration> = (0..runs)
        .map(|r| raw_sqlite_import(&csv_path, dir.path(), r, true))
        .collect();
    let indexed = median(indexed);
    println!(
        "sqlite3 .import (keyed, indexed)  {}  ({:.2}x the bare table)",
        secs(indexed),
        indexed.as_secs_f64() / raw.as_secs_f64()
    );

    let mut sqlite_urls = Vec::new();
    for r in 0..runs {
        let path = dir.path().join(format!("kb-{r}.db"));
        sqlite_urls.push(format!("sqlite://{}", path.display()));
    }
    report(
        "SQLite",
        &measure(&sqlite_urls, csv.as_bytes(), employees).await,
        raw,
    );

    let admin = std::env::var("KB_BENCH_PG_URL")
        .or_else(|_| std::env::var("KB_TEST_PG_URL"))
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let mut pg_urls = Vec::new();
    for r in 0..runs {
        let name = format!("kb_bench_{}_{r}", std::process::id());
        let Some(url) = pg_database(&admin, &name).await else {
            let admin = storage::redact_url(&admin);
            println!("PostgreSQL at {admin} not reachable: skipped");
            return;
        };
        pg_urls.push(url);
    }
    report(
        "PostgreSQL",
        &measure(&pg_urls, csv.as_bytes(), employees).await,
        raw,
    );
}

/// Imports into each fresh database, then again unchanged; medians of (first, again).
async fn measure(urls: &[String], csv: &[u8], employees: usize) -> (Duration, Duration) {
    let cfg = FileConfig::default();
    let (mut first, mut again) = (Vec::new(), Vec::new());
    for url in urls {
        let db = storage::connect(url, &cfg).await.unwrap();
        storage::migrate::run(&db).await.unwrap();
        let (t1, o1) = timed_import(&db, csv).await;
        assert_eq!(o1.added, employees);
        let (t2, o2) = timed_import(&db, csv).await;
        assert_eq!(o2.unchanged, employees);
        first.push(t1);
        again.push(t2);
        db.close().await;
    }
    (median(first), median(again))
}

fn report(backend: &str, (first, again): &(Duration, Duration), raw: Duration) {
    println!(
        "kinerja-bot import, {backend:<10}    {}  ({:.2}x the raw sqlite3 import)",
        secs(*first),
        first.as_secs_f64() / raw.as_secs_f64()
    );
    println!(
        "kinerja-bot re-import, {backend:<10} {}  ({:.2}x the first import)",
        secs(*again),
        again.as_secs_f64() / first.as_secs_f64()
    );
}
