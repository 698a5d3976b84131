//! The recording's questions: the text and buttons of each step, from the draft so far.

use teloxide::types::InlineKeyboardMarkup;

use super::view::{self, button};
use super::{Button, Draft, Step};
use crate::bot::context::{Ctx, HandlerError};
use crate::domain::calendar::local_date;
use crate::domain::dialog::{self, FollowUpKind, Kind, Mode};
use crate::i18n::{Msg, text, text_with};
use crate::storage::dialogs::{self, Content, Person};

pub type Keyboard = Option<InlineKeyboardMarkup>;

/// Subordinates shown per page while choosing who took part.
const TEAM_PAGE: usize = 20;

pub fn today(ctx: &Ctx<'_>) -> chrono::NaiveDate {
    local_date(ctx.deps.clock.now(), ctx.deps.settings.file.time_zone.tz())
}

pub async fn question(
    ctx: &Ctx<'_>,
    me: &Person,
    draft: &Draft,
) -> Result<(String, Keyboard), HandlerError> {
    let lang = ctx.lang;
    let t = |m: Msg| text(lang, m);
    let row = |items: Vec<(String, Button)>| {
        items
            .into_iter()
            .map(|(label, b)| button(label, b))
            .collect::<Vec<_>>()
    };
    let one_per_row = |items: Vec<(String, Button)>| {
        InlineKeyboardMarkup::new(items.into_iter().map(|(l, b)| vec![button(l, b)]))
    };
    Ok(match draft.step {
        Step::Subordinates => {
            let today = today(ctx);
            let team = dialogs::subordinates(&ctx.deps.db, &me.nip, today, today).await?;
            // Telegram takes 100 buttons a message; a large team is paged.
            let pages = team.len().div_ceil(TEAM_PAGE).max(1);
            let page = draft.page.min(pages - 1);
            let items: Vec<(String, Button)> = team
                .into_iter()
                .skip(page * TEAM_PAGE)
                .take(TEAM_PAGE)
                .map(|(p, _)| {
                    let mark = if draft.employees.contains(&p.r#ref) {
                        "✅ "
                    } else {
                        ""
                    };
                    (format!("{mark}{}", p.name), Button::Toggle(p.r#ref))
                })
                .collect();
            let mut rows: Vec<Vec<_>> =
                items.into_iter().map(|(l, b)| vec![button(l, b)]).collect();
            let mut nav = Vec::new();
            if page > 0 {
                nav.push(button(
                    t(Msg::PagePrevious),
                    Button::SubordinatesPage(page - 1),
                ));
            }
            if page + 1 < pages {
                nav.push(button(t(Msg::PageNext), Button::SubordinatesPage(page + 1)));
            }
            if !nav.is_empty() {
                rows.push(nav);
            }
            rows.push(vec![button(t(Msg::DialogNextButton), Button::Chosen)]);
            let mut q = t(Msg::DialogAskSubordinates);
            if pages > 1 {
                let args = [
                    ("page", (page + 1).to_string()),
                    ("pages", pages.to_string()),
                ];
                q = format!("{q}\n{}", text_with(lang, Msg::PageOf, &args));
            }
            (q, Some(InlineKeyboardMarkup::new(rows)))
        }
        Step::Kind => {
            let names = draft.names.join(", ");
            let items = Kind::ALL
                .iter()
                .map(|k| (t(view::kind(*k)), Button::Kind(*k)))
                .collect();
            let q = text_with(lang, Msg::DialogAskKind, &[("names", names)]);
            (q, Some(one_per_row(items)))
        }
        Step::Mode => {
            let items = Mode::ALL
                .iter()
                .map(|m| (t(view::mode(*m)), Button::Mode(*m)))
                .collect();
            let keyboard = InlineKeyboardMarkup::new(vec![row(items)]);
            (t(Msg::DialogAskMode), Some(keyboard))
        }
        Step::Date => {
            let items = vec![
                (t(Msg::DialogTodayButton), Button::Today),
                (t(Msg::DialogYesterdayButton), Button::Yesterday),
            ];
            let keyboard = InlineKeyboardMarkup::new(vec![row(items)]);
            (t(Msg::DialogAskDate), Some(keyboard))
        }
        Step::Point(i) => {
            let points = draft.kind.map(|k| k.points()).unwrap_or(&[]);
            let Some(point) = points.get(i) else {
                return Ok((t(Msg::StaleButton), None));
            };
            let args = [
                ("point", t(view::point(*point))),
                ("n", (i + 1).to_string()),
                ("total", points.len().to_string()),
                ("max", dialog::MAX_POINT_CHARS.to_string()),
            ];
            if point.optional() {
                let q = text_with(lang, Msg::DialogAskPointOptional, &args);
                let skip = vec![(t(Msg::DialogSkipButton), Button::Skip)];
                (q, Some(InlineKeyboardMarkup::new(vec![row(skip)])))
            } else {
                (text_with(lang, Msg::DialogAskPoint, &args), None)
            }
        }
        Step::FollowUp => {
            let mut items = vec![(t(Msg::DialogFollowUpNone), Button::NoFollowUp)];
            items.extend(
                FollowUpKind::ALL
                    .iter()
                    .map(|f| (t(view::follow_up(*f)), Button::FollowUp(*f))),
            );
            (t(Msg::DialogAskFollowUp), Some(one_per_row(items)))
        }
        Step::Giver => {
            let f = draft.follow_up.unwrap_or(FollowUpKind::Mentoring);
            let items = f
                .givers()
                .iter()
                .map(|g| (t(view::giver(*g)), Button::Giver(*g)))
                .collect();
            let q = text_with(
                lang,
                Msg::DialogAskGiver,
                &[("followup", t(view::follow_up(f)))],
            );
            (q, Some(one_per_row(items)))
        }
        Step::NextDate => {
            let skip = vec![(t(Msg::DialogSkipButton), Button::Skip)];
            let keyboard = InlineKeyboardMarkup::new(vec![row(skip)]);
            (t(Msg::DialogAskNextDate), Some(keyboard))
        }
        Step::Summary => {
            let Some(content) = content(draft) else {
                return Ok((t(Msg::StaleButton), None));
            };
            let names = draft.names.join(", ");
            let body = view::record(lang, &content, &names, &me.name);
            let q = text_with(lang, Msg::DialogSummary, &[("record", body)]);
            let items = vec![
                (t(Msg::DialogSaveButton), Button::Save),
                (t(Msg::DialogDiscardButton), Button::Discard),
            ];
            (q, Some(InlineKeyboardMarkup::new(vec![row(items)])))
        }
    })
}

pub fn content(draft: &Draft) -> Option<Content> {
    Some(Content {
        kind: draft.kind?,
        mode: draft.mode?,
        held_on: draft.held_on?,
        points: draft.points.clone(),
        follow_up: draft.follow_up,
        follow_up_by: draft.follow_up_by,
        next_on: draft.next_on,
    })
}
