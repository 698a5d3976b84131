//! `/holiday`: the working calendar that dialog reminders keep to. Organisation HR lists the
//! coming holidays and adds or takes out a date; the configured list (`[calendar]`) stays as
//! it is, and HR's changes are applied on top of it from the next reminder on.

pub mod holiday;
