//! The integration suite: one binary, a database per test, the fake Bot API on a free port.

mod chat;
mod fake_api;
mod import;
mod invites;
mod logging;
mod org_chat;
mod restart;
mod startup;
mod storage;
mod support;
