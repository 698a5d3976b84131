//! HR's reports per period (`/report`): pick a period, then a report for the presser's scope
//! (organisation HR everything, a unit's HR their unit's subtree): dialog compliance, 360
//! response rates, BerAKHLAK results per value (under the anonymity rule, as HR's 360
//! aggregates), the predikat distribution against the organisation's predikat, and who is not
//! yet rated. Each is a short message and, where a picture reads faster, a PNG chart drawn off
//! the async runtime (`crate::charts`).
//!
//! Every button stands alone: it carries a period's code only, and the presser is authorized
//! again on each press.

mod buttons;
mod compliance;
mod distribution;
mod menu;
mod not_rated;
mod rates;
mod results;

pub use buttons::{Button, Report};
pub use results::{ValueSums, values_chart};

use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;
use crate::charts::{self, ChartError, Png, UnitShare};
use crate::domain::Lang;
use crate::domain::authz::{Action, Denied, Scope, authorize, scope_target};
use crate::domain::formatting::escape_html;
use crate::domain::org::UnitPath;
use crate::i18n::{Msg, text_with};

/// `/report`: HR picks a period; anyone else is refused.
pub async fn command(ctx: &Ctx<'_>) -> Result<(), HandlerError> {
    let actor = ctx.actor().await?;
    let target = scope_target(actor.as_ref(), None);
    if let Err(d) = authorize(actor.as_ref(), Action::ViewUnitStats, &target) {
        return ctx.refuse(d).await;
    }
    menu::periods(ctx).await
}

/// Every `rp:` press, authorized against the presser.
pub async fn pressed(ctx: &Ctx<'_>, cb: &Callback, button: Button) -> Result<(), HandlerError> {
    let actor = ctx.actor().await?;
    let target = scope_target(actor.as_ref(), None);
    if let Err(d) = authorize(actor.as_ref(), Action::ViewUnitStats, &target) {
        ctx.refuse_callback(cb, d).await?;
        return Ok(());
    }
    let Some(actor) = actor else {
        ctx.refuse_callback(cb, Denied::NotLinked).await?;
        return Ok(());
    };
    // Answered before the work: a report over 100,000 people takes longer than a tap should.
    ctx.answer_cb(cb).await?;
    let scope = Scope::of(&actor);
    match button {
        Button::Period(period) => menu::show(ctx, &scope, period).await,
        Button::Show(report, period) => {
            tracing::debug!(?report, period = %period.code(), "report asked");
            match report {
                Report::Compliance => compliance::show(ctx, &scope, period).await,
                Report::Rates => rates::show(ctx, &scope, period).await,
                Report::Results => results::show(ctx, &scope, period).await,
                Report::Distribution => distribution::show(ctx, &scope, period).await,
                Report::NotRated => not_rated::show(ctx, &scope, period).await,
            }
        }
    }
}

/// "the whole organisation" / "Dinas X and its sub-units", plain text.
fn scope_name(lang: Lang, scope: &Scope) -> String {
    match scope.unit() {
        None => crate::i18n::text(lang, Msg::ReportScopeOrganisation),
        Some(u) => text_with(lang, Msg::ReportScopeUnit, &[("unit", u.key())]),
    }
}

/// A chart's subtitle starts with a capital, even when it starts with the scope's name.
fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Whole percent rounded down, as the domain's distribution writes shares.
fn percent(done: u64, total: u64) -> u64 {
    (done * 100).checked_div(total).unwrap_or(0)
}

/// A unit's name on a chart: its own name, or with its parent's when two units shown share
/// it (every "Sekretariat" of a large organisation).
fn chart_labels(units: &[&UnitPath]) -> Vec<String> {
    let mut seen = std::collections::HashMap::new();
    for u in units {
        *seen.entry(u.name()).or_insert(0usize) += 1;
    }
    units
        .iter()
        .map(|u| match u.parent() {
            Some(p) if seen.get(u.name()).copied().unwrap_or(0) > 1 => {
                format!("{}{}{}", p.name(), UnitPath::SEPARATOR, u.name())
            }
            _ => u.name().to_owned(),
        })
        .collect()
}

/// The lowest units as message lines (HTML), in the chart's order, and how many were left out.
fn lowest_lines(lang: Lang, units: &[(UnitPath, u64, u64)], max: usize) -> Vec<String> {
    let shares: Vec<UnitShare> = units
        .iter()
        .map(|(u, done, total)| UnitShare {
            label: u.key(),
            done: *done,
            total: *total,
        })
        .collect();
    let mut lines: Vec<String> = charts::lowest(&shares, max)
        .into_iter()
        .map(|s| {
            text_with(
                lang,
                Msg::ReportUnitLine,
                &[
                    ("unit", escape_html(&s.label)),
                    ("done", s.done.to_string()),
                    ("total", s.total.to_string()),
                    ("percent", percent(s.done, s.total).to_string()),
                ],
            )
        })
        .collect();
    lines.extend(more_units(lang, units.len(), max));
    lines
}

/// "… and 3 more units." when `units` is over `max`.
fn more_units(lang: Lang, units: usize, max: usize) -> Option<String> {
    (units > max).then(|| {
        let more = [("count", (units - max).to_string())];
        text_with(lang, Msg::ReportMoreUnits, &more)
    })
}

/// The units as a chart's bars, named for a chart.
fn unit_shares(units: &[(UnitPath, u64, u64)]) -> Vec<UnitShare> {
    let paths: Vec<&UnitPath> = units.iter().map(|(u, ..)| u).collect();
    chart_labels(&paths)
        .into_iter()
        .zip(units)
        .map(|(label, (_, done, total))| UnitShare {
            label,
            done: *done,
            total: *total,
        })
        .collect()
}

/// The note under a unit chart and the caption's second line when units were left out.
fn more_note(lang: Lang, units: usize) -> Option<String> {
    let shown = charts::bars_shown(units);
    (units > shown).then(|| {
        text_with(
            lang,
            Msg::ReportChartMore,
            &[
                ("shown", shown.to_string()),
                ("total", units.to_string()),
                ("more", (units - shown).to_string()),
            ],
        )
    })
}

/// Draws a chart on a blocking thread (a picture takes milliseconds of CPU the other chats
/// should not wait for) and sends it as a photo.
async fn send_chart<F>(
    ctx: &Ctx<'_>,
    file_name: &str,
    caption: String,
    draw: F,
) -> Result<(), HandlerError>
where
    F: FnOnce() -> Result<Png, ChartError> + Send + 'static,
{
    let png = tokio::task::spawn_blocking(draw)
        .await
        .map_err(|e| ChartError::Draw(format!("chart worker: {e}")))??;
    ctx.send_photo(file_name, png.bytes, caption).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_labels_are_short_and_tell_namesakes_apart() {
        let p = |s: &str| UnitPath::parse(s).unwrap();
        let units = [
            p("Dinas A > Sekretariat"),
            p("Dinas B > Sekretariat"),
            p("Dinas A > Bidang Umum"),
            p("Dinas A"),
        ];
        let refs: Vec<&UnitPath> = units.iter().collect();
        assert_eq!(
            chart_labels(&refs),
            [
                "Dinas A > Sekretariat",
                "Dinas B > Sekretariat",
                "Bidang Umum",
                "Dinas A"
            ]
        );
    }

    #[test]
    fn units_list_lowest_first_and_say_how_many_more() {
        let p = |s: &str| UnitPath::parse(s).unwrap();
        let units = vec![
            (p("A"), 9, 10),
            (p("A > B&C"), 1, 10),
            (p("A > C"), 0, 0),
            (p("A > D"), 5, 10),
        ];
        let lines = lowest_lines(Lang::En, &units, 2);
        assert_eq!(
            lines,
            [
                "• A &gt; C: 0/0 (0%)",
                "• A &gt; B&amp;C: 1/10 (10%)",
                "… and 2 more units."
            ]
        );
        assert_eq!(lowest_lines(Lang::Id, &units, 9).len(), 4);
        assert_eq!(percent(2, 3), 66);
        assert_eq!(percent(1, 0), 0);
    }
}
