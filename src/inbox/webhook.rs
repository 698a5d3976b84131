//! Receiving by webhook: Telegram (through the TLS terminator and a load balancer) posts each
//! update; it is checked against the secret token, stored in the inbox and answered 200 only
//! once stored, so an update that could not be stored is delivered again. Handling is not done
//! here: the shared inbox hands stored updates to whichever replica is free (see `shared`).

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use sha2::{Digest, Sha256};
use teloxide::types::Update;
use tokio::sync::Notify;

use super::Flood;
use crate::clock::SharedClock;
use crate::storage::{Db, inbox};

pub const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

/// What the endpoint needs; nothing of the handlers.
pub struct Endpoint {
    pub db: Db,
    pub clock: SharedClock,
    pub flood: Mutex<Flood>,
    pub secret: String,
    /// Woken after an update is stored, so this replica takes it without waiting for a poll.
    pub stored: Arc<Notify>,
}

/// The secret Telegram echoes in every delivery. Derived from the bot token, so every replica
/// registers and checks the same one without another setting, and it changes with the token.
pub fn secret_for(token: &str) -> String {
    let digest = Sha256::digest(format!("kinerja-bot webhook\n{token}").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Telegram's updates are a few kilobytes; anything much larger is not one.
const MAX_BODY: usize = 1 << 20;

pub fn router(endpoint: Arc<Endpoint>, path: &str) -> Router {
    Router::new()
        .route(path, post(receive))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY))
        .with_state(endpoint)
}

async fn receive(
    State(endpoint): State<Arc<Endpoint>>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let given = headers
        .get(SECRET_HEADER)
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    if !same(given, endpoint.secret.as_bytes()) {
        // Debug only: anyone who finds the address could otherwise fill the log.
        tracing::debug!("webhook: a request without the right secret token was refused");
        metrics::counter!("kinerja_webhook_refused_total").increment(1);
        return StatusCode::UNAUTHORIZED;
    }
    let update: Update = match serde_json::from_slice(&body) {
        Ok(u) => u,
        Err(e) => {
            // Where, not what: the body may hold someone's message.
            tracing::warn!(
                line = e.line(),
                column = e.column(),
                "webhook: a body that is not an update was refused"
            );
            return StatusCode::BAD_REQUEST;
        }
    };
    metrics::counter!("kinerja_updates_received_total").increment(1);
    let updates = [update];
    let rows = {
        let mut flood = endpoint.flood.lock().unwrap_or_else(|p| p.into_inner());
        super::receive::classify(&mut flood, &updates)
    };
    let now = endpoint.clock.now().timestamp();
    match inbox::store(&endpoint.db, &rows, now).await {
        Ok(_) => {
            endpoint.stored.notify_one();
            StatusCode::OK
        }
        Err(e) => {
            // Not stored: Telegram delivers it again (maybe to another replica).
            tracing::warn!(error = %e, "webhook: cannot store an update; Telegram will resend it");
            StatusCode::SERVICE_UNAVAILABLE
        }
    }
}

/// Compares without returning early, so timing does not reveal how much of a guess was right.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secret_is_stable_per_token_and_allowed_by_telegram() {
        let a = secret_for("1:AAAA");
        assert_eq!(a, secret_for("1:AAAA"));
        assert_ne!(a, secret_for("1:AAAB"));
        assert!((1..=256).contains(&a.len()));
        assert!(a.bytes().all(|b| b.is_ascii_alphanumeric()));
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd"));
        assert!(!same(b"ab", b"abc"));
        assert!(!same(b"", b"abc"));
    }
}
