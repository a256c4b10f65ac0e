-- The monthly report that sends itself (the window on or after the 1st,
-- or `regulars report --due` from the system's scheduler).
--
-- One row per kind of scheduled send and period: whoever inserts it first
-- (inside one write transaction, guarded by the primary key) sends; the
-- others see the row and do not. A 'sending' claim older than the stale
-- limit (data.StaleClaim) may be taken over, so a crash mid-send does not
-- stop the month for good; a 'failed' row is tried again after next_try_at.
-- Each attempt's outcome is also in email_log (email_log_id).
CREATE TABLE scheduled_sends (
    kind         TEXT    NOT NULL,                    -- 'monthly-report'
    period       TEXT    NOT NULL,                    -- 'YYYY-MM-DD..YYYY-MM-DD', inclusive
    status       TEXT    NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
    claimed_at   INTEGER NOT NULL,                    -- Unix seconds of the latest claim
    claimed_by   TEXT    NOT NULL DEFAULT '',         -- e.g. 'window, process 1234'
    attempts     INTEGER NOT NULL DEFAULT 0,          -- finished attempts
    next_try_at  INTEGER NOT NULL DEFAULT 0,          -- Unix seconds; for 'failed'
    finished_at  INTEGER,                             -- Unix seconds of the latest outcome
    email_log_id INTEGER REFERENCES email_log (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX scheduled_sends_once ON scheduled_sends (kind, period);
