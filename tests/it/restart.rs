//! Restarts of the real binary: a stop finishes what is in hand, and no update is skipped or
//! answered twice, except those in flight at a `kill -9`.

use std::time::Duration;

use kinerja_bot::domain::Lang;
use kinerja_bot::i18n::{Msg, text};

use crate::support::{BotProcess, FakeTelegram, Fault, TestDb};

fn help_replies(fake: &FakeTelegram, chat: i64) -> usize {
    let help = text(Lang::Id, Msg::Help);
    fake.sent_to(chat).iter().filter(|s| s.text == help).count()
}

#[tokio::test]
async fn sigterm_between_updates_stops_cleanly_and_nothing_is_lost_or_repeated() {
    let fake = FakeTelegram::start().await;
    let db = TestDb::sqlite();
    let user = fake.user(1001, "Hana", Some("id"));
    let mut bot = BotProcess::start(&fake, &db, &[]);
    user.send("/help");
    fake.wait_for_messages(user.id(), 1).await;
    bot.signal("-TERM");
    assert_eq!(
        bot.wait_exit(Duration::from_secs(20)).await,
        Some(0),
        "{}",
        bot.stderr()
    );
    assert!(bot.stderr().contains("stopped cleanly"), "{}", bot.stderr());

    user.send("/help"); // written while the bot is down
    let mut bot = BotProcess::start(&fake, &db, &[]);
    fake.wait_for_messages(user.id(), 2).await;
    user.send("/cancel"); // a marker: once answered, everything before it was seen
    fake.wait_for_messages(user.id(), 3).await;
    assert_eq!(help_replies(&fake, user.id()), 2);
    assert_eq!(fake.sent_to(user.id()).len(), 3);
    bot.signal("-INT");
    assert_eq!(bot.wait_exit(Duration::from_secs(20)).await, Some(0));
}

#[tokio::test]
async fn sigterm_during_an_update_finishes_it_before_stopping() {
    let fake = FakeTelegram::start().await;
    let db = TestDb::sqlite();
    let user = fake.user(1101, "Indah", Some("id"));
    let mut bot = BotProcess::start(&fake, &db, &[]);
    // The reply takes two seconds to get through: the stop arrives while it is in hand.
    fake.inject(
        Some("sendMessage"),
        None,
        1,
        Fault::Delay(Duration::from_secs(2)),
    );
    let calls_before = fake.calls("sendMessage");
    user.send("/help");
    fake.wait_until(Duration::from_secs(20), "the stalled send", |f| {
        f.calls("sendMessage") > calls_before
    })
    .await;
    bot.signal("-TERM");
    assert_eq!(
        bot.wait_exit(Duration::from_secs(30)).await,
        Some(0),
        "{}",
        bot.stderr()
    );
    assert_eq!(
        help_replies(&fake, user.id()),
        1,
        "the update in hand was finished"
    );

    let mut bot = BotProcess::start(&fake, &db, &[]);
    user.send("/cancel");
    fake.wait_for_messages(user.id(), 2).await;
    assert_eq!(
        help_replies(&fake, user.id()),
        1,
        "not answered again after restart"
    );
    bot.signal("-TERM");
    assert_eq!(bot.wait_exit(Duration::from_secs(20)).await, Some(0));
}

#[tokio::test]
async fn kill_9_in_a_stream_from_many_users_loses_nothing_and_repeats_only_what_was_in_flight() {
    const USERS: i64 = 30;
    const EACH: usize = 8;
    let fake = FakeTelegram::start().await;
    let db = TestDb::sqlite();
    let users: Vec<_> = (0..USERS)
        .map(|i| fake.user(2000 + i, &format!("U{i}"), Some("id")))
        .collect();
    for round in 0..EACH {
        for u in &users {
            let _ = round;
            u.send("/help");
        }
    }
    let total = USERS as usize * EACH;
    let mut bot = BotProcess::start(&fake, &db, &[]);
    fake.wait_until(Duration::from_secs(60), "a third of the replies", |f| {
        f.all_sent().len() >= total / 3
    })
    .await;
    bot.signal("-KILL");
    assert_eq!(
        bot.wait_exit(Duration::from_secs(10)).await,
        None,
        "killed by a signal"
    );
    let at_kill = fake.all_sent().len();
    assert!(at_kill < total, "the kill came too late to test anything");

    let mut bot = BotProcess::start(&fake, &db, &[]);
    fake.wait_until(Duration::from_secs(120), "every user answered", |f| {
        users.iter().all(|u| help_replies(f, u.id()) >= EACH)
    })
    .await;
    // Nothing more is coming: a marker from one user is answered after the backlog.
    users[0].send("/cancel");
    fake.wait_for_messages(users[0].id(), EACH + 1).await;
    let extra: usize = users
        .iter()
        .map(|u| help_replies(&fake, u.id()) - EACH)
        .sum();
    // Each chat has at most one update in hand, and at most max_concurrent_chats (16) chats are
    // handled at once.
    assert!(extra <= 16, "{extra} updates answered twice");
    for u in &users {
        assert!(
            help_replies(&fake, u.id()) <= EACH + 1,
            "chat {} repeated more than once",
            u.id()
        );
    }
    bot.signal("-TERM");
    assert_eq!(bot.wait_exit(Duration::from_secs(20)).await, Some(0));
}

#[tokio::test]
async fn a_stop_during_a_long_retry_after_is_quick_and_the_update_is_answered_after_restart() {
    let fake = FakeTelegram::start().await;
    let db = TestDb::sqlite();
    let user = fake.user(1201, "Joni", Some("id"));
    let mut bot = BotProcess::start(&fake, &db, &[]);
    fake.inject(
        Some("sendMessage"),
        None,
        1,
        Fault::TooManyRequests { retry_after: 50 },
    );
    user.send("/help");
    fake.wait_until(Duration::from_secs(20), "the 429", |f| {
        f.responses_429() == 1
    })
    .await;
    let asked_to_stop = std::time::Instant::now();
    bot.signal("-TERM");
    assert_eq!(
        bot.wait_exit(Duration::from_secs(20)).await,
        Some(0),
        "{}",
        bot.stderr()
    );
    assert!(
        asked_to_stop.elapsed() < Duration::from_secs(10),
        "did not wait out retry_after"
    );
    assert_eq!(help_replies(&fake, user.id()), 0);

    let mut bot = BotProcess::start(&fake, &db, &[]);
    fake.wait_for_messages(user.id(), 1).await;
    user.send("/cancel");
    fake.wait_for_messages(user.id(), 2).await;
    assert_eq!(
        help_replies(&fake, user.id()),
        1,
        "answered once, after the restart"
    );
    bot.signal("-TERM");
    assert_eq!(bot.wait_exit(Duration::from_secs(20)).await, Some(0));
}
