//! BerAKHLAK results per value for a period: each round within it whose results may be shown,
//! summed over the units in scope exactly as HR's 360 aggregates are
//! (`storage::feedback_results::by_unit`): a peer or subordinate group below the minimum is in
//! no unit's sums, self-ratings are left out, and a unit with too few ratees with results adds
//! nothing. The sum of shown sums is all that reaches the message and the chart.

use super::{capitalized, scope_name, send_chart};
use crate::bot::context::{Ctx, HandlerError};
use crate::charts::{self, ValueRow, ValuesChart};
use crate::domain::Lang;
use crate::domain::authz::Scope;
use crate::domain::berakhlak::{Rating, Value};
use crate::domain::feedback_round::RoundPeriod;
use crate::domain::formatting::escape_html;
use crate::domain::period::Period;
use crate::i18n::{Msg, text, text_with};
use crate::scheduler::feedback::period_name;
use crate::storage::feedback_results::{self, UnitAggregate};
use crate::storage::feedback_rounds::Round;

/// Per value, in the acronym's order, answers below, meeting and above expectation.
pub type ValueSums = Vec<(Value, [u64; 3])>;

pub async fn show(ctx: &Ctx<'_>, scope: &Scope, period: Period) -> Result<(), HandlerError> {
    let lang = ctx.lang;
    let rounds = super::rates::rounds_within(ctx, scope, period).await?;
    if rounds.is_empty() {
        let args = [("period", period_name(lang, period))];
        ctx.send(text_with(lang, Msg::ReportResultsNone, &args), None)
            .await?;
        return Ok(());
    }
    let min = ctx.deps.settings.file.feedback_min_group();
    for round in rounds {
        if !ready(ctx, &round) {
            let args = [
                ("round", period_name(lang, round.period)),
                ("date", round.last_day().format("%d-%m-%Y").to_string()),
            ];
            ctx.send(text_with(lang, Msg::ReportResultsNotReady, &args), None)
                .await?;
            continue;
        }
        let units = feedback_results::by_unit(&ctx.deps.db, round.id, scope, min).await?;
        let (sums, shown, hidden) = sum_shown(&units);
        ctx.send_html_long(&render(lang, scope, &round, &sums, (shown, hidden), min))
            .await?;
        if shown == 0 {
            continue;
        }
        let chart = values_chart(lang, round.period, &scope_name(lang, scope), &sums, min);
        let args = [("round", period_name(lang, round.period))];
        let caption = text_with(lang, Msg::ReportResultsCaption, &args);
        let file = format!("hasil-berakhlak-{}-{}.png", round.period.code(), round.id.0);
        send_chart(ctx, &file, caption, move || charts::values(&chart)).await?;
    }
    Ok(())
}

fn ready(ctx: &Ctx<'_>, round: &Round) -> bool {
    let file = &ctx.deps.settings.file;
    round.results_ready(
        ctx.deps.clock.now(),
        file.time_zone.tz(),
        file.feedback.reminder_time(),
    )
}

/// The shown units' sums added up per value, and how many units were shown and hidden. A
/// hidden unit (`values: None`) adds nothing; the storage's sums already hold shown groups
/// only.
pub fn sum_shown(units: &[UnitAggregate]) -> (ValueSums, usize, usize) {
    let mut sums: ValueSums = Value::ALL.iter().map(|v| (*v, [0; 3])).collect();
    let mut shown = 0;
    for u in units {
        let Some(values) = &u.values else { continue };
        shown += 1;
        for (value, tally) in values {
            if let Some((_, sum)) = sums.iter_mut().find(|(v, _)| v == value) {
                for r in Rating::ALL {
                    sum[r.index()] += tally.count(*r) as u64;
                }
            }
        }
    }
    (sums, shown, units.len() - shown)
}

/// The chart of a round's sums: what the bot draws, and what a test can draw to compare.
pub fn values_chart(
    lang: Lang,
    round: RoundPeriod,
    scope: &str,
    sums: &[(Value, [u64; 3])],
    min: usize,
) -> ValuesChart {
    ValuesChart {
        title: text_with(
            lang,
            Msg::ReportResultsChartTitle,
            &[("round", period_name(lang, round))],
        ),
        subtitle: capitalized(&text_with(
            lang,
            Msg::ReportResultsChartSubtitle,
            &[("scope", scope.to_owned()), ("min", min.to_string())],
        )),
        rows: sums
            .iter()
            .map(|(value, [below, meets, above])| ValueRow {
                label: value.name(lang).to_owned(),
                below: *below,
                meets: *meets,
                above: *above,
            })
            .collect(),
        legend: [Rating::DiBawah, Rating::Sesuai, Rating::DiAtas].map(|r| r.label(lang).to_owned()),
    }
}

fn render(
    lang: Lang,
    scope: &Scope,
    round: &Round,
    sums: &[(Value, [u64; 3])],
    (shown, hidden): (usize, usize),
    min: usize,
) -> String {
    let mut out = text_with(
        lang,
        Msg::ReportResultsHeader,
        &[
            ("round", period_name(lang, round.period)),
            ("scope", escape_html(&scope_name(lang, scope))),
        ],
    );
    out.push('\n');
    out.push_str(&text_with(
        lang,
        Msg::ReportResultsNote,
        &[("min", min.to_string())],
    ));
    out.push('\n');
    out.push_str(&text_with(
        lang,
        Msg::ReportResultsUnits,
        &[
            ("shown", shown.to_string()),
            ("hidden", hidden.to_string()),
            ("min", min.to_string()),
        ],
    ));
    if shown == 0 {
        out.push('\n');
        out.push_str(&text(lang, Msg::ReportResultsNothingShown));
        return out;
    }
    out.push('\n');
    for (value, counts) in sums {
        out.push('\n');
        out.push_str(&value_line(lang, *value, *counts));
    }
    out
}

fn value_line(lang: Lang, value: Value, [below, meets, above]: [u64; 3]) -> String {
    let label = value.name(lang).to_owned();
    let total = below + meets + above;
    if total == 0 {
        return text_with(lang, Msg::ReportResultsValueNone, &[("value", label)]);
    }
    // Rounded to nearest, as the 360 summaries write shares.
    let pct = |n: u64| ((n * 200 + total) / (2 * total)).to_string();
    text_with(
        lang,
        Msg::ReportResultsValue,
        &[
            ("value", label),
            ("count", total.to_string()),
            ("below", below.to_string()),
            ("below_pct", pct(below)),
            ("meets", meets.to_string()),
            ("meets_pct", pct(meets)),
            ("above", above.to_string()),
            ("above_pct", pct(above)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::anonymity::Tally;
    use crate::domain::org::UnitPath;

    fn unit(path: &str, values: Option<[Rating; 2]>) -> UnitAggregate {
        UnitAggregate {
            unit: UnitPath::parse(path).unwrap(),
            ratees: 3,
            with_results: if values.is_some() { 3 } else { 2 },
            values: values.map(|answers| {
                Value::ALL
                    .iter()
                    .map(|v| (*v, Tally::from_answers(answers)))
                    .collect()
            }),
        }
    }

    #[test]
    fn only_shown_units_are_summed() {
        use Rating::{DiAtas, DiBawah, Sesuai};
        let units = [
            unit("A", Some([Sesuai, DiAtas])),
            unit("A > B", None),
            unit("A > C", Some([Sesuai, DiBawah])),
        ];
        let (sums, shown, hidden) = sum_shown(&units);
        assert_eq!((shown, hidden), (2, 1));
        assert_eq!(sums.len(), 7);
        assert!(sums.iter().all(|(_, c)| *c == [1, 2, 1]), "{sums:?}");
        let chart = values_chart(
            Lang::En,
            RoundPeriod::quarter(2026, 4).unwrap(),
            "the whole organisation",
            &sums,
            3,
        );
        assert_eq!(chart.title, "BerAKHLAK results per value — Q4 2026");
        assert_eq!(chart.rows[0].label, "Service-oriented");
        assert_eq!((chart.rows[0].below, chart.rows[0].meets), (1, 2));
        assert_eq!(chart.legend[0], "Below expectation");
        assert_eq!(
            value_line(Lang::Id, Value::ALL[0], [1, 2, 1]),
            "Berorientasi Pelayanan (4 jawaban): di bawah 1 (25%) · sesuai 2 (50%) · di atas 1 (25%)"
        );
    }
}
