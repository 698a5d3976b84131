//! `kinerja-bot links`: the account-link audit for organisation HR, as a file.

use std::path::PathBuf;

use chrono::DateTime;

use super::Outcome;
use crate::app::StartError;
use crate::config::Settings;
use crate::export::{self, Format};
use crate::storage::{self, Db};

pub const HEADER: [&str; 7] = [
    "waktu",
    "nip",
    "nama",
    "akun_telegram",
    "akun_sebelumnya",
    "tautan",
    "diterbitkan_oleh",
];

pub async fn run(
    db: &Db,
    settings: &Settings,
    output: Option<PathBuf>,
) -> Result<Outcome, StartError> {
    let tz = settings.file.time_zone.tz();
    let rows: Vec<Vec<String>> = storage::invites::link_events(db)
        .await?
        .into_iter()
        .map(|e| {
            let when = DateTime::from_timestamp(e.linked_at, 0)
                .map(|t| t.with_timezone(&tz).format("%Y-%m-%d %H:%M %Z").to_string())
                .unwrap_or_default();
            vec![
                when,
                e.nip,
                e.name,
                e.telegram_user_id.to_string(),
                e.previous_user_id
                    .map(|p| p.to_string())
                    .unwrap_or_default(),
                e.link,
                // No issuer: the link came from the command line.
                e.issued_by.unwrap_or_else(|| "cli".into()),
            ]
        })
        .collect();
    let format = output
        .as_deref()
        .map(Format::for_path)
        .unwrap_or(Format::Csv);
    let bytes = match export::table(format, &HEADER, &rows) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("kinerja-bot: cannot write the link audit: {e}");
            return Ok(Outcome::Refused);
        }
    };
    match output {
        Some(path) => {
            if let Err(e) = std::fs::write(&path, &bytes) {
                eprintln!("kinerja-bot: cannot write {}: {e}", path.display());
                return Ok(Outcome::Refused);
            }
            eprintln!("{} link events written to {}", rows.len(), path.display());
        }
        None => {
            use std::io::Write;
            let _ = std::io::stdout().write_all(&bytes);
        }
    }
    Ok(Outcome::Done)
}
