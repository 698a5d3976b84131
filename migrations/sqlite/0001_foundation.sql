-- Telegram accounts that have written to the bot, their language, and delivery state.
CREATE TABLE telegram_users (
    user_id      INTEGER PRIMARY KEY,
    chat_id      INTEGER NOT NULL,
    language     TEXT    NOT NULL,
    first_seen   INTEGER NOT NULL,
    last_seen    INTEGER NOT NULL,
    blocked_at   INTEGER
);

-- Updates already handled, so a batch that Telegram sends again after a crash is not answered
-- twice. Pruned after a few days (Telegram keeps unconfirmed updates for 24 hours).
CREATE TABLE processed_updates (
    update_id    INTEGER PRIMARY KEY,
    processed_at INTEGER NOT NULL
);
CREATE INDEX processed_updates_at ON processed_updates (processed_at);

-- A chat's multi-step conversation, as JSON of `bot::Conversation`; survives restarts.
CREATE TABLE conversations (
    chat_id      INTEGER PRIMARY KEY,
    state        TEXT    NOT NULL,
    updated_at   INTEGER NOT NULL
);
