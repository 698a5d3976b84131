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

fn defects_of(file: &[u8]) -> Vec<(usize, Vec<Problem>)> {
    read_employees(file)
        .unwrap()
        .into_iter()
        .map(|r| (r.line, r.defects))
        .collect()
}

#[test]
fn a_row_with_more_or_fewer_fields_than_the_header_is_named() {
    let file = "nip;nama;unit;peran\n\
                199001012015031001;Siti;Setjen;pegawai\n\
                199101012016032002;Ani; S.Sos.;Setjen;pegawai\n\
                199201012017031003;Budi;Setjen\n";
    let rows = defects_of(file.as_bytes());
    assert_eq!(rows[0], (2, vec![]));
    assert_eq!(
        rows[1],
        (
            3,
            vec![Problem::FieldCount {
                found: 5,
                expected: 4
            }]
        )
    );
    assert_eq!(
        rows[2],
        (
            4,
            vec![Problem::FieldCount {
                found: 3,
                expected: 4
            }]
        )
    );
}

#[test]
fn a_control_character_in_a_cell_is_named_by_its_line() {
    let file = "nip;nama;unit\n199001012015031001;Si\0ti;Setjen\n199101012016032002;Ani;Setjen\n";
    let rows = defects_of(file.as_bytes());
    assert_eq!(rows[0], (2, vec![Problem::ControlCharacter]));
    assert_eq!(rows[1], (3, vec![]));
}

#[test]
fn a_header_that_names_a_column_twice_is_refused() {
    let err = read_employees(b"nip;nama;unit;NIP\n1;2;3;4\n").unwrap_err();
    assert_eq!(err, FileError::DuplicateColumn("nip".into()));
}

#[test]
fn a_nip_that_a_spreadsheet_stored_as_a_number_is_refused() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["nip", "nama", "unit"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    // Excel keeps 15 significant digits: this is already not the NIP that was typed.
    sheet.write_number(1, 0, 199001012015031001.0).unwrap();
    sheet.write_string(1, 1, "Siti").unwrap();
    sheet.write_string(1, 2, "Setjen").unwrap();
    sheet.write_string(2, 0, "199101012016032002").unwrap();
    sheet.write_string(2, 1, "Ani").unwrap();
    sheet.write_string(2, 2, "Setjen").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let rows = defects_of(&bytes);
    assert_eq!(rows[0], (2, vec![Problem::NipStoredAsNumber]));
    assert_eq!(rows[1], (3, vec![]));
}

#[test]
fn a_csv_excel_saved_in_windows_1252_is_read_and_says_so() {
    // "Aní Rahayu" and "Unit Kerja" as Excel on Indonesian Windows saves "CSV".
    let mut file = b"nip;nama;unit\n199001012015031001;An".to_vec();
    file.push(0xED); // í in Windows-1252
    file.extend_from_slice(b" Rahayu;Setjen\n");
    let read = read_employee_file(&file).unwrap();
    assert!(read.read_as_windows_1252);
    assert_eq!(read.rows[0].name, "Aní Rahayu");
    assert!(read.rows[0].defects.is_empty());
    let utf8 = read_employee_file("nip;nama;unit\n199001012015031001;Aní;Setjen\n".as_bytes());
    assert!(!utf8.unwrap().read_as_windows_1252);
}

#[test]
fn an_over_long_cell_is_named_by_its_line_and_too_many_rows_refuse_the_file() {
    let long = "x".repeat(MAX_CELL_CHARS + 1);
    let file = format!("nip;nama;unit\n199001012015031001;{long};Setjen\n");
    let rows = defects_of(file.as_bytes());
    assert_eq!(
        rows[0],
        (
            2,
            vec![Problem::CellTooLong {
                max: MAX_CELL_CHARS
            }]
        )
    );
    let mut many = String::from("nip;nama;unit\n");
    for _ in 0..=MAX_ROWS {
        many.push_str("1;a;b\n");
    }
    assert_eq!(
        read_employees(many.as_bytes()),
        Err(FileError::TooManyRows { max: MAX_ROWS })
    );
}
