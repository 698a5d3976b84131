//! `/broadcast` for HR: write the text, choose the audience, see the count and the message
//! exactly as it will arrive, confirm. Then progress shows live on the confirmation message,
//! which can stop the broadcast, and the report offers the list of who was not reached.

mod buttons;
pub mod compose;
pub mod progress;
mod states;

pub use buttons::Button;
pub use states::{ShownAudience, State};
