-- Customers, their phones, emails and tags, purchases, notes and settings.
-- Times are Unix seconds (UTC); calendar dates are TEXT 'YYYY-MM-DD'.

CREATE TABLE customers (
    id                INTEGER PRIMARY KEY,
    display_name      TEXT    NOT NULL,
    sort_key          TEXT    NOT NULL,          -- folded display name, for ordering
    given_name        TEXT    NOT NULL DEFAULT '',
    family_name       TEXT    NOT NULL DEFAULT '',
    company           TEXT    NOT NULL DEFAULT '',
    address           TEXT    NOT NULL DEFAULT '',
    birth_year        INTEGER,                   -- NULL when the year is unknown
    birth_month       INTEGER CHECK (birth_month BETWEEN 1 AND 12),
    birth_day         INTEGER CHECK (birth_day BETWEEN 1 AND 31),
    marketing_consent INTEGER NOT NULL DEFAULT 0,
    note              TEXT    NOT NULL DEFAULT '',
    uid               TEXT    NOT NULL DEFAULT '', -- vCard UID, when imported
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    archived_at       INTEGER
);
CREATE INDEX customers_sort ON customers (sort_key, id);
CREATE INDEX customers_uid ON customers (uid) WHERE uid <> '';
CREATE INDEX customers_birthday ON customers (birth_month, birth_day);

CREATE TABLE customer_phones (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    label       TEXT    NOT NULL DEFAULT '',
    number      TEXT    NOT NULL,                -- as entered
    e164        TEXT    NOT NULL DEFAULT ''      -- '' when it does not parse
);
CREATE INDEX customer_phones_customer ON customer_phones (customer_id, position);
CREATE INDEX customer_phones_e164 ON customer_phones (e164) WHERE e164 <> '';

CREATE TABLE customer_emails (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    label       TEXT    NOT NULL DEFAULT '',
    address     TEXT    NOT NULL,
    folded      TEXT    NOT NULL                 -- lower-cased, for matching
);
CREATE INDEX customer_emails_customer ON customer_emails (customer_id, position);
CREATE INDEX customer_emails_folded ON customer_emails (folded);

CREATE TABLE customer_tags (
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    tag         TEXT    NOT NULL,
    PRIMARY KEY (customer_id, tag)
) WITHOUT ROWID;
CREATE INDEX customer_tags_tag ON customer_tags (tag);

CREATE TABLE customer_photos (
    customer_id INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    image       BLOB    NOT NULL                 -- small JPEG/PNG thumbnail
);

CREATE TABLE purchases (
    id             INTEGER PRIMARY KEY,
    customer_id    INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    at             INTEGER NOT NULL,
    amount_cents   INTEGER NOT NULL CHECK (amount_cents > 0),
    description    TEXT    NOT NULL DEFAULT '',
    payment_method TEXT    NOT NULL DEFAULT '',
    created_at     INTEGER NOT NULL
);
CREATE INDEX purchases_customer ON purchases (customer_id, at);
CREATE INDEX purchases_at ON purchases (at);

CREATE TABLE notes (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL CHECK (kind IN ('note','call','visit','email','complaint','feedback')),
    body         TEXT    NOT NULL DEFAULT '',
    satisfaction INTEGER CHECK (satisfaction BETWEEN 0 AND 10),
    follow_up    TEXT,                           -- 'YYYY-MM-DD' or NULL
    done_at      INTEGER,
    created_at   INTEGER NOT NULL
);
CREATE INDEX notes_customer ON notes (customer_id, created_at);
CREATE INDEX notes_open_follow_ups ON notes (follow_up) WHERE follow_up IS NOT NULL AND done_at IS NULL;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Search: words of names, company, emails and tags, accent- and case-folded.
CREATE VIRTUAL TABLE customer_words USING fts5 (
    name, company, email, tags,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
-- Search: the digits of every phone number, for "any part of the number".
CREATE VIRTUAL TABLE customer_digits USING fts5 (
    digits,
    tokenize = 'trigram'
);
