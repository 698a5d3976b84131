-- Units form a tree; `path` is the full "A > B > C" name HR's file uses.
CREATE TABLE units (
    id         BIGSERIAL PRIMARY KEY,
    path       TEXT   NOT NULL UNIQUE,
    name       TEXT   NOT NULL,
    parent_id  BIGINT REFERENCES units (id)
);

-- Employees are never deleted: one who leaves is marked inactive and keeps their history.
CREATE TABLE employees (
    nip              TEXT   PRIMARY KEY,
    name             TEXT   NOT NULL,
    position         TEXT   NOT NULL,
    unit_id          BIGINT NOT NULL REFERENCES units (id),
    supervisor_nip   TEXT,
    role             TEXT   NOT NULL,
    language         TEXT,
    active           BIGINT NOT NULL DEFAULT 1,
    -- A hash of the imported fields, so a re-import compares without reading every column.
    fingerprint      TEXT   NOT NULL,
    telegram_user_id BIGINT UNIQUE,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX employees_supervisor ON employees (supervisor_nip);
CREATE INDEX employees_unit ON employees (unit_id);
