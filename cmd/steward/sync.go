package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"steward/jobs"
	"steward/models"
)

// syncCmd runs one pull of a channel now, in this process, with a progress bar.
func syncCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("sync", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := dbFlag(fs)
	channel := fs.String("channel", "", "the channel to pull from")
	object := fs.String("object", "", "what to pull: "+strings.Join(models.SyncObjects, ", ")+" (default: all, in that order)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *channel == "" {
		return fmt.Errorf("sync needs --channel NAME (steward channel list shows them)")
	}
	objects := models.SyncObjects
	if *object != "" {
		if !contains(models.SyncObjects, *object) {
			return fmt.Errorf("--object: one of %s", strings.Join(models.SyncObjects, ", "))
		}
		objects = []string{*object}
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer models.Close(db)
	ch, err := models.ChannelByName(db, *channel)
	if err != nil {
		return fmt.Errorf("there is no channel called %q (steward channel list shows them)", *channel)
	}
	keyring, err := keyringFromEnv(false)
	if err != nil {
		return err
	}
	cfg := jobConfig(db, keyring)
	for _, o := range objects {
		run := models.SyncRun{ChannelID: ch.ID, Kind: "pull", Object: o, StartedBy: "command line"}
		if err := models.CreateRun(db, &run); err != nil {
			return err
		}
		progress, done := progressBar(stderr, "pulling "+o, 0)
		err := jobs.Pull(ctx, cfg, ch.ID, o, run.ID, progress)
		done()
		if r, rerr := models.RunByID(db, run.ID); rerr == nil {
			printRunSummary(stdout, r)
		}
		if err != nil {
			return fmt.Errorf("pull %s from %s: %w", o, ch.Name, err)
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
