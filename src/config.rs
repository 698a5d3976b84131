//! Settings: the environment (`TELOXIDE_TOKEN`, `TELOXIDE_API_URL`, `DATABASE_URL`) and the one
//! TOML config file. Loaded and validated once at start; nothing else in the crate reads the
//! environment. Must not depend on Telegram or SQL types.

mod delivery;
mod dialog;
mod feedback;
mod file;
mod token;
mod webhook;

pub use delivery::{Deadlines, Outbox as OutboxConfig};
pub use dialog::{CalendarConfig, Dialog as DialogConfig, Holiday};
pub use file::{FileConfig, Flood, LogFormat, OrgTimeZone, RateLimits};
pub use token::BotToken;
pub use webhook::Webhook as WebhookConfig;

use std::path::{Path, PathBuf};

/// The default database when `DATABASE_URL` is unset: a file next to where the bot runs.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://kinerja-bot.db";
pub const DEFAULT_API_URL: &str = "https://api.telegram.org";
pub const CONFIG_ENV: &str = "KINERJA_CONFIG";

/// Why the bot refuses to start. Each message names what is wrong and what is allowed.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("TELOXIDE_TOKEN is not set: get a token from @BotFather and set TELOXIDE_TOKEN")]
    MissingToken,
    #[error(
        "TELOXIDE_TOKEN is malformed: expected <bot id>:<secret>, digits, a colon, then at least \
         30 letters, digits, '_' or '-' (as @BotFather gives it)"
    )]
    MalformedToken,
    #[error("TELOXIDE_API_URL is not a valid http(s) URL: {0}")]
    BadApiUrl(String),
    #[error("DATABASE_URL must start with sqlite:// or postgres:// (got scheme {0:?})")]
    BadDatabaseUrl(String),
    #[error("cannot read config file {path}: {source}")]
    ReadFile {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("config file {path}: {message}")]
    Invalid { path: String, message: String },
}

/// Everything the process was started with, validated. `Debug` hides the credentials URLs can
/// carry.
#[derive(Clone)]
pub struct Settings {
    pub token: Option<BotToken>,
    pub api_url: url::Url,
    pub database_url: String,
    pub file: FileConfig,
}

/// Raw values from the process environment, read only by [`Environment::from_process`] so tests
/// can build settings without touching their own process's environment. `Debug` shows no
/// secret.
#[derive(Clone, Default)]
pub struct Environment {
    pub token: Option<String>,
    pub api_url: Option<String>,
    pub database_url: Option<String>,
    pub config_path: Option<PathBuf>,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("token", &self.token)
            .field(
                "api_url",
                &crate::storage::redact_url(self.api_url.as_str()),
            )
            .field(
                "database_url",
                &crate::storage::redact_url(&self.database_url),
            )
            .field("file", &self.file)
            .finish()
    }
}

impl std::fmt::Debug for Environment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let redacted = |u: &Option<String>| u.as_deref().map(crate::storage::redact_url);
        f.debug_struct("Environment")
            .field("token", &self.token.as_ref().map(|_| "***"))
            .field("api_url", &redacted(&self.api_url))
            .field("database_url", &redacted(&self.database_url))
            .field("config_path", &self.config_path)
            .finish()
    }
}

impl Environment {
    pub fn from_process() -> Self {
        let non_empty = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        Self {
            token: non_empty("TELOXIDE_TOKEN"),
            api_url: non_empty("TELOXIDE_API_URL"),
            database_url: non_empty("DATABASE_URL"),
            config_path: non_empty(CONFIG_ENV).map(PathBuf::from),
        }
    }
}

impl Settings {
    /// Loads the config file (the `--config` flag wins over `KINERJA_CONFIG`) and validates the
    /// environment. The token is checked only when present; commands that talk to Telegram call
    /// [`Settings::require_token`].
    pub fn load(env: &Environment, config_flag: Option<&Path>) -> Result<Self, ConfigError> {
        let path = config_flag
            .map(Path::to_path_buf)
            .or_else(|| env.config_path.clone());
        let file = match path {
            Some(p) => FileConfig::from_path(&p)?,
            None => FileConfig::default(),
        };
        let token = env.token.as_deref().map(BotToken::parse).transpose()?;
        let api_url = parse_api_url(env.api_url.as_deref().unwrap_or(DEFAULT_API_URL))?;
        let database_url = env
            .database_url
            .clone()
            .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
        check_database_url(&database_url)?;
        Ok(Self {
            token,
            api_url,
            database_url,
            file,
        })
    }

    pub fn require_token(&self) -> Result<&BotToken, ConfigError> {
        self.token.as_ref().ok_or(ConfigError::MissingToken)
    }
}

fn parse_api_url(raw: &str) -> Result<url::Url, ConfigError> {
    let url = url::Url::parse(raw.trim_end_matches('/'))
        .map_err(|e| ConfigError::BadApiUrl(e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
        return Err(ConfigError::BadApiUrl(crate::storage::redact_url(raw)));
    }
    Ok(url)
}

fn check_database_url(url: &str) -> Result<(), ConfigError> {
    let scheme = url.split(':').next().unwrap_or_default();
    match scheme {
        "sqlite" | "postgres" | "postgresql" => Ok(()),
        other => Err(ConfigError::BadDatabaseUrl(other.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_with_token(token: &str) -> Environment {
        Environment {
            token: Some(token.to_owned()),
            ..Default::default()
        }
    }

    #[test]
    fn defaults_to_sqlite_and_the_public_bot_api() {
        let s = Settings::load(&Environment::default(), None).unwrap();
        assert_eq!(s.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(s.api_url.as_str(), "https://api.telegram.org/");
        assert!(matches!(s.require_token(), Err(ConfigError::MissingToken)));
    }

    #[test]
    fn debug_output_hides_every_credential() {
        let env = Environment {
            token: Some("7000000001:AAF7-g0gYncWnm5IyfZlpPRqRRv6kNAGlao".into()),
            api_url: Some("https://bot:hunter2@botapi.internal:8081".into()),
            database_url: Some("postgres://kb:s3cret@db/kinerja?password=s3cret2".into()),
            config_path: None,
        };
        let settings = Settings::load(&env, None).unwrap();
        for shown in [format!("{env:?}"), format!("{settings:?}")] {
            for secret in ["AAF7-g0gYncWnm5IyfZlpPRqRRv6kNAGlao", "hunter2", "s3cret"] {
                assert!(!shown.contains(secret), "{secret} in {shown}");
            }
            assert!(shown.contains("botapi.internal"), "{shown}");
        }
    }

    #[test]
    fn a_malformed_token_is_refused() {
        let err = Settings::load(&env_with_token("hello"), None).unwrap_err();
        assert!(matches!(err, ConfigError::MalformedToken));
    }

    #[test]
    fn a_mysql_url_is_refused_naming_the_scheme() {
        let env = Environment {
            database_url: Some("mysql://x@y/z".into()),
            ..Default::default()
        };
        let err = Settings::load(&env, None).unwrap_err().to_string();
        assert!(err.contains("\"mysql\""), "{err}");
    }
}
