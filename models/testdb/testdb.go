// Package testdb gives tests a fresh, migrated database built from the real migrations:
// SQLite always, PostgreSQL when STEWARD_TEST_POSTGRES_URL names a server (CI sets it).
package testdb

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"gorm.io/gorm"

	"steward/models"
)

// PostgresEnv names the variable holding the PostgreSQL server URL for tests.
const PostgresEnv = "STEWARD_TEST_POSTGRES_URL"

// Each runs fn once per available dialect, as subtests named "sqlite" and "postgres".
func Each(t *testing.T, fn func(t *testing.T, db *gorm.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	if os.Getenv(PostgresEnv) == "" {
		t.Log("PostgreSQL not tested: " + PostgresEnv + " is not set")
		return
	}
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
}

// SQLite returns a migrated database in a file of the test's temporary folder.
func SQLite(t testing.TB) *gorm.DB {
	t.Helper()
	return open(t, filepath.Join(t.TempDir(), "steward.db"))
}

// Postgres returns a migrated database in a schema of its own, dropped when the test ends.
// Without STEWARD_TEST_POSTGRES_URL the test is skipped.
func Postgres(t testing.TB) *gorm.DB {
	t.Helper()
	return open(t, PostgresDSN(t))
}

// PostgresDSN returns the URL of an empty schema of its own, dropped when the test ends, for
// tests that start another process on it. Without STEWARD_TEST_POSTGRES_URL the test is
// skipped.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		t.Skip(PostgresEnv + " is not set")
	}
	admin, err := models.Open(base)
	if err != nil {
		t.Fatalf("connect to PostgreSQL: %v", err)
	}
	defer models.Close(admin)
	// Extensions are per database: install pg_trgm once in public, where every test schema
	// finds it, rather than inside a schema that is dropped after the test.
	if err := admin.Exec("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public").Error; err != nil {
		if err2 := admin.Exec("SELECT 'x'::text % 'x'").Error; err2 != nil {
			t.Fatalf("install pg_trgm: %v", err)
		}
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	if err := admin.Exec("CREATE SCHEMA " + schema).Error; err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if a, err := models.Open(base); err == nil {
			a.Exec("DROP SCHEMA " + schema + " CASCADE")
			models.Close(a)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema+",public")
	u.RawQuery = q.Encode()
	return u.String()
}

// open connects to dsn and applies the real migrations.
func open(t testing.TB, dsn string) *gorm.DB {
	t.Helper()
	db, err := models.Open(dsn)
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(func() { models.Close(db) })
	if _, err := models.Migrate(context.Background(), db); err != nil {
		t.Fatalf("migrate test database: %v", err)
	}
	return db
}
