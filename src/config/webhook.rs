//! `[webhook]`: Telegram posts updates to an HTTPS URL (TLS ends in front of the bot, at a
//! load balancer or reverse proxy) instead of the bot polling. Needed to run several replicas
//! on one PostgreSQL database: they share the inbox, the schedulers and the sending budget.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Webhook {
    /// Serve a webhook instead of long polling (also `kinerja-bot run --webhook`).
    pub enabled: bool,
    /// The public HTTPS URL Telegram posts to, path included (e.g.
    /// "https://kinerja.example.go.id/telegram"); registered with setWebhook at start.
    pub url: String,
    /// Where the endpoint listens, behind the TLS terminator ("IP:PORT").
    pub listen: String,
    /// Connections Telegram opens at once (1–100).
    pub max_connections: u32,
    /// How long a replica holds an update it is handling before another may take it over, in
    /// seconds: the bound on takeover after a replica dies. Renewed while handling lasts.
    pub lease_seconds: u64,
    /// How often the shared inbox is looked at for updates other replicas stored, in ms.
    pub poll_interval_ms: u64,
}

impl Default for Webhook {
    fn default() -> Self {
        Self {
            enabled: false,
            url: String::new(),
            listen: "0.0.0.0:8080".into(),
            max_connections: 40,
            lease_seconds: 30,
            poll_interval_ms: 100,
        }
    }
}

impl Webhook {
    pub fn addr(&self) -> Option<std::net::SocketAddr> {
        self.listen.parse().ok()
    }

    pub fn lease(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.lease_seconds)
    }

    /// The path Telegram posts to: the URL's path, "/" when it has none.
    pub fn path(&self) -> String {
        url::Url::parse(&self.url)
            .map(|u| u.path().to_owned())
            .unwrap_or_else(|_| "/".into())
    }

    pub(super) fn check(&self) -> Result<(), String> {
        if self.listen.parse::<std::net::SocketAddr>().is_err() {
            return Err(format!(
                "webhook.listen = {:?} is not an address: use \"IP:PORT\" (e.g. \"0.0.0.0:8080\")",
                self.listen
            ));
        }
        if !(1..=100).contains(&self.max_connections) {
            return Err(format!(
                "webhook.max_connections = {} is out of range: Telegram allows 1–100",
                self.max_connections
            ));
        }
        if !(2..=3600).contains(&self.lease_seconds) {
            return Err(format!(
                "webhook.lease_seconds = {} is out of range: use 2–3600",
                self.lease_seconds
            ));
        }
        if !(10..=10_000).contains(&self.poll_interval_ms) {
            return Err(format!(
                "webhook.poll_interval_ms = {} is out of range: use 10–10000",
                self.poll_interval_ms
            ));
        }
        if !self.url.is_empty() {
            match url::Url::parse(&self.url) {
                // Telegram posts only to HTTPS; the path becomes a route, so no pattern syntax.
                Ok(u)
                    if u.scheme() == "https"
                        && u.path()
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b"/-_.~%".contains(&b)) => {}
                _ => {
                    return Err(format!(
                        "webhook.url = {:?} is not an HTTPS URL with a plain path: use the public \
                         address Telegram posts to, e.g. \"https://kinerja.example.go.id/telegram\"",
                        self.url
                    ));
                }
            }
        }
        Ok(())
    }

    /// Refuses a webhook run without a URL to register.
    pub fn require_url(&self) -> Result<&str, String> {
        if self.url.is_empty() {
            Err(
                "webhook mode needs webhook.url: the public HTTPS address Telegram posts to \
                 (TLS terminated in front of webhook.listen)"
                    .into(),
            )
        } else {
            Ok(&self.url)
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::FileConfig;

    #[test]
    fn each_bad_webhook_value_is_named_with_what_is_allowed() {
        for (toml, key) in [
            ("[webhook]\nlisten = \"localhost\"\n", "webhook.listen"),
            (
                "[webhook]\nmax_connections = 0\n",
                "webhook.max_connections",
            ),
            (
                "[webhook]\nmax_connections = 101\n",
                "webhook.max_connections",
            ),
            ("[webhook]\nlease_seconds = 1\n", "webhook.lease_seconds"),
            (
                "[webhook]\npoll_interval_ms = 5\n",
                "webhook.poll_interval_ms",
            ),
            (
                "[webhook]\nurl = \"kinerja.example.go.id\"\n",
                "webhook.url",
            ),
            (
                "[webhook]\nurl = \"http://kb.example.go.id/t\"\n",
                "webhook.url",
            ),
            (
                "[webhook]\nurl = \"https://kb.example.go.id/*rest\"\n",
                "webhook.url",
            ),
        ] {
            let err = FileConfig::from_toml(toml).unwrap_err();
            assert!(err.contains(key), "{toml}: {err}");
        }
    }

    #[test]
    fn the_path_served_is_the_registered_urls_path() {
        let toml = "[webhook]\nenabled = true\nurl = \"https://kb.example.go.id/hook/x\"\n";
        let cfg = FileConfig::from_toml(toml).unwrap();
        assert_eq!(cfg.webhook.path(), "/hook/x");
        assert!(cfg.webhook.require_url().is_ok());
        let bare = FileConfig::from_toml("[webhook]\nenabled = true\n").unwrap();
        assert!(
            bare.webhook
                .require_url()
                .unwrap_err()
                .contains("webhook.url")
        );
    }
}
