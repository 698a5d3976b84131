periods-usage = Evaluation period commands:
    /period — the list of periods
    /period open 2027-q1 — define and open a period (month 2027-03, quarter 2027-q1 to 2027-q4, semester 2027-s1, year 2027)
    /period 2027-q1 — the period's page: state, organisation predikat, predikat distribution
periods-bad-code = That period is not recognised. Write a month (2027-03), a quarter (2027-q1 to 2027-q4; quarter IV doubles as the year), a semester (2027-s1) or a year (2027).
periods-none = No evaluation period is defined yet. Organisation HR defines one with /period open 2027-q1.
periods-list-title = Evaluation periods:
periods-line = • { $period } ({ $code }): { $state }
periods-state-open = open — supervisors can rate
periods-state-closed = closed — rating is over, it can be reopened
periods-state-locked = locked — final
periods-created = Period { $period } is defined and open. Supervisors can now rate their subordinates with /predikat.
periods-reopened = Period { $period } is open again. Supervisors can rate and change ratings again.
periods-exists = Period { $period } already exists ({ $state }).
periods-missing = Period { $period } is not defined.
periods-gone = This period was not found.
periods-detail = Period { $period } ({ $first } – { $last })
    State: { $state }
    Organisation predikat: { $org }
    Rated: { $rated } of { $count ->
        [one] 1 employee
       *[other] { $count } employees
    } in your scope
periods-org-none = not recorded
periods-org-needed = Record the organisation predikat to see whether this distribution fits the pattern of SE MenPANRB 3/2023.
periods-distribution-title = Employees' predikat distribution:
periods-fits = This distribution fits the pattern for organisation predikat { $org }.
periods-outside = For organisation predikat { $org }, the pattern of SE MenPANRB 3/2023 asks:
periods-units-outside = Units whose distribution is outside the pattern ({ $count }): { $units }
periods-more-units = {" "}and { $count ->
        [one] 1 more unit
       *[other] { $count } more units
    }
periods-consideration = The pattern is a consideration for the leader, not a block: the ratings stay as saved.
periods-close-button = Close period
periods-reopen-button = Reopen
periods-lock-button = Lock period
periods-org-button = Organisation predikat
periods-unit-results-button = Units' results
periods-lock-ask = Lock period { $period }? Once locked, its ratings, dialogs and 360 answers can no longer change, and the period cannot be reopened.
periods-lock-confirm-button = Yes, lock it
periods-locked-done = Period locked.
periods-closed-done = Period closed.
periods-reopened-done = Period reopened.
periods-already = The period is already in that state.
periods-already-locked = This period is locked; nothing can change any more.
periods-org-ask = Organisation predikat for { $period } (set by the leader one level up):
periods-org-recorded = Organisation predikat recorded.
periods-units-ask = Choose a unit to record its result for { $period } (page { $page } of { $pages }):
periods-unit-none = not recorded
periods-unit-ask = Result of unit { $unit } for { $period } (now: { $current }). It becomes the unit head's hasil kerja rating.
periods-unit-recorded = Result of unit { $unit } for { $period } recorded: { $rating }.
periods-inside-locked = Period { $period } lies within a locked period; it can no longer be defined or opened.
periods-unit-heads-followed = { $count ->
        [one] The unit head already rated now follows
       *[other] The { $count } unit heads already rated now follow
    } this new result: hasil kerja and predikat updated, the change recorded.
