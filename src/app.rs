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
    #[error("webhook: {0}")]
    Webhook(String),
}

pub struct App {
    pub settings: Arc<Settings>,
    pub db: Db,
    pub telegram: Telegram,
    pub clock: SharedClock,
    pub outbox: Arc<crate::outbox::Outbox>,
    /// Whether this process runs the fleet's scheduled work now.
    pub seat: Arc<crate::fleet::Seat>,
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
        let replicas = settings.file.webhook.enabled && db.backend() == storage::Backend::Postgres;
        let db = if replicas {
            db.share_with_replicas()
        } else {
            db
        };
        if replicas {
            // Replicas send within one budget together, not one each.
            telegram
                .pacer()
                .share_budget(Arc::new(crate::fleet::DbSlots(db.clone())));
        }
        // Replicas share scheduled work through a lease; a process alone holds it outright.
        let seat = if replicas {
            crate::fleet::Seat::shared()
        } else {
            crate::fleet::Seat::alone()
        };
        Ok(Arc::new(Self {
            settings: Arc::new(settings),
            db,
            telegram,
            clock,
            outbox: Arc::new(crate::outbox::Outbox::new()),
            seat,
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
        let webhook = self.settings.file.webhook.enabled;
        // Checked and bound before anything starts: a replica that cannot serve must not take
        // the fleet's seats or updates first.
        let listener = if webhook {
            Some(self.bind_webhook().await?)
        } else {
            self.refuse_beside_replicas().await?;
            None
        };
        let Some(username) = self.identify(&shutdown, webhook).await? else {
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
        // The scheduler seat and the inbox leases outlive `shutdown`: they are given up only
        // once the work they cover has ended.
        let seat_stop = CancellationToken::new();
        let seat = (webhook && self.db.backend() == storage::Backend::Postgres).then(|| {
            tokio::spawn(crate::fleet::keep(
                self.seat.clone(),
                self.db.clone(),
                self.outbox.owner().to_owned(),
                self.settings.file.webhook.lease(),
                seat_stop.clone(),
            ))
        });
        // The sender, the scheduler and broadcast progress run beside receiving; each ends on
        // the same shutdown and finishes what it has in hand.
        let workers = [
            tokio::spawn(crate::outbox::run(self.clone(), shutdown.clone())),
            tokio::spawn(crate::scheduler::run(self.clone(), shutdown.clone())),
            tokio::spawn(crate::scheduler::dialogs::run(
                self.clone(),
                shutdown.clone(),
            )),
            tokio::spawn(crate::broadcast::monitor(self.clone(), shutdown.clone())),
        ];
        let inbox_workers = Workers::new(
            self.db.clone(),
            self.clock.clone(),
            Arc::new(Dispatch { deps: self.deps() }),
            self.settings.file.polling.max_concurrent_chats,
            shutdown.clone(),
        );
        let health = match listener {
            Some(listener) => {
                self.clone()
                    .serve_webhook(listener, &inbox_workers, &shutdown)
                    .await?
            }
            None => {
                let health = self.settings.file.health.addr().map(|addr| {
                    let router = crate::health::router(self.clone(), shutdown.clone());
                    tokio::spawn(crate::health::serve(router, addr, shutdown.clone()))
                });
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
                health
            }
        };
        for worker in workers {
            let _ = worker.await;
        }
        seat_stop.cancel();
        if let Some(seat) = seat {
            let _ = seat.await;
        }
        if let Some(health) = health {
            let _ = health.await;
        }
        stop_retries.abort();
        self.db.close().await;
        tracing::info!("stopped cleanly");
        Ok(())
    }

    /// A polling bot on a database that webhook replicas are serving would handle the updates
    /// they hold and run the schedulers beside theirs: refused, naming the way out.
    async fn refuse_beside_replicas(&self) -> Result<(), StartError> {
        if self.db.backend() != storage::Backend::Postgres {
            return Ok(());
        }
        use crate::clock::Clock;
        let now = crate::clock::SystemClock.now().timestamp_millis();
        if storage::leases::holder(&self.db, crate::fleet::SCHEDULER, now)
            .await?
            .is_some()
        {
            return Err(StartError::Webhook(
                "replicas in webhook mode are running on this database (one holds the scheduler \
                 lease); start this one with --webhook too, or stop them and run \
                 `kinerja-bot webhook delete` before polling"
                    .into(),
            ));
        }
        Ok(())
    }

    async fn bind_webhook(&self) -> Result<tokio::net::TcpListener, StartError> {
        let cfg = &self.settings.file.webhook;
        cfg.require_url().map_err(StartError::Webhook)?;
        let addr = cfg
            .addr()
            .ok_or_else(|| StartError::Webhook(format!("webhook.listen = {:?}", cfg.listen)))?;
        tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| StartError::Webhook(format!("cannot listen on {addr}: {e}")))
    }

    /// Webhook mode: serves the endpoint (with the health endpoints when they share its
    /// address), registers it with Telegram, and takes updates from the shared inbox until
    /// `shutdown`; then finishes the updates in hand and gives back the rest. Returns the
    /// health server's task when it runs apart.
    async fn serve_webhook(
        self: Arc<Self>,
        listener: tokio::net::TcpListener,
        workers: &Workers,
        shutdown: &CancellationToken,
    ) -> Result<Option<tokio::task::JoinHandle<()>>, StartError> {
        let cfg = &self.settings.file.webhook;
        let token = self.settings.require_token()?.expose().to_owned();
        let stored = Arc::new(tokio::sync::Notify::new());
        let endpoint = Arc::new(inbox::webhook::Endpoint {
            db: self.db.clone(),
            clock: self.clock.clone(),
            flood: std::sync::Mutex::new(Flood::new(&self.settings.file.flood)),
            secret: inbox::webhook::secret_for(&token),
            stored: stored.clone(),
        });
        let mut router = inbox::webhook::router(endpoint.clone(), &cfg.path());
        let mut health = None;
        match self.settings.file.health.addr() {
            Some(h) if Some(h) == cfg.addr() => {
                router = router.merge(crate::health::router(self.clone(), shutdown.clone()));
            }
            Some(h) => {
                let r = crate::health::router(self.clone(), shutdown.clone());
                health = Some(tokio::spawn(crate::health::serve(r, h, shutdown.clone())));
            }
            None => {}
        }
        inbox::shared::forget_leases(&self.db).await;
        let leases_stop = CancellationToken::new();
        let leases = tokio::spawn(inbox::shared::keep_leases(
            self.db.clone(),
            workers.clone(),
            self.outbox.owner().to_owned(),
            cfg.lease(),
            leases_stop.clone(),
        ));
        tracing::info!(addr = %cfg.listen, "webhook: listening");
        let server = tokio::spawn({
            let stop = shutdown.clone();
            async move {
                let served = axum::serve(listener, router)
                    .with_graceful_shutdown(async move { stop.cancelled().await })
                    .await;
                if let Err(e) = served {
                    tracing::warn!(error = %e, "webhook: server stopped");
                }
            }
        });
        let registered = self.register_webhook(&endpoint.secret, shutdown).await;
        if registered.is_ok() {
            let claims = inbox::shared::Claims {
                db: &self.db,
                clock: &self.clock,
                workers,
                owner: self.outbox.owner(),
                lease: cfg.lease(),
                poll: std::time::Duration::from_millis(cfg.poll_interval_ms),
                stored,
            };
            inbox::shared::serve(claims, shutdown.clone()).await;
        } else {
            shutdown.cancel();
        }
        let _ = server.await;
        workers.finish().await;
        inbox::shared::give_back(&self.db, self.outbox.owner()).await;
        leases_stop.cancel();
        let _ = leases.await;
        registered.map(|()| health)
    }

    /// Tells Telegram where to post, retrying while the Bot API is away. Every replica does
    /// this at start with the same URL and secret, so the last one changes nothing. Telegram
    /// refusing the URL (4xx) ends the run: retrying would not change its answer.
    async fn register_webhook(
        &self,
        secret: &str,
        shutdown: &CancellationToken,
    ) -> Result<(), StartError> {
        use teloxide::payloads::SetWebhookSetters;
        use teloxide::prelude::Requester;
        use teloxide::requests::Request;
        use teloxide::types::AllowedUpdate;
        let cfg = &self.settings.file.webhook;
        let url = url::Url::parse(&cfg.url)
            .map_err(|e| StartError::Webhook(format!("webhook.url: {e}")))?;
        let mut backoff = Backoff::default();
        loop {
            let req = self
                .telegram
                .bot()
                .set_webhook(url.clone())
                .secret_token(secret.to_owned())
                .max_connections(cfg.max_connections.clamp(1, 100) as u8)
                .allowed_updates([AllowedUpdate::Message, AllowedUpdate::CallbackQuery]);
            let res = tokio::select! {
                _ = shutdown.cancelled() => return Ok(()),
                r = req.send() => r,
            };
            match res {
                Ok(_) => {
                    tracing::info!("webhook: registered with Telegram");
                    return Ok(());
                }
                Err(e) if crate::telegram::is_refusal(&e) => {
                    return Err(StartError::Webhook(format!(
                        "Telegram refused setWebhook for webhook.url: {}",
                        crate::telegram::describe(&e)
                    )));
                }
                Err(e) => {
                    let wait = backoff.next_wait();
                    let error = crate::telegram::describe(&e);
                    tracing::warn!(%error, retry_in_s = wait.as_secs(), "webhook: setWebhook failed; retrying");
                    tokio::select! {
                        _ = shutdown.cancelled() => return Ok(()),
                        _ = tokio::time::sleep(wait) => {}
                    }
                }
            }
        }
    }

    async fn identify(
        &self,
        shutdown: &CancellationToken,
        webhook: bool,
    ) -> Result<Option<String>, StartError> {
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
                    if !webhook && let Err(e) = self.telegram.bot().delete_webhook().await {
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
