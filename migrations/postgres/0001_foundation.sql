-- Telegram accounts that have written to the bot, their language, and delivery state.
CREATE TABLE telegram_users (
    user_id      BIGINT PRIMARY KEY,
    chat_id      BIGINT NOT NULL,
    language     TEXT   NOT NULL,
    first_seen   BIGINT NOT NULL,
    last_seen    BIGINT NOT NULL,
    blocked_at   BIGINT
);

-- Updates already handled, so a batch that Telegram sends again after a crash is not answered
-- twice. Pruned after a few days (Telegram keeps unconfirmed updates for 24 hours).
CREATE TABLE processed_updates (
    update_id    BIGINT PRIMARY KEY,
    processed_at BIGINT NOT NULL
);
CREATE INDEX processed_updates_at ON processed_updates (processed_at);

-- A chat's multi-step conversation, as JSON of `bot::Conversation`; survives restarts.
CREATE TABLE conversations (
    chat_id      BIGINT PRIMARY KEY,
    state        TEXT   NOT NULL,
    updated_at   BIGINT NOT NULL
);
