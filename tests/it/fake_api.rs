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

#[tokio::test]
async fn flood_limits_answer_429_with_retry_after() {
    let fake = FakeTelegram::start().await;
    let bot = bot(&fake);
    fake.enforce_limits(5, 1.0);
    // A short burst to one chat passes; the fourth message in the same instant does not.
    for _ in 0..3 {
        bot.send_message(ChatId(1), "x").await.unwrap();
    }
    let err = bot.send_message(ChatId(1), "x").await.unwrap_err();
    assert!(
        matches!(err, RequestError::RetryAfter(s) if s.seconds() == 1),
        "{err:?}"
    );
    // Two more chats use up the overall bucket of 5.
    bot.send_message(ChatId(2), "x").await.unwrap();
    bot.send_message(ChatId(3), "x").await.unwrap();
    let err = bot.send_message(ChatId(4), "x").await.unwrap_err();
    assert!(matches!(err, RequestError::RetryAfter(_)), "{err:?}");
    assert_eq!(fake.responses_429(), 2);
    assert_eq!(fake.deliveries(1), 3, "a 429 delivers nothing");
    assert_eq!(fake.deliveries(4), 0);
    // Other methods are not limited.
    assert!(bot.get_me().await.is_ok());
    // After the wait Telegram asked for, sending works again.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    bot.send_message(ChatId(1), "x").await.unwrap();
    bot.send_message(ChatId(4), "x").await.unwrap();
    assert_eq!(fake.total_deliveries(), 7);
}

#[tokio::test]
async fn lean_mode_counts_messages_without_keeping_them() {
    let fake = FakeTelegram::start().await;
    let bot = bot(&fake);
    fake.lean();
    let msg = bot.send_message(ChatId(1), "hai").await.unwrap();
    assert_eq!(msg.text(), Some("hai"), "the bot still gets a Message");
    bot.send_message(ChatId(1), "lagi").await.unwrap();
    bot.send_document(
        ChatId(2),
        InputFile::memory(b"x".to_vec()).file_name("a.csv"),
    )
    .await
    .unwrap();
    assert!(fake.sent_to(1).is_empty());
    assert_eq!(fake.sent_to(2).len(), 1, "documents are still kept");
    assert_eq!(fake.deliveries(1), 2);
    assert_eq!(fake.deliveries(2), 1);
    assert_eq!(fake.total_deliveries(), 3);
    assert_eq!(fake.delivery_counts().len(), 2);
}

#[tokio::test]
async fn html_is_checked_and_shown_as_the_user_sees_it() {
    use teloxide::types::ParseMode;

    let fake = FakeTelegram::start().await;
    let bot = bot(&fake);
    let raw = "<b>Nilai</b> &lt;90&gt; &amp; <a href=\"https://x.id/?a=1>2\">tautan</a> &#x1F600;";
    let msg = bot
        .send_message(ChatId(1), raw)
        .parse_mode(ParseMode::Html)
        .await
        .unwrap();
    let seen = "Nilai <90> & tautan \u{1F600}";
    assert_eq!(msg.text(), Some(seen));
    let sent = &fake.sent_to(1)[0];
    assert_eq!(sent.text, seen);
    assert_eq!(sent.html.as_deref(), Some(raw));

    for bad in [
        "a < b",
        "a & b",
        "<b>x",
        "<b>x</i>",
        "x</b>",
        "<div>x</div>",
        "<b><i>x</b></i>",
    ] {
        let err = bot
            .send_message(ChatId(1), bad)
            .parse_mode(ParseMode::Html)
            .await
            .unwrap_err();
        assert!(
            matches!(err, RequestError::Api(ApiError::CantParseEntities(_))),
            "{bad:?}: {err:?}"
        );
    }
    // Without parse_mode the same text is plain and fine.
    bot.send_message(ChatId(1), "a < b & c").await.unwrap();
    assert_eq!(fake.sent_to(1)[1].html, None);
    assert_eq!(fake.deliveries(1), 2);

    // An edit is checked the same way and replaces what the user sees.
    bot.edit_message_text(ChatId(1), msg.id, "<i>baru</i>")
        .parse_mode(ParseMode::Html)
        .await
        .unwrap();
    let sent = &fake.sent_to(1)[0];
    assert_eq!(sent.text, "baru");
    assert_eq!(sent.html.as_deref(), Some("<i>baru</i>"));
    let err = bot
        .edit_message_text(ChatId(1), msg.id, "<u>x")
        .parse_mode(ParseMode::Html)
        .await
        .unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::CantParseEntities(_))),
        "{err:?}"
    );
}
