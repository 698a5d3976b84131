//! How a round and a rater's list read: the period's name, and the list of colleagues with a
//! button each (the opening message queued by the scheduler and `/feedback` share it).

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use super::Button;
use crate::bot::CallbackData;
use crate::domain::{AssignmentId, Lang};
use crate::i18n::{Msg, text_with};

/// Colleagues with a line and a button of their own in one message; the rest are counted.
pub const BUTTONS: usize = 20;

/// A name longer than this is cut in a list line (a line must not carry a page over 4096).
const MAX_NAME_CHARS: usize = 100;

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

/// One colleague's line: done, or how far.
pub fn line(lang: Lang, e: &Entry) -> String {
    let msg = if e.complete {
        Msg::FeedbackListDone
    } else {
        Msg::FeedbackListOpen
    };
    let name: String = e.name.chars().take(MAX_NAME_CHARS).collect();
    text_with(
        lang,
        msg,
        &[("name", name), ("answered", e.answered.to_string())],
    )
}

/// The first [`BUTTONS`] colleagues still to finish, a line and a button each; with more, "see
/// all" opens the whole list in pages.
pub fn list(lang: Lang, entries: &[Entry]) -> (String, Option<InlineKeyboardMarkup>) {
    let open: Vec<&Entry> = entries.iter().filter(|e| !e.complete).collect();
    let shown = &open[..open.len().min(BUTTONS)];
    let mut lines: Vec<String> = shown.iter().map(|e| line(lang, e)).collect();
    let mut rows: Vec<Vec<InlineKeyboardButton>> = shown
        .iter()
        .map(|e| vec![callback(e.name.clone(), Button::Rate(e.id))])
        .collect();
    if open.len() > BUTTONS {
        let more = open.len() - BUTTONS;
        lines.push(text_with(
            lang,
            Msg::FeedbackListMore,
            &[("count", more.to_string())],
        ));
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
