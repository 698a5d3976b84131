-- Evaluation periods, the supervisor's ratings and predikat, the unit results that stand in for
-- a unit head's hasil kerja, and the organisation's predikat (SE MenPANRB 3/2023).

-- A period HR defines: open (supervisors rate), closed (HR weighs the distribution, may open it
-- again), locked (final: its ratings, dialogs and 360 answers no longer change).
CREATE TABLE periods (
    -- 2027-03, 2027-q1, 2027-s1, 2027.
    code        TEXT    PRIMARY KEY,
    starts_on   TEXT    NOT NULL,
    ends_on     TEXT    NOT NULL,
    state       TEXT    NOT NULL,
    created_by  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    changed_by  TEXT    NOT NULL,
    changed_at  INTEGER NOT NULL,
    locked_at   INTEGER
);
CREATE INDEX periods_locked ON periods (state, starts_on);

-- One employee's evaluation for a period, by their supervisor at the time.
CREATE TABLE evaluations (
    period          TEXT    NOT NULL REFERENCES periods (code),
    employee_nip    TEXT    NOT NULL,
    -- The employee's unit when rated: distributions per unit do not move with a re-import.
    unit_id         INTEGER NOT NULL,
    rated_by        TEXT    NOT NULL,
    hasil           TEXT    NOT NULL,
    -- 1 when hasil is the unit's result (a unit head), recorded by HR.
    hasil_from_unit INTEGER NOT NULL DEFAULT 0,
    perilaku        TEXT    NOT NULL,
    predikat        TEXT    NOT NULL,
    note            TEXT,
    -- What the supervisor had in front of them, as JSON (dialogs, 360 summary shown,
    -- ekspektasi khusus).
    evidence        TEXT    NOT NULL,
    rated_at        INTEGER NOT NULL,
    revision        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (period, employee_nip)
);
CREATE INDEX evaluations_unit ON evaluations (period, unit_id);

-- Every change of an evaluation: who, when, and the evaluation as it was before.
CREATE TABLE evaluation_changes (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    period        TEXT    NOT NULL,
    employee_nip  TEXT    NOT NULL,
    changed_by    TEXT    NOT NULL,
    changed_at    INTEGER NOT NULL,
    before        TEXT    NOT NULL
);
CREATE INDEX evaluation_changes_employee ON evaluation_changes (period, employee_nip);

-- A unit's own result for a period, which becomes its head's hasil kerja.
CREATE TABLE unit_results (
    period       TEXT    NOT NULL REFERENCES periods (code),
    unit_id      INTEGER NOT NULL REFERENCES units (id),
    hasil        TEXT    NOT NULL,
    recorded_by  TEXT    NOT NULL,
    recorded_at  INTEGER NOT NULL,
    PRIMARY KEY (period, unit_id)
);

-- The organisation's predikat for a period, set by the leader one level up and recorded by HR.
CREATE TABLE organisation_predikat (
    period       TEXT    PRIMARY KEY REFERENCES periods (code),
    predikat     TEXT    NOT NULL,
    recorded_by  TEXT    NOT NULL,
    recorded_at  INTEGER NOT NULL
);
