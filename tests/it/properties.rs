//! Property tests: inputs anyone can send (text, button data, files) never make the parsers
//! panic, and what round-trips does.

use kinerja_bot::bot::CallbackData;
use kinerja_bot::bot::codec::MAX_BYTES;
use kinerja_bot::domain::Nip;
use kinerja_bot::domain::formatting::check_html;
use kinerja_bot::hrfile::read_employees;
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 512,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Strings shaped like NIPs more often than chance would give.
fn nip_like() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{18}",
        "(19[3-9][0-9]|200[0-9])(0[1-9]|1[0-2])(0[1-9]|[12][0-9])(19[5-9][0-9]|20[0-2][0-9])(0[1-9]|1[0-2])[12][0-9]{3}",
        "[0-9 .]{0,30}",
        any::<String>(),
    ]
}

/// Button data: mostly the codec's own prefixes with anything after them.
fn data_like() -> impl Strategy<Value = String> {
    let kinds = prop::sample::select(vec![
        "lang", "inv", "invp", "imp", "aud", "audu", "audp", "bc", "bcs", "bcu", "dl", "dld",
        "dlt", "dlx", "xyz", "",
    ]);
    prop_oneof![
        (kinds.clone(), any::<String>()).prop_map(|(k, rest)| format!("{k}:{rest}")),
        (kinds, "[0-9]{0,25}").prop_map(|(k, rest)| format!("{k}:{rest}")),
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn nip_parsing_never_panics_and_a_parsed_nip_parses_back_to_itself(raw in nip_like()) {
        if let Ok(nip) = Nip::parse(&raw) {
            prop_assert_eq!(nip.as_str().len(), 18);
            prop_assert_eq!(Nip::parse(nip.as_str()), Ok(nip.clone()));
        }
    }

    #[test]
    fn any_button_data_parses_to_a_value_that_encodes_within_64_bytes_or_to_nothing(
        data in data_like()
    ) {
        if let Some(parsed) = CallbackData::parse(&data) {
            let encoded = parsed.encode();
            prop_assert!(encoded.len() <= MAX_BYTES, "{encoded}");
            prop_assert_eq!(CallbackData::parse(&encoded), Some(parsed));
        }
    }

    #[test]
    fn the_announcement_checker_never_panics(text in any::<String>()) {
        let _ = check_html(&text);
    }

    #[test]
    fn the_announcement_checker_never_panics_on_markup_like_text(
        text in "([<>/&;#a-z\"' =]|b|i|code|pre|a href|tg-spoiler|&amp;|&#[0-9x]{0,8};){0,40}"
    ) {
        let _ = check_html(&text);
    }

    #[test]
    fn the_employee_file_reader_never_panics_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = read_employees(&bytes);
    }

    #[test]
    fn the_employee_file_reader_never_panics_on_csv_like_text(
        body in "([0-9A-Za-z;,\"\\r\\n> \t]|\u{feff}|\0){0,600}"
    ) {
        let file = format!("nip;nama;unit;nip_atasan;peran;bahasa\n{body}");
        let _ = read_employees(file.as_bytes());
    }

    #[test]
    fn the_employee_file_reader_never_panics_on_damaged_xlsx(
        cut in 0usize..4000, flip in any::<u8>(), at in 0usize..4000
    ) {
        let mut bytes = std::fs::read(crate::support::EXAMPLE_XLSX).unwrap();
        if !bytes.is_empty() {
            let i = at % bytes.len();
            bytes[i] ^= flip;
            bytes.truncate(cut.max(4).min(bytes.len()));
        }
        let _ = read_employees(&bytes);
    }
}
