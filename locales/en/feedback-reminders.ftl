## 360 round messages queued by the scheduler: the opening message to each rater, reminders
## before the close (also HR's on demand), and "results ready" after it.

# $list: one colleague per line; $more: a new line and feedback-sched-more, or nothing.
feedback-sched-opening =
    📨 <b>360° behaviour feedback, { $period }</b>
    { $count ->
        [one] You are asked for feedback on the work behaviour (BerAKHLAK) of { $count } colleague:
       *[other] You are asked for feedback on the work behaviour (BerAKHLAK) of { $count } colleagues:
    }
    { $list }{ $more }

    Tap a name to start: seven taps per person, under a minute. Answers you give as a peer or a subordinate are never shown with your name. Last day: { $last_day }.
feedback-sched-more = … and { $count } more (tap “See all”)
feedback-sched-see-all = See all
feedback-sched-reminder =
    ⌛ <b>Reminder: 360° feedback, { $period }</b>
    { $count ->
        [one] You still have { $count } colleague to give feedback on.
       *[other] You still have { $count } colleagues to give feedback on.
    } Last day: { $last_day }.
feedback-sched-list-button = Show my list
feedback-sched-results =
    📈 <b>Your 360° feedback results for { $period } are ready</b>
    Results are shown per group of raters. A group of peers or subordinates with too few answers is not shown, so that no rater can be recognised.
feedback-sched-results-button = See my results
feedback-sched-team-results =
    👥 <b>360° feedback results, { $period }</b>
    { $count ->
        [one] The results of { $count } of your subordinates are ready.
       *[other] The results of { $count } of your subordinates are ready.
    }
feedback-sched-team-button = See my team's results
# The period a round covers: "March 2027", "Q1 2027", "first half of 2027", "2027".
# $month: the month's name; $roman: I-IV; $number: 1-4.
feedback-sched-period = { $kind ->
        [month] { $month } { $year }
        [quarter] Q{ $number } { $year }
        [semester] { $number ->
            [1] first half of { $year }
           *[other] second half of { $year }
        }
       *[year] Year { $year }
    }
feedback-sched-month = { $month ->
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
    }
# "Wednesday, 31 March 2027"; $month is the month's name.
feedback-sched-date = { $weekday ->
        [1] Monday
        [2] Tuesday
        [3] Wednesday
        [4] Thursday
        [5] Friday
        [6] Saturday
       *[7] Sunday
    }, { $day } { $month } { $year }
