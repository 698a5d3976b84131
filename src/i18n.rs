//! Every user-visible string, rendered from `locales/<lang>/*.ftl`. Code names a message only
//! through [`Msg`], so a test can prove that every message exists in every language.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use strum::{EnumIter, IntoStaticStr};

use crate::domain::Lang;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "id",
        // Telegram shows Unicode isolation marks as stray characters; names are plain text.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The catalogue: one variant per Fluent message. The key is the variant in kebab-case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum Msg {
    WelcomeUnlinked,
    WelcomeLinked,
    LinkDone,
    LinkMovedAway,
    InviteMalformed,
    InviteUnknown,
    InviteUsed,
    InviteExpired,
    InviteAccountTaken,
    Help,
    LanguageChoose,
    LanguageSet,
    LanguageNameId,
    LanguageNameEn,
    CancelDone,
    CancelNothing,
    UnknownCommand,
    UnknownInput,
    TextTooLong,
    StaleButton,
    InternalError,
    SlowDown,
    CmdStart,
    CmdHelp,
    CmdLanguage,
    CmdCancel,
    ImportDone,
    ImportDryRun,
    ImportReadAsWindows1252,
    ImportFileRefused,
    ImportRowsRefused,
    ImportRowError,
    ImportMoreRows,
    ImportRowsFileCaption,
    FileEmpty,
    FileTooLarge,
    FileNotCsvOrXlsx,
    FileMissingColumns,
    FileDuplicateColumn,
    FileSheetTooWide,
    FileTooManyRows,
    FileUnreadable,
    ProblemNipShape,
    ProblemFieldCount,
    ProblemControlCharacter,
    ProblemNipStoredAsNumber,
    ProblemAppointedInTheFuture,
    ProblemCellTooLong,
    ProblemNipBirthDate,
    ProblemNipAppointment,
    ProblemNipSexDigit,
    ProblemDuplicateNip,
    ProblemEmptyName,
    ProblemNameTooLong,
    ProblemBadUnit,
    ProblemBadSupervisorNip,
    ProblemSelfSupervisor,
    ProblemUnknownSupervisor,
    ProblemSupervisorCycle,
    ProblemUnknownRole,
    ProblemUnknownLanguage,
    NotLinked,
    NotAllowed,
    ProfileView,
    ProfileNoSupervisor,
    TeamHeader,
    TeamMemberLinked,
    TeamMemberUnlinked,
    TeamEmpty,
    UnitsHeader,
    UnitsLine,
    UnitsMore,
    InviteChooseUnit,
    InviteSent,
    InviteNone,
    InviteRolesLeftOut,
    ImportConfirmQuestion,
    ImportConfirmButton,
    ImportCancelButton,
    ImportCancelled,
    PreviewOutdated,
    PreviewExpired,
    ImportDownloadFailed,
    CmdProfile,
    CmdTeam,
    CmdUnits,
    CmdInvite,
    AudienceChoose,
    AudienceChooseUnit,
    AudienceEmpty,
    AudienceEveryone,
    AudiencePickUnit,
    AudienceSupervisors,
    AudienceHr,
    BroadcastAskText,
    BroadcastFormatError,
    BroadcastPreviewHeader,
    BroadcastConfirm,
    BroadcastSendButton,
    BroadcastDiscardButton,
    BroadcastDiscarded,
    BroadcastProgress,
    BroadcastStopButton,
    BroadcastDone,
    BroadcastCancelled,
    BroadcastAlreadyFinished,
    BroadcastUnreachedCsvButton,
    BroadcastUnreachedXlsxButton,
    BroadcastUnreachedCaption,
    BroadcastUnreachedNone,
    UnreachedNotLinked,
    UnreachedBlocked,
    UnreachedFailed,
    FormatEmpty,
    FormatTooLong,
    FormatUnknownTag,
    FormatUnclosedTag,
    FormatUnexpectedClosingTag,
    FormatBadAttribute,
    FormatMissingHref,
    FormatBareCharacter,
    FormatUnknownEntity,
    DeadlineListItem,
    DeadlineListEmpty,
    DeadlineNewHint,
    DeadlineNewButton,
    DeadlineAskTitle,
    DeadlineTitleInvalid,
    DeadlineAskDue,
    DeadlineDueUnreadable,
    DeadlineDueInPast,
    DeadlineAskDescription,
    DeadlineSkipButton,
    DeadlineDescriptionTooLong,
    DeadlineConfirm,
    DeadlineSaveButton,
    DeadlineDiscardButton,
    DeadlineSaved,
    DeadlineDiscarded,
    DeadlineEditDueButton,
    DeadlineEditTitleButton,
    DeadlineCancelButton,
    DeadlineUpdated,
    DeadlineCancelledNotice,
    DeadlineGone,
    DeadlineReminder,
    DeadlineDaysLeft,
    DeadlineToday,
    DeadlineDeliveries,
    PagePrevious,
    PageNext,
    PageOf,
    CmdBroadcast,
    CmdDeadline,
    CmdDialog,
    CmdFeedback,
    CmdRound,
    // Dialog recording, acknowledgement, coaching, requests (locales/*/dialog.ftl).
    DialogMenu,
    DialogMenuRecord,
    DialogMenuHistoryOf,
    DialogMenuMine,
    DialogMenuRequest,
    DialogMenuCompliance,
    DialogMenuFindHistory,
    DialogHistoryAskNip,
    DialogHistoryNipInvalid,
    DialogHistoryNipNotFound,
    DialogNoSubordinates,
    DialogNotSubordinate,
    DialogAskSubordinates,
    DialogNextButton,
    DialogChooseSomeone,
    DialogAskKind,
    DialogKindKlarifikasi,
    DialogKindUmpanBalik,
    DialogKindEvaluasi,
    DialogAskMode,
    DialogModeTatapMuka,
    DialogModeDaring,
    DialogAskDate,
    DialogTodayButton,
    DialogYesterdayButton,
    DialogDateUnreadable,
    DialogDateFuture,
    DialogDateBeforePeriod,
    DialogNextNotAfter,
    DialogAskPoint,
    DialogAskPointOptional,
    DialogPointRequired,
    DialogPointHasilDiharapkan,
    DialogPointPanduanBertindak,
    DialogPointDukunganSumberDaya,
    DialogPointSkemaPertanggungjawaban,
    DialogPointKonsekuensi,
    DialogPointProgres,
    DialogPointPembelajaran,
    DialogPointDukunganDibutuhkan,
    DialogPointPenilaian,
    DialogSkipButton,
    DialogTextTooLong,
    DialogTextEmpty,
    DialogUseButtons,
    DialogAskFollowUp,
    DialogFollowUpNone,
    DialogFollowUpCoaching,
    DialogFollowUpMentoring,
    DialogFollowUpTraining,
    DialogFollowUpKonseling,
    DialogAskGiver,
    DialogGiverAtasan,
    DialogGiverRekanKerja,
    DialogGiverELearning,
    DialogGiverPembelajaranJarakJauh,
    DialogGiverPelatihanLain,
    DialogGiverKonselorInternal,
    DialogGiverKonselorProfesional,
    DialogAskNextDate,
    DialogSummary,
    DialogSaveButton,
    DialogDiscardButton,
    DialogDiscarded,
    DialogSaved,
    DialogCorrectButton,
    DialogFollowUpDoneButton,
    DialogCorrectRefused,
    DialogMissing,
    DialogRecordKind,
    DialogRecordWith,
    DialogRecordSupervisor,
    DialogRecordMode,
    DialogRecordDate,
    DialogRecordFollowUp,
    DialogRecordFollowUpBy,
    DialogRecordNoFollowUp,
    DialogRecordNext,
    DialogRecordSkipped,
    DialogAckAsk,
    DialogAckAskCorrected,
    DialogConfirmButton,
    DialogCommentButton,
    DialogAckConfirmed,
    DialogAckAskComment,
    DialogAckCommented,
    DialogAckAlready,
    DialogAckNotYours,
    DialogAckOutdated,
    DialogAckStatePending,
    DialogAckStateConfirmed,
    DialogAckStateCommented,
    DialogAckStateUnacknowledged,
    DialogNoticeConfirmed,
    DialogNoticeCommented,
    DialogFollowUpMarked,
    DialogFollowUpNoneOpen,
    DialogCoachingIntro,
    DialogCoachingIntroNoSuperior,
    DialogCoachingQuestion,
    DialogCoachingDidengar,
    DialogCoachingBebasBicara,
    DialogCoachingBerbasisFakta,
    DialogCoachingJalanKeluar,
    DialogCoachingLangkahBerikut,
    DialogAgreeStronglyNot,
    DialogAgreeNot,
    DialogAgree,
    DialogAgreeStrongly,
    DialogCoachingThanks,
    DialogCoachingClosed,
    DialogCoachingToSuperior,
    DialogRequestNoSupervisor,
    DialogRequestNotice,
    DialogRecordWithButton,
    DialogRequestSent,
    DialogRequestAlready,
    // -- end of dialog recording --
    // Dialog reminders, holidays and the calendar (locales/*/dialog-reminders.ftl).
    DialogMonthName,
    DialogQuarterName,
    DialogReminderFirst,
    DialogReminderFollowUp,
    DialogReminderMore,
    DialogQuarterFlag,
    DialogQuarterEscalation,
    DialogEscalationTeam,
    DialogEscalationTeamMore,
    DialogEscalationMoreTeams,
    HolidayWeekday,
    HolidayListHeader,
    HolidayListItem,
    HolidayListItemAdded,
    HolidayListEmpty,
    HolidayUsage,
    HolidayBadDate,
    HolidayInPast,
    HolidayAdded,
    HolidayRemoved,
    HolidayNotAHoliday,
    // -- end of dialog reminders --
    // Dialog history and compliance (locales/*/dialog-reports.ftl).
    DialogHistoryHeader,
    DialogHistoryMineHeader,
    DialogHistoryCount,
    DialogHistoryEmpty,
    DialogHistoryEntry,
    DialogHistoryRecordedBy,
    DialogHistoryRecorderUnknown,
    DialogHistoryKind,
    DialogHistoryMode,
    DialogHistoryFollowUpNone,
    DialogHistoryFollowUp,
    DialogHistoryFollowUpKind,
    DialogHistoryGiver,
    DialogHistoryAck,
    DialogHistoryComment,
    DialogHistoryUnknownEmployee,
    DialogHistoryInactive,
    DialogReportMonth,
    DialogComplianceHeader,
    DialogComplianceTotal,
    DialogComplianceUnit,
    DialogComplianceMissing,
    DialogComplianceMoreNames,
    DialogComplianceAllHeld,
    DialogComplianceMoreUnits,
    DialogComplianceEmpty,
    DialogComplianceCoachingHeader,
    DialogComplianceCoachingLine,
    DialogComplianceCoachingTooFew,
    DialogComplianceCoachingNone,
    DialogComplianceFilePrompt,
    DialogComplianceCsvButton,
    DialogComplianceXlsxButton,
    DialogComplianceFileCaption,
    // -- end of dialog reports --
    // 360 rounds and the rater's chat (locales/*/feedback.ftl).
    FeedbackMenu,
    FeedbackMenuOpen,
    FeedbackRateButton,
    FeedbackRoundsButton,
    FeedbackListDone,
    FeedbackListOpen,
    FeedbackListAll,
    FeedbackListHeader,
    FeedbackListEmpty,
    FeedbackRatingDiBawah,
    FeedbackRatingSesuai,
    FeedbackRatingDiAtas,
    FeedbackQuestion,
    FeedbackSummary,
    FeedbackNoComment,
    FeedbackChangeButton,
    FeedbackCommentButton,
    FeedbackSubmitButton,
    FeedbackMissing,
    FeedbackNotOpen,
    FeedbackClosed,
    FeedbackCommentAsk,
    FeedbackCommentTooLong,
    FeedbackIncomplete,
    FeedbackSaved,
    FeedbackDone,
    FeedbackRoundUsage,
    FeedbackRoundBadPeriod,
    FeedbackRoundBadDate,
    FeedbackRoundOpensInPast,
    FeedbackRoundCloseBeforeOpen,
    FeedbackRoundOpenButton,
    FeedbackRoundDiscardButton,
    FeedbackRoundWholeOrganisation,
    FeedbackRoundPreview,
    FeedbackRoundInactive,
    FeedbackRoundUnlinked,
    FeedbackRoundNoSupervisor,
    FeedbackRoundDuplicate,
    FeedbackRoundMoreNames,
    FeedbackRoundDiscarded,
    FeedbackRoundOpened,
    FeedbackRoundOverlaps,
    FeedbackRoundEmpty,
    FeedbackRoundMissing,
    FeedbackRoundExtended,
    FeedbackRoundCloseInPast,
    FeedbackRoundAlreadyClosed,
    FeedbackRoundNotOpenYet,
    FeedbackRoundStatusClosed,
    FeedbackRoundStatusOpen,
    FeedbackRoundStatusUpcoming,
    FeedbackRoundsEmpty,
    FeedbackRoundLine,
    FeedbackRoundsHeader,
    FeedbackRoundDetail,
    FeedbackRoundUnitLine,
    FeedbackRoundNoticeCounts,
    FeedbackRoundRemindButton,
    FeedbackRoundCloseButton,
    FeedbackRoundCloseConfirmButton,
    FeedbackRoundCloseAsk,
    FeedbackRoundClosed,
    FeedbackRoundNotRunning,
    FeedbackRoundReminded,
    FeedbackRoundStoring,
    FeedbackRoundNotLater,
    FeedbackCommentRemoveButton,
    FeedbackCommentRemoved,
    FeedbackListMore,
    // -- end of feedback rounds --
    // 360 results and aggregates (locales/*/feedback-results.ftl).
    FeedbackResultsMine,
    FeedbackResultsTeamButton,
    FeedbackResultsAggregatesButton,
    FeedbackResultsNone,
    FeedbackResultsSubordinateNone,
    FeedbackResultsNotYet,
    FeedbackResultsPickRound,
    FeedbackResultsRoundButton,
    FeedbackResultsRoundUnknown,
    FeedbackResultsMineHeader,
    FeedbackResultsOfHeader,
    FeedbackResultsIntro,
    FeedbackResultsValue,
    FeedbackResultsExpectation,
    FeedbackResultsGroup,
    FeedbackResultsCounts,
    FeedbackResultsNotEnough,
    FeedbackResultsNoAnswers,
    FeedbackResultsCommentsHeader,
    FeedbackResultsCommentsGroup,
    FeedbackResultsComment,
    FeedbackResultsCommentsNone,
    FeedbackResultsTeamNone,
    FeedbackResultsTeamPick,
    FeedbackResultsAggHeader,
    FeedbackResultsAggNote,
    FeedbackResultsAggUnit,
    FeedbackResultsAggUnitHidden,
    FeedbackResultsAggEmpty,
    FeedbackResultsAggMoreUnits,
    FeedbackResultsAggFilePrompt,
    FeedbackResultsCsvButton,
    FeedbackResultsXlsxButton,
    FeedbackResultsAggFileCaption,
    // -- end of feedback results --
    // Open notes and ekspektasi khusus (locales/*/feedback-notes.ftl).
    NotesNew,
    NotesReceivedButton,
    NotesExpectationsButton,
    NotesMyExpectationsButton,
    NotesNoColleagues,
    NotesAskColleague,
    NotesNotColleague,
    NotesAskValue,
    NotesAskKind,
    NotesKindAppreciation,
    NotesKindImprovement,
    NotesAskText,
    NotesTextTooLong,
    NotesTextEmpty,
    NotesUseButtons,
    NotesPreview,
    NotesSendButton,
    NotesDiscardButton,
    NotesSent,
    NotesDiscarded,
    NotesLimitReached,
    NotesNotice,
    NotesReceivedHeader,
    NotesReceivedNone,
    NotesEntry,
    NotesSenderUnknown,
    NotesHistoryHeader,
    NotesHistoryNone,
    NotesHistoryMore,
    NotesExpNoSubordinates,
    NotesExpAskEmployee,
    NotesExpNotSubordinate,
    NotesExpOverview,
    NotesExpLine,
    NotesExpUnset,
    NotesExpAskText,
    NotesExpRemoveButton,
    NotesExpBackButton,
    NotesExpOtherButton,
    NotesExpDoneButton,
    NotesExpSaved,
    NotesExpUnchanged,
    NotesExpRemoved,
    NotesExpNoticeSet,
    NotesExpNoticeChanged,
    NotesExpNoticeRemoved,
    NotesExpMineHeader,
    NotesExpMineNone,
    // -- end of feedback notes --
    // 360 round messages queued by the scheduler (locales/*/feedback-reminders.ftl).
    FeedbackSchedOpening,
    FeedbackSchedMore,
    FeedbackSchedSeeAll,
    FeedbackSchedReminder,
    FeedbackSchedListButton,
    FeedbackSchedResults,
    FeedbackSchedResultsButton,
    FeedbackSchedTeamResults,
    FeedbackSchedTeamButton,
    FeedbackSchedPeriod,
    FeedbackSchedMonth,
    FeedbackSchedDate,
    // -- end of feedback reminders --
}

impl Msg {
    pub fn key(self) -> &'static str {
        self.into()
    }
}

fn langid(lang: Lang) -> LanguageIdentifier {
    // Both codes are valid BCP 47 primary subtags.
    lang.code().parse().unwrap_or_default()
}

/// Renders a message without arguments.
pub fn text(lang: Lang, msg: Msg) -> String {
    LOCALES.lookup(&langid(lang), msg.key())
}

/// Renders a message with named arguments (`{ $name }` in the Fluent file). A count (plain
/// digits, no leading zero, short of an identifier's length) goes to Fluent as a number, so that
/// plural selectors choose "1 day" and "2 days"; NIPs and other digit strings stay text.
pub fn text_with(lang: Lang, msg: Msg, args: &[(&'static str, String)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
        .iter()
        .map(|(k, v)| (Cow::Borrowed(*k), argument(v)))
        .collect();
    LOCALES.lookup_with_args(&langid(lang), msg.key(), &args)
}

fn argument(value: &str) -> FluentValue<'static> {
    let is_count = !value.is_empty()
        && value.len() <= 9
        && value.bytes().all(|b| b.is_ascii_digit())
        && (value == "0" || !value.starts_with('0'));
    match value.parse::<u32>() {
        Ok(n) if is_count => FluentValue::from(n),
        _ => FluentValue::from(value.to_owned()),
    }
}

/// Whether `lang` itself (not the fallback) defines `key`; for the catalogue tests.
pub fn defines(lang: Lang, key: &str) -> bool {
    locale_keys(lang).iter().any(|k| k == key)
}

/// The message keys a locale's files define, read from the files embedded at build time.
pub fn locale_keys(lang: Lang) -> Vec<String> {
    let files: &[&str] = match lang {
        Lang::Id => &[
            include_str!("../locales/id/main.ftl"),
            include_str!("../locales/id/dialog-reminders.ftl"),
            include_str!("../locales/id/dialog-reports.ftl"),
            include_str!("../locales/id/dialog.ftl"),
            include_str!("../locales/id/feedback.ftl"),
            include_str!("../locales/id/feedback-results.ftl"),
            include_str!("../locales/id/feedback-notes.ftl"),
            include_str!("../locales/id/feedback-reminders.ftl"),
        ],
        Lang::En => &[
            include_str!("../locales/en/main.ftl"),
            include_str!("../locales/en/dialog-reminders.ftl"),
            include_str!("../locales/en/dialog-reports.ftl"),
            include_str!("../locales/en/dialog.ftl"),
            include_str!("../locales/en/feedback.ftl"),
            include_str!("../locales/en/feedback-results.ftl"),
            include_str!("../locales/en/feedback-notes.ftl"),
            include_str!("../locales/en/feedback-reminders.ftl"),
        ],
    };
    files
        .iter()
        .flat_map(|f| f.lines())
        .filter_map(|line| {
            let (key, _) = line.split_once('=')?;
            let key = key.trim_end();
            let starts_ok = key.chars().next().is_some_and(|c| c.is_ascii_lowercase());
            let ok = starts_ok
                && key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            ok.then(|| key.to_owned())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use strum::IntoEnumIterator;

    #[test]
    fn counts_choose_the_plural_form_and_identifiers_stay_text() {
        let days = |n: &str| text_with(Lang::En, Msg::DeadlineDaysLeft, &[("days", n.into())]);
        assert_eq!(days("1"), "1 day left");
        assert_eq!(days("3"), "3 days left");
        let left_out = text_with(Lang::En, Msg::InviteRolesLeftOut, &[("count", "1".into())]);
        assert!(
            left_out.starts_with("1 person in this unit has"),
            "{left_out}"
        );
        assert_eq!(
            argument("198607192010012002"),
            FluentValue::from("198607192010012002")
        );
        assert_eq!(argument("007"), FluentValue::from("007"));
    }

    #[test]
    fn both_locales_define_the_same_keys() {
        let id: BTreeSet<_> = locale_keys(Lang::Id).into_iter().collect();
        let en: BTreeSet<_> = locale_keys(Lang::En).into_iter().collect();
        assert!(!id.is_empty());
        let only_id: Vec<_> = id.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&id).collect();
        assert!(
            only_id.is_empty() && only_en.is_empty(),
            "only in id: {only_id:?}; only in en: {only_en:?}"
        );
    }

    #[test]
    fn every_message_the_code_names_exists_in_every_locale() {
        for lang in Lang::ALL {
            for msg in Msg::iter() {
                assert!(
                    defines(lang, msg.key()),
                    "{} lacks {}",
                    lang.code(),
                    msg.key()
                );
            }
        }
    }

    #[test]
    fn every_locale_key_is_in_the_catalogue() {
        let known: BTreeSet<&str> = Msg::iter().map(Msg::key).collect();
        for lang in Lang::ALL {
            for key in locale_keys(lang) {
                assert!(known.contains(key.as_str()), "{key} is not in Msg");
            }
        }
    }

    #[test]
    fn the_languages_really_differ_and_arguments_are_filled_in() {
        assert_ne!(text(Lang::Id, Msg::Help), text(Lang::En, Msg::Help));
        let hello = text_with(Lang::En, Msg::WelcomeUnlinked, &[("name", "Siti".into())]);
        assert!(hello.contains("Siti"), "{hello}");
        assert!(
            !hello.contains('\u{2068}'),
            "isolation marks leak: {hello:?}"
        );
    }
}
