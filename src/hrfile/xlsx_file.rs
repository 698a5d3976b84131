//! XLSX: the first worksheet, first row as header.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::{Cell, FileError, to_rows};

pub fn read(bytes: &[u8]) -> Result<Vec<crate::domain::org::RawRow>, FileError> {
    let mut book: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| FileError::Unreadable(e.to_string()))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or(FileError::Empty)?
        .map_err(|e| FileError::Unreadable(e.to_string()))?;
    let first_row = range.start().map(|(r, _)| r as usize).unwrap_or(0);
    let mut rows = range
        .rows()
        .enumerate()
        .map(|(i, row)| (first_row + i + 1, row.iter().map(cell).collect::<Vec<_>>()));
    let Some((_, header)) = rows.next() else {
        return Err(FileError::Empty);
    };
    let header: Vec<String> = header.into_iter().map(|c| c.text).collect();
    to_rows(&header, rows, false)
}

/// A NIP typed as a number reaches us as a float whose digits past the 15th are already gone;
/// the cell is marked numeric so the row is refused with how to fix it.
fn cell(data: &Data) -> Cell {
    let (text, numeric) = match data {
        Data::Empty => (String::new(), false),
        Data::String(s) => (s.clone(), false),
        Data::Int(i) => (i.to_string(), true),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e20 => (format!("{f:.0}"), true),
        Data::Float(f) => (f.to_string(), true),
        other => (other.to_string(), false),
    };
    Cell { text, numeric }
}
