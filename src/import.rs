//! Importing the organisation from HR's file: read, validate every row, compare with what is
//! stored, and write it in one transaction — or, for a dry run, only report. Used by the CLI and
//! (later) by HR uploading the file in chat.

use chrono::{DateTime, Utc};

use crate::domain::Lang;
use crate::domain::org::{self, Problem, RowError};
use crate::hrfile::{self, FileError};
use crate::i18n::{Msg, text, text_with};
use crate::storage::{self, Db, StorageError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportOutcome {
    pub added: usize,
    pub changed: usize,
    pub deactivated: usize,
    pub unchanged: usize,
    pub new_units: usize,
    /// False for a dry run: nothing was written.
    pub applied: bool,
    /// The CSV was read as Windows-1252 (it was not UTF-8).
    pub read_as_windows_1252: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{0}")]
    File(FileError),
    #[error("{} bad rows", .0.len())]
    Rows(Vec<RowError>),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// Steps reported to a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Reading,
    Validating { rows: usize },
    Comparing,
    Writing { rows: usize },
}

pub async fn import(
    db: &Db,
    bytes: &[u8],
    dry_run: bool,
    now: DateTime<Utc>,
    progress: &(dyn Fn(Phase) + Sync),
) -> Result<ImportOutcome, ImportError> {
    let (plan, mut outcome) = prepare(db, bytes, now, progress).await?;
    if !dry_run {
        apply(db, &plan, now, progress).await?;
    }
    outcome.applied = !dry_run;
    Ok(outcome)
}

/// What a preview showed HR: a confirm applies exactly this, or nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Shown {
    pub added: usize,
    pub changed: usize,
    pub deactivated: usize,
    pub unchanged: usize,
    pub new_units: usize,
}

impl From<&ImportOutcome> for Shown {
    fn from(o: &ImportOutcome) -> Self {
        Self {
            added: o.added,
            changed: o.changed,
            deactivated: o.deactivated,
            unchanged: o.unchanged,
            new_units: o.new_units,
        }
    }
}

/// How a confirm ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmed {
    Applied(ImportOutcome),
    /// The stored organisation changed since the preview: nothing was written; this is what
    /// the file would do now.
    Changed(ImportOutcome),
}

/// Imports the file only if it still does what the preview showed.
pub async fn import_as_previewed(
    db: &Db,
    bytes: &[u8],
    now: DateTime<Utc>,
    shown: Shown,
) -> Result<Confirmed, ImportError> {
    let (plan, mut outcome) = prepare(db, bytes, now, &|_| {}).await?;
    if Shown::from(&outcome) != shown {
        return Ok(Confirmed::Changed(outcome));
    }
    apply(db, &plan, now, &|_| {}).await?;
    outcome.applied = true;
    Ok(Confirmed::Applied(outcome))
}

/// Reads, checks and compares the file; writes nothing.
async fn prepare(
    db: &Db,
    bytes: &[u8],
    now: DateTime<Utc>,
    progress: &(dyn Fn(Phase) + Sync),
) -> Result<(org::ImportPlan, ImportOutcome), ImportError> {
    progress(Phase::Reading);
    // Reading and checking 100,000 rows takes a good fraction of a second of CPU: on a blocking
    // thread, so that other chats' replies do not wait for it.
    let owned = bytes.to_vec();
    let file = off_runtime(move || hrfile::read_employee_file(&owned))
        .await?
        .map_err(ImportError::File)?;
    let (rows, read_as_windows_1252) = (file.rows, file.read_as_windows_1252);
    progress(Phase::Validating { rows: rows.len() });
    let today = now.date_naive();
    let employees = off_runtime(move || org::validate(&rows, today))
        .await?
        .map_err(ImportError::Rows)?;
    progress(Phase::Comparing);
    let existing = storage::org::fingerprints(db).await?;
    let units = storage::org::units(db).await?.into_keys().collect();
    let plan = off_runtime(move || org::plan(employees, &existing, &units)).await?;
    let outcome = ImportOutcome {
        added: plan.added.len(),
        changed: plan.changed.len(),
        deactivated: plan.deactivated.len(),
        unchanged: plan.unchanged,
        new_units: plan.new_units.len(),
        applied: false,
        read_as_windows_1252,
    };
    Ok((plan, outcome))
}

async fn apply(
    db: &Db,
    plan: &org::ImportPlan,
    now: DateTime<Utc>,
    progress: &(dyn Fn(Phase) + Sync),
) -> Result<(), ImportError> {
    let writes = plan.added.len() + plan.changed.len() + plan.deactivated.len();
    if writes > 0 || !plan.new_units.is_empty() {
        progress(Phase::Writing { rows: writes });
        storage::org::apply_import(db, plan, now).await?;
    }
    Ok(())
}

/// The file's fingerprint, kept with a preview so a confirm can tell it is the same file.
pub fn file_hash(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Runs CPU-heavy work on tokio's blocking threads.
async fn off_runtime<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ImportError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ImportError::Storage(StorageError::Corrupt(format!("import worker: {e}"))))
}

pub fn render_outcome(lang: Lang, o: &ImportOutcome) -> String {
    let msg = if o.applied {
        Msg::ImportDone
    } else {
        Msg::ImportDryRun
    };
    let counts = render_counts(lang, msg, o);
    if o.read_as_windows_1252 {
        format!("{counts}\n{}", text(lang, Msg::ImportReadAsWindows1252))
    } else {
        counts
    }
}

fn render_counts(lang: Lang, msg: Msg, o: &ImportOutcome) -> String {
    text_with(
        lang,
        msg,
        &[
            ("added", o.added.to_string()),
            ("changed", o.changed.to_string()),
            ("deactivated", o.deactivated.to_string()),
            ("unchanged", o.unchanged.to_string()),
            ("units", o.new_units.to_string()),
        ],
    )
}

/// The whole report for a refused file: what is wrong, every bad row with its line, and that
/// nothing was changed.
pub fn render_error(lang: Lang, err: &ImportError) -> String {
    render_error_within(lang, err, usize::MAX)
}

/// Bad rows shown in a chat message; the full list comes as a file (`row_error_table`).
pub const ROWS_IN_CHAT: usize = 30;

/// Like `render_error`, with at most `max_rows` bad rows listed and a line saying how many more
/// there are.
pub fn render_error_within(lang: Lang, err: &ImportError, max_rows: usize) -> String {
    match err {
        ImportError::File(f) => {
            let reason = file_problem(lang, f);
            text_with(lang, Msg::ImportFileRefused, &[("reason", reason)])
        }
        ImportError::Rows(errors) => {
            let mut out = text_with(
                lang,
                Msg::ImportRowsRefused,
                &[("count", errors.len().to_string())],
            );
            for e in errors.iter().take(max_rows) {
                out.push('\n');
                out.push_str(&text_with(
                    lang,
                    Msg::ImportRowError,
                    &[
                        ("line", e.line.to_string()),
                        ("reason", row_problem(lang, &e.problem)),
                    ],
                ));
            }
            if errors.len() > max_rows {
                let more = [("count", (errors.len() - max_rows).to_string())];
                out.push('\n');
                out.push_str(&text_with(lang, Msg::ImportMoreRows, &more));
            }
            out
        }
        ImportError::Storage(_) => text(lang, Msg::InternalError),
    }
}

/// Every bad row as a table for a file: `baris;alasan` (line; reason).
pub fn row_error_table(lang: Lang, errors: &[RowError]) -> Vec<Vec<String>> {
    errors
        .iter()
        .map(|e| vec![e.line.to_string(), row_problem(lang, &e.problem)])
        .collect()
}

fn file_problem(lang: Lang, f: &FileError) -> String {
    match f {
        FileError::Empty => text(lang, Msg::FileEmpty),
        FileError::TooLarge { limit_mb } => {
            text_with(lang, Msg::FileTooLarge, &[("mb", limit_mb.to_string())])
        }
        FileError::NotCsvOrXlsx => text(lang, Msg::FileNotCsvOrXlsx),
        FileError::MissingColumns(c) => {
            text_with(lang, Msg::FileMissingColumns, &[("columns", c.clone())])
        }
        FileError::DuplicateColumn(column) => text_with(
            lang,
            Msg::FileDuplicateColumn,
            &[("column", column.clone())],
        ),
        FileError::TooManyRows { max } => {
            text_with(lang, Msg::FileTooManyRows, &[("max", max.to_string())])
        }
        FileError::SheetTooWide { max_cells } => text_with(
            lang,
            Msg::FileSheetTooWide,
            &[("max", max_cells.to_string())],
        ),
        FileError::Unreadable(cause) => {
            text_with(lang, Msg::FileUnreadable, &[("cause", cause.clone())])
        }
    }
}

fn row_problem(lang: Lang, p: &Problem) -> String {
    use crate::domain::NipError;
    match p {
        Problem::BadNip(NipError::Shape) => text(lang, Msg::ProblemNipShape),
        Problem::BadNip(NipError::BirthDate) => text(lang, Msg::ProblemNipBirthDate),
        Problem::BadNip(NipError::AppointmentDate) => text(lang, Msg::ProblemNipAppointment),
        Problem::BadNip(NipError::SexDigit) => text(lang, Msg::ProblemNipSexDigit),
        Problem::DuplicateNip { first_line } => text_with(
            lang,
            Msg::ProblemDuplicateNip,
            &[("first_line", first_line.to_string())],
        ),
        Problem::EmptyName => text(lang, Msg::ProblemEmptyName),
        Problem::NameTooLong => text(lang, Msg::ProblemNameTooLong),
        Problem::BadUnit => text(lang, Msg::ProblemBadUnit),
        Problem::BadSupervisorNip => text(lang, Msg::ProblemBadSupervisorNip),
        Problem::SelfSupervisor => text(lang, Msg::ProblemSelfSupervisor),
        Problem::UnknownSupervisor(nip) => {
            text_with(lang, Msg::ProblemUnknownSupervisor, &[("nip", nip.clone())])
        }
        Problem::SupervisorCycle(chain) => text_with(
            lang,
            Msg::ProblemSupervisorCycle,
            &[("chain", chain.join(" → "))],
        ),
        Problem::UnknownRole(role) => {
            text_with(lang, Msg::ProblemUnknownRole, &[("role", role.clone())])
        }
        Problem::UnknownLanguage(l) => text_with(
            lang,
            Msg::ProblemUnknownLanguage,
            &[("language", l.clone())],
        ),
        Problem::FieldCount { found, expected } => text_with(
            lang,
            Msg::ProblemFieldCount,
            &[
                ("found", found.to_string()),
                ("expected", expected.to_string()),
            ],
        ),
        Problem::ControlCharacter => text(lang, Msg::ProblemControlCharacter),
        Problem::NipStoredAsNumber => text(lang, Msg::ProblemNipStoredAsNumber),
        Problem::AppointedInTheFuture => text(lang, Msg::ProblemAppointedInTheFuture),
        Problem::CellTooLong { max } => {
            text_with(lang, Msg::ProblemCellTooLong, &[("max", max.to_string())])
        }
    }
}
