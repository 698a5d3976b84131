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
mod tests {
    use super::FormatError::*;
    use super::*;

    fn ok(html: &str) -> String {
        check_html(html).unwrap_or_else(|e| panic!("{html:?} rejected: {e:?}"))
    }

    fn err(html: &str) -> FormatError {
        check_html(html).expect_err(html)
    }

    #[test]
    fn nested_formatting_is_stripped_to_visible_text() {
        assert_eq!(
            ok("<b>Halo <i>semua</i></b>, <u>selamat</u> pagi"),
            "Halo semua, selamat pagi"
        );
        let all = "<b>1</b><strong>2</strong><i>3</i><em>4</em><u>5</u><ins>6</ins><s>7</s>\
            <strike>8</strike><del>9</del><span class=\"tg-spoiler\">10</span><tg-spoiler>11</tg-spoiler>\
            <a href=\"https://example.go.id\">12</a><code>13</code><pre>14</pre>\
            <pre><code class=\"language-rust\">15</code></pre><blockquote>16</blockquote>\
            <blockquote expandable>17</blockquote><tg-emoji emoji-id=\"5368324170671202286\">👍</tg-emoji>";
        assert_eq!(ok(all), "1234567891011121314151617👍");
    }

    #[test]
    fn attributes_accept_both_quotes_unquoted_and_entities() {
        for html in [
            "<a href='https://x.id'>x</a>",
            "<a href=https://x.id>x</a>",
            "<a  HREF = \"https://x.id/?a=1&amp;b=2\" >x</a >",
            "<a href=\"tg://user?id=123\">x</a>",
            "<a href=\"https://x.id/a>b\">x</a>",
            "<a href='https://x.id/a<b'>x</a>",
        ] {
            assert_eq!(ok(html), "x");
        }
    }

    #[test]
    fn tags_are_case_insensitive() {
        assert_eq!(
            ok("<B>x</b> <STRONG>y</Strong> <Tg-Spoiler>z</TG-SPOILER>"),
            "x y z"
        );
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(ok("&lt;b&gt; &amp; &quot;"), "<b> & \"");
        assert_eq!(ok("&#65;&#x42;&#X43;&#x1F600;"), "ABC😀");
        assert_eq!(ok("a > b"), "a > b");
    }

    #[test]
    fn unknown_entities_are_named() {
        for entity in [
            "&nbsp;",
            "&AMP;",
            "&apos;",
            "&#xD800;",
            "&#99999999999;",
            "&#0;",
            "&#x;",
        ] {
            let got = err(&format!("a {entity} b"));
            let entity = entity.to_string();
            assert_eq!(
                got,
                UnknownEntity {
                    entity,
                    line: 1,
                    column: 3
                }
            );
        }
    }

    #[test]
    fn bare_less_than_and_ampersand_are_rejected() {
        let cases = [
            ("a < b", '<', 3),
            ("nilai <3 itu", '<', 7),
            ("x <b", '<', 3),
            ("x <b> y</b> <", '<', 13),
            ("<b> </ b>x</b>", '<', 5),
            ("R&D divisi", '&', 2),
            ("a & b", '&', 3),
            ("a &; b", '&', 3),
            ("<a href=\"https://x.id/?a=1&b=2\">x</a>", '&', 27),
            ("<a href=x<y>x</a>", '<', 10),
            ("<a href=\"x>oops</a>", '<', 1),
        ];
        for (html, character, column) in cases {
            let want = BareAngleOrAmpersand {
                character,
                line: 1,
                column,
            };
            assert_eq!(err(html), want, "{html:?}");
        }
    }

    #[test]
    fn unknown_tags_are_reported_where_they_start() {
        let cases = [
            ("baris satu\nbaris <dua>x</dua>", "dua", 2, 7),
            ("a<br>b", "br", 1, 2),
            ("a<BR/>b", "br/", 1, 2),
            ("<b/>", "b/", 1, 1),
            ("<p>x</p>", "p", 1, 1),
            ("x</p>", "p", 1, 2),
            ("naïve é <font>", "font", 1, 9),
        ];
        for (html, tag, line, column) in cases {
            let tag = tag.to_string();
            assert_eq!(err(html), UnknownTag { tag, line, column }, "{html:?}");
        }
    }

    #[test]
    fn nesting_must_be_proper() {
        let cases = [
            ("<b><i>x</b></i>", "b", 8),
            ("x</b>", "b", 2),
            ("<b>x</strong>", "strong", 5),
            ("<b>x</b></b>", "b", 9),
        ];
        for (html, tag, column) in cases {
            let (tag, line) = (tag.to_string(), 1);
            assert_eq!(
                err(html),
                UnexpectedClosingTag { tag, line, column },
                "{html:?}"
            );
        }
    }

    #[test]
    fn unclosed_tags_point_at_the_innermost_opening_tag() {
        let (tag, line, column) = ("b".to_string(), 1, 1);
        assert_eq!(err("<b>x"), UnclosedTag { tag, line, column });
        let (tag, line, column) = ("i".to_string(), 3, 10);
        let html = "<b>Pengumuman</b>\n\n<b>Mohon <i>segera";
        assert_eq!(err(html), UnclosedTag { tag, line, column });
    }

    #[test]
    fn attributes_are_checked() {
        let cases = [
            ("<b class=\"x\">y</b>", "b", "class", 4),
            (
                "<a href=\"https://x.id\" target=\"_blank\">y</a>",
                "a",
                "target",
                24,
            ),
            ("<a href=x href=y>z</a>", "a", "href", 11),
            ("<span>x</span>", "span", "class", 1),
            ("<span class=\"spoiler\">x</span>", "span", "class", 7),
            ("<code class=\"rust\">x</code>", "code", "class", 7),
            ("<pre language=\"rust\">x</pre>", "pre", "language", 6),
            ("<tg-emoji>x</tg-emoji>", "tg-emoji", "emoji-id", 1),
            (
                "<tg-emoji emoji-id=\"abc\">x</tg-emoji>",
                "tg-emoji",
                "emoji-id",
                11,
            ),
            (
                "<blockquote expandable=\"yes\">x</blockquote>",
                "blockquote",
                "expandable",
                13,
            ),
            ("<b =x>y</b>", "b", "=", 4),
            ("<b>y</b x>", "b", "x", 9),
        ];
        for (html, tag, attribute, column) in cases {
            let (tag, attribute, line) = (tag.to_string(), attribute.to_string(), 1);
            let want = BadAttribute {
                tag,
                attribute,
                line,
                column,
            };
            assert_eq!(err(html), want, "{html:?}");
        }
    }

    #[test]
    fn links_need_a_href() {
        assert_eq!(err("<a>x</a>"), MissingHref { line: 1, column: 1 });
        assert_eq!(
            err("ok <a href=\"\">x</a>"),
            MissingHref { line: 1, column: 4 }
        );
        assert_eq!(err("<a href>x</a>"), MissingHref { line: 1, column: 1 });
    }

    #[test]
    fn empty_or_blank_text_is_rejected() {
        for html in ["", "   ", "\n\t", "<b> </b>", "<b></b>", "<i>&#32;</i>"] {
            assert_eq!(err(html), Empty, "{html:?}");
        }
    }

    #[test]
    fn length_is_counted_in_utf16_units_of_visible_text() {
        let max = MAX_TEXT_UTF16;
        assert_eq!(ok(&"a".repeat(4096)).len(), 4096);
        assert_eq!(err(&"a".repeat(4097)), TooLong { length: 4097, max });
        ok(&"😀".repeat(2048));
        assert_eq!(err(&"😀".repeat(2049)), TooLong { length: 4098, max });
        ok(&format!("<b>{}</b>", "a".repeat(4096)));
        ok(&"&amp;".repeat(4096));
        ok(&"é".repeat(4096));
    }

    #[test]
    fn escaped_text_round_trips() {
        let tricky = [
            "a < b && c > d",
            "<b>not bold</b>",
            "&amp; already escaped &lt;",
            "R&D; &nbsp; &#65;",
            "Tunjangan naik 10% (<5 juta) & bonus > 1 juta 😀",
            "\"quoted\" 'single' </>",
            "baris satu\nbaris dua",
        ];
        for s in tricky {
            assert_eq!(check_html(&escape_html(s)), Ok(s.to_string()), "{s:?}");
        }
        assert_eq!(escape_html("<a&b>"), "&lt;a&amp;b&gt;");
    }

    #[test]
    fn indonesian_announcement_passes() {
        let html = "<b>PENGUMUMAN</b>\n\nKepada seluruh ASN, batas pengisian <i>Sasaran Kinerja \
            Pegawai</i> (SKP) adalah <u>31 Desember 2025</u>. Mohon dilengkapi &amp; diverifikasi \
            atasan langsung.\n<blockquote>Info: <a href=\"https://bkd.example.go.id/skp?tahun=2025&amp;tw=4\">\
            panduan</a></blockquote>";
        let text = ok(html);
        assert!(text.starts_with("PENGUMUMAN\n\nKepada seluruh ASN"));
        assert!(text.contains("dilengkapi & diverifikasi"));
        assert!(text.ends_with("Info: panduan"));
    }
}
