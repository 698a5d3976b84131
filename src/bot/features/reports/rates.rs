//! 360 response rates for a period: each round whose period lies within it and that covers
//! some of the presser's scope, with its complete ratings per raters' unit in that scope
//! (counts only, never who), lowest first, and a bar chart.

use super::{more_note, more_units, percent, scope_name, send_chart, unit_shares};
use crate::bot::context::{Ctx, HandlerError};
use crate::charts::{self, MAX_BARS, UnitBars};
use crate::domain::Lang;
use crate::domain::authz::Scope;
use crate::domain::formatting::escape_html;
use crate::domain::org::UnitPath;
use crate::domain::period::{Period, within};
use crate::i18n::{Msg, text, text_with};
use crate::scheduler::feedback::period_name;
use crate::storage::feedback_rounds::{self, Round, UnitRate};

/// Rounds reported at once, newest first: a year with monthly rounds would be a long read.
pub(super) const MAX_ROUNDS: usize = 6;

/// The rounds of `period` HR with `scope` may see, newest first.
pub(super) async fn rounds_within(
    ctx: &Ctx<'_>,
    scope: &Scope,
    period: Period,
) -> Result<Vec<Round>, HandlerError> {
    // Visible rounds are few (a handful a year); the filter on the period is Rust's.
    let all = feedback_rounds::in_scope(&ctx.deps.db, scope, 1_000).await?;
    Ok(all
        .into_iter()
        .filter(|r| within(r.period, period))
        .take(MAX_ROUNDS)
        .collect())
}

pub async fn show(ctx: &Ctx<'_>, scope: &Scope, period: Period) -> Result<(), HandlerError> {
    let lang = ctx.lang;
    let rounds = rounds_within(ctx, scope, period).await?;
    let mut head = text_with(
        lang,
        Msg::ReportRatesHeader,
        &[
            ("period", period_name(lang, period)),
            ("scope", escape_html(&scope_name(lang, scope))),
        ],
    );
    if rounds.is_empty() {
        head.push('\n');
        let args = [("period", period_name(lang, period))];
        head.push_str(&text_with(lang, Msg::ReportRatesNone, &args));
        return ctx.send_html_long(&head).await;
    }
    ctx.send_html_long(&head).await?;
    let today = ctx.today();
    for round in rounds {
        let rates: Vec<UnitRate> = feedback_rounds::rates_by_unit(&ctx.deps.db, round.id)
            .await?
            .into_iter()
            .filter(|r| scope.contains(&r.unit))
            .collect();
        ctx.send_html_long(&render(lang, &round, today, &rates))
            .await?;
        if rates.is_empty() {
            continue;
        }
        let units: Vec<(UnitPath, u64, u64)> = rates
            .iter()
            .map(|r| (r.unit.clone(), count(r.complete), count(r.total)))
            .collect();
        let name = period_name(lang, round.period);
        let mut caption = text_with(
            lang,
            Msg::ReportRatesCaption,
            &[("round", name.clone()), ("total", units.len().to_string())],
        );
        if let Some(more) = more_note(lang, units.len()) {
            caption = format!("{caption}\n{more}");
        }
        let chart = UnitBars {
            title: text_with(lang, Msg::ReportRatesChartTitle, &[("round", name)]),
            subtitle: text(lang, Msg::ReportRatesChartSubtitle),
            units: unit_shares(&units),
            note: more_note(lang, units.len()).unwrap_or_default(),
        };
        let file = format!("respons-360-{}-{}.png", round.period.code(), round.id.0);
        send_chart(ctx, &file, caption, move || charts::unit_bars(&chart)).await?;
    }
    Ok(())
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

fn render(lang: Lang, round: &Round, today: chrono::NaiveDate, rates: &[UnitRate]) -> String {
    let state = if round.is_closed(today) {
        "closed"
    } else if round.is_open(today) {
        "open"
    } else {
        "upcoming"
    };
    let mut out = text_with(
        lang,
        Msg::ReportRatesRound,
        &[
            ("round", period_name(lang, round.period)),
            ("opens", round.opens_on.format("%d-%m-%Y").to_string()),
            ("closes", round.last_day().format("%d-%m-%Y").to_string()),
            ("state", state.to_owned()),
        ],
    );
    out.push('\n');
    if rates.is_empty() {
        out.push_str(&text(lang, Msg::ReportRatesEmpty));
        return out;
    }
    let (done, total, behind) = rates.iter().fold((0, 0, 0), |(d, t, b), r| {
        (
            d + count(r.complete),
            t + count(r.total),
            b + count(r.behind),
        )
    });
    out.push_str(&text_with(
        lang,
        Msg::ReportRatesTotal,
        &[
            ("done", done.to_string()),
            ("total", total.to_string()),
            ("percent", percent(done, total).to_string()),
            ("behind", behind.to_string()),
        ],
    ));
    out.push('\n');
    out.push_str(&text(lang, Msg::ReportRatesUnits));
    // The unit lines with each unit's raters still behind, in the chart's order.
    let units: Vec<(UnitPath, u64, u64)> = rates
        .iter()
        .map(|r| (r.unit.clone(), count(r.complete), count(r.total)))
        .collect();
    let behind_of = |unit: &str| {
        rates
            .iter()
            .find(|r| r.unit.key() == unit)
            .map_or(0, |r| count(r.behind))
    };
    let shares: Vec<charts::UnitShare> = units
        .iter()
        .map(|(u, d, t)| charts::UnitShare {
            label: u.key(),
            done: *d,
            total: *t,
        })
        .collect();
    for s in charts::lowest(&shares, MAX_BARS) {
        out.push('\n');
        out.push_str(&text_with(
            lang,
            Msg::ReportRatesUnitLine,
            &[
                ("unit", escape_html(&s.label)),
                ("done", s.done.to_string()),
                ("total", s.total.to_string()),
                ("percent", percent(s.done, s.total).to_string()),
                ("behind", behind_of(&s.label).to_string()),
            ],
        ));
    }
    if let Some(more) = more_units(lang, units.len(), MAX_BARS) {
        out.push('\n');
        out.push_str(&more);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::RoundId;
    use crate::domain::org::UnitId;
    use chrono::NaiveDate;

    #[test]
    fn a_round_reads_its_totals_and_its_units_lowest_first() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let round = Round {
            id: RoundId(3),
            unit: None,
            period: Period::parse("2026-q4").unwrap(),
            opens_on: day(10),
            closes_on: day(20),
            closed_early_on: None,
            seed: 1,
            created_by: String::new(),
            created_at: 0,
            prompted_at: None,
            results_sent_at: None,
        };
        let rate = |path: &str, complete, total, behind| UnitRate {
            unit_id: UnitId(1),
            unit: UnitPath::parse(path).unwrap(),
            complete,
            total,
            behind,
        };
        let rates = [rate("A", 8, 10, 1), rate("A > B", 1, 4, 2)];
        let text = render(Lang::En, &round, day(15), &rates);
        assert_eq!(
            text,
            "<b>Round Q4 2026</b> (10-11-2026 – 20-11-2026, running)\n\
             Ratings complete: 9 of 14 (64%); 3 raters have not finished.\n\
             Per raters' unit, lowest first:\n\
             • A &gt; B: 1/4 (25%), 2 raters not finished\n\
             • A: 8/10 (80%), 1 rater not finished"
        );
        let closed = render(Lang::Id, &round, day(21), &[]);
        assert!(closed.contains("ditutup"), "{closed}");
        assert!(
            closed.ends_with("Tidak ada penilai dari unit dalam cakupan Anda pada putaran ini.")
        );
    }
}
