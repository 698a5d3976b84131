//! Invite tokens for deep links (`https://t.me/<bot>?start=<token>`): random, single use,
//! expiring, and kept only as a hash so a copy of the database links nobody.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// 192 random bits, written as 32 characters of Telegram's start-parameter alphabet.
pub const TOKEN_BYTES: usize = 24;
pub const TOKEN_CHARS: usize = 32;

/// A token as handed out; never stored.
#[derive(Clone, PartialEq, Eq)]
pub struct InviteToken(String);

impl std::fmt::Debug for InviteToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("InviteToken(***)")
    }
}

impl InviteToken {
    pub fn from_random(bytes: [u8; TOKEN_BYTES]) -> Self {
        Self(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// `None` unless it has the shape of a token this bot issues.
    pub fn parse(raw: &str) -> Option<Self> {
        let ok = raw.len() == TOKEN_CHARS
            && raw
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        ok.then(|| Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What the database keeps.
    pub fn hash(&self) -> String {
        Sha256::digest(self.0.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    pub fn deep_link(&self, bot_username: &str) -> String {
        format!("https://t.me/{bot_username}?start={}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_fit_telegrams_start_parameter_and_parse_back() {
        let t = InviteToken::from_random([0xfb; TOKEN_BYTES]);
        assert_eq!(t.as_str().len(), TOKEN_CHARS);
        assert!(t.as_str().len() <= 64);
        assert_eq!(InviteToken::parse(t.as_str()), Some(t.clone()));
        assert_eq!(
            t.deep_link("kb_bot"),
            format!("https://t.me/kb_bot?start={}", t.as_str())
        );
    }

    #[test]
    fn the_hash_is_not_the_token_and_malformed_tokens_are_refused() {
        let t = InviteToken::from_random([7; TOKEN_BYTES]);
        assert_eq!(t.hash().len(), 64);
        assert!(!t.hash().contains(t.as_str()));
        assert!(format!("{t:?}").contains("***"));
        for bad in [
            "",
            "short",
            "x".repeat(33).as_str(),
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!!",
        ] {
            assert!(InviteToken::parse(bad).is_none(), "{bad}");
        }
    }
}
