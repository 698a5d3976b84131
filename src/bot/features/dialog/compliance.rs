//! HR's dialog compliance per unit in scope: this month, this quarter, and who had none this
//! quarter; the coached employees' feedback in aggregate; and the same figures per employee
//! as CSV or XLSX.
//!
//! Month and quarter are those of today in the organisation's zone. Unit HR sees their own
//! subtree, organisation HR everything: `authz::Scope`, applied in the SQL.

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use super::Button;
use super::history::window_start;
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;
use crate::domain::Lang;
use crate::domain::authz::{Action, Actor, Scope, authorize, scope_target};
use crate::domain::calendar::{Month, local_date};
use crate::domain::formatting::escape_html;
use crate::export::{self, Format};
use crate::i18n::{Msg, text, text_with};
use crate::storage::dialog_reports::{
    self, EmployeeFigures, FILE_HEADER, Period, StatementFigures, UnitFigures,
};

/// Names of those without a dialog shown per unit; the file has everyone.
const NAMES_PER_UNIT: i64 = 20;
/// Units shown in chat, in tree order; the totals and the file cover all of them.
const MAX_UNITS: usize = 40;

pub async fn show(ctx: &Ctx<'_>, cb: &Callback) -> Result<(), HandlerError> {
    let Some(actor) = hr(ctx, cb).await? else {
        return Ok(());
    };
    ctx.answer_cb(cb).await?;
    let scope = Scope::of(&actor);
    let period = current_period(ctx);
    let db = &ctx.deps.db;
    let units = dialog_reports::by_unit(db, &scope, period, NAMES_PER_UNIT).await?;
    if units.is_empty() {
        ctx.reply(Msg::DialogComplianceEmpty).await?;
        return Ok(());
    }
    let today = local_date(ctx.deps.clock.now(), ctx.deps.settings.file.time_zone.tz());
    let viewer = actor.nip.as_str();
    let feedback =
        dialog_reports::coaching_feedback(db, &scope, window_start(today), viewer).await?;
    let min = ctx.deps.settings.file.thresholds.feedback_min_group_size;
    let body = render(ctx.lang, period, &units, &feedback, i64::from(min));
    ctx.send_html_long(&body).await?;
    // A separate message: the reports go as HTML, and buttons travel with plain messages.
    let keyboard = InlineKeyboardMarkup::new(vec![vec![
        InlineKeyboardButton::callback(
            ctx.text(Msg::DialogComplianceCsvButton),
            Button::ComplianceFile(Format::Csv).encode(),
        ),
        InlineKeyboardButton::callback(
            ctx.text(Msg::DialogComplianceXlsxButton),
            Button::ComplianceFile(Format::Xlsx).encode(),
        ),
    ]]);
    ctx.send(ctx.text(Msg::DialogComplianceFilePrompt), Some(keyboard))
        .await?;
    Ok(())
}

pub async fn file(ctx: &Ctx<'_>, cb: &Callback, format: Format) -> Result<(), HandlerError> {
    let Some(actor) = hr(ctx, cb).await? else {
        return Ok(());
    };
    ctx.answer_cb(cb).await?;
    let period = current_period(ctx);
    let (bytes, count) = build_file(&ctx.deps.db, &Scope::of(&actor), period, format).await?;
    if count == 0 {
        ctx.reply(Msg::DialogComplianceEmpty).await?;
        return Ok(());
    }
    let caption = text_with(
        ctx.lang,
        Msg::DialogComplianceFileCaption,
        &[
            ("month", month_name(ctx.lang, period.month)),
            ("quarter", quarter_name(period)),
            ("count", count.to_string()),
        ],
    );
    let name = format!("kepatuhan-dialog-{}.{}", period.month, format.extension());
    ctx.deps
        .telegram
        .send_document(ctx.chat_id, name, bytes, caption)
        .await?;
    tracing::info!(rows = count, "dialog compliance file sent");
    Ok(())
}

/// The compliance file for `scope`: one row per active employee, columns [`FILE_HEADER`],
/// built on a blocking thread (an XLSX of 100,000 rows takes a while). Also used by
/// `kinerja-bot export dialogs`. Returns the bytes and the number of rows.
pub async fn build_file(
    db: &crate::storage::Db,
    scope: &Scope,
    period: Period,
    format: Format,
) -> Result<(Vec<u8>, usize), HandlerError> {
    let rows: Vec<Vec<String>> = dialog_reports::by_employee(db, scope, period)
        .await?
        .iter()
        .map(EmployeeFigures::cells)
        .collect();
    let (bytes, rows) = export::table_off_runtime(format, FILE_HEADER, rows)
        .await
        .map_err(HandlerError::Export)?;
    Ok((bytes, rows.len()))
}

/// The presser, if they are HR of any kind; others are refused on the button.
async fn hr(ctx: &Ctx<'_>, cb: &Callback) -> Result<Option<Actor>, HandlerError> {
    let actor = ctx.actor().await?;
    let target = scope_target(actor.as_ref(), None);
    if let Err(d) = authorize(actor.as_ref(), Action::ViewUnitStats, &target) {
        ctx.refuse_callback(cb, d).await?;
        return Ok(None);
    }
    Ok(actor)
}

fn current_period(ctx: &Ctx<'_>) -> Period {
    let today = local_date(ctx.deps.clock.now(), ctx.deps.settings.file.time_zone.tz());
    Period {
        month: Month::of(today),
    }
}

/// "November 2026" / "November 2026".
pub fn month_name(lang: Lang, month: Month) -> String {
    text_with(
        lang,
        Msg::DialogReportMonth,
        &[
            ("month", month.month.to_string()),
            ("year", month.year.to_string()),
        ],
    )
}

/// "IV 2026", as in "Triwulan IV 2026".
pub fn quarter_name(period: Period) -> String {
    let q = period.quarter();
    format!("{} {}", q.roman(), q.year)
}

fn render(
    lang: Lang,
    period: Period,
    units: &[UnitFigures],
    feedback: &[StatementFigures],
    min_answers: i64,
) -> String {
    let mut out = text_with(
        lang,
        Msg::DialogComplianceHeader,
        &[
            ("month", month_name(lang, period.month)),
            ("quarter", quarter_name(period)),
        ],
    );
    let sum = |f: fn(&UnitFigures) -> i64| units.iter().map(f).sum::<i64>().to_string();
    out.push('\n');
    out.push_str(&text_with(
        lang,
        Msg::DialogComplianceTotal,
        &[
            ("employees", sum(|u| u.employees)),
            ("month", sum(|u| u.with_dialog_month)),
            ("quarter", sum(|u| u.with_dialog_quarter)),
            ("missing", sum(UnitFigures::missing_total)),
        ],
    ));
    for u in units.iter().take(MAX_UNITS) {
        out.push_str("\n\n");
        out.push_str(&unit_block(lang, u));
    }
    if units.len() > MAX_UNITS {
        out.push_str("\n\n");
        let more = [("count", (units.len() - MAX_UNITS).to_string())];
        out.push_str(&text_with(lang, Msg::DialogComplianceMoreUnits, &more));
    }
    out.push_str("\n\n");
    out.push_str(&text(lang, Msg::DialogComplianceCoachingHeader));
    if feedback.is_empty() {
        out.push('\n');
        out.push_str(&text(lang, Msg::DialogComplianceCoachingNone));
    }
    for f in feedback {
        out.push('\n');
        out.push_str(&statement_line(lang, f, min_answers));
    }
    out
}

fn unit_block(lang: Lang, u: &UnitFigures) -> String {
    let mut out = text_with(
        lang,
        Msg::DialogComplianceUnit,
        &[
            ("unit", escape_html(&u.unit.key())),
            ("employees", u.employees.to_string()),
            ("month", u.with_dialog_month.to_string()),
            ("quarter", u.with_dialog_quarter.to_string()),
        ],
    );
    out.push('\n');
    let missing = u.missing_total();
    if missing <= 0 {
        out.push_str(&text(lang, Msg::DialogComplianceAllHeld));
        return out;
    }
    let mut names: Vec<String> = u.missing.iter().map(|n| escape_html(n)).collect();
    let unnamed = missing - names.len() as i64;
    if unnamed > 0 {
        let more = [("count", unnamed.to_string())];
        names.push(text_with(lang, Msg::DialogComplianceMoreNames, &more));
    }
    out.push_str(&text_with(
        lang,
        Msg::DialogComplianceMissing,
        &[("count", missing.to_string()), ("names", names.join(", "))],
    ));
    out
}

/// An average only from `min_answers` answers up: with fewer, the figure would come close to
/// telling HR what one person answered.
fn statement_line(lang: Lang, f: &StatementFigures, min_answers: i64) -> String {
    // The employee's own wording, so HR reads what was asked.
    let asked = crate::i18n::text(lang, super::view::statement(f.statement));
    let statement = asked.trim_end_matches('.').to_owned();
    let answers = ("answers", f.answers.to_string());
    if f.people < min_answers {
        let min = ("min", min_answers.to_string());
        return text_with(
            lang,
            Msg::DialogComplianceCoachingTooFew,
            &[("statement", statement), answers, min],
        );
    }
    let mut average = format!("{:.1}", f.average);
    if lang == Lang::Id {
        average = average.replace('.', ",");
    }
    text_with(
        lang,
        Msg::DialogComplianceCoachingLine,
        &[("statement", statement), answers, ("average", average)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dialog::CoachingStatement;
    use crate::domain::org::UnitPath;

    fn unit(path: &str, employees: i64, month: i64, quarter: i64, names: &[&str]) -> UnitFigures {
        UnitFigures {
            unit: UnitPath::parse(path).unwrap(),
            employees,
            with_dialog_month: month,
            with_dialog_quarter: quarter,
            missing: names.iter().map(|n| n.to_string()).collect(),
        }
    }

    #[test]
    fn names_are_capped_with_how_many_more_and_escaped() {
        let u = unit("A > B&C", 30, 2, 5, &["<Budi>", "Siti"]);
        let block = unit_block(Lang::En, &u);
        assert!(
            block.starts_with("<b>A &gt; B&amp;C</b>\n30 employees"),
            "{block}"
        );
        assert!(
            block.ends_with("No dialog this quarter (25): &lt;Budi&gt;, Siti, and 23 more"),
            "{block}"
        );
        let all = unit_block(Lang::Id, &unit("A", 1, 1, 1, &[]));
        assert!(
            all.ends_with("Semua sudah berdialog triwulan ini ✅"),
            "{all}"
        );
    }

    #[test]
    fn coaching_feedback_shows_an_average_only_from_enough_answers() {
        let f = StatementFigures {
            statement: CoachingStatement::Didengar,
            answers: 4,
            people: 4,
            average: 3.4,
        };
        assert_eq!(
            statement_line(Lang::Id, &f, 3),
            "Saya didengar dan dipahami: 3,4 dari 4 (4 jawaban)"
        );
        assert_eq!(
            statement_line(Lang::En, &f, 5),
            "I was heard and understood: 4 answers (an average is shown from 5 answers)"
        );
        // Four sessions of the same two people are not enough people.
        let few = StatementFigures { people: 2, ..f };
        assert!(!statement_line(Lang::En, &few, 3).contains("3.4"));
    }

    #[test]
    fn months_and_quarters_are_named_in_each_language() {
        let period = Period {
            month: Month {
                year: 2027,
                month: 1,
            },
        };
        assert_eq!(month_name(Lang::Id, period.month), "Januari 2027");
        assert_eq!(month_name(Lang::En, period.month), "January 2027");
        assert_eq!(quarter_name(period), "I 2027");
    }
}
