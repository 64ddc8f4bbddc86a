package models

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"steward/migrations"
)

// Dialect names the SQL dialect behind a database.
type Dialect string

// The dialects Steward runs on.
const (
	Postgres Dialect = "postgres"
	SQLite   Dialect = "sqlite"
)

// DialectOf tells which dialect a database URL or path means: postgres:// and postgresql://
// URLs are PostgreSQL, anything else is a SQLite file path.
func DialectOf(dsn string) Dialect {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return Postgres
	}
	return SQLite
}

// Open connects to the database named by dsn. It does not migrate.
func Open(dsn string) (*gorm.DB, error) {
	cfg := &gorm.Config{
		Logger:  logger.Discard,
		NowFunc: func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) },
	}
	switch DialectOf(dsn) {
	case Postgres:
		pc, err := pgx.ParseConfig(dsn)
		if err != nil {
			return nil, fmt.Errorf("read PostgreSQL URL: %w", err)
		}
		// pgx caches prepared statements; after five runs PostgreSQL would switch them to a
		// generic plan, which cannot use the trigram index for LIKE $1 and scans the table.
		if _, set := pc.RuntimeParams["plan_cache_mode"]; !set {
			pc.RuntimeParams["plan_cache_mode"] = "force_custom_plan"
		}
		db, err := gorm.Open(postgres.New(postgres.Config{Conn: stdlib.OpenDB(*pc)}), cfg)
		if err != nil {
			return nil, fmt.Errorf("open PostgreSQL: %w", err)
		}
		return db, nil
	default:
		// Prepared statements are used only inside the transactions that ask for them
		// (Prepared): the cache's lock is held while a statement waits for a connection, so
		// with SQLite's one connection a statement prepared outside a transaction deadlocks
		// against a transaction that needs the cache (seen with four job queues at once).
		cfg.PrepareStmtMaxSize = 500
		db, err := gorm.Open(sqlite.Open(sqliteDSN(dsn)), cfg)
		if err != nil {
			return nil, fmt.Errorf("open SQLite file %s: %w", dsn, err)
		}
		sqlDB, err := db.DB()
		if err != nil {
			return nil, err
		}
		// One writer at a time is all SQLite allows; a single connection turns lock
		// contention into queueing instead of "database is locked" errors.
		sqlDB.SetMaxOpenConns(1)
		return db, nil
	}
}

func sqliteDSN(path string) string {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return path + sep + "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)"
}

// DialectOfDB tells which dialect an open database speaks.
func DialectOfDB(db *gorm.DB) Dialect {
	if db.Dialector.Name() == "postgres" {
		return Postgres
	}
	return SQLite
}

func provider(db *gorm.DB) (*goose.Provider, error) {
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	dialect := DialectOfDB(db)
	fsys, err := migrations.For(string(dialect))
	if err != nil {
		return nil, err
	}
	gd := goose.DialectSQLite3
	if dialect == Postgres {
		gd = goose.DialectPostgres
	}
	return goose.NewProvider(gd, sqlDB, fsys)
}

// Migrate applies every pending migration and returns the files it applied.
func Migrate(ctx context.Context, db *gorm.DB) ([]string, error) {
	p, err := provider(db)
	if err != nil {
		return nil, fmt.Errorf("prepare migrations: %w", err)
	}
	res, err := p.Up(ctx)
	var applied []string
	for _, r := range res {
		if r.Error == nil {
			applied = append(applied, r.Source.Path)
		}
	}
	if err != nil {
		return applied, fmt.Errorf("apply migrations: %w", err)
	}
	return applied, migrateQueue(ctx, db)
}

// MigrationState is one migration and whether it has been applied.
type MigrationState struct {
	Version   int64
	File      string
	Applied   bool
	AppliedAt time.Time
}

// MigrationStatus lists every known migration with its state.
func MigrationStatus(ctx context.Context, db *gorm.DB) ([]MigrationState, error) {
	p, err := provider(db)
	if err != nil {
		return nil, err
	}
	st, err := p.Status(ctx)
	if err != nil {
		return nil, fmt.Errorf("read migration status: %w", err)
	}
	out := make([]MigrationState, 0, len(st))
	for _, s := range st {
		out = append(out, MigrationState{
			Version:   s.Source.Version,
			File:      s.Source.Path,
			Applied:   s.State == goose.StateApplied,
			AppliedAt: s.AppliedAt,
		})
	}
	return out, nil
}

// ErrMigrationsPending means the schema is older than this binary.
var ErrMigrationsPending = errors.New("database migrations are pending")

// Ready checks that the database answers and its schema is current.
func Ready(ctx context.Context, db *gorm.DB) error {
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	if err := sqlDB.PingContext(ctx); err != nil {
		return fmt.Errorf("database unreachable: %w", err)
	}
	p, err := provider(db)
	if err != nil {
		return err
	}
	pending, err := p.HasPending(ctx)
	if err != nil {
		return fmt.Errorf("read migration status: %w", err)
	}
	if pending {
		return ErrMigrationsPending
	}
	return nil
}

// Close releases the database's connections.
func Close(db *gorm.DB) error {
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// isUniqueViolation reports a unique-constraint failure on either dialect.
func isUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "UNIQUE constraint failed") || strings.Contains(msg, "SQLSTATE 23505") || strings.Contains(msg, "duplicate key value")
}

// Prepared returns db with a cache of prepared statements for a hot transaction, such as
// a page of ingestion: SQLite then skips parsing every statement, which made ingestion
// about a third faster. Statements are prepared on the transaction's own connection, so
// the cache never waits for the pool. PostgreSQL's driver caches statements itself.
func Prepared(db *gorm.DB) *gorm.DB {
	if DialectOfDB(db) != SQLite {
		return db
	}
	return db.Session(&gorm.Session{PrepareStmt: true})
}
