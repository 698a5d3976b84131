## Dialog kinerja: recording, acknowledgement, coaching feedback, requests.

dialog-menu = Dialog kinerja. What would you like to do?
dialog-menu-record = 📝 Record a dialog
dialog-menu-history-of = History: { $name }
dialog-menu-mine = My dialogs
dialog-menu-request = Ask my supervisor for a dialog
dialog-menu-compliance = Dialog compliance (HR)
dialog-no-subordinates = You have no active subordinates in the organisation data, so there is no dialog for you to record.
dialog-not-subordinate = This person is not (or no longer) one of your subordinates. Nothing was recorded.
dialog-ask-subordinates = Who took part? Tap one person, or several for a group session (each gets their own record), then Next.
dialog-next-button = Next ➡️
dialog-choose-someone = Choose at least one person first.
dialog-ask-kind = Dialog with { $names }. Which kind?
dialog-kind-klarifikasi = Klarifikasi ekspektasi (expectations)
dialog-kind-umpan-balik = Umpan balik berkelanjutan (ongoing feedback)
dialog-kind-evaluasi = Evaluasi kinerja (assessment)
dialog-ask-mode = Face to face or remote?
dialog-mode-tatap-muka = Face to face
dialog-mode-daring = Remote
dialog-ask-date = When was it held? Tap a button, or type a date such as 14-01-2027 or 14 January 2027.
dialog-today-button = Today
dialog-yesterday-button = Yesterday
dialog-date-unreadable = I cannot read that date. Type it like 14-01-2027, 2027-01-14 or 14 January 2027.
dialog-date-future = That date is in the future. A dialog is recorded once it has been held.
dialog-date-before-period = That date is before the current period, which began on { $start }.
dialog-next-not-after = The next dialog must be after the one being recorded and after today.
dialog-ask-point = { $point } ({ $n }/{ $total }): please type a short text (at most { $max } characters).
dialog-ask-point-optional = { $point } ({ $n }/{ $total }): type a short text (at most { $max } characters), or skip.
dialog-point-required = This point is required; please type it.
dialog-point-hasil-diharapkan = Expected results
dialog-point-panduan-bertindak = Guidance on how to act
dialog-point-dukungan-sumber-daya = Resources the leader provides
dialog-point-skema-pertanggungjawaban = How and when results are reported
dialog-point-konsekuensi = Consequences
dialog-point-progres = Progress of the work
dialog-point-pembelajaran = What was learnt
dialog-point-dukungan-dibutuhkan = Support needed from the leader
dialog-point-penilaian = The assessment
dialog-skip-button = Skip
dialog-text-too-long = That text has { $got } characters; the limit is { $max }. Please shorten it and send it again.
dialog-text-empty = The text is empty; please type something.
dialog-use-buttons = Please answer with the buttons above, or /cancel to stop.
dialog-ask-follow-up = Which follow-up did you agree on?
dialog-follow-up-none = None
dialog-follow-up-coaching = Coaching
dialog-follow-up-mentoring = Mentoring
dialog-follow-up-training = Training
dialog-follow-up-konseling = Counselling
dialog-ask-giver = Who gives the { $followup }?
dialog-giver-atasan = The supervisor
dialog-giver-rekan-kerja = A colleague
dialog-giver-e-learning = E-learning
dialog-giver-pembelajaran-jarak-jauh = Distance learning
dialog-giver-pelatihan-lain = Other training
dialog-giver-konselor-internal = An internal counsellor
dialog-giver-konselor-profesional = A professional counsellor
dialog-ask-next-date = Date of the next dialog? Type a date, or skip.
dialog-summary = Please check the record, then save it:

    { $record }
dialog-save-button = 💾 Save
dialog-discard-button = Discard
dialog-discarded = Discarded; nothing was stored.
dialog-saved = { $count ->
    [one] Saved. { $names } is asked to confirm the record.
   *[other] Saved { $count } records. { $names } are asked to confirm theirs.
}
dialog-correct-button = Correct ({ $name })
dialog-follow-up-done-button = Follow-up done ({ $name })
dialog-correct-refused = Only a record that has not been acknowledged can be corrected; this one is { $state }.
dialog-missing = This dialog record no longer exists.
dialog-record-kind = Dialog kinerja: { $kind }
dialog-record-with = With: { $names }
dialog-record-supervisor = Supervisor: { $name }
dialog-record-mode = Held: { $mode }
dialog-record-date = Date: { $date }
dialog-record-follow-up = Follow-up: { $followup }
dialog-record-follow-up-by = { $followup }, by { $giver }
dialog-record-no-follow-up = none
dialog-record-next = Next dialog: { $date }
dialog-record-skipped = (skipped)
dialog-ack-ask = { $name } recorded this dialog with you. Please confirm it, or add a comment if something is not right.

    { $record }
dialog-ack-ask-corrected = { $name } corrected the record of your dialog. Please check it again.

    { $record }
dialog-confirm-button = ✅ Confirm
dialog-comment-button = 💬 Comment
dialog-ack-confirmed = Thank you; the record is confirmed and your supervisor has been told.
dialog-ack-ask-comment = Type your comment on the record (at most { $max } characters), or /cancel.
dialog-ack-commented = Thank you; your comment was sent to your supervisor.
dialog-ack-already = This record was answered already: { $state }.
dialog-ack-outdated = This copy of the record is out of date: your supervisor corrected it, and the corrected record was sent to you.
dialog-ack-not-yours = This record is not yours to answer.
dialog-ack-state-pending = waiting for confirmation
dialog-ack-state-confirmed = confirmed
dialog-ack-state-commented = commented
dialog-ack-state-unacknowledged = not acknowledged in time
dialog-notice-confirmed = { $name } confirmed the record of your dialog of { $date }.
dialog-notice-commented = { $name } commented on the record of your dialog of { $date }: { $comment }
dialog-follow-up-marked = Follow-up marked as done.
dialog-follow-up-none-open = This dialog has no open follow-up.
dialog-coaching-intro = { $name } marked the { $followup } agreed in your dialog of { $date } as done. Five short statements follow; your answers go to { $name }'s own supervisor, not to { $name }.
dialog-coaching-intro-no-superior = { $name } marked the { $followup } agreed in your dialog of { $date } as done. Five short statements follow; your answers are counted only in HR's totals, and { $name } does not see them.
dialog-coaching-question = { $n }/{ $total }: { $statement }
dialog-coaching-didengar = I was heard and understood.
dialog-coaching-bebas-bicara = I could speak freely.
dialog-coaching-berbasis-fakta = The leader's views rested on facts.
dialog-coaching-jalan-keluar = We found a way forward.
dialog-coaching-langkah-berikut = I know what to do next.
dialog-agree-strongly-not = Strongly disagree
dialog-agree-not = Disagree
dialog-agree = Agree
dialog-agree-strongly = Strongly agree
dialog-coaching-thanks = Thank you; your answers were sent.
dialog-coaching-closed = This feedback is closed.
dialog-coaching-to-superior = Feedback on { $followup } by { $supervisor } for { $employee } (dialog of { $date }):
    { $answers }
dialog-request-no-supervisor = The organisation data names no active supervisor for you. Please ask HR.
dialog-request-notice = { $name } asks you for a dialog kinerja.
dialog-record-with-button = 📝 Record a dialog with { $name }
dialog-request-sent = Your request was sent to { $name }.
dialog-request-already = You asked recently and your supervisor has not recorded a dialog yet; the request stands.
