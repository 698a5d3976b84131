//! The fake Bot API itself, driven with teloxide's own client: if the fake drifted from
//! Telegram's behaviour, every other test would prove less.

use std::time::Duration;

use teloxide::prelude::*;
use teloxide::types::InputFile;
use teloxide::{ApiError, RequestError};

use crate::support::{FakeTelegram, Fault, TOKEN};

fn bot(fake: &FakeTelegram) -> Bot {
    Bot::new(TOKEN).set_api_url(fake.url().parse().unwrap())
}

#[tokio::test]
async fn get_updates_follows_telegrams_offset_rules() {
    let fake = FakeTelegram::start().await;
    let bot = bot(&fake);
    let user = fake.user(1, "A", None);
    let first = user.send("one");
    user.send("two");
    let all = bot.get_updates().await.unwrap();
    assert_eq!(all.len(), 2);
    // Without a higher offset nothing is confirmed: the same updates come again.
    assert_eq!(bot.get_updates().await.unwrap().len(), 2);
    let next = bot.get_updates().offset(first as i32 + 1).await.unwrap();
    assert_eq!(next.len(), 1);
    assert_eq!(
        fake.unconfirmed(),
        1,
        "the first update is confirmed for good"
    );
    let limited = bot.get_updates().limit(1).await.unwrap();
    assert_eq!(limited.len(), 1);
}

#[tokio::test]
async fn a_long_poll_returns_as_soon_as_a_user_writes() {
    let fake = FakeTelegram::start().await;
    let bot = bot(&fake);
    let user = fake.user(2, "B", None);
    let poll = tokio::spawn(async move { bot.get_updates().timeout(10).await });
    tokio::time::sleep(Duration::from_millis(200)).await;
    user.send("hello");
    let got = tokio::time::timeout(Duration::from_secs(5), poll)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert_eq!(got.len(), 1);
}

#[tokio::test]
async fn scripted_faults_answer_like_telegram() {
    let fake = FakeTelegram::start().await;
    let bot = bot(&fake);
    fake.inject(
        Some("sendMessage"),
        Some(5),
        1,
        Fault::TooManyRequests { retry_after: 7 },
    );
    let err = bot.send_message(ChatId(5), "x").await.unwrap_err();
    assert!(
        matches!(err, RequestError::RetryAfter(s) if s.seconds() == 7),
        "{err:?}"
    );

    fake.block(6);
    let err = bot.send_message(ChatId(6), "x").await.unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::BotBlocked)),
        "{err:?}"
    );

    fake.inject(Some("getMe"), None, 1, Fault::ServerError);
    let err = bot.get_me().await.unwrap_err();
    assert!(err.to_string().contains("Internal Server Error"), "{err}");
    // The fault was used up; the next call succeeds and is delivered.
    assert!(bot.send_message(ChatId(5), "after").await.is_ok());
    assert_eq!(fake.sent_to(5).len(), 1);
}

#[tokio::test]
async fn documents_and_photos_arrive_with_their_bytes() {
    let fake = FakeTelegram::start().await;
    let bot = bot(&fake);
    bot.send_document(
        ChatId(9),
        InputFile::memory(b"nip;nama\n".to_vec()).file_name("laporan.csv"),
    )
    .caption("Laporan")
    .await
    .unwrap();
    bot.send_photo(
        ChatId(9),
        InputFile::memory(vec![137, 80, 78, 71]).file_name("grafik.png"),
    )
    .await
    .unwrap();
    let sent = fake.sent_to(9);
    assert_eq!(sent[0].file_name.as_deref(), Some("laporan.csv"));
    assert_eq!(sent[0].file.as_deref(), Some(&b"nip;nama\n"[..]));
    assert_eq!(sent[0].text, "Laporan");
    assert_eq!(sent[1].method, "sendPhoto");
    assert_eq!(sent[1].file.as_ref().map(Vec::len), Some(4));
}

#[tokio::test]
async fn a_stalled_call_hangs_until_the_client_gives_up() {
    let fake = FakeTelegram::start().await;
    let client = teloxide::net::default_reqwest_settings()
        .timeout(Duration::from_millis(500))
        .build()
        .unwrap();
    let bot = Bot::with_client(TOKEN, client).set_api_url(fake.url().parse().unwrap());
    fake.inject(
        Some("getMe"),
        None,
        1,
        Fault::Stall(Duration::from_secs(30)),
    );
    let started = std::time::Instant::now();
    let err = bot.get_me().await.unwrap_err();
    assert!(matches!(err, RequestError::Network(_)), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(5));
    // The fault is spent: the next call answers.
    assert!(bot.get_me().await.is_ok());
}
