//! Button data: one codec for every button the bot issues, a variant per feature wrapping the
//! feature's own button enum (each feature writes and reads its own prefixes). Anyone can read
//! and forge button data, so it holds opaque values only and every press is authorized again on
//! arrival.

use crate::bot::features::period_export;
use crate::bot::features::reports;
use crate::bot::features::{
    account, broadcast, deadline, dialog, feedback, feedback_results, notes, organisation, periods,
    predikat,
};
use crate::bot::widgets::audience;

/// Telegram's limit on `callback_data`.
pub const MAX_BYTES: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallbackData {
    Account(account::Button),
    Organisation(organisation::Button),
    Audience(audience::Button),
    Broadcast(broadcast::Button),
    Deadline(deadline::Button),
    Dialog(dialog::Button),
    Feedback(feedback::Button),
    FeedbackResults(feedback_results::Button),
    Notes(notes::Button),
    Periods(periods::Button),
    Predikat(predikat::Button),
    PeriodExport(period_export::Button),
    Reports(reports::Button),
}

impl CallbackData {
    pub fn encode(&self) -> String {
        match self {
            Self::Account(b) => b.encode(),
            Self::Organisation(b) => b.encode(),
            Self::Audience(b) => b.encode(),
            Self::Broadcast(b) => b.encode(),
            Self::Deadline(b) => b.encode(),
            Self::Dialog(b) => b.encode(),
            Self::Feedback(b) => b.encode(),
            Self::FeedbackResults(b) => b.encode(),
            Self::Notes(b) => b.encode(),
            Self::Periods(b) => b.encode(),
            Self::Predikat(b) => b.encode(),
            Self::PeriodExport(b) => b.encode(),
            Self::Reports(b) => b.encode(),
        }
    }

    /// `None` for anything this version does not issue: old, foreign or forged data.
    pub fn parse(data: &str) -> Option<Self> {
        let (kind, rest) = data.split_once(':')?;
        account::Button::parse(kind, rest)
            .map(Self::Account)
            .or_else(|| organisation::Button::parse(kind, rest).map(Self::Organisation))
            .or_else(|| audience::Button::parse(kind, rest).map(Self::Audience))
            .or_else(|| broadcast::Button::parse(kind, rest).map(Self::Broadcast))
            .or_else(|| deadline::Button::parse(kind, rest).map(Self::Deadline))
            .or_else(|| dialog::Button::parse(kind, rest).map(Self::Dialog))
            .or_else(|| feedback::Button::parse(kind, rest).map(Self::Feedback))
            .or_else(|| feedback_results::Button::parse(kind, rest).map(Self::FeedbackResults))
            .or_else(|| notes::Button::parse(kind, rest).map(Self::Notes))
            .or_else(|| periods::Button::parse(kind, rest).map(Self::Periods))
            .or_else(|| predikat::Button::parse(kind, rest).map(Self::Predikat))
            .or_else(|| period_export::Button::parse(kind, rest).map(Self::PeriodExport))
            .or_else(|| reports::Button::parse(kind, rest).map(Self::Reports))
    }
}

macro_rules! wraps {
    ($($feature:ident => $variant:ident),* $(,)?) => {
        $(impl From<$feature::Button> for CallbackData {
            fn from(b: $feature::Button) -> Self {
                Self::$variant(b)
            }
        })*
    };
}

wraps!(
    account => Account,
    organisation => Organisation,
    audience => Audience,
    broadcast => Broadcast,
    deadline => Deadline,
    dialog => Dialog,
    feedback => Feedback,
    feedback_results => FeedbackResults,
    notes => Notes,
    periods => Periods,
    predikat => Predikat,
    period_export => PeriodExport,
    reports => Reports,
);

/// A page number (0 first) in plain digits, below any real organisation's page count.
/// For each feature's tests: every button encodes within Telegram's limit, to data no other
/// button has, and reads back as itself through the one codec (so no prefix collides).
#[cfg(test)]
pub(crate) fn assert_round_trips<B>(all: impl IntoIterator<Item = B>)
where
    B: Into<CallbackData>,
{
    let mut seen = std::collections::HashSet::new();
    for b in all {
        let data: CallbackData = b.into();
        let enc = data.encode();
        assert!(enc.len() <= MAX_BYTES, "{enc} is too long");
        assert!(seen.insert(enc.clone()), "{enc} twice");
        assert_eq!(CallbackData::parse(&enc), Some(data), "{enc}");
    }
}

pub(crate) fn parse_page(s: &str) -> Option<usize> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|p| *p < 10_000)
}

/// A positive id written in plain digits, nothing else.
pub(crate) fn parse_id(s: &str) -> Option<i64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|id: &i64| *id > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::bot::widgets::audience::Choice;
    use crate::domain::Lang;
    use crate::domain::org::UnitId;
    use crate::export::Format;

    fn every_variant() -> Vec<CallbackData> {
        let big = i64::MAX;
        let mut all: Vec<CallbackData> = Lang::ALL
            .into_iter()
            .map(|l| account::Button::SetLanguage(l).into())
            .collect();
        all.extend(
            [
                organisation::Button::InviteUnit(UnitId(big)),
                organisation::Button::InvitePage(3),
                organisation::Button::ImportConfirm,
                organisation::Button::ImportCancel,
            ]
            .map(CallbackData::from),
        );
        all.extend(
            [
                audience::Button::Choice(Choice::Everyone),
                audience::Button::Choice(Choice::PickUnit),
                audience::Button::Choice(Choice::Supervisors),
                audience::Button::Choice(Choice::Hr),
                audience::Button::Unit(UnitId(big)),
                audience::Button::UnitsPage(0),
                audience::Button::UnitsPage(9_999),
            ]
            .map(CallbackData::from),
        );
        all.extend(
            [
                broadcast::Button::Send,
                broadcast::Button::Discard,
                broadcast::Button::Stop(big),
                broadcast::Button::Unreached(big, Format::Csv),
                broadcast::Button::Unreached(big, Format::Xlsx),
            ]
            .map(CallbackData::from),
        );
        all.extend(
            [
                deadline::Button::New,
                deadline::Button::SkipDescription,
                deadline::Button::Save,
                deadline::Button::Discard,
                deadline::Button::EditDue(big),
                deadline::Button::EditTitle(big),
                deadline::Button::Cancel(big),
            ]
            .map(CallbackData::from),
        );
        all.extend(every_dialog_button(big).into_iter().map(CallbackData::from));
        for code in ["2027-01", "2027-q1", "2027-s2", "2027"] {
            let period = crate::domain::period::Period::parse(code).unwrap();
            all.push(reports::Button::Period(period).into());
            all.extend(
                reports::Report::ALL.map(|r| CallbackData::from(reports::Button::Show(r, period))),
            );
        }
        all
    }

    fn every_dialog_button(big: i64) -> Vec<dialog::Button> {
        use crate::domain::dialog::{
            Agreement, CoachingStatement, FollowUpKind, Giver, Kind, Mode,
        };
        use crate::domain::{DialogId, EmployeeRef};
        use dialog::Button as B;
        let (who, id) = (EmployeeRef(big), DialogId(big));
        let mut all = vec![
            B::Record(who),
            B::Toggle(who),
            B::Chosen,
            B::SubordinatesPage(0),
            B::SubordinatesPage(9_999),
            B::Today,
            B::Yesterday,
            B::Skip,
            B::NoFollowUp,
            B::Save,
            B::Discard,
            B::Confirm(id, 0),
            B::Confirm(id, big),
            B::Comment(id, 0),
            B::Comment(id, 7),
            B::Correct(id),
            B::FollowUpDone(id),
            B::History(who),
            B::Request,
            B::FindHistory,
            B::Mine,
            B::Start,
            B::Compliance,
            B::ComplianceFile(Format::Csv),
            B::ComplianceFile(Format::Xlsx),
        ];
        all.extend(Kind::ALL.iter().map(|k| B::Kind(*k)));
        all.extend(Mode::ALL.iter().map(|m| B::Mode(*m)));
        all.extend(FollowUpKind::ALL.iter().map(|f| B::FollowUp(*f)));
        all.extend(Giver::ALL.iter().map(|g| B::Giver(*g)));
        for s in CoachingStatement::ALL {
            for a in Agreement::ALL {
                all.push(B::Coaching(id, *s, *a));
            }
        }
        all
    }

    #[test]
    fn no_two_variants_share_an_encoding() {
        let all = every_variant();
        let encodings: std::collections::HashSet<String> =
            all.iter().map(CallbackData::encode).collect();
        assert_eq!(encodings.len(), all.len());
    }

    #[test]
    fn every_variant_round_trips_and_fits_telegram() {
        for data in every_variant() {
            let enc = data.encode();
            assert!(enc.len() <= MAX_BYTES, "{enc} is too long");
            assert_eq!(CallbackData::parse(&enc), Some(data));
        }
    }

    #[test]
    fn forged_or_foreign_data_is_rejected() {
        for bad in [
            "",
            "lang",
            "lang:fr",
            "xyz:1",
            "lang:id:extra",
            "💥",
            "inv:-1",
            "inv:+5",
            "inv:x",
            "imp:yes",
            "aud:everyone",
            "audu:0",
            "audp:",
            "audp:-1",
            "audp:10000",
            "invp:x",
            "bcs:",
            "bcu:3",
            "bcu:3:pdf",
            "bcu:x:csv",
            "dld:99999999999999999999",
            "dl:maybe",
            "dk:r:0",
            "dk:ok:5",
            "dk:ok:5:-1",
            "dk:ok:5:x",
            "dk:k:other",
            "dk:q:5:didengar:9",
            "dk:q:5:nope:1",
            "dk:q:5:didengar:1:2",
            "dk:save:1",
            "dk:cf:pdf",
        ] {
            assert_eq!(CallbackData::parse(bad), None, "{bad:?}");
        }
    }
}
