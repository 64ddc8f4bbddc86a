-- +goose Up
-- Files people upload for import wait here until the import job reads them.
CREATE TABLE uploads (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id  BIGINT NOT NULL REFERENCES channels (id),
    object      TEXT NOT NULL,
    filename    TEXT NOT NULL,
    content     BLOB NOT NULL,
    uploaded_by TEXT NOT NULL,
    created_at  DATETIME NOT NULL
);
ALTER TABLE sync_runs ADD COLUMN problems TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE sync_runs DROP COLUMN problems;
DROP TABLE uploads;
