-- +goose Up
-- SQLite twin of migrations/postgres/00001_platform.sql; keep them in step.
-- Money columns are BIGINT in ten-thousandths of the currency unit (models.Money):
-- exact, sortable, and wide enough for four-decimal unit prices.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    email         TEXT NOT NULL,
    name          TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    active        BOOLEAN NOT NULL DEFAULT 1,
    last_login_at DATETIME,
    created_at    DATETIME NOT NULL,
    updated_at    DATETIME NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX users_email ON users (lower(email));

CREATE TABLE sessions (
    id           TEXT PRIMARY KEY, -- SHA-256 of the cookie value, never the value itself
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token   TEXT NOT NULL,
    ip           TEXT NOT NULL DEFAULT '',
    user_agent   TEXT NOT NULL DEFAULT '',
    created_at   DATETIME NOT NULL,
    last_seen_at DATETIME NOT NULL,
    expires_at   DATETIME NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE login_failures (
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    ip    TEXT NOT NULL,
    at    DATETIME NOT NULL
);
CREATE INDEX login_failures_email ON login_failures (email, at);
CREATE INDEX login_failures_ip ON login_failures (ip, at);

CREATE TABLE casbin_rule (
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    ptype TEXT NOT NULL DEFAULT '',
    v0    TEXT NOT NULL DEFAULT '',
    v1    TEXT NOT NULL DEFAULT '',
    v2    TEXT NOT NULL DEFAULT '',
    v3    TEXT NOT NULL DEFAULT '',
    v4    TEXT NOT NULL DEFAULT '',
    v5    TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX idx_casbin_rule ON casbin_rule (ptype, v0, v1, v2, v3, v4, v5);

CREATE TABLE audit_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          DATETIME NOT NULL,
    actor_id    BIGINT,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    object_type TEXT NOT NULL DEFAULT '',
    object_id   TEXT NOT NULL DEFAULT '',
    before      TEXT NOT NULL DEFAULT '',
    after       TEXT NOT NULL DEFAULT '',
    reason      TEXT NOT NULL DEFAULT '',
    request_id  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_object ON audit_events (object_type, object_id, id);
CREATE INDEX audit_events_actor ON audit_events (actor_id, id);
CREATE INDEX audit_events_action ON audit_events (action, id);

-- The audit trail is append-only: the database refuses to rewrite history.
-- +goose StatementBegin
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;
-- +goose StatementEnd

CREATE TABLE channels (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL,
    direction   TEXT NOT NULL,
    base_url    TEXT NOT NULL DEFAULT '',
    public      BOOLEAN NOT NULL DEFAULT 0,
    settings    TEXT NOT NULL DEFAULT '{}',
    active      BOOLEAN NOT NULL DEFAULT 1,
    created_at  DATETIME NOT NULL,
    updated_at  DATETIME NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE price_lists (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL UNIQUE,
    currency   TEXT NOT NULL,
    active     BOOLEAN NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE products (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    sku              TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    description      TEXT NOT NULL DEFAULT '',
    category         TEXT NOT NULL DEFAULT '',
    brand            TEXT NOT NULL DEFAULT '',
    uom              TEXT NOT NULL DEFAULT 'EA',
    barcode          TEXT NOT NULL DEFAULT '',
    weight_kg        REAL,
    length_cm        REAL,
    width_cm         REAL,
    height_cm        REAL,
    hs_code          TEXT NOT NULL DEFAULT '',
    tax_class        TEXT NOT NULL DEFAULT '',
    list_price       BIGINT NOT NULL DEFAULT 0,
    cost             BIGINT NOT NULL DEFAULT 0,
    currency         TEXT NOT NULL,
    lifecycle_status TEXT NOT NULL DEFAULT 'active',
    active           BOOLEAN NOT NULL DEFAULT 1,
    search_text      TEXT NOT NULL DEFAULT '',
    created_at       DATETIME NOT NULL,
    updated_at       DATETIME NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX products_name ON products (name, id);
CREATE INDEX products_category ON products (category, name, id);
CREATE INDEX products_brand ON products (brand, name, id);
CREATE INDEX products_barcode ON products (barcode) WHERE barcode <> '';

CREATE TABLE customers (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    name          TEXT NOT NULL,
    legal_name    TEXT NOT NULL DEFAULT '',
    tax_id        TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    website       TEXT NOT NULL DEFAULT '',
    payment_terms TEXT NOT NULL DEFAULT '',
    credit_limit  BIGINT NOT NULL DEFAULT 0,
    currency      TEXT NOT NULL,
    country       TEXT NOT NULL DEFAULT '',
    price_list_id BIGINT REFERENCES price_lists (id),
    parent_id     BIGINT REFERENCES customers (id),
    active        BOOLEAN NOT NULL DEFAULT 1,
    search_text   TEXT NOT NULL DEFAULT '',
    created_at    DATETIME NOT NULL,
    updated_at    DATETIME NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX customers_name ON customers (name, id);
CREATE INDEX customers_country ON customers (country, name, id);
CREATE INDEX customers_price_list ON customers (price_list_id, name, id);
CREATE INDEX customers_parent ON customers (parent_id);
CREATE INDEX customers_tax_id ON customers (tax_id) WHERE tax_id <> '';

CREATE TABLE addresses (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    parent_id   BIGINT REFERENCES addresses (id),
    kind        TEXT NOT NULL, -- billing, delivery, ship_to
    label       TEXT NOT NULL DEFAULT '',
    street      TEXT NOT NULL DEFAULT '',
    street2     TEXT NOT NULL DEFAULT '',
    city        TEXT NOT NULL DEFAULT '',
    postcode    TEXT NOT NULL DEFAULT '',
    state       TEXT NOT NULL DEFAULT '',
    country     TEXT NOT NULL DEFAULT '',
    created_at  DATETIME NOT NULL,
    updated_at  DATETIME NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX addresses_customer ON addresses (customer_id, kind);

CREATE TABLE contacts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    name        TEXT NOT NULL,
    job_title   TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    created_at  DATETIME NOT NULL,
    updated_at  DATETIME NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX contacts_customer ON contacts (customer_id);

CREATE TABLE price_rules (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    price_list_id BIGINT NOT NULL REFERENCES price_lists (id),
    product_id    BIGINT NOT NULL REFERENCES products (id),
    customer_id   BIGINT REFERENCES customers (id),
    min_quantity  REAL NOT NULL DEFAULT 0,
    price         BIGINT NOT NULL,
    valid_from    DATE,
    valid_to      DATE,
    created_at    DATETIME NOT NULL,
    updated_at    DATETIME NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX price_rules_product ON price_rules (product_id, price_list_id);
CREATE INDEX price_rules_customer ON price_rules (customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX price_rules_list ON price_rules (price_list_id, id);

CREATE TABLE locations (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    code       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE inventory_levels (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    product_id  BIGINT NOT NULL REFERENCES products (id),
    location_id BIGINT NOT NULL REFERENCES locations (id),
    on_hand     REAL NOT NULL DEFAULT 0,
    reserved    REAL NOT NULL DEFAULT 0,
    created_at  DATETIME NOT NULL,
    updated_at  DATETIME NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    UNIQUE (product_id, location_id)
);

CREATE TABLE external_refs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id  BIGINT NOT NULL REFERENCES channels (id),
    object_type TEXT NOT NULL,
    external_id TEXT NOT NULL,
    golden_id   BIGINT NOT NULL,
    created_at  DATETIME NOT NULL,
    UNIQUE (channel_id, object_type, external_id),
    UNIQUE (channel_id, object_type, golden_id)
);
CREATE INDEX external_refs_golden ON external_refs (object_type, golden_id);

-- +goose Down
DROP TABLE external_refs;
DROP TABLE inventory_levels;
DROP TABLE locations;
DROP TABLE price_rules;
DROP TABLE contacts;
DROP TABLE addresses;
DROP TABLE customers;
DROP TABLE products;
DROP TABLE price_lists;
DROP TABLE channels;
DROP TRIGGER audit_events_no_update;
DROP TRIGGER audit_events_no_delete;
DROP TABLE audit_events;
DROP TABLE casbin_rule;
DROP TABLE login_failures;
DROP TABLE sessions;
DROP TABLE users;
