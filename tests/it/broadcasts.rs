//! `/broadcast` in chat: text, audience, preview exactly as it arrives, confirm, live progress,
//! the final report and the list of who was not reached; and the scope of HR of a unit.

use kinerja_bot::bot::widgets::audience;
use std::time::Duration;

use kinerja_bot::domain::Lang;
use kinerja_bot::i18n::{Msg, text};
use kinerja_bot::storage;

use crate::support::fake_telegram::TestUser;
use crate::support::{
    FakeTelegram, TestApp, TestDb, forged, import_example, linked_user, start_time,
};

const HR_KINERJA: &str = "198809142012121001"; // Yusuf, HR of Bidang Penilaian Kinerja
const KABID_KINERJA: &str = "197509082000031003"; // Bambang, head of that unit
const STAFF_EN: &str = "199408172020121003"; // Rizky, same unit, English
const MUTASI_STAFF: &str = "199309212018031004"; // Teguh, Bidang Mutasi
const HR_ORG: &str = "198607192010012002"; // Fitri, HR of the whole organisation

struct World {
    fake: FakeTelegram,
    db: TestDb,
    app: TestApp,
}

async fn world(messages_per_second: u32) -> World {
    let db = TestDb::sqlite();
    import_example(&db).await;
    let fake = FakeTelegram::start().await;
    let app = TestApp::spawn_with(&fake, &db, start_time(), |s| {
        s.file.rate_limits.messages_per_second = messages_per_second;
    })
    .await;
    World { fake, db, app }
}

impl World {
    /// The latest version of the message that carries a button labelled `label`.
    fn with_button(&self, user: &TestUser, label: &str) -> String {
        let sent = self.fake.sent_to(user.id());
        let m = sent
            .iter()
            .rev()
            .find(|s| s.labels().iter().any(|l| l == label));
        m.unwrap_or_else(|| panic!("no message with {label:?}"))
            .text
            .clone()
    }
}

fn id(msg: Msg) -> String {
    text(Lang::Id, msg)
}

#[tokio::test]
async fn unit_hr_announces_to_their_unit_with_a_preview_and_gets_progress_and_a_report() {
    let w = world(30).await;
    let yusuf = linked_user(&w.fake, &w.db, HR_KINERJA, 8001, "id").await;
    let bambang = linked_user(&w.fake, &w.db, KABID_KINERJA, 8002, "id").await;
    let rizky = linked_user(&w.fake, &w.db, STAFF_EN, 8003, "en").await;
    let teguh = linked_user(&w.fake, &w.db, MUTASI_STAFF, 8004, "id").await;

    let asked = yusuf.say("/broadcast").await;
    assert_eq!(asked, id(Msg::BroadcastAskText));
    let who = yusuf
        .say("<b>Rapat kinerja</b> Jumat pukul 09.00 &amp; bawa SKP")
        .await;
    assert_eq!(who, id(Msg::AudienceChoose));
    yusuf.tap(&id(Msg::AudiencePickUnit));
    w.fake
        .wait_until(Duration::from_secs(10), "unit buttons", |f| {
            f.sent_to(8001)
                .iter()
                .any(|s| s.text.starts_with("Pilih unit"))
        })
        .await;
    let units = w
        .fake
        .sent_to(8001)
        .iter()
        .rev()
        .find(|s| s.text.starts_with("Pilih unit"))
        .unwrap()
        .labels();
    // Only their own subtree is offered.
    assert_eq!(
        units,
        ["Badan Kepegawaian Daerah > Bidang Penilaian Kinerja"]
    );
    let n = w.fake.sent_to(8001).len();
    yusuf.tap("Badan Kepegawaian Daerah > Bidang Penilaian Kinerja");
    let sent = w.fake.wait_for_messages(8001, n + 3).await;
    assert_eq!(sent[n].text, id(Msg::BroadcastPreviewHeader));
    // The preview is the announcement itself, formatted as recipients will get it.
    assert_eq!(
        sent[n + 1].text,
        "Rapat kinerja Jumat pukul 09.00 & bawa SKP"
    );
    assert!(sent[n + 1].html.is_some());
    // 5 people in the unit, 3 linked (Yusuf, Bambang, Rizky), 2 not.
    assert!(
        sent[n + 2].text.contains("Kirim ke 3 orang"),
        "{}",
        sent[n + 2].text
    );
    assert!(
        sent[n + 2].text.contains("2 orang belum menautkan"),
        "{}",
        sent[n + 2].text
    );
    assert!(
        w.fake.sent_to(8002).len() == 1,
        "nothing sent before confirming"
    );

    yusuf.tap(&id(Msg::BroadcastSendButton));
    for user in [&bambang, &rizky] {
        w.fake
            .wait_until(Duration::from_secs(20), "the announcement", |f| {
                f.sent_to(user.id())
                    .iter()
                    .any(|s| s.text.starts_with("Rapat kinerja"))
            })
            .await;
    }
    // The final report arrives for HR, with the list of who was not reached.
    let csv_button = id(Msg::BroadcastUnreachedCsvButton);
    w.fake
        .wait_until(Duration::from_secs(20), "the final report", |f| {
            f.sent_to(8001)
                .iter()
                .any(|s| s.labels().contains(&csv_button))
        })
        .await;
    let report = w.with_button(&yusuf, &id(Msg::BroadcastUnreachedCsvButton));
    assert!(report.contains("Terkirim: 3 dari 5"), "{report}");
    assert!(report.contains("Belum menautkan akun: 2"), "{report}");
    // The confirmation message was edited into progress and then into the final counts.
    let edited = w
        .fake
        .sent_to(8001)
        .into_iter()
        .find(|s| s.text.contains("Pengumuman #1") && s.edits > 0);
    assert!(
        edited.is_some(),
        "progress shown by editing the confirmation"
    );
    assert!(
        w.fake.sent_to(teguh.id()).len() == 1,
        "another unit got nothing"
    );

    yusuf.tap(&id(Msg::BroadcastUnreachedCsvButton));
    w.fake
        .wait_until(Duration::from_secs(10), "the CSV", |f| {
            f.sent_to(8001).iter().any(|s| s.file_name.is_some())
        })
        .await;
    let file = w
        .fake
        .sent_to(8001)
        .into_iter()
        .find(|s| s.file_name.is_some())
        .unwrap();
    let csv = String::from_utf8(file.file.unwrap()).unwrap();
    assert!(
        csv.contains("199105052017082002"),
        "Indah is not linked: {csv}"
    );
    assert!(
        csv.contains("199512122023211005"),
        "Andi is not linked: {csv}"
    );
    assert!(csv.contains("belum menautkan akun"), "{csv}");
    assert!(!csv.contains(STAFF_EN), "Rizky was reached: {csv}");
    w.app.stop().await;
}

#[tokio::test]
async fn formatting_telegram_would_refuse_is_caught_before_anything_is_sent() {
    let w = world(30).await;
    let fitri = linked_user(&w.fake, &w.db, HR_ORG, 8101, "id").await;
    fitri.say("/broadcast").await;
    let refused = fitri.say("Batas <b>31 Januari").await;
    assert!(refused.starts_with("Telegram akan menolak"), "{refused}");
    assert!(refused.contains("<b> tidak ditutup"), "{refused}");
    let refused = fitri.say("Nilai <b>A &amp B</b>").await;
    assert!(refused.contains("&amp;"), "{refused}");
    // Still composing: a corrected text goes on to the audience.
    // A text with no markup at all is taken literally, "&" and "<" included.
    let next = fitri.say("Rapat R&D, nilai < 3").await;
    assert_eq!(next, id(Msg::AudienceChoose));
    let n = w.fake.sent_to(8101).len();
    fitri.tap(&id(Msg::AudienceEveryone));
    let preview = w.fake.wait_for_messages(8101, n + 2).await;
    assert_eq!(preview[n + 1].text, "Rapat R&D, nilai < 3");
    let conn = w.db.connect().await;
    let queued: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox")
        .fetch_one(conn.pool())
        .await
        .unwrap();
    assert_eq!(queued, 0);
    w.app.stop().await;
}

#[tokio::test]
async fn unit_hr_cannot_reach_another_unit_with_a_forged_button_and_employees_cannot_broadcast() {
    let w = world(30).await;
    let yusuf = linked_user(&w.fake, &w.db, HR_KINERJA, 8201, "id").await;
    let teguh = linked_user(&w.fake, &w.db, MUTASI_STAFF, 8202, "id").await;
    let refusal = teguh.say("/broadcast").await;
    assert_eq!(refusal, id(Msg::NotAllowed));

    yusuf.say("/broadcast").await;
    yusuf.say("Pengumuman").await;
    let conn = w.db.connect().await;
    let units = storage::org::units(&conn).await.unwrap();
    let mutasi = units
        .iter()
        .find(|(u, _)| u.name() == "Bidang Mutasi")
        .map(|(_, id)| *id)
        .unwrap();
    let prompt = w
        .fake
        .sent_to(8201)
        .into_iter()
        .rev()
        .find(|s| s.text == id(Msg::AudienceChoose))
        .unwrap();
    yusuf.press(&prompt, &forged(audience::Button::Unit(mutasi)));
    w.fake
        .wait_until(Duration::from_secs(10), "the refusal", |f| {
            f.callback_answers()
                .iter()
                .any(|(_, t)| t.as_deref() == Some(id(Msg::NotAllowed).as_str()))
        })
        .await;
    let queued: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox")
        .fetch_one(conn.pool())
        .await
        .unwrap();
    assert_eq!(queued, 0);
    assert_eq!(
        w.fake.sent_to(8202).len(),
        2,
        "Teguh got nothing beyond his own replies"
    );
    w.app.stop().await;
}

#[tokio::test]
async fn a_broadcast_stopped_halfway_withdraws_the_rest_and_reports_it() {
    // One message a second: a stop after the first lands halfway.
    let w = world(1).await;
    let fitri = linked_user(&w.fake, &w.db, HR_ORG, 8301, "id").await;
    let mut others = Vec::new();
    for (i, nip) in [KABID_KINERJA, STAFF_EN, MUTASI_STAFF, HR_KINERJA]
        .iter()
        .enumerate()
    {
        others.push(linked_user(&w.fake, &w.db, nip, 8310 + i as i64, "id").await);
    }
    fitri.say("/broadcast").await;
    fitri.say("Pengumuman panjang").await;
    fitri.tap(&id(Msg::AudienceEveryone));
    w.fake
        .wait_until(Duration::from_secs(10), "the confirmation", |f| {
            f.sent_to(8301)
                .iter()
                .any(|s| s.labels().contains(&id(Msg::BroadcastSendButton)))
        })
        .await;
    fitri.tap(&id(Msg::BroadcastSendButton));
    w.fake
        .wait_until(Duration::from_secs(10), "the first delivery", |f| {
            others.iter().chain([&fitri]).any(|u| {
                f.sent_to(u.id())
                    .iter()
                    .any(|s| s.text == "Pengumuman panjang")
            })
        })
        .await;
    let stop = id(Msg::BroadcastStopButton);
    w.fake
        .wait_until(Duration::from_secs(10), "the stop button", |f| {
            f.sent_to(8301).iter().any(|s| s.labels().contains(&stop))
        })
        .await;
    fitri.tap(&stop);
    w.fake
        .wait_until(Duration::from_secs(10), "the stop report", |f| {
            f.sent_to(8301)
                .iter()
                .any(|s| s.text.starts_with("Pengumuman #1 dihentikan"))
        })
        .await;
    let report = w
        .fake
        .sent_to(8301)
        .into_iter()
        .find(|s| s.text.starts_with("Pengumuman #1 dihentikan"))
        .unwrap()
        .text;
    assert!(report.contains("Ditarik (belum terkirim): "), "{report}");
    assert!(!report.contains("Ditarik (belum terkirim): 0"), "{report}");
    w.app.wait_idle(&w.fake).await;
    let reached = others
        .iter()
        .chain([&fitri])
        .filter(|u| {
            w.fake
                .sent_to(u.id())
                .iter()
                .any(|s| s.text == "Pengumuman panjang")
        })
        .count();
    assert!(reached < 5, "the rest was withdrawn, {reached} reached");
    w.app.stop().await;
}

#[tokio::test]
async fn an_organisation_with_many_units_is_offered_page_by_page() {
    let db = TestDb::sqlite();
    crate::support::import_generated(&db, 100, 45).await;
    let linked = crate::support::link_everyone(&db, 8400).await;
    let hr_nip = kinerja_bot::sample::nip(0);
    let hr_id = linked
        .iter()
        .find(|(n, _)| *n == hr_nip)
        .map(|(_, u)| *u)
        .unwrap();
    let fake = FakeTelegram::start().await;
    let app = TestApp::spawn(&fake, &db).await;
    let hr = fake.user(hr_id, "HR", Some("id"));
    let w = World { fake, db, app };
    hr.say("/broadcast").await;
    hr.say("Pengumuman").await;
    hr.tap(&id(Msg::AudiencePickUnit));
    let page = |w: &World, n: usize| {
        let sent = w.fake.sent_to(hr_id);
        let m = sent.iter().rev().find(|s| s.text.starts_with("Pilih unit"));
        m.filter(|m| m.text.contains(&format!("halaman {n} dari 2")))
            .map(|m| m.labels())
    };
    w.fake
        .wait_until(Duration::from_secs(10), "page 1", |_| page(&w, 1).is_some())
        .await;
    let first = page(&w, 1).unwrap();
    assert_eq!(first.len(), 31, "30 units and 'next': {first:?}");
    assert_eq!(first.last().unwrap(), &id(Msg::PageNext));
    hr.tap(&id(Msg::PageNext));
    w.fake
        .wait_until(Duration::from_secs(10), "page 2", |_| page(&w, 2).is_some())
        .await;
    let second = page(&w, 2).unwrap();
    assert_eq!(second.len(), 16, "15 units and 'previous': {second:?}");
    assert!(second.contains(&id(Msg::PagePrevious)));
    // Unit 9 is on the second page (sorted by path); its subtree is unit 9 alone.
    let unit9 = second
        .iter()
        .find(|l| l.ends_with("> Unit 9"))
        .unwrap()
        .clone();
    let n = w.fake.sent_to(hr_id).len();
    hr.tap(&unit9);
    let sent = w.fake.wait_for_messages(hr_id, n + 3).await;
    assert!(
        sent[n + 2].text.contains("Kirim ke 3 orang"),
        "{}",
        sent[n + 2].text
    );
    w.app.stop().await;
}

/// Unit HR previewed an announcement to everyone in their unit, and was made organisation HR
/// before pressing send: the old send reaches nobody, and the fresh preview shows the whole
/// organisation.
#[tokio::test]
async fn a_send_after_the_scope_changed_sends_nothing_and_shows_a_fresh_preview() {
    let w = world(30).await;
    let yusuf = linked_user(&w.fake, &w.db, HR_KINERJA, 8501, "id").await;
    yusuf.say("/broadcast").await;
    yusuf.say("Rapat kinerja Jumat").await;
    yusuf.tap(&id(Msg::AudienceEveryone));
    w.fake
        .wait_until(Duration::from_secs(10), "the send button", |f| {
            f.sent_to(8501)
                .iter()
                .any(|s| s.labels().contains(&id(Msg::BroadcastSendButton)))
        })
        .await;

    crate::support::promote_yusuf_to_organisation_hr(&w.db).await;

    let shown = w.fake.sent_to(yusuf.id()).last().unwrap().text.clone();
    assert!(shown.contains("4 orang belum menautkan"), "{shown}");
    let n = w.fake.sent_to(yusuf.id()).len();
    yusuf.tap(&id(Msg::BroadcastSendButton));
    w.fake
        .wait_until(Duration::from_secs(10), "a fresh preview", |f| {
            f.sent_to(8501)[n..]
                .iter()
                .any(|s| s.labels().contains(&id(Msg::BroadcastSendButton)))
        })
        .await;
    let after: Vec<String> = w.fake.sent_to(yusuf.id())[n..]
        .iter()
        .map(|s| s.text.clone())
        .collect();
    assert_eq!(after[0], id(Msg::PreviewOutdated), "{after:?}");
    let fresh = after.last().unwrap();
    assert!(fresh.contains("15 orang belum menautkan"), "{fresh}");
    let conn = w.db.connect().await;
    let queued: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM broadcasts")
        .fetch_one(conn.pool())
        .await
        .unwrap();
    assert_eq!(queued, 0, "nothing was sent");
    w.app.stop().await;
}
