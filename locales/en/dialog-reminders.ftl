## Dialog reminders, quarterly flags, holidays.

# The month a reminder is about: "January 2027".
dialog-month-name = { $month ->
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
       *[12] December
    } { $year }
# The quarter a flag is about: "Quarter I 2027".
dialog-quarter-name = Quarter { $quarter } { $year }
# $list: one subordinate per line; $more: a new line and dialog-reminder-more, or nothing.
dialog-reminder-first =
    📋 <b>Performance dialogs, { $month }</b>
    { $count ->
        [one] { $count } of your subordinates has no performance dialog recorded this month:
       *[other] { $count } of your subordinates have no performance dialog recorded this month:
    }
    { $list }{ $more }

    Tap a name to start recording the dialog.
dialog-reminder-follow-up =
    🔔 <b>Reminder: performance dialogs, { $month }</b>
    { $count ->
        [one] { $count } of your subordinates still has no performance dialog recorded this month:
       *[other] { $count } of your subordinates still have no performance dialog recorded this month:
    }
    { $list }{ $more }

    Tap a name to record the dialog now.
dialog-reminder-more = { $count ->
        [one] … and { $count } more (see /dialog)
       *[other] … and { $count } more (see /dialog)
    }
dialog-quarter-flag =
    ⚠️ <b>{ $quarter }: no performance dialog yet</b>
    { $count ->
        [one] { $count } of your subordinates has had no performance dialog recorded in this quarter, which ends on { $last_day }:
       *[other] { $count } of your subordinates have had no performance dialog recorded in this quarter, which ends on { $last_day }:
    }
    { $list }{ $more }

    A performance dialog is to be reported at least once a quarter. Tap a name to record it.
dialog-quarter-escalation =
    📊 <b>{ $quarter }: employees without a performance dialog</b>
    { $count ->
        [one] In the teams led by your direct reports, { $count } employee had no performance dialog recorded in that whole quarter:
       *[other] In the teams led by your direct reports, { $count } employees had no performance dialog recorded in that whole quarter:
    }
    { $list }{ $more }
# One subordinate supervisor's team in an escalation: their name, then who had no dialog.
dialog-escalation-team = • <b>{ $lead }</b> ({ $count ->
        [one] { $count } person
       *[other] { $count } people
    }): { $names }
dialog-escalation-team-more = { $count ->
        [one] and { $count } more
       *[other] and { $count } more
    }
dialog-escalation-more-teams = { $teams ->
        [one] … and { $teams } more team, { $count ->
            [one] { $count } person
           *[other] { $count } people
        }
       *[other] … and { $teams } more teams, { $count ->
            [one] { $count } person
           *[other] { $count } people
        }
    }

holiday-weekday = { $day ->
        [1] Monday
        [2] Tuesday
        [3] Wednesday
        [4] Thursday
        [5] Friday
        [6] Saturday
       *[7] Sunday
    }
holiday-list-header = Coming holidays (besides Saturdays and Sundays; a performance dialog reminder due on one moves to the next working day):
holiday-list-item = • { $weekday }, { $date }{ $name }
holiday-list-item-added = • { $weekday }, { $date }{ $name } (added in chat)
holiday-list-empty = No holidays are set for the coming days. Only Saturdays and Sundays are not working days.
holiday-usage =
    Changing holidays (organisation HR only):
    /holiday add YYYY-MM-DD [description], e.g. /holiday add 2027-03-11 Eid al-Fitr leave
    /holiday remove YYYY-MM-DD
holiday-bad-date = “{ $text }” is not a date written YYYY-MM-DD, e.g. 2027-03-11.
holiday-in-past = { $date } has passed; only today and later dates can be changed.
holiday-added = { $weekday }, { $date } is now a holiday{ $name }. Reminders due that day move to the next working day.
holiday-removed = { $weekday }, { $date } is a working day again.
holiday-not-a-holiday = { $weekday }, { $date } is not a holiday; nothing was changed.
