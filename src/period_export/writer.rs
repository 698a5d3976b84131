//! Writes typed rows as they come, to a file or to memory, without holding them: CSV as the
//! project's other files are (semicolons, a BOM, cells a spreadsheet would run made inert), and
//! XLSX in rust_xlsxwriter's constant-memory mode (each row goes to a temporary file as it is
//! written), with a bold header row, frozen panes, column widths fitted to what was written,
//! numbers as numbers and dates as dates. Blocking: run it off the async runtime.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use rust_xlsxwriter::{ExcelDateTime, Format as XlsxFormat, Workbook, Worksheet};

use super::layout::Cell;
use crate::export::{Format, inert};

/// Where the file goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    File(PathBuf),
    /// Kept in memory and handed back: a file sent in chat.
    Memory,
}

/// The widest column Excel is asked for, in characters; longer cells wrap off-screen.
const MAX_WIDTH: usize = 60;

pub struct Writer {
    inner: Inner,
    widths: Vec<usize>,
    rows: usize,
}

enum Inner {
    CsvFile(csv::Writer<BufWriter<File>>),
    CsvMemory(csv::Writer<Vec<u8>>),
    Xlsx(Box<Sheet>),
}

struct Sheet {
    book: Workbook,
    sheet: Worksheet,
    path: Option<PathBuf>,
    int: XlsxFormat,
    decimal: XlsxFormat,
    date: XlsxFormat,
}

impl Writer {
    /// A file with `header` as its first row; `sheet_name` names the XLSX worksheet.
    pub fn new(
        format: Format,
        header: &[String],
        sheet_name: &str,
        output: &Output,
    ) -> Result<Self, String> {
        let err = |e: &dyn std::fmt::Display| e.to_string();
        let inner = match (format, output) {
            (Format::Csv, Output::File(path)) => {
                let mut file = BufWriter::new(File::create(path).map_err(|e| err(&e))?);
                file.write_all("\u{feff}".as_bytes()).map_err(|e| err(&e))?;
                Inner::CsvFile(csv_writer(file))
            }
            (Format::Csv, Output::Memory) => {
                Inner::CsvMemory(csv_writer("\u{feff}".as_bytes().to_vec()))
            }
            (Format::Xlsx, output) => {
                let mut book = Workbook::new();
                let mut sheet = book.new_worksheet_with_constant_memory();
                sheet.set_name(sheet_name).map_err(|e| err(&e))?;
                // The header stays in view, and so do the NIP and the name beside any column.
                sheet.set_freeze_panes(1, 2).map_err(|e| err(&e))?;
                let bold = XlsxFormat::new().set_bold();
                for (c, h) in header.iter().enumerate() {
                    sheet
                        .write_string_with_format(0, col(c)?, h, &bold)
                        .map_err(|e| err(&e))?;
                }
                let path = match output {
                    Output::File(p) => Some(p.clone()),
                    Output::Memory => None,
                };
                Inner::Xlsx(Box::new(Sheet {
                    book,
                    sheet,
                    path,
                    int: XlsxFormat::new().set_num_format("0"),
                    decimal: XlsxFormat::new().set_num_format("0.00"),
                    date: XlsxFormat::new().set_num_format("yyyy-mm-dd"),
                }))
            }
        };
        let mut w = Self {
            inner,
            widths: vec![0; header.len()],
            rows: 0,
        };
        match &mut w.inner {
            Inner::CsvFile(c) => c.write_record(header).map_err(|e| err(&e))?,
            Inner::CsvMemory(c) => c.write_record(header).map_err(|e| err(&e))?,
            Inner::Xlsx(_) => {}
        }
        for (i, h) in header.iter().enumerate() {
            w.widths[i] = h.chars().count();
        }
        Ok(w)
    }

    pub fn row(&mut self, cells: Vec<Cell>) -> Result<(), String> {
        for (i, cell) in cells.iter().enumerate() {
            if let Some(w) = self.widths.get_mut(i) {
                *w = (*w).max(width(cell));
            }
        }
        self.rows += 1;
        match &mut self.inner {
            Inner::CsvFile(w) => csv_row(w, &cells),
            Inner::CsvMemory(w) => csv_row(w, &cells),
            Inner::Xlsx(s) => s.row(self.rows, cells),
        }
    }

    /// Finishes the file; the bytes when it was kept in memory.
    pub fn finish(self) -> Result<Option<Vec<u8>>, String> {
        let err = |e: &dyn std::fmt::Display| e.to_string();
        match self.inner {
            Inner::CsvFile(w) => {
                let mut file = w.into_inner().map_err(|e| err(&e))?;
                file.flush().map_err(|e| err(&e))?;
                Ok(None)
            }
            Inner::CsvMemory(w) => w.into_inner().map(Some).map_err(|e| err(&e)),
            Inner::Xlsx(s) => {
                let Sheet {
                    mut book,
                    mut sheet,
                    path,
                    ..
                } = *s;
                // Constant-memory mode writes the column widths when the file is put
                // together, so they can fit what was written.
                for (c, w) in self.widths.iter().enumerate() {
                    let fitted = (*w).min(MAX_WIDTH) + 2;
                    sheet
                        .set_column_width(col(c)?, fitted as f64)
                        .map_err(|e| err(&e))?;
                }
                book.push_worksheet(sheet);
                match path {
                    Some(p) => book.save(p).map(|()| None).map_err(|e| err(&e)),
                    None => book.save_to_buffer().map(Some).map_err(|e| err(&e)),
                }
            }
        }
    }
}

impl Sheet {
    fn row(&mut self, row: usize, cells: Vec<Cell>) -> Result<(), String> {
        let r = u32::try_from(row).map_err(|_| "too many rows for XLSX".to_owned())?;
        for (c, cell) in cells.into_iter().enumerate() {
            let c = col(c)?;
            let written = match cell {
                Cell::Empty => continue,
                // Text, always: a NIP written as a number loses its last digits in Excel.
                Cell::Text(s) => self.sheet.write_string(r, c, s),
                Cell::Int(n) => self
                    .sheet
                    .write_number_with_format(r, c, n as f64, &self.int),
                Cell::Decimal(x) => self.sheet.write_number_with_format(r, c, x, &self.decimal),
                Cell::Date(d) => {
                    use chrono::Datelike;
                    let (y, m, day) = (d.year(), d.month(), d.day());
                    let date = ExcelDateTime::from_ymd(
                        u16::try_from(y).unwrap_or(1900),
                        m as u8,
                        day as u8,
                    )
                    .map_err(|e| e.to_string())?;
                    self.sheet
                        .write_datetime_with_format(r, c, &date, &self.date)
                }
            };
            written.map_err(|e| e.to_string())?;
        }
        Ok(())
    }
}

fn csv_writer<W: Write>(w: W) -> csv::Writer<W> {
    csv::WriterBuilder::new().delimiter(b';').from_writer(w)
}

fn csv_row<W: Write>(w: &mut csv::Writer<W>, cells: &[Cell]) -> Result<(), String> {
    let texts = cells.iter().map(|c| match c {
        Cell::Text(s) => inert(s).into_owned(),
        other => plain(other),
    });
    w.write_record(texts).map_err(|e| e.to_string())
}

/// A cell as the CSV holds it: whole numbers in digits, decimals with a comma (what Excel in an
/// Indonesian locale, which opens these files in columns, reads as a number), dates as
/// `YYYY-MM-DD`.
fn plain(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) => s.clone(),
        Cell::Int(n) => n.to_string(),
        Cell::Decimal(x) => format!("{x:.2}").replace('.', ","),
        Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
        Cell::Empty => String::new(),
    }
}

fn width(cell: &Cell) -> usize {
    match cell {
        Cell::Text(s) => s.chars().count(),
        other => plain(other).len(),
    }
}

fn col(c: usize) -> Result<u16, String> {
    u16::try_from(c).map_err(|_| "too many columns for XLSX".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Vec<Cell>> {
        vec![
            vec![
                Cell::Text("199001012015031001".into()),
                Cell::Text("=1+1".into()),
                Cell::Int(3),
                Cell::Decimal(2.5),
                Cell::Date(chrono::NaiveDate::from_ymd_opt(2027, 4, 1).unwrap()),
                Cell::Empty,
            ],
            vec![
                Cell::Text("A; B".into()),
                Cell::Text("-".into()),
                Cell::Int(0),
                Cell::Decimal(1.0),
                Cell::Empty,
                Cell::Empty,
            ],
        ]
    }

    fn written(format: Format) -> Vec<u8> {
        let header: Vec<String> = ["nip", "nama", "n", "rata", "tanggal", "kosong"]
            .map(str::to_owned)
            .to_vec();
        let mut w = Writer::new(format, &header, "2027-q1", &Output::Memory).unwrap();
        for row in sample() {
            w.row(row).unwrap();
        }
        w.finish().unwrap().unwrap()
    }

    #[test]
    fn csv_has_the_projects_conventions_and_typed_cells() {
        let text = String::from_utf8(written(Format::Csv)).unwrap();
        assert_eq!(
            text,
            "\u{feff}nip;nama;n;rata;tanggal;kosong\n\
             199001012015031001;'=1+1;3;2,50;2027-04-01;\n\
             \"A; B\";'-;0;1,00;;\n"
        );
    }

    #[test]
    fn xlsx_reads_back_with_numbers_and_dates() {
        use calamine::{Data, Reader, Xlsx};
        let bytes = written(Format::Xlsx);
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), ["2027-q1"]);
        let range = book.worksheet_range_at(0).unwrap().unwrap();
        let rows: Vec<&[Data]> = range.rows().collect();
        assert_eq!(rows[0][0], Data::String("nip".into()));
        assert_eq!(rows[1][0], Data::String("199001012015031001".into()));
        // The formula guard is the CSV's: XLSX stores text as text.
        assert_eq!(rows[1][1], Data::String("=1+1".into()));
        assert_eq!(rows[1][2], Data::Float(3.0));
        assert_eq!(rows[1][3], Data::Float(2.5));
        match &rows[1][4] {
            // Excel counts days from 30 December 1899.
            Data::DateTime(d) => assert_eq!(
                chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap()
                    + chrono::Days::new(d.as_f64() as u64),
                chrono::NaiveDate::from_ymd_opt(2027, 4, 1).unwrap()
            ),
            other => panic!("not a date: {other:?}"),
        }
        assert_eq!(rows[1][5], Data::Empty);
        assert_eq!(rows[2][0], Data::String("A; B".into()));
    }
}
