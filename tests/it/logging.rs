//! What reaches the operator's log: nothing personal at info level, JSON when asked.

use std::time::Duration;

use crate::support::{BotProcess, FakeTelegram, TestDb, import_example, invite_token};

#[tokio::test]
async fn info_logs_hold_no_message_text_nip_or_name() {
    let fake = FakeTelegram::start().await;
    let db = TestDb::sqlite();
    let user = fake.user(3001, "Kartika", Some("id"));
    let mut bot = BotProcess::start(&fake, &db, &[]);
    user.send("NIP saya 199001012015031001, mohon dirahasiakan");
    user.send("/start");
    fake.wait_for_messages(user.id(), 2).await;
    bot.signal("-TERM");
    bot.wait_exit(Duration::from_secs(20)).await;
    let log = bot.stderr();
    assert!(log.contains("kinerja-bot starting"), "{log}");
    for secret in ["199001012015031001", "dirahasiakan", "Kartika", "AAF7-g0g"] {
        assert!(!log.contains(secret), "{secret:?} in the log:\n{log}");
    }
}

#[tokio::test]
async fn json_logging_writes_one_json_object_per_line() {
    let fake = FakeTelegram::start().await;
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("json.toml");
    std::fs::write(
        &cfg,
        "log_format = \"json\"\n[polling]\ntimeout_seconds = 1\n",
    )
    .unwrap();
    let cfg_s = cfg.display().to_string();
    let user = fake.user(3101, "Lina", Some("id"));
    let mut bot = BotProcess::start(&fake, &db, &[("KINERJA_CONFIG", &cfg_s)]);
    user.send("/help");
    fake.wait_for_messages(user.id(), 1).await;
    bot.signal("-TERM");
    bot.wait_exit(Duration::from_secs(20)).await;
    let log = bot.stderr();
    let lines: Vec<&str> = log.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(lines.len() >= 2, "{log}");
    for line in lines {
        let v: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert!(
            v.get("level").is_some() && v.get("fields").is_some(),
            "{line}"
        );
    }
}

#[tokio::test]
async fn org_commands_and_linking_leave_no_nip_or_name_in_info_logs() {
    let fake = FakeTelegram::start().await;
    let db = TestDb::sqlite();
    import_example(&db).await;
    let token = invite_token(&db, "197811232003122001").await;
    let mut bot = BotProcess::start(&fake, &db, &[]);
    let ratna = fake.user(3201, "Ratna", Some("id"));
    ratna.send(&format!("/start {token}"));
    ratna.send("/profile");
    ratna.send("/team");
    ratna.upload(
        "pegawai.csv",
        b"nip;nama;unit\n199001012015031001;Rahasia Sekali;X\n",
    );
    fake.wait_for_messages(ratna.id(), 4).await;
    bot.signal("-TERM");
    bot.wait_exit(Duration::from_secs(20)).await;
    let log = bot.stderr();
    for secret in [
        "197811232003122001",
        "199001012015031001",
        "Ratna",
        "Maya",
        "Rahasia",
        &token,
    ] {
        assert!(!log.contains(secret), "{secret:?} in the log:\n{log}");
    }
}
