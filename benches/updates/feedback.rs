//! 360 round (after the burst mode, KB_BENCH_FEEDBACK=0 skips it): a generated organisation of
//! KB_BENCH_ORG (100,000) people, everyone linked, on SQLite. A round over all of it is drawn
//! (`feedback_rounds::plan`), stored (`create`: every assignment) and its opening messages are
//! queued (`scheduler::feedback::run_due`: one per rater), each timed. The queued messages are
//! then marked delivered, so that sending 100,000 of them does not count against the taps.
//! Then the real bot: the crowd's first people open one colleague each (not measured), and all
//! tap the seven values at once, value after value (measured until every tap is answered and its
//! screen edited), KB_BENCH_REPEAT times: CPU per 1,000 taps next to the bare bot's press.

use super::*;

use std::sync::Arc;

use kinerja_bot::app::App;
use kinerja_bot::bot::features::feedback::Button;
use kinerja_bot::clock::ManualClock;
use kinerja_bot::config::{Environment, Settings};
use kinerja_bot::domain::AssignmentId;
use kinerja_bot::domain::authz::Scope;
use kinerja_bot::domain::berakhlak::{Rating, Value};
use kinerja_bot::domain::feedback_round::RoundPeriod;
use kinerja_bot::storage::feedback_rounds::{self, NewRound};

pub struct Figures {
    pub people: usize,
    pub assignments: i64,
    pub prompts: i64,
    pub plan_s: f64,
    pub create_s: f64,
    pub queue_s: f64,
    pub taps: Vec<Sample>,
}

fn seconds(t: Instant) -> f64 {
    t.elapsed().as_secs_f64()
}

/// Draws, stores and queues a round over everyone, in process; returns the figures so far.
async fn create_round(url: &str, people: usize, fake: &FakeTelegram) -> Figures {
    let env = Environment {
        token: Some(TOKEN.into()),
        api_url: Some(fake.url()),
        database_url: Some(url.to_owned()),
        config_path: None,
    };
    let settings = Settings::load(&env, None).unwrap();
    let now = chrono::Utc::now();
    let tz = settings.file.time_zone.tz();
    let today = now.with_timezone(&tz).date_naive();
    let app = App::build(settings, Arc::new(ManualClock::new(now)))
        .await
        .unwrap();
    let deps = app.deps();
    let new = NewRound {
        key: "bench".into(),
        scope: Scope::Organisation,
        period: RoundPeriod::year(today.year_ce().1 as i32).unwrap(),
        opens_on: today,
        closes_on: today + chrono::Duration::days(14),
        seed: 2027,
        max_peers: 5,
        max_subordinates: 5,
        include_self: false,
        created_by: kinerja_bot::sample::nip(0),
    };
    let t = Instant::now();
    let plan = feedback_rounds::plan(&deps.db, &new).await.unwrap();
    let plan_s = seconds(t);
    let t = Instant::now();
    let created = feedback_rounds::create(&deps.db, &new, &plan, today, now.timestamp())
        .await
        .unwrap();
    let create_s = seconds(t);
    assert!(created.is_ok(), "the round was refused");
    // The opening messages go at the opening day's reminder time (at once if that has passed).
    let opening = kinerja_bot::domain::calendar::at_local(
        today,
        deps.settings.file.feedback.reminder_time(),
        tz,
    );
    let t = Instant::now();
    kinerja_bot::scheduler::feedback::run_due(&deps, now.max(opening))
        .await
        .unwrap();
    let queue_s = seconds(t);
    let prompts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE state = 'pending'")
        .fetch_one(deps.db.pool())
        .await
        .unwrap();
    sqlx::query("UPDATE outbox SET state = 'sent' WHERE state = 'pending'")
        .execute(deps.db.pool())
        .await
        .unwrap();
    deps.db.close().await;
    Figures {
        people,
        assignments: plan.assignments(),
        prompts,
        plan_s,
        create_s,
        queue_s,
        taps: Vec::new(),
    }
}

use chrono::Datelike;

pub async fn round_and_taps(people: usize, crowd: usize, repeat: usize) -> Figures {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("feedback.db").display());
    let db = storage::connect(&url, &FileConfig::default())
        .await
        .unwrap();
    storage::migrate::run(&db).await.unwrap();
    let file = dir.path().join("org.csv");
    std::fs::write(
        &file,
        kinerja_bot::sample::organisation_csv(people, (people / 20).max(1)),
    )
    .unwrap();
    let t = Instant::now();
    let imported = Command::new(env!("CARGO_BIN_EXE_kinerja-bot"))
        .args(["import", &file.display().to_string()])
        .env("DATABASE_URL", &url)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(imported.success(), "the generated organisation was refused");
    println!(
        "\n360 round: {people} people imported in {:.1} s",
        seconds(t)
    );
    // Everyone linked, user ids in NIP order.
    let nips: Vec<String> = sqlx::query_scalar("SELECT nip FROM employees ORDER BY nip")
        .fetch_all(db.pool())
        .await
        .unwrap();
    let mut user_of = HashMap::with_capacity(nips.len());
    let mut tx = db.begin_write().await.unwrap();
    for (i, nip) in nips.iter().enumerate() {
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
            .bind(nip)
            .execute(&mut *tx)
            .await
            .unwrap();
        user_of.insert(nip.clone(), user);
    }
    tx.commit().await.unwrap();
    db.close().await;

    let fake = FakeTelegram::start().await;
    let mut figures = create_round(&url, people, &fake).await;
    println!(
        "  round over {people}: drawn in {:.1} s, {} assignments stored in {:.1} s, {} opening \
         messages queued in {:.1} s",
        figures.plan_s, figures.assignments, figures.create_s, figures.prompts, figures.queue_s
    );

    let db = storage::connect(&url, &FileConfig::default())
        .await
        .unwrap();
    let picks: Vec<(String, i64)> = sqlx::query_as(
        "SELECT rater_nip, MIN(id) FROM feedback_assignments GROUP BY rater_nip \
         ORDER BY rater_nip LIMIT $1",
    )
    .bind(crowd as i64)
    .fetch_all(db.pool())
    .await
    .unwrap();
    db.close().await;
    let mut bot = BotProcess::kinerja(&fake, &url, &throughput_config(), dir.path());
    println!("{} (pid {}), rating taps", Which::Kinerja.name(), bot.pid());
    warm_up(&fake, &mut bot).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let (c0, t0) = (bot.cpu(), Instant::now());
    tokio::time::sleep(Duration::from_secs(2)).await;
    let idle = bot.cpu().saturating_sub(c0).as_secs_f64() / t0.elapsed().as_secs_f64();
    let raters: Vec<(TestUser, AssignmentId)> = picks
        .iter()
        .map(|(nip, id)| {
            let user = fake.user(user_of[nip], "Penilai", Some("id"));
            (user, AssignmentId(*id))
        })
        .collect();
    let n = raters.len();
    // Each opens their colleague: the first question arrives as a new message (not measured).
    let sends0 = fake.calls("sendMessage");
    for (u, a) in &raters {
        u.press(
            &Sent::blank(u.id()),
            &CallbackData::from(Button::Rate(*a)).encode(),
        );
    }
    let opened = wait_for(&fake, &mut bot, Duration::from_secs(300), |f| {
        f.calls("sendMessage") >= sends0 + n
    })
    .await;
    assert!(opened, "not every rater got their first question");
    tokio::time::sleep(SETTLE).await;
    let mut questions: HashMap<i64, Sent> = HashMap::new();
    for s in fake.all_sent() {
        if s.text.contains("1/7") || s.text.contains("semua nilai") {
            questions.insert(s.chat_id, s);
        }
    }
    for r in 1..=repeat {
        let mut total = Sample::default();
        for (i, v) in Value::ALL.iter().enumerate() {
            let rating = if (i + r) % 3 == 0 {
                Rating::DiAtas
            } else {
                Rating::Sesuai
            };
            let answers0 = fake.calls("answerCallbackQuery");
            let edits0 = fake.calls("editMessageText");
            let inject = || {
                for (u, a) in &raters {
                    let data = CallbackData::from(Button::Answer(*a, *v, rating)).encode();
                    u.press(&questions[&u.id()], &data);
                }
            };
            let done = |f: &FakeTelegram| {
                f.calls("answerCallbackQuery") >= answers0 + n
                    && f.calls("editMessageText") >= edits0 + n
            };
            total.add(measure(&fake, &mut bot, idle, n, inject, done).await);
        }
        println!(
            "  #{r} taps {:>6} in {:>6.2} s = {:>7.0}/s, CPU {:>6.0} ms = {:>6.1} ms per 1,000",
            total.updates,
            total.wall.as_secs_f64(),
            total.per_second(),
            total.cpu.as_secs_f64() * 1000.0,
            total.cpu_ms_per_1000()
        );
        figures.taps.push(total);
    }
    bot.check_alive();
    bot.report_log();
    figures
}

/// The taps against the echo bot's press (answer and edit), at the same burst.
pub fn print(f: &Figures, echo: &BotResults) {
    let kb = median(f.taps.iter().map(Sample::cpu_ms_per_1000).collect());
    let rate = median(f.taps.iter().map(Sample::per_second).collect());
    let floor = median(echo.presses.iter().map(Sample::cpu_ms_per_1000).collect());
    let ratio = kb / floor;
    let verdict = if ratio <= 2.0 { "met" } else { "NOT met" };
    println!(
        "\n360 round over {} people: drawn {:.1} s, {} assignments stored {:.1} s, {} opening \
         messages queued {:.1} s\nrating taps (burst, medians of {}): {rate:.0} taps/s, \
         kinerja-bot {kb:.1} CPU-ms per 1,000 taps; bare bot's press {floor:.1} CPU-ms per 1,000 \
         = {ratio:.2}x (goal at most 2x: {verdict})",
        f.people,
        f.plan_s,
        f.assignments,
        f.create_s,
        f.prompts,
        f.queue_s,
        f.taps.len()
    );
}
