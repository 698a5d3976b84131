//! The domain in plain Rust: no Telegram, SQL or I/O types here, so every rule is tested
//! directly.

pub mod language;

pub use ids::{AssignmentId, ChatId, DialogId, EmployeeRef, RoundId, UserId};
pub use language::{Lang, PerLang};
pub mod anonymity;
pub mod audience;
pub mod authz;
pub mod berakhlak;
pub mod calendar;
mod coded;
pub mod deadline;
pub mod dialog;
pub mod dialog_schedule;
pub mod feedback_round;
pub mod formatting;
pub mod ids;
pub mod invite;
pub mod nip;
pub mod org;
pub mod period;
pub mod predikat;

pub use audience::Audience;
pub use nip::{Nip, NipError, NipKind};
