## Predikat kinerja: the supervisor's evaluation at period end (/predikat).
## The evidence card is sent with parse_mode HTML: names and texts arrive escaped.
## Questions, the preview and the team list are plain text.

cmd-predikat = Predikat: rate your staff's results and behaviour

## Choosing the period.

predikat-no-subordinates = You have no active direct subordinates in the organisation's records, so there is nobody for you to rate. /predikat is for supervisors rating their direct subordinates' results and behaviour at the end of a period.
predikat-no-periods = HR (pengelola kinerja) has not opened an evaluation period yet. You can rate once HR opens one.
predikat-none-open = No evaluation period is open; HR has not opened the next one. The latest periods:
predikat-period-line = • { $period }: { $state }
predikat-state = { $state ->
        [open] open
        [closed] closed
       *[locked] locked (final)
    }
predikat-pick-period = Choose the evaluation period:
predikat-period-button = { $period } · { $state }
predikat-period-closed = HR has closed the period { $period }: ratings can no longer be saved or changed, unless HR opens it again.
predikat-period-locked = The period { $period } is locked: its ratings are final and can no longer be changed.
predikat-period-unknown = This period cannot be found; the button may be from old data.

## The team list and its distribution.

predikat-team-header = Predikat kinerja — { $period }
    Choose a subordinate to rate. Rated so far: { $rated } of { $total }.
predikat-member-button = { $name } — { $predikat }
predikat-not-rated = not rated yet
predikat-distribution = Your team's predikat:
predikat-distribution-after = Your team's predikat once this rating is saved:
predikat-consider = For your consideration, not a rule that stops you: the organisation's predikat for this period is { $org }, and for it the pattern of SE MenPANRB 3/2023 asks:
predikat-consider-fits = Your team's distribution fits the pattern for the organisation's predikat { $org } (SE MenPANRB 3/2023).

## The evidence card (HTML).

predikat-card-header = 📋 <b>Evidence for rating { $name } — { $period }</b>
predikat-card-dialogs = <b>Performance dialogs in this period</b>: { $count }
predikat-card-dialogs-none = <b>Performance dialogs in this period</b>: none yet.
predikat-card-kinds = Kinds: { $kinds }
predikat-kind = { $kind ->
        [klarifikasi] expectation clarification
        [umpan-balik] ongoing feedback
       *[evaluasi] performance evaluation
    } { $count }
predikat-card-follow-ups = Follow-up: { $list }
predikat-card-follow-ups-none = Follow-up: none.
predikat-follow-up = { $kind ->
        [coaching] coaching
        [mentoring] mentoring
        [training] training
       *[konseling] counselling
    } ({ $done ->
        [yes] done
       *[no] not done yet
    })
predikat-card-ack = The employee's answer: confirmed { $confirmed } · with a comment { $commented } · waiting { $pending } · no answer { $unacknowledged }
predikat-card-feedback = <b>360 feedback — { $period }</b> (peers and subordinates are shown only when at least { $min } of them answered in full)
predikat-card-feedback-none = <b>360 feedback</b>: no round results for this period yet.
predikat-card-value = <i>{ $value }</i>
predikat-group = { $group ->
        [supervisor] Supervisor
        [peer] Peers
        [subordinate] Subordinates
        [self] Self
       *[total] Total
    }
predikat-card-counts = { $label } ({ $count ->
        [one] 1 answer
       *[other] { $count } answers
    }): below { $below } · meets { $meets } · above { $above }
predikat-card-not-enough = { $label }: not enough answers
predikat-card-expectations = <b>Supervisor's special expectations { $year }</b>
predikat-card-expectations-none = <b>Supervisor's special expectations { $year }</b>: none.
predikat-card-expectation = • { $value }: { $text }
predikat-card-history = <b>Periodic predikat { $year }</b>
predikat-card-history-none = <b>Periodic predikat { $year }</b>: none yet.
predikat-card-history-line = • { $period }: { $predikat } (results { $hasil }, behaviour { $perilaku })
predikat-card-unit = <b>Results</b>: { $name } heads their unit, so their results rating is the unit's own result as HR recorded it: { $hasil }.
predikat-card-unit-missing = <b>Results</b>: { $name } heads their unit, so their results rating is the unit's own result as HR records it, and HR has not recorded it yet.
predikat-card-current = <b>Current rating</b>: { $predikat } (results { $hasil }, behaviour { $perilaku }), { $date }.
predikat-card-current-by = <b>Current rating</b>: { $predikat } (results { $hasil }, behaviour { $perilaku }), { $date }, by { $by }.
predikat-card-current-note = Note: { $note }
predikat-card-not-rated = <b>Current rating</b>: not rated yet.

## Rating.

predikat-ask-hasil = { $name }'s results (hasil kerja) in { $period }?
predikat-ask-perilaku = { $name }'s behaviour (perilaku kerja) in { $period }?
predikat-now = Now: { $rating }.
predikat-hasil-chosen = Results: { $hasil }.
predikat-head-hasil = { $name }'s results: the unit's result recorded by HR, { $hasil }.
predikat-head-hasil-missing = { $name }'s results: HR has not recorded their unit's result yet. You can rate behaviour now, but the rating can only be saved once HR records the unit's result.
predikat-perilaku-chosen = Behaviour: { $perilaku }.
predikat-ask-note = A note on this rating (optional, at most { $max } characters): type it, or skip.
predikat-current-note = Current note: { $note }
predikat-skip-note = No note
predikat-keep-note = Keep the current note
predikat-note-too-long = That note has { $got } characters; the limit is { $max }. Please shorten it and send it again, or choose "No note".
predikat-note-empty = The note is empty; type your note, or choose "No note".
predikat-use-buttons = Please answer with the buttons above, or /cancel to stop.
predikat-preview = Check before saving — { $name }, { $period }

    Results: { $hasil }
    Behaviour: { $perilaku }
    Predikat: { $predikat }
    Note: { $note }
predikat-hasil-from-unit = { $hasil } (the unit's result, recorded by HR)
predikat-pending-unit = waiting for HR's unit result
predikat-no-note = (no note)
predikat-unit-changed = HR's unit result has changed since the preview. Please check again before saving.
predikat-save-button = 💾 Save
predikat-change-button = ✏️ Change the rating
predikat-discard-button = 🗑 Discard

## What saving did.

predikat-saved = ✅ Saved: { $name }'s predikat for { $period } is { $predikat }.
predikat-changed = ✅ Changed: { $name }'s predikat for { $period } is now { $predikat }. The earlier rating stays in the change history.
predikat-unchanged = Nothing changed: { $name }'s rating for { $period } is already this (predikat { $predikat }).
predikat-discarded = Discarded; nothing was saved.
predikat-not-subordinate = This person is not (or no longer) your active direct subordinate. Nothing was saved.
predikat-no-unit-result = HR has not recorded the unit result of { $name } for { $period }, so this rating cannot be saved yet. Press Save again once HR has recorded it, or /cancel.
predikat-org-changed = The organisation's records changed since this rating was opened. Please open it again from /predikat.
