//! `kinerja-bot broadcast`: an announcement from a script. It checks the text as Telegram would,
//! prints the audience's size and the text as recipients will see it, and queues it only with
//! `--yes`; the running bot sends it (the queue is in the shared database).

use std::io::Read;
use std::path::PathBuf;

use super::Outcome;
use crate::app::StartError;
use crate::clock::{Clock, SystemClock};
use crate::domain::formatting::{check_html, escape_html};
use crate::domain::org::UnitPath;
use crate::domain::{Audience, Lang};
use crate::storage::{self, Db, broadcasts};

pub struct Request {
    /// The text, or `-` for standard input.
    pub file: PathBuf,
    pub audience: String,
    pub plain: bool,
    pub yes: bool,
    pub lang: Lang,
}

pub async fn run(db: &Db, req: Request) -> Result<Outcome, StartError> {
    let Some(raw) = read_text(&req.file) else {
        return Ok(Outcome::Refused);
    };
    let html = if req.plain {
        escape_html(raw.trim_end())
    } else {
        raw.trim_end().to_owned()
    };
    let visible = match check_html(&html) {
        Ok(v) => v,
        Err(e) => {
            let reason = crate::formatting_errors::render(req.lang, &e);
            eprintln!("kinerja-bot: Telegram would refuse this text: {reason}");
            return Ok(Outcome::Refused);
        }
    };
    let Some(audience) = audience(db, &req.audience).await? else {
        eprintln!(
            "kinerja-bot: unknown audience {:?}; expected all, supervisors, hr or unit=\"A > B\"",
            req.audience
        );
        return Ok(Outcome::Refused);
    };
    let Some(resolved) = storage::audience::resolve(db, audience, None).await? else {
        return Ok(Outcome::Refused);
    };
    let size = storage::audience::size(db, &resolved).await?;
    println!(
        "audience: {} active employees, {} with a linked account, {} not linked",
        size.total,
        size.linked,
        size.total - size.linked
    );
    println!("--- as recipients will see it ---\n{visible}\n---");
    if !req.yes {
        println!("nothing queued; run again with --yes to send");
        return Ok(Outcome::Done);
    }
    let new = broadcasts::NewBroadcast {
        created_by: None,
        audience,
        scope_unit_id: None,
        resolved: &resolved,
        html: &html,
        report_chat: None,
        report_lang: req.lang,
    };
    let (id, rows) = broadcasts::create(db, &new, SystemClock.now().timestamp()).await?;
    println!("broadcast #{id} queued for {rows} recipients; the running bot sends it");
    Ok(Outcome::Done)
}

fn read_text(path: &PathBuf) -> Option<String> {
    let mut text = String::new();
    let read = if path.as_os_str() == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(path).map(|t| text = t)
    };
    match read {
        Ok(()) => Some(text),
        Err(e) => {
            eprintln!("kinerja-bot: cannot read {}: {e}", path.display());
            None
        }
    }
}

async fn audience(db: &Db, raw: &str) -> Result<Option<Audience>, StartError> {
    Ok(match raw {
        "all" => Some(Audience::Everyone),
        "supervisors" => Some(Audience::Supervisors),
        "hr" => Some(Audience::Hr),
        other => match other.strip_prefix("unit=").and_then(UnitPath::parse) {
            Some(unit) => storage::org::unit_id_of(db, &unit)
                .await?
                .map(Audience::Unit),
            None => None,
        },
    })
}
