-- What the bot says, stored once however many receive it (a broadcast to 50,000 is one row).
CREATE TABLE outbox_payloads (
    id          BIGSERIAL PRIMARY KEY,
    text        TEXT    NOT NULL,
    -- 'HTML' or NULL for plain text.
    parse_mode  TEXT,
    -- Inline keyboard as Bot API JSON, or NULL.
    keyboard    TEXT
);

-- Every message the bot starts, one row per recipient, written in the same transaction as the
-- change that caused it. States: pending, sending (leased to one sender until lease_until),
-- sent, unreachable (403: blocked, deactivated), failed (400 or given up), cancelled, and
-- unlinked (the employee never linked an account; kept so HR can reach them another way).
CREATE TABLE outbox (
    id           BIGSERIAL PRIMARY KEY,
    payload_id   BIGINT  NOT NULL REFERENCES outbox_payloads (id),
    nip          TEXT,
    chat_id      BIGINT,
    origin_kind  TEXT    NOT NULL,
    origin_id    BIGINT  NOT NULL,
    state        TEXT    NOT NULL,
    attempts     BIGINT  NOT NULL DEFAULT 0,
    -- Wall-clock milliseconds: the earliest next attempt, and how long a sender holds a row.
    not_before   BIGINT  NOT NULL DEFAULT 0,
    lease_owner  TEXT,
    lease_until  BIGINT,
    error        TEXT,
    created_at   BIGINT  NOT NULL,
    done_at      BIGINT
);
-- Small partial indexes: the sender reads only open rows, oldest first.
CREATE INDEX outbox_pending ON outbox (id) WHERE state = 'pending';
CREATE INDEX outbox_leased ON outbox (lease_until) WHERE state = 'sending';
CREATE INDEX outbox_origin ON outbox (origin_kind, origin_id, state);

-- An HR announcement. The audience is resolved into outbox rows when it is confirmed.
CREATE TABLE broadcasts (
    id               BIGSERIAL PRIMARY KEY,
    created_by       TEXT,
    audience         TEXT    NOT NULL,
    scope_unit_id    BIGINT  REFERENCES units (id),
    -- pending while it sends, then done or cancelled.
    state            TEXT    NOT NULL,
    report_chat_id   BIGINT,
    report_message_id BIGINT,
    report_lang      TEXT    NOT NULL,
    last_progress    TEXT,
    created_at       BIGINT  NOT NULL,
    finished_at      BIGINT
);
CREATE INDEX broadcasts_state ON broadcasts (state);

-- A date the audience is reminded of by itself. due_at is epoch seconds (UTC).
CREATE TABLE deadlines (
    id              BIGSERIAL PRIMARY KEY,
    title           TEXT    NOT NULL,
    description     TEXT    NOT NULL DEFAULT '',
    due_at          BIGINT  NOT NULL,
    audience        TEXT    NOT NULL,
    scope_unit_id   BIGINT  REFERENCES units (id),
    created_by      TEXT,
    cancelled_at    BIGINT,
    -- Reminders due before this moment (creation or the last change of date) are not sent.
    reminders_from  BIGINT  NOT NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL
);
CREATE INDEX deadlines_due ON deadlines (due_at);

-- Reminder slots already handled, per date: a slot is sent once, never twice, even by two bots.
CREATE TABLE deadline_reminders (
    deadline_id  BIGINT  NOT NULL REFERENCES deadlines (id),
    slot         TEXT    NOT NULL,
    due_at       BIGINT  NOT NULL,
    sent         BIGINT  NOT NULL,
    handled_at   BIGINT  NOT NULL,
    PRIMARY KEY (deadline_id, slot, due_at)
);

-- Which process sends: Telegram's limits are per bot, so with several bot processes on one
-- database one sends at a time and the others stand by, taking over when its lease runs out.
CREATE TABLE outbox_sender (
    id           BIGINT PRIMARY KEY,
    owner        TEXT,
    lease_until  BIGINT NOT NULL
);
INSERT INTO outbox_sender (id, owner, lease_until) VALUES (1, NULL, 0);
