//! Period export benchmark: a generated organisation (`kinerja_bot::sample`, KB_BENCH_ORG
//! employees, default 100,000, in units of 50) with a year of monthly dialogs, a full 360 round
//! over everyone (supervisor, up to five peers and five subordinates each, seven values per
//! rating) and an evaluation for everyone with a supervisor, on SQLite and on PostgreSQL. Then
//! `kinerja-bot export period --period 2025` (the release binary, as HR would run it) as CSV and as
//! XLSX, full layout: the median time of KB_BENCH_RUNS runs (default 3), and the process's peak
//! memory (VmHWM from /proc, polled until it exits), with the XLSX/CSV time ratio.
//!
//! Run: `cargo bench --bench export`. KB_BENCH_ORG takes a list (`10000,100000`) to show how
//! memory grows with the organisation. PostgreSQL from KB_BENCH_PG_URL, else
//! postgres://postgres@127.0.0.1:5432/postgres (a throwaway database is created and dropped);
//! skipped if it does not answer. KB_BENCH_DIR keeps the SQLite databases in that folder.
//!
//! The data goes in as a few multi-row INSERT … SELECT statements. The 360 answers skip the
//! per-tap trigger (dropped in the throwaway database) and the assignments are then marked
//! complete in one UPDATE, as the trigger would have: 4 million taps one by one would take longer
//! than the export being measured.

#[path = "support/mod.rs"]
#[allow(dead_code)]
mod support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use kinerja_bot::config::FileConfig;
use kinerja_bot::domain::period::Period;
use kinerja_bot::storage::{self, Backend, Db};
use sqlx::Connection;
use support::env_usize;

fn sizes() -> Vec<usize> {
    std::env::var("KB_BENCH_ORG")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .filter(|v: &Vec<usize>| !v.is_empty())
        .unwrap_or_else(|| vec![100_000])
}

fn secs(t: Instant) -> f64 {
    t.elapsed().as_secs_f64()
}

async fn exec(db: &Db, sql: &str) -> u64 {
    sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
        .execute(db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}: {sql}"))
        .rows_affected()
}

const VALUES: [&str; 7] = [
    "berorientasi-pelayanan",
    "akuntabel",
    "kompeten",
    "harmonis",
    "loyal",
    "adaptif",
    "kolaboratif",
];

/// What the organisation holds once seeded.
struct Seeded {
    dialogs: u64,
    assignments: u64,
    answers: u64,
    evaluations: u64,
    import_s: f64,
    seed_s: f64,
}

async fn seed(db: &Db, employees: usize) -> Seeded {
    let t = Instant::now();
    let csv = kinerja_bot::sample::organisation_csv(employees, (employees / 50).max(1));
    let outcome =
        kinerja_bot::import::import(db, csv.as_bytes(), false, chrono::Utc::now(), &|_| {})
            .await
            .expect("import");
    assert_eq!(outcome.added, employees);
    let import_s = secs(t);

    let t = Instant::now();
    let year = Period::parse("2025").unwrap();
    storage::periods::define(db, year, "bench", 0)
        .await
        .expect("period");
    // A dialog a month with everyone who has a supervisor, acknowledged in every way.
    let mut dialogs = 0;
    for m in 1..=12 {
        dialogs += exec(
            db,
            &format!(
                "INSERT INTO dialogs (save_key, supervisor_nip, employee_nip, kind, mode, held_on, \
                     points, ack, created_at, updated_at) \
                 SELECT 'b{m}-' || nip, supervisor_nip, nip, 'umpan-balik', 'tatap-muka', \
                     '2025-{m:02}-15', '{{}}', \
                     CASE (ref + {m}) % 4 WHEN 0 THEN 'confirmed' WHEN 1 THEN 'commented' \
                         WHEN 2 THEN 'pending' ELSE 'unacknowledged' END, 0, 0 \
                 FROM employees WHERE supervisor_nip IS NOT NULL"
            ),
        )
        .await;
    }
    // One round over everyone for the year, closed a year ago.
    exec(
        db,
        "INSERT INTO feedback_rounds (unit_path, period, opens_on, closes_on, seed, max_peers, \
             max_subordinates, include_self, created_by, create_key, created_at, ready_at) \
         VALUES (NULL, '2025', '2025-11-01', '2025-11-30', 1, 5, 5, 0, 'bench', 'bench', 0, 0)",
    )
    .await;
    let round: i64 = sqlx::query_scalar("SELECT MAX(id) FROM feedback_rounds")
        .fetch_one(db.pool())
        .await
        .unwrap();
    // Each team numbered within its supervisor, so peers are the next five members round the
    // team and subordinates the supervisor's first five: a plain join, no sampling.
    exec(
        db,
        "CREATE TABLE bench_members AS SELECT nip, supervisor_nip, unit_id, \
             ROW_NUMBER() OVER (PARTITION BY supervisor_nip ORDER BY nip) AS k, \
             COUNT(*) OVER (PARTITION BY supervisor_nip) AS n \
         FROM employees WHERE supervisor_nip IS NOT NULL",
    )
    .await;
    exec(
        db,
        "CREATE INDEX bench_members_k ON bench_members (supervisor_nip, k)",
    )
    .await;
    let insert = "INSERT INTO feedback_assignments (round_id, ratee_nip, rater_nip, grp, \
                  ratee_unit_id)";
    let mut assignments = exec(
        db,
        &format!(
            "{insert} SELECT {round}, nip, supervisor_nip, 'supervisor', unit_id FROM bench_members"
        ),
    )
    .await;
    assignments += exec(
        db,
        &format!(
            "{insert} SELECT {round}, m.nip, p.nip, 'peer', m.unit_id FROM bench_members m \
             CROSS JOIN (VALUES (1), (2), (3), (4), (5)) j \
             JOIN bench_members p ON p.supervisor_nip = m.supervisor_nip \
                 AND p.k = (m.k - 1 + j.column1) % m.n + 1 \
             WHERE j.column1 < m.n"
        ),
    )
    .await;
    assignments += exec(
        db,
        &format!(
            "{insert} SELECT {round}, s.nip, m.nip, 'subordinate', s.unit_id FROM bench_members m \
             JOIN employees s ON s.nip = m.supervisor_nip WHERE m.k <= 5"
        ),
    )
    .await;
    exec(db, "DROP TABLE bench_members").await;
    let drop_trigger = match db.backend() {
        Backend::Sqlite => "DROP TRIGGER feedback_answers_counted",
        Backend::Postgres => "DROP TRIGGER feedback_answers_counted ON feedback_answers",
    };
    exec(db, drop_trigger).await;
    let values = VALUES
        .iter()
        .enumerate()
        .map(|(i, v)| format!("({i}, '{v}')"))
        .collect::<Vec<_>>()
        .join(", ");
    // One rating in twenty stops after three values: incomplete, counted nowhere.
    let answers = exec(
        db,
        &format!(
            "INSERT INTO feedback_answers (assignment_id, value, rating, answered_at) \
             SELECT a.id, v.column2, CASE (a.id + v.column1) % 3 WHEN 0 THEN 'di-bawah' \
                 WHEN 1 THEN 'sesuai' ELSE 'di-atas' END, 0 \
             FROM feedback_assignments a CROSS JOIN (VALUES {values}) v \
             WHERE a.round_id = {round} AND (a.id % 20 <> 0 OR v.column1 < 3)"
        ),
    )
    .await;
    exec(
        db,
        &format!(
            "UPDATE feedback_assignments SET answered = CASE WHEN id % 20 = 0 THEN 3 ELSE 7 END, \
                 completed_at = CASE WHEN id % 20 = 0 THEN NULL ELSE 0 END \
             WHERE round_id = {round}"
        ),
    )
    .await;
    let evaluations = exec(
        db,
        "INSERT INTO evaluations (period, employee_nip, unit_id, rated_by, hasil, perilaku, \
             predikat, evidence, rated_at) \
         SELECT '2025', nip, unit_id, supervisor_nip, \
             CASE WHEN ref % 10 = 0 THEN 'di-atas' ELSE 'sesuai' END, \
             CASE WHEN ref % 10 = 0 THEN 'di-atas' ELSE 'sesuai' END, \
             CASE WHEN ref % 10 = 0 THEN 'sangat-baik' ELSE 'baik' END, '{}', 1766000000 \
         FROM employees WHERE supervisor_nip IS NOT NULL",
    )
    .await;
    if db.backend() == Backend::Postgres {
        exec(db, "ANALYZE").await;
    }
    Seeded {
        dialogs,
        assignments,
        answers,
        evaluations,
        import_s,
        seed_s: secs(t),
    }
}

/// One export run: wall time, peak RSS in kB, file size.
fn export_once(url: &str, format: &str, out: &Path) -> (Duration, u64, u64) {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kinerja-bot"))
        .args(["export", "period", "--period", "2025", "--format", format])
        .arg("--out")
        .arg(out)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", url)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kinerja-bot");
    let status = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    let code = loop {
        // VmHWM only grows; the last reading before the exit is the peak, give or take the
        // last millisecond.
        if let Some(kb) = std::fs::read_to_string(&status).ok().and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        }) {
            peak = peak.max(kb);
        }
        if let Some(code) = child.try_wait().unwrap() {
            break code;
        }
        std::thread::sleep(Duration::from_millis(1));
    };
    let elapsed = started.elapsed();
    let mut err = String::new();
    use std::io::Read;
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(code.success(), "export failed: {err}");
    let size = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    (elapsed, peak, size)
}

struct Figures {
    backend: &'static str,
    employees: usize,
    seeded: Seeded,
    /// (format, median time, peak kB, file bytes)
    runs: Vec<(&'static str, Duration, u64, u64)>,
}

async fn measure(backend: &'static str, url: &str, employees: usize, runs: usize) -> Figures {
    let db = storage::connect(url, &FileConfig::default())
        .await
        .expect("connect");
    storage::migrate::run(&db).await.expect("migrate");
    let seeded = seed(&db, employees).await;
    db.close().await;
    let dir = tempfile::tempdir().unwrap();
    let mut out = Vec::new();
    for format in ["csv", "xlsx"] {
        let file = dir.path().join(format!("period.{format}"));
        let mut times = Vec::new();
        let mut peaks = Vec::new();
        let mut size = 0;
        for _ in 0..runs {
            let (t, p, s) = export_once(url, format, &file);
            times.push(t);
            peaks.push(p);
            size = s;
        }
        times.sort();
        peaks.sort();
        out.push((format, times[times.len() / 2], peaks[peaks.len() - 1], size));
    }
    Figures {
        backend,
        employees,
        seeded,
        runs: out,
    }
}

async fn pg_database(admin: &str, name: &str) -> Option<String> {
    let mut conn = sqlx::PgConnection::connect(admin).await.ok()?;
    for sql in [
        format!("DROP DATABASE IF EXISTS {name}"),
        format!("CREATE DATABASE {name}"),
    ] {
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&mut conn)
            .await
            .ok()?;
    }
    let mut url = url::Url::parse(admin).ok()?;
    url.set_path(name);
    Some(url.to_string())
}

async fn drop_pg_database(admin: &str, name: &str) {
    if let Ok(mut conn) = sqlx::PgConnection::connect(admin).await {
        let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        let _ = sqlx::query(sqlx::AssertSqlSafe(drop))
            .execute(&mut conn)
            .await;
    }
}

fn print(f: &Figures) {
    let s = &f.seeded;
    println!(
        "{} {} employees: import {:.1} s; seeded {} dialogs, {} 360 assignments, {} answers, \
         {} evaluations in {:.1} s",
        f.backend,
        f.employees,
        s.import_s,
        s.dialogs,
        s.assignments,
        s.answers,
        s.evaluations,
        s.seed_s
    );
    for (format, median, peak, size) in &f.runs {
        println!(
            "  {format:<4}  median {:>7.2} s  peak RSS {:>6.1} MB  file {:>6.1} MB  {:>6.1} µs/row",
            median.as_secs_f64(),
            *peak as f64 / 1024.0,
            *size as f64 / 1_048_576.0,
            median.as_secs_f64() * 1e6 / f.employees as f64
        );
    }
    if let [(_, csv, ..), (_, xlsx, ..)] = f.runs.as_slice() {
        println!(
            "  XLSX/CSV time ratio {:.2} (goal: at most 3)",
            xlsx.as_secs_f64() / csv.as_secs_f64()
        );
    }
}

#[tokio::main]
async fn main() {
    sqlx::any::install_default_drivers();
    let runs = env_usize("KB_BENCH_RUNS", 3).max(1);
    println!(
        "period export benchmark: kinerja-bot export period --period 2025 (full layout), median of \
         {runs} runs, peak RSS of the process"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    // KB_BENCH_DIR keeps the SQLite files there, to look into afterwards.
    let keep = std::env::var("KB_BENCH_DIR")
        .ok()
        .map(std::path::PathBuf::from);
    for n in sizes() {
        let file = keep
            .as_deref()
            .unwrap_or(dir.path())
            .join(format!("kb-{n}.db"));
        let _ = std::fs::remove_file(&file);
        let url = format!("sqlite://{}", file.display());
        let figures = measure("SQLite", &url, n, runs).await;
        print(&figures);
    }
    let admin = std::env::var("KB_BENCH_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    for n in sizes() {
        let name = format!("kb_bench_export_{}_{n}", std::process::id());
        let Some(url) = pg_database(&admin, &name).await else {
            println!(
                "PostgreSQL at {} not reachable: skipped",
                storage::redact_url(&admin)
            );
            break;
        };
        let figures = measure("PostgreSQL", &url, n, runs).await;
        print(&figures);
        drop_pg_database(&admin, &name).await;
    }
}
