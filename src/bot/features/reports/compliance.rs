//! Dialog compliance for a period: per month of it, per quarter when it spans whole quarters,
//! and per unit in scope, lowest first, with a bar chart. A month or quarter in progress counts
//! up to today's month; months not begun are left out.
//!
//! Per unit, a month's report measures the month; a longer period measures each quarter (the
//! DKI rule: at least one dialog in three months), added up over its quarters: employees with a
//! dialog in a quarter over employees, quarter by quarter.

use std::collections::BTreeMap;

use super::{capitalized, lowest_lines, more_note, scope_name, send_chart, unit_shares};
use crate::bot::context::{Ctx, HandlerError};
use crate::charts::{self, MAX_BARS, UnitBars};
use crate::domain::Lang;
use crate::domain::authz::Scope;
use crate::domain::calendar::{Month, Quarter};
use crate::domain::formatting::escape_html;
use crate::domain::org::UnitPath;
use crate::domain::period::{Period, months};
use crate::i18n::{Msg, text, text_with};
use crate::scheduler::feedback::period_name;
use crate::storage::dialog_reports::{self, UnitFigures};

pub async fn show(ctx: &Ctx<'_>, scope: &Scope, period: Period) -> Result<(), HandlerError> {
    let lang = ctx.lang;
    let today = ctx.today();
    let begun: Vec<Month> = months(period)
        .into_iter()
        .map(|(year, month)| Month { year, month })
        .filter(|m| m.first_day() <= today)
        .collect();
    if begun.is_empty() {
        let args = [("period", period_name(lang, period))];
        ctx.send(text_with(lang, Msg::ReportNotStarted, &args), None)
            .await?;
        return Ok(());
    }
    let mut per_month = Vec::with_capacity(begun.len());
    for month in begun {
        let figures =
            dialog_reports::by_unit(&ctx.deps.db, scope, dialog_reports::Period { month }, 0)
                .await?;
        per_month.push((month, figures));
    }
    if per_month.iter().all(|(_, units)| units.is_empty()) {
        ctx.reply(Msg::ReportComplianceEmpty).await?;
        return Ok(());
    }
    let figures = Figures::new(lang, period, &per_month);
    ctx.send_html_long(&render(lang, scope, period, &figures))
        .await?;

    let units = figures.units;
    let caption = {
        let args = [
            ("period", period_name(lang, period)),
            ("total", units.len().to_string()),
        ];
        let mut c = text_with(lang, Msg::ReportComplianceCaption, &args);
        if let Some(more) = more_note(lang, units.len()) {
            c = format!("{c}\n{more}");
        }
        c
    };
    let chart = UnitBars {
        title: text_with(
            lang,
            Msg::ReportComplianceChartTitle,
            &[("period", period_name(lang, period))],
        ),
        subtitle: capitalized(&figures.measure),
        units: unit_shares(&units),
        note: more_note(lang, units.len()).unwrap_or_default(),
    };
    let file = format!("kepatuhan-dialog-{}.png", period.code());
    send_chart(ctx, &file, caption, move || charts::unit_bars(&chart)).await
}

/// What the report shows, worked out from each begun month's figures.
struct Figures {
    /// Month name and (with a dialog that month, active employees), over the scope.
    months: Vec<(String, u64, u64)>,
    /// Quarter name (with "to <month>" while in progress) and (with a dialog, employees).
    quarters: Vec<(String, u64, u64)>,
    /// What the per-unit figures measure, in words.
    measure: String,
    /// Per unit, (done, total) of that measure.
    units: Vec<(UnitPath, u64, u64)>,
}

impl Figures {
    fn new(lang: Lang, period: Period, per_month: &[(Month, Vec<UnitFigures>)]) -> Self {
        let sum = |units: &[UnitFigures], f: fn(&UnitFigures) -> i64| -> u64 {
            units.iter().map(|u| f(u).max(0) as u64).sum()
        };
        let months = per_month
            .iter()
            .map(|(m, units)| {
                (
                    month_name(lang, *m),
                    sum(units, |u| u.with_dialog_month),
                    sum(units, |u| u.employees),
                )
            })
            .collect();
        // Quarters the period holds whole; each read from its last begun month, whose
        // quarter figures run from the quarter's start to that month's end.
        let spans_quarters = !matches!(period, Period::Month { .. });
        let mut last_of_quarter: BTreeMap<(i32, u32), &(Month, Vec<UnitFigures>)> = BTreeMap::new();
        if spans_quarters {
            for entry in per_month {
                let q = Quarter::of(entry.0.first_day());
                last_of_quarter.insert((q.year, q.q), entry);
            }
        }
        let quarters: Vec<(String, u64, u64)> = last_of_quarter
            .iter()
            .map(|(&(year, number), (month, units))| {
                let q = Period::quarter(year, number).map_or_else(String::new, |q| {
                    let name = period_name(lang, q);
                    let whole = Quarter::of(month.first_day()).last_day() == month.last_day();
                    if whole {
                        name
                    } else {
                        let until = month_name(lang, *month);
                        let args = [("name", name), ("until", until)];
                        text_with(lang, Msg::ReportUntil, &args)
                    }
                });
                (
                    q,
                    sum(units, |u| u.with_dialog_quarter),
                    sum(units, |u| u.employees),
                )
            })
            .collect();
        let mut units: BTreeMap<UnitPath, (u64, u64)> = BTreeMap::new();
        let mut add = |u: &UnitFigures, done: i64| {
            let e = units.entry(u.unit.clone()).or_default();
            e.0 += done.max(0) as u64;
            e.1 += u.employees.max(0) as u64;
        };
        let measure = if spans_quarters {
            for (_, figures) in last_of_quarter.values() {
                figures.iter().for_each(|u| add(u, u.with_dialog_quarter));
            }
            match quarters.as_slice() {
                [(name, ..)] => measure_text(lang, "quarter", name, 1),
                all => measure_text(lang, "quarters", "", all.len()),
            }
        } else {
            let (month, figures) = &per_month[per_month.len() - 1];
            figures.iter().for_each(|u| add(u, u.with_dialog_month));
            measure_text(lang, "month", &month_name(lang, *month), 1)
        };
        Self {
            months,
            quarters,
            measure,
            units: units.into_iter().map(|(u, (d, t))| (u, d, t)).collect(),
        }
    }
}

fn measure_text(lang: Lang, kind: &str, name: &str, count: usize) -> String {
    text_with(
        lang,
        Msg::ReportComplianceMeasure,
        &[
            ("kind", kind.to_owned()),
            ("name", name.to_owned()),
            ("count", count.to_string()),
        ],
    )
}

fn month_name(lang: Lang, m: Month) -> String {
    Period::month(m.year, m.month).map_or_else(|| m.key(), |p| period_name(lang, p))
}

fn render(lang: Lang, scope: &Scope, period: Period, f: &Figures) -> String {
    let share = |(name, done, total): &(String, u64, u64)| {
        text_with(
            lang,
            Msg::ReportShare,
            &[
                ("name", name.clone()),
                ("done", done.to_string()),
                ("total", total.to_string()),
                ("percent", super::percent(*done, *total).to_string()),
            ],
        )
    };
    let mut out = text_with(
        lang,
        Msg::ReportComplianceHeader,
        &[
            ("period", period_name(lang, period)),
            ("scope", escape_html(&scope_name(lang, scope))),
        ],
    );
    out.push_str("\n\n");
    out.push_str(&text(lang, Msg::ReportComplianceMonths));
    for m in &f.months {
        out.push('\n');
        out.push_str(&share(m));
    }
    if !f.quarters.is_empty() {
        out.push_str("\n\n");
        out.push_str(&text(lang, Msg::ReportComplianceQuarters));
        for q in &f.quarters {
            out.push('\n');
            out.push_str(&share(q));
        }
    }
    out.push_str("\n\n");
    let measure = [("measure", f.measure.clone())];
    out.push_str(&text_with(lang, Msg::ReportComplianceUnits, &measure));
    for line in lowest_lines(lang, &f.units, MAX_BARS) {
        out.push('\n');
        out.push_str(&line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(path: &str, employees: i64, month: i64, quarter: i64) -> UnitFigures {
        UnitFigures {
            unit: UnitPath::parse(path).unwrap(),
            employees,
            with_dialog_month: month,
            with_dialog_quarter: quarter,
            missing: Vec::new(),
        }
    }

    fn m(year: i32, month: u32) -> Month {
        Month { year, month }
    }

    #[test]
    fn a_quarter_in_progress_counts_to_its_last_begun_month() {
        let q = Period::parse("2027-q1").unwrap();
        let per_month = vec![
            (
                m(2027, 1),
                vec![unit("A", 10, 4, 4), unit("A > B", 5, 0, 0)],
            ),
            (
                m(2027, 2),
                vec![unit("A", 10, 3, 6), unit("A > B", 5, 5, 5)],
            ),
        ];
        let f = Figures::new(Lang::En, q, &per_month);
        assert_eq!(
            f.months,
            [
                ("January 2027".to_owned(), 4, 15),
                ("February 2027".to_owned(), 8, 15)
            ]
        );
        assert_eq!(
            f.quarters,
            [("Q1 2027 (to February 2027)".to_owned(), 11, 15)]
        );
        assert_eq!(
            f.measure,
            "employees with a dialog in Q1 2027 (to February 2027)"
        );
        let a = UnitPath::parse("A").unwrap();
        let b = UnitPath::parse("A > B").unwrap();
        assert_eq!(f.units, [(a, 6, 10), (b, 5, 5)]);
    }

    #[test]
    fn a_year_adds_its_quarters_up_per_unit_and_a_month_measures_itself() {
        let y = Period::parse("2026").unwrap();
        let mut per_month = Vec::new();
        for month in 1..=12 {
            // Quarter figures grow within each quarter; the last month of each is what counts.
            let q = i64::from((month - 1) % 3 + 1);
            per_month.push((m(2026, month), vec![unit("A", 10, 1, q * 3)]));
        }
        let f = Figures::new(Lang::Id, y, &per_month);
        assert_eq!(f.months.len(), 12);
        assert_eq!(f.quarters.len(), 4);
        assert_eq!(f.quarters[3], ("Triwulan IV 2026".to_owned(), 9, 10));
        assert_eq!(f.units, [(UnitPath::parse("A").unwrap(), 36, 40)]);
        assert!(f.measure.contains("4 triwulan"), "{}", f.measure);

        let month = Period::parse("2026-11").unwrap();
        let per_month = vec![(m(2026, 11), vec![unit("A", 10, 2, 7)])];
        let f = Figures::new(Lang::Id, month, &per_month);
        assert!(f.quarters.is_empty());
        assert_eq!(f.units, [(UnitPath::parse("A").unwrap(), 2, 10)]);
        assert_eq!(f.measure, "pegawai dengan dialog pada November 2026");
        let html = render(Lang::Id, &Scope::Organisation, month, &f);
        assert!(html.contains("November 2026: 2 dari 10 (20%)"), "{html}");
        assert!(html.contains("• A: 2/10 (20%)"), "{html}");
    }
}
