//! The predikat distribution of a defined period over the presser's scope and per unit in it
//! (each unit with everyone below it), weighed against the organisation's predikat when one is
//! recorded (SE MenPANRB 3/2023: a consideration, never a block), naming the units outside the
//! pattern; with a chart of the scope's shares against the allowed ranges.

use super::{capitalized, more_units, scope_name, send_chart};
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::widgets::predikat_names;
use crate::charts::{self, DistributionChart, MAX_BARS, PredikatBar};
use crate::domain::Lang;
use crate::domain::authz::Scope;
use crate::domain::formatting::escape_html;
use crate::domain::period::Period;
use crate::domain::predikat::{Distribution, OrgPredikat, Predikat, allowed_range};
use crate::i18n::{Msg, text, text_with};
use crate::scheduler::feedback::period_name;
use crate::storage::evaluations::{self, UnitDistribution};
use crate::storage::periods;

pub async fn show(ctx: &Ctx<'_>, scope: &Scope, period: Period) -> Result<(), HandlerError> {
    let lang = ctx.lang;
    let db = &ctx.deps.db;
    let name = period_name(lang, period);
    let Some(row) = periods::get(db, period).await? else {
        let args = [("period", name)];
        ctx.send(text_with(lang, Msg::ReportPeriodUndefined, &args), None)
            .await?;
        return Ok(());
    };
    let (total, units) = evaluations::distribution(db, period, scope).await?;
    if total.total() == 0 {
        let args = [("period", name)];
        ctx.send(text_with(lang, Msg::ReportDistNone, &args), None)
            .await?;
        return Ok(());
    }
    let org = row.org_predikat;
    ctx.send_html_long(&render(lang, scope, period, org, &total, &units))
        .await?;
    let chart = chart(lang, scope, period, org, &total);
    let args = [("period", name), ("count", total.total().to_string())];
    let caption = text_with(lang, Msg::ReportDistCaption, &args);
    let file = format!("distribusi-predikat-{}.png", period.code());
    send_chart(ctx, &file, caption, move || charts::distribution(&chart)).await
}

/// The chart: the scope's share of each predikat, the range the organisation's predikat
/// allows it behind the bar.
pub fn chart(
    lang: Lang,
    scope: &Scope,
    period: Period,
    org: Option<OrgPredikat>,
    d: &Distribution,
) -> DistributionChart {
    let subtitle = match org {
        Some(o) => text_with(
            lang,
            Msg::ReportDistChartSubtitle,
            &[
                ("scope", scope_name(lang, scope)),
                ("predikat", predikat_names::org_predikat(lang, o)),
            ],
        ),
        None => text_with(
            lang,
            Msg::ReportDistChartSubtitleNone,
            &[("scope", scope_name(lang, scope))],
        ),
    };
    DistributionChart {
        title: text_with(
            lang,
            Msg::ReportDistChartTitle,
            &[("period", period_name(lang, period))],
        ),
        subtitle: capitalized(&subtitle),
        bars: Predikat::ALL
            .iter()
            .map(|p| PredikatBar {
                label: predikat_names::predikat(lang, *p),
                count: d.count(*p),
                allowed: org.map(|o| allowed_range(o, *p)),
            })
            .collect(),
        legend_allowed: text(lang, Msg::ReportDistLegendAllowed),
        legend_within: text(lang, Msg::ReportDistLegendWithin),
        legend_outside: text(lang, Msg::ReportDistLegendOutside),
    }
}

fn render(
    lang: Lang,
    scope: &Scope,
    period: Period,
    org: Option<OrgPredikat>,
    total: &Distribution,
    units: &[UnitDistribution],
) -> String {
    let mut out = text_with(
        lang,
        Msg::ReportDistHeader,
        &[
            ("period", period_name(lang, period)),
            ("scope", escape_html(&scope_name(lang, scope))),
        ],
    );
    out.push('\n');
    match org {
        Some(o) => out.push_str(&text_with(
            lang,
            Msg::ReportDistOrg,
            &[(
                "predikat",
                escape_html(&predikat_names::org_predikat(lang, o)),
            )],
        )),
        None => out.push_str(&text(lang, Msg::ReportDistOrgNone)),
    }
    out.push_str("\n\n");
    let count = [("count", total.total().to_string())];
    out.push_str(&text_with(lang, Msg::ReportDistTotal, &count));
    for p in Predikat::ALL {
        out.push('\n');
        out.push_str(&predikat_line(lang, total, *p, org));
    }
    let Some(org) = org else {
        return out;
    };
    out.push('\n');
    out.push_str(&breaches(lang, total, org).map_or_else(
        || text(lang, Msg::ReportDistFits),
        |b| format!("{}\n{b}", text(lang, Msg::ReportDistBreaches)),
    ));
    out.push_str("\n\n");
    let outside: Vec<&UnitDistribution> = units
        .iter()
        .filter(|u| !u.distribution.breaches(org).is_empty())
        .collect();
    let all = [("total", units.len().to_string())];
    if outside.is_empty() {
        out.push_str(&text_with(lang, Msg::ReportDistUnitsFit, &all));
    } else {
        let args = [("count", outside.len().to_string()), all[0].clone()];
        out.push_str(&text_with(lang, Msg::ReportDistUnitsOutside, &args));
        for u in outside.iter().take(MAX_BARS) {
            let d = &u.distribution;
            let said: Vec<String> = d
                .breaches(org)
                .iter()
                .map(|r| predikat_names::breach(lang, d, r))
                .collect();
            out.push('\n');
            out.push_str(&text_with(
                lang,
                Msg::ReportDistUnitLine,
                &[
                    ("unit", escape_html(&u.unit.key())),
                    ("count", d.total().to_string()),
                    ("breaches", escape_html(&said.join(" "))),
                ],
            ));
        }
        if let Some(more) = more_units(lang, outside.len(), MAX_BARS) {
            out.push('\n');
            out.push_str(&more);
        }
    }
    out.push_str("\n\n");
    out.push_str(&text(lang, Msg::ReportDistNote));
    out
}

/// The broken rules of the whole scope, a line each; `None` when it fits the pattern.
fn breaches(lang: Lang, d: &Distribution, org: OrgPredikat) -> Option<String> {
    let broken = d.breaches(org);
    (!broken.is_empty()).then(|| {
        broken
            .iter()
            .map(|r| format!("• {}", escape_html(&predikat_names::breach(lang, d, r))))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

fn predikat_line(lang: Lang, d: &Distribution, p: Predikat, org: Option<OrgPredikat>) -> String {
    let mut args = vec![
        ("predikat", escape_html(&predikat_names::predikat(lang, p))),
        ("count", d.count(p).to_string()),
        ("percent", d.percent(&[p]).to_string()),
    ];
    let range = org.map(|o| allowed_range(o, p)).filter(|r| *r != (0, 100));
    let Some((lo, hi)) = range else {
        return text_with(lang, Msg::ReportDistLine, &args);
    };
    let kind = match (lo, hi) {
        (0, _) => "max",
        (_, 100) => "min",
        _ => "between",
    };
    args.extend([
        ("kind", kind.to_owned()),
        ("lo", lo.to_string()),
        ("hi", hi.to_string()),
    ]);
    text_with(lang, Msg::ReportDistRange, &args)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::org::UnitPath;

    fn dist(counts: [u64; 5]) -> Distribution {
        Distribution { counts }
    }

    #[test]
    fn the_scope_and_the_units_outside_the_pattern_are_named() {
        let total = dist([1, 8, 1, 0, 0]);
        let units = vec![
            UnitDistribution {
                unit: UnitPath::parse("Dinas").unwrap(),
                distribution: total,
            },
            UnitDistribution {
                unit: UnitPath::parse("Dinas > Bidang A").unwrap(),
                distribution: dist([1, 2, 1, 0, 0]),
            },
        ];
        let org = Some(OrgPredikat::Baik);
        let text = render(
            Lang::En,
            &Scope::Organisation,
            Period::parse("2027-q1").unwrap(),
            org,
            &total,
            &units,
        );
        assert!(
            text.contains("Baik (good): 8 (80%) — allowed at most 70%"),
            "{text}"
        );
        assert!(
            text.contains("Sangat Baik (very good): 1 (10%)\n"),
            "{text}"
        );
        assert!(text.contains("Does not fit the pattern"), "{text}");
        assert!(text.contains("(1 of 2 units with ratings)"), "{text}");
        assert!(text.contains("• Dinas (10 rated): "), "{text}");
        assert!(!text.contains("Bidang A"), "{text}");

        let none = render(
            Lang::Id,
            &Scope::Organisation,
            Period::parse("2027-q1").unwrap(),
            None,
            &total,
            &units,
        );
        assert!(none.contains("Predikat organisasi belum dicatat"), "{none}");
        assert!(none.contains("Baik: 8 (80%)"), "{none}");
        assert!(!none.contains("— boleh"), "{none}");
        let c = chart(
            Lang::Id,
            &Scope::Organisation,
            Period::parse("2027-q1").unwrap(),
            org,
            &total,
        );
        assert_eq!(c.bars[1].allowed, Some((0, 70)));
        assert_eq!(c.bars[1].count, 8);
    }
}
