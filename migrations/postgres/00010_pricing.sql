-- +goose Up
-- Pricing changes: what a proposal changes and why, who approved it, when it takes effect
-- and what became of it; the admins' pricing policy. Twin of
-- migrations/sqlite/00010_pricing.sql; keep them in step. Money columns are BIGINT in
-- ten-thousandths (models.Money); percentages are basis points (1500 = 15 %).
ALTER TABLE price_proposals ADD COLUMN kind TEXT NOT NULL DEFAULT 'list_price'; -- list_price, cost, price_rule
ALTER TABLE price_proposals ADD COLUMN product_id BIGINT REFERENCES products (id);
ALTER TABLE price_proposals ADD COLUMN price_list_id BIGINT REFERENCES price_lists (id);
ALTER TABLE price_proposals ADD COLUMN customer_id BIGINT REFERENCES customers (id);
ALTER TABLE price_proposals ADD COLUMN price_rule_id BIGINT REFERENCES price_rules (id);
ALTER TABLE price_proposals ADD COLUMN min_quantity DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE price_proposals ADD COLUMN valid_from DATE;
ALTER TABLE price_proposals ADD COLUMN valid_to DATE;
ALTER TABLE price_proposals ADD COLUMN price_key TEXT NOT NULL DEFAULT ''; -- the price it changes, for the conflict check
ALTER TABLE price_proposals ADD COLUMN currency TEXT NOT NULL DEFAULT '';
ALTER TABLE price_proposals ADD COLUMN has_old BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE price_proposals ADD COLUMN old_price BIGINT NOT NULL DEFAULT 0;
ALTER TABLE price_proposals ADD COLUMN new_price BIGINT NOT NULL DEFAULT 0;
ALTER TABLE price_proposals ADD COLUMN cost BIGINT NOT NULL DEFAULT 0;       -- cost the margin was judged on
ALTER TABLE price_proposals ADD COLUMN sell_price BIGINT NOT NULL DEFAULT 0; -- price a cost change was judged against
ALTER TABLE price_proposals ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE price_proposals ADD COLUMN policy_notes TEXT NOT NULL DEFAULT '';
ALTER TABLE price_proposals ADD COLUMN source TEXT NOT NULL DEFAULT 'ui';   -- ui, csv, adjust, sync
ALTER TABLE price_proposals ADD COLUMN source_channel_id BIGINT REFERENCES channels (id);
ALTER TABLE price_proposals ADD COLUMN external_id TEXT NOT NULL DEFAULT '';
ALTER TABLE price_proposals ADD COLUMN proposed_by_name TEXT NOT NULL DEFAULT '';
ALTER TABLE price_proposals ADD COLUMN approvals_needed INTEGER NOT NULL DEFAULT 1;
ALTER TABLE price_proposals ADD COLUMN requested_from TIMESTAMPTZ;
ALTER TABLE price_proposals ADD COLUMN effective_at TIMESTAMPTZ;
ALTER TABLE price_proposals ADD COLUMN expires_at TIMESTAMPTZ;
ALTER TABLE price_proposals ADD COLUMN decided_at TIMESTAMPTZ;
ALTER TABLE price_proposals ADD COLUMN decision_note TEXT NOT NULL DEFAULT '';
ALTER TABLE price_proposals ADD COLUMN rejected_by BIGINT REFERENCES users (id);
ALTER TABLE price_proposals ADD COLUMN applied_at TIMESTAMPTZ;
ALTER TABLE price_proposals ADD COLUMN odoo_ref TEXT NOT NULL DEFAULT '';   -- item Odoo created on write-back
ALTER TABLE price_proposals ADD COLUMN apply_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE price_proposals ADD COLUMN apply_error TEXT NOT NULL DEFAULT '';

-- The approval queue walks (status, id); the apply job probes (status, effective_at);
-- histories walk product and customer. One price has at most one open proposal (pending or
-- approved and waiting for its date): the conflict check, and this index where two people
-- propose at the same moment.
UPDATE price_proposals SET price_key = 'legacy:' || id WHERE price_key = '';
CREATE INDEX price_proposals_queue ON price_proposals (status, id);
CREATE UNIQUE INDEX price_proposals_open_key ON price_proposals (price_key) WHERE status IN ('pending', 'approved');
CREATE INDEX price_proposals_due ON price_proposals (status, effective_at);
CREATE INDEX price_proposals_product ON price_proposals (product_id, applied_at);
CREATE INDEX price_proposals_customer ON price_proposals (customer_id, applied_at) WHERE customer_id IS NOT NULL;

-- One row per approver: two approvals by the same person cannot exist.
CREATE TABLE price_approvals (
    id          BIGSERIAL PRIMARY KEY,
    proposal_id BIGINT NOT NULL REFERENCES price_proposals (id),
    user_id     BIGINT NOT NULL REFERENCES users (id),
    user_name   TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (proposal_id, user_id)
);

-- The pricing policy admins set at /admin/pricing: one row.
CREATE TABLE pricing_policies (
    id                     BIGINT PRIMARY KEY,
    margin_floor_bp        INTEGER NOT NULL DEFAULT 1000,
    auto_approve_max_bp    INTEGER NOT NULL DEFAULT 500,
    two_approvers_above_bp INTEGER NOT NULL DEFAULT 1500,
    effective_weekday      INTEGER NOT NULL DEFAULT 1,  -- 0 Sunday … 6 Saturday; -1 at once
    expiry_days            INTEGER NOT NULL DEFAULT 14, -- 0: never
    updated_at             TIMESTAMPTZ NOT NULL,
    version                INTEGER NOT NULL DEFAULT 1
);

-- +goose Down
DROP TABLE pricing_policies;
DROP TABLE price_approvals;
DROP INDEX price_proposals_customer;
DROP INDEX price_proposals_product;
DROP INDEX price_proposals_due;
DROP INDEX price_proposals_open_key;
DROP INDEX price_proposals_queue;
ALTER TABLE price_proposals DROP COLUMN apply_error;
ALTER TABLE price_proposals DROP COLUMN apply_attempts;
ALTER TABLE price_proposals DROP COLUMN odoo_ref;
ALTER TABLE price_proposals DROP COLUMN applied_at;
ALTER TABLE price_proposals DROP COLUMN rejected_by;
ALTER TABLE price_proposals DROP COLUMN decision_note;
ALTER TABLE price_proposals DROP COLUMN decided_at;
ALTER TABLE price_proposals DROP COLUMN expires_at;
ALTER TABLE price_proposals DROP COLUMN effective_at;
ALTER TABLE price_proposals DROP COLUMN requested_from;
ALTER TABLE price_proposals DROP COLUMN approvals_needed;
ALTER TABLE price_proposals DROP COLUMN proposed_by_name;
ALTER TABLE price_proposals DROP COLUMN external_id;
ALTER TABLE price_proposals DROP COLUMN source_channel_id;
ALTER TABLE price_proposals DROP COLUMN source;
ALTER TABLE price_proposals DROP COLUMN policy_notes;
ALTER TABLE price_proposals DROP COLUMN reason;
ALTER TABLE price_proposals DROP COLUMN sell_price;
ALTER TABLE price_proposals DROP COLUMN cost;
ALTER TABLE price_proposals DROP COLUMN new_price;
ALTER TABLE price_proposals DROP COLUMN old_price;
ALTER TABLE price_proposals DROP COLUMN has_old;
ALTER TABLE price_proposals DROP COLUMN currency;
ALTER TABLE price_proposals DROP COLUMN price_key;
ALTER TABLE price_proposals DROP COLUMN valid_to;
ALTER TABLE price_proposals DROP COLUMN valid_from;
ALTER TABLE price_proposals DROP COLUMN min_quantity;
ALTER TABLE price_proposals DROP COLUMN price_rule_id;
ALTER TABLE price_proposals DROP COLUMN customer_id;
ALTER TABLE price_proposals DROP COLUMN price_list_id;
ALTER TABLE price_proposals DROP COLUMN product_id;
ALTER TABLE price_proposals DROP COLUMN kind;
