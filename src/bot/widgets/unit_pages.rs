//! Unit buttons a page at a time, with previous/next: an organisation can have hundreds of
//! units, and Telegram shows at most 100 buttons (far fewer read well on a phone).

use teloxide::types::InlineKeyboardButton;

use crate::bot::CallbackData;
use crate::bot::context::Ctx;
use crate::domain::org::{UnitId, UnitPath};
use crate::i18n::Msg;

/// Unit buttons per page.
pub const UNITS_PER_PAGE: usize = 30;

/// One page of buttons for `units` (sorted here), the page shown (clamped) and the page count.
/// `pick` makes a unit's button data, `turn` a page button's.
pub fn page(
    ctx: &Ctx<'_>,
    mut units: Vec<(UnitPath, UnitId)>,
    page: usize,
    pick: impl Fn(UnitId) -> CallbackData,
    turn: impl Fn(usize) -> CallbackData,
) -> (Vec<Vec<InlineKeyboardButton>>, usize, usize) {
    units.sort();
    let pages = units.len().div_ceil(UNITS_PER_PAGE).max(1);
    let page = page.min(pages - 1);
    let mut rows: Vec<Vec<InlineKeyboardButton>> = units
        .into_iter()
        .skip(page * UNITS_PER_PAGE)
        .take(UNITS_PER_PAGE)
        .map(|(u, id)| vec![InlineKeyboardButton::callback(u.key(), pick(id).encode())])
        .collect();
    let mut nav = Vec::new();
    if page > 0 {
        let label = ctx.text(Msg::PagePrevious);
        nav.push(InlineKeyboardButton::callback(
            label,
            turn(page - 1).encode(),
        ));
    }
    if page + 1 < pages {
        let label = ctx.text(Msg::PageNext);
        nav.push(InlineKeyboardButton::callback(
            label,
            turn(page + 1).encode(),
        ));
    }
    if !nav.is_empty() {
        rows.push(nav);
    }
    (rows, page, pages)
}
