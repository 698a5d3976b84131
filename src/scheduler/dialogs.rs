//! The dialog kinerja's time-driven work: the monthly reminder and its follow-ups to supervisors
//! with someone still missing a dialog this month, the quarter's flag to supervisors two weeks
//! before it ends and the escalation to their own supervisors after it, and acknowledgements
//! that ran out of time.
//!
//! `run_due(deps, now)` does all of it once for the instant `now` (tests call it with times they
//! choose); `run` calls it whenever the injected clock passes a tick of `dialog.check`. Each
//! slot reaches each person once: their message is queued in the same transaction as the
//! `(slot, person)` record, supervisors are worked through in chunks by NIP so a restart goes on
//! with those not yet done, and a slot finished for everyone is recorded so later passes skip
//! it. A pass that comes late (downtime) sends only the latest slot due, never a pile.
//!
//! What fell due before the bot first ran its reminders on this database is passed over: a new
//! installation (or the upgrade that brings this) does not open with a month's reminder that
//! went by before it, nor escalate a quarter whose flag came before it.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};
use tokio_util::sync::CancellationToken;

use crate::app::App;
use crate::bot::features::dialog::Button;
use crate::deps::Deps;
use crate::domain::Lang;
use crate::domain::calendar::{Calendar, Month, Quarter, local_date};
use crate::domain::dialog_schedule::{
    SlotKind, due_slot, month_slots, quarter_escalation_at, quarter_escalation_key,
    quarter_flag_at, quarter_flag_key,
};
use crate::domain::formatting::escape_html;
use crate::i18n::{Msg, text_with};
use crate::storage::audience::Origin;
use crate::storage::dialog_reminders::{
    self as store, Digest, Listing, ORIGIN_ESCALATION, ORIGIN_FLAG, ORIGIN_REMINDER, Outgoing,
    Period, Person, Reach,
};
use crate::storage::outbox::Payload;
use crate::storage::{self, StorageError};

/// Supervisors per transaction: small enough that the SQLite write lock is held briefly and
/// memory stays flat, large enough that 100,000 employees take a few dozen transactions.
pub const CHUNK: i64 = 500;

/// People named in one message (each with a button): Telegram takes 100 buttons and 4096
/// characters, and a long list is read by nobody; the rest are counted and `/dialog` lists all.
pub const MAX_LISTED: usize = 20;

/// One level up: the direct reports' teams shown, and the people named in each, so that a head
/// with many reports still gets one message under Telegram's 4096 characters.
const MAX_TEAMS: usize = 20;
const MAX_PER_TEAM: usize = 5;

/// Button labels are names; Telegram shows about this much of one.
const MAX_LABEL_CHARS: usize = 48;

/// How often the loop looks at the clock: a clock moved by hand (tests, an operator fixing the
/// system time) is noticed within this, and reading the clock costs nothing.
const CLOCK_POLL: StdDuration = StdDuration::from_secs(1);

/// What one pass did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DialogPass {
    /// The month's slot whose reminders this pass worked on, if one was due.
    pub slot: Option<String>,
    /// Monthly reminders queued (first or follow-up), one per supervisor.
    pub reminders: usize,
    /// Quarter flags queued, one per supervisor.
    pub flags: usize,
    /// Escalations queued, one per supervisor's supervisor.
    pub escalations: usize,
    /// Dialogs that now stand as unacknowledged.
    pub unacknowledged: u64,
}

impl DialogPass {
    pub fn queued(&self) -> usize {
        self.reminders + self.flags + self.escalations
    }
}

/// Runs a pass whenever the injected clock reaches the next tick of `dialog.check` (or moves
/// back). The first pass is at the first tick after start, so a slot missed while the bot was
/// down goes out within a minute of starting; a clock that does not move runs nothing.
pub async fn run(app: Arc<App>, shutdown: CancellationToken) {
    let deps = app.deps();
    let Some(schedule) = deps.settings.file.dialog.check_schedule() else {
        return;
    };
    // Recorded once per database, at the first start: the moment reminders are due from.
    let mut started = false;
    let tz = deps.settings.file.time_zone.tz();
    let next_tick = |after: DateTime<Utc>| {
        schedule
            .after(&after.with_timezone(&tz))
            .next()
            .map(|t| t.with_timezone(&Utc))
    };
    let mut last = deps.clock.now();
    let mut next = next_tick(last);
    // A replica that just took the fleet's seat runs a pass at once: what fell due while the
    // last holder was dying goes out now (each reminder at most once per person regardless).
    let mut taken_over = false;
    let mut seat = app.seat.watch();
    loop {
        let now = deps.clock.now();
        if !started {
            match store::mark_start(&deps.db, now.timestamp()).await {
                Ok(_) => started = true,
                Err(e) => tracing::warn!(error = %e, "dialog reminders: database unavailable"),
            }
        }
        if !app.seat.held() {
            // Another replica runs the fleet's scheduled work; keep time so a takeover starts
            // from now.
            last = now;
            next = next_tick(now);
        } else if taken_over || next.is_some_and(|t| now >= t) || now < last {
            taken_over = false;
            if let Some(due) = next.filter(|t| now >= *t) {
                super::record_lag("dialogs", now - due);
            }
            log_pass(run_due(&deps, now).await);
            super::feedback::log_pass(super::feedback::run_due(&deps, now).await);
            last = now;
            next = next_tick(now);
        }
        let wait = next
            .and_then(|t| (t - now).to_std().ok())
            .unwrap_or(CLOCK_POLL)
            .clamp(StdDuration::from_millis(50), CLOCK_POLL);
        tokio::select! {
            _ = shutdown.cancelled() => return,
            _ = crate::fleet::taken(&mut seat) => taken_over = true,
            _ = tokio::time::sleep(wait) => {}
        }
    }
}

fn log_pass(result: Result<DialogPass, StorageError>) {
    match result {
        Ok(p) if p.queued() == 0 && p.unacknowledged == 0 => {}
        Ok(p) => tracing::info!(
            slot = p.slot.as_deref().unwrap_or(""),
            reminders = p.reminders,
            flags = p.flags,
            escalations = p.escalations,
            unacknowledged = p.unacknowledged,
            "dialog reminders queued"
        ),
        Err(e) => {
            tracing::warn!(error = %e, "dialog reminders: database unavailable; will retry")
        }
    }
}

/// Does everything due at `now`: expires acknowledgements, queues the month's due reminder,
/// the quarter's flag and the last quarter's escalation, each at most once per person.
pub async fn run_due(deps: &Deps, now: DateTime<Utc>) -> Result<DialogPass, StorageError> {
    let file = &deps.settings.file;
    let cfg = &file.dialog;
    let tz = file.time_zone.tz();
    let db = &deps.db;
    let mut pass = DialogPass::default();

    let saved_by = now - Duration::days(i64::from(cfg.acknowledge_days));
    pass.unacknowledged =
        store::expire_acknowledgements(db, saved_by.timestamp(), now.timestamp()).await?;

    // Read every pass: HR's changes in chat apply to the next reminder without a restart.
    let calendar = storage::calendar::calendar(db, file.calendar.holidays()).await?;
    let today = local_date(now, tz);
    // Without a start recorded (tests and benchmarks that call this directly) nothing is old.
    let started = store::started_at(db)
        .await?
        .and_then(|t| DateTime::from_timestamp(t, 0))
        .unwrap_or(DateTime::<Utc>::MIN_UTC);

    let month = Month::of(today);
    if let (Some(first), Some(follow_up)) = (cfg.reminder_schedule(), cfg.follow_up_schedule()) {
        let slots = month_slots(month, &first, &follow_up, &calendar, tz);
        let mut handled = store::handled_slots(db, &format!("{}:", month.key())).await?;
        handled.extend(
            slots
                .iter()
                .filter(|s| s.at < started)
                .map(|s| s.key.clone()),
        );
        let due = due_slot(&slots, now, &handled);
        let passed_over: Vec<&str> = due.skip.iter().map(|s| s.key.as_str()).collect();
        store::close_slots(db, &passed_over, false, now.timestamp()).await?;
        if let Some(slot) = due.send {
            let job = Job {
                slot: &slot.key,
                reach: Reach::Team,
                period: Period {
                    from: month.first_day(),
                    to: month.last_day(),
                },
                origin: Origin {
                    kind: ORIGIN_REMINDER,
                    id: i64::from(month.year) * 100 + i64::from(month.month),
                },
                message: Message::Month(slot.kind, month),
            };
            pass.reminders = send(deps, &job, now).await?;
            pass.slot = Some(slot.key.clone());
        }
    }

    let quarter = Quarter::of(today);
    let quarters = Quarters {
        calendar: &calendar,
        started,
        now,
    };
    pass.flags = quarters.flag(deps, quarter).await?;
    if cfg.escalate_after_quarter {
        pass.escalations = quarters.escalation(deps, quarter.prev()).await?;
    }
    if pass.queued() > 0 {
        deps.outbox.wake();
    }
    Ok(pass)
}

fn quarter_origin(kind: &'static str, quarter: Quarter) -> Origin {
    Origin {
        kind,
        id: i64::from(quarter.year) * 10 + i64::from(quarter.q),
    }
}

fn quarter_period(quarter: Quarter) -> Period {
    Period {
        from: quarter.first_day(),
        to: quarter.last_day(),
    }
}

/// What the quarter's slots are judged by in one pass.
struct Quarters<'a> {
    calendar: &'a Calendar,
    started: DateTime<Utc>,
    now: DateTime<Utc>,
}

impl Quarters<'_> {
    fn flag_at(&self, deps: &Deps, quarter: Quarter) -> DateTime<Utc> {
        let cfg = &deps.settings.file.dialog;
        quarter_flag_at(
            quarter,
            cfg.quarter_flag_days_before_end,
            cfg.quarter_flag_time(),
            self.calendar,
            deps.settings.file.time_zone.tz(),
        )
    }

    /// The current quarter's flag, once it is due.
    async fn flag(&self, deps: &Deps, quarter: Quarter) -> Result<usize, StorageError> {
        let at = self.flag_at(deps, quarter);
        let key = quarter_flag_key(quarter);
        if self.now < at || at < self.started || is_handled(deps, &key).await? {
            return Ok(0);
        }
        let job = Job {
            slot: &key,
            reach: Reach::Team,
            period: quarter_period(quarter),
            origin: quarter_origin(ORIGIN_FLAG, quarter),
            message: Message::Flag(quarter),
        };
        send(deps, &job, self.now).await
    }

    /// The last quarter's escalation, once it is due. A quarter whose flag fell before the bot
    /// first ran is not escalated: nobody was warned, and its dialogs may be recorded elsewhere.
    async fn escalation(&self, deps: &Deps, quarter: Quarter) -> Result<usize, StorageError> {
        let cfg = &deps.settings.file.dialog;
        let tz = deps.settings.file.time_zone.tz();
        let at = quarter_escalation_at(quarter, cfg.quarter_flag_time(), self.calendar, tz);
        let key = quarter_escalation_key(quarter);
        if self.now < at
            || self.flag_at(deps, quarter) < self.started
            || is_handled(deps, &key).await?
        {
            return Ok(0);
        }
        let job = Job {
            slot: &key,
            reach: Reach::NextLevel,
            period: quarter_period(quarter),
            origin: quarter_origin(ORIGIN_ESCALATION, quarter),
            message: Message::Escalation(quarter),
        };
        send(deps, &job, self.now).await
    }
}

async fn is_handled(deps: &Deps, key: &str) -> Result<bool, StorageError> {
    Ok(store::handled_slots(&deps.db, key).await?.contains(key))
}

/// One slot to work through.
struct Job<'a> {
    slot: &'a str,
    reach: Reach,
    period: Period,
    origin: Origin,
    message: Message,
}

#[derive(Clone, Copy)]
enum Message {
    Month(SlotKind, Month),
    Flag(Quarter),
    Escalation(Quarter),
}

/// Queues the slot's messages, a chunk of recipients per transaction, then records the slot as
/// finished. Returns how many messages this call queued (another process may have queued the
/// rest).
async fn send(deps: &Deps, job: &Job<'_>, now: DateTime<Utc>) -> Result<usize, StorageError> {
    let db = &deps.db;
    let mut after = String::new();
    let mut queued = 0;
    loop {
        let chunk = store::recipients(db, job.reach, job.period, job.slot, &after, CHUNK).await?;
        let Some(last) = chunk.last() else {
            break;
        };
        after = last.nip.clone();
        let listing = match job.reach {
            Reach::Team => Listing {
                per_recipient: MAX_LISTED,
                per_team: MAX_LISTED,
            },
            Reach::NextLevel => Listing {
                per_recipient: MAX_TEAMS * MAX_PER_TEAM,
                per_team: MAX_PER_TEAM,
            },
        };
        let digests = store::digests(db, job.reach, job.period, chunk, listing).await?;
        let messages: Vec<Outgoing> = digests
            .iter()
            .map(|d| Outgoing {
                recipient: d.recipient.clone(),
                payload: payload(job.message, d),
            })
            .collect();
        let n = store::queue(db, job.slot, job.origin, &messages, now.timestamp()).await?;
        if n > 0 {
            // The sender starts on this chunk while the next is worked out.
            deps.outbox.wake();
        }
        queued += n;
    }
    store::close_slots(db, &[job.slot], true, now.timestamp()).await?;
    Ok(queued)
}

/// The message to one recipient, in their language.
fn payload(message: Message, d: &Digest) -> Payload {
    let lang = d.recipient.lang;
    let count = ("count", d.total.to_string());
    let shown = shown_people(d);
    let more = more_line(lang, d.total - shown.len());
    let list = || {
        let lines: Vec<String> = shown
            .iter()
            .map(|p| format!("• {}", escape_html(&p.name)))
            .collect();
        lines.join("\n")
    };
    let text = match message {
        Message::Month(kind, month) => {
            let msg = match kind {
                SlotKind::First => Msg::DialogReminderFirst,
                SlotKind::FollowUp => Msg::DialogReminderFollowUp,
            };
            let args = [
                ("month", month_name(lang, month)),
                count,
                ("list", list()),
                ("more", more),
            ];
            text_with(lang, msg, &args)
        }
        Message::Flag(quarter) => {
            let last = quarter.last_day();
            let args = [
                ("quarter", quarter_name(lang, quarter)),
                count,
                ("list", list()),
                ("more", more),
                ("last_day", last.format("%d-%m-%Y").to_string()),
            ];
            text_with(lang, Msg::DialogQuarterFlag, &args)
        }
        Message::Escalation(quarter) => {
            let args = [
                ("quarter", quarter_name(lang, quarter)),
                count,
                ("list", team_lines(lang, d)),
                ("more", String::new()),
            ];
            text_with(lang, Msg::DialogQuarterEscalation, &args)
        }
    };
    // Only a supervisor's own subordinates get buttons: the one level up may not record for
    // them, and a button there would only be refused.
    let keyboard = match message {
        Message::Month(..) | Message::Flag(_) => record_keyboard(&shown),
        Message::Escalation(_) => None,
    };
    Payload {
        text,
        html: true,
        keyboard,
    }
}

/// Characters the names (or teams) of one message may take: with the wording around them the
/// message stays under Telegram's 4096, however long the names in HR's file are (up to 200).
const LIST_BUDGET: usize = 3000;

/// The people a supervisor's message names: those the digest listed, as long as their lines
/// fit the budget.
fn shown_people(d: &Digest) -> Vec<&Person> {
    let mut used = 0;
    d.teams
        .iter()
        .flat_map(|t| &t.people)
        .take_while(|p| {
            used += escape_html(&p.name).chars().count() + 3;
            used <= LIST_BUDGET
        })
        .collect()
}

fn more_line(lang: Lang, unlisted: usize) -> String {
    if unlisted == 0 {
        return String::new();
    }
    let args = [("count", unlisted.to_string())];
    format!("\n{}", text_with(lang, Msg::DialogReminderMore, &args))
}

fn month_name(lang: Lang, month: Month) -> String {
    let args = [
        ("month", month.month.to_string()),
        ("year", month.year.to_string()),
    ];
    text_with(lang, Msg::DialogMonthName, &args)
}

fn quarter_name(lang: Lang, quarter: Quarter) -> String {
    let args = [
        ("quarter", quarter.roman().to_owned()),
        ("year", quarter.year.to_string()),
    ];
    text_with(lang, Msg::DialogQuarterName, &args)
}

/// One line per direct report's team: their name, how many had no dialog, who; as many teams
/// as fit the budget (at most `MAX_TEAMS`), then how many teams and people are left.
fn team_lines(lang: Lang, d: &Digest) -> String {
    let mut lines = Vec::new();
    let mut used = 0;
    for t in d.teams.iter().take(MAX_TEAMS) {
        let mut names: Vec<String> = t.people.iter().map(|p| escape_html(&p.name)).collect();
        let unlisted = t.total - t.people.len();
        if unlisted > 0 {
            let args = [("count", unlisted.to_string())];
            names.push(text_with(lang, Msg::DialogEscalationTeamMore, &args));
        }
        let args = [
            ("lead", escape_html(t.lead.as_deref().unwrap_or_default())),
            ("count", t.total.to_string()),
            ("names", names.join(", ")),
        ];
        let line = text_with(lang, Msg::DialogEscalationTeam, &args);
        used += line.chars().count() + 1;
        if used > LIST_BUDGET {
            break;
        }
        lines.push(line);
    }
    let hidden = &d.teams[lines.len()..];
    if !hidden.is_empty() {
        let people: usize = hidden.iter().map(|t| t.total).sum();
        let args = [
            ("teams", hidden.len().to_string()),
            ("count", people.to_string()),
        ];
        lines.push(text_with(lang, Msg::DialogEscalationMoreTeams, &args));
    }
    lines.join("\n")
}

/// A button per named person that starts recording with them, as Bot API JSON.
fn record_keyboard(shown: &[&Person]) -> Option<String> {
    let rows: Vec<Vec<InlineKeyboardButton>> = shown
        .iter()
        .filter_map(|p| {
            let who = p.employee_ref?;
            let label: String = p.name.chars().take(MAX_LABEL_CHARS).collect();
            Some(vec![InlineKeyboardButton::callback(
                label,
                Button::Record(who).encode(),
            )])
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    serde_json::to_string(&InlineKeyboardMarkup::new(rows)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::dialog_reminders::{Recipient, Team};

    fn digest(lang: Lang, people: &[&str], total: usize) -> Digest {
        Digest {
            recipient: Recipient {
                nip: "196805121990031002".into(),
                lang,
                chat: None,
                blocked: false,
            },
            teams: vec![Team {
                lead: Some("Sri <Rahayu>".into()),
                people: people
                    .iter()
                    .enumerate()
                    .map(|(i, n)| Person {
                        name: (*n).into(),
                        employee_ref: Some(crate::domain::EmployeeRef(i as i64 + 1)),
                    })
                    .collect(),
                total,
            }],
            total,
        }
    }

    #[test]
    fn a_reminder_names_each_person_escaped_with_a_button_and_counts_the_rest() {
        let d = digest(Lang::En, &["Dimas & Co", "Nur <b>Aini</b>"], 25);
        let month = Month {
            year: 2027,
            month: 1,
        };
        let p = payload(Message::Month(SlotKind::First, month), &d);
        assert!(p.text.contains("January 2027"), "{}", p.text);
        assert!(
            p.text.contains("25 of your subordinates have"),
            "{}",
            p.text
        );
        assert!(p.text.contains("• Dimas &amp; Co"), "{}", p.text);
        assert!(p.text.contains("Nur &lt;b&gt;Aini&lt;/b&gt;"), "{}", p.text);
        assert!(p.text.contains("and 23 more"), "{}", p.text);
        let keyboard = p.keyboard.unwrap();
        assert!(
            keyboard.contains("\"callback_data\":\"dk:r:1\""),
            "{keyboard}"
        );
        assert!(
            keyboard.contains("Nur <b>Aini</b>"),
            "labels are plain text"
        );
        let one = digest(Lang::En, &["Dimas"], 1);
        let p = payload(Message::Month(SlotKind::FollowUp, month), &one);
        assert!(
            p.text.contains("1 of your subordinates still has"),
            "{}",
            p.text
        );
        assert!(!p.text.contains("more"), "{}", p.text);
    }

    #[test]
    fn indonesian_names_the_month_and_the_quarter() {
        let d = digest(Lang::Id, &["Dimas"], 1);
        let month = Month {
            year: 2027,
            month: 3,
        };
        let p = payload(Message::Month(SlotKind::First, month), &d);
        assert!(p.text.contains("Maret 2027"), "{}", p.text);
        let q = Quarter { year: 2027, q: 1 };
        let p = payload(Message::Flag(q), &d);
        assert!(p.text.contains("Triwulan I 2027"), "{}", p.text);
        assert!(p.text.contains("31-03-2027"), "{}", p.text);
        let p = payload(Message::Escalation(q), &d);
        assert!(
            p.text
                .contains("<b>Sri &lt;Rahayu&gt;</b> (1 orang): Dimas"),
            "{}",
            p.text
        );
        assert!(p.keyboard.is_none(), "no buttons one level up");
    }

    #[test]
    fn long_names_and_many_teams_stay_within_one_telegram_message() {
        let long = "Nama Sangat Panjang Sekali & Gelar ".repeat(5);
        let names: Vec<&str> = (0..20).map(|_| long.as_str()).collect();
        let d = digest(Lang::Id, &names, 30);
        let month = Month {
            year: 2027,
            month: 1,
        };
        let p = payload(Message::Month(SlotKind::First, month), &d);
        assert!(p.text.chars().count() < 4096, "{}", p.text.chars().count());
        let buttons = p.keyboard.unwrap().matches("callback_data").count();
        let named = p.text.matches("• ").count();
        assert_eq!(buttons, named, "a button for each name shown, no more");
        assert!(
            p.text
                .contains(&format!("dan {} orang lainnya", 30 - named)),
            "{}",
            p.text
        );

        let team = |i: usize| Team {
            lead: Some(format!("{long}{i}")),
            people: names
                .iter()
                .take(MAX_PER_TEAM)
                .map(|n| Person {
                    name: (*n).into(),
                    employee_ref: None,
                })
                .collect(),
            total: 7,
        };
        let mut many = digest(Lang::En, &[], 0);
        many.teams = (0..40).map(team).collect();
        many.total = 7 * 40;
        let q = Quarter { year: 2027, q: 1 };
        let p = payload(Message::Escalation(q), &many);
        assert!(p.text.chars().count() < 4096, "{}", p.text.chars().count());
        let shown = p.text.matches("(7 people)").count();
        assert!(shown > 0 && shown < 40, "{shown}");
        let rest = format!("and {} more teams, {} people", 40 - shown, 7 * (40 - shown));
        assert!(p.text.contains(&rest), "{}", p.text);
    }
}
