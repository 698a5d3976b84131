//! The organisation: `/profile`, `/team`, `/units`, `/invite` (links per unit for HR), and HR
//! uploading the employee file in chat.

mod buttons;
pub mod invite;
mod states;
pub mod upload;
pub mod views;

pub use buttons::Button;
pub use states::State;
