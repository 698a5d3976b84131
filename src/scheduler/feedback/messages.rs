//! The texts and buttons of the 360 round's scheduled messages, in each recipient's language
//! (`locales/*/feedback-reminders.ftl`). Names are escaped for Telegram's HTML; button labels
//! are plain text.

use chrono::{Datelike, NaiveDate};
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::bot::CallbackData;
use crate::bot::features::{feedback, feedback_results};
use crate::domain::Lang;
use crate::domain::feedback_round::RoundPeriod;
use crate::domain::formatting::escape_html;
use crate::i18n::{Msg, text, text_with};
use crate::storage::feedback_reminders::{Colleague, Counted};
use crate::storage::feedback_rounds::Round;
use crate::storage::outbox::Payload;

/// Colleagues with a button of their own in the opening message; with more, a "see all"
/// button leads to the rater's whole list. Telegram takes 100 buttons, but a column of more
/// than this is scrolled past, not read.
pub const MAX_BUTTONS: usize = 20;

/// Characters the names of one message may take: with the wording around them the message
/// stays under Telegram's 4096, however long the names in HR's file are (up to 200).
const LIST_BUDGET: usize = 3000;

/// Button labels are names; Telegram shows about this much of one.
const MAX_LABEL_CHARS: usize = 48;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Message {
    /// To a rater when the round opens: the colleagues to rate.
    Opening,
    /// To a rater with colleagues left: how many, and the last day.
    Reminder,
    /// To a ratee after the close.
    Results,
    /// To a supervisor after the close: how many subordinates have results.
    TeamResults,
}

/// How a round reads in each language: worked out once per slot, not once per recipient.
pub struct RoundNames(Vec<(Lang, String, String)>);

impl RoundNames {
    pub fn of(round: &Round) -> Self {
        let names = Lang::ALL
            .into_iter()
            .map(|lang| {
                let period = period_name(lang, round.period);
                (lang, period, date_name(lang, round.last_day()))
            })
            .collect();
        Self(names)
    }

    /// The period's name and the last day's, as `(name, value)` arguments.
    fn args(&self, lang: Lang) -> [(&'static str, String); 2] {
        let (period, last_day) = self
            .0
            .iter()
            .find(|(l, ..)| *l == lang)
            .map(|(_, p, d)| (p.clone(), d.clone()))
            .unwrap_or_default();
        [("period", period), ("last_day", last_day)]
    }
}

/// The message `message` to `to`, in their language; `colleagues` are the rater's list for the
/// opening message.
pub fn payload(
    message: Message,
    names: &RoundNames,
    to: &Counted,
    colleagues: Option<&[Colleague]>,
) -> Payload {
    let lang = to.recipient.lang;
    let [period, last_day] = names.args(lang);
    let count = ("count", to.count.to_string());
    let (text, keyboard) = match message {
        Message::Opening => opening(lang, colleagues.unwrap_or_default(), [period, last_day]),
        Message::Reminder => (
            text_with(lang, Msg::FeedbackSchedReminder, &[period, count, last_day]),
            single_button(lang, Msg::FeedbackSchedListButton, feedback::Button::List),
        ),
        Message::Results => (
            text_with(lang, Msg::FeedbackSchedResults, &[period]),
            single_button(
                lang,
                Msg::FeedbackSchedResultsButton,
                feedback_results::Button::Mine,
            ),
        ),
        Message::TeamResults => (
            text_with(lang, Msg::FeedbackSchedTeamResults, &[period, count]),
            single_button(
                lang,
                Msg::FeedbackSchedTeamButton,
                feedback_results::Button::Team,
            ),
        ),
    };
    Payload {
        text,
        html: true,
        keyboard,
    }
}

/// Every colleague named as far as the budget allows (the rest counted), a button for each of
/// the first `MAX_BUTTONS` named, and "see all" when some have no button.
fn opening(
    lang: Lang,
    colleagues: &[Colleague],
    [period, last_day]: [(&'static str, String); 2],
) -> (String, Option<String>) {
    let mut used = 0;
    let shown: Vec<&Colleague> = colleagues
        .iter()
        .take_while(|c| {
            used += escape_html(&c.name).chars().count() + 3;
            used <= LIST_BUDGET
        })
        .collect();
    let list: Vec<String> = shown
        .iter()
        .map(|c| format!("• {}", escape_html(&c.name)))
        .collect();
    let unlisted = colleagues.len() - shown.len();
    let more = if unlisted == 0 {
        String::new()
    } else {
        let args = [("count", unlisted.to_string())];
        format!("\n{}", text_with(lang, Msg::FeedbackSchedMore, &args))
    };
    let args = [
        period,
        ("count", colleagues.len().to_string()),
        ("list", list.join("\n")),
        ("more", more),
        last_day,
    ];
    let body = text_with(lang, Msg::FeedbackSchedOpening, &args);
    let mut rows: Vec<Vec<InlineKeyboardButton>> = shown
        .iter()
        .take(MAX_BUTTONS)
        .map(|c| {
            let label: String = c.name.chars().take(MAX_LABEL_CHARS).collect();
            vec![button(label, feedback::Button::Rate(c.assignment))]
        })
        .collect();
    if colleagues.len() > rows.len() {
        let label = text(lang, Msg::FeedbackSchedSeeAll);
        rows.push(vec![button(label, feedback::Button::List)]);
    }
    (body, keyboard(rows))
}

fn button(label: String, data: impl Into<CallbackData>) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(label, data.into().encode())
}

fn single_button(lang: Lang, label: Msg, data: impl Into<CallbackData>) -> Option<String> {
    keyboard(vec![vec![button(text(lang, label), data)]])
}

/// Bot API JSON of an inline keyboard, `None` without buttons.
fn keyboard(rows: Vec<Vec<InlineKeyboardButton>>) -> Option<String> {
    if rows.is_empty() {
        return None;
    }
    serde_json::to_string(&InlineKeyboardMarkup::new(rows)).ok()
}

/// "Triwulan I 2027", "Q1 2027", "Maret 2027", …
pub fn period_name(lang: Lang, period: RoundPeriod) -> String {
    const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];
    let (kind, number, month) = match period {
        RoundPeriod::Month { month, .. } => ("month", month, month_name(lang, month)),
        RoundPeriod::Quarter { quarter, .. } => ("quarter", quarter, String::new()),
        RoundPeriod::Semester { semester, .. } => ("semester", semester, String::new()),
        RoundPeriod::Year { .. } => ("year", 0, String::new()),
    };
    let roman = usize::try_from(number)
        .ok()
        .and_then(|n| ROMAN.get(n.wrapping_sub(1)))
        .copied()
        .unwrap_or_default();
    let args = [
        ("kind", kind.to_owned()),
        ("month", month),
        ("roman", roman.to_owned()),
        ("number", number.to_string()),
        ("year", period.year_number().to_string()),
    ];
    text_with(lang, Msg::FeedbackSchedPeriod, &args)
}

fn month_name(lang: Lang, month: u32) -> String {
    text_with(
        lang,
        Msg::FeedbackSchedMonth,
        &[("month", month.to_string())],
    )
}

/// "Rabu, 31 Maret 2027", "Wednesday, 31 March 2027".
pub fn date_name(lang: Lang, day: NaiveDate) -> String {
    let args = [
        ("weekday", day.weekday().number_from_monday().to_string()),
        ("day", day.day().to_string()),
        ("month", month_name(lang, day.month())),
        ("year", day.year().to_string()),
    ];
    text_with(lang, Msg::FeedbackSchedDate, &args)
}

#[cfg(test)]
#[path = "messages_tests.rs"]
mod tests;
