-- Every update Telegram delivers is stored here on arrival (once per update_id) and confirmed to
-- Telegram right after; workers then handle it. A row is pending while handled_at is NULL.
-- kind: 'update' (route it), 'slow_down' (the sender is flooding: tell them once, drop the
-- update), 'dropped' (flooding, already told; stored as handled). The payload (the update's
-- JSON) is cleared once handled; the row is kept two days so a resent update is recognised.
CREATE TABLE inbox (
    update_id    BIGINT PRIMARY KEY,
    chat_id      BIGINT NOT NULL,
    kind         TEXT    NOT NULL,
    payload      TEXT    NOT NULL,
    received_at  BIGINT NOT NULL,
    handled_at   BIGINT
);
CREATE INDEX inbox_pending ON inbox (update_id) WHERE handled_at IS NULL;
CREATE INDEX inbox_handled_at ON inbox (handled_at);

-- Marks written by earlier versions become handled rows, so an update handled just before the
-- upgrade is not answered again.
INSERT INTO inbox (update_id, chat_id, kind, payload, received_at, handled_at)
    SELECT update_id, 0, 'update', '', processed_at, processed_at FROM processed_updates;
DROP TABLE processed_updates;
