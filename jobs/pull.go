package jobs

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"steward/jobs/ingest"
	"steward/models"
)

// Source reads changes of one object from a channel, in the source's order, a page at a
// time, each page with the cursor that resumes after it.
type Source interface {
	// Count estimates how many changes a pull from cursor will read (0 if unknown), for
	// the progress bar.
	Count(ctx context.Context, object, cursor string) (int64, error)
	// Pull reads from cursor and hands each page to onPage; it stops at the first error.
	Pull(ctx context.Context, object, cursor string, onPage func(changes []ingest.Change, next string) error) error
}

// SourceFactory builds the source for a channel from its settings.
type SourceFactory func(ch models.Channel) (Source, error)

// ErrPermanent marks an error that retrying will not fix (wrong credentials, unknown
// field): the job fails at once instead of backing off for hours.
var ErrPermanent = errors.New("permanent")

// PullArgs are the arguments of a sync pull job. RunID is set when a person or the command
// line queued the run (its record exists already); periodic runs create their record.
type PullArgs struct {
	ChannelID int64  `json:"channel_id" river:"unique"`
	Object    string `json:"object" river:"unique"`
	RunID     int64  `json:"run_id"`
}

// Kind names the job in the queue.
func (PullArgs) Kind() string { return "sync.pull" }

// InsertOpts puts pulls on their own queue.
func (PullArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{Queue: queuePull} }

type pullWorker struct {
	river.WorkerDefaults[PullArgs]
	r *Runner
}

// Timeout leaves a long first pull of 100k records room to finish.
func (w *pullWorker) Timeout(*river.Job[PullArgs]) time.Duration {
	return w.r.cfg.RescueAfter - time.Minute
}

func (w *pullWorker) Work(ctx context.Context, job *river.Job[PullArgs]) error {
	runID := job.Args.RunID
	if runID == 0 {
		// A periodic job: continue the run a crashed or failed attempt left open, or
		// start one.
		run, err := models.OpenRun(w.r.cfg.DB, job.Args.ChannelID, "pull", job.Args.Object, "schedule")
		if err != nil {
			return err
		}
		runID = run.ID
	}
	err := w.r.Pull(ctx, job.Args.ChannelID, job.Args.Object, runID)
	if errors.Is(err, ErrPermanent) {
		return river.JobCancel(err)
	}
	return err
}

// Pull runs one pull of a channel's object into the run's record: page by page, each page
// applied with its cursor in one transaction, so that a crash at any point loses and
// duplicates nothing on the next run.
func (r *Runner) Pull(ctx context.Context, channelID int64, object string, runID int64) error {
	return Pull(ctx, r.cfg, channelID, object, runID, nil)
}

// Progress is told about each page as it is applied (the command line draws a bar).
type Progress func(done, total int64)

// Pull runs one pull without a queue, for the command line; see Runner.Pull.
func Pull(ctx context.Context, cfg Config, channelID int64, object string, runID int64, progress Progress) (err error) {
	db := cfg.DB
	ch, err := models.ChannelByID(db, channelID)
	if err != nil {
		return fmt.Errorf("channel %d: %w", channelID, err)
	}
	cursor, err := models.LoadCursor(db, ch.ID, object)
	if err != nil {
		return err
	}
	last := cursor
	defer func() {
		if ferr := models.FinishRun(db, runID, err, last); ferr != nil && err == nil {
			err = ferr
		}
	}()
	if err := models.StartRun(db, runID, 0, cursor); err != nil {
		return err
	}
	if !ch.Active {
		return Permanent(fmt.Errorf("%s is switched off", ch.Name))
	}
	src, err := cfg.Sources(ch)
	if err != nil {
		return Permanent(err)
	}
	total, err := src.Count(ctx, object, cursor)
	if err != nil && errors.Is(explain(err), ErrPermanent) {
		return explain(err) // wrong credentials: say so now rather than after the first page
	}
	if err != nil {
		cfg.Log.Warn("count before pull", "channel", ch.Name, "object", object, "err", err)
	} else if total > 0 {
		db.Model(&models.SyncRun{}).Where("id = ?", runID).Update("total", total)
	}
	decide, err := cfg.Decider(db)
	if err != nil {
		return err
	}
	in := &ingest.Ingester{DB: db, Decide: decide}
	var done int64
	return explain(src.Pull(ctx, object, cursor, func(changes []ingest.Change, next string) error {
		_, err := in.Apply(ctx, ch, runID, changes, func(tx *gorm.DB) error {
			return models.SaveCursor(tx, ch.ID, object, next)
		})
		if err != nil {
			return err
		}
		last = next
		done += int64(len(changes))
		if progress != nil {
			progress(done, total)
		}
		return nil
	}))
}
