//! `kinerja-bot webhook info|delete`: what Telegram knows of the bot's webhook, and removing it
//! (to go back to long polling, or before moving the bot to another address).

use teloxide::prelude::Requester;

use super::{Outcome, WebhookCmd};
use crate::app::StartError;
use crate::config::Settings;

pub async fn execute(settings: &Settings, what: WebhookCmd) -> Result<Outcome, StartError> {
    let token = settings.require_token()?;
    let telegram =
        crate::telegram::Telegram::new(token, settings.api_url.clone(), &settings.file.rate_limits);
    let bot = telegram.bot();
    let unreachable = |e: teloxide::RequestError| match e {
        teloxide::RequestError::Api(teloxide::ApiError::InvalidToken) => {
            StartError::TokenRejected(e.to_string())
        }
        e => StartError::BotApiUnreachable(crate::telegram::describe(&e)),
    };
    match what {
        WebhookCmd::Info => {
            let info = bot.get_webhook_info().await.map_err(unreachable)?;
            match &info.url {
                Some(url) => println!("webhook: {url}"),
                None => println!("webhook: none (the bot uses long polling)"),
            }
            println!("pending updates at Telegram: {}", info.pending_update_count);
            if let Some(n) = info.max_connections {
                println!("max connections: {n}");
            }
            if let Some(message) = &info.last_error_message {
                let at = info
                    .last_error_date
                    .map(|d| d.to_rfc3339())
                    .unwrap_or_default();
                println!("last error: {message} {at}");
            }
        }
        WebhookCmd::Delete => {
            bot.delete_webhook().await.map_err(unreachable)?;
            println!(
                "webhook removed; updates wait at Telegram (up to 24 hours) until `kinerja-bot run` polls or a webhook is set again"
            );
        }
    }
    Ok(Outcome::Done)
}
