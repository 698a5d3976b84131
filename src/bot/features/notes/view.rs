//! How notes and expectations read: labels, the paged list of people to choose from, dates in
//! the organisation's zone, and one note as an entry in a list. Plain text: what people typed
//! is shown as typed.

use chrono::{DateTime, NaiveDate};
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use super::Button;
use super::rules;
use crate::bot::context::Ctx;
use crate::domain::berakhlak::Value;
use crate::domain::calendar::local_date;
use crate::domain::{EmployeeRef, Lang};
use crate::i18n::{Msg, text, text_with};
use crate::storage::feedback_notes::{Colleague, Note, NoteKind};

/// People shown per page while choosing (Telegram takes 100 buttons a message).
const PAGE: usize = 20;

pub fn button(label: String, data: Button) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(label, data.encode())
}

pub fn kind(k: NoteKind) -> Msg {
    match k {
        NoteKind::Appreciation => Msg::NotesKindAppreciation,
        NoteKind::Improvement => Msg::NotesKindImprovement,
    }
}

/// Today in the organisation's zone.
pub fn today(ctx: &Ctx<'_>) -> NaiveDate {
    local_date(ctx.deps.clock.now(), ctx.deps.settings.file.time_zone.tz())
}

/// The evaluation year it is now.
pub fn period(ctx: &Ctx<'_>) -> String {
    rules::period(today(ctx))
}

pub fn date(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

/// Random, made when a writing starts.
pub fn new_key() -> String {
    let key: [u8; 12] = rand::random();
    key.iter().map(|b| format!("{b:02x}")).collect()
}

/// One page of people as buttons, one per row, with the page buttons below; and the question
/// with "page n of m" when there is more than one.
pub fn people(
    lang: Lang,
    question: String,
    list: &[Colleague],
    page: usize,
    pick: fn(EmployeeRef) -> Button,
) -> (String, Vec<Vec<InlineKeyboardButton>>) {
    let pages = list.len().div_ceil(PAGE).max(1);
    let page = page.min(pages - 1);
    let mut rows: Vec<Vec<_>> = list
        .iter()
        .skip(page * PAGE)
        .take(PAGE)
        .map(|c| vec![button(c.name.clone(), pick(c.r#ref))])
        .collect();
    let mut nav = Vec::new();
    if page > 0 {
        nav.push(button(
            text(lang, Msg::PagePrevious),
            Button::Page(page - 1),
        ));
    }
    if page + 1 < pages {
        nav.push(button(text(lang, Msg::PageNext), Button::Page(page + 1)));
    }
    if !nav.is_empty() {
        rows.push(nav);
    }
    let question = if pages > 1 {
        let args = [
            ("page", (page + 1).to_string()),
            ("pages", pages.to_string()),
        ];
        format!("{question}\n{}", text_with(lang, Msg::PageOf, &args))
    } else {
        question
    };
    (question, rows)
}

/// The seven values as buttons, one per row, each label made by `label`.
pub fn values(label: impl Fn(Value) -> String) -> Vec<Vec<InlineKeyboardButton>> {
    Value::ALL
        .iter()
        .map(|v| vec![button(label(*v), Button::Value(*v))])
        .collect()
}

pub fn keyboard(rows: Vec<Vec<InlineKeyboardButton>>) -> Option<InlineKeyboardMarkup> {
    Some(InlineKeyboardMarkup::new(rows))
}

/// A received note in a list: when, from whom, on what, and the text.
pub fn entry(ctx: &Ctx<'_>, note: &Note) -> String {
    let lang = ctx.lang;
    let tz = ctx.deps.settings.file.time_zone.tz();
    let when = DateTime::from_timestamp(note.created_at, 0)
        .map(|t| date(local_date(t, tz)))
        .unwrap_or_default();
    let sender = note
        .sender_name
        .clone()
        .unwrap_or_else(|| text(lang, Msg::NotesSenderUnknown));
    text_with(
        lang,
        Msg::NotesEntry,
        &[
            ("date", when),
            ("sender", sender),
            ("value", note.value.name(lang).to_owned()),
            ("kind", text(lang, kind(note.kind))),
            ("text", note.text.clone()),
        ],
    )
}
