-- +goose Up
-- Blocking keys of golden records, so that an incoming customer or product finds the golden
-- records it may repeat with one indexed query instead of a scan. A full duplicate scan
-- rebuilds a domain's keys; ingestion adds the keys of the records it creates or changes.
CREATE TABLE match_keys (
    domain    TEXT NOT NULL,   -- customer, product
    key       TEXT NOT NULL,   -- match.BlockingKeys: "t:DE811907980", "w:keller", …
    golden_id BIGINT NOT NULL,
    PRIMARY KEY (domain, key, golden_id)
);
CREATE INDEX match_keys_golden ON match_keys (domain, golden_id);

-- +goose Down
DROP INDEX match_keys_golden;
DROP TABLE match_keys;
