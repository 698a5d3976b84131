use super::*;

const HEAD: &str = "197001011995031001";
const MID: &str = "198001012005032002";
const STAFF: &str = "199001012015031003";
const PPPK: &str = "199201012022212007";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

fn row(line: usize, nip: &str, name: &str, supervisor: &str) -> RawRow {
    RawRow {
        line,
        defects: Vec::new(),
        nip: nip.into(),
        name: name.into(),
        position: "Analis".into(),
        unit: "Setjen > Biro SDM".into(),
        supervisor: supervisor.into(),
        role: String::new(),
        language: String::new(),
    }
}

fn problems(rows: &[RawRow]) -> Vec<(usize, Problem)> {
    validate(rows, today())
        .unwrap_err()
        .into_iter()
        .map(|e| (e.line, e.problem))
        .collect()
}

#[test]
fn a_three_level_organisation_with_pppk_staff_is_valid() {
    let rows = [
        row(2, HEAD, "Kepala", ""),
        row(3, MID, "Kabag", HEAD),
        row(4, STAFF, "Staf", MID),
        row(5, PPPK, "Staf PPPK", MID),
    ];
    let emps = validate(&rows, today()).unwrap();
    assert_eq!(emps.len(), 4);
    assert_eq!(emps[1].supervisor.as_ref().unwrap().as_str(), HEAD);
    assert_eq!(emps[0].unit.key(), "Setjen > Biro SDM");
}

#[test]
fn every_bad_row_is_reported_with_its_line() {
    let mut bad_role = row(6, "199101012016031004", "X", HEAD);
    bad_role.role = "boss".into();
    let mut bad_lang = row(7, "199101012016031005", "Y", HEAD);
    bad_lang.language = "fr".into();
    let rows = [
        row(2, HEAD, "Kepala", ""),
        row(3, "123", "Short", HEAD),
        row(4, HEAD, "Again", ""),
        row(5, STAFF, "  ", "199901012020031999"),
        bad_role,
        bad_lang,
        row(8, MID, "Self", MID),
    ];
    let got = problems(&rows);
    assert!(
        got.contains(&(3, Problem::BadNip(NipError::Shape))),
        "{got:?}"
    );
    assert!(
        got.contains(&(4, Problem::DuplicateNip { first_line: 2 })),
        "{got:?}"
    );
    assert!(got.contains(&(5, Problem::EmptyName)), "{got:?}");
    assert!(
        got.contains(&(5, Problem::UnknownSupervisor("199901012020031999".into()))),
        "{got:?}"
    );
    assert!(
        got.contains(&(6, Problem::UnknownRole("boss".into()))),
        "{got:?}"
    );
    assert!(
        got.contains(&(7, Problem::UnknownLanguage("fr".into()))),
        "{got:?}"
    );
    assert!(got.contains(&(8, Problem::SelfSupervisor)), "{got:?}");
}

#[test]
fn a_supervisor_loop_of_any_length_is_reported_on_the_line_of_every_member() {
    let rows = [
        row(2, HEAD, "A", STAFF),
        row(3, MID, "B", HEAD),
        row(4, STAFF, "C", MID),
        row(5, PPPK, "D", STAFF), // hangs below the loop: not itself in it
    ];
    let got = problems(&rows);
    let lines: Vec<usize> = got.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [2, 3, 4], "{got:?}");
    for (_, p) in &got {
        let Problem::SupervisorCycle(members) = p else {
            panic!("{got:?}")
        };
        assert_eq!(members.len(), 3);
    }
}

#[test]
fn units_parse_as_paths_and_reject_empty_levels() {
    let u = UnitPath::parse(" Setjen >  Biro  SDM > Bagian Kinerja ").unwrap();
    assert_eq!(u.key(), "Setjen > Biro SDM > Bagian Kinerja");
    assert_eq!(u.name(), "Bagian Kinerja");
    assert_eq!(u.parent().unwrap().key(), "Setjen > Biro SDM");
    assert_eq!(u.with_ancestors().len(), 3);
    assert!(UnitPath::parse("Setjen >> Biro").is_none());
    assert!(UnitPath::parse("  ").is_none());
}

#[test]
fn roles_are_read_in_both_languages() {
    assert_eq!(Role::parse("Pengelola Unit"), Some(Role::HrUnit));
    assert_eq!(Role::parse("hr_org"), Some(Role::HrOrg));
    assert_eq!(Role::parse(""), Some(Role::Pegawai));
    assert_eq!(Role::parse("Employee"), Some(Role::Pegawai));
    assert_eq!(Role::parse("chief"), None);
}

#[test]
fn a_second_import_of_the_same_people_plans_no_change() {
    let rows = [row(2, HEAD, "Kepala", ""), row(3, MID, "Kabag", HEAD)];
    let emps = validate(&rows, today()).unwrap();
    let first = plan(emps.clone(), &HashMap::new(), &HashSet::new());
    assert_eq!(first.added.len(), 2);
    assert_eq!(first.new_units.len(), 2, "Setjen and Setjen > Biro SDM");
    let stored: HashMap<_, _> = emps
        .iter()
        .map(|e| (e.nip.to_string(), (e.fingerprint(), true)))
        .collect();
    let units: HashSet<_> = first.new_units.iter().cloned().collect();
    let second = plan(emps.clone(), &stored, &units);
    assert_eq!(second.unchanged, 2);
    assert!(second.added.is_empty() && second.changed.is_empty() && second.new_units.is_empty());

    // The head leaves, the kabag moves unit and reports to nobody in the file, one joins.
    let mut moved = row(3, MID, "Kabag", "");
    moved.unit = "Setjen > Biro Umum".into();
    let next = validate(&[moved, row(4, STAFF, "Baru", MID)], today()).unwrap();
    let (moved, joiner) = (next[0].clone(), next[1].clone());
    let third = plan(vec![moved, joiner], &stored, &units);
    assert_eq!(third.changed.len(), 1);
    assert_eq!(third.added.len(), 1);
    assert_eq!(third.deactivated, vec![Nip::parse(HEAD).unwrap()]);
    assert_eq!(
        third.new_units,
        vec![UnitPath::parse("Setjen > Biro Umum").unwrap()]
    );
}

#[test]
fn a_nip_appointed_after_today_is_refused() {
    let rows = [
        row(2, HEAD, "A", ""),
        row(3, "199001012026111001", "Baru bulan ini", HEAD),
        row(4, "199001012027031002", "Bulan Maret depan", HEAD),
        row(5, "199201012027212007", "PPPK tahun depan", HEAD),
        row(6, "199201012026212008", "PPPK tahun ini", HEAD),
    ];
    let got = problems(&rows);
    assert_eq!(
        got,
        [
            (4, Problem::AppointedInTheFuture),
            (5, Problem::AppointedInTheFuture)
        ]
    );
}
