-- +goose Up
-- The steward inbox: who an item is assigned to, who decided it, when and how, the steward's
-- fixes kept apart from what the source sent, and the indexes that keep the list fast at
-- 100k waiting items. Twin of migrations/postgres/00007_inbox.sql; keep them in step.
ALTER TABLE inbox_items ADD COLUMN assignee_id BIGINT REFERENCES users (id);
ALTER TABLE inbox_items ADD COLUMN decided_by_id BIGINT REFERENCES users (id);
ALTER TABLE inbox_items ADD COLUMN decided_by TEXT NOT NULL DEFAULT '';
ALTER TABLE inbox_items ADD COLUMN decided_at DATETIME;
ALTER TABLE inbox_items ADD COLUMN decision_note TEXT NOT NULL DEFAULT '';
ALTER TABLE inbox_items ADD COLUMN edits TEXT NOT NULL DEFAULT ''; -- JSON: field, source value, steward's value, owner
ALTER TABLE inbox_items ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE inbox_items SET search_text = lower(summary || ' ' || external_id);

-- Ids grow with time, so (status, …, id) serves "oldest first" and "newest first" alike,
-- and each filter the list offers walks its own index instead of sorting.
CREATE INDEX inbox_items_waiting ON inbox_items (status, id);
CREATE INDEX inbox_items_reason ON inbox_items (status, reason, id);
CREATE INDEX inbox_items_domain ON inbox_items (status, domain, id);
CREATE INDEX inbox_items_channel ON inbox_items (status, channel_id, id);
CREATE INDEX inbox_items_assignee ON inbox_items (status, assignee_id, id);
CREATE INDEX inbox_items_decided ON inbox_items (decided_at) WHERE decided_at IS NOT NULL;

-- Substring search over the summary and the external id, as for products (00003).
CREATE VIRTUAL TABLE inbox_items_fts USING fts5(search_text, content='inbox_items', content_rowid='id', tokenize='trigram');
-- +goose StatementBegin
CREATE TRIGGER inbox_items_fts_insert AFTER INSERT ON inbox_items BEGIN
    INSERT INTO inbox_items_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER inbox_items_fts_delete AFTER DELETE ON inbox_items BEGIN
    INSERT INTO inbox_items_fts (inbox_items_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER inbox_items_fts_update AFTER UPDATE OF search_text ON inbox_items BEGIN
    INSERT INTO inbox_items_fts (inbox_items_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO inbox_items_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
-- +goose StatementEnd
INSERT INTO inbox_items_fts (inbox_items_fts) VALUES ('rebuild');

-- How many items wait, by reason, domain, channel and assignee, for the
-- reason tabs and the dashboard without counting 100k rows on every page: triggers append
-- +1 or -1 rows (appending takes no lock a concurrent writer would wait on), the tabs sum
-- them, and a periodic job folds them together (models.CompactInboxCounts).
CREATE TABLE inbox_counts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    reason      TEXT NOT NULL,
    domain      TEXT NOT NULL,
    channel_id  BIGINT NOT NULL DEFAULT 0, -- 0: no channel
    assignee_id BIGINT NOT NULL DEFAULT 0, -- 0: nobody
    n           BIGINT NOT NULL
);
INSERT INTO inbox_counts (reason, domain, channel_id, assignee_id, n)
    SELECT reason, domain, COALESCE(channel_id, 0), COALESCE(assignee_id, 0), count(*) FROM inbox_items
    WHERE status = 'open' GROUP BY reason, domain, COALESCE(channel_id, 0), COALESCE(assignee_id, 0);
-- +goose StatementBegin
CREATE TRIGGER inbox_counts_insert AFTER INSERT ON inbox_items WHEN new.status = 'open' BEGIN
    INSERT INTO inbox_counts (reason, domain, channel_id, assignee_id, n)
        VALUES (new.reason, new.domain, COALESCE(new.channel_id, 0), COALESCE(new.assignee_id, 0), 1);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER inbox_counts_delete AFTER DELETE ON inbox_items WHEN old.status = 'open' BEGIN
    INSERT INTO inbox_counts (reason, domain, channel_id, assignee_id, n)
        VALUES (old.reason, old.domain, COALESCE(old.channel_id, 0), COALESCE(old.assignee_id, 0), -1);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER inbox_counts_update AFTER UPDATE OF status, reason, domain, channel_id, assignee_id ON inbox_items
WHEN old.status IS NOT new.status OR old.reason IS NOT new.reason OR old.domain IS NOT new.domain
    OR old.channel_id IS NOT new.channel_id OR old.assignee_id IS NOT new.assignee_id
BEGIN
    INSERT INTO inbox_counts (reason, domain, channel_id, assignee_id, n)
        SELECT old.reason, old.domain, COALESCE(old.channel_id, 0), COALESCE(old.assignee_id, 0), -1 WHERE old.status = 'open';
    INSERT INTO inbox_counts (reason, domain, channel_id, assignee_id, n)
        SELECT new.reason, new.domain, COALESCE(new.channel_id, 0), COALESCE(new.assignee_id, 0), 1 WHERE new.status = 'open';
END;
-- +goose StatementEnd

-- A bulk decision over a whole filter, worked by a background job with visible progress.
CREATE TABLE inbox_bulk_runs (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    action        TEXT NOT NULL,                -- approve, reject
    reason        TEXT NOT NULL DEFAULT '',     -- why, for a rejection
    filter        TEXT NOT NULL DEFAULT '{}',   -- the list filter (JSON) the run works through
    max_item_id   BIGINT NOT NULL DEFAULT 0,    -- items that arrive after the confirmation are left alone
    last_item_id  BIGINT NOT NULL DEFAULT 0,    -- where a resumed run continues
    status        TEXT NOT NULL,                -- queued, running, succeeded, failed
    started_by    TEXT NOT NULL,
    started_by_id BIGINT REFERENCES users (id),
    total         BIGINT NOT NULL DEFAULT 0,
    decided       BIGINT NOT NULL DEFAULT 0,
    skipped       BIGINT NOT NULL DEFAULT 0,    -- decided by someone else first, or not theirs to decide
    failed        BIGINT NOT NULL DEFAULT 0,
    problems      TEXT NOT NULL DEFAULT '',     -- JSON list, the first few only
    error         TEXT NOT NULL DEFAULT '',
    queued_at     DATETIME NOT NULL,
    started_at    DATETIME,
    finished_at   DATETIME
);

-- +goose Down
DROP TABLE inbox_bulk_runs;
DROP TRIGGER inbox_counts_update;
DROP TRIGGER inbox_counts_delete;
DROP TRIGGER inbox_counts_insert;
DROP TABLE inbox_counts;
DROP TRIGGER inbox_items_fts_update;
DROP TRIGGER inbox_items_fts_delete;
DROP TRIGGER inbox_items_fts_insert;
DROP TABLE inbox_items_fts;
DROP INDEX inbox_items_decided;
DROP INDEX inbox_items_assignee;
DROP INDEX inbox_items_channel;
DROP INDEX inbox_items_domain;
DROP INDEX inbox_items_reason;
DROP INDEX inbox_items_waiting;
ALTER TABLE inbox_items DROP COLUMN search_text;
ALTER TABLE inbox_items DROP COLUMN edits;
ALTER TABLE inbox_items DROP COLUMN decision_note;
ALTER TABLE inbox_items DROP COLUMN decided_at;
ALTER TABLE inbox_items DROP COLUMN decided_by;
ALTER TABLE inbox_items DROP COLUMN decided_by_id;
ALTER TABLE inbox_items DROP COLUMN assignee_id;
