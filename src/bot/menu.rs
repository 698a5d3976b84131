//! The command menu, published per language with `setMyCommands` so each user sees it in theirs.

use teloxide::prelude::*;
use teloxide::types::BotCommand;

use super::Telegram;
use crate::domain::Lang;
use crate::i18n::{self, Msg};

/// The published commands, in menu order, with their descriptions.
pub const MENU: &[(&str, Msg)] = &[
    ("start", Msg::CmdStart),
    ("help", Msg::CmdHelp),
    ("profile", Msg::CmdProfile),
    ("team", Msg::CmdTeam),
    ("units", Msg::CmdUnits),
    ("invite", Msg::CmdInvite),
    ("dialog", Msg::CmdDialog),
    ("feedback", Msg::CmdFeedback),
    ("round", Msg::CmdRound),
    ("predikat", Msg::CmdPredikat),
    ("period", Msg::CmdPeriod),
    ("deadline", Msg::CmdDeadline),
    ("broadcast", Msg::CmdBroadcast),
    ("report", Msg::CmdReport),
    ("language", Msg::CmdLanguage),
    ("cancel", Msg::CmdCancel),
];

pub fn commands(lang: Lang) -> Vec<BotCommand> {
    MENU.iter()
        .map(|(c, msg)| BotCommand::new(*c, i18n::text(lang, *msg)))
        .collect()
}

/// Publishes the default (Indonesian) menu and one per language. A failure is logged and the bot
/// runs on: the menu is a convenience, typed commands still work.
pub async fn publish(telegram: &Telegram) {
    let bot = telegram.bot();
    let mut result = bot.set_my_commands(commands(Lang::Id)).await.map(|_| ());
    for lang in Lang::ALL {
        if result.is_ok() {
            result = bot
                .set_my_commands(commands(lang))
                .language_code(lang.code())
                .await
                .map(|_| ());
        }
    }
    if let Err(e) = result {
        tracing::warn!(error = %e, "could not publish the command menu");
    }
}
