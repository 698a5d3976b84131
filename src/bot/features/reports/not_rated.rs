//! Who in the presser's scope has no evaluation for a defined period yet: a count per unit and
//! the names with their supervisor, in messages within Telegram's limit; a list too long to
//! read in chat comes as a CSV file instead, with the counts per unit in the message.

use std::collections::BTreeMap;

use super::{more_units, scope_name};
use crate::bot::context::{Ctx, HandlerError};
use crate::charts::MAX_BARS;
use crate::domain::Lang;
use crate::domain::authz::Scope;
use crate::domain::formatting::escape_html;
use crate::domain::org::UnitPath;
use crate::domain::period::Period;
use crate::export::{self, Format};
use crate::i18n::{Msg, text, text_with};
use crate::scheduler::feedback::period_name;
use crate::storage::evaluations::{self, NotRated};
use crate::storage::periods;

/// Names listed in chat at most; a longer list goes into a file (a few messages, not dozens).
pub const NAMES_IN_CHAT: usize = 150;

/// The file's columns.
pub const FILE_HEADER: &[&str] = &["nip", "nama", "unit", "atasan"];

pub async fn show(ctx: &Ctx<'_>, scope: &Scope, period: Period) -> Result<(), HandlerError> {
    let lang = ctx.lang;
    let db = &ctx.deps.db;
    let name = period_name(lang, period);
    if periods::get(db, period).await?.is_none() {
        let args = [("period", name)];
        ctx.send(text_with(lang, Msg::ReportPeriodUndefined, &args), None)
            .await?;
        return Ok(());
    }
    let people = evaluations::not_rated(db, period, scope).await?;
    if people.is_empty() {
        let args = [("period", name)];
        ctx.send(text_with(lang, Msg::ReportNotRatedNone, &args), None)
            .await?;
        return Ok(());
    }
    let units = by_unit(&people);
    let long = people.len() > NAMES_IN_CHAT;
    ctx.send_html_long(&render(lang, scope, period, &units, people.len(), long))
        .await?;
    if !long {
        return Ok(());
    }
    let rows: Vec<Vec<String>> = units
        .values()
        .flatten()
        .map(|p| {
            vec![
                p.nip.clone(),
                p.name.clone(),
                p.unit.clone(),
                p.supervisor_name.clone(),
            ]
        })
        .collect();
    let count = rows.len();
    let (bytes, _) = export::table_off_runtime(Format::Csv, FILE_HEADER, rows)
        .await
        .map_err(HandlerError::Export)?;
    let args = [("period", name), ("count", count.to_string())];
    let caption = text_with(lang, Msg::ReportNotRatedFileCaption, &args);
    let file = format!("belum-dinilai-{}.csv", period.code());
    ctx.deps
        .telegram
        .send_document(ctx.chat_id, file, bytes, caption)
        .await?;
    tracing::info!(rows = count, "not-rated list sent as a file");
    Ok(())
}

/// The people per unit in the tree's order (Rust's order of the path's parts, the same on
/// both backends), each unit's by name as the storage gives them.
fn by_unit(people: &[NotRated]) -> BTreeMap<(Option<UnitPath>, String), Vec<&NotRated>> {
    let mut units: BTreeMap<(Option<UnitPath>, String), Vec<&NotRated>> = BTreeMap::new();
    for p in people {
        units
            .entry((UnitPath::parse(&p.unit), p.unit.clone()))
            .or_default()
            .push(p);
    }
    units
}

fn render(
    lang: Lang,
    scope: &Scope,
    period: Period,
    units: &BTreeMap<(Option<UnitPath>, String), Vec<&NotRated>>,
    count: usize,
    long: bool,
) -> String {
    let mut out = text_with(
        lang,
        Msg::ReportNotRatedHeader,
        &[
            ("period", period_name(lang, period)),
            ("scope", escape_html(&scope_name(lang, scope))),
            ("count", count.to_string()),
        ],
    );
    if long {
        out.push_str("\n\n");
        out.push_str(&text(lang, Msg::ReportNotRatedLong));
        let mut counts: Vec<(&str, usize)> = units
            .iter()
            .map(|((_, unit), people)| (unit.as_str(), people.len()))
            .collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        for (unit, n) in counts.iter().take(MAX_BARS) {
            out.push('\n');
            out.push_str(&text_with(
                lang,
                Msg::ReportNotRatedCount,
                &[("unit", escape_html(unit)), ("count", n.to_string())],
            ));
        }
        if let Some(more) = more_units(lang, counts.len(), MAX_BARS) {
            out.push('\n');
            out.push_str(&more);
        }
        return out;
    }
    for ((_, unit), people) in units {
        out.push_str("\n\n");
        out.push_str(&text_with(
            lang,
            Msg::ReportNotRatedUnit,
            &[
                ("unit", escape_html(unit)),
                ("count", people.len().to_string()),
            ],
        ));
        for p in people {
            out.push('\n');
            out.push_str(&text_with(
                lang,
                Msg::ReportNotRatedPerson,
                &[
                    ("name", escape_html(&p.name)),
                    ("supervisor", escape_html(&p.supervisor_name)),
                ],
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, unit: &str) -> NotRated {
        NotRated {
            nip: "199001012015031001".into(),
            name: name.into(),
            unit: unit.into(),
            supervisor_name: "Siti <Kepala>".into(),
        }
    }

    #[test]
    fn names_come_per_unit_in_tree_order_and_a_long_list_only_counts() {
        let people = vec![
            person("Budi", "A > B"),
            person("Ani", "A"),
            person("Cici", "A > B"),
        ];
        let units = by_unit(&people);
        let p = Period::parse("2027-q1").unwrap();
        let short = render(Lang::En, &Scope::Organisation, p, &units, 3, false);
        assert!(
            short.ends_with(
                "<b>A</b> (1)\n• Ani — supervisor: Siti &lt;Kepala&gt;\n\n\
                 <b>A &gt; B</b> (2)\n• Budi — supervisor: Siti &lt;Kepala&gt;\n\
                 • Cici — supervisor: Siti &lt;Kepala&gt;"
            ),
            "{short}"
        );
        assert!(
            short.contains("3 active employees have no predikat"),
            "{short}"
        );
        let long = render(Lang::Id, &Scope::Organisation, p, &units, 3, true);
        assert!(long.ends_with("• A &gt; B: 2\n• A: 1"), "{long}");
        assert!(!long.contains("Budi"), "{long}");
    }
}
