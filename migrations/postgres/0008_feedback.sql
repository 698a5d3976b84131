-- 360 behaviour feedback (BerAKHLAK): rounds, their rater assignments and answers, reminders,
-- open feedback between colleagues and the supervisor's ekspektasi khusus.

-- One round for a period over an HR scope. Dates are in the organisation's calendar; answers
-- are taken until the end of closes_on (or of closed_early_on).
CREATE TABLE feedback_rounds (
    id                BIGSERIAL PRIMARY KEY,
    -- The unit whose subtree the round covers; NULL for the whole organisation.
    unit_path         TEXT,
    -- The period's code: 2027-03, 2027-q1, 2027-s1, 2027.
    period            TEXT    NOT NULL,
    opens_on          TEXT    NOT NULL,
    closes_on         TEXT    NOT NULL,
    closed_early_on   TEXT,
    -- The sampling seed (a u64 stored bit for bit), so the assignment can be drawn again.
    seed              BIGINT NOT NULL,
    max_peers         BIGINT NOT NULL,
    max_subordinates  BIGINT NOT NULL,
    include_self      BIGINT NOT NULL,
    created_by        TEXT    NOT NULL,
    -- The confirming preview's key: confirming twice opens one round.
    create_key        TEXT    NOT NULL UNIQUE,
    created_at        BIGINT NOT NULL,
    -- When the raters' first messages were queued (on opening day).
    prompted_at       BIGINT,
    -- When the ratees were told their results are ready.
    results_sent_at   BIGINT
);
CREATE INDEX feedback_rounds_period ON feedback_rounds (period);

-- Who rates whom in a round, and in which group. Fixed when the round is created: a re-import
-- afterwards changes nobody's assignments.
CREATE TABLE feedback_assignments (
    id            BIGSERIAL PRIMARY KEY,
    round_id      BIGINT NOT NULL REFERENCES feedback_rounds (id),
    ratee_nip     TEXT    NOT NULL,
    rater_nip     TEXT    NOT NULL,
    -- supervisor, peer, subordinate, self.
    grp           TEXT    NOT NULL,
    -- Values answered so far (0-7), kept with each answer so a rater's list needs no join.
    answered      BIGINT NOT NULL DEFAULT 0,
    comment       TEXT,
    -- When the seventh value was answered: only complete answers count in any result.
    completed_at  BIGINT,
    -- When the rater closed the summary.
    submitted_at  BIGINT,
    UNIQUE (round_id, ratee_nip, rater_nip, grp)
);
CREATE INDEX feedback_assignments_rater ON feedback_assignments (rater_nip, round_id);
CREATE INDEX feedback_assignments_round ON feedback_assignments (round_id, ratee_nip);

-- One answer per assignment and value; changed in place until the round closes.
CREATE TABLE feedback_answers (
    assignment_id  BIGINT NOT NULL REFERENCES feedback_assignments (id),
    value          TEXT    NOT NULL,
    rating         TEXT    NOT NULL,
    answered_at    BIGINT NOT NULL,
    PRIMARY KEY (assignment_id, value)
);

-- What HR was told when the round was created: people in scope not rated or not reachable
-- (inactive, unlinked, supervisor unknown).
CREATE TABLE feedback_round_notices (
    round_id  BIGINT NOT NULL REFERENCES feedback_rounds (id),
    nip       TEXT    NOT NULL,
    reason    TEXT    NOT NULL,
    detail    TEXT,
    PRIMARY KEY (round_id, nip, reason)
);

-- Reminders handled per round, slot and rater: queued once, in the same transaction as the
-- messages, whatever restarts or replicas do. slot is e.g. "d3" (3 days before the close) or
-- "hr:<unit id>:<time>" for HR's reminder on demand.
CREATE TABLE feedback_reminders (
    round_id    BIGINT NOT NULL REFERENCES feedback_rounds (id),
    slot        TEXT    NOT NULL,
    rater_nip   TEXT    NOT NULL,
    handled_at  BIGINT NOT NULL,
    PRIMARY KEY (round_id, slot, rater_nip)
);

-- Open feedback at any time (/feedback): the recipient sees who sent it.
CREATE TABLE feedback_notes (
    id             BIGSERIAL PRIMARY KEY,
    -- The writing's key: sending twice stores one note.
    note_key       TEXT    NOT NULL UNIQUE,
    sender_nip     TEXT    NOT NULL,
    recipient_nip  TEXT    NOT NULL,
    value          TEXT    NOT NULL,
    -- appreciation or improvement.
    kind           TEXT    NOT NULL,
    text           TEXT    NOT NULL,
    -- The evaluation year it belongs to.
    period         TEXT    NOT NULL,
    created_at     BIGINT NOT NULL
);
CREATE INDEX feedback_notes_recipient ON feedback_notes (recipient_nip, period);
CREATE INDEX feedback_notes_sender ON feedback_notes (sender_nip, created_at);

-- Ekspektasi khusus pimpinan: per employee, period and value, written by their supervisor.
CREATE TABLE special_expectations (
    employee_nip    TEXT    NOT NULL,
    period          TEXT    NOT NULL,
    value           TEXT    NOT NULL,
    text            TEXT    NOT NULL,
    supervisor_nip  TEXT    NOT NULL,
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (employee_nip, period, value)
);
