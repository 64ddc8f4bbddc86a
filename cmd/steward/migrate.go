package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"steward/models"
)

func migrateCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := dbFlag(fs)
	action, args := splitAction(args)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if action == "" {
		action = fs.Arg(0)
	}
	if action == "" {
		action = "up"
	}
	db, err := models.Open(*dsn)
	if err != nil {
		return err
	}
	defer models.Close(db)
	switch action {
	case "up":
		applied, err := models.Migrate(ctx, db)
		for _, f := range applied {
			fmt.Fprintf(stdout, "applied %s\n", f)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%d migrations applied; the schema is current.\n", len(applied))
		return nil
	case "status":
		st, err := models.MigrationStatus(ctx, db)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "VERSION\tFILE\tSTATE\tAPPLIED AT")
		for _, m := range st {
			state, at := "pending", ""
			if m.Applied {
				state, at = "applied", m.AppliedAt.UTC().Format("2006-01-02 15:04:05 UTC")
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", m.Version, m.File, state, at)
		}
		return tw.Flush()
	}
	return fmt.Errorf("unknown migrate action %q: use up or status", action)
}
