//! Invite links: issued by the CLI, redeemed with /start, single use, expiring, hashed.

use kinerja_bot::domain::Lang;
use kinerja_bot::i18n::{Msg, text};
use kinerja_bot::storage::Backend;

use crate::support::example::TEGUH;
use crate::support::{
    FakeTelegram, TestApp, TestDb, import_example, invite_links, invite_token, run_binary, run_cli,
};

const MUTASI: &str = "Badan Kepegawaian Daerah > Bidang Mutasi";

/// Imports the example agency and issues links with the CLI; returns (nip, name, token).
async fn invites_for(db: &TestDb, args: &[&str]) -> Vec<(String, String, String)> {
    import_example(db).await;
    invite_links(db, args).await
}

async fn an_invite_links_once_and_never_again(backend: Backend) {
    let db = TestDb::new(backend).await;
    let links = invites_for(&db, &["--unit", MUTASI]).await;
    let names: Vec<&str> = links.iter().map(|(_, n, _)| n.as_str()).collect();
    assert_eq!(links.len(), 4, "head of unit and three staff: {names:?}");
    let (_, maya_name, maya_link) = links
        .iter()
        .find(|(_, n, _)| n.starts_with("Maya"))
        .unwrap();

    let conn = db.connect().await;
    let stored: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM invite_tokens")
        .fetch_all(conn.pool())
        .await
        .unwrap();
    assert!(
        stored.iter().all(|h| !h.contains(maya_link.as_str())),
        "tokens are stored hashed"
    );

    let fake = FakeTelegram::start().await;
    let app = TestApp::spawn(&fake, &db).await;
    let maya = fake.user(5001, "maya_k", Some("en"));
    let stranger = fake.user(5002, "x", Some("id"));
    maya.send(&format!("/start {}", maya_link.as_str()));
    let msgs = fake.wait_for_messages(maya.id(), 1).await;
    // HR's file says Indonesian for Maya: the file wins over her English client.
    assert!(
        msgs[0]
            .text
            .starts_with(&format!("Selamat datang, {maya_name}!")),
        "{}",
        msgs[0].text
    );

    stranger.send(&format!("/start {}", maya_link.as_str()));
    stranger.send("/start abc");
    stranger.send("/start AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    let msgs = fake.wait_for_messages(stranger.id(), 3).await;
    assert_eq!(msgs[0].text, text(Lang::Id, Msg::InviteUsed));
    assert_eq!(msgs[1].text, text(Lang::Id, Msg::InviteMalformed));
    assert_eq!(msgs[2].text, text(Lang::Id, Msg::InviteUnknown));

    maya.send("/start");
    let msgs = fake.wait_for_messages(maya.id(), 2).await;
    assert!(
        msgs[1].text.contains(maya_name.as_str()),
        "greeted as linked: {}",
        msgs[1].text
    );

    // Maya's account cannot take a colleague's link too.
    let (_, _, other_link) = links
        .iter()
        .find(|(_, n, _)| n.starts_with("Teguh"))
        .unwrap();
    maya.send(&format!("/start {}", other_link.as_str()));
    let msgs = fake.wait_for_messages(maya.id(), 3).await;
    assert_eq!(msgs[2].text, text(Lang::Id, Msg::InviteAccountTaken));

    // After the expiry (14 days by default) a link no longer works.
    app.clock.advance(chrono::TimeDelta::days(60));
    stranger.send(&format!("/start {}", other_link.as_str()));
    let msgs = fake.wait_for_messages(stranger.id(), 4).await;
    assert_eq!(msgs[3].text, text(Lang::Id, Msg::InviteExpired));
    app.stop().await;
}

#[tokio::test]
async fn an_invite_links_once_and_never_again_on_sqlite() {
    an_invite_links_once_and_never_again(Backend::Sqlite).await;
}

#[tokio::test]
async fn an_invite_links_once_and_never_again_on_postgres() {
    an_invite_links_once_and_never_again(Backend::Postgres).await;
}

#[tokio::test]
async fn a_new_link_moves_the_employee_to_a_new_telegram_account() {
    let db = TestDb::sqlite();
    let first = invites_for(&db, &["--nip", "199001012015031001"]).await;
    assert_eq!(first.len(), 1);
    let fake = FakeTelegram::start().await;
    let app = TestApp::spawn(&fake, &db).await;
    let old_phone = fake.user(6001, "Dimas", Some("en"));
    old_phone.send(&format!("/start {}", first[0].2));
    fake.wait_for_messages(old_phone.id(), 1).await;

    // A lost phone: HR issues a new link; the old account is unlinked once it is used.
    let token = invite_token(&db, "199001012015031001").await;
    let new_phone = fake.user(6002, "Dimas", Some("en"));
    new_phone.send(&format!("/start {token}"));
    let msgs = fake.wait_for_messages(new_phone.id(), 1).await;
    assert!(
        msgs[0].text.starts_with("Welcome, Dimas Prasetyo"),
        "{}",
        msgs[0].text
    );
    // The old phone was told, and is a stranger now.
    let msgs = fake.wait_for_messages(old_phone.id(), 2).await;
    assert_eq!(msgs[1].text, text(Lang::En, Msg::LinkMovedAway));
    old_phone.send("/start");
    let msgs = fake.wait_for_messages(old_phone.id(), 3).await;
    assert!(msgs[2].text.contains("not linked"), "{}", msgs[2].text);
    app.stop().await;
}

#[tokio::test]
async fn invites_can_be_written_as_xlsx_for_mail_merge() {
    let db = TestDb::sqlite();
    invites_for(&db, &["--unit", MUTASI]).await;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("undangan.xlsx");
    let out_s = out.display().to_string();
    let (code, _, err) = run_binary(
        &[
            "invites",
            "--bot-username",
            "kinerja_test_bot",
            "-o",
            &out_s,
        ],
        &[("DATABASE_URL", &db.url)],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("16 invite links written"),
        "everyone unlinked gets one: {err}"
    );
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"), "an XLSX (zip) file");
}

/// Linking is a visible event: the account that loses the link is told, and organisation HR
/// can export who was linked to which account, when, by which link and from whom.
async fn a_link_moving_to_another_account_tells_the_old_one_and_is_audited(backend: Backend) {
    let db = TestDb::new(backend).await;
    import_example(&db).await;
    let fake = FakeTelegram::start().await;
    let app = TestApp::spawn(&fake, &db).await;
    let first = fake.user(6101, "Teguh", Some("id"));
    first
        .say(&format!("/start {}", invite_token(&db, TEGUH).await))
        .await;
    let second = fake.user(6102, "Teguh baru", Some("id"));
    second
        .say(&format!("/start {}", invite_token(&db, TEGUH).await))
        .await;
    let moved = text(Lang::Id, Msg::LinkMovedAway);
    fake.wait_until(
        std::time::Duration::from_secs(10),
        "the old account told",
        |f| f.sent_to(6101).iter().any(|s| s.text == moved),
    )
    .await;
    assert!(!fake.sent_to(6102).iter().any(|s| s.text == moved));

    let (code, out, err) = run_cli(&["links"], &[("DATABASE_URL", &db.url)]).await;
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[0].starts_with("waktu;nip;nama;akun_telegram;akun_sebelumnya"),
        "{out}"
    );
    assert!(
        lines[1].contains(";6101;;") && lines[1].ends_with(";cli"),
        "{out}"
    );
    assert!(lines[2].contains(";6102;6101;"), "{out}");
    app.stop().await;
}

#[tokio::test]
async fn a_link_moving_to_another_account_tells_the_old_one_and_is_audited_on_sqlite() {
    a_link_moving_to_another_account_tells_the_old_one_and_is_audited(Backend::Sqlite).await;
}

#[tokio::test]
async fn a_link_moving_to_another_account_tells_the_old_one_and_is_audited_on_postgres() {
    a_link_moving_to_another_account_tells_the_old_one_and_is_audited(Backend::Postgres).await;
}

/// HR of a unit handing out links in chat does not cancel the links another HR person (or the
/// command line) handed out earlier.
#[tokio::test]
async fn invite_links_from_chat_leave_links_others_handed_out_valid() {
    const MAYA: &str = "198703032011012003"; // HR of Bidang Mutasi
    let db = TestDb::sqlite();
    import_example(&db).await;
    let earlier = invite_token(&db, TEGUH).await;
    let fake = FakeTelegram::start().await;
    let app = TestApp::spawn(&fake, &db).await;
    let maya = fake.user(6201, "Maya", Some("id"));
    maya.say(&format!("/start {}", invite_token(&db, MAYA).await))
        .await;
    maya.send("/invite");
    fake.wait_for_messages(6201, 2).await;
    maya.tap(MUTASI);
    fake.wait_until(std::time::Duration::from_secs(10), "Maya's links", |f| {
        f.sent_to(6201).iter().any(|s| s.method == "sendDocument")
    })
    .await;
    let teguh = fake.user(6202, "Teguh", Some("id"));
    let answer = teguh.say(&format!("/start {earlier}")).await;
    assert!(answer.starts_with("Selamat datang, Teguh"), "{answer}");
    app.stop().await;
}
