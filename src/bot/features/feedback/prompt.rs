//! How a round and a rater's list read: the period's name, and the list of colleagues with a
//! button each (the opening message queued by the scheduler and `/feedback` share it).

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use super::Button;
use crate::bot::CallbackData;
use crate::domain::{AssignmentId, Lang};
use crate::i18n::{Msg, text_with};

/// Colleagues with a button of their own in one message; the rest are in the text.
pub const BUTTONS: usize = 20;

/// "Triwulan I 2027", "Maret 2027": one wording for the whole bot, the scheduler's.
pub use crate::scheduler::feedback::period_name;

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
