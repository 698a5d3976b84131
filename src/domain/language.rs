//! The languages the bot speaks. Indonesian is the default: the civil service works in it.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    #[serde(rename = "id")]
    Id,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Id, Lang::En];

    /// The two-letter code used in storage, callback data, Fluent and `setMyCommands`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim().to_ascii_lowercase().as_str() {
            "id" | "in" => Some(Lang::Id),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// First guess for a new user from Telegram's IETF tag ("en-GB", "id"...). Anyone whose
    /// client is not in English gets Indonesian, the organisation's working language.
    pub fn from_telegram(language_code: Option<&str>) -> Self {
        language_code
            .and_then(|c| c.split(['-', '_']).next())
            .and_then(Self::from_code)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_guess_follows_the_telegram_client() {
        assert_eq!(Lang::from_telegram(Some("en-GB")), Lang::En);
        assert_eq!(Lang::from_telegram(Some("en")), Lang::En);
        assert_eq!(Lang::from_telegram(Some("id")), Lang::Id);
        assert_eq!(Lang::from_telegram(Some("ms")), Lang::Id);
        assert_eq!(Lang::from_telegram(None), Lang::Id);
    }

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
    }
}
