//! A 360 round's scheduled messages as people see them: the opening message to each rater with
//! a button per colleague, once whatever passes, restarts or a second process do; reminders on
//! the working day before the close (a weekend moves them back), only to those with colleagues
//! left and only the latest after downtime; "results ready" to ratees and their supervisors once
//! after the close; HR's reminder on demand to one unit at most once an hour; and an opening
//! message to every rater of an organisation of thousands.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use kinerja_bot::app::App;
use kinerja_bot::bot::features::{feedback, feedback_results};
use kinerja_bot::clock::ManualClock;
use kinerja_bot::config::Settings;
use kinerja_bot::domain::AssignmentId;
use kinerja_bot::domain::feedback_round::{Member, assign as draw};
use kinerja_bot::domain::org::UnitId;
use kinerja_bot::scheduler::feedback::{FeedbackPass, remind_unit, run_due};
use kinerja_bot::storage::Db;

use crate::support::example::{
    AGUS, BAMBANG, DIMAS, FITRI, HENDRA, MAYA, NUR, RATNA, SRI, TEGUH, WULAN, YUSUF,
};
use crate::support::fake_telegram::{Sent, TestUser};
use crate::support::{
    FakeTelegram, TestApp, TestDb, forged, import_example, import_generated, link_everyone,
    linked_user, start_time,
};

const OPENING: &str = "📨";
const REMINDER: &str = "⌛";
const RESULTS: &str = "📈";
const TEAM: &str = "👥";

/// Who rates whom in the test round: five raters (Hendra never linked).
const PAIRS: [(&str, &str, &str); 12] = [
    (AGUS, DIMAS, "supervisor"),
    (AGUS, NUR, "supervisor"),
    (AGUS, WULAN, "supervisor"),
    (AGUS, SRI, "subordinate"),
    (AGUS, FITRI, "peer"),
    (DIMAS, AGUS, "subordinate"),
    (DIMAS, NUR, "peer"),
    (DIMAS, WULAN, "peer"),
    (RATNA, MAYA, "supervisor"),
    (RATNA, TEGUH, "supervisor"),
    (HENDRA, SRI, "supervisor"),
    (MAYA, TEGUH, "peer"),
];
/// With Bambang, who rates Yusuf (and in the first test blocks the bot).
const RATERS: usize = 6;

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

/// 09:00 WIB.
fn nine_wib(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    utc(y, m, d, 2, 0)
}

/// Midnight WIB at the start of that day.
fn midnight_wib(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    nine_wib(y, m, d) - chrono::Duration::hours(9)
}

async fn pass(t: &TestApp, at: DateTime<Utc>) -> FeedbackPass {
    run_due(&t.app.deps(), at).await.unwrap()
}

/// A round straight into storage (until HR's flow creates them), for the first quarter of 2027.
async fn new_round(db: &Db, opens: &str, closes: &str) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO feedback_rounds (unit_path, period, opens_on, closes_on, seed, max_peers, \
             max_subordinates, include_self, created_by, create_key, created_at, ready_at) \
         VALUES (NULL, '2027-q1', $1, $2, 7, 5, 5, 0, $3, $4, 0, 0) RETURNING id",
    )
    .bind(opens)
    .bind(closes)
    .bind(FITRI)
    .bind(format!("test-{opens}-{closes}"))
    .fetch_one(db.pool())
    .await
    .unwrap()
}

async fn assign(db: &Db, round: i64, rater: &str, ratee: &str, group: &str) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO feedback_assignments (round_id, ratee_nip, rater_nip, grp) \
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(round)
    .bind(ratee)
    .bind(rater)
    .bind(group)
    .fetch_one(db.pool())
    .await
    .unwrap()
}

async fn complete(db: &Db, assignment: i64) {
    sqlx::query("UPDATE feedback_assignments SET answered = 7, completed_at = 1 WHERE id = $1")
        .bind(assignment)
        .execute(db.pool())
        .await
        .unwrap();
}

/// The example agency's round from 1 to 31 March 2027 (a Wednesday), with `PAIRS`; returns
/// its id and the assignments by (rater, ratee).
async fn example_round(db: &Db) -> (i64, HashMap<(&'static str, &'static str), i64>) {
    let round = new_round(db, "2027-03-01", "2027-03-31").await;
    let mut ids = HashMap::new();
    for (rater, ratee, group) in PAIRS {
        ids.insert((rater, ratee), assign(db, round, rater, ratee, group).await);
    }
    ids.insert(
        (BAMBANG, YUSUF),
        assign(db, round, BAMBANG, YUSUF, "supervisor").await,
    );
    (round, ids)
}

/// Links Bambang and then has him block the bot.
async fn blocked_bambang(fake: &FakeTelegram, db: &TestDb) {
    let bambang = linked_user(fake, db, BAMBANG, 9399, "id").await;
    let conn = db.connect().await;
    sqlx::query("UPDATE telegram_users SET blocked_at = 1 WHERE user_id = $1")
        .bind(bambang.id())
        .execute(conn.pool())
        .await
        .unwrap();
    conn.close().await;
}

fn marked(fake: &FakeTelegram, user: i64, mark: &str) -> Vec<Sent> {
    fake.sent_to(user)
        .into_iter()
        .filter(|s| s.text.starts_with(mark))
        .collect()
}

/// What `user` has with `mark` once `n` arrived and the outbox is empty, so a duplicate would
/// have arrived too.
async fn arrived(
    t: &TestApp,
    fake: &FakeTelegram,
    user: &TestUser,
    mark: &str,
    n: usize,
) -> Vec<Sent> {
    let id = user.id();
    fake.wait_until(Duration::from_secs(20), "360 messages", |f| {
        marked(f, id, mark).len() >= n
    })
    .await;
    t.wait_idle(fake).await;
    marked(fake, id, mark)
}

/// Outbox rows of one origin kind for `nip`: (state, text).
async fn queued_for(db: &Db, nip: &str, kind: &str) -> Vec<(String, String)> {
    sqlx::query_as(
        "SELECT o.state, p.text FROM outbox o JOIN outbox_payloads p ON p.id = o.payload_id \
         WHERE o.nip = $1 AND o.origin_kind = $2 ORDER BY o.id",
    )
    .bind(nip)
    .bind(kind)
    .fetch_all(db.pool())
    .await
    .unwrap()
}

/// A second bot process on the same database: its own pool, outbox and clock.
async fn second_process(t: &TestApp) -> Arc<App> {
    let settings: Settings = (*t.app.settings).clone();
    App::build(settings, Arc::new(ManualClock::new(start_time())))
        .await
        .unwrap()
}

on_both_backends!(
    each_rater_gets_one_opening_message_listing_their_colleagues_whatever_restarts_do,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn(&fake, &db).await;
        let agus = linked_user(&fake, &db, AGUS, 9301, "id").await;
        let ratna = linked_user(&fake, &db, RATNA, 9302, "en").await;
        blocked_bambang(&fake, &db).await;
        let (round, ids) = example_round(&t.app.db).await;

        // The last minute of February in Jakarta: not open yet.
        let p = pass(&t, midnight_wib(2027, 3, 1) - chrono::Duration::minutes(1)).await;
        assert_eq!(p, FeedbackPass::default());
        // Midnight on opening day is too early to message thousands of people: the opening
        // waits for `feedback.reminder_time` (09:00). Then two processes at once.
        let p = pass(&t, midnight_wib(2027, 3, 1)).await;
        assert_eq!(p.opened, 0);
        let other = second_process(&t).await;
        let at = nine_wib(2027, 3, 1);
        let (mine, theirs) = (t.app.deps(), other.deps());
        let (a, b) = tokio::join!(run_due(&mine, at), run_due(&theirs, at));
        assert_eq!(a.unwrap().opened + b.unwrap().opened, RATERS);
        other.db.close().await;

        let got = arrived(&t, &fake, &agus, OPENING, 1).await;
        assert_eq!(got.len(), 1);
        let m = &got[0];
        assert!(m.text.contains("Triwulan I 2027"), "{}", m.text);
        assert!(m.text.contains("Rabu, 31 Maret 2027"), "{}", m.text);
        assert!(m.text.contains("5 rekan"), "{}", m.text);
        // In name order, a button each, labelled with the name.
        let names = [
            (DIMAS, "Dimas Prasetyo, S.T."),
            (FITRI, "Fitri Handayani, S.AP."),
            (NUR, "Nur Aini; S.Sos."),
            (SRI, "Sri Rahayu, S.H., M.H."),
            (WULAN, "Wulan Sari"),
        ];
        assert_eq!(m.labels(), names.map(|(_, n)| n));
        for (row, (nip, name)) in m.buttons.iter().zip(names) {
            assert!(m.text.contains(name), "{name} in {}", m.text);
            let data = forged(feedback::Button::Rate(AssignmentId(ids[&(AGUS, nip)])));
            assert_eq!(row[0].1, data, "{name}");
        }
        let english = arrived(&t, &fake, &ratna, OPENING, 1).await;
        let m = &english[0].text;
        assert!(
            m.contains("Q1 2027") && m.contains("of 2 colleagues"),
            "{m}"
        );
        assert!(m.contains("Wednesday, 31 March 2027"), "{m}");
        assert_eq!(
            english[0].labels(),
            ["Maya Kusuma, S.H.", "Teguh Santoso, S.AP."]
        );
        // Never linked and blocked: settled at once, for HR to see.
        let conn = db.connect().await;
        let hendra = queued_for(&conn, HENDRA, "feedback-opening").await;
        assert_eq!(hendra.len(), 1);
        assert_eq!(hendra[0].0, "unlinked");
        assert!(hendra[0].1.contains("Sri Rahayu"), "{}", hendra[0].1);
        let bambang = queued_for(&conn, BAMBANG, "feedback-opening").await;
        assert_eq!(bambang.len(), 1);
        assert_eq!(bambang[0].0, "unreachable");
        assert!(queued_for(&conn, NUR, "feedback-opening").await.is_empty());
        let prompted: Option<i64> =
            sqlx::query_scalar("SELECT prompted_at FROM feedback_rounds WHERE id = $1")
                .bind(round)
                .fetch_one(conn.pool())
                .await
                .unwrap();
        assert_eq!(prompted, Some(at.timestamp()));

        // Later passes, and a restart, send nothing more.
        assert_eq!(pass(&t, at + chrono::Duration::hours(1)).await.opened, 0);
        t.stop().await;
        let t = TestApp::spawn(&fake, &db).await;
        assert_eq!(pass(&t, at + chrono::Duration::hours(2)).await.opened, 0);
        t.wait_idle(&fake).await;
        assert_eq!(marked(&fake, agus.id(), OPENING).len(), 1);
        let rows: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM outbox WHERE origin_kind = 'feedback-opening'",
        )
        .fetch_one(conn.pool())
        .await
        .unwrap();
        assert_eq!(rows, RATERS as i64);

        // A colleague's button starts rating them: the first value's three ratings.
        t.clock.set(at + chrono::Duration::hours(3));
        agus.tap("Dimas Prasetyo, S.T.");
        let rate = format!("fb:v:{}:", ids[&(AGUS, DIMAS)]);
        let id = agus.id();
        fake.wait_until(Duration::from_secs(20), "the first question", |f| {
            f.sent_to(id).iter().any(|s| {
                s.buttons
                    .iter()
                    .flatten()
                    .any(|(_, d)| d.starts_with(&rate))
            })
        })
        .await;
        conn.close().await;
        t.stop().await;
    }
);

on_both_backends!(
    a_restart_in_the_middle_of_the_opening_goes_on_with_those_not_yet_told,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn(&fake, &db).await;
        let agus = linked_user(&fake, &db, AGUS, 9361, "id").await;
        let ratna = linked_user(&fake, &db, RATNA, 9362, "id").await;
        let (round, _) = example_round(&t.app.db).await;
        // A process that died after committing Agus's chunk, before the round was marked.
        sqlx::query(
            "INSERT INTO feedback_reminders (round_id, slot, rater_nip, handled_at) \
             VALUES ($1, 'open', $2, 0)",
        )
        .bind(round)
        .bind(AGUS)
        .execute(t.app.db.pool())
        .await
        .unwrap();
        let p = pass(&t, nine_wib(2027, 3, 1)).await;
        assert_eq!(p.opened, RATERS - 1);
        assert_eq!(arrived(&t, &fake, &ratna, OPENING, 1).await.len(), 1);
        assert!(marked(&fake, agus.id(), OPENING).is_empty());
        assert_eq!(pass(&t, nine_wib(2027, 3, 2)).await.opened, 0);
        t.stop().await;
    }
);

on_both_backends!(
    reminders_come_on_the_working_day_before_a_weekend_and_only_to_those_with_colleagues_left,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn(&fake, &db).await;
        let agus = linked_user(&fake, &db, AGUS, 9311, "id").await;
        let dimas = linked_user(&fake, &db, DIMAS, 9312, "id").await;
        let ratna = linked_user(&fake, &db, RATNA, 9313, "en").await;
        let conn = db.connect().await;
        let (_, ids) = example_round(&conn).await;
        assert_eq!(pass(&t, nine_wib(2027, 3, 1)).await.opened, RATERS);
        // Dimas finishes everyone, Agus two of his five.
        for ratee in [AGUS, NUR, WULAN] {
            complete(&conn, ids[&(DIMAS, ratee)]).await;
        }
        for ratee in [DIMAS, NUR] {
            complete(&conn, ids[&(AGUS, ratee)]).await;
        }

        // Three days before Wednesday the 31st is Sunday: the reminder comes on Friday the 26th.
        for at in [nine_wib(2027, 3, 25), utc(2027, 3, 26, 1, 59)] {
            assert_eq!(pass(&t, at).await.reminded, 0, "at {at}");
        }
        let p = pass(&t, nine_wib(2027, 3, 26)).await;
        assert_eq!(p.slots, ["d3:2027-03-31"]);
        assert_eq!(p.reminded, RATERS - 1);
        let got = arrived(&t, &fake, &agus, REMINDER, 1).await;
        let m = &got[0];
        assert!(m.text.contains("Masih ada 3 rekan"), "{}", m.text);
        assert!(m.text.contains("Rabu, 31 Maret 2027"), "{}", m.text);
        assert_eq!(m.labels(), ["Lihat daftar saya"]);
        assert_eq!(m.buttons[0][0].1, forged(feedback::Button::List));
        let english = arrived(&t, &fake, &ratna, REMINDER, 1).await;
        assert!(
            english[0].text.contains("2 colleagues to give feedback on"),
            "{}",
            english[0].text
        );
        assert!(marked(&fake, dimas.id(), REMINDER).is_empty());
        // The weekend and Monday bring nothing new.
        for at in [nine_wib(2027, 3, 27), nine_wib(2027, 3, 29)] {
            assert_eq!(pass(&t, at).await.reminded, 0, "at {at}");
        }

        // Ratna finishes; Tuesday the 30th is the day before the close.
        for ratee in [MAYA, TEGUH] {
            complete(&conn, ids[&(RATNA, ratee)]).await;
        }
        let p = pass(&t, nine_wib(2027, 3, 30)).await;
        assert_eq!(
            (p.reminded, p.slots),
            (RATERS - 2, vec!["d1:2027-03-31".into()])
        );
        assert_eq!(pass(&t, nine_wib(2027, 3, 31)).await.reminded, 0);
        assert_eq!(arrived(&t, &fake, &agus, REMINDER, 2).await.len(), 2);
        assert_eq!(marked(&fake, ratna.id(), REMINDER).len(), 1);
        // Closed: no reminder any more.
        assert_eq!(pass(&t, nine_wib(2027, 4, 1)).await.reminded, 0);
        conn.close().await;
        t.stop().await;
    }
);

on_both_backends!(
    after_downtime_only_the_reminder_nearest_the_close_goes_out,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn(&fake, &db).await;
        let agus = linked_user(&fake, &db, AGUS, 9321, "id").await;
        let conn = db.connect().await;
        example_round(&conn).await;
        assert_eq!(pass(&t, nine_wib(2027, 3, 1)).await.opened, RATERS);
        // Down from the 25th until noon on the 30th: both reminders fell due meanwhile.
        let p = pass(&t, utc(2027, 3, 30, 5, 0)).await;
        assert_eq!(
            (p.reminded, p.slots),
            (RATERS, vec!["d1:2027-03-31".into()])
        );
        assert_eq!(pass(&t, utc(2027, 3, 30, 6, 0)).await.reminded, 0);
        assert_eq!(arrived(&t, &fake, &agus, REMINDER, 1).await.len(), 1);
        let slots: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT slot FROM feedback_reminders WHERE slot LIKE 'd%' ORDER BY slot",
        )
        .fetch_all(conn.pool())
        .await
        .unwrap();
        assert_eq!(slots, ["d1:2027-03-31"]);
        conn.close().await;
        t.stop().await;
    }
);

on_both_backends!(
    results_go_once_to_ratees_with_an_answer_and_to_their_supervisors_after_the_close,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn(&fake, &db).await;
        let agus = linked_user(&fake, &db, AGUS, 9331, "id").await;
        let dimas = linked_user(&fake, &db, DIMAS, 9332, "id").await;
        let ratna = linked_user(&fake, &db, RATNA, 9333, "en").await;
        let sri = linked_user(&fake, &db, SRI, 9334, "id").await;
        let wulan = linked_user(&fake, &db, WULAN, 9335, "id").await;
        let conn = db.connect().await;
        let (round, ids) = example_round(&conn).await;
        assert_eq!(pass(&t, nine_wib(2027, 3, 1)).await.opened, RATERS);
        // Complete answers about Dimas, Nur, Agus and Maya; Wulan's raters never finished.
        for pair in [(AGUS, DIMAS), (AGUS, NUR), (DIMAS, AGUS), (RATNA, MAYA)] {
            complete(&conn, ids[&pair]).await;
        }
        let half = ids[&(DIMAS, WULAN)];
        sqlx::query("UPDATE feedback_assignments SET answered = 6 WHERE id = $1")
            .bind(half)
            .execute(conn.pool())
            .await
            .unwrap();

        // The last minute of the last day, then midnight: results are not shown before the
        // reminder time of the first closed day, so no one is told yet.
        let last_minute = midnight_wib(2027, 4, 1) - chrono::Duration::minutes(1);
        assert_eq!(pass(&t, last_minute).await.results, 0);
        assert_eq!(pass(&t, midnight_wib(2027, 4, 1)).await.results, 0);
        let p = pass(&t, nine_wib(2027, 4, 1)).await;
        // Four ratees; Agus (Dimas, Nur), Sri (Agus) and Ratna (Maya) as supervisors.
        assert_eq!(p.results, 4 + 3);
        let later = nine_wib(2027, 4, 1) + chrono::Duration::hours(1);
        assert_eq!(pass(&t, later).await.results, 0);

        // HR's file says Dimas reads English.
        let mine = arrived(&t, &fake, &dimas, RESULTS, 1).await;
        assert_eq!(mine.len(), 1);
        assert!(
            mine[0].text.contains("results for Q1 2027 are ready"),
            "{}",
            mine[0].text
        );
        assert_eq!(
            mine[0].buttons[0][0].1,
            forged(feedback_results::Button::Mine)
        );
        let team = arrived(&t, &fake, &agus, TEAM, 1).await;
        assert_eq!(team.len(), 1);
        assert!(
            team[0].text.contains("Hasil 2 bawahan Anda"),
            "{}",
            team[0].text
        );
        assert_eq!(
            team[0].buttons[0][0].1,
            forged(feedback_results::Button::Team)
        );
        // Agus is rated too, and hears about his own results separately.
        assert_eq!(arrived(&t, &fake, &agus, RESULTS, 1).await.len(), 1);
        let english = arrived(&t, &fake, &ratna, TEAM, 1).await;
        assert!(
            english[0]
                .text
                .contains("results of 1 of your subordinates"),
            "{}",
            english[0].text
        );
        assert!(
            marked(&fake, ratna.id(), RESULTS).is_empty(),
            "Ratna was not rated"
        );
        assert_eq!(arrived(&t, &fake, &sri, TEAM, 1).await.len(), 1);
        assert!(marked(&fake, wulan.id(), RESULTS).is_empty());
        let sent: Option<i64> =
            sqlx::query_scalar("SELECT results_sent_at FROM feedback_rounds WHERE id = $1")
                .bind(round)
                .fetch_one(conn.pool())
                .await
                .unwrap();
        assert_eq!(sent, Some(nine_wib(2027, 4, 1).timestamp()));
        // Nothing changes afterwards, not even an answer completed late by hand.
        complete(&conn, half).await;
        assert_eq!(
            pass(&t, nine_wib(2027, 4, 2)).await,
            FeedbackPass::default()
        );
        conn.close().await;
        t.stop().await;
    }
);

async fn unit_of(db: &Db, nip: &str) -> UnitId {
    let id: i64 = sqlx::query_scalar("SELECT unit_id FROM employees WHERE nip = $1")
        .bind(nip)
        .fetch_one(db.pool())
        .await
        .unwrap();
    UnitId(id)
}

on_both_backends!(
    hr_reminds_one_units_raters_at_most_once_an_hour,
    |db: TestDb| async move {
        import_example(&db).await;
        let fake = FakeTelegram::start().await;
        let t = TestApp::spawn(&fake, &db).await;
        let agus = linked_user(&fake, &db, AGUS, 9341, "id").await;
        let dimas = linked_user(&fake, &db, DIMAS, 9342, "id").await;
        let ratna = linked_user(&fake, &db, RATNA, 9343, "id").await;
        let conn = db.connect().await;
        let (round, ids) = example_round(&conn).await;
        let round = kinerja_bot::domain::RoundId(round);
        let deps = t.app.deps();
        // Before the round opens there is nobody to remind.
        let umum = unit_of(&conn, AGUS).await;
        let before = nine_wib(2027, 2, 26);
        assert_eq!(remind_unit(&deps, round, umum, before).await.unwrap(), 0);
        assert_eq!(pass(&t, nine_wib(2027, 3, 1)).await.opened, RATERS);

        // Subbagian Umum: Agus and Dimas; not Sri or Hendra above it. Two presses at once.
        let at = utc(2027, 3, 10, 3, 30);
        let (a, b) = tokio::join!(
            remind_unit(&deps, round, umum, at),
            remind_unit(&deps, round, umum, at)
        );
        assert_eq!(a.unwrap() + b.unwrap(), 2);
        let got = arrived(&t, &fake, &agus, REMINDER, 1).await;
        assert!(got[0].text.contains("Masih ada 5 rekan"), "{}", got[0].text);
        assert_eq!(arrived(&t, &fake, &dimas, REMINDER, 1).await.len(), 1);
        assert!(marked(&fake, ratna.id(), REMINDER).is_empty());
        // Within the hour (across the hour's turn too) nobody is reminded again.
        for later in [20, 59] {
            let again = at + chrono::Duration::minutes(later);
            assert_eq!(remind_unit(&deps, round, umum, again).await.unwrap(), 0);
        }
        // Another unit is its own.
        let mutasi = unit_of(&conn, RATNA).await;
        assert_eq!(remind_unit(&deps, round, mutasi, at).await.unwrap(), 2);
        // An hour later, those with colleagues left are reminded again; Dimas has finished.
        for ratee in [AGUS, NUR, WULAN] {
            complete(&conn, ids[&(DIMAS, ratee)]).await;
        }
        let hour = at + chrono::Duration::minutes(61);
        assert_eq!(remind_unit(&deps, round, umum, hour).await.unwrap(), 1);
        assert_eq!(arrived(&t, &fake, &agus, REMINDER, 2).await.len(), 2);
        assert_eq!(marked(&fake, dimas.id(), REMINDER).len(), 1);
        // Closed: nothing.
        let closed = nine_wib(2027, 4, 1);
        assert_eq!(remind_unit(&deps, round, umum, closed).await.unwrap(), 0);
        conn.close().await;
        t.stop().await;
    }
);

#[tokio::test]
async fn the_running_bot_sends_the_opening_messages_when_its_clock_reaches_the_opening_time() {
    let db = TestDb::sqlite();
    import_example(&db).await;
    let fake = FakeTelegram::start().await;
    let t = TestApp::spawn(&fake, &db).await;
    let agus = linked_user(&fake, &db, AGUS, 9351, "id").await;
    example_round(&t.app.db).await;
    t.clock
        .set(nine_wib(2027, 3, 1) + chrono::Duration::seconds(30));
    assert_eq!(arrived(&t, &fake, &agus, OPENING, 1).await.len(), 1);
    t.stop().await;
}

/// Draws raters for everyone active with the domain's sampling and stores them, a few hundred
/// rows per statement; returns the raters.
async fn assign_everyone(db: &Db, round: i64) -> Vec<String> {
    let rows: Vec<(String, Option<String>, i64)> =
        sqlx::query_as("SELECT nip, supervisor_nip, active FROM employees")
            .fetch_all(db.pool())
            .await
            .unwrap();
    let members: Vec<Member> = rows
        .into_iter()
        .map(|(nip, supervisor, active)| Member {
            nip,
            supervisor,
            active: active == 1,
            linked: true,
        })
        .collect();
    let drawn = draw(&members, 11, 5, 5, false);
    for chunk in drawn.pairs.chunks(500) {
        // NIPs and group codes are digits and letters only.
        let values: Vec<String> = chunk
            .iter()
            .map(|p| {
                let g = p.group.code();
                format!("({round}, '{}', '{}', '{g}')", p.ratee, p.rater)
            })
            .collect();
        let sql = format!(
            "INSERT INTO feedback_assignments (round_id, ratee_nip, rater_nip, grp) VALUES {}",
            values.join(", ")
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(db.pool())
            .await
            .unwrap();
    }
    let mut raters: Vec<String> = drawn.pairs.into_iter().map(|p| p.rater).collect();
    raters.sort();
    raters.dedup();
    raters
}

on_both_backends!(
    in_an_organisation_of_thousands_every_rater_gets_exactly_one_opening_message,
    |db: TestDb| async move {
        import_generated(&db, 3000, 300).await;
        let linked = link_everyone(&db, 3_000_000).await;
        let fake = FakeTelegram::start().await;
        fake.lean();
        let t = TestApp::spawn_with(&fake, &db, start_time(), |s| {
            s.file.rate_limits.messages_per_second = 1000;
            s.file.outbox.max_in_flight = 64;
        })
        .await;
        let round = new_round(&t.app.db, "2027-03-01", "2027-03-31").await;
        let raters = assign_everyone(&t.app.db, round).await;
        assert!(raters.len() > 2000, "{}", raters.len());

        let other = second_process(&t).await;
        let at = nine_wib(2027, 3, 1);
        let started = std::time::Instant::now();
        let (mine, theirs) = (t.app.deps(), other.deps());
        let (a, b) = tokio::join!(run_due(&mine, at), run_due(&theirs, at));
        let queued = a.unwrap().opened + b.unwrap().opened;
        eprintln!(
            "{} opening messages queued in {:?} by two processes",
            queued,
            started.elapsed()
        );
        assert_eq!(queued, raters.len());
        other.outbox.wake();
        fake.wait_until(Duration::from_secs(90), "every opening delivered", |f| {
            f.total_deliveries() >= raters.len()
        })
        .await;
        t.wait_idle(&fake).await;
        assert_eq!(pass(&t, at + chrono::Duration::hours(1)).await.opened, 0);
        let chats: HashMap<String, i64> = linked.into_iter().collect();
        let per_chat = fake.delivery_counts();
        for (i, r) in raters.iter().enumerate() {
            assert_eq!(per_chat.get(&chats[r]).copied(), Some(1), "rater #{i}");
        }
        assert_eq!(fake.total_deliveries(), raters.len());
        other.db.close().await;
        t.stop().await;
    }
);
