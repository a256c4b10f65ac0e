-- Emailing the loyalty report to the accountant.
--
-- The accountant's address and the SMTP account (host, port, security,
-- user name) are ordinary rows of the settings table, under the keys
-- email.accountant, email.from, smtp.host, smtp.port, smtp.security and
-- smtp.user. The SMTP password is never stored in this file: it lives in
-- the operating system's keychain (see reports/secret.go).

-- One row per attempt to send a report, successful or not, so the Reports
-- screen can say what was sent when. Nothing here holds a password.
CREATE TABLE email_log (
    id               INTEGER PRIMARY KEY,
    sent_at          INTEGER NOT NULL,                 -- Unix seconds
    recipient        TEXT    NOT NULL,
    subject          TEXT    NOT NULL,
    attachment       TEXT    NOT NULL DEFAULT '',      -- file name
    attachment_bytes INTEGER NOT NULL DEFAULT 0,
    period_from      TEXT    NOT NULL DEFAULT '',      -- 'YYYY-MM-DD'
    period_to        TEXT    NOT NULL DEFAULT '',      -- 'YYYY-MM-DD', inclusive
    status           TEXT    NOT NULL CHECK (status IN ('sent', 'failed')),
    error            TEXT    NOT NULL DEFAULT ''       -- what went wrong, for status 'failed'
);
CREATE INDEX email_log_sent_at ON email_log (sent_at);
