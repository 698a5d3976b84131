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

/// One value per language the bot speaks (a reminder's texts, their stored payloads). Adding a
/// language to `Lang` makes every place that builds one fail to compile until it says what the
/// new language gets, instead of silently sending it Indonesian.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PerLang<T> {
    id: T,
    en: T,
}

impl<T> PerLang<T> {
    pub fn from_fn(mut f: impl FnMut(Lang) -> T) -> Self {
        Self {
            id: f(Lang::Id),
            en: f(Lang::En),
        }
    }

    pub fn get(&self, lang: Lang) -> &T {
        match lang {
            Lang::Id => &self.id,
            Lang::En => &self.en,
        }
    }

    pub fn get_mut(&mut self, lang: Lang) -> &mut T {
        match lang {
            Lang::Id => &mut self.id,
            Lang::En => &mut self.en,
        }
    }
}

impl<T: Clone> PerLang<T> {
    /// The same value for every language.
    pub fn same(value: T) -> Self {
        Self::from_fn(|_| value.clone())
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
