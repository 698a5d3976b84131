## Dialog history and compliance.
## Sent with parse_mode HTML: names, units and comments arrive escaped.

dialog-history-header = 📋 <b>Dialog kinerja with { $name }</b>
dialog-history-mine-header = 📋 <b>Your dialog kinerja</b>
dialog-history-count = Last twelve months: { $count ->
    [one] 1 dialog
   *[other] { $count } dialogs
}, newest first.
dialog-history-empty = No dialog has been recorded in the last twelve months.
dialog-history-entry = <b>{ $date }</b> · { $kind } · { $mode }
dialog-history-recorded-by = Recorded by { $name }
dialog-history-recorder-unknown = (unknown)
dialog-history-kind = { $kind ->
    [klarifikasi] Expectation clarification
    [umpan-balik] Continuous feedback
    [evaluasi] Performance evaluation
   *[other] { $kind }
}
dialog-history-mode = { $mode ->
    [tatap-muka] face to face
    [daring] remote
   *[other] { $mode }
}
dialog-history-follow-up-none = Follow-up: none
dialog-history-follow-up = Follow-up: { $what } ({ $done ->
    [yes] done
   *[no] not done yet
})
dialog-history-follow-up-kind = { $follow_up ->
    [coaching] coaching
    [mentoring] mentoring
    [training] training
    [konseling] counselling
   *[other] { $follow_up }
}
dialog-history-giver = { $giver ->
    [atasan] by the supervisor
    [rekan-kerja] by a colleague
    [e-learning] by e-learning
    [pembelajaran-jarak-jauh] by distance learning
    [pelatihan-lain] by other training
    [konselor-internal] by an internal counsellor
    [konselor-profesional] by a professional counsellor
   *[other] { $giver }
}
dialog-history-ack = Employee's answer: { $ack ->
    [pending] waiting
    [confirmed] confirmed
    [commented] confirmed with a comment
    [unacknowledged] no answer in time
   *[other] { $ack }
}
dialog-history-comment = Comment: “{ $comment }”
dialog-history-unknown-employee = This employee cannot be found; the button may be from old data.
dialog-history-inactive = { $name } is no longer an active employee; their history is not shown here.

dialog-report-month = { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
    [12] December
   *[other] { $month }
} { $year }
dialog-compliance-header =
    📊 <b>Dialog kinerja compliance</b>
    Month: { $month } · Quarter { $quarter }
dialog-compliance-total = All units in your scope: { $employees } active { $employees ->
    [one] employee
   *[other] employees
}; with a dialog this month { $month }, this quarter { $quarter }; none this quarter { $missing }.
dialog-compliance-unit =
    <b>{ $unit }</b>
    { $employees } { $employees ->
        [one] employee
       *[other] employees
    } · dialog this month { $month } · this quarter { $quarter }
dialog-compliance-missing = No dialog this quarter ({ $count }): { $names }
dialog-compliance-more-names = and { $count } more
dialog-compliance-all-held = Everyone had a dialog this quarter ✅
dialog-compliance-more-units = … and { $count ->
    [one] 1 more unit
   *[other] { $count } more units
}: see the CSV or XLSX file.
dialog-compliance-empty = There are no active employees in your scope.
dialog-compliance-coaching-header = <b>Coaching feedback, all units in your scope (last twelve months)</b>
dialog-compliance-coaching-line = { $statement }: { $average } of 4 ({ $answers ->
    [one] 1 answer
   *[other] { $answers } answers
})
dialog-compliance-coaching-too-few = { $statement }: { $answers ->
    [one] 1 answer
   *[other] { $answers } answers
} (an average is shown from { $min } answers)
dialog-compliance-coaching-none = No coaching feedback yet.
dialog-compliance-file-prompt = The figures per employee, as a file:
dialog-compliance-csv-button = 📄 CSV
dialog-compliance-xlsx-button = 📊 XLSX
dialog-compliance-file-caption = Dialog kinerja compliance, { $month }, quarter { $quarter }: { $count ->
    [one] 1 employee
   *[other] { $count } employees
}.
