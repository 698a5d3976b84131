//! `/feedback`: what this person can do with 360 feedback, as buttons: rate colleagues while a
//! round is open, their own results, open notes, and for supervisors and HR what is theirs.

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use super::Button;
use super::prompt::callback;
use crate::bot::CallbackData;
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::features::{feedback_results, notes};
use crate::domain::authz::Denied;
use crate::domain::org::Role;
use crate::i18n::{Msg, text_with};
use crate::storage::{feedback_answers, org};

fn other(label: String, data: impl Into<CallbackData>) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(label, data.into().encode())
}

pub async fn show(ctx: &Ctx<'_>) -> Result<(), HandlerError> {
    let Some(actor) = ctx.actor().await? else {
        return ctx.refuse(Denied::NotLinked).await;
    };
    let db = &ctx.deps.db;
    let todo = feedback_answers::todo(db, actor.nip.as_str(), ctx.today()).await?;
    let open = todo.iter().filter(|t| !t.complete).count();
    let mut rows = Vec::new();
    if !todo.is_empty() {
        let label = text_with(
            ctx.lang,
            Msg::FeedbackRateButton,
            &[("count", open.to_string())],
        );
        rows.push(vec![callback(label, Button::List)]);
    }
    rows.push(vec![other(
        ctx.text(Msg::FeedbackResultsMine),
        feedback_results::Button::Mine,
    )]);
    rows.push(vec![
        other(ctx.text(Msg::NotesNew), notes::Button::New),
        other(ctx.text(Msg::NotesReceivedButton), notes::Button::Received),
    ]);
    rows.push(vec![other(
        ctx.text(Msg::NotesMyExpectationsButton),
        notes::Button::MyExpectations,
    )]);
    if !org::subordinates(db, &actor.nip).await?.is_empty() {
        rows.push(vec![
            other(
                ctx.text(Msg::FeedbackResultsTeamButton),
                feedback_results::Button::Team,
            ),
            other(
                ctx.text(Msg::NotesExpectationsButton),
                notes::Button::Expectations,
            ),
        ]);
    }
    if matches!(actor.role, Role::HrUnit | Role::HrOrg | Role::Admin) {
        rows.push(vec![callback(
            ctx.text(Msg::FeedbackRoundsButton),
            Button::Rounds,
        )]);
    }
    let body = if todo.is_empty() {
        ctx.text(Msg::FeedbackMenu)
    } else {
        text_with(
            ctx.lang,
            Msg::FeedbackMenuOpen,
            &[("count", open.to_string())],
        )
    };
    ctx.send(body, Some(InlineKeyboardMarkup::new(rows)))
        .await?;
    Ok(())
}
