//! `kinerja-bot export feedback`: a closed 360 round's figures per unit, the file organisation
//! HR gets in chat. Only the per-unit sums of shown groups: no ratee's and no rater's answers.

use std::path::PathBuf;

use crate::app::StartError;
use crate::bot::context::HandlerError;
use crate::bot::features::feedback_results::{build_file, file_name};
use crate::clock::{Clock, SystemClock};
use crate::config::Settings;
use crate::domain::RoundId;
use crate::domain::authz::Scope;
use crate::export::Format;
use crate::storage::{Db, feedback_rounds};

use super::Outcome;

pub struct Request {
    pub round: i64,
    pub format: Format,
    pub out: PathBuf,
}

pub async fn feedback(
    db: &Db,
    settings: &Settings,
    request: Request,
) -> Result<Outcome, StartError> {
    let Some(round) = feedback_rounds::get(db, RoundId(request.round)).await? else {
        eprintln!("kinerja-bot: there is no 360 round {}", request.round);
        return Ok(Outcome::Refused);
    };
    let (tz, time) = (
        settings.file.time_zone.tz(),
        settings.file.feedback.reminder_time(),
    );
    if !round.results_ready(SystemClock.now(), tz, time) {
        eprintln!(
            "kinerja-bot: round {} is still open (answers until {}); its results are available \
             once it has closed",
            round.id.0,
            round.last_day()
        );
        return Ok(Outcome::Refused);
    }
    let min = settings.file.feedback_min_group();
    let built = build_file(db, &round, &Scope::Organisation, min, request.format).await;
    let (bytes, units) = match built {
        Ok(built) => built,
        Err(HandlerError::Storage(e)) => return Err(e.into()),
        Err(e) => {
            eprintln!("kinerja-bot: cannot write the 360 results file: {e}");
            return Ok(Outcome::Refused);
        }
    };
    if let Err(e) = std::fs::write(&request.out, &bytes) {
        eprintln!("kinerja-bot: cannot write {}: {e}", request.out.display());
        return Ok(Outcome::Refused);
    }
    eprintln!(
        "{units} units, round {} ({}), written to {} (the bot names it {})",
        round.id.0,
        round.period.code(),
        request.out.display(),
        file_name(&round, request.format)
    );
    Ok(Outcome::Done)
}
