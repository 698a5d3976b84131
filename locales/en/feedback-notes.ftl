# Open notes and ekspektasi khusus.

notes-new = Send feedback
notes-received-button = Feedback received
notes-expectations-button = Special expectations
notes-my-expectations-button = My expectations

## Sending a note.

notes-no-colleagues = There is nobody active in the organisation's data you work with (your supervisor, others with the same supervisor, or your direct subordinates) to send feedback to.
notes-ask-colleague = Who is this feedback for? Choose your supervisor, someone with the same supervisor, or one of your direct subordinates. They will see your name.
notes-not-colleague = This person is not (or no longer) your supervisor, someone with the same supervisor, or your direct subordinate. Nothing was sent.
notes-ask-value = Feedback for { $name }. On which BerAKHLAK value?
notes-ask-kind = For { $name }, on { $value }. Appreciation, or something to improve?
notes-kind-appreciation = 👏 Appreciation
notes-kind-improvement = 🌱 To improve
notes-ask-text = For { $name } · { $value } · { $kind }. Type your short message (at most { $max } characters), or /cancel.
notes-text-too-long = That text is { $got } characters; the limit is { $max }. Please shorten it and send it again.
notes-text-empty = The text is empty; please type your message.
notes-use-buttons = Please answer with the buttons above, or /cancel to stop.
notes-preview = Please check before sending:

    To: { $name }
    Value: { $value }
    Kind: { $kind }

    { $text }

    { $name } will see your name as the sender.
notes-send-button = 📨 Send
notes-discard-button = 🗑 Discard
notes-sent = ✅ Feedback sent to { $name }.
notes-discarded = Discarded; nothing was sent.
notes-limit-reached = You have sent { $limit ->
        [one] { $limit } note
       *[other] { $limit } notes
    } today, the daily limit. You can send again from 00:00 { $zone } on { $date }.
notes-notice = 💬 Feedback from { $sender }
    { $value } · { $kind }

    { $text }

## Reading notes.

notes-received-header = Open feedback you received in { $period }: { $count ->
        [one] { $count } note
       *[other] { $count } notes
    }.
notes-received-none = You have not received any open feedback in { $period } yet.
notes-entry = { $date } · from { $sender } · { $value } · { $kind }
    { $text }
notes-sender-unknown = (sender no longer listed)
notes-history-header = Open feedback to { $name } in { $period }: { $count ->
        [one] { $count } note
       *[other] { $count } notes
    }.
notes-history-none = No open feedback to { $name } in { $period } yet.
notes-history-more = …and { $count ->
        [one] { $count } older note
       *[other] { $count } older notes
    }.

## Ekspektasi khusus pimpinan.

notes-exp-no-subordinates = You have no active subordinates in the organisation's data, so there are no special expectations for you to write.
notes-exp-ask-employee = Special expectations (ekspektasi khusus pimpinan) for { $period }: choose a subordinate.
notes-exp-not-subordinate = This person is not (or no longer) your direct subordinate. Nothing was stored.
notes-exp-overview = Special expectations for { $name } in { $period }. Tap a value to write or remove its expectation.
notes-exp-line = • { $value }: { $text }
notes-exp-unset = (none yet)
notes-exp-ask-text = { $value } for { $name } ({ $period }).
    Now: { $current }

    Type the new expectation (at most { $max } characters), or /cancel.
notes-exp-remove-button = 🗑 Remove
notes-exp-back-button = ⬅️ Back
notes-exp-other-button = 👥 Another subordinate
notes-exp-done-button = Done
notes-exp-saved = ✅ Saved; { $name } has been told.
notes-exp-unchanged = The text is the same as the one stored; nothing changed.
notes-exp-removed = 🗑 Removed; { $name } has been told.
notes-exp-notice-set = 🎯 { $supervisor } set a special expectation for you in { $period }, on { $value }:

    { $text }
notes-exp-notice-changed = 🎯 { $supervisor } changed your special expectation in { $period } on { $value }. It now reads:

    { $text }
notes-exp-notice-removed = { $supervisor } removed your special expectation in { $period } on { $value }.
notes-exp-mine-header = Your supervisor's special expectations for you in { $period }:
notes-exp-mine-none = Your supervisor has not set any special expectations for you in { $period } yet.
