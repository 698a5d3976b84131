//! Writing tables for HR as CSV (semicolon-separated, with a BOM, so Excel in an Indonesian
//! locale opens it in columns) or XLSX. Pure: rows in, bytes out.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    /// By the output file's extension; CSV unless it ends in `.xlsx`.
    pub fn for_path(path: &std::path::Path) -> Self {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("xlsx") => Format::Xlsx,
            _ => Format::Csv,
        }
    }
}

/// `table` on a blocking thread: an XLSX of tens of thousands of rows takes a noticeable
/// fraction of a second, which the bot's other chats should not wait for.
pub async fn table_off_runtime(
    format: Format,
    header: &'static [&'static str],
    rows: Vec<Vec<String>>,
) -> Result<(Vec<u8>, Vec<Vec<String>>), String> {
    tokio::task::spawn_blocking(move || table(format, header, &rows).map(|bytes| (bytes, rows)))
        .await
        .map_err(|e| format!("export worker: {e}"))?
}

pub fn table(format: Format, header: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, String> {
    match format {
        Format::Csv => csv_bytes(header, rows),
        Format::Xlsx => xlsx_bytes(header, rows),
    }
}

fn csv_bytes(header: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, String> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .from_writer(&mut out);
        w.write_record(header).map_err(|e| e.to_string())?;
        for r in rows {
            w.write_record(r.iter().map(|cell| inert(cell).into_owned()))
                .map_err(|e| e.to_string())?;
        }
        w.flush().map_err(|e| e.to_string())?;
    }
    Ok(out)
}

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return at
/// the start: OWASP's rule for CSV injection) gets a leading apostrophe, so it shows as the text
/// it is. Names and Telegram's error texts go into these files, and anyone can choose a name.
pub(crate) fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

fn xlsx_bytes(header: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, String> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (c, h) in header.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, *h, &bold)
            .map_err(|e| e.to_string())?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            // Text, always: a NIP written as a number loses its last digits in Excel.
            sheet
                .write_string(r as u32 + 1, c as u16, cell)
                .map_err(|e| e.to_string())?;
        }
    }
    book.save_to_buffer().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_opens_in_columns_in_an_indonesian_excel_and_reads_back() {
        let bytes = table(
            Format::Csv,
            &["nip", "nama"],
            &[vec!["1".into(), "A; B".into()]],
        )
        .unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with("\u{feff}nip;nama\n"));
        assert!(text.contains("\"A; B\""));
    }

    #[test]
    fn xlsx_keeps_nips_as_text() {
        let bytes = table(Format::Xlsx, &["nip"], &[vec!["199001012015031001".into()]]).unwrap();
        let rows = crate::hrfile::read_employees(&bytes);
        // Not an employee file (no name/unit), but the reader sees a valid XLSX.
        assert!(matches!(
            rows,
            Err(crate::hrfile::FileError::MissingColumns(_))
        ));
    }

    #[test]
    fn csv_cells_that_a_spreadsheet_would_run_are_written_as_text() {
        let rows = vec![vec![
            "=HYPERLINK(\"http://x\",\"klik\")".to_owned(),
            "+62 812".to_owned(),
            "-1".to_owned(),
            "@SUM(A1)".to_owned(),
            "\tx".to_owned(),
            "Budi".to_owned(),
        ]];
        let bytes = table(Format::Csv, &["a", "b", "c", "d", "e", "f"], &rows).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let line = text.lines().nth(1).unwrap();
        let cells: Vec<&str> = line.split(';').collect();
        assert!(cells[0].starts_with("\"'=HYPERLINK"), "{line}");
        assert_eq!(&cells[1..5], ["'+62 812", "'-1", "'@SUM(A1)", "'\tx"]);
        assert_eq!(cells[5], "Budi");
    }
}
