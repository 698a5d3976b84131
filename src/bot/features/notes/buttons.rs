//! Open notes' and ekspektasi khusus's buttons, all under the `fn` prefix. Only opaque numbers
//! and codes travel; a person named by a button is checked again against the one pressing it.

use crate::bot::codec::{parse_id, parse_page};
use crate::domain::EmployeeRef;
use crate::domain::berakhlak::Value;
use crate::storage::feedback_notes::NoteKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Button {
    /// Start writing a note to a colleague.
    New,
    /// The notes this employee received this period.
    Received,
    /// The supervisor's ekspektasi khusus for their subordinates.
    Expectations,
    /// The employee's own ekspektasi khusus this period.
    MyExpectations,
    /// The note goes to this colleague.
    To(EmployeeRef),
    /// The supervisor writes this subordinate's expectations.
    For(EmployeeRef),
    /// Another page of the people to choose from.
    Page(usize),
    /// The note's value, or the expectation's value to write.
    Value(Value),
    Kind(NoteKind),
    Send,
    Discard,
    /// Remove the expectation being written.
    Remove,
    /// One step back: from an expectation to the seven values, from them to the subordinates.
    Back,
    /// Close the expectations.
    Done,
}

impl Button {
    pub fn encode(&self) -> String {
        match self {
            Self::New => "fn:new".into(),
            Self::Received => "fn:received".into(),
            Self::Expectations => "fn:exp".into(),
            Self::MyExpectations => "fn:myexp".into(),
            Self::To(r) => format!("fn:to:{}", r.0),
            Self::For(r) => format!("fn:for:{}", r.0),
            Self::Page(p) => format!("fn:p:{p}"),
            Self::Value(v) => format!("fn:v:{}", v.abbr()),
            Self::Kind(k) => format!("fn:k:{}", k.code()),
            Self::Send => "fn:send".into(),
            Self::Discard => "fn:discard".into(),
            Self::Remove => "fn:rm".into(),
            Self::Back => "fn:back".into(),
            Self::Done => "fn:done".into(),
        }
    }

    pub fn parse(kind: &str, rest: &str) -> Option<Self> {
        if kind != "fn" {
            return None;
        }
        let (op, arg) = rest.split_once(':').unwrap_or((rest, ""));
        let emp = || parse_id(arg).map(EmployeeRef);
        match op {
            "to" => emp().map(Self::To),
            "for" => emp().map(Self::For),
            "p" => parse_page(arg).map(Self::Page),
            "v" => Value::from_abbr(arg).map(Self::Value),
            "k" => NoteKind::parse(arg).map(Self::Kind),
            _ if !arg.is_empty() || rest.contains(':') => None,
            "new" => Some(Self::New),
            "received" => Some(Self::Received),
            "exp" => Some(Self::Expectations),
            "myexp" => Some(Self::MyExpectations),
            "send" => Some(Self::Send),
            "discard" => Some(Self::Discard),
            "rm" => Some(Self::Remove),
            "back" => Some(Self::Back),
            "done" => Some(Self::Done),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bot::CallbackData;

    fn every_variant() -> Vec<Button> {
        let big = EmployeeRef(i64::MAX);
        let mut all = vec![
            Button::New,
            Button::Received,
            Button::Expectations,
            Button::MyExpectations,
            Button::To(big),
            Button::For(big),
            Button::Page(0),
            Button::Page(9_999),
            Button::Send,
            Button::Discard,
            Button::Remove,
            Button::Back,
            Button::Done,
        ];
        all.extend(Value::ALL.iter().map(|v| Button::Value(*v)));
        all.extend(NoteKind::ALL.iter().map(|k| Button::Kind(*k)));
        all
    }

    #[test]
    fn every_button_round_trips_fits_telegram_and_is_unique() {
        let all = every_variant();
        crate::bot::codec::assert_round_trips(all);
    }

    #[test]
    fn the_menu_keeps_its_codes() {
        assert_eq!(Button::New.encode(), "fn:new");
        assert_eq!(Button::Received.encode(), "fn:received");
        assert_eq!(Button::Expectations.encode(), "fn:exp");
        assert_eq!(Button::MyExpectations.encode(), "fn:myexp");
    }

    #[test]
    fn forged_or_foreign_data_is_rejected() {
        for bad in [
            "fn:to:0",
            "fn:to:-3",
            "fn:to:+3",
            "fn:to:",
            "fn:for:x",
            "fn:p:10000",
            "fn:p:-1",
            "fn:v:XX",
            "fn:v:bp",
            "fn:k:praise",
            "fn:send:1",
            "fn:new:",
            "fn:what",
            "fn:",
        ] {
            assert_eq!(CallbackData::parse(bad), None, "{bad:?}");
        }
    }
}
