//! The integration suite: one binary, a database per test, the fake Bot API on a free port.

#[macro_use]
mod support;

mod backup;
mod broadcasts;
mod chat;
mod connections;
mod deadlines;
mod dialog_reminders;
mod dialog_reports;
mod dialogs;
mod fake_api;
mod fake_webhook;
mod feedback_notes;
mod feedback_reminders;
mod feedback_results;
mod feedback_rounds;
mod health;
mod import;
mod inbox_workers;
mod invites;
mod load;
mod logging;
mod org_chat;
mod outbox;
mod period_export;
mod periods;
mod predikat_rating;
mod properties;
mod reports;
mod restart;
mod shared_inbox;
mod startup;
mod storage;
mod webhook;
