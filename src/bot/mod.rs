//! The Telegram side: input parsed once at the edge into enums, one router, thin handlers that
//! call storage and the domain and reply from the catalogue. Must not hold business rules.

pub mod codec;
pub mod commands;
pub mod context;
pub mod conversation;
pub mod dispatch;
pub mod fallback;
pub mod features;
pub mod input;
pub mod menu;
pub mod router;
pub mod widgets;

pub use crate::telegram::{SendFailure, Telegram};
pub use codec::CallbackData;
pub use commands::Command;
pub use conversation::Conversation;
