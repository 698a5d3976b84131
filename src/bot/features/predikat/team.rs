//! A period's team list: the rater's direct subordinates, each with their predikat or "not
//! rated yet", paged, under the team's distribution as a hint.

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use super::access::period_name;
use super::{Button, button, hint};
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::widgets::predikat_names as names;
use crate::domain::authz::Actor;
use crate::domain::predikat::Distribution;
use crate::domain::{EmployeeRef, Lang};
use crate::i18n::{Msg, text, text_with};
use crate::storage::evaluations::Member;
use crate::storage::periods::PeriodRow;

/// Subordinates per page: with the page buttons, well within what a message should carry.
const PAGE: usize = 20;

/// Where the list goes: a new message, or the one whose page was turned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    New,
    Edit(i32),
}

/// The list at `page`, or at the page holding `around` when given.
pub async fn show(
    ctx: &Ctx<'_>,
    actor: &Actor,
    period: &PeriodRow,
    page: usize,
    around: Option<EmployeeRef>,
    place: Place,
) -> Result<(), HandlerError> {
    let team = super::access::team(ctx, actor, period.period).await?;
    if team.is_empty() {
        ctx.reply(Msg::PredikatNoSubordinates).await?;
        return Ok(());
    }
    let page = around
        .and_then(|who| team.iter().position(|m| m.who == who))
        .map_or(page, |i| i / PAGE);
    let (body, rows) = view(ctx.lang, period, &team, page);
    let keyboard = Some(InlineKeyboardMarkup::new(rows));
    if let Place::Edit(id) = place {
        let edit = ctx
            .deps
            .telegram
            .edit_text(ctx.chat_id, id, body.clone(), keyboard.clone());
        if edit.await.is_ok() {
            return Ok(());
        }
    }
    ctx.send(body, keyboard).await?;
    Ok(())
}

fn view(
    lang: Lang,
    period: &PeriodRow,
    team: &[Member],
    page: usize,
) -> (String, Vec<Vec<InlineKeyboardButton>>) {
    let p = period.period;
    let d = Distribution::from_predikat(team.iter().filter_map(|m| m.predikat));
    let args = [
        ("period", period_name(lang, p)),
        ("rated", d.total().to_string()),
        ("total", team.len().to_string()),
    ];
    let mut body = text_with(lang, Msg::PredikatTeamHeader, &args);
    let pages = team.len().div_ceil(PAGE).max(1);
    let page = page.min(pages - 1);
    if pages > 1 {
        let args = [
            ("page", (page + 1).to_string()),
            ("pages", pages.to_string()),
        ];
        body.push('\n');
        body.push_str(&text_with(lang, Msg::PageOf, &args));
    }
    if d.total() > 0 {
        body.push_str("\n\n");
        let org = period.org_predikat;
        body.push_str(&hint::distribution(
            lang,
            Msg::PredikatDistribution,
            &d,
            org,
        ));
    }
    let mut rows: Vec<Vec<InlineKeyboardButton>> = team
        .iter()
        .skip(page * PAGE)
        .take(PAGE)
        .map(|m| {
            let state = match m.predikat {
                Some(pr) => names::predikat(lang, pr),
                None => text(lang, Msg::PredikatNotRated),
            };
            let args = [("name", m.name.clone()), ("predikat", state)];
            let label = text_with(lang, Msg::PredikatMemberButton, &args);
            vec![button(label, Button::Subordinate(p, m.who))]
        })
        .collect();
    let mut nav = Vec::new();
    if page > 0 {
        nav.push(button(
            text(lang, Msg::PagePrevious),
            Button::TeamPage(p, page - 1),
        ));
    }
    if page + 1 < pages {
        nav.push(button(
            text(lang, Msg::PageNext),
            Button::TeamPage(p, page + 1),
        ));
    }
    if !nav.is_empty() {
        rows.push(nav);
    }
    (body, rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::org::UnitId;
    use crate::domain::period::{Period, PeriodState};
    use crate::domain::predikat::Predikat;

    fn member(i: i64, predikat: Option<Predikat>) -> Member {
        Member {
            nip: format!("{i:018}"),
            who: EmployeeRef(i),
            name: format!("Pegawai {i:02}"),
            unit_id: UnitId(1),
            is_head: false,
            predikat,
        }
    }

    #[test]
    fn a_large_team_is_paged_within_telegrams_button_limits() {
        let row = PeriodRow {
            period: Period::parse("2027-q1").unwrap(),
            state: PeriodState::Open,
            org_predikat: None,
        };
        let team: Vec<Member> = (1..=45)
            .map(|i| member(i, (i % 3 == 0).then_some(Predikat::Baik)))
            .collect();
        let (body, rows) = view(Lang::Id, &row, &team, 1);
        let buttons: usize = rows.iter().map(Vec::len).sum();
        assert!(buttons <= 30, "{buttons} buttons");
        assert_eq!(rows.len(), PAGE + 1);
        assert!(body.contains("Sudah dinilai: 15 dari 45."), "{body}");
        assert!(body.contains("(halaman 2 dari 3)"), "{body}");
        assert_eq!(rows[0][0].text, "Pegawai 21 — Baik");
        assert_eq!(rows[1][0].text, "Pegawai 22 — belum dinilai");
        // Past the last page: the last page.
        let (_, last) = view(Lang::Id, &row, &team, 99);
        assert_eq!(last.len(), 5 + 1);
    }
}
