package models

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"gorm.io/gorm"
)

// QueueDriver returns the River driver for a database, sharing GORM's connection pool, so
// that jobs can be enqueued in the same transaction as the change that causes them.
func QueueDriver(db *gorm.DB) (riverdriver.Driver[*sql.Tx], error) {
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	if DialectOfDB(db) == Postgres {
		return riverdatabasesql.New(sqlDB), nil
	}
	return riversqlite.New(sqlDB), nil
}

// migrateQueue applies River's own migrations, which keep its job tables current.
func migrateQueue(ctx context.Context, db *gorm.DB) error {
	driver, err := QueueDriver(db)
	if err != nil {
		return err
	}
	m, err := rivermigrate.New(driver, nil)
	if err != nil {
		return fmt.Errorf("prepare job queue migrations: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("apply job queue migrations: %w", err)
	}
	return nil
}

// SQLTx returns the database/sql transaction under a GORM transaction, for River's InsertTx.
func SQLTx(tx *gorm.DB) (*sql.Tx, error) {
	switch p := tx.Statement.ConnPool.(type) {
	case *sql.Tx:
		return p, nil
	case *gorm.PreparedStmtTX:
		if t, ok := p.Tx.(*sql.Tx); ok {
			return t, nil
		}
	}
	return nil, fmt.Errorf("not inside a database transaction (%T)", tx.Statement.ConnPool)
}
