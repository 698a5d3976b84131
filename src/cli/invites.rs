//! `kinerja-bot invites`: issue links and write them for HR to mail out.

use std::path::PathBuf;

use super::Outcome;
use crate::app::StartError;
use crate::clock::{Clock, SystemClock};
use crate::config::Settings;
use crate::domain::Nip;
use crate::export::{self, Format};
use crate::invite_sheet;
use crate::storage::{self, Db};

pub struct Request {
    pub unit: Option<String>,
    pub nips: Vec<String>,
    pub output: Option<PathBuf>,
    pub bot_username: String,
    /// Also withdraw unused links HR handed out in chat.
    pub revoke_others: bool,
}

pub async fn run(db: &Db, settings: &Settings, req: Request) -> Result<Outcome, StartError> {
    let employees = storage::org::employees(db).await?;
    let targets: Vec<Nip> = if req.nips.is_empty() {
        // The operator's tool: every role, HR and admin links included.
        storage::invites::unlinked(db, req.unit.as_deref())
            .await?
            .into_iter()
            .map(|u| u.nip)
            .collect()
    } else {
        let mut out = Vec::new();
        for raw in &req.nips {
            match Nip::parse(raw) {
                Ok(n) if employees.get(&n).is_some_and(|(_, active)| *active) => out.push(n),
                _ => {
                    eprintln!("kinerja-bot: {raw} is not an active employee");
                    return Ok(Outcome::Refused);
                }
            }
        }
        out
    };
    let now = SystemClock.now();
    let issuer = storage::invites::Issuer {
        nip: None,
        revoke_others: req.revoke_others,
    };
    let rows =
        invite_sheet::issue(db, &settings.file, &targets, issuer, now, &req.bot_username).await?;
    let format = req
        .output
        .as_deref()
        .map(Format::for_path)
        .unwrap_or(Format::Csv);
    let bytes = match export::table(format, &invite_sheet::HEADER, &rows) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("kinerja-bot: cannot write the invite sheet: {e}");
            return Ok(Outcome::Refused);
        }
    };
    match &req.output {
        Some(path) => {
            if let Err(e) = std::fs::write(path, &bytes) {
                eprintln!("kinerja-bot: cannot write {}: {e}", path.display());
                return Ok(Outcome::Refused);
            }
            eprintln!("{} invite links written to {}", rows.len(), path.display());
        }
        None => {
            use std::io::Write;
            let _ = std::io::stdout().write_all(&bytes);
        }
    }
    Ok(Outcome::Done)
}
