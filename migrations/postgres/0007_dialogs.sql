-- A short, stable number per employee for button data: a NIP holds a birth date and sex, and
-- button data is readable by the client.
ALTER TABLE employees ADD COLUMN ref BIGSERIAL;
CREATE UNIQUE INDEX employees_ref ON employees (ref);

-- One dialog kinerja between a supervisor and one employee (a group session is one record per
-- employee, sharing group_key). held_on and next_on are dates in the organisation's calendar.
CREATE TABLE dialogs (
    id                 BIGSERIAL PRIMARY KEY,
    -- The recording's key: a double tap on save, or a save sent again, stores one record.
    save_key           TEXT    NOT NULL UNIQUE,
    group_key          TEXT,
    supervisor_nip     TEXT    NOT NULL,
    employee_nip       TEXT    NOT NULL,
    kind               TEXT    NOT NULL,
    mode               TEXT    NOT NULL,
    held_on            TEXT    NOT NULL,
    -- The kind's points as JSON: {"hasil-diharapkan": "...", ...}; skipped points are absent.
    points             TEXT    NOT NULL,
    follow_up          TEXT,
    follow_up_by       TEXT,
    follow_up_done_at  BIGINT,
    next_on            TEXT,
    -- pending, confirmed, commented, unacknowledged.
    ack                TEXT    NOT NULL,
    ack_comment        TEXT,
    ack_at             BIGINT,
    -- When the coached employee's feedback went to the supervisor's superior.
    coaching_sent_at   BIGINT,
    -- When the employee was last asked to acknowledge it (saved, or corrected): the
    -- acknowledgement's time runs from here.
    asked_at           BIGINT,
    -- Raised by each correction; an acknowledgement button carries the revision it showed.
    revision           BIGINT    NOT NULL DEFAULT 0,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL
);
CREATE INDEX dialogs_employee ON dialogs (employee_nip, held_on);
CREATE INDEX dialogs_supervisor ON dialogs (supervisor_nip, held_on);
CREATE INDEX dialogs_held_on ON dialogs (held_on);
CREATE INDEX dialogs_ack_pending ON dialogs (created_at) WHERE ack = 'pending';

-- Every correction of a dialog: who, when, and the record as it was before.
CREATE TABLE dialog_changes (
    id          BIGSERIAL PRIMARY KEY,
    dialog_id   BIGINT NOT NULL REFERENCES dialogs (id),
    changed_by  TEXT    NOT NULL,
    -- The correcting recording's key: the same correction handled twice is kept once.
    change_key  TEXT    UNIQUE,
    changed_at  BIGINT NOT NULL,
    before      TEXT    NOT NULL
);
CREATE INDEX dialog_changes_dialog ON dialog_changes (dialog_id);

-- An employee asking their supervisor for a dialog; answered by the next dialog recorded.
CREATE TABLE dialog_requests (
    id              BIGSERIAL PRIMARY KEY,
    employee_nip    TEXT    NOT NULL,
    supervisor_nip  TEXT    NOT NULL,
    requested_at    BIGINT NOT NULL,
    dialog_id       BIGINT REFERENCES dialogs (id)
);
CREATE INDEX dialog_requests_employee ON dialog_requests (employee_nip);

-- The coached employee's answers on the regulation's short form, one row per statement.
CREATE TABLE coaching_feedback (
    dialog_id    BIGINT NOT NULL REFERENCES dialogs (id),
    statement    TEXT    NOT NULL,
    agreement    BIGINT NOT NULL,
    answered_at  BIGINT NOT NULL,
    PRIMARY KEY (dialog_id, statement)
);

-- Reminder and flag slots handled, per supervisor: queued once per supervisor and slot, in the
-- same transaction as the messages, whatever restarts or replicas do.
CREATE TABLE dialog_reminders (
    slot            TEXT    NOT NULL,
    supervisor_nip  TEXT    NOT NULL,
    sent            BIGINT NOT NULL,
    handled_at      BIGINT NOT NULL,
    PRIMARY KEY (slot, supervisor_nip)
);
-- Slots finished for everyone, so a pass does not work them out again.
CREATE TABLE dialog_reminder_slots (
    slot        TEXT    PRIMARY KEY,
    sent        BIGINT NOT NULL,
    handled_at  BIGINT NOT NULL
);

-- Holidays changed in chat by organisation HR: holiday = 1 adds a date to the configured list,
-- holiday = 0 takes a configured date back out (a working day after all).
CREATE TABLE calendar_days (
    day         TEXT    PRIMARY KEY,
    holiday     BIGINT NOT NULL,
    name        TEXT,
    changed_by  TEXT,
    changed_at  BIGINT NOT NULL
);
