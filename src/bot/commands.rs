//! The commands users type. Descriptions live in `locales/` (see `menu.rs`), not here.

use teloxide::utils::command::BotCommands;

#[derive(BotCommands, Clone, Debug, PartialEq, Eq)]
#[command(rename_rule = "lowercase")]
pub enum Command {
    /// `/start` alone, or `/start <invite token>` from a deep link.
    Start(String),
    Help,
    Language,
    Cancel,
    /// An employee's own profile.
    Profile,
    /// A supervisor's direct subordinates.
    Team,
    /// HR: employees and linked accounts per unit.
    Units,
    /// HR: invite links for the unlinked of a unit.
    Invite,
    /// HR: an announcement to an audience.
    Broadcast,
    /// Upcoming deadlines; HR also creates and changes them.
    Deadline,
    /// Dialog kinerja: record, acknowledge, request, history, compliance.
    Dialog,
    /// Organisation HR: list, add (`add YYYY-MM-DD [name]`) and remove holidays.
    Holiday(String),
    /// 360 feedback: rate colleagues, see results, send a note, ekspektasi khusus.
    Feedback,
    /// HR: 360 rounds (`open <period> <opens> <closes>`, `extend <id> <date>`).
    Round(String),
    /// HR: evaluation periods (`open <period>`, `<period>`).
    Period(String),
    /// A supervisor's evaluation at period end: hasil, perilaku, predikat.
    Predikat,
    /// HR: reports per period with charts.
    Report,
}

impl Command {
    /// Parses `/cmd` and `/cmd@this_bot`; a command addressed to another bot is not ours.
    pub fn parse_text(text: &str, bot_username: &str) -> Option<Self> {
        <Self as BotCommands>::parse(text, bot_username).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_commands_with_and_without_the_bot_name() {
        assert_eq!(Command::parse_text("/help", "kb_bot"), Some(Command::Help));
        assert_eq!(
            Command::parse_text("/help@kb_bot", "kb_bot"),
            Some(Command::Help)
        );
        assert_eq!(Command::parse_text("/help@other_bot", "kb_bot"), None);
        assert_eq!(
            Command::parse_text("/start abc_DEF-1", "kb_bot"),
            Some(Command::Start("abc_DEF-1".into()))
        );
        assert_eq!(
            Command::parse_text("/start", "kb_bot"),
            Some(Command::Start(String::new()))
        );
        assert_eq!(Command::parse_text("/nope", "kb_bot"), None);
    }
}
