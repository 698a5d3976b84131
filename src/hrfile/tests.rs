use super::*;

#[test]
fn semicolons_a_bom_and_indonesian_headers_are_read() {
    let file = "\u{feff}NIP;Nama;Jabatan;Unit Kerja;NIP Atasan;Peran;Bahasa\r\n\
                199001012015031001;Siti Aminah;Analis;Setjen > Biro SDM;;pegawai;id\r\n";
    let rows = read_employees(file.as_bytes()).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].line, 2);
    assert_eq!(rows[0].nip, "199001012015031001");
    assert_eq!(rows[0].unit, "Setjen > Biro SDM");
    assert_eq!(rows[0].language, "id");
}

#[test]
fn english_headers_in_any_order_quoted_fields_and_trailing_blank_rows() {
    let file = "role,name,supervisor nip,nip,unit,position\n\
                employee,\"Budi, S.Kom\",,199001012015031001,\"Setjen > Biro SDM\",\"Analis\nSDM\"\n\
                ,\"Ani\",199001012015031001,199101012016032002,Setjen,Staf\n\
                ,,,,,\n\n";
    let rows = read_employees(file.as_bytes()).unwrap();
    assert_eq!(rows.len(), 2, "blank rows dropped");
    assert_eq!(rows[0].name, "Budi, S.Kom");
    assert_eq!(rows[0].position, "Analis\nSDM");
    assert_eq!(rows[1].line, 4, "line numbers count the embedded newline");
    assert_eq!(rows[1].supervisor, "199001012015031001");
}

#[test]
fn missing_required_columns_are_named() {
    let err = read_employees(b"nip,jabatan\n1,2\n").unwrap_err();
    assert_eq!(err, FileError::MissingColumns("nama, unit".into()));
}

#[test]
fn binary_empty_and_oversized_files_are_refused() {
    assert_eq!(read_employees(b""), Err(FileError::Empty));
    assert_eq!(read_employees(b" \n \n"), Err(FileError::Empty));
    assert_eq!(
        read_employees(&[0xff, 0xfe, 0x00, 0x41]),
        Err(FileError::NotCsvOrXlsx)
    );
    assert_eq!(read_employees(b"nip,nama,unit\n"), Err(FileError::Empty));
    let big = vec![b'a'; MAX_FILE_BYTES + 1];
    assert!(matches!(
        read_employees(&big),
        Err(FileError::TooLarge { .. })
    ));
}

#[test]
fn xlsx_is_read_from_the_first_sheet() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows = [
        ["Nama", "NIP", "Unit"],
        ["Siti", "199001012015031001", "Setjen > Biro SDM"],
        ["", "", ""],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string(r as u32, c as u16, *cell).unwrap();
            }
        }
    }
    // A NIP typed as a number, as Excel does unless the cell is text.
    sheet.write_number(2, 1, 199001012015031001.0).unwrap();
    sheet.write_string(2, 0, "Angka").unwrap();
    sheet.write_string(2, 2, "Setjen").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let rows = read_employees(&bytes).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].line, 2);
    assert_eq!(rows[0].name, "Siti");
    assert_eq!(rows[0].nip, "199001012015031001");
    assert_eq!(rows[1].line, 3);
    assert_ne!(
        rows[1].nip, "199001012015031001",
        "precision lost by Excel shows as a bad NIP"
    );
}
