-- +goose Up
-- Files people upload for import wait here until the import job reads them.
CREATE TABLE uploads (
    id          BIGSERIAL PRIMARY KEY,
    channel_id  BIGINT NOT NULL REFERENCES channels (id),
    object      TEXT NOT NULL,
    filename    TEXT NOT NULL,
    content     BYTEA NOT NULL,
    uploaded_by TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
ALTER TABLE sync_runs ADD COLUMN problems TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE sync_runs DROP COLUMN problems;
DROP TABLE uploads;
