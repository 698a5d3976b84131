//! Logging through `tracing`: readable text by default, JSON when configured, `RUST_LOG`
//! respected. teloxide's `log` records are bridged in. Nothing personal is logged above debug:
//! handlers log ids, never message text or NIP.

use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;

pub fn init(format: LogFormat, rust_log: Option<&str>) {
    let filter =
        EnvFilter::try_new(rust_log.unwrap_or("info")).unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // A second init (tests building several apps in one process) keeps the first subscriber.
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
}
