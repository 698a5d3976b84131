# English.

welcome-unlinked =
    Hello, { $name }! I am kinerja-bot, the civil-service performance assistant.
    I remind you of monthly performance dialogs, collect BerAKHLAK behaviour feedback, and pass on announcements from HR.

    Your Telegram account is not linked to an employee record yet. Ask your unit's HR (pengelola kinerja) for an invite link and open it.
help =
    Available commands:
    /start — start and link your account
    /help — this help
    /profile — my profile
    /team — my direct subordinates
    /language — change language
    /dialog — dialog kinerja: record, acknowledge, history
    /feedback — 360 feedback: rate colleagues, see results, send a note
    /predikat — supervisors: rate your subordinates' results and behaviour at period end
    /deadline — upcoming deadlines
    /cancel — cancel the conversation in progress
    For HR: /units — employees per unit; /invite — invite links; /broadcast — an announcement; /deadline — create and change deadlines; /round — 360 rounds; /period — evaluation periods, organisation predikat, distribution; /report — reports and exports; send the employee CSV/XLSX file to import it.
language-choose = Choose a language:
language-set = Language set to English.
language-name-id = Bahasa Indonesia
language-name-en = English
cancel-done = Cancelled. Nothing from that conversation was saved.
cancel-nothing = There is no conversation in progress.
unknown-command = I don't know that command. Type /help to see the commands.
unknown-input = Sorry, I did not understand that. Type /help to see what I can do.
text-too-long = That message is too long: the bot reads at most { $max } characters. Please send it shorter.
stale-button = This button is no longer valid.
internal-error = Sorry, something went wrong on our side. Please try again in a moment.
slow-down = You are sending messages faster than the bot can take them. Please wait a minute; messages sent meanwhile are ignored.
cmd-start = Start and link your account
cmd-help = Help
cmd-language = Change language
cmd-cancel = Cancel the conversation

## Employee import
import-done = Import done: { $added } added, { $changed } changed, { $deactivated } deactivated (left), { $unchanged } unchanged; { $units } new units.
import-dry-run = Dry run (nothing saved): { $added } would be added, { $changed } changed, { $deactivated } deactivated (left), { $unchanged } unchanged; { $units } new units.
import-read-as-windows1252 = The file was not UTF-8, so it was read as Windows-1252 (what Excel saves as "CSV"). Check that names with accents look right; to be sure, save as "CSV UTF-8".
import-file-refused = File refused, nothing was changed: { $reason }
import-rows-refused = { $count ->
    [one] File refused, nothing was changed: 1 bad row.
   *[other] File refused, nothing was changed: { $count } bad rows.
}
import-row-error = Line { $line }: { $reason }
import-more-rows = { $count ->
    [one] … and 1 more bad row: see the attached list.
   *[other] … and { $count } more bad rows: see the attached list.
}
import-rows-file-caption = { $count ->
    [one] The bad row, with its line and reason.
   *[other] All { $count } bad rows, with their lines and reasons.
}
file-empty = the file is empty or has no data rows.
file-too-large = the file is larger than { $mb } MB.
file-not-csv-or-xlsx = the file is neither CSV (UTF-8 text) nor XLSX.
file-missing-columns = required columns are missing: { $columns }.
file-unreadable = the file cannot be read ({ $cause }).
file-sheet-too-wide = the sheet spans more than { $max } cells (a cell far down or to the right, perhaps by mistake); delete the empty rows and columns after the data and send it again.
file-duplicate-column = The header (line 1) names the column { $column } twice; keep one and send the file again.
problem-field-count = the row has { $found } fields where the header has { $expected }: check for a separator (; or ,) inside a value that is not in quotes.
problem-control-character = the row contains a control character (for example a NUL byte): the file may be damaged; retype the row.
problem-nip-stored-as-number = the NIP is stored as a number, and the spreadsheet has already dropped its last digits: format the NIP column as Text and type the NIPs again.
problem-appointed-in-the-future = the NIP records an appointment after today: check its digits 9 to 14 (year and month of appointment).
file-too-many-rows = the file has more than { $max } rows; split it or ask the operator to use the command line.
problem-cell-too-long = a cell is longer than { $max } characters.
problem-nip-shape = a NIP must be 18 digits.
problem-nip-birth-date = the NIP holds an impossible birth date.
problem-nip-appointment = the NIP holds an impossible appointment date.
problem-nip-sex-digit = the sex digit of the NIP must be 1 or 2.
problem-duplicate-nip = the NIP is already on line { $first_line }.
problem-empty-name = the name is empty.
problem-name-too-long = the name is too long (at most 200 characters).
problem-bad-unit = the unit is empty or malformed (e.g. "Sekretariat Jenderal > Biro SDM").
problem-bad-supervisor-nip = the supervisor's NIP is not a valid NIP.
problem-self-supervisor = an employee cannot be their own supervisor.
problem-unknown-supervisor = supervisor { $nip } is not in the file (anyone missing from the file counts as having left).
problem-supervisor-cycle = the chain of supervisors loops: { $chain }.
problem-unknown-role = unknown role "{ $role }" (pegawai, pengelola_unit, pengelola_organisasi, admin).
problem-unknown-language = unknown language "{ $language }" (id or en).

## Invite links
welcome-linked = Hello, { $name }! Your account is linked. Type /help to see what I can do.
link-done =
    Welcome, { $name }! Your Telegram account is now linked to your employee record.
    I will remind you of performance dialogs, ask for BerAKHLAK behaviour feedback on colleagues, and pass on announcements and deadlines from HR. Type /help to see the commands.
link-moved-away = This Telegram account is no longer linked to your employee record: another account has just opened a new invite link for it. If that was not you, contact HR (pengelola kinerja) now.
invite-malformed = This invite link is incomplete. Open the full link from HR again, or ask for a new one.
invite-unknown = This invite link is not known. Ask your unit's HR for a new one.
invite-used = This invite link has already been used. If it was not you, contact your unit's HR at once.
invite-expired = This invite link has expired. Ask your unit's HR for a new one.
invite-account-taken = This Telegram account is already linked to another employee. Contact your unit's HR.

## Organisation in chat
not-linked = Your Telegram account is not linked to an employee record. Ask your unit's HR for an invite link.
not-allowed = Sorry, you are not allowed to do that.
profile-view =
    { $name }
    Position: { $position }
    Unit: { $unit }
    Supervisor: { $supervisor }
    Language: English (change with /language)
profile-no-supervisor = —
team-header = Your direct subordinates ({ $count }):
team-member-linked = ✅ { $name }
team-member-unlinked = ⏳ { $name } (not linked to Telegram yet)
team-empty = You have no direct subordinates.
units-header = Employees per unit (active / linked / not linked):
units-line = { $unit }: { $employees } / { $linked } / { $unlinked }
units-more = { $count ->
    [one] … and 1 more unit. Use the kinerja-bot command line for the full list.
   *[other] … and { $count } more units. Use the kinerja-bot command line for the full list.
}
invite-choose-unit = Choose a unit: invite links are made for everyone in it (and its sub-units) who is not linked yet.
invite-sent = { $count ->
    [one] 1 invite link for { $unit }. Send it only to the employee it names.
   *[other] { $count } invite links for { $unit }. Send each only to the employee it names.
}
invite-none = Everyone in { $unit } is already linked.
invite-roles-left-out = { $count ->
    [one] 1 person in this unit has an HR or admin role: their link comes only from organisation HR.
   *[other] { $count } people in this unit have an HR or admin role: their links come only from organisation HR.
}
import-confirm-question = Save these changes?
import-confirm-button = Save
import-cancel-button = Cancel
import-cancelled = Import cancelled. Nothing was changed.
preview-outdated = What this confirms has changed since the preview, so nothing was done. Here is the current preview:
preview-expired = This preview is more than { $hours } hours old, so nothing was done. Here is the current preview:
import-download-failed = The file could not be downloaded from Telegram. Please send it again.
cmd-profile = My profile
cmd-team = My subordinates
cmd-units = Employees per unit (HR)
cmd-invite = Make invite links (HR)

## Audience of announcements and deadlines
audience-choose = Who is it for?
audience-choose-unit = Choose a unit (with its sub-units), page { $page } of { $pages }:
page-previous = ◀ Previous
page-of = (page { $page } of { $pages })
page-next = Next ▶
audience-empty = There is no active employee in this audience. Nothing was sent.
audience-everyone = Everyone
audience-pick-unit = One unit (with its sub-units)…
audience-supervisors = Supervisors only
audience-hr = HR (pengelola kinerja) only

## Announcements
broadcast-ask-text =
    Write the announcement to send. Telegram formatting (bold, italic, links) is kept; you can also write Telegram HTML: <b>bold</b>, <i>italic</i>, <a href="https://…">link</a>.
    Type /cancel to stop.
broadcast-format-error = Telegram would refuse this announcement: { $reason } Fix it and send the text again, or /cancel.
broadcast-preview-header = Preview — this is how the announcement will arrive:
broadcast-confirm = { $linked ->
    [one] Send to 1 person
   *[other] Send to { $linked } people
} ({ $audience })? { $unlinked ->
    [one] 1 person has not linked their Telegram account and will not receive it; they are listed in the final report.
   *[other] { $unlinked } people have not linked their Telegram account and will not receive it; they are listed in the final report.
}
broadcast-send-button = Send
broadcast-discard-button = Discard
broadcast-discarded = Announcement discarded; nothing was sent.
broadcast-progress =
    Sending announcement #{ $id }…
    Sent: { $sent } of { $total }
    Pending: { $pending }
    Unreachable (blocked the bot): { $unreachable }
    Failed: { $failed }
    Not linked: { $unlinked }
broadcast-stop-button = Stop sending
broadcast-done =
    Announcement #{ $id } finished.
    Sent: { $sent } of { $total }
    Unreachable (blocked the bot): { $unreachable }
    Failed: { $failed }
    Not linked: { $unlinked }
broadcast-cancelled =
    Announcement #{ $id } stopped.
    Sent: { $sent } of { $total }
    Withdrawn (not sent): { $cancelled }
    Unreachable (blocked the bot): { $unreachable }
    Failed: { $failed }
    Not linked: { $unlinked }
broadcast-already-finished = This sending has already finished.
broadcast-unreached-csv-button = Not reached (CSV)
broadcast-unreached-xlsx-button = Not reached (XLSX)
broadcast-unreached-caption = { $count ->
    [one] 1 person did not receive this announcement; reach them another way.
   *[other] { $count } people did not receive this announcement; reach them another way.
}
broadcast-unreached-none = Every recipient was reached.
unreached-not-linked = has not linked a Telegram account
unreached-blocked = blocked the bot or the account is deactivated
unreached-failed = sending failed: { $reason }

## HTML formatting errors
format-empty = the text is empty.
format-too-long = the text is { $length } characters, over Telegram's limit of { $max }.
format-unknown-tag = Telegram does not know the tag <{ $tag }> (line { $line }, column { $column }).
format-unclosed-tag = the tag <{ $tag }> is never closed (line { $line }, column { $column }).
format-unexpected-closing-tag = the closing tag </{ $tag }> does not match the open tag (line { $line }, column { $column }).
format-bad-attribute = the attribute "{ $attribute }" is not allowed on <{ $tag }> (line { $line }, column { $column }).
format-missing-href = a link <a> without href="…" (line { $line }, column { $column }).
format-bare-character = the character "{ $character }" must be written { $escape } (line { $line }, column { $column }).
format-unknown-entity = unknown entity { $entity }; use &lt; &gt; &amp; or &quot; (line { $line }, column { $column }).

## Deadlines
deadline-list-item =
    📅 { $title }
    Due: { $due }
    For: { $audience }
    { $description }
deadline-list-empty = There are no upcoming deadlines for you.
deadline-new-hint = Create a new deadline; its audience is reminded automatically.
deadline-new-button = ➕ New deadline
deadline-ask-title = Title of the deadline? (e.g. Penyusunan SKP 2027) Type /cancel to stop.
deadline-title-invalid = The title must not be empty and at most { $max } characters. Write the title again.
deadline-ask-due = When is it due? Write the date and time in { $zone }, e.g. 31-01-2027 16:00 or 31 January 2027. Without a time it means 23:59.
deadline-due-unreadable = I cannot read that date.
deadline-due-in-past = That date has passed; a deadline must be in the future.
deadline-ask-description = Description (optional): write it, or press Skip.
deadline-skip-button = Skip
deadline-description-too-long = The description can be at most { $max } characters. Shorten it and send it again.
deadline-confirm =
    Deadline: { $title }
    Due: { $due }
    For: { $audience }
    { $description }
    Reminders: { $days } days before (0 = on the day), at { $time }.
    Save?
deadline-save-button = Save
deadline-discard-button = Discard
deadline-saved = Deadline "{ $title }" ({ $due }) saved. Its audience will be reminded automatically.
deadline-discarded = The deadline was not saved.
deadline-edit-due-button = Change date
deadline-edit-title-button = Rename
deadline-cancel-button = Cancel it
deadline-updated = Deadline updated: "{ $title }", due { $due }. The next reminders follow this change.
deadline-cancelled-notice = Deadline "{ $title }" cancelled; its reminders will not be sent.
deadline-gone = This deadline has passed or was cancelled.
deadline-reminder =
    ⏰ <b>Deadline reminder: { $title }</b>
    Due: { $due } ({ $left })
deadline-days-left = { $days ->
    [one] { $days } day left
   *[other] { $days } days left
}
deadline-deliveries = Reminders so far: { $sent } sent, { $pending } pending, { $unreachable } unreachable (blocked the bot), { $failed } failed, { $unlinked } not linked.
deadline-today = today
cmd-broadcast = Announcement (HR)
cmd-deadline = Upcoming deadlines
cmd-dialog = Dialog kinerja: record, confirm, history
cmd-feedback = 360 feedback: rate colleagues, results, notes
cmd-round = HR: 360 feedback rounds
cmd-period = HR: evaluation periods, organisation predikat, distribution
