//! `kinerja-bot export dialogs`: the dialog compliance file HR gets in chat, for the whole
//! organisation, for the current month or one given with `--month`.

use std::path::PathBuf;

use crate::app::StartError;
use crate::bot::features::dialog::compliance::{build_file, quarter_name};
use crate::clock::{Clock, SystemClock};
use crate::config::Settings;
use crate::domain::authz::Scope;
use crate::domain::calendar::{Month, local_date};
use crate::export::Format;
use crate::storage::Db;
use crate::storage::dialog_reports::Period;

use super::Outcome;

pub struct Request {
    pub format: Format,
    pub out: PathBuf,
    /// `None`: this month in the organisation's zone.
    pub month: Option<Month>,
}

pub async fn dialogs(
    db: &Db,
    settings: &Settings,
    request: Request,
) -> Result<Outcome, StartError> {
    let month = request
        .month
        .unwrap_or_else(|| Month::of(local_date(SystemClock.now(), settings.file.time_zone.tz())));
    let period = Period { month };
    let (bytes, count) = match build_file(db, &Scope::Organisation, period, request.format).await {
        Ok(built) => built,
        Err(crate::bot::context::HandlerError::Storage(e)) => return Err(e.into()),
        Err(e) => {
            eprintln!("kinerja-bot: cannot write the dialog compliance file: {e}");
            return Ok(Outcome::Refused);
        }
    };
    if let Err(e) = std::fs::write(&request.out, &bytes) {
        eprintln!("kinerja-bot: cannot write {}: {e}", request.out.display());
        return Ok(Outcome::Refused);
    }
    eprintln!(
        "{count} employees, month {month}, quarter {} (counted up to the end of the month), \
         written to {}",
        quarter_name(period),
        request.out.display()
    );
    Ok(Outcome::Done)
}

/// `csv` or `xlsx`.
pub fn parse_format(s: &str) -> Result<Format, String> {
    match s.to_ascii_lowercase().as_str() {
        "csv" => Ok(Format::Csv),
        "xlsx" => Ok(Format::Xlsx),
        _ => Err("expected csv or xlsx".to_owned()),
    }
}

/// `YYYY-MM`.
pub fn parse_month(s: &str) -> Result<Month, String> {
    Month::parse(s).ok_or_else(|| "expected a month as YYYY-MM, e.g. 2027-01".to_owned())
}
