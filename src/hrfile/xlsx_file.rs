//! XLSX: the first worksheet, first row as header.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::{Cell, FileError, to_rows};

/// Unpacked, an XLSX of 100,000 employees is some tens of MB; beyond this it is refused.
pub const MAX_UNPACKED_BYTES: u64 = 150 * 1024 * 1024;
/// Cells a sheet may span (rows × columns of the area from A1 to its farthest cell): 100,000
/// employees in a few dozen columns, with room to spare.
pub const MAX_CELLS: u64 = 5_000_000;

pub fn read(bytes: &[u8]) -> Result<Vec<crate::domain::org::RawRow>, FileError> {
    check_before_parsing(bytes, MAX_UNPACKED_BYTES, MAX_CELLS)?;
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

/// A parser given a zip bomb, or a sheet with one cell at A1 and one at XFD1048576, would take
/// all the memory there is: both are measured first, unpacking with a cap instead of trusting
/// the sizes the archive declares.
fn check_before_parsing(bytes: &[u8], max_unpacked: u64, max_cells: u64) -> Result<(), FileError> {
    use std::io::Read;
    let unreadable = |e: zip::result::ZipError| FileError::Unreadable(e.to_string());
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(unreadable)?;
    let mut left = max_unpacked;
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(unreadable)?;
        let sheet = entry.name().starts_with("xl/worksheets/") && entry.name().ends_with(".xml");
        let mut limited = entry.take(left + 1);
        let read = if sheet {
            let mut xml = Vec::new();
            let n = limited
                .read_to_end(&mut xml)
                .map_err(|e| FileError::Unreadable(e.to_string()))?;
            if (n as u64) <= left && spanned_cells(&xml) > max_cells {
                return Err(FileError::SheetTooWide { max_cells });
            }
            n as u64
        } else {
            std::io::copy(&mut limited, &mut std::io::sink())
                .map_err(|e| FileError::Unreadable(e.to_string()))?
        };
        if read > left {
            return Err(FileError::TooLarge {
                limit_mb: (max_unpacked / 1024 / 1024) as usize,
            });
        }
        left -= read;
    }
    Ok(())
}

/// Rows × columns from A1 to the farthest cell a sheet's XML names (`<c r="XFD1048576"`), or
/// its declared `<dimension ref="A1:…">`, whichever is larger.
fn spanned_cells(xml: &[u8]) -> u64 {
    let (mut max_row, mut max_col) = (0u64, 0u64);
    let mut note = |reference: &[u8]| {
        let letters = reference
            .iter()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        let col = reference[..letters].iter().fold(0u64, |n, b| {
            n * 26 + u64::from(b.to_ascii_uppercase() - b'A' + 1)
        });
        let row = std::str::from_utf8(&reference[letters..])
            .ok()
            .and_then(|r| r.parse::<u64>().ok())
            .unwrap_or(0);
        max_row = max_row.max(row);
        max_col = max_col.max(col);
    };
    for (pattern, ends) in [(&b" r=\""[..], b'"'), (&b"<dimension ref=\""[..], b'"')] {
        let mut at = 0;
        while let Some(pos) = find(&xml[at..], pattern) {
            let start = at + pos + pattern.len();
            let len = xml[start..]
                .iter()
                .take(32)
                .position(|b| *b == ends)
                .unwrap_or(0);
            for part in xml[start..start + len].split(|b| *b == b':') {
                note(part);
            }
            at = start + len;
        }
    }
    max_row.saturating_mul(max_col)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sheet_with_one_cell_far_away_is_refused_before_parsing() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, h) in ["nip", "nama", "unit"].iter().enumerate() {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        sheet.write_string(1_048_575, 16_383, "x").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        assert!(bytes.len() < 20_000, "a small file");
        assert_eq!(
            read(&bytes).unwrap_err(),
            FileError::SheetTooWide {
                max_cells: MAX_CELLS
            }
        );
    }

    #[test]
    fn an_archive_that_unpacks_past_the_limit_is_refused_without_unpacking_it_all() {
        use std::io::Write;
        let mut out = Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut out);
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
            zip.write_all(&vec![b' '; 3 * 1024 * 1024]).unwrap();
            zip.finish().unwrap();
        }
        let bytes = out.into_inner();
        assert!(bytes.len() < 100_000, "{} bytes", bytes.len());
        assert_eq!(
            check_before_parsing(&bytes, 1024 * 1024, MAX_CELLS),
            Err(FileError::TooLarge { limit_mb: 1 })
        );
        assert_eq!(
            check_before_parsing(&bytes, 8 * 1024 * 1024, MAX_CELLS),
            Ok(())
        );
    }

    #[test]
    fn the_span_of_a_sheet_is_read_from_its_cells_and_its_dimension() {
        let xml = br#"<worksheet><dimension ref="A1:C3"/><sheetData><row r="2"><c r="B2"/><c r="AA10"/></row></sheetData></worksheet>"#;
        assert_eq!(spanned_cells(xml), 10 * 27);
    }
}
