//! Checks HR's announcements against Telegram's HTML subset (`parse_mode=HTML`) at preview,
//! before a broadcast goes out; plain Rust on purpose: no Telegram or SQL types here.
//!
//! Decisions, where Telegram is more lenient than this checker:
//! - A bare `>` is accepted (Telegram tolerates it); a bare `<` is always rejected, and so is a
//!   `&` that does not start one of &lt; &gt; &amp; &quot; or a numeric entity. Telegram would
//!   show such a `&` literally, but a typo like `&nbsp;` is almost always a paste from Word, so
//!   it is better caught at preview than sent to 50,000 people.
//! - Attribute values may be quoted with `"` or `'`, or unquoted up to whitespace or `>`, as
//!   Telegram allows; like Telegram, `<` and `>` are fine inside quotes. Unknown or duplicate
//!   attributes are rejected instead of silently ignored.
//! - Nesting that Telegram silently repairs (e.g. `<b>` inside `<code>`) is not an error here.
//! - Length counts UTF-16 units of the visible text, which is what Telegram limits.

use std::fmt;

pub const MAX_TEXT_UTF16: usize = 4096;

/// Lower-case names Telegram accepts; closing tags must repeat the opening name exactly.
const TAGS: &str =
    "b strong i em u ins s strike del span tg-spoiler a code pre blockquote tg-emoji";

/// Longer runs after `&` cannot be an entity we know, so they are treated as a bare `&`.
const MAX_ENTITY_BODY: usize = 32;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatError {
    Empty,
    TooLong {
        length: usize,
        max: usize,
    },
    UnknownTag {
        tag: String,
        line: usize,
        column: usize,
    },
    UnclosedTag {
        tag: String,
        line: usize,
        column: usize,
    },
    UnexpectedClosingTag {
        tag: String,
        line: usize,
        column: usize,
    },
    BadAttribute {
        tag: String,
        attribute: String,
        line: usize,
        column: usize,
    },
    MissingHref {
        line: usize,
        column: usize,
    },
    BareAngleOrAmpersand {
        character: char,
        line: usize,
        column: usize,
    },
    UnknownEntity {
        entity: String,
        line: usize,
        column: usize,
    },
}

/// User-facing wording lives in the bot's i18n catalogue; this is for logs only.
impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Telegram HTML rejected: {self:?}")
    }
}

impl std::error::Error for FormatError {}

/// Checks `html` against Telegram's HTML subset; Ok returns the visible plain text (tags
/// stripped, entities decoded).
pub fn check_html(html: &str) -> Result<String, FormatError> {
    let chars: Vec<char> = html.chars().collect();
    let last_gt = chars.iter().rposition(|&c| c == '>');
    let mut parser = Parser {
        chars,
        pos: 0,
        last_gt,
        text: String::new(),
        open: Vec::new(),
    };
    parser.run()?;
    if let Some(&(tag, at)) = parser.open.last() {
        let (tag, (line, column)) = (tag.to_string(), parser.locate(at));
        return Err(FormatError::UnclosedTag { tag, line, column });
    }
    let text = parser.text;
    if text.trim().is_empty() {
        return Err(FormatError::Empty);
    }
    let length = text.encode_utf16().count();
    if length > MAX_TEXT_UTF16 {
        let max = MAX_TEXT_UTF16;
        return Err(FormatError::TooLong { length, max });
    }
    Ok(text)
}

/// Escapes plain text so it is shown literally under `parse_mode=HTML`.
pub fn escape_html(plain: &str) -> String {
    let mut out = String::with_capacity(plain.len());
    for c in plain.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

struct Attr {
    name: String,
    value: Option<String>,
    at: usize,
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    last_gt: Option<usize>,
    text: String,
    /// Open tags with the index of their `<`, innermost last.
    open: Vec<(&'static str, usize)>,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn take_while(&mut self, keep: impl Fn(char) -> bool) -> String {
        let mut out = String::new();
        while let Some(c) = self.peek().filter(|&c| keep(c)) {
            out.push(c);
            self.pos += 1;
        }
        out
    }

    /// Computed only when reporting, so the happy path does not track positions.
    fn locate(&self, at: usize) -> (usize, usize) {
        let (mut line, mut column) = (1, 1);
        for &c in &self.chars[..at.min(self.chars.len())] {
            if c == '\n' {
                (line, column) = (line + 1, 1);
            } else {
                column += 1;
            }
        }
        (line, column)
    }

    fn bare(&self, character: char, at: usize) -> FormatError {
        let (line, column) = self.locate(at);
        FormatError::BareAngleOrAmpersand {
            character,
            line,
            column,
        }
    }

    fn bad_attribute(&self, tag: &str, attribute: &str, at: usize) -> FormatError {
        let (line, column) = self.locate(at);
        let (tag, attribute) = (tag.to_string(), attribute.to_string());
        FormatError::BadAttribute {
            tag,
            attribute,
            line,
            column,
        }
    }

    fn run(&mut self) -> Result<(), FormatError> {
        while let Some(c) = self.peek() {
            match c {
                '<' => self.tag()?,
                '&' => {
                    let decoded = self.entity()?;
                    self.text.push(decoded);
                }
                _ => {
                    self.text.push(c);
                    self.pos += 1;
                }
            }
        }
        Ok(())
    }

    fn entity(&mut self) -> Result<char, FormatError> {
        let start = self.pos;
        let body: String = self.chars[start + 1..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
            .take(MAX_ENTITY_BODY)
            .collect();
        let end = start + 1 + body.len();
        if body.is_empty() || self.chars.get(end) != Some(&';') {
            return Err(self.bare('&', start));
        }
        let Some(decoded) = decode_entity(&body) else {
            let (entity, (line, column)) = (format!("&{body};"), self.locate(start));
            return Err(FormatError::UnknownEntity {
                entity,
                line,
                column,
            });
        };
        self.pos = end + 1;
        Ok(decoded)
    }

    fn tag(&mut self) -> Result<(), FormatError> {
        let start = self.pos;
        // Without any later `>` this cannot be a tag, so "a < b" is reported as a bare `<`.
        if self.last_gt.is_none_or(|gt| gt <= start) {
            return Err(self.bare('<', start));
        }
        let closing = self.chars.get(start + 1) == Some(&'/');
        self.pos = start + 1 + usize::from(closing);
        let name = self.take_while(|c| c.is_ascii_alphanumeric() || c == '-');
        if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return Err(self.bare('<', start));
        }
        let rest = self.take_while(|c| !c.is_whitespace() && c != '>');
        let written = format!("{name}{rest}").to_lowercase();
        let Some(tag) = TAGS.split(' ').find(|t| *t == written) else {
            let (tag, (line, column)) = (written, self.locate(start));
            return Err(FormatError::UnknownTag { tag, line, column });
        };
        if closing {
            self.close_tag(tag, start)
        } else {
            let attrs = self.attributes(tag, start)?;
            self.validate(tag, &attrs, start)?;
            self.open.push((tag, start));
            Ok(())
        }
    }

    fn close_tag(&mut self, tag: &'static str, start: usize) -> Result<(), FormatError> {
        self.take_while(char::is_whitespace);
        match self.peek() {
            Some('>') => self.pos += 1,
            Some(_) => {
                let at = self.pos;
                let junk = self.take_while(|c| !c.is_whitespace() && c != '>');
                return Err(self.bad_attribute(tag, &junk, at));
            }
            None => return Err(self.bare('<', start)),
        }
        if self.open.last().is_some_and(|&(top, _)| top == tag) {
            self.open.pop();
            return Ok(());
        }
        let (tag, (line, column)) = (tag.to_string(), self.locate(start));
        Err(FormatError::UnexpectedClosingTag { tag, line, column })
    }

    /// Reads attributes up to and including the closing `>` of an opening tag.
    fn attributes(&mut self, tag: &str, start: usize) -> Result<Vec<Attr>, FormatError> {
        let mut attrs = Vec::new();
        loop {
            self.take_while(char::is_whitespace);
            match self.peek() {
                None => return Err(self.bare('<', start)),
                Some('>') => {
                    self.pos += 1;
                    return Ok(attrs);
                }
                Some(_) => {}
            }
            let at = self.pos;
            let name = self.take_while(|c| !c.is_whitespace() && c != '=' && c != '>');
            if name.is_empty() {
                return Err(self.bad_attribute(tag, "=", at));
            }
            self.take_while(char::is_whitespace);
            let value = if self.peek() == Some('=') {
                self.pos += 1;
                self.take_while(char::is_whitespace);
                Some(self.value(start)?)
            } else {
                None
            };
            let name = name.to_lowercase();
            attrs.push(Attr { name, value, at });
        }
    }

    fn value(&mut self, start: usize) -> Result<String, FormatError> {
        let quote = self.peek().filter(|c| matches!(c, '"' | '\''));
        if quote.is_some() {
            self.pos += 1;
        }
        let mut value = String::new();
        loop {
            match self.peek() {
                None => return Err(self.bare('<', start)),
                Some(c) if Some(c) == quote => {
                    self.pos += 1;
                    return Ok(value);
                }
                Some(c) if quote.is_none() && (c.is_whitespace() || c == '>') => return Ok(value),
                Some('&') => value.push(self.entity()?),
                Some('<') if quote.is_none() => return Err(self.bare('<', self.pos)),
                Some(c) => {
                    value.push(c);
                    self.pos += 1;
                }
            }
        }
    }

    fn validate(&self, tag: &str, attrs: &[Attr], start: usize) -> Result<(), FormatError> {
        for (i, attr) in attrs.iter().enumerate() {
            let duplicate = attrs[..i].iter().any(|a| a.name == attr.name);
            if duplicate || !attribute_ok(tag, &attr.name, attr.value.as_deref()) {
                return Err(self.bad_attribute(tag, &attr.name, attr.at));
            }
        }
        let has = |name: &str| {
            attrs
                .iter()
                .any(|a| a.name == name && a.value.as_deref().is_some_and(|v| !v.trim().is_empty()))
        };
        match tag {
            "a" if !has("href") => {
                let (line, column) = self.locate(start);
                Err(FormatError::MissingHref { line, column })
            }
            "span" if !has("class") => Err(self.bad_attribute(tag, "class", start)),
            "tg-emoji" if !has("emoji-id") => Err(self.bad_attribute(tag, "emoji-id", start)),
            _ => Ok(()),
        }
    }
}

/// Whether `name` (with `value`) may appear on `tag`; presence of required ones is checked apart.
fn attribute_ok(tag: &str, name: &str, value: Option<&str>) -> bool {
    match (tag, name, value) {
        ("a", "href", _) => true,
        ("span", "class", Some(v)) => v == "tg-spoiler",
        ("code", "class", Some(v)) => v.strip_prefix("language-").is_some_and(|l| !l.is_empty()),
        ("blockquote", "expandable", None | Some("")) => true,
        ("tg-emoji", "emoji-id", Some(v)) => !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()),
        _ => false,
    }
}

/// Named entities are case-sensitive in Telegram, so `&AMP;` is unknown.
fn decode_entity(body: &str) -> Option<char> {
    match body {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        _ => {
            let code = match body.strip_prefix("#x").or_else(|| body.strip_prefix("#X")) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => body.strip_prefix('#')?.parse::<u32>().ok()?,
            };
            char::from_u32(code).filter(|&c| c != '\0')
        }
    }
}

#[cfg(test)]
#[path = "formatting_tests.rs"]
mod tests;
