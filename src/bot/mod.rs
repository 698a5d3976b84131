//! The Telegram side: input parsed once at the edge into enums, one router, thin handlers that
//! call storage and the domain and reply from the catalogue. Must not hold business rules.

pub mod callback;
pub mod commands;
pub mod context;
pub mod conversation;
mod handlers;
pub mod input;
pub mod menu;
pub mod polling;
pub mod router;
pub mod telegram;

pub use callback::CallbackData;
pub use commands::Command;
pub use conversation::Conversation;
pub use telegram::{SendFailure, Telegram};
