-- +goose Up
-- Publishing golden records to channels. A publication row is one golden record version for
-- one channel; the River job that sends it is inserted in the same transaction. These columns
-- keep what a steward needs to repair a failure: the payload sent, the channel's own error
-- text and its class (for grouping), how often it was tried. Twin of the other dialect's
-- 00011_publications.sql.
ALTER TABLE publications ADD COLUMN error_class TEXT NOT NULL DEFAULT '';      -- publish.Class*: throttled, validation, …
ALTER TABLE publications ADD COLUMN error_detail TEXT NOT NULL DEFAULT '';     -- the channel's own words, verbatim
ALTER TABLE publications ADD COLUMN error_field TEXT NOT NULL DEFAULT '';      -- canonical field a validation error names
ALTER TABLE publications ADD COLUMN payload TEXT NOT NULL DEFAULT '';          -- what was (last) sent
ALTER TABLE publications ADD COLUMN payload_hash TEXT NOT NULL DEFAULT '';     -- sha256 of payload: unchanged payloads are skipped
ALTER TABLE publications ADD COLUMN external_id TEXT NOT NULL DEFAULT '';
ALTER TABLE publications ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE publications ADD COLUMN replays INTEGER NOT NULL DEFAULT 0;        -- manual retries; part of the idempotency key
ALTER TABLE publications ADD COLUMN replay_original BOOLEAN NOT NULL DEFAULT FALSE; -- send payload as stored, not re-rendered
ALTER TABLE publications ADD COLUMN skip_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE publications ADD COLUMN published_at DATETIME;
ALTER TABLE publications ADD COLUMN next_attempt_at DATETIME;
ALTER TABLE publications ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
-- status: pending, published, failed, skipped
CREATE INDEX publications_failed ON publications (status, channel_id, error_class, id);
CREATE INDEX publications_key ON publications (channel_id, object_type, golden_id, status, id);

-- Per channel: paused publishing and a rate limit (0 = none).
CREATE TABLE publication_settings (
    channel_id      BIGINT PRIMARY KEY REFERENCES channels (id),
    paused          BOOLEAN NOT NULL DEFAULT FALSE,
    paused_reason   TEXT NOT NULL DEFAULT '',
    rate_per_second REAL NOT NULL DEFAULT 0,
    updated_by      TEXT NOT NULL DEFAULT '',
    updated_at      DATETIME NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
);

-- Per channel and object type: the admins' field map and value maps (channelmap.Mapping JSON).
CREATE TABLE channel_mappings (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id  BIGINT NOT NULL REFERENCES channels (id),
    object_type TEXT NOT NULL,
    mapping     TEXT NOT NULL DEFAULT '{}',
    updated_by  TEXT NOT NULL DEFAULT '',
    created_at  DATETIME NOT NULL,
    updated_at  DATETIME NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    UNIQUE (channel_id, object_type)
);

-- +goose Down
DROP TABLE channel_mappings;
DROP TABLE publication_settings;
DROP INDEX publications_key;
DROP INDEX publications_failed;
ALTER TABLE publications DROP COLUMN version;
ALTER TABLE publications DROP COLUMN next_attempt_at;
ALTER TABLE publications DROP COLUMN published_at;
ALTER TABLE publications DROP COLUMN skip_reason;
ALTER TABLE publications DROP COLUMN replay_original;
ALTER TABLE publications DROP COLUMN replays;
ALTER TABLE publications DROP COLUMN attempts;
ALTER TABLE publications DROP COLUMN external_id;
ALTER TABLE publications DROP COLUMN payload_hash;
ALTER TABLE publications DROP COLUMN payload;
ALTER TABLE publications DROP COLUMN error_field;
ALTER TABLE publications DROP COLUMN error_detail;
ALTER TABLE publications DROP COLUMN error_class;
