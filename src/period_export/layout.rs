//! The columns of HR's per-period file and each row's cells, in two layouts: `lengkap`
//! (everything the bot knows of the period) and `ekinerja` (what HR types into e-Kinerja BKN).
//! The column names and their order are a contract with HR's spreadsheets and scripts (README,
//! "HR file formats"): a new column goes at the end, a name never changes. Values are written in
//! the regulation's own Indonesian wording, whatever the reader's language.

use chrono::NaiveDate;

use crate::domain::berakhlak::{Rating, Value};
use crate::domain::dialog::Ack;
use crate::domain::feedback_round::Group;
use crate::domain::period::{Period, months};
use crate::domain::predikat::Predikat;
use crate::storage::period_export::{Feedback, Row};

/// Which columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layout {
    Lengkap,
    Ekinerja,
}

impl Layout {
    pub const ALL: &[Self] = &[Self::Lengkap, Self::Ekinerja];

    pub fn code(self) -> &'static str {
        match self {
            Self::Lengkap => "lengkap",
            Self::Ekinerja => "ekinerja",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|l| l.code() == code)
    }
}

/// One cell, typed: a spreadsheet gets numbers as numbers and dates as dates.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// Written with two decimals.
    Decimal(f64),
    Date(NaiveDate),
    Empty,
}

/// The rater groups as the file names them, in `Group::ALL` order.
const GROUPS: [(Group, &str); 4] = [
    (Group::Supervisor, "atasan"),
    (Group::Peer, "rekan"),
    (Group::Subordinate, "bawahan"),
    (Group::Self_, "diri"),
];

/// The acknowledgement states as the file names them, in the file's order.
const ACKS: [(Ack, &str); 4] = [
    (Ack::Confirmed, "dikonfirmasi"),
    (Ack::Commented, "dikomentari"),
    (Ack::Pending, "menunggu"),
    (Ack::Unacknowledged, "tidak_ditanggapi"),
];

pub fn header(layout: Layout, period: Period) -> Vec<String> {
    match layout {
        Layout::Ekinerja => [
            "nip",
            "nama",
            "periode",
            "rating_hasil_kerja",
            "rating_perilaku_kerja",
            "predikat_kinerja",
        ]
        .map(str::to_owned)
        .to_vec(),
        Layout::Lengkap => {
            let mut h: Vec<String> = ["nip", "nama", "unit", "aktif", "nip_atasan", "nama_atasan"]
                .map(str::to_owned)
                .to_vec();
            h.extend(
                months(period)
                    .into_iter()
                    .map(|(y, m)| format!("dialog_{y}_{m:02}")),
            );
            h.push("dialog_jumlah".into());
            h.extend(ACKS.iter().map(|(_, name)| format!("dialog_{name}")));
            h.extend(GROUPS.iter().map(|(_, g)| format!("jawaban_360_{g}")));
            for v in Value::ALL {
                let v = v.code().replace('-', "_");
                h.extend(GROUPS.iter().map(|(_, g)| format!("{v}_{g}")));
                h.push(format!("{v}_total"));
            }
            h.extend(
                [
                    "hasil_kerja",
                    "hasil_dari_unit",
                    "perilaku_kerja",
                    "predikat",
                    "nip_penilai",
                    "nama_penilai",
                    "tanggal_penilaian",
                ]
                .map(str::to_owned),
            );
            h
        }
    }
}

/// The row's cells, in [`header`]'s order; `tz` gives the rating's date.
pub fn cells(layout: Layout, period: Period, row: &Row, tz: chrono_tz::Tz) -> Vec<Cell> {
    let text = |s: &str| Cell::Text(s.to_owned());
    let eval = row.evaluation.as_ref();
    match layout {
        Layout::Ekinerja => vec![
            text(&row.nip),
            text(&row.name),
            Cell::Text(period_name(period)),
            eval.map_or(Cell::Empty, |e| text(rating(e.hasil))),
            eval.map_or(Cell::Empty, |e| text(rating(e.perilaku))),
            eval.map_or(Cell::Empty, |e| text(predikat(e.predikat))),
        ],
        Layout::Lengkap => {
            let (sup_nip, sup_name) = match &row.supervisor {
                Some((n, s)) => (text(n), text(s)),
                None => (Cell::Empty, Cell::Empty),
            };
            let mut c = vec![
                text(&row.nip),
                text(&row.name),
                text(&row.unit),
                text(yes_no(row.active)),
                sup_nip,
                sup_name,
            ];
            let d = &row.dialogs;
            c.extend(d.per_month.iter().map(|n| Cell::Int(i64::from(*n))));
            c.push(Cell::Int(i64::from(d.total())));
            c.extend(
                ACKS.iter()
                    .map(|(a, _)| Cell::Int(i64::from(d.with_ack(*a)))),
            );
            feedback_cells(&row.feedback, &mut c);
            match eval {
                None => c.extend(std::iter::repeat_n(Cell::Empty, 7)),
                Some(e) => c.extend([
                    text(rating(e.hasil)),
                    text(yes_no(e.hasil_from_unit)),
                    text(rating(e.perilaku)),
                    text(predikat(e.predikat)),
                    text(&e.rated_by),
                    e.rated_by_name.as_deref().map_or(Cell::Empty, text),
                    chrono::DateTime::from_timestamp(e.rated_at, 0).map_or(Cell::Empty, |t| {
                        Cell::Date(t.with_timezone(&tz).date_naive())
                    }),
                ]),
            }
            c
        }
    }
}

/// Per group the number of ratings counted, then per value each group's mean and the total's.
/// A group never shown is empty: nothing in the file says how many answered, or what.
fn feedback_cells(f: &Feedback, c: &mut Vec<Cell>) {
    for (g, _) in GROUPS {
        c.push(f.count(g).map_or(Cell::Empty, |n| Cell::Int(n as i64)));
    }
    for (v, value) in Value::ALL.iter().enumerate() {
        for (g, _) in GROUPS {
            c.push(f.group(g).map_or(Cell::Empty, |t| mean(&t[v])));
        }
        c.push(mean(&f.total(*value)));
    }
}

/// The mean on the three-step scale (1 di bawah, 2 sesuai, 3 di atas ekspektasi), rounded to
/// two decimals, so the CSV and the XLSX hold the same number; empty without answers.
fn mean(t: &crate::domain::anonymity::Tally) -> Cell {
    if t.total() == 0 {
        return Cell::Empty;
    }
    let sum: usize = Rating::ALL
        .iter()
        .map(|r| (r.index() + 1) * t.count(*r))
        .sum();
    let m = sum as f64 / t.total() as f64;
    Cell::Decimal((m * 100.0).round() / 100.0)
}

fn yes_no(b: bool) -> &'static str {
    if b { "ya" } else { "tidak" }
}

/// A rating as PermenPANRB 6/2022 writes it.
pub fn rating(r: Rating) -> &'static str {
    match r {
        Rating::DiBawah => "Di Bawah Ekspektasi",
        Rating::Sesuai => "Sesuai Ekspektasi",
        Rating::DiAtas => "Di Atas Ekspektasi",
    }
}

/// A predikat as PermenPANRB 6/2022 writes it.
pub fn predikat(p: Predikat) -> &'static str {
    match p {
        Predikat::SangatBaik => "Sangat Baik",
        Predikat::Baik => "Baik",
        Predikat::ButuhPerbaikan => "Butuh Perbaikan",
        Predikat::Kurang => "Kurang/Misconduct",
        Predikat::SangatKurang => "Sangat Kurang",
    }
}

/// The period as e-Kinerja's forms name it: `Januari 2027`, `Triwulan I 2027`,
/// `Semester II 2027`, `Tahun 2027`.
pub fn period_name(period: Period) -> String {
    const MONTHS: [&str; 12] = [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ];
    const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];
    let nth = |n: u32, names: &[&str]| {
        let i = usize::try_from(n).unwrap_or(0).wrapping_sub(1);
        names.get(i).copied().unwrap_or_default().to_owned()
    };
    match period {
        Period::Month { year, month } => format!("{} {year}", nth(month, &MONTHS)),
        Period::Quarter { year, quarter } => format!("Triwulan {} {year}", nth(quarter, &ROMAN)),
        Period::Semester { year, semester } => {
            format!("Semester {} {year}", nth(semester, &ROMAN))
        }
        Period::Year { year } => format!("Tahun {year}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::anonymity::Tally;
    use crate::storage::period_export::{Dialogs, Rated};

    fn p(code: &str) -> Period {
        Period::parse(code).unwrap()
    }

    #[test]
    fn the_lengkap_header_is_stable() {
        let h = header(Layout::Lengkap, p("2027-q1"));
        assert_eq!(
            h[..15],
            [
                "nip",
                "nama",
                "unit",
                "aktif",
                "nip_atasan",
                "nama_atasan",
                "dialog_2027_01",
                "dialog_2027_02",
                "dialog_2027_03",
                "dialog_jumlah",
                "dialog_dikonfirmasi",
                "dialog_dikomentari",
                "dialog_menunggu",
                "dialog_tidak_ditanggapi",
                "jawaban_360_atasan",
            ]
        );
        assert_eq!(
            h[18..24],
            [
                "berorientasi_pelayanan_atasan",
                "berorientasi_pelayanan_rekan",
                "berorientasi_pelayanan_bawahan",
                "berorientasi_pelayanan_diri",
                "berorientasi_pelayanan_total",
                "akuntabel_atasan",
            ]
        );
        assert_eq!(h.len(), 6 + 3 + 5 + 4 + 7 * 5 + 7);
        assert_eq!(h.last().unwrap(), "tanggal_penilaian");
        assert_eq!(header(Layout::Lengkap, p("2027")).len(), h.len() + 9);
    }

    #[test]
    fn periods_are_named_as_e_kinerja_names_them() {
        assert_eq!(period_name(p("2027-03")), "Maret 2027");
        assert_eq!(period_name(p("2027-q4")), "Triwulan IV 2027");
        assert_eq!(period_name(p("2027-s2")), "Semester II 2027");
        assert_eq!(period_name(p("2027")), "Tahun 2027");
    }

    #[test]
    fn every_row_has_a_cell_per_column() {
        let period = p("2027-q1");
        let mut row = Row {
            nip: "199001012015031001".into(),
            name: "Dimas".into(),
            unit: "A > B".into(),
            active: true,
            supervisor: None,
            dialogs: Dialogs {
                per_month: vec![1, 0, 1],
                by_ack: [0, 1, 1, 0],
            },
            feedback: Feedback::default(),
            evaluation: None,
        };
        let tz = chrono_tz::Asia::Jakarta;
        for layout in Layout::ALL {
            let cells = cells(*layout, period, &row, tz);
            assert_eq!(cells.len(), header(*layout, period).len(), "{layout:?}");
        }
        let t = Tally::from_answers([Rating::Sesuai, Rating::DiAtas, Rating::DiAtas]);
        row.feedback.groups[1] = Some([t; 7]);
        row.evaluation = Some(Rated {
            hasil: Rating::DiAtas,
            hasil_from_unit: false,
            perilaku: Rating::Sesuai,
            predikat: Predikat::Baik,
            rated_by: "x".into(),
            rated_by_name: None,
            // 2027-03-31 20:00 UTC is 1 April in Jakarta.
            rated_at: 1_806_523_200,
        });
        let c = cells(Layout::Lengkap, period, &row, tz);
        let h = header(Layout::Lengkap, period);
        let at = |name: &str| &c[h.iter().position(|x| x == name).unwrap()];
        assert_eq!(at("jawaban_360_rekan"), &Cell::Int(3));
        assert_eq!(at("jawaban_360_atasan"), &Cell::Empty);
        assert_eq!(at("kolaboratif_rekan"), &Cell::Decimal(2.67));
        assert_eq!(at("kolaboratif_total"), &Cell::Decimal(2.67));
        assert_eq!(at("kolaboratif_bawahan"), &Cell::Empty);
        assert_eq!(at("dialog_menunggu"), &Cell::Int(0));
        assert_eq!(at("dialog_dikonfirmasi"), &Cell::Int(1));
        assert_eq!(at("predikat"), &Cell::Text("Baik".into()));
        assert_eq!(
            at("tanggal_penilaian"),
            &Cell::Date(NaiveDate::from_ymd_opt(2027, 4, 1).unwrap())
        );
        let e = cells(Layout::Ekinerja, period, &row, tz);
        assert_eq!(
            e[2..],
            [
                Cell::Text("Triwulan I 2027".into()),
                Cell::Text("Di Atas Ekspektasi".into()),
                Cell::Text("Sesuai Ekspektasi".into()),
                Cell::Text("Baik".into()),
            ]
        );
    }
}
