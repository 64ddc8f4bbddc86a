package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"steward/jobs/publish"
	"steward/models"
)

// ReaderFactory builds the reader of a channel's current state, for reconciliation; an
// error means the channel cannot be read (no connector, no credentials).
type ReaderFactory func(ch models.Channel) (publish.Reader, error)

// ReconcileObjects are the objects reconciliation compares.
var ReconcileObjects = []string{models.ObjectProduct, models.ObjectCustomer}

// ReconcileArgs are the arguments of a reconciliation job; as for pulls, RunID is set when
// a person queued it, and periodic runs create their record.
type ReconcileArgs struct {
	ChannelID int64  `json:"channel_id" river:"unique"`
	Object    string `json:"object" river:"unique"`
	RunID     int64  `json:"run_id"`
}

// Kind names the job in the queue.
func (ReconcileArgs) Kind() string { return "publish.reconcile" }

// InsertOpts runs reconciliation beside pulls: both read a channel page by page, and one
// channel should not be read by many at once.
func (ReconcileArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{Queue: queuePull} }

type reconcileWorker struct {
	river.WorkerDefaults[ReconcileArgs]
	r *Runner
}

func (w *reconcileWorker) Work(ctx context.Context, job *river.Job[ReconcileArgs]) error {
	runID := job.Args.RunID
	if runID == 0 {
		run, err := models.OpenRun(w.r.cfg.DB, job.Args.ChannelID, "reconcile", job.Args.Object, "schedule")
		if err != nil {
			return err
		}
		runID = run.ID
	}
	err := Reconcile(ctx, w.r.cfg, job.Args.ChannelID, job.Args.Object, runID)
	if errors.Is(err, ErrPermanent) {
		return river.JobCancel(err)
	}
	return err
}

// EnqueueReconcile records a queued reconciliation run and its job in tx.
func (r *Runner) EnqueueReconcile(ctx context.Context, tx *gorm.DB, channelID int64, object, startedBy string) (int64, error) {
	run := models.SyncRun{ChannelID: channelID, Kind: "reconcile", Object: object, StartedBy: startedBy}
	if err := models.CreateRun(tx, &run); err != nil {
		return 0, err
	}
	sqlTx, err := models.SQLTx(tx)
	if err != nil {
		return 0, err
	}
	res, err := r.client.InsertTx(ctx, sqlTx, ReconcileArgs{ChannelID: channelID, Object: object, RunID: run.ID}, &river.InsertOpts{UniqueOpts: *uniqueWhileActive})
	if err != nil {
		return 0, fmt.Errorf("queue reconciliation: %w", err)
	}
	if res.UniqueSkippedAsDuplicate {
		return 0, ErrAlreadyQueued
	}
	return run.ID, nil
}

// reconcileJobs are the nightly reconciliations of every active destination channel
// Steward can read, per object; River's leader alone enqueues them.
func (r *Runner) reconcileJobs(chans []models.Channel) []*river.PeriodicJob {
	if r.cfg.Readers == nil {
		return nil
	}
	var out []*river.PeriodicJob
	for _, ch := range chans {
		if !ch.Active || ch.Direction == models.DirectionSource {
			continue
		}
		if _, err := r.cfg.Readers(ch); err != nil {
			continue // no reader for this kind of channel
		}
		for _, object := range ReconcileObjects {
			args := ReconcileArgs{ChannelID: ch.ID, Object: object}
			out = append(out, river.NewPeriodicJob(nightly{hour: 2}, func() (river.JobArgs, *river.InsertOpts) {
				return args, &river.InsertOpts{UniqueOpts: *uniqueWhileActive}
			}, &river.PeriodicJobOpts{ID: fmt.Sprintf("reconcile-%d-%s", ch.ID, object)}))
		}
	}
	return out
}

// nightly is a schedule at a fixed UTC hour: channels are read when shops are quiet.
type nightly struct{ hour int }

func (n nightly) Next(t time.Time) time.Time {
	t = t.UTC()
	next := time.Date(t.Year(), t.Month(), t.Day(), n.hour, 0, 0, 0, time.UTC)
	if !next.After(t) {
		next = next.AddDate(0, 0, 1)
	}
	return next
}

// Reconcile reads a channel's records of an object page by page and compares each with the
// golden record it is linked to, storing each difference as drift; then it raises the
// golden records linked to the channel that it did not hold, and resolves the drift of
// earlier runs that this one no longer found. Each page is stored in its own short
// transaction, so a long read holds no lock and a failed run keeps what it found.
func Reconcile(ctx context.Context, cfg Config, channelID int64, object string, runID int64) (err error) {
	db := cfg.DB
	defer func() {
		if ferr := models.FinishRun(db, runID, err, ""); ferr != nil && err == nil {
			err = ferr
		}
	}()
	ch, err := models.ChannelByID(db, channelID)
	if err != nil {
		return fmt.Errorf("channel %d: %w", channelID, err)
	}
	var total int64
	if err := db.Model(&models.ExternalRef{}).Where("channel_id = ? AND object_type = ?", ch.ID, object).Count(&total).Error; err != nil {
		return err
	}
	if err := models.StartRun(db, runID, total, ""); err != nil {
		return err
	}
	if object != models.ObjectProduct && object != models.ObjectCustomer {
		return Permanent(fmt.Errorf("Steward reconciles products and customers, not %q", object))
	}
	if cfg.Readers == nil {
		return Permanent(fmt.Errorf("Steward cannot read %s's records: no channel reader is configured", ch.Name))
	}
	reader, err := cfg.Readers(ch)
	if err != nil {
		return Permanent(err)
	}
	rc := &reconciler{db: db, ch: ch, object: object, runID: runID, now: time.Now().UTC(), seen: map[string]bool{}}
	if err := rc.useRenderer(); err != nil {
		return err
	}
	cursor := ""
	for page := 1; ; page++ {
		remotes, next, err := reader.Read(ctx, object, cursor)
		if err != nil {
			return fmt.Errorf("read %s page %d: %w", ch.Name, page, explain(err))
		}
		if err := rc.page(remotes); err != nil {
			return err
		}
		if next == "" || next == cursor {
			break
		}
		cursor = next
	}
	if err := rc.missing(); err != nil {
		return err
	}
	if len(rc.problems) > 0 {
		pb, _ := json.Marshal(rc.problems)
		if err := db.Model(&models.SyncRun{}).Where("id = ?", runID).Update("problems", string(pb)).Error; err != nil {
			return err
		}
	}
	_, err = models.CloseStaleDrift(db, ch.ID, object, runID, rc.now)
	return err
}
