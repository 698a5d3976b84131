//! The period picker and a period's menu of reports (with the period's files, from
//! `period_export`, for a period HR has defined).

use chrono::Datelike;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use super::{Button, Report, scope_name};
use crate::bot::CallbackData;
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::features::period_export;
use crate::domain::Lang;
use crate::domain::authz::Scope;
use crate::domain::period::{Period, PeriodState};
use crate::i18n::{Msg, text, text_with};
use crate::scheduler::feedback::period_name;
use crate::storage::periods;

/// Periods offered, newest first; older ones are rarely reported on in chat.
const MAX_PERIODS: usize = 12;

/// The defined periods, newest first; without any, the current month and quarter.
pub async fn periods(ctx: &Ctx<'_>) -> Result<(), HandlerError> {
    let defined = periods::list(&ctx.deps.db).await?;
    let mut prompt = ctx.text(Msg::ReportPickPeriod);
    let offered: Vec<(Period, Option<PeriodState>)> = if defined.is_empty() {
        prompt = format!("{}\n{prompt}", ctx.text(Msg::ReportNoPeriods));
        current(ctx.today())
            .into_iter()
            .map(|p| (p, None))
            .collect()
    } else {
        defined
            .iter()
            .take(MAX_PERIODS)
            .map(|row| (row.period, Some(row.state)))
            .collect()
    };
    let buttons: Vec<InlineKeyboardButton> = offered
        .iter()
        .map(|(p, state)| period_button(ctx.lang, *p, *state))
        .collect();
    let rows = buttons.chunks(2).map(<[_]>::to_vec).collect::<Vec<_>>();
    ctx.send(prompt, Some(InlineKeyboardMarkup::new(rows)))
        .await?;
    Ok(())
}

/// The month and the quarter of `today`.
fn current(today: chrono::NaiveDate) -> Vec<Period> {
    let month = Period::month(today.year(), today.month());
    let quarter = Period::quarter(today.year(), today.month0() / 3 + 1);
    month.into_iter().chain(quarter).collect()
}

fn period_button(lang: Lang, period: Period, state: Option<PeriodState>) -> InlineKeyboardButton {
    let label = text_with(
        lang,
        Msg::ReportPeriodButton,
        &[
            ("period", period_name(lang, period)),
            ("state", state.map_or("none", |s| s.code()).to_owned()),
        ],
    );
    InlineKeyboardButton::callback(label, CallbackData::from(Button::Period(period)).encode())
}

/// The reports of `period` for the presser's scope.
pub async fn show(ctx: &Ctx<'_>, scope: &Scope, period: Period) -> Result<(), HandlerError> {
    let lang = ctx.lang;
    let defined = periods::get(&ctx.deps.db, period).await?.is_some();
    let name = period_name(lang, period);
    let mut body = text_with(
        lang,
        Msg::ReportMenu,
        &[("period", name.clone()), ("scope", scope_name(lang, scope))],
    );
    let button = |report: Report| {
        let label = text(lang, label(report));
        let data = CallbackData::from(Button::Show(report, period)).encode();
        InlineKeyboardButton::callback(label, data)
    };
    let reports: Vec<InlineKeyboardButton> = Report::ALL
        .into_iter()
        .filter(|r| defined || !r.needs_defined_period())
        .map(button)
        .collect();
    let mut rows: Vec<Vec<InlineKeyboardButton>> = reports.chunks(2).map(<[_]>::to_vec).collect();
    if defined {
        // The period's files sit with its reports; the export feature checks its own presses.
        body.push('\n');
        body.push_str(&period_export::prompt(lang, period));
        rows.extend(period_export::keyboard_rows(lang, period));
    } else {
        body.push('\n');
        body.push_str(&text_with(
            lang,
            Msg::ReportMenuUndefined,
            &[("period", name)],
        ));
    }
    ctx.send(body, Some(InlineKeyboardMarkup::new(rows)))
        .await?;
    Ok(())
}

fn label(report: Report) -> Msg {
    match report {
        Report::Compliance => Msg::ReportButtonCompliance,
        Report::Rates => Msg::ReportButtonRates,
        Report::Results => Msg::ReportButtonResults,
        Report::Distribution => Msg::ReportButtonDistribution,
        Report::NotRated => Msg::ReportButtonNotRated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_defined_periods_the_current_month_and_quarter_are_offered() {
        let day = chrono::NaiveDate::from_ymd_opt(2027, 5, 14).unwrap();
        let codes: Vec<String> = current(day).iter().map(|p| p.code()).collect();
        assert_eq!(codes, ["2027-05", "2027-q2"]);
        let dec = chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        let codes: Vec<String> = current(dec).iter().map(|p| p.code()).collect();
        assert_eq!(codes, ["2026-12", "2026-q4"]);
    }
}
