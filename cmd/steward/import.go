package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"steward/jobs"
	"steward/models"
)

func importCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := dbFlag(fs)
	in := fs.String("in", "", "the CSV file to read (- for stdin)")
	source := fs.String("source", "", "the name of the source the file comes from, e.g. \"Supplier price file\"")
	object, args := splitAction(args)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if object == "" {
		object = fs.Arg(0)
	}
	if object != models.SyncProducts && object != models.SyncCustomers {
		return fmt.Errorf("import needs what to import: products or customers")
	}
	if *in == "" || strings.TrimSpace(*source) == "" {
		return fmt.Errorf("import needs --in FILE and --source NAME")
	}
	var file io.Reader = os.Stdin
	if *in != "-" {
		f, err := os.Open(*in)
		if err != nil {
			return fmt.Errorf("open %s: %w", *in, err)
		}
		defer f.Close()
		file = f
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer models.Close(db)
	ch, err := models.SourceChannel(db, strings.TrimSpace(*source), models.ChannelCSV)
	if err != nil {
		return err
	}
	run := models.SyncRun{ChannelID: ch.ID, Kind: "import", Object: object, StartedBy: "command line"}
	if err := models.CreateRun(db, &run); err != nil {
		return err
	}
	progress, done := progressBar(stderr, "importing "+object, 0)
	keyring, err := keyringFromEnv(false)
	if err != nil {
		return err
	}
	err = jobs.Import(ctx, jobConfig(db, keyring), ch, object, file, run.ID, progress)
	done()
	if r, rerr := models.RunByID(db, run.ID); rerr == nil {
		printRunSummary(stdout, r)
	}
	return err
}

// printRunSummary says what a run did, and lists the rows it could not read.
func printRunSummary(w io.Writer, r models.SyncRun) {
	fmt.Fprintf(w, "%s: read %d, created %d, updated %d, unchanged %d, held for review %d, failed %d.\n",
		r.Object, r.Read, r.Created, r.Updated, r.Unchanged, r.Held, r.Failed)
	for _, p := range r.ProblemList() {
		fmt.Fprintln(w, "  "+p)
	}
	if r.Held > 0 {
		fmt.Fprintln(w, "Held records wait in the inbox with their reasons.")
	}
}
