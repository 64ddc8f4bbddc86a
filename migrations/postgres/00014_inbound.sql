-- +goose Up
-- Inbound channel traffic and reconciliation: API tokens for portals and CRMs, the webhook
-- deliveries already received (so a redelivery is dropped), and drift found by comparing a
-- channel's records with golden data. Twin of migrations/sqlite/00014_inbound.sql; keep them
-- in step.

-- Only the SHA-256 of a token is kept: a copy of the database cannot call the API.
CREATE TABLE api_tokens (
    id            BIGSERIAL PRIMARY KEY,
    name          TEXT NOT NULL,
    channel_id    BIGINT NOT NULL REFERENCES channels (id), -- records sent with it come from this channel
    token_hash    TEXT NOT NULL,
    prefix        TEXT NOT NULL,                 -- first characters, to tell tokens apart in the list
    scopes        TEXT NOT NULL,                 -- space-separated: incoming:customers incoming:products
    created_by    TEXT NOT NULL,
    created_by_id BIGINT REFERENCES users (id),
    created_at    TIMESTAMPTZ NOT NULL,
    last_used_at  TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ,
    revoked_by    TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX api_tokens_hash ON api_tokens (token_hash);
CREATE INDEX api_tokens_list ON api_tokens (id);

-- The unique index is what drops a redelivery, even when two arrive at the same moment.
CREATE TABLE webhook_deliveries (
    id          BIGSERIAL PRIMARY KEY,
    channel_id  BIGINT NOT NULL REFERENCES channels (id),
    delivery_id TEXT NOT NULL,
    topic       TEXT NOT NULL,
    records     INTEGER NOT NULL DEFAULT 0,
    received_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX webhook_deliveries_once ON webhook_deliveries (channel_id, delivery_id);
CREATE INDEX webhook_deliveries_received ON webhook_deliveries (received_at);

-- One row per channel record and field that differs (kind differs), per golden record the
-- channel should hold but lacks (missing), per channel record Steward does not know
-- (unknown). record_key is the external id, or golden:<id> for a missing record.
CREATE TABLE drift_items (
    id              BIGSERIAL PRIMARY KEY,
    channel_id      BIGINT NOT NULL REFERENCES channels (id),
    object_type     TEXT NOT NULL,
    record_key      TEXT NOT NULL,
    external_id     TEXT NOT NULL DEFAULT '',
    golden_id       BIGINT,
    kind            TEXT NOT NULL,
    field           TEXT NOT NULL DEFAULT '',
    golden_value    TEXT NOT NULL DEFAULT '',
    channel_value   TEXT NOT NULL DEFAULT '',
    channel_record  TEXT NOT NULL DEFAULT '',   -- the channel's record in the canonical model (JSON), to accept it
    summary         TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL,              -- open, resolved
    resolution      TEXT NOT NULL DEFAULT '',
    resolved_by     TEXT NOT NULL DEFAULT '',
    resolved_at     TIMESTAMPTZ,
    run_id          BIGINT,
    found_at        TIMESTAMPTZ NOT NULL,
    seen_at         TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX drift_items_once ON drift_items (channel_id, object_type, record_key, field);
CREATE INDEX drift_items_waiting ON drift_items (status, id);
CREATE INDEX drift_items_open ON drift_items (status, channel_id, field, id);
CREATE INDEX drift_items_run ON drift_items (channel_id, object_type, status, run_id);

-- +goose Down
DROP TABLE drift_items;
DROP TABLE webhook_deliveries;
DROP TABLE api_tokens;
