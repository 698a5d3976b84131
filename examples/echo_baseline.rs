//! The bare teloxide bot that `cargo bench --bench updates` measures kinerja-bot against: long
//! polling with teloxide's own `Dispatcher` (each chat's updates in order, chats in parallel),
//! no database, no logging. It makes the same Bot API calls per update as kinerja-bot does in
//! the benchmark:
//! - a text: one sendMessage, echoing it;
//! - a button press: answerCallbackQuery, then editMessageText of the message the button is on
//!   (kinerja-bot's language choice answers the press and edits its prompt).
//!
//! Run by the benchmark (which builds it); by hand: `TELOXIDE_TOKEN=... TELOXIDE_API_URL=...
//! cargo run --release --example echo_baseline`.

use teloxide::prelude::*;

async fn on_message(bot: Bot, msg: Message) -> ResponseResult<()> {
    if let Some(text) = msg.text() {
        bot.send_message(msg.chat.id, text).await?;
    }
    Ok(())
}

async fn on_press(bot: Bot, q: CallbackQuery) -> ResponseResult<()> {
    bot.answer_callback_query(q.id.clone()).await?;
    if let Some(m) = q.regular_message() {
        let data = q.data.as_deref().unwrap_or_default();
        bot.edit_message_text(m.chat.id, m.id, format!("pressed {data}"))
            .await?;
    }
    Ok(())
}

#[tokio::main]
async fn main() {
    let bot = Bot::from_env();
    let handler = dptree::entry()
        .branch(Update::filter_message().endpoint(on_message))
        .branch(Update::filter_callback_query().endpoint(on_press));
    Dispatcher::builder(bot, handler).build().dispatch().await;
}
