//! HR's per-period file for e-Kinerja, for the CLI (`kinerja-bot export period`) and the chat
//! alike: the rows read in chunks (`storage::period_export`), handed to a writer on a blocking
//! thread through a small channel, written as they come. Neither the rows nor (for a file on
//! disk) the bytes are ever held all at once, and the async runtime never formats a cell.

pub mod layout;
pub mod writer;

use chrono::{DateTime, Utc};

pub use layout::Layout;
pub use writer::Output;

use crate::config::Settings;
use crate::domain::RoundId;
use crate::domain::authz::Scope;
use crate::domain::period::Period;
use crate::export::Format;
use crate::storage::period_export::{Reader, Request, Row, rounds_within};
use crate::storage::{Db, StorageError};

/// What HR asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    pub period: Period,
    pub scope: Scope,
    pub layout: Layout,
    pub format: Format,
}

impl Export {
    /// `penilaian-2027-q1-lengkap.xlsx`, `penilaian-2027-q1-ekinerja.csv`.
    pub fn file_name(&self) -> String {
        format!(
            "penilaian-{}-{}.{}",
            self.period.code(),
            self.layout.code(),
            self.format.extension()
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("writing the file failed: {0}")]
    Write(String),
}

/// What was written.
#[derive(Debug)]
pub struct Written {
    pub rows: usize,
    /// The file, when it was written to memory.
    pub bytes: Option<Vec<u8>>,
}

/// The 360 rounds whose answers count for `period` at `now`: for a period within it, and with
/// results ready (`Round::results_ready`: closed, and past the results' time).
pub async fn ready_rounds(
    db: &Db,
    period: Period,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<Vec<RoundId>, StorageError> {
    let tz = settings.file.time_zone.tz();
    let time = settings.file.feedback.reminder_time();
    Ok(rounds_within(db, period)
        .await?
        .into_iter()
        .filter(|r| r.results_ready(now, tz, time))
        .map(|r| r.id)
        .collect())
}

/// Chunks of rows in flight between the reader and the writer: a little reading ahead, never
/// the whole file.
const IN_FLIGHT: usize = 2;

/// Writes the file for `export` at `now` to `output`.
pub async fn write(
    db: &Db,
    export: &Export,
    settings: &Settings,
    now: DateTime<Utc>,
    output: Output,
) -> Result<Written, ExportError> {
    let request = Request {
        period: export.period,
        scope: export.scope.clone(),
        rounds: ready_rounds(db, export.period, settings, now).await?,
        min_group: settings.file.feedback_min_group(),
    };
    let tz = settings.file.time_zone.tz();
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Vec<Row>>(IN_FLIGHT);
    let (period, layout, format) = (export.period, export.layout, export.format);
    let worker = tokio::task::spawn_blocking(move || {
        let header = layout::header(layout, period);
        let mut w = writer::Writer::new(format, &header, &period.code(), &output)?;
        let mut rows = 0;
        while let Some(chunk) = rx.blocking_recv() {
            for row in &chunk {
                w.row(layout::cells(layout, period, row, tz))?;
            }
            rows += chunk.len();
        }
        Ok::<_, String>((rows, w.finish()?))
    });
    let mut reader = Reader::new(db, request);
    let read = async {
        while let Some(chunk) = reader.next_chunk().await? {
            if tx.send(chunk).await.is_err() {
                // The writer stopped; its error is what to report.
                break;
            }
        }
        Ok::<_, StorageError>(())
    }
    .await;
    drop(tx);
    let written = worker
        .await
        .map_err(|e| ExportError::Write(format!("export worker: {e}")))?;
    read?;
    let (rows, bytes) = written.map_err(ExportError::Write)?;
    Ok(Written { rows, bytes })
}
