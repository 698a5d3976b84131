//! The `kinerja-bot` command line: `run`, `migrate`, `config`, `import`, `invites`, `links`,
//! `broadcast`, `export`, `backup`.

use std::path::PathBuf;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use tokio_util::sync::CancellationToken;

use crate::app::{App, StartError};
use crate::clock::{Clock, SystemClock};
use crate::config::{Environment, Settings};
use crate::domain::Lang;
use crate::import;

mod backup;
mod broadcast;
mod export;
mod export_feedback;
mod export_period;
mod invites;
mod links;
mod run_lock;
mod webhook;
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
    /// Run the bot until SIGINT or SIGTERM: long polling, or a webhook with --webhook.
    Run {
        /// Serve a webhook on webhook.listen and register webhook.url with Telegram, instead
        /// of long polling (same as webhook.enabled = true). Needed for several replicas.
        #[arg(long)]
        webhook: bool,
    },
    /// Telegram's webhook for this bot: `info` shows it, `delete` removes it (long polling
    /// works again).
    Webhook {
        #[command(subcommand)]
        what: WebhookCmd,
    },
    /// Create or upgrade the database schema, then exit.
    Migrate,
    /// Print the effective configuration (secrets hidden).
    Config,
    /// Import employees from HR's CSV or XLSX file (all or nothing).
    Import {
        file: PathBuf,
        /// Check the file and report what would change, without saving.
        #[arg(long)]
        dry_run: bool,
        /// Language of the report: id or en.
        #[arg(long, default_value = "id", value_parser = parse_lang)]
        lang: Lang,
    },
    /// Create one-time invite links (CSV or XLSX by the output's extension; CSV to stdout).
    /// Without --nip: everyone active and not yet linked, within --unit if given.
    Invites {
        /// A unit path ("A > B"): only this unit and its sub-units.
        #[arg(long)]
        unit: Option<String>,
        /// Specific employees (repeatable); they get a new link even if already linked.
        #[arg(long = "nip")]
        nips: Vec<String>,
        /// Output file (.csv or .xlsx).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// The bot's @username for the links; asked from Telegram with the token if omitted.
        #[arg(long)]
        bot_username: Option<String>,
        /// Also withdraw the unused links HR handed out in chat (by default only links this
        /// command issued before are replaced).
        #[arg(long)]
        revoke_others: bool,
    },
    /// Export every account-link event (who was linked to which Telegram account, when, by
    /// which link, issued by whom, and the account it replaced): CSV or XLSX by the output's
    /// extension, CSV to stdout.
    Links {
        /// Output file (.csv or .xlsx).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Queue an announcement for the running bot to send. Prints the audience's size and the
    /// text as recipients will see it; queues only with --yes.
    Broadcast {
        /// File with the text (Telegram HTML unless --plain), or - for standard input.
        file: PathBuf,
        /// all, supervisors, hr, or unit="A > B" (the unit and its sub-units).
        #[arg(long, default_value = "all")]
        audience: String,
        /// The text is plain: shown exactly as written, no formatting.
        #[arg(long)]
        plain: bool,
        /// Queue it (without this, only check and preview).
        #[arg(long)]
        yes: bool,
        /// Language of the messages printed: id or en.
        #[arg(long, default_value = "id", value_parser = parse_lang)]
        lang: Lang,
    },
    /// Copy the SQLite database to a file, consistently, also while the bot runs (PostgreSQL:
    /// use pg_dump).
    Backup {
        /// The backup file to write.
        #[arg(long)]
        out: PathBuf,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Write a report to a file.
    Export {
        #[command(subcommand)]
        what: ExportCmd,
    },
}

#[derive(Debug, Subcommand)]
pub enum WebhookCmd {
    /// Print the URL Telegram posts to, its pending updates and its last error.
    Info,
    /// Remove the webhook (updates wait at Telegram until the bot polls or a webhook is set).
    Delete,
}

#[derive(Debug, Subcommand)]
pub enum ExportCmd {
    /// Dialog compliance for the whole organisation: one row per active employee with their
    /// dialogs this month and this quarter, the last dialog, and a flag for none this quarter.
    Dialogs {
        /// csv or xlsx.
        #[arg(long, value_parser = export::parse_format)]
        format: crate::export::Format,
        /// The file to write.
        #[arg(long)]
        out: PathBuf,
        /// The month (YYYY-MM) and its quarter, counted up to the month's end; default: this
        /// month in the organisation's zone.
        #[arg(long, value_parser = export::parse_month)]
        month: Option<crate::domain::calendar::Month>,
    },
    /// A closed 360 round's results per unit: ratees, and per value the answers of the groups
    /// large enough to be shown, summed; never one person's results.
    Feedback {
        /// The round's number.
        #[arg(long)]
        round: i64,
        /// csv or xlsx.
        #[arg(long, value_parser = export::parse_format)]
        format: crate::export::Format,
        /// The file to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// HR's per-period file for e-Kinerja: one row per employee with supervisor, dialogs per
    /// month and their acknowledgement, 360 figures (anonymity applied), ratings and predikat.
    Period {
        /// The period, as HR defined it: 2027-03, 2027-q1, 2027-s1 or 2027.
        #[arg(long)]
        period: String,
        /// csv or xlsx.
        #[arg(long, value_parser = export::parse_format)]
        format: crate::export::Format,
        /// lengkap (every column) or ekinerja (the columns HR types into e-Kinerja).
        #[arg(long, default_value = "lengkap", value_parser = export_period::parse_layout)]
        layout: crate::period_export::Layout,
        /// A unit path ("A > B"): only this unit and its sub-units.
        #[arg(long)]
        unit: Option<String>,
        /// The file to write.
        #[arg(long)]
        out: PathBuf,
    },
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::from_code(s).ok_or_else(|| "expected id or en".to_owned())
}

/// How a command that ran ended: the bot and migrate succeed or fail to start; an import can
/// also be refused for its file.
pub enum Outcome {
    Done,
    Refused,
}

/// Runs the command; the error is what the operator reads.
pub async fn execute(
    cli: Cli,
    env: Environment,
    rust_log: Option<String>,
) -> Result<Outcome, StartError> {
    let settings = Settings::load(&env, cli.config.as_deref())?;
    match cli.command {
        Cmd::Config => {
            print_config(&settings);
            Ok(Outcome::Done)
        }
        Cmd::Import {
            file,
            dry_run,
            lang,
        } => {
            telemetry::init(settings.file.log_format, rust_log.as_deref());
            let db = storage::connect(&settings.database_url, &settings.file).await?;
            storage::migrate::run(&db).await?;
            let outcome = import_file(&db, &file, dry_run, lang).await;
            db.close().await;
            outcome
        }
        Cmd::Links { output } => {
            telemetry::init(settings.file.log_format, rust_log.as_deref());
            let db = storage::connect(&settings.database_url, &settings.file).await?;
            storage::migrate::run(&db).await?;
            let outcome = links::run(&db, &settings, output).await;
            db.close().await;
            outcome
        }
        Cmd::Invites {
            unit,
            nips,
            output,
            bot_username,
            revoke_others,
        } => {
            telemetry::init(settings.file.log_format, rust_log.as_deref());
            let username = match bot_username {
                Some(u) => u.trim_start_matches('@').to_owned(),
                None => ask_bot_username(&settings).await?,
            };
            let db = storage::connect(&settings.database_url, &settings.file).await?;
            storage::migrate::run(&db).await?;
            let request = invites::Request {
                unit,
                nips,
                output,
                bot_username: username,
                revoke_others,
            };
            let outcome = invites::run(&db, &settings, request).await;
            db.close().await;
            outcome
        }
        Cmd::Broadcast {
            file,
            audience,
            plain,
            yes,
            lang,
        } => {
            telemetry::init(settings.file.log_format, rust_log.as_deref());
            let db = storage::connect(&settings.database_url, &settings.file).await?;
            storage::migrate::run(&db).await?;
            let request = broadcast::Request {
                file,
                audience,
                plain,
                yes,
                lang,
            };
            let outcome = broadcast::run(&db, request).await;
            db.close().await;
            outcome
        }
        Cmd::Export {
            what: ExportCmd::Dialogs { format, out, month },
        } => {
            telemetry::init(settings.file.log_format, rust_log.as_deref());
            let db = storage::connect(&settings.database_url, &settings.file).await?;
            storage::migrate::run(&db).await?;
            let request = export::Request { format, out, month };
            let outcome = export::dialogs(&db, &settings, request).await;
            db.close().await;
            outcome
        }
        Cmd::Export {
            what: ExportCmd::Feedback { round, format, out },
        } => {
            telemetry::init(settings.file.log_format, rust_log.as_deref());
            let db = storage::connect(&settings.database_url, &settings.file).await?;
            storage::migrate::run(&db).await?;
            let request = export_feedback::Request { round, format, out };
            let outcome = export_feedback::feedback(&db, &settings, request).await;
            db.close().await;
            outcome
        }
        Cmd::Export {
            what:
                ExportCmd::Period {
                    period,
                    format,
                    layout,
                    unit,
                    out,
                },
        } => {
            telemetry::init(settings.file.log_format, rust_log.as_deref());
            let db = storage::connect(&settings.database_url, &settings.file).await?;
            storage::migrate::run(&db).await?;
            let request = export_period::Request {
                period,
                format,
                layout,
                unit,
                out,
            };
            let outcome = export_period::period(&db, &settings, request).await;
            db.close().await;
            outcome
        }
        Cmd::Backup { out, force } => {
            telemetry::init(settings.file.log_format, rust_log.as_deref());
            backup::run(&settings, backup::Request { out, force }).await
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
            Ok(Outcome::Done)
        }
        Cmd::Webhook { what } => webhook::execute(&settings, what).await,
        Cmd::Run { webhook } => {
            let mut settings = settings;
            settings.file.webhook.enabled |= webhook;
            telemetry::init(settings.file.log_format, rust_log.as_deref());
            // Taken before the schema is touched and held until the process ends.
            let _run_lock = run_lock::acquire(&settings.database_url)?;
            let app = App::build(settings, Arc::new(SystemClock)).await?;
            let shutdown = CancellationToken::new();
            tokio::spawn(stop_on_signal(shutdown.clone()));
            tracing::info!("kinerja-bot starting");
            app.run(shutdown).await.map(|()| Outcome::Done)
        }
    }
}

async fn ask_bot_username(settings: &Settings) -> Result<String, StartError> {
    use teloxide::prelude::Requester;
    let token = settings.require_token()?;
    let telegram =
        crate::telegram::Telegram::new(token, settings.api_url.clone(), &settings.file.rate_limits);
    let me = telegram.bot().get_me().await.map_err(|e| {
        if matches!(
            e,
            teloxide::RequestError::Api(teloxide::ApiError::InvalidToken)
        ) {
            StartError::TokenRejected(e.to_string())
        } else {
            StartError::BotApiUnreachable(crate::telegram::describe(&e))
        }
    })?;
    Ok(me.user.username.clone().unwrap_or_default())
}

async fn import_file(
    db: &storage::Db,
    path: &std::path::Path,
    dry_run: bool,
    lang: Lang,
) -> Result<Outcome, StartError> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("kinerja-bot: cannot read {}: {e}", path.display());
            return Ok(Outcome::Refused);
        }
    };
    let progress = Progress::new();
    let result = import::import(db, &bytes, dry_run, SystemClock.now(), &|p| {
        progress.show(p)
    })
    .await;
    progress.finish();
    match result {
        Ok(o) => {
            println!("{}", import::render_outcome(lang, &o));
            Ok(Outcome::Done)
        }
        Err(import::ImportError::Storage(e)) => Err(e.into()),
        Err(e) => {
            println!("{}", import::render_error(lang, &e));
            Ok(Outcome::Refused)
        }
    }
}

/// A spinner on a terminal; nothing at all when stderr is piped or a script runs the command.
struct Progress(indicatif::ProgressBar);

impl Progress {
    fn new() -> Self {
        use std::io::IsTerminal;
        let bar = if std::io::stderr().is_terminal() {
            let b = indicatif::ProgressBar::new_spinner();
            b.enable_steady_tick(std::time::Duration::from_millis(120));
            b
        } else {
            indicatif::ProgressBar::hidden()
        };
        Self(bar)
    }

    fn show(&self, phase: import::Phase) {
        let msg = match phase {
            import::Phase::Reading => "reading file".to_owned(),
            import::Phase::Validating { rows } => format!("checking {rows} rows"),
            import::Phase::Comparing => "comparing with the database".to_owned(),
            import::Phase::Writing { rows } => format!("writing {rows} changes"),
        };
        self.0.set_message(msg);
    }

    fn finish(&self) {
        self.0.finish_and_clear();
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
    println!(
        "# TELOXIDE_API_URL = {}",
        redact_url(settings.api_url.as_str())
    );
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
