use std::collections::HashSet;

use super::*;
use strum::IntoEnumIterator;

#[test]
fn value_codes_equal_serde_names_and_parse_back() {
    assert_eq!(Value::ALL, Value::iter().collect::<Vec<_>>().as_slice());
    assert_eq!(Value::ALL.len(), 7);
    for &v in Value::ALL {
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(json, format!("\"{}\"", v.code()));
        assert_eq!(serde_json::from_str::<Value>(&json).unwrap(), v);
        assert_eq!(Value::parse(v.code()), Some(v));
        assert_eq!(Value::from_abbr(v.abbr()), Some(v));
    }
    assert_eq!(Value::parse(""), None);
    assert_eq!(Value::parse("Akuntabel"), None);
    assert_eq!(Value::from_abbr("XX"), None);
}

#[test]
fn codes_are_stable() {
    // Stored data depends on these exact strings.
    let codes: Vec<_> = Value::ALL.iter().map(|v| v.code()).collect();
    assert_eq!(
        codes,
        [
            "berorientasi-pelayanan",
            "akuntabel",
            "kompeten",
            "harmonis",
            "loyal",
            "adaptif",
            "kolaboratif"
        ]
    );
    let abbrs: String = Value::ALL.iter().map(|v| v.abbr()).collect();
    assert_eq!(abbrs, "BPAKKPHMLYADKB");
}

#[test]
fn rating_codes_equal_serde_names_and_parse_back() {
    assert_eq!(Rating::ALL, Rating::iter().collect::<Vec<_>>().as_slice());
    for (i, &r) in Rating::ALL.iter().enumerate() {
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(json, format!("\"{}\"", r.code()));
        assert_eq!(serde_json::from_str::<Rating>(&json).unwrap(), r);
        assert_eq!(Rating::parse(r.code()), Some(r));
        assert_eq!(r.index(), i);
    }
    assert_eq!(Rating::parse("di_bawah"), None);
    assert!(Rating::DiBawah < Rating::Sesuai && Rating::Sesuai < Rating::DiAtas);
}

#[test]
fn every_value_has_three_guidelines_in_each_language() {
    for &v in Value::ALL {
        for lang in Lang::ALL {
            let g = v.guidelines(lang);
            assert_eq!(g.len(), 3, "{v:?} {lang:?}");
            assert!(g.iter().all(|s| !s.trim().is_empty() && !s.contains("  ")));
            assert!(!v.name(lang).is_empty() && !v.definition(lang).is_empty());
        }
        assert_ne!(v.guidelines(Lang::Id), v.guidelines(Lang::En));
    }
    let all: HashSet<_> = Value::ALL
        .iter()
        .flat_map(|v| v.guidelines(Lang::Id))
        .collect();
    assert_eq!(all.len(), 21, "no statement is repeated across values");
}

#[test]
fn guidelines_are_the_official_wording() {
    assert_eq!(
        Value::Akuntabel.guidelines(Lang::Id)[0],
        "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin dan berintegritas \
         tinggi"
    );
    assert_eq!(
        Value::Loyal.guidelines(Lang::Id)[0],
        "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun \
         1945, setia kepada NKRI serta pemerintahan yang sah"
    );
    assert_eq!(Value::Adaptif.guidelines(Lang::Id)[2], "Bertindak proaktif");
}

#[test]
fn guidelines_match_the_shared_data_file() {
    // The file is outside the crate; check it when it is there so the copy cannot drift.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/domain/berakhlak.toml"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        return;
    };
    for &v in Value::ALL {
        for s in v.guidelines(Lang::Id) {
            assert!(text.contains(&format!("id = \"{s}\"")), "{s}");
        }
        for s in v.guidelines(Lang::En) {
            assert!(text.contains(&format!("en = \"{s}\"")), "{s}");
        }
        assert!(text.contains(&format!("code = \"{}\"", v.abbr())));
        assert!(text.contains(&format!("name = \"{}\"", v.name(Lang::Id))));
    }
}
