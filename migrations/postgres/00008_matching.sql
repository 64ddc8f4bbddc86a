-- +goose Up
-- Duplicate matching: what each candidate pair is (band, explanation, where it was found),
-- the cluster it belongs to, who decided it, and the fingerprints that let "not a duplicate"
-- be remembered until a matching field changes materially. Settings per domain (thresholds,
-- automatic merge, scan schedule). Twin of the other dialect's 00008_matching.sql.
ALTER TABLE duplicate_candidates ADD COLUMN band TEXT NOT NULL DEFAULT 'review';      -- review, match
ALTER TABLE duplicate_candidates ADD COLUMN explanation TEXT NOT NULL DEFAULT '';      -- JSON: match.Explanation
ALTER TABLE duplicate_candidates ADD COLUMN source TEXT NOT NULL DEFAULT 'scan';      -- scan, or the channel name of an incoming record
ALTER TABLE duplicate_candidates ADD COLUMN cluster_id BIGINT NOT NULL DEFAULT 0;      -- smallest candidate id of its connected group
ALTER TABLE duplicate_candidates ADD COLUMN left_fingerprint TEXT NOT NULL DEFAULT ''; -- hash of the matching fields when found/decided
ALTER TABLE duplicate_candidates ADD COLUMN right_fingerprint TEXT NOT NULL DEFAULT '';
ALTER TABLE duplicate_candidates ADD COLUMN decided_by_id BIGINT REFERENCES users (id);
ALTER TABLE duplicate_candidates ADD COLUMN decided_at TIMESTAMPTZ;
ALTER TABLE duplicate_candidates ADD COLUMN decision_note TEXT NOT NULL DEFAULT '';
-- status: open, merged, dismissed (not a duplicate), resolved (one side gone or merged elsewhere)
CREATE INDEX duplicate_candidates_queue ON duplicate_candidates (status, domain, score DESC, id);
CREATE INDEX duplicate_candidates_cluster ON duplicate_candidates (status, domain, cluster_id, id);
CREATE INDEX duplicate_candidates_right ON duplicate_candidates (domain, right_id);

CREATE TABLE match_settings (
    domain         TEXT PRIMARY KEY,               -- customer, product
    match_threshold DOUBLE PRECISION NOT NULL,
    review_threshold DOUBLE PRECISION NOT NULL,
    auto_merge     BOOLEAN NOT NULL DEFAULT FALSE, -- merge two golden records above match without a person
    scan_cron      TEXT NOT NULL DEFAULT '',       -- empty: no scheduled scan
    updated_by     TEXT NOT NULL DEFAULT '',
    updated_at     TIMESTAMPTZ NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
);

-- +goose Down
DROP TABLE match_settings;
DROP INDEX duplicate_candidates_right;
DROP INDEX duplicate_candidates_cluster;
DROP INDEX duplicate_candidates_queue;
ALTER TABLE duplicate_candidates DROP COLUMN decision_note;
ALTER TABLE duplicate_candidates DROP COLUMN decided_at;
ALTER TABLE duplicate_candidates DROP COLUMN decided_by_id;
ALTER TABLE duplicate_candidates DROP COLUMN right_fingerprint;
ALTER TABLE duplicate_candidates DROP COLUMN left_fingerprint;
ALTER TABLE duplicate_candidates DROP COLUMN cluster_id;
ALTER TABLE duplicate_candidates DROP COLUMN source;
ALTER TABLE duplicate_candidates DROP COLUMN explanation;
ALTER TABLE duplicate_candidates DROP COLUMN band;
