//! `/dialog`: the monthly dialog kinerja. Supervisors record dialogs (from a reminder's button,
//! a request or the command), employees acknowledge them, ask for one and see their own, the
//! coached give feedback to the next level up, and HR sees compliance. Reminders are queued by
//! the scheduler (`scheduler::dialogs`).

pub mod ack;
mod buttons;
pub mod coaching;
pub mod compliance;
pub mod history;
pub mod menu;
mod questions;
pub mod record;
mod states;
pub mod view;

pub use buttons::Button;
pub use states::{Draft, State, Step};

use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;

impl Button {
    /// Buttons that stand alone (they carry what they act on, authorized again on arrival);
    /// the others belong to the recording prompt the chat is answering.
    pub fn stands_alone(&self) -> bool {
        matches!(
            self,
            Self::Record(_)
                | Self::Confirm(..)
                | Self::Comment(..)
                | Self::Correct(_)
                | Self::FollowUpDone(_)
                | Self::Coaching(..)
                | Self::History(_)
                | Self::FindHistory
                | Self::Request
                | Self::Mine
                | Self::Start
                | Self::Compliance
                | Self::ComplianceFile(_)
        )
    }
}

/// A button that stands alone.
pub async fn pressed(ctx: &Ctx<'_>, cb: &Callback, button: Button) -> Result<(), HandlerError> {
    match button {
        Button::Record(who) => record::start_with(ctx, cb, who).await,
        Button::Start => record::start(ctx, Some(cb)).await,
        Button::Confirm(id, rev) => ack::confirm(ctx, cb, id, rev).await,
        Button::Comment(id, rev) => ack::comment(ctx, cb, id, rev).await,
        Button::Correct(id) => record::correct(ctx, cb, id).await,
        Button::FollowUpDone(id) => coaching::follow_up_done(ctx, cb, id).await,
        Button::Coaching(id, statement, agreement) => {
            coaching::answered(ctx, cb, id, statement, agreement).await
        }
        Button::History(who) => history::of_employee(ctx, cb, who).await,
        Button::Mine => history::mine(ctx, cb).await,
        Button::FindHistory => history::ask_nip(ctx, cb).await,
        Button::Request => menu::request(ctx, cb).await,
        Button::Compliance => compliance::show(ctx, cb).await,
        Button::ComplianceFile(format) => compliance::file(ctx, cb, format).await,
        _ => crate::bot::fallback::stale_button(ctx, cb).await,
    }
}

/// Text typed while a dialog conversation is open.
pub async fn typed(ctx: &Ctx<'_>, text: &str, state: State) -> Result<(), HandlerError> {
    match state {
        State::RecordingDialog {
            draft,
            prompt_message_id,
        } => record::typed(ctx, text, *draft, prompt_message_id).await,
        State::CommentingDialog {
            dialog_id,
            revision,
            prompt_message_id: _,
        } => ack::comment_typed(ctx, text, dialog_id, revision).await,
        State::FindingHistory { .. } => history::nip_typed(ctx, text).await,
    }
}
