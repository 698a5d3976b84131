//! `kinerja-bot export period`: HR's per-period file for e-Kinerja, for the whole organisation
//! or one unit's subtree, written to a file as it is read (a `.part` file renamed at the end, so
//! a failed run leaves no half-written file under the name asked for).

use std::path::{Path, PathBuf};

use crate::app::StartError;
use crate::clock::{Clock, SystemClock};
use crate::config::Settings;
use crate::domain::authz::Scope;
use crate::domain::org::UnitPath;
use crate::domain::period::Period;
use crate::export::Format;
use crate::period_export::{self, Export, ExportError, Layout, Output};
use crate::storage::{Db, org, periods};

use super::Outcome;

pub struct Request {
    pub period: String,
    pub format: Format,
    pub layout: Layout,
    pub unit: Option<String>,
    pub out: PathBuf,
}

pub async fn period(db: &Db, settings: &Settings, request: Request) -> Result<Outcome, StartError> {
    let Some(period) = Period::parse(request.period.trim()) else {
        eprintln!(
            "kinerja-bot: {:?} is not a period: use 2027-03 (month), 2027-q1 (quarter), \
             2027-s1 (semester) or 2027 (year)",
            request.period
        );
        return Ok(Outcome::Refused);
    };
    if periods::get(db, period).await?.is_none() {
        eprintln!(
            "kinerja-bot: period {} is not defined; HR defines it first",
            period.code()
        );
        return Ok(Outcome::Refused);
    }
    let scope = match &request.unit {
        None => Scope::Organisation,
        Some(raw) => match UnitPath::parse(raw) {
            Some(unit) if org::unit_id_of(db, &unit).await?.is_some() => Scope::Subtree(unit),
            _ => {
                eprintln!("kinerja-bot: there is no unit {raw:?} (write its path: \"A > B\")");
                return Ok(Outcome::Refused);
            }
        },
    };
    let export = Export {
        period,
        scope,
        layout: request.layout,
        format: request.format,
    };
    let part = part_path(&request.out);
    let output = Output::File(part.clone());
    let written = period_export::write(db, &export, settings, SystemClock.now(), output).await;
    let written = match written {
        Ok(w) => w,
        Err(e) => {
            let _ = std::fs::remove_file(&part);
            return match e {
                ExportError::Storage(e) => Err(e.into()),
                ExportError::Write(e) => {
                    eprintln!("kinerja-bot: cannot write {}: {e}", request.out.display());
                    Ok(Outcome::Refused)
                }
            };
        }
    };
    if let Err(e) = std::fs::rename(&part, &request.out) {
        let _ = std::fs::remove_file(&part);
        eprintln!("kinerja-bot: cannot write {}: {e}", request.out.display());
        return Ok(Outcome::Refused);
    }
    eprintln!(
        "{} employees, period {} ({}), written to {}",
        written.rows,
        period.code(),
        export.layout.code(),
        request.out.display()
    );
    Ok(Outcome::Done)
}

/// `lengkap` or `ekinerja`.
pub fn parse_layout(s: &str) -> Result<Layout, String> {
    Layout::parse(&s.to_ascii_lowercase()).ok_or_else(|| "expected lengkap or ekinerja".to_owned())
}

/// `FILE.part` beside `FILE`.
fn part_path(out: &Path) -> PathBuf {
    let mut name = out.file_name().unwrap_or_default().to_os_string();
    name.push(".part");
    out.with_file_name(name)
}
