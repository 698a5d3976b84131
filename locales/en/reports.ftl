## HR's reports per period (/report): short messages and PNG charts.
## Reports are sent with parse_mode HTML: names and units arrive escaped. The menu and the
## charts' captions are plain text.

cmd-report = Reports and charts per period (HR)

report-pick-period = Choose the period to report on:
report-no-periods = No evaluation period has been defined yet; the current month and quarter are available.
report-period-button = { $period }{ $state ->
    [open] {" "}· open
    [closed] {" "}· closed
    [locked] {" "}· locked
   *[none] {""}
}
report-menu = 📑 Reports for { $period }
    Scope: { $scope }
    Choose a report:
report-menu-undefined = { $period } is not defined as an evaluation period, so there is no predikat for it yet.
report-scope-organisation = the whole organisation
report-scope-unit = { $unit } and its sub-units
report-button-compliance = Dialog compliance
report-button-rates = 360 response rates
report-button-results = BerAKHLAK results
report-button-distribution = Predikat distribution
report-button-not-rated = Not yet rated
report-period-undefined = { $period } is not defined as an evaluation period, so nobody has been rated for it yet.
report-not-started = { $period } has not started yet.
report-share = { $name }: { $done } of { $total } ({ $percent }%)
report-until = { $name } (to { $until })
report-unit-line = • { $unit }: { $done }/{ $total } ({ $percent }%)
report-more-units = … and { $count ->
    [one] 1 more unit
   *[other] { $count } more units
}.
report-chart-more = The { $shown } lowest of { $total } units; { $more ->
        [one] the other one is
       *[other] the other { $more } are
    } not drawn.

report-compliance-header = 📋 <b>Dialog compliance — { $period }</b>
    Scope: { $scope }
report-compliance-months = <b>Per month</b> (active employees with at least one dialog):
report-compliance-quarters = <b>Per quarter</b> (at least one dialog in three months):
report-compliance-units = <b>Per unit, lowest first</b> — { $measure }:
report-compliance-measure = { $kind ->
    [month] employees with a dialog in { $name }
    [quarter] employees with a dialog in { $name }
   *[quarters] over { $count } quarters: employee-quarters with a dialog, summed over the quarters
}
report-compliance-empty = There are no active employees in your scope.
report-compliance-chart-title = Dialog compliance — { $period }
report-compliance-caption = Dialog compliance per unit — { $period } ({ $total ->
    [one] 1 unit
   *[other] { $total } units
}).

report-rates-header = 📨 <b>360 response rates — { $period }</b>
    Scope: { $scope }
report-rates-none = No 360 round in { $period } covers your units.
report-rates-round = <b>Round { $round }</b> ({ $opens } – { $closes }, { $state ->
    [open] running
    [closed] closed
   *[upcoming] not open yet
})
report-rates-total = Ratings complete: { $done } of { $total } ({ $percent }%); { $behind ->
    [one] 1 rater has
   *[other] { $behind } raters have
} not finished.
report-rates-units = Per raters' unit, lowest first:
report-rates-unit-line = • { $unit }: { $done }/{ $total } ({ $percent }%), { $behind ->
    [one] 1 rater
   *[other] { $behind } raters
} not finished
report-rates-empty = No rater of this round sits in your scope.
report-rates-chart-title = 360 response rates per unit — round { $round }
report-rates-chart-subtitle = Ratings complete of all assignments, per raters' unit
report-rates-caption = 360 response rates per unit — round { $round } ({ $total ->
    [one] 1 unit
   *[other] { $total } units
}).

report-results-header = 📊 <b>BerAKHLAK results per value — round { $round }</b>
    Scope: { $scope }
report-results-note = Summed over units with at least { $min } employees with results: the supervisor's answers, and peers' and subordinates' only from groups of at least { $min } complete answers. Self-ratings are not counted.
report-results-units = { $shown ->
    [one] 1 unit
   *[other] { $shown } units
} counted; { $hidden ->
    [one] 1 unit
   *[other] { $hidden } units
} not counted (fewer than { $min } employees with results).
report-results-value = { $value } ({ $count ->
    [one] 1 answer
   *[other] { $count } answers
}): below { $below } ({ $below_pct }%) · meets { $meets } ({ $meets_pct }%) · above { $above } ({ $above_pct }%)
report-results-value-none = { $value }: no answers yet
report-results-none = No 360 round in { $period } covers your units.
report-results-not-ready = The results of round { $round } can be seen once the round has closed (last day for answers: { $date }).
report-results-nothing-shown = No unit has enough results to show yet.
report-results-chart-title = BerAKHLAK results per value — { $round }
report-results-chart-subtitle = { $scope }; groups under { $min } answers and self-ratings are not counted
report-results-caption = BerAKHLAK results per value — round { $round }.

report-dist-header = 📈 <b>Predikat distribution — { $period }</b>
    Scope: { $scope }
report-dist-org = Organisation's predikat: <b>{ $predikat }</b>
report-dist-org-none = The organisation's predikat has not been recorded, so the allowed ranges cannot be compared yet.
report-dist-total = <b>{ $count ->
    [one] 1 employee rated
   *[other] { $count } employees rated
}</b>:
report-dist-line = { $predikat }: { $count } ({ $percent }%)
report-dist-range = { $predikat }: { $count } ({ $percent }%) — allowed { $kind ->
    [max] at most { $hi }%
    [min] at least { $lo }%
   *[between] { $lo }–{ $hi }%
}
report-dist-fits = ✅ Fits the pattern of the organisation's predikat.
report-dist-breaches = ⚠️ Does not fit the pattern of the organisation's predikat:
report-dist-units-outside = <b>Units outside the pattern</b> ({ $count } of { $total ->
        [one] 1 unit
       *[other] { $total } units
    } with ratings):
report-dist-unit-line = • { $unit } ({ $count } rated): { $breaches }
report-dist-units-fit = { $total ->
        [one] The one unit with ratings fits
       *[other] All { $total } units with ratings fit
    } the pattern.
report-dist-none = Nobody in your scope has been rated for { $period } yet.
report-dist-note = The pattern is a consideration for the leader (SE MenPANRB 3/2023), not a prohibition.
report-dist-chart-title = Predikat distribution — { $period }
report-dist-chart-subtitle = { $scope }; organisation's predikat: { $predikat }
report-dist-chart-subtitle-none = { $scope }; organisation's predikat not recorded
report-dist-legend-allowed = Allowed range
report-dist-legend-within = Within the range
report-dist-legend-outside = Outside the range
report-dist-caption = Predikat distribution — { $period } ({ $count ->
    [one] 1 employee rated
   *[other] { $count } employees rated
}).

report-not-rated-header = ⏳ <b>Not yet rated — { $period }</b>
    Scope: { $scope }
    { $count ->
        [one] 1 active employee has
       *[other] { $count } active employees have
    } no predikat for this period yet.
report-not-rated-none = ✅ Every active employee in your scope has been rated for { $period }.
report-not-rated-unit = <b>{ $unit }</b> ({ $count })
report-not-rated-person = • { $name } — supervisor: { $supervisor }
report-not-rated-long = The list is long: the names are in the attached file. Per unit, most first:
report-not-rated-count = • { $unit }: { $count }
report-not-rated-file-caption = Not yet rated — { $period } ({ $count ->
    [one] 1 employee
   *[other] { $count } employees
})
