//! The `kinerja-bot` command line: `run`, `migrate`, `config`.

use std::path::PathBuf;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use tokio_util::sync::CancellationToken;

use crate::app::{App, StartError};
use crate::clock::SystemClock;
use crate::config::{Environment, Settings};
use crate::storage::{self, redact_url};
use crate::telemetry;

#[derive(Debug, Parser)]
#[command(
    name = "kinerja-bot",
    version,
    about = "Performance-management bot for Indonesian civil servants"
)]
pub struct Cli {
    /// Config file (TOML). Also `KINERJA_CONFIG`. Every key has a default.
    #[arg(long, global = true)]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Cmd,
}

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Run the bot (long polling) until SIGINT or SIGTERM.
    Run,
    /// Create or upgrade the database schema, then exit.
    Migrate,
    /// Print the effective configuration (secrets hidden).
    Config,
}

/// Runs the command; the error is what the operator reads.
pub async fn execute(
    cli: Cli,
    env: Environment,
    rust_log: Option<String>,
) -> Result<(), StartError> {
    let settings = Settings::load(&env, cli.config.as_deref())?;
    match cli.command {
        Cmd::Config => {
            print_config(&settings);
            Ok(())
        }
        Cmd::Migrate => {
            telemetry::init(settings.file.log_format, rust_log.as_deref());
            let db = storage::connect(&settings.database_url, &settings.file).await?;
            let (before, after) = storage::migrate::run(&db).await?;
            db.close().await;
            println!(
                "database {} at schema version {after} (was {before})",
                redact_url(&settings.database_url)
            );
            Ok(())
        }
        Cmd::Run => {
            telemetry::init(settings.file.log_format, rust_log.as_deref());
            let app = App::build(settings, Arc::new(SystemClock)).await?;
            let shutdown = CancellationToken::new();
            tokio::spawn(stop_on_signal(shutdown.clone()));
            tracing::info!("kinerja-bot starting");
            app.run(shutdown).await
        }
    }
}

fn print_config(settings: &Settings) {
    let token = settings
        .token
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_else(|| "(not set)".into());
    println!("# environment");
    println!("# TELOXIDE_TOKEN = {token}");
    println!("# TELOXIDE_API_URL = {}", settings.api_url);
    println!("# DATABASE_URL = {}", redact_url(&settings.database_url));
    println!();
    print!("{}", settings.file.to_toml());
}

/// SIGINT or SIGTERM ends the run after the updates being handled are done.
async fn stop_on_signal(shutdown: CancellationToken) {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut term), Ok(mut int)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
    ) else {
        tracing::error!("cannot listen for signals; stop the bot with SIGKILL");
        return;
    };
    tokio::select! {
        _ = term.recv() => tracing::info!("SIGTERM received; finishing current updates"),
        _ = int.recv() => tracing::info!("SIGINT received; finishing current updates"),
    }
    shutdown.cancel();
}
