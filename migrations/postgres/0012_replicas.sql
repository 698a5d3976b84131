-- Several replicas on one database (webhook mode). Each pending inbox row is handed to one
-- replica at a time: the one whose lease it carries. A replica that dies leaves its lease to run
-- out, and another replica takes the row over. A chat's next row is handed out only once the
-- one before it is handled, so one chat's updates stay in order across replicas.
ALTER TABLE inbox ADD COLUMN lease_owner TEXT;
ALTER TABLE inbox ADD COLUMN lease_until BIGINT;
CREATE INDEX inbox_open_chats ON inbox (chat_id, update_id) WHERE handled_at IS NULL;

-- Work that one replica of the fleet does at a time (the schedulers): held by `owner` until
-- `lease_until` (wall-clock ms), renewed well before then, taken over when it runs out.
CREATE TABLE leases (
    name         TEXT PRIMARY KEY,
    owner        TEXT,
    lease_until  BIGINT NOT NULL
);

-- Telegram's overall sending budget shared by the replicas: the next free sending slot, in
-- microseconds on the database's clock. A replica reserves slots by moving it forward, so
-- together the replicas never send faster than the budget.
CREATE TABLE send_budget (
    id       INTEGER PRIMARY KEY,
    next_us  BIGINT NOT NULL
);
INSERT INTO send_budget (id, next_us) VALUES (1, 0);
