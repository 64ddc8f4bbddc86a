-- +goose Up
-- Ownership rules and validation gates, configured by admins at /admin/ownership and
-- /admin/validation. The PostgreSQL twin is migrations/postgres/00005_rules.sql; keep them in step.
CREATE TABLE ownership_rules (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    domain     TEXT NOT NULL,
    attribute  TEXT NOT NULL, -- a canonical field name, or '*' for every attribute
    owner      TEXT NOT NULL DEFAULT '', -- a channel kind, 'steward', or '' for nobody
    policy     TEXT NOT NULL CHECK (policy IN ('reject', 'hold', 'accept')),
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);
-- One rule per attribute: "the most specific rule wins" needs no tie-break.
CREATE UNIQUE INDEX ownership_rules_attribute ON ownership_rules (domain, attribute);

CREATE TABLE validation_gates (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    domain     TEXT NOT NULL,
    channel    TEXT NOT NULL DEFAULT '', -- a channel kind; '' applies to every record
    kind       TEXT NOT NULL CHECK (kind IN ('required', 'format', 'allowed', 'range', 'expression')),
    field      TEXT NOT NULL DEFAULT '',
    format     TEXT NOT NULL DEFAULT '',
    allowed    TEXT NOT NULL DEFAULT '[]', -- JSON array of values
    min_value  REAL,
    max_value  REAL,
    expression TEXT NOT NULL DEFAULT '',
    severity   TEXT NOT NULL CHECK (severity IN ('block', 'warn')),
    message    TEXT NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX validation_gates_domain ON validation_gates (domain, channel, id);

-- +goose Down
DROP TABLE validation_gates;
DROP TABLE ownership_rules;
