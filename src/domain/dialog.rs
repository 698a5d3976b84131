//! What a dialog kinerja record is: its kind and the points each kind covers, how it was held,
//! the follow-up (*pembinaan*) it leads to and who may give it, the employee's acknowledgement
//! and coaching feedback, and the checks on the text and dates a supervisor types.
//!
//! The enums are stored in JSON conversation state and callback data, so each has a stable
//! `code()` that is also its serde name.

use std::collections::HashSet;

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::deadline::{parse_named_date, parse_numeric_date};

use super::coded::coded_enum;

coded_enum! {
    /// The three kinds of dialog kinerja in PermenPANRB 6/2022.
    pub enum Kind {
        /// Klarifikasi ekspektasi: when work is assigned or expectations change.
        Klarifikasi => "klarifikasi",
        /// Umpan balik berkelanjutan: ongoing feedback while the work runs.
        UmpanBalik => "umpan-balik",
        /// Evaluasi kinerja: the assessment at the end of a period.
        Evaluasi => "evaluasi",
    }
}

impl Kind {
    /// The points the supervisor records, in the order they are asked.
    pub fn points(self) -> &'static [Point] {
        match self {
            Self::Klarifikasi => &[
                Point::HasilDiharapkan,
                Point::PanduanBertindak,
                Point::DukunganSumberDaya,
                Point::SkemaPertanggungjawaban,
                Point::Konsekuensi,
            ],
            Self::UmpanBalik => &[
                Point::Progres,
                Point::Pembelajaran,
                Point::DukunganDibutuhkan,
            ],
            Self::Evaluasi => &[Point::Penilaian],
        }
    }
}

coded_enum! {
    /// One point of a dialog; each belongs to exactly one [`Kind`].
    pub enum Point {
        /// Hasil yang diharapkan: the expected results.
        HasilDiharapkan => "hasil-diharapkan",
        /// Panduan dalam bertindak: guidance on how to act.
        PanduanBertindak => "panduan-bertindak",
        /// Dukungan sumber daya: resources the leader provides.
        DukunganSumberDaya => "dukungan-sumber-daya",
        /// Skema pertanggungjawaban: how and when results are reported.
        SkemaPertanggungjawaban => "skema-pertanggungjawaban",
        /// Konsekuensi: what follows from meeting or missing the expectations.
        Konsekuensi => "konsekuensi",
        /// Progress of the work.
        Progres => "progres",
        /// What was learnt.
        Pembelajaran => "pembelajaran",
        /// What the leader can help with.
        DukunganDibutuhkan => "dukungan-dibutuhkan",
        /// The assessment itself.
        Penilaian => "penilaian",
    }
}

impl Point {
    /// Each kind has one point without which the record says nothing; the rest may be skipped
    /// so a quick dialog is still worth recording.
    pub fn optional(self) -> bool {
        !matches!(
            self,
            Self::HasilDiharapkan | Self::Progres | Self::Penilaian
        )
    }
}

coded_enum! {
    /// Dialogs are held face to face or through media.
    pub enum Mode {
        TatapMuka => "tatap-muka",
        Daring => "daring",
    }
}

coded_enum! {
    /// The forms of *pembinaan kinerja* a dialog can lead to.
    pub enum FollowUpKind {
        /// On work results, by the supervisor.
        Coaching => "coaching",
        /// On work results, by the supervisor or a peer.
        Mentoring => "mentoring",
        /// On work results, formal or informal learning.
        Training => "training",
        /// On work behaviour, individual only.
        Konseling => "konseling",
    }
}

coded_enum! {
    /// Who (or what) gives a follow-up.
    pub enum Giver {
        Atasan => "atasan",
        RekanKerja => "rekan-kerja",
        ELearning => "e-learning",
        PembelajaranJarakJauh => "pembelajaran-jarak-jauh",
        PelatihanLain => "pelatihan-lain",
        KonselorInternal => "konselor-internal",
        KonselorProfesional => "konselor-profesional",
    }
}

impl FollowUpKind {
    /// Who may give this form of follow-up, per the regulation's table.
    pub fn givers(self) -> &'static [Giver] {
        match self {
            Self::Coaching => &[Giver::Atasan],
            Self::Mentoring => &[Giver::Atasan, Giver::RekanKerja],
            Self::Training => &[
                Giver::ELearning,
                Giver::PembelajaranJarakJauh,
                Giver::PelatihanLain,
            ],
            Self::Konseling => &[
                Giver::Atasan,
                Giver::KonselorInternal,
                Giver::KonselorProfesional,
            ],
        }
    }

    /// After coaching (and mentoring, its peer form) the employee rates the session for the
    /// leader's own superior.
    pub fn wants_coaching_feedback(self) -> bool {
        matches!(self, Self::Coaching | Self::Mentoring)
    }
}

/// A follow-up agreed in a dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FollowUp {
    pub kind: FollowUpKind,
    pub by: Giver,
}

impl FollowUp {
    /// `None` when `by` may not give this kind (a peer cannot coach, an e-learning cannot
    /// counsel).
    pub fn new(kind: FollowUpKind, by: Giver) -> Option<Self> {
        kind.givers().contains(&by).then_some(Self { kind, by })
    }
}

coded_enum! {
    /// The employee's answer to a saved dialog record.
    pub enum Ack {
        /// Waiting for the employee.
        Pending => "pending",
        Confirmed => "confirmed",
        /// Confirmed with a comment of their own.
        Commented => "commented",
        /// The employee did not answer in time; the record stands as the supervisor wrote it.
        Unacknowledged => "unacknowledged",
    }
}

/// Whether a record saved at `saved_at` has waited `days` full days for acknowledgement.
pub fn ack_expired(saved_at: DateTime<Utc>, now: DateTime<Utc>, days: u32) -> bool {
    now.signed_duration_since(saved_at) >= chrono::Duration::days(i64::from(days))
}

coded_enum! {
    /// The statements the employee rates after coaching.
    pub enum CoachingStatement {
        /// I was heard and understood.
        Didengar => "didengar",
        /// I could speak freely.
        BebasBicara => "bebas-bicara",
        /// The leader's views rested on facts.
        BerbasisFakta => "berbasis-fakta",
        /// We found a way forward.
        JalanKeluar => "jalan-keluar",
        /// I know what to do next.
        LangkahBerikut => "langkah-berikut",
    }
}

/// A four-point scale with no middle, so each answer leans one way.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    strum::EnumIter,
)]
#[serde(rename_all = "kebab-case")]
pub enum Agreement {
    SangatTidakSetuju,
    TidakSetuju,
    Setuju,
    SangatSetuju,
}

impl Agreement {
    pub const ALL: &[Self] = &[
        Self::SangatTidakSetuju,
        Self::TidakSetuju,
        Self::Setuju,
        Self::SangatSetuju,
    ];

    /// 1 (sangat tidak setuju) ..= 4 (sangat setuju).
    pub fn score(self) -> u8 {
        match self {
            Self::SangatTidakSetuju => 1,
            Self::TidakSetuju => 2,
            Self::Setuju => 3,
            Self::SangatSetuju => 4,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::SangatTidakSetuju => "sangat-tidak-setuju",
            Self::TidakSetuju => "tidak-setuju",
            Self::Setuju => "setuju",
            Self::SangatSetuju => "sangat-setuju",
        }
    }

    /// The code, or the score `1`..`4` (short enough for a button's callback data).
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|a| a.code() == code || a.score().to_string() == code)
    }

    /// The answer with this score, 1 (strongly disagree) to 4 (strongly agree).
    pub fn from_score(score: i64) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|a| i64::from(a.score()) == score)
    }
}

/// Longest text for one point, in characters (not bytes: pasted text need not be ASCII). Five
/// points of this length, with their labels, still fit one Telegram message (4,096 characters)
/// as the summary and as the employee's copy.
pub const MAX_POINT_CHARS: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("empty")]
    Empty,
    #[error("too long: {got} characters, at most {max}")]
    TooLong { max: usize, got: usize },
}

/// The text of one point, trimmed.
pub fn check_text(text: &str) -> Result<String, TextError> {
    let text = text.trim();
    let got = text.chars().count();
    if got == 0 {
        return Err(TextError::Empty);
    }
    if got > MAX_POINT_CHARS {
        return Err(TextError::TooLong {
            max: MAX_POINT_CHARS,
            got,
        });
    }
    Ok(text.to_string())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("not a date")]
    Unreadable,
    #[error("in the future")]
    Future,
    #[error("before the period, which starts {start}")]
    BeforePeriod { start: NaiveDate },
    #[error("not after the dialog and today")]
    NotAfter,
}

/// A date as people type it: `2027-01-12`, `12-01-2027`, `12/01/2027`, `12.01.2027`,
/// `12 Januari 2027`, `12 Jan 2027` or `12 January 2027`. Since dialogs are recorded soon after
/// they are held, `hari ini`/`today`, `kemarin`/`yesterday` and `besok`/`tomorrow` are read
/// against `today` too.
pub fn parse_date(text: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let cleaned = text.replace(',', " ").to_lowercase();
    let tokens: Vec<&str> = cleaned.split_whitespace().collect();
    match tokens.as_slice() {
        ["hari", "ini"] | ["today"] => Some(today),
        ["kemarin"] | ["yesterday"] => today.checked_sub_days(Days::new(1)),
        ["besok"] | ["tomorrow"] => today.checked_add_days(Days::new(1)),
        [one] => parse_numeric_date(one),
        [day, month, year] => parse_named_date(day, month, year),
        _ => None,
    }
    .ok_or(DateError::Unreadable)
}

/// A dialog's date: held already, and within the period being recorded.
pub fn check_held_on(
    date: NaiveDate,
    today: NaiveDate,
    period_start: NaiveDate,
) -> Result<(), DateError> {
    if date > today {
        return Err(DateError::Future);
    }
    if date < period_start {
        return Err(DateError::BeforePeriod {
            start: period_start,
        });
    }
    Ok(())
}

/// The next dialog's date: after the one just held, and not already past.
pub fn check_next_on(
    date: NaiveDate,
    held_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), DateError> {
    if date <= held_on || date <= today {
        return Err(DateError::NotAfter);
    }
    Ok(())
}

/// The start of the period dialogs are recorded in: 1 January of the evaluation year, which is
/// still last year during January, so that December's dialogs can be recorded on the first
/// working days of the new year. Periods (month, quarter, semester) become configurable later.
pub fn period_start(today: NaiveDate) -> NaiveDate {
    let a_month_ago = today
        .checked_sub_months(chrono::Months::new(1))
        .unwrap_or(today);
    a_month_ago.with_ordinal(1).unwrap_or(today)
}

/// Dialog compliance of one team or unit over a month and a quarter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Compliance {
    pub employees: usize,
    pub with_dialog_month: usize,
    pub with_dialog_quarter: usize,
}

/// The subordinates with no dialog in `held`, in the order given.
pub fn missing<'a>(subordinates: &'a [String], held: &HashSet<String>) -> Vec<&'a String> {
    subordinates.iter().filter(|s| !held.contains(*s)).collect()
}

#[cfg(test)]
#[path = "dialog_tests.rs"]
mod tests;
