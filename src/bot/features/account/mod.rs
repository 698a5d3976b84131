//! The account: `/start` (with an invite link, linking the Telegram account to an employee),
//! `/help`, `/cancel` and `/language`.

mod buttons;
pub mod cancel;
pub mod help;
pub mod language;
pub mod start;
mod states;

pub use buttons::Button;
pub use states::State;
