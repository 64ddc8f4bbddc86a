-- +goose Up
-- Merging duplicates: a merged golden record points at its survivor, every merge keeps a
-- snapshot of each row it touched (so unmerge restores them exactly) and of the same rows
-- just after (so unmerge can tell what changed since), and admins choose per attribute which
-- record's value survives. Twin of the other dialect's 00009_merges.sql.
ALTER TABLE customers ADD COLUMN merged_into_id BIGINT REFERENCES customers (id);
ALTER TABLE customers ADD COLUMN merged_at DATETIME;
ALTER TABLE products ADD COLUMN merged_into_id BIGINT REFERENCES products (id);
ALTER TABLE products ADD COLUMN merged_at DATETIME;
CREATE INDEX customers_merged_into ON customers (merged_into_id) WHERE merged_into_id IS NOT NULL;
CREATE INDEX products_merged_into ON products (merged_into_id) WHERE merged_into_id IS NOT NULL;

CREATE TABLE merges (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    domain           TEXT NOT NULL,               -- customer, product
    survivor_id      BIGINT NOT NULL,
    duplicate_id     BIGINT NOT NULL,
    candidate_id     BIGINT REFERENCES duplicate_candidates (id),
    status           TEXT NOT NULL,               -- merged, unmerged
    before_rows      TEXT NOT NULL,               -- JSON: every touched row as it was (models.RowSet)
    after_rows       TEXT NOT NULL,               -- JSON: the same rows just after the merge
    provenance       TEXT NOT NULL DEFAULT '[]',  -- JSON: per field, which record's value won and why
    writeback        TEXT NOT NULL DEFAULT '[]',  -- JSON: what each Odoo instance is to be sent
    survivor_version INTEGER NOT NULL,            -- the survivor's version the merge wrote
    merged_by_id     BIGINT REFERENCES users (id),
    merged_by        TEXT NOT NULL,
    merged_at        DATETIME NOT NULL,
    unmerged_by_id   BIGINT REFERENCES users (id),
    unmerged_by      TEXT NOT NULL DEFAULT '',
    unmerged_at      DATETIME,
    note             TEXT NOT NULL DEFAULT '',
    version          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX merges_recent ON merges (status, id);
CREATE INDEX merges_survivor ON merges (domain, survivor_id, id);
CREATE INDEX merges_duplicate ON merges (domain, duplicate_id, id);
CREATE INDEX merges_candidate ON merges (candidate_id);

-- Per domain and attribute: how the merged value is chosen (rules.Survive). A field
-- without a row takes the domain's default.
CREATE TABLE survivorship_rules (
    domain      TEXT NOT NULL,
    field       TEXT NOT NULL,
    strategy    TEXT NOT NULL,               -- trusted_source, most_recent, most_complete, longest, fixed
    sources     TEXT NOT NULL DEFAULT '',    -- channel names, most trusted first, comma-separated
    fixed_value TEXT NOT NULL DEFAULT '',
    updated_by  TEXT NOT NULL DEFAULT '',
    updated_at  DATETIME NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (domain, field)
);

-- +goose Down
DROP TABLE survivorship_rules;
DROP TABLE merges;
DROP INDEX products_merged_into;
DROP INDEX customers_merged_into;
ALTER TABLE products DROP COLUMN merged_at;
ALTER TABLE products DROP COLUMN merged_into_id;
ALTER TABLE customers DROP COLUMN merged_at;
ALTER TABLE customers DROP COLUMN merged_into_id;
