-- One-time invite tokens. Only a SHA-256 hash of the token is stored.
CREATE TABLE invite_tokens (
    token_hash  TEXT   PRIMARY KEY,
    nip         TEXT   NOT NULL REFERENCES employees (nip),
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT,
    used_by     BIGINT
);
CREATE INDEX invite_tokens_nip ON invite_tokens (nip);
