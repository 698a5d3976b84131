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
