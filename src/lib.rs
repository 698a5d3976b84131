//! kinerja-bot: a Telegram bot for Indonesian civil-service performance management
//! (PermenPANRB 6/2022).
//!
//! Layout:
//! - `config`    settings from the environment and the one TOML file, validated once
//! - `domain`    the regulation's rules in plain Rust (no Telegram, no SQL)
//! - `storage`   all SQL, the same on SQLite and PostgreSQL
//! - `policy`    authorization and audiences applied to stored data, shared by features
//! - `bot`       Telegram input parsing, the router, one module per feature, replies
//! - `i18n`      every user-visible string, from `locales/`
//! - `telegram`  the Bot API client and the one pacer for all that is sent
//! - `inbox`     updates stored on arrival, handled by per-chat workers
//! - `outbox`    the durable, rate-limited sender of every message the bot starts
//! - `scheduler` deadline reminders on a clock tests can set
//! - `broadcast` progress and reports of HR announcements
//! - `period_export` HR's per-period file for e-Kinerja (CSV/XLSX), written as it is read
//! - `charts`    PNG charts for HR's reports, drawn with the font shipped in `assets/fonts`
//! - `deps`      what handlers may use (database, Bot API, clock, settings, outbox wake-up)
//! - `app`       wires the above for `main` and for the tests alike
//! - `cli`       the `kinerja-bot` subcommands
//! - `clock`, `telemetry`

pub mod app;
pub mod backoff;
pub mod bot;
pub mod broadcast;
pub mod charts;
pub mod cli;
pub mod clock;
pub mod config;
pub mod deps;
pub mod domain;
pub mod export;
pub mod fleet;
pub mod formatting_errors;
pub mod health;
pub mod hrfile;
pub mod i18n;
pub mod import;
pub mod inbox;
pub mod invite_sheet;
pub mod outbox;
pub mod period_export;
pub mod policy;
pub mod sample;
pub mod scheduler;
pub mod storage;
pub mod telegram;
pub mod telemetry;
