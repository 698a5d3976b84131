//! CSV as Excel and spreadsheets write it. Excel in an Indonesian locale separates with `;`.

use super::{Cell, FileError, to_rows};

pub fn read(text: &str) -> Result<Vec<crate::domain::org::RawRow>, FileError> {
    let text = text.trim_start_matches('\u{feff}');
    let delimiter = detect_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    // csv's own line counter lags behind on CRLF files; count newlines up to each record.
    let (mut line, mut counted_to) = (1usize, 0usize);
    for rec in reader.records() {
        let rec = rec.map_err(|e| FileError::Unreadable(e.to_string()))?;
        let mut start = rec
            .position()
            .map(|p| p.byte() as usize)
            .unwrap_or(counted_to);
        // On CRLF files the position points at the '\n' that ends the previous record.
        while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        line += text.as_bytes()[counted_to..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        counted_to = start;
        records.push((line, rec.iter().map(Cell::text).collect::<Vec<_>>()));
    }
    let mut records = records.into_iter();
    let Some((_, header)) = records.next() else {
        return Err(FileError::Empty);
    };
    let header: Vec<String> = header.into_iter().map(|c| c.text).collect();
    to_rows(&header, records, true)
}

/// The separator is whichever of `;`, `,` and tab occurs most in the header line.
fn detect_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|d| header.bytes().filter(|b| b == d).count())
        .unwrap_or(b',')
}
