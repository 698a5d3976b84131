//! How a round and a rater's list read: the period's name, and the list of colleagues with a
//! button each (the opening message queued by the scheduler and `/feedback` share it).

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use super::Button;
use crate::bot::CallbackData;
use crate::domain::feedback_round::RoundPeriod;
use crate::domain::{AssignmentId, Lang};
use crate::i18n::{Msg, text_with};

/// Colleagues with a button of their own in one message; the rest are in the text.
pub const BUTTONS: usize = 20;

/// "Triwulan I 2027", "Maret 2027", "Semester 1 2027", "Tahun 2027".
pub fn period_name(lang: Lang, period: RoundPeriod) -> String {
    let year = period.year_number().to_string();
    let roman = |n: u32| ["I", "II", "III", "IV"][(n as usize).saturating_sub(1).min(3)];
    match period {
        RoundPeriod::Month { month, .. } => text_with(
            lang,
            Msg::DialogMonthName,
            &[("month", month.to_string()), ("year", year)],
        ),
        RoundPeriod::Quarter { quarter, .. } => text_with(
            lang,
            Msg::DialogQuarterName,
            &[("quarter", roman(quarter).into()), ("year", year)],
        ),
        RoundPeriod::Semester { semester, .. } => text_with(
            lang,
            Msg::FeedbackSemesterName,
            &[("semester", semester.to_string()), ("year", year)],
        ),
        RoundPeriod::Year { .. } => text_with(lang, Msg::FeedbackYearName, &[("year", year)]),
    }
}

/// A colleague on a rater's list.
pub struct Entry {
    pub id: AssignmentId,
    pub name: String,
    /// Values answered, 0 to 7.
    pub answered: i64,
    pub complete: bool,
}

/// The list's lines (done ones marked) and a button per colleague still to finish (the first
/// [`BUTTONS`] of them; "see all" opens the full list in chat).
pub fn list(lang: Lang, entries: &[Entry]) -> (String, Option<InlineKeyboardMarkup>) {
    let lines: Vec<String> = entries
        .iter()
        .map(|e| {
            let msg = if e.complete {
                Msg::FeedbackListDone
            } else {
                Msg::FeedbackListOpen
            };
            text_with(
                lang,
                msg,
                &[
                    ("name", e.name.clone()),
                    ("answered", e.answered.to_string()),
                ],
            )
        })
        .collect();
    let mut rows: Vec<Vec<InlineKeyboardButton>> = entries
        .iter()
        .filter(|e| !e.complete)
        .take(BUTTONS)
        .map(|e| vec![callback(e.name.clone(), Button::Rate(e.id))])
        .collect();
    let open = entries.iter().filter(|e| !e.complete).count();
    if open > BUTTONS {
        rows.push(vec![callback(
            crate::i18n::text(lang, Msg::FeedbackListAll),
            Button::List,
        )]);
    }
    let keyboard = (!rows.is_empty()).then(|| InlineKeyboardMarkup::new(rows));
    (lines.join("\n"), keyboard)
}

pub fn callback(label: String, button: Button) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(label, CallbackData::from(button).encode())
}
