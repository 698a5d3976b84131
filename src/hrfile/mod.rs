//! Reading HR's employee files: CSV (comma or semicolon, UTF-8 with or without BOM, quoted
//! fields with separators and newlines) and XLSX, headers in Indonesian or English, any column
//! order. Produces raw rows for `domain::org::validate`; knows nothing of Telegram or SQL.

mod columns;
mod csv_file;
mod xlsx_file;

use crate::domain::org::{Problem, RawRow};

pub use columns::Column;

/// Largest file accepted (a 100,000-employee organisation is about 15 MB as CSV).
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;
/// Most employee rows a file may hold.
pub const MAX_ROWS: usize = 300_000;
/// Longest cell read; longer ones are refused with their line (a name is at most 200).
pub const MAX_CELL_CHARS: usize = 1000;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is larger than {limit_mb} MB")]
    TooLarge { limit_mb: usize },
    #[error("the file is neither CSV (UTF-8 text) nor XLSX")]
    NotCsvOrXlsx,
    #[error("required columns are missing: {0}")]
    MissingColumns(String),
    #[error("the header names the column {0} twice")]
    DuplicateColumn(String),
    #[error("the sheet spans more than {max_cells} cells")]
    SheetTooWide { max_cells: u64 },
    #[error("the file has more than {max} rows")]
    TooManyRows { max: usize },
    #[error("the file cannot be read: {0}")]
    Unreadable(String),
}

/// Reads the rows of an employee file; the kind is told by the content, not the name.
pub fn read_employees(bytes: &[u8]) -> Result<Vec<RawRow>, FileError> {
    read_employee_file(bytes).map(|f| f.rows)
}

/// An employee file as read.
#[derive(Debug, Clone, PartialEq)]
pub struct EmployeeFile {
    pub rows: Vec<RawRow>,
    /// The CSV was not UTF-8 and was read as Windows-1252, which Excel on Indonesian Windows
    /// writes when told to save "CSV"; the report says so.
    pub read_as_windows_1252: bool,
}

/// Like `read_employees`, saying how a CSV's text was decoded.
pub fn read_employee_file(bytes: &[u8]) -> Result<EmployeeFile, FileError> {
    let mut read_as_windows_1252 = false;
    let rows = read_rows(bytes, &mut read_as_windows_1252)?;
    Ok(EmployeeFile {
        rows,
        read_as_windows_1252,
    })
}

fn read_rows(bytes: &[u8], windows_1252: &mut bool) -> Result<Vec<RawRow>, FileError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(FileError::TooLarge {
            limit_mb: MAX_FILE_BYTES / 1024 / 1024,
        });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(FileError::Empty);
    }
    let rows = if bytes.starts_with(b"PK\x03\x04") {
        xlsx_file::read(bytes)?
    } else {
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(_) => {
                // Every byte has a meaning in Windows-1252; what is not text shows up as control
                // characters, which the rows report with their lines.
                *windows_1252 = true;
                encoding_rs::WINDOWS_1252
                    .decode_without_bom_handling(bytes)
                    .0
            }
        };
        // NULs in the header line: UTF-16 or binary, not a CSV. Further down they are a damaged
        // row, reported with its line.
        if text.lines().next().is_some_and(|l| l.contains('\0')) {
            return Err(FileError::NotCsvOrXlsx);
        }
        csv_file::read(&text)?
    };
    if rows.is_empty() {
        return Err(FileError::Empty);
    }
    if rows.len() > MAX_ROWS {
        return Err(FileError::TooManyRows { max: MAX_ROWS });
    }
    Ok(rows)
}

/// One cell as read: its text, and whether the file stored it as a number.
#[derive(Debug, Clone, Default, PartialEq)]
struct Cell {
    text: String,
    numeric: bool,
}

impl Cell {
    fn text(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            numeric: false,
        }
    }
}

/// Turns a header row and data rows (with their line numbers) into raw rows. `strict_width`:
/// every row must have as many fields as the header (CSV; a sheet's rows always have the
/// sheet's width).
fn to_rows(
    header: &[String],
    records: impl Iterator<Item = (usize, Vec<Cell>)>,
    strict_width: bool,
) -> Result<Vec<RawRow>, FileError> {
    let map = columns::map_header(header)?;
    Ok(records
        .filter(|(_, cells)| cells.iter().any(|c| !c.text.trim().is_empty()))
        .map(|(line, cells)| {
            let get = |col: Column| {
                map.get(&col)
                    .and_then(|i| cells.get(*i))
                    .map(|c| c.text.trim().to_owned())
                    .unwrap_or_default()
            };
            let mut defects = Vec::new();
            if strict_width && cells.len() != header.len() {
                defects.push(Problem::FieldCount {
                    found: cells.len(),
                    expected: header.len(),
                });
            }
            if cells
                .iter()
                .any(|c| c.text.chars().count() > MAX_CELL_CHARS)
            {
                defects.push(Problem::CellTooLong {
                    max: MAX_CELL_CHARS,
                });
            }
            let control = |c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t');
            if cells.iter().any(|c| c.text.chars().any(control)) {
                defects.push(Problem::ControlCharacter);
            }
            let nip_cell = map.get(&Column::Nip).and_then(|i| cells.get(*i));
            if nip_cell.is_some_and(|c| c.numeric) {
                defects.push(Problem::NipStoredAsNumber);
            }
            RawRow {
                line,
                defects,
                nip: get(Column::Nip),
                name: get(Column::Name),
                position: get(Column::Position),
                unit: get(Column::Unit),
                supervisor: get(Column::Supervisor),
                role: get(Column::Role),
                language: get(Column::Language),
            }
        })
        .collect())
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
