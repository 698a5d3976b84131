//! `/healthz`, `/readyz` and `/metrics` on `[health] listen`. The recorder is installed once per
//! process (tests run many bots in one), and the queue gauges are refreshed by a small task, so
//! a scrape never queries the database.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use tokio_util::sync::CancellationToken;

use crate::app::App;
use crate::storage::health as store;

/// How long a `getMe` answer stands for `/readyz`: probes every second do not reach Telegram.
const BOT_API_CACHE: Duration = Duration::from_secs(5);
const BOT_API_TIMEOUT: Duration = Duration::from_secs(3);
const REFRESH_EVERY: Duration = Duration::from_secs(5);
/// Buckets for handling one update, in seconds.
const HANDLING_BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// The process's Prometheus recorder, installed on first use.
pub fn recorder() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let builder = PrometheusBuilder::new()
            .set_buckets_for_metric(
                Matcher::Full("kinerja_update_handling_seconds".into()),
                &HANDLING_BUCKETS,
            )
            .unwrap_or_else(|_| PrometheusBuilder::new());
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        // Only fails when another recorder is already global; then that one records.
        let _ = metrics::set_global_recorder(recorder);
        handle
    })
}

struct Probe {
    app: Arc<App>,
    bot_api: Mutex<Option<(Instant, Result<(), String>)>>,
}

/// The endpoints, and a task refreshing the queue gauges until `shutdown`; merged into the
/// webhook's server when both share an address.
pub fn router(app: Arc<App>, shutdown: CancellationToken) -> Router {
    let handle = recorder();
    let probe = Arc::new(Probe {
        app: app.clone(),
        bot_api: Mutex::new(None),
    });
    tokio::spawn(refresh(app, handle, shutdown));
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .route("/metrics", get(move || async move { handle.render() }))
        .with_state(probe)
}

/// Serves `router` on `addr` until `shutdown`. A port that cannot be bound is logged and the
/// bot goes on without the endpoints.
pub async fn serve(router: Router, addr: SocketAddr, shutdown: CancellationToken) {
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) => {
            tracing::error!(%addr, error = %e, "health: cannot listen; serving without /healthz and /metrics");
            return;
        }
    };
    tracing::info!(%addr, "health: serving /healthz, /readyz and /metrics");
    let stop = shutdown.clone();
    if let Err(e) = axum::serve(listener, router)
        .with_graceful_shutdown(async move { stop.cancelled().await })
        .await
    {
        tracing::warn!(error = %e, "health: server stopped");
    }
}

async fn readyz(State(probe): State<Arc<Probe>>) -> (StatusCode, String) {
    let db = match store::ping(&probe.app.db).await {
        Ok(()) => "database: ok".to_owned(),
        Err(e) => format!("database: FAILED ({e})"),
    };
    let api = match probe.bot_api().await {
        Ok(()) => "bot_api: ok".to_owned(),
        Err(e) => format!("bot_api: FAILED ({e})"),
    };
    let ready = !db.contains("FAILED") && !api.contains("FAILED");
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, format!("{db}\n{api}\n"))
}

impl Probe {
    async fn bot_api(&self) -> Result<(), String> {
        if let Some((at, res)) = lock(&self.bot_api).as_ref()
            && at.elapsed() < BOT_API_CACHE
        {
            return res.clone();
        }
        use teloxide::prelude::Requester;
        let res =
            match tokio::time::timeout(BOT_API_TIMEOUT, self.app.telegram.bot().get_me()).await {
                Ok(Ok(_)) => Ok(()),
                Ok(Err(e)) => Err(crate::telegram::describe(&e)),
                Err(_) => Err("getMe timed out".to_owned()),
            };
        *lock(&self.bot_api) = Some((Instant::now(), res.clone()));
        res
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Keeps the inbox and outbox gauges a few seconds fresh; a database error leaves the last
/// values and is tried again next time.
async fn refresh(app: Arc<App>, handle: &PrometheusHandle, shutdown: CancellationToken) {
    loop {
        let now = app.clock.now().timestamp();
        if let Ok(d) = store::inbox_depth(&app.db, now).await {
            metrics::gauge!("kinerja_inbox_depth").set(d.count as f64);
            metrics::gauge!("kinerja_inbox_oldest_age_seconds").set(d.oldest_age_seconds as f64);
        }
        if let Ok(d) = store::outbox_depth(&app.db, now).await {
            metrics::gauge!("kinerja_outbox_depth").set(d.count as f64);
            metrics::gauge!("kinerja_outbox_oldest_age_seconds").set(d.oldest_age_seconds as f64);
        }
        handle.run_upkeep();
        tokio::select! {
            _ = shutdown.cancelled() => return,
            _ = tokio::time::sleep(REFRESH_EVERY) => {}
        }
    }
}
