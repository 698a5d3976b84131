//! Webhook mode of the real binary, behind the fake Bot API's webhook delivery: registration,
//! the secret token, a redelivered update handled once, and three replicas on one PostgreSQL
//! of which one is killed with -9 in the middle of a broadcast and a reminder fire.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use kinerja_bot::domain::Audience;
use kinerja_bot::storage::deadlines::{self, NewDeadline};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support::{
    BotProcess, FakeTelegram, TestDb, broadcast_cli, free_addr, import_example, import_generated,
    link_everyone, run_cli,
};

const PATH: &str = "/telegram";

fn webhook_config(addr: &str, more: &str) -> String {
    format!(
        "[webhook]\nenabled = true\nurl = \"https://kinerja.example.go.id{PATH}\"\n\
         listen = \"{addr}\"\nlease_seconds = 3\n{more}"
    )
}

/// One POST of `body` to the bot's endpoint with this secret header (none if `None`): the status.
async fn post(addr: &str, secret: Option<&str>, body: &str) -> Option<u16> {
    let mut stream = tokio::net::TcpStream::connect(addr).await.ok()?;
    let header = secret
        .map(|s| format!("X-Telegram-Bot-Api-Secret-Token: {s}\r\n"))
        .unwrap_or_default();
    let request = format!(
        "POST {PATH} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n{header}\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.ok()?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.ok()?;
    String::from_utf8_lossy(&raw)
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

async fn until(what: &str, within: Duration, logs: &[&BotProcess], mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + within;
    while !cond() {
        if Instant::now() > deadline {
            let logs: Vec<String> = logs.iter().map(|b| b.stderr()).collect();
            panic!(
                "{what}: not within {within:?}; logs:\n{}",
                logs.join("\n-----\n")
            );
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until no update waits to be handled and no message to be sent: whatever the bot was
/// going to send has reached the fake.
async fn until_idle(db: &TestDb, logs: &[&BotProcess]) {
    let conn = db.connect().await;
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let open: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM inbox WHERE handled_at IS NULL) \
                  + (SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sending'))",
        )
        .fetch_one(conn.pool())
        .await
        .unwrap();
        if open == 0 {
            break;
        }
        if Instant::now() > deadline {
            let logs: Vec<String> = logs.iter().map(|b| b.stderr()).collect();
            panic!("{open} still open; logs:\n{}", logs.join("\n-----\n"));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    conn.close().await;
}

/// An update as Telegram posts it: a text from `user` in their private chat.
fn text_update(update_id: i64, user: i64, text: &str) -> String {
    serde_json::json!({
        "update_id": update_id,
        "message": {
            "message_id": 1, "date": 1_700_000_000, "text": text,
            "chat": {"id": user, "type": "private", "first_name": "Forged"},
            "from": {"id": user, "is_bot": false, "first_name": "Forged"},
        }
    })
    .to_string()
}

on_both_backends!(
    a_webhook_bot_registers_itself_refuses_posts_without_its_secret_and_handles_a_resent_update_once,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let addr = free_addr();
        let bot = BotProcess::start_with_config(&fake, &db, &webhook_config(&addr, ""));
        until("setWebhook", Duration::from_secs(30), &[&bot], || {
            fake.webhook().is_some()
        })
        .await;
        let hook = fake.webhook().unwrap();
        assert_eq!(hook.url, format!("https://kinerja.example.go.id{PATH}"));
        assert_eq!(hook.max_connections, 40);
        let secret = hook.secret_token.clone().expect("a secret token is registered");
        assert!(secret.len() >= 32, "{secret}");
        let mut allowed = hook.allowed_updates.clone();
        allowed.sort();
        assert_eq!(allowed, ["callback_query", "message"]);
        fake.deliver_to(vec![format!("http://{addr}")]);

        // Nobody without the secret gets in: no answer to these, whatever they say.
        let forged = text_update(1, 4242, "/start");
        assert_eq!(post(&addr, None, &forged).await, Some(401));
        assert_eq!(post(&addr, Some("guess"), &forged).await, Some(401));
        assert_eq!(post(&addr, Some(&secret), "not json").await, Some(400));

        // Telegram sends one update twice: it is answered once.
        fake.redeliver(1);
        let ani = fake.user(4242, "Ani", Some("en"));
        ani.send("/help");
        let first = fake.wait_for_messages(4242, 1).await;

        // Many people at once, each answered once, in the order they wrote.
        let people: Vec<_> = (0..60)
            .map(|i| fake.user(5000 + i, "Pegawai", Some("en")))
            .collect();
        for p in &people {
            p.send("/help");
            p.send("/language");
        }
        until("every answer", Duration::from_secs(30), &[&bot], || {
            people.iter().all(|p| fake.sent_to(p.id()).len() >= 2)
        })
        .await;
        // The resent update reached the bot twice (both answered 200) and was answered once.
        until("the resent delivery", Duration::from_secs(10), &[&bot], || {
            fake.webhook_redeliveries() == 1
        })
        .await;
        assert_eq!(fake.webhook_deliveries(), 2 + 120);
        until_idle(&db, &[&bot]).await;
        assert_eq!(fake.sent_to(4242).len(), 1, "{:?}", fake.sent_to(4242));
        for p in &people {
            let got = fake.sent_to(p.id());
            assert_eq!(got.len(), 2, "{got:?}");
            assert_eq!(got[0].text, first[0].text, "/help first");
        }
        assert_eq!(fake.calls("getUpdates"), 0, "a webhook bot does not poll");

        // The operator removes the webhook with the CLI.
        let url = fake.url();
        let env = [
            ("TELOXIDE_TOKEN", crate::support::fake_telegram::TOKEN),
            ("TELOXIDE_API_URL", url.as_str()),
        ];
        let (code, out, err) = run_cli(&["webhook", "info"], &env).await;
        assert_eq!(code, 0, "{out}{err}");
        assert!(out.contains("https://kinerja.example.go.id/telegram"), "{out}");
        let (code, out, err) = run_cli(&["webhook", "delete"], &env).await;
        assert_eq!(code, 0, "{out}{err}");
        assert!(fake.webhook().is_none());
    }
);

/// The PID of the replica holding a lease: owners are named "<pid>-<random>".
async fn holder_pid(db: &TestDb, sql: &'static str) -> Option<u32> {
    let conn = db.connect().await;
    let owner: Option<Option<String>> = sqlx::query_scalar(sql)
        .fetch_optional(conn.pool())
        .await
        .unwrap();
    conn.close().await;
    owner.flatten()?.split('-').next()?.parse().ok()
}

const SCHEDULER_HOLDER: &str =
    "SELECT owner FROM leases WHERE name = 'scheduler' AND owner IS NOT NULL";
const SENDER_HOLDER: &str = "SELECT owner FROM outbox_sender WHERE id = 1";

#[tokio::test]
async fn three_replicas_on_one_postgres_lose_nothing_and_repeat_only_what_was_in_flight_when_one_is_killed()
 {
    const PEOPLE: usize = 300;
    const ASKING: usize = 100;
    const IN_FLIGHT: usize = 4;
    // The default `polling.max_concurrent_chats`.
    const CHATS_AT_ONCE: usize = 32;
    let db = TestDb::postgres().await;
    import_generated(&db, PEOPLE, 12).await;
    let linked = link_everyone(&db, 700_000).await;
    assert_eq!(linked.len(), PEOPLE);
    let fake = FakeTelegram::start().await;
    fake.enforce_limits(30, 1.0);
    let more = format!(
        "[rate_limits]\nmessages_per_second = 30\n\
         [outbox]\nmax_in_flight = {IN_FLIGHT}\nlease_seconds = 3\npoll_interval_ms = 100\n\
         [schedules]\ndeadline_check = \"* * * * * *\"\n\
         [deadlines]\nreminder_days_before = [1]\n"
    );
    let addrs: Vec<String> = (0..3).map(|_| free_addr()).collect();
    // The first replica comes up alone, so it holds both the scheduler's and the sender's seat:
    // killing it interrupts a broadcast and a reminder fire at once.
    let first = BotProcess::start_with_config(&fake, &db, &webhook_config(&addrs[0], &more));
    let pid = first.pid();
    let deadline = Instant::now() + Duration::from_secs(30);
    while holder_pid(&db, SCHEDULER_HOLDER).await != Some(pid)
        || holder_pid(&db, SENDER_HOLDER).await != Some(pid)
    {
        assert!(
            Instant::now() < deadline,
            "seats not taken; log:\n{}",
            first.stderr()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut replicas = vec![first];
    for addr in &addrs[1..] {
        replicas.push(BotProcess::start_with_config(
            &fake,
            &db,
            &webhook_config(addr, &more),
        ));
    }
    for addr in &addrs {
        let deadline = Instant::now() + Duration::from_secs(30);
        while tokio::net::TcpStream::connect(addr).await.is_err() {
            assert!(
                Instant::now() < deadline,
                "replica on {addr} never listened"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    fake.deliver_to(addrs.iter().map(|a| format!("http://{a}")).collect());

    // A broadcast and a deadline reminder for all 300, and 100 of them asking for help.
    broadcast_cli(&db, "Pengumuman: SKP 2027 dibuka.", "all").await;
    let conn = db.connect().await;
    let now = chrono::Utc::now();
    let due = now + chrono::Duration::hours(1);
    let new = NewDeadline {
        title: "Penyusunan SKP 2027",
        description: "",
        due_at: due.timestamp(),
        audience: Audience::Everyone,
        scope_unit_id: None,
        created_by: None,
    };
    let from = (now - chrono::Duration::days(2)).timestamp();
    deadlines::create(&conn, &new, from).await.unwrap();
    let users: Vec<_> = linked
        .iter()
        .map(|(_, id)| fake.user(*id, "Pegawai", Some("id")))
        .collect();
    for u in users.iter().take(ASKING) {
        u.send("/help");
    }

    // Killed in the middle of both.
    let started = Instant::now();
    until(
        "a third sent",
        Duration::from_secs(60),
        &[&replicas[0]],
        || fake.total_deliveries() >= PEOPLE / 3,
    )
    .await;
    let at_kill = fake.total_deliveries();
    assert!(at_kill < 2 * PEOPLE, "killed too late to test anything");
    replicas[0].signal("-9");
    drop(replicas.remove(0));
    // Scheduled work after the kill: a survivor must have taken the scheduler's seat over.
    let after = NewDeadline {
        title: "Evaluasi perilaku 2027",
        ..new
    };
    deadlines::create(&conn, &after, from).await.unwrap();
    conn.close().await;

    let is_broadcast = |t: &str| t.contains("SKP 2027 dibuka");
    let is_reminder = |t: &str| t.contains("Penyusunan SKP 2027");
    let is_second = |t: &str| t.contains("Evaluasi perilaku 2027");
    let is_outbox = |t: &str| is_broadcast(t) || is_reminder(t) || is_second(t);
    let survivors: Vec<&BotProcess> = replicas.iter().collect();
    until(
        "everyone has everything",
        Duration::from_secs(120),
        &survivors,
        || {
            users.iter().enumerate().all(|(i, u)| {
                let got = fake.sent_to(u.id());
                let b = got.iter().any(|m| is_broadcast(&m.text));
                let r = got.iter().any(|m| is_reminder(&m.text));
                let second = got.iter().any(|m| is_second(&m.text));
                let help = i >= ASKING || got.iter().any(|m| !is_outbox(&m.text));
                b && r && second && help
            })
        },
    )
    .await;
    let took = started.elapsed();
    // Anything sent twice has arrived once nothing is left to handle or send.
    until_idle(&db, &survivors).await;

    let mut repeats: HashMap<&str, usize> = HashMap::new();
    for (i, u) in users.iter().enumerate() {
        let got = fake.sent_to(u.id());
        let b = got.iter().filter(|m| is_broadcast(&m.text)).count();
        let r = got.iter().filter(|m| is_reminder(&m.text)).count();
        let second = got.iter().filter(|m| is_second(&m.text)).count();
        let other = got.len() - b - r - second;
        *repeats.entry("broadcast").or_default() += b - 1;
        *repeats.entry("reminder").or_default() += r - 1;
        *repeats.entry("reminder after the kill").or_default() += second - 1;
        let asked = usize::from(i < ASKING);
        assert!(other >= asked, "user {i}: {got:?}");
        *repeats.entry("reply").or_default() += other - asked;
    }
    let sent_twice =
        repeats["broadcast"] + repeats["reminder"] + repeats["reminder after the kill"];
    assert!(
        sent_twice <= IN_FLIGHT,
        "outbox messages repeated beyond what was in flight: {repeats:?}"
    );
    assert!(
        repeats["reply"] <= CHATS_AT_ONCE,
        "replies repeated beyond what was being handled: {repeats:?}"
    );
    assert_eq!(
        fake.responses_429(),
        0,
        "Telegram's budget held across replicas"
    );
    // The survivors took the seats over.
    let scheduler = holder_pid(&db, SCHEDULER_HOLDER).await;
    let sender = holder_pid(&db, SENDER_HOLDER).await;
    let alive: Vec<u32> = replicas.iter().map(BotProcess::pid).collect();
    assert!(
        scheduler.is_some_and(|p| alive.contains(&p)),
        "{scheduler:?}"
    );
    assert!(sender.is_some_and(|p| alive.contains(&p)), "{sender:?}");
    eprintln!(
        "three replicas: {PEOPLE} broadcast + 2 x {PEOPLE} reminders + {ASKING} replies in {took:?}; \
         killed at {at_kill} sent; repeats {repeats:?}; deliveries by replica {:?}",
        fake.webhook_deliveries_by_target()
    );
}

#[tokio::test]
async fn run_with_webhook_but_no_url_is_refused_at_start_naming_the_key() {
    let db = TestDb::sqlite();
    let fake = FakeTelegram::start().await;
    let url = fake.url();
    let env = [
        ("TELOXIDE_TOKEN", crate::support::fake_telegram::TOKEN),
        ("TELOXIDE_API_URL", url.as_str()),
        ("DATABASE_URL", db.url.as_str()),
    ];
    let (code, out, err) = run_cli(&["run", "--webhook"], &env).await;
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("webhook.url"), "{err}");
    assert_eq!(fake.calls("getUpdates"), 0);
    assert!(fake.webhook().is_none());
}

#[tokio::test]
async fn a_chat_handled_by_two_replicas_in_turn_sees_each_change_at_once() {
    use kinerja_bot::bot::features::account;
    use kinerja_bot::domain::Lang;
    use kinerja_bot::i18n::{Msg, text};

    let db = TestDb::postgres().await;
    let fake = FakeTelegram::start().await;
    let addrs: Vec<String> = (0..2).map(|_| free_addr()).collect();
    // Round robin over two replicas: each next update of the chat goes to the other one.
    fake.deliver_to(addrs.iter().map(|a| format!("http://{a}")).collect());
    let replicas: Vec<BotProcess> = addrs
        .iter()
        .map(|a| BotProcess::start_with_config(&fake, &db, &webhook_config(a, "")))
        .collect();
    let logs: Vec<&BotProcess> = replicas.iter().collect();
    until("registered", Duration::from_secs(30), &logs, || {
        fake.webhook().is_some()
    })
    .await;
    for addr in &addrs {
        while tokio::net::TcpStream::connect(addr).await.is_err() {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    let ani = fake.user(8801, "Ani", Some("id"));
    let mut seen = 0;
    for round in 0..4 {
        let lang = if round % 2 == 0 { Lang::En } else { Lang::Id };
        ani.send("/language");
        let prompt = fake.wait_for_messages(ani.id(), seen + 1).await[seen].clone();
        ani.press(
            &prompt,
            &crate::support::forged(account::Button::SetLanguage(lang)),
        );
        until("the choice", Duration::from_secs(20), &logs, || {
            fake.sent_to(ani.id())[seen].edits == 1
        })
        .await;
        ani.send("/help");
        let help = fake.wait_for_messages(ani.id(), seen + 2).await[seen + 1].clone();
        assert_eq!(help.text, text(lang, Msg::Help), "round {round}");
        seen += 2;
    }
    let conn = db.connect().await;
    let handlers: i64 =
        sqlx::query_scalar("SELECT COUNT(DISTINCT lease_owner) FROM inbox WHERE chat_id = 8801")
            .fetch_one(conn.pool())
            .await
            .unwrap();
    conn.close().await;
    assert_eq!(handlers, 2, "both replicas handled the chat's updates");
}

#[tokio::test]
async fn a_webhook_telegram_refuses_ends_the_run_with_the_reason() {
    let db = TestDb::sqlite();
    let fake = FakeTelegram::start().await;
    fake.inject(
        Some("setWebhook"),
        None,
        1,
        crate::support::Fault::BadRequest(
            "Bad Request: bad webhook: Failed to resolve host".into(),
        ),
    );
    let mut bot = BotProcess::start_with_config(&fake, &db, &webhook_config(&free_addr(), ""));
    assert_eq!(bot.wait_exit(Duration::from_secs(30)).await, Some(2));
    let log = bot.stderr();
    assert!(log.contains("Failed to resolve host"), "{log}");
    assert!(fake.webhook().is_none());
}

#[tokio::test]
async fn a_polling_bot_is_refused_on_a_database_webhook_replicas_are_serving() {
    let db = TestDb::postgres().await;
    let fake = FakeTelegram::start().await;
    let replica = BotProcess::start_with_config(&fake, &db, &webhook_config(&free_addr(), ""));
    let deadline = Instant::now() + Duration::from_secs(30);
    while holder_pid(&db, SCHEDULER_HOLDER).await != Some(replica.pid()) {
        assert!(
            Instant::now() < deadline,
            "no seat; log:\n{}",
            replica.stderr()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut polling = BotProcess::start(&fake, &db, &[]);
    assert_eq!(polling.wait_exit(Duration::from_secs(30)).await, Some(2));
    let log = polling.stderr();
    assert!(log.contains("--webhook"), "{log}");
    assert!(
        fake.webhook().is_some(),
        "the replicas' webhook is left alone"
    );
    assert_eq!(fake.calls("getUpdates"), 0);
}
