//! One ratee's summary of one closed round, the same for the employee and their supervisor:
//! per value each rater group's counts and shares (or "not enough answers"), the total over the
//! shown groups, the supervisor's ekspektasi khusus beside it, then the comments of the shown
//! groups, without names, in the order of their text. Also the round picker both views share.
//!
//! Everything shown is built from `storage::feedback_results`, whose reads carry no rater, and
//! `domain::anonymity`, which decides what a group may show.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use super::Button;
use crate::bot::context::{Ctx, HandlerError};
use crate::domain::anonymity::{GroupResult, Tally, ratee_results};
use crate::domain::berakhlak::{Rating, Value};
use crate::domain::feedback_round::Group;
use crate::domain::formatting::escape_html;
use crate::domain::{EmployeeRef, Lang};
use crate::i18n::{Msg, text, text_with};
use crate::storage::expectations;
use crate::storage::feedback_results::{self, RateeAnswers};
use crate::storage::feedback_rounds::Round;

/// Whose results a view is about: the presser themself, or a subordinate the presser was
/// authorized for (by name, and by the ref their buttons carry).
pub(super) struct Ratee<'a> {
    pub nip: &'a str,
    pub of: Option<(EmployeeRef, &'a str)>,
}

impl Ratee<'_> {
    fn round_button(&self, round: &Round) -> Button {
        match self.of {
            None => Button::MineRound(round.id),
            Some((who, _)) => Button::SubordinateRound(who, round.id),
        }
    }
}

/// Whether `round`'s results may be shown now (`Round::results_ready`: closed, and past the
/// reminder time of its first closed day).
pub(super) fn ready(ctx: &Ctx<'_>, round: &Round) -> bool {
    let file = &ctx.deps.settings.file;
    round.results_ready(
        ctx.deps.clock.now(),
        file.time_zone.tz(),
        file.feedback.reminder_time(),
    )
}

/// The ratee's rounds: a notice for each not closed yet, then the only closed one shown, or a
/// button per closed round (newest first) when there are several.
pub(super) async fn offer(ctx: &Ctx<'_>, ratee: &Ratee<'_>) -> Result<(), HandlerError> {
    let rounds = feedback_results::rated_in(&ctx.deps.db, ratee.nip).await?;
    if rounds.is_empty() {
        let msg = match ratee.of {
            None => ctx.text(Msg::FeedbackResultsNone),
            Some((_, name)) => {
                let name = ("name", name.to_owned());
                text_with(ctx.lang, Msg::FeedbackResultsSubordinateNone, &[name])
            }
        };
        ctx.send(msg, None).await?;
        return Ok(());
    }
    let (closed, open): (Vec<Round>, Vec<Round>) = rounds.into_iter().partition(|r| ready(ctx, r));
    for r in &open {
        ctx.send(not_yet(ctx.lang, r), None).await?;
    }
    match closed.as_slice() {
        [] => Ok(()),
        [only] => show(ctx, ratee, only).await,
        several => {
            let rows = several.iter().map(|r| {
                let args = [
                    ("period", period_name(ctx.lang, r.period)),
                    ("date", date_name(r.last_day())),
                ];
                let label = text_with(ctx.lang, Msg::FeedbackResultsRoundButton, &args);
                let data = crate::bot::CallbackData::from(ratee.round_button(r)).encode();
                vec![InlineKeyboardButton::callback(label, data)]
            });
            let keyboard = InlineKeyboardMarkup::new(rows);
            let prompt = ctx.text(Msg::FeedbackResultsPickRound);
            ctx.send(prompt, Some(keyboard)).await?;
            Ok(())
        }
    }
}

/// One round the ratee was rated in, by the id a button carried: shown once it has closed.
pub(super) async fn one_round(
    ctx: &Ctx<'_>,
    ratee: &Ratee<'_>,
    id: crate::domain::RoundId,
) -> Result<(), HandlerError> {
    let rounds = feedback_results::rated_in(&ctx.deps.db, ratee.nip).await?;
    let Some(round) = rounds.into_iter().find(|r| r.id == id) else {
        ctx.reply(Msg::FeedbackResultsRoundUnknown).await?;
        return Ok(());
    };
    if !ready(ctx, &round) {
        ctx.send(not_yet(ctx.lang, &round), None).await?;
        return Ok(());
    }
    show(ctx, ratee, &round).await
}

pub(super) fn not_yet(lang: Lang, round: &Round) -> String {
    let args = [
        ("period", period_name(lang, round.period)),
        ("date", date_name(round.last_day())),
    ];
    text_with(lang, Msg::FeedbackResultsNotYet, &args)
}

/// Reads and sends the summary of a closed round; the caller has checked who may see it.
async fn show(ctx: &Ctx<'_>, ratee: &Ratee<'_>, round: &Round) -> Result<(), HandlerError> {
    let db = &ctx.deps.db;
    let answers = feedback_results::answers(db, round.id, ratee.nip).await?;
    let comments = feedback_results::comments(db, round.id, ratee.nip).await?;
    let year = round.period.year_number().to_string();
    let expected = expectations::of_employee(db, ratee.nip, &year).await?;
    let period = ("period", period_name(ctx.lang, round.period));
    let header = match ratee.of {
        None => text_with(ctx.lang, Msg::FeedbackResultsMineHeader, &[period]),
        Some((_, name)) => {
            let args = [("name", escape_html(name)), period];
            text_with(ctx.lang, Msg::FeedbackResultsOfHeader, &args)
        }
    };
    let min = ctx.deps.settings.file.feedback_min_group();
    let view = Summary {
        answers: &answers,
        expected: &expected,
        comments: &comments,
        min,
    };
    tracing::debug!(round = round.id.0, "360 summary shown");
    ctx.send_html_long(&render(ctx.lang, header, &view)).await
}

/// What one summary is made of.
pub(super) struct Summary<'a> {
    pub answers: &'a RateeAnswers,
    pub expected: &'a BTreeMap<Value, String>,
    pub comments: &'a [(Group, String)],
    pub min: usize,
}

/// The summary as Telegram HTML. Each tag opens and closes on one line, so the text may be
/// split at any line end.
pub(super) fn render(lang: Lang, header: String, s: &Summary<'_>) -> String {
    let results = ratee_results(&s.answers.answers, s.min);
    let mut out = header;
    out.push('\n');
    out.push_str(&text_with(
        lang,
        Msg::FeedbackResultsIntro,
        &[("min", s.min.to_string())],
    ));
    // Groups that show something: only their comments may be shown.
    let mut shown: BTreeSet<Group> = BTreeSet::new();
    for value in &results {
        out.push_str("\n\n");
        let name = ("value", value.value.name(lang).to_owned());
        out.push_str(&text_with(lang, Msg::FeedbackResultsValue, &[name]));
        if let Some(expected) = s.expected.get(&value.value) {
            let flat = ("text", escape_html(&one_line(expected)));
            out.push('\n');
            out.push_str(&text_with(lang, Msg::FeedbackResultsExpectation, &[flat]));
        }
        for (group, result) in value.groups.iter() {
            // A group nobody was asked in (no subordinates, self not asked) is left out.
            if !s.answers.groups.contains(group) {
                continue;
            }
            if result.is_shown() {
                shown.insert(*group);
            }
            out.push('\n');
            out.push_str(&group_line(lang, group_label(lang, Some(*group)), result));
        }
        out.push('\n');
        let total = GroupResult::Shown {
            counts: value.total,
            shares: value.total.shares(),
        };
        out.push_str(&group_line(lang, group_label(lang, None), &total));
    }
    out.push_str("\n\n");
    out.push_str(&text(lang, Msg::FeedbackResultsCommentsHeader));
    let mut visible: Vec<&(Group, String)> = s
        .comments
        .iter()
        .filter(|(g, _)| shown.contains(g))
        .collect();
    // By text, whatever order they came in: the order must say nothing about who wrote when.
    visible.sort_by(|a, b| a.1.cmp(&b.1));
    if visible.is_empty() {
        out.push('\n');
        out.push_str(&text(lang, Msg::FeedbackResultsCommentsNone));
    }
    for group in Group::ALL {
        let mut of_group = visible.iter().filter(|(g, _)| g == group).peekable();
        if of_group.peek().is_none() {
            continue;
        }
        out.push('\n');
        let label = ("label", group_label(lang, Some(*group)));
        out.push_str(&text_with(
            lang,
            Msg::FeedbackResultsCommentsGroup,
            &[label],
        ));
        for (_, comment) in of_group {
            out.push('\n');
            let comment = ("comment", escape_html(&one_line(comment)));
            out.push_str(&text_with(lang, Msg::FeedbackResultsComment, &[comment]));
        }
    }
    out
}

/// One line of counts and shares, "not enough answers", or "no answers".
pub(super) fn group_line(lang: Lang, label: String, result: &GroupResult) -> String {
    match result {
        GroupResult::NotEnough => {
            text_with(lang, Msg::FeedbackResultsNotEnough, &[("label", label)])
        }
        GroupResult::Shown { counts, .. } if counts.total() == 0 => {
            text_with(lang, Msg::FeedbackResultsNoAnswers, &[("label", label)])
        }
        GroupResult::Shown { counts, .. } => counts_line(lang, label, counts),
    }
}

/// "Label (n answers): below a (x%) · meets b (y%) · above c (z%)".
pub(super) fn counts_line(lang: Lang, label: String, counts: &Tally) -> String {
    let shares = counts.shares();
    let pct = |r: Rating| format!("{:.0}", shares.get(r) * 100.0);
    let n = |r: Rating| counts.count(r).to_string();
    let args = [
        ("label", label),
        ("count", counts.total().to_string()),
        ("below", n(Rating::DiBawah)),
        ("below_pct", pct(Rating::DiBawah)),
        ("meets", n(Rating::Sesuai)),
        ("meets_pct", pct(Rating::Sesuai)),
        ("above", n(Rating::DiAtas)),
        ("above_pct", pct(Rating::DiAtas)),
    ];
    text_with(lang, Msg::FeedbackResultsCounts, &args)
}

/// A group's name; `None` is the total.
fn group_label(lang: Lang, group: Option<Group>) -> String {
    let code = group.map_or("total", Group::code);
    text_with(
        lang,
        Msg::FeedbackResultsGroup,
        &[("group", code.to_owned())],
    )
}

/// "Triwulan IV 2026", "Maret 2027": the scheduler's wording, one for the whole bot.
pub(super) use crate::scheduler::feedback::period_name;

/// Dates as people there write them: 30-11-2026.
pub(super) fn date_name(day: NaiveDate) -> String {
    day.format("%d-%m-%Y").to_string()
}

/// What someone typed over several lines, on one: a split between messages never falls
/// inside it.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
#[path = "summary_tests.rs"]
mod tests;
