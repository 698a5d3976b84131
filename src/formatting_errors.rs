//! Why Telegram would refuse an announcement's formatting, in the user's language, pointing at
//! the line and column to fix.

use crate::domain::Lang;
use crate::domain::formatting::FormatError;
use crate::i18n::{Msg, text_with};

pub fn render(lang: Lang, e: &FormatError) -> String {
    let at = |line: &usize, column: &usize| {
        vec![("line", line.to_string()), ("column", column.to_string())]
    };
    let (msg, args) = match e {
        FormatError::Empty => (Msg::FormatEmpty, vec![]),
        FormatError::TooLong { length, max } => (
            Msg::FormatTooLong,
            vec![("length", length.to_string()), ("max", max.to_string())],
        ),
        FormatError::UnknownTag { tag, line, column } => {
            (Msg::FormatUnknownTag, with(at(line, column), "tag", tag))
        }
        FormatError::UnclosedTag { tag, line, column } => {
            (Msg::FormatUnclosedTag, with(at(line, column), "tag", tag))
        }
        FormatError::UnexpectedClosingTag { tag, line, column } => (
            Msg::FormatUnexpectedClosingTag,
            with(at(line, column), "tag", tag),
        ),
        FormatError::BadAttribute {
            tag,
            attribute,
            line,
            column,
        } => {
            let args = with(with(at(line, column), "tag", tag), "attribute", attribute);
            (Msg::FormatBadAttribute, args)
        }
        FormatError::MissingHref { line, column } => (Msg::FormatMissingHref, at(line, column)),
        FormatError::BareAngleOrAmpersand {
            character,
            line,
            column,
        } => {
            let escape = match character {
                '<' => "&lt;",
                '>' => "&gt;",
                _ => "&amp;",
            };
            let args = with(
                with(at(line, column), "character", &character.to_string()),
                "escape",
                escape,
            );
            (Msg::FormatBareCharacter, args)
        }
        FormatError::UnknownEntity {
            entity,
            line,
            column,
        } => (
            Msg::FormatUnknownEntity,
            with(at(line, column), "entity", entity),
        ),
    };
    text_with(lang, msg, &args)
}

fn with(
    mut args: Vec<(&'static str, String)>,
    key: &'static str,
    value: &str,
) -> Vec<(&'static str, String)> {
    args.push((key, value.to_owned()));
    args
}
