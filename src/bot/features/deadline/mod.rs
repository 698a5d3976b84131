//! `/deadline`: everyone sees the deadlines meant for them; HR creates, moves, renames and
//! cancels them within their scope. Reminders go out by themselves (see `scheduler`).

mod buttons;
pub mod create;
pub mod edit;
mod states;

pub use buttons::Button;
pub use states::{DeadlineDraft, DeadlineField, ShownScope, State};
