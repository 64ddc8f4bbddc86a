-- +goose Up
-- The sync engine: schedules per channel and object, the record of every run, the cursor
-- each pull resumes from, and every incoming change keyed so that a replay stores nothing new.
CREATE TABLE channel_schedules (
    id         BIGSERIAL PRIMARY KEY,
    channel_id BIGINT NOT NULL REFERENCES channels (id),
    object     TEXT NOT NULL,              -- products, customers, prices, stock
    cron       TEXT NOT NULL,
    enabled    BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    UNIQUE (channel_id, object)
);

CREATE TABLE sync_cursors (
    channel_id BIGINT NOT NULL REFERENCES channels (id),
    object     TEXT NOT NULL,
    cursor     TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (channel_id, object)
);

CREATE TABLE sync_runs (
    id          BIGSERIAL PRIMARY KEY,
    channel_id  BIGINT NOT NULL REFERENCES channels (id),
    kind        TEXT NOT NULL,             -- pull, import, publish, reconcile, scan
    object      TEXT NOT NULL,
    status      TEXT NOT NULL,             -- queued, running, succeeded, failed
    started_by  TEXT NOT NULL DEFAULT '', -- "schedule", a person's email, "command line"
    total       BIGINT NOT NULL DEFAULT 0, -- expected records, 0 when unknown
    read        BIGINT NOT NULL DEFAULT 0,
    created     BIGINT NOT NULL DEFAULT 0,
    updated     BIGINT NOT NULL DEFAULT 0,
    unchanged   BIGINT NOT NULL DEFAULT 0,
    held        BIGINT NOT NULL DEFAULT 0,
    failed      BIGINT NOT NULL DEFAULT 0,
    error       TEXT NOT NULL DEFAULT '',
    cursor_from TEXT NOT NULL DEFAULT '',
    cursor_to   TEXT NOT NULL DEFAULT '',
    queued_at   TIMESTAMPTZ NOT NULL,
    started_at  TIMESTAMPTZ,
    finished_at TIMESTAMPTZ,
    heartbeat_at TIMESTAMPTZ
);
CREATE INDEX sync_runs_recent ON sync_runs (id DESC);
CREATE INDEX sync_runs_channel ON sync_runs (channel_id, id DESC);

CREATE TABLE incoming_records (
    id            BIGSERIAL PRIMARY KEY,
    channel_id    BIGINT NOT NULL REFERENCES channels (id),
    object_type   TEXT NOT NULL,           -- product, customer, contact, address, price_rule, inventory
    external_id   TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    source_stamp  TEXT NOT NULL DEFAULT '', -- the source's own version (Odoo write_date)
    payload       TEXT NOT NULL,           -- the change mapped to the canonical model (JSON)
    source        TEXT NOT NULL DEFAULT '', -- the record as the source sent it (JSON)
    status        TEXT NOT NULL,           -- applied, unchanged, held, rejected, failed
    reasons       TEXT NOT NULL DEFAULT '', -- JSON list of plain-words reasons
    golden_id     BIGINT,
    sync_run_id   BIGINT REFERENCES sync_runs (id),
    created_at    TIMESTAMPTZ NOT NULL,
    UNIQUE (channel_id, object_type, external_id, content_hash)
);
CREATE INDEX incoming_records_external ON incoming_records (channel_id, object_type, external_id, id);
CREATE INDEX incoming_records_run ON incoming_records (sync_run_id, id);

ALTER TABLE inbox_items ADD COLUMN incoming_record_id BIGINT REFERENCES incoming_records (id);
ALTER TABLE inbox_items ADD COLUMN reasons TEXT NOT NULL DEFAULT '';
CREATE INDEX inbox_items_incoming ON inbox_items (incoming_record_id);

-- +goose Down
DROP INDEX inbox_items_incoming;
ALTER TABLE inbox_items DROP COLUMN reasons;
ALTER TABLE inbox_items DROP COLUMN incoming_record_id;
DROP TABLE incoming_records;
DROP TABLE sync_runs;
DROP TABLE sync_cursors;
DROP TABLE channel_schedules;
