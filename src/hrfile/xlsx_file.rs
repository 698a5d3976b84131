//! XLSX: the first worksheet, first row as header.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::{FileError, to_rows};

pub fn read(bytes: &[u8]) -> Result<Vec<crate::domain::org::RawRow>, FileError> {
    let mut book: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| FileError::Unreadable(e.to_string()))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or(FileError::Empty)?
        .map_err(|e| FileError::Unreadable(e.to_string()))?;
    let first_row = range.start().map(|(r, _)| r as usize).unwrap_or(0);
    let mut rows = range.rows().enumerate().map(|(i, row)| {
        (
            first_row + i + 1,
            row.iter().map(cell_text).collect::<Vec<_>>(),
        )
    });
    let Some((_, header)) = rows.next() else {
        return Err(FileError::Empty);
    };
    to_rows(&header, rows)
}

/// A NIP typed as a number reaches us as a float; writing it back without exponent lets the
/// NIP check say what is wrong (Excel keeps only 15 significant digits).
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e20 => format!("{f:.0}"),
        other => other.to_string(),
    }
}
