//! The application, wired the same way for `main` and for the tests: settings in, a running bot
//! out. `App::build` opens and migrates the database; `App::run` serves until shut down.

use std::sync::{Arc, OnceLock};

use tokio_util::sync::CancellationToken;

use crate::backoff::Backoff;
use crate::bot::{Telegram, dispatch::Dispatch, menu};
use crate::clock::SharedClock;
use crate::config::{ConfigError, Settings};
use crate::deps::Deps;
use crate::inbox::{self, Flood, Workers};
use crate::storage::{self, Db, StorageError};

/// Why the bot could not start. Each names what to fix.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error(
        "Telegram rejected TELOXIDE_TOKEN ({0}); check the token with @BotFather (/token) or \
         TELOXIDE_API_URL"
    )]
    TokenRejected(String),
    #[error("cannot reach the Bot API to learn the bot's username ({0}); pass --bot-username")]
    BotApiUnreachable(String),
    #[error(
        "another kinerja-bot process{} is already running on the SQLite database {database} \
         (it holds {lock_file}); only one `kinerja-bot run` may use an SQLite file: stop the \
         other one first, or move to PostgreSQL to run several",
        .pid.map(|p| format!(" (PID {p})")).unwrap_or_default()
    )]
    AlreadyRunning {
        database: String,
        lock_file: String,
        pid: Option<u32>,
    },
}

pub struct App {
    pub settings: Arc<Settings>,
    pub db: Db,
    pub telegram: Telegram,
    pub clock: SharedClock,
    pub outbox: Arc<crate::outbox::Outbox>,
    bot_username: OnceLock<String>,
}

impl App {
    /// Validates the token, opens the database and brings its schema up to date.
    pub async fn build(settings: Settings, clock: SharedClock) -> Result<Arc<Self>, StartError> {
        let token = settings.require_token()?.clone();
        let db = storage::connect(&settings.database_url, &settings.file).await?;
        let (before, after) = storage::migrate::run(&db).await?;
        if before != after {
            tracing::info!(from = before, to = after, "database schema upgraded");
        }
        let telegram = Telegram::new(&token, settings.api_url.clone(), &settings.file.rate_limits);
        Ok(Arc::new(Self {
            settings: Arc::new(settings),
            db,
            telegram,
            clock,
            outbox: Arc::new(crate::outbox::Outbox::new()),
            bot_username: OnceLock::new(),
        }))
    }

    /// The bot's @username, known once `run` has reached Telegram.
    pub fn bot_username(&self) -> &str {
        self.bot_username.get().map(String::as_str).unwrap_or("")
    }

    /// The services handlers and background work use.
    pub fn deps(&self) -> Deps {
        Deps {
            db: self.db.clone(),
            telegram: self.telegram.clone(),
            clock: self.clock.clone(),
            settings: self.settings.clone(),
            outbox: self.outbox.clone(),
            bot_username: self.bot_username().into(),
        }
    }

    /// Serves until `shutdown` fires. An unreachable Bot API is waited out with backoff; only a
    /// token Telegram refuses ends the run with an error.
    pub async fn run(self: Arc<Self>, shutdown: CancellationToken) -> Result<(), StartError> {
        let Some(username) = self.identify(&shutdown).await? else {
            return Ok(());
        };
        let _ = self.bot_username.set(username);
        tracing::info!("connected to the Bot API; publishing commands");
        menu::publish(&self.telegram).await;
        let stop_retries = tokio::spawn({
            let (app, shutdown) = (self.clone(), shutdown.clone());
            async move {
                shutdown.cancelled().await;
                app.telegram.stop_retrying();
            }
        });
        // The sender, the scheduler and broadcast progress run beside polling; each ends on the
        // same shutdown and finishes what it has in hand.
        let workers = [
            tokio::spawn(crate::outbox::run(self.clone(), shutdown.clone())),
            tokio::spawn(crate::scheduler::run(self.clone(), shutdown.clone())),
            tokio::spawn(crate::scheduler::dialogs::run(
                self.clone(),
                shutdown.clone(),
            )),
            tokio::spawn(crate::broadcast::monitor(self.clone(), shutdown.clone())),
        ];
        let health =
            self.settings.file.health.addr().map(|addr| {
                tokio::spawn(crate::health::serve(self.clone(), addr, shutdown.clone()))
            });
        let inbox_workers = Workers::new(
            self.db.clone(),
            self.clock.clone(),
            Arc::new(Dispatch { deps: self.deps() }),
            self.settings.file.polling.max_concurrent_chats,
            shutdown.clone(),
        );
        let receiver = inbox::Receiver {
            bot: self.telegram.bot(),
            db: &self.db,
            clock: &self.clock,
            workers: &inbox_workers,
            flood: Flood::new(&self.settings.file.flood),
            timeout_seconds: self.settings.file.polling.timeout_seconds,
        };
        inbox::poll(receiver, shutdown).await;
        inbox_workers.finish().await;
        for worker in workers {
            let _ = worker.await;
        }
        if let Some(health) = health {
            let _ = health.await;
        }
        stop_retries.abort();
        self.db.close().await;
        tracing::info!("stopped cleanly");
        Ok(())
    }

    async fn identify(&self, shutdown: &CancellationToken) -> Result<Option<String>, StartError> {
        use teloxide::prelude::Requester;
        let mut backoff = Backoff::default();
        loop {
            let res = tokio::select! {
                _ = shutdown.cancelled() => return Ok(None),
                r = self.telegram.bot().get_me() => r,
            };
            match res {
                Ok(me) => {
                    // A webhook left on this token makes every getUpdates fail with 409.
                    if let Err(e) = self.telegram.bot().delete_webhook().await {
                        let error = crate::telegram::describe(&e);
                        tracing::warn!(%error, "could not remove a webhook; polling may fail");
                    }
                    return Ok(Some(me.user.username.clone().unwrap_or_default()));
                }
                Err(e) if token_rejected(&e) => {
                    return Err(StartError::TokenRejected(e.to_string()));
                }
                Err(e) => {
                    let wait = backoff.next_wait();
                    let error = crate::telegram::describe(&e);
                    tracing::warn!(%error, retry_in_s = wait.as_secs(), "Bot API unreachable at start; retrying");
                    tokio::select! {
                        _ = shutdown.cancelled() => return Ok(None),
                        _ = tokio::time::sleep(wait) => {}
                    }
                }
            }
        }
    }
}

fn token_rejected(e: &teloxide::RequestError) -> bool {
    use teloxide::{ApiError, RequestError};
    match e {
        RequestError::Api(ApiError::InvalidToken) => true,
        RequestError::Api(ApiError::Unknown(d)) => {
            d.contains("Unauthorized") || d.contains("Not Found")
        }
        _ => false,
    }
}
