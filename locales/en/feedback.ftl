# 360 rounds and the rater's chat.

feedback-menu = Behaviour feedback (BerAKHLAK). Choose:
feedback-menu-open = Behaviour feedback (BerAKHLAK). { $count ->
        [one] 1 colleague is waiting for your rating.
       *[other] { $count } colleagues are waiting for your rating.
    }
feedback-rate-button = Rate colleagues ({ $count } left)
feedback-rounds-button = 360 rounds (HR)
feedback-list-done = ✅ { $name }
feedback-list-open = ▫️ { $name } ({ $answered }/7)
feedback-list-all = See all
feedback-list-header = 🗳 Colleagues you rate: { $open } of { $total } not finished. Tap a name to start or go on.
feedback-list-empty = There is nobody for you to rate right now.
feedback-rating-di-bawah = Below
feedback-rating-sesuai = Meets
feedback-rating-di-atas = Above
# $guidelines: the value's guideline statements, one per line.
feedback-question =
    { $name } · { $n }/{ $total }

    { $value }
    { $guidelines }

    Compared with expectations, their behaviour is:
feedback-summary =
    { $name }: all values saved.
    { $lines }

    Comment: { $comment }

    Tap a value to change it, write a comment (optional), then Done.
feedback-no-comment = (none)
feedback-change-button = ✏️ { $value }
feedback-comment-button = 💬 Comment
feedback-submit-button = ✅ Done
feedback-missing = This rating was not found.
feedback-not-open = This round has not opened yet.
feedback-closed = This round is closed; answers can no longer be changed.
feedback-locked = HR has locked this round's evaluation period; answers can no longer be changed.
feedback-comment-ask = Write a short comment for { $name } (at most { $max } characters). It is shown without your name. /cancel to stop.
feedback-comment-too-long = The comment is too long: { $length } characters, at most { $max }. Please shorten it and send it again.
feedback-incomplete = Some values are not answered yet.
feedback-saved = Saved. Thank you!
feedback-done = ✅ Your rating of { $name } is saved. { $left ->
        [one] 1 colleague left.
       *[other] { $left } colleagues left.
    }
feedback-round-usage =
    360 round commands:
    /round — list the rounds
    /round open <period> <opens> <closes> — open a round, e.g. /round open 2027-q1 2027-03-22 2027-04-02
    /round extend <number> <date> — move the close later
    Period: 2027-03 (month), 2027-q1 (quarter), 2027-s1 (semester), 2027 (year). Dates: YYYY-MM-DD.
feedback-round-bad-period = Unknown period. Write 2027-03 (month), 2027-q1 (quarter), 2027-s1 (semester) or 2027 (year).
feedback-round-bad-date = Unknown date. Write it as YYYY-MM-DD, e.g. 2027-03-22.
feedback-round-opens-in-past = The opening date has passed. Choose today or a later date.
feedback-round-close-before-open = The closing date cannot be before the opening date.
feedback-round-open-button = ✅ Open the round
feedback-round-discard-button = Cancel
feedback-round-whole-organisation = the whole organisation
feedback-round-preview =
    Preview of the 360 round { $period }
    Scope: { $scope }
    Opens { $opens }, closes { $closes } (end of day)
    Employees rated: { $ratees }
    Raters: { $raters }
    Rating assignments: { $assignments }
feedback-round-inactive = Inactive, neither rated nor rating ({ $count }): { $names }
feedback-round-unlinked = Raters without a linked Telegram account, who cannot be messaged yet ({ $count }): { $names }
feedback-round-no-supervisor = Supervisor not found, rated without a supervisor ({ $count }): { $names }
feedback-round-duplicate = Duplicate NIP, left out ({ $count }): { $names }
feedback-round-more-names = { " " }and { $count } more
feedback-round-discarded = Round discarded; nothing was stored.
feedback-round-opened = Round #{ $id } ({ $period }) saved. { $raters ->
        [one] 1 rater gets
       *[other] { $raters } raters get
    } a message on { $opens }.
feedback-round-overlaps = Round #{ $id } for this period already covers some of the same people. Close it or wait until it ends.
feedback-round-empty = There is no active employee with raters in your scope.
feedback-round-missing = No such round in your scope.
feedback-round-extended = Round #{ $id } now closes on { $closes }.
feedback-round-close-in-past = The new closing date has passed.
feedback-round-already-closed = This round is closed and cannot be reopened.
feedback-round-not-open-yet = This round has not opened yet.
feedback-round-status-closed = closed
feedback-round-status-open = running
feedback-round-status-upcoming = upcoming
feedback-rounds-empty = There is no 360 round in your scope yet. Open one with /round open <period> <opens> <closes>, e.g. /round open 2027-q1 2027-03-22 2027-04-02
feedback-round-line = #{ $id } · { $period } · { $opens } to { $closes } · { $status }
feedback-rounds-header = 360 rounds in your scope:
feedback-round-detail =
    Round #{ $id } · { $period } · { $status }
    { $opens } to { $closes }
    Done: { $complete } of { $total } ratings ({ $percent }%)

    Per unit (the raters' units):
feedback-round-unit-line = • { $unit }: { $complete }/{ $total } ({ $percent }%), { $behind ->
        [one] 1 rater
       *[other] { $behind } raters
    } not finished
feedback-round-notice-counts = At creation: { $unlinked } raters without a linked account, { $inactive } inactive employees.
feedback-round-remind-button = 🔔 Remind { $unit } ({ $count })
feedback-round-close-button = Close now
feedback-round-close-confirm-button = Yes, close it now
feedback-round-close-ask = Close round #{ $id } ({ $period }) now? Answers can no longer be changed and results are available at once.
feedback-round-closed = Round #{ $id } is closed. Results are available to employees and supervisors.
feedback-round-not-running = This round is not running.
feedback-round-reminded = { $count ->
        [one] A reminder went to 1 rater.
       *[other] A reminder went to { $count } raters.
    }
feedback-round-storing = Saving the round…
feedback-round-not-later = An extension must be after the current closing date. To end it earlier, use "Close now" on the round's page.
feedback-comment-remove-button = 🗑 Remove comment
feedback-comment-removed = Comment removed.
feedback-list-more = { $count ->
        [one] 1 more colleague: tap "See all".
       *[other] { $count } more colleagues: tap "See all".
    }
