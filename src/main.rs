//! Wiring only: read the command line and environment, run, report how it ended.

use std::process::ExitCode;

use clap::Parser;
use kinerja_bot::cli::{self, Cli, Outcome};
use kinerja_bot::config::Environment;

// glibc's malloc spent about a tenth of the bot's CPU under load (JSON of every update, SQLite's
// pages, HTTP buffers on several threads); mimalloc does the same work for less.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let env = Environment::from_process();
    let rust_log = std::env::var("RUST_LOG").ok();
    match cli::execute(cli, env, rust_log).await {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::Refused) => ExitCode::from(1),
        Err(e) => {
            eprintln!("kinerja-bot: {e}");
            ExitCode::from(2)
        }
    }
}
