//! Deadlines: created in chat, reminded by themselves at 7, 3 and 1 days and on the morning, in
//! each person's language and in the organisation's zone; moved, cancelled, and a reminder due
//! while the bot was down sent once after it starts.

use kinerja_bot::bot::features::deadline;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use kinerja_bot::config::OrgTimeZone;
use kinerja_bot::domain::deadline::parse_due;
use kinerja_bot::domain::{Audience, Lang};
use kinerja_bot::i18n::{Msg, text};
use kinerja_bot::scheduler::run_due;
use kinerja_bot::storage::deadlines::{self, NewDeadline};

use crate::support::fake_telegram::TestUser;
use crate::support::{
    FakeTelegram, TestApp, TestDb, forged, import_example, linked_user, start_time,
};

const HR_ORG: &str = "198607192010012002"; // Fitri
const HR_KINERJA: &str = "198809142012121001"; // Yusuf, HR of one unit
const STAFF_EN: &str = "199408172020121003"; // Rizky, English
const MUTASI_STAFF: &str = "199309212018031004"; // Teguh

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

fn id(msg: Msg) -> String {
    text(Lang::Id, msg)
}

/// Sends /deadline as HR and waits for the whole list (it ends with the "new" button).
async fn open_list(fake: &FakeTelegram, user: &TestUser) {
    let n = fake.sent_to(user.id()).len();
    user.send("/deadline");
    let new = id(Msg::DeadlineNewButton);
    fake.wait_until(Duration::from_secs(5), "the deadline list", |f| {
        f.sent_to(user.id())[n..]
            .iter()
            .any(|s| s.labels().contains(&new))
    })
    .await;
}

fn reminders(fake: &FakeTelegram, user: i64) -> Vec<String> {
    fake.sent_to(user)
        .into_iter()
        .filter(|s| s.text.starts_with("⏰"))
        .map(|s| s.text)
        .collect()
}

/// The reminders `user` has once `n` arrived and nothing more is queued: a duplicate would
/// have arrived by then.
async fn reminders_arrive(t: &TestApp, fake: &FakeTelegram, user: i64, n: usize) -> Vec<String> {
    fake.wait_until(Duration::from_secs(10), "reminders", |f| {
        reminders(f, user).len() >= n
    })
    .await;
    t.wait_idle(fake).await;
    reminders(fake, user)
}

#[tokio::test]
async fn hr_creates_a_deadline_in_chat_and_its_audience_is_reminded_in_their_language() {
    let db = TestDb::sqlite();
    import_example(&db).await;
    let fake = FakeTelegram::start().await;
    let t = TestApp::spawn(&fake, &db).await;
    let fitri = linked_user(&fake, &db, HR_ORG, 9001, "id").await;
    let rizky = linked_user(&fake, &db, STAFF_EN, 9002, "en").await;
    let teguh = linked_user(&fake, &db, MUTASI_STAFF, 9003, "id").await;

    open_list(&fake, &fitri).await;
    assert_eq!(
        fitri.tap_and_read(&id(Msg::DeadlineNewButton)).await,
        id(Msg::DeadlineAskTitle)
    );
    let ask_due = fitri.say("Penyusunan SKP 2027").await;
    assert!(ask_due.contains("WIB"), "{ask_due}");
    let past = fitri.say("31-12-2020").await;
    assert!(
        past.starts_with(&id(Msg::DeadlineDueInPast)) && past.contains("WIB"),
        "{past}"
    );
    let unreadable = fitri.say("kapan-kapan").await;
    assert!(
        unreadable.starts_with(&id(Msg::DeadlineDueUnreadable)),
        "{unreadable}"
    );
    assert_eq!(fitri.say("31 Januari 2027").await, id(Msg::AudienceChoose));
    assert_eq!(
        fitri.tap_and_read(&id(Msg::AudienceEveryone)).await,
        id(Msg::DeadlineAskDescription)
    );
    let summary = fitri.say("Unggah di e-Kinerja BKN").await;
    assert!(summary.contains("31-01-2027 23:59 WIB"), "{summary}");
    assert!(summary.contains("7, 3, 1, 0"), "{summary}");
    let saved = fitri.tap_and_read(&id(Msg::DeadlineSaveButton)).await;
    assert!(saved.contains("Penyusunan SKP 2027"), "{saved}");

    // 07:59 WIB seven days before: not yet. 08:00: the reminder, once.
    assert_eq!(run_due(&t.app, utc(2027, 1, 24, 0, 59)).await.unwrap(), 0);
    assert_eq!(run_due(&t.app, utc(2027, 1, 24, 1, 0)).await.unwrap(), 1);
    assert_eq!(run_due(&t.app, utc(2027, 1, 24, 1, 5)).await.unwrap(), 0);
    let english = reminders_arrive(&t, &fake, rizky.id(), 1).await;
    assert_eq!(english.len(), 1);
    assert!(
        english[0].contains("Deadline reminder: Penyusunan SKP 2027"),
        "{}",
        english[0]
    );
    assert!(english[0].contains("7 days left"), "{}", english[0]);
    assert!(
        english[0].contains("Unggah di e-Kinerja BKN"),
        "{}",
        english[0]
    );
    let indonesian = reminders_arrive(&t, &fake, teguh.id(), 1).await;
    assert!(
        indonesian[0].contains("Pengingat tenggat"),
        "{}",
        indonesian[0]
    );
    assert!(indonesian[0].contains("7 hari lagi"), "{}", indonesian[0]);

    // Anyone in the audience sees it listed.
    t.clock.set(utc(2027, 1, 25, 0, 0));
    let listed = teguh.say("/deadline").await;
    assert!(
        listed.contains("Penyusunan SKP 2027") && listed.contains("31-01-2027 23:59 WIB"),
        "{listed}"
    );
    t.stop().await;
}

/// A deadline due at 16:00 local time on 31 January 2027, written straight to storage.
async fn seed_deadline(db: &TestDb, zone: OrgTimeZone) -> i64 {
    let conn = db.connect().await;
    let due = parse_due("31-01-2027 16:00", zone.tz(), start_time()).unwrap();
    let new = NewDeadline {
        title: "Penyusunan SKP 2027",
        description: "",
        due_at: due.timestamp(),
        audience: Audience::Everyone,
        scope_unit_id: None,
        created_by: None,
    };
    let id = deadlines::create(&conn, &new, start_time().timestamp())
        .await
        .unwrap();
    conn.close().await;
    id
}

#[tokio::test]
async fn reminders_go_out_at_eight_in_the_morning_of_the_organisations_zone() {
    // 08:00 on 24 January is 01:00 UTC in WIB, 00:00 in WITA, 23:00 the day before in WIT.
    for (zone, eight_am) in [
        (OrgTimeZone::Jakarta, utc(2027, 1, 24, 1, 0)),
        (OrgTimeZone::Makassar, utc(2027, 1, 24, 0, 0)),
        (OrgTimeZone::Jayapura, utc(2027, 1, 23, 23, 0)),
    ] {
        let db = TestDb::sqlite();
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn_with(&fake, &db, start_time(), |s| s.file.time_zone = zone).await;
        let teguh = linked_user(&fake, &db, MUTASI_STAFF, 9101, "id").await;
        seed_deadline(&db, zone).await;
        let minute = chrono::Duration::minutes(1);
        assert_eq!(
            run_due(&t.app, eight_am - minute).await.unwrap(),
            0,
            "{zone:?}"
        );
        assert_eq!(run_due(&t.app, eight_am).await.unwrap(), 1, "{zone:?}");
        let got = reminders_arrive(&t, &fake, teguh.id(), 1).await;
        let zone_name = match zone {
            OrgTimeZone::Jakarta => "WIB",
            OrgTimeZone::Makassar => "WITA",
            OrgTimeZone::Jayapura => "WIT",
        };
        assert!(
            got[0].contains(&format!("31-01-2027 16:00 {zone_name}")),
            "{}",
            got[0]
        );
        t.stop().await;
    }
}

on_both_backends!(
    a_reminder_due_while_the_bot_was_down_is_sent_once_after_it_starts,
    |db: TestDb| async move { reminder_after_downtime(db).await }
);

async fn reminder_after_downtime(db: TestDb) {
    import_example(&db).await;
    let fake = FakeTelegram::start().await;
    let t = TestApp::spawn(&fake, &db).await;
    let teguh = linked_user(&fake, &db, MUTASI_STAFF, 9201, "id").await;
    seed_deadline(&db, OrgTimeZone::Jakarta).await;
    t.stop().await;
    // Down from before the 7-day reminder until after the 3-day one: one reminder, the latest.
    let later = utc(2027, 1, 28, 5, 0);
    let t = TestApp::spawn_with(&fake, &db, later, |_| {}).await;
    let got = reminders_arrive(&t, &fake, teguh.id(), 1).await;
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].contains("3 hari lagi"), "{}", got[0]);
    t.stop().await;
    // Started again the same day: nothing more.
    let t = TestApp::spawn_with(&fake, &db, later + chrono::Duration::hours(1), |_| {}).await;
    t.wait_idle(&fake).await;
    assert_eq!(
        run_due(&t.app, later + chrono::Duration::hours(1))
            .await
            .unwrap(),
        0
    );
    assert_eq!(reminders(&fake, teguh.id()).len(), 1);
    t.stop().await;
}

#[tokio::test]
async fn moving_a_deadline_between_reminders_moves_the_next_ones_and_cancelling_stops_them() {
    let db = TestDb::sqlite();
    import_example(&db).await;
    let fake = FakeTelegram::start().await;
    let t = TestApp::spawn(&fake, &db).await;
    let fitri = linked_user(&fake, &db, HR_ORG, 9301, "id").await;
    let teguh = linked_user(&fake, &db, MUTASI_STAFF, 9302, "id").await;
    seed_deadline(&db, OrgTimeZone::Jakarta).await;
    assert_eq!(run_due(&t.app, utc(2027, 1, 24, 1, 0)).await.unwrap(), 1);
    reminders_arrive(&t, &fake, teguh.id(), 1).await;

    t.clock.set(utc(2027, 1, 25, 3, 0));
    open_list(&fake, &fitri).await;
    // HR sees how the reminder fared: Fitri and Teguh reached, 14 never linked.
    let item = fake
        .sent_to(9301)
        .into_iter()
        .rev()
        .find(|s| s.text.contains("Penyusunan SKP"))
        .unwrap();
    assert!(
        item.text.contains("2 terkirim") && item.text.contains("14 belum menautkan akun"),
        "{}",
        item.text
    );
    let ask = fitri.tap_and_read(&id(Msg::DeadlineEditDueButton)).await;
    assert!(ask.contains("WIB"), "{ask}");
    let updated = fitri.say("28-02-2027 16:00").await;
    assert!(updated.contains("28-02-2027 16:00 WIB"), "{updated}");

    // The old date's 3-day reminder no longer comes; the new date's 7-day one does.
    assert_eq!(run_due(&t.app, utc(2027, 1, 28, 1, 0)).await.unwrap(), 0);
    assert_eq!(run_due(&t.app, utc(2027, 2, 21, 1, 0)).await.unwrap(), 1);
    let got = reminders_arrive(&t, &fake, teguh.id(), 2).await;
    assert!(
        got[1].contains("28-02-2027 16:00 WIB") && got[1].contains("7 hari lagi"),
        "{}",
        got[1]
    );

    t.clock.set(utc(2027, 2, 22, 3, 0));
    open_list(&fake, &fitri).await;
    let cancelled = fitri.tap_and_read(&id(Msg::DeadlineCancelButton)).await;
    assert!(cancelled.contains("dibatalkan"), "{cancelled}");
    assert_eq!(run_due(&t.app, utc(2027, 2, 25, 1, 0)).await.unwrap(), 0);
    assert_eq!(reminders(&fake, teguh.id()).len(), 2);
    t.stop().await;
}

#[tokio::test]
async fn unit_hr_cannot_change_an_organisation_wide_deadline_even_with_a_forged_button() {
    let db = TestDb::sqlite();
    import_example(&db).await;
    let fake = FakeTelegram::start().await;
    let t = TestApp::spawn(&fake, &db).await;
    let yusuf = linked_user(&fake, &db, HR_KINERJA, 9401, "id").await;
    let deadline = seed_deadline(&db, OrgTimeZone::Jakarta).await;
    let listed = yusuf.say("/deadline").await;
    assert!(
        listed.contains("Penyusunan SKP 2027"),
        "he is in its audience: {listed}"
    );
    let item = fake
        .sent_to(9401)
        .into_iter()
        .find(|s| s.text.contains("Penyusunan SKP"))
        .unwrap();
    assert!(item.buttons.is_empty(), "no manage buttons for him");
    yusuf.press(&item, &forged(deadline::Button::Cancel(deadline)));
    fake.wait_until(Duration::from_secs(5), "the refusal", |f| {
        f.callback_answers()
            .iter()
            .any(|(_, t)| t.as_deref() == Some(id(Msg::NotAllowed).as_str()))
    })
    .await;
    let conn = db.connect().await;
    let d = deadlines::get(&conn, deadline).await.unwrap().unwrap();
    assert!(!d.cancelled);
    t.stop().await;
}

/// Unit HR described a deadline for everyone in their unit, and was made organisation HR before
/// pressing save: the old save saves nothing and the summary is shown again as it stands now.
#[tokio::test]
async fn a_save_after_the_scope_changed_saves_nothing_and_shows_the_summary_again() {
    let db = TestDb::sqlite();
    import_example(&db).await;
    let fake = FakeTelegram::start().await;
    let t = TestApp::spawn(&fake, &db).await;
    let yusuf = linked_user(&fake, &db, HR_KINERJA, 9101, "id").await;
    open_list(&fake, &yusuf).await;
    yusuf.tap_and_read(&id(Msg::DeadlineNewButton)).await;
    yusuf.say("Penyusunan SKP 2027").await;
    yusuf.say("31 Januari 2027").await;
    yusuf.tap_and_read(&id(Msg::AudienceEveryone)).await;
    yusuf.say("Unggah di e-Kinerja BKN").await;

    crate::support::promote_yusuf_to_organisation_hr(&db).await;

    let n = fake.sent_to(yusuf.id()).len();
    yusuf.tap(&id(Msg::DeadlineSaveButton));
    let sent = fake.wait_for_messages(yusuf.id(), n + 2).await;
    assert_eq!(sent[n].text, id(Msg::PreviewOutdated));
    assert!(
        sent[n + 1].text.contains("31-01-2027 23:59 WIB"),
        "{}",
        sent[n + 1].text
    );
    assert!(sent[n + 1].labels().contains(&id(Msg::DeadlineSaveButton)));
    let conn = db.connect().await;
    let saved: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM deadlines")
        .fetch_one(conn.pool())
        .await
        .unwrap();
    assert_eq!(saved, 0, "nothing was saved");
    // The fresh summary saves, for the whole organisation now.
    let done = yusuf.tap_and_read(&id(Msg::DeadlineSaveButton)).await;
    assert!(done.contains("Penyusunan SKP 2027"), "{done}");
    t.stop().await;
}
