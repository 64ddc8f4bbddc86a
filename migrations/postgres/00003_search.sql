-- +goose Up
-- The SQLite twin adds FTS5 trigram indexes here; PostgreSQL already searches through the
-- pg_trgm GIN indexes of 00001. This file keeps both dialects on the same version numbers.
SELECT 1;

-- +goose Down
SELECT 1;
