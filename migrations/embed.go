// Package migrations holds the versioned schema, one folder per SQL dialect, embedded in the
// binary so that `steward serve` and `steward migrate` need no files beside it.
package migrations

import (
	"embed"
	"io/fs"
)

//go:embed postgres/*.sql sqlite/*.sql
var files embed.FS

// For returns the migrations of one dialect ("postgres" or "sqlite").
func For(dialect string) (fs.FS, error) {
	return fs.Sub(files, dialect)
}
