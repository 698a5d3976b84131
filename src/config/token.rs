//! The bot token: validated once, never printed.

use super::ConfigError;

/// A Telegram bot token. Its `Debug` and `Display` show only the bot id, so a token never
/// reaches a log line or `kinerja-bot config` output.
#[derive(Clone, PartialEq, Eq)]
pub struct BotToken(String);

impl BotToken {
    /// Accepts what @BotFather issues: the bot's numeric id, a colon, and a secret of URL-safe
    /// characters. Anything else would only fail later with a confusing 401 or 404.
    pub fn parse(raw: &str) -> Result<Self, ConfigError> {
        let raw = raw.trim();
        let (id, secret) = raw.split_once(':').ok_or(ConfigError::MalformedToken)?;
        let id_ok = !id.is_empty() && id.len() <= 20 && id.bytes().all(|b| b.is_ascii_digit());
        let secret_ok = secret.len() >= 30
            && secret.len() <= 100
            && secret
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if id_ok && secret_ok {
            Ok(Self(raw.to_owned()))
        } else {
            Err(ConfigError::MalformedToken)
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn bot_id(&self) -> &str {
        self.0.split(':').next().unwrap_or_default()
    }
}

impl std::fmt::Debug for BotToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "BotToken({}:***)", self.bot_id())
    }
}

impl std::fmt::Display for BotToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:***", self.bot_id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "123456789:AAF7-g0gYncWnm5IyfZlpPRqRRv6kNAGlao";

    #[test]
    fn accepts_a_botfather_token_and_hides_the_secret() {
        let t = BotToken::parse(GOOD).unwrap();
        assert_eq!(t.expose(), GOOD);
        assert_eq!(format!("{t:?}"), "BotToken(123456789:***)");
        assert!(!format!("{t}").contains("AAF7"));
    }

    #[test]
    fn refuses_shapes_that_are_not_tokens() {
        for bad in [
            "",
            "123456789",
            ":AAF7-g0gYncWnm5IyfZlpPRqRRv6kNAGlao",
            "abc:AAF7-g0gYncWnm5IyfZlpPRqRRv6kNAGlao",
            "123:short",
            "123:AAF7-g0gYncWnm5IyfZlpPRqRRv6kNAGl o",
        ] {
            assert!(BotToken::parse(bad).is_err(), "{bad:?} accepted");
        }
    }
}
