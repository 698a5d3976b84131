//! People talking to the bot: /start, /help, /language, /cancel, buttons, and what goes wrong.

use kinerja_bot::bot::features::account;
use kinerja_bot::domain::{ChatId, Lang, UserId};
use kinerja_bot::i18n::{Msg, text};
use kinerja_bot::storage::{self, Backend};

use crate::support::{FakeTelegram, Fault, TestApp, TestDb, forged};

#[tokio::test]
async fn start_greets_by_name_in_the_language_of_the_telegram_client() {
    let fake = FakeTelegram::start().await;
    let db = TestDb::sqlite();
    let app = TestApp::spawn(&fake, &db).await;
    let siti = fake.user(101, "Siti", Some("en"));
    let budi = fake.user(102, "Budi", Some("id"));
    siti.send("/start");
    budi.send("/start");
    let to_siti = fake.wait_for_messages(siti.id(), 1).await;
    let to_budi = fake.wait_for_messages(budi.id(), 1).await;
    assert!(
        to_siti[0].text.starts_with("Hello, Siti!"),
        "{}",
        to_siti[0].text
    );
    assert!(
        to_siti[0].text.contains("not linked"),
        "{}",
        to_siti[0].text
    );
    assert!(
        to_budi[0].text.starts_with("Halo, Budi!"),
        "{}",
        to_budi[0].text
    );
    assert!(
        to_budi[0].text.contains("belum terhubung"),
        "{}",
        to_budi[0].text
    );
    app.stop().await;
}

#[tokio::test]
async fn the_command_menu_is_published_in_both_languages() {
    let fake = FakeTelegram::start().await;
    let db = TestDb::sqlite();
    let app = TestApp::spawn(&fake, &db).await;
    fake.wait_until(
        std::time::Duration::from_secs(10),
        "setMyCommands for en",
        |f| !f.commands("en").is_empty(),
    )
    .await;
    let en = fake.commands("en");
    let id = fake.commands("id");
    let names: Vec<&str> = en.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(
        names,
        [
            "start",
            "help",
            "profile",
            "team",
            "units",
            "invite",
            "dialog",
            "feedback",
            "round",
            "predikat",
            "period",
            "deadline",
            "broadcast",
            "report",
            "language",
            "cancel"
        ]
    );
    let desc = |list: &[(String, String)], name: &str| {
        list.iter()
            .find(|(c, _)| c == name)
            .map(|(_, d)| d.clone())
            .unwrap_or_default()
    };
    assert_eq!(desc(&en, "language"), "Change language");
    assert_eq!(desc(&id, "language"), "Ganti bahasa");
    assert_eq!(
        desc(&en, "feedback"),
        "360 feedback: rate colleagues, results, notes"
    );
    assert_eq!(
        desc(&id, "feedback"),
        "Umpan balik 360: nilai rekan, hasil, catatan"
    );
    assert_eq!(
        desc(&id, "dialog"),
        "Dialog kinerja: catat, konfirmasi, riwayat"
    );
    assert_eq!(desc(&id, "deadline"), "Tenggat mendatang");
    assert_eq!(
        desc(&id, "period"),
        "HR: periode penilaian, predikat organisasi, sebaran predikat"
    );
    assert_eq!(fake.commands(""), id, "the default menu is Indonesian");
    app.stop().await;
}

async fn language_choice_survives_a_restart(backend: Backend) {
    let fake = FakeTelegram::start().await;
    let db = TestDb::new(backend).await;
    let app = TestApp::spawn(&fake, &db).await;
    let ani = fake.user(201, "Ani", Some("id"));
    ani.send("/language");
    let prompt = fake.wait_for_messages(ani.id(), 1).await;
    assert_eq!(prompt[0].text, "Pilih bahasa:");
    assert_eq!(prompt[0].labels(), ["Bahasa Indonesia", "English"]);
    ani.tap("English");
    fake.wait_until(
        std::time::Duration::from_secs(10),
        "the prompt edited",
        |f| f.sent_to(ani.id())[0].edits == 1,
    )
    .await;
    let edited = &fake.sent_to(ani.id())[0];
    assert_eq!(edited.text, "Language set to English.");
    assert!(
        edited.buttons.is_empty(),
        "the buttons are gone once chosen"
    );
    app.stop().await;

    let app = TestApp::spawn(&fake, &db).await;
    ani.send("/help");
    let msgs = fake.wait_for_messages(ani.id(), 2).await;
    assert_eq!(msgs[1].text, text(Lang::En, Msg::Help));
    app.stop().await;
}

#[tokio::test]
async fn language_choice_survives_a_restart_on_sqlite() {
    language_choice_survives_a_restart(Backend::Sqlite).await;
}

#[tokio::test]
async fn language_choice_survives_a_restart_on_postgres() {
    language_choice_survives_a_restart(Backend::Postgres).await;
}

#[tokio::test]
async fn cancel_leaves_the_language_prompt_and_its_buttons_go_stale() {
    let fake = FakeTelegram::start().await;
    let db = TestDb::sqlite();
    let app = TestApp::spawn(&fake, &db).await;
    let joko = fake.user(301, "Joko", Some("id"));
    joko.send("/cancel");
    let msgs = fake.wait_for_messages(joko.id(), 1).await;
    assert_eq!(msgs[0].text, text(Lang::Id, Msg::CancelNothing));

    joko.send("/language");
    let msgs = fake.wait_for_messages(joko.id(), 2).await;
    let prompt = msgs[1].clone();
    joko.send("/cancel");
    let msgs = fake.wait_for_messages(joko.id(), 3).await;
    assert_eq!(msgs[2].text, text(Lang::Id, Msg::CancelDone));
    assert!(
        fake.sent_to(joko.id())[1].buttons.is_empty(),
        "keyboard removed on cancel"
    );

    // The old button, pressed anyway (a client may still show it), changes nothing.
    joko.press(&prompt, &forged(account::Button::SetLanguage(Lang::En)));
    fake.wait_until(
        std::time::Duration::from_secs(10),
        "the stale answer",
        |f| !f.callback_answers().is_empty(),
    )
    .await;
    assert_eq!(
        fake.callback_answers()[0].1.as_deref(),
        Some(text(Lang::Id, Msg::StaleButton).as_str())
    );
    joko.send("/help");
    let msgs = fake.wait_for_messages(joko.id(), 4).await;
    assert_eq!(msgs[3].text, text(Lang::Id, Msg::Help), "still Indonesian");
    app.stop().await;
}

#[tokio::test]
async fn forged_button_data_and_another_users_message_are_refused() {
    let fake = FakeTelegram::start().await;
    let db = TestDb::sqlite();
    let app = TestApp::spawn(&fake, &db).await;
    let owner = fake.user(401, "Owner", Some("id"));
    let intruder = fake.user(402, "Intruder", Some("id"));
    owner.send("/language");
    let prompt = fake.wait_for_messages(owner.id(), 1).await.remove(0);

    owner.press(&prompt, "lang:fr");
    owner.press(&prompt, "admin:delete_all");
    // The intruder replays the owner's valid button on the owner's message.
    intruder.press(&prompt, &forged(account::Button::SetLanguage(Lang::En)));
    fake.wait_until(
        std::time::Duration::from_secs(10),
        "three callback answers",
        |f| f.callback_answers().len() == 3,
    )
    .await;
    let stale = text(Lang::Id, Msg::StaleButton);
    assert!(
        fake.callback_answers()
            .iter()
            .all(|(_, t)| t.as_deref() == Some(&stale))
    );
    let db_conn = db.connect().await;
    assert_eq!(
        storage::users::language(&db_conn, UserId(401))
            .await
            .unwrap(),
        Some(Lang::Id)
    );
    assert_eq!(
        storage::users::language(&db_conn, UserId(402))
            .await
            .unwrap(),
        Some(Lang::Id)
    );
    assert_eq!(
        fake.sent_to(owner.id())[0].edits,
        0,
        "the owner's prompt is untouched"
    );

    // The owner can still answer their own prompt.
    owner.tap("English");
    fake.wait_until(
        std::time::Duration::from_secs(10),
        "the owner's choice",
        |f| f.sent_to(owner.id())[0].edits == 1,
    )
    .await;
    app.stop().await;
}

#[tokio::test]
async fn unknown_commands_and_free_text_get_a_pointer_to_help() {
    let fake = FakeTelegram::start().await;
    let db = TestDb::sqlite();
    let app = TestApp::spawn(&fake, &db).await;
    let user = fake.user(501, "Rina", Some("en"));
    user.send("/frobnicate");
    fake.wait_for_messages(user.id(), 1).await;
    user.send("hello there");
    fake.wait_for_messages(user.id(), 2).await;
    user.upload("pegawai.csv", b"nip,nama\n");
    let msgs = fake.wait_for_messages(user.id(), 3).await;
    assert_eq!(msgs[0].text, text(Lang::En, Msg::UnknownCommand));
    assert_eq!(msgs[1].text, text(Lang::En, Msg::UnknownInput));
    assert_eq!(
        msgs[2].text,
        text(Lang::En, Msg::NotLinked),
        "uploads are for linked HR"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_429_on_a_reply_is_waited_out_and_the_reply_arrives_once() {
    let fake = FakeTelegram::start().await;
    let db = TestDb::sqlite();
    let app = TestApp::spawn(&fake, &db).await;
    let user = fake.user(601, "Dewi", Some("id"));
    fake.inject(
        Some("sendMessage"),
        Some(user.id()),
        1,
        Fault::TooManyRequests { retry_after: 1 },
    );
    let started = std::time::Instant::now();
    user.send("/help");
    let msgs = fake.wait_for_messages(user.id(), 1).await;
    assert!(
        started.elapsed() >= std::time::Duration::from_secs(1),
        "retry_after honoured"
    );
    assert_eq!(msgs.len(), 1);
    assert_eq!(fake.responses_429(), 1);
    app.stop().await;
}

#[tokio::test]
async fn a_user_who_blocked_the_bot_is_marked_unreachable() {
    let fake = FakeTelegram::start().await;
    let db = TestDb::sqlite();
    let app = TestApp::spawn(&fake, &db).await;
    let user = fake.user(701, "Eko", Some("id"));
    fake.block(user.id());
    user.send("/help");
    let conn = db.connect().await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !storage::users::is_blocked(&conn, ChatId(701))
        .await
        .unwrap()
    {
        assert!(std::time::Instant::now() < deadline, "never marked blocked");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(fake.calls("sendMessage"), 1, "a 403 is not retried");
    app.stop().await;
}

#[tokio::test]
async fn a_database_failure_gets_a_polite_apology() {
    let fake = FakeTelegram::start().await;
    let db = TestDb::sqlite();
    let app = TestApp::spawn(&fake, &db).await;
    let user = fake.user(801, "Fajar", Some("en"));
    user.send("/help");
    fake.wait_for_messages(user.id(), 1).await;
    let conn = db.connect().await;
    sqlx::query("DROP TABLE conversations")
        .execute(conn.pool())
        .await
        .unwrap();
    user.send("/cancel");
    let msgs = fake.wait_for_messages(user.id(), 2).await;
    assert_eq!(msgs[1].text, text(Lang::En, Msg::InternalError));
    app.stop().await;
}

#[tokio::test]
async fn failing_get_updates_after_start_is_retried_and_nothing_is_lost() {
    let fake = FakeTelegram::start().await;
    let db = TestDb::sqlite();
    let app = TestApp::spawn(&fake, &db).await;
    let user = fake.user(901, "Gilang", Some("id"));
    fake.inject(
        Some("getUpdates"),
        None,
        2,
        Fault::TooManyRequests { retry_after: 1 },
    );
    user.send("/help");
    let msgs = fake.wait_for_messages(user.id(), 1).await;
    assert_eq!(msgs[0].text, text(Lang::Id, Msg::Help));
    assert_eq!(fake.sent_to(user.id()).len(), 1, "answered once");
    app.stop().await;
}

#[tokio::test]
async fn a_text_over_the_limit_is_refused_with_the_limit_and_changes_nothing() {
    let fake = FakeTelegram::start().await;
    let db = TestDb::sqlite();
    let app = TestApp::spawn(&fake, &db).await;
    let user = fake.user(1301, "Lina", Some("en"));
    let long = "a".repeat(kinerja_bot::bot::input::MAX_TEXT_CHARS + 1);
    let answer = user.say(&long).await;
    assert_eq!(
        answer,
        "That message is too long: the bot reads at most 4096 characters. Please send it shorter."
    );
    // Exactly at the limit is read as usual.
    let at_limit = "a".repeat(kinerja_bot::bot::input::MAX_TEXT_CHARS);
    assert_eq!(user.say(&at_limit).await, text(Lang::En, Msg::UnknownInput));
    app.stop().await;
}
