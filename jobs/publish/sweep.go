package publish

import (
	"context"
	"database/sql"
	"time"

	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"steward/models"
)

// SweepArgs is the periodic job that queues pending publications without a job: rows
// written by a tool that had no queue, or a version committed in the instant its record's
// job was finishing. Queuing one that has a job is a no-op (the job is unique).
type SweepArgs struct{}

// Kind names the job in the queue.
func (SweepArgs) Kind() string { return "publish.sweep" }

// InsertOpts keeps one sweep at a time.
func (SweepArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: Queue, UniqueOpts: uniqueWhileQueued}
}

// SweepWorker runs the sweep.
type SweepWorker struct {
	river.WorkerDefaults[SweepArgs]
	DB *gorm.DB
	// Age is how long a publication may wait before the sweep queues it; 0 means a minute.
	Age time.Duration
}

// Work queues up to 5,000 stale records per run.
func (w *SweepWorker) Work(ctx context.Context, _ *river.Job[SweepArgs]) error {
	age := w.Age
	if age == 0 {
		age = time.Minute
	}
	keys, err := models.StalePendingKeys(w.DB.WithContext(ctx), time.Now().Add(-age), 5000)
	if err != nil || len(keys) == 0 {
		return err
	}
	params := make([]river.InsertManyParams, len(keys))
	for i, k := range keys {
		params[i] = river.InsertManyParams{Args: Args{ChannelID: k.ChannelID, ObjectType: k.ObjectType, GoldenID: k.GoldenID}}
	}
	_, err = river.ClientFromContext[*sql.Tx](ctx).InsertMany(ctx, params)
	return err
}

// SweepJob runs the sweep every 30 seconds, on the elected leader only.
func SweepJob() *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(30*time.Second), func() (river.JobArgs, *river.InsertOpts) {
		return SweepArgs{}, nil
	}, &river.PeriodicJobOpts{ID: "publish-sweep", RunOnStart: true})
}

// AddWorkers registers the publish and sweep workers.
func AddWorkers(workers *river.Workers, cfg Config) {
	river.AddWorker(workers, NewWorker(cfg))
	river.AddWorker(workers, &SweepWorker{DB: cfg.DB})
}

// QueueConfig is the publish queue's: a 1 ms fetch cooldown lets 4 workers send about 1,500
// jobs a second where River's default 100 ms would cap them near 40.
func QueueConfig(workers int) river.QueueConfig {
	return river.QueueConfig{MaxWorkers: workers, FetchCooldown: time.Millisecond, FetchPollInterval: 200 * time.Millisecond}
}
