//! Choosing who an announcement or a deadline is for: everyone in the HR person's scope, one
//! unit of it, supervisors or HR. Every choice is checked against the presser's scope on
//! arrival. The picker returns the chosen audience; the router hands it to the feature whose
//! draft it was.

use serde::{Deserialize, Serialize};
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::bot::codec::{parse_id, parse_page};
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;
use crate::domain::Audience;
use crate::domain::authz::{Action, Denied, authorize, scope_target};
use crate::domain::org::UnitId;
use crate::i18n::{Msg, text_with};
use crate::policy::{self, Allowed};
use crate::storage;

/// The audiences offered as buttons; a unit is then picked from a second set of buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Everyone,
    PickUnit,
    Supervisors,
    Hr,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Button {
    Choice(Choice),
    Unit(UnitId),
    /// A page of the unit buttons (0 is the first).
    UnitsPage(usize),
}

impl Button {
    pub fn encode(&self) -> String {
        match self {
            Self::Choice(choice) => format!(
                "aud:{}",
                match choice {
                    Choice::Everyone => "all",
                    Choice::PickUnit => "unit",
                    Choice::Supervisors => "sup",
                    Choice::Hr => "hr",
                }
            ),
            Self::Unit(id) => format!("audu:{id}"),
            Self::UnitsPage(page) => format!("audp:{page}"),
        }
    }

    pub fn parse(kind: &str, rest: &str) -> Option<Self> {
        match (kind, rest) {
            ("aud", "all") => Some(Self::Choice(Choice::Everyone)),
            ("aud", "unit") => Some(Self::Choice(Choice::PickUnit)),
            ("aud", "sup") => Some(Self::Choice(Choice::Supervisors)),
            ("aud", "hr") => Some(Self::Choice(Choice::Hr)),
            ("audu", _) => parse_id(rest).map(|id| Self::Unit(UnitId(id))),
            ("audp", _) => parse_page(rest).map(Self::UnitsPage),
            _ => None,
        }
    }
}

/// What an audience is being chosen for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum Draft {
    Broadcast { html: String },
    Deadline { title: String, due_at: i64 },
}

impl Draft {
    fn action(&self) -> Action {
        match self {
            Self::Broadcast { .. } => Action::Broadcast,
            Self::Deadline { .. } => Action::ManageDeadlines,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state")]
pub enum State {
    /// Audience buttons are in `prompt_message_id`.
    ChoosingAudience {
        draft: Draft,
        prompt_message_id: i32,
    },
}

impl State {
    pub fn prompt_message_id(&self) -> Option<i32> {
        match self {
            Self::ChoosingAudience {
                prompt_message_id, ..
            } => Some(*prompt_message_id),
        }
    }
}

/// Offers the audiences for `draft`.
pub async fn ask(ctx: &Ctx<'_>, draft: Draft) -> Result<(), HandlerError> {
    let button = |msg: Msg, choice: Choice| {
        vec![InlineKeyboardButton::callback(
            ctx.text(msg),
            Button::Choice(choice).encode(),
        )]
    };
    let keyboard = InlineKeyboardMarkup::new(vec![
        button(Msg::AudienceEveryone, Choice::Everyone),
        button(Msg::AudiencePickUnit, Choice::PickUnit),
        button(Msg::AudienceSupervisors, Choice::Supervisors),
        button(Msg::AudienceHr, Choice::Hr),
    ]);
    if let Some(id) = ctx
        .send(ctx.text(Msg::AudienceChoose), Some(keyboard))
        .await?
    {
        let state = State::ChoosingAudience {
            draft,
            prompt_message_id: id,
        };
        ctx.save_conversation(&state.into()).await?;
    }
    Ok(())
}

/// A press on the picker (the router has checked it is on the current prompt). `Some` once an
/// audience the presser may address is chosen: the prompt's buttons are gone and the press is
/// answered. `None` while paging through units, or when the choice was refused.
pub async fn pressed(
    ctx: &Ctx<'_>,
    cb: &Callback,
    draft: &Draft,
    button: Button,
) -> Result<Option<(Audience, Allowed)>, HandlerError> {
    let audience = match button {
        Button::Choice(Choice::Everyone) => Audience::Everyone,
        Button::Choice(Choice::Supervisors) => Audience::Supervisors,
        Button::Choice(Choice::Hr) => Audience::Hr,
        Button::Unit(id) => Audience::Unit(id),
        Button::Choice(Choice::PickUnit) => return offer_units(ctx, cb, draft, 0).await,
        Button::UnitsPage(page) => return offer_units(ctx, cb, draft, page).await,
    };
    let actor = ctx.actor().await?;
    let allowed =
        match policy::audience(&ctx.deps.db, actor.as_ref(), draft.action(), audience).await? {
            Ok(a) => a,
            Err(denied) => {
                ctx.refuse_callback(cb, denied).await?;
                return Ok(None);
            }
        };
    ctx.deps
        .telegram
        .answer_callback(&cb.query_id, None)
        .await?;
    if let Some(id) = cb.message_id {
        let _ = ctx.deps.telegram.remove_keyboard(ctx.chat_id, id).await;
    }
    Ok(Some((audience, allowed)))
}

async fn offer_units(
    ctx: &Ctx<'_>,
    cb: &Callback,
    draft: &Draft,
    page: usize,
) -> Result<Option<(Audience, Allowed)>, HandlerError> {
    let actor = ctx.actor().await?;
    let action = draft.action();
    let units: Vec<_> = storage::org::units(&ctx.deps.db)
        .await?
        .into_iter()
        .filter(|(u, _)| {
            authorize(
                actor.as_ref(),
                action,
                &scope_target(actor.as_ref(), Some(u.clone())),
            )
            .is_ok()
        })
        .collect();
    if units.is_empty() {
        ctx.refuse_callback(cb, Denied::NotAllowed).await?;
        return Ok(None);
    }
    let (rows, page, pages) = super::unit_pages::page(
        ctx,
        units,
        page,
        |id| Button::Unit(id).into(),
        |p| Button::UnitsPage(p).into(),
    );
    ctx.deps
        .telegram
        .answer_callback(&cb.query_id, None)
        .await?;
    if let Some(id) = cb.message_id {
        let keyboard = Some(InlineKeyboardMarkup::new(rows));
        let args = [
            ("page", (page + 1).to_string()),
            ("pages", pages.to_string()),
        ];
        let prompt = text_with(ctx.lang, Msg::AudienceChooseUnit, &args);
        ctx.deps
            .telegram
            .edit_text(ctx.chat_id, id, prompt, keyboard)
            .await?;
    }
    Ok(None)
}

/// How an audience is named to the person in this chat.
pub async fn label(ctx: &Ctx<'_>, audience: Audience) -> Result<String, HandlerError> {
    Ok(policy::audience_label(&ctx.deps.db, ctx.lang, audience).await?)
}
