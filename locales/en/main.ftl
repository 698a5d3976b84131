# English.

welcome-unlinked =
    Hello, { $name }! I am kinerja-bot, the civil-service performance assistant.
    I remind you of monthly performance dialogs, collect BerAKHLAK behaviour feedback, and pass on announcements from HR.

    Your Telegram account is not linked to an employee record yet. Ask your unit's HR (pengelola kinerja) for an invite link and open it.
help =
    Available commands:
    /start — start and link your account
    /help — this help
    /language — change language
    /cancel — cancel the conversation in progress
language-choose = Choose a language:
language-set = Language set to English.
language-name-id = Bahasa Indonesia
language-name-en = English
cancel-done = Cancelled. Nothing from that conversation was saved.
cancel-nothing = There is no conversation in progress.
unknown-command = I don't know that command. Type /help to see the commands.
unknown-input = Sorry, I did not understand that. Type /help to see what I can do.
stale-button = This button is no longer valid.
internal-error = Sorry, something went wrong on our side. Please try again in a moment.
cmd-start = Start and link your account
cmd-help = Help
cmd-language = Change language
cmd-cancel = Cancel the conversation
