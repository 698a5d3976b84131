-- Who handed out each invite link: the NIP of the HR person, or NULL for the command line.
ALTER TABLE invite_tokens ADD COLUMN issued_by TEXT;

-- Every time a Telegram account is linked to an employee (or moved from one account to
-- another): kept for organisation HR to export. The link is named by the first characters of
-- its token's hash, which identify it without making it usable.
CREATE TABLE account_links (
    id               BIGSERIAL PRIMARY KEY,
    nip              TEXT    NOT NULL,
    telegram_user_id BIGINT NOT NULL,
    previous_user_id BIGINT,
    link             TEXT    NOT NULL,
    issued_by        TEXT,
    linked_at        BIGINT NOT NULL
);
CREATE INDEX account_links_nip ON account_links (nip);
