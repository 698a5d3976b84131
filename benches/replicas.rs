//! Replica benchmark: 1, 2 and 3 `kinerja-bot run` processes in webhook mode on one PostgreSQL
//! database, behind the fake Bot API acting as Telegram and as a round-robin load balancer over
//! the replicas, in one run, reported as ratios to one replica.
//!
//! The organisation: one generated organisation of max(KB_BENCH_USERS, KB_BENCH_RECIPIENTS)
//! people, everyone linked to a Telegram account, imported once into a template database; each
//! measurement gets a fresh copy of it (`CREATE DATABASE ... TEMPLATE`). The replicas run with
//! `[rate_limits] messages_per_second = 1000` (shared by all replicas: each reserves its sending
//! slots from the database), `per_chat_interval_ms = 0`, a flood limit no one reaches,
//! `[webhook] max_connections = 100` and `[outbox] max_in_flight = 100`. The fake enforces no
//! limits and delivers one update per chat at a time, up to 100 at once, as Telegram does.
//!
//! Updates: the first KB_BENCH_USERS (1,000) linked people each send KB_BENCH_ROUNDS (5) texts,
//! all queued in the fake at once; measured from queueing to the last reply received: wall time,
//! updates/s, and CPU time (user + system, from /proc) per 1,000 updates, less what is spent
//! idle: the replicas' summed ("bot"), and that of the PostgreSQL backends serving their database
//! ("PG": its connections and autovacuum workers, read when the server runs on this machine,
//! "n/a" otherwise), which share the cores with the replicas. Each text is answered with one message, and all replies come out
//! of the one 1,000 messages/s budget the replicas share, so no number of replicas answers more
//! than 1,000 updates/s: a row at 90% of that or more is marked "budget" in the ceiling column
//! (the budget, not the replicas, set its pace), otherwise "replicas".
//!
//! Outbox: a broadcast to everyone (KB_BENCH_RECIPIENTS, 20,000), queued with
//! `kinerja-bot broadcast FILE --audience=all --yes` while the replicas run, the fake only
//! counting deliveries (`lean`); measured from the first delivery to the last: messages/s, its
//! fraction of the 1,000/s limit, and the CPU per 1,000 messages as above. Only the replica
//! holding the sender's seat sends the outbox, so more replicas are not expected to drain it any
//! faster: the ratio should stay near 1, and the table says which replica sent.
//!
//! Each measurement is repeated KB_BENCH_REPEAT (3) times, the replica counts interleaved within a
//! repeat (1, 2, 3, 1, 2, 3, ...) so that drift of the machine or the server does not favour one
//! count; the tables show medians. On a machine with 2 cores the replicas share them with
//! PostgreSQL and the fake, so added replicas add no CPU: there the ratios show what sharing the
//! inbox and the budget costs rather than how far replicas scale.
//!
//! Run (at the defaults on 2 cores, once built, about 8 minutes when each run of updates takes
//! the few seconds its pace allows; longer when the replicas fall far below it, as each run of
//! updates may take up to 60 s + 1 s per 20 updates before the bench gives up):
//! `KB_TEST_PG_URL=postgres://postgres@127.0.0.1:5432/postgres cargo bench --bench replicas`.
//! KB_TEST_PG_URL must name a server where this user may CREATE DATABASE; the bench is skipped
//! otherwise. KB_BENCH_USERS (1000), KB_BENCH_ROUNDS (5), KB_BENCH_RECIPIENTS (20000),
//! KB_BENCH_REPEAT (3) and KB_BENCH_REPLICAS (3, the most replicas) change the sizes;
//! KB_BENCH_USERS=0 or KB_BENCH_RECIPIENTS=0 skips that part.

#[path = "../tests/it/support/fake_telegram.rs"]
#[allow(dead_code)]
mod fake_telegram;

#[path = "support/mod.rs"]
#[allow(dead_code)]
mod support;

use std::collections::HashMap;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use fake_telegram::{FakeTelegram, TOKEN, TestUser};
use kinerja_bot::config::FileConfig;
use kinerja_bot::storage;
use sqlx::Connection;
use support::{cpu_time, env_usize, median};

/// Telegram user ids of the organisation, in NIP order: FIRST_USER, FIRST_USER + 1, ...
const FIRST_USER: i64 = 100_000;
/// Strangers who check that every replica answers before anything is measured.
const WARM_UP_USERS: i64 = 90_000;
/// After the last reply, how long the replicas get to finish (marks, leases) before their CPU
/// is read.
const SETTLE: Duration = Duration::from_millis(500);
/// Messages per second for all replicas together: the most the config allows.
const BUDGET: u32 = 1000;
/// A run whose messages/s reach this fraction of the budget was held back by it.
const BUDGET_BOUND: f64 = 0.9;
const WEBHOOK_PATH: &str = "/telegram";

fn unique_suffix() -> String {
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("{}_{nanos}", std::process::id())
}

fn free_addr() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().to_string()
}

/// The machine, as the tables are read against it.
fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cores = cpuinfo
        .lines()
        .filter(|l| l.starts_with("processor"))
        .count();
    let cores = if cores > 0 {
        cores
    } else {
        std::thread::available_parallelism().map_or(0, |n| n.get())
    };
    let model = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map_or("unknown CPU".to_owned(), |m| m.trim().to_owned());
    format!("{cores} cores ({model})")
}

/// One replica's config: the throughput settings every run shares, serving on `addr`.
fn replica_config(addr: &str) -> String {
    format!(
        "[rate_limits]\nmessages_per_second = {BUDGET}\nper_chat_interval_ms = 0\n\
         [flood]\nmax_updates = 10000\nwindow_seconds = 1\n\
         [outbox]\nmax_in_flight = 100\n\
         [webhook]\nenabled = true\nurl = \"https://kinerja.example.go.id{WEBHOOK_PATH}\"\n\
         listen = \"{addr}\"\nmax_connections = 100\n"
    )
}

/// A replica with a clean environment, its stderr in a file; killed when dropped.
struct Replica {
    child: Child,
    log: PathBuf,
    addr: String,
}

impl Replica {
    fn spawn(fake: &FakeTelegram, db_url: &str, dir: &Path, index: usize) -> Self {
        let addr = free_addr();
        let config = dir.join(format!("replica{index}.toml"));
        std::fs::write(&config, replica_config(&addr)).unwrap();
        let log = dir.join(format!("replica{index}.log"));
        let child = Command::new(env!("CARGO_BIN_EXE_kinerja-bot"))
            .arg("run")
            .env_clear()
            .env("TELOXIDE_TOKEN", TOKEN)
            .env("TELOXIDE_API_URL", fake.url())
            .env("DATABASE_URL", db_url)
            .env("KINERJA_CONFIG", &config)
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .expect("the kinerja-bot binary");
        Self { child, log, addr }
    }

    fn pid(&self) -> u32 {
        self.child.id()
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
                "replica on {} exited ({status}); end of its log:\n{}",
                self.addr,
                tail.into_iter().rev().collect::<Vec<_>>().join("\n")
            );
        }
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// CPU time used so far by each replica and by the PostgreSQL backends serving their database
/// (`None` when the server's processes are not on this machine), from /proc.
struct Reading {
    replicas: Vec<Duration>,
    postgres: Option<HashMap<u32, Duration>>,
    at: Instant,
}

impl Reading {
    /// CPU used since `before`: each replica's, and PostgreSQL's. A backend that ended in
    /// between is left out (the replicas' pools keep theirs open), one that started is counted
    /// whole.
    fn since(&self, before: &Reading) -> (Vec<Duration>, Option<Duration>) {
        let replicas = self
            .replicas
            .iter()
            .zip(&before.replicas)
            .map(|(now, then)| now.saturating_sub(*then))
            .collect();
        let postgres = self.postgres.as_ref().map(|now| {
            let then = before.postgres.as_ref();
            now.iter()
                .map(|(pid, cpu)| {
                    let start = then.and_then(|t| t.get(pid)).copied().unwrap_or_default();
                    cpu.saturating_sub(start)
                })
                .sum()
        });
        (replicas, postgres)
    }
}

/// `n` replicas on one database behind one fake, answering, their idle CPU rates known.
struct Fleet {
    replicas: Vec<Replica>,
    /// CPU seconds per second the replicas spend idle, together.
    idle: f64,
    /// The same for their database's PostgreSQL backends.
    idle_pg: Option<f64>,
    _dir: tempfile::TempDir,
}

impl Fleet {
    async fn start(fake: &FakeTelegram, db_url: &str, n: usize) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mut replicas: Vec<Replica> = (0..n)
            .map(|i| Replica::spawn(fake, db_url, dir.path(), i))
            .collect();
        // Before any replica registers the webhook: the fake would post to the public URL.
        fake.deliver_to(
            replicas
                .iter()
                .map(|r| format!("http://{}", r.addr))
                .collect(),
        );
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            for r in &mut replicas {
                r.check_alive();
            }
            let listening = replicas.iter().all(|r| TcpStream::connect(&r.addr).is_ok());
            // Each replica registers at start; a later registration replaces the earlier, so
            // nothing is queued until the last one has.
            if listening && fake.calls("setWebhook") >= n {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "{n} replicas not up within a minute"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let mut fleet = Self {
            replicas,
            idle: 0.0,
            idle_pg: None,
            _dir: dir,
        };
        // Two strangers per replica, so that the round-robin reaches each at least once.
        let strangers: Vec<TestUser> = (0..2 * n as i64)
            .map(|i| fake.user(WARM_UP_USERS + i, "Pemanasan", Some("id")))
            .collect();
        for s in &strangers {
            s.send("halo");
        }
        let answered = fleet
            .wait(Duration::from_secs(120), || {
                strangers.iter().all(|s| fake.deliveries(s.id()) >= 1)
            })
            .await;
        assert!(answered, "{n} replicas never answered the warm-up texts");
        fleet
    }

    /// What the replicas and their database's backends use when nothing comes in: subtracted
    /// from what a run used, as a run is measured a little beyond its work.
    async fn measure_idle(&mut self, server: &mut Server, db: &str) {
        tokio::time::sleep(Duration::from_secs(1)).await;
        let before = self.read(server, db).await;
        tokio::time::sleep(Duration::from_secs(2)).await;
        let after = self.read(server, db).await;
        let secs = after.at.duration_since(before.at).as_secs_f64();
        let (replicas, postgres) = after.since(&before);
        self.idle = replicas.iter().sum::<Duration>().as_secs_f64() / secs;
        self.idle_pg = postgres.map(|p| p.as_secs_f64() / secs);
    }

    async fn read(&self, server: &mut Server, db: &str) -> Reading {
        let backends = server.backends(db).await;
        // The server's processes are visible here only when it runs on this machine.
        let local: HashMap<u32, Duration> = backends
            .into_iter()
            .filter(|pid| {
                std::fs::read_to_string(format!("/proc/{pid}/comm"))
                    .is_ok_and(|c| c.trim() == "postgres")
            })
            .map(|pid| (pid, cpu_time(pid)))
            .collect();
        Reading {
            replicas: self.replicas.iter().map(|r| cpu_time(r.pid())).collect(),
            postgres: (!local.is_empty()).then_some(local),
            at: Instant::now(),
        }
    }

    /// CPU used since `before`, less the idle rates over the time since: (replicas together,
    /// each replica's gross, PostgreSQL).
    fn cost(
        &self,
        before: &Reading,
        after: &Reading,
    ) -> (Duration, Vec<Duration>, Option<Duration>) {
        let secs = after.at.duration_since(before.at).as_secs_f64();
        let (each, postgres) = after.since(before);
        let replicas = each
            .iter()
            .sum::<Duration>()
            .saturating_sub(Duration::from_secs_f64(self.idle * secs));
        let postgres = postgres
            .map(|p| p.saturating_sub(Duration::from_secs_f64(self.idle_pg.unwrap_or(0.0) * secs)));
        (replicas, each, postgres)
    }

    fn check_alive(&mut self) {
        for r in &mut self.replicas {
            r.check_alive();
        }
    }

    /// Polls `cond` every 2 ms for at most `within`; false on timeout. Panics if a replica dies.
    async fn wait(&mut self, within: Duration, mut cond: impl FnMut() -> bool) -> bool {
        let deadline = Instant::now() + within;
        let mut polls = 0u32;
        loop {
            if cond() {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            polls += 1;
            if polls.is_multiple_of(250) {
                self.check_alive();
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    }

    /// Warnings and errors the replicas logged.
    fn report_log(&self) {
        for (i, r) in self.replicas.iter().enumerate() {
            let log = r.stderr();
            let bad: Vec<&str> = log
                .lines()
                .filter(|l| l.contains("ERROR") || l.contains("WARN"))
                .collect();
            if !bad.is_empty() {
                println!(
                    "    replica {} logged {} warnings/errors, e.g.:",
                    i + 1,
                    bad.len()
                );
                for l in bad.iter().take(3) {
                    println!("      {l}");
                }
            }
        }
    }

    /// Which replica (1-based) holds the sender's seat.
    async fn sender(&self, db_url: &str) -> Option<usize> {
        let mut conn = sqlx::PgConnection::connect(db_url).await.ok()?;
        let owner: Option<Option<String>> =
            sqlx::query_scalar("SELECT owner FROM outbox_sender WHERE id = 1")
                .fetch_optional(&mut conn)
                .await
                .ok()?;
        let _ = conn.close().await;
        // Owners are named "<pid>-<random>".
        let pid: u32 = owner.flatten()?.split('-').next()?.parse().ok()?;
        self.replicas
            .iter()
            .position(|r| r.pid() == pid)
            .map(|i| i + 1)
    }
}

/// The server, the template with the organisation, and a fresh copy of it per measurement.
struct Server {
    admin: sqlx::PgConnection,
    admin_url: String,
    template: String,
    copies: usize,
}

impl Server {
    /// Connects and creates the template; `Err` says why the bench cannot run here.
    async fn open(admin_url: &str) -> Result<Self, String> {
        let mut admin = sqlx::PgConnection::connect(admin_url)
            .await
            .map_err(|e| format!("cannot reach KB_TEST_PG_URL ({e})"))?;
        let template = format!("kb_bench_replicas_{}", unique_suffix());
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {template}")))
            .execute(&mut admin)
            .await
            .map_err(|e| format!("the server refused CREATE DATABASE ({e})"))?;
        Ok(Self {
            admin,
            admin_url: admin_url.to_owned(),
            template,
            copies: 0,
        })
    }

    fn url(&self, name: &str) -> String {
        let mut url = url::Url::parse(&self.admin_url).unwrap();
        url.set_path(name);
        url.to_string()
    }

    /// The server processes serving `db`: its connections and autovacuum workers.
    async fn backends(&mut self, db: &str) -> Vec<u32> {
        sqlx::query_scalar::<_, i32>("SELECT pid FROM pg_stat_activity WHERE datname = $1")
            .bind(db)
            .fetch_all(&mut self.admin)
            .await
            .unwrap_or_default()
            .into_iter()
            .filter_map(|pid| u32::try_from(pid).ok())
            .collect()
    }

    async fn server_version(&mut self) -> String {
        sqlx::query_scalar::<_, String>("SHOW server_version")
            .fetch_one(&mut self.admin)
            .await
            .unwrap_or_else(|_| "?".into())
    }

    /// The organisation of `people`, everyone linked (user ids from FIRST_USER in NIP order).
    async fn fill_template(&self, people: usize) {
        let db = storage::connect(&self.url(&self.template), &FileConfig::default())
            .await
            .unwrap();
        storage::migrate::run(&db).await.unwrap();
        let csv = kinerja_bot::sample::organisation_csv(people, (people / 50).max(1));
        kinerja_bot::import::import(&db, csv.as_bytes(), false, chrono::Utc::now(), &|_| {})
            .await
            .unwrap();
        sqlx::query(
            "UPDATE employees SET telegram_user_id = s.uid FROM \
             (SELECT nip, $1 + ROW_NUMBER() OVER (ORDER BY nip) - 1 AS uid \
              FROM employees WHERE active = 1) s \
             WHERE employees.nip = s.nip",
        )
        .bind(FIRST_USER)
        .execute(db.pool())
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO telegram_users (user_id, chat_id, language, first_seen, last_seen) \
             SELECT telegram_user_id, telegram_user_id, 'id', 0, 0 FROM employees \
             WHERE telegram_user_id IS NOT NULL",
        )
        .execute(db.pool())
        .await
        .unwrap();
        let linked: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM employees WHERE telegram_user_id IS NOT NULL")
                .fetch_one(db.pool())
                .await
                .unwrap();
        assert_eq!(linked as usize, people, "everyone linked");
        // A template may have no sessions when it is copied.
        db.close().await;
    }

    /// A fresh copy of the template; returns its name and URL.
    async fn copy(&mut self) -> (String, String) {
        self.copies += 1;
        let name = format!("{}_{}", self.template, self.copies);
        let sql = format!("CREATE DATABASE {name} TEMPLATE {}", self.template);
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&mut self.admin)
            .await
            .unwrap();
        let url = self.url(&name);
        (name, url)
    }

    async fn drop_db(&mut self, name: &str) {
        let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        let _ = sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&mut self.admin)
            .await;
    }

    async fn close(mut self) {
        let template = self.template.clone();
        self.drop_db(&template).await;
        let _ = self.admin.close().await;
    }
}

/// What one measured run cost.
#[derive(Clone, Default)]
struct Sample {
    /// Updates handled, or messages delivered.
    work: usize,
    wall: Duration,
    /// The replicas' CPU time together, less their idle rate.
    cpu: Duration,
    /// The CPU time of the PostgreSQL backends serving them, less their idle rate (`None` when
    /// the server is elsewhere).
    pg_cpu: Option<Duration>,
}

impl Sample {
    fn per_second(&self) -> f64 {
        self.work as f64 / self.wall.as_secs_f64()
    }

    fn cpu_ms_per_1000(&self) -> f64 {
        self.cpu.as_secs_f64() * 1000.0 * 1000.0 / self.work as f64
    }

    fn pg_ms_per_1000(&self) -> Option<f64> {
        self.pg_cpu
            .map(|c| c.as_secs_f64() * 1000.0 * 1000.0 / self.work as f64)
    }
}

/// A median of the PostgreSQL CPU per 1,000, or "n/a" when the server is not on this machine.
fn pg_column(samples: &[&Sample]) -> String {
    let v: Option<Vec<f64>> = samples.iter().map(|s| s.pg_ms_per_1000()).collect();
    v.map_or("n/a".to_owned(), |v| format!("{:.1}", median(v)))
}

fn pg_text(cpu: Option<Duration>) -> String {
    cpu.map_or("n/a".to_owned(), |c| {
        format!("{:.0} ms", c.as_secs_f64() * 1000.0)
    })
}

/// Everyone's texts through `n` replicas on a fresh copy of the organisation.
async fn updates_run(server: &mut Server, n: usize, users: usize, rounds: usize) -> Sample {
    let (name, url) = server.copy().await;
    let fake = FakeTelegram::start().await;
    let mut fleet = Fleet::start(&fake, &url, n).await;
    fleet.measure_idle(server, &name).await;
    let people: Vec<TestUser> = (0..users as i64)
        .map(|i| fake.user(FIRST_USER + i, &format!("Pegawai {i}"), Some("id")))
        .collect();
    let updates = users * rounds;
    let base = fake.total_deliveries();
    let by_target0 = fake.webhook_deliveries_by_target();
    let before = fleet.read(server, &name).await;
    let t0 = Instant::now();
    for r in 0..rounds {
        for p in &people {
            p.send(&format!(
                "Selamat pagi, ini pesan ke-{} dari {}",
                r + 1,
                p.id()
            ));
        }
    }
    let within = Duration::from_secs(60 + updates as u64 / 20);
    let finished = fleet
        .wait(within, || fake.total_deliveries() >= base + updates)
        .await;
    assert!(
        finished,
        "{n} replicas did not answer {updates} updates within {within:?}"
    );
    let (_, times) = fake.timeline();
    let last = times.get(base..).unwrap_or_default().iter().max().copied();
    let last = last.unwrap_or_else(Instant::now);
    let wall = last.saturating_duration_since(t0);
    tokio::time::sleep(SETTLE).await;
    let after = fleet.read(server, &name).await;
    let (cpu, _, pg_cpu) = fleet.cost(&before, &after);
    let extra = fake.total_deliveries() - base - updates;
    let by_target = fake.webhook_deliveries_by_target();
    let received: Vec<String> = fleet
        .replicas
        .iter()
        .map(|r| {
            let key = format!("http://{}", r.addr);
            let got = by_target.get(&key).copied().unwrap_or(0);
            (got - by_target0.get(&key).copied().unwrap_or(0)).to_string()
        })
        .collect();
    let sample = Sample {
        work: updates,
        wall,
        cpu,
        pg_cpu,
    };
    println!(
        "  {n} replica(s): {updates} updates in {:>6.2} s = {:>6.0}/s, CPU {:>6.0} ms = {:>6.1} ms \
         per 1,000 (PostgreSQL {}); received by replica {}{}",
        wall.as_secs_f64(),
        sample.per_second(),
        cpu.as_secs_f64() * 1000.0,
        sample.cpu_ms_per_1000(),
        pg_text(pg_cpu),
        received.join("/"),
        if extra > 0 {
            format!("; {extra} replies more than texts")
        } else {
            String::new()
        }
    );
    fleet.check_alive();
    fleet.report_log();
    drop(fleet);
    server.drop_db(&name).await;
    sample
}

/// Queues a broadcast to everyone with the CLI, as a script would; returns its recipients.
async fn broadcast_cli(db_url: &str, dir: &Path) -> usize {
    let file = dir.join("pengumuman.html");
    std::fs::write(
        &file,
        "<b>Pengumuman</b>: batas penyusunan SKP 2027 adalah 31 Januari 2027.",
    )
    .unwrap();
    let (path, url) = (file.display().to_string(), db_url.to_owned());
    let out = tokio::task::spawn_blocking(move || {
        Command::new(env!("CARGO_BIN_EXE_kinerja-bot"))
            .args(["broadcast", &path, "--audience=all", "--yes"])
            .env_clear()
            .env("DATABASE_URL", url)
            .stdin(Stdio::null())
            .output()
            .expect("kinerja-bot broadcast")
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "kinerja-bot broadcast failed: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // "broadcast #1 queued for 20000 recipients; ..."
    stdout
        .split("queued for ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no recipient count in: {stdout}"))
}

/// What a drain run measured, besides its cost.
struct Drain {
    cost: Sample,
    /// Which replica held the sender's seat (1-based).
    sender: Option<usize>,
}

/// A broadcast to everyone drained with `n` replicas running, on a fresh copy.
async fn outbox_run(server: &mut Server, n: usize) -> Drain {
    let (name, url) = server.copy().await;
    let fake = FakeTelegram::start().await;
    fake.lean();
    let mut fleet = Fleet::start(&fake, &url, n).await;
    fleet.measure_idle(server, &name).await;
    let base = fake.total_deliveries();
    let before = fleet.read(server, &name).await;
    let t0 = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let recipients = broadcast_cli(&url, dir.path()).await;
    let queued = t0.elapsed();
    let within = Duration::from_secs(recipients as u64 / u64::from(BUDGET) * 3 + 120);
    let mut first = None;
    let finished = fleet
        .wait(within, || {
            let delivered = fake.total_deliveries() - base;
            if delivered >= 1 && first.is_none() {
                first = Some(Instant::now());
            }
            delivered >= recipients
        })
        .await;
    assert!(
        finished,
        "{n} replicas delivered {} of {recipients} within {within:?}",
        fake.total_deliveries() - base
    );
    let done = Instant::now();
    let first = first.unwrap_or(t0);
    let wall = done.duration_since(first);
    tokio::time::sleep(SETTLE).await;
    let after = fleet.read(server, &name).await;
    let (cpu, cpu_each, pg_cpu) = fleet.cost(&before, &after);
    let sender = fleet.sender(&url).await;
    let twice = fake.delivery_counts().values().filter(|c| **c > 1).count();
    let cost = Sample {
        work: recipients,
        wall,
        cpu,
        pg_cpu,
    };
    let each: Vec<String> = cpu_each
        .iter()
        .map(|c| format!("{:.0}", c.as_secs_f64() * 1000.0))
        .collect();
    println!(
        "  {n} replica(s): {recipients} messages in {:>6.2} s = {:>6.0}/s ({:.3} of the limit; \
         queued in {:.2} s, last {:.2} s after queueing), CPU {:>6.0} ms = {:>6.1} ms per 1,000 \
         (by replica {} ms; PostgreSQL {}), sender: replica {}{}",
        wall.as_secs_f64(),
        cost.per_second(),
        cost.per_second() / f64::from(BUDGET),
        queued.as_secs_f64(),
        done.duration_since(t0).as_secs_f64(),
        cpu.as_secs_f64() * 1000.0,
        cost.cpu_ms_per_1000(),
        each.join("/"),
        pg_text(pg_cpu),
        sender.map_or("?".to_owned(), |s| s.to_string()),
        if twice > 0 {
            format!("; {twice} chats got a message twice")
        } else {
            String::new()
        }
    );
    fleet.check_alive();
    fleet.report_log();
    drop(fleet);
    server.drop_db(&name).await;
    Drain { cost, sender }
}

fn print_updates_table(samples: &[Vec<Sample>], users: usize, rounds: usize) {
    println!(
        "\nupdates through the webhook path: {users} linked people x {rounds} texts, queued at \
         once; medians of {}",
        samples[0].len()
    );
    println!(
        "{:>8} {:>8} {:>8} {:>10} {:>10} {:>13} {:>13} {:>9}",
        "replicas",
        "updates",
        "wall s",
        "updates/s",
        "ratio to 1",
        "CPU-ms/1k bot",
        "CPU-ms/1k PG",
        "ceiling"
    );
    let rate = |s: &[Sample]| median(s.iter().map(Sample::per_second).collect());
    let one = rate(&samples[0]);
    let mut bound = false;
    for (i, s) in samples.iter().enumerate() {
        let r = rate(s);
        // One reply per text: replies/s is updates/s.
        let budget = r >= BUDGET_BOUND * f64::from(BUDGET);
        bound |= budget;
        println!(
            "{:>8} {:>8} {:>8.2} {:>10.0} {:>9.2}x {:>13.1} {:>13} {:>9}",
            i + 1,
            s[0].work,
            median(s.iter().map(|x| x.wall.as_secs_f64()).collect()),
            r,
            r / one,
            median(s.iter().map(Sample::cpu_ms_per_1000).collect()),
            pg_column(&s.iter().collect::<Vec<_>>()),
            if budget { "budget" } else { "replicas" }
        );
    }
    println!(
        "each text gets one reply, and the replicas share one {BUDGET} messages/s budget: no \
         number of replicas answers more than {BUDGET} updates/s{}",
        if bound {
            format!(
                "; rows marked \"budget\" reached {:.0}% of it, so the budget, not the replicas, \
                 set their pace and their ratio understates what the replicas could do",
                BUDGET_BOUND * 100.0
            )
        } else {
            format!(
                "; no row reached {:.0}% of it, so the replicas (and the machine under them), not \
                 the budget, set the pace",
                BUDGET_BOUND * 100.0
            )
        }
    );
}

fn print_outbox_table(drains: &[Vec<Drain>]) {
    println!(
        "\noutbox drain at messages_per_second = {BUDGET}: a broadcast to {} linked people; \
         medians of {}",
        drains[0][0].cost.work,
        drains[0].len()
    );
    println!(
        "{:>8} {:>8} {:>8} {:>10} {:>10} {:>8} {:>13} {:>13} {:>8}",
        "replicas",
        "messages",
        "drain s",
        "messages/s",
        "ratio to 1",
        "of limit",
        "CPU-ms/1k bot",
        "CPU-ms/1k PG",
        "sender"
    );
    let rate = |d: &[Drain]| median(d.iter().map(|x| x.cost.per_second()).collect());
    let one = rate(&drains[0]);
    for (i, d) in drains.iter().enumerate() {
        let r = rate(d);
        let mut senders: Vec<String> = d
            .iter()
            .map(|x| x.sender.map_or("?".to_owned(), |s| format!("#{s}")))
            .collect();
        senders.sort();
        senders.dedup();
        println!(
            "{:>8} {:>8} {:>8.2} {:>10.0} {:>9.2}x {:>8.3} {:>13.1} {:>13} {:>8}",
            i + 1,
            d[0].cost.work,
            median(d.iter().map(|x| x.cost.wall.as_secs_f64()).collect()),
            r,
            r / one,
            r / f64::from(BUDGET),
            median(d.iter().map(|x| x.cost.cpu_ms_per_1000()).collect()),
            pg_column(&d.iter().map(|x| &x.cost).collect::<Vec<_>>()),
            senders.join(",")
        );
    }
    println!(
        "one replica at a time holds the sender's seat and sends the whole outbox at up to \
         {BUDGET}/s, so more replicas are not meant to drain it faster: a ratio near 1 is the \
         expected result, and the limit is the ceiling"
    );
}

#[tokio::main]
async fn main() {
    // `cargo bench` passes --bench; this harness takes no arguments.
    let users = env_usize("KB_BENCH_USERS", 1000);
    let rounds = env_usize("KB_BENCH_ROUNDS", 5).max(1);
    let recipients = env_usize("KB_BENCH_RECIPIENTS", 20_000);
    let repeat = env_usize("KB_BENCH_REPEAT", 3).max(1);
    let most = env_usize("KB_BENCH_REPLICAS", 3).max(1);
    println!(
        "replica benchmark on {}: 1..{most} replicas in webhook mode on one PostgreSQL; updates: \
         {users} people x {rounds} texts; outbox: {recipients} recipients; medians of {repeat}",
        machine()
    );
    let Ok(admin) = std::env::var("KB_TEST_PG_URL") else {
        println!(
            "skipped: KB_TEST_PG_URL is not set; point it at a PostgreSQL server where this user \
             may CREATE DATABASE (e.g. postgres://postgres@127.0.0.1:5432/postgres)"
        );
        return;
    };
    if users == 0 && recipients == 0 {
        println!("nothing to do: KB_BENCH_USERS and KB_BENCH_RECIPIENTS are both 0");
        return;
    }
    if let Err(e) = FileConfig::from_toml(&replica_config("127.0.0.1:8080")) {
        panic!("this kinerja-bot refuses the replicas' config: {e}");
    }
    let mut server = match Server::open(&admin).await {
        Ok(s) => s,
        Err(why) => {
            println!("skipped: {why}");
            return;
        }
    };
    let people = users.max(recipients);
    let prep = Instant::now();
    server.fill_template(people).await;
    println!(
        "PostgreSQL {}; organisation of {people} people, all linked, in {:.1} s",
        server.server_version().await,
        prep.elapsed().as_secs_f64()
    );

    let mut updates: Vec<Vec<Sample>> = vec![Vec::new(); most];
    if users > 0 {
        for r in 1..=repeat {
            println!("\nupdates, repeat {r} of {repeat}");
            for (n, samples) in updates.iter_mut().enumerate() {
                samples.push(updates_run(&mut server, n + 1, users, rounds).await);
            }
        }
    }
    let mut drains: Vec<Vec<Drain>> = (0..most).map(|_| Vec::new()).collect();
    if recipients > 0 {
        for r in 1..=repeat {
            println!("\noutbox, repeat {r} of {repeat}");
            for (n, d) in drains.iter_mut().enumerate() {
                d.push(outbox_run(&mut server, n + 1).await);
            }
        }
    }
    server.close().await;

    println!("\nmachine: {}", machine());
    if users > 0 {
        print_updates_table(&updates, users, rounds);
    }
    if recipients > 0 {
        print_outbox_table(&drains);
    }
}
