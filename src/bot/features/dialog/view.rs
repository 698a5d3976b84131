//! How a dialog reads in each language: the names of kinds, modes, points and follow-ups, and a
//! whole record (the summary before saving, the employee's copy, the supervisor's notices).
//! Plain text: what people typed is shown as typed.

use chrono::NaiveDate;
use teloxide::types::InlineKeyboardButton;

use super::Button;
use crate::domain::Lang;
use crate::domain::dialog::{
    Ack, Agreement, CoachingStatement, FollowUpKind, Giver, Kind, Mode, Point,
};
use crate::i18n::{Msg, text, text_with};
use crate::storage::dialogs::Content;

pub fn button(label: String, data: Button) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(label, data.encode())
}

pub fn kind(k: Kind) -> Msg {
    match k {
        Kind::Klarifikasi => Msg::DialogKindKlarifikasi,
        Kind::UmpanBalik => Msg::DialogKindUmpanBalik,
        Kind::Evaluasi => Msg::DialogKindEvaluasi,
    }
}

pub fn mode(m: Mode) -> Msg {
    match m {
        Mode::TatapMuka => Msg::DialogModeTatapMuka,
        Mode::Daring => Msg::DialogModeDaring,
    }
}

pub fn point(p: Point) -> Msg {
    match p {
        Point::HasilDiharapkan => Msg::DialogPointHasilDiharapkan,
        Point::PanduanBertindak => Msg::DialogPointPanduanBertindak,
        Point::DukunganSumberDaya => Msg::DialogPointDukunganSumberDaya,
        Point::SkemaPertanggungjawaban => Msg::DialogPointSkemaPertanggungjawaban,
        Point::Konsekuensi => Msg::DialogPointKonsekuensi,
        Point::Progres => Msg::DialogPointProgres,
        Point::Pembelajaran => Msg::DialogPointPembelajaran,
        Point::DukunganDibutuhkan => Msg::DialogPointDukunganDibutuhkan,
        Point::Penilaian => Msg::DialogPointPenilaian,
    }
}

pub fn follow_up(f: FollowUpKind) -> Msg {
    match f {
        FollowUpKind::Coaching => Msg::DialogFollowUpCoaching,
        FollowUpKind::Mentoring => Msg::DialogFollowUpMentoring,
        FollowUpKind::Training => Msg::DialogFollowUpTraining,
        FollowUpKind::Konseling => Msg::DialogFollowUpKonseling,
    }
}

pub fn giver(g: Giver) -> Msg {
    match g {
        Giver::Atasan => Msg::DialogGiverAtasan,
        Giver::RekanKerja => Msg::DialogGiverRekanKerja,
        Giver::ELearning => Msg::DialogGiverELearning,
        Giver::PembelajaranJarakJauh => Msg::DialogGiverPembelajaranJarakJauh,
        Giver::PelatihanLain => Msg::DialogGiverPelatihanLain,
        Giver::KonselorInternal => Msg::DialogGiverKonselorInternal,
        Giver::KonselorProfesional => Msg::DialogGiverKonselorProfesional,
    }
}

pub fn ack(a: Ack) -> Msg {
    match a {
        Ack::Pending => Msg::DialogAckStatePending,
        Ack::Confirmed => Msg::DialogAckStateConfirmed,
        Ack::Commented => Msg::DialogAckStateCommented,
        Ack::Unacknowledged => Msg::DialogAckStateUnacknowledged,
    }
}

pub fn statement(s: CoachingStatement) -> Msg {
    match s {
        CoachingStatement::Didengar => Msg::DialogCoachingDidengar,
        CoachingStatement::BebasBicara => Msg::DialogCoachingBebasBicara,
        CoachingStatement::BerbasisFakta => Msg::DialogCoachingBerbasisFakta,
        CoachingStatement::JalanKeluar => Msg::DialogCoachingJalanKeluar,
        CoachingStatement::LangkahBerikut => Msg::DialogCoachingLangkahBerikut,
    }
}

pub fn agreement(a: Agreement) -> Msg {
    match a {
        Agreement::SangatTidakSetuju => Msg::DialogAgreeStronglyNot,
        Agreement::TidakSetuju => Msg::DialogAgreeNot,
        Agreement::Setuju => Msg::DialogAgree,
        Agreement::SangatSetuju => Msg::DialogAgreeStrongly,
    }
}

/// Dates as Indonesians write them, the same in both languages.
pub fn date(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

/// A follow-up with who gives it, or "none".
pub fn follow_up_line(lang: Lang, f: Option<FollowUpKind>, by: Option<Giver>) -> String {
    match (f, by) {
        (None, _) => text(lang, Msg::DialogRecordNoFollowUp),
        (Some(f), None) => text(lang, follow_up(f)),
        (Some(f), Some(g)) => text_with(
            lang,
            Msg::DialogRecordFollowUpBy,
            &[
                ("followup", text(lang, follow_up(f))),
                ("giver", text(lang, giver(g))),
            ],
        ),
    }
}

/// The record's body: kind, mode, date, each point, follow-up and next date.
pub fn record(lang: Lang, c: &Content, with: &str, supervisor: &str) -> String {
    let line = |msg: Msg, key: &'static str, value: String| text_with(lang, msg, &[(key, value)]);
    let mut out = vec![
        line(Msg::DialogRecordKind, "kind", text(lang, kind(c.kind))),
        line(Msg::DialogRecordWith, "names", with.to_owned()),
        line(Msg::DialogRecordSupervisor, "name", supervisor.to_owned()),
        line(Msg::DialogRecordMode, "mode", text(lang, mode(c.mode))),
        line(Msg::DialogRecordDate, "date", date(c.held_on)),
    ];
    for p in c.kind.points() {
        let value = c
            .points
            .get(p)
            .cloned()
            .unwrap_or_else(|| text(lang, Msg::DialogRecordSkipped));
        out.push(format!("• {}: {value}", text(lang, point(*p))));
    }
    out.push(line(
        Msg::DialogRecordFollowUp,
        "followup",
        follow_up_line(lang, c.follow_up, c.follow_up_by),
    ));
    if let Some(next) = c.next_on {
        out.push(line(Msg::DialogRecordNext, "date", date(next)));
    }
    out.join("\n")
}
