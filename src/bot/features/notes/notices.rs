//! The messages notes and expectations make the bot start, queued through the outbox with the
//! change that causes them, each in its recipient's language. Plain text: what people typed
//! arrives as typed.

use super::view;
use crate::domain::berakhlak::Value;
use crate::i18n::{Msg, text, text_with};
use crate::storage::dialogs::Person;
use crate::storage::feedback_notes::NoteKind;
use crate::storage::outbox::Payload;

/// The note, to its recipient, naming who sent it.
pub fn note(sender: &Person, to: &Person, value: Value, kind: NoteKind, body: &str) -> Payload {
    let lang = to.language;
    let args = [
        ("sender", sender.name.clone()),
        ("value", value.name(lang).to_owned()),
        ("kind", text(lang, view::kind(kind))),
        ("text", body.to_owned()),
    ];
    plain(text_with(lang, Msg::NotesNotice, &args))
}

/// An expectation set (`was_set`: one stood before and was changed), to the employee.
pub fn expectation_set(
    period: &str,
    supervisor: &Person,
    employee: &Person,
    value: Value,
    body: &str,
    was_set: bool,
) -> Payload {
    let lang = employee.language;
    let msg = if was_set {
        Msg::NotesExpNoticeChanged
    } else {
        Msg::NotesExpNoticeSet
    };
    let args = [
        ("supervisor", supervisor.name.clone()),
        ("period", period.to_owned()),
        ("value", value.name(lang).to_owned()),
        ("text", body.to_owned()),
    ];
    plain(text_with(lang, msg, &args))
}

pub fn expectation_removed(
    period: &str,
    supervisor: &Person,
    employee: &Person,
    value: Value,
) -> Payload {
    let lang = employee.language;
    let args = [
        ("supervisor", supervisor.name.clone()),
        ("period", period.to_owned()),
        ("value", value.name(lang).to_owned()),
    ];
    plain(text_with(lang, Msg::NotesExpNoticeRemoved, &args))
}

fn plain(text: String) -> Payload {
    Payload {
        text,
        html: false,
        keyboard: None,
    }
}
