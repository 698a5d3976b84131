//! HR's view of a closed round: per unit in their scope, how many were rated and, per value,
//! the shown groups' answers summed (`storage::feedback_results::by_unit`), in chat and as a
//! CSV or XLSX file. Never one ratee's results and never one rater's answer: hidden groups are
//! not in any sum, and a unit with too few ratees with results shows no figures.
//!
//! The round must cover some of HR's scope (`feedback_rounds::visible`); the units shown are
//! those of HR's scope, applied in the SQL.

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use super::Button;
use super::summary::{counts_line, not_yet, period_name, ready};
use crate::bot::CallbackData;
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;
use crate::domain::Lang;
use crate::domain::RoundId;
use crate::domain::anonymity::Tally;
use crate::domain::authz::{Action, Actor, Denied, Scope, authorize, scope_target};
use crate::domain::berakhlak::{Rating, Value};
use crate::domain::formatting::escape_html;
use crate::export::{self, Format};
use crate::i18n::{Msg, text_with};
use crate::storage::Db;
use crate::storage::feedback_results::{self, UnitAggregate};
use crate::storage::feedback_rounds::{self, Round};

/// Units shown in chat, in tree order; the file has all of them.
const MAX_UNITS: usize = 30;

pub async fn show(ctx: &Ctx<'_>, cb: &Callback, id: RoundId) -> Result<(), HandlerError> {
    let Some((actor, round)) = authorized(ctx, cb, id).await? else {
        return Ok(());
    };
    ctx.answer_cb(cb).await?;
    if !ready(ctx, &round) {
        ctx.send(not_yet(ctx.lang, &round), None).await?;
        return Ok(());
    }
    let min = ctx.deps.settings.file.feedback_min_group();
    let units = feedback_results::by_unit(&ctx.deps.db, round.id, &Scope::of(&actor), min).await?;
    if units.is_empty() {
        ctx.reply(Msg::FeedbackResultsAggEmpty).await?;
        return Ok(());
    }
    ctx.send_html_long(&render(ctx.lang, &round, &units, min))
        .await?;
    // A separate message: the figures go as HTML, and buttons travel with plain messages.
    let button = |msg: Msg, format: Format| {
        let data = CallbackData::from(Button::AggregatesFile(round.id, format)).encode();
        InlineKeyboardButton::callback(ctx.text(msg), data)
    };
    let keyboard = InlineKeyboardMarkup::new(vec![vec![
        button(Msg::FeedbackResultsCsvButton, Format::Csv),
        button(Msg::FeedbackResultsXlsxButton, Format::Xlsx),
    ]]);
    ctx.send(ctx.text(Msg::FeedbackResultsAggFilePrompt), Some(keyboard))
        .await?;
    Ok(())
}

pub async fn file(
    ctx: &Ctx<'_>,
    cb: &Callback,
    id: RoundId,
    format: Format,
) -> Result<(), HandlerError> {
    let Some((actor, round)) = authorized(ctx, cb, id).await? else {
        return Ok(());
    };
    ctx.answer_cb(cb).await?;
    if !ready(ctx, &round) {
        ctx.send(not_yet(ctx.lang, &round), None).await?;
        return Ok(());
    }
    let min = ctx.deps.settings.file.feedback_min_group();
    let db = &ctx.deps.db;
    let (bytes, count) = build_file(db, &round, &Scope::of(&actor), min, format).await?;
    if count == 0 {
        ctx.reply(Msg::FeedbackResultsAggEmpty).await?;
        return Ok(());
    }
    let args = [
        ("period", period_name(ctx.lang, round.period)),
        ("count", count.to_string()),
    ];
    let caption = text_with(ctx.lang, Msg::FeedbackResultsAggFileCaption, &args);
    let name = file_name(&round, format);
    ctx.deps
        .telegram
        .send_document(ctx.chat_id, name, bytes, caption)
        .await?;
    tracing::info!(
        round = round.id.0,
        units = count,
        "360 aggregates file sent"
    );
    Ok(())
}

/// `hasil-360-2026-q4-7.csv`: the period and the round, which tell two rounds of one period
/// apart.
pub fn file_name(round: &Round, format: Format) -> String {
    let (period, id, ext) = (round.period.code(), round.id.0, format.extension());
    format!("hasil-360-{period}-{id}.{ext}")
}

/// The file's columns, the same from the bot and from `kinerja-bot export feedback`: a row
/// per unit and value, or one row for a unit whose figures are not shown.
pub const FILE_HEADER: &[&str] = &[
    "unit",
    "pegawai_dinilai",
    "pegawai_dengan_hasil",
    "nilai",
    "jawaban",
    "di_bawah",
    "sesuai",
    "di_atas",
    "persen_di_bawah",
    "persen_sesuai",
    "persen_di_atas",
    "keterangan",
];

/// The aggregates file of `round` for `scope`, built on a blocking thread. Returns the bytes
/// and the number of units.
pub async fn build_file(
    db: &Db,
    round: &Round,
    scope: &Scope,
    min: usize,
    format: Format,
) -> Result<(Vec<u8>, usize), HandlerError> {
    let units = feedback_results::by_unit(db, round.id, scope, min).await?;
    let rows = units.iter().flat_map(|u| unit_rows(u, min)).collect();
    let (bytes, _) = export::table_off_runtime(format, FILE_HEADER, rows)
        .await
        .map_err(HandlerError::Export)?;
    Ok((bytes, units.len()))
}

fn unit_rows(u: &UnitAggregate, min: usize) -> Vec<Vec<String>> {
    let head = [
        u.unit.key(),
        u.ratees.to_string(),
        u.with_results.to_string(),
    ];
    let Some(values) = &u.values else {
        let mut row = head.to_vec();
        row.extend(std::iter::repeat_n(String::new(), 8));
        row.push(format!(
            "tidak ditampilkan: kurang dari {min} pegawai dengan hasil"
        ));
        return vec![row];
    };
    values
        .iter()
        .map(|(value, t)| {
            let mut row = head.to_vec();
            row.push(value.name(Lang::Id).to_owned());
            row.push(t.total().to_string());
            row.extend(Rating::ALL.iter().map(|r| t.count(*r).to_string()));
            row.extend(Rating::ALL.iter().map(|r| percent(t, *r)));
            row.push(String::new());
            row
        })
        .collect()
}

fn percent(t: &Tally, r: Rating) -> String {
    if t.total() == 0 {
        return String::new();
    }
    format!("{:.0}", t.share(r) * 100.0)
}

/// The presser and the round, if they are HR and the round covers some of their scope; anyone else is
/// refused on the button.
async fn authorized(
    ctx: &Ctx<'_>,
    cb: &Callback,
    id: RoundId,
) -> Result<Option<(Actor, Round)>, HandlerError> {
    let actor = ctx.actor().await?;
    let target = scope_target(actor.as_ref(), None);
    if let Err(d) = authorize(actor.as_ref(), Action::ViewUnitStats, &target) {
        ctx.refuse_callback(cb, d).await?;
        return Ok(None);
    }
    let Some(actor) = actor else {
        ctx.refuse_callback(cb, Denied::NotLinked).await?;
        return Ok(None);
    };
    let Some(round) = feedback_rounds::get(&ctx.deps.db, id).await? else {
        ctx.answer_cb_with(cb, Msg::FeedbackResultsRoundUnknown)
            .await?;
        return Ok(None);
    };
    if !feedback_rounds::visible(&Scope::of(&actor), &round) {
        tracing::debug!(round = id.0, "360 aggregates outside the scope refused");
        ctx.refuse_callback(cb, Denied::NotAllowed).await?;
        return Ok(None);
    }
    Ok(Some((actor, round)))
}

fn render(lang: Lang, round: &Round, units: &[UnitAggregate], min: usize) -> String {
    let period = ("period", period_name(lang, round.period));
    let mut out = text_with(lang, Msg::FeedbackResultsAggHeader, &[period]);
    out.push('\n');
    let min_arg = ("min", min.to_string());
    out.push_str(&text_with(
        lang,
        Msg::FeedbackResultsAggNote,
        std::slice::from_ref(&min_arg),
    ));
    for u in units.iter().take(MAX_UNITS) {
        out.push_str("\n\n");
        let args = [
            ("unit", escape_html(&u.unit.key())),
            ("ratees", u.ratees.to_string()),
            ("with", u.with_results.to_string()),
        ];
        out.push_str(&text_with(lang, Msg::FeedbackResultsAggUnit, &args));
        match &u.values {
            None => {
                out.push('\n');
                let hidden = text_with(
                    lang,
                    Msg::FeedbackResultsAggUnitHidden,
                    std::slice::from_ref(&min_arg),
                );
                out.push_str(&hidden);
            }
            Some(values) => {
                for (value, t) in values {
                    out.push('\n');
                    out.push_str(&value_line(lang, *value, t));
                }
            }
        }
    }
    if units.len() > MAX_UNITS {
        out.push_str("\n\n");
        let more = [("count", (units.len() - MAX_UNITS).to_string())];
        out.push_str(&text_with(lang, Msg::FeedbackResultsAggMoreUnits, &more));
    }
    out
}

fn value_line(lang: Lang, value: Value, t: &Tally) -> String {
    let label = value.name(lang).to_owned();
    if t.total() == 0 {
        return text_with(lang, Msg::FeedbackResultsNoAnswers, &[("label", label)]);
    }
    counts_line(lang, label, t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::org::UnitPath;

    #[test]
    fn a_hidden_unit_has_one_row_without_figures_and_a_shown_one_a_row_per_value() {
        let hidden = UnitAggregate {
            unit: UnitPath::parse("A > B").unwrap(),
            ratees: 2,
            with_results: 2,
            values: None,
        };
        let rows = unit_rows(&hidden, 3);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].len(), FILE_HEADER.len());
        assert!(rows[0][3..11].iter().all(String::is_empty), "{:?}", rows[0]);
        let t = Tally::from_answers([Rating::Sesuai, Rating::Sesuai, Rating::DiAtas]);
        let shown = UnitAggregate {
            values: Some(Value::ALL.iter().map(|v| (*v, t)).collect()),
            ratees: 3,
            with_results: 3,
            ..hidden
        };
        let rows = unit_rows(&shown, 3);
        assert_eq!(rows.len(), 7);
        assert_eq!(
            rows[0],
            [
                "A > B",
                "3",
                "3",
                "Berorientasi Pelayanan",
                "3",
                "0",
                "2",
                "1",
                "0",
                "67",
                "33",
                ""
            ]
        );
        let text = render(
            Lang::En,
            &Round {
                id: RoundId(1),
                unit: None,
                period: crate::domain::feedback_round::RoundPeriod::quarter(2026, 4).unwrap(),
                opens_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
                closes_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
                closed_early_on: None,
                seed: 1,
                created_by: String::new(),
                created_at: 0,
                prompted_at: None,
                results_sent_at: None,
            },
            &[shown],
            3,
        );
        assert!(
            text.starts_with("📊 <b>360 results per unit — Q4 2026</b>"),
            "{text}"
        );
        assert!(
            text.contains(
                "Service-oriented (3 answers): below 0 (0%) · meets 2 (67%) · above 1 (33%)"
            ),
            "{text}"
        );
    }
}
