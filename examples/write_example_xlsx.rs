//! Writes examples/pegawai.xlsx from examples/pegawai.csv, with NIPs stored as text (as HR
//! should: Excel keeps only 15 significant digits of a number).
//! Run: cargo run --example write_example_xlsx

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let csv_text = std::fs::read_to_string("examples/pegawai.csv")?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(csv_text.as_bytes());
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Pegawai")?;
    for (r, rec) in reader.records().enumerate() {
        for (c, cell) in rec?.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, cell)?;
        }
    }
    book.save("examples/pegawai.xlsx")?;
    Ok(())
}
