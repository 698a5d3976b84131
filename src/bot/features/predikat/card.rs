//! The evidence card as Telegram HTML, rendered from [`Evidence`] alone (plus the evaluation
//! standing now), so what is stored with a rating is what the card showed. Each tag opens and
//! closes on one line: the card may be split at any line end.

use super::access::period_name;
use super::evidence::{Counts, Evidence};
use crate::bot::widgets::predikat_names as names;
use crate::domain::Lang;
use crate::domain::formatting::escape_html;
use crate::domain::period::Period;
use crate::i18n::{Msg, text, text_with};
use crate::storage::evaluations::Evaluation;

/// The evaluation stored now, as the card mentions it.
pub struct Current<'a> {
    pub evaluation: &'a Evaluation,
    /// Who rated, when it was not the presser (a previous supervisor).
    pub by: Option<&'a str>,
    /// The day it was rated, as written in the organisation: 12-04-2027.
    pub date: String,
}

pub struct Card<'a> {
    pub name: &'a str,
    pub period: Period,
    pub head: bool,
    pub evidence: &'a Evidence,
    pub current: Option<Current<'a>>,
}

pub fn render(lang: Lang, c: &Card<'_>) -> String {
    let e = c.evidence;
    let name = escape_html(c.name);
    let args = [
        ("name", name.clone()),
        ("period", period_name(lang, c.period)),
    ];
    let mut out = text_with(lang, Msg::PredikatCardHeader, &args);
    out.push_str("\n\n");
    dialogs(lang, e, &mut out);
    out.push_str("\n\n");
    feedback(lang, e, &mut out);
    out.push_str("\n\n");
    let year = ("year", c.period.year_number().to_string());
    if e.expectations.is_empty() {
        out.push_str(&text_with(lang, Msg::PredikatCardExpectationsNone, &[year]));
    } else {
        out.push_str(&text_with(lang, Msg::PredikatCardExpectations, &[year]));
        for (value, body) in &e.expectations {
            let args = [
                ("value", value.name(lang).to_owned()),
                ("text", escape_html(&one_line(body))),
            ];
            out.push('\n');
            out.push_str(&text_with(lang, Msg::PredikatCardExpectation, &args));
        }
    }
    if let Period::Year { year } = c.period {
        out.push_str("\n\n");
        history(lang, year, e, &mut out);
    }
    if c.head {
        out.push_str("\n\n");
        out.push_str(&match e.unit_result {
            Some(r) => {
                let args = [("name", name.clone()), ("hasil", names::rating(lang, r))];
                text_with(lang, Msg::PredikatCardUnit, &args)
            }
            None => text_with(lang, Msg::PredikatCardUnitMissing, &[("name", name)]),
        });
    }
    out.push_str("\n\n");
    current(lang, c.current.as_ref(), &mut out);
    out
}

fn dialogs(lang: Lang, e: &Evidence, out: &mut String) {
    let d = &e.dialogs;
    if d.count == 0 {
        out.push_str(&text(lang, Msg::PredikatCardDialogsNone));
        return;
    }
    let count = [("count", d.count.to_string())];
    out.push_str(&text_with(lang, Msg::PredikatCardDialogs, &count));
    let kinds: Vec<String> = d
        .kinds
        .iter()
        .map(|(kind, n)| {
            let args = [("kind", kind.code().to_owned()), ("count", n.to_string())];
            text_with(lang, Msg::PredikatKind, &args)
        })
        .collect();
    out.push('\n');
    let kinds = [("kinds", kinds.join(", "))];
    out.push_str(&text_with(lang, Msg::PredikatCardKinds, &kinds));
    out.push('\n');
    if d.follow_ups.is_empty() {
        out.push_str(&text(lang, Msg::PredikatCardFollowUpsNone));
    } else {
        let list: Vec<String> = d
            .follow_ups
            .iter()
            .map(|f| {
                let done = if f.done { "yes" } else { "no" };
                let args = [("kind", f.kind.code().to_owned()), ("done", done.into())];
                text_with(lang, Msg::PredikatFollowUp, &args)
            })
            .collect();
        let list = [("list", list.join(", "))];
        out.push_str(&text_with(lang, Msg::PredikatCardFollowUps, &list));
    }
    out.push('\n');
    let n = |a: crate::domain::dialog::Ack| d.ack.get(&a).copied().unwrap_or(0).to_string();
    use crate::domain::dialog::Ack;
    let args = [
        ("confirmed", n(Ack::Confirmed)),
        ("commented", n(Ack::Commented)),
        ("pending", n(Ack::Pending)),
        ("unacknowledged", n(Ack::Unacknowledged)),
    ];
    out.push_str(&text_with(lang, Msg::PredikatCardAck, &args));
}

fn feedback(lang: Lang, e: &Evidence, out: &mut String) {
    if e.feedback.is_empty() {
        out.push_str(&text(lang, Msg::PredikatCardFeedbackNone));
        return;
    }
    for (i, round) in e.feedback.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        let period = Period::parse(&round.period)
            .map(|p| period_name(lang, p))
            .unwrap_or_else(|| round.period.clone());
        let args = [("period", period), ("min", round.min.to_string())];
        out.push_str(&text_with(lang, Msg::PredikatCardFeedback, &args));
        for v in &round.values {
            out.push('\n');
            let value = [("value", v.value.name(lang).to_owned())];
            out.push_str(&text_with(lang, Msg::PredikatCardValue, &value));
            for g in &v.groups {
                out.push('\n');
                let label = group_label(lang, Some(g.group.code()));
                out.push_str(&match &g.counts {
                    Some(c) => counts_line(lang, label, c),
                    None => text_with(lang, Msg::PredikatCardNotEnough, &[("label", label)]),
                });
            }
            out.push('\n');
            out.push_str(&counts_line(lang, group_label(lang, None), &v.total));
        }
    }
}

fn group_label(lang: Lang, group: Option<&str>) -> String {
    let code = group.unwrap_or("total").to_owned();
    text_with(lang, Msg::PredikatGroup, &[("group", code)])
}

fn counts_line(lang: Lang, label: String, c: &Counts) -> String {
    let args = [
        ("label", label),
        ("count", c.total().to_string()),
        ("below", c.di_bawah.to_string()),
        ("meets", c.sesuai.to_string()),
        ("above", c.di_atas.to_string()),
    ];
    text_with(lang, Msg::PredikatCardCounts, &args)
}

fn history(lang: Lang, year: i32, e: &Evidence, out: &mut String) {
    let year = ("year", year.to_string());
    if e.history.is_empty() {
        out.push_str(&text_with(lang, Msg::PredikatCardHistoryNone, &[year]));
        return;
    }
    out.push_str(&text_with(lang, Msg::PredikatCardHistory, &[year]));
    for past in &e.history {
        let period = Period::parse(&past.period)
            .map(|p| period_name(lang, p))
            .unwrap_or_else(|| past.period.clone());
        let args = [
            ("period", period),
            ("predikat", names::predikat(lang, past.predikat)),
            ("hasil", names::rating(lang, past.hasil)),
            ("perilaku", names::rating(lang, past.perilaku)),
        ];
        out.push('\n');
        out.push_str(&text_with(lang, Msg::PredikatCardHistoryLine, &args));
    }
}

fn current(lang: Lang, current: Option<&Current<'_>>, out: &mut String) {
    let Some(c) = current else {
        out.push_str(&text(lang, Msg::PredikatCardNotRated));
        return;
    };
    let e = c.evaluation;
    let mut args = vec![
        ("predikat", names::predikat(lang, e.predikat)),
        ("hasil", names::rating(lang, e.hasil)),
        ("perilaku", names::rating(lang, e.perilaku)),
        ("date", c.date.clone()),
    ];
    let msg = match c.by {
        Some(by) => {
            args.push(("by", escape_html(by)));
            Msg::PredikatCardCurrentBy
        }
        None => Msg::PredikatCardCurrent,
    };
    out.push_str(&text_with(lang, msg, &args));
    if let Some(note) = &e.note {
        out.push('\n');
        let note = [("note", escape_html(&one_line(note)))];
        out.push_str(&text_with(lang, Msg::PredikatCardCurrentNote, &note));
    }
}

/// What someone typed over several lines, on one: a split between messages never falls
/// inside it.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bot::features::predikat::evidence::{
        Dialogs, FollowUp, GroupFigures, RoundFigures, ValueFigures,
    };
    use crate::domain::berakhlak::Value;
    use crate::domain::dialog::{Ack, FollowUpKind, Kind};
    use crate::domain::feedback_round::Group;

    #[test]
    fn the_card_shows_dialogs_shown_groups_hidden_ones_and_expectations() {
        let counts = |b, s, a| Counts {
            di_bawah: b,
            sesuai: s,
            di_atas: a,
        };
        let mut dialogs = Dialogs {
            count: 2,
            ..Dialogs::default()
        };
        dialogs.kinds.insert(Kind::Klarifikasi, 1);
        dialogs.kinds.insert(Kind::UmpanBalik, 1);
        dialogs.follow_ups.push(FollowUp {
            kind: FollowUpKind::Coaching,
            done: false,
        });
        dialogs.ack.insert(Ack::Confirmed, 2);
        let e = Evidence {
            period: "2027-q1".into(),
            dialogs,
            feedback: vec![RoundFigures {
                round: 4,
                period: "2027-q1".into(),
                min: 3,
                values: vec![ValueFigures {
                    value: Value::Harmonis,
                    groups: vec![
                        GroupFigures {
                            group: Group::Supervisor,
                            counts: Some(counts(0, 1, 0)),
                        },
                        GroupFigures {
                            group: Group::Peer,
                            counts: None,
                        },
                        GroupFigures {
                            group: Group::Subordinate,
                            counts: Some(counts(1, 1, 1)),
                        },
                    ],
                    total: counts(1, 2, 1),
                }],
            }],
            expectations: [(Value::Akuntabel, "Laporan <tepat>\nwaktu".to_owned())].into(),
            ..Evidence::default()
        };
        let card = Card {
            name: "Wulan & Sari",
            period: Period::parse("2027-q1").unwrap(),
            head: false,
            evidence: &e,
            current: None,
        };
        let out = render(Lang::Id, &card);
        let expected = [
            "📋 <b>Bahan penilaian Wulan &amp; Sari — Triwulan I 2027</b>",
            "<b>Dialog kinerja dalam periode ini</b>: 2",
            "Jenis: klarifikasi ekspektasi 1, umpan balik berkelanjutan 1",
            "Tindak lanjut: coaching (belum selesai)",
            "Tanggapan pegawai: dikonfirmasi 2 · dengan komentar 0 · menunggu 0 · tanpa tanggapan 0",
            "Atasan (1 jawaban): di bawah 0 · sesuai 1 · di atas 0",
            "Rekan kerja: belum cukup jawaban",
            "Bawahan (3 jawaban): di bawah 1 · sesuai 1 · di atas 1",
            "Total (4 jawaban): di bawah 1 · sesuai 2 · di atas 1",
            "• Akuntabel: Laporan &lt;tepat&gt; waktu",
            "<b>Penilaian saat ini</b>: belum dinilai.",
        ];
        for line in expected {
            assert!(out.lines().any(|l| l == line), "{line:?} not in:\n{out}");
        }
        assert!(!out.contains("Predikat periodik"), "{out}");
    }

    #[test]
    fn a_years_card_shows_the_periodic_history_and_a_heads_the_unit_result() {
        use crate::bot::features::predikat::evidence::Past;
        use crate::domain::berakhlak::Rating;
        use crate::domain::predikat::Predikat;
        let e = Evidence {
            period: "2027".into(),
            unit_result: Some(Rating::Sesuai),
            history: vec![Past {
                period: "2027-q1".into(),
                hasil: Rating::DiAtas,
                perilaku: Rating::Sesuai,
                predikat: Predikat::Baik,
            }],
            ..Evidence::default()
        };
        let card = Card {
            name: "Sri",
            period: Period::parse("2027").unwrap(),
            head: true,
            evidence: &e,
            current: None,
        };
        let out = render(Lang::En, &card);
        let expected = [
            "<b>Periodic predikat 2027</b>",
            "• Q1 2027: Baik (good) (results Above expectation, behaviour Meets expectation)",
            "<b>Results</b>: Sri heads their unit, so their results rating is the unit's own \
             result as HR recorded it: Meets expectation.",
        ];
        for line in expected {
            assert!(out.lines().any(|l| l == line), "{line:?} not in:\n{out}");
        }
        let none = Evidence {
            period: "2027".into(),
            ..Evidence::default()
        };
        let out = render(
            Lang::Id,
            &Card {
                evidence: &none,
                ..card
            },
        );
        assert!(
            out.contains("<b>Predikat periodik 2027</b>: belum ada."),
            "{out}"
        );
        assert!(out.contains("dan HR belum mencatatnya."), "{out}");
    }
}
