//! The outbox, driven through the real sender against the fake Bot API: Telegram's limits, 429s,
//! blocked users, failing requests, a crash with thousands queued, and a database that goes away.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use kinerja_bot::storage::{self, broadcasts};

use crate::support::{
    BotProcess, FakeTelegram, Fault, TestApp, TestDb, broadcast_cli, import_generated,
    link_everyone, start_time,
};

/// The counts of broadcast `id` once nothing of it is left to send.
async fn settled(db: &TestDb, id: i64) -> storage::outbox::Counts {
    let conn = db.connect().await;
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let c = storage::outbox::counts(&conn, broadcasts::ORIGIN, id)
            .await
            .unwrap();
        if c.pending == 0 {
            conn.close().await;
            return c;
        }
        assert!(Instant::now() < deadline, "broadcast never settled: {c:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

on_both_backends!(
    a_broadcast_reaches_everyone_once_within_telegrams_limits,
    |db: TestDb| async move {
        import_generated(&db, 120, 6).await;
        let linked = link_everyone(&db, 50_000).await;
        let fake = FakeTelegram::start().await;
        fake.enforce_limits(60, 1.0);
        let app = TestApp::spawn_with(&fake, &db, start_time(), |s| {
            s.file.rate_limits.messages_per_second = 60;
        })
        .await;
        let started = Instant::now();
        let out = broadcast_cli(&db, "<b>Rapat</b> koordinasi pukul 09.00", "all").await;
        assert!(out.contains("broadcast #1 queued for 120"), "{out}");
        let counts = settled(&db, 1).await;
        let took = started.elapsed();
        assert_eq!(counts.sent, 120, "{counts:?}");
        for (_, chat) in &linked {
            assert_eq!(fake.deliveries(*chat), 1, "chat {chat}");
        }
        assert_eq!(fake.responses_429(), 0, "the sender kept to the limit");
        // 120 messages at 60/s cannot take less than about two seconds.
        assert!(took >= Duration::from_millis(1500), "{took:?}");
        let one = &fake.sent_to(linked[0].1)[0];
        assert_eq!(one.text, "Rapat koordinasi pukul 09.00");
        assert_eq!(
            one.html.as_deref(),
            Some("<b>Rapat</b> koordinasi pukul 09.00")
        );
        app.stop().await;
    }
);

#[tokio::test]
async fn a_429_holds_all_sending_for_its_retry_after_and_loses_nothing() {
    let db = TestDb::sqlite();
    import_generated(&db, 40, 2).await;
    let linked = link_everyone(&db, 60_000).await;
    let fake = FakeTelegram::start().await;
    // The fifth message is refused with "retry after 2".
    fake.inject(
        Some("sendMessage"),
        Some(linked[4].1),
        1,
        Fault::TooManyRequests { retry_after: 2 },
    );
    let app = TestApp::spawn_with(&fake, &db, start_time(), |s| {
        s.file.rate_limits.messages_per_second = 200;
    })
    .await;
    broadcast_cli(&db, "Pengumuman", "all").await;
    let counts = settled(&db, 1).await;
    assert_eq!(counts.sent, 40);
    assert_eq!(fake.responses_429(), 1);
    assert_eq!(
        fake.deliveries(linked[4].1),
        1,
        "the refused message came later"
    );
    let (refusals, deliveries) = fake.timeline();
    let frozen_from = refusals[0];
    // Nobody got a message while Telegram asked the bot to wait (allowing for what was
    // already on the wire when the 429 came).
    let during: Vec<_> = deliveries
        .iter()
        .filter(|t| **t > frozen_from + Duration::from_millis(100))
        .filter(|t| **t < frozen_from + Duration::from_millis(1900))
        .collect();
    assert!(
        during.is_empty(),
        "{} messages sent during the hold",
        during.len()
    );
    app.stop().await;
}

#[tokio::test]
async fn a_user_who_blocked_the_bot_is_marked_reported_and_not_tried_again_until_they_write() {
    let db = TestDb::sqlite();
    import_generated(&db, 10, 1).await;
    let linked = link_everyone(&db, 70_000).await;
    let blocker = linked[3].1;
    let fake = FakeTelegram::start().await;
    fake.block(blocker);
    let app = TestApp::spawn(&fake, &db).await;
    broadcast_cli(&db, "Satu", "all").await;
    let first = settled(&db, 1).await;
    assert_eq!((first.sent, first.unreachable), (9, 1));
    let tries = fake.calls("sendMessage");
    // A second broadcast does not even try them.
    broadcast_cli(&db, "Dua", "all").await;
    let second = settled(&db, 2).await;
    assert_eq!((second.sent, second.unreachable), (9, 1));
    assert_eq!(fake.calls("sendMessage"), tries + 9);
    // They unblock and write to the bot: the next broadcast reaches them.
    fake.unblock(blocker);
    let user = fake.user(blocker, "Kembali", Some("id"));
    user.send("/help");
    fake.wait_for_messages(blocker, 1).await;
    broadcast_cli(&db, "Tiga", "all").await;
    let third = settled(&db, 3).await;
    assert_eq!((third.sent, third.unreachable), (10, 0));
    app.stop().await;
}

#[tokio::test]
async fn server_errors_are_retried_and_a_refused_message_is_failed_with_its_reason() {
    let db = TestDb::sqlite();
    import_generated(&db, 6, 1).await;
    let linked = link_everyone(&db, 80_000).await;
    let fake = FakeTelegram::start().await;
    fake.inject(
        Some("sendMessage"),
        Some(linked[1].1),
        3,
        Fault::ServerError,
    );
    let refused = "Bad Request: message is too long";
    fake.inject(
        Some("sendMessage"),
        Some(linked[2].1),
        1,
        Fault::BadRequest(refused.into()),
    );
    let app = TestApp::spawn(&fake, &db).await;
    broadcast_cli(&db, "Pengumuman", "all").await;
    let counts = settled(&db, 1).await;
    assert_eq!((counts.sent, counts.failed), (5, 1), "{counts:?}");
    assert_eq!(
        fake.deliveries(linked[1].1),
        1,
        "delivered after three 500s"
    );
    assert_eq!(fake.deliveries(linked[2].1), 0);
    let conn = db.connect().await;
    let failed = storage::outbox::undelivered(&conn, broadcasts::ORIGIN, 1)
        .await
        .unwrap();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].nip, linked[2].0);
    assert!(
        matches!(&failed[0].why, storage::outbox::NotReached::Failed(r) if r.contains("too long")),
        "{failed:?}"
    );
    app.stop().await;
}

#[tokio::test]
async fn messages_queued_while_the_database_is_locked_go_out_once_it_is_back() {
    let db = TestDb::sqlite();
    import_generated(&db, 20, 1).await;
    let linked = link_everyone(&db, 90_000).await;
    let fake = FakeTelegram::start().await;
    let app = TestApp::spawn_with(&fake, &db, start_time(), |s| {
        s.file.database.busy_timeout_seconds = 1;
    })
    .await;
    broadcast_cli(&db, "Pengumuman", "all").await;
    // Another process holds the SQLite file exclusively for three seconds.
    let path = db.url.trim_start_matches("sqlite://").to_owned();
    let locker = std::thread::spawn(move || {
        let status = std::process::Command::new("python3")
            .args([
                "-c",
                "import sqlite3,sys,time; c=sqlite3.connect(sys.argv[1], isolation_level=None); \
                 c.execute('BEGIN EXCLUSIVE'); time.sleep(3); c.execute('COMMIT')",
                &path,
            ])
            .status();
        status.map(|s| s.success()).unwrap_or(false)
    });
    let counts = settled(&db, 1).await;
    assert!(locker.join().unwrap(), "could not lock the database");
    assert_eq!(counts.sent, 20);
    let per_chat: HashMap<i64, usize> = fake.delivery_counts();
    assert!(
        linked.iter().all(|(_, c)| per_chat.get(c) == Some(&1)),
        "{per_chat:?}"
    );
    app.stop().await;
}

/// kill -9 with thousands queued: after a restart everyone has the message, and only what was in
/// flight at the kill went out twice.
async fn crash_with_thousands_queued(db: TestDb) {
    const PEOPLE: usize = 5000;
    import_generated(&db, PEOPLE, 50).await;
    let linked = link_everyone(&db, 1_000_000).await;
    let fake = FakeTelegram::start().await;
    fake.lean();
    broadcast_cli(&db, "Pengumuman penting", "all").await;
    let extra = "[rate_limits]\nmessages_per_second = 1000\n[outbox]\nlease_seconds = 2\nmax_in_flight = 16\n";
    let mut bot = BotProcess::start_with_config(&fake, &db, extra);
    fake.wait_until(Duration::from_secs(60), "a third delivered", |f| {
        f.total_deliveries() >= PEOPLE / 3
    })
    .await;
    bot.signal("-KILL");
    bot.wait_exit(Duration::from_secs(10)).await;
    let at_kill = fake.total_deliveries();
    assert!(at_kill < PEOPLE, "killed too late to test anything");
    let _again = BotProcess::start_with_config(&fake, &db, extra);
    fake.wait_until(Duration::from_secs(120), "everyone reached", |f| {
        f.delivery_counts().len() == PEOPLE
    })
    .await;
    let counts = settled(&db, 1).await;
    assert_eq!(counts.sent as usize, PEOPLE);
    let per_chat = fake.delivery_counts();
    let missing = linked
        .iter()
        .filter(|(_, c)| !per_chat.contains_key(c))
        .count();
    let twice: usize = per_chat.values().map(|n| n - 1).sum();
    assert_eq!(missing, 0);
    // At most what was in flight (max_in_flight) when the process died.
    assert!(twice <= 16, "{twice} sent twice");
}

on_both_backends!(
    killing_the_bot_with_5000_queued_loses_nobody_and_repeats_at_most_the_ones_in_flight,
    |db: TestDb| async move { crash_with_thousands_queued(db).await }
);

on_both_backends!(
    two_bots_sharing_one_database_send_each_message_once,
    |db: TestDb| async move {
        import_generated(&db, 300, 10).await;
        let linked = link_everyone(&db, 2_000_000).await;
        let fake = FakeTelegram::start().await;
        // Telegram's limit is per bot, not per process: two processes together keep to it.
        // Five seconds of sending at the limit: two senders each at it would empty the fake's
        // one-second burst allowance within the first two and be answered 429.
        fake.enforce_limits(60, 1.0);
        let fast = |s: &mut kinerja_bot::config::Settings| {
            s.file.rate_limits.messages_per_second = 60;
        };
        let one = TestApp::spawn_with(&fake, &db, start_time(), fast).await;
        let two = TestApp::spawn_with(&fake, &db, start_time(), fast).await;
        broadcast_cli(&db, "Pengumuman", "all").await;
        let counts = settled(&db, 1).await;
        assert_eq!(counts.sent, 300);
        let per_chat = fake.delivery_counts();
        for (_, chat) in &linked {
            assert_eq!(per_chat.get(chat), Some(&1), "chat {chat}");
        }
        assert_eq!(fake.responses_429(), 0);
        one.stop().await;
        two.stop().await;
    }
);

#[tokio::test]
async fn messages_queued_while_postgresql_drops_every_connection_go_out_once_it_is_back() {
    let db = TestDb::postgres().await;
    import_generated(&db, 60, 2).await;
    let linked = link_everyone(&db, 95_000).await;
    let fake = FakeTelegram::start().await;
    // Slow enough that the outage lands in the middle of the broadcast.
    let app = TestApp::spawn_with(&fake, &db, start_time(), |s| {
        s.file.rate_limits.messages_per_second = 20;
    })
    .await;
    broadcast_cli(&db, "Pengumuman", "all").await;
    fake.wait_until(Duration::from_secs(20), "the first deliveries", |f| {
        f.total_deliveries() >= 10
    })
    .await;
    // For three seconds every connection to this database is cut as soon as it exists.
    let name = url::Url::parse(&db.url)
        .unwrap()
        .path()
        .trim_start_matches('/')
        .to_owned();
    let admin = crate::support::pg_admin_url();
    let until = Instant::now() + Duration::from_secs(3);
    let mut cut = 0u64;
    while Instant::now() < until {
        use sqlx::Connection;
        let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1",
        )
        .bind(&name)
        .fetch_one(&mut conn)
        .await
        .unwrap();
        cut += n as u64;
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(cut > 0, "no connection was cut");
    let counts = settled(&db, 1).await;
    assert_eq!(counts.sent, 60, "{counts:?}");
    let per_chat = fake.delivery_counts();
    let missing = linked
        .iter()
        .filter(|(_, c)| !per_chat.contains_key(c))
        .count();
    let twice: usize = per_chat.values().map(|n| n - 1).sum();
    assert_eq!(missing, 0);
    // A delivery whose result could not be written goes again after its lease: at most those
    // in flight when the connections were cut.
    assert!(twice <= 16, "{twice} sent twice");
    app.stop().await;
}
