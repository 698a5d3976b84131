//! The TOML config file. Every key has a default, unknown keys are refused, and each bad value
//! is reported with its key and what is allowed.

use std::path::Path;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::ConfigError;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FileConfig {
    /// The organisation's time zone: schedules and dates are read in it.
    pub time_zone: OrgTimeZone,
    pub log_format: LogFormat,
    pub schedules: Schedules,
    pub rate_limits: RateLimits,
    pub thresholds: Thresholds,
    pub polling: Polling,
    pub database: Database,
    pub flood: Flood,
    pub outbox: super::delivery::Outbox,
    pub deadlines: super::delivery::Deadlines,
    pub dialog: super::dialog::Dialog,
    pub calendar: super::dialog::CalendarConfig,
    pub feedback: super::feedback::Feedback,
    pub health: Health,
    pub webhook: super::webhook::Webhook,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

/// The three Indonesian time zones; nothing else is an organisation's zone here.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrgTimeZone {
    /// WIB, UTC+7.
    #[default]
    #[serde(rename = "Asia/Jakarta")]
    Jakarta,
    /// WITA, UTC+8.
    #[serde(rename = "Asia/Makassar")]
    Makassar,
    /// WIT, UTC+9.
    #[serde(rename = "Asia/Jayapura")]
    Jayapura,
}

impl OrgTimeZone {
    pub fn tz(self) -> chrono_tz::Tz {
        match self {
            Self::Jakarta => chrono_tz::Asia::Jakarta,
            Self::Makassar => chrono_tz::Asia::Makassar,
            Self::Jayapura => chrono_tz::Asia::Jayapura,
        }
    }
}

/// A cron expression (seconds first, 6 or 7 fields), checked when the file is read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CronExpr(String);

impl CronExpr {
    pub fn schedule(&self) -> cron::Schedule {
        // Validated in `FileConfig::validate`; the fallback never fires for a loaded config.
        cron::Schedule::from_str(&self.0)
            .unwrap_or_else(|_| cron::Schedule::from_str("0 0 0 1 1 * 2099").expect("valid"))
    }

    fn check(&self, key: &str) -> Result<(), String> {
        cron::Schedule::from_str(&self.0).map(|_| ()).map_err(|e| {
            format!(
                "{key} = {:?} is not a valid cron expression ({e}); expected 6 or 7 fields, \
                 seconds first: \"sec min hour day-of-month month day-of-week [year]\", \
                 e.g. \"0 0 9 * * *\"",
                self.0
            )
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Schedules {
    /// How often due deadline reminders are looked for.
    pub deadline_check: CronExpr,
}

impl Default for Schedules {
    fn default() -> Self {
        Self {
            deadline_check: CronExpr("0 * * * * *".into()),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RateLimits {
    /// Messages per second to all chats together (Telegram: about 30; up to 1000 with paid
    /// broadcasts).
    pub messages_per_second: u32,
    /// Minimum gap between two messages to one chat, in milliseconds (Telegram: about 1 s).
    pub per_chat_interval_ms: u64,
    /// Messages that may go to one chat at once before the interval applies (Telegram lets
    /// short bursts through), so a reply of two messages does not wait a second.
    pub per_chat_burst: u32,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            messages_per_second: 30,
            per_chat_interval_ms: 1000,
            per_chat_burst: 3,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Thresholds {
    /// A 360 rater group's results show only from this many responses (never below 3).
    pub feedback_min_group_size: u32,
    /// Days an invite link stays valid.
    pub invite_expiry_days: u32,
    /// Days without a dialog after which an employee is flagged (the DKI quarter rule).
    pub dialog_overdue_days: u32,
    /// A preview (an import, an announcement) older than this is shown again instead of being
    /// applied by its confirm button.
    pub preview_max_age_hours: u32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            feedback_min_group_size: 3,
            invite_expiry_days: 14,
            dialog_overdue_days: 90,
            preview_max_age_hours: 24,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Polling {
    /// Long-polling timeout for getUpdates, in seconds (the HTTP client gives up after 17 s).
    pub timeout_seconds: u32,
    /// Chats whose updates are handled at the same time (the inbox's workers); one chat's
    /// updates stay in order.
    pub max_concurrent_chats: usize,
}

impl Default for Polling {
    fn default() -> Self {
        Self {
            timeout_seconds: 10,
            max_concurrent_chats: 32,
        }
    }
}

/// One person sending more than `max_updates` in `window_seconds` gets one "please slow down";
/// the rest of that window's updates from them are dropped, and nobody else notices.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Flood {
    pub max_updates: u32,
    pub window_seconds: u64,
}

impl Default for Flood {
    fn default() -> Self {
        Self {
            max_updates: 20,
            window_seconds: 60,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Database {
    /// Connections to the database. On SQLite, statements outside a transaction have this
    /// many of their own besides the transactions' pool, so the file sees up to twice as many.
    pub max_connections: u32,
    /// How long a query waits for a connection or a SQLite lock, in seconds.
    pub busy_timeout_seconds: u64,
}

impl Default for Database {
    fn default() -> Self {
        Self {
            max_connections: 8,
            busy_timeout_seconds: 10,
        }
    }
}

/// Where `/healthz`, `/readyz` and `/metrics` are served; empty: not served.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Health {
    pub listen: String,
}

impl Health {
    /// The address to serve on, or `None` when the endpoints are off.
    pub fn addr(&self) -> Option<std::net::SocketAddr> {
        self.listen.parse().ok()
    }

    fn check(&self) -> Result<(), String> {
        if self.listen.is_empty() || self.listen.parse::<std::net::SocketAddr>().is_ok() {
            return Ok(());
        }
        Err(format!(
            "health.listen = {:?} is not an address: use \"IP:PORT\" (e.g. \"127.0.0.1:9090\") \
             or \"\" to serve no health endpoints",
            self.listen
        ))
    }
}

impl FileConfig {
    pub fn from_path(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::ReadFile {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_toml(&text).map_err(|message| ConfigError::Invalid {
            path: path.display().to_string(),
            message,
        })
    }

    pub fn from_toml(text: &str) -> Result<Self, String> {
        let cfg: Self = toml::from_str(text).map_err(|e| e.to_string())?;
        cfg.validate()?;
        Ok(cfg)
    }

    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).unwrap_or_default()
    }

    fn validate(&self) -> Result<(), String> {
        self.schedules
            .deadline_check
            .check("schedules.deadline_check")?;
        in_range(
            "rate_limits.messages_per_second",
            self.rate_limits.messages_per_second.into(),
            1,
            1000,
        )?;
        in_range(
            "rate_limits.per_chat_interval_ms",
            self.rate_limits.per_chat_interval_ms,
            0,
            60_000,
        )?;
        in_range(
            "rate_limits.per_chat_burst",
            self.rate_limits.per_chat_burst.into(),
            1,
            20,
        )?;
        in_range(
            "flood.max_updates",
            self.flood.max_updates.into(),
            1,
            10_000,
        )?;
        in_range("flood.window_seconds", self.flood.window_seconds, 1, 3600)?;
        in_range(
            "thresholds.feedback_min_group_size",
            self.thresholds.feedback_min_group_size.into(),
            3,
            1000,
        )?;
        in_range(
            "thresholds.invite_expiry_days",
            self.thresholds.invite_expiry_days.into(),
            1,
            365,
        )?;
        in_range(
            "thresholds.dialog_overdue_days",
            self.thresholds.dialog_overdue_days.into(),
            1,
            366,
        )?;
        in_range(
            "thresholds.preview_max_age_hours",
            self.thresholds.preview_max_age_hours.into(),
            1,
            720,
        )?;
        in_range(
            "polling.timeout_seconds",
            self.polling.timeout_seconds.into(),
            1,
            15,
        )?;
        in_range(
            "polling.max_concurrent_chats",
            self.polling.max_concurrent_chats as u64,
            1,
            256,
        )?;
        in_range(
            "database.max_connections",
            self.database.max_connections.into(),
            1,
            1000,
        )?;
        in_range(
            "database.busy_timeout_seconds",
            self.database.busy_timeout_seconds,
            1,
            600,
        )?;
        let outbox = &self.outbox;
        in_range("outbox.max_in_flight", outbox.max_in_flight as u64, 1, 512)?;
        in_range("outbox.lease_seconds", outbox.lease_seconds, 1, 3600)?;
        in_range("outbox.max_attempts", outbox.max_attempts.into(), 1, 10_000)?;
        in_range(
            "outbox.poll_interval_ms",
            outbox.poll_interval_ms,
            10,
            60_000,
        )?;
        self.deadlines.check()?;
        self.dialog.check()?;
        self.feedback.check()?;
        self.health.check()?;
        self.webhook.check()?;
        self.calendar.check()
    }
}

fn in_range(key: &str, value: u64, min: u64, max: u64) -> Result<(), String> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(format!(
            "{key} = {value} is out of range: allowed {min} to {max}"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_file_gives_every_default() {
        let cfg = FileConfig::from_toml("").unwrap();
        assert_eq!(cfg.time_zone, OrgTimeZone::Jakarta);
        assert_eq!(cfg.rate_limits.messages_per_second, 30);
        assert_eq!(cfg.thresholds.feedback_min_group_size, 3);
    }

    #[test]
    fn the_printed_config_reads_back_the_same() {
        let cfg = FileConfig::from_toml("time_zone = \"Asia/Jayapura\"").unwrap();
        let again = FileConfig::from_toml(&cfg.to_toml()).unwrap();
        assert_eq!(again.time_zone, OrgTimeZone::Jayapura);
        assert_eq!(again.to_toml(), cfg.to_toml());
    }

    #[test]
    fn an_unknown_key_is_named() {
        let err = FileConfig::from_toml("[polling]\ntimeout = 5\n").unwrap_err();
        assert!(err.contains("unknown field `timeout`"), "{err}");
    }

    #[test]
    fn a_bad_cron_expression_is_named_with_the_expected_shape() {
        let err =
            FileConfig::from_toml("[schedules]\ndeadline_check = \"every monday\"\n").unwrap_err();
        assert!(err.contains("schedules.deadline_check"), "{err}");
        assert!(err.contains("seconds first"), "{err}");
    }

    #[test]
    fn a_time_zone_outside_indonesia_is_refused_listing_the_allowed_ones() {
        let err = FileConfig::from_toml("time_zone = \"Europe/Paris\"").unwrap_err();
        assert!(err.contains("Asia/Makassar"), "{err}");
        assert!(err.contains("time_zone"), "{err}");
    }

    #[test]
    fn a_bad_reminder_time_or_day_is_named() {
        let err = FileConfig::from_toml("[deadlines]\nreminder_time = \"8 pagi\"\n").unwrap_err();
        assert!(err.contains("deadlines.reminder_time"), "{err}");
        let err =
            FileConfig::from_toml("[deadlines]\nreminder_days_before = [7, 0]\n").unwrap_err();
        assert!(err.contains("reminder_days_before"), "{err}");
    }

    /// deploy/config.example.toml documents every key at its default: a key added, renamed or
    /// given another default without the example following fails here.
    #[test]
    fn the_example_config_holds_every_key_at_its_default() {
        let path = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/deploy/config.example.toml"
        ));
        let loaded = FileConfig::from_path(path).unwrap();
        assert_eq!(loaded.to_toml(), FileConfig::default().to_toml());
        let written: toml::Table = std::fs::read_to_string(path).unwrap().parse().unwrap();
        let defaults: toml::Table = FileConfig::default().to_toml().parse().unwrap();
        assert_eq!(written, defaults);
    }

    #[test]
    fn a_health_address_that_is_not_ip_and_port_is_named() {
        let err = FileConfig::from_toml("[health]\nlisten = \"localhost\"\n").unwrap_err();
        assert!(err.contains("health.listen"), "{err}");
        let ok = FileConfig::from_toml("[health]\nlisten = \"127.0.0.1:9090\"\n").unwrap();
        assert_eq!(ok.health.addr(), Some(([127, 0, 0, 1], 9090).into()));
        assert_eq!(FileConfig::default().health.addr(), None);
    }

    #[test]
    fn the_360_group_threshold_cannot_go_below_three() {
        let err = FileConfig::from_toml("[thresholds]\nfeedback_min_group_size = 2\n").unwrap_err();
        assert!(err.contains("thresholds.feedback_min_group_size"), "{err}");
    }
}
