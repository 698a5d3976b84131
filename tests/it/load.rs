//! Under load, as the bot is used: hundreds opening their invite links at once while a broadcast
//! goes out and HR re-imports, a person flooding the bot, a Telegram outage and a database
//! outage while updates wait, a kill between storing updates and confirming them, and a large
//! file checked while others chat.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use kinerja_bot::domain::Lang;
use kinerja_bot::i18n::{Msg, text};
use kinerja_bot::storage::Backend;

use crate::support::{
    BotProcess, FakeTelegram, Fault, TestApp, TestDb, broadcast_cli, import_generated,
    invite_links, link_everyone, link_first, run_cli, start_time,
};

/// How many employees are linked to exactly the Telegram account that opened their link.
async fn linked_as_expected(db: &TestDb, expected: &[(String, i64)]) -> usize {
    let conn = db.connect().await;
    let mut ok = 0;
    for (nip, user) in expected {
        let linked: Option<i64> =
            sqlx::query_scalar("SELECT telegram_user_id FROM employees WHERE nip = $1")
                .bind(nip)
                .fetch_one(conn.pool())
                .await
                .unwrap();
        ok += usize::from(linked == Some(*user));
    }
    conn.close().await;
    ok
}

fn apologies(fake: &FakeTelegram) -> usize {
    let sorry = [
        text(Lang::Id, Msg::InternalError),
        text(Lang::En, Msg::InternalError),
    ];
    fake.all_sent()
        .iter()
        .filter(|s| sorry.contains(&s.text))
        .count()
}

async fn three_hundred_people_open_their_links_at_the_same_moment(backend: Backend) {
    let db = TestDb::new(backend).await;
    import_generated(&db, 300, 6).await;
    let links = invite_links(&db, &[]).await;
    assert_eq!(links.len(), 300);
    let fake = FakeTelegram::start().await;
    fake.enforce_limits(30, 1.0);
    let app = TestApp::spawn(&fake, &db).await;
    let mut expected = Vec::new();
    let users: Vec<_> = links
        .iter()
        .enumerate()
        .map(|(i, (nip, _, token))| {
            let user = fake.user(300_000 + i as i64, &format!("P{i}"), Some("id"));
            expected.push((nip.clone(), user.id()));
            (user, token)
        })
        .collect();
    for (user, token) in &users {
        user.send(&format!("/start {token}"));
    }
    fake.wait_until(Duration::from_secs(90), "a reply to each of 300", |f| {
        users.iter().all(|(u, _)| f.deliveries(u.id()) >= 1)
    })
    .await;
    app.wait_idle(&fake).await;
    assert_eq!(linked_as_expected(&db, &expected).await, 300);
    assert_eq!(apologies(&fake), 0, "nobody was told something went wrong");
    assert_eq!(fake.responses_429(), 0, "replies kept to Telegram's limits");
    app.stop().await;
}

#[tokio::test]
async fn three_hundred_people_open_their_links_at_the_same_moment_on_sqlite() {
    three_hundred_people_open_their_links_at_the_same_moment(Backend::Sqlite).await;
}

#[tokio::test]
async fn three_hundred_people_open_their_links_at_the_same_moment_on_postgres() {
    three_hundred_people_open_their_links_at_the_same_moment(Backend::Postgres).await;
}

/// 3,000 linked people get a broadcast; while it goes out, 300 others open their links and HR
/// re-imports the organisation (everyone's position changes). Replies go ahead of the
/// broadcast's backlog, nothing fails, nothing is sent twice, and Telegram answers no 429.
async fn linking_while_a_broadcast_goes_out_and_hr_reimports(backend: Backend) {
    const RATE: u32 = 100;
    let db = TestDb::new(backend).await;
    import_generated(&db, 3300, 66).await;
    let receivers = link_first(&db, 1_000_000, 3000).await;
    let links = invite_links(&db, &[]).await;
    assert_eq!(links.len(), 300);
    let fake = FakeTelegram::start().await;
    fake.enforce_limits(RATE, 1.0);
    let app = TestApp::spawn_with(&fake, &db, start_time(), |s| {
        s.file.rate_limits.messages_per_second = RATE;
    })
    .await;
    broadcast_cli(&db, "Pengumuman: batas SKP 31 Januari", "all").await;
    fake.wait_until(Duration::from_secs(30), "the broadcast under way", |f| {
        f.total_deliveries() >= 200
    })
    .await;

    let dir = tempfile::tempdir().unwrap();
    let changed = dir.path().join("org.csv");
    let csv = kinerja_bot::sample::organisation_csv(3300, 66).replace(";Analis;", ";Analis SDM;");
    std::fs::write(&changed, csv).unwrap();
    let changed = changed.display().to_string();
    let url = db.url.clone();
    let reimport =
        tokio::spawn(
            async move { run_cli(&["import", &changed], &[("DATABASE_URL", &url)]).await },
        );

    let started = Instant::now();
    let mut expected = Vec::new();
    let users: Vec<_> = links
        .iter()
        .enumerate()
        .map(|(i, (nip, _, token))| {
            let user = fake.user(2_000_000 + i as i64, &format!("P{i}"), Some("id"));
            expected.push((nip.clone(), user.id()));
            (user, token)
        })
        .collect();
    for (user, token) in &users {
        user.send(&format!("/start {token}"));
    }
    fake.wait_until(Duration::from_secs(60), "a reply to each of 300", |f| {
        users.iter().all(|(u, _)| f.deliveries(u.id()) >= 1)
    })
    .await;
    let replies_took = started.elapsed();
    let broadcast_then: usize = receivers.iter().map(|(_, c)| fake.deliveries(*c)).sum();
    assert!(
        broadcast_then < 3000,
        "the replies came only after the broadcast's backlog ({replies_took:?})"
    );

    let (code, out, err) = reimport.await.unwrap();
    assert_eq!(code, 0, "re-import failed: {out}{err}");
    app.wait_idle(&fake).await;
    assert_eq!(linked_as_expected(&db, &expected).await, 300);
    let per_chat: HashMap<i64, usize> = fake.delivery_counts();
    let once = receivers
        .iter()
        .filter(|(_, c)| per_chat.get(c) == Some(&1))
        .count();
    assert_eq!(once, 3000, "each receiver got the broadcast exactly once");
    assert_eq!(apologies(&fake), 0);
    assert_eq!(fake.responses_429(), 0);
    let conn = db.connect().await;
    let positions: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM employees WHERE position = 'Analis SDM'")
            .fetch_one(conn.pool())
            .await
            .unwrap();
    assert_eq!(positions, 3300 - 66, "the re-import changed every Analis");
    app.stop().await;
}

#[tokio::test]
async fn linking_while_a_broadcast_goes_out_and_hr_reimports_on_sqlite() {
    linking_while_a_broadcast_goes_out_and_hr_reimports(Backend::Sqlite).await;
}

#[tokio::test]
async fn linking_while_a_broadcast_goes_out_and_hr_reimports_on_postgres() {
    linking_while_a_broadcast_goes_out_and_hr_reimports(Backend::Postgres).await;
}

on_both_backends!(
    a_person_flooding_the_bot_is_told_once_and_holds_back_nobody_else,
    |db: TestDb| async move {
        let fake = FakeTelegram::start().await;
        let app = TestApp::spawn_with(&fake, &db, start_time(), |s| {
            s.file.rate_limits.per_chat_interval_ms = 500;
        })
        .await;
        let flooder = fake.user(800_001, "Banjir", Some("en"));
        let others: Vec<_> = (0..50)
            .map(|i| fake.user(810_000 + i, &format!("O{i}"), Some("en")))
            .collect();
        for i in 0..100 {
            flooder.send(&format!("halo {i}"));
        }
        for u in &others {
            u.send("/help");
        }
        fake.wait_until(Duration::from_secs(30), "everyone else answered", |f| {
            others.iter().all(|u| f.deliveries(u.id()) >= 1)
        })
        .await;
        assert!(
            fake.deliveries(flooder.id()) < 21,
            "the others waited until the flooder was answered"
        );
        app.wait_idle(&fake).await;
        let to_flooder = fake.sent_to(flooder.id());
        let slow = text(Lang::En, Msg::SlowDown);
        let told = to_flooder.iter().filter(|s| s.text == slow).count();
        assert_eq!(told, 1, "told once to slow down");
        assert_eq!(to_flooder.len(), 21, "20 answered, the rest dropped");
        assert!(others.iter().all(|u| fake.deliveries(u.id()) == 1));
        let handled: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM inbox WHERE chat_id = $1 AND handled_at IS NOT NULL",
        )
        .bind(flooder.id())
        .fetch_one(app.app.db.pool())
        .await
        .unwrap();
        assert_eq!(handled, 100, "the dropped updates are recorded as handled");
        app.stop().await;
    }
);

#[tokio::test]
async fn updates_waiting_in_the_inbox_during_a_telegram_outage_are_all_answered_once() {
    let db = TestDb::sqlite();
    let fake = FakeTelegram::start().await;
    let app = TestApp::spawn(&fake, &db).await;
    let users: Vec<_> = (0..20)
        .map(|i| fake.user(820_000 + i, &format!("U{i}"), Some("id")))
        .collect();
    // The Bot API fails the next four sends, whoever they are for.
    fake.inject(Some("sendMessage"), None, 4, Fault::ServerError);
    for u in &users {
        u.send("/help");
    }
    let help = text(Lang::Id, Msg::Help);
    fake.wait_until(Duration::from_secs(60), "every user answered", |f| {
        users
            .iter()
            .all(|u| f.sent_to(u.id()).iter().any(|s| s.text == help))
    })
    .await;
    app.wait_idle(&fake).await;
    for u in &users {
        assert_eq!(
            fake.sent_to(u.id()).len(),
            1,
            "chat {} answered once",
            u.id()
        );
    }
    assert_eq!(apologies(&fake), 0);
    app.stop().await;
}

/// Makes the database unusable for `secs` seconds while the test goes on.
fn take_database_away(db: &TestDb, secs: u64) -> tokio::task::JoinHandle<()> {
    match db.backend {
        Backend::Sqlite => {
            let path = db.url.trim_start_matches("sqlite://").to_owned();
            tokio::task::spawn_blocking(move || {
                let script = format!(
                    "import sqlite3,sys,time; c=sqlite3.connect(sys.argv[1], isolation_level=None); \
                     c.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); \
                     time.sleep({secs}); c.execute('COMMIT')"
                );
                let out = std::process::Command::new("python3")
                    .args(["-c", &script, &path])
                    .output()
                    .unwrap();
                assert!(out.status.success(), "could not lock the database");
            })
        }
        Backend::Postgres => {
            let name = url::Url::parse(&db.url)
                .unwrap()
                .path()
                .trim_start_matches('/')
                .to_owned();
            tokio::spawn(async move {
                use sqlx::Connection;
                let admin = crate::support::pg_admin_url();
                let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
                let set = |allow: bool| {
                    sqlx::AssertSqlSafe(format!("ALTER DATABASE {name} ALLOW_CONNECTIONS {allow}"))
                };
                sqlx::query(set(false)).execute(&mut conn).await.unwrap();
                sqlx::query(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1",
                )
                .bind(&name)
                .execute(&mut conn)
                .await
                .unwrap();
                tokio::time::sleep(Duration::from_secs(secs)).await;
                sqlx::query(set(true)).execute(&mut conn).await.unwrap();
            })
        }
    }
}

on_both_backends!(
    updates_arriving_while_the_database_is_away_for_30_s_are_handled_once_it_is_back,
    |db: TestDb| async move {
        let fake = FakeTelegram::start().await;
        let app = TestApp::spawn_with(&fake, &db, start_time(), |s| {
            s.file.database.busy_timeout_seconds = 1;
        })
        .await;
        let users: Vec<_> = (0..40)
            .map(|i| fake.user(830_000 + i, &format!("U{i}"), Some("id")))
            .collect();
        // The bot is up and has answered once before the database goes.
        users[0].send("/help");
        fake.wait_for_messages(users[0].id(), 1).await;
        let away = take_database_away(&db, 30);
        tokio::time::sleep(Duration::from_secs(2)).await;
        for u in &users {
            u.send("/help");
        }
        away.await.unwrap();
        let help = text(Lang::Id, Msg::Help);
        fake.wait_until(Duration::from_secs(90), "every user answered", |f| {
            users
                .iter()
                .all(|u| f.sent_to(u.id()).iter().any(|s| s.text == help))
        })
        .await;
        app.wait_idle(&fake).await;
        assert_eq!(fake.sent_to(users[0].id()).len(), 2);
        for u in &users[1..] {
            assert_eq!(
                fake.sent_to(u.id()).len(),
                1,
                "chat {} answered once",
                u.id()
            );
        }
        assert_eq!(apologies(&fake), 0, "nobody was answered with an apology");
        app.stop().await;
    }
);

#[tokio::test]
async fn kill_9_after_storing_updates_and_before_confirming_them_answers_each_once() {
    let db = TestDb::sqlite();
    let fake = FakeTelegram::start().await;
    fake.hold_confirmations(true);
    let users: Vec<_> = (0..20)
        .map(|i| fake.user(840_000 + i, &format!("U{i}"), Some("id")))
        .collect();
    for u in &users {
        u.send("/help");
    }
    let mut bot = BotProcess::start(&fake, &db, &[]);
    // Handled from the inbox although Telegram has not been told they arrived.
    fake.wait_until(Duration::from_secs(30), "every user answered", |f| {
        users.iter().all(|u| f.deliveries(u.id()) >= 1)
    })
    .await;
    let conn = db.connect().await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while kinerja_bot::storage::inbox::pending_count(&conn)
        .await
        .unwrap()
        > 0
    {
        assert!(
            Instant::now() < deadline,
            "answered updates not marked handled"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    conn.close().await;
    assert_eq!(fake.unconfirmed(), 20, "nothing confirmed yet");
    bot.signal("-KILL");
    assert_eq!(bot.wait_exit(Duration::from_secs(10)).await, None);
    fake.hold_confirmations(false);

    // Telegram sends all 20 again; the inbox knows them.
    let mut bot = BotProcess::start(&fake, &db, &[]);
    users[0].send("/cancel");
    fake.wait_for_messages(users[0].id(), 2).await;
    fake.wait_until(Duration::from_secs(10), "the resent batch confirmed", |f| {
        f.unconfirmed() == 0
    })
    .await;
    assert_eq!(
        fake.sent_to(users[0].id()).len(),
        2,
        "help once, then cancel"
    );
    for u in &users[1..] {
        assert_eq!(fake.deliveries(u.id()), 1, "chat {} answered once", u.id());
    }
    bot.signal("-TERM");
    assert_eq!(bot.wait_exit(Duration::from_secs(20)).await, Some(0));
}

#[tokio::test]
async fn a_100000_row_file_checked_in_chat_does_not_hold_up_other_chats() {
    let db = TestDb::sqlite();
    import_generated(&db, 30, 3).await;
    let linked = link_everyone(&db, 850_000).await;
    let conn = db.connect().await;
    let hr_nip: String =
        sqlx::query_scalar("SELECT nip FROM employees WHERE role = 'pengelola_organisasi'")
            .fetch_one(conn.pool())
            .await
            .unwrap();
    conn.close().await;
    let hr_id = linked.iter().find(|(n, _)| *n == hr_nip).unwrap().1;
    let fake = FakeTelegram::start().await;
    let app = TestApp::spawn_with(&fake, &db, start_time(), |s| {
        s.file.rate_limits.messages_per_second = 100;
    })
    .await;
    let hr = fake.user(hr_id, "HR", Some("id"));
    let others: Vec<_> = (0..20)
        .map(|i| fake.user(860_000 + i, &format!("O{i}"), Some("id")))
        .collect();
    let file = kinerja_bot::sample::organisation_csv(100_000, 2000);
    hr.upload("pegawai.csv", file.as_bytes());
    fake.wait_until(Duration::from_secs(20), "the file fetched", |f| {
        f.calls("getFile") >= 1
    })
    .await;
    for u in &others {
        u.send("/help");
    }
    let question = text(Lang::Id, Msg::ImportConfirmQuestion);
    fake.wait_until(Duration::from_secs(30), "everyone else answered", |f| {
        others.iter().all(|u| f.deliveries(u.id()) >= 1)
    })
    .await;
    assert!(
        !fake.sent_to(hr.id()).iter().any(|s| s.text == question),
        "the others were answered only after the file was checked"
    );
    fake.wait_until(Duration::from_secs(120), "the import preview", |f| {
        f.sent_to(hr.id()).iter().any(|s| s.text == question)
    })
    .await;
    app.stop().await;
}
