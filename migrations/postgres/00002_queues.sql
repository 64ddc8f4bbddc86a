-- +goose Up
-- The queues people work. Each later feature (inbox, duplicates, pricing, publications)
-- extends its own table; the dashboard reads their open items and oldest age.
CREATE TABLE inbox_items (
    id          BIGSERIAL PRIMARY KEY,
    domain      TEXT NOT NULL,            -- product, customer, price, inventory
    reason      TEXT NOT NULL,            -- validation, ownership, duplicate, pricing, drift
    status      TEXT NOT NULL DEFAULT 'open',
    channel_id  BIGINT REFERENCES channels (id),
    external_id TEXT NOT NULL DEFAULT '',
    golden_id   BIGINT,
    summary     TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX inbox_items_open ON inbox_items (status, created_at, id);

CREATE TABLE duplicate_candidates (
    id         BIGSERIAL PRIMARY KEY,
    domain     TEXT NOT NULL,
    left_id    BIGINT NOT NULL,
    right_id   BIGINT NOT NULL,
    score      DOUBLE PRECISION NOT NULL,
    status     TEXT NOT NULL DEFAULT 'open',
    summary    TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    UNIQUE (domain, left_id, right_id)
);
CREATE INDEX duplicate_candidates_open ON duplicate_candidates (status, created_at, id);

CREATE TABLE price_proposals (
    id          BIGSERIAL PRIMARY KEY,
    status      TEXT NOT NULL DEFAULT 'pending',
    summary     TEXT NOT NULL DEFAULT '',
    proposed_by BIGINT REFERENCES users (id),
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX price_proposals_status ON price_proposals (status, created_at, id);

CREATE TABLE publications (
    id             BIGSERIAL PRIMARY KEY,
    channel_id     BIGINT NOT NULL REFERENCES channels (id),
    object_type    TEXT NOT NULL,
    golden_id      BIGINT NOT NULL,
    golden_version INTEGER NOT NULL,
    status         TEXT NOT NULL DEFAULT 'pending',
    error          TEXT NOT NULL DEFAULT '',
    summary        TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX publications_status ON publications (status, created_at, id);
CREATE INDEX publications_object ON publications (object_type, golden_id, channel_id);

-- +goose Down
DROP TABLE publications;
DROP TABLE price_proposals;
DROP TABLE duplicate_candidates;
DROP TABLE inbox_items;
