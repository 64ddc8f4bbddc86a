-- +goose Up
-- The steward inbox: who an item is assigned to, who decided it, when and how, the steward's
-- fixes kept apart from what the source sent, and the indexes that keep the list fast at
-- 100k waiting items. Twin of migrations/sqlite/00007_inbox.sql; keep them in step.
ALTER TABLE inbox_items ADD COLUMN assignee_id BIGINT REFERENCES users (id);
ALTER TABLE inbox_items ADD COLUMN decided_by_id BIGINT REFERENCES users (id);
ALTER TABLE inbox_items ADD COLUMN decided_by TEXT NOT NULL DEFAULT '';
ALTER TABLE inbox_items ADD COLUMN decided_at TIMESTAMPTZ;
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
-- Substring search over the summary and the external id, as for products (00001).
CREATE INDEX inbox_items_search ON inbox_items USING gin (search_text gin_trgm_ops);

-- How many items wait, by reason, domain, channel and assignee, for the
-- reason tabs and the dashboard without counting 100k rows on every page: triggers append
-- +1 or -1 rows (appending takes no lock a concurrent writer would wait on, where updating
-- one counter row would serialise, even deadlock, concurrent ingestion and decisions), the
-- tabs sum them, and a periodic job folds them together (models.CompactInboxCounts).
CREATE TABLE inbox_counts (
    id          BIGSERIAL PRIMARY KEY,
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
CREATE FUNCTION inbox_counts_track() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'open' THEN
        INSERT INTO inbox_counts (reason, domain, channel_id, assignee_id, n)
            VALUES (OLD.reason, OLD.domain, COALESCE(OLD.channel_id, 0), COALESCE(OLD.assignee_id, 0), -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.status = 'open' THEN
        INSERT INTO inbox_counts (reason, domain, channel_id, assignee_id, n)
            VALUES (NEW.reason, NEW.domain, COALESCE(NEW.channel_id, 0), COALESCE(NEW.assignee_id, 0), 1);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
CREATE TRIGGER inbox_counts_insert_delete AFTER INSERT OR DELETE ON inbox_items
    FOR EACH ROW EXECUTE FUNCTION inbox_counts_track();
CREATE TRIGGER inbox_counts_update AFTER UPDATE OF status, reason, domain, channel_id, assignee_id ON inbox_items
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.reason IS DISTINCT FROM NEW.reason
        OR OLD.domain IS DISTINCT FROM NEW.domain OR OLD.channel_id IS DISTINCT FROM NEW.channel_id
        OR OLD.assignee_id IS DISTINCT FROM NEW.assignee_id)
    EXECUTE FUNCTION inbox_counts_track();

-- A bulk decision over a whole filter, worked by a background job with visible progress.
CREATE TABLE inbox_bulk_runs (
    id            BIGSERIAL PRIMARY KEY,
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
    queued_at     TIMESTAMPTZ NOT NULL,
    started_at    TIMESTAMPTZ,
    finished_at   TIMESTAMPTZ
);

-- +goose Down
DROP TABLE inbox_bulk_runs;
DROP TRIGGER inbox_counts_update ON inbox_items;
DROP TRIGGER inbox_counts_insert_delete ON inbox_items;
DROP FUNCTION inbox_counts_track();
DROP TABLE inbox_counts;
DROP INDEX inbox_items_search;
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
