package main

import (
	"context"
	"database/sql"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"gorm.io/gorm"

	"steward/models"
)

// exporters write one kind of golden record as CSV and return how many rows they wrote.
var exporters = map[string]func(tx *gorm.DB, w *csv.Writer) (int, error){
	"products":  exportProducts,
	"customers": exportCustomers,
}

func exportCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := dbFlag(fs)
	out := fs.String("out", "", "the CSV file to write, or - for standard output")
	action, args := splitAction(args)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if action == "" && fs.NArg() > 0 {
		// The action came after some flags; flags may follow it too.
		action = fs.Arg(0)
		if err := fs.Parse(fs.Args()[1:]); err != nil {
			return err
		}
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("export: unexpected argument %q", fs.Arg(0))
	}
	export, ok := exporters[action]
	switch {
	case action == "":
		return fmt.Errorf("export needs to know what to export: products or customers")
	case !ok:
		return fmt.Errorf("unknown export %q: use products or customers", action)
	case *out == "":
		return fmt.Errorf("export %s: --out is required (a CSV file, or - for standard output)", action)
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer models.Close(db)

	var n int
	write := func(w io.Writer) error {
		cw := csv.NewWriter(w)
		err := readSnapshot(ctx, db, func(tx *gorm.DB) error {
			var err error
			n, err = export(tx, cw)
			return err
		})
		if err != nil {
			return err
		}
		cw.Flush()
		return cw.Error()
	}
	report := stdout
	if *out == "-" {
		report = stderr // stdout carries the data
		err = write(stdout)
	} else {
		err = writeFileAtomically(*out, write)
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", action, err)
	}
	noun := action
	if n == 1 {
		noun = noun[:len(noun)-1]
	}
	fmt.Fprintf(report, "Exported %d %s to %s\n", n, noun, *out)
	return nil
}

// readSnapshot runs fn in a read-only transaction, so a long export reads one consistent
// state of the database while others keep writing.
func readSnapshot(ctx context.Context, db *gorm.DB, fn func(tx *gorm.DB) error) error {
	var opts *sql.TxOptions
	if models.DialectOfDB(db) == models.Postgres {
		opts = &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	} // SQLite's WAL mode gives each transaction a snapshot on its first read anyway.
	return db.WithContext(ctx).Transaction(fn, opts)
}

// writeFileAtomically writes to a temporary file in the target's folder and renames it
// over the target only once everything is written, so a failed export never leaves half
// a file behind, nor destroys the previous one.
func writeFileAtomically(path string, write func(io.Writer) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = write(f); err != nil {
		return err
	}
	// CreateTemp makes the file private; an export is a plain file like any other.
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
