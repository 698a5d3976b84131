## 360 results and per-unit aggregates.
## Sent with parse_mode HTML: names, units and comments arrive escaped.

feedback-results-mine = My results
feedback-results-team-button = My team's 360 results
feedback-results-aggregates-button = 360 results per unit

feedback-results-none = You have not been rated in a 360 feedback round yet.
feedback-results-subordinate-none = { $name } has not been rated in a 360 feedback round yet.
feedback-results-not-yet = The results of the { $period } round can be seen once the round has closed. Last day for answers: { $date }.
feedback-results-pick-round = Choose the round whose results you want to see:
feedback-results-round-button = { $period } (answers until { $date })
feedback-results-round-unknown = This round cannot be found; the button may be from old data.

feedback-results-mine-header = 📊 <b>Your 360 feedback results — { $period }</b>
feedback-results-of-header = 📊 <b>360 feedback results of { $name } — { $period }</b>
feedback-results-intro = Per BerAKHLAK value: how many answers were below / meeting / above expectation, and their share, per rater group. Peers and subordinates are shown only when at least { $min } of them answered in full; a group with fewer is left out of the total. The total does not include the self-rating.
feedback-results-value = <b>{ $value }</b>
feedback-results-expectation = Supervisor's special expectation: <i>{ $text }</i>
feedback-results-group = { $group ->
    [supervisor] Supervisor
    [peer] Peers
    [subordinate] Subordinates
    [self] Self
   *[total] Total
}
feedback-results-counts = { $label } ({ $count ->
    [one] 1 answer
   *[other] { $count } answers
}): below { $below } ({ $below_pct }%) · meets { $meets } ({ $meets_pct }%) · above { $above } ({ $above_pct }%)
feedback-results-not-enough = { $label }: not enough answers
feedback-results-no-answers = { $label }: no answers
feedback-results-comments-header = <b>Comments</b> (without names, in order of their text)
feedback-results-comments-group = <i>{ $label }</i>
feedback-results-comment = • “{ $comment }”
feedback-results-comments-none = There are no comments to show.

feedback-results-team-none = You have no active direct subordinates.
feedback-results-team-pick = Choose a subordinate to see their 360 feedback results (once the round has closed):

feedback-results-agg-header = 📊 <b>360 results per unit — { $period }</b>
feedback-results-agg-note = Per value, the answers of the supervisor, and of peers and subordinates only from groups of at least { $min } answers, are added up; self-ratings are not included. Units with fewer than { $min } employees with results are not shown, so that a unit's figures are never one person's results.
feedback-results-agg-unit = <b>{ $unit }</b>
    { $ratees ->
        [one] 1 employee rated
       *[other] { $ratees } employees rated
    }, { $with } with results
feedback-results-agg-unit-hidden = Too few employees with results to show (at least { $min }).
feedback-results-agg-empty = Nobody in your scope was rated in this round.
feedback-results-agg-more-units = … and { $count ->
    [one] 1 more unit
   *[other] { $count } more units
} (see the file).
feedback-results-agg-file-prompt = The figures per unit as a file:
feedback-results-csv-button = CSV file
feedback-results-xlsx-button = XLSX file
feedback-results-agg-file-caption = 360 results per unit — { $period } ({ $count ->
    [one] 1 unit
   *[other] { $count } units
})
